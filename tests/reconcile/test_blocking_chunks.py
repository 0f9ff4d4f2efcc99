"""Bounded memory: value blocking ranks in chunks, candidate pairs come a slice of first rows at a time and
matching runs in slices, with the same pairs as in one go (claims.reconcile.blocking.value_pairs,
claims.reconcile.blocking.candidate_pairs, claims.reconcile.engine.score_pairs); equal rows of the claim
table are held once (claims.reconcile.normalize.build_table). On claims written here."""

from __future__ import annotations

import numpy as np
import pytest
from factories import claim

from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules, blocking, engine
from claims.reconcile.columns import TextColumn
from claims.reconcile.normalize import build_table
from claims.types import Claim

RULES = MatchRules.default()


WORDINGS = ("Officials put", "The ministry set", "A later audit gave", "Planners estimated")


def harbour_claims() -> list[Claim]:
    """Budgets of three harbours in sixty documents: close values, slips of a thousand, two years."""
    claims = []
    for k in range(60):
        value = (120.0 + 3 * k) * (1000.0 if k % 9 == 0 else 1.0) * 1e6
        harbour = ("Kalomi", "Rasetu", "Banoke")[k % 3]
        surface = f"${value / 1e6:g} million"
        claims.append(
            claim(
                value,
                unit="USD",
                subject=f"{harbour} harbour budget",
                surface=surface,
                sentence=f"{WORDINGS[k % 4]} the {harbour} harbour budget at {surface}.",
                doc=f"report_{k}.txt",
                period=2023 + k % 2,
            )
        )
    return claims


@pytest.mark.parametrize("chunk", [1, 7, 25])
@pytest.mark.parametrize("focused", [False, True])
def test_blocking_value_pairs_same_in_any_chunk(monkeypatch, chunk, focused):
    table = build_table(harbour_claims(), RULES, load_fx_table())
    focus = np.arange(len(table)) % 4 == 0 if focused else None
    whole = blocking.value_pairs(table, RULES, focus)
    monkeypatch.setattr(blocking, "VALUE_CHUNK", chunk)
    chunked = blocking.value_pairs(table, RULES, focus)
    assert len(whole[0]) > blocking.VALUE_NEIGHBOURS
    assert all(np.array_equal(a, b) for a, b in zip(whole, chunked, strict=True))


@pytest.mark.parametrize("sources", [1, 5, 13])
@pytest.mark.parametrize("focused", [False, True])
def test_blocking_value_pairs_same_whatever_sources_are_ranked_at_a_time(
    monkeypatch, caplog, sources, focused
):
    table = build_table(harbour_claims(), RULES, load_fx_table())
    focus = np.arange(len(table)) % 4 == 0 if focused else None
    monkeypatch.setattr(blocking, "VALUE_CHUNK", 25)  # a chunk offered to by the slips a thousand below
    with caplog.at_level("INFO", logger=blocking.__name__):
        whole = blocking.value_pairs(table, RULES, focus)
        monkeypatch.setattr(blocking, "OFFER_SOURCES", sources)
        batched = blocking.value_pairs(table, RULES, focus)
    assert len(whole[0]) > blocking.VALUE_NEIGHBOURS
    assert all(np.array_equal(a, b) for a, b in zip(whole, batched, strict=True))
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("value blocking")]
    assert len(logged) == 2
    assert logged[0] == logged[1]  # the same claims counted as having more neighbours than kept
    assert "(0 claims" not in logged[0]


@pytest.mark.parametrize("pair_rows", [1, 7, 25])
@pytest.mark.parametrize("focused", [False, True])
def test_blocking_candidate_pairs_same_in_any_slice_of_rows(monkeypatch, pair_rows, focused):
    table = build_table(harbour_claims(), RULES, load_fx_table())
    focus = np.arange(len(table)) % 4 == 0 if focused else None
    whole = blocking.candidate_pairs(table, RULES, focus)
    monkeypatch.setattr(blocking, "PAIR_ROWS", pair_rows)
    sliced = blocking.candidate_pairs(table, RULES, focus)
    assert len(whole[0]) > pair_rows
    assert all(np.array_equal(a, b) for a, b in zip(whole, sliced, strict=True))


@pytest.mark.parametrize("pair_chunk", [1, 10])
def test_engine_score_pairs_same_in_any_slice(monkeypatch, pair_chunk):
    table = build_table(harbour_claims(), RULES, load_fx_table())
    whole = engine.score_pairs(table, RULES)
    monkeypatch.setattr(engine, "PAIR_CHUNK", pair_chunk)
    sliced = engine.score_pairs(table, RULES)
    assert len(whole.i) > pair_chunk
    for name in ("i", "j", "score", "same", "outcome", "severity", "rel"):
        assert np.array_equal(getattr(whole, name), getattr(sliced, name)), name
    assert np.array_equal(whole.cosine, sliced.cosine, equal_nan=True)
    assert np.array_equal(whole.probability, sliced.probability, equal_nan=True)
    assert list(whole.features) == list(sliced.features)


@pytest.mark.parametrize("column", ["near_words", "clause_words", "local", "topic", "topic_text", "tokens"])
def test_normalize_equal_rows_share_one_object(column):
    # one sentence restated in two documents: its words are held once, whatever the number of rows
    claims = [
        claim(
            value,
            unit="USD",
            subject="Kalomi harbour budget",
            surface=f"${value / 1e6:g} million",
            sentence=f"Officials put the Kalomi harbour budget at ${value / 1e6:g} million.",
            doc=f"report_{k}.txt",
            period=2024,
        )
        for k, value in enumerate((120e6, 120e6, 150e6))
    ]
    table = build_table(claims, RULES, load_fx_table())
    rows = getattr(table, column)
    held = getattr(rows, "texts", rows)  # word sets held as their joined words are read back as sets
    assert rows[0] == rows[1] == rows[2]
    if isinstance(held, TextColumn):  # texts held once as UTF-8, each row an id into them
        assert held.distinct == 1
    else:
        assert held[0] is held[1] is held[2]
