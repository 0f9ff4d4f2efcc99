"""`claims serve --warm` reacts to a triggered run through the server's event stream, not the next poll."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest

from claims_flows import warm


class ListingClient:
    """Lists no due run for the first `empty` questions, then one."""

    def __init__(self, empty: int) -> None:
        self.empty = empty
        self.asked = 0
        self.run = SimpleNamespace(id=uuid4(), next_scheduled_start_time=None)

    def get_scheduled_flow_runs_for_deployments(self, **_: Any) -> list[Any]:
        self.asked += 1
        return [] if self.asked <= self.empty else [self.run]


@pytest.mark.parametrize(("empty", "rechecks", "found", "asked"), [(2, (0.0, 0.0, 0.0), 1, 3), (2, (), 0, 1)])
def test_due_runs_asks_again_after_an_event(empty: int, rechecks: tuple, found: int, asked: int) -> None:
    client = ListingClient(empty)
    assert len(warm.due_runs(client, uuid4(), rechecks=rechecks)) == found
    assert client.asked == asked


@pytest.mark.parametrize("timeout", [0.05])
def test_alarm_without_an_event_times_out_and_stop_wakes_it(timeout: float) -> None:
    stop = threading.Event()
    alarm = warm.RunAlarm(uuid4(), stop=stop)
    alarm._run = lambda: None  # type: ignore[method-assign]  # no event stream: the poll's timeout only
    with alarm:
        assert alarm.wait(timeout) is False
        threading.Timer(0.1, stop.set).start()
        started = time.monotonic()
        assert alarm.wait(30) is False  # woken by `stop`, not an event
        assert time.monotonic() - started < 5


@pytest.mark.slow
@pytest.mark.parametrize("name", ["alarm-test"])
def test_alarm_rings_when_a_run_of_the_deployment_is_triggered(prefect_harness: None, name: str) -> None:
    from prefect.client.orchestration import get_client

    from claims_flows import deploy

    deployment = deploy.build_deployment(
        raw_dir="raw", out_dir="out", interval=None, cron="0 0 1 1 *", name=name
    )
    deployment_id = deployment.apply()
    stop = threading.Event()
    with warm.RunAlarm(deployment_id, stop=stop) as alarm, get_client(sync_client=True) as client:
        assert alarm.listening.wait(60), "the alarm never subscribed to the event stream"
        alarm.wait(0.5)  # an event of the last minute is replayed on subscribing
        assert alarm.wait(0.2) is False
        flow_run = client.create_flow_run_from_deployment(deployment_id)
        started = time.monotonic()
        assert alarm.wait(30) is True
        assert time.monotonic() - started < 10
        assert flow_run.id in {r.id for r in warm.due_runs(client, deployment_id, rechecks=warm.RECHECKS)}
        client.delete_flow_run(flow_run.id)
