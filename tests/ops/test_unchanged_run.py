"""A re-run over a folder that has not changed is recorded without loading the pipeline (no Prefect, spaCy,
pandas, DuckDB or Great Expectations imported), says nothing changed, and lists itself in runs.jsonl;
anything that could change what a run does (a file changed, added or removed, other settings, a decision
recorded, the published set deleted or damaged, a failed run since, a run in progress, `--full`) makes it a
full run that gives the outputs a full run gives, after which re-runs are skipped again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from ops_support import (
    PublishedSet,
    Ran,
    Workspace,
    claims_command,
    environment,
    leftovers,
    published_set,
    run_claims,
    runs,
    start_claims,
)

from claims import locks, unchanged
from claims.cli import run_line_text
from claims.io import export
from claims.io.decisions import DecisionStore
from claims.io.store import Store
from claims.pipeline import StreamingIngest, extractor_version, publishing, run_line
from claims.pipeline import runs as pipeline_runs
from claims.pipeline.runs import summarise

pytestmark = [pytest.mark.slow, pytest.mark.model]

HEAVY = ("prefect", "spacy", "pandas", "great_expectations", "duckdb")
SKIPPED = "nothing changed since run"


def _run(ws: Workspace, *args: str, env: dict[str, str] | None = None) -> Ran:
    return run_claims("run", "--raw", ws.raw, "--out", ws.out, "--workers", "1", *args, env=env)


def _imports_of(ws: Workspace) -> tuple[Ran, set[str]]:
    """A run in a fresh interpreter with `-X importtime`: what it printed, and the top-level packages it
    imported."""
    command = claims_command("run", "--raw", ws.raw, "--out", ws.out, "--workers", "1")
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=900,
        check=False,
    )
    modules = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    told = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("import time:"))
    return Ran(done.returncode, done.stdout, told, 0.0), modules


def _was_full(ran: Ran, out: Path) -> None:
    assert ran.code == 0, ran.output
    assert SKIPPED not in ran.stderr, ran.output
    assert "✓ ingest" in ran.stderr, ran.output  # the stages ran
    assert "skipped" not in runs(out)[-1], runs(out)[-1]


def _was_skipped(ran: Ran, out: Path, *, since: str) -> None:
    assert ran.code == 0, ran.output
    assert f"{SKIPPED} {since}" in ran.stderr, ran.output
    assert "✓ ingest" not in ran.stderr, ran.output
    record = runs(out)[-1]
    assert (record["skipped"], record["unchanged_since"], record["status"]) == (True, since, "ok"), record


@pytest.fixture
def noted(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The workspace with the evidence of its last run noted, as a run over these folders notes it at its
    end (a fresh command's environment: no CLAIMS_ settings)."""
    for name in [n for n in os.environ if n.startswith("CLAIMS_")]:
        monkeypatch.delenv(name)
    last = runs(workspace.out)[-1]
    assert unchanged.remember(workspace.raw, workspace.out, str(last["run_id"])) == ""
    return workspace


def test_unchanged_rerun_is_skipped_without_loading_the_pipeline(workspace: Workspace) -> None:
    out = workspace.out
    first = _run(workspace)  # other folders than the seeded run's: a full run
    _was_full(first, out)
    base = runs(out)[-1]
    before = published_set(out)
    documents = len(pd.read_csv(out / "documents.csv"))

    second, imported = _imports_of(workspace)
    assert "claims.unchanged" in imported, sorted(imported)[:20]  # the trace was read
    heavy = sorted(m for m in imported if m.split(".")[0] in HEAVY)
    assert heavy == [], heavy[:20]
    _was_skipped(second, out, since=str(base["run_id"]))
    assert second.stdout == first.stdout  # the summary a full run over the same folder prints
    assert f"(0 new, 0 changed, {documents} unchanged, 0 removed)" in second.stdout
    assert published_set(out) == before

    third = _run(workspace)
    _was_skipped(third, out, since=str(base["run_id"]))
    listed = runs(out)
    assert len({str(r["run_id"]) for r in listed[-3:]}) == 3
    for record in listed[-2:]:  # counted as the run they repeat counts
        for key in ("claims", "conflicts", "conflicts_by_severity", "possible", "quarantined", "rejected"):
            assert record[key] == base[key], key
        assert (record["new"], record["changed"], record["removed"], record["unchanged"]) == (
            0,
            0,
            0,
            documents,
        )
        assert run_line_text(record).endswith(
            f"ok: 0 new, 0 changed, {documents} unchanged, 0 removed documents; {base['claims']} claims, "
            f"{base['conflicts']} findings (0 new), {base['possible']} possible"
        )
    assert leftovers(out) == []


def _change_file(ws: Workspace) -> dict[str, str]:
    with open(ws.raw / "osa_a.txt", "a", encoding="utf-8") as fh:
        fh.write("In FY2025, Japan's OSA budget rose to ¥9.4 billion.\n")
    return {}


def _add_file(ws: Workspace) -> dict[str, str]:
    (ws.raw / "added.txt").write_text(
        "In FY2024 Japan granted ¥3 billion for coastal radars.\n", encoding="utf-8"
    )
    return {}


def _remove_file(ws: Workspace) -> dict[str, str]:
    (ws.raw / "osa_b.txt").unlink()
    return {}


def _other_settings(ws: Workspace) -> dict[str, str]:
    return {"CLAIMS_HIGH_SEVERITY_GAP": "0.6"}  # a reconciliation threshold: the findings are made again


def _decide(ws: Workspace) -> dict[str, str]:
    finding = pd.read_csv(ws.out / "conflicts.csv", dtype={"conflict_id": str}).iloc[0].to_dict()
    DecisionStore.beside(ws.out).record([finding], status="confirmed", reviewer="Ana", origin="ui")
    return {}


def _delete_current(ws: Workspace) -> dict[str, str]:
    current = export.current_version(ws.out)
    assert current is not None
    shutil.rmtree(current)
    return {}


def _damage_current(ws: Workspace) -> dict[str, str]:
    (ws.out / "current" / "report.html").unlink()
    return {}


def _fail_a_run(ws: Workspace) -> dict[str, str]:
    """A run that fails (no such spaCy model), then the folder and settings as they were."""
    (ws.raw / "added.txt").write_text(
        "In FY2024 Japan granted ¥3 billion for coastal radars.\n", encoding="utf-8"
    )
    failed = _run(ws, env={"CLAIMS_SPACY_MODEL": "no_such_model_installed"})
    assert failed.code == 1, failed.output
    assert runs(ws.out)[-1]["status"] == "failed", runs(ws.out)[-1]
    (ws.raw / "added.txt").unlink()
    return {}


def _claims_of(out: Path, doc: str) -> pd.DataFrame:
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    return claims[claims["doc"] == doc]


def _check_changed(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    assert record["changed"] == 1, record
    assert any("9.4" in surface for surface in _claims_of(ws.out, "osa_a.txt")["surface"]), record


def _check_added(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    assert record["new"] == 1, record
    assert len(_claims_of(ws.out, "added.txt")) > 0


def _check_removed(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    assert record["removed"] == 1, record
    assert len(_claims_of(ws.out, "osa_b.txt")) == 0


def _check_republished(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    assert published_set(ws.out).version != before.version


def _check_same_set(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    assert published_set(ws.out) == before
    assert (record["new"], record["changed"], record["removed"]) == (0, 0, 0), record


def _check_same_findings(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    """The same claims and findings (the failed run published its status in the report's header)."""
    now = published_set(ws.out)
    assert (now.claim_ids, now.conflict_ids) == (before.claim_ids, before.conflict_ids)
    assert (record["new"], record["changed"], record["removed"]) == (0, 0, 0), record


def _check_reextracted(ws: Workspace, before: PublishedSet, record: dict[str, object]) -> None:
    assert record["reextracted"] == len(pd.read_csv(ws.out / "documents.csv")), record


Change = Callable[[Workspace], dict[str, str]]
Check = Callable[[Workspace, PublishedSet, dict[str, object]], None]


@pytest.mark.parametrize(
    ("change", "args", "check"),
    [
        pytest.param(_change_file, (), _check_changed, id="changed-file"),
        pytest.param(_add_file, (), _check_added, id="added-file"),
        pytest.param(_remove_file, (), _check_removed, id="removed-file"),
        pytest.param(_other_settings, (), _check_republished, id="other-settings"),
        pytest.param(_decide, (), _check_same_set, id="decision-recorded"),
        pytest.param(_delete_current, (), _check_republished, id="current-set-deleted"),
        pytest.param(_damage_current, (), _check_republished, id="current-set-damaged"),
        pytest.param(_fail_a_run, (), _check_same_findings, id="failed-run-since"),
        pytest.param(lambda ws: {}, ("--full",), _check_reextracted, id="full"),
    ],
)
def test_unchanged_anything_changed_makes_a_full_run(
    noted: Workspace, change: Change, args: tuple[str, ...], check: Check
) -> None:
    out = noted.out
    before = published_set(out)
    env = change(noted)
    ran = _run(noted, *args, env=env)
    _was_full(ran, out)
    record = runs(out)[-1]
    assert record["status"] == "ok", record
    published_set(out)  # whole
    check(noted, before, record)
    assert leftovers(out) == []

    again = _run(noted, env=env)  # and the next re-run is skipped again
    _was_skipped(again, out, since=str(record["run_id"]))


def test_unchanged_run_waits_for_a_run_in_progress(noted: Workspace) -> None:
    raw, out = noted.raw, noted.out
    with locks.folder_lock(out / pipeline_runs.RUN_LOCK, "run in-progress-for-this-test"):
        running = start_claims("run", "--raw", raw, "--out", out, "--workers", "1")
        running.wait_for("waiting for run in-progress-for-this-test", timeout=600)
    ran = running.finish()
    _was_full(ran, out)


def test_unchanged_evidence_counts_what_a_full_run_counts(noted: Workspace) -> None:
    """The summary noted for skipped runs (derived from the last run's) is the one the pipeline's own
    summary of a run that reads nothing gives, though the last run here was a first run (all new)."""
    evidence = unchanged.read_evidence(noted.out)
    assert evidence is not None
    assert runs(noted.out)[-1]["new"] > 0
    settings = unchanged.run_settings(noted.raw, noted.out)
    with Store(settings.db_path, read_only=True) as store:
        reader = StreamingIngest(
            settings,
            known=store.document_hashes(),
            extractors=store.document_extractors(),
            version=extractor_version(settings),
        )
        counted = summarise(store, reader.summary_plan(), run_id="", started_at=dt.datetime.now(dt.UTC))
        validation = pipeline_runs.last_validation(store)
    assert counted["unchanged"] == len(pd.read_csv(noted.out / "documents.csv")) > 0
    for key, value in counted.items():
        if key not in ("run_id", "started_at"):
            assert evidence["summary"][key] == value, key
    assert evidence["summary"]["validation"] == validation
    assert evidence["line"] == run_line(evidence["summary"])


def test_unchanged_names_agree_with_the_pipeline() -> None:
    assert unchanged.RUNS_LOG == publishing.RUNS_LOG
    assert unchanged.RUN_LOCK == pipeline_runs.RUN_LOCK
