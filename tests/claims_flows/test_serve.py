"""`claims serve` fires the flow on a short schedule through a local Prefect server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.model]


def test_serve_interval_schedule_fires_a_run(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("In FY2024, Japan allocated ¥8.1 billion to OSA.\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS"] = "2"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claims.cli",
            "serve",
            "--raw",
            str(raw),
            "--out",
            str(out),
            "--interval",
            "3",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    runs = out / "runs.jsonl"
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not runs.exists():
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode(errors="replace")[-3000:])
            time.sleep(2)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert runs.exists(), "no scheduled run within the time limit"
    line = json.loads(runs.read_text().splitlines()[0])
    assert line["status"] == "ok", line
    assert line["new"] == 1
    assert (out / "claims.csv").exists()
