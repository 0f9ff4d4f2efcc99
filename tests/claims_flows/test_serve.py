"""`claims serve` fires the flow on a short schedule through a local Prefect server whose UI answers on the
port given; each run is one line in the terminal, a run whose input folder went away included (recorded as
failed, no traceback, shown in the report's header); Ctrl-C stops the server and everything it started. The
same with `--warm` (the runs in the serving process)."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.model]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("warm", [False, True], ids=["run-processes", "warm"])
def test_serve_interval_schedule_fires_a_run_and_shows_the_prefect_ui(tmp_path: Path, warm: bool) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("In FY2024, Japan allocated ¥8.1 billion to OSA.\n", encoding="utf-8")
    out = tmp_path / "out"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PREFECT_LOGGING"))}
    env["PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS"] = "2"
    env["COLUMNS"] = "200"
    command = [sys.executable, "-m", "claims.cli", "serve", "--raw", str(raw), "--out", str(out)]
    proc = subprocess.Popen(
        [*command, "--interval", "3", "--prefect-port", str(port), *(["--warm"] if warm else [])],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()

    def wait_for(text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            seen.append(line)
            if text in line:
                return line
        pytest.fail(f"no {text!r} within {timeout:.0f}s:\n" + "".join(seen[-40:]))

    started: list[psutil.Process] = []
    try:
        ui_line = wait_for("Prefect UI:", 240)
        assert f"http://127.0.0.1:{port}" in ui_line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:  # noqa: S310 - loopback
            assert page.status == 200
            assert "<html" in page.read().decode("utf-8", "replace").lower()
        assert "prefect deployment run" in wait_for("run it now", 60)
        run_line = wait_for(" ok: ", 300)  # one line per run, as it ends
        assert "1 new" in run_line
        started = psutil.Process(proc.pid).children(recursive=True)
        raw.rename(tmp_path / "unmounted")  # the input share goes away between two runs
        refused = wait_for(" failed: ", 300)
        assert "does not exist" in refused
        assert not any("Traceback" in line for line in seen), "".join(seen[-40:])
        # the run publishes the set again after its record, so the report's header shows it
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _latest_status(out) != "failed":
            time.sleep(1)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    records = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]
    assert (records[0]["status"], records[0]["new"]) == ("ok", 1)
    assert records[-1]["status"] == "failed"
    assert (out / "claims.csv").exists()  # the last good set stays published
    assert _latest_status(out) == "failed"  # the report's header shows the failed run
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(p) for p in started):
        time.sleep(0.5)
    assert [p.pid for p in started if _alive(p)] == [], "still running after Ctrl-C"
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the Prefect server still answers"


def _latest_status(out: Path) -> str:
    """The latest run's status as the published summary.json (the report's header) has it."""
    try:
        return str(json.loads((out / "summary.json").read_text())["latest_run"]["status"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
