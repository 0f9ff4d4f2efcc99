"""A run killed after each stage (SIGKILL or SIGTERM): readers see the previous set or the new one, whole;
its Prefect server and workers stop; decisions stay; the next run finishes the work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from ops_support import (
    Workspace,
    a_finding,
    descendants,
    leftovers,
    published_set,
    run_claims,
    runs,
    start_claims,
    still_running,
)

pytestmark = [pytest.mark.slow, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[2]

MOMENTS = [
    ("ingest", signal.SIGKILL),
    ("extract", signal.SIGTERM),
    ("store", signal.SIGKILL),
    ("reconcile", signal.SIGTERM),
    ("validate", signal.SIGKILL),
    ("publish", signal.SIGTERM),
]
"""Each stage once, the two signals in turn (a run pauses after the stage: CLAIMS_PAUSE_AFTER)."""


def test_ops_kill_after_each_stage_leaves_a_whole_set_and_the_next_run_finishes(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    decided = a_finding(out)
    review = run_claims("review", decided[:6], "--status", "confirmed", "--reviewer", "Ana", "--out", out)
    assert review.code == 0, review.output
    before = published_set(out)
    assert before.statuses[decided] == "confirmed"
    lines = len(runs(out))
    for i, (stage, sig) in enumerate(MOMENTS):
        (raw / f"added_{i}.txt").write_text(
            f"In FY2024 Japan granted ¥{3 + i} billion to coastal radar number {i}.\n", encoding="utf-8"
        )
        running = start_claims(
            "run", "--raw", raw, "--out", out, "--workers", "1", env={"CLAIMS_PAUSE_AFTER": stage}
        )
        running.wait_for(f"{stage}: paused", timeout=600)
        started = descendants(running.pid)  # its Prefect server, the watchdog, workers
        assert started, "a run starts at least its watchdog and Prefect's temporary server"
        os.kill(running.pid, sig)
        stopped = time.monotonic()
        code = running.process.wait(timeout=60)
        seconds = time.monotonic() - stopped
        assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 143), running.finish().output
        assert still_running(started, timeout=30) == [], f"left running after {sig.name} at {stage}"
        now = published_set(out)  # whole, whichever it is
        if stage == "publish":
            assert now.version != before.version  # the new set was switched in before the kill
        else:
            assert now == before, f"killed after {stage}: the published set changed"
        assert now.statuses[decided] == "confirmed"
        record = runs(out)[-1] if len(runs(out)) > lines else None
        if sig == signal.SIGTERM:
            assert record is not None, f"no record of the run interrupted after {stage}"
            assert record["status"] == "interrupted", record
            print(f"SIGTERM after {stage}: stopped in {seconds:.1f} s")  # noqa: T201 - shown with -s
        lines = len(runs(out))
        before = now

    final = run_claims("run", "--raw", raw, "--out", out, "--workers", "1", "--full")
    assert final.code == 0, final.output
    assert "re-extracted" in final.stdout
    last = runs(out)[-1]
    assert (last["status"], last["changed"]) == ("ok", 0), last
    claims = pd.read_csv(out / "claims.csv")
    assert {f"added_{i}.txt" for i in range(len(MOMENTS))} <= set(claims["doc"])
    assert published_set(out).statuses[decided] == "confirmed"
    assert leftovers(out) == []
    contract = subprocess.run(
        [
            sys.executable,
            str(ROOT.parent / "shared" / "eval" / "check_contract.py"),
            str(out),
            "--raw",
            str(raw),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if (ROOT.parent / "shared" / "eval" / "check_contract.py").exists():
        assert contract.returncode == 0, contract.stdout


def test_ops_killed_run_stops_its_dask_workers(workspace: Workspace) -> None:
    """Killed while its local Dask cluster is up (after the first stored batch): no worker outlives it."""
    raw, out = workspace.raw, workspace.out
    (raw / "added.txt").write_text(
        "In FY2024 Japan granted ¥3 billion for coastal radars.\n", encoding="utf-8"
    )
    running = start_claims(
        "run", "--raw", raw, "--out", out, "--workers", "2", env={"CLAIMS_PAUSE_AFTER": "store-batch"}
    )
    running.wait_for("store-batch: paused", timeout=600)
    started = descendants(running.pid)
    spawned = [p for p in started if "multiprocessing" in " ".join(p.cmdline())]
    assert len(spawned) >= 2, [" ".join(p.cmdline()[:4]) for p in started]  # the two Dask workers
    before = published_set(out)
    os.kill(running.pid, signal.SIGKILL)
    running.process.wait(timeout=60)
    assert still_running(started, timeout=30) == []
    assert published_set(out) == before


def _long_document(paragraphs: int) -> str:
    """A report long enough to keep extraction busy for a while (written for this test)."""
    line = (
        "In FY{year}, the coastal agency spent ¥{n}.{m} billion on patrol vessels, {p}% more than the "
        "previous year, and trained {k} officers at 3 regional centres.\n\n"
    )
    return "".join(
        line.format(year=2000 + i % 25, n=i % 90 + 1, m=i % 10, p=i % 40 + 2, k=10 * i + 5)
        for i in range(paragraphs)
    )


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="spaCy extraction processes need 2 cores or more")
def test_ops_sigterm_during_extraction_stops_its_processes_and_records_the_run(workspace: Workspace) -> None:
    """SIGTERM while spaCy's extraction processes are busy (no pause point): the run stops, its processes
    stop, it is recorded as interrupted, the published set stays whole and unchanged."""
    raw, out = workspace.raw, workspace.out
    (raw / "long_report.txt").write_text(_long_document(3000), encoding="utf-8")
    before = published_set(out)
    lines = len(runs(out))
    running = start_claims("run", "--raw", raw, "--out", out)  # default: spaCy processes on every core
    running.wait_for("✓ ingest", timeout=600)
    deadline = time.monotonic() + 300
    workers: list = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [p for p in descendants(running.pid) if "claims.cli" in " ".join(p.cmdline())]
        time.sleep(0.2)
    assert len(workers) >= 2, "no extraction processes seen"
    started = descendants(running.pid)
    os.kill(running.pid, signal.SIGTERM)
    assert running.process.wait(timeout=120) == 143, running.finish().output
    assert still_running(started, timeout=30) == []
    assert published_set(out) == before
    assert [r["status"] for r in runs(out)[lines:]] == ["interrupted"]
    assert leftovers(out) == []
