"""Publishing: every output of a run, or of a review, as one set switched in at once.

The set (`ENTRIES`): claims, conflicts and documents (CSV and Parquet), rejected.csv (unreadable files and
ingestion warnings), quarantine.csv (rows a value check kept out, with the reason), decisions.csv and
marks.csv (the reviewers' store), claimreview.jsonld, report.html, audit/, charts/, validation/ and
summary.json (what the report header shows). It is built in a fresh folder under `out/versions/` and
published by switching the `out/current` link (`claims.io.export.commit_version`); `out/claims.csv`,
`out/report.html` ... are links into `current/`, so a reader never sees files of two sets side by side. The
newest `Settings.keep_versions` sets are kept; folders of killed builders are removed.

- `publish_run`: a run's set, from the database (quarantined rows left out) with the reviewers' decisions
  applied (`DecisionStore.apply`; the decisions earlier versions kept in the database are imported first).
- `republish`: after a review decision, or to show a later run's status in the header: the published set
  again with the decisions applied; the tables and validation/ are linked from the current set, the
  review-dependent files rewritten. No extraction, no reconciliation, no database lock.

Neither holds every claim: the run's claims and findings are written from the database a part at a time
(`write_store_tables`: `Store.published_claims`, `Store.published_conflicts`; each part's CSV cells made
safe, the decisions applied part by part), and the reports read the set's claims.parquet a part at a
time (`claims.io.export.parquet_parts`), writing each audit page and chart as it is rendered. The findings
are held (the report ranks them, the charts and the audit flags read them all); report.html lists the
first `claims.report.html.SHOWN_FINDINGS` of them, with a note and links to the tables.

Either way the audit pages of documents whose figures, flags and marks did not change are not rendered
again: the current set's files are linked into the new one (as is any page or chart whose content is
unchanged), so a run that adds one document, or a decision on one finding, renders the pages of the
documents it touches (`claims.report.incremental`). The current set is never written to.

Writers of an output folder's sets take its publish lock (`publish_lock`), held for the seconds a set takes
to write: a decision made while a run publishes is applied by the republish that follows it, never lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
import time
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from claims.io import export
from claims.io.decisions import DecisionStore, pair_ids_of
from claims.io.frames import CLAIMS, CONFLICTS, TEXT_COLUMNS, documents_frame
from claims.io.store import BATCH_ROWS, QUARANTINE_COLUMNS, Store
from claims.locks import LockHolder, folder_lock
from claims.pipeline import progress
from claims.report.common import ClaimParts
from claims.report.exports import safe_csv
from claims.report.tables import LayoutCache
from claims.settings import Settings

logger = logging.getLogger(__name__)

TABLE_FILES = tuple(f"{t}.{s}" for t in ("claims", "conflicts", "documents") for s in ("csv", "parquet"))
REVIEWED = (
    "conflicts.csv",
    "conflicts.parquet",
    "decisions.csv",
    "marks.csv",
    "claimreview.jsonld",
    "summary.json",
    "audit",
    "charts",
    "report.html",
)
"""What a review changes (rewritten by `republish`); the rest of a set is linked from the current one."""
ENTRIES = (*TABLE_FILES, "rejected.csv", "quarantine.csv", "validation", *REVIEWED)
"""Every published name: a link at the top of the output folder into `current/`."""
REJECTED_COLUMNS = ("doc", "reason", "detail", "status")
"""rejected.csv: each unreadable file (status `rejected`) and each ingestion warning (status `warning`)."""
RUNS_LOG = "runs.jsonl"
PUBLISH_LOCK = ".publish.lock"


@contextlib.contextmanager
def publish_lock(out_dir: Path, what: str) -> Iterator[None]:
    """Hold the output folder's publish lock; a writer that has to wait says for whom."""

    def told(holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another process"
        progress.waiting("publish", f"waiting for {who} to finish publishing")

    with folder_lock(Path(out_dir) / PUBLISH_LOCK, what, on_wait=told):
        yield


# --- what a set holds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetTables:
    """The tables of one published set, whole (conflicts before the decisions are applied)."""

    claims: pd.DataFrame
    conflicts: pd.DataFrame
    documents: pd.DataFrame
    rejected: pd.DataFrame
    quarantine: pd.DataFrame


def rejected_frame(rejected: Sequence[Mapping[str, object]], warnings: pd.DataFrame | None) -> pd.DataFrame:
    """rejected.csv: this run's rejected files, then the warnings of the stored documents.

    >>> warning = pd.DataFrame([{"doc": "a.txt", "reason": "bad_sidecar", "detail": "not JSON"}])
    >>> rejected_frame([{"doc": "x.pdf", "reason": "encrypted", "detail": ""}], warning)["status"].tolist()
    ['rejected', 'warning']
    """
    rows = [
        {**{k: str(r.get(k) or "") for k in ("doc", "reason", "detail")}, "status": "rejected"}
        for r in rejected
    ]
    if warnings is not None and len(warnings):
        rows += [
            {**{k: str(w.get(k) or "") for k in ("doc", "reason", "detail")}, "status": "warning"}
            for w in warnings.to_dict("records")
        ]
    return pd.DataFrame(rows, columns=list(REJECTED_COLUMNS))


def rejected_fingerprint(rejected: pd.DataFrame) -> str:
    """Changes when the list of rejected files or warnings changes (a run then republishes)."""
    rows = sorted(tuple(str(v) for v in row) for row in rejected.itertuples(index=False))
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def quarantine_from_store(store: Store) -> pd.DataFrame:
    """quarantine.csv: the quarantined rows, then each finding left out because one of its statements is."""
    quarantine = store.quarantine_df()
    orphaned = store.orphaned_findings()
    if len(orphaned):
        extra = pd.DataFrame(
            [
                {
                    "tbl": "conflicts",
                    "row_id": str(row["conflict_id"]),
                    "doc": str(row["doc_a"] or ""),
                    "expectation": "claim_quarantined",
                    "severity": "critical",
                    "reason": "claim_quarantined: one of its statements is quarantined",
                }
                for row in orphaned.to_dict("records")
            ],
            columns=list(QUARANTINE_COLUMNS),
        )
        quarantine = pd.concat([quarantine, extra], ignore_index=True)
    return quarantine.reset_index(drop=True)


def published_findings(store: Store) -> pd.DataFrame:
    """The findings table a set publishes, whole (before the decisions are applied)."""
    return _joined([CONFLICTS.normalise(df) for df in store.published_conflicts()])


def tables_from_store(store: Store, rejected: Sequence[Mapping[str, object]]) -> SetTables:
    """The run's tables, whole: quarantined claims and findings left out (a finding on a quarantined claim
    too). Publishing reads them a part at a time (`write_store_tables`)."""
    claims = [CLAIMS.normalise(df) for df in store.published_claims()]
    return SetTables(
        claims=_joined(claims),
        conflicts=published_findings(store),
        documents=documents_frame(store.documents_df().to_dict("records")),
        rejected=rejected_frame(rejected, store.warnings_df()),
        quarantine=quarantine_from_store(store),
    )


def write_store_tables(
    folder: Path,
    store: Store,
    decisions: DecisionStore,
    *,
    new_ids: Collection[str] | None,
    rows: int = BATCH_ROWS,
) -> pd.DataFrame:
    """claims.csv/.parquet and conflicts.csv/.parquet of a run's set, from the database `rows` at a time
    (quarantined claims and findings left out, the decisions applied to every finding); returns the two
    findings as published, for the reports (which read the claims back from claims.parquet)."""
    parts = (CLAIMS.normalise(df) for df in store.published_claims(rows=rows))
    export.write_table_batches(folder, "claims", parts)
    findings = [
        (str(cid), pair_ids_of({"pair_ids": pairs}))
        for df in store.published_conflicts(rows=rows, columns=("conflict_id", "pair_ids"))
        for cid, pairs in zip(df["conflict_id"], df["pair_ids"], strict=True)
    ]
    ranked = (CONFLICTS.normalise(df) for df in store.published_conflicts(rows=rows))
    conflicts: list[pd.DataFrame] = []
    decided = decisions.apply_parts(ranked, findings, new_ids=new_ids)
    export.write_table_batches(folder, "conflicts", decided, each=conflicts.append)
    return _joined(conflicts)


def _joined(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def read_table(folder: Path, name: str) -> pd.DataFrame | None:
    """A published table: `name`.parquet, else `name`.csv (ids read as text), else None."""
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        header = pd.read_csv(csv, nrows=0).columns
        return pd.read_csv(csv, dtype={c: "string" for c in TEXT_COLUMNS if c in header})
    return None


def read_summary(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def latest_run(out_dir: Path) -> dict[str, Any]:
    """The last line of runs.jsonl: what the latest run did, failed runs included ({} when none)."""
    try:
        lines = (Path(out_dir) / RUNS_LOG).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    for line in reversed(lines):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            return record
    return {}


def text_reader(documents: pd.DataFrame, *, raw_dir: Path | None, text_dir: Path | None) -> Any:
    """doc -> the text its offsets index (None when it cannot be read as ingested), for table headers."""
    rows = {str(r.get("doc")): r for r in documents.to_dict("records")} if len(documents) else {}

    def read(doc: str) -> str | None:
        row = rows.get(doc, {})
        text_path = str(row.get("text_path") or "").strip()
        candidates = [text_dir / f"{doc}.txt"] if text_path and text_path != "nan" and text_dir else []
        if not text_path or text_path == "nan":
            candidates = [raw_dir / doc] if raw_dir is not None else []
        for path in candidates:
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
        return None

    return read


def published_validation(folder: Path, validation: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The validation result as the set's report shows it: its page linked relative to the set."""
    if validation is None:
        return None
    out = dict(validation)
    if (folder / "validation" / "index.html").exists():
        out["docs_index"] = "validation/index.html"
    return out


def write_reviewed(
    folder: Path,
    decisions: DecisionStore,
    *,
    documents: pd.DataFrame,
    claims: pd.DataFrame | ClaimParts,
    conflicts: pd.DataFrame,
    decided: bool = False,
    summary: Mapping[str, Any],
    validation: Mapping[str, Any] | None,
    new_ids: Collection[str] | None,
    texts: Any,
    previous: Path | None = None,
    layout_cache: LayoutCache | None = None,
) -> list[Path]:
    """The review-dependent files of a set: conflicts with the decisions applied (`decided`: applied and
    written already, `write_store_tables`), the decisions' exports, summary.json and the reports
    (report.html last), the claims whole or a part at a time. Audit pages and charts that are what
    `previous` (the published set) has are linked from it, and the pages of documents whose inputs did
    not change are not rendered again."""
    files = [folder / "conflicts.csv", folder / "conflicts.parquet"]
    if not decided:
        conflicts = decisions.apply(conflicts, new_ids=new_ids)
        files = [*export.write_table_batches(folder, "conflicts", [conflicts])]
    decided_rows, marked = decisions.frame("decisions"), decisions.frame("marks")
    files.append(export.write_text(folder / "decisions.csv", safe_csv(decided_rows)))
    files.append(export.write_text(folder / "marks.csv", safe_csv(marked)))
    files.append(export.write_json(folder / "summary.json", dict(summary)))
    paths = export.write_reports(
        folder,
        documents=documents,
        claims=claims,
        conflicts=conflicts,
        summary=summary,
        validation=published_validation(folder, validation),
        decisions=decided_rows,
        marks=marked,
        texts=texts,
        previous=previous,
        layout_cache=layout_cache,
    )
    for folder_name in ("audit", "charts"):  # present even when empty: a link to them always resolves
        (folder / folder_name).mkdir(exist_ok=True)
    return [*files, *paths.audit_pages, *paths.charts, paths.claimreview, paths.report_html]


def link_texts(folder: Path, documents: pd.DataFrame, text_dir: Path) -> None:
    """The extracted texts of the set's documents (PDF, DOCX, HTML ...) beside it, as hard links."""
    for row in documents.to_dict("records"):
        text_path = str(row.get("text_path") or "").strip()
        source = text_dir / f"{row.get('doc')}.txt"
        if text_path and text_path != "nan" and source.is_file():
            export.link_or_copy(source, folder / "text" / f"{row.get('doc')}.txt")


def _finish(out_dir: Path, building: Path, name: str, keep: int) -> Path:
    final = export.commit_version(out_dir, building, name, entries=ENTRIES)
    export.prune_versions(out_dir, keep=keep)
    export.remove_abandoned(out_dir)
    export.remove_temporary_files(out_dir)
    return final


# --- a run's set --------------------------------------------------------------------------------------------


def output_paths(out_dir: Path) -> dict[str, str]:
    out = Path(out_dir)
    return {
        "claims": str(out / "claims.csv"),
        "conflicts": str(out / "conflicts.csv"),
        "report": str(out / "report.html"),
        "folder": str(export.current_version(out) or out),
    }


def publish_run(
    settings: Settings,
    summary: dict[str, Any],
    validation: Mapping[str, Any] | None,
    *,
    building: Path,
    name: str,
    layout_cache: LayoutCache | None = None,
) -> dict[str, str]:
    """Publish a run's set: the tables from the database, validation/ already built in `building` (or the
    current set's when this run did not validate), the decisions applied; then switch `current` to it.
    `layout_cache`: a serving process's layouts of the texts its last set's reports segmented."""
    out = settings.out_dir
    with publish_lock(out, f"run {summary.get('run_id', '')}"):
        base = export.current_version(out)
        decisions = DecisionStore.beside(out)
        with Store(settings.db_path, read_only=True) as store:  # readers (the review workspace) go on
            decisions.import_reviews(store.review_history())  # decisions earlier versions stored there
            conflicts = write_store_tables(
                building, store, decisions, new_ids=summary.get("new_conflicts") or []
            )
            documents = documents_frame(store.documents_df().to_dict("records"))
            rejected = rejected_frame(summary.get("rejected") or [], store.warnings_df())
            quarantine = quarantine_from_store(store)
        if not (building / "validation").exists() and base is not None and (base / "validation").is_dir():
            export.link_or_copy(base / "validation", building / "validation")
        export.write_table(building, "documents", documents)
        export.write_csv(building / "rejected.csv", rejected)
        export.write_csv(building / "quarantine.csv", quarantine)
        link_texts(building, documents, out / "text")
        texts = text_reader(documents, raw_dir=settings.raw_dir, text_dir=out / "text")
        summary["latest_run"] = {k: summary.get(k) for k in ("run_id", "status", "started_at")}
        summary["raw_dir"] = str(Path(settings.raw_dir).resolve())
        write_reviewed(
            building,
            decisions,
            documents=documents,
            claims=export.parquet_parts(building / "claims.parquet"),
            conflicts=conflicts,
            decided=True,
            summary=summary,
            validation=validation,
            new_ids=summary.get("new_conflicts") or [],
            texts=texts,
            previous=base,
            layout_cache=layout_cache,
        )
        final = _finish(out, building, name, settings.keep_versions)
    with Store(settings.db_path) as store, store.transaction():
        store.set_meta("pending_publish", "0")
        store.set_meta("published_rejected", rejected_fingerprint(rejected))
    logger.info("published %s", final)
    return output_paths(out)


# --- a review's set -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Republished:
    folder: Path
    files: tuple[Path, ...]
    seconds: float


def has_tables(folder: Path) -> bool:
    return any((folder / name).exists() for name in TABLE_FILES)


def republish(
    out_dir: Path,
    *,
    raw_dir: Path | None = None,
    texts: Any = None,
    what: str = "republish",
    keep: int | None = None,
) -> Republished:
    """Publish the current set again with the decisions applied and the latest run in the header.

    An output folder of the older flat layout (tables at the top, no `current`) becomes a versioned one.
    """
    started = time.monotonic()
    out = Path(out_dir)
    keep = keep or Settings.from_env().keep_versions
    with publish_lock(out, what):
        base = export.current_version(out)
        if base is None and has_tables(out):
            base = out
        if base is None:
            logger.info("nothing published in %s yet: nothing to republish", out)
            return Republished(out, (), 0.0)
        frames = {name: read_table(base, name) for name in ("conflicts", "documents")}
        empty = pd.DataFrame()
        parquet = (base / "claims.parquet").exists()  # linked into the new set, read a part at a time
        claims = None if parquet else read_table(base, "claims")
        whole_claims = claims if claims is not None else empty
        documents = frames["documents"] if frames["documents"] is not None else empty
        conflicts = frames["conflicts"] if frames["conflicts"] is not None else empty
        summary = read_summary(base)
        summary["latest_run"] = latest_run(out)
        validation = _validation_of(base)
        if texts is None:
            raw = raw_dir if raw_dir is not None else _path_or_none(summary.get("raw_dir"))
            texts = text_reader(documents, raw_dir=raw, text_dir=base / "text")
        name = export.version_name(f"{summary.get('run_id') or 'review'}-{uuid.uuid4().hex[:6]}")
        building = export.begin_version(out, name)
        try:
            for entry in (*ENTRIES, "text"):
                if entry not in REVIEWED and (base / entry).exists():
                    export.link_or_copy(base / entry, building / entry)
            files = write_reviewed(
                building,
                DecisionStore.beside(out),
                documents=documents,
                claims=export.parquet_parts(building / "claims.parquet") if parquet else whole_claims,
                conflicts=conflicts,
                summary=summary,
                validation=validation,
                new_ids=None,
                texts=texts,
                previous=base,
            )
            final = _finish(out, building, name, keep)
        finally:
            if building.exists():  # not published: an error, or a signal
                shutil.rmtree(building, ignore_errors=True)
    seconds = time.monotonic() - started
    logger.info("republished %s (%d files, %.2f s)", final, len(files), seconds)
    return Republished(final, tuple(files), seconds)


def _validation_of(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / "validation" / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _path_or_none(value: object) -> Path | None:
    return Path(str(value)) if value else None
