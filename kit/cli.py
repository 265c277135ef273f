"""The `kit` command: parse, call the library, print. One subcommand per library function.

Every command takes `--corpus PATH` (default: the bundled seeds) and `--json`. Errors the
user can fix end with one line on stderr and exit status 1 (2 for usage errors).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import errno
import gc
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kit.errors import KitError, one_line
from kit.ingest.jsonl import read_objects

if TYPE_CHECKING:
    from kit.api import FactKit
    from kit.ingest.corpus import Corpus


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise KitError(f"{self.prog}: {message} (see `{self.prog} --help`)", exit_code=2)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", metavar="PATH", help="folder of articles or .jsonl/.csv file (default: seeds)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--no-cache", action="store_true", help="build the index in memory; do not read or write it"
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="read links in the corpus folder that point outside it (skipped by default)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kit", description="Fact-check question answering over news articles.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ask, check = _answering_commands(sub)
    _corpus_commands(sub)
    ev, index = _scoring_and_index_commands(sub)
    for command in (ask, check, ev, index):
        _store_option(command)
    for command in (ask, check, ev):
        command.add_argument(
            "--reader",
            choices=["neural", "rules"],
            default="neural",
            help="the trained transformer reader (default) or the model-free rules reader",
        )
    return parser


def _answering_commands(sub: Any) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """`kit ask` and `kit check`."""
    ask = sub.add_parser("ask", help="answer a question with cited spans")
    ask.add_argument("question", nargs="?", help="the question")
    ask.add_argument("--batch", metavar="FILE", help="JSONL or text file of questions; - for stdin")
    ask.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    _abstain_option(ask)
    _common(ask)
    ask.set_defaults(handler=cmd_ask)

    check = sub.add_parser("check", help="check a claim against the articles: verdict + evidence")
    check.add_argument("claim", nargs="?", help='the claim, e.g. "The Oreshnik flew at Mach 5."')
    check.add_argument("--batch", metavar="FILE", help="JSONL or text file of claims; - for stdin")
    check.add_argument(
        "--claimreview", action="store_true", help="print schema.org ClaimReview JSON-LD"
    )
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    _common(check)
    check.set_defaults(handler=cmd_check)
    return ask, check


def _corpus_commands(sub: Any) -> None:
    """`kit figures`, `kit show` and `kit sources`: the corpus alone, no index."""
    figures = sub.add_parser("figures", help="every figure in the articles, as a table")
    figures.add_argument("--csv", action="store_true", help="print CSV (the JSON columns)")
    figures.add_argument(
        "--chart",
        metavar="NAME",
        help="draw a chart: compared, across[:QUANTITY], categories:NOUN, drones, territory "
        "(--list-charts names the quantities and nouns of the corpus)",
    )
    figures.add_argument(
        "--list-charts", action="store_true", help="list the charts, with this corpus's names"
    )
    figures.add_argument("-o", "--output", metavar="FILE", help="where --chart writes (PNG/SVG)")
    _common(figures)
    figures.set_defaults(handler=cmd_figures)

    show = sub.add_parser("show", help="print a source's original text (what offsets point into)")
    show.add_argument("source", help="source id, e.g. 000_2d8a655e2aa5b0a7")
    _common(show)
    show.set_defaults(handler=cmd_show)

    sources = sub.add_parser("sources", help="list the corpus's sources and their metadata")
    _common(sources)
    sources.set_defaults(handler=cmd_sources)


def _scoring_and_index_commands(
    sub: Any,
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """`kit eval` and `kit index`."""
    ev = sub.add_parser("eval", help="score answers against a gold JSONL file")
    ev.add_argument("file", help="gold JSONL (questions with answers/sources, or SQuAD records)")
    ev.add_argument(
        "--contexts",
        choices=["own", "pooled"],
        default="own",
        help="SQuAD records: each paragraph as its own corpus, or all paragraphs as one",
    )
    ev.add_argument("--limit", type=int, help="score only the first N records")
    ev.add_argument("--details", action="store_true", help="print one line per question")
    _abstain_option(ev)
    _common(ev)
    ev.set_defaults(handler=cmd_eval)

    index = sub.add_parser("index", help="build or update the persisted index of a corpus")
    index.add_argument(
        "--dense",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="compute sentence vectors (default: only when a build embeds at most 30k sentences)",
    )
    _common(index)
    index.set_defaults(handler=cmd_index)
    return ev, index


def _abstain_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-abstain",
        dest="abstain",
        action="store_false",
        help="always answer with the best reading, even below the confidence threshold",
    )


def main(argv: list[str] | None = None) -> int:
    _skip_the_last_collection()
    _without_torch()
    stdout = sys.stdout
    try:
        args = build_parser().parse_args(argv)
        _check_arguments(args)
        if args.follow_links:
            os.environ["KIT_FOLLOW_LINKS"] = "1"
        sys.stdout = _Output(stdout, for_people=not _machine_output(args))
        code = int(args.handler(args) or 0)
        sys.stdout.flush()
        return code
    except KitError as exc:
        _say_error(f"kit: error: {one_line(str(exc))}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say_error("kit: interrupted")
        return 130
    except BrokenPipeError:
        _drop_output(stdout)
        return 0
    finally:
        sys.stdout = stdout


def _skip_the_last_collection() -> None:
    """At exit, Python's last garbage collection walks every object the command made (the
    index, Haystack, the models): ~0.5 s of a cold `kit ask`, for memory the OS takes back
    anyway. Freezing them at exit (after every atexit hook registered later) skips it. Nothing
    waits on it: the kit writes its files inside `with` blocks, and the interpreter flushes
    stdout and stderr itself."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _without_torch() -> None:
    """Haystack (haystack.utils.device) and spaCy's thinc import torch whenever it is
    installed, for GPU devices the kit never uses: ~1.5 s of a cold command where torch is
    there (a data-science environment, the `train` extra). The kit never needs it, so a `kit`
    process, which runs no one else's code, marks it absent before either is imported. A
    notebook's process is left as it is."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # the import system's "absent"


def _say_error(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # no stderr: the exit status says it
        print(line, file=sys.stderr)


def _check_arguments(args: argparse.Namespace) -> None:
    """Every text argument is UTF-8 (undecodable bytes reach Python as lone surrogates)."""
    for name, value in vars(args).items():
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            char = ord(value[exc.start])
            byte = f"byte 0x{char - 0xDC00:02x}" if 0xDC80 <= char <= 0xDCFF else f"U+{char:04X}"
            raise KitError(
                f"The {name.replace('_', ' ')} given on the command line is not UTF-8 text "
                f"({byte} at character {exc.start}): set a UTF-8 locale (LANG=C.UTF-8) or "
                "pass the text from a UTF-8 file with --batch."
            ) from None


def _machine_output(args: argparse.Namespace) -> bool:
    """JSON, CSV and batch output are for programs: printed exactly as the library gives it."""
    return any(bool(getattr(args, flag, None)) for flag in ("json", "csv", "claimreview", "batch"))


# The highlight codes `kit.present.render` writes; every other control character is removed from
# what is printed for people (an article's escape sequences could move the cursor, retitle the
# terminal or hide text), and a carriage return becomes a line break.
_KIT_CODES = ("\033[1;33m", "\033[2m", "\033[0m")
_UNSAFE = re.compile(
    "(" + "|".join(re.escape(c) for c in _KIT_CODES) + ")|\r\n?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def for_people(text: str) -> str:
    """`text` with control characters removed (tabs, line breaks and the kit's colours kept)."""
    return _UNSAFE.sub(lambda m: m.group(1) or ("\n" if m.group()[0] == "\r" else ""), text)


class _Output:
    """Standard output for one command: control characters removed when printing for people,
    and a failed write (a full device) turned into one error line."""

    def __init__(self, stream: Any, *, for_people: bool) -> None:
        self._stream = stream
        self._for_people = for_people

    def write(self, text: str) -> int:
        clean = for_people(text) if self._for_people else text
        try:
            self._stream.write(clean)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> KitError:
        _drop_output(self._stream)
        reason = exc.strerror or os.strerror(exc.errno or errno.EIO)
        return KitError(
            f"Cannot write the output ({reason}): free some space on the device standard "
            "output goes to, or redirect it elsewhere."
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _drop_output(stream: Any) -> None:
    """Point the stream's descriptor at /dev/null, so the buffered rest is not written (and
    fails) again when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's StringIO)
        pass


def _open(args: argparse.Namespace, *, warm: bool = False) -> FactKit:
    """The corpus's kit; `warm` (the commands that read: ask, check) first starts building
    the models on a thread, so that they load while the kit and Haystack import."""
    if warm:
        from kit.warm import start_loading

        start_loading(reader=getattr(args, "reader", "neural") == "neural")
    from kit.api import FactKit

    return FactKit.open(
        args.corpus, reader=getattr(args, "reader", "neural"), **_open_options(args)
    )


def _corpus(args: argparse.Namespace) -> Corpus:
    """The corpus alone, for the commands that need no index (`figures`, `show`, `sources`):
    opened by `FactKit.open` like every other command's, lazily, so the index is never loaded
    or built."""
    from kit.api import FactKit

    return FactKit.open(args.corpus, lazy=True).corpus


def _open_options(args: argparse.Namespace) -> dict[str, Any]:
    """How the command line opens a corpus's index: `--no-cache`, `--store`, progress on a
    terminal."""
    return {
        "use_cache": not args.no_cache,
        "store": getattr(args, "store", None),
        "progress": sys.stderr.isatty(),
    }


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def read_batch(path: str, field: str) -> Iterator[dict[str, Any]]:
    """Records of a batch file: JSONL objects with `field`, or plain lines; `-` is stdin."""
    if path == "-":
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError:
            raise KitError("Standard input is not UTF-8: send UTF-8 text to --batch -.") from None
        name = "standard input"
    else:
        file = Path(path)
        if not file.is_file():
            raise KitError(f"Batch file `{path}` does not exist: pass a .jsonl or .txt file, or -.")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise KitError(f"Batch file `{path}` is not UTF-8: re-save it as UTF-8.") from None
        except OSError as exc:
            raise KitError(
                f"Cannot read the batch file `{path}` ({exc.strerror}): check its permissions."
            ) from None
        name = f"`{path}`"
    # Lines end at "\n" only: str.splitlines() would also cut at U+2028 and other separators
    # that are valid inside a JSON string.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    for number, line in enumerate(lines, start=1):
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:
            raise KitError(
                f"Line {number} of {name} is not UTF-8 text: re-save it as UTF-8."
            ) from None
    as_jsonl = path.endswith(".jsonl") or any(ln.lstrip().startswith("{") for ln in lines[:1])
    if not as_jsonl:
        yield from ({field: ln.strip()} for ln in lines if ln.strip())
        return
    hint = f" with a `{field}` field"
    for number, record in enumerate(read_objects(lines, name, hint=hint), start=1):
        if not isinstance(record.get(field), str):
            raise KitError(f"Record {number} of {name} needs a `{field}` string field.")
        yield record


def _run_batch(args: argparse.Namespace, field: str, call: Callable[[str], Any]) -> int:
    records = list(read_batch(args.batch, field))
    for record in records:
        result = call(record[field]).to_dict()
        extra = {k: v for k, v in record.items() if k not in result}
        _print_json({**extra, **result})
    return 0


def _one_or_batch(
    args: argparse.Namespace, command: str, value: str | None, field: str, example: str
) -> None:
    """Exactly one of a positional value or --batch; a given value must not be blank."""
    name = field.upper()
    if args.batch is None and value is None:
        raise KitError(
            f"kit {command}: give a {name} or --batch FILE (see `kit {command} --help`)",
            exit_code=2,
        )
    if args.batch is not None and value is not None:
        raise KitError(
            f"kit {command}: give either a {name} or --batch FILE, not both", exit_code=2
        )
    if value is not None and not value.strip():
        raise KitError(f'The {field} is empty: pass a non-empty {field}, e.g. "{example}".')


def cmd_ask(args: argparse.Namespace) -> int:
    _one_or_batch(args, "ask", args.question, "question", "How fast was it?")
    kit = _open(args, warm=True)

    def ask(question: str) -> Any:
        return kit.ask(question, abstain=args.abstain)

    if args.batch is not None:
        return _run_batch(args, "question", ask)
    result = ask(args.question)
    if args.json:
        _print_json(result.to_dict())
        return 0
    from kit.present.render import answer_lines

    print("\n".join(answer_lines(result, color=_color(args))))
    return 0


def _color(args: argparse.Namespace) -> bool:
    return bool(args.color == "always" or (args.color == "auto" and sys.stdout.isatty()))


def cmd_check(args: argparse.Namespace) -> int:
    _one_or_batch(args, "check", args.claim, "claim", "The Oreshnik flew at Mach 5.")
    kit = _open(args, warm=True)
    if args.batch is not None:
        return _run_batch(args, "claim", kit.check)
    result = kit.check(args.claim)
    if args.claimreview:
        _print_json(result.claim_review())
    elif args.json:
        _print_json(result.to_dict())
    else:
        from kit.present.render import claim_lines

        print("\n".join(claim_lines(result, color=_color(args))))
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from kit.figures import charts
    from kit.figures.table import figures_frame

    if args.list_charts:
        listed = charts.list_charts(figures_frame(_corpus(args)))
        width = max(len(name) for name, _ in listed)
        for name, description in listed:
            print(f"{name:<{width}}  {description}")
        return 0
    if args.chart is not None and args.output is None:
        raise KitError("kit figures: --chart needs -o FILE (e.g. -o drones.png)", exit_code=2)
    frame = figures_frame(_corpus(args))
    if args.chart is not None:
        charts.save_chart(args.chart, frame, args.output)
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
    # Whole numbers are ints in the frame (188, not 188.0; the SPEC's row shape), 6.2 stays.
    if args.csv:
        frame.to_csv(sys.stdout, index=False)
    elif args.json:
        _print_json(json.loads(frame.to_json(orient="records", force_ascii=False)))
    else:
        columns = ["source", "value", "unit", "quantity", "qualifier", "attributed_to", "quote"]
        print(frame[columns].to_string(index=False, max_colwidth=40))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    article = _corpus(args)[args.source]
    if args.json:
        _print_json({**article.meta(), "text": article.text})
    else:
        sys.stdout.write(article.text)
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    for article in _corpus(args):
        meta = {**article.meta(), "characters": len(article.text)}
        if args.json:
            _print_json(meta)
        else:
            print(f"{article.source}  {article.title or '(untitled)'}  [{len(article.text)} chars]")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kit.evaluation import evaluate_gold

    if args.limit is not None and args.limit < 1:
        raise KitError(
            f"kit eval: --limit must be at least 1, not {args.limit} (omit it to score all)",
            exit_code=2,
        )
    started = time.perf_counter()
    report = evaluate_gold(
        args.file,
        args.corpus,
        contexts=args.contexts,
        limit=args.limit,
        abstain=args.abstain,
        reader=args.reader,
        **_open_options(args),
    )
    summary = {
        "file": args.file,
        **report.summary(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    if args.json:
        _print_json({**summary, "by_type": report.by_type()})
        return 0
    if args.details:
        print("\n".join(report.details()))
    for key, value in summary.items():
        print(f"{key:>22}: {value}")
    for answer_type, row in report.by_type().items():
        print(f"{'type ' + answer_type:>22}: {row}")
    return 0


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URL",
        help="auto (default), memory, bm25s, or postgresql://user:password@host:port/db",
    )


def cmd_index(args: argparse.Namespace) -> int:
    from kit.index.indexing import index_corpus

    progress = sys.stderr.isatty() and not args.json
    report = index_corpus(args.corpus, store=args.store, dense=args.dense, progress=progress)
    if args.json:
        _print_json(report)
    else:
        for key, value in report.items():
            print(f"{key:>10}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
