"""Publishing a part at a time: the tables a set publishes from the database in parts are the tables of the
whole frames (the CSV byte for byte, the Parquet content), neutralised in every part, with the decisions
applied to every finding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from factories import claim

from claims.io import export
from claims.io.decisions import DecisionStore
from claims.io.frames import claims_frame, conflicts_frame, normalise_claims_frame, rank_conflicts
from claims.io.store import Store
from claims.pipeline.publishing import tables_from_store, write_store_tables
from claims.report.exports import formula_like
from claims.types import Conflict, ConflictKind, Severity

N_CLAIMS = 4500  # parts of 2,048 rows: three parts of claims
N_FINDINGS = 2200  # two parts of findings
PART = 2048


def _claims() -> pd.DataFrame:
    rows = []
    for i in range(N_CLAIMS):
        sentence = f"Grant {i} was ¥{i} million." if i != 4000 else '=HYPERLINK("http://x") ¥4000 million.'
        rows.append(
            claim(
                i * 1e6,
                surface=f"¥{i} million",
                sentence=sentence,
                doc=f"doc_{i % 7}.txt",
                unit="JPY",
                period=2020 + i % 5,
                subject="@grant" if i == 3000 else "grant",
                sentence_start=i * 40,
            )
        )
    return claims_frame(rows)


def _conflicts(claims: pd.DataFrame) -> pd.DataFrame:
    ids = claims["claim_id"].tolist()
    found = [
        Conflict(
            conflict_id=f"f{i:06d}",
            kind=ConflictKind.VALUE_MISMATCH,
            severity=list(Severity)[i % 3],
            claim_a=ids[i],
            claim_b=ids[i + 1] if i % 9 else None,
            topic="grant" if i != 2100 else "-cmd|' /C calc'!A0",
            period="2024",
            relative_difference=0.5,
            explanation=f"finding {i}",
            score=(i * 37 % 101) / 101,
            pair_ids=(f"old{i:06d}",),
        )
        for i in range(N_FINDINGS)
    ]
    return conflicts_frame(found, claims)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "claims.duckdb"
    claims = _claims()
    with Store(path) as store, store.transaction():
        for doc, rows in claims.groupby("doc", sort=False):
            store.replace_claims(str(doc), rows)
        store.replace_conflicts(_conflicts(claims))
        held = [("claims", claims.loc[10, "claim_id"]), ("conflicts", "f000500")]
        quarantine = [
            {
                "tbl": tbl,
                "row_id": row_id,
                "doc": "",
                "expectation": "x",
                "severity": "critical",
                "reason": "x",
            }
            for tbl, row_id in held
        ]
        store.replace_quarantine(pd.DataFrame(quarantine))
    return path


def _decisions(folder: Path, conflicts: pd.DataFrame) -> DecisionStore:
    decisions = DecisionStore(folder / "decisions.sqlite")
    decided = conflicts[conflicts["conflict_id"].isin(["f000003", "f002150"])]
    decisions.record(decided.to_dict("records"), status="confirmed", reviewer="Ana", note="=1+2")
    return decisions


def test_publishing_tables_in_parts_are_the_whole_tables(db: Path, tmp_path: Path) -> None:
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    with Store(db) as store:
        tables = tables_from_store(store, [])
        decisions = _decisions(tmp_path, tables.conflicts)  # no decision moves: applying twice is the same
        decided = decisions.apply(tables.conflicts, new_ids=["f000007"])
        export.write_table(whole, "claims", tables.claims)
        export.write_table(whole, "conflicts", decided)
        written = write_store_tables(parts, store, decisions, new_ids=["f000007"], rows=PART)
    assert len(tables.claims) == N_CLAIMS - 1  # one quarantined
    with Store(db) as store:  # what a run's summary counts, counted in the database
        assert store.published_claim_count() == len(tables.claims)
    assert tables.claims["doc"].is_monotonic_increasing
    # the SQL order and filter are the frames' own (`rank_conflicts`, `normalise_claims_frame`)
    pd.testing.assert_frame_equal(
        tables.conflicts, rank_conflicts(tables.conflicts.sample(frac=1, random_state=0))
    )
    pd.testing.assert_frame_equal(
        tables.claims, normalise_claims_frame(tables.claims.sample(frac=1, random_state=0))
    )
    assert pq_row_groups(parts / "claims.parquet") == 3
    pd.testing.assert_frame_equal(written, decided)
    for name in ("claims", "conflicts"):
        assert (parts / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name
        pd.testing.assert_frame_equal(
            pd.read_parquet(parts / f"{name}.parquet"), pd.read_parquet(whole / f"{name}.parquet")
        )
    assert written.set_index("conflict_id").loc["f000003", "status"] == "confirmed"
    assert written.set_index("conflict_id").loc["f000007", "new"]


def pq_row_groups(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).num_row_groups


def test_publishing_tables_in_parts_stay_neutralised(db: Path, tmp_path: Path) -> None:
    """The formula-like cells sit in the second and third parts: each is quoted in the CSV, raw in Parquet."""
    with Store(db) as store:
        decisions = DecisionStore(tmp_path / "decisions.sqlite")
        write_store_tables(tmp_path, store, decisions, new_ids=None, rows=PART)
    claims_csv = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    conflicts_csv = pd.read_csv(tmp_path / "conflicts.csv", dtype=str, keep_default_na=False)
    for df in (claims_csv, conflicts_csv):
        assert not [v for column in df for v in df[column] if formula_like(v)]
    assert '\'=HYPERLINK("http://x") ¥4000 million.' in set(claims_csv["sentence"])
    assert "'@grant" in set(claims_csv["subject"])
    assert "'-cmd|' /C calc'!A0" in set(conflicts_csv["topic"])
    assert '=HYPERLINK("http://x") ¥4000 million.' in set(
        pd.read_parquet(tmp_path / "claims.parquet")["sentence"]
    )
