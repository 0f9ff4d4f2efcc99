"""Stops what a run started when the run's process ends, however it ends (SIGKILL included).

A run starts processes of its own: Prefect's temporary API server, a local Dask cluster's workers, spaCy's
extraction processes, a Prefect server for `claims serve`. When the run's process is killed outright, none
of them is told: they would live on as orphans holding memory, ports and file locks. `watching()` starts a
small watchdog process in a session of its own (so a Ctrl-C or a signal to the run's process group does
not reach it); every half second it notes the run's descendants, and once the run's process is gone it
sends each one still alive SIGTERM, then SIGKILL after a grace period. It imports nothing but psutil.

    python -m claims_flows.reaper PID     # what `watching()` starts
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator

POLL_SECONDS = 0.5
GRACE_SECONDS = 5.0


def watch(parent: int, *, poll: float = POLL_SECONDS, grace: float = GRACE_SECONDS) -> int:
    """Note `parent`'s descendants until it is gone, then stop those still running; returns how many."""
    import psutil

    me = os.getpid()
    try:
        process = psutil.Process(parent)
    except psutil.NoSuchProcess:
        return 0
    seen: dict[int, float] = {}
    while True:
        try:
            if not process.is_running() or process.status() == psutil.STATUS_ZOMBIE:
                break
            for child in process.children(recursive=True):
                if child.pid != me:
                    with contextlib.suppress(psutil.Error):
                        seen[child.pid] = child.create_time()
        except psutil.NoSuchProcess:
            break
        time.sleep(poll)
    return stop(seen, grace=grace)


def stop(seen: dict[int, float], *, grace: float = GRACE_SECONDS) -> int:
    """SIGTERM each noted process still running (same pid and start time), SIGKILL what outlives `grace`."""
    import psutil

    alive = []
    for pid, created in seen.items():
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            if process.create_time() == created and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _gone, stubborn = psutil.wait_procs(alive, timeout=grace)
    for process in stubborn:
        with contextlib.suppress(psutil.Error):
            process.kill()
    return len(alive)


@contextlib.contextmanager
def watching() -> Iterator[None]:
    """Watch this process for the block (and after it: stragglers left at exit are stopped too)."""
    with contextlib.suppress(OSError):
        subprocess.Popen(  # noqa: S603 - this interpreter, this module, our own pid
            [sys.executable, "-m", "claims_flows.reaper", str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    yield


if __name__ == "__main__":
    watch(int(sys.argv[1]))
