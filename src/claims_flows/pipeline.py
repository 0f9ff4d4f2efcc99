"""The main flow: ingest -> extract -> store -> reconcile -> validate -> publish.

Each task wraps one library call from `claims.pipeline`, where the run's decisions live (what changed,
what to re-reconcile, whether to publish). Tasks that touch disk or the database retry; the pure extraction
task does not. Nothing is cached on task source + inputs alone: incremental work is decided by content
hashes and the extractor version stored in the database.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from claims import pipeline
from claims.io.sources import Source
from claims.io.store import Store
from claims.io.validation import ValidationReport
from claims.settings import Settings
from claims.types import Claim, Document
from claims_flows import runners

logger = logging.getLogger(__name__)


@task(name="scan", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def scan_task(
    settings: Settings, known: dict[str, str], extractors: dict[str, str], version: str, full: bool
) -> pipeline.StreamingIngest:
    """Hash every file and decide what is new, changed or unchanged (reads no document yet)."""
    return pipeline.StreamingIngest(settings, known=known, extractors=extractors, version=version, full=full)


@task(name="ingest", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest_task(reader: pipeline.StreamingIngest, batch: list[Source]) -> list[Document]:
    """Read one batch of new or changed documents (rejections are collected by the reader)."""
    return reader.load(batch)


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(documents: list[Document], settings: Settings, n_process: int = 1) -> dict[str, list[Claim]]:
    """Claims for a batch of documents (all of them in-process); the spaCy pipeline loads once per process."""
    return pipeline.extract(documents, settings, nlp=runners.cached_nlp(settings), n_process=n_process)


@task(name="store", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def store_task(
    settings: Settings,
    documents: list[Document],
    extracted: dict[str, list[Claim]],
    version: str,
    sources: list[Source],
) -> None:
    pipeline.store_extracted(settings, documents, extracted, version=version, sources=sources)


@task(name="remove", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def remove_task(settings: Settings, removed: list[str]) -> None:
    pipeline.drop_removed(settings, removed)


@task(name="reconcile", retries=1, cache_policy=NO_CACHE)
def reconcile_task(settings: Settings, full: bool) -> list[str]:
    """Returns the ids of findings that were not there before this run."""
    return pipeline.reconcile_changes(settings, full=full)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(settings: Settings) -> ValidationReport:
    return pipeline.validate_outputs(settings)


@task(name="publish", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def publish_task(
    settings: Settings, summary: dict[str, Any], validation: dict[str, Any] | None
) -> dict[str, Path]:
    return pipeline.publish_outputs(settings, summary, validation)


@flow(name="claims-pipeline", log_prints=False)
def claims_pipeline(
    raw_dir: str = "raw",
    out_dir: str = "processed",
    workers: int | None = None,
    dask_address: str | None = None,
    full: bool = False,
) -> dict[str, Any]:
    """Run the whole job on a folder; returns the run summary (also appended to runs.jsonl)."""
    settings = Settings.from_env(
        raw_dir=Path(raw_dir), out_dir=Path(out_dir), workers=workers, dask_address=dask_address
    )
    run_logger = get_run_logger()
    return run_pipeline(settings, full=full, log=run_logger)


def run_pipeline(settings: Settings, *, full: bool = False, log: Any = logger) -> dict[str, Any]:
    """The stages in order; every decision is taken by `claims.pipeline`."""
    run_id = uuid.uuid4().hex[:12]
    started = dt.datetime.now(dt.UTC)
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    version = pipeline.extractor_version(settings)
    summary: dict[str, Any] = {"run_id": run_id, "started_at": started.isoformat(timespec="seconds")}
    try:
        known, extractors = pipeline.known_documents(settings)
        reader = scan_task(settings, known, extractors, version, full)

        def documents() -> Iterator[Document]:
            # documents are read a batch at a time as extraction asks for them: memory follows the batch
            for batch in reader.batches(settings.batch_size * 4):
                yield from ingest_task(reader, batch)

        for batch, extracted in runners.iter_extraction(extract_task, documents(), settings):
            store_task(settings, batch, extracted, version, reader.sources)
        plan = reader.summary_plan()
        remove_task(settings, plan.removed)
        log.info(
            "ingest: %d new, %d changed, %d unchanged, %d removed, %d rejected",
            len(plan.new),
            len(plan.changed),
            len(plan.unchanged),
            len(plan.removed),
            len(plan.rejected),
        )
        new_conflicts = reconcile_task(settings, full)
        summary = pipeline.summarise_run(
            settings, plan, run_id=run_id, started_at=started, new_conflicts=new_conflicts
        )
        pipeline.conclude(settings, summary, validate=validate_task, publish=publish_task, log=log)
        publish_artifacts(summary, settings)
    except BaseException as e:
        summary["status"] = "crashed"
        summary["error"] = f"{type(e).__name__}: {e}"
        raise
    finally:
        finished = dt.datetime.now(dt.UTC)
        summary["finished_at"] = finished.isoformat(timespec="seconds")
        pipeline.record_run(settings, summary, run_id=run_id, started=started, finished=finished)
    return summary


def publish_artifacts(summary: dict[str, Any], settings: Settings) -> None:
    """A markdown summary and a table of new findings, so the Prefect UI shows what changed."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact
    from prefect.context import FlowRunContext

    if FlowRunContext.get() is None:
        return
    sev = summary.get("conflicts_by_severity", {}) or {}
    lines = [
        f"# claims run {summary.get('run_id')}",
        "",
        "| documents | new | changed | unchanged | removed | rejected | claims "
        "| findings (high/medium/low) |",
        "|---|---|---|---|---|---|---|---|",
        f"| {summary.get('documents', 0)} | {summary.get('new', 0)} | {summary.get('changed', 0)} | "
        f"{summary.get('unchanged', 0)} | {summary.get('removed', 0)} | {len(summary.get('rejected', []))} | "
        f"{summary.get('claims', 0)} | {sev.get('high', 0)}/{sev.get('medium', 0)}/{sev.get('low', 0)} |",
        "",
        f"{len(summary.get('new_conflicts', []))} new findings. Status: {summary.get('status')}.",
    ]
    create_markdown_artifact(markdown="\n".join(lines), key="claims-run-summary", description="Run summary")
    new_ids = set(summary.get("new_conflicts", []) or [])
    if new_ids:
        with Store(settings.db_path, read_only=True) as store:
            df = store.conflicts_df()
        rows = df[df["conflict_id"].isin(new_ids)][
            ["conflict_id", "severity", "kind", "doc_a", "surface_a", "doc_b", "surface_b", "explanation"]
        ]
        create_table_artifact(
            table=rows.astype(str).to_dict("records"),
            key="claims-new-findings",
            description="Findings new in this run",
        )
