"""Train the reader's candidate scorer and answer-confidence model on SQuAD training articles.

    .venv/bin/pip install -e '.[train]'    # scikit-learn, lightgbm: training only
    .venv/bin/python scripts/train_reader.py prepare --part vectors &
    .venv/bin/python scripts/train_reader.py prepare --part annotations
    .venv/bin/python scripts/train_reader.py fit
    .venv/bin/python scripts/train_reader.py split     # held-out JSONL for `kit eval`
    .venv/bin/python scripts/train_reader.py heldout --contexts own

The SQuAD sample (44 articles) is split by article: the first 34 train and tune, the last 10
are held out and never read here except by `split` and `heldout`, which score them.
`prepare` parses and embeds every training paragraph once (slow: MiniLM ~45 sentences/s,
spaCy ~180 sentences/s) into a work folder; `fit` then builds candidates with the kit's own
reader (two processes, ~8 minutes), labels them against the gold answers and fits:

1. the candidate scorer for annotated indexes: boosted trees ranking each question's
   candidates (LightGBM lambdarank), exported as a flat node table that
   `kit.reading.ranker.TreeModel` evaluates with numpy (checked against LightGBM's own predictions
   at export);
2. a linear scorer for rules-only indexes: a softmax over each question's candidates (like the
   SQuAD paper's multiclass logistic regression), question word crossed with span shape;
3. the answer-confidence model (best answer's features -> is it right?), fitted out of fold on
   answerable questions read against their own paragraph AND unanswerable ones read against
   the most similar paragraphs of OTHER articles, so the abstention threshold is honest.

All are written to `kit/data/reader_weights.json` as plain JSON.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.reading.ranker import TreeModel  # noqa: E402

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
    from kit.ingest.corpus import corpus_from_records
    from kit.ingest.passages import split_sentences

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
        from kit.index.encoder import MiniLMEncoder

        questions = [r["question"] for t in training_titles(by_title) for r in by_title[t]]
        encoder = MiniLMEncoder.shared()
        np.save(WORK / "sentence_vectors.npy", encoder.encode(texts))
        np.save(WORK / "question_vectors.npy", encoder.encode(questions))
    else:
        from kit.index.annotate import annotate_sentences

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
    fitting = sub.add_parser("fit")
    fitting.add_argument("--cache", default="examples.pkl", help="examples file in the work folder")
    split = sub.add_parser("split")
    split.add_argument("--out", default=str(WORK / "heldout.jsonl"))
    held = sub.add_parser("heldout", help="score the held-out articles, forced and abstaining")
    held.add_argument("--contexts", choices=["own", "pooled", "other"], default="own")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.part)
    elif args.command == "fit":
        fit(args.cache)
    elif args.command == "heldout":
        score_heldout(args.contexts)
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


# -- candidates and labels -------------------------------------------------------------------

RULE_SOURCES = frozenset({"quantity", "date", "name", "sentence", "expansion"})


def make_index(contexts: list[tuple[str, str]], vectors: np.ndarray, annotations: list[Any]) -> Any:
    """An `Index` over a few paragraphs whose retrieval ranks every passage by embedding.

    Training reads each paragraph whole (like `kit eval --contexts own`), so the Haystack
    pipeline is not needed; vectors and annotations come from `prepare`.
    """
    from haystack.document_stores.in_memory import InMemoryDocumentStore

    from kit.index.retrieval import Hit, Index, passage_vectors, split_corpus
    from kit.ingest.corpus import corpus_from_records

    class TrainIndex(Index):
        query: np.ndarray = np.zeros(0)

        def retrieve(self, query: str, *, top_k: int = 8) -> tuple[list[Any], np.ndarray]:
            scores = self.passage_vectors @ self.query
            order = np.argsort(-scores)[:top_k]
            hits = [Hit(self.passages[i], float(scores[i]), r) for r, i in enumerate(order)]
            return hits, self.query

    corpus = corpus_from_records([{"id": pid, "text": text} for pid, text in contexts])
    sentences, passages = split_corpus(corpus)
    assert len(sentences) == len(vectors) == len(annotations)
    row = {(s.source, s.index): i for i, s in enumerate(sentences)}
    rows = [[row[(p.source, i)] for i in p.sentences] for p in passages]
    pvectors = passage_vectors(rows, vectors)
    store = InMemoryDocumentStore()
    return TrainIndex(corpus, sentences, passages, vectors, pvectors, store, annotations)


class Prepared:
    """The training paragraphs with their sentence vectors and annotations from `prepare`."""

    def __init__(self) -> None:
        by_title = load_squad()
        self.titles = training_titles(by_title)
        self.records = [r for t in self.titles for r in by_title[t]]
        vectors = np.load(WORK / "sentence_vectors.npy")
        self.qvectors = np.load(WORK / "question_vectors.npy")
        with (WORK / "annotations.pkl").open("rb") as handle:
            annotations = pickle.load(handle)
        self.contexts: list[str] = []
        self.article_of: list[int] = []
        for a, title in enumerate(self.titles):
            for context in paragraphs(by_title[title]):
                self.contexts.append(context)
                self.article_of.append(a)
        self.slices: list[tuple[int, int]] = []
        start = 0
        for n, context in enumerate(self.contexts):
            count = len(paragraph_sentences(context, f"p{n}"))
            self.slices.append((start, start + count))
            start += count
        assert start == len(vectors) == len(annotations)
        self.vectors, self.annotations = vectors, annotations
        self.paragraph_of = {c: n for n, c in enumerate(self.contexts)}
        self.sentence_paragraph = np.concatenate(
            [np.full(e - s, n) for n, (s, e) in enumerate(self.slices)]
        )

    def index(self, ids: list[int]) -> Any:
        rows = [r for n in ids for r in range(*self.slices[n])]
        contexts = [(f"p{n:05d}", self.contexts[n]) for n in ids]
        return make_index(contexts, self.vectors[rows], [self.annotations[r] for r in rows])

    def distractors(self, q: int, count: int = 3) -> list[int]:
        """The paragraphs of OTHER articles most similar to question q (an unanswerable read)."""
        article = self.article_of[self.paragraph_of[self.records[q]["context"]]]
        scores = self.vectors @ self.qvectors[q]
        out: list[int] = []
        for row in np.argsort(-scores):
            n = int(self.sentence_paragraph[row])
            if self.article_of[n] != article and n not in out:
                out.append(n)
                if len(out) == count:
                    break
        return out


@dataclass
class Example:
    """One question read against one corpus: its candidates (sparse rows) and gold answers."""

    question: int
    article: int
    answerable: bool
    gold: list[str]
    rows: list[dict[str, float]]
    labels: np.ndarray
    meta: list[tuple[Any, ...]]  # enough of each Candidate to rebuild it with a new score


def read_examples(data: Prepared, unanswerable_every: int) -> list[Example]:
    """Candidates of every training question against its paragraph, and of every
    `unanswerable_every`-th question against other articles' paragraphs (two processes)."""
    import multiprocessing

    by_paragraph: dict[int, list[int]] = defaultdict(list)
    for q, record in enumerate(data.records):
        by_paragraph[data.paragraph_of[record["context"]]].append(q)
    jobs: list[tuple[list[int], bool]] = [(qs, True) for qs in by_paragraph.values()] + [
        ([q], False) for q in range(0, len(data.records), unanswerable_every)
    ]
    global _DATA
    _DATA = data
    started = time.perf_counter()
    examples: list[Example] = []
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        for done, batch in enumerate(pool.imap(_read_job, jobs, chunksize=16)):
            examples.extend(batch)
            if done % 1000 == 0:
                print(f"  {done}/{len(jobs)} reads, {time.perf_counter() - started:.0f} s")
    return examples


WORKERS = 2
_DATA: Prepared | None = None


def _read_job(job: tuple[list[int], bool]) -> list[Example]:
    """One paragraph's questions (answerable) or one question against other articles."""
    from kit.reading.answers import Reader

    data = _DATA
    assert data is not None
    questions, answerable = job
    ids = [data.paragraph_of[data.records[questions[0]]["context"]]]
    if not answerable:
        ids = data.distractors(questions[0])
    index = data.index(ids)
    reader = Reader(index)
    out = []
    for q in questions:
        index.query = data.qvectors[q]
        out.append(example(reader, data, q, answerable))
    return out


def example(reader: Any, data: Prepared, q: int, answerable: bool) -> Example:
    from kit.evaluation import exact_match, gold_answers

    record = data.records[q]
    gold = gold_answers(record)
    candidates = reader.rules.candidates(record["question"])
    labels = np.array([answerable and exact_match(c.display, gold) == 1.0 for c in candidates])
    meta = [(c.sentence, c.start, c.end, c.key, c.display) for c in candidates]
    article = data.article_of[data.paragraph_of[record["context"]]]
    kind = reader_type(record["question"])
    rows = [c.features for c in candidates]
    return Example(q, article, answerable, gold if answerable else [], rows, labels, [*meta, kind])


def reader_type(question: str) -> str:
    from kit.reading.questions import classify

    return classify(question).answer_type


# -- fitting ---------------------------------------------------------------------------------


class Vocabulary:
    """Feature names -> columns; rare crossed features are dropped (they only overfit)."""

    def __init__(self, examples: list[Example], min_count: int, rules: bool) -> None:
        counts: Counter[str] = Counter()
        for ex in examples:
            if ex.answerable:
                for row in ex.rows:
                    counts.update(row)
        self.names = sorted(
            n for n, c in counts.items() if c >= min_count and not (rules and n.startswith("p:"))
        )
        self.column = {n: i for i, n in enumerate(self.names)}

    def matrix(self, rows: list[dict[str, float]]) -> Any:
        from scipy.sparse import csr_matrix

        data, indices, indptr = [], [], [0]
        for row in rows:
            for name, value in row.items():
                col = self.column.get(name)
                if col is not None and value != 0:
                    indices.append(col)
                    data.append(value)
            indptr.append(len(indices))
        return csr_matrix((data, indices, indptr), shape=(len(rows), len(self.names)))


def rule_rows(ex: Example) -> list[int]:
    """Candidates a rules-only index would also produce."""
    return [
        i
        for i, row in enumerate(ex.rows)
        if any(k[4:] in RULE_SOURCES for k in row if k.startswith("src:"))
    ]


def fit_scorer(examples: list[Example], c: float, rules: bool = False) -> dict[str, Any]:
    """The candidate scorer: a softmax over each question's candidates (listwise, like the
    SQuAD paper's multiclass logistic regression) or, with `OBJECTIVE = "pointwise"`, a binary
    logistic regression per candidate. Either way a linear model over named features."""
    if OBJECTIVE == "listwise":
        return fit_listwise(examples, c, rules)
    from sklearn.linear_model import LogisticRegression

    train = [ex for ex in examples if ex.answerable]
    vocab = Vocabulary(train, 20, rules)
    rows, labels = [], []
    for ex in train:
        keep = rule_rows(ex) if rules else range(len(ex.rows))
        rows.extend(ex.rows[i] for i in keep)
        labels.extend(bool(ex.labels[i]) for i in keep)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(vocab.matrix(rows), np.array(labels))
    weights = {n: round(float(w), 5) for n, w in zip(vocab.names, model.coef_[0], strict=True)}
    return {
        "weights": {n: w for n, w in weights.items() if w != 0},
        "intercept": float(model.intercept_[0]),
    }


OBJECTIVE = "listwise"


def fit_listwise(examples: list[Example], c: float, rules: bool = False) -> dict[str, Any]:
    """Maximise log P(gold spans | question) under a softmax over the question's candidates,
    with an L2 penalty 1 / (2c) (scipy L-BFGS on a sparse design matrix)."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    train = [ex for ex in examples if ex.answerable and ex.labels.any()]
    vocab = Vocabulary(train, 20, rules)
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    group: list[int] = []
    for g, ex in enumerate(train):
        keep = rule_rows(ex) if rules else list(range(len(ex.rows)))
        if not any(ex.labels[i] for i in keep):
            continue
        rows.extend(ex.rows[i] for i in keep)
        labels.extend(bool(ex.labels[i]) for i in keep)
        group.extend([g] * len(keep))
    x = vocab.matrix(rows)
    y = np.array(labels)
    groups = np.array(group)
    n_groups = int(groups.max()) + 1
    member = csr_matrix((np.ones(len(groups)), (groups, np.arange(len(groups)))))
    positive = csr_matrix((y.astype(float), (groups, np.arange(len(groups)))))
    present = np.asarray(positive.sum(axis=1)).ravel() > 0
    n_q = int(present.sum())
    del n_groups

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        z = z - z.max()
        e = np.exp(z)
        total = np.asarray(member @ e).ravel()
        pos = np.asarray(positive @ e).ravel()
        loss = float(np.sum(np.log(total[present]) - np.log(pos[present]))) / n_q
        p_all = e / total[groups]
        p_pos = np.where(y, e / np.maximum(pos[groups], 1e-300), 0.0)
        grad = np.asarray(x.T @ (p_all - p_pos)).ravel() / n_q
        return loss + 0.5 / (c * n_q) * float(w @ w), grad + w / (c * n_q)

    started = time.perf_counter()
    result = minimize(
        objective, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    print(
        f"  listwise fit: {n_q} questions, {x.shape[1]} features, loss {result.fun:.4f}, "
        f"{result.nit} iterations, {time.perf_counter() - started:.0f} s"
    )
    weights = {n: round(float(v), 5) for n, v in zip(vocab.names, result.x, strict=True)}
    return {"weights": {n: v for n, v in weights.items() if v != 0}, "intercept": 0.0}


TREES = {
    "objective": "lambdarank",
    "n_estimators": 500,  # out of fold: 500 x 31 leaves EM 42.5 / F1 54.1, 300 x 15 41.4 / 52.8
    "num_leaves": 31,
    "learning_rate": 0.04,
    "colsample_bytree": 0.5,
    "subsample": 0.8,
    "subsample_freq": 1,
    "min_child_samples": 20,
    "random_state": 0,
    "verbose": -1,
}


def fit_trees(examples: list[Example]) -> dict[str, Any]:
    """The candidate scorer as boosted trees (LightGBM lambdarank over each question's
    candidates), exported as the flat node table `kit.reading.ranker.TreeModel` reads."""
    import lightgbm

    train = [ex for ex in examples if ex.answerable and relevance(ex).any()]
    vocab = Vocabulary(train, 20, False)
    x = vocab.matrix([row for ex in train for row in ex.rows]).astype(np.float32)
    y = np.concatenate([relevance(ex) for ex in train])
    started = time.perf_counter()
    model = lightgbm.LGBMRanker(**TREES)
    model.fit(x, y, group=[len(ex.rows) for ex in train])
    print(
        f"  trees: {len(train)} questions, {x.shape[1]} features, "
        f"{time.perf_counter() - started:.0f} s"
    )
    exported = export_trees(model.booster_.dump_model(), vocab.names)
    check = train[:50]
    rows = [row for ex in check for row in ex.rows]
    ours = np.array(TreeModel(exported).scores(rows))
    theirs = model.predict(vocab.matrix(rows).astype(np.float32))
    assert np.allclose(ours, theirs, atol=1e-4), float(np.max(np.abs(ours - theirs)))
    return exported


def relevance(ex: Example) -> np.ndarray:
    """Each candidate's target: 2 for an exact answer; where no candidate is exact, 1 for one
    overlapping the answer by F1 >= 0.5 (so those questions teach the ranker too)."""
    from kit.evaluation import f1_score

    if ex.labels.any():
        return ex.labels.astype(int) * 2
    if not ex.rows:
        return np.zeros(0, dtype=int)
    return np.array([f1_score(m[4], ex.gold) >= 0.5 for m in ex.meta[:-1]], dtype=int)


def export_trees(dump: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """LightGBM's JSON dump -> one flat node table over the features the trees use."""
    used: dict[int, int] = {}
    table: dict[str, list[Any]] = {
        k: [] for k in ("feature", "threshold", "left", "right", "value")
    }
    roots, depth = [], 0

    def node(tree: dict[str, Any], level: int) -> int:
        nonlocal depth
        n = len(table["feature"])
        for k in table:
            table[k].append(0)
        if "leaf_value" in tree:
            depth = max(depth, level)
            table["threshold"][n] = float("inf")
            table["left"][n] = table["right"][n] = n
            table["value"][n] = round(float(tree["leaf_value"]), 6)
            return n
        assert tree["decision_type"] == "<=" and tree["missing_type"] in ("None", "NaN"), tree
        column = used.setdefault(int(tree["split_feature"]), len(used))
        table["feature"][n] = column
        table["threshold"][n] = float(tree["threshold"])
        table["left"][n] = node(tree["left_child"], level + 1)
        table["right"][n] = node(tree["right_child"], level + 1)
        return n

    for info in dump["tree_info"]:
        roots.append(node(info["tree_structure"], 0))
    features = [names[c] for c, _ in sorted(used.items(), key=lambda item: item[1])]
    table["threshold"] = [t if t != float("inf") else 1e300 for t in table["threshold"]]
    return {"kind": "trees", "features": features, "roots": roots, "depth": depth, **table}


_TREE_MODELS: dict[int, Any] = {}


def logits(ex: Example, scorer: dict[str, Any], keep: list[int] | None = None) -> np.ndarray:
    idx = range(len(ex.rows)) if keep is None else keep
    if scorer.get("kind") == "trees":
        model = _TREE_MODELS.get(id(scorer))
        if model is None:
            model = _TREE_MODELS[id(scorer)] = TreeModel(scorer)
        return np.array(model.scores([ex.rows[i] for i in idx]))
    w = scorer["weights"]
    return np.array(
        [scorer["intercept"] + sum(w.get(k, 0.0) * v for k, v in ex.rows[i].items()) for i in idx]
    )


def best_answer(
    ex: Example, scorer: dict[str, Any], rules: bool = False
) -> tuple[dict[str, float], str] | None:
    """The confidence features and text of the reader's best answer under `scorer`."""
    from kit.reading.answers import Candidate, answer_groups

    keep = rule_rows(ex) if rules else list(range(len(ex.rows)))
    if not keep:
        return None
    scores = logits(ex, scorer, keep)
    candidates = [
        Candidate(*ex.meta[i], float(s), ex.rows[i]) for i, s in zip(keep, scores, strict=True)
    ]
    groups = answer_groups(candidates, ex.meta[-1])
    if not groups:
        return None
    features, members = groups[0]
    return features, members[0].display


def other_articles(by_title: OrderedDict[str, list[dict[str, Any]]]) -> Any:
    """Unanswerable reads: every 3rd question of half the held-out articles against the
    paragraphs of the other half (the answer is never there)."""
    titles = heldout_titles(by_title)
    halves = [titles[: len(titles) // 2], titles[len(titles) // 2 :]]
    for asked, corpus in (halves, halves[::-1]):
        contexts = [c for t in corpus for c in paragraphs(by_title[t])]
        articles = [{"id": f"o{n:05d}", "text": c} for n, c in enumerate(contexts)]
        questions = [{**r, "sources": []} for t in asked for r in by_title[t][::3]]
        yield articles, questions


def score_heldout(contexts: str) -> None:
    """EM/F1 on the held-out articles per answer type: always answering (like the SQuAD
    baseline) and with the reader's abstention (like `kit eval`)."""
    from kit.api import FactKit
    from kit.evaluation import exact_match, f1_score, gold_answers, squad_corpora

    by_title = load_squad()
    records = [r for t in heldout_titles(by_title) for r in by_title[t]]
    rows: list[tuple[str, float, float, bool]] = []
    started = time.perf_counter()
    batches = other_articles(by_title) if contexts == "other" else squad_corpora(records, contexts)
    for articles, questions in batches:
        kit = FactKit.from_records(articles)
        for record in questions:
            reader = kit.reader
            qtype = reader_type(record["question"])
            from kit.reading.questions import classify

            asked = reader.ask(record["question"])
            if asked.best is not None:
                text, source = asked.best.text, asked.best.sources[0]
            else:
                question = record["question"]
                groups = reader.rules.scored_groups(
                    reader.rules.candidates(question), classify(question)
                )
                top = groups[0][1][0] if groups else None
                text, source = (top.display, top.sentence.source) if top else ("", "")
            gold = gold_answers(record)
            source_ok = source in record["sources"]
            if not gold:
                gold, source_ok = [""], False
            em = exact_match(text, gold) * source_ok
            f1 = f1_score(text, gold) * source_ok
            answered = not asked.no_answer
            rows.append((qtype, em, f1, answered))
    print(f"{contexts}: {len(rows)} held-out questions in {time.perf_counter() - started:.0f} s")
    for kind in ["all", *sorted({r[0] for r in rows}, key=lambda k: -sum(r[0] == k for r in rows))]:
        sel = [r for r in rows if kind in ("all", r[0])]
        forced_em = np.mean([r[1] for r in sel]) * 100
        forced_f1 = np.mean([r[2] for r in sel]) * 100
        em = np.mean([r[1] * r[3] for r in sel]) * 100
        f1 = np.mean([r[2] * r[3] for r in sel]) * 100
        answered = np.mean([r[3] for r in sel]) * 100
        right = np.mean([r[2] >= 0.5 for r in sel if r[3]] or [0]) * 100
        print(
            f"  {kind:>12} n={len(sel):5d}  forced EM {forced_em:5.1f} F1 {forced_f1:5.1f} | "
            f"abstaining EM {em:5.1f} F1 {f1:5.1f} answered {answered:5.1f}% "
            f"(F1>=.5 when answered {right:5.1f}%)"
        )


def fit(cache_name: str = "examples.pkl") -> None:
    from sklearn.linear_model import LogisticRegression

    from kit.evaluation import exact_match, f1_score

    started = time.perf_counter()
    data = Prepared()
    cache = WORK / cache_name
    if cache.exists():
        with cache.open("rb") as handle:
            examples = pickle.load(handle)
    else:
        examples = read_examples(data, unanswerable_every=2)
        with cache.open("wb") as handle:
            pickle.dump(examples, handle)
    print(f"read {len(examples)} examples in {time.perf_counter() - started:.0f} s")
    add_crosses(examples)
    folds = [[ex for ex in examples if ex.article % 2 == k] for k in (0, 1)]
    conf_rows, conf_labels, answerable, em_of, f1_of = [], [], [], [], []
    for k in (0, 1):
        scorer = fit_trees(folds[1 - k])
        for ex in folds[k]:
            found = best_answer(ex, scorer)
            if found is None:
                continue
            f1 = f1_score(found[1], ex.gold) if ex.answerable else 0.0
            conf_rows.append(found[0])
            conf_labels.append(f1 >= 0.5)
            answerable.append(ex.answerable)
            em_of.append(exact_match(found[1], ex.gold) if ex.answerable else 0.0)
            f1_of.append(f1)
    shown = [(e, f) for e, f, a in zip(em_of, f1_of, answerable, strict=True) if a]
    print(
        f"out-of-fold best answer: EM {sum(e for e, _ in shown) / len(shown):.4f} "
        f"F1 {sum(f for _, f in shown) / len(shown):.4f} over {len(shown)} answerable reads"
    )
    names = sorted({n for row in conf_rows for n in row})
    x = np.array([[row.get(n, 0.0) for n in names] for row in conf_rows])
    y = np.array(conf_labels)
    confidence = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    probability = confidence.predict_proba(x)[:, 1]
    threshold = report_threshold(
        probability, y, np.array(answerable), np.array(em_of), np.array(f1_of)
    )
    model = {
        "trained_on": f"SQuAD v1.1 train, first {TRAIN_ARTICLES} articles of the 44-article sample",
        "parsed": fit_trees(examples),
        "rules": fit_scorer(examples, 1.0, rules=True),
        "confidence": {
            "weights": {
                n: round(float(w), 5) for n, w in zip(names, confidence.coef_[0], strict=True)
            },
            "intercept": float(confidence.intercept_[0]),
        },
        "threshold": threshold,
    }
    WEIGHTS.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"wrote {WEIGHTS} ({len(model['parsed']['roots'])} trees) "
        f"in {time.perf_counter() - started:.0f} s"
    )


def add_crosses(examples: list[Example]) -> None:
    """Give cached candidate rows the crossed and relative features `kit.reading.ranker` now
    computes at run time."""
    from kit.reading.ranker import add_relative_features, cross_features

    for ex in examples:
        if ex.rows and "r:s:score" not in ex.rows[0]:
            add_relative_features(ex.rows)
    for ex in examples:
        for row in ex.rows:
            if any(k.startswith("c:") for k in row):
                return
            heads = (k[2:].split("|")[0] for k in row if k.startswith("x:"))
            row.update(cross_features(row, next((h for h in heads if h in QWORDS), "other")))


QWORDS = frozenset(
    "how_many how_much how_long how_old how_far how what which whom whose who when where why"
    " other".split()
)


def report_threshold(
    probability: np.ndarray,
    right: np.ndarray,
    answerable: np.ndarray,
    em: np.ndarray,
    f1: np.ndarray,
) -> float:
    """Print the out-of-fold trade-off and return the threshold that makes the fewest mistakes
    (an answer that is not right, or silence when a right answer was available)."""
    best, best_errors = 0.5, len(right) + 1
    for t in np.arange(0.2, 0.81, 0.05):
        answer = probability >= t
        errors = int(np.sum(answer & ~right) + np.sum(~answer & right))
        shown = answer & answerable
        print(
            f"  t={t:.2f}: decision accuracy {1 - errors / len(right):.3f}, "
            f"unanswerable abstained {np.mean(~answer[~answerable]):.3f}, "
            f"answerable answered {np.mean(answer[answerable]):.3f}, "
            f"EM {np.sum(em[shown]) / answerable.sum():.3f} "
            f"F1 {np.sum(f1[shown]) / answerable.sum():.3f}"
        )
        if errors < best_errors:
            best, best_errors = float(round(t, 2)), errors
    return best


if __name__ == "__main__":
    main()
