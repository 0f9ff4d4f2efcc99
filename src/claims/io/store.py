"""The embedded DuckDB store (processed/claims.duckdb): documents, claims, conflicts, reviews, runs.

Reviewer decisions live here and survive rebuilds of the exports: they are keyed by stable conflict ids and
carry the evidence fingerprint the reviewer saw, so a finding whose evidence changed is re-opened with its
history kept.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from claims.errors import StoreError, UnknownConflictError
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
"""


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


def _finding_key(row: dict[str, object]) -> tuple[str, str, str]:
    """What a finding is about, independent of the exact evidence: its topic and its two documents."""
    docs = sorted(str(row.get(k) or "") for k in ("doc_a", "doc_b"))
    return (str(row.get("topic") or "").lower(), docs[0], docs[1])


class Store:
    """A thin, explicit wrapper around one DuckDB connection."""

    def __init__(self, path: Path | str, *, read_only: bool = False, lock_timeout: float = 60.0) -> None:
        self.path = Path(path)
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = _connect(self.path, read_only=read_only, lock_timeout=lock_timeout)
            if not read_only:
                self.con.execute(schema_sql())
                self._add_new_columns()
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
                )
        except duckdb.Error as e:
            raise StoreError(f"cannot open the database {self.path}: {e}", path=str(self.path)) from e

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
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a crash inside leaves the previous state of every table."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

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

    def claims_df(self) -> pd.DataFrame:
        cols = ", ".join(CLAIM_COLUMNS)
        return normalise_claims_frame(self.con.execute(f"SELECT {cols} FROM claims").df())

    # conflicts and reviews -----------------------------------------------------------------------
    def replace_conflicts(self, conflicts: pd.DataFrame) -> pd.DataFrame:
        """Store the run's findings, applying the latest review decisions; returns the stored frame."""
        first_seen = dict(self.con.execute("SELECT conflict_id, first_seen FROM conflicts").fetchall())
        df = self.apply_reviews(conflicts)
        now = _now()
        df = df.assign(first_seen=[first_seen.get(cid, now) for cid in df["conflict_id"]])
        self.con.execute("DELETE FROM conflicts")
        if len(df):
            self.con.register("_new_conflicts", df)
            try:
                self.con.execute("INSERT INTO conflicts BY NAME SELECT * FROM _new_conflicts")
            finally:
                self.con.unregister("_new_conflicts")
        return df.drop(columns="first_seen")

    def apply_reviews(self, conflicts: pd.DataFrame) -> pd.DataFrame:
        """Status from the latest decision per conflict; a decision on other evidence re-opens it.

        A decision whose finding no longer exists (its evidence was edited, so the claim ids changed) is
        carried
        to a current finding between the same documents on the same topic, re-opened, with its history kept.
        """
        latest = self.latest_reviews()
        orphans = self._orphan_reviews(latest, set(conflicts["conflict_id"].astype(str)))
        df = conflicts.copy()
        statuses: list[str] = []
        notes: list[str | None] = []
        times: list[str | None] = []
        for row in df.to_dict("records"):
            cid, evidence = row["conflict_id"], row["evidence"]
            review = latest.get(cid)
            if review is None:
                moved = orphans.pop(_finding_key(row), None)
                if moved is not None:
                    self._carry_history(moved["conflict_id"], cid)
                    statuses.append("open")
                    notes.append(
                        f"re-opened: evidence changed since the {moved['status']} decision "
                        f"({moved['note'] or 'no note'})"
                    )
                    times.append(str(moved["reviewed_at"]))
                    continue
                statuses.append("open")
                notes.append(None)
                times.append(None)
            elif review["evidence"] and evidence and review["evidence"] != evidence:
                statuses.append("open")
                notes.append(
                    f"re-opened: evidence changed since the {review['status']} decision "
                    f"({review['note'] or 'no note'})"
                )
                times.append(str(review["reviewed_at"]))
            else:
                statuses.append(str(review["status"]))
                notes.append(None if review["note"] is None else str(review["note"]))
                times.append(str(review["reviewed_at"]))
        df["status"] = pd.array(statuses, dtype="string")
        df["review_note"] = pd.array(notes, dtype="string")
        df["reviewed_at"] = pd.array(times, dtype="string")
        return df

    def _orphan_reviews(self, latest: dict[str, dict[str, object]], live: set[str]) -> dict[tuple, dict]:
        rows = self.con.execute("SELECT conflict_id, topic, doc_a, doc_b FROM reviews").fetchall()
        keys = {cid: _finding_key({"topic": t, "doc_a": a, "doc_b": b}) for cid, t, a, b in rows}
        out: dict[tuple, dict] = {}
        for cid, review in latest.items():
            if cid not in live and review["status"] != "open" and cid in keys:
                out[keys[cid]] = review
        return out

    def _carry_history(self, old_id: str, new_id: str) -> None:
        """Copy an orphaned finding's decisions under its successor's id (the old rows stay too)."""
        self.con.execute(
            """INSERT INTO reviews
               SELECT ?, status, note || ' [carried from ' || conflict_id || ']', reviewer,
                   reviewed_at, evidence, topic, doc_a, doc_b, surface_a, surface_b
               FROM reviews WHERE conflict_id = ?""",
            [new_id, old_id],
        )
        self.con.execute(
            "INSERT INTO reviews VALUES (?, 'open', ?, 'claims', ?, NULL, NULL, NULL, NULL, NULL, NULL)",
            [new_id, f"re-opened: evidence of {old_id} changed", _now()],
        )

    def latest_reviews(self) -> dict[str, dict[str, object]]:
        rows = self.con.execute(
            """SELECT conflict_id, status, note, reviewer, reviewed_at, evidence FROM (
                   SELECT *, row_number() OVER (PARTITION BY conflict_id ORDER BY reviewed_at DESC) AS rn
                   FROM reviews) WHERE rn = 1"""
        ).fetchall()
        keys = ("conflict_id", "status", "note", "reviewer", "reviewed_at", "evidence")
        return {r[0]: dict(zip(keys, r, strict=True)) for r in rows}

    def conflicts_df(self) -> pd.DataFrame:
        cols = ", ".join(CONFLICT_COLUMNS)
        return normalise_conflicts_frame(self.con.execute(f"SELECT {cols} FROM conflicts").df())

    def record_review(self, conflict_id: str, *, status: str, note: str = "", reviewer: str = "") -> dict:
        row = self.con.execute(
            "SELECT evidence, topic, doc_a, doc_b, surface_a, surface_b FROM conflicts WHERE conflict_id = ?",
            [conflict_id],
        ).fetchone()
        if row is None:
            raise UnknownConflictError(f"no finding with id {conflict_id!r}", conflict_id=conflict_id)
        now = _now()
        self.con.execute(
            "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [conflict_id, status, note, reviewer, now, *row],
        )
        self.con.execute(
            "UPDATE conflicts SET status = ?, review_note = ?, reviewed_at = ? WHERE conflict_id = ?",
            [status, note, str(now), conflict_id],
        )
        return {
            "conflict_id": conflict_id,
            "status": status,
            "note": note,
            "reviewer": reviewer,
            "reviewed_at": str(now),
        }

    def review_history(self, conflict_id: str | None = None) -> pd.DataFrame:
        if conflict_id:
            return self.con.execute(
                "SELECT * FROM reviews WHERE conflict_id = ? ORDER BY reviewed_at", [conflict_id]
            ).df()
        return self.con.execute("SELECT * FROM reviews ORDER BY reviewed_at").df()

    def conflict_ids(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT conflict_id FROM conflicts").fetchall()}

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
