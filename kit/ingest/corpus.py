"""Reading articles and their metadata. The original text is kept verbatim for offsets.

A corpus is a folder of `.txt`, `.md` and `.html` articles (with an optional `metadata.json`
mapping source ids to title/outlet/date/url/notes), or one `.jsonl` / `.csv` file of records
with `id` and `text` (and optional `title`, `outlet`, `date`, `url`).

A symbolic link in a corpus folder that points outside it (`passwd.txt -> /etc/passwd`) is
skipped with one note unless the caller asks to follow links (`follow_links=True`, or
`KIT_FOLLOW_LINKS=1`, which `kit --follow-links` sets); so is a file whose name is not UTF-8.
Anything unreadable or malformed is one `KitError` naming the file and the fix.

Page furniture (cookie banners, "ALSO READ" links, "Read the original article here", embedded
tweet footers) is recognised as character ranges so it is never offered as evidence; the text
itself is not changed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kit.errors import KitError, note
from kit.ingest.jsonl import check_text, read_objects

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".csv")
METADATA_NAME = "metadata.json"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Lines that are the page around an article, not the article. Each pattern must match a whole line.
_FURNITURE = [
    r"(?i).*\b(this (web)?site uses cookies|we use cookies|accept cookies|cookie policy)\b.*",
    r"(?i)\s*(also read|read more|read also|related|recommended|see also)\s*:.*",
    r"(?i)\s*read the (original|full) (article|story)( here)?\.?\s*",
    r"(?i).*\bpic\.twitter\.com/\S+.*",
    r"\s*[—–-]{1,2}\s*[^\n]{1,80}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}\s*",  # tweet footer
    r"(?i)\s*(advertisement|sponsored content|subscribe to our newsletter.*|share this article)\s*",
    r"(?i)\s*(latest updates on .*|sign up for .*newsletter.*)\s*",
]
_FURNITURE_RE = [re.compile(p) for p in _FURNITURE]
_TWEET_FOOTER_RE = re.compile(r"[—–-]{1,2}\s*(?P<who>[^\n(]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)")


@dataclass(frozen=True)
class Article:
    """One article: its id, its original text and what is known about it."""

    source: str
    text: str
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str | None = None
    notes: str | None = None
    path: str | None = None
    furniture: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def is_furniture(self, start: int, end: int) -> bool:
        """True when `[start, end)` lies inside a furniture line (banner, link, tweet footer)."""
        i = bisect_right(self._furniture_starts, start) - 1
        return i >= 0 and end <= self.furniture[i][1]

    def has_furniture_within(self, start: int, end: int) -> bool:
        """True when a whole furniture line lies inside `[start, end)`."""
        i = bisect_left(self._furniture_starts, start)
        return i < len(self.furniture) and self.furniture[i][1] <= end

    @cached_property
    def _furniture_starts(self) -> list[int]:
        """Furniture ranges are sorted and disjoint (one per line), so a bisect finds them:
        checking every range for every sentence was quadratic in furniture-heavy articles."""
        return [fs for fs, _fe in self.furniture]

    def label(self) -> str:
        """A short human name: outlet or title, else the source id."""
        return self.outlet or self.title or self.source

    def meta(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Corpus:
    """An ordered set of articles with unique source ids."""

    articles: tuple[Article, ...]
    location: str

    def __post_init__(self) -> None:
        if not self.articles:
            raise KitError(
                f"Corpus `{self.location}` holds no articles: add .txt, .md or .html files "
                "(or JSONL/CSV records with `id` and `text`)."
            )

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, source: str) -> Article:
        article = self._by_source.get(source)
        if article is None:
            raise KitError(f"Unknown source `{source}`: choose one of {', '.join(self.sources)}.")
        return article

    @cached_property
    def _by_source(self) -> dict[str, Article]:
        return {a.source: a for a in self.articles}

    @property
    def sources(self) -> list[str]:
        return [a.source for a in self.articles]

    def fingerprint(self) -> str:
        """A hash of every source id and text: the index cache key (computed once)."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        for article in self.articles:
            digest.update(article.source.encode())
            digest.update(b"\0")
            digest.update(article.text.encode())
            digest.update(b"\0")
        return digest.hexdigest()


def find_furniture(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of whole lines that are page furniture, not reporting."""
    ranges = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and any(p.fullmatch(body) for p in _FURNITURE_RE):
            ranges.append((pos, pos + len(body)))
        pos += len(line)
    return tuple(ranges)


def tweet_author(text: str) -> str | None:
    """The author named by an embedded tweet footer ("— Name (@handle) date"), if any."""
    match = _TWEET_FOOTER_RE.search(text)
    return match.group("who").strip() if match else None


def load_corpus(path: str | Path | None = None, *, follow_links: bool | None = None) -> Corpus:
    """Read a folder of articles or a JSONL/CSV file; `None` means the bundled seeds.

    `follow_links`: read links that point outside the folder (default: `KIT_FOLLOW_LINKS`).
    """
    location = Path(path) if path is not None else SEEDS
    if follow_links is None:
        follow_links = os.environ.get("KIT_FOLLOW_LINKS", "") not in ("", "0")
    if not _exists(location):
        raise KitError(
            f"Corpus path `{location}` does not exist: pass --corpus with a folder of articles "
            "or a .jsonl/.csv file."
        )
    if location.is_dir():
        articles = list(_read_folder(location, follow_links))
    elif location.suffix.lower() in RECORD_SUFFIXES:
        articles = list(iter_records(location))
    elif location.suffix.lower() in ARTICLE_SUFFIXES:
        articles = [_read_file(location, {})]
    else:
        raise KitError(
            f"Corpus file `{location}` has an unsupported type: use a folder, "
            ".txt/.md/.html, .jsonl or .csv."
        )
    _check_unique(articles, location)
    return Corpus(tuple(articles), str(location))


def corpus_from_records(records: list[dict[str, Any]], location: str = "<records>") -> Corpus:
    """A corpus from in-memory records with `id` and `text` (e.g. SQuAD paragraphs)."""
    articles = [_record(r, f"Record {n} of {location}") for n, r in enumerate(records, start=1)]
    _check_unique(articles, Path(location))
    return Corpus(tuple(articles), location)


def _check_unique(articles: list[Article], location: Path) -> None:
    seen: set[str] = set()
    for article in articles:
        if article.source in seen:
            raise KitError(
                f"Source id `{article.source}` appears twice in `{location}`: ids must be unique."
            )
        seen.add(article.source)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError) as exc:  # no permission on a parent, a NUL in the name
        raise KitError(
            f"Corpus path `{path}` cannot be read ({getattr(exc, 'strerror', None) or exc}): "
            "check the path and its permissions."
        ) from None


def _read_folder(folder: Path, follow_links: bool) -> Iterator[Article]:
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        raise KitError(
            f"Cannot read the corpus folder `{folder}`: {exc.strerror}. "
            "Check its permissions (it must be readable and searchable)."
        ) from None
    files, outside, undecodable = [], [], []
    for path in children:
        if path.suffix.lower() not in ARTICLE_SUFFIXES and path.name != METADATA_NAME:
            continue
        if not _utf8_name(path.name):
            undecodable.append(path.name)
        elif not follow_links and _leaves(path, folder):
            outside.append(path.name)
        elif path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            files.append(path)
    if outside:
        note(
            f"Skipped {len(outside)} link(s) in `{folder}` that point outside it "
            f"({', '.join(outside[:3])}{', ...' if len(outside) > 3 else ''}): pass "
            "--follow-links (or set KIT_FOLLOW_LINKS=1) to read them."
        )
    if undecodable:
        names = ", ".join(n.encode("utf-8", "backslashreplace").decode() for n in undecodable[:3])
        note(
            f"Skipped {len(undecodable)} file(s) in `{folder}` whose names are not UTF-8 "
            f"({names}): rename them to read them."
        )
    metadata_file = folder / METADATA_NAME
    metadata = {} if METADATA_NAME in outside else _read_metadata(metadata_file)
    for file in files:
        yield _read_file(file, metadata.get(file.stem, {}))


def _utf8_name(name: str) -> bool:
    """False for a file name that is not valid UTF-8 (Python holds it with surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _leaves(path: Path, folder: Path) -> bool:
    """True when `path` is a link whose target lies outside `folder` (or cannot be resolved)."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a dangling link or a loop
        return True


def _read_metadata(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise KitError(
            f"Metadata file `{path}` is not valid JSON (line {exc.lineno}): {exc.msg}."
        ) from None
    except RecursionError:
        raise KitError(
            f"Metadata file `{path}` nests too deeply: map source ids to flat objects."
        ) from None
    if not isinstance(data, dict):
        raise KitError(f"Metadata file `{path}` must map source ids to objects.")
    check_text(data, f"Metadata file `{path}`")
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KitError(f"Cannot read `{path}`: {exc.strerror}.") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KitError(
            f"File `{path}` is not UTF-8 (bad byte at offset {exc.start}): "
            "re-save it as UTF-8 or convert it with `iconv -t utf-8`."
        ) from None


def _read_file(path: Path, meta: dict[str, Any]) -> Article:
    raw = _read_text(path)
    if path.suffix.lower() in (".html", ".htm"):
        text, found = _html_to_text(raw, path)
        meta = {**found, **meta}
    else:
        text = raw
    title = meta.get("title") or _first_line(text)
    return _article(path.stem, text, {**meta, "title": title}, str(path))


def _article(source: str, text: str, meta: dict[str, Any], path: str | None) -> Article:
    def opt(key: str) -> str | None:
        value = meta.get(key)
        return str(value) if value not in (None, "") else None

    return Article(
        source=source,
        text=text,
        title=str(meta.get("title") or ""),
        outlet=opt("outlet"),
        date=opt("date"),
        url=opt("url"),
        kind=opt("kind"),
        notes=opt("notes"),
        path=path,
        furniture=find_furniture(text),
    )


def _first_line(text: str) -> str:
    """The first line when it reads like a headline (short, no closing full stop), else ""."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 120 and not line.endswith(".") else ""
    return ""


def _html_to_text(raw: str, path: Path) -> tuple[str, dict[str, Any]]:
    """The article text of a web page (trafilatura) and its metadata."""
    import trafilatura

    try:
        text = trafilatura.extract(raw, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(raw) if text else None
    except (RecursionError, ValueError, TypeError, LookupError) as exc:
        raise KitError(
            f"Cannot read the web page `{path}` ({type(exc).__name__}): is it an article page?"
        ) from None
    if not text:
        raise KitError(f"No article text found in `{path}`: is it an article page?")
    found: dict[str, Any] = {}
    if meta is not None:
        found = {k: getattr(meta, k) for k in ("title", "date", "url") if getattr(meta, k, None)}
        if getattr(meta, "sitename", None):
            found["outlet"] = meta.sitename
    return text, found


def iter_records(path: Path) -> Iterator[Article]:
    """Stream articles from a JSONL or CSV file, one record at a time (a UTF-8 byte-order
    mark, as Windows editors write, is skipped: the texts are inside the records)."""
    if path.suffix.lower() == ".jsonl":
        yield from _iter_jsonl(path)
    else:
        yield from _iter_csv(path)


def _record(record: dict[str, Any], where: str) -> Article:
    if record.get("id") in (None, "") or not isinstance(record.get("text"), str):
        raise KitError(f"{where}: a record needs a non-empty `id` and a string `text`.")
    if isinstance(record["id"], (dict, list)):
        raise KitError(f"{where}: `id` must be a string or a number, not a JSON container.")
    check_text(record, where)
    return _article(str(record["id"]), record["text"], record, None)


def _iter_jsonl(path: Path) -> Iterator[Article]:
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise KitError(f"Cannot read `{path}`: {exc.strerror}.") from None
    with handle:
        try:
            for number, record in enumerate(read_objects(handle, f"`{path}`"), start=1):
                yield _record(record, f"Record {number} of `{path}`")
        except UnicodeDecodeError as exc:
            raise KitError(
                f"File `{path}` is not UTF-8 (bad byte at offset {exc.start}): re-save it as UTF-8."
            ) from None


def _iter_csv(path: Path) -> Iterator[Article]:
    # An article is longer than csv's default field limit (131,072 characters) soon enough.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or not {"id", "text"} <= set(reader.fieldnames):
                raise KitError(
                    f"CSV file `{path}` needs a header row with `id` and `text` columns."
                )
            for number, row in enumerate(reader, start=2):
                yield _record(row, f"Row {number} of `{path}`")
    except UnicodeDecodeError as exc:
        raise KitError(
            f"File `{path}` is not UTF-8 (bad byte at offset {exc.start}): re-save it as UTF-8."
        ) from None
    except csv.Error as exc:
        raise KitError(f"CSV file `{path}` cannot be read ({exc}): check its quoting.") from None
    except OSError as exc:
        raise KitError(f"Cannot read `{path}`: {exc.strerror}.") from None
