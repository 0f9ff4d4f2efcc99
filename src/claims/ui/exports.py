"""Exports of the review (pure: frames and findings in, text out).

- `claimreview_jsonld`: schema.org ClaimReview records for confirmed findings only, each with the reviewer
  who confirmed it as author and the day of the decision as its date; `<`, `>` and `&` are written as JSON
  escapes so the document can sit inside a `<script type="application/ld+json">` element.
- `safe_csv`: a table as CSV that a spreadsheet cannot run: a text cell that starts with `=`, `+`, `-`, `@`,
  a tab or a carriage return is prefixed with a single quote (OWASP, "CSV Injection"), every cell quoted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

import pandas as pd

from claims.report.claimreview import claim_review
from claims.report.findings import Finding

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list of first characters that make a spreadsheet read a cell as a formula."""

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-5 boats"), safe_cell("Ana"), safe_cell(3.5)
    ('\\'=HYPERLINK("http://x")', "'-5 boats", 'Ana', 3.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(df: pd.DataFrame) -> str:
    """The frame as CSV text, every cell quoted, formula-like text cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow([safe_cell(str(c)) for c in df.columns])
    for row in df.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else safe_cell(v) for v in row])
    return buffer.getvalue()


def script_safe_json(data: object) -> str:
    """JSON text with no character that could close or confuse an HTML script element.

    >>> script_safe_json({"name": "</script><b>&"})
    '{\\n  "name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"\\n}\\n'
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def claimreview_jsonld(
    findings: Sequence[Finding], reviewers: Mapping[str, str], *, base_url: str | None = None
) -> str:
    """The confirmed findings as one JSON-LD document, each authored by its reviewer.

    `reviewers` maps a conflict id to the name of who confirmed it; a confirmed finding without a name is
    left out (a ClaimReview must say who reviewed).
    """
    graph = []
    for finding in findings:
        name = reviewers.get(finding.conflict_id, "").strip()
        if finding.status != "confirmed" or not name:
            continue
        review = claim_review(finding, date_published=finding.reviewed_at[:10], base_url=base_url)
        review["author"] = {"@type": "Person", "name": name}
        graph.append(review)
    return script_safe_json({"@context": "https://schema.org", "@graph": graph})
