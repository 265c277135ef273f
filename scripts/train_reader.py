"""Train the reader's candidate scorer and answer-confidence model on SQuAD training articles.

    .venv/bin/pip install scikit-learn          # training only; kit/ never imports it
    .venv/bin/python scripts/train_reader.py prepare --part vectors &
    .venv/bin/python scripts/train_reader.py prepare --part annotations
    .venv/bin/python scripts/train_reader.py fit
    .venv/bin/python scripts/train_reader.py split     # held-out JSONL for `kit eval`

The SQuAD sample (44 articles) is split by article: the first 34 train and tune, the last 10
are held out and never read here except by `split`, which writes them for `kit eval`.
`prepare` parses and embeds every training paragraph once (slow: MiniLM ~45 sentences/s,
spaCy ~180 sentences/s) into a work folder; `fit` then builds candidates with the kit's own
reader, labels them against the gold answers and fits two logistic regressions:

1. the candidate scorer (features -> is this span the exact answer?), and
2. the answer-confidence model (best answer's features -> is it right?), fitted on answerable
   questions read against their own paragraph AND unanswerable ones read against the most
   similar paragraphs of OTHER articles, so the abstention threshold is honest.

Both are written to `kit/data/reader_weights.json` as plain named weights.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import sys
import time
from collections import Counter, OrderedDict, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SQUAD = Path("/work/shared/data/squad-train-sample.jsonl")
TRAIN_ARTICLES = 34
TUNE_ARTICLES = 4  # the last few training articles tune C and the threshold before the final fit
WORK = Path("/tmp/kit-train")
WEIGHTS = ROOT / "kit" / "data" / "reader_weights.json"


def load_squad() -> OrderedDict[str, list[dict[str, Any]]]:
    """Records grouped by article title, in file order."""
    by_title: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    with SQUAD.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            by_title.setdefault(record["title"], []).append(record)
    return by_title


def training_titles(by_title: OrderedDict[str, list[dict[str, Any]]]) -> list[str]:
    return list(by_title)[:TRAIN_ARTICLES]


def heldout_titles(by_title: OrderedDict[str, list[dict[str, Any]]]) -> list[str]:
    return list(by_title)[TRAIN_ARTICLES:]


def paragraphs(records: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(r["context"] for r in records))


def paragraph_sentences(context: str, source: str) -> list[Any]:
    from kit.corpus import corpus_from_records
    from kit.passages import split_sentences

    corpus = corpus_from_records([{"id": source, "text": context}])
    return split_sentences(corpus[source])


# -- prepare ---------------------------------------------------------------------------------


def prepare(part: str) -> None:
    """Embed (part=vectors) or parse (part=annotations) every training paragraph once."""
    by_title = load_squad()
    WORK.mkdir(parents=True, exist_ok=True)
    contexts = [c for t in training_titles(by_title) for c in paragraphs(by_title[t])]
    texts = [s.text for n, c in enumerate(contexts) for s in paragraph_sentences(c, f"p{n}")]
    started = time.perf_counter()
    if part == "vectors":
        from kit.embeddings import MiniLMEncoder

        questions = [r["question"] for t in training_titles(by_title) for r in by_title[t]]
        encoder = MiniLMEncoder.shared()
        np.save(WORK / "sentence_vectors.npy", encoder.encode(texts))
        np.save(WORK / "question_vectors.npy", encoder.encode(questions))
    else:
        from kit.annotate import annotate_sentences

        annotations = annotate_sentences(texts)
        assert annotations is not None, "spaCy is needed to prepare annotations"
        with (WORK / "annotations.pkl").open("wb") as handle:
            pickle.dump(annotations, handle)
    print(f"prepared {part}: {len(texts)} sentences in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    prep = sub.add_parser("prepare")
    prep.add_argument("--part", choices=["vectors", "annotations"], required=True)
    sub.add_parser("fit")
    split = sub.add_parser("split")
    split.add_argument("--out", default=str(WORK / "heldout.jsonl"))
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.part)
    elif args.command == "fit":
        fit()
    else:
        write_heldout(Path(args.out))


def write_heldout(out: Path) -> None:
    """The held-out articles' records, for `kit eval FILE --contexts own|pooled`."""
    by_title = load_squad()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for title in heldout_titles(by_title):
            for record in by_title[title]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {sum(len(by_title[t]) for t in heldout_titles(by_title))} questions to {out}")


def fit() -> None:
    raise NotImplementedError


if __name__ == "__main__":
    main()
