"""The app's HTML: results as cards (answers with their agreement and citations, a verdict
with its evidence), tables, the sources list and an article with its shared passages.

Plain functions from the library's results to HTML strings, no widget: `kit.ui.KitApp`
puts them in its `widgets.HTML` panes, and `cards(result, kit)` wraps them with the style
sheet as plain HTML (`_repr_html_`), so executed, saved, exported and reopened notebooks show
a result without a kernel or a widget renderer. Every text is escaped; every quote is
highlighted inside its sentence with its source.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kit.spans import highlight

if TYPE_CHECKING:
    import pandas as pd

    from kit.api import FactKit
    from kit.checking.agreement import Agreement
    from kit.checking.claims import ClaimCheck, Evidence
    from kit.ingest.corpus import Article
    from kit.reading.answers import Answer, AnswerSet, Citation
    from kit.spans import Span

VERDICTS = {
    "supported": ("#1a7f37", "Supported", "the articles state it"),
    "refuted": ("#c62828", "Refuted", "the articles contradict it"),
    "conflicting": ("#b26a00", "Conflicting", "the sources disagree"),
    "not_enough_info": ("#57606a", "Not enough information", "the articles do not say"),
}
STANCES = {
    "supports": ("#1a7f37", "✔ supports"),
    "refutes": ("#c62828", "✘ refutes"),
    "related": ("#57606a", "· related"),
}
STYLE = """<style>
.kit-app {font-size: 15px; line-height: 1.45; color: #1f2328}
.kit-app .widget-html-content {line-height: 1.45}
.kit-list {display: flex; flex-direction: column; gap: 10px}
.kit-list .kit-card {flex: none; max-width: none}
.kit-app mark {background: #ffe066; padding: 0 2px; border-radius: 3px; font-weight: 600}
.kit-cards {display: flex; flex-wrap: wrap; gap: 14px; align-items: stretch}
.kit-card {flex: 1 1 320px; max-width: 560px; border: 1px solid #d0d7de; border-radius: 10px;
  padding: 12px 16px; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.06)}
.kit-answer {font-size: 1.7em; font-weight: 700; margin: 0 0 4px}
.kit-badge {display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: .85em;
  color: #fff; background: #57606a; margin-right: 6px}
.kit-quote {margin: 10px 0 2px; padding: 6px 10px; border-left: 4px solid #ffe066;
  background: #fffbea}
.kit-source {font-size: .88em; color: #57606a; margin-bottom: 8px}
.kit-source b {color: #1f2328}
.kit-note {color: #57606a; margin: 6px 0 12px}
.kit-error {border: 1px solid #c62828; background: #fdecea; color: #8a1c1c; padding: 10px 14px;
  border-radius: 8px}
.kit-busy {color: #0969da; font-weight: 600}
.kit-spinner {display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  border: 2px solid #0969da; border-right-color: transparent; border-radius: 50%;
  animation: kit-spin .8s linear infinite; vertical-align: -1px}
@keyframes kit-spin {to {transform: rotate(360deg)}}
.kit-table table {border-collapse: collapse; font-size: .9em}
.kit-table th, .kit-table td {border-bottom: 1px solid #d0d7de; padding: 3px 8px;
  text-align: left; vertical-align: top}
.kit-table {overflow-x: auto; max-width: 100%}
.kit-app img.widget-image {max-width: min(100%, 900px); height: auto}
.kit-app code {overflow-wrap: anywhere}
.kit-text {white-space: pre-wrap; max-height: 32em; overflow-y: auto; padding: 8px 12px;
  border: 1px solid #d0d7de; border-radius: 8px; background: #fff}
.kit-text mark {font-weight: 400}
.kit-pairs td {width: 50%}
.kit-app .kit-filter .widget-checkbox {max-width: 100%; height: auto}
.kit-app .kit-filter .widget-checkbox label, .kit-app .kit-filter .widget-checkbox span {
  white-space: normal; overflow-wrap: anywhere; height: auto; line-height: 1.3}
.kit-app .kit-row {flex-wrap: wrap; gap: 6px; max-width: 100%}
.kit-app .kit-row .widget-text {min-width: 0; flex: 1 1 14em}
.kit-app .kit-row .widget-button, .kit-app .kit-row .widget-dropdown {max-width: 100%}
.kit-app .widget-dropdown select {max-width: 100%}
.kit-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab {flex: 0 1 auto;
  min-width: 0; padding: 0 10px}
.kit-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tabLabel {text-overflow: clip}
@media (max-width: 600px) {
  .kit-app {font-size: 14px}
  .kit-answer {font-size: 1.4em}
  .kit-card {padding: 10px 12px}
  .kit-app .jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab {padding: 0 6px}
}
</style>"""


@dataclass(frozen=True)
class Cards:
    """A result as plain HTML: notebooks show it through `_repr_html_`, exports keep it."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    @property
    def value(self) -> str:  # the same name as `widgets.HTML.value`, for code that read it
        return self.html


def cards(result: AnswerSet | ClaimCheck, factkit: FactKit) -> Cards:
    """One result as the app shows it: answer cards, or a verdict with its evidence.

    For notebooks that ask in code but want the app's view (hedges, attribution, how many
    independent sources). Plain HTML, not a widget: an executed notebook keeps it in its
    outputs, so an HTML export viewed offline or a reopened notebook shows it.
    """
    from kit.reading.answers import AnswerSet

    everything = set(factkit.corpus.sources)
    if isinstance(result, AnswerSet):
        body = answers_html(result, factkit, everything)
    else:
        body = verdict_html(result, factkit, everything)
    return Cards(f"{STYLE}<div class='kit-app'>{body}</div>")


def for_people(message: str) -> str:
    """A KitError's message without the command line's advice (flags mean nothing here).

    Messages end with their advice ("...: pass --corpus with a folder"); the clauses from
    the first one that names a flag or a `kit` command on are dropped.
    """
    parts = re.split(r"(:\s|;\s|\.\s)", message)
    kept: list[str] = []
    for clause, sep in zip(parts[0::2], [*parts[1::2], ""], strict=True):
        if re.search(r"(?<![\w-])--[a-z]|`kit |\bmake [a-z]", clause):
            break
        kept.append(clause + sep)
    text = "".join(kept).strip().rstrip(":;,").strip()
    if not text:
        return message
    return text if text.endswith((".", "?", "!")) else text + "."


def header_html(factkit: FactKit | None) -> str:
    if factkit is None:
        return "<h2>Ask the articles</h2>"
    n = len(factkit.corpus)
    return (
        "<h2 style='margin-bottom:2px'>Ask the articles</h2>"
        f"<div class='kit-note'>{n} article{'s' if n != 1 else ''}. Every answer quotes the "
        "sentence it comes from, the quoted words <mark>highlighted</mark>, with its source."
        "</div>"
    )


def error_html(message: str) -> str:
    return f"<div class='kit-error'><b>Cannot do that:</b> {_inline(message)}</div>"


def hint_html(message: str) -> str:
    return f"<div class='kit-note'><i>{html.escape(message)}</i></div>"


def _inline(message: str) -> str:
    """Escaped text; `backticked` names as code; the app's own advice may hold <code>."""
    text = (
        html.escape(message).replace("&lt;code&gt;", "<code>").replace("&lt;/code&gt;", "</code>")
    )
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def short(source: str) -> str:
    from kit.figures.compare import short_source

    return short_source(source)


def article_title(article: Article) -> str:
    return article.title or "(untitled article)"


def _source_line(article: Article, span: Span, who: str | None) -> str:
    parts = [f"<b>{html.escape(article_title(article))}</b>"]
    if article.outlet:
        parts.append(html.escape(article.outlet))
    if article.kind:
        parts.append(html.escape(article.kind))
    parts.append(
        f"<code title='{html.escape(span.source)}'>{html.escape(short(span.source))}</code>"
    )
    if who and who != "unattributed":
        parts.append(html.escape(who))
    return f"<div class='kit-source'>— {' · '.join(parts)}</div>"


def _quote(sentence: Span, mark: Span | None) -> str:
    if mark is None:
        return f"<div class='kit-quote'>{html.escape(sentence.quote)}</div>"
    body = highlight(sentence, mark, before="<mark>", after="</mark>", escape=True)
    return f"<div class='kit-quote'>{body}</div>"


def _attribution(article: Article, span: Span) -> tuple[str, tuple[str, ...]]:
    from kit.language.attribution import attribute

    found = attribute(article, span.start, span.end)
    return found.describe(), found.hedges


def _citation_html(citation: Citation, factkit: FactKit) -> str:
    article = factkit.corpus[citation.span.source]
    who, hedges = _attribution(article, citation.span)
    hedge = f"<span class='kit-badge' style='background:#b26a00'>hedged: {', '.join(hedges)}</span>"
    return (
        _quote(citation.sentence, citation.span)
        + _source_line(article, citation.span, who)
        + (f"<div>{hedge}</div>" if hedges else "")
    )


def _agreement(agreement: Agreement, selected: set[str]) -> str:
    """ "2 sources (1 independent)": articles that copy each other are one witness."""
    sources = [s for s in agreement.sources if s in selected]
    independent = sum(1 for group in agreement.groups if any(s in selected for s in group))
    n = len(sources)
    text = f"{n} source{'s' if n != 1 else ''}"
    if 0 < independent < n:
        text += f" ({independent} independent)"
    color = "#1a7f37" if independent >= 2 else "#57606a"
    hidden = len(agreement.sources) - n
    extra = f" <small>(+{hidden} hidden by the source filter)</small>" if hidden else ""
    badge = f"<span class='kit-badge' style='background:{color}'>{text}</span>{extra}"
    for group in agreement.groups:
        shown = [short(s) for s in group if s in selected]
        if len(shown) > 1:
            names = " and ".join([", ".join(shown[:-1]), shown[-1]])
            badge += (
                f"<div class='kit-note' style='margin:4px 0'>{html.escape(names)} copy or share "
                "reporting: they count as one independent source.</div>"
            )
    return badge


def _answer_card(answer: Answer, agreement: Agreement, factkit: FactKit, selected: set[str]) -> str:
    shown = [c for c in answer.citations if c.span.source in selected]
    return (
        "<div class='kit-card'>"
        f"<div class='kit-answer'>{html.escape(answer.text)}</div>"
        f"<div>{_agreement(agreement, selected)}</div>"
        f"<div class='kit-note' style='margin:4px 0'>reader's confidence {answer.score:.0%}</div>"
        + "".join(_citation_html(c, factkit) for c in shown)
        + "</div>"
    )


def answers_html(answer_set: AnswerSet, factkit: FactKit, selected: set[str]) -> str:
    from kit.checking.agreement import answer_agreement

    question = f"<div class='kit-note'>Q: <b>{html.escape(answer_set.question)}</b></div>"
    if answer_set.no_answer:
        return question + "<p><i>No answer: the articles do not state it.</i></p>"
    agreements = answer_agreement(factkit.index, answer_set)
    pairs = [
        (a, g)
        for a, g in zip(answer_set.answers, agreements, strict=True)
        if any(s in selected for s in a.sources)
    ]
    if not pairs:
        return question + "<p><i>Only the sources hidden by the filter answer this.</i></p>"
    if len(pairs) == 1:
        note = "One answer found in the articles."
    else:
        note = (
            f"<b>The articles give {len(pairs)} different answers</b>, best first. "
            "Compare them side by side: do they count the same thing?"
        )
    cards = "".join(_answer_card(a, g, factkit, selected) for a, g in pairs)
    return f"{question}<div class='kit-note'>{note}</div><div class='kit-cards'>{cards}</div>"


def _evidence_html(evidence: Evidence, factkit: FactKit) -> str:
    article = factkit.corpus[evidence.sentence.source]
    color, label = STANCES.get(evidence.stance, ("#57606a", evidence.stance))
    who = evidence.attribution.describe() if evidence.attribution else None
    return (
        "<div class='kit-card'>"
        f"<span class='kit-badge' style='background:{color}'>{label}</span>"
        + _quote(evidence.sentence, evidence.highlight)
        + _source_line(article, evidence.sentence, who)
        + "</div>"
    )


def verdict_html(check: ClaimCheck, factkit: FactKit, selected: set[str]) -> str:
    color, name, meaning = VERDICTS.get(check.verdict, ("#57606a", check.verdict, ""))
    detail = check.explanation
    said = meaning.removeprefix("the ")
    if said and detail.lower().startswith(said.lower()):  # "sources disagree: ..." says it
        detail = detail[len(said) :].lstrip(" :;,")
    why = f"{meaning}: {detail}" if meaning and detail else meaning or detail
    head = (
        f"<div class='kit-note'>Claim: <b>{html.escape(check.claim)}</b></div>"
        f"<div style='font-size:1.5em;font-weight:700;color:{color}'>{name}</div>"
        f"<div class='kit-note'>{html.escape(why)}</div>"
    )
    shown = [e for e in check.evidence if e.sentence.source in selected]
    if not shown:
        return head + "<p><i>No evidence from the selected sources.</i></p>"
    body = "".join(_evidence_html(e, factkit) for e in shown)
    return f"{head}<div class='kit-list'>{body}</div>"


def table_html(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p><i>Nothing to show for the selected sources.</i></p>"
    return f"<div class='kit-table'>{frame.to_html(index=False, na_rep='', escape=True)}</div>"


def sources_html(factkit: FactKit) -> str:
    from kit.checking.copies import copy_report

    report = copy_report(factkit.index)
    rows = []
    for article in factkit.corpus:
        notes = [
            r.describe().replace(r.source, "this article").replace(r.origin, short(r.origin))
            for r in report.relations
            if r.source == article.source
        ]
        rows.append(
            "<div class='kit-card'>"
            f"<b>{html.escape(short(article.source))} · {html.escape(article_title(article))}</b>"
            f"<div class='kit-source'>{html.escape(' · '.join(_facts(article)))}</div>"
            + "".join(f"<div>↳ {html.escape(n)}</div>" for n in notes)
            + "</div>"
        )
    return "<div class='kit-list'>" + "".join(rows) + "</div>"


def _facts(article: Article) -> list[str]:
    known = [article.outlet, article.kind, article.date, article.source]
    return [str(x) for x in known if x]


def _download_link(frame: pd.DataFrame, filename: str, label: str) -> str:
    """A link that saves `frame` as CSV from the page itself (a data: URI, no server call).

    UTF-8 with a byte-order mark, so spreadsheet programs read "km²" and "≈" right.
    """
    data = base64.b64encode(("\ufeff" + frame.to_csv(index=False)).encode("utf-8")).decode()
    return (
        f"<a download='{html.escape(filename)}' href='data:text/csv;charset=utf-8;base64,{data}'"
        f">{html.escape(label)}</a>"
    )


def downloads_html(figures: pd.DataFrame, comparison: pd.DataFrame) -> str:
    if figures.empty:
        return ""
    links = [_download_link(figures, "figures.csv", f"every figure ({len(figures)} rows)")]
    if not comparison.empty:
        links.append(_download_link(comparison, "comparison.csv", "the comparison table"))
    return f"<div class='kit-note'>Download as CSV: {' · '.join(links)}</div>"


def _shared_spans(factkit: FactKit, source: str) -> list[tuple[Span, Span]]:
    """(this article's sentence, the other article's) for every passage it shares."""
    from kit.checking.copies import copy_report

    pairs = []
    for relation in copy_report(factkit.index).relations:
        for pair in relation.pairs:
            if pair.a.source == source:
                pairs.append((pair.a, pair.b))
            elif pair.b.source == source:
                pairs.append((pair.b, pair.a))
    return sorted(pairs, key=lambda p: p[0].start)


def _marked_text(text: str, spans: Sequence[tuple[Span, Span]]) -> str:
    """The whole text, escaped, each shared passage marked with the article it is shared with."""
    out, at = [], 0
    for own, other in spans:
        if own.start < at:
            continue  # overlaps one already marked
        label = f"also in {short(other.source)}"
        out.append(html.escape(text[at : own.start]))
        out.append(f"<mark title='{html.escape(label)}'>{html.escape(own.quote)}</mark>")
        out.append(f"<sup>{html.escape(short(other.source))}</sup>")
        at = own.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def article_html(factkit: FactKit, source: str) -> str:
    article = factkit.corpus[source]
    shared = _shared_spans(factkit, source)
    head = (
        f"<div class='kit-card' style='max-width:none'><b>{html.escape(article_title(article))}</b>"
        f"<div class='kit-source'>{html.escape(' · '.join(_facts(article)))}</div>"
    )
    if shared:
        others = sorted({short(o.source) for _, o in shared})
        head += (
            f"<div class='kit-note'>{len(shared)} passage{'s' if len(shared) != 1 else ''} "
            f"<mark>marked</mark> are shared with {html.escape(', '.join(others))} "
            "(the article's number follows each one). Side by side:</div>" + _pairs_table(shared)
        )
    else:
        head += "<div class='kit-note'>No passage of it is shared with another article.</div>"
    return head + f"<div class='kit-text'>{_marked_text(article.text, shared)}</div></div>"


def _pairs_table(shared: Sequence[tuple[Span, Span]]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(own.quote)}</td>"
        f"<td><code>{html.escape(short(other.source))}</code> {html.escape(other.quote)}</td></tr>"
        for own, other in shared
    )
    return (
        "<div class='kit-table kit-pairs'><table><tr><th>this article</th>"
        f"<th>the other article</th></tr>{rows}</table></div>"
    )
