"""The review workspace's fixtures: one real pipeline run per session (the seed documents plus a hostile
document), a fresh copy of its output folder per test, the workspace served by a real process, and a real
browser (Debian's chromium driven by Playwright; tests that need it skip with a message without it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from ui_support import HOSTILE_NAME, HOSTILE_TEXT

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "raw"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass(frozen=True)
class Run:
    raw: Path
    out: Path
    seconds: float


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """`claims run` once, in its own process, on the seeds and the hostile document."""
    base = tmp_path_factory.mktemp("ui-run")
    raw, out = base / "raw", base / "out"
    raw.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, raw / seed.name)
    (raw / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    started = time.monotonic()
    # a loaded machine can take longer than Prefect's default 20 s to start its ephemeral API
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    done = subprocess.run(
        [sys.executable, "-m", "claims.cli", "run", "--raw", str(raw), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=base,
        env=env,
    )
    assert done.returncode in (0, 3), done.stdout[-2000:] + done.stderr[-4000:]
    assert (out / "conflicts.csv").exists(), done.stderr[-4000:]
    return Run(raw=raw, out=out, seconds=time.monotonic() - started)


@pytest.fixture
def out_dir(pipeline_run: Run, tmp_path: Path) -> Path:
    """A fresh copy of the run's output folder (each test's decisions stay its own); links stay links, so a
    set published as `current` -> `versions/<run>` is copied as such."""
    target = tmp_path / "out"
    shutil.copytree(pipeline_run.out, target, symlinks=True)
    return target


@dataclass
class Server:
    url: str  # e.g. http://127.0.0.1:40123
    process: subprocess.Popen[str]
    out: Path

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(process.stdout.readline() if process.stdout else ""))
    reader.start()
    reader.join(timeout)
    return box[0].strip() if box else ""


@pytest.fixture
def serve_ui(pipeline_run: Run) -> Iterator[Callable[..., Server]]:
    """Start `python -m claims.ui` on a free port; every server started is stopped after the test."""
    started: list[Server] = []

    def start(out: Path, *extra: str) -> Server:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("CLAIMS_REVIEWER", None)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "claims.ui",
                "--out",
                str(out),
                "--raw",
                str(pipeline_run.raw),
                "--port",
                "0",
            ]
            + list(extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = _first_line(process, 60)
        if not line.startswith("http://"):
            process.kill()
            _, err = process.communicate(timeout=10)
            raise AssertionError(f"the workspace did not start: {line!r} {err[-3000:]}")
        server = Server(url=line.split("/findings")[0], process=process, out=out)
        started.append(server)
        assert server.get("/healthz").text == "ok"
        return server

    yield start
    for server in started:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    executable = _chromium()
    if executable is None:
        pytest.skip("no chromium to drive: apt-get install chromium (make test does it as root)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    opened = context.new_page()
    yield opened
    context.close()
