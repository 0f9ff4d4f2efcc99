"""Audit pages rendered only where their inputs changed since the published set.

A document's audit pages (`claims.report.audit.document_pages`) are made from its row of the documents
table, its claims, the flags the findings give those claims, the editors' latest marks on them, the parts
of it that cite, and whether its text could be read (a table cell's column header). `document_key` digests
exactly these, with the version of the code that renders them (`renderer`, given by the caller: the
digest of the report package and the modules it formats with). A document whose key is the one the
published set recorded keeps its pages as they are: they are not rendered again, and the caller links the
published files into the new set instead of writing them (`AuditRender.reused`).

The record of each document (`AuditEntry`: key, page names, its line in the index) is written beside the
pages as `audit/.pages.json` (`entries_to_json`, `entries_from_json`), so the next set can tell. The index
is always rendered: it names the run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace

import pandas as pd

from claims.report.audit import (
    ChapterLink,
    DocumentView,
    EditorMark,
    Flag,
    PageSummary,
    audit_context,
    citing_parts,
    conflict_flags,
    document_figures,
    document_pages,
    index_page,
    latest_marks,
)
from claims.report.common import ClaimParts, as_text, in_document_order, rows_by_document, split_list
from claims.report.findings import Finding
from claims.report.html import RunView
from claims.report.tables import Layouts

MANIFEST = ".pages.json"
"""The file beside the audit pages recording each document's key, pages and index line."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """A document's audit pages as published: the key of what they were made from, their file names, and
    the document's line in the index."""

    key: str
    pages: tuple[str, ...]
    view: DocumentView


@dataclass(frozen=True, slots=True)
class AuditRender:
    pages: dict[str, str]  # rendered now: file name inside audit/ -> HTML (index.html included)
    entries: dict[str, AuditEntry]  # every document's entry, rendered now or kept
    reused: tuple[str, ...]  # page names kept as published (the caller links them into the new set)


def document_key(
    renderer: str,
    doc: str,
    doc_row: Mapping[str, object],
    rows: Sequence[Mapping[str, object]],
    flags: Sequence[Sequence[Flag]],
    marks: Sequence[EditorMark | None],
    cites: Sequence[tuple[str, str]],
    text_known: bool,
) -> str:
    """The digest of everything a document's pages are made from (values exactly as given: a cell read
    back as another type gives another key, and the pages are rendered again).

    >>> def key(renderer, surface):
    ...     rows = [{"surface": surface}]
    ...     return document_key(renderer, "a.txt", {"doc": "a.txt"}, rows, [[]], [None], [], True)
    >>> key("r1", "$5 million") == key("r1", "$5 million"), key("r1", "$5 million") == key("r1", "$6 million")
    (True, False)
    >>> key("r1", "$5 million") == key("r2", "$5 million")  # other rendering code
    False
    """
    parts = (renderer, doc, sorted(doc_row.items()), list(rows), list(flags), list(marks), sorted(cites))
    return hashlib.sha256(repr((*parts, text_known)).encode()).hexdigest()[:32]


def render_audit_pages(
    documents: pd.DataFrame | None,
    claims: pd.DataFrame | ClaimParts | None,
    findings: Sequence[Finding],
    run: RunView,
    *,
    marks: pd.DataFrame | None = None,
    layouts: Layouts | None = None,
    previous: Mapping[str, AuditEntry] | None = None,
    renderer: str = "",
    emit: Callable[[str, str], object] | None = None,
) -> AuditRender:
    """The audit pages of the documents whose key changed, and the index; the pages of the others are kept
    (`previous`: the published set's entries, with the same `renderer`). Without `renderer` every page is
    rendered. What is rendered is what `claims.report.audit.render_audit` renders.

    `claims` whole, or in parts (`ClaimParts`, in document order): the pages are made a document at a
    time. With `emit`, each page goes to `emit(name, html)` as soon as it is rendered and is not kept
    (`AuditRender.pages` then holds no page); the index comes last."""
    context = audit_context(documents, None)
    flags_of = conflict_flags(findings)
    marked = latest_marks(marks)
    pages: dict[str, str] = {}

    def put(name: str, html: str) -> None:
        if emit is None:
            pages[name] = html
        else:
            emit(name, html)

    entries: dict[str, AuditEntry] = {}
    reused: list[str] = []
    claimed = rows_by_document(in_document_order(claims)())
    without = iter(sorted(context.doc_rows))  # documents without claims go in their place, by name
    for doc, rows in _merged(claimed, without):
        citing = citing_parts(rows)
        ids = [as_text(row.get("claim_id")) for row in rows]
        tables = any("table_cell" in split_list(row.get("flags")) for row in rows)
        key = document_key(
            renderer,
            doc,
            context.doc_rows.get(doc, {}),
            rows,
            [flags_of.get(i, []) for i in ids],
            [marked.get(i) for i in ids],
            list(citing),
            layouts.has_text(doc) if layouts is not None and tables else False,
        )
        kept = previous.get(doc) if renderer and previous is not None else None
        if kept is not None and kept.key == key:
            entries[doc] = kept
            reused.extend(kept.pages)
            continue
        figures = document_figures(
            rows, flags_of, citing, titles=context.titles, marks=marked, layouts=layouts
        )
        view, doc_pages = document_pages(doc, figures, replace(context, citing=citing))
        for name, html in doc_pages.items():
            put(name, html)
        entries[doc] = AuditEntry(key, tuple(doc_pages), view)
    put("index.html", index_page([entries[doc].view for doc in sorted(entries)], run, context))
    return AuditRender(pages=pages, entries=entries, reused=tuple(reused))


def _merged(
    claimed: Iterator[tuple[str, list[dict[str, object]]]], documents: Iterator[str]
) -> Iterator[tuple[str, list[dict[str, object]]]]:
    """Every document once, by name: those with claims with their rows, the others with none."""
    pending = next(documents, None)
    for doc, rows in claimed:
        while pending is not None and pending < doc:
            yield pending, []
            pending = next(documents, None)
        if pending == doc:
            pending = next(documents, None)
        yield doc, rows
    while pending is not None:
        yield pending, []
        pending = next(documents, None)


# --- the record beside the pages ------------------------------------------------------------------------


def entries_to_json(entries: Mapping[str, AuditEntry]) -> str:
    return json.dumps({doc: asdict(entry) for doc, entry in sorted(entries.items())}, indent=1)


def entries_from_json(text: str) -> dict[str, AuditEntry]:
    """The entries written by `entries_to_json`; an entry that cannot be read is left out (its document's
    pages are then rendered again).

    >>> view = DocumentView("a.txt", "a.txt.html", {}, (), PageSummary(1, 0, 0, 0, 0, 0, 0, 0))
    >>> entries = {"a.txt": AuditEntry("k1", ("a.txt.html",), view)}
    >>> entries_from_json(entries_to_json(entries)) == entries
    True
    >>> entries_from_json('{"a.txt": {"key": "k1"}}'), entries_from_json("not json")
    ({}, {})
    """
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    out: dict[str, AuditEntry] = {}
    for doc, entry in data.items() if isinstance(data, dict) else ():
        try:
            view = entry["view"]
            out[str(doc)] = AuditEntry(
                key=str(entry["key"]),
                pages=tuple(str(p) for p in entry["pages"]),
                view=DocumentView(
                    doc=str(view["doc"]),
                    page=str(view["page"]),
                    meta={str(k): str(v) for k, v in view["meta"].items()},
                    chapters=tuple(
                        ChapterLink(str(c["chapter"]), str(c["page"]), PageSummary(**c["summary"]))
                        for c in view["chapters"]
                    ),
                    summary=PageSummary(**view["summary"]),
                    title=str(view["title"]),
                ),
            )
        except (KeyError, TypeError, AttributeError):
            continue
    return out
