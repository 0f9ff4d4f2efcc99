"""report.html, the fact-checker's page: the latest run's status, the counts by tier, the open findings
at a glance, charts, and every finding with both quotes side by side, who decided what and when, and what is
new since the last run; possible findings (below the report's score threshold) in a section of their own,
never in the headline counts. Pure: frames and dicts in, an HTML string out.

Every link stays inside the output set (relative), so the set reads the same wherever it is published
(`processed/current` pointing at `processed/versions/<run>`, a copy, a web server).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markupsafe import Markup

from claims.report.charts import Chart, charts_by_finding, render_chart_svg
from claims.report.claimreview import claimreview_graph, script_safe_json
from claims.report.common import (
    STATUS_ORDER,
    as_bool,
    as_text,
    csp,
    environment,
    format_time,
)
from claims.report.findings import Finding
from claims.types import Severity

VALIDATION_KEYS = ("suite", "expectation", "column", "severity", "message")
GOOD_STATUSES = frozenset({"ok", "passed"})
BAD_STATUSES = frozenset({"failed", "failed_validation", "crashed", "refused", "error", "interrupted"})


@dataclass(frozen=True, slots=True)
class RunView:
    """The header of the report: what the run saw and what it found."""

    run_id: str = ""
    started_at: str = ""
    finished_at: str = ""
    status: str = ""  # the run's status: ok, failed_validation, crashed, refused ... ('' when not given)
    error: str = ""
    documents: int = 0
    new_documents: int = 0
    claims: int = 0
    findings: int = 0  # tier "finding" only: possible findings are never in the headline counts
    open_findings: int = 0
    open_high: int = 0
    confirmed: int = 0
    dismissed: int = 0
    new_findings: int = 0
    new_known: bool = False  # the published set says which findings are new since the last run
    possible: int = 0
    possible_open: int = 0
    by_severity: tuple[tuple[str, int], ...] = ()
    by_kind: tuple[tuple[str, int], ...] = ()
    rejected: tuple[Mapping[str, str], ...] = ()
    validation_status: str = "not run"
    validation_failures: tuple[Mapping[str, str], ...] = field(default=())
    validation_docs: str = ""
    latest: LatestRun | None = None  # a later run than the one these results come from (e.g. a failed one)
    quarantined: tuple[tuple[str, int], ...] = ()  # rows held back by value-level data checks, per table

    @property
    def status_css(self) -> str:
        return status_css(self.status)

    @property
    def when(self) -> str:
        return format_time(self.finished_at or self.started_at)

    @property
    def quarantined_text(self) -> str:
        """`2 claims, 1 finding`: the quarantined rows per table, in words."""
        words = {"conflicts": ("finding", "findings"), "claims": ("claim", "claims")}
        parts = []
        for table, n in self.quarantined:
            one, many = words.get(table, (table, table))
            parts.append(f"{n} {one if n == 1 else many}")
        return ", ".join(parts)

    @property
    def validation_critical(self) -> int:
        return sum(1 for f in self.validation_failures if f.get("severity", "critical") != "warning")

    @property
    def validation_warnings(self) -> int:
        return sum(1 for f in self.validation_failures if f.get("severity") == "warning")


@dataclass(frozen=True, slots=True)
class LatestRun:
    """The latest run when it is not the run whose results are shown (a failed run publishes nothing)."""

    run_id: str
    status: str
    started_at: str
    finished_at: str
    error: str = ""

    @property
    def status_css(self) -> str:
        return status_css(self.status)

    @property
    def when(self) -> str:
        return format_time(self.finished_at or self.started_at)


def status_css(status: str) -> str:
    """good, bad or '' for a run or validation status.

    >>> status_css("ok"), status_css("failed_validation"), status_css("running")
    ('good', 'bad', '')
    """
    return "good" if status in GOOD_STATUSES else "bad" if status in BAD_STATUSES else ""


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


def validation_href(path: object) -> str:
    """The link to the validation report, relative to the output set.

    The run records where it wrote the report (relative to its working folder, or absolute); the report
    always sits in the set's `validation/` folder, and report.html sits at the set's top, so the link is
    `validation/...` wherever the set is published. A web address is kept; other schemes are dropped.

    >>> validation_href("processed/validation/index.html")
    'validation/index.html'
    >>> validation_href("/srv/out/versions/r1/validation/index.html")
    'validation/index.html'
    >>> validation_href("validation/index.html"), validation_href("https://ci.example/v/index.html")
    ('validation/index.html', 'https://ci.example/v/index.html')
    >>> validation_href("javascript:alert(1)"), validation_href("/elsewhere/index.html"), validation_href("")
    ('', '', '')
    """
    text = safe_href(path)
    if not text or re.match(r"https?:", text, re.IGNORECASE):
        return text
    text = re.sub(r"^file://", "", text, flags=re.IGNORECASE).replace("\\", "/")
    parts = PurePosixPath(text).parts
    if "validation" in parts:
        at = len(parts) - 1 - parts[::-1].index("validation")
        return "/".join(parts[at:])
    return "" if text.startswith("/") or re.match(r"[A-Za-z]:/", text) else text


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


def _latest(summary: Mapping[str, object]) -> LatestRun | None:
    """The summary's `latest_run` when it is another run than the one shown."""
    latest = summary.get("latest_run")
    if not isinstance(latest, Mapping):
        return None
    run_id = as_text(latest.get("run_id"))
    if not as_text(latest.get("status")) or (run_id and run_id == as_text(summary.get("run_id"))):
        return None
    return LatestRun(
        run_id,
        as_text(latest.get("status")),
        as_text(latest.get("started_at")),
        as_text(latest.get("finished_at")),
        as_text(latest.get("error")),
    )


def _quarantined(value: object) -> tuple[tuple[str, int], ...]:
    """The summary's `quarantined` counts ({"claims": 2, "conflicts": 1}) without the zeros.

    >>> _quarantined({"claims": 2, "conflicts": 0}), _quarantined(None)
    ((('claims', 2),), ())
    """
    if not isinstance(value, Mapping):
        return ()
    counts = ((as_text(k), _count(v, 0)) for k, v in value.items())
    return tuple((k, n) for k, n in counts if k and n > 0)


def run_view(
    summary: Mapping[str, object],
    validation: Mapping[str, object] | None,
    findings: Sequence[Finding],
    *,
    n_documents: int,
    n_claims: int,
) -> RunView:
    """The header: the run from its summary (whatever it gives: status, times, error, a later run), the
    findings counted from the frames by tier (the summary's counts include possible findings)."""
    shown = [f for f in findings if not f.possible]
    possible = [f for f in findings if f.possible]
    by_severity = Counter(f.severity for f in shown)
    by_kind = Counter(f.kind for f in shown)
    failures: tuple[Mapping[str, str], ...] = ()
    if validation is None:
        status, docs = "not run", ""
    else:
        status = "passed" if as_bool(validation.get("success")) else "failed"
        failures = _str_dicts(validation.get("failures"), VALIDATION_KEYS)
        docs = validation_href(validation.get("docs_index"))
    open_findings = [f for f in shown if f.status == "open"]
    return RunView(
        run_id=as_text(summary.get("run_id")),
        started_at=as_text(summary.get("started_at")),
        finished_at=as_text(summary.get("finished_at")),
        status=as_text(summary.get("status")),
        error=as_text(summary.get("error")),
        documents=_count(summary.get("documents"), n_documents),
        new_documents=_count(summary.get("new_documents"), 0),
        claims=_count(summary.get("claims"), n_claims),
        findings=len(shown),
        open_findings=len(open_findings),
        open_high=sum(1 for f in open_findings if f.severity == "high"),
        confirmed=sum(1 for f in shown if f.status == "confirmed"),
        dismissed=sum(1 for f in shown if f.status == "dismissed"),
        new_findings=sum(1 for f in shown if f.new),
        new_known=any(f.new is not None for f in findings),
        possible=len(possible),
        possible_open=sum(1 for f in possible if f.status == "open"),
        latest=_latest(summary),
        quarantined=_quarantined(summary.get("quarantined")),
        by_severity=tuple(
            sorted(((s, n) for s, n in by_severity.items() if n), key=lambda item: Severity.rank_of(item[0]))
        ),
        by_kind=tuple(sorted(((k, n) for k, n in by_kind.items() if n), key=lambda item: -item[1])),
        rejected=_str_dicts(summary.get("rejected"), ("doc", "reason", "detail")),
        validation_status=status,
        validation_failures=failures,
        validation_docs=docs,
    )


def chart_caption(chart: Chart) -> str:
    sources = len(chart.series)
    figures = sum(len(s.points) for s in chart.series)
    return (
        f"{figures} figures from {sources} sources; hover a marker for the quote. "
        f"Markers at the same period that do not coincide are the disagreement."
    )


SHOWN_FINDINGS = 2000
"""report.html lists at most this many findings (most severe first) and as many possible findings (most likely
first); a note says how many more there are and links the tables that hold every one."""


def render_report(
    findings: Sequence[Finding],
    charts: Sequence[Chart],
    run: RunView,
    *,
    base_url: str | None = None,
    shown: int | None = SHOWN_FINDINGS,
) -> str:
    """The whole report.html as a string: the first `shown` findings and possible findings (None: all),
    the charts that draw one of them, and a note on the rest.

    The confirmed findings are embedded as ClaimReview JSON-LD (the same records as claimreview.jsonld).
    """
    env = environment()
    script = env.loader.get_source(env, "_filters.js.html")[0] if env.loader else ""
    names = {d: n for f in findings for s in f.sides for d, n in ((s.doc, s.name),)}
    options = {
        "severity": sorted({f.severity for f in findings}, key=Severity.rank_of),
        "kind": sorted({f.kind for f in findings}),
        "doc": sorted(names.items(), key=lambda item: (item[1].lower(), item[0])),
        "status": sorted({f.status for f in findings}, key=lambda s: STATUS_ORDER.get(s, 3)),
        "scope": sorted({f.scope for f in findings}),
    }
    every_main = [f for f in findings if not f.possible]
    every_possible = [f for f in findings if f.possible]
    main, possible = every_main[:shown], every_possible[:shown]
    left_out = {"findings": len(every_main) - len(main), "possible": len(every_possible) - len(possible)}
    if left_out["findings"] or left_out["possible"]:
        listed = {f.anchor for f in (*main, *possible)}
        charts = [c for c in charts if listed.intersection(c.finding_anchors)]
    glance = [f for f in main if f.status == "open"]
    rendered_charts = [
        {"chart": c, "svg": Markup(render_chart_svg(c)), "caption": chart_caption(c)} for c in charts
    ]
    graph = claimreview_graph(findings, base_url=base_url)
    jsonld = Markup(script_safe_json(graph)) if graph["@graph"] else ""  # no <, > or & left: safe in <script>
    return env.get_template("report.html").render(
        csp=csp([script]),
        script=Markup(script),
        run=run,
        findings=main,
        possible=possible,
        glance=glance,
        charts=rendered_charts,
        options=options,
        chart_of=charts_by_finding(main, charts),
        jsonld=jsonld,
        total=len(main) + len(possible),
        left_out=left_out,
    )
