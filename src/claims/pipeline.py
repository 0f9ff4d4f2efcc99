"""The pipeline's stages as plain functions, one call each; `claims_flows` wraps each in a Prefect task.

ingest -> extract -> store -> reconcile -> validate -> publish. Each stage takes and returns plain values
so it can be tested without Prefect and run on a Dask worker. The decisions of a run live here too: what
is new, changed or removed (content hashes and the extractor version stored per document), what to
re-reconcile (the pending documents, or everything after a reconciler change), and whether to publish
(something changed and validation passed). The flow only sequences the stages.

This module sits above `claims.io`, `claims.extract` and `claims.reconcile` and below the CLI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language

import claims
from claims.extract import extract_documents
from claims.io import export
from claims.io.frames import (
    claims_frame,
    claims_from_frame,
    conflicts_frame,
    document_row,
    documents_frame,
    normalise_conflicts_frame,
)
from claims.io.sources import Source, group_sources, load_documents, scan
from claims.io.store import Store
from claims.io.validation import ValidationReport, validate_tables
from claims.nlp.pipeline import build_nlp
from claims.reconcile import MatchRules, find_conflicts
from claims.settings import Settings
from claims.types import Claim, Document, Rejection

logger = logging.getLogger(__name__)

_EXTRACTOR_MODULES = ("lexicon", "parse", "nlp", "extract", "segment", "context", "types.py")


def extractor_version(settings: Settings) -> str:
    """Package version + model + a hash of the extraction code and lexicons.

    Stored per document: a document extracted by other code is re-extracted (a thin wrapper's source does not
    change when the library does, so the code itself goes into the key).
    """
    root = Path(claims.__file__).parent
    digest = hashlib.sha256()
    for name in _EXTRACTOR_MODULES:
        target = root / name
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for f in files:
            if f.is_file() and f.suffix in {".py", ".csv", ".json", ".txt"}:
                digest.update(f.relative_to(root).as_posix().encode())
                digest.update(f.read_bytes())
    return f"{claims.__version__}+{settings.spacy_model}+{digest.hexdigest()[:12]}"


def reconciler_version(settings: Settings) -> str:
    """Hash of the reconciliation code, its lexicons (FX table) and thresholds: a change re-reconciles all."""
    root = Path(claims.__file__).parent
    digest = hashlib.sha256()
    for f in sorted([*(root / "reconcile").rglob("*.py"), *(root / "lexicon").rglob("*")]):
        if f.is_file() and f.suffix in {".py", ".csv", ".json"}:
            digest.update(f.read_bytes())
    knobs = settings.model_dump(include={f.name for f in fields(MatchRules)})
    digest.update(repr(sorted(knobs.items())).encode())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class IngestPlan:
    """What this run did with each file, decided by content hashes against the store (for the summary)."""

    new: list[str]
    changed: list[str]
    unchanged: list[str]
    removed: list[str]
    rejected: list[Rejection]
    sources: list[Source] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)


def document_key(version: str, source: Source) -> str:
    """What a stored document was extracted with: the extractor version and its sidecar's metadata."""
    return f"{version}:{source.sidecar_sha256[:12]}" if source.sidecar_sha256 else version


class StreamingIngest:
    """Reads the new or changed documents a batch at a time, so a run holds one batch, not the corpus.

    Construction scans and hashes only; `batches()` lists what to read; `load(batch)` reads one batch of
    source groups (duplicates stay together); `summary_plan()` gives the run's IngestPlan at the end.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        known: dict[str, str],
        extractors: dict[str, str],
        version: str,
        full: bool = False,
    ) -> None:
        self.settings = settings
        self.known = known
        self.version = version
        self.sources = scan(settings.raw_dir, settings)
        self.unchanged = {
            s.doc
            for s in self.sources
            if not full and known.get(s.doc) == s.sha256 and extractors.get(s.doc) == document_key(version, s)
        }
        self.loaded: list[str] = []
        self.rejected: list[Rejection] = []
        self.warnings: list[dict[str, str]] = []

    def batches(self, size: int) -> list[list[Source]]:
        """Source groups still to read, in batches of about `size` files."""
        pending = [g for g in group_sources(self.sources) if not all(s.doc in self.unchanged for s in g)]
        out: list[list[Source]] = []
        for group in pending:
            if not out or len(out[-1]) >= size:
                out.append([])
            out[-1].extend(group)
        return out

    def load(self, batch: Sequence[Source]) -> list[Document]:
        result = load_documents(
            self.settings.raw_dir,
            self.settings,
            text_dir=self.settings.out_dir / "text",
            skip=lambda s: s.doc in self.unchanged,
            sources=batch,
        )
        self.absorb(result.documents, result.rejected, result.warnings)
        return result.documents

    def absorb(
        self, documents: Sequence[Document], rejected: Sequence[Rejection], warnings: Sequence
    ) -> None:
        self.loaded += [d.doc for d in documents]
        self.rejected += list(rejected)
        self.warnings += [
            w if isinstance(w, dict) else {"doc": w.doc, "reason": w.reason, "detail": w.detail}
            for w in warnings
        ]

    def summary_plan(self) -> IngestPlan:
        current = {s.doc for s in self.sources}
        loaded = set(self.loaded)
        rejected_docs = {r.doc for r in self.rejected}
        removed = sorted(
            d for d in self.known if d not in current or (d in rejected_docs and d not in loaded)
        )
        return IngestPlan(
            new=sorted(loaded - set(self.known)),
            changed=sorted(loaded & set(self.known)),
            unchanged=sorted(self.unchanged),
            removed=removed,
            rejected=list(self.rejected),
            sources=self.sources,
            warnings=self.warnings,
        )


def store_batch(
    store: Store,
    documents: Sequence[Document],
    extracted: dict[str, list[Claim]],
    *,
    version: str,
    sources: Sequence[Source],
) -> None:
    """One transaction per batch: its documents and their claims in, marked for reconciliation."""
    by_doc = {s.doc: s for s in sources}
    with store.transaction():
        if documents:
            store.add_pending_docs({d.doc for d in documents})
            store.set_meta("pending_publish", "1")
        for d in documents:
            key = document_key(version, by_doc[d.doc]) if d.doc in by_doc else version
            store.upsert_documents([document_row(d, len(extracted.get(d.doc, [])))], extractor=key)
            store.replace_claims(d.doc, claims_frame(extracted.get(d.doc, [])))


def remove_documents(store: Store, removed: Sequence[str]) -> None:
    """Drop documents that are gone (or now rejected) with their claims, marked for reconciliation."""
    if not removed:
        return
    with store.transaction():
        store.add_pending_docs(set(removed))
        store.set_meta("pending_publish", "1")
        store.remove_documents(list(removed))


def extract(
    documents: Sequence[Document],
    settings: Settings,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
) -> dict[str, list[Claim]]:
    """Claims per document name. Loads the spaCy pipeline once."""
    if not documents:
        return {}
    nlp = nlp or build_nlp(settings)
    out: dict[str, list[Claim]] = {}
    total = len(documents)
    with warnings.catch_warnings(record=True) as caught:
        # spaCy's W127: worker processes forked from the flow's process exit non-zero after sending every
        # document (Prefect's threads do not survive the fork). The pipe itself raises on a real worker error,
        # so the warning is logged here instead of printed in the user's terminal.
        warnings.filterwarnings("always", message=r".*\[W127\]")
        for i, (document, found) in enumerate(
            extract_documents(documents, nlp, settings, n_process=n_process), 1
        ):
            out[document.doc] = found
            logger.info(
                "extracted %s: %d claims",
                document.doc,
                len(found),
                extra={"claims_progress": (i, total, document.doc)},
            )
    for warning in caught:
        if "[W127]" in str(warning.message):
            logger.debug("spaCy: %s", warning.message)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if len(out) != total:
        raise RuntimeError(f"extraction returned {len(out)} of {total} documents")
    return out


def reconcile(store: Store, settings: Settings, *, full: bool = False) -> pd.DataFrame | None:
    """Re-reconcile what changed: new claims against the whole store; returns None when nothing changed.

    Findings between two untouched documents are kept as they are; findings involving a new, changed or
    removed
    document are recomputed (the claims of those documents are the `focus` of the matcher). Reviewers'
    decisions are applied by the store.
    """
    pending = store.pending_docs()
    if not pending and not full:
        return None
    claims_df = store.claims_df()
    records = claims_from_frame(claims_df)
    existing = store.conflicts_df()
    if full or existing.empty:
        found = find_conflicts(records, settings)
        kept = existing.iloc[0:0]
    else:
        focus = store.claim_ids_of(pending)
        found = find_conflicts(records, settings, focus=focus) if focus else []
        live = set(claims_df["claim_id"].astype(str))
        docs_a = existing["doc_a"].astype(str)
        docs_b = existing["doc_b"].fillna("").astype(str)
        untouched = ~docs_a.isin(pending) & ~docs_b.isin(pending)
        alive = existing["claim_a"].astype(str).isin(live) & (
            existing["claim_b"].isna() | existing["claim_b"].astype(str).isin(live)
        )
        kept = existing[untouched & alive]
    df = conflicts_frame(found, claims_df)
    df = df[~df["conflict_id"].isin(set(kept["conflict_id"]))]
    combined = pd.concat([kept, df], ignore_index=True) if len(kept) else df
    combined = normalise_conflicts_frame(combined)
    with store.transaction():
        stored = store.replace_conflicts(combined)
        store.set_meta("pending_docs", "[]")
        store.set_meta("pending_publish", "1")
    return stored


def validate(store: Store, settings: Settings, *, out_dir: Path) -> ValidationReport:
    """The Great Expectations suites over the stored tables; results and Data Docs in out_dir/validation."""
    return validate_tables(
        claims=store.claims_df(),
        conflicts=store.conflicts_df(),
        documents=store.documents_df(),
        settings=settings,
        out_dir=out_dir,
    )


def summarise(
    store: Store, plan: IngestPlan, *, run_id: str, started_at: dt.datetime, new_conflicts: Sequence[str] = ()
) -> dict[str, object]:
    conflicts = store.conflicts_df()
    fresh = set(plan.new) | set(plan.changed)
    new_rows = conflicts[conflicts["conflict_id"].isin(set(new_conflicts))]
    involved = (
        set(new_rows["doc_a"].dropna().astype(str)) | set(new_rows["doc_b"].dropna().astype(str))
    ) & fresh
    claims_n = store.con.execute("SELECT count(*) FROM claims").fetchone()[0]  # type: ignore[index]
    docs_n = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
    return {
        "run_id": run_id,
        "started_at": started_at.isoformat(timespec="seconds"),
        "documents": int(docs_n),
        "new": len(plan.new),
        "changed": len(plan.changed),
        "unchanged": len(plan.unchanged),
        "removed": len(plan.removed),
        "new_documents": plan.new,
        "changed_documents": plan.changed,
        "removed_documents": plan.removed,
        "claims": int(claims_n),
        "conflicts": len(conflicts),
        "conflicts_by_severity": dict(Counter(conflicts["severity"].astype(str))),
        "conflicts_by_kind": dict(Counter(conflicts["kind"].astype(str))),
        "new_conflicts": list(new_conflicts),
        "new_conflicts_documents": sorted(involved),
        "rejected": [{"doc": r.doc, "reason": r.reason, "detail": r.detail} for r in plan.rejected],
        "warnings": plan.warnings,
    }


def publish(
    store: Store, settings: Settings, *, summary: dict[str, object], validation: dict[str, object] | None
) -> dict[str, Path]:
    """Exports and reports from the database, each file written atomically."""
    out = settings.out_dir
    claims_df = store.claims_df()
    conflicts_df = store.conflicts_df()
    documents_df = documents_frame(store.documents_df().to_dict("records"))
    paths: dict[str, Path] = {}
    paths["claims"], _ = export.write_table(out, "claims", claims_df)
    paths["conflicts"], _ = export.write_table(out, "conflicts", conflicts_df)
    paths["documents"], _ = export.write_table(out, "documents", documents_df)
    rejected = pd.DataFrame(summary.get("rejected") or [], columns=["doc", "reason", "detail"])
    paths["rejected"] = export.write_csv(out / "rejected.csv", rejected)
    report_paths = export.write_reports(
        out,
        documents=documents_df,
        claims=claims_df,
        conflicts=conflicts_df,
        summary=summary,
        validation=validation,
    )
    paths["report"] = Path(report_paths.report_html)
    store.set_meta("pending_publish", "0")
    return paths


def output_paths(settings: Settings) -> dict[str, str]:
    out = settings.out_dir
    return {
        "claims": str(out / "claims.csv"),
        "conflicts": str(out / "conflicts.csv"),
        "report": str(out / "report.html"),
    }


def needs_publish(store: Store, settings: Settings) -> bool:
    """True after any change to the data, or when an output file is missing (e.g. processed/ was cleaned)."""
    wanted = ("claims.csv", "conflicts.csv", "claims.parquet", "conflicts.parquet", "report.html")
    missing = any(not (settings.out_dir / name).exists() for name in wanted)
    return missing or store.get_meta("pending_publish", "1") != "0"


# --- a run, stage by stage: each opens the database and closes it again -----------------------------------
# Nothing holds the database between stages, so a crash anywhere leaves the last committed state (and every
# review decision) in place. `claims_flows` wraps each of these in one Prefect task.


def known_documents(settings: Settings) -> tuple[dict[str, str], dict[str, str]]:
    """What the store holds: content hash and extractor key per document name."""
    with Store(settings.db_path) as store:
        return store.document_hashes(), store.document_extractors()


def store_extracted(
    settings: Settings,
    documents: Sequence[Document],
    extracted: dict[str, list[Claim]],
    *,
    version: str,
    sources: Sequence[Source],
) -> None:
    with Store(settings.db_path) as store:
        store_batch(store, documents, extracted, version=version, sources=sources)


def drop_removed(settings: Settings, removed: Sequence[str]) -> None:
    with Store(settings.db_path) as store:
        remove_documents(store, removed)


def reconcile_changes(settings: Settings, *, full: bool) -> list[str]:
    """Re-reconcile what changed (everything after a change of the reconciler); ids of the new findings."""
    version = reconciler_version(settings)
    with Store(settings.db_path) as store:
        full = full or store.get_meta("reconciler") != version
        before = store.conflict_ids()
        df = reconcile(store, settings, full=full)
        store.set_meta("reconciler", version)
    if df is None:
        return []
    return [cid for cid in df["conflict_id"].astype(str) if cid not in before]


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


def validate_outputs(settings: Settings) -> ValidationReport:
    with Store(settings.db_path) as store:
        return validate(store, settings, out_dir=settings.out_dir)


def publish_outputs(
    settings: Settings, summary: dict[str, Any], validation: dict[str, Any] | None
) -> dict[str, Path]:
    with Store(settings.db_path) as store:
        return publish(store, settings, summary=summary, validation=validation)


def last_validation(store: Store) -> dict[str, Any] | None:
    """The validation result of the latest run that ended well (shown again when nothing changed)."""
    validation = store.last_run_summary(status="ok").get("validation")
    return validation if isinstance(validation, dict) else None


def conclude(
    settings: Settings,
    summary: dict[str, Any],
    *,
    validate: Callable[[Settings], ValidationReport] = validate_outputs,
    publish: Callable[[Settings, dict[str, Any], dict[str, Any] | None], dict[str, Path]] = publish_outputs,
    log: logging.Logger | logging.LoggerAdapter[Any] = logger,
) -> None:
    """Validate and publish, or not; sets the summary's `status`, `validation` and `outputs`.

    Nothing changed since the last published run (and every output is there): no validation and no rewrite;
    the last validation result is repeated. Otherwise the stored tables are validated: a critical failure
    keeps the previous outputs (status `failed_validation`), else the outputs are rewritten (status `ok`).
    `validate` and `publish` are the stages to call (the flow passes its tasks).
    """
    with Store(settings.db_path) as store:
        wanted = needs_publish(store, settings)
        previous = last_validation(store)
    if not wanted:
        summary["status"] = "ok"
        summary["validation"] = previous
        summary["outputs"] = output_paths(settings)
        return
    report = validate(settings)
    summary["validation"] = report.to_dict()
    if not report.success:
        summary["status"] = "failed_validation"
        log.error("validation failed; outputs not published:\n%s", report.format())
        return
    summary["status"] = "ok"
    paths = publish(settings, summary, report.to_dict())
    summary["outputs"] = {k: str(v) for k, v in paths.items()}


RUN_LINE_KEYS = (
    "run_id",
    "started_at",
    "finished_at",
    "status",
    "new",
    "changed",
    "unchanged",
    "removed",
    "claims",
    "conflicts",
    "conflicts_by_severity",
    "new_conflicts",
    "error",
)
"""What one line of runs.jsonl keeps of a run's summary (lists are counted)."""


def run_line(summary: dict[str, Any]) -> dict[str, Any]:
    """The runs.jsonl line of a run.

    >>> run_line({"run_id": "r1", "status": "ok", "new_conflicts": ["c1", "c2"], "rejected": [{}], "x": 1})
    {'run_id': 'r1', 'status': 'ok', 'new_conflicts': 2, 'rejected': 1}
    """
    line = {k: summary.get(k) for k in RUN_LINE_KEYS if k in summary}
    line["rejected"] = len(summary.get("rejected", []) or [])
    new_conflicts = line.get("new_conflicts")
    if isinstance(new_conflicts, list):
        line["new_conflicts"] = len(new_conflicts)
    return line


def record_run(
    settings: Settings, summary: dict[str, Any], *, run_id: str, started: dt.datetime, finished: dt.datetime
) -> None:
    """The run in the database's run table and as one line of runs.jsonl (the line even when the database
    cannot be written)."""
    try:
        with Store(settings.db_path) as store:
            store.record_run(
                run_id,
                started_at=started.replace(tzinfo=None),
                finished_at=finished.replace(tzinfo=None),
                status=summary["status"],
                summary=summary,
            )
    finally:
        export.append_jsonl(settings.out_dir / "runs.jsonl", run_line(summary))
