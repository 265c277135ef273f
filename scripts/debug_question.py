"""Show how the reader scored one question: top sentences and every candidate (a dev aid)."""

from __future__ import annotations

import sys

import kit
from kit.questions import classify


def main() -> None:
    k = kit.open_corpus(sys.argv[2] if len(sys.argv) > 2 else None)
    question = sys.argv[1]
    qtype = classify(question)
    print(qtype)
    ranked = k.reader.rank_sentences(question, qtype)
    for row, score in ranked[:10]:
        sentence = k.index.sentences[row]
        print(f"{score:.3f} {sentence.source[:3]} {sentence.text[:110]}")
        for c in k.reader._candidates(row, score, qtype):
            print(f"      cand {c.score:.3f} {c.display!r} key={c.key}")
    print(k.ask(question).to_dict())


if __name__ == "__main__":
    main()
