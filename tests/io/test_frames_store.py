"""claims.io.frames and claims.io.store: one column list per table, carried through frames, store, files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from factories import claim

from claims.errors import StoreError
from claims.io import export
from claims.io.frames import (
    CLAIM_CONTRACT,
    CLAIMS,
    CONFLICT_CONTRACT,
    CONFLICTS,
    DOCUMENTS,
    TEXT_COLUMNS,
    claims_frame,
    claims_from_frame,
    conflicts_frame,
    normalise_claims_frame,
)
from claims.io.store import HeldOpen, Store, schema_fingerprint
from claims.io.validation.validate import column_parameters
from claims.types import Claim, Conflict, ConflictKind, Document, Qualifier, Severity, make_conflict_id

EXPECTATIONS = Path(__file__).resolve().parents[2] / "expectations"


def _claim(doc: str, surface: str, value: float, *, sentence: str = "It cost ¥8.1 billion.") -> Claim:
    return claim(
        value,
        surface=surface,
        sentence=sentence,
        doc=doc,
        unit="JPY",
        period=2023,
        fiscal=True,
        subject="OSA budget",
        entities=("Japan", "OSA"),
        chapter="Chapter 4",
    )


@pytest.fixture
def pair() -> tuple[Claim, Claim]:
    return _claim("a.txt", "¥8.1 billion", 8.1e9), _claim(
        "b.txt", "¥18.1 billion", 18.1e9, sentence="It cost ¥18.1 billion."
    )


def _conflict(a: Claim, b: Claim) -> Conflict:
    return Conflict(
        conflict_id=make_conflict_id(a.claim_id, b.claim_id),
        kind=ConflictKind.VALUE_MISMATCH,
        severity=Severity.HIGH,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        topic="OSA budget",
        period="FY2023",
        relative_difference=10 / 18.1,
        explanation="a.txt gives 8.1; b.txt gives 18.1.",
    )


def test_frames_claims_have_contract_columns_in_order(pair):
    df = claims_frame(pair)
    assert list(df.columns[: len(CLAIM_CONTRACT)]) == CLAIM_CONTRACT
    assert df.loc[0, "entities"] == "Japan;OSA"
    assert df["fiscal"].tolist() == [True, True]


def test_frames_claims_round_trip_to_records(pair):
    back = claims_from_frame(claims_frame(pair))
    assert back == list(pair)


def test_frames_conflicts_join_both_sides(pair):
    a, b = pair
    df = conflicts_frame([_conflict(a, b)], claims_frame(pair))
    assert list(df.columns[: len(CONFLICT_CONTRACT)]) == CONFLICT_CONTRACT
    row = df.iloc[0]
    assert (row["doc_a"], row["surface_a"], row["value_b"]) == ("a.txt", "¥8.1 billion", 18.1e9)


def test_store_keeps_first_seen_and_no_review_state(tmp_path, pair):
    """Findings are stored as found; their review state comes from the decisions store at publishing."""
    a, b = pair
    conflicts_df = conflicts_frame([_conflict(a, b)], claims_frame(pair))
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_conflicts(conflicts_df)
        first = store.con.execute("SELECT first_seen FROM conflicts").fetchone()
        stored = store.replace_conflicts(conflicts_df)  # a later run finds it again
        assert store.con.execute("SELECT first_seen FROM conflicts").fetchone() == first
    assert stored.loc[0, "status"] == "open"
    assert not hasattr(Store, "record_review")


@pytest.mark.parametrize("table", ["claims", "conflicts"])
def test_store_quarantine_replaces_the_previous_list(tmp_path, table):
    rows = pd.DataFrame(
        [
            {
                "tbl": table,
                "row_id": "x1",
                "doc": "a.txt",
                "expectation": "e",
                "severity": "critical",
                "reason": "r",
            }
        ]
    )
    rows["reason"] = "value out of range"
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_quarantine(rows)
        assert store.quarantined_ids(table) == {"x1"}
        store.replace_quarantine(rows.iloc[0:0])
        assert store.quarantined_ids(table) == set()


def test_store_warnings_live_as_long_as_their_document(tmp_path):
    warning = {"doc": "a.txt", "reason": "bad_sidecar", "detail": "not JSON"}
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_warnings(["a.txt", "b.txt"], [warning])
        assert store.warnings_df().to_dict("records") == [warning]
        store.replace_warnings(["b.txt"], [])  # b.txt read again: a.txt's warning stays
        assert len(store.warnings_df()) == 1
        store.remove_documents(["a.txt"])
        assert store.warnings_df().empty


def test_store_unreadable_file_is_one_coded_error(tmp_path):
    bad = tmp_path / "c.duckdb"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match=r"\[E030\] cannot open the database"):
        Store(bad)


def test_store_transaction_rolls_back_on_crash(tmp_path, pair):
    claims_df = claims_frame(pair)
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_claims("a.txt", claims_df[claims_df["doc"] == "a.txt"])

        def killed_mid_run() -> None:
            with store.transaction():
                store.replace_claims("a.txt", claims_df.iloc[0:0])
                raise RuntimeError("killed mid-run")

        with pytest.raises(RuntimeError, match="killed"):
            killed_mid_run()
        assert len(store.claims_df()) == 1


def test_store_held_open_stores_write_and_read_through_it_until_released(tmp_path, pair):
    path = tmp_path / "c.duckdb"
    with HeldOpen(path) as missing:  # no database yet: nothing is held, and nothing is created
        assert not missing.held
    assert not path.exists()
    claims_df = claims_frame(pair)
    with Store(path) as store:
        store.replace_claims("a.txt", claims_df[claims_df["doc"] == "a.txt"])
    with HeldOpen(path) as held:
        assert held.held
        with Store(path) as store:  # a stage's own connection, through the held database
            store.replace_claims("b.txt", claims_df[claims_df["doc"] == "b.txt"])
        with Store(path) as store:
            assert sorted(store.claims_df()["doc"]) == ["a.txt", "b.txt"]
        with pytest.raises(StoreError):  # one configuration per file and process: read-only must wait
            Store(path, read_only=True)
        held.release()
        with Store(path, read_only=True) as store:  # released: a reader opens it
            assert sorted(store.claims_df()["doc"]) == ["a.txt", "b.txt"]
    with Store(path) as store:
        assert len(store.claims_df()) == 2


def test_export_atomic_write_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "claims.csv"
    export.write_csv(target, pd.DataFrame({"a": [1]}))

    class Boom(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    with pytest.raises(StoreError, match=r"\[E030\] cannot write .*claims.csv: disk full"):
        export.write_csv(target, Boom({"a": [2]}))
    assert pd.read_csv(target)["a"].tolist() == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def _every_field_set() -> Claim:
    """A claim whose every field holds a value other than its type's zero (a dropped column shows)."""
    base = _claim("a.txt", "about ¥8.1 billion", 8.1e9, sentence="It cost about ¥8.1 billion.")
    return dataclasses.replace(
        base,
        value_low=8.0e9,
        value_high=8.2e9,
        counted="grants",
        qualifier=Qualifier.APPROX,
        section="Chapter 4 > OSA",
        citation="[3] MOFA white paper",
        confidence=0.75,
        sentence_start=120,
        precision=5e7,
        flags=("currency_missing", "table_cell"),
        doc_sha256="ab" * 32,
        period_grain="quarter",
        period_detail="2024-Q3",
        as_of=dt.date(2024, 9, 30),
        change_basis="year_on_year",
        facets="role=level",
    )


def test_frames_every_claim_field_has_one_column():
    names = [f.name for f in dataclasses.fields(Claim)]
    assert sorted(names) == sorted(CLAIMS.names)
    assert len(set(CLAIMS.names)) == len(CLAIMS.names)
    record = _every_field_set()
    for name in names:
        column = CLAIMS.column(name)
        assert getattr(record, name) != column.from_cell(None), name  # the test claim sets every field


def test_frames_conflict_and_document_columns_cover_their_records():
    conflict_fields = {f.name for f in dataclasses.fields(Conflict)} - {"details"}
    assert conflict_fields <= set(CONFLICTS.names)
    document_fields = {f.name for f in dataclasses.fields(Document)} - {"text", "page_starts", "headings"}
    assert document_fields | {"n_chars", "n_claims"} == set(DOCUMENTS.names)


def test_frames_every_claim_field_round_trips_through_frames_store_csv_and_parquet(tmp_path):
    record = _every_field_set()
    df = claims_frame([record])
    assert claims_from_frame(df) == [record]
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_claims(record.doc, df)
        assert claims_from_frame(store.claims_df()) == [record]
    csv, parquet = export.write_table(tmp_path, "claims", df)
    from_csv = pd.read_csv(csv, dtype={c: str for c in TEXT_COLUMNS if c in CLAIMS.names})
    assert claims_from_frame(normalise_claims_frame(from_csv)) == [record]
    assert claims_from_frame(pd.read_parquet(parquet)) == [record]


@pytest.mark.parametrize(
    ("dropped", "older_schema"), [("precision", None), ("doc_sha256", None), ("precision", "0123abcd")]
)
def test_store_adds_a_column_missing_from_an_older_database(tmp_path, dropped, older_schema):
    record = _every_field_set()
    with Store(tmp_path / "c.duckdb") as store:
        # a database made before the column, by code that recorded no schema fingerprint or another one
        store.con.execute(f"ALTER TABLE claims DROP COLUMN {dropped}")
        store.con.execute("DELETE FROM meta WHERE key = 'schema'")
        if older_schema:
            store.set_meta("schema", older_schema)
    with Store(tmp_path / "c.duckdb") as store:
        assert store.get_meta("schema") == schema_fingerprint()
        store.replace_claims(record.doc, claims_frame([record]))
        assert claims_from_frame(store.claims_df()) == [record]


def test_store_tables_follow_the_column_lists(tmp_path):
    with Store(tmp_path / "c.duckdb") as store:
        for table in (CLAIMS, CONFLICTS, DOCUMENTS):
            rows = store.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table.name],
            ).fetchall()
            assert [name for name, _ in rows][: len(table.names)] == table.names
            types = dict(rows)
            assert {c.name for c in table.columns if c.type is int} == {
                n for n in table.names if types[n] == "BIGINT"
            }


@pytest.mark.parametrize("table", ["claims", "conflicts", "documents"])
def test_validation_suites_take_their_column_lists_from_the_tables(table):
    suite = json.loads((EXPECTATIONS / f"{table}.json").read_text(encoding="utf-8"))
    column_sets = [
        e["kwargs"]["column_set"]
        for e in suite["expectations"]
        if e["type"] == "expect_table_columns_to_match_set"
    ]
    assert column_sets, "the suite checks its columns"
    assert all(set(s) == {"$PARAMETER"} for s in column_sets)  # no column list written out in the suite
    listed = [column_parameters()[s["$PARAMETER"]] for s in column_sets]
    assert sorted(name for names in listed for name in names) == sorted(
        {"claims": CLAIMS, "conflicts": CONFLICTS, "documents": DOCUMENTS}[table].names
    )
