"""Claims held as columns (claims.reconcile.columns): the same claims back, field by field and type by type,
and the same findings from `find_conflicts` as the list of `Claim` objects gives, on the seed corpus and on
the synthetic bench set; text columns of the claim table read back the texts written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from factories import claim

from claims.reconcile import columns as columns_module
from claims.reconcile import find_conflicts
from claims.reconcile.columns import ClaimColumns, HeldTexts, TextColumnBuilder, claim_id_of, sentence_keys
from claims.settings import Settings
from claims.types import Claim, Conflict, Kind, Qualifier

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synthetic_claims import generate  # noqa: E402


def fields(conflict: Conflict) -> dict[str, object]:
    """Every field of a finding, `details` included (a Conflict's equality leaves it out)."""
    return dataclasses.asdict(conflict)


def same_values(a: object, b: object) -> bool:
    """Equal, type for type (nan equal to nan)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_values(a[k], b[k]) for k in a)  # type: ignore[attr-defined]
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_values(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return a == b


def odd_claims() -> list[Claim]:
    """Claims whose fields take every shape a column must give back as it was."""
    plain = claim(8.1e9, unit="JPY", subject="OSA budget", surface="8.1 billion yen", period=2025)
    return [
        plain,
        dataclasses.replace(plain, claim_id="range", value=None, value_low=30e6, value_high=34.6e6),
        dataclasses.replace(plain, claim_id="int value", value=3, precision=None),  # an int in a float field
        dataclasses.replace(plain, claim_id="str kind", kind="money", qualifier="approx"),  # type: ignore[arg-type]
        dataclasses.replace(
            plain, claim_id="", period_start=None, period_end=None, as_of=dt.date(2024, 5, 1)
        ),
        dataclasses.replace(plain, claim_id="ünïcode ¥", flags=("table_cell",), entities=("Japan", "Fiji")),
        dataclasses.replace(plain, claim_id="huge", char_start=1 << 70, confidence=float("nan")),
        dataclasses.replace(plain, claim_id="no parties", entities=(), subject="", sentence=""),
        dataclasses.replace(plain, claim_id="odd parties", entities=("a\x1fb", ""), subject=None),  # type: ignore[arg-type]
        dataclasses.replace(plain, claim_id="set parties", entities=frozenset({"Japan"}), char_end=1 << 40),  # type: ignore[arg-type]
    ]


def test_columns_give_back_each_claim_field_by_field_and_type_by_type():
    claims = odd_claims()
    columns = ClaimColumns.from_claims(iter(claims))
    assert len(columns) == len(claims)
    for built in (list(columns), [columns[i] for i in range(len(claims))], columns[:]):
        for original, back in zip(claims, built, strict=True):
            for name in (f.name for f in dataclasses.fields(Claim)):
                assert same_values(getattr(original, name), getattr(back, name)), name
    assert type(columns[3].kind) is str
    assert columns[0].kind is Kind.MONEY
    assert columns[3].qualifier == "approx"
    assert columns[0].qualifier is Qualifier.EXACT
    assert columns[6].claim_id == "huge"
    with pytest.raises(IndexError):
        columns[len(claims)]


def test_columns_read_numbers_and_ids_without_building_claims():
    claims = odd_claims()
    columns = ClaimColumns.from_claims(claims)
    assert columns.column("value")[0] == 8.1e9
    assert columns.present("value").tolist() == [c.value is not None for c in claims]
    assert [columns.values("unit")[k] for k in columns.column("unit")] == [c.unit for c in claims]
    assert [claim_id_of(columns)(r) for r in range(len(claims))] == [c.claim_id for c in claims]
    assert [claim_id_of(claims)(r) for r in range(len(claims))] == [c.claim_id for c in claims]


def test_columns_hold_sentences_subjects_and_parties_as_texts_and_ids_narrow():
    claims = odd_claims()
    columns = ClaimColumns.from_claims(claims)
    for name in ("sentence", "subject", "entities"):
        values = columns.values(name)
        assert isinstance(values, HeldTexts)
        assert [values[k] for k in columns.column(name)] == [getattr(c, name) for c in claims]
    assert type(columns[-1].entities) is frozenset  # kept as given: no text gives a set back
    assert columns[-2].entities == ("a\x1fb", "")
    assert columns[-2].subject is None
    assert columns.column("unit").dtype == np.uint8  # a handful of units: one byte a claim
    assert columns.column("char_start").dtype == np.int32  # every offset fits in 32 bits ("huge" is odd)
    assert columns.column("char_end").dtype == np.int64  # "set parties" ends past 32 bits


@pytest.mark.parametrize("window", [1, 2, 1 << 16])
def test_sentence_keys_equal_if_and_only_if_sentences_equal(monkeypatch, window):
    monkeypatch.setattr(columns_module, "RECENT_VALUES", window)  # a sentence seen again is stored again
    texts = ["Japan gave $5 million.", "Fiji got 3 boats.", "Japan gave $5 million.", "", "Fiji got 3 boats."]
    claims = [dataclasses.replace(odd_claims()[0], sentence=t) for t in texts]
    keys = list(sentence_keys(ClaimColumns.from_claims(claims)))
    assert all(type(k) is int for k in keys)
    assert [keys.index(k) for k in keys] == [texts.index(t) for t in texts]
    assert list(sentence_keys(claims)) == texts


@pytest.mark.parametrize(("window", "held"), [(1, 7), (3, 6), (1 << 16, 4)])
def test_text_column_gives_back_the_texts_whatever_the_window_of_shared_texts(monkeypatch, window, held):
    monkeypatch.setattr(columns_module, "RECENT_VALUES", window)
    texts = ["jaif budget", "", "jaif budget", "grant", "ünïcode ¥", "grant", "jaif budget"]
    builder = TextColumnBuilder()
    builder.extend(texts)
    column = builder.build()
    assert list(column) == texts
    assert [column[i] for i in range(len(texts))] == texts
    assert column.distinct == held  # each text held once, or again once out of the window of recent ones


@pytest.mark.parametrize("seed", [0, 7])
def test_columns_give_the_same_findings_as_objects_on_the_synthetic_set(seed):
    objects = generate(1_500, seed=seed)
    held = generate(1_500, seed=seed, columns=True)
    assert isinstance(held.claims, ClaimColumns)
    assert list(held.claims) == objects.claims
    by_objects = find_conflicts(objects.claims, Settings())
    by_columns = find_conflicts(held.claims, Settings())
    assert len(by_objects) > 50
    assert same_values([fields(c) for c in by_columns], [fields(c) for c in by_objects])


def test_columns_give_the_same_focused_findings_as_objects():
    objects = generate(1_500, seed=3)
    held = ClaimColumns.from_claims(objects.claims)
    focus = {c.claim_id for c in objects.claims[::10]}
    by_objects = find_conflicts(objects.claims, Settings(), focus=focus)
    by_columns = find_conflicts(held, Settings(), focus=focus)
    assert by_objects
    assert same_values([fields(c) for c in by_columns], [fields(c) for c in by_objects])


@pytest.mark.model
def test_columns_give_the_same_findings_as_objects_on_the_seed_corpus(raw_dir: Path, nlp) -> None:
    from claims.extract import extract_documents
    from claims.io.sources import load_documents

    settings = Settings()
    loaded = load_documents(raw_dir, settings, text_dir=None)
    claims = [c for _, found in extract_documents(loaded.documents, nlp, settings) for c in found]
    by_objects = find_conflicts(claims, settings)
    by_columns = find_conflicts(ClaimColumns.from_claims(claims), settings)
    assert len(by_objects) > 20  # findings and possible findings
    assert same_values([fields(c) for c in by_columns], [fields(c) for c in by_objects])


def test_claim_table_text_columns_read_like_lists():
    from claims.lexicon.fx import load_fx_table
    from claims.reconcile import MatchRules
    from claims.reconcile.normalize import build_table, value_key

    claims = generate(400, seed=2).claims
    table = build_table(claims, MatchRules.default(), load_fx_table())
    for name in ("subject", "topic_text", "local", "owner", "head"):
        column = getattr(table, name)
        assert len(column) == len(claims)
        assert all(isinstance(column[r], str) for r in range(len(claims)))
    assert [table.tokens[r] for r in range(5)] == [frozenset(table.subject[r].split()) for r in range(5)]
    keys = table.sentence_key.tolist()
    shared = [r for r in range(len(claims)) if keys.count(keys[r]) > 1]
    assert shared  # stated changes: three figures a sentence
    for r in shared:
        others = [o for o in range(len(claims)) if keys[o] == keys[r] and o != r]
        assert table.siblings[r] == {value_key(table.unit[o], table.point[o]) for o in others}
    alone = next(r for r in range(len(claims)) if keys.count(keys[r]) == 1)
    assert table.siblings[alone] == frozenset()
