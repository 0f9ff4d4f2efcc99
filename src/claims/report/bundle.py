"""Everything a run publishes, rendered in memory: report.html, audit pages, charts, ClaimReview JSON-LD.

`claims.io.reports.write_reports` writes what `render_reports` returns; nothing here touches the disk.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from claims.report.audit import render_audit
from claims.report.charts import build_charts, render_chart_svg
from claims.report.claimreview import claimreview_jsonld
from claims.report.common import as_text, records
from claims.report.findings import build_findings, claim_side
from claims.report.html import render_report, run_view

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RenderedReports:
    report_html: str
    audit_pages: Mapping[str, str]  # file name inside audit/ -> HTML ("index.html" is the index)
    charts: Mapping[str, str]  # file name inside charts/ -> standalone SVG
    claimreview: str  # JSON-LD text


def render_reports(*, documents: pd.DataFrame | None, claims: pd.DataFrame | None,
                   conflicts: pd.DataFrame | None, summary: Mapping[str, object],
                   validation: Mapping[str, object] | None = None,
                   base_url: str | None = None) -> RenderedReports:
    """Render every report of a run from its frames (missing cells as NaN/None are fine)."""
    findings = build_findings(conflicts, claims)
    subjects = [(as_text(c.get("subject")), claim_side(c))
                for c in records(claims) if as_text(c.get("subject"))]
    charts = build_charts(findings, subjects)
    n_documents = len({as_text(d.get("doc")) for d in records(documents)} - {""})
    run = run_view(summary, validation, findings, n_documents=n_documents,
                   n_claims=0 if claims is None else len(claims))
    log.info("rendering reports: %d findings, %d charts", len(findings), len(charts))
    finished = as_text(summary.get("finished_at"))
    date_published = finished[:10] if re.match(r"\d{4}-\d{2}-\d{2}", finished) else ""
    return RenderedReports(
        report_html=render_report(findings, charts, run),
        audit_pages=render_audit(documents, claims, findings, run),
        charts={f"{c.key}.svg": render_chart_svg(c, standalone=True) for c in charts},
        claimreview=claimreview_jsonld(findings, date_published=date_published, base_url=base_url),
    )
