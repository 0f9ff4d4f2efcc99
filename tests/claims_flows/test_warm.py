"""`claims serve --warm`: the deployment's due runs are flow runs of the deployment, run in this process one
at a time, with the spaCy pipeline built once for all of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from validation_runs import gx_tables, results

RAW = Path(__file__).resolve().parents[2] / "raw"

pytestmark = [pytest.mark.slow, pytest.mark.model]


@pytest.mark.parametrize("added", ["002_82efc141eec706b1.txt"])
def test_warm_runs_due_runs_here_and_keeps_the_model(
    prefect_harness: None, small_corpus: Path, tmp_path: Path, added: str
) -> None:
    from prefect.client.orchestration import get_client

    from claims_flows import deploy, runners, warm
    from claims_flows.pipeline import claims_pipeline

    out = tmp_path / "out"
    deployment = deploy.build_deployment(
        raw_dir=str(small_corpus), out_dir=str(out), interval=None, cron="0 0 1 1 *", name="warm-test"
    )
    deployment_id = deployment.apply()
    built = runners.cached_nlp.cache_info().misses
    with get_client(sync_client=True) as client:
        for step in (0, 1):
            if step:
                shutil.copyfile(RAW / added, small_corpus / added)  # a new document between two runs
            flow_run = client.create_flow_run_from_deployment(deployment_id)
            assert flow_run.id in {r.id for r in warm.due_runs(client, deployment_id)}
            assert warm.run_one(client, claims_pipeline, flow_run)
            state = client.read_flow_run(flow_run.id).state
            assert state is not None
            assert state.is_completed()
            assert not warm.run_one(client, claims_pipeline, flow_run)  # taken once only
            assert flow_run.id not in {r.id for r in warm.due_runs(client, deployment_id)}
    records = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]
    assert [(r["status"], r["new"]) for r in records] == [("ok", 2), ("ok", 1)]
    assert runners.cached_nlp.cache_info().misses - built <= 1  # one pipeline for both runs
    assert runners.reconcile_cache() is None  # outside a served run: nothing kept
    with runners.keeping_reconciliation() as kept:  # what the served runs kept
        assert runners.reconcile_cache() is kept
    assert len(kept.rows) == records[-1]["claims"]  # the last run's rows, one per stored claim
    assert kept.documents  # and its documents' own checks


def test_warm_validation_worker_checks_the_tables_ahead_and_is_replaced_when_it_dies(
    prefect_harness: None, small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import os
    from concurrent.futures.process import BrokenProcessPool

    from claims import pipeline
    from claims.settings import Settings
    from claims_flows import runners
    from claims_flows.pipeline import claims_pipeline

    out = tmp_path / "out"
    claims_pipeline(raw_dir=str(small_corpus), out_dir=str(out))
    settings = Settings.from_env(raw_dir=small_corpus, out_dir=out)
    worker = runners.ValidationWorker()
    try:
        before = set(multiprocessing.active_children())
        worker.start()  # as serving starts: the process is there before a run asks for it
        assert set(multiprocessing.active_children()) - before
        tables = pipeline.tables_to_check_ahead(settings)
        assert tables is not None
        ahead = pipeline.validate_ahead(worker, *tables, settings)  # in the worker process
        assert ahead is not None
        assert set(ahead.frames) == {"documents", "claims"}
        seen = gx_tables(monkeypatch)
        checked = pipeline.validate_outputs(settings, tmp_path / "checked", ahead=ahead)
        assert set().union(*seen) == {"conflicts"}  # here only the findings
        whole = pipeline.validate_outputs(settings, tmp_path / "whole")
        assert (checked.failures, checked.quarantined) == (whole.failures, whole.quarantined)
        assert results(tmp_path / "checked") == results(tmp_path / "whole")

        with pytest.raises(BrokenProcessPool):  # the worker dies ...
            worker.submit(os._exit, 3).result(timeout=300)
        assert (
            pipeline.validate_ahead(worker, *tables, settings) is not None
        )  # ... the next run starts another
    finally:
        worker.shutdown()
