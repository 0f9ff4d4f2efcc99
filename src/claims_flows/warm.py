"""Scheduled runs in the serving process (`claims serve --warm`): imports and the spaCy model stay loaded.

Prefect's runner (`prefect.serve`, what `claims serve` uses by default) starts every flow run in a new
interpreter: each scheduled run imports Prefect, spaCy, pandas and Great Expectations again and loads the
model again, several seconds before it reads its first new document. With `--warm`, the deployment is
registered with the same schedule and parameters, and this process takes its due runs itself, one at a time,
and runs each with Prefect's flow engine (`prefect.flow_engine.run_flow`): every run is still a flow run of
the deployment, with its states, task runs, logs and artifacts in the server and its UI. The second and later
runs find their modules imported and the spaCy pipeline built (`runners.cached_nlp`, kept per process), and
the claims' normalised rows and each document's own checks of the previous run's reconciliation
(`runners.keeping_reconciliation`), so a new document costs about its own work.

What a run decides and writes is the same code as a run in its own process (`claims_pipeline`): the run lock,
the run record, crash and kill safety (a killed serving process is a killed run; the next run finishes the
work). Runs never overlap: one is taken at a time, and the deployment's concurrency limit of one holds for
any other process serving it. A run cancelled from the UI while it runs is not stopped here (Prefect's
runner kills the run's process; this process is the server of the next runs): it finishes, and a
cancelled run that has not started is skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any
from uuid import UUID

logger = logging.getLogger(__name__)

POLL_SECONDS = 1.0
"""How often the serving process asks for due runs (a triggered run starts within about this long)."""


def serve_warm(
    deployment: Any, flow: Any, *, stop: threading.Event, poll_seconds: float = POLL_SECONDS
) -> None:
    """Register `deployment` (of `flow`) and run its due flow runs in this process until `stop` is set."""
    import httpx
    from prefect.client.orchestration import get_client
    from prefect.exceptions import PrefectException

    deployment_id: UUID = deployment.apply()
    logger.info("serving deployment %s in this process", deployment_id)
    with get_client(sync_client=True) as client:
        while not stop.is_set():
            try:
                for flow_run in due_runs(client, deployment_id):
                    if stop.is_set():
                        break
                    run_one(client, flow, flow_run)
            except (httpx.HTTPError, PrefectException) as e:  # the server restarted or timed out: ask again
                logger.warning("could not reach the Prefect API (%s); asking again in %s s", e, poll_seconds)
            stop.wait(poll_seconds)


def due_runs(client: Any, deployment_id: UUID) -> list[Any]:
    """The deployment's scheduled flow runs due now, the earliest first."""
    now = dt.datetime.now(dt.UTC)
    runs = client.get_scheduled_flow_runs_for_deployments(
        deployment_ids=[deployment_id], scheduled_before=now
    )
    return sorted(runs, key=lambda r: (r.next_scheduled_start_time or now, str(r.id)))


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

    from claims_flows.runners import keeping_reconciliation

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
        with keeping_reconciliation():  # the next run normalises only new or changed claims
            run_flow(flow, flow_run=current)
    except Exception as e:  # the engine has recorded the failed state; the next schedule still runs
        logger.exception("flow run %s failed: %s", flow_run.id, e)
    return True
