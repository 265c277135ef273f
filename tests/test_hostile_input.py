"""Hostile input (issue 11): links out of a corpus, undecodable names, unreadable folders, deep
JSON, surrogate escapes, long CSV fields; each is one `KitError` line or a note, never a
traceback. The property tests feed random text, encodings, line endings and sizes to corpus
loading and splitting and check the citation invariant."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.errors import KitError
from kit.ingest.corpus import Article, find_furniture, load_corpus
from kit.ingest.passages import make_passages, split_sentences


def _notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("kit: note:")]


# -- links and names in a corpus folder ----------------------------------------------------------


def test_a_link_out_of_the_corpus_folder_is_skipped_with_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The missile reached Mach 11.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "same.txt").symlink_to(folder / "a.txt")  # a link inside the folder is fine
    (folder / "gone.txt").symlink_to(tmp_path / "missing")

    corpus = load_corpus(folder, follow_links=False)
    assert corpus.sources == ["a", "same"]
    notes = _notes(capsys.readouterr().err)
    assert len(notes) == 1 and "passwd.txt" in notes[0] and "--follow-links" in notes[0]

    followed = load_corpus(folder, follow_links=True)
    assert "passwd" in followed.sources


def test_follow_links_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Kyiv was calm.\n", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    (folder / "a.txt").write_text("A.\n", encoding="utf-8")
    monkeypatch.setenv("KIT_FOLLOW_LINKS", "1")
    assert load_corpus(folder).sources == ["a", "link"]


def test_a_file_name_that_is_not_utf8_is_skipped_with_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The missile reached Mach 11.\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Latin-1 named.\n")
    corpus = load_corpus(folder)
    assert corpus.sources == ["a"]
    corpus.fingerprint()  # every source id encodes as UTF-8
    notes = _notes(capsys.readouterr().err)
    assert len(notes) == 1 and "caf\\udce9.txt" in notes[0]


def test_an_unreadable_corpus_folder_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mode 000 (simulated: the tests run as root, who may read anything)."""
    folder = tmp_path / "news"
    folder.mkdir()

    def denied(self: Path) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(KitError, match=r"Cannot read the corpus folder .*Permission denied"):
        load_corpus(folder)


def test_a_corpus_path_under_an_unsearchable_folder_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(self: Path, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", denied)
    with pytest.raises(KitError, match="cannot be read"):
        load_corpus(tmp_path / "locked" / "news")


# -- JSON, JSONL and CSV records -----------------------------------------------------------------


@pytest.mark.parametrize("where", ["corpus", "metadata"])
def test_json_nested_deeper_than_the_recursion_limit_is_one_error(
    tmp_path: Path, where: str
) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    if where == "corpus":
        path = tmp_path / "deep.jsonl"
        path.write_text(f'{{"id": "a", "text": "x", "extra": {deep}}}\n', encoding="utf-8")
    else:
        path = tmp_path / "news"
        path.mkdir()
        (path / "a.txt").write_text("A sentence.\n", encoding="utf-8")
        (path / "metadata.json").write_text(deep, encoding="utf-8")
    with pytest.raises(KitError, match="nests too deeply"):
        load_corpus(path)


@pytest.mark.parametrize("field", ["id", "text", "title"])
def test_a_surrogate_escape_in_a_record_is_one_error(tmp_path: Path, field: str) -> None:
    record = {"id": "a", "text": "The missile reached Mach 11.", "title": "T"}
    line = json.dumps(record).replace(f'"{record[field]}"', '"bad \\ud800 value"', 1)
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"Line 1 of .* holds `\\ud800`"):
        load_corpus(path)


def test_a_raw_line_separator_inside_a_jsonl_record_is_kept(tmp_path: Path) -> None:
    text = "First sentence.\u2028Second one, after a line separator."
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", "utf-8")
    assert load_corpus(path)["a"].text == text


def test_a_csv_field_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    text = "The missile reached Mach 11. " * 10_000  # 290,000 characters
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow(["a", text])
    assert load_corpus(path)["a"].text == text


def test_a_csv_file_with_a_nul_byte_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b'id,text\na,"The missile\x00 reached Mach 11."\n')
    try:
        corpus = load_corpus(path)
    except KitError as exc:
        assert "\n" not in str(exc)
    else:  # newer csv modules read NUL; then it must be kept verbatim
        assert "\x00" in corpus["a"].text


# -- property tests: random corpora through loading and splitting --------------------------------

# Sentence marks, quotes, abbreviations, every line break Python knows, control characters,
# non-Latin letters and emoji: the characters the splitter's rules are about.
PIECES = st.sampled_from(
    [
        "The missile reached Mach 11",
        "U.S.",
        "Mr.",
        "e.g.",
        " ",
        "  ",
        ".",
        "!",
        "?",
        "…",
        '"',
        "”",
        "’",
        ")",
        "(",
        "Kyiv",
        "188",
        "4.2 million",
        "Advertisement",
        "Read more: x",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x85",
        "\u2028",
        "\u2029",
        "\x1b[31m",
        "\x00",
        "Україна",
        "Ёж",
        "😀",
        "\ufeff",
        "a" * 300,
    ]
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=60).map("".join),
    st.text(max_size=400),
)
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _check_invariant(article: Article) -> None:
    text = article.text
    sentences = split_sentences(article)
    last = 0
    for i, s in enumerate(sentences):
        assert s.index == i and last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        last = s.end
    for p in make_passages(article, sentences):
        assert text[p.start : p.end] == p.text
        assert p.start == sentences[p.sentences[0]].start
        assert p.end == sentences[p.sentences[-1]].end


@SETTINGS
@given(text=TEXTS)
def test_splitting_any_text_keeps_the_citation_invariant(text: str) -> None:
    _check_invariant(Article("x", text, furniture=find_furniture(text)))


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
FORMATS = st.sampled_from(["txt", "md", "jsonl", "csv"])


@SETTINGS
@given(text=TEXTS, encoding=ENCODINGS, ending=ENDINGS, form=FORMATS, repeat=st.integers(1, 30))
def test_loading_any_file_gives_verbatim_text_or_one_kit_error(
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    encoding: str,
    ending: str,
    form: str,
    repeat: int,
) -> None:
    text = (text * repeat).replace("\n", ending)
    folder = tmp_path_factory.mktemp("corpus")
    try:
        if form in ("txt", "md"):
            data = text.encode(encoding, "replace")
            target = folder / f"a.{form}"
            target.write_bytes(data)
            path: Path = folder
        elif form == "jsonl":
            target = path = folder / "a.jsonl"
            line = json.dumps({"id": "a", "text": text}, ensure_ascii=encoding == "latin-1")
            target.write_bytes(line.encode(encoding, "replace") + b"\n")
        else:
            target = path = folder / "a.csv"
            with target.open("w", encoding=encoding, errors="replace", newline="") as handle:
                csv.writer(handle).writerows([["id", "text"], ["a", text]])
    except (UnicodeError, ValueError):
        return  # not representable in this encoding: nothing to load
    try:
        corpus = load_corpus(path)
    except KitError as exc:
        assert str(exc)  # one clear message; anything else escaping fails the test
        return
    for article in corpus:
        if form in ("txt", "md"):
            assert article.text == target.read_bytes().decode("utf-8")  # verbatim, BOM too
        _check_invariant(article)


# -- the command line ----------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from kit.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kit: error: "), err
    return lines[0]


def test_stdout_on_a_full_device_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "kit.cli", "sources", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert "Cannot write the output (No space left on device)" in line


def test_a_failing_stdout_in_process_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import sys

    from kit.cli import main

    class Full:
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["show", "000_2d8a655e2aa5b0a7"]) == 1
    _one_error_line(capsys.readouterr().err)


def test_a_question_argument_that_is_not_utf8_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _run(capsys, "ask", "How fast was it \udcff?")  # argv held byte 0xff
    assert code == 1
    assert "byte 0xff" in _one_error_line(err)


def test_a_newline_in_a_corpus_path_stays_on_one_error_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _run(capsys, "sources", "--corpus", "bad\npath\x1b[2J")
    assert code == 1
    line = _one_error_line(err)
    assert "bad\\npath\\x1b[2J" in line


def test_escape_sequences_are_removed_for_people_and_kept_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    text = "Title\n\x1b]0;pwned\x07The missile \x1b[2J reached\x9b Mach 11.\r\nMore.\n"
    (folder / "a.txt").write_bytes(text.encode("utf-8"))
    code, out, _ = _run(capsys, "show", "a", "--corpus", str(folder))
    assert code == 0
    assert out == "Title\n]0;pwnedThe missile [2J reached Mach 11.\nMore.\n"
    code, out, _ = _run(capsys, "show", "a", "--corpus", str(folder), "--json")
    assert code == 0 and json.loads(out)["text"] == text


def test_for_people_keeps_tabs_newlines_and_the_kits_colours() -> None:
    from kit.cli import for_people
    from kit.present.render import ANSI_BOLD_YELLOW, ANSI_DIM, ANSI_RESET

    kit_colours = f"{ANSI_BOLD_YELLOW}Mach 11{ANSI_RESET}\t{ANSI_DIM}x{ANSI_RESET}\n"
    assert for_people(kit_colours) == kit_colours
    assert for_people("a\x1b[31mb\x00c\x7fd\x85e\rf") == "a[31mbcde\nf"


def test_a_batch_line_with_a_raw_line_separator_is_one_record(tmp_path: Path) -> None:
    from kit.cli import read_batch

    path = tmp_path / "questions.jsonl"
    question = "How fast\u2028was the missile?"
    path.write_text(json.dumps({"question": question, "id": 1}, ensure_ascii=False) + "\n")
    assert list(read_batch(str(path), "question")) == [{"question": question, "id": 1}]


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"question": ' + "[" * 100_000 + "\n", "nests too deeply"),
        ('{"question": "bad \\udc80 half"}\n', "half of a surrogate pair"),
    ],
)
def test_bad_batch_lines_are_one_error(tmp_path: Path, content: str, message: str) -> None:
    from kit.cli import read_batch

    path = tmp_path / "questions.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KitError, match=message):
        list(read_batch(str(path), "question"))


def test_an_unreadable_batch_file_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mode 000 (simulated: the tests run as root)."""
    from kit.cli import read_batch

    path = tmp_path / "questions.txt"
    path.write_text("How fast?\n", encoding="utf-8")

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", denied)
    with pytest.raises(KitError, match=r"Cannot read the batch file .*Permission denied"):
        list(read_batch(str(path), "question"))


@pytest.mark.parametrize(
    "records, message",
    [
        ([{"question": "q", "answers": 5}], "`answers` must be a list"),
        ([{"question": "q", "answers": [{"start": 1}]}], "`answers` must be a list"),
        ([{"question": "q", "sources": [{"a": 1}]}], "`sources` must be a list"),
        ([{"question": "q", "sources": 3}], "`sources` must be a list"),
        ([{"answers": ["x"]}], "needs a `question` string"),
        ([{"question": "q", "context": "c"}, {"question": "q"}], "needs a `context` string"),
        ([{"question": "q", "context": {"a": 1}}], "needs a `context` string"),
    ],
)
def test_gold_files_of_the_wrong_shape_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], records: list[object], message: str
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code, _, err = _run(capsys, "eval", str(path))
    assert code == 1
    assert message in _one_error_line(err)


def test_eval_limit_zero_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"question": "q", "answers": ["a"]}\n', encoding="utf-8")
    code, _, err = _run(capsys, "eval", str(path), "--limit", "0")
    assert code == 2
    assert "--limit must be at least 1" in _one_error_line(err)


def test_splitting_a_long_line_takes_linear_time() -> None:
    """One 1 MB line: ~0.15 s of CPU now; the prefix search made it ~8 minutes (0.4 MB took
    78 s, 10 MB would have taken hours). CPU time, so a busy machine does not fail the test."""
    import time

    sentence = "Officials said the missile reached Mach 11 over Dnipro, U.S. sources say. "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    marks = "!" * 200_000 + " x" + "." * 200_000  # long runs of marks without a capital after
    for line in (text, marks):
        article = Article("long", line, furniture=find_furniture(line))
        started = time.process_time()
        sentences = split_sentences(article)
        make_passages(article, sentences)
        assert time.process_time() - started < 5
    assert len(split_sentences(Article("long", text))) == text.count("say. ") + 1


JSON_LIKE = st.lists(
    st.sampled_from(
        [
            *('{"id": ', '"a"', "1", '"text": ', '"x. Y."', "}", "{", "[", "]", ",", ":"),
            *('"\\ud800"', '"\\u2028"', "\u2028", "\n", "\r", "\x00", "\xff", "null", "true"),
        ]
    ),
    max_size=40,
).map("".join)


@SETTINGS
@given(
    data=st.one_of(st.binary(max_size=600), JSON_LIKE.map(str.encode)),
    name=st.sampled_from(["a.jsonl", "a.csv", "metadata.json", "a.txt", "a.html"]),
)
def test_any_bytes_in_any_corpus_file_load_or_give_one_kit_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / name).write_bytes(data)
    if name == "metadata.json":
        (folder / "a.txt").write_text("The missile reached Mach 11.\n", encoding="utf-8")
    path = folder if name in ("metadata.json", "a.txt", "a.html") else folder / name
    try:
        corpus = load_corpus(path)
    except KitError as exc:
        assert str(exc)
        return
    for article in corpus:
        article.source.encode("utf-8")
        article.text.encode("utf-8")  # printable and writable later
        _check_invariant(article)


def test_record_and_batch_files_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    from kit.cli import read_batch

    jsonl, table, batch = tmp_path / "a.jsonl", tmp_path / "a.csv", tmp_path / "q.jsonl"
    jsonl.write_text('{"id": "a", "text": "The missile reached Mach 11."}\n', "utf-8-sig")
    table.write_text("id,text\na,The missile reached Mach 11.\n", "utf-8-sig")
    batch.write_text('{"question": "How fast?"}\n', "utf-8-sig")
    assert load_corpus(jsonl)["a"].text == load_corpus(table)["a"].text
    assert list(read_batch(str(batch), "question")) == [{"question": "How fast?"}]
