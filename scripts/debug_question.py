"""Show how the reader scored one question: top sentences, candidates and answers (a dev aid).

.venv/bin/python scripts/debug_question.py "How fast was the Oreshnik?" [CORPUS]
"""

from __future__ import annotations

import sys

import kit
import kit.reading.answers
from kit.reading.questions import classify


def main() -> None:
    k = kit.open_corpus(sys.argv[2] if len(sys.argv) > 2 else None)
    question = sys.argv[1]
    qtype = classify(question)
    print(qtype, "annotated" if k.index.annotations is not None else "rules only")
    candidates = k.reader.rules.candidates(question, qtype)
    by_sentence: dict[int, list[kit.reading.answers.Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(k.index.row(c.sentence), []).append(c)
    for r in k.reader.ranking.rank(question, qtype)[:10]:
        sentence = k.index.sentences[r.row]
        print(
            f"{r.score:.3f} lex={r.lexical:.2f} dense={r.dense:.2f} {sentence.source[:3]} "
            f"{sentence.text[:100]}"
        )
        for c in sorted(by_sentence.get(r.row, []), key=lambda c: -c.score)[:6]:
            top = sorted(c.features.items(), key=lambda kv: -abs(kv[1]))[:0]
            print(f"      cand {c.score:+.2f} {c.display!r} key={c.key} {top}")
    for probability, members in k.reader.rules.scored_groups(candidates, qtype)[:5]:
        print(f"  answer p={probability:.3f} {members[0].display!r} ({len(members)} mentions)")
    print(k.ask(question).to_dict())


if __name__ == "__main__":
    main()
