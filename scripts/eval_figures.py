"""Score `kit figures` against hand-marked figures (issue 13).

    .venv/bin/python scripts/eval_figures.py            # flood fixture + Wikinews sample
    .venv/bin/python scripts/eval_figures.py --misses   # also list the figures missed

The flood corpus (tests/data/flood) is in the repository; the 30 Wikinews articles are read
from ../shared/data/news-corpus.jsonl when it is there (CC BY 2.5, Wikinews contributors);
tests/data/figures_gold_wikinews.jsonl holds only their ids and the hand-marked figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.corpus import corpus_from_records, load_corpus  # noqa: E402
from kit.figure_scores import read_gold, score_figures  # noqa: E402
from kit.figures import figures_frame  # noqa: E402

DATA = ROOT / "tests" / "data"
NEWS = ROOT.parent / "shared" / "data" / "news-corpus.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the figures missed")
    args = parser.parse_args()
    sets = [("flood fixture", load_corpus(DATA / "flood"), DATA / "figures_gold.jsonl")]
    if NEWS.exists():
        articles, _ = read_gold(DATA / "figures_gold_wikinews.jsonl")
        records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
        chosen = [r for r in records if r["id"] in set(articles)]
        sets.append(
            ("Wikinews sample", corpus_from_records(chosen), DATA / "figures_gold_wikinews.jsonl")
        )
    else:
        print(f"({NEWS} not found: Wikinews sample skipped)")
    for name, corpus, gold_path in sets:
        articles, gold = read_gold(gold_path)
        frame = figures_frame(corpus)
        texts = {a.source: a.text for a in corpus}
        scores = score_figures(frame, texts, articles, gold)
        print(f"== {name}: {len(articles)} articles")
        print("\n".join(scores.lines()))
        if args.misses:
            print("missed:", "; ".join(scores.misses) or "none")
            found = frame[frame["source"].isin(set(articles))]
            print(
                f"found ({len(found)}):",
                "; ".join(f"{r.source[9:30]}: {r.quote}" for r in found.itertuples()),
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
