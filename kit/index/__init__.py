"""Index, the second stage: a corpus's sentences parsed, embedded and made searchable.

- `kit.index.retrieval`: `Index`, the index in memory (sentences, passages, vectors, the hybrid
  BM25 + MiniLM pipeline).
- `kit.index.indexing`, `kit.index.generation`, `kit.index.cache`: opening an index, one
  generation per build in the corpus's archive, and the cache folders.
- `kit.index.annotate`: the spaCy parse of every sentence, saved with the index.
- `kit.index.embeddings`: the MiniLM encoder (int8 ONNX) and its Haystack embedders.
- `kit.index.stores`: the retrieval backends (in-memory, bm25s, PostgreSQL + pgvector).
"""
