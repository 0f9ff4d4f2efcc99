"""A store that grows a document at a time publishes the findings a rebuild of the same folder gives: a new
document changes what the matcher counts over the corpus (the documents stating each value, the consensus),
so findings between untouched documents are scored again (up to `Settings.full_reconcile_claims` claims)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from ops_support import Workspace, run_claims

pytestmark = [pytest.mark.slow, pytest.mark.model]

# a third statement of the disputed budget, agreeing with one side: the finding's support changes
OSA_C = "The foreign ministry said Japan's OSA budget stood at ¥8.1 billion in FY2024.\n"
COMPARED = ["conflict_id", "kind", "claim_a", "claim_b", "score", "support", "consensus_value", "explanation"]


def _findings(out: Path) -> pd.DataFrame:
    df = pd.read_csv(out / "conflicts.csv", dtype=str, keep_default_na=False)
    return df[COMPARED].sort_values("conflict_id").reset_index(drop=True)


def test_a_new_document_gives_the_findings_of_a_rebuild(workspace: Workspace, tmp_path: Path) -> None:
    before = _findings(workspace.out)
    (workspace.raw / "osa_c.txt").write_text(OSA_C, encoding="utf-8")
    grown = run_claims("run", "--raw", workspace.raw, "--out", workspace.out, "--workers", "1")
    assert grown.code == 0, grown.output

    raw, out = tmp_path / "rebuild_raw", tmp_path / "rebuild_out"
    shutil.copytree(workspace.raw, raw)
    rebuilt = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert rebuilt.code == 0, rebuilt.output

    after = _findings(workspace.out)
    pd.testing.assert_frame_equal(after, _findings(out))
    # the new statement changed the findings the untouched documents share (not only added its own)
    shared = before.merge(after, on="conflict_id", suffixes=("_before", "_after"))
    assert not shared.empty
    assert (shared["support_before"] != shared["support_after"]).any() or (
        shared["score_before"] != shared["score_after"]
    ).any()
