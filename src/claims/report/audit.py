"""audit/, the editor's pages: an index, one page per document, and one page per chapter for documents with
chapters, listing every figure in reading order with its sentence, period, unit, citation and flags.

Pure: `render_audit` returns {file name inside audit/: html}.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
    page_name,
    records,
    split_list,
)
from claims.report.findings import Finding, Side, claim_side
from claims.report.html import RunView
from claims.types import UNKNOWN_CURRENCY

WARNING_FLAGS = ("currency_missing", "no_period", "no_citation")
"""Claim flags an editor should act on; other flags (table_cell) are shown as information."""


@dataclass(frozen=True, slots=True)
class Flag:
    code: str  # conflict, arithmetic, conversion, currency_missing, no_period, no_citation, table_cell
    text: str
    css: str  # conflict, arith, warn, info (+ dismissed)
    href: str = ""  # the other side's row, or the finding
    finding_href: str = ""
    title: str = ""


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

    @property
    def flag_codes(self) -> str:
        return " ".join(sorted({f.code for f in self.flags}))

    @property
    def flagged(self) -> bool:
        return any(f.css != "info" and "dismissed" not in f.css for f in self.flags)

    @property
    def conflicted(self) -> bool:
        return any(f.code in {"conflict", "arithmetic", "conversion"} and "dismissed" not in f.css
                   for f in self.flags)

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

    @classmethod
    def of(cls, figures: Sequence[Figure]) -> PageSummary:
        codes = [{f.code for f in fig.flags if "dismissed" not in f.css} for fig in figures]
        hrefs = {f.finding_href for fig in figures for f in fig.flags if f.finding_href}
        return cls(
            figures=len(figures),
            flagged=sum(1 for fig in figures if fig.flagged),
            uncited=sum(1 for c in codes if "no_citation" in c),
            undated=sum(1 for c in codes if "no_period" in c),
            currency_missing=sum(1 for c in codes if "currency_missing" in c),
            findings=len(hrefs),
            disagreements=sum(1 for c in codes if "conflict" in c or "conversion" in c),
            arithmetic=sum(1 for c in codes if "arithmetic" in c),
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


# ----------------------------------------------------------------------------------------------- flags


def _conflict_flags(findings: Iterable[Finding]) -> dict[str, list[Flag]]:
    """Flags each claim gets from the findings it takes part in, keyed by claim id."""
    flags: dict[str, list[Flag]] = defaultdict(list)
    for finding in findings:
        finding_href = f"../report.html#{finding.anchor}"
        dismissed = " dismissed" if finding.status == "dismissed" else ""
        status = "" if finding.status == "open" else f" ({finding.status})"
        diff = format_percent(finding.relative_difference)
        for side, other in ((finding.a, finding.b), (finding.b, finding.a)):
            if side is None or not side.claim_id:
                continue
            title = finding.explanation
            if finding.kind == "arithmetic":
                expected = f": its numbers imply {finding.expected_text}" if finding.expected_text else ""
                flags[side.claim_id].append(Flag("arithmetic", f"arithmetic does not hold{expected}{status}",
                                                 "arith" + dismissed, finding_href, finding_href, title))
                continue
            if other is None:
                flags[side.claim_id].append(Flag("conflict", f"disagrees{status}", "conflict" + dismissed,
                                                 finding_href, finding_href, title))
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
            flags[side.claim_id].append(Flag(code, f"{verb} {where}{says}{status}", code + dismissed,
                                             f"{other.page}#{other.anchor}", finding_href, title))
    return flags


def _claim_flags(claim: Mapping[str, object], side: Side) -> list[Flag]:
    """Flags from the claim itself: the `flags` column, or derived from empty cells when it is absent."""
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
    return [Flag(code, FLAG_LABELS.get(code, code.replace("_", " ")),
                 "warn" if code in WARNING_FLAGS else "info") for code in dict.fromkeys(codes)]


def build_figures(claims: pd.DataFrame | None, findings: Sequence[Finding]) -> dict[str, list[Figure]]:
    """Every claim as an audit row, grouped by document, in reading order."""
    conflict_flags = _conflict_flags(findings)
    rows = sorted(records(claims), key=lambda c: (as_text(c.get("doc")), as_int(c.get("char_start")) or 0))
    by_doc: dict[str, list[Figure]] = defaultdict(list)
    for claim in rows:
        side = claim_side(claim)
        figures = by_doc[side.doc]
        flags = conflict_flags.get(side.claim_id, []) + _claim_flags(claim, side)
        figures.append(Figure(
            number=len(figures) + 1,
            side=side,
            kind=as_text(claim.get("kind")),
            qualifier=as_text(claim.get("qualifier")),
            subject=as_text(claim.get("subject")),
            counted=as_text(claim.get("counted")),
            entities=split_list(claim.get("entities")),
            confidence=as_float(claim.get("confidence")),
            flags=tuple(flags),
        ))
    return by_doc


# ----------------------------------------------------------------------------------------------- pages


def _doc_meta(document: Mapping[str, object]) -> dict[str, str]:
    keys = ("title", "author", "published", "format", "encoding", "n_chars", "sha256", "text_path", "aliases")
    return {k: as_text(document.get(k)) for k in keys if as_text(document.get(k))}


def _chapters(figures: Sequence[Figure]) -> list[str]:
    """Chapter names in reading order (first figure of each)."""
    return list(dict.fromkeys(f.side.chapter for f in figures if f.side.chapter))


def render_audit(documents: pd.DataFrame | None, claims: pd.DataFrame | None, findings: Sequence[Finding],
                 run: RunView) -> dict[str, str]:
    """Every audit page: {'index.html': ..., '<doc>.html': ..., '<doc>--chapter-4.html': ...}."""
    env = environment()
    script = env.loader.get_source(env, "_filters.js.html")[0] if env.loader else ""
    policy = csp([script])
    by_doc = build_figures(claims, findings)
    doc_rows = {as_text(d.get("doc")): d for d in records(documents) if as_text(d.get("doc"))}
    docs = sorted(set(doc_rows) | set(by_doc))
    pages: dict[str, str] = {}
    views = []
    page_template = env.get_template("audit_page.html")
    for doc in docs:
        figures = by_doc.get(doc, [])
        chapter_names = _chapters(figures)
        chapter_links = []
        for i, chapter in enumerate(chapter_names):
            in_chapter = [f for f in figures if f.side.chapter == chapter]
            page = page_name(doc, chapter)
            chapter_links.append(ChapterLink(chapter, page, PageSummary.of(in_chapter)))
            prev_page = (chapter_names[i - 1], page_name(doc, chapter_names[i - 1])) if i > 0 else None
            next_page = ((chapter_names[i + 1], page_name(doc, chapter_names[i + 1]))
                         if i + 1 < len(chapter_names) else None)
            pages[page] = page_template.render(
                csp=policy, script=Markup(script), doc=doc, chapter=chapter, doc_page=page_name(doc),
                figures=in_chapter, summary=PageSummary.of(in_chapter), chapters=(), meta={},
                prev_page=prev_page, next_page=next_page, run=run,
            )
        view = DocumentView(doc, page_name(doc), _doc_meta(doc_rows.get(doc, {})), tuple(chapter_links),
                            PageSummary.of(figures))
        views.append(view)
        rest = [f for f in figures if not f.side.chapter]
        pages[view.page] = page_template.render(
            csp=policy, script=Markup(script), doc=doc, chapter="", doc_page=view.page, figures=rest,
            summary=view.summary, chapters=view.chapters, meta=view.meta, prev_page=None, next_page=None,
            run=run,
        )
    pages["index.html"] = env.get_template("audit_index.html").render(
        csp=csp(()), script="", documents=views, run=run,
    )
    return pages
