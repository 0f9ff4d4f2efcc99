"""The reviewers' SQLite store: history, the same semantics as the DuckDB reviews, and no waiting on a run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from factories import claim

from claims.io.decisions import DecisionStore, apply_decisions
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


@pytest.mark.parametrize("status", ["confirmed", "dismissed"])
def test_decisions_apply_matches_the_duckdb_store(tmp_path, store, status):
    """Same decision, same later run: the DuckDB store and apply_decisions give the same status and note,
    for the same evidence, changed evidence, and a finding whose claim was edited (a new id)."""
    db_path = tmp_path / "claims.duckdb"
    before = _conflicts(A, B)
    later = {
        "same": _conflicts(A, B),
        "changed": _conflicts(A, B).assign(evidence="edited"),
        "moved": _conflicts(A, B_EDITED),
    }

    def both(name: str) -> tuple[list[object], list[object]]:
        got = apply_decisions(later[name], store.snapshot())[["status", "review_note"]].iloc[0].tolist()
        with Store(db_path) as db:
            expected = db.apply_reviews(later[name])[["status", "review_note"]].iloc[0].tolist()
        store.import_from_duckdb(db_path)  # the DuckDB store wrote the carried history: import it too
        return expected, got

    with Store(db_path) as db:
        db.replace_conflicts(before)
        db.record_review(before.loc[0, "conflict_id"], status=status, note="read both", reviewer="Ana")
    assert store.import_from_duckdb(db_path) == 1
    moved = apply_decisions(later["moved"], store.snapshot()).iloc[0]
    assert (moved["carried_from"], moved["reviewer"]) == (before.loc[0, "conflict_id"], "Ana")
    for name in ("same", "changed", "moved", "moved"):  # twice: after the carry was stored
        expected, got = both(name)
        assert got == expected, name
    assert both("same")[1] == [status, "read both"]


def test_decisions_import_from_duckdb_is_idempotent(tmp_path, store):
    frame = _conflicts(A, B)
    with Store(tmp_path / "claims.duckdb") as db:
        db.replace_conflicts(frame)
        db.record_review(frame.loc[0, "conflict_id"], status="dismissed", note="", reviewer="Bo")
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
    if new_ids is None:
        assert pd.isna(out.loc[0, "new"])
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
