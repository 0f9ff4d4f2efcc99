"""The output folder's locks: an exclusive flock on a file that says who holds it.

Standard library only, so the check of an unchanged run (`claims.unchanged`) takes the same lock as the
pipeline (`claims.pipeline.runs`, `claims.pipeline.publishing`) without importing pandas or the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claims.errors import StoreError


def os_error(path: Path, e: OSError) -> StoreError:
    """The coded error for a file that cannot be written, saying plainly when the disk is full."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(f"no space left on the device while writing {path}", path=str(path))
    return StoreError(f"cannot write {path}: {e.strerror or e}", path=str(path))


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a folder's lock: the run (or command), its process and host, since when."""

    what: str
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        """
        >>> LockHolder("run 3f2a9c01d4e5", 4242, "box", "2026-03-05T10:00:07+00:00").describe()
        'run 3f2a9c01d4e5 (pid 4242 on box, started 2026-03-05 10:00:07 UTC)'
        """
        since = self.since.replace("T", " ").replace("+00:00", " UTC")
        return f"{self.what} (pid {self.pid} on {self.host}, started {since})"


def lock_holder(lock_path: Path) -> LockHolder | None:
    """What the lock file says about its holder (None when it says nothing readable)."""
    try:
        data = json.loads(Path(lock_path).read_text(encoding="utf-8") or "{}")
        return LockHolder(str(data["what"]), int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextlib.contextmanager
def folder_lock(
    lock_path: Path,
    what: str,
    *,
    on_wait: Callable[[LockHolder | None], None] | None = None,
    poll: float = 0.5,
    wait: bool = True,
) -> Iterator[bool]:
    """Hold an exclusive lock (flock on `lock_path`) for the block, writing who holds it into the file.

    When another process holds it, `on_wait(holder)` is called once and the lock is polled (so a signal
    still stops the wait). With `wait=False` a held lock is not waited for: the block runs holding nothing
    and is given False (True when it holds the lock). The kernel releases the lock when the holder dies,
    however it dies.
    """
    lock_path = Path(lock_path)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as e:
        raise os_error(lock_path, e) from e
    try:
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    yield False
                    return
                if not told and on_wait is not None:
                    on_wait(lock_holder(lock_path))
                told = True
                time.sleep(poll)
        since = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        record = {"what": what, "pid": os.getpid(), "host": socket.gethostname(), "since": since}
        with contextlib.suppress(OSError):  # who holds it is information; a full disk must not stop the run
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(record))
            handle.flush()
        try:
            yield True
        finally:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
                handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()
