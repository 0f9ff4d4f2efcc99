"""The pipeline's stages as plain functions, and the decisions of a run; `claims_flows` wraps each stage
in a Prefect task and only sequences them.

ingest -> extract -> store -> reconcile -> validate -> publish. Each stage takes and returns plain values, so
it can be tested without Prefect and run on a Dask worker.

- `ingest`: what is new, changed (content), re-extracted (same content, new extractor) or removed, read a
  batch at a time (`StreamingIngest`);
- `stages`: extract, store, remove, reconcile (what changed against the whole store; quarantined claims
  take no part);
- `runs`: one run at a time per output folder (`run_lock`), whether to validate and publish, quarantine,
  the summary, the run record (`conclude`, `record_run`);
- `publishing`: every output as one set switched in at once; a review's republish (`publish_run`,
  `republish`);
- `guards`: folders that would feed on each other, worker counts, the removal guard;
- `progress`: what each stage reports for the one progress display;
- `versions`: extractor and reconciler versions stored with the data.

This package sits above `claims.io`, `claims.extract` and `claims.reconcile` and below the CLI.
"""

from claims.pipeline.guards import (
    bound_workers,
    check_dask_address,
    check_folders,
    refusal_message,
    removal_refusal,
)
from claims.pipeline.ingest import IngestPlan, StreamingIngest, document_key, warning_record
from claims.pipeline.publishing import (
    ENTRIES,
    Republished,
    latest_run,
    output_paths,
    publish_lock,
    publish_run,
    read_table,
    republish,
)
from claims.pipeline.runs import (
    FAILED,
    INTERRUPTED,
    OK,
    REFUSED,
    conclude,
    record_run,
    run_line,
    run_lock,
    summarise_run,
    tables_to_check_ahead,
    validate_ahead,
    validate_outputs,
)
from claims.pipeline.stages import (
    Extracted,
    drop_removed,
    extract,
    known_documents,
    over_budget,
    reconcile,
    reconcile_changes,
    remove_documents,
    store_batch,
    store_extracted,
)
from claims.pipeline.versions import extractor_version, reconciler_version

__all__ = [
    "ENTRIES",
    "Extracted",
    "FAILED",
    "INTERRUPTED",
    "OK",
    "REFUSED",
    "IngestPlan",
    "Republished",
    "StreamingIngest",
    "bound_workers",
    "check_dask_address",
    "check_folders",
    "conclude",
    "document_key",
    "drop_removed",
    "extract",
    "extractor_version",
    "known_documents",
    "latest_run",
    "over_budget",
    "output_paths",
    "publish_lock",
    "publish_run",
    "read_table",
    "reconcile",
    "reconcile_changes",
    "reconciler_version",
    "record_run",
    "refusal_message",
    "removal_refusal",
    "remove_documents",
    "republish",
    "run_line",
    "run_lock",
    "store_batch",
    "store_extracted",
    "summarise_run",
    "tables_to_check_ahead",
    "validate_ahead",
    "validate_outputs",
    "warning_record",
]
