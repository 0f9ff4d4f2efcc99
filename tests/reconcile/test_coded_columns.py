"""Columns of few distinct values held as codes (claims.reconcile.columns.Coded): the claim table's families,
units, companion units and clause word sets read back as each row's own value, rows compared on codes."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from claims.context.facets import measures_of
from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules
from claims.reconcile.columns import CodedTextsBuilder, SharedObjectsBuilder
from claims.reconcile.normalize import build_table, dimension

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synthetic_claims import generate  # noqa: E402


@pytest.mark.parametrize(
    ("texts", "dtype"),
    [
        pytest.param(["USD", "JPY", "USD", ""], "uint8", id="few"),
        pytest.param([f"unit{k % 300}" for k in range(900)], "uint16", id="more-than-256"),
        pytest.param([], "uint8", id="empty"),
    ],
)
def test_coded_texts_read_back_as_written(texts, dtype):
    builder = CodedTextsBuilder()
    builder.extend(texts)
    column = builder.build()
    assert list(column) == texts
    assert [column[r] for r in range(len(texts))] == texts
    assert column.codes.dtype.name == dtype
    codes = column.codes.tolist()
    assert all((codes[a] == codes[b]) == (texts[a] == texts[b]) for a in range(len(texts)) for b in range(a))
    assert len(builder) == 0  # the builder starts over


@pytest.mark.parametrize("rows", [pytest.param(5, id="five")])
def test_shared_objects_give_back_each_rows_own_object(rows):
    first, equal = frozenset({"seats", "won"}), frozenset(["won", "seats"])  # equal, not the same object
    given = [first, equal, first, frozenset(), equal][:rows]
    builder = SharedObjectsBuilder[frozenset[str]]()
    for value in given:
        builder.append(value)
    column = builder.build()
    assert all(column[r] is given[r] for r in range(rows))
    assert column.codes.tolist() == [0, 1, 0, 2, 1]


@pytest.mark.parametrize("seed", [pytest.param(1, id="seed-1")])
def test_claim_table_coded_columns_hold_each_rows_values(seed):
    claims = generate(600, seed=seed).claims
    table = build_table(claims, MatchRules.default(), load_fx_table())
    n = len(claims)
    assert [(table.family[r], table.unit[r]) for r in range(n)] == [dimension(c)[:2] for c in claims]
    units = [table.unit[r] for r in range(n)]
    codes = table.unit.codes.tolist()
    pairs = [(a, b) for a in range(0, n, 7) for b in range(0, n, 11)]
    assert all((codes[a] == codes[b]) == (units[a] == units[b]) for a, b in pairs)
    assert {table.unit[r] for r in range(n)} >= {table.companion_unit[r] for r in range(n)} - {""}
    assert any(table.companion_unit[r] for r in range(n))  # stated changes: a level beside each change
    for r in range(n):
        words = table.clause_words[r]
        norm = math.sqrt(sum(table.clause_idf[t] ** 2 for t in words)) or 1.0
        assert table.clause_norm[r] == norm
        assert table.interned[int(table.measures_id[r])] == measures_of(words)
    assert table.role.dtype == np.int32
    assert table.role_count.dtype == np.int32


@pytest.mark.parametrize("seed", [pytest.param(2, id="seed-2")])
def test_scored_pairs_give_back_the_features_they_were_scored_on(seed):
    from claims.reconcile import engine
    from claims.reconcile.scoring import PairFeatures, pair_features

    rules = MatchRules.default()
    table = build_table(generate(1500, seed=seed).claims, rules, load_fx_table())
    scored = engine.score_pairs(table, rules)
    stored = [k for k in range(len(scored.i)) if scored.features[k] is not None]
    assert stored  # planted contradictions: scored pairs
    assert not scored.features.odd  # every pair's features held as floats
    for k in stored[:40]:
        features = scored.features[k]
        assert features is not None
        again = pair_features(
            table,
            int(scored.i[k]),
            int(scored.j[k]),
            subject_score=float(scored.score[k]),
            cosine=float(scored.cosine[k]),
            kind=engine.KIND_OF[engine.Outcome(int(scored.outcome[k]))].value,
            rules=rules,
            rule_linked=bool(features["rule_linked"]),  # the rules' link is not kept apart
        )
        assert features == again
        assert list(features) == list(again)
    held = PairFeatures(2)
    held.store(0, {"subject": 1, "topic": 0.5})  # another shape: kept as given
    assert held[0] == {"subject": 1, "topic": 0.5}
    assert held[1] is None
