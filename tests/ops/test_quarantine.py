"""A row failing a value check is quarantined: kept out of reconciliation, the published tables and the
headline, listed with the reason; the rest of the run is published."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from ops_support import Workspace, published_set, run_claims, runs

from claims.io.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.model]

ODD = "Turnout reached 130% of registered voters in the 2024 poll in Kedah.\n"
"""A share above 100 with no word of change near it: a doubtful value (written for this test)."""
PLAIN = "Turnout reached 64% of registered voters in the 2024 poll in Kedah.\n"
"""The same quantity, a plausible value: without the quarantine, the two would make a finding."""


def test_ops_value_failure_quarantines_the_row_and_publishes_the_rest(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    (raw / "odd.txt").write_text(ODD, encoding="utf-8")
    (raw / "plain.txt").write_text(PLAIN, encoding="utf-8")
    ran = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert ran.code == 0, ran.output
    assert "quarantined 1 claims" in ran.stdout

    held = pd.read_csv(out / "quarantine.csv", dtype=str)
    assert held[["tbl", "doc", "expectation"]].values.tolist() == [
        ["claims", "odd.txt", "percent_share_0_100"]
    ]
    assert "130" in held.loc[0, "reason"]
    odd_id = held.loc[0, "row_id"]
    listed = pd.read_csv(out / "validation" / "quarantine.csv", dtype=str)
    assert listed["row_id"].tolist() == [odd_id]

    published = published_set(out)
    claims = pd.read_csv(out / "claims.csv", dtype=str)
    assert odd_id not in published.claim_ids
    assert "plain.txt" in set(claims["doc"])  # the rest is published
    with Store(out / "claims.duckdb", read_only=True) as store:
        stored = store.conflicts_df()
        assert odd_id in set(store.claims_df()["claim_id"])  # kept in the store, out of the published set
    assert odd_id not in set(stored["claim_a"]) | set(stored["claim_b"].dropna())  # not reconciled

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["quarantined"] == {"claims": 1, "conflicts": 0}
    assert summary["claims"] == len(claims)  # the headline counts what is published
    assert runs(out)[-1]["quarantined"] == {"claims": 1, "conflicts": 0}
    assert summary["validation"]["success"] is True
