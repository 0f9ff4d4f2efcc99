"""The reviewers' store (processed/decisions.sqlite): review decisions, assignments and editors' marks.

It lives apart from the pipeline's DuckDB file on purpose: a running pipeline holds DuckDB's single-writer
lock for whole stages, and a reviewer must never wait for it. SQLite in WAL mode lets readers read while one
writer writes; every write here is one short `BEGIN IMMEDIATE` transaction with a busy timeout, and each call
opens and closes its own connection (safe from any thread or process).

What it holds, every row kept as history (nothing is updated in place):

- `decisions`: a finding confirmed, dismissed or re-opened, with the note, the reviewer, the time and the
  evidence fingerprint the reviewer saw (plus the finding's topic, documents and surfaces, so a decision can
  follow its finding when the evidence is edited and the id changes);
- `assignments`: a finding given to a reviewer (an empty assignee takes it back);
- `marks`: an editor's mark on a figure: `checked`, `needs_fix` or `unmarked`, with a note.

`apply_decisions` (pure) puts the decisions on a conflicts frame: the latest decision per finding sets its
status; a decision made on other evidence re-opens the finding. A decision whose finding is gone follows it:

- to the finding that lists the decided id among its `pair_ids` (a statement joined the finding and its id
  changed): the decision keeps its status, since it belongs to the finding, not to one id;
- else to the current finding on the same topic between the same documents (the evidence was edited, so the
  claim ids changed): that finding is re-opened, with its history kept.

The pipeline applies the decisions when it publishes (`DecisionStore.apply`, which stores the carried
histories under the new ids). The decisions earlier versions kept in the DuckDB `reviews` table are imported
(`import_reviews`, `import_from_duckdb`), so nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd

from claims.errors import StoreError
from claims.formatting import is_missing
from claims.io.store import storage_error

logger = logging.getLogger(__name__)

STATUSES = ("open", "confirmed", "dismissed")
MARKS = ("checked", "needs_fix", "unmarked")
SCHEMA_VERSION = "1"
SYSTEM_REVIEWER = "claims"
"""The name on decisions the tool makes itself (a finding re-opened because its evidence changed)."""

FindingKey = tuple[str, str, str]


def now() -> str:
    """The current UTC time as stored: ISO 8601 with microseconds (sorts as text)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def as_utc_text(value: object) -> str:
    """A timestamp from DuckDB (naive UTC) or a string, in the stored format.

    >>> as_utc_text(dt.datetime(2025, 3, 1, 9, 30))
    '2025-03-01T09:30:00.000000+00:00'
    >>> as_utc_text("2025-03-01 09:30:00.5")
    '2025-03-01T09:30:00.500000+00:00'
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if not isinstance(value, dt.datetime):
        raise TypeError(f"not a timestamp: {value!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def finding_key(topic: object, doc_a: object, doc_b: object) -> FindingKey:
    """What a finding is about, independent of its exact evidence: its topic and its two documents.

    >>> finding_key("OSA budget", "b.txt", "a.txt") == finding_key("osa budget", "a.txt", "b.txt")
    True
    """
    docs = sorted(_text(d) for d in (doc_a, doc_b))
    return (_text(topic).lower(), docs[0], docs[1])


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


# ------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Decision:
    """One review decision on a finding, as the reviewer made it."""

    conflict_id: str
    status: str
    note: str
    reviewer: str
    decided_at: str
    evidence: str = ""
    topic: str = ""
    doc_a: str = ""
    doc_b: str = ""
    surface_a: str = ""
    surface_b: str = ""
    origin: str = "ui"  # ui, cli, import (from the DuckDB reviews table), carried (history of a predecessor)
    carried_from: str = ""
    seq: int = 0

    @property
    def key(self) -> FindingKey:
        return finding_key(self.topic, self.doc_a, self.doc_b)


@dataclass(frozen=True, slots=True)
class Assignment:
    conflict_id: str
    assignee: str  # "" takes the finding back
    assigned_by: str
    assigned_at: str
    seq: int = 0


@dataclass(frozen=True, slots=True)
class Mark:
    """An editor's mark on one figure (claim)."""

    claim_id: str
    doc: str
    mark: str
    note: str
    reviewer: str
    marked_at: str
    surface: str = ""
    seq: int = 0


def _columns(record: type) -> list[str]:
    return [f.name for f in fields(record) if f.name != "seq"]


DECISION_COLUMNS = _columns(Decision)
ASSIGNMENT_COLUMNS = _columns(Assignment)
MARK_COLUMNS = _columns(Mark)
"""Each record's columns are listed once (its dataclass); the SQL, the rows and the frames follow them."""

_TABLES: dict[str, tuple[type, list[str]]] = {
    "decisions": (Decision, DECISION_COLUMNS),
    "assignments": (Assignment, ASSIGNMENT_COLUMNS),
    "marks": (Mark, MARK_COLUMNS),
}

_SCHEMA = "\n".join(
    [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
        *(
            f"CREATE TABLE IF NOT EXISTS {table} (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
            + ", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in columns)
            + ");"
            for table, (_, columns) in _TABLES.items()
        ),
        "CREATE INDEX IF NOT EXISTS decisions_by_id ON decisions (conflict_id, decided_at, seq);",
        "CREATE UNIQUE INDEX IF NOT EXISTS decisions_imported ON decisions "
        "(conflict_id, decided_at, status, reviewer, note, origin) WHERE origin = 'import';",
        "CREATE INDEX IF NOT EXISTS assignments_by_id ON assignments (conflict_id, assigned_at, seq);",
        "CREATE INDEX IF NOT EXISTS marks_by_claim ON marks (claim_id, marked_at, seq);",
    ]
)


def _insert_sql(table: str) -> str:
    columns = _TABLES[table][1]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def _row(record: object, table: str) -> list[str]:
    return [_text(getattr(record, c)) for c in _TABLES[table][1]]


def _records(rows: Iterable[sqlite3.Row], table: str) -> list:
    record = _TABLES[table][0]
    return [record(**{k: row[k] for k in row.keys()}) for row in rows]  # noqa: SIM118 (sqlite3.Row)


# ------------------------------------------------------------------------------------ pure application


@dataclass(frozen=True, slots=True)
class DecisionSnapshot:
    """What the store knew at one moment, enough to apply the decisions to a conflicts frame."""

    latest: Mapping[str, Decision]  # latest decision per conflict id
    carried: frozenset[str] = frozenset()  # ids whose history was already carried to a successor
    assignments: Mapping[str, Assignment] = field(default_factory=dict)  # latest per conflict id


REVIEW_COLUMNS = ("status", "review_note", "reviewed_at", "reviewer", "assigned_to", "new", "carried_from")
"""The columns `apply_decisions` sets on a conflicts frame."""


def reopened_note(decision: Decision) -> str:
    """The note a finding carries when its evidence changed after a decision.

    >>> reopened_note(Decision("f1", "confirmed", "", "Ana", "2025-01-01T00:00:00.000000+00:00"))
    're-opened: evidence changed since the confirmed decision (no note)'
    """
    return f"re-opened: evidence changed since the {decision.status} decision ({decision.note or 'no note'})"


def apply_decisions(
    conflicts: pd.DataFrame, snapshot: DecisionSnapshot, *, new_ids: Collection[str] | None = None
) -> pd.DataFrame:
    """The conflicts frame with each finding's review state (the columns in REVIEW_COLUMNS).

    - the latest decision sets status, note, time and reviewer;
    - a decision made on other evidence (a different fingerprint) re-opens the finding, naming that decision;
    - a finding without decisions inherits the decision of a finding that is gone whose id is among its
      `pair_ids` (statements joined it): the status stays, `carried_from` names the predecessor;
    - else it inherits the decisions of a finding that is gone, when both are about the same topic between
      the same documents: it is re-opened and `carried_from` names its predecessor (whose history the
      reviewer sees);
    - `assigned_to` is the latest assignment; `new` is membership in `new_ids` (when given), else the
      frame's own `new` column, else unknown (NA).

    A table read a part at a time: `ReviewState` (the same result, part by part).
    """
    ids = [_text(c) for c in conflicts["conflict_id"]] if "conflict_id" in conflicts else []
    pairs = [pair_ids_of(row) for row in conflicts.to_dict("records")] if ids else []
    return ReviewState(snapshot, zip(ids, pairs, strict=True), new_ids=new_ids).apply(conflicts)


class ReviewState:
    """`apply_decisions` over a conflicts table read in parts, in its order: built from every finding's id
    and pair ids (a first, light pass), then `apply` to each part in turn. A decision of a finding that is
    gone goes to the first finding, in table order, about the same topic between the same documents."""

    def __init__(
        self,
        snapshot: DecisionSnapshot,
        findings: Iterable[tuple[str, Sequence[str]]],
        *,
        new_ids: Collection[str] | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.new_ids = None if new_ids is None else set(new_ids)
        self.live: set[str] = set()
        pairs: list[tuple[str, Sequence[str]]] = []
        for cid, pair_ids in findings:
            self.live.add(cid)
            if pair_ids:
                pairs.append((cid, pair_ids))
        self.joined: dict[str, Decision] = {}  # finding -> the decision it takes through its pair ids
        for cid, pair_ids in pairs:
            kept = pair_successor({"pair_ids": tuple(pair_ids)}, snapshot, self.live)
            if kept is not None:
                self.joined[cid] = kept
        taken = {d.conflict_id for d in self.joined.values()}
        orphans: dict[FindingKey, Decision] = {}
        for cid, gone in snapshot.latest.items():
            if cid not in self.live and cid not in snapshot.carried and gone.status != "open":
                orphans[gone.key] = gone
        self.orphans = {key: d for key, d in orphans.items() if d.conflict_id not in taken}

    def apply(self, conflicts: pd.DataFrame) -> pd.DataFrame:
        """The next part of the table with its review state (see `apply_decisions`)."""
        snapshot = self.snapshot
        df = conflicts.copy()
        ids = [_text(c) for c in df["conflict_id"]] if "conflict_id" in df else []
        out: dict[str, list[object]] = {c: [] for c in REVIEW_COLUMNS if c != "new"}
        records = df.to_dict("records")
        for cid, row in zip(ids, records, strict=True):
            decision = snapshot.latest.get(cid)
            carried_from = ""
            kept = self.joined.get(cid)
            if decision is None and kept is not None:
                carried_from = kept.conflict_id
                state: tuple[str, str | None, str | None, str | None] = (
                    kept.status,
                    kept.note or None,
                    kept.decided_at,
                    kept.reviewer,
                )
            elif decision is None:
                key = finding_key(row.get("topic"), row.get("doc_a"), row.get("doc_b"))
                moved = self.orphans.pop(key, None)
                if moved is None:
                    state = ("open", None, None, None)
                else:
                    carried_from = moved.conflict_id
                    state = ("open", reopened_note(moved), moved.decided_at, moved.reviewer)
            elif (
                decision.evidence and _text(row.get("evidence")) and decision.evidence != row.get("evidence")
            ):
                state = ("open", reopened_note(decision), decision.decided_at, decision.reviewer)
            else:
                state = (decision.status, decision.note or None, decision.decided_at, decision.reviewer)
            assignment = snapshot.assignments.get(cid)
            for column, value in zip(
                ("status", "review_note", "reviewed_at", "reviewer"), state, strict=True
            ):
                out[column].append(value)
            out["assigned_to"].append(assignment.assignee or None if assignment else None)
            out["carried_from"].append(carried_from or None)
        for column, values in out.items():
            df[column] = pd.array(values, dtype="string")
        if self.new_ids is not None:
            df["new"] = pd.array([cid in self.new_ids for cid in ids], dtype="boolean")
        elif "new" in df:
            df["new"] = df["new"].map(_as_bool).astype("boolean")
        else:
            df["new"] = pd.array([pd.NA] * len(df), dtype="boolean")
        return df


def pair_ids_of(row: Mapping[str, object]) -> tuple[str, ...]:
    """The pair ids a conflicts row lists (a tuple, a list, or the table's `;`-joined text).

    >>> pair_ids_of({"pair_ids": "a1;b2"}), pair_ids_of({"pair_ids": ("a1",)}), pair_ids_of({})
    (('a1', 'b2'), ('a1',), ())
    """
    value = row.get("pair_ids")
    if isinstance(value, str):
        return tuple(p for p in value.split(";") if p)
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        return tuple(_text(p) for p in list(value) if _text(p))  # type: ignore[call-overload]
    return ()


def pair_successor(
    row: Mapping[str, object], snapshot: DecisionSnapshot, live: Collection[str]
) -> Decision | None:
    """The latest decision on a finding that is gone and whose id this finding lists among its pair ids.

    A finding's id changes when a statement with a lower claim id joins it; the old id stays among its
    `pair_ids`, so the decision made on the old id follows the finding.
    """
    found = [
        snapshot.latest[pid]
        for pid in pair_ids_of(row)
        if pid in snapshot.latest and pid not in live and pid not in snapshot.carried
    ]
    return max(found, key=lambda d: (d.decided_at, d.seq)) if found else None


def _as_bool(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return pd.NA
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


# ------------------------------------------------------------------------------------------- the store


class DecisionStore:
    """processed/decisions.sqlite. Every method opens its own short-lived connection."""

    def __init__(self, path: Path | str, *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        try:
            if self._schema_version() == str(SCHEMA_VERSION):
                return  # nothing to write: opening a store never needs room on the disk
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as con:  # one script, one transaction
                con.executescript(
                    f"BEGIN IMMEDIATE;\n{_SCHEMA}\nINSERT OR REPLACE INTO meta VALUES "
                    f"('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;"
                )
        except (OSError, sqlite3.Error) as e:
            raise storage_error("open the decisions store", self.path, e) from e

    def _schema_version(self) -> str:
        """The schema version the store file records ('' when there is no file or no schema yet)."""
        if not self.path.is_file():
            return ""
        try:
            with closing(self._connect()) as con:
                row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:  # no meta table yet
            return ""
        return str(row[0]) if row else ""

    @classmethod
    def beside(cls, out_dir: Path | str) -> DecisionStore:
        """The store of an output folder (`processed/decisions.sqlite`)."""
        return cls(Path(out_dir) / "decisions.sqlite")

    # connections --------------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        return con

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction: all of it or nothing."""
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        try:
            with closing(self._connect()) as con:
                return con.execute(sql, list(params)).fetchall()
        except sqlite3.Error as e:
            raise storage_error("read the decisions store", self.path, e) from e

    # decisions ----------------------------------------------------------------------------------------
    def record(
        self,
        findings: Sequence[Mapping[str, object]],
        *,
        status: str,
        reviewer: str,
        note: str = "",
        origin: str = "ui",
    ) -> list[Decision]:
        """Record one decision on each finding (conflict rows: id, evidence, topic, docs, surfaces), at once.

        Raises ValueError for an unknown status or an empty reviewer name: a decision always says who.
        """
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        if not reviewer.strip():
            raise ValueError("a decision needs the reviewer's name")
        at = now()
        made = [
            Decision(
                conflict_id=_text(f.get("conflict_id")),
                status=status,
                note=note.strip(),
                reviewer=reviewer.strip(),
                decided_at=at,
                evidence=_text(f.get("evidence")),
                topic=_text(f.get("topic")),
                doc_a=_text(f.get("doc_a")),
                doc_b=_text(f.get("doc_b")),
                surface_a=_text(f.get("surface_a")),
                surface_b=_text(f.get("surface_b")),
                origin=origin,
            )
            for f in findings
        ]
        self._insert("decisions", made)
        return made

    def _insert(self, table: str, rows: Sequence[object]) -> None:
        if not rows:
            return
        try:
            with self._write() as con:
                con.executemany(_insert_sql(table), [_row(r, table) for r in rows])
        except sqlite3.Error as e:
            raise storage_error("write to the decisions store", self.path, e) from e

    def latest(self) -> dict[str, Decision]:
        rows = self._read(
            """SELECT * FROM decisions d WHERE seq = (
                   SELECT seq FROM decisions WHERE conflict_id = d.conflict_id
                   ORDER BY decided_at DESC, seq DESC LIMIT 1)"""
        )
        return {d.conflict_id: d for d in _records(rows, "decisions")}

    def history(self, conflict_id: str, *, predecessors: Iterable[str] = ()) -> list[Decision]:
        """Every decision on a finding, oldest first, with those of the findings it was carried from."""
        ids = [conflict_id, *(p for p in predecessors if p)]
        marks = ", ".join("?" for _ in ids)
        rows = self._read(
            f"SELECT * FROM decisions WHERE conflict_id IN ({marks}) ORDER BY decided_at, seq", ids
        )
        return _records(rows, "decisions")

    def snapshot(self) -> DecisionSnapshot:
        carried = {r["carried_from"] for r in self._read("SELECT DISTINCT carried_from FROM decisions")}
        return DecisionSnapshot(
            latest=self.latest(), carried=frozenset(carried - {""}), assignments=self.assignments()
        )

    def apply(self, conflicts: pd.DataFrame, *, new_ids: Collection[str] | None = None) -> pd.DataFrame:
        """`apply_decisions`, then the carried histories are stored under their new ids (for the pipeline).

        A decision carried through the pair ids keeps its status; one carried by topic re-opens the finding.
        """
        df = apply_decisions(conflicts, self.snapshot(), new_ids=new_ids)
        self.carry_moves(df)
        return df

    def apply_parts(
        self,
        parts: Iterable[pd.DataFrame],
        findings: Iterable[tuple[str, Sequence[str]]],
        *,
        new_ids: Collection[str] | None = None,
    ) -> Iterator[pd.DataFrame]:
        """`apply` over a conflicts table read in parts (in its order): `findings` is every finding's id and
        pair ids, read first; each part comes back with its review state, its carried histories stored."""
        state = ReviewState(self.snapshot(), findings, new_ids=new_ids)
        for part in parts:
            df = state.apply(part)
            self.carry_moves(df)
            yield df

    def carry_moves(self, df: pd.DataFrame) -> None:
        """Store the histories `apply_decisions` carried to new ids (the `carried_from` column)."""
        moves = [
            (_text(r["conflict_id"]), _text(r["carried_from"]), r)
            for r in df.to_dict("records")
            if _text(r.get("carried_from"))
        ]
        for new_id, old_id, row in moves:
            self.carry(old_id, new_id, row, reopen=old_id not in pair_ids_of(row))

    def carry(self, old_id: str, new_id: str, finding: Mapping[str, object], *, reopen: bool = True) -> None:
        """Copy the decisions of a finding that is gone under its successor's id.

        `reopen` (the evidence was edited): a decision of the tool re-opens the successor. Otherwise (a
        statement joined the finding) the copies take the successor's evidence, so the decision stands.
        """
        current: dict[str, Any] = {
            name: _text(finding.get(name))
            for name in ("evidence", "topic", "doc_a", "doc_b", "surface_a", "surface_b")
        }
        copies = [
            Decision(
                **{
                    **{c: getattr(d, c) for c in DECISION_COLUMNS},
                    **({} if reopen else current),
                    "conflict_id": new_id,
                    "origin": "carried",
                    "carried_from": old_id,
                }
            )
            for d in self.history(old_id)
        ]
        reopened = Decision(
            conflict_id=new_id,
            status="open",
            note=f"re-opened: evidence of {old_id} changed",
            reviewer=SYSTEM_REVIEWER,
            decided_at=now(),
            origin="carried",
            carried_from=old_id,
            **current,
        )
        self._insert("decisions", [*copies, reopened] if reopen else copies)

    # assignments --------------------------------------------------------------------------------------
    def assign(self, conflict_ids: Sequence[str], *, assignee: str, assigned_by: str) -> list[Assignment]:
        if not assigned_by.strip():
            raise ValueError("an assignment needs the name of who assigns")
        at = now()
        made = [Assignment(cid, assignee.strip(), assigned_by.strip(), at) for cid in conflict_ids]
        self._insert("assignments", made)
        return made

    def assignments(self) -> dict[str, Assignment]:
        rows = self._read(
            """SELECT * FROM assignments a WHERE seq = (
                   SELECT seq FROM assignments WHERE conflict_id = a.conflict_id
                   ORDER BY assigned_at DESC, seq DESC LIMIT 1)"""
        )
        return {a.conflict_id: a for a in _records(rows, "assignments")}

    def assignment_history(self, conflict_id: str) -> list[Assignment]:
        rows = self._read(
            "SELECT * FROM assignments WHERE conflict_id = ? ORDER BY assigned_at, seq", [conflict_id]
        )
        return _records(rows, "assignments")

    # editors' marks -----------------------------------------------------------------------------------
    def mark(
        self, figures: Sequence[Mapping[str, object]], *, mark: str, reviewer: str, note: str = ""
    ) -> list[Mark]:
        """Mark figures (claim rows: claim_id, doc, surface) checked / needs_fix / unmarked."""
        if mark not in MARKS:
            raise ValueError(f"mark must be one of {', '.join(MARKS)}, not {mark!r}")
        if not reviewer.strip():
            raise ValueError("a mark needs the editor's name")
        at = now()
        made = [
            Mark(
                claim_id=_text(f.get("claim_id")),
                doc=_text(f.get("doc")),
                mark=mark,
                note=note.strip(),
                reviewer=reviewer.strip(),
                marked_at=at,
                surface=_text(f.get("surface")),
            )
            for f in figures
        ]
        self._insert("marks", made)
        return made

    def marks(self) -> dict[str, Mark]:
        rows = self._read(
            """SELECT * FROM marks m WHERE seq = (
                   SELECT seq FROM marks WHERE claim_id = m.claim_id
                   ORDER BY marked_at DESC, seq DESC LIMIT 1)"""
        )
        return {m.claim_id: m for m in _records(rows, "marks")}

    def mark_history(self, claim_id: str) -> list[Mark]:
        rows = self._read("SELECT * FROM marks WHERE claim_id = ? ORDER BY marked_at, seq", [claim_id])
        return _records(rows, "marks")

    # tables and change detection ----------------------------------------------------------------------
    def frame(self, table: str) -> pd.DataFrame:
        """A whole table (decisions, assignments or marks) as history, oldest first."""
        record, columns = _TABLES[table]
        order = {"decisions": "decided_at", "assignments": "assigned_at", "marks": "marked_at"}[table]
        rows = self._read(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}, seq")
        return pd.DataFrame([dict(r) for r in rows], columns=columns).astype("string")

    def version(self) -> tuple[int, int, int]:
        """Grows with every write: a reader that published at one version republishes when it changes."""
        row = self._read(
            "SELECT (SELECT coalesce(max(seq), 0) FROM decisions), "
            "(SELECT coalesce(max(seq), 0) FROM assignments), (SELECT coalesce(max(seq), 0) FROM marks)"
        )[0]
        return (int(row[0]), int(row[1]), int(row[2]))

    # import from the DuckDB reviews table -------------------------------------------------------------
    def import_reviews(self, reviews: pd.DataFrame) -> int:
        """Import rows of the DuckDB `reviews` table (Store.review_history()); rows seen before are skipped.

        Returns how many rows were new.
        """
        if reviews is None or reviews.empty:
            return 0
        made = []
        for r in reviews.to_dict("records"):
            status = _text(r.get("status"))
            if status not in STATUSES or not _text(r.get("conflict_id")):
                logger.warning("skipping an imported review with status %r", status)
                continue
            made.append(
                Decision(
                    conflict_id=_text(r.get("conflict_id")),
                    status=status,
                    note=_text(r.get("note")),
                    reviewer=_text(r.get("reviewer")),
                    decided_at=as_utc_text(r.get("reviewed_at")),
                    evidence=_text(r.get("evidence")),
                    topic=_text(r.get("topic")),
                    doc_a=_text(r.get("doc_a")),
                    doc_b=_text(r.get("doc_b")),
                    surface_a=_text(r.get("surface_a")),
                    surface_b=_text(r.get("surface_b")),
                    origin="import",
                )
            )
        before = self.version()[0]
        try:
            with self._write() as con:
                sql = _insert_sql("decisions").replace("INSERT", "INSERT OR IGNORE", 1)
                con.executemany(sql, [_row(d, "decisions") for d in made])
        except sqlite3.Error as e:
            raise storage_error("import reviews into", self.path, e) from e
        count = len(self._read("SELECT seq FROM decisions WHERE seq > ? AND origin = 'import'", [before]))
        if count:
            logger.info("imported %d review decisions from the pipeline database", count)
        return count

    def import_from_duckdb(self, db_path: Path | str) -> int | None:
        """Import the DuckDB store's reviews, opened read-only; None when a run holds its lock (try later)."""
        from claims.io.store import Store

        db_path = Path(db_path)
        if not db_path.exists():
            return 0
        try:
            with Store(db_path, read_only=True, lock_timeout=0) as store:
                reviews = store.review_history()
        except StoreError as e:
            logger.info("pipeline database busy, reviews not imported yet: %s", e)
            return None
        count = self.import_reviews(reviews)
        self._set_meta("duckdb_import", now())
        return count

    def _set_meta(self, key: str, value: str) -> None:
        with self._write() as con:
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def meta(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM meta WHERE key = ?", [key])
        return str(rows[0][0]) if rows else default
