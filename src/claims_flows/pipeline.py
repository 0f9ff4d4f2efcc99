"""The main flow: ingest -> extract -> store -> reconcile -> validate -> publish.

Each task wraps one library call from `claims.pipeline`, where the run's decisions live (what changed,
whether the run may remove what it would remove, what to re-reconcile, what is quarantined, whether to
publish). Tasks that touch disk or the database retry; the pure extraction task does not. Nothing is cached
on task source + inputs alone: incremental work is decided by content hashes and the extractor version
stored in the database.

A run holds its output folder's run lock from before it reads what the store holds until its record is
written: a second run waits (saying for which run), then plans from what the first left, so it redoes
nothing. Every run ends with one record (database and runs.jsonl), failed and interrupted runs included;
after a run that published nothing, the report is published again so its header shows that run.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal
from prefect.futures import PrefectFuture

from claims import pipeline
from claims.errors import ClaimsError
from claims.io import export
from claims.io.sources import Source
from claims.io.store import HeldOpen
from claims.io.validation import CheckedAhead, ValidationReport
from claims.locks import os_error
from claims.pipeline import progress
from claims.pipeline.runs import Publish, Validate
from claims.settings import Settings
from claims.types import Claim, Document
from claims_flows import reaper, runners

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
def extract_task(
    documents: list[Document],
    settings: Settings,
    n_process: int = 1,
    offset: int = 0,
    total: int | None = None,
) -> pipeline.Extracted:
    """Claims for a batch of documents (all of them in-process), or the rejection of a document over its
    extraction budget; the spaCy pipeline loads once per process."""
    return pipeline.extract(
        documents,
        settings,
        nlp=runners.pipeline_for(settings),
        n_process=n_process,
        offset=offset,
        total=total,
    )


@task(name="store", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def store_task(
    settings: Settings,
    documents: list[Document],
    extracted: dict[str, list[Claim]],
    version: str,
    sources: list[Source],
    ingest_warnings: list[dict[str, str]],
) -> None:
    pipeline.store_extracted(
        settings, documents, extracted, version=version, sources=sources, ingest_warnings=ingest_warnings
    )


@task(name="remove", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def remove_task(settings: Settings, removed: list[str]) -> None:
    pipeline.drop_removed(settings, removed)


@task(name="reconcile", retries=1, cache_policy=NO_CACHE)
def reconcile_task(settings: Settings, full: bool, claims: pd.DataFrame | None = None) -> list[str]:
    """Returns the ids of findings that were not there before. `claims`: the stored claims table, when
    the run has just read it (for the tables checked ahead)."""
    return pipeline.reconcile_changes(
        settings, full=full, cache=runners.reconcile_cache(), records=runners.claim_records(), claims=claims
    )


@task(name="validate-ahead", cache_policy=NO_CACHE)
def validate_ahead_task(
    settings: Settings, claims: pd.DataFrame, documents: pd.DataFrame
) -> CheckedAhead | None:
    """The stored documents and claims tables checked on the serving process's validation worker while the
    findings are reconciled (`runners.validation_worker`); None when that cannot be done (the validate task
    then checks every table). It opens no database: the tables are read before."""
    worker = runners.validation_worker()
    if worker is None:
        return None
    try:
        return pipeline.validate_ahead(worker, claims, documents, settings)
    except Exception as e:  # noqa: BLE001 - the validate task checks every table and reports what fails
        logger.warning("tables not checked ahead: %s", e)
        return None


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(
    settings: Settings, building: Path | None, ahead: CheckedAhead | None = None
) -> ValidationReport:
    return pipeline.validate_outputs(settings, building, ahead=ahead)


def releasing(held: HeldOpen | None, publish: Publish) -> Publish:
    """The publish stage, the database released first."""
    if held is None:
        return publish

    def publish_released(*args: Any, **kwargs: Any) -> dict[str, str]:
        held.release()
        return publish(*args, **kwargs)

    return publish_released


def validating(ahead: PrefectFuture[CheckedAhead | None] | None) -> Validate:
    """The validate stage, given the tables checked ahead (Prefect passes the future's result)."""
    if ahead is None:
        return validate_task

    def validate(settings: Settings, building: Path | None) -> ValidationReport:
        return validate_task(settings, building, ahead=ahead)  # type: ignore[call-overload]

    return validate


@task(name="publish", retries=1, retry_delay_seconds=1, cache_policy=NO_CACHE)
def publish_task(
    settings: Settings,
    summary: dict[str, Any],
    validation: dict[str, Any] | None,
    *,
    building: Path,
    name: str,
) -> dict[str, str]:
    return pipeline.publish_run(
        settings, summary, validation, building=building, name=name, layout_cache=runners.layout_cache()
    )


@flow(name="claims-pipeline", log_prints=False)
def claims_pipeline(
    raw_dir: str = "raw",
    out_dir: str = "processed",
    workers: int | None = None,
    dask_address: str | None = None,
    full: bool = False,
    allow_removals: bool = False,
) -> dict[str, Any]:
    """Run the whole job on a folder; returns the run summary (also appended to runs.jsonl)."""
    workers, note = pipeline.bound_workers(workers)
    run_logger = get_run_logger()
    if note:
        run_logger.warning(note)
    settings = Settings.from_env(
        raw_dir=Path(raw_dir), out_dir=Path(out_dir), workers=workers, dask_address=dask_address
    )
    return run_pipeline(settings, full=full, allow_removals=allow_removals, log=run_logger)


def run_pipeline(
    settings: Settings, *, full: bool = False, allow_removals: bool = False, log: Any = logger
) -> dict[str, Any]:
    """The stages in order, under the run lock; every decision is taken by `claims.pipeline`."""
    run_id = uuid.uuid4().hex[:12]
    started = dt.datetime.now(dt.UTC)
    summary: dict[str, Any] = {"run_id": run_id, "started_at": started.isoformat(timespec="seconds")}
    recordable = False
    try:
        pipeline.check_folders(settings.raw_dir, settings.out_dir)
        try:
            settings.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise os_error(settings.out_dir, e) from e
        recordable = True
        with reaper.stopping(), pipeline.run_lock(settings, run_id), HeldOpen(settings.db_path) as held:
            run_stages(settings, summary, full=full, allow_removals=allow_removals, log=log, held=held)
    except (KeyboardInterrupt, TerminationSignal):
        summary["status"] = pipeline.INTERRUPTED
        summary["error"] = "interrupted; the next run finishes the work"
        raise
    except BaseException as e:
        summary["status"] = pipeline.FAILED
        summary["error"] = error_line(e, settings.out_dir)
        raise
    finally:
        finished = dt.datetime.now(dt.UTC)
        summary["finished_at"] = finished.isoformat(timespec="seconds")
        if recordable or is_output_folder(settings):
            pipeline.record_run(settings, summary, run_id=run_id, started=started, finished=finished)
            if summary.get("status") in {pipeline.REFUSED, pipeline.FAILED, "failed_validation"}:
                show_status(settings)
    return summary


def is_output_folder(settings: Settings) -> bool:
    """The output folder of earlier runs, outside the input folder: a scheduled run refused before it
    started (its input folder went missing, an unmounted share) is recorded there, so `serve` and the
    report's header show it. No folder or database is created for a refused run, and raw/ is never written.
    """
    out, raw = settings.out_dir.resolve(), settings.raw_dir.resolve()
    earlier = (out / "runs.jsonl").is_file() or export.current_version(out) is not None
    return out.is_dir() and earlier and not out.is_relative_to(raw) and settings.db_path.exists()


def error_line(e: BaseException, out_dir: Path) -> str:
    """What a failed run's record says: a coded error's message, a full disk or an unwritable file in plain
    words, else the type (a network time-out is no file error)."""
    if isinstance(e, OSError) and (e.filename or e.errno in (errno.ENOSPC, errno.EDQUOT)):
        return str(os_error(Path(e.filename or out_dir), e))
    return str(e) if isinstance(e, ClaimsError) else f"{type(e).__name__}: {e}"


def run_stages(
    settings: Settings,
    summary: dict[str, Any],
    *,
    full: bool,
    allow_removals: bool,
    log: Any,
    held: HeldOpen | None = None,
) -> None:
    """The stages, the database `held` open for them until publishing (which opens it read-only, so the
    review workspace goes on reading)."""
    version = pipeline.extractor_version(settings)
    progress.started("ingest")
    known, extractors = pipeline.known_documents(settings)
    reader = scan_task(settings, known, extractors, version, full)
    removals = reader.planned_removals()
    refusal = "" if allow_removals else pipeline.removal_refusal(removals, len(known))
    if refusal:
        message = pipeline.refusal_message(refusal, settings.raw_dir, removals)
        summary.update(status=pipeline.REFUSED, error=message, refused_removals=len(removals))
        summary.update(documents=len(known), removed=0)
        progress.finished("ingest", settings, detail="refused: " + refusal)
        log.error("%s", message)
        return
    batches = reader.batches(settings.batch_size * 4)
    total = sum(len(b) for b in batches)
    progress.finished("ingest", settings, detail=f"{len(reader.sources)} files, {total} to read")

    def documents() -> Iterator[Document]:
        # documents are read a batch at a time as extraction asks for them: memory follows the batch
        for batch in batches:
            yield from ingest_task(reader, batch)

    progress.started("extract", total=total)
    progress.started("store", total=total)
    stored = 0
    for batch, outcome in runners.iter_extraction(extract_task, documents(), settings, total=total):
        kept, extracted, over = pipeline.over_budget(batch, outcome)
        reader.reject(over)  # over its extraction budget: in rejected.csv, not stored
        names = {d.doc for d in kept}
        notes = [w for w in reader.warnings if w.get("doc") in names]
        store_task(settings, kept, extracted, version, reader.sources, notes)
        stored += len(batch)
        progress.advanced("store", stored, total)
        progress.checkpoint("store-batch", settings)
    plan = reader.summary_plan()
    progress.finished("extract", settings, detail=f"{len(plan.read)} documents")
    remove_task(settings, plan.removed)
    progress.finished(
        "store",
        settings,
        detail=f"{len(plan.new)} new, {len(plan.changed)} changed, {len(plan.reextracted)} re-extracted, "
        f"{len(plan.removed)} removed, {len(plan.rejected)} rejected",
    )
    progress.started("reconcile")
    # a served run checks the documents and claims tables in its worker process meanwhile
    changed = plan.read or plan.removed
    tables = pipeline.tables_to_check_ahead(settings) if changed and runners.validation_worker() else None
    ahead = validate_ahead_task.submit(settings, *tables) if tables is not None else None
    try:
        new_conflicts = reconcile_task(settings, full, tables[0] if tables is not None else None)
        progress.finished(
            "reconcile", settings, detail=f"{len(new_conflicts)} new, possible findings included"
        )
        summary["new_conflicts"] = new_conflicts
        pipeline.conclude(
            settings,
            plan,
            summary,
            validate=validating(ahead),
            reconcile=reconcile_task,
            publish=releasing(held, publish_task),
        )
    finally:
        if ahead is not None:
            ahead.wait()  # a run that did not validate after all leaves nothing running behind it
    publish_artifacts(summary, settings)


def show_status(settings: Settings) -> None:
    """After a run that published nothing, publish the current set again so the report's header shows
    that run (best effort: a full disk, or nothing published yet, leaves the report as it is)."""
    try:
        pipeline.republish(settings.out_dir, what="run status", keep=settings.keep_versions)
    except (ClaimsError, OSError) as e:
        logger.warning("the report's header does not show the latest run yet: %s", e)


def publish_artifacts(summary: dict[str, Any], settings: Settings) -> None:
    """A markdown summary and a table of new findings, so the Prefect UI shows what each run did."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact
    from prefect.context import FlowRunContext

    if FlowRunContext.get() is None:
        return
    sev = summary.get("conflicts_by_severity", {}) or {}
    held = summary.get("quarantined") or {}
    lines = [
        f"# claims run {summary.get('run_id')}: {summary.get('status')}",
        "",
        "| documents | new | changed | re-extracted | unchanged | removed | rejected | claims "
        "| findings (high/medium/low) | possible findings | quarantined (claims/findings) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {summary.get('documents', 0)} | {summary.get('new', 0)} | {summary.get('changed', 0)} | "
        f"{summary.get('reextracted', 0)} | {summary.get('unchanged', 0)} | {summary.get('removed', 0)} | "
        f"{len(summary.get('rejected', []))} | {summary.get('claims', 0)} | "
        f"{sev.get('high', 0)}/{sev.get('medium', 0)}/{sev.get('low', 0)} | {summary.get('possible', 0)} | "
        f"{held.get('claims', 0)}/{held.get('conflicts', 0)} |",
        "",
        f"{len(summary.get('new_findings', []))} new findings, {len(summary.get('new_possible', []))} new "
        f"possible findings. Report: {settings.out_dir / 'report.html'}",
    ]
    create_markdown_artifact(markdown="\n".join(lines), key="claims-run-summary", description="Run summary")
    new_ids = set(summary.get("new_conflicts", []) or [])
    current = export.current_version(settings.out_dir)
    df = pipeline.read_table(current, "conflicts") if new_ids and current is not None else None
    if df is not None:
        rows = df[df["conflict_id"].astype(str).isin(new_ids)][
            ["conflict_id", "severity", "kind", "doc_a", "surface_a", "doc_b", "surface_b", "explanation"]
        ]
        create_table_artifact(
            table=rows.astype(str).to_dict("records"),
            key="claims-new-findings",
            description="Findings new in this run",
        )
