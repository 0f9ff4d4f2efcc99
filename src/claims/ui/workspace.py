"""What the review workspace reads: the published tables of an output folder, the decisions store, and the
documents' text for quotes in context.

The published folder is `out/current` when it exists (a run publishes its outputs as a set in a versioned
folder and points `current` at it), else `out` itself. The tables are read again only when their files
change. The pipeline's DuckDB file is never opened for writing and never waited on: it is read once,
read-only, for the decisions earlier versions stored there and for the list of findings new in the last
run, and skipped while a run holds its lock.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from claims.errors import StoreError
from claims.io.decisions import DecisionStore, apply_decisions
from claims.io.frames import TEXT_COLUMNS
from claims.segment import Layout, segment

logger = logging.getLogger(__name__)

TABLES = ("documents", "claims", "conflicts")


def published_dir(out_dir: Path) -> Path:
    """The folder a reader reads: `out/current` (a link to the latest published set) when present."""
    current = Path(out_dir) / "current"
    return current.resolve() if current.is_dir() else Path(out_dir)


def read_table(folder: Path, name: str) -> pd.DataFrame | None:
    """`name`.parquet, else `name`.csv, else None."""
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    try:
        if parquet.exists():
            return pd.read_parquet(parquet)
        if csv.exists():
            # text columns as text: hex ids like `1e5...` would otherwise parse as numbers
            return pd.read_csv(csv, dtype={c: "string" for c in TEXT_COLUMNS}, keep_default_na=True)
    except (OSError, ValueError) as e:
        logger.warning("cannot read %s from %s: %s", name, folder, e)
    return None


def _stamp(folder: Path) -> tuple[object, ...]:
    out: list[object] = [str(folder)]
    for name in TABLES:
        for suffix in (".parquet", ".csv"):
            path = folder / f"{name}{suffix}"
            try:
                stat = path.stat()
                out.append((path.name, stat.st_mtime_ns, stat.st_size))
            except OSError:
                out.append((path.name, None))
    return tuple(out)


@dataclass(frozen=True)
class Published:
    """One published set of tables, as read."""

    folder: Path
    stamp: tuple[object, ...]
    documents: pd.DataFrame
    claims: pd.DataFrame
    conflicts: pd.DataFrame  # as published (the status column may lag the decisions)


def last_run(folder: Path) -> dict[str, object]:
    """The last line of runs.jsonl (what the last run did), {} when there is none."""
    path = folder / "runs.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    for line in reversed(lines):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            return record
    return {}


def read_validation(folder: Path) -> dict[str, object] | None:
    try:
        data = json.loads((folder / "validation" / "results.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


class Workspace:
    """The published set plus the decisions, for the pages and for republishing. Thread-safe."""

    def __init__(self, out_dir: Path, *, raw_dir: Path | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.raw_dir = Path(raw_dir) if raw_dir is not None else None
        self.decisions = DecisionStore.beside(self.out_dir)
        self._lock = threading.RLock()
        self._published: Published | None = None
        self._new_ids: dict[tuple[object, ...], frozenset[str] | None] = {}
        self._texts: dict[tuple[str, str], str | None] = {}
        self._layouts: dict[tuple[str, str], Layout] = {}
        self._imported_stamp: object = None

    @property
    def db_path(self) -> Path:
        return self.out_dir / "claims.duckdb"

    # the published set ------------------------------------------------------------------------------
    def published(self) -> Published:
        folder = published_dir(self.out_dir)
        stamp = _stamp(folder)
        with self._lock:
            if self._published is None or self._published.stamp != stamp:
                frames = {name: read_table(folder, name) for name in TABLES}
                self._published = Published(
                    folder=folder,
                    stamp=stamp,
                    documents=_or_empty(frames["documents"], ["doc", "title"]),
                    claims=_or_empty(frames["claims"], ["claim_id", "doc", "char_start"]),
                    conflicts=_or_empty(frames["conflicts"], ["conflict_id", "evidence", "topic"]),
                )
                self._import_earlier_reviews()
            return self._published

    def _import_earlier_reviews(self) -> None:
        """Decisions stored in the pipeline's database by earlier versions (read-only, no waiting)."""
        try:
            stamp = self.db_path.stat().st_mtime_ns
        except OSError:
            return
        if stamp == self._imported_stamp:
            return
        if self.decisions.import_from_duckdb(self.db_path) is not None:
            self._imported_stamp = stamp

    def new_ids(self, published: Published) -> frozenset[str] | None:
        """Findings new in the last run: the published `new` column, else the pipeline database's last run
        summary (read-only, skipped while a run holds it), else unknown (None)."""
        df = published.conflicts
        if "new" in df and df["new"].notna().any():
            flags = df["new"].map(lambda v: str(v).strip().lower() in {"true", "1"})
            return frozenset(df.loc[flags, "conflict_id"].astype(str))
        with self._lock:
            if published.stamp not in self._new_ids:
                self._new_ids[published.stamp] = self._new_ids_from_database()
            return self._new_ids[published.stamp]

    def _new_ids_from_database(self) -> frozenset[str] | None:
        from claims.io.store import Store

        if not self.db_path.exists():
            return None
        try:
            with Store(self.db_path, read_only=True, lock_timeout=0) as store:
                summary = store.last_run_summary()
        except StoreError as e:
            logger.info("pipeline database busy; new findings unknown for now: %s", e)
            return None
        ids = summary.get("new_conflicts")
        return frozenset(str(i) for i in ids) if isinstance(ids, list) else None

    def reviewed(self) -> tuple[Published, pd.DataFrame]:
        """The published set and its conflicts with the decisions applied (status, reviewer, new ...)."""
        published = self.published()
        conflicts = apply_decisions(
            published.conflicts, self.decisions.snapshot(), new_ids=self.new_ids(published)
        )
        return published, conflicts

    # documents' text --------------------------------------------------------------------------------
    def text_of(self, doc: str) -> str | None:
        """The document's text as the offsets index it; None when it cannot be found or has changed."""
        published = self.published()
        rows = published.documents[published.documents["doc"].astype(str) == doc]
        row = rows.iloc[0].to_dict() if len(rows) else {}
        sha = str(row.get("sha256") or "")
        key = (doc, sha)
        with self._lock:
            if key not in self._texts:
                self._texts[key] = self._read_text(doc, row, published.folder)
            return self._texts[key]

    def _read_text(self, doc: str, row: dict[str, object], folder: Path) -> str | None:
        encoding = str(row.get("encoding") or "utf-8")
        text_path = str(row.get("text_path") or "").strip()
        if text_path and text_path.lower() != "nan":
            stored = [root / "text" / f"{doc}.txt" for root in (folder, self.out_dir)]  # ingestion's place
            for candidate in (Path(text_path), *stored, self.out_dir / text_path, folder / text_path):
                if _inside(candidate, (self.out_dir, folder)) and candidate.is_file():
                    return candidate.read_text(encoding="utf-8")
            return None
        if self.raw_dir is None:
            return None
        path = self.raw_dir / doc
        if not _inside(path, (self.raw_dir,)) or not path.is_file():
            return None
        data = path.read_bytes()
        sha = str(row.get("sha256") or "")
        if sha and hashlib.sha256(data).hexdigest() != sha:
            logger.info("%s changed since the last run: quotes shown without their context", doc)
            return None
        try:
            with open(path, encoding=encoding, errors="strict") as fh:  # universal newlines, as ingested
                return fh.read()
        except (UnicodeDecodeError, LookupError):
            return None

    def layout_of(self, doc: str) -> Layout | None:
        text = self.text_of(doc)
        if text is None:
            return None
        key = (doc, hashlib.sha1(text.encode("utf-8")).hexdigest())
        with self._lock:
            if key not in self._layouts:
                self._layouts[key] = segment(text)
            return self._layouts[key]


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """The path stays inside one of the folders (a document name cannot walk out with `..`)."""
    try:
        resolved = path.resolve()
    except OSError:
        return False
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def _or_empty(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if df is None:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    for c in columns:
        if c not in df:
            df[c] = pd.Series([None] * len(df), dtype="string")
    return df
