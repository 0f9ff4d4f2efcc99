"""Stops what a run started when the run's process ends, however it ends (SIGKILL included).

A run starts processes of its own: Prefect's temporary API server, a local Dask cluster's workers, spaCy's
extraction processes, a Prefect server for `claims serve`. When the run's process is killed outright, none
of them is told: they would live on as orphans holding memory, ports and file locks. `watching()` starts a
small watchdog process in a session of its own (so a Ctrl-C or a signal to the run's process group does
not reach it); every half second it notes the run's descendants, and once the run's process is gone it
sends each one still alive SIGTERM, then SIGKILL after a grace period. It imports nothing but psutil.
`stopping()` makes SIGTERM stop a run within seconds (its own extraction processes first).

    python -m claims_flows.reaper PID     # what `watching()` starts
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType

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


STOP_SECONDS = 10.0
"""After SIGTERM, a process that has not stopped within this time exits at once (the watchdog then stops
what it started)."""


@contextlib.contextmanager
def stopping(seconds: float = STOP_SECONDS) -> Iterator[None]:
    """SIGTERM and SIGHUP stop the block like Ctrl-C, within seconds, whatever it is doing.

    The handler first kills this process's multiprocessing children (spaCy's extraction processes,
    a local Dask cluster's): a pipe whose workers are still busy would otherwise wait for them forever while
    it unwinds. Then it raises KeyboardInterrupt ("stopped by signal SIGTERM"), so the run records itself as
    interrupted; if the process has not exited `seconds` later, or on a second signal, it exits at once.
    Installed only from the main thread (Prefect's flow engine installs a SIGTERM handler of its own when a
    flow starts: the flow installs this one again inside). The previous handlers come back after the block.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = threading.Event()
    owner = os.getpid()

    def stop(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner or fired.is_set():  # a forked worker inherits the handler: it just exits
            os._exit(128 + signum)
        fired.set()
        timer = threading.Timer(seconds, os._exit, args=(128 + signum,))
        timer.daemon = True
        timer.start()
        for child in multiprocessing.active_children():  # they hold nothing to save: stopped outright
            with contextlib.suppress(OSError, ValueError):
                child.kill()
        raise KeyboardInterrupt(f"stopped by signal {signal.Signals(signum).name}")

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


if __name__ == "__main__":
    watch(int(sys.argv[1]))
