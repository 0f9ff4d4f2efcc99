"""The offline entry page of a validation run (validation/index.html) and an offline touch-up of GX Data Docs.

GX Data Docs load Bootstrap, jQuery and Font Awesome from CDNs: without a network their index lists nothing
(its tables are filled by JavaScript) and the pass/fail icons of the result pages are blank. The page written
here needs nothing but the file: verdict, each table's counts, every expectation with its severity and
outcome, the failures with their example rows, and links to the GX pages. The GX pages get a small inline
style that shows their status icons as text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; max-width: 80rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.passed { color: #1a7f37; } .failed { color: #b00020; } .warning { color: #9a6700; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { font-size: .85rem; }
"""

# Shown in GX pages when Font Awesome (from a CDN) is not available.
GX_OFFLINE_STYLE = (
    '<style id="claims-offline">'
    'i.fas.fa-check-circle::before { content: "\\2714  passed"; color: #1a7f37; font-style: normal; }'
    'i.fas.fa-times::before { content: "\\2716  failed"; color: #b00020; font-style: normal; }'
    "</style>"
)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _link(href: str | None, text: str) -> str:
    return f'<a href="{_e(href)}">{_e(text)}</a>' if href else _e(text)


def patch_gx_pages(docs_dir: Path) -> None:
    """Add the offline status style to every GX Data Docs page (idempotent)."""
    for page in docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'id="claims-offline"' in text or "<head>" not in text:
            continue
        page.write_text(text.replace("<head>", "<head>" + GX_OFFLINE_STYLE, 1), encoding="utf-8")


def render_index(
    report: Mapping[str, Any],
    outcomes: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    gx_pages: Mapping[str, str],
    gx_suites: Mapping[str, str],
    gx_index: str | None,
) -> str:
    """The page: `report` is ValidationReport.to_dict(); `outcomes` per table lists every evaluated
    expectation ({name, severity, gx_type, column, success}); the gx_* arguments are relative links."""
    verdict = "passed" if report["success"] else "failed"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Validation {verdict}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Data validation <span class='{verdict}'>{verdict.upper()}</span></h1>",
        f"<p>{report['critical']} critical failure(s), {report['warnings']} warning(s), "
        f"{report.get('quarantined', 0)} row(s) quarantined; "
        f"{report['evaluated']} expectations evaluated in {report['seconds']} s. "
        "A critical failure stops publishing; a value check failing on a few rows quarantines them (they are "
        "left out of the published tables, listed below and in quarantine.csv); warnings are reported.</p>",
    ]
    if gx_index:
        parts.append(f"<p>Great Expectations Data Docs: {_link(gx_index, 'index')} (styled when online).</p>")
    parts.append(
        "<table><tr><th>table</th><th>rows</th><th>expectations</th><th>failed</th><th>GX pages</th></tr>"
    )
    for table, rows in report["rows"].items():
        items = outcomes.get(table, ())
        failed = sum(1 for o in items if not o["success"])
        links = " · ".join(
            _link(href, label)
            for href, label in ((gx_pages.get(table), "result"), (gx_suites.get(table), "suite"))
            if href
        )
        parts.append(
            f"<tr><td>{_e(table)}</td><td>{rows}</td><td>{len(items)}</td><td>{failed}</td><td>{links}</td></tr>"
        )
    parts.append("</table>")

    if report["failures"]:
        parts.append("<h2>Failed expectations</h2>")
    for failure in report["failures"]:
        quarantined = failure.get("action") == "quarantine"
        css = "warning" if quarantined or failure["severity"] != "critical" else "failed"
        label = "QUARANTINED" if quarantined else failure["severity"].upper()
        column = f" (column {_e(failure['column'])})" if failure["column"] else ""
        parts.append(
            f"<h3><span class='{css}'>{_e(label)}</span> "
            f"{_e(failure['suite'])}.{_e(failure['expectation'])}{column}</h3>"
            f"<p>{_e(failure['message'])} <code>{_e(failure['gx_type'])}</code></p>"
        )
        examples = failure["examples"]
        if examples:
            keys = list(dict.fromkeys(k for row in examples for k in row))
            parts.append("<table><tr>" + "".join(f"<th>{_e(k)}</th>" for k in keys) + "</tr>")
            for row in examples:
                parts.append("<tr>" + "".join(f"<td>{_e(row.get(k))}</td>" for k in keys) + "</tr>")
            parts.append("</table>")

    held = report.get("quarantined_rows") or []
    if held:
        parts.append(
            f"<h2>Quarantined rows</h2><p>{report.get('quarantined', len(held))} row(s); the full list is in "
            f"{_link('quarantine.csv', 'quarantine.csv')}.</p>"
            "<table><tr><th>table</th><th>id</th><th>document</th><th>reason</th></tr>"
        )
        for row in held:
            parts.append(
                f"<tr><td>{_e(row.get('tbl'))}</td><td>{_e(row.get('row_id'))}</td>"
                f"<td>{_e(row.get('doc'))}</td><td>{_e(row.get('reason'))}</td></tr>"
            )
        parts.append("</table>")

    for table, items in outcomes.items():
        parts.append(
            f"<h2>Suite {_e(table)}</h2><table><tr><th>expectation</th><th>severity</th>"
            "<th>column</th><th>checks</th><th>GX expectation</th><th>outcome</th></tr>"
        )
        for o in items:
            outcome = "passed" if o["success"] else ("failed" if o["severity"] == "critical" else "warning")
            parts.append(
                f"<tr><td>{_e(o['name'])}</td><td>{_e(o['severity'])}</td><td>{_e(o['column'])}</td>"
                f"<td>{_e(o.get('notes'))}</td>"
                f"<td><code>{_e(o['gx_type'])}</code></td><td class='{outcome}'>{outcome}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
