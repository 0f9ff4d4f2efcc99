"""A local Prefect server for `claims serve` when no PREFECT_API_URL is configured.

Prefect's ephemeral API (used by `claims run`) does not run the scheduler service, so scheduled
deployments need a real server. This starts `prefect server start` on a fixed loopback port (4200 unless
told otherwise) with its UI on, waits for it to answer, and stops it on exit; a killed `claims serve` has it
stopped by the reaper (`claims_flows.reaper`). It imports nothing from Prefect itself, so the environment
can be set first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claims.errors import UsageError

DEFAULT_PORT = 4200
CRON_MACROS = frozenset({"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"})


def check_schedule(interval: int | None, cron: str | None) -> None:
    """Raise UsageError (one line) unless exactly one valid schedule is given; checked before anything starts.

    >>> check_schedule(3600, None), check_schedule(None, "0 6 * * *"), check_schedule(None, "@daily")
    (None, None, None)
    >>> check_schedule(None, "every day")
    Traceback (most recent call last):
    ...
    claims.errors.UsageError: [E060] --cron 'every day' is not a cron schedule (Wrong number of fields); \
e.g. --cron "0 6 * * *" runs at 06:00 every day
    """
    if (interval is None) == (cron is None):
        raise UsageError("give exactly one of --interval SECONDS or --cron EXPR")
    if interval is not None and interval < 1:
        raise UsageError(f"--interval must be 1 second or more, not {interval}", interval=interval)
    if cron is None or cron.strip().lower() in CRON_MACROS:
        return
    import datetime as dt

    from cronsim import CronSim, CronSimError

    try:
        CronSim(cron, dt.datetime.now())
    except CronSimError as e:
        raise UsageError(
            f'--cron {cron!r} is not a cron schedule ({e}); e.g. --cron "0 6 * * *" runs at 06:00 every day',
            cron=cron,
        ) from e


@dataclass(frozen=True, slots=True)
class LocalServer:
    """Where the local server answers: its API (for PREFECT_API_URL) and its UI (for people)."""

    api_url: str
    ui_url: str


def check_port(port: int, host: str = "127.0.0.1") -> None:
    """Raise UsageError (one line) when the port is out of range or taken."""
    if not 1 <= port <= 65535:
        raise UsageError(f"--prefect-port must be between 1 and 65535, not {port}", port=port)
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} is in use (another Prefect server?): give --prefect-port another port, or "
                    f"use that server with `export PREFECT_API_URL=http://{host}:{port}/api`",
                    port=port,
                ) from e
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}", port=port) from e


@contextlib.contextmanager
def local_prefect_server(
    home: Path, *, port: int = DEFAULT_PORT, scheduler_seconds: int = 10, timeout: float = 120.0
) -> Iterator[LocalServer]:
    """Yields where a Prefect server (API and UI) runs for the duration of the block."""
    check_port(port)
    home.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env.update(
        {
            "PREFECT_HOME": str(home),
            "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": str(scheduler_seconds),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "true",
            "PREFECT_UI_API_URL": f"{base}/api",
        }
    )
    log = open(home / "server.log", "ab")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(  # noqa: S603 - this interpreter running Prefect's own CLI
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the Prefect server exited early; see {home / 'server.log'}")
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=2) as resp:  # noqa: S310 - loopback
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the Prefect server did not answer within {timeout:.0f}s")
            time.sleep(0.5)
        yield LocalServer(api_url=f"{base}/api", ui_url=base)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
