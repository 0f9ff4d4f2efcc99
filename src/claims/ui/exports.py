"""The workspace's exports, from the one implementation in `claims.report`.

- ClaimReview (`claims.report.claimreview`): confirmed findings only, each with its reviewer as author,
  script-safe JSON;
- spreadsheet-safe CSV (`claims.report.exports`).

`claimreview_jsonld(findings, reviewers)` is kept for callers that hold the reviewers' names apart from the
findings (a findings list built before the review columns were on the frame).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from claims.report import claimreview
from claims.report.claimreview import script_safe_json
from claims.report.exports import FORMULA_STARTS, safe_cell, safe_csv
from claims.report.findings import Finding

__all__ = ["FORMULA_STARTS", "claimreview_jsonld", "safe_cell", "safe_csv", "script_safe_json"]


def claimreview_jsonld(
    findings: Sequence[Finding], reviewers: Mapping[str, str] | None = None, *, base_url: str | None = None
) -> str:
    """`claims.report.claimreview.claimreview_jsonld`, a reviewer's name given apart taking precedence."""
    named = [
        replace(f, reviewer=reviewers.get(f.conflict_id) or f.reviewer) if reviewers else f for f in findings
    ]
    return claimreview.claimreview_jsonld(named, base_url=base_url)
