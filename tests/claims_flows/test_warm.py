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


def test_warm_extraction_runs_the_latest_runs_pipeline_here_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import deque

    from claims.extract import documents
    from claims.settings import Settings
    from claims_flows import runners, warm

    monkeypatch.setattr(runners._Pipelines, "latest", None)
    monkeypatch.setattr(runners._Pipelines, "warmed", deque(maxlen=2))
    assert not runners.warm_extraction()  # no run has asked for a pipeline in this process yet
    seen: list[list[tuple[str, int]]] = []
    real = documents.extract_within_budget

    def spy(docs, nlp, settings, **options):  # type: ignore[no-untyped-def]
        out = list(real(docs, nlp, settings, **options))
        seen.append([(document.doc, len(found)) for document, found in out])  # type: ignore[arg-type]
        return iter(out)

    monkeypatch.setattr(documents, "extract_within_budget", spy)
    settings = Settings.from_env(raw_dir=tmp_path, out_dir=tmp_path / "out")
    nlp = runners.pipeline_for(settings)  # what a run's extract task asks for
    assert runners.warm_extraction()  # extracted here, with that very pipeline
    assert not runners.warm_extraction()  # once per pipeline
    assert seen == [[("warm-up.txt", 3)]]  # $4 million, 12 buses, 5%
    assert any(kept is nlp for kept in runners._Pipelines.warmed)

    def broken() -> None:
        raise OSError("disk full")

    warned: list[str] = []
    monkeypatch.setattr(warm.logger, "warning", lambda message, *args: warned.append(message % args))
    warm._between_runs(broken)  # serving goes on
    assert warned == ["warming up between runs failed (OSError: disk full): the next run starts cold"]
