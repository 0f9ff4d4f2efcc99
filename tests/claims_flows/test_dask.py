"""The Dask path: extraction on a 2-worker local cluster gives exactly the single-process outputs.

Three runs of the real pipeline over two seed articles: in-process (`workers=1`, under the session's Prefect
test harness); `claims run --workers 2` in a subprocess exactly as a user runs it (ephemeral Prefect API, a
temporary local Dask cluster started by the task runner, workers reporting to that API); and `--dask ADDRESS`
(a cluster started here, reached by its scheduler address, as a real cluster would be).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claims.settings import Settings
from claims.types import Document
from claims_flows import runners

os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


def _docs(n: int) -> list[Document]:
    return [Document(doc=f"{i:03d}.txt", text="x", sha256="") for i in range(n)]


@pytest.mark.parametrize(
    ("n_docs", "batch_size", "slots", "sizes"),
    [
        (0, 16, 2, []),
        (2, 16, 2, [1, 1]),  # a small corpus still reaches every worker
        (5, 16, 2, [3, 2]),
        (40, 16, 2, [16, 16, 8]),  # batches never exceed batch_size
        (3, 16, 8, [1, 1, 1]),
    ],
)
def test_runners_plan_batches_keeps_order_and_bounds(n_docs, batch_size, slots, sizes):
    documents = _docs(n_docs)
    batches = runners.plan_batches(documents, batch_size=batch_size, slots=slots)
    assert [len(b) for b in batches] == sizes
    assert [d.doc for b in batches for d in b] == [d.doc for d in documents]


@pytest.mark.parametrize(
    ("overrides", "runner"),
    [
        ({}, None),  # default: in-process, spaCy n_process = cores
        ({"workers": 1}, None),
        ({"workers": 2}, "local"),
        ({"dask_address": "tcp://10.1.2.3:8786"}, "tcp://10.1.2.3:8786"),
        ({"workers": 4, "dask_address": "tcp://10.1.2.3:8786"}, "tcp://10.1.2.3:8786"),
    ],
)
def test_runners_task_runner_for_follows_the_options(overrides, runner):
    chosen = runners.task_runner_for(Settings.from_env(**overrides))
    if runner is None:
        assert chosen is None
    elif runner == "local":
        assert chosen.address is None
        assert chosen.cluster_kwargs["n_workers"] == 2
        assert chosen.cluster_kwargs["threads_per_worker"] == 1
        assert chosen.cluster_kwargs["processes"] is True
    else:
        assert chosen.address == runner


class _Pulled:
    """A lazy stream of documents that counts how many were taken."""

    def __init__(self, n: int) -> None:
        self.documents = _docs(n)
        self.pulled = 0

    def __iter__(self):
        for document in self.documents:
            self.pulled += 1
            yield document


def _fake_extract(documents, settings, n_process=1, offset=0, total=None):
    return {d.doc: [] for d in documents}


@pytest.mark.parametrize(("batch_size", "expected_first"), [(2, 32), (16, 100)])
def test_runners_iter_extraction_pulls_documents_batch_by_batch(batch_size, expected_first):
    stream = _Pulled(100)
    batches = runners.iter_extraction(_fake_extract, stream, Settings(batch_size=batch_size))
    first, extracted = next(batches)
    assert stream.pulled == expected_first  # in-process batches: 16 x batch_size documents
    assert list(extracted) == [d.doc for d in first]
    rest = [doc for batch, _ in batches for doc in (d.doc for d in batch)]
    assert [d.doc for d in first] + rest == [d.doc for d in stream.documents]


class _FakeRunner:
    """Runs submitted work at once but records how many futures were outstanding."""

    def __init__(self) -> None:
        self.outstanding = 0
        self.most = 0

    def submit(self, task, parameters):
        runner = self
        runner.outstanding += 1
        runner.most = max(runner.most, runner.outstanding)

        class Future:
            def result(self):
                runner.outstanding -= 1
                return task(**parameters)

        return Future()


@pytest.mark.parametrize("window", [1, 4])
def test_runners_submit_in_order_bounds_batches_in_flight(window):
    runner = _FakeRunner()
    stream = _Pulled(30)
    batches = runners.chunked(stream, 3)
    out = list(runners.submit_in_order(runner, _fake_extract, batches, Settings(), window=window, total=30))
    assert runner.most == window
    assert [d.doc for batch, _ in out for d in batch] == [d.doc for d in stream.documents]


def _tables(out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    conflicts = pd.read_csv(out / "conflicts.csv", dtype=str, keep_default_na=False)
    return (
        claims.sort_values("claim_id").reset_index(drop=True),
        conflicts.sort_values("conflict_id").reset_index(drop=True),
    )


def _run(raw: Path, out: Path, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    from claims_flows.pipeline import claims_pipeline

    summary = claims_pipeline(raw_dir=str(raw), out_dir=str(out), **options)
    assert summary["status"] == "ok"
    return _tables(out)


def _cli_run(raw: Path, out: Path, *options: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`claims run` in a fresh process, with its own Prefect home and no API URL: the ephemeral API."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(out.parent / "prefect-home")
    cmd = [sys.executable, "-m", "claims.cli", "run", "--raw", str(raw), "--out", str(out), *options]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return _tables(out)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    import shutil

    raw = Path(__file__).resolve().parents[2] / "raw"
    folder = tmp_path_factory.mktemp("dask") / "raw"
    folder.mkdir()
    for name in ("003_66334d0d25dd3bf9.txt", "004_9c485ca171c3d093.txt"):
        shutil.copyfile(raw / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def single_process(prefect_harness, corpus, tmp_path_factory):
    return _run(corpus, tmp_path_factory.mktemp("single") / "processed", workers=1)


@pytest.fixture(scope="module")
def external_cluster():
    """A 2-worker cluster reached only by its address, like `dask scheduler` + `dask worker` elsewhere."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["workers", "address"])
def test_dask_extraction_matches_single_process(mode, single_process, corpus, tmp_path, request):
    if mode == "workers":
        claims, conflicts = _cli_run(corpus, tmp_path / "processed", "--workers", "2")
    else:
        address = request.getfixturevalue("external_cluster")
        claims, conflicts = _run(corpus, tmp_path / "processed", dask_address=address)
    expected_claims, expected_conflicts = single_process
    assert len(expected_claims) > 5
    pd.testing.assert_frame_equal(claims, expected_claims)
    pd.testing.assert_frame_equal(conflicts, expected_conflicts)
