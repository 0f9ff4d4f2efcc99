"""The reconcile stage with a `ReconcileCache` and `ClaimRecords` (a serving process's runs): a store grown
by a document gets the findings a rebuild of the same documents gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import claim

from claims import pipeline
from claims.io.frames import ClaimRecords
from claims.io.store import Store
from claims.reconcile import ReconcileCache
from claims.settings import Settings
from claims.types import Claim, Document


def _claims() -> list[Claim]:
    grant = "In 2023, Japan granted {} to Vietnam through the JAIF for coast guard training."
    increase = (
        "The budget rose from 8.1 billion yen in 2020 to 18.1 billion yen in 2023, an increase of over "
        "225 per cent."
    )
    entities = ("Japan", "Vietnam", "JAIF")
    return [
        *(
            claim(
                value,
                unit="USD",
                subject="JAIF grant to Vietnam",
                entities=entities,
                period=2023,
                doc=doc,
                surface=surface,
                sentence=grant.format(surface),
            )
            for value, doc, surface in (
                (5e6, "a.txt", "$5 million"),
                (5e6, "b.txt", "$5 million"),
                (5e9, "c.txt", "$5 billion"),
            )
        ),
        claim(
            8.1e9,
            unit="JPY",
            subject="OSA budget",
            period=2020,
            doc="c.txt",
            surface="8.1 billion yen",
            sentence=increase,
            sentence_start=200,
        ),
        claim(
            18.1e9,
            unit="JPY",
            subject="OSA budget",
            period=2023,
            doc="c.txt",
            surface="18.1 billion yen",
            sentence=increase,
            sentence_start=200,
        ),
        claim(
            225,
            kind="percent",
            subject="OSA budget",
            qualifier="over",
            doc="c.txt",
            surface="225 per cent",
            sentence=increase,
            sentence_start=200,
        ),
    ]


def _add(store: Store, claims: list[Claim], docs: list[str]) -> None:
    documents = [Document(doc=d, text="", sha256=d) for d in docs]
    extracted = {d: [c for c in claims if c.doc == d] for d in docs}
    pipeline.store_batch(store, documents, extracted, version="v1", sources=[])


def _findings(store: Store) -> list[dict[str, object]]:
    df = store.conflicts_df().drop(columns=["first_seen"], errors="ignore")
    return df.sort_values("conflict_id").astype(str).to_dict("records")


@pytest.mark.parametrize("added", ["c.txt"])
def test_reconcile_cache_grown_store_findings_are_a_rebuilds(tmp_path: Path, added: str) -> None:
    claims = _claims()
    docs = sorted({c.doc for c in claims})
    cache, records = ReconcileCache(), ClaimRecords()
    served = Settings(out_dir=tmp_path / "served")
    with Store(served.db_path) as store:
        _add(store, claims, [d for d in docs if d != added])
        pipeline.reconcile(store, served, cache=cache, records=records)
        _add(store, claims, [added])
        pipeline.reconcile(store, served, cache=cache, records=records)
        grown = _findings(store)
    assert cache.rows.hits == sum(c.doc != added for c in claims)
    assert cache.checked == 1
    assert records.converted == sum(c.doc == added for c in claims)  # the other documents' records kept
    rebuilt = Settings(out_dir=tmp_path / "rebuilt")
    with Store(rebuilt.db_path) as store:
        _add(store, claims, docs)
        pipeline.reconcile(store, rebuilt)
        assert grown == _findings(store)
    assert {row["kind"] for row in grown} >= {"magnitude_mismatch", "arithmetic"}
