"""The order a reviewer reads findings in: findings by severity, possible findings the most likely first."""

from __future__ import annotations

import dataclasses

import pandas as pd

from claims.report.findings import build_findings, rank


def test_possible_findings_come_most_likely_first_whatever_their_severity(
    claims_df: pd.DataFrame, conflicts_df: pd.DataFrame
) -> None:
    built = build_findings(conflicts_df, claims_df)
    assert len(built) >= 5
    findings = [dataclasses.replace(f, tier="finding") for f in built[:2]]
    # possible findings whose severity runs against their score: high is the least likely
    possible = [
        dataclasses.replace(built[2], tier="possible", severity="high", score=0.05, status="open"),
        dataclasses.replace(built[3], tier="possible", severity="low", score=0.61, status="open"),
        dataclasses.replace(built[4], tier="possible", severity="medium", score=0.30, status="open"),
    ]
    ranked = rank([*possible, *findings])
    assert [f.tier for f in ranked] == ["finding", "finding", "possible", "possible", "possible"]
    assert [f.score for f in ranked if f.possible] == [0.61, 0.30, 0.05]
    # findings themselves stay ranked by severity
    severities = [f.severity for f in ranked if not f.possible]
    order = {"high": 0, "medium": 1, "low": 2}
    assert severities == sorted(severities, key=order.__getitem__)
