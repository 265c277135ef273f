"""The reading stage: questions in, cited answers out.

- `kit.reading.model`: the trained span model (MiniLM fine-tuned on SQuAD, int8 ONNX) and its
  calibration; torch is never imported at run time.
- `kit.reading.neural`: the default reader: retrieved sentences read with their neighbours,
  readings placed in the articles, grouped by value across sources.
- `kit.reading.yesno`: yes/no questions answered from the deciding sentence's polarity.

The model-free reader (`--reader rules`) lives in `kit.answers`, `kit.candidates` and
`kit.ranker`.
"""
