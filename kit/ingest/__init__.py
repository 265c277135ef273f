"""Ingest, the first stage: articles in, original texts with their sentences and passages out.

- `kit.ingest.corpus`: reading a folder, `.jsonl` or `.csv` of articles (or the seeds) into a
  `Corpus` of `Article`s, the original text every offset points into.
- `kit.ingest.passages`: sentence splitting and passages (a few sentences each) with offsets.
- `kit.ingest.jsonl`: the one JSON Lines reader (corpora, gold files, batches).
"""
