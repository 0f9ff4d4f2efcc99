"""audit/, the editor's pages: an index, one page per document, and one page per chapter for documents with
chapters, listing every figure in reading order with its sentence, period, unit, citation and flags, the
findings it takes part in (with who decided what, and when) and the editor's mark.

Flags that mean something: "no citation" only where the document part has a citation apparatus at all (a
chapter, or a document without chapters, where some figure cites something: slides and chapters without
footnotes have nothing to cite); possible findings are shown apart from disagreements and not counted.

Pure: `render_audit` returns {file name inside audit/: html}. A document's pages carry nothing of the run
(`document_pages`): only the index names it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import jinja2
import pandas as pd
from markupsafe import Markup

from claims.report.common import (
    FLAG_LABELS,
    as_float,
    as_int,
    as_text,
    csp,
    environment,
    format_percent,
    format_time,
    page_name,
    records,
    split_list,
)
from claims.report.findings import Finding, Side, claim_side
from claims.report.html import RunView
from claims.report.tables import Layouts
from claims.types import UNKNOWN_CURRENCY

WARNING_FLAGS = ("currency_missing", "no_period", "no_citation")
"""Claim flags an editor should act on; other flags (table_cell) are shown as information."""


@dataclass(frozen=True, slots=True)
class Flag:
    code: str  # from a finding: conflict, arithmetic, conversion, possible; or a claim flag (FLAG_LABELS)
    text: str
    css: str  # conflict, arith, warn, info, possible (+ dismissed)
    href: str = ""  # the other side's row, or the finding
    finding_href: str = ""
    title: str = ""
    decision: str = ""  # who decided what, and when ("confirmed by Ana Lima, 2026-03-02 10:00 UTC")
    new: bool = False  # the finding is new since the last run


@dataclass(frozen=True, slots=True)
class EditorMark:
    """An editor's latest mark on a figure: checked or needs fix."""

    mark: str
    reviewer: str
    at: str
    note: str = ""

    @property
    def label(self) -> str:
        return self.mark.replace("_", " ")


def latest_marks(marks: pd.DataFrame | None) -> dict[str, EditorMark]:
    """The latest mark per claim id from the marks table (oldest first); "unmarked" takes a mark back."""
    out: dict[str, EditorMark] = {}
    for row in sorted(records(marks), key=lambda r: as_text(r.get("marked_at"))):
        claim_id = as_text(row.get("claim_id"))
        mark = as_text(row.get("mark"))
        if not claim_id:
            continue
        if mark in {"", "unmarked"}:
            out.pop(claim_id, None)
            continue
        out[claim_id] = EditorMark(
            mark, as_text(row.get("reviewer")), as_text(row.get("marked_at")), as_text(row.get("note"))
        )
    return out


@dataclass(frozen=True, slots=True)
class Figure:
    number: int
    side: Side
    kind: str
    qualifier: str
    subject: str
    counted: str
    entities: tuple[str, ...]
    confidence: float | None
    flags: tuple[Flag, ...]
    mark: EditorMark | None = None

    @property
    def flag_codes(self) -> str:
        codes = {f.code for f in self.flags} | ({"new"} if any(f.new for f in self.flags) else set())
        return " ".join(sorted(codes))

    @property
    def flagged(self) -> bool:
        return any(f.css not in {"info", "possible"} and "dismissed" not in f.css for f in self.flags)

    @property
    def conflicted(self) -> bool:
        return any(
            f.code in {"conflict", "arithmetic", "conversion"} and "dismissed" not in f.css
            for f in self.flags
        )

    @property
    def uncited(self) -> bool:
        return any(f.code == "no_citation" for f in self.flags)


@dataclass(frozen=True, slots=True)
class PageSummary:
    figures: int
    flagged: int
    uncited: int
    undated: int
    currency_missing: int
    findings: int
    disagreements: int
    arithmetic: int
    possible: int = 0
    checked: int = 0
    needs_fix: int = 0

    @classmethod
    def of(cls, figures: Sequence[Figure]) -> PageSummary:
        codes = [{f.code for f in fig.flags if "dismissed" not in f.css} for fig in figures]
        hrefs = {
            f.finding_href for fig in figures for f in fig.flags if f.finding_href and f.code != "possible"
        }
        return cls(
            figures=len(figures),
            flagged=sum(1 for fig in figures if fig.flagged),
            uncited=sum(1 for c in codes if "no_citation" in c),
            undated=sum(1 for c in codes if "no_period" in c),
            currency_missing=sum(1 for c in codes if "currency_missing" in c),
            findings=len(hrefs),
            disagreements=sum(1 for c in codes if "conflict" in c or "conversion" in c),
            arithmetic=sum(1 for c in codes if "arithmetic" in c),
            possible=sum(1 for c in codes if "possible" in c),
            checked=sum(1 for fig in figures if fig.mark is not None and fig.mark.mark == "checked"),
            needs_fix=sum(1 for fig in figures if fig.mark is not None and fig.mark.mark == "needs_fix"),
        )


@dataclass(frozen=True, slots=True)
class ChapterLink:
    chapter: str
    page: str
    summary: PageSummary


@dataclass(frozen=True, slots=True)
class DocumentView:
    doc: str
    page: str
    meta: Mapping[str, str]
    chapters: tuple[ChapterLink, ...]
    summary: PageSummary  # whole document
    title: str = ""

    @property
    def name(self) -> str:
        return self.title or self.doc


# ------------------------------------------------------------------------------------ citation apparatus


def citing_parts(claims: Iterable[Mapping[str, object]]) -> frozenset[tuple[str, str]]:
    """(doc, chapter) parts where some figure cites something: the parts with a citation apparatus.

    >>> sorted(citing_parts([{"doc": "book.txt", "chapter": "Chapter 1", "citation": "[3] MOFA. 2024."},
    ...                      {"doc": "book.txt", "chapter": "Chapter 4", "citation": None},
    ...                      {"doc": "deck.txt", "chapter": None, "citation": ""}]))
    [('book.txt', 'Chapter 1')]
    """
    return frozenset(
        (as_text(c.get("doc")), as_text(c.get("chapter"))) for c in claims if as_text(c.get("citation"))
    )


def meaningful_flags(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with "no_citation" kept only where the document part cites at all (see `citing_parts`).

    A chapter (or a document without chapters) none of whose figures carries a citation has no citation
    apparatus to speak of (slides, a chapter without footnotes): every figure there would be flagged, and
    the flag would mean nothing.
    """
    if claims is None or claims.empty or "flags" not in claims:
        return claims
    df = claims.copy()
    citing = citing_parts(records(df[[c for c in ("doc", "chapter", "citation") if c in df]]))
    keys = zip(
        df["doc"].astype("string").fillna(""),
        df["chapter"].astype("string").fillna("") if "chapter" in df else [""] * len(df),
        strict=True,
    )
    df["flags"] = pd.array(
        [
            ";".join(f for f in split_list(flags) if f != "no_citation" or key in citing)
            for flags, key in zip(df["flags"], keys, strict=True)
        ],
        dtype="string",
    )
    return df


# ----------------------------------------------------------------------------------------------- flags


def decision_text(finding: Finding) -> str:
    """Who decided what on a finding, and when ('' for a finding nobody decided on).

    A re-opened finding (its evidence changed after a decision) names the earlier decision's reviewer.
    """
    if not finding.reviewed_at:
        return ""
    who = finding.reviewer or "no name recorded"
    verb = "re-opened after a decision" if finding.status == "open" else finding.status
    return f"{verb} by {who}, {format_time(finding.reviewed_at)}"


def conflict_flags(findings: Iterable[Finding]) -> dict[str, list[Flag]]:
    """Flags each claim gets from the findings it takes part in, keyed by claim id."""
    flags: dict[str, list[Flag]] = defaultdict(list)
    for finding in findings:
        finding_href = f"../report.html#{finding.anchor}"
        dismissed = " dismissed" if finding.status == "dismissed" else ""
        status = "" if finding.status == "open" else f" ({finding.status})"
        diff = format_percent(finding.relative_difference)
        decision, new = decision_text(finding), finding.new is True
        for side, other in ((finding.a, finding.b), (finding.b, finding.a)):
            if side is None or not side.claim_id:
                continue
            title = finding.explanation
            if finding.possible:
                whom = other.source_label if other is not None and other.doc != side.doc else "another figure"
                text = f"may disagree with {whom} (possible finding){status}"
                flags[side.claim_id].append(
                    Flag(
                        "possible",
                        text,
                        "possible" + dismissed,
                        finding_href,
                        finding_href,
                        title,
                        decision=decision,
                        new=new,
                    )
                )
                continue
            if finding.kind == "arithmetic":
                expected = f": its numbers imply {finding.expected_text}" if finding.expected_text else ""
                flags[side.claim_id].append(
                    Flag(
                        "arithmetic",
                        f"arithmetic does not hold{expected}{status}",
                        "arith" + dismissed,
                        finding_href,
                        finding_href,
                        title,
                        decision=decision,
                        new=new,
                    )
                )
                continue
            if other is None:
                flags[side.claim_id].append(
                    Flag(
                        "conflict",
                        f"disagrees{status}",
                        "conflict" + dismissed,
                        finding_href,
                        finding_href,
                        title,
                        decision=decision,
                        new=new,
                    )
                )
                continue
            if other.doc != side.doc:
                where = other.source_label
            elif other.chapter != side.chapter:
                where = other.chapter or "the front matter"
            else:
                where = f"another figure in this {'chapter' if side.chapter else 'document'}"
            conversion = finding.kind == "conversion_mismatch"
            verb = "conversion implausible against" if conversion else "disagrees with"
            code = "conversion" if conversion else "conflict"
            says = f" ({other.value_text}{', ' + diff if diff else ''})"
            flags[side.claim_id].append(
                Flag(
                    code,
                    f"{verb} {where}{says}{status}",
                    code + dismissed,
                    f"{other.page}#{other.anchor}",
                    finding_href,
                    title,
                    decision=decision,
                    new=new,
                )
            )
    return flags


def _claim_flags(claim: Mapping[str, object], side: Side, citing: frozenset[tuple[str, str]]) -> list[Flag]:
    """Flags from the claim itself: the `flags` column, or derived from empty cells when it is absent;
    "no citation" only where the document part has a citation apparatus."""
    if "flags" in claim:
        codes = list(split_list(claim.get("flags")))
    else:
        codes = []
        if side.unit == UNKNOWN_CURRENCY:
            codes.append("currency_missing")
        if side.period_start is None and side.period_end is None:
            codes.append("no_period")
        if not side.citation:
            codes.append("no_citation")
    if (side.doc, side.chapter) not in citing:
        codes = [c for c in codes if c != "no_citation"]
    return [
        Flag(code, FLAG_LABELS.get(code, code.replace("_", " ")), "warn" if code in WARNING_FLAGS else "info")
        for code in dict.fromkeys(codes)
    ]


def build_figures(
    claims: pd.DataFrame | None,
    findings: Sequence[Finding],
    *,
    titles: Mapping[str, str] | None = None,
    marks: Mapping[str, EditorMark] | None = None,
    layouts: Layouts | None = None,
    only: Collection[str] | None = None,
) -> dict[str, list[Figure]]:
    """Every claim as an audit row, grouped by document, in reading order (`only`: of those documents)."""
    flags_of = conflict_flags(findings)
    rows = sorted(records(claims), key=lambda c: (as_text(c.get("doc")), as_int(c.get("char_start")) or 0))
    citing = citing_parts(rows)
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for claim in rows:
        if only is None or as_text(claim.get("doc")) in only:
            by_doc[as_text(claim.get("doc"))].append(claim)
    return {
        doc: document_figures(doc_rows, flags_of, citing, titles=titles, marks=marks, layouts=layouts)
        for doc, doc_rows in by_doc.items()
    }


def document_figures(
    rows: Iterable[Mapping[str, object]],
    flags_of: Mapping[str, list[Flag]],
    citing: frozenset[tuple[str, str]],
    *,
    titles: Mapping[str, str] | None = None,
    marks: Mapping[str, EditorMark] | None = None,
    layouts: Layouts | None = None,
) -> list[Figure]:
    """One document's claims (in reading order) as audit rows: `flags_of` the findings' flags by claim id
    (`conflict_flags`), `citing` the parts of the document that cite (`citing_parts`)."""
    figures: list[Figure] = []
    for claim in rows:
        side = claim_side(claim, titles)
        if layouts is not None and "table_cell" in side.flags:
            side = layouts.side(side)
        flags = flags_of.get(side.claim_id, []) + _claim_flags(claim, side, citing)
        figures.append(
            Figure(
                number=len(figures) + 1,
                side=side,
                kind=as_text(claim.get("kind")),
                qualifier=as_text(claim.get("qualifier")),
                subject=as_text(claim.get("subject")),
                counted=as_text(claim.get("counted")),
                entities=split_list(claim.get("entities")),
                confidence=as_float(claim.get("confidence")),
                flags=tuple(flags),
                mark=(marks or {}).get(side.claim_id),
            )
        )
    return figures


# ----------------------------------------------------------------------------------------------- pages


def _doc_meta(document: Mapping[str, object]) -> dict[str, str]:
    keys = ("title", "author", "published", "format", "encoding", "n_chars", "sha256", "text_path", "aliases")
    return {k: as_text(document.get(k)) for k in keys if as_text(document.get(k))}


def _chapters(figures: Sequence[Figure]) -> list[str]:
    """Chapter names in reading order (first figure of each)."""
    return list(dict.fromkeys(f.side.chapter for f in figures if f.side.chapter))


@dataclass(frozen=True)
class AuditContext:
    """What every audit page of a set shares: the templates, the script and its policy, each document's
    row and title, and the parts that cite (`audit_context`)."""

    page_template: jinja2.Template
    index_template: jinja2.Template
    script: str
    policy: str
    doc_rows: Mapping[str, Mapping[str, object]]
    titles: Mapping[str, str]
    citing: frozenset[tuple[str, str]]


def audit_context(documents: pd.DataFrame | None, claims: pd.DataFrame | None) -> AuditContext:
    env = environment()
    script = env.loader.get_source(env, "_filters.js.html")[0] if env.loader else ""
    doc_rows = {as_text(d.get("doc")): d for d in records(documents) if as_text(d.get("doc"))}
    return AuditContext(
        page_template=env.get_template("audit_page.html"),
        index_template=env.get_template("audit_index.html"),
        script=script,
        policy=csp([script]),
        doc_rows=doc_rows,
        titles={doc: as_text(d.get("title")) for doc, d in doc_rows.items() if as_text(d.get("title"))},
        citing=citing_parts(records(claims)),
    )


def document_pages(
    doc: str, figures: Sequence[Figure], context: AuditContext
) -> tuple[DocumentView, dict[str, str]]:
    """A document's line in the index, and its pages: one for the document (its figures outside any
    chapter, and its chapters) and one per chapter. They carry nothing of the run, so a document whose
    figures, flags and marks did not change gets the same pages."""
    pages: dict[str, str] = {}
    chapter_names = _chapters(figures)
    chapter_links = []
    common = {"csp": context.policy, "script": Markup(context.script), "doc": doc}
    for i, chapter in enumerate(chapter_names):
        in_chapter = [f for f in figures if f.side.chapter == chapter]
        page = page_name(doc, chapter)
        chapter_links.append(ChapterLink(chapter, page, PageSummary.of(in_chapter)))
        prev_page = (chapter_names[i - 1], page_name(doc, chapter_names[i - 1])) if i > 0 else None
        next_page = (
            (chapter_names[i + 1], page_name(doc, chapter_names[i + 1]))
            if i + 1 < len(chapter_names)
            else None
        )
        pages[page] = context.page_template.render(
            **common,
            name=context.titles.get(doc) or doc,
            chapter=chapter,
            doc_page=page_name(doc),
            figures=in_chapter,
            summary=PageSummary.of(in_chapter),
            cites=(doc, chapter) in context.citing,
            chapters=(),
            meta={},
            prev_page=prev_page,
            next_page=next_page,
        )
    view = DocumentView(
        doc,
        page_name(doc),
        _doc_meta(context.doc_rows.get(doc, {})),
        tuple(chapter_links),
        PageSummary.of(figures),
        context.titles.get(doc, ""),
    )
    pages[view.page] = context.page_template.render(
        **common,
        name=view.name,
        chapter="",
        doc_page=view.page,
        figures=[f for f in figures if not f.side.chapter],
        summary=view.summary,
        cites=any(d == doc for d, _ in context.citing),
        chapters=view.chapters,
        meta=view.meta,
        prev_page=None,
        next_page=None,
    )
    return view, pages


def index_page(views: Sequence[DocumentView], run: RunView, context: AuditContext) -> str:
    """audit/index.html: every document with its counts, the run, and the files it could not read."""
    return context.index_template.render(csp=csp(()), script="", documents=views, run=run)


def render_audit(
    documents: pd.DataFrame | None,
    claims: pd.DataFrame | None,
    findings: Sequence[Finding],
    run: RunView,
    *,
    marks: pd.DataFrame | None = None,
    layouts: Layouts | None = None,
) -> dict[str, str]:
    """Every audit page: {'index.html': ..., '<doc>.html': ..., '<doc>--chapter-4.html': ...}.

    `marks` is the editors' marks table (every mark, oldest first); `layouts` gives the documents' tables,
    for a table cell's column header. (`claims.report.incremental` renders only the pages whose inputs
    changed since a published set.)
    """
    context = audit_context(documents, claims)
    by_doc = build_figures(
        claims, findings, titles=context.titles, marks=latest_marks(marks), layouts=layouts
    )
    pages: dict[str, str] = {}
    views = []
    for doc in sorted(set(context.doc_rows) | set(by_doc)):
        view, doc_pages = document_pages(doc, by_doc.get(doc, []), context)
        views.append(view)
        pages.update(doc_pages)
    pages["index.html"] = index_page(views, run, context)
    return pages
