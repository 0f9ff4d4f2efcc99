"""Runs that refuse: an empty input folder does not wipe the store (unless --allow-removals), the worker count
is bounded by the cores, and every stage shows in one progress display."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import threading
import time

import pandas as pd
import pytest
from ops_support import (
    Workspace,
    claims_command,
    descendants,
    environment,
    published_set,
    run_claims,
    runs,
    start_claims,
    still_running,
)

from claims.io.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.model]


STAGES = ["ingest", "extract", "store", "reconcile", "validate", "publish"]


def test_ops_seeded_run_shows_every_stage_in_one_display(seeded: Workspace) -> None:
    """Not on a terminal (a pipe, as under cron): one plain line per finished stage, no control codes."""
    stages = [line for line in seeded.ran.stderr.splitlines() if "✓" in line]
    names = [line.split("✓", 1)[1].split()[0] for line in stages]
    assert names == STAGES, seeded.ran.stderr
    assert "\x1b[" not in seeded.ran.stderr


def test_ops_run_on_a_terminal_shows_one_live_display_of_every_stage(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    (raw / "added.txt").write_text(
        "In FY2024 Japan granted ¥3 billion for coastal radars.\n", encoding="utf-8"
    )
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        claims_command("run", "--raw", raw, "--out", out, "--workers", "1"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=environment(),
    )
    os.close(follower)
    screen = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the run closed its end
            break
        if not chunk:
            break
        screen += chunk
    assert process.wait(timeout=900) == 0, screen.decode("utf-8", "replace")
    os.close(leader)
    shown = screen.decode("utf-8", "replace")
    assert "\x1b[" in shown  # a live display, redrawn in place
    final = shown.rsplit("\x1b[?25h", 1)[0]  # the display's last frame, before the cursor comes back
    for stage in STAGES:
        assert f"✓\x1b[0m {stage}" in final or f"✓ {stage}" in final, (stage, shown[-2000:])


def test_ops_empty_input_folder_is_refused_until_removals_are_allowed(workspace: Workspace) -> None:
    raw, out = workspace.raw, workspace.out
    before = published_set(out)
    claims_before = (out / "claims.csv").read_bytes()
    with Store(out / "claims.duckdb", read_only=True) as store:
        stored = len(store.documents_df())
    shutil.rmtree(raw)
    raw.mkdir()  # an input share that did not mount: an empty folder

    refused = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert refused.code == 1, refused.output
    assert f"would remove all {stored} stored documents" in refused.stderr
    assert "--allow-removals" in refused.stderr
    assert "Traceback" not in refused.output
    last = runs(out)[-1]
    assert (last["status"], last["refused_removals"]) == ("refused", stored)
    assert "--allow-removals" in str(last["error"])
    with Store(out / "claims.duckdb", read_only=True) as store:
        assert len(store.documents_df()) == stored  # nothing changed
    assert (out / "claims.csv").read_bytes() == claims_before
    shown = published_set(out)  # the same tables, the header now showing the refused run
    assert (shown.claim_ids, shown.conflict_ids) == (before.claim_ids, before.conflict_ids)
    summary = pd.read_json(out / "summary.json", typ="series")
    assert summary["latest_run"]["status"] == "refused"

    allowed = start_claims("run", "--raw", raw, "--out", out, "--workers", "1000", "--allow-removals")
    peak = [0]

    def sample() -> None:
        while allowed.process.poll() is None:
            peak[0] = max(peak[0], len(descendants(allowed.pid)))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    note = allowed.wait_for("--workers 1000 is more than", timeout=120)
    started = descendants(allowed.pid)
    done = allowed.finish()
    sampler.join(timeout=5)
    assert done.code == 0, done.output
    cores = os.cpu_count() or 1
    assert f"using {cores}" in note
    assert peak[0] <= cores + 8, (
        f"{peak[0]} processes for {cores} cores"
    )  # workers, nannies, server, watchdog
    assert still_running(started, timeout=30) == []
    assert runs(out)[-1]["removed"] == stored
    assert pd.read_csv(out / "claims.csv").empty
