"""A run's decisions after the store is up to date: whether to validate and publish, what is quarantined,
what the summary says, and the record of the run (the database's run table and one line of runs.jsonl).

- One run at a time per output folder (`run_lock`); a second run says which run it waits for, then plans
  its work from what the first left in the store, so nothing is done twice.
- Nothing changed since the last published set (and every output is there): no validation, no publishing;
  the last validation result is repeated. Only the list of rejected files changed: publish without
  validating again.
- Otherwise the stored tables are validated into a new set's folder. Value checks quarantine their rows;
  when that changes which claims are quarantined, their documents are reconciled again (a quarantined claim
  takes no part) and validated again. A structural failure keeps the published set (status
  `failed_validation`; the results are kept in `failed-validation/`), else the set is published (`ok`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import pandas as pd

from claims.errors import StoreError
from claims.io import export
from claims.io.store import QUARANTINE_COLUMNS, Store
from claims.io.validation import CheckedAhead, ValidationReport, check_ahead, validate_tables
from claims.locks import LockHolder, folder_lock
from claims.pipeline import progress
from claims.pipeline.ingest import IngestPlan
from claims.pipeline.publishing import (
    output_paths,
    publish_run,
    published_findings,
    quarantine_from_store,
    rejected_fingerprint,
    rejected_frame,
)
from claims.settings import Settings

logger = logging.getLogger(__name__)

POSSIBLE = "possible"
"""The tier of a finding below the report's score threshold: listed apart, never in the headline counts."""
RUN_LOCK = ".run.lock"
FAILED_VALIDATION = "failed-validation"
OK, FAILED_VALIDATION_STATUS, REFUSED, FAILED, INTERRUPTED = (
    "ok",
    "failed_validation",
    "refused",
    "failed",
    "interrupted",
)


@contextlib.contextmanager
def run_lock(settings: Settings, run_id: str) -> Iterator[None]:
    """Hold the output folder's run lock; a second run says which run it waits for."""

    def told(holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another run"
        progress.waiting("ingest", f"waiting for {who} to finish")

    with folder_lock(Path(settings.out_dir) / RUN_LOCK, f"run {run_id}", on_wait=told):
        yield


# --- what changed, what to publish --------------------------------------------------------------------------


def rejected_rows(plan: IngestPlan) -> list[dict[str, str]]:
    return [{"doc": r.doc, "reason": r.reason, "detail": r.detail} for r in plan.rejected]


def needs_publish(store: Store, settings: Settings, rejected: Sequence[dict[str, str]]) -> tuple[bool, bool]:
    """(the data changed or an output is missing, only the list of rejected files changed)."""
    out = settings.out_dir
    wanted = ("claims.csv", "conflicts.csv", "claims.parquet", "conflicts.parquet", "report.html")
    missing = export.current_version(out) is None or any(not (out / name).exists() for name in wanted)
    data = missing or store.get_meta("pending_publish", "1") != "0"
    listing = rejected_frame(rejected, store.warnings_df())
    return data, store.get_meta("published_rejected") != rejected_fingerprint(listing)


def last_validation(store: Store) -> dict[str, Any] | None:
    """The validation result of the latest run that ended well (shown again when nothing changed)."""
    validation = store.last_run_summary(status=OK).get("validation")
    return validation if isinstance(validation, dict) else None


def summarise(
    store: Store, plan: IngestPlan, *, run_id: str, started_at: dt.datetime, new_conflicts: Sequence[str] = ()
) -> dict[str, Any]:
    """The run's summary: what it read, and the counts of what is published (quarantined rows aside).

    `conflicts`, `conflicts_by_severity` and `new_findings` count findings of tier "finding" only; possible
    findings (below the report's threshold) are counted apart (`possible`, `new_possible`). `new_conflicts`
    lists every finding new in this run, of either tier (what the report and the workspace mark as new).
    """
    everything = published_findings(store)  # the tables themselves are counted in the database
    quarantine = quarantine_from_store(store)
    tiers = everything["tier"] if "tier" in everything else pd.Series("", index=everything.index)
    possible_rows = tiers.astype(str) == POSSIBLE
    conflicts, possible = everything[~possible_rows], everything[possible_rows]
    fresh = set(plan.new) | set(plan.changed)
    live_new = [cid for cid in new_conflicts if cid in set(everything["conflict_id"].astype(str))]
    new_rows = conflicts[conflicts["conflict_id"].isin(set(live_new))]
    new_possible = set(possible["conflict_id"].astype(str)) & set(live_new)
    involved = (
        set(new_rows["doc_a"].dropna().astype(str)) | set(new_rows["doc_b"].dropna().astype(str))
    ) & fresh
    held = Counter(quarantine["tbl"].astype(str)) if len(quarantine) else Counter()
    return {
        "run_id": run_id,
        "started_at": started_at.isoformat(timespec="seconds"),
        "documents": len(store.document_hashes()),
        "new": len(plan.new),
        "changed": len(plan.changed),
        "reextracted": len(plan.reextracted),
        "unchanged": len(plan.unchanged),
        "removed": len(plan.removed),
        "new_documents": plan.new,
        "changed_documents": plan.changed,
        "removed_documents": plan.removed,
        "claims": store.published_claim_count(),
        "conflicts": len(conflicts),
        "conflicts_by_severity": dict(Counter(conflicts["severity"].astype(str))),
        "conflicts_by_kind": dict(Counter(conflicts["kind"].astype(str))),
        "possible": len(possible),
        "new_conflicts": live_new,
        "new_findings": [cid for cid in live_new if cid not in new_possible],
        "new_possible": [cid for cid in live_new if cid in new_possible],
        "new_conflicts_documents": sorted(involved),
        "quarantined": {"claims": held.get("claims", 0), "conflicts": held.get("conflicts", 0)},
        "rejected": rejected_rows(plan),
        "warnings": plan.warnings,
    }


def summarise_run(
    settings: Settings,
    plan: IngestPlan,
    *,
    run_id: str,
    started_at: dt.datetime,
    new_conflicts: Sequence[str] = (),
) -> dict[str, Any]:
    with Store(settings.db_path) as store:
        return summarise(store, plan, run_id=run_id, started_at=started_at, new_conflicts=new_conflicts)


# --- validation with quarantine -----------------------------------------------------------------------------


def record_quarantine(store: Store, report: ValidationReport) -> bool:
    """Store the rows the report quarantined; True when that changed which claims are quarantined (their
    documents are then marked for reconciliation: a quarantined claim takes no part in it)."""
    rows = pd.DataFrame([q.to_dict() for q in report.quarantined], columns=list(QUARANTINE_COLUMNS))
    before = store.quarantine_df()
    was = set(before.loc[before["tbl"] == "claims", "row_id"].astype(str))
    now = set(rows.loc[rows["tbl"] == "claims", "row_id"].astype(str))
    with store.transaction():
        store.replace_quarantine(rows)
        if was != now:
            moved = was ^ now
            docs = set(before.loc[before["row_id"].isin(moved), "doc"].astype(str))
            docs |= set(rows.loc[rows["row_id"].isin(moved), "doc"].astype(str))
            store.add_pending_docs(docs - {""})
            store.set_meta("pending_publish", "1")
    return was != now


def validate_outputs(
    settings: Settings, building: Path | None = None, *, ahead: CheckedAhead | None = None
) -> ValidationReport:
    """The suites over the stored tables, results into `building`/validation; the quarantine is stored.

    `report.details["reconcile_again"]` is True when the quarantined claims changed. `ahead`: the documents
    and claims tables checked before (`validate_ahead`), used when they are still the stored ones.
    """
    name = building.name.split("-", 2)[-1] if building is not None else ""
    final = settings.out_dir / export.VERSIONS / name if building is not None else None
    with Store(settings.db_path) as store:
        report = validate_tables(
            claims=store.claims_df(),
            conflicts=store.conflicts_df(),
            documents=store.documents_df(),
            settings=settings,
            out_dir=building,
            published_as=final,
            ahead=ahead,
        )
        if report.success:
            report.details["reconcile_again"] = record_quarantine(store, report)
    return report


def tables_to_check_ahead(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The stored claims and documents tables, for `validate_ahead`; None above
    `settings.full_reconcile_claims` claims (the size up to which a serving process keeps its caches: a
    larger table would be copied to the worker whole). Read in the thread that runs the stages: DuckDB is
    not opened by two threads at once (its instance cache is per process)."""
    with Store(settings.db_path) as store:
        if store.claim_count() > settings.full_reconcile_claims:
            return None
        return store.claims_df(), store.documents_df()


def validate_ahead(
    worker: Executor, claims: pd.DataFrame, documents: pd.DataFrame, settings: Settings
) -> CheckedAhead | None:
    """The stored documents and claims tables (`tables_to_check_ahead`) checked on `worker` (a process of
    its own) while this one reconciles the findings (neither table changes then); the validation that
    follows checks only the findings. None when the worker fails: the validation then checks every table
    itself."""
    try:
        return worker.submit(check_ahead, claims=claims, documents=documents, settings=settings).result()
    except Exception as e:  # noqa: BLE001 - a broken or killed worker: the validation checks every table
        logger.warning("tables not checked ahead (%s: %s): validated after reconciling", type(e).__name__, e)
        return None


def keep_failed_validation(settings: Settings, building: Path) -> Path | None:
    """The results of a validation that blocked publishing, kept in out/failed-validation/ (replaced)."""
    source = building / "validation"
    if not source.is_dir():
        return None
    target = settings.out_dir / FAILED_VALIDATION
    export.replace_folder(source, target)
    return target


def failure_line(report: ValidationReport, kept: Path | None) -> str:
    names = ", ".join(f"{f.suite}.{f.expectation}" for f in report.critical) or "unknown"
    where = f"; see {kept / 'index.html'}" if kept else ""
    return f"validation failed ({len(report.critical)} critical: {names}); nothing was published{where}"


Validate = Callable[[Settings, Path | None], ValidationReport]
Reconcile = Callable[[Settings, bool], list[str]]
Publish = Callable[..., dict[str, str]]


def conclude(
    settings: Settings,
    plan: IngestPlan,
    summary: dict[str, Any],
    *,
    validate: Validate = validate_outputs,
    reconcile: Reconcile | None = None,
    publish: Publish = publish_run,
) -> None:
    """Validate and publish, or not; fills the summary (counts, `status`, `validation`, `outputs`).

    `validate`, `reconcile` and `publish` are the stages to call (the flow passes its tasks).
    """
    run_id = str(summary["run_id"])
    started = dt.datetime.fromisoformat(str(summary["started_at"]))
    new_conflicts = list(summary.get("new_conflicts") or [])
    with Store(settings.db_path) as store:
        data_changed, listing_changed = needs_publish(store, settings, rejected_rows(plan))
        previous = last_validation(store)
    if not data_changed and not listing_changed:
        summary.update(
            summarise_run(settings, plan, run_id=run_id, started_at=started, new_conflicts=new_conflicts)
        )
        summary.update(status=OK, validation=previous, outputs=output_paths(settings.out_dir))
        progress.finished("validate", settings, detail="nothing changed")
        progress.finished("publish", settings, detail="nothing changed")
        return
    name = export.version_name(run_id)
    building = export.begin_version(settings.out_dir, name)
    try:
        validation: dict[str, Any] | None = previous
        if data_changed:
            progress.started("validate")
            report = validate(settings, building)
            if report.success and report.details.get("reconcile_again") and reconcile is not None:
                progress.advanced("validate", 1, None, "quarantine changed: reconciling again")
                new_conflicts += reconcile(settings, False)
                report = validate(settings, building)
            validation = report.to_dict()
            summary.update(
                summarise_run(settings, plan, run_id=run_id, started_at=started, new_conflicts=new_conflicts)
            )
            summary["validation"] = validation
            if not report.success:
                kept = keep_failed_validation(settings, building)
                summary["status"] = FAILED_VALIDATION_STATUS
                summary["error"] = failure_line(report, kept)
                logger.error("%s\n%s", summary["error"], report.format())
                progress.finished("validate", settings, detail="FAILED")
                return
            held = summary["quarantined"]
            note = (
                f"{held['claims']} claims, {held['conflicts']} findings quarantined"
                if any(held.values())
                else ""
            )
            progress.finished("validate", settings, detail=note or "passed")
        else:
            summary.update(
                summarise_run(settings, plan, run_id=run_id, started_at=started, new_conflicts=new_conflicts)
            )
            summary["validation"] = validation
            progress.finished("validate", settings, detail="unchanged data")
        summary["status"] = OK
        progress.started("publish")
        summary["outputs"] = publish(settings, summary, validation, building=building, name=name)
        progress.finished("publish", settings, detail=summary["outputs"].get("folder", ""))
    finally:
        if building.exists():  # not published
            shutil.rmtree(building, ignore_errors=True)


# --- the record of a run ------------------------------------------------------------------------------------

RUN_LINE_KEYS = (
    "run_id",
    "started_at",
    "finished_at",
    "status",
    "new",
    "changed",
    "reextracted",
    "unchanged",
    "removed",
    "claims",
    "conflicts",
    "conflicts_by_severity",
    "possible",
    "new_findings",
    "new_possible",
    "quarantined",
    "refused_removals",
    "error",
)
"""What one line of runs.jsonl keeps of a run's summary (lists are counted)."""


def run_line(summary: dict[str, Any]) -> dict[str, Any]:
    """The runs.jsonl line of a run (the new findings of either tier counted, not listed).

    >>> line = run_line({"run_id": "r1", "status": "ok", "conflicts": 1, "possible": 2,
    ...     "new_findings": ["c1"],
    ...     "new_possible": ["c2", "c3"], "new_conflicts": ["c1", "c2", "c3"], "rejected": [{}], "x": 1})
    >>> line["conflicts"], line["possible"], line["new_findings"], line["new_possible"], line["rejected"]
    (1, 2, 1, 2, 1)
    >>> "new_conflicts" in line
    False
    """
    line = {k: summary.get(k) for k in RUN_LINE_KEYS if k in summary}
    line["rejected"] = len(summary.get("rejected", []) or [])
    for key in ("new_findings", "new_possible"):
        listed = line.get(key)
        if isinstance(listed, list):
            line[key] = len(listed)
    return line


def record_run(
    settings: Settings, summary: dict[str, Any], *, run_id: str, started: dt.datetime, finished: dt.datetime
) -> list[str]:
    """The run in the database's run table and as one line of runs.jsonl; each is tried even when the other
    cannot be written (a full disk). Returns what could not be recorded (never raises)."""
    problems: list[str] = []
    try:
        with Store(settings.db_path) as store:
            store.record_run(
                run_id,
                started_at=started.replace(tzinfo=None),
                finished_at=finished.replace(tzinfo=None),
                status=summary["status"],
                summary=summary,
            )
    except (OSError, StoreError) as e:
        problems.append(f"the database: {e}")
    try:
        export.append_jsonl(settings.out_dir / "runs.jsonl", run_line(summary))
    except OSError as e:
        problems.append(f"runs.jsonl: {e.strerror or e}")
    for problem in problems:
        logger.error("run %s not recorded in %s", run_id, problem)
    return problems
