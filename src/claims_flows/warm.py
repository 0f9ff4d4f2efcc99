"""Scheduled runs in the serving process (`claims serve --warm`): imports and the spaCy model stay loaded.

Prefect's runner (`prefect.serve`, what `claims serve` uses by default) starts every flow run in a new
interpreter: each scheduled run imports Prefect, spaCy, pandas and Great Expectations again and loads the
model again, several seconds before it reads its first new document. With `--warm`, the deployment is
registered with the same schedule and parameters, and this process takes its due runs itself, one at a time,
and runs each with Prefect's flow engine (`prefect.flow_engine.run_flow`): every run is still a flow run of
the deployment, with its states, task runs, logs and artifacts in the server and its UI. The second and later
runs find their modules imported and the spaCy pipeline built (`runners.cached_nlp`, kept per process), and
the claims' normalised rows and each document's own checks of the previous run's reconciliation
(`runners.keeping_reconciliation`), so a new document costs about its own work. Between runs, once a run's
record is written, the pipeline the run used extracts a short text of our own here once
(`runners.warm_extraction`): a run that extracted in worker processes (a first, whole run) leaves spaCy's
first-call costs in this process unpaid, and the next run (one new document, extracted here) would pay them.

What a run decides and writes is the same code as a run in its own process (`claims_pipeline`): the run lock,
the run record, crash and kill safety (a killed serving process is a killed run; the next run finishes the
work). Runs never overlap: one is taken at a time, and the deployment's concurrency limit of one holds for
any other process serving it. A run cancelled from the UI while it runs is not stopped here (Prefect's
runner kills the run's process; this process is the server of the next runs): it finishes, and a
cancelled run that has not started is skipped.

A triggered run starts without waiting for the next poll: the process subscribes to the server's event
stream (Prefect's `get_events_subscriber`, the WebSocket the UI and Prefect's own waiters use) for the
deployment's runs entering a scheduled state, and asks for due runs as soon as one does (`RunAlarm`).
Polling every second stays: it takes runs scheduled ahead of time when they fall due, and every run when the
server's event stream cannot be reached.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import threading
import time
from typing import Any
from uuid import UUID

logger = logging.getLogger(__name__)

POLL_SECONDS = 1.0
"""How often the serving process asks for due runs when no event wakes it (runs scheduled ahead of time)."""
SCHEDULED_EVENTS = (
    "prefect.flow-run.Scheduled",
    "prefect.flow-run.Late",
    "prefect.flow-run.AwaitingRetry",
    "prefect.flow-run.AwaitingConcurrencySlot",
)
"""The events of a flow run entering a scheduled state (what `due_runs` asks for): each wakes the loop."""
RECHECKS = (0.05, 0.1, 0.2, 0.4)
"""Pauses before asking again when an event woke the loop but the server lists no due run yet."""


def serve_warm(
    deployment: Any, flow: Any, *, stop: threading.Event, poll_seconds: float = POLL_SECONDS
) -> None:
    """Register `deployment` (of `flow`) and run its due flow runs in this process until `stop` is set."""
    import httpx
    from prefect.client.orchestration import get_client
    from prefect.exceptions import PrefectException

    from claims_flows.runners import start_validation_worker, stop_validation_worker, warm_extraction

    deployment_id: UUID = deployment.apply()
    logger.info("serving deployment %s in this process", deployment_id)
    start_validation_worker()  # it imports Great Expectations while no run waits for it
    try:
        with get_client(sync_client=True) as client, RunAlarm(deployment_id, stop=stop) as alarm:
            woke = False
            while not stop.is_set():
                try:
                    for flow_run in due_runs(client, deployment_id, rechecks=RECHECKS if woke else ()):
                        if stop.is_set():
                            break
                        run_one(client, flow, flow_run)
                        _between_runs(warm_extraction)
                except (httpx.HTTPError, PrefectException) as e:  # the server restarted or timed out
                    logger.warning(
                        "could not reach the Prefect API (%s); asking again in %s s", e, poll_seconds
                    )
                woke = alarm.wait(poll_seconds)
    finally:
        stop_validation_worker()  # the runs' worker process stops with the serving


def _between_runs(work: Any) -> None:
    """Work done between two runs, once a run's record is written (`runners.warm_extraction`: the next run's
    extraction in this process starts warm); a failure is logged, serving goes on."""
    try:
        work()
    except Exception as e:  # noqa: BLE001 - a warm-up never stops serving
        name = type(e).__name__
        logger.warning("warming up between runs failed (%s: %s): the next run starts cold", name, e)


class RunAlarm:
    """Wakes the serving loop when one of the deployment's flow runs enters a scheduled state.

    A thread of its own runs an event loop subscribed to the server's event stream
    (`prefect.events.clients.get_events_subscriber`, filtered to `SCHEDULED_EVENTS` of the deployment's
    runs); each event sets a flag that `wait` returns on at once. When the stream cannot be reached (a
    server without it, a dropped connection Prefect's subscriber did not restore) the alarm says so in the
    log and tries again later: `wait` then only times out, and the loop polls as it always did. Setting
    `stop` wakes `wait` too.
    """

    RETRY_SECONDS = 30.0

    def __init__(self, deployment_id: UUID, *, stop: threading.Event) -> None:
        self.deployment_id = deployment_id
        self.stop = stop
        self.rang = threading.Event()
        self.listening = threading.Event()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="claims-run-alarm", daemon=True)

    def __enter__(self) -> RunAlarm:
        self._thread.start()
        threading.Thread(target=self._on_stop, name="claims-run-alarm-stop", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # the stop watcher ends within half a second
        with self._lock:
            loop, closed = self._loop, self._closed
        if loop is not None and closed is not None:
            with contextlib.suppress(RuntimeError):  # the loop has ended meanwhile
                loop.call_soon_threadsafe(closed.set)
        self._thread.join(timeout=5)

    def wait(self, timeout: float) -> bool:
        """Wait until an event rings or `timeout` seconds pass; True when an event rang."""
        rang = self.rang.wait(timeout)
        self.rang.clear()
        return rang and not self.stop.is_set()

    def _on_stop(self) -> None:
        while not self._closing.is_set():
            if self.stop.wait(0.5):
                self.rang.set()
                return

    def _run(self) -> None:
        asyncio.run(self._listen_until_closed())

    async def _listen_until_closed(self) -> None:
        closed = asyncio.Event()
        with self._lock:
            self._loop, self._closed = asyncio.get_running_loop(), closed
        while not self._closing.is_set():
            listening = asyncio.ensure_future(self._listen())
            ending = asyncio.ensure_future(closed.wait())
            await asyncio.wait({listening, ending}, return_when=asyncio.FIRST_COMPLETED)
            if ending.done():
                listening.cancel()
                await asyncio.gather(listening, return_exceptions=True)
                return
            ending.cancel()
            self.listening.clear()
            try:
                listening.result()
            except Exception as e:  # noqa: BLE001 - whatever ends the stream, polling stays in charge
                logger.info("no event stream from the Prefect API (%s); polling every second", e)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(closed.wait(), timeout=self.RETRY_SECONDS)

    async def _listen(self) -> None:
        from prefect.events.clients import get_events_subscriber
        from prefect.events.filters import EventFilter, EventNameFilter, EventRelatedFilter

        deployment = (f"prefect.deployment.{self.deployment_id}", "deployment")
        runs = EventFilter(
            event=EventNameFilter(name=list(SCHEDULED_EVENTS)),
            related=EventRelatedFilter(resources_in_roles=[deployment]),
        )
        async with get_events_subscriber(filter=runs, reconnect_on_clean_close=True) as events:
            self.listening.set()
            logger.debug("listening for the scheduled runs of deployment %s", self.deployment_id)
            async for event in events:
                logger.debug("%s: %s", event.event, event.resource.id)
                self.rang.set()


def due_runs(client: Any, deployment_id: UUID, *, rechecks: tuple[float, ...] = ()) -> list[Any]:
    """The deployment's scheduled flow runs due now, the earliest first; when there are none, asked again
    after each pause of `rechecks` (an event can arrive before the server lists its run)."""
    for pause in (*rechecks, None):
        now = dt.datetime.now(dt.UTC)
        runs = client.get_scheduled_flow_runs_for_deployments(
            deployment_ids=[deployment_id], scheduled_before=now
        )
        if runs or pause is None:
            return sorted(runs, key=lambda r: (r.next_scheduled_start_time or now, str(r.id)))
        time.sleep(pause)
    return []


def run_one(client: Any, flow: Any, flow_run: Any) -> bool:
    """Take one due run (Pending, as Prefect's runner does) and run it here; True when it ran.

    A run that is no longer scheduled, or that the server will not hand over (taken by another process,
    cancelled), is left alone. A run that fails is recorded failed by the engine (and in the run record);
    serving goes on.
    """
    from prefect.exceptions import Abort
    from prefect.flow_engine import run_flow
    from prefect.states import Pending
    from prefect.utilities.engine import propose_state_sync

    from claims_flows.runners import keeping_layouts, keeping_reconciliation, keeping_validation_worker

    latest = client.read_flow_run(flow_run.id).state
    if latest is None or not latest.is_scheduled():  # the server would let a finished run start again
        logger.info("flow run %s not taken: it is %s", flow_run.id, latest.type.value if latest else None)
        return False
    try:
        state = propose_state_sync(client, Pending(), flow_run_id=flow_run.id)
    except Abort as e:
        logger.info("flow run %s not taken: %s", flow_run.id, e)
        return False
    if not state.is_pending():
        logger.info("flow run %s not taken: it is %s", flow_run.id, state.type.value)
        return False
    current = client.read_flow_run(flow_run.id)
    try:
        # the next run normalises only new or changed claims, and segments only texts not segmented yet;
        # each run checks the documents and claims tables in a worker process while it reconciles
        with keeping_reconciliation(), keeping_layouts(), keeping_validation_worker():
            run_flow(flow, flow_run=current)
    except Exception as e:  # the engine has recorded the failed state; the next schedule still runs
        logger.exception("flow run %s failed: %s", flow_run.id, e)
    return True
