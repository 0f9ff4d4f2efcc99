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
