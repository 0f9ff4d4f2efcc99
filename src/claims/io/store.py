"""The embedded DuckDB store (processed/claims.duckdb): documents, claims, conflicts, quarantine, runs.

The pipeline is its only writer, one stage at a time (a run holds the run lock of its output folder).
Reviewer decisions do not live here: they are in the decisions store (`claims.io.decisions`,
processed/decisions.sqlite), which a reviewer writes without waiting for a run. The `reviews` table of
earlier versions is kept, read-only, so its decisions are imported there (`review_history`).

Every DuckDB error (a full disk, a broken file) is raised as `StoreError`, one coded line.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import hashlib
import json
import logging
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import pandas as pd

from claims.errors import StoreError
from claims.io.frames import (
    CLAIM_COLUMNS,
    CONFLICT_COLUMNS,
    DOCUMENT_COLUMNS,
    TABLES,
    Column,
    Table,
    normalise_claims_frame,
    normalise_conflicts_frame,
)
from claims.types import Severity

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SQL_TYPES: dict[type, str] = {int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}  # the rest is VARCHAR
_PRIMARY_KEYS = {"documents": "doc"}
_STORE_ONLY_COLUMNS = {
    "documents": ("extractor VARCHAR", "first_seen TIMESTAMP", "last_seen TIMESTAMP"),
    "claims": (),
    "conflicts": ("first_seen TIMESTAMP",),
}
"""Columns the store keeps beside a table's own (what extracted it, when it was first and last seen)."""

_INTERNAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS reviews (
    conflict_id VARCHAR, status VARCHAR, note VARCHAR, reviewer VARCHAR, reviewed_at TIMESTAMP,
    evidence VARCHAR, topic VARCHAR, doc_a VARCHAR, doc_b VARCHAR, surface_a VARCHAR, surface_b VARCHAR
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, summary VARCHAR
);
CREATE TABLE IF NOT EXISTS quarantine (
    tbl VARCHAR, row_id VARCHAR, doc VARCHAR, expectation VARCHAR, severity VARCHAR, reason VARCHAR
);
CREATE TABLE IF NOT EXISTS ingest_warnings (doc VARCHAR, reason VARCHAR, detail VARCHAR);
"""
QUARANTINE_COLUMNS = ("tbl", "row_id", "doc", "expectation", "severity", "reason")
"""A quarantined row: its table (claims, conflicts), its id, its document, the expectation it failed, why."""
WARNING_COLUMNS = ("doc", "reason", "detail")


BATCH_ROWS = 10_000
"""Rows a streamed read asks for at a time (`frame_batches`: whole vectors of 2,048 rows, and DuckDB hands
over at most 8,192 rows a fetch, so a part holds up to 8,192)."""
CLAIMS_ORDER = "ORDER BY doc, char_start, char_end, rowid"
"""`normalise_claims_frame`'s order in SQL (a stable sort: ties keep the table's order)."""
CONFLICTS_ORDER = (
    "ORDER BY CASE severity "
    + " ".join(f"WHEN '{s.value}' THEN {s.rank}" for s in Severity)
    + f" ELSE {len(Severity)} END, score DESC NULLS LAST, conflict_id, rowid"
)
"""`rank_conflicts`'s order in SQL: severity (its enum's order), score highest first, id."""
_NOT_HELD = "NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.tbl = '{tbl}' AND q.row_id = {id})"


def frame_batches(result: duckdb.DuckDBPyConnection, rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
    """A query's result as frames (as `.df()` converts them) of `rows` rounded down to whole vectors of
    2,048, at least one vector and at most the 8,192 rows DuckDB hands over a fetch; at least one frame,
    maybe empty."""
    vectors = max(1, rows // 2048)  # DuckDB hands rows over in vectors of 2,048
    first = True
    while True:
        df = result.fetch_df_chunk(vectors)
        if len(df) or first:
            yield df
        first = False
        if not len(df):
            return


def sql_type(column: Column) -> str:
    """The DuckDB type of a column (text, word lists, dates and enums are VARCHAR)."""
    return _SQL_TYPES.get(column.type, "VARCHAR")


def table_ddl(table: Table) -> str:
    """CREATE TABLE for one of the record tables, from its column list (plus the store's own columns).

    >>> from claims.io.frames import DOCUMENTS
    >>> print(table_ddl(DOCUMENTS).splitlines()[1])
        doc VARCHAR PRIMARY KEY,
    """
    key = _PRIMARY_KEYS.get(table.name)
    columns = [f"{c.name} {sql_type(c)}{' PRIMARY KEY' if c.name == key else ''}" for c in table.columns]
    columns += _STORE_ONLY_COLUMNS[table.name]
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n    " + ",\n    ".join(columns) + "\n);"


def schema_sql() -> str:
    """Every table of the database: the record tables from their column lists, then meta, reviews and runs."""
    return "\n".join(table_ddl(t) for t in TABLES.values()) + _INTERNAL_SCHEMA


@functools.cache
def schema_fingerprint() -> str:
    """The schema this code makes (`schema_sql` and `SCHEMA_VERSION`) as a short hash, recorded in meta once
    a writable open has made it: a database that records it needs no schema statement when opened."""
    return hashlib.sha256(f"{SCHEMA_VERSION}\n{schema_sql()}".encode()).hexdigest()[:16]


FULL_DISK_WORDS = ("no space left", "disk is full", "disk full", "quota exceeded")
"""How DuckDB and SQLite say a write found the disk full (SQLite's "database or disk is full")."""
NEARLY_FULL_BYTES = 1 << 20
"""Below this much free space, a database's bare "disk I/O error" is read as a full disk."""


def storage_error(action: str, path: Path, e: BaseException) -> StoreError:
    """The coded error for a database that cannot be opened, read or written: a full disk said plainly.

    >>> str(storage_error("write the database", Path("out/claims.duckdb"),
    ...     OSError(28, "IO Error: Could not write file: No space left on device")))
    '[E030] no space left on the device while writing out/claims.duckdb'
    >>> str(storage_error("open the database", Path("out/claims.duckdb"), ValueError("not a database")))
    '[E030] cannot open the database out/claims.duckdb: not a database'
    """
    message = str(e)
    full = getattr(e, "errno", None) in (errno.ENOSPC, errno.EDQUOT)
    full = full or any(words in message.lower() for words in FULL_DISK_WORDS)
    if not full and "i/o error" in message.lower():
        with suppress(OSError):
            full = shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    if full:
        return StoreError(f"no space left on the device while writing {path}", path=str(path))
    return StoreError(f"cannot {action} {path}: {message}", path=str(path))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _connect(path: Path, *, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    """Open the database, waiting while another run holds its lock (one writer at a time)."""
    deadline = time.monotonic() + lock_timeout
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or time.monotonic() > deadline:
                raise
            logger.info("database %s is locked by another run; waiting", path)
            time.sleep(1.0)


class HeldOpen:
    """One read-write connection to an existing database, kept open until `release()` (or the block's end)
    while a run's stages open and close their own `Store`: DuckDB keeps one database per file and process,
    so while this one is open each `Store` in this process connects to the loaded database instead of
    loading it, and closing one does not write a checkpoint (about 20 ms each). Nothing is held when the
    database does not exist yet, or cannot be opened now (each `Store` then opens it as it always does, and
    says why it cannot). Release it before a `Store(read_only=True)` in this process: DuckDB opens one file
    with one configuration at a time.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con: duckdb.DuckDBPyConnection | None = None
        if self.path.is_file():
            try:
                self._con = duckdb.connect(str(self.path))
            except duckdb.Error as e:
                logger.debug("database %s not held open: %s", self.path, e)

    @property
    def held(self) -> bool:
        return self._con is not None

    def release(self) -> None:
        """Close the kept connection (the last one closing writes the checkpoint)."""
        con, self._con = self._con, None
        if con is not None:
            try:
                con.close()
            except duckdb.Error as e:
                raise storage_error("close the database", self.path, e) from e

    def __enter__(self) -> HeldOpen:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self.release()
        except StoreError as e:
            if kind is None:
                raise
            logger.warning("%s", e)  # the error that ended the block is the one to report


class Store:
    """A thin, explicit wrapper around one DuckDB connection."""

    def __init__(self, path: Path | str, *, read_only: bool = False, lock_timeout: float = 60.0) -> None:
        self.path = Path(path)
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = _connect(self.path, read_only=read_only, lock_timeout=lock_timeout)
            if not read_only and not self._schema_made():
                self.con.execute(schema_sql())
                self._add_new_columns()
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('schema', ?)",
                    [str(SCHEMA_VERSION), schema_fingerprint()],
                )
        except (duckdb.Error, OSError) as e:
            raise storage_error("open the database", self.path, e) from e

    def _schema_made(self) -> bool:
        """This code's schema was made in this database before (every table, every column: the fingerprint
        is written after them), so opening it needs no DDL, no column look-up and no write."""
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except duckdb.CatalogException:  # no meta table: a new database
            return False
        return row is not None and row[0] == schema_fingerprint()

    def _add_new_columns(self) -> None:
        """A column added to a record's column list since the database was made is added to its table."""
        for table in TABLES.values():
            rows = self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table.name]
            ).fetchall()
            present = {name for (name,) in rows}
            for column in table.columns:
                if column.name not in present:
                    logger.info("adding column %s.%s to the database", table.name, column.name)
                    self.con.execute(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {sql_type(column)}")

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error as e:
            raise storage_error("close the database", self.path, e) from e

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a crash inside leaves the previous state of every table.

        A DuckDB error inside (a full disk, a broken file) is raised as StoreError.
        """
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                with suppress(duckdb.Error):
                    self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")
        except duckdb.Error as e:
            raise storage_error("write the database", self.path, e) from e

    # run state: what a crashed or interrupted run still owes ------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def pending_docs(self) -> set[str]:
        """Documents stored since the last completed reconciliation (survives a crash in between)."""
        raw = self.get_meta("pending_docs", "[]")
        return set(json.loads(raw))

    def add_pending_docs(self, docs: set[str]) -> None:
        self.set_meta("pending_docs", json.dumps(sorted(self.pending_docs() | docs)))

    def claim_ids_of(self, docs: set[str]) -> set[str]:
        if not docs:
            return set()
        rows = self.con.execute("SELECT claim_id, doc FROM claims").fetchall()
        return {cid for cid, doc in rows if doc in docs}

    # documents -----------------------------------------------------------------------------------
    def document_hashes(self) -> dict[str, str]:
        rows = self.con.execute("SELECT doc, sha256 FROM documents").fetchall()
        return {doc: sha for doc, sha in rows}

    def document_extractors(self) -> dict[str, str]:
        rows = self.con.execute("SELECT doc, extractor FROM documents").fetchall()
        return {doc: ext or "" for doc, ext in rows}

    def upsert_documents(self, rows: Sequence[dict[str, object]], *, extractor: str) -> None:
        now = _now()
        for row in rows:
            first = self.con.execute(
                "SELECT first_seen FROM documents WHERE doc = ?", [row["doc"]]
            ).fetchone()
            self.con.execute("DELETE FROM documents WHERE doc = ?", [row["doc"]])
            names = [*DOCUMENT_COLUMNS, "extractor", "first_seen", "last_seen"]
            values = [row.get(c) for c in DOCUMENT_COLUMNS] + [extractor, first[0] if first else now, now]
            placeholders = ", ".join("?" for _ in values)
            self.con.execute(f"INSERT INTO documents ({', '.join(names)}) VALUES ({placeholders})", values)

    def remove_documents(self, docs: Sequence[str]) -> None:
        for doc in docs:
            self.con.execute("DELETE FROM documents WHERE doc = ?", [doc])
            self.con.execute("DELETE FROM claims WHERE doc = ?", [doc])
            self.con.execute("DELETE FROM ingest_warnings WHERE doc = ?", [doc])

    def documents_df(self) -> pd.DataFrame:
        cols = ", ".join(DOCUMENT_COLUMNS)
        return self.con.execute(f"SELECT {cols} FROM documents ORDER BY doc").df()

    # claims --------------------------------------------------------------------------------------
    def replace_claims(self, doc: str, claims: pd.DataFrame) -> None:
        self.con.execute("DELETE FROM claims WHERE doc = ?", [doc])
        if len(claims):
            frame = claims[CLAIM_COLUMNS]
            self.con.register("_new_claims", frame)
            try:
                self.con.execute("INSERT INTO claims BY NAME SELECT * FROM _new_claims")
            finally:
                self.con.unregister("_new_claims")

    def claim_count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM claims").fetchone()
        return int(row[0]) if row else 0

    def claims_df(self) -> pd.DataFrame:
        cols = ", ".join(CLAIM_COLUMNS)
        return normalise_claims_frame(self.con.execute(f"SELECT {cols} FROM claims").df())

    # conflicts ---------------------------------------------------------------------------------
    def replace_conflicts(self, conflicts: pd.DataFrame) -> pd.DataFrame:
        """Store the run's findings (their review state is applied at publishing); returns the frame."""
        first_seen = dict(self.con.execute("SELECT conflict_id, first_seen FROM conflicts").fetchall())
        now = _now()
        df = conflicts.assign(first_seen=[first_seen.get(cid, now) for cid in conflicts["conflict_id"]])
        self.con.execute("DELETE FROM conflicts")
        if len(df):
            self.con.register("_new_conflicts", df)
            try:
                self.con.execute("INSERT INTO conflicts BY NAME SELECT * FROM _new_conflicts")
            finally:
                self.con.unregister("_new_conflicts")
        return df.drop(columns="first_seen")

    def conflicts_df(self) -> pd.DataFrame:
        cols = ", ".join(CONFLICT_COLUMNS)
        return normalise_conflicts_frame(self.con.execute(f"SELECT {cols} FROM conflicts").df())

    def published_claims(self, *, rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        """The claims a set publishes (quarantined ones left out), in `claims_df` order, `rows` at a time
        (at least one frame, maybe empty; normalise each with `claims.io.frames.CLAIMS.normalise`)."""
        cols = ", ".join(CLAIM_COLUMNS)
        sql = (
            f"SELECT {cols} FROM claims WHERE {_NOT_HELD.format(tbl='claims', id='claim_id')} {CLAIMS_ORDER}"
        )
        return frame_batches(self.con.execute(sql), rows)

    def published_claim_count(self) -> int:
        """How many claims a set publishes (`published_claims` counted in the database)."""
        sql = f"SELECT count(*) FROM claims WHERE {_NOT_HELD.format(tbl='claims', id='claim_id')}"
        row = self.con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    def published_conflicts(
        self, *, rows: int = BATCH_ROWS, columns: Sequence[str] = CONFLICT_COLUMNS
    ) -> Iterator[pd.DataFrame]:
        """The findings a set publishes, ranked as `conflicts_df` ranks them, `rows` at a time: a quarantined
        finding, and one on a quarantined claim, left out (`columns`: these columns only)."""
        cols = ", ".join(columns)
        held = " AND ".join(
            _NOT_HELD.format(tbl=tbl, id=column)
            for tbl, column in (("claims", "claim_a"), ("claims", "claim_b"), ("conflicts", "conflict_id"))
        )
        return frame_batches(
            self.con.execute(f"SELECT {cols} FROM conflicts WHERE {held} {CONFLICTS_ORDER}"), rows
        )

    def orphaned_findings(self) -> pd.DataFrame:
        """Findings on a quarantined claim that are not quarantined themselves (id, doc_a), ranked."""
        on_held = " OR ".join(
            f"NOT {_NOT_HELD.format(tbl='claims', id=column)}" for column in ("claim_a", "claim_b")
        )
        own = _NOT_HELD.format(tbl="conflicts", id="conflict_id")
        sql = f"SELECT conflict_id, doc_a FROM conflicts WHERE ({on_held}) AND {own} {CONFLICTS_ORDER}"
        return self.con.execute(sql).df()

    def review_history(self) -> pd.DataFrame:
        """The decisions earlier versions stored here (imported into the decisions store, never written)."""
        return self.con.execute("SELECT * FROM reviews ORDER BY reviewed_at").df()

    def conflict_ids(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT conflict_id FROM conflicts").fetchall()}

    # quarantine: rows that failed a value check, kept out of reconciliation and of the published tables -----
    def replace_quarantine(self, rows: pd.DataFrame) -> None:
        """The quarantined rows of the latest validation (columns QUARANTINE_COLUMNS)."""
        self.con.execute("DELETE FROM quarantine")
        if len(rows):
            frame = rows[list(QUARANTINE_COLUMNS)].astype(str)
            self.con.register("_quarantine", frame)
            try:
                self.con.execute("INSERT INTO quarantine BY NAME SELECT * FROM _quarantine")
            finally:
                self.con.unregister("_quarantine")

    def quarantine_df(self) -> pd.DataFrame:
        cols = ", ".join(QUARANTINE_COLUMNS)
        return self.con.execute(f"SELECT {cols} FROM quarantine ORDER BY tbl, doc, row_id").df()

    def quarantined_ids(self, table: str) -> set[str]:
        rows = self.con.execute("SELECT DISTINCT row_id FROM quarantine WHERE tbl = ?", [table]).fetchall()
        return {r for (r,) in rows}

    # ingestion warnings: kept per document while it is stored (a run that does not read it again still
    # publishes them) ------------------------------------------------------------------------------------
    def replace_warnings(self, docs: Sequence[str], warnings: Sequence[dict[str, str]]) -> None:
        """The warnings of documents just read (replacing theirs), or just removed (none)."""
        for doc in docs:
            self.con.execute("DELETE FROM ingest_warnings WHERE doc = ?", [doc])
        wanted = set(docs)
        rows = [[w.get(c, "") for c in WARNING_COLUMNS] for w in warnings if w.get("doc") in wanted]
        if rows:
            self.con.executemany("INSERT INTO ingest_warnings VALUES (?, ?, ?)", rows)

    def warnings_df(self) -> pd.DataFrame:
        cols = ", ".join(WARNING_COLUMNS)
        return self.con.execute(f"SELECT {cols} FROM ingest_warnings ORDER BY doc, reason").df()

    # runs ----------------------------------------------------------------------------------------
    def record_run(
        self,
        run_id: str,
        *,
        started_at: dt.datetime,
        finished_at: dt.datetime | None,
        status: str,
        summary: dict[str, object],
    ) -> None:
        with self.transaction():
            self.con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
            self.con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
                [run_id, started_at, finished_at, status, json.dumps(summary, default=str)],
            )

    def last_run_summary(self, *, status: str | None = None) -> dict[str, object]:
        """The summary of the latest run (with `status`, of the latest run that ended so); {} when none."""
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        row = self.con.execute(
            f"SELECT summary FROM runs {where} ORDER BY started_at DESC LIMIT 1", params
        ).fetchone()
        return json.loads(row[0]) if row else {}
