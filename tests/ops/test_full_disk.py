"""A run on a full disk: one clear line, the run recorded as failed, nothing half-published, no temporary
files; once there is room again the next run finishes the work. The output folder is on a small tmpfs,
mounted by the test where the machine allows it (root, mount permitted), else the test is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from ops_support import Workspace, leftovers, published_set, run_claims, runs

from claims.io.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.model]

SIZE_MB = 40
ROOM_KB = 900
"""Space left before the run: room for the database's few new rows, not for a new set of outputs."""


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("a full-disk test mounts a tmpfs, which needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, room: int) -> Path:
    """A filler file leaving about `room` bytes free on the disk."""
    filler = disk / "filler.bin"
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as fh:
        fh.truncate(0)
        remaining = max(0, free - room)
        chunk = b"\0" * (1 << 20)
        while remaining > 0:
            fh.write(chunk[: min(len(chunk), remaining)])
            remaining -= len(chunk)
    return filler


def test_ops_full_disk_fails_in_one_line_and_publishes_nothing(
    workspace: Workspace, small_disk: Path
) -> None:
    out = small_disk / "processed"
    shutil.copytree(workspace.out, out, symlinks=True)
    raw = workspace.raw
    (raw / "added.txt").write_text(
        "In FY2024 Japan granted ¥3 billion for coastal radars.\n", encoding="utf-8"
    )
    before = published_set(out)
    lines = len(runs(out))
    filler = _fill(small_disk, ROOM_KB * 1024)

    failed = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert failed.code == 1, failed.output
    errors = [line for line in failed.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, failed.stderr
    assert "no space left" in errors[0]
    assert "Traceback" not in failed.output
    assert published_set(out) == before  # nothing half-published
    assert leftovers(out) == []
    recorded = runs(out)[lines:]
    if recorded:
        assert recorded[-1]["status"] == "failed"
    else:  # runs.jsonl could not take the line: the database has the record
        with Store(out / "claims.duckdb", read_only=True) as store:
            assert store.last_run_summary().get("status") == "failed"

    filler.unlink()
    again = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert again.code == 0, again.output
    assert "added.txt" in set(pd.read_csv(out / "claims.csv")["doc"])
    assert leftovers(out) == []
