"""report.html, the fact-checker's page: run summary, most serious findings, charts, and every finding with
both quotes side by side. Pure: frames and dicts in, an HTML string out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from claims.report.charts import Chart, charts_by_finding, render_chart_svg
from claims.report.common import (
    STATUS_ORDER,
    as_bool,
    as_text,
    csp,
    environment,
)
from claims.report.findings import Finding
from claims.types import Severity

GLANCE_ROWS = 10
VALIDATION_KEYS = ("suite", "expectation", "column", "severity", "message")


@dataclass(frozen=True, slots=True)
class RunView:
    """The header of the report: what the run saw and what it found."""

    run_id: str = ""
    started_at: str = ""
    finished_at: str = ""
    documents: int = 0
    new_documents: int = 0
    claims: int = 0
    findings: int = 0
    open_findings: int = 0
    open_high: int = 0
    by_severity: tuple[tuple[str, int], ...] = ()
    by_kind: tuple[tuple[str, int], ...] = ()
    rejected: tuple[Mapping[str, str], ...] = ()
    validation_status: str = "not run"
    validation_failures: tuple[Mapping[str, str], ...] = field(default=())
    validation_docs: str = ""

    @property
    def validation_critical(self) -> int:
        return sum(1 for f in self.validation_failures if f.get("severity", "critical") != "warning")

    @property
    def validation_warnings(self) -> int:
        return sum(1 for f in self.validation_failures if f.get("severity") == "warning")


def safe_href(path: object) -> str:
    """A link target from run metadata, or '' when it is not a plain relative/http(s)/file path.

    >>> safe_href("gx/index.html"), safe_href("javascript:alert(1)"), safe_href("https://x.org/a")
    ('gx/index.html', '', 'https://x.org/a')
    """
    text = as_text(path)
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", text)
    if scheme and scheme.group(1).lower() not in {"http", "https", "file"}:
        return ""
    return text


def _count(value: object, fallback: int) -> int:
    if isinstance(value, bool):
        return fallback
    if isinstance(value, int):
        return value
    if isinstance(value, Sequence) and not isinstance(value, str):
        return len(value)
    try:
        return int(str(value))
    except ValueError:
        return fallback


def _str_dicts(rows: object, keys: Sequence[str]) -> tuple[Mapping[str, str], ...]:
    if not isinstance(rows, Sequence) or isinstance(rows, str):
        return ()
    out = []
    for row in rows:
        if isinstance(row, Mapping):
            out.append({k: as_text(row.get(k)) for k in keys})
        else:
            out.append({k: (as_text(row) if i == 0 else "") for i, k in enumerate(keys)})
    return tuple(out)


def run_view(summary: Mapping[str, object], validation: Mapping[str, object] | None,
             findings: Sequence[Finding], *, n_documents: int, n_claims: int) -> RunView:
    """The header figures: from the run summary where it has them, else counted from the frames."""
    by_severity = Counter(f.severity for f in findings)
    by_kind = Counter(f.kind for f in findings)
    given_sev = summary.get("conflicts_by_severity")
    if isinstance(given_sev, Mapping) and given_sev:
        by_severity = Counter({as_text(k): _count(v, 0) for k, v in given_sev.items()})
    given_kind = summary.get("conflicts_by_kind")
    if isinstance(given_kind, Mapping) and given_kind:
        by_kind = Counter({as_text(k): _count(v, 0) for k, v in given_kind.items()})
    failures: tuple[Mapping[str, str], ...] = ()
    if validation is None:
        status, docs = "not run", ""
    else:
        status = "passed" if as_bool(validation.get("success")) else "failed"
        failures = _str_dicts(validation.get("failures"), VALIDATION_KEYS)
        docs = safe_href(validation.get("docs_index"))
    open_findings = [f for f in findings if f.status == "open"]
    return RunView(
        run_id=as_text(summary.get("run_id")),
        started_at=as_text(summary.get("started_at")),
        finished_at=as_text(summary.get("finished_at")),
        documents=_count(summary.get("documents"), n_documents),
        new_documents=_count(summary.get("new_documents"), 0),
        claims=_count(summary.get("claims"), n_claims),
        findings=_count(summary.get("conflicts"), len(findings)),
        open_findings=len(open_findings),
        open_high=sum(1 for f in open_findings if f.severity == "high"),
        by_severity=tuple(sorted(((s, n) for s, n in by_severity.items() if n),
                                 key=lambda item: Severity.rank_of(item[0]))),
        by_kind=tuple(sorted(((k, n) for k, n in by_kind.items() if n), key=lambda item: -item[1])),
        rejected=_str_dicts(summary.get("rejected"), ("doc", "reason", "detail")),
        validation_status=status,
        validation_failures=failures,
        validation_docs=docs,
    )


def chart_caption(chart: Chart) -> str:
    sources = len(chart.series)
    figures = sum(len(s.points) for s in chart.series)
    return (f"{figures} figures from {sources} sources; hover a marker for the quote. "
            f"Markers at the same period that do not coincide are the disagreement.")


def render_report(findings: Sequence[Finding], charts: Sequence[Chart], run: RunView) -> str:
    """The whole report.html as a string."""
    env = environment()
    script = env.loader.get_source(env, "_filters.js.html")[0] if env.loader else ""
    options = {
        "severity": sorted({f.severity for f in findings}, key=Severity.rank_of),
        "kind": sorted({f.kind for f in findings}),
        "doc": sorted({d for f in findings for d in f.docs}),
        "status": sorted({f.status for f in findings}, key=lambda s: STATUS_ORDER.get(s, 3)),
        "scope": sorted({f.scope for f in findings}),
    }
    glance = [f for f in findings if f.status != "dismissed"][:GLANCE_ROWS]
    rendered_charts = [{"chart": c, "svg": Markup(render_chart_svg(c)), "caption": chart_caption(c)}
                       for c in charts]
    return env.get_template("report.html").render(
        csp=csp([script]), script=Markup(script), run=run, findings=findings, glance=glance,
        charts=rendered_charts, options=options, chart_of=charts_by_finding(findings, charts),
    )
