"""The reading stage: questions in, cited answers out.

- `kit.reading.ranking`: which sentences to read, the ranking every reader shares.
- `kit.reading.model`: the trained span model (MiniLM fine-tuned on SQuAD, int8 ONNX) and its
  calibration; torch is never imported at run time.
- `kit.reading.neural`: the default reader: ranked sentences read with their neighbours,
  readings placed in the articles, grouped by value across sources.
- `kit.reading.rules`: the model-free reader (`--reader rules`) and the typed path.
- `kit.reading.yesno`, `kit.reading.whois`: yes/no from the deciding sentence's polarity;
  "Who is X?" from titles and appositions.
- `kit.reading.values`: `AnswerKey`, the typed value that makes readings one answer.
- `kit.reading.results`: `Citation`, `Answer`, `AnswerSet`.

`kit.reading.answers.Reader.ask` is the entry point; question typing is `kit.reading.questions`,
candidate spans `kit.reading.candidates`, candidate features and fitted scorers
`kit.reading.ranker`.
"""
