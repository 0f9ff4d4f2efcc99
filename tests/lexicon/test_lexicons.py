"""Lexicon tables are consistent and the generated ISO table matches its source."""

from __future__ import annotations

import re

import pycountry
import pytest

from claims.lexicon import currencies, numbers, qualifiers, units
from claims.types import Qualifier


def test_iso_codes_regenerate_from_pycountry():
    assert currencies.iso_codes() == frozenset(c.alpha_3 for c in pycountry.currencies)
    assert currencies.usable_iso_codes() <= currencies.iso_codes()


_CODES = set(currencies.PREFIX_SYMBOLS.values()) | set(currencies.CURRENCY_WORDS.values())


@pytest.mark.parametrize("code", sorted(_CODES))
def test_currency_tables_point_to_real_iso_codes(code):
    assert code in currencies.iso_codes()


@pytest.mark.parametrize("word", sorted(currencies.CURRENCY_WORDS))
def test_currency_words_are_lowercase_keys(word):
    assert word == word.lower()


@pytest.mark.parametrize("name", sorted(set(units.UNIT_WORDS.values()) | set(units.UNIT_SYMBOLS.values())))
def test_unit_names_are_singular_lowercase(name):
    assert name == name.lower()
    assert not re.search(r"(?<!s)s$", name) or name.endswith(("celsius",))


def test_scales_are_powers_of_ten():
    for factor in list(numbers.SCALES.values()) + list(numbers.SCALE_LETTERS.values()):
        assert factor == 10 ** (len(str(int(factor))) - 1)


@pytest.mark.parametrize("cue", sorted(qualifiers.BEFORE) + sorted(qualifiers.AFTER))
def test_qualifier_cues_map_to_qualifiers(cue):
    value = qualifiers.BEFORE.get(cue) or qualifiers.AFTER.get(cue)
    assert isinstance(value, Qualifier)
    assert value is not Qualifier.EXACT


def _ontology_record_names() -> dict[str, str]:
    """`units.RECORD_UNIT_NAMES` regenerated from quantulum3's unit ontology (the names CQE's records use):
    every ontology unit our unit layers can name, whose name is not our name in international spelling."""
    import json
    from importlib import resources

    from claims.parse.units import is_unit_name

    pytest.importorskip("quantulum3")
    ontology = json.loads(resources.files("quantulum3").joinpath("units.json").read_text(encoding="utf-8"))
    us = {british: american for american, british in units.INTERNATIONAL_SPELLINGS.items()}
    table = {}
    for name in ontology:
        ours = name.lower().replace("-", " ")
        for british, american in us.items():
            ours = ours.replace(british, american)
        top, per, bottom = ours.partition(" per ")
        ours = (top[:-1] if per and top.endswith("s") else top) + per + bottom  # "revolutions per minute"
        spelled = ours
        for american, british in units.INTERNATIONAL_SPELLINGS.items():
            spelled = spelled.replace(american, british)
        if is_unit_name(ours) and spelled != name.lower():
            table[ours] = name
    return table


def test_record_unit_names_regenerate_from_the_unit_ontology():
    assert _ontology_record_names() == units.RECORD_UNIT_NAMES
