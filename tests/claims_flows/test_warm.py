"""`claims serve --warm`: the deployment's due runs are flow runs of the deployment, run in this process one
at a time, with the spaCy pipeline built once for all of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

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
