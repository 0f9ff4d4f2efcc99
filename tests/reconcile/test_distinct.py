"""Distinct per-row values held as texts (claims.reconcile.distinct) and value blocking's in-place merge of
pair keys: exact ids whatever the look-up window or hash collisions, sets read back as they went in, the
claim table's masked sentences and party sets read through it, and the merge equal to `np.unique`."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from claims.lexicon.fx import load_fx_table
from claims.reconcile import blocking
from claims.reconcile import columns as columns_module
from claims.reconcile import distinct as distinct_module
from claims.reconcile.distinct import DistinctSets, DistinctTextsBuilder, joined_set
from claims.reconcile.normalize import build_table
from claims.reconcile.restated import masked
from claims.reconcile.rules import MatchRules
from claims.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synthetic_claims import generate  # noqa: E402


@pytest.mark.parametrize("window", [1, 2, 1 << 16])
def test_distinct_texts_give_one_id_per_text_whatever_the_window(monkeypatch, window):
    monkeypatch.setattr(columns_module, "RECENT_VALUES", window)
    texts = ["in 0, gdp rose 0%.", "", "exports: 0 units", "in 0, gdp rose 0%.", "", "é 0 ¥", "é 0 ¥"]
    builder = DistinctTextsBuilder()
    builder.extend(texts)
    ids, column = builder.build()
    assert [column[int(k)] for k in ids] == texts
    for a, text_a in enumerate(texts):
        for b, text_b in enumerate(texts):
            assert (ids[a] == ids[b]) == (text_a == text_b)


def test_distinct_texts_keep_texts_apart_when_their_hashes_collide(monkeypatch):
    monkeypatch.setattr(columns_module, "RECENT_VALUES", 1)
    monkeypatch.setattr(distinct_module, "hash", lambda data: 7, raising=False)  # every text collides
    builder = DistinctTextsBuilder()
    builder.extend(["a", "b", "a", "c", "b"])
    ids, column = builder.build()
    assert [column[int(k)] for k in ids] == ["a", "b", "a", "c", "b"]
    assert ids.tolist() == [0, 1, 0, 3, 1]


@pytest.mark.parametrize(
    "words",
    [frozenset(), frozenset({""}), frozenset({"japan"}), frozenset({"kalo facility", "japan", "osa"})],
)
def test_distinct_sets_read_back_the_set_written(words):
    builder = DistinctTextsBuilder()
    builder.extend([joined_set(words), joined_set(frozenset({"other"}))])
    ids, column = builder.build()
    assert DistinctSets(column)[int(ids[0])] == words
    assert ids[0] != ids[1]


def test_claim_table_reads_masked_sentences_and_party_sets_by_exact_id(monkeypatch):
    monkeypatch.setattr(columns_module, "RECENT_VALUES", 8)  # equal values far apart still share an id
    claims = generate(1_000, seed=1, columns=True).claims
    table = build_table(claims, MatchRules.from_settings(Settings()), load_fx_table())
    shapes = [masked(claim.sentence) for claim in claims]
    assert [table.shapes[int(k)] for k in table.shape_id] == shapes
    first: dict[str, int] = {}
    for row, shape in enumerate(shapes):
        assert table.shape_id[first.setdefault(shape, row)] == table.shape_id[row]
    assert len(set(table.shape_id.tolist())) == len(set(shapes))
    for ids, values in ((table.places_id, table.places), (table.names_id, table.names)):
        read = [values[int(k)] for k in ids]
        assert len(set(ids.tolist())) == len(set(read))  # one id per distinct set, whatever the distance
    assert any(table.places[int(k)] for k in table.places_id)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merged_pair_keys_are_np_unique_of_the_parts(monkeypatch, seed):
    monkeypatch.setattr(blocking, "MERGE_SLICE", 5)
    rng = np.random.default_rng(seed)
    for _ in range(50):
        parts = [rng.integers(0, 40, int(rng.integers(0, 30))).astype(np.int64) for _ in range(3)]
        expected = np.unique(np.concatenate(parts))
        assert np.array_equal(blocking._sorted_unique([p.copy() for p in parts]), expected)
        view = np.arange(60, dtype=np.int64)[::3]  # a first part that does not own its memory
        assert np.array_equal(
            blocking._sorted_unique([view, *parts]), np.unique(np.concatenate([view, *parts]))
        )
