"""`make bench`: accuracy and speed of `kit ask` on the seeds, and of the reader on SQuAD.

Prints: exact match, F1, citation validity and abstention accuracy on the gold questions;
cold `kit ask` wall time (a new process, index cached); warm per-question latency p50/p95;
the time to split a 10 MB article written on one line (quadratic before issue 11);
and EM/F1 on SQuAD v1.1 train-sample questions from held-out articles (the reader's weights
are fitted on the first articles only), with each paragraph as its own corpus and with all
held-out paragraphs pooled into one corpus, each both always answering (`--no-abstain`, the
published baselines' setting) and abstaining below the confidence threshold (`kit ask`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "questions.jsonl"
SQUAD = SHARED / "data" / "squad-train-sample.jsonl"
TRAIN_ARTICLES = 34  # articles 1-34 may be used for fitting; 35-44 are held out


def kit_command() -> str:
    return str(Path(sys.executable).with_name("kit"))


def cold_ask_seconds(runs: int = 3) -> tuple[float, float]:
    """(first run with an empty cache, median of later cold-process runs with the cache)."""
    env = {**os.environ, "KIT_CACHE_DIR": tempfile.mkdtemp(prefix="kit-bench-")}
    argv = [kit_command(), "ask", "How fast was the Oreshnik?", "--json"]
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def warm_latency(kit: Any, questions: list[str], repeats: int = 20) -> tuple[float, float]:
    for q in questions:
        kit.ask(q)
    samples = []
    for _ in range(repeats):
        for q in questions:
            started = time.perf_counter()
            kit.ask(q)
            samples.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(samples, 50)), float(np.percentile(samples, 95))


def heldout_squad(limit: int) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in SQUAD.open(encoding="utf-8")]
    titles = list(dict.fromkeys(r["title"] for r in records))
    held = set(titles[TRAIN_ARTICLES:])
    out = [r for r in records if r["title"] in held]
    return out[:limit] if limit else out


def squad_scores(records: list[dict[str, Any]], contexts: str, abstain: bool) -> dict[str, Any]:
    from kit.cli import _eval_squad

    started = time.perf_counter()
    report = _eval_squad(records, contexts, abstain=abstain)
    summary = report.summary()
    return {
        "questions": summary["questions"],
        "exact_match": summary["exact_match"],
        "f1": summary["f1"],
        "answered": round(1 - float(np.mean([s.abstained for s in report.scores])), 4),
        "seconds": round(time.perf_counter() - started, 1),
        "by_type": report.by_type(),
    }


def one_line_article_seconds(size: int = 10_000_000) -> tuple[float, int]:
    """(CPU seconds, sentences) to split a `size`-character article with no line break into
    sentences and passages: the shape that took hours when splitting was quadratic. CPU
    time, so that other work on the machine does not blur the number."""
    from kit.corpus import Article, find_furniture
    from kit.passages import make_passages, split_sentences

    sentence = "Officials said the missile reached Mach 11 over Dnipro, U.S. sources say. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    article = Article("one-line", text, furniture=find_furniture(text))
    started = time.process_time()
    sentences = split_sentences(article)
    make_passages(article, sentences)
    return time.process_time() - started, len(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--squad-limit", type=int, default=1500, help="0 = all held-out questions")
    parser.add_argument("--skip-squad", action="store_true")
    args = parser.parse_args()

    import kit
    from kit.evaluation import evaluate_questions, read_gold

    print("== seeds: gold questions ==")
    seed_kit = kit.open_corpus()
    gold = read_gold(GOLD)
    summary = evaluate_questions(seed_kit, gold).summary()
    for key in ("questions", "correct", "exact_match", "f1", "citation_validity"):
        print(f"{key:>26}: {summary[key]}")
    print(f"{'abstention_accuracy':>26}: {summary['abstention_accuracy']}")

    print("== speed ==")
    first, cold = cold_ask_seconds()
    print(f"{'cold kit ask, empty cache':>26}: {first:.2f} s")
    print(f"{'cold kit ask, cached':>26}: {cold:.2f} s   (target < 3 s)")
    p50, p95 = warm_latency(seed_kit, [g["question"] for g in gold])
    print(f"{'warm ask p50 / p95':>26}: {p50:.1f} ms / {p95:.1f} ms   (target p50 < 50 ms)")
    seconds, count = one_line_article_seconds()
    print(f"{'split 10 MB on one line':>26}: {seconds:.2f} s CPU   ({count} sentences; linear)")

    if args.skip_squad or not SQUAD.exists():
        return
    records = heldout_squad(args.squad_limit)
    print(f"== SQuAD v1.1 train sample, held-out articles {TRAIN_ARTICLES + 1}-44 ==")
    print("   published (dev, paragraph given): sliding window F1 20.2; logistic regression")
    print("   EM 40.0 / F1 51.0 (Rajpurkar et al. 2016)")
    print("   'always answer' is comparable with the published numbers; 'abstaining' is `kit ask`")
    for contexts in ("own", "pooled"):
        for abstain in (False, True):
            result = squad_scores(records, contexts, abstain)
            by_type = result.pop("by_type")
            mode = "abstaining" if abstain else "always answer"
            print(f"{contexts + ' paragraphs, ' + mode:>30}: {result}")
            for answer_type, row in list(by_type.items())[:8]:
                print(f"{'  ' + answer_type:>30}: {row}")


if __name__ == "__main__":
    main()
