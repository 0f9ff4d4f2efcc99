"""One progress display across the stages of a run: the stages report, the command line shows.

The library never prints: each stage logs an INFO record on the `claims.pipeline.progress` logger carrying a
`Progress` event in `record.claims_progress`. The CLI turns them into one display (a line per stage with a
bar); without a listener they are ordinary log lines. A run that waits for another run's lock says so with
a `wait` event naming the holder.

`Settings.pause_after` names a stage after which the run waits (up to ten minutes) before going on: a seam
for testing what a kill at that moment leaves behind (`CLAIMS_PAUSE_AFTER=store claims run ...`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from claims.settings import Settings

logger = logging.getLogger(__name__)

STAGES = ("ingest", "extract", "store", "reconcile", "validate", "publish")
"""The stages of a run, in order (every stage reports; a stage with nothing to do finishes at once)."""

START, ADVANCE, DONE, WAIT, PAUSE = "start", "advance", "done", "wait", "pause"
PAUSE_SECONDS = 600.0


@dataclass(frozen=True, slots=True)
class Progress:
    """What a stage reports: it started, advanced (`done` of `total`), finished, or the run waits."""

    stage: str
    state: str
    done: int = 0
    total: int | None = None
    detail: str = ""

    def describe(self) -> str:
        """The event as a log line.

        >>> Progress("extract", ADVANCE, 3, 40, "004_9c485ca171c3d093.txt").describe()
        'extract: 3/40 004_9c485ca171c3d093.txt'
        >>> Progress("publish", DONE, detail="processed/current -> versions/20260305T100007Z-3f2a").describe()
        'publish: done (processed/current -> versions/20260305T100007Z-3f2a)'
        """
        if self.state == ADVANCE:
            count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
            return f"{self.stage}: {count} {self.detail}".rstrip()
        if self.state == DONE:
            return f"{self.stage}: done" + (f" ({self.detail})" if self.detail else "")
        return f"{self.stage}: {self.state}" + (f" {self.detail}" if self.detail else "")


def report(event: Progress) -> None:
    logger.info("%s", event.describe(), extra={"claims_progress": event})


def started(stage: str, *, total: int | None = None, detail: str = "") -> None:
    report(Progress(stage, START, 0, total, detail))


def advanced(stage: str, done: int, total: int | None, detail: str = "") -> None:
    report(Progress(stage, ADVANCE, done, total, detail))


def finished(stage: str, settings: Settings, *, detail: str = "") -> None:
    """The stage is over; the run pauses here when `settings.pause_after` names it (kill tests)."""
    report(Progress(stage, DONE, detail=detail))
    checkpoint(stage, settings)


def checkpoint(moment: str, settings: Settings) -> None:
    """Pause here when `settings.pause_after` names this moment (a stage, or `store-batch`: the first batch
    stored while extraction's workers are still up)."""
    if settings.pause_after != moment:
        return
    report(Progress(moment, PAUSE, detail=f"paused for up to {PAUSE_SECONDS:.0f} s"))
    deadline = time.monotonic() + PAUSE_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.2)


def waiting(stage: str, detail: str) -> None:
    report(Progress(stage, WAIT, detail=detail))
