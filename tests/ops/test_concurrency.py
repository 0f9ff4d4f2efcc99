"""Two runs on one output folder: the second says which run it waits for and redoes nothing the first did.
Reviews and listings never wait: not for a run, not for the database's lock."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from ops_support import Workspace, a_finding, published_set, run_claims, runs, start_claims

pytestmark = [pytest.mark.slow, pytest.mark.model]

READ_TIMEOUT = 45.0
"""Longer than a read ever needs, shorter than the 60 s an earlier version waited on the database lock."""

_HOLD_LOCK = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])  # a writer: holds the file lock until it exits
    con.execute("SELECT count(*) FROM claims").fetchall()
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def test_ops_second_run_waits_for_the_first_and_redoes_nothing(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    (raw / "added.txt").write_text(
        "In FY2024 Japan granted ¥3 billion for coastal radars.\n", encoding="utf-8"
    )
    first = start_claims(
        "run", "--raw", raw, "--out", out, "--workers", "1", env={"CLAIMS_PAUSE_AFTER": "store"}
    )
    first.wait_for("store: paused")
    second = start_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    waiting = second.wait_for("waiting for run", timeout=300)
    assert f"pid {first.pid}" in waiting
    assert "started" in waiting

    cid = a_finding(out)  # reads and reviews while both runs hold or wait for the folder
    listing = run_claims("conflicts", "--out", out, timeout=READ_TIMEOUT)
    assert listing.code == 0, listing.output
    review = run_claims(
        "review", cid, "--status", "dismissed", "--reviewer", "Bo", "--out", out, timeout=READ_TIMEOUT
    )
    assert review.code == 0, review.output
    assert published_set(out).statuses[cid] == "dismissed"

    first.process.send_signal(signal.SIGTERM)
    assert first.process.wait(timeout=60) == 143
    done = second.finish()
    assert done.code == 0, done.output
    last = runs(out)[-1]
    assert (last["status"], last["new"], last["changed"]) == ("ok", 0, 0), last  # stored by the first run
    assert "added.txt" in set(pd.read_csv(out / "claims.csv")["doc"])
    assert published_set(out).statuses[cid] == "dismissed"


def test_ops_review_and_listing_never_wait_for_the_database(workspace: Workspace) -> None:
    out = workspace.out
    cid = a_finding(out)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(out / "claims.duckdb"), "120"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        review = run_claims(
            "review",
            cid[:7],
            "--status",
            "confirmed",
            "--note",
            "seen",
            "--reviewer",
            "Ana",
            "--out",
            out,
            timeout=READ_TIMEOUT,
        )
        assert review.code == 0, review.output
        listing = run_claims("conflicts", "--status", "confirmed", "--out", out, timeout=READ_TIMEOUT)
        assert listing.code == 0, listing.output
        assert cid in listing.stdout
        report = run_claims("report", "--out", out, timeout=READ_TIMEOUT)
        assert report.code == 0, report.output
    finally:
        holder.kill()
        holder.wait()
    assert published_set(out).statuses[cid] == "confirmed"
    again = run_claims("run", "--raw", workspace.raw, "--out", out, "--workers", "1", "--full")
    assert again.code == 0, again.output
    assert published_set(out).statuses[cid] == "confirmed"  # applied at publishing, from the decisions store
