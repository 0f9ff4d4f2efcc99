"""The reviewers' SQLite store: history, decisions following their findings, old reviews, no waiting."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from factories import claim

from claims.io.decisions import DecisionStore, ReviewState, apply_decisions, pair_ids_of
from claims.io.frames import claims_frame, conflicts_frame
from claims.io.store import Store
from claims.types import Claim, Conflict, ConflictKind, Severity, make_conflict_id


def _claim(doc: str, surface: str, value: float, sentence: str) -> Claim:
    return claim(
        value,
        surface=surface,
        sentence=sentence,
        doc=doc,
        unit="JPY",
        period=2023,
        fiscal=True,
        subject="coast guard grant",
        entities=("Japan", "Philippines"),
        chapter="Chapter 2",
    )


A = _claim("a.txt", "¥6 billion", 6e9, "Tokyo pledged ¥6 billion for patrol boats in FY2023.")
B = _claim("b.txt", "¥9 billion", 9e9, "The FY2023 grant for patrol boats came to ¥9 billion.")
B_EDITED = _claim("b.txt", "¥9.5 billion", 9.5e9, "The FY2023 grant for patrol boats came to ¥9.5 billion.")


def _conflicts(a: Claim, b: Claim) -> pd.DataFrame:
    conflict = Conflict(
        conflict_id=make_conflict_id(a.claim_id, b.claim_id),
        kind=ConflictKind.VALUE_MISMATCH,
        severity=Severity.HIGH,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        topic="coast guard grant",
        period="FY2023",
        relative_difference=0.33,
        explanation="a.txt gives ¥6 billion; b.txt gives ¥9 billion.",
    )
    return conflicts_frame([conflict], claims_frame([a, b]))


@pytest.fixture
def store(tmp_path: Path) -> DecisionStore:
    return DecisionStore(tmp_path / "decisions.sqlite")


@pytest.mark.parametrize(
    ("statuses", "latest"),
    [
        (["confirmed"], "confirmed"),
        (["confirmed", "dismissed"], "dismissed"),
        (["dismissed", "open"], "open"),
    ],
)
def test_decisions_record_keeps_every_decision_as_history(store, statuses, latest):
    finding = _conflicts(A, B).iloc[0].to_dict()
    for i, status in enumerate(statuses):
        store.record([finding], status=status, reviewer=f"reviewer {i}", note=f"note {i}")
    history = store.history(finding["conflict_id"])
    assert [d.status for d in history] == statuses
    assert [d.reviewer for d in history] == [f"reviewer {i}" for i in range(len(statuses))]
    assert store.latest()[finding["conflict_id"]].status == latest
    assert history[0].evidence == finding["evidence"]


@pytest.mark.parametrize(("status", "reviewer"), [("confirmed", ""), ("confirmed", "   "), ("maybe", "Ana")])
def test_decisions_refuse_a_decision_without_name_or_known_status(store, status, reviewer):
    finding = _conflicts(A, B).iloc[0].to_dict()
    with pytest.raises(ValueError, match="reviewer|status"):
        store.record([finding], status=status, reviewer=reviewer)
    assert store.latest() == {}


def _old_review(db_path: Path, finding: dict, *, status: str, note: str, reviewer: str) -> None:
    """A decision as earlier versions stored it: a row of the DuckDB `reviews` table."""
    with Store(db_path) as db:
        db.con.execute(
            "INSERT INTO reviews VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?)",
            [
                finding["conflict_id"],
                status,
                note,
                reviewer,
                *(finding[k] for k in ("evidence", "topic", "doc_a", "doc_b", "surface_a", "surface_b")),
            ],
        )


@pytest.mark.parametrize(
    ("later", "status", "note", "carried"),
    [
        ("same", "confirmed", "read both", False),
        ("changed", "open", "re-opened: evidence changed since the confirmed decision (read both)", False),
        ("moved", "open", "re-opened: evidence changed since the confirmed decision (read both)", True),
    ],
)
def test_decisions_apply_follows_the_finding(store, later, status, note, carried):
    """The same evidence keeps the decision; changed evidence re-opens it; a finding whose claim was edited
    (a new id, same topic and documents) inherits it, re-opened."""
    before = _conflicts(A, B)
    frames = {
        "same": _conflicts(A, B),
        "changed": _conflicts(A, B).assign(evidence="edited"),
        "moved": _conflicts(A, B_EDITED),
    }
    store.record([before.iloc[0].to_dict()], status="confirmed", reviewer="Ana", note="read both")
    got = apply_decisions(frames[later], store.snapshot()).iloc[0]
    assert (got["status"], got["review_note"], got["reviewer"]) == (status, note, "Ana")
    assert (got["carried_from"] == before.loc[0, "conflict_id"]) is (True if carried else pd.NA)


@pytest.mark.parametrize("status", ["confirmed", "dismissed"])
def test_decisions_carry_through_pair_ids_keeps_the_status(store, status):
    """A statement joins a finding and its id changes: the old id is among the new finding's pair ids, so
    the decision stays (not re-opened), is stored under the new id, and stands on the next run too."""
    before = _conflicts(A, B)
    old_id = str(before.loc[0, "conflict_id"])
    store.record([before.iloc[0].to_dict()], status=status, reviewer="Ana", note="both checked")
    joined = before.assign(conflict_id="f" * 16, pair_ids=f"{'0' * 16};{old_id}", evidence="with a third")
    first = store.apply(joined).iloc[0]
    assert (first["status"], first["carried_from"], first["reviewer"]) == (status, old_id, "Ana")
    assert [(d.status, d.origin) for d in store.history("f" * 16)] == [(status, "carried")]
    again = store.apply(joined).iloc[0]
    assert (again["status"], again["review_note"]) == (status, "both checked")
    assert pd.isna(again["carried_from"])


def test_decisions_pair_carry_wins_over_topic_carry(store):
    """Two current findings could inherit one decision: the one listing the decided id takes it."""
    before = _conflicts(A, B)
    old_id = str(before.loc[0, "conflict_id"])
    store.record([before.iloc[0].to_dict()], status="dismissed", reviewer="Bo")
    by_topic = _conflicts(A, B_EDITED)
    by_pair = before.assign(conflict_id="e" * 16, pair_ids=old_id, evidence="grown")
    out = apply_decisions(pd.concat([by_topic, by_pair], ignore_index=True), store.snapshot())
    assert out["status"].tolist() == ["open", "dismissed"]
    assert pd.isna(out.loc[0, "carried_from"])


def test_decisions_import_of_old_duckdb_reviews_then_apply(tmp_path, store):
    """Decisions earlier versions kept in the DuckDB `reviews` table are imported and applied."""
    before = _conflicts(A, B)
    db_path = tmp_path / "claims.duckdb"
    with Store(db_path) as db:
        db.replace_conflicts(before)
    _old_review(db_path, before.iloc[0].to_dict(), status="confirmed", note="read both", reviewer="Ana")
    assert store.import_from_duckdb(db_path) == 1
    got = apply_decisions(before, store.snapshot()).iloc[0]
    assert (got["status"], got["review_note"], got["reviewer"]) == ("confirmed", "read both", "Ana")


def test_decisions_import_from_duckdb_is_idempotent(tmp_path, store):
    frame = _conflicts(A, B)
    with Store(tmp_path / "claims.duckdb") as db:
        db.replace_conflicts(frame)
    _old_review(
        tmp_path / "claims.duckdb", frame.iloc[0].to_dict(), status="dismissed", note="", reviewer="Bo"
    )
    assert store.import_from_duckdb(tmp_path / "claims.duckdb") == 1
    assert store.import_from_duckdb(tmp_path / "claims.duckdb") == 0
    assert [d.origin for d in store.history(frame.loc[0, "conflict_id"])] == ["import"]


def test_decisions_carry_is_stored_once_and_not_repeated(store):
    old, new = _conflicts(A, B), _conflicts(A, B_EDITED)
    store.record([old.iloc[0].to_dict()], status="confirmed", reviewer="Ana", note="both checked")
    first = store.apply(new)
    new_id = new.loc[0, "conflict_id"]
    assert first.loc[0, "status"] == "open"
    history = store.history(new_id)
    assert [(d.status, d.origin) for d in history] == [("confirmed", "carried"), ("open", "carried")]
    again = store.apply(new)
    assert again.loc[0, "status"] == "open"
    assert pd.isna(again.loc[0, "carried_from"])  # its own history now; no second carry
    assert len(store.history(new_id)) == 2


@pytest.mark.parametrize("new_ids", [None, set(), {"x"}])
def test_decisions_apply_sets_new_and_assignment(store, new_ids):
    frame = _conflicts(A, B)
    cid = frame.loc[0, "conflict_id"]
    store.assign([cid], assignee="Chen", assigned_by="Ana")
    out = apply_decisions(frame, store.snapshot(), new_ids=None if new_ids is None else new_ids | {cid})
    assert out.loc[0, "assigned_to"] == "Chen"
    if new_ids is None:  # the frame's own column, else unknown
        assert bool(out.loc[0, "new"]) == bool(frame.loc[0, "new"])
        assert pd.isna(apply_decisions(frame.drop(columns="new"), store.snapshot()).loc[0, "new"])
    else:
        assert bool(out.loc[0, "new"]) is True
    store.assign([cid], assignee="", assigned_by="Ana")
    assert pd.isna(apply_decisions(frame, store.snapshot()).loc[0, "assigned_to"])


@pytest.mark.parametrize(
    ("marks", "latest"), [(["checked"], "checked"), (["needs_fix", "checked"], "checked")]
)
def test_decisions_marks_keep_history(store, marks, latest):
    figure = {"claim_id": A.claim_id, "doc": A.doc, "surface": A.surface}
    for mark in marks:
        store.mark([figure], mark=mark, reviewer="Editor", note=f"{mark} note")
    assert store.marks()[A.claim_id].mark == latest
    assert [m.mark for m in store.mark_history(A.claim_id)] == marks
    with pytest.raises(ValueError, match="mark must be"):
        store.mark([figure], mark="fine", reviewer="Editor")


_HOLD_LOCK = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("CREATE TABLE IF NOT EXISTS busy (x INTEGER)")
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO busy VALUES (1)")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def test_decisions_never_wait_for_a_run_holding_the_database(tmp_path, store):
    db = tmp_path / "claims.duckdb"
    with Store(db) as s:
        s.replace_conflicts(_conflicts(A, B))
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(db), "30"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        assert store.import_from_duckdb(db) is None  # busy: try again later, do not wait
        store.record([_conflicts(A, B).iloc[0].to_dict()], status="confirmed", reviewer="Ana")
        assert time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()
    assert store.latest()[_conflicts(A, B).loc[0, "conflict_id"]].status == "confirmed"


_WRITER = textwrap.dedent(
    """
    import sys
    from claims.io.decisions import DecisionStore
    store = DecisionStore(sys.argv[1])
    for i in range(int(sys.argv[3])):
        store.record([{"conflict_id": f"{sys.argv[2]}-{i}"}], status="dismissed", reviewer=sys.argv[2])
    """
)


def test_decisions_two_writers_lose_nothing(tmp_path):
    path = tmp_path / "decisions.sqlite"
    DecisionStore(path)
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name, "40"]) for name in ("ana", "bo")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    frame = DecisionStore(path).frame("decisions")
    assert sorted(frame["reviewer"].value_counts().to_dict().items()) == [("ana", 40), ("bo", 40)]


@pytest.mark.parametrize("part", [1, 2])
def test_decisions_applied_part_by_part_as_whole(store, part):
    """A table read a part at a time gets the review state the whole table gets: a decision carried
    through the pair ids, one carried by topic to the first finding about it, the rest open."""
    before = _conflicts(A, B)
    old_id = str(before.loc[0, "conflict_id"])
    store.record([before.iloc[0].to_dict()], status="dismissed", reviewer="Bo")
    gone = before.assign(conflict_id="d" * 16, topic="patrol boats")
    store.record([gone.iloc[0].to_dict()], status="confirmed", reviewer="Ana")
    table = pd.concat(
        [
            _conflicts(A, B_EDITED).assign(
                conflict_id="c" * 16, topic="patrol boats"
            ),  # takes "d..." by topic
            before.assign(conflict_id="e" * 16, pair_ids=old_id, evidence="grown"),  # takes old_id by pair
            _conflicts(A, B_EDITED).assign(
                conflict_id="b" * 16, topic="patrol boats"
            ),  # too late: stays open
        ],
        ignore_index=True,
    )
    whole = apply_decisions(table, store.snapshot(), new_ids={"b" * 16})
    findings = [(str(r["conflict_id"]), pair_ids_of(r)) for r in table.to_dict("records")]
    state = ReviewState(store.snapshot(), findings, new_ids={"b" * 16})
    parts = [state.apply(table.iloc[i : i + part]) for i in range(0, len(table), part)]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)
    assert whole["status"].tolist() == ["open", "dismissed", "open"]
    assert whole["carried_from"].tolist()[:2] == ["d" * 16, old_id]
