from __future__ import annotations

import pandas as pd
import pytest
from factories import claim

from claims.errors import StoreError
from claims.io import export
from claims.io.frames import (
    CLAIM_CONTRACT,
    CONFLICT_CONTRACT,
    claims_frame,
    conflicts_frame,
)
from claims.io.store import Store
from claims.pipeline import claims_from_frame
from claims.types import Claim, Conflict, ConflictKind, Severity, make_conflict_id


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


def test_store_reviews_survive_replacing_conflicts(tmp_path, pair):
    a, b = pair
    claims_df = claims_frame(pair)
    conflicts_df = conflicts_frame([_conflict(a, b)], claims_df)
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_claims("a.txt", claims_df[claims_df["doc"] == "a.txt"])
        store.replace_conflicts(conflicts_df)
        store.record_review(conflicts_df.loc[0, "conflict_id"], status="confirmed", note="checked")
    with Store(tmp_path / "c.duckdb") as store:  # a new run recomputes the same finding
        stored = store.replace_conflicts(conflicts_df)
        assert stored.loc[0, "status"] == "confirmed"
        assert store.conflicts_df().loc[0, "review_note"] == "checked"


def test_store_review_reopens_when_evidence_changes(tmp_path, pair):
    a, b = pair
    claims_df = claims_frame(pair)
    conflicts_df = conflicts_frame([_conflict(a, b)], claims_df)
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_conflicts(conflicts_df)
        store.record_review(conflicts_df.loc[0, "conflict_id"], status="dismissed", note="same figure")
        changed = conflicts_df.assign(evidence="something else")
        stored = store.replace_conflicts(changed)
        assert stored.loc[0, "status"] == "open"
        assert "re-opened" in stored.loc[0, "review_note"]
        assert len(store.review_history(conflicts_df.loc[0, "conflict_id"])) == 1


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


def test_store_review_follows_a_finding_whose_claims_were_edited(tmp_path, pair):
    a, b = pair
    conflicts_df = conflicts_frame([_conflict(a, b)], claims_frame(pair))
    old_id = conflicts_df.loc[0, "conflict_id"]
    edited = _claim("b.txt", "¥18.2 billion", 18.2e9, sentence="It cost ¥18.2 billion.")
    new_df = conflicts_frame([_conflict(a, edited)], claims_frame([a, edited]))
    assert new_df.loc[0, "conflict_id"] != old_id
    with Store(tmp_path / "c.duckdb") as store:
        store.replace_conflicts(conflicts_df)
        store.record_review(old_id, status="dismissed", note="same survey")
        stored = store.replace_conflicts(new_df)
        assert stored.loc[0, "status"] == "open"
        assert "dismissed" in stored.loc[0, "review_note"]
        history = store.review_history(new_df.loc[0, "conflict_id"])
        assert history["status"].tolist() == ["dismissed", "open"]
        again = store.replace_conflicts(new_df)  # the next run keeps it open, not dismissed
        assert again.loc[0, "status"] == "open"
