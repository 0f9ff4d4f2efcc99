"""Shared by the operations tests: running `claims` in a fresh process, reading what it prints as it goes,
and checking that an output folder holds one whole published set."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import psutil

from claims.io import export
from claims.pipeline import ENTRIES

SEEDS = ("003_66334d0d25dd3bf9.txt", "004_9c485ca171c3d093.txt")
OSA_A = "Japan's OSA budget was ¥8.1 billion in FY2024.\n"
OSA_B = "In FY2024, Japan's OSA budget reached ¥18.1 billion.\n"
"""Two statements of one budget that disagree: a finding to review (written for these tests)."""


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


@dataclass(frozen=True)
class Workspace:
    raw: Path
    out: Path
    ran: Ran


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    # as a user's shell: no test-session Prefect API or logging level, no claims settings
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PREFECT_LOGGING", "CLAIMS_"))
    }
    env["COLUMNS"] = "200"  # the summary and the progress lines unwrapped
    env.update(extra or {})
    return env


def claims_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "claims.cli", *(str(a) for a in args)]


def run_claims(*args: object, env: dict[str, str] | None = None, timeout: float = 900) -> Ran:
    """Run `claims ARGS` in a fresh process and wait for it."""
    started = time.monotonic()
    done = subprocess.run(
        claims_command(*args),
        capture_output=True,
        text=True,
        env=environment(env),
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


@dataclass
class Running:
    """A `claims` process started in the background; its stderr lines are read as they come."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_for(self, text: str, *, timeout: float = 600) -> str:
        """The first stderr line (from now on) holding `text`; fails with everything seen so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout:.0f}s:\n" + "".join(self.seen[-60:]))

    def finish(self, *, timeout: float = 900) -> Ran:
        code = self.process.wait(timeout=timeout)
        stdout = self.process.stdout.read() if self.process.stdout else ""
        time.sleep(0.2)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return Ran(code, stdout, "".join(self.seen), 0.0)


def start_claims(*args: object, env: dict[str, str] | None = None) -> Running:
    process = subprocess.Popen(
        claims_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(env),
    )
    running = Running(process)

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            running.lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return running


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def still_running(processes: list[psutil.Process], *, timeout: float) -> list[str]:
    """The processes (and their command lines) still running after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    alive = processes
    while time.monotonic() < deadline:
        alive = [p for p in alive if _alive(p)]
        if not alive:
            return []
        time.sleep(0.5)
    return [" ".join(p.cmdline()[:6]) for p in alive if _alive(p)]


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@dataclass(frozen=True)
class PublishedSet:
    """What a reader of the output folder sees."""

    version: str
    run_id: str
    claim_ids: frozenset[str]
    conflict_ids: frozenset[str]
    statuses: dict[str, str]


def published_set(out: Path) -> PublishedSet:
    """Read the set through the top-level links and check it is whole: every entry resolves into one
    version, CSV and Parquet agree, every finding points at a published claim."""
    current = export.current_version(out)
    assert current is not None, f"no current set in {out}"
    for name in ENTRIES:
        entry = out / name
        assert entry.exists(), f"{entry} does not resolve"
        assert entry.resolve().parent == current, f"{entry} is not in the current set"
    claims_csv = pd.read_csv(out / "claims.csv", dtype={"claim_id": str})
    claims_parquet = pd.read_parquet(out / "claims.parquet")
    assert set(claims_csv["claim_id"]) == set(claims_parquet["claim_id"].astype(str))
    conflicts_csv = pd.read_csv(
        out / "conflicts.csv", dtype={"conflict_id": str, "claim_a": str, "claim_b": str}
    )
    conflicts_parquet = pd.read_parquet(out / "conflicts.parquet")
    assert set(conflicts_csv["conflict_id"]) == set(conflicts_parquet["conflict_id"].astype(str))
    referenced = set(conflicts_csv["claim_a"]) | set(conflicts_csv["claim_b"].dropna())
    assert referenced <= set(claims_csv["claim_id"])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (out / "report.html").stat().st_size > 0
    return PublishedSet(
        version=current.name,
        run_id=str(summary.get("run_id")),
        claim_ids=frozenset(claims_csv["claim_id"]),
        conflict_ids=frozenset(conflicts_csv["conflict_id"]),
        statuses=dict(zip(conflicts_csv["conflict_id"], conflicts_csv["status"].astype(str), strict=True)),
    )


def leftovers(out: Path) -> list[str]:
    """Half-built sets and temporary files anywhere under the output folder."""
    found = [p for p in (out / "versions").glob(".building-*")] if (out / "versions").is_dir() else []
    found += [p for p in out.rglob("*.tmp")]
    return sorted(str(p.relative_to(out)) for p in found)


def runs(out: Path) -> list[dict[str, object]]:
    path = out / "runs.jsonl"
    return (
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    )


def a_finding(out: Path) -> str:
    conflicts = pd.read_csv(out / "conflicts.csv", dtype={"conflict_id": str})
    assert len(conflicts), "the seeded set has no finding"
    return str(conflicts.loc[0, "conflict_id"])
