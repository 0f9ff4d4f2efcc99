"""The stages that change the store: extract, store, remove, reconcile. Each takes and returns plain values
(it can run on a Dask worker and be tested without Prefect), and each stage wrapper opens the database and
closes it again: nothing holds it between stages, so a crash anywhere leaves the last committed state.

What a crashed or interrupted run still owes is kept in the database (`pending_docs`: stored but not yet
reconciled; `pending_publish`: changed but not yet published); the next run finishes it.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping, Sequence

import pandas as pd
from spacy.language import Language

from claims.extract.documents import Probes, extract_within_budget
from claims.io.frames import (
    ClaimRecords,
    claims_frame,
    claims_from_frame,
    conflicts_frame,
    document_row,
    normalise_conflicts_frame,
)
from claims.io.sources import Source
from claims.io.store import Store
from claims.nlp.pipeline import build_nlp
from claims.pipeline import progress
from claims.pipeline.ingest import document_key
from claims.pipeline.versions import reconciler_version
from claims.reconcile import ReconcileCache, find_conflicts
from claims.settings import Settings
from claims.types import Claim, Document, Rejection

Extracted = dict[str, list[Claim] | Rejection]
"""What extraction gives per document name: its claims, or the `Rejection` of a document over its time or
memory budget (`over_time_budget`, `over_memory_budget`): listed in rejected.csv, never stored."""

logger = logging.getLogger(__name__)


def store_batch(
    store: Store,
    documents: Sequence[Document],
    extracted: dict[str, list[Claim]],
    *,
    version: str,
    sources: Sequence[Source],
    ingest_warnings: Sequence[dict[str, str]] = (),
) -> None:
    """One transaction per batch: its documents, their claims and ingestion warnings in, marked for
    reconciliation and publishing."""
    by_doc = {s.doc: s for s in sources}
    with store.transaction():
        if documents:
            store.add_pending_docs({d.doc for d in documents})
            store.set_meta("pending_publish", "1")
        for d in documents:
            key = document_key(version, by_doc[d.doc]) if d.doc in by_doc else version
            store.upsert_documents([document_row(d, len(extracted.get(d.doc, [])))], extractor=key)
            store.replace_claims(d.doc, claims_frame(extracted.get(d.doc, [])))
        store.replace_warnings([d.doc for d in documents], ingest_warnings)


def over_budget(
    documents: Sequence[Document], extracted: Mapping[str, list[Claim] | Rejection]
) -> tuple[list[Document], dict[str, list[Claim]], list[Rejection]]:
    """A batch's outcome split: the documents to store with their claims, and the rejections of the
    documents that went over their extraction budget (those are not stored).

    >>> kept, claims, rejected = over_budget(
    ...     [Document(doc="a.txt", text="x", sha256="1"), Document(doc="b.txt", text="y", sha256="2")],
    ...     {"a.txt": [], "b.txt": Rejection("b.txt", "over_time_budget", "ran 75 s")},
    ... )
    >>> [d.doc for d in kept], claims, [r.reason for r in rejected]
    (['a.txt'], {'a.txt': []}, ['over_time_budget'])
    """
    rejected = [found for found in extracted.values() if isinstance(found, Rejection)]
    refused = {r.doc for r in rejected}
    kept = [d for d in documents if d.doc not in refused]
    claims = {d.doc: found for d in kept if not isinstance(found := extracted.get(d.doc, []), Rejection)}
    return kept, claims, rejected


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
    offset: int = 0,
    total: int | None = None,
    probes: Probes | None = None,
) -> Extracted:
    """Claims per document name, or the rejection of a document over its extraction budget (see
    `claims.extract.documents`; the documents around it keep their claims). Loads the spaCy pipeline once.

    Progress is reported per document, counted from `offset` out of `total` (the run's, when the caller
    extracts in several batches). `probes` read the time and memory the budgets count (tests pass theirs).
    """
    if not documents:
        return {}
    nlp = nlp or build_nlp(settings)
    out: Extracted = {}
    expected = len(documents)
    with warnings.catch_warnings(record=True) as caught:
        # spaCy's W127: worker processes forked from the flow's process exit non-zero after sending every
        # document (Prefect's threads do not survive the fork). The pipe itself raises on a real worker error,
        # so the warning is logged here instead of printed in the user's terminal.
        warnings.filterwarnings("always", message=r".*\[W127\]")
        for i, (document, found) in enumerate(
            extract_within_budget(documents, nlp, settings, n_process=n_process, probes=probes), 1
        ):
            out[document.doc] = found
            progress.advanced("extract", offset + i, total or offset + expected, document.doc)
    for warning in caught:
        if "[W127]" in str(warning.message):
            logger.debug("spaCy: %s", warning.message)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if len(out) != expected:
        raise RuntimeError(f"extraction returned {len(out)} of {expected} documents")
    return out


def reconcile(
    store: Store,
    settings: Settings,
    *,
    full: bool = False,
    cache: ReconcileCache | None = None,
    records: ClaimRecords | None = None,
    claims: pd.DataFrame | None = None,
) -> pd.DataFrame | None:
    """Re-reconcile what changed; returns None when nothing changed.

    A store of up to `Settings.full_reconcile_claims` claims is reconciled whole again, so that its findings
    are those a rebuild would give (a new document changes what the matcher counts over the corpus: the
    documents stating each value, word weights, the consensus). A larger store matches only the claims of new,
    changed or removed documents (the `focus` of the matcher) against all; findings between two untouched
    documents are kept as they were scored.
    Quarantined claims (a value check failed on them) take no part; a finding that involves one is dropped.
    `cache` (a process that runs again and again: `claims serve --warm`) keeps the claims' normalised rows
    and each document's own checks between whole reconciliations, so only new or changed claims are
    normalised again and only new or changed documents checked again (same findings); `records` keeps the
    claim records of each document whose stored rows are unchanged (`frames.ClaimRecords`). `claims`: the
    store's claims table as `Store.claims_df` gives it, when the caller has just read it.
    """
    pending = store.pending_docs()
    if not pending and not full:
        return None
    claims_df = claims if claims is not None else store.claims_df()
    held = store.quarantined_ids("claims")
    if held:
        claims_df = claims_df[~claims_df["claim_id"].astype(str).isin(held)].reset_index(drop=True)
    # a larger store's records are not kept (their memory)
    small = len(claims_df) <= settings.full_reconcile_claims
    records_of = records if records is not None and small else claims_from_frame
    claim_records = records_of(claims_df)
    full = full or len(claims_df) <= settings.full_reconcile_claims
    existing = store.conflicts_df()
    if full or existing.empty:
        # kept for a store reconciled whole on every change (a larger one's rows are not held)
        found = find_conflicts(claim_records, settings, cache=cache if small else None)
        kept = existing.iloc[0:0]
    else:
        live = set(claims_df["claim_id"].astype(str))
        focus = store.claim_ids_of(pending) & live
        found = find_conflicts(claim_records, settings, focus=focus) if focus else []
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


# --- the stages as the flow calls them: each opens the database and closes it again -------------------------


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
    ingest_warnings: Sequence[dict[str, str]] = (),
) -> None:
    with Store(settings.db_path) as store:
        store_batch(
            store, documents, extracted, version=version, sources=sources, ingest_warnings=ingest_warnings
        )


def drop_removed(settings: Settings, removed: Sequence[str]) -> None:
    with Store(settings.db_path) as store:
        remove_documents(store, removed)


def reconcile_changes(
    settings: Settings,
    *,
    full: bool,
    cache: ReconcileCache | None = None,
    records: ClaimRecords | None = None,
    claims: pd.DataFrame | None = None,
) -> list[str]:
    """Re-reconcile what changed (everything after a change of the reconciler); ids of the new findings.
    `cache`, `records`, `claims`: see `reconcile`."""
    version = reconciler_version(settings)
    with Store(settings.db_path) as store:
        full = full or store.get_meta("reconciler") != version
        before = store.conflict_ids()
        df = reconcile(store, settings, full=full, cache=cache, records=records, claims=claims)
        with store.transaction():
            store.set_meta("reconciler", version)
    if df is None:
        return []
    return [cid for cid in df["conflict_id"].astype(str) if cid not in before]
