"""The validation page of a run (validation/index.html), rendered from the Great Expectations results.

It replaces GX's own Data Docs, which are not published: those pages render unexpected values as raw HTML
(a crafted cell `<img src=x onerror=...>` runs in the reader's browser), carry no Content Security Policy,
and load Bootstrap, jQuery and Font Awesome from CDNs (offline, their index lists nothing and the pass/fail
icons are blank). This page is one file with no external asset and no script: a Jinja2 template with
autoescaping (every value from a table is text, never markup), and a strict CSP in a meta element that lets
the page load nothing at all but its own inline style (allowed by its hash). Each expectation is labelled
PASSED or FAILED in words, not only in colour (a failure also says when it only warns or quarantined its
rows); the failures list their unexpected values and example rows; the GX result JSON of each table is
linked.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import jinja2

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; max-width: 80rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1rem; }
.passed { color: #1a7f37; } .failed { color: #b00020; } .warning, .quarantined { color: #9a6700; }
.label { font-weight: bold; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { font-size: .85rem; white-space: pre-wrap; word-break: break-all; }
"""


def style_hash(style: str = STYLE) -> str:
    """The CSP source that allows exactly this inline style (`'sha256-...'`)."""
    digest = hashlib.sha256(style.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str = STYLE) -> str:
    """Nothing may load or run: no script, image, font, frame, form target or base URL; one inline style.

    >>> content_security_policy("p{}").startswith("default-src 'none'; style-src 'sha256-")
    True
    """
    return (
        f"default-src 'none'; style-src {style_hash(style)}; img-src 'none'; script-src 'none'; "
        "object-src 'none'; base-uri 'none'; form-action 'none'"
    )


OUTCOME_LABELS = {
    "passed": "PASSED",
    "failed": "FAILED",
    "warning": "FAILED (warning)",
    "quarantined": "FAILED (rows quarantined)",
}
"""The words each outcome is shown with (its CSS class is the key): a failure always says FAILED."""

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<title>Validation {{ verdict_label }}</title>
<style>{{ style | safe }}</style></head><body>
<h1>Data validation <span class="label {{ verdict }}">{{ verdict_label }}</span></h1>
<p>{{ report.critical }} critical failure(s), {{ report.warnings }} warning(s),
{{ report.get("quarantined", 0) }} row(s) quarantined; {{ report.evaluated }} expectations evaluated
in {{ report.seconds }} s. A critical failure stops publishing; a value check failing on a few rows
quarantines them (they are left out of the published tables, listed below and in
<a href="quarantine.csv">quarantine.csv</a>); warnings are reported.
Every result: <a href="results.json">results.json</a>.</p>
<table><tr><th>table</th><th>rows</th><th>expectations</th><th>passed</th><th>failed</th>
<th>Great Expectations result</th></tr>
{% for table in tables %}<tr><td>{{ table.name }}</td><td>{{ table.rows }}</td><td>{{ table.evaluated }}</td>
<td>{{ table.passed }}</td><td>{{ table.failed }}</td>
<td>{% if table.gx_json %}<a href="{{ table.gx_json }}">{{ table.gx_json }}</a>{% endif %}</td></tr>
{% endfor %}</table>
{% if failures %}<h2>Failed expectations</h2>{% endif %}
{% for failure in failures %}
<h3><span class="label {{ failure.css }}">{{ failure.label }}</span>
{{ failure.suite }}.{{ failure.expectation }}
{%- if failure.column %} (column {{ failure.column }}){% endif %}</h3>
<p>{{ failure.message }} <code>{{ failure.gx_type }}</code></p>
{% if failure.examples %}<table><tr>{% for key in failure.columns %}<th>{{ key }}</th>{% endfor %}</tr>
{% for row in failure.examples %}<tr>
{% for key in failure.columns %}<td>{{ cell(row.get(key)) }}</td>{% endfor %}</tr>
{% endfor %}</table>{% endif %}
{% endfor %}
{% if held %}<h2>Quarantined rows</h2>
<p>{{ report.get("quarantined", held | length) }} row(s); the full list is in
<a href="quarantine.csv">quarantine.csv</a>.</p>
<table><tr><th>table</th><th>id</th><th>document</th><th>reason</th></tr>
{% for row in held %}<tr><td>{{ cell(row.get("tbl")) }}</td><td>{{ cell(row.get("row_id")) }}</td>
<td>{{ cell(row.get("doc")) }}</td><td>{{ cell(row.get("reason")) }}</td></tr>
{% endfor %}</table>{% endif %}
{% for table, items in suites %}
<h2>Suite {{ table }}</h2>
<table><tr><th>outcome</th><th>expectation</th><th>severity</th><th>column</th><th>checks</th>
<th>unexpected values</th><th>GX expectation</th></tr>
{% for o in items %}<tr><td class="label {{ o.css }}">{{ o.label }}</td><td>{{ o.name }}</td>
<td>{{ o.severity }}</td><td>{{ cell(o.column) }}</td><td>{{ cell(o.get("notes")) }}</td>
<td>{% for value in o.get("unexpected") or () %}<code>{{ value }}</code>{% if not loop.last %}, {% endif %}
{% endfor %}</td><td><code>{{ o.gx_type }}</code></td></tr>
{% endfor %}</table>
{% endfor %}
</body></html>
"""

_ENVIRONMENT = jinja2.Environment(
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_PAGE = _ENVIRONMENT.from_string(_TEMPLATE)


def _cell(value: object) -> str:
    """A table value as text (None as empty); escaping is the template's."""
    return "" if value is None else str(value)


def outcome_css(success: bool, severity: str, *, quarantined: bool = False) -> str:
    """
    >>> outcome_css(True, "critical"), outcome_css(False, "critical"), outcome_css(False, "warning")
    ('passed', 'failed', 'warning')
    """
    if success:
        return "passed"
    if quarantined:
        return "quarantined"
    return "failed" if severity == "critical" else "warning"


def render_index(
    report: Mapping[str, Any],
    outcomes: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    gx_results: Mapping[str, str],
) -> str:
    """The page: `report` is ValidationReport.to_dict(); `outcomes` per table lists every evaluated
    expectation ({name, severity, gx_type, column, success, notes, unexpected}); `gx_results` links each
    table's GX result JSON (relative to the page)."""
    verdict = "passed" if report["success"] else "failed"
    quarantining = {
        (f["suite"], f["expectation"]) for f in report["failures"] if f.get("action") == "quarantine"
    }
    tables = []
    for name, rows in report["rows"].items():
        items = outcomes.get(name, ())
        failed = sum(1 for o in items if not o["success"])
        tables.append(
            {
                "name": name,
                "rows": rows,
                "evaluated": len(items),
                "passed": len(items) - failed,
                "failed": failed,
                "gx_json": gx_results.get(name),
            }
        )
    failures = []
    for failure in report["failures"]:
        quarantined = failure.get("action") == "quarantine"
        css = outcome_css(False, failure["severity"], quarantined=quarantined)
        examples = failure["examples"]
        failures.append(
            {
                **failure,
                "css": css,
                "label": OUTCOME_LABELS[css],
                "examples": examples,
                "columns": list(dict.fromkeys(k for row in examples for k in row)),
            }
        )
    suites = []
    for table, items in outcomes.items():
        shown = []
        for o in items:
            css = outcome_css(o["success"], o["severity"], quarantined=(table, o["name"]) in quarantining)
            shown.append({**o, "css": css, "label": OUTCOME_LABELS[css]})
        suites.append((table, shown))
    return _PAGE.render(
        csp=content_security_policy(),
        style=STYLE,
        verdict=verdict,
        verdict_label=OUTCOME_LABELS[verdict],
        report=report,
        tables=tables,
        failures=failures,
        held=report.get("quarantined_rows") or [],
        suites=suites,
        cell=_cell,
    )
