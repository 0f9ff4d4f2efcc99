"""Everything a run publishes, rendered in memory: report.html, audit pages, charts, ClaimReview JSON-LD.

`claims.io.export.write_reports` writes what `render_reports` returns; nothing here touches the disk.

What the renderers read, besides the three tables:

- `summary`: the run's summary dict; whatever it gives is shown (run id, status, start and end, error,
  `latest_run` when a later run published nothing);
- the review columns of the conflicts frame (status, reviewer, reviewed_at, review_note, assigned_to, new,
  carried_from), set by the decisions store when the set is published;
- `decisions` and `marks` (optional): the decisions store's tables, for each finding's history and each
  figure's mark;
- `texts` (optional): the documents' texts (doc -> text, or a function of doc), for a quoted table cell's
  column headers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from claims.report.charts import build_charts, charted, render_chart_svg, topic_key
from claims.report.claimreview import claimreview_jsonld
from claims.report.common import ClaimParts, as_text, in_document_order, records
from claims.report.findings import build_findings, claim_side, titles_of
from claims.report.html import SHOWN_FINDINGS, render_report, run_view
from claims.report.incremental import AuditEntry, render_audit_pages
from claims.report.tables import LayoutCache, Layouts, with_tables

log = logging.getLogger(__name__)

Texts = Mapping[str, str] | Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class RenderedReports:
    report_html: str
    audit_pages: Mapping[str, str]  # file name inside audit/ -> HTML ("index.html" is the index)
    charts: Mapping[str, str]  # file name inside charts/ -> standalone SVG
    claimreview: str  # JSON-LD text (confirmed findings only)
    audit_entries: Mapping[str, AuditEntry] = field(default_factory=dict)  # every document's audit record
    audit_reused: tuple[str, ...] = ()  # audit pages not rendered: kept as the previous set has them


def render_reports(
    *,
    documents: pd.DataFrame | None,
    claims: pd.DataFrame | ClaimParts | None,
    conflicts: pd.DataFrame | None,
    summary: Mapping[str, object],
    validation: Mapping[str, object] | None = None,
    base_url: str | None = None,
    decisions: pd.DataFrame | None = None,
    marks: pd.DataFrame | None = None,
    texts: Texts | None = None,
    previous_audit: Mapping[str, AuditEntry] | None = None,
    renderer: str = "",
    emit_audit: Callable[[str, str], object] | None = None,
    emit_chart: Callable[[str, str], object] | None = None,
    shown: int | None = SHOWN_FINDINGS,
    layout_cache: LayoutCache | None = None,
) -> RenderedReports:
    """Render every report of a run from its frames (missing cells as NaN/None are fine).

    `claims` whole, or in parts (`ClaimParts`: read three times, a part at a time; no report holds every
    claim): the findings are built from the claims they name, the charts from the claims of the charted
    topics, the audit pages a document at a time (with `emit_audit`, each page is handed over as soon as
    it is rendered, not kept; `emit_chart` the same for the charts' SVG files). report.html lists the
    first `shown` findings and `shown` possible findings (None: all) with a note on the rest, which the
    tables and the audit pages hold.

    `previous_audit` (the published set's audit entries) and `renderer` (the version of the rendering
    code): the audit pages of documents whose inputs did not change are not rendered again
    (`claims.report.incremental`); they are listed in `audit_reused` for the writer to keep.
    `layout_cache` (a long-lived process's): the texts it segmented for the last reports are not segmented
    again."""
    parts = in_document_order(claims)
    titles = titles_of(documents)
    if layout_cache is not None:
        layout_cache.begin()
    layouts = Layouts(texts, cache=layout_cache)
    named = {as_text(c) for side in ("claim_a", "claim_b") if conflicts is not None and side in conflicts
             for c in conflicts[side].tolist()} - {""}  # fmt: skip
    known: list[pd.DataFrame] = []
    n_claims = 0
    for part in parts():
        n_claims += len(part)
        if "claim_id" in part and len(part):
            known.append(part[[as_text(c) in named for c in part["claim_id"].tolist()]])
    cited = pd.concat(known, ignore_index=True) if known else None
    findings = with_tables(build_findings(conflicts, cited, titles=titles, decisions=decisions), layouts)
    del known, cited
    charting = [f for f in findings if not f.possible]
    drawn = charted(charting)
    subjects = [  # the other claims of a charted topic and unit (only those can join a chart)
        (subject, claim_side(c, titles))
        for part in (parts() if drawn else ())
        for c in records(part)
        if (subject := as_text(c.get("subject"))) and (topic_key(subject), as_text(c.get("unit"))) in drawn
    ]
    charts = build_charts(charting, subjects)
    n_documents = len({as_text(d.get("doc")) for d in records(documents)} - {""})
    run = run_view(summary, validation, findings, n_documents=n_documents, n_claims=n_claims)
    log.info(
        "rendering reports: %d findings (%d possible), %d charts",
        len(findings),
        sum(1 for f in findings if f.possible),
        len(charts),
    )
    audit = render_audit_pages(
        documents,
        parts,
        findings,
        run,
        marks=marks,
        layouts=layouts,
        previous=previous_audit,
        renderer=renderer,
        emit=emit_audit,
    )
    svgs: dict[str, str] = {}
    for chart in charts:
        name, svg = f"{chart.key}.svg", render_chart_svg(chart, standalone=True)
        if emit_chart is None:
            svgs[name] = svg
        else:
            emit_chart(name, svg)
    return RenderedReports(
        report_html=render_report(findings, charts, run, base_url=base_url, shown=shown),
        audit_pages=audit.pages,
        charts=svgs,
        claimreview=claimreview_jsonld(findings, base_url=base_url),
        audit_entries=audit.entries,
        audit_reused=audit.reused,
    )
