"""rejected.csv follows the input folder: a rejected file that is removed leaves the list at the next run
(even when no document changed), and a document's ingestion warning (a malformed metadata sidecar) stays
listed for as long as the document is there, though later runs do not read it again."""

from __future__ import annotations

import pandas as pd
import pytest
from ops_support import Workspace, run_claims, runs

pytestmark = [pytest.mark.slow, pytest.mark.model]


def test_ops_rejected_list_follows_the_folder_and_keeps_warnings(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    (raw / "empty.txt").write_bytes(b"")
    (raw / "osa_a.meta.json").write_text("{not json", encoding="utf-8")
    first = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert first.code == 3, first.output  # ran, with a rejected file
    listed = pd.read_csv(out / "rejected.csv", dtype=str).fillna("")
    assert set(zip(listed["doc"], listed["status"], strict=True)) == {
        ("empty.txt", "rejected"),
        ("osa_a.txt", "warning"),
    }

    (raw / "empty.txt").unlink()
    second = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert second.code == 0, second.output
    assert (runs(out)[-1]["new"], runs(out)[-1]["changed"]) == (0, 0)
    listed = pd.read_csv(out / "rejected.csv", dtype=str).fillna("")
    assert listed[["doc", "reason", "status"]].values.tolist() == [["osa_a.txt", "bad_sidecar", "warning"]]
