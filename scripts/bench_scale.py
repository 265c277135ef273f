"""`make bench-scale`: index throughput, peak memory and query latency at 1k, 10k and 100k passages.

The corpus is `../shared/data/news-corpus.jsonl` repeated with distinct ids (`ID#rN`) until it
holds the wanted number of passages. Each (size, store) runs in its own process, so its peak
memory (max RSS) is its own. Index build time is a cold build into an empty cache; query
latency is warm: the index and models are loaded and one question has been asked first.

    python scripts/bench_scale.py                       # embedded store, 1k/10k/100k
    python scripts/bench_scale.py --pg-url URL          # and PostgreSQL (postgres.sh url)
    python scripts/bench_scale.py --sizes 1000 --write  # write the table into docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news-corpus.jsonl"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench-scale:begin -->", "<!-- bench-scale:end -->"

QUESTIONS = [
    "How many people died in the Magnitogorsk apartment building collapse?",
    "Who was killed by the bomb in Mokha?",
    "How old was Nickey Iyambo when he died?",
    "When did Franky Zapata cross the English Channel?",
    "How many people died in the Nevada plane crash?",
    "Where did the prop plane crash?",
    "Who endorsed Joe Biden?",
    "How many people were killed in the Reading stabbing?",
    "How old was Pranab Mukherjee?",
    "What did the materials scientists invent?",
    "Who crewed the Tippu Express?",
    "What sentence did Paul Manafort receive?",
]
CLAIMS = [
    "39 people died in the Magnitogorsk building collapse.",
    "Nickey Iyambo died aged 90.",
    "Three people were killed in the stabbing attack in Reading.",
    "Pranab Mukherjee died aged 84.",
    "Franky Zapata crossed the English Channel on a jet-powered hoverboard.",
    "Elizabeth Warren endorsed Bernie Sanders.",
]


def make_corpus(passages: int, folder: Path) -> Path:
    """News records repeated with distinct ids until the corpus has `passages` passages."""
    from kit.ingest.corpus import iter_records
    from kit.ingest.passages import make_passages, split_sentences

    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    counts = [len(make_passages(a, split_sentences(a))) for a in iter_records(NEWS)]
    out = folder / f"news-{passages}.jsonl"
    total, copy = 0, 0
    with out.open("w", encoding="utf-8") as handle:
        while total < passages:
            for record, count in zip(records, counts, strict=True):
                if total >= passages:
                    break
                source = record["id"] if copy == 0 else f"{record['id']}#r{copy}"
                handle.write(json.dumps({**record, "id": source}, ensure_ascii=False) + "\n")
                total += count
            copy += 1
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_one(corpus: Path, store: str, cache: Path) -> dict[str, Any]:
    """Build, then time warm ask/check, in this process (called in a child process)."""
    import os

    os.environ["KIT_CACHE_DIR"] = str(cache)
    from kit.api import FactKit
    from kit.index.indexing import SCALE_MIN_CHARS, build_index
    from kit.ingest.corpus import load_corpus

    corpus_obj = load_corpus(corpus)
    large = sum(len(a.text) for a in corpus_obj) > SCALE_MIN_CHARS
    began = time.perf_counter()
    if large:
        _, stats = build_index(corpus_obj, progress=False)
        built = {"dense": stats.dense, "passages": stats.passages, "sentences": stats.sentences}
    else:
        from kit.index.indexing import open_index

        index = open_index(corpus_obj)
        built = {"dense": True, "passages": len(index.passages), "sentences": len(index.sentences)}
    build_s = time.perf_counter() - began
    began = time.perf_counter()
    kit = FactKit.open(corpus, store=None if store == "embedded" else store, progress=False)
    open_s = time.perf_counter() - began  # includes the PostgreSQL upload for that store
    backend = type(getattr(kit.index, "backend", None)).__name__
    first = _timed(kit.ask, QUESTIONS[0])
    ask = [_timed(kit.ask, q) for q in QUESTIONS[1:] + QUESTIONS[1:]]
    result: dict[str, Any] = {
        "store": store,
        "backend": "InMemory" if backend == "NoneType" else backend,
        "articles": len(corpus_obj),
        **built,
        "build_s": round(build_s, 1),
        "open_s": round(open_s, 1),
        "articles_per_s": round(len(corpus_obj) / build_s, 1),
        "passages_per_s": round(built["passages"] / build_s, 1),
        "first_ask_ms": round(first * 1000),
        "ask_p50_ms": round(statistics.median(ask) * 1000, 1),
        "ask_p95_ms": round(percentile(ask, 0.95) * 1000, 1),
    }
    try:
        _timed(kit.check, CLAIMS[0])
        check = [_timed(kit.check, c) for c in CLAIMS[1:] + CLAIMS[1:]]
        result["check_p50_ms"] = round(statistics.median(check) * 1000, 1)
        result["check_p95_ms"] = round(percentile(check, 0.95) * 1000, 1)
    except Exception as exc:  # kit check is built elsewhere; report, do not fail the bench
        result["check_error"] = f"{type(exc).__name__}: {exc}"[:120]
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def _timed(call: Any, text: str) -> float:
    began = time.perf_counter()
    call(text)
    return time.perf_counter() - began


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| passages | store | backend | dense | articles | build s | articles/s | passages/s "
        "| open s | 1st ask ms | ask p50 ms | ask p95 ms | check p50 ms | check p95 ms "
        "| peak RSS MB |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(
            f"| {r['passages']} | {r['store']} | {r['backend']} | {r['dense']} | {r['articles']} "
            f"| {r['build_s']} | {r['articles_per_s']} | {r['passages_per_s']} | {r['open_s']} "
            f"| {r['first_ask_ms']} | {r['ask_p50_ms']} | {r['ask_p95_ms']} "
            f"| {r.get('check_p50_ms', 'n/a')} | {r.get('check_p95_ms', 'n/a')} "
            f"| {r['peak_rss_mb']} |"
        )
    return "\n".join(lines)


def write_doc(rows: list[dict[str, Any]]) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{table(rows)}\n{END}"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n## Scale (`make bench-scale`)\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--pg-url", help="also benchmark this PostgreSQL store")
    parser.add_argument("--write", action="store_true", help="write the table to docs/")
    parser.add_argument(
        "--one", nargs=3, metavar=("CORPUS", "STORE", "CACHE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(Path(args.one[0]), args.one[1], Path(args.one[2]))))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="kit-bench-scale-") as tmp:
        for size in args.sizes:
            corpus = make_corpus(size, Path(tmp))
            for store in ["embedded"] + ([args.pg_url] if args.pg_url else []):
                cache = Path(tmp) / f"cache-{size}-{len(rows)}"
                argv = [sys.executable, __file__, "--one", str(corpus), store, str(cache)]
                done = subprocess.run(argv, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    print(done.stderr[-2000:], file=sys.stderr)
                    return 1
                row = json.loads(done.stdout.strip().splitlines()[-1])
                if store != "embedded":
                    from kit.index.stores import mask_url

                    row["store"] = "postgresql"
                    row["url"] = mask_url(store)
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(table(rows))
    if args.write:
        write_doc(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
