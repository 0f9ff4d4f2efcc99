"""What a run says it did, read as an operator reads it: the headline counts findings of tier "finding" only
(possible findings apart), in the terminal, runs.jsonl and the report's header alike; `--full` reads every
document again and says so (re-extracted, not changed); a decision made at the command line shows in the
review workspace's view of the store and the reverse."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from ops_support import Workspace, a_finding, run_claims, runs

from claims.io.decisions import DecisionStore
from claims.ui.workspace import Workspace as ReviewWorkspace

pytestmark = [pytest.mark.slow, pytest.mark.model]

HEADLINE = re.compile(r"(?P<claims>\d+) claims, (?P<findings>\d+) findings \(high (?P<high>\d+)")
POSSIBLE_LINE = re.compile(r"(?P<possible>\d+) possible findings? below the report's threshold")


def _tiers(out) -> pd.Series:
    conflicts = pd.read_csv(out / "conflicts.csv", dtype=str, keep_default_na=False)
    return conflicts["tier"].replace("", "finding").value_counts()


def test_ops_headline_counts_findings_and_lists_possible_ones_apart(seeded: Workspace) -> None:
    out, stdout = seeded.out, seeded.ran.stdout
    tiers = _tiers(out)
    findings, possible = int(tiers.get("finding", 0)), int(tiers.get("possible", 0))
    assert possible > 0, "the seeded set should hold possible findings for this test to mean something"
    headline = HEADLINE.search(stdout)
    assert headline is not None, stdout
    assert int(headline["findings"]) == findings, stdout
    listed = POSSIBLE_LINE.search(stdout)
    assert listed is not None, stdout
    assert int(listed["possible"]) == possible
    record = runs(out)[-1]
    assert (record["conflicts"], record["possible"]) == (findings, possible)
    assert (record["new_findings"], record["new_possible"]) == (findings, possible)  # a first run
    assert sum(record["conflicts_by_severity"].values()) == findings
    conflicts = pd.read_csv(out / "conflicts.csv", dtype=str, keep_default_na=False)
    high = int(((conflicts["tier"] != "possible") & (conflicts["severity"] == "high")).sum())
    assert int(headline["high"]) == high
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'id="count-findings"><div class="n">{findings}</div>' in page
    assert f'id="count-possible"><div class="n">{possible}</div>' in page


def test_ops_full_run_says_reextracted_not_changed(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    documents = len(pd.read_csv(out / "documents.csv"))
    again = run_claims("run", "--raw", raw, "--out", out, "--workers", "1", "--full")
    assert again.code == 0, again.output
    assert f"(0 new, 0 changed, {documents} re-extracted, 0 unchanged, 0 removed)" in again.stdout
    record = runs(out)[-1]
    assert (record["new"], record["changed"], record["reextracted"]) == (0, 0, documents)


def test_ops_decisions_made_at_the_command_line_and_in_the_workspace_meet(workspace: Workspace) -> None:
    out = workspace.out
    cid = a_finding(out)

    review = run_claims("review", cid[:8], "--status", "confirmed", "--reviewer", "Ana", "--out", out)
    assert review.code == 0, review.output
    _, seen = ReviewWorkspace(out).reviewed()  # what the workspace's pages show
    row = seen.set_index("conflict_id").loc[cid]
    assert (row["status"], row["reviewer"]) == ("confirmed", "Ana")

    finding = pd.read_csv(out / "conflicts.csv", dtype={"conflict_id": str}).iloc[0].to_dict()
    DecisionStore.beside(out).record([finding], status="dismissed", reviewer="Bo", origin="ui")
    listing = run_claims("conflicts", "--status", "dismissed", "--out", out)
    assert listing.code == 0, listing.output
    assert cid in listing.stdout
    confirmed = run_claims("conflicts", "--status", "confirmed", "--out", out)
    assert cid not in confirmed.stdout
