"""Names in quantity records: units in the ontology's spelling, ages, counted nouns in the singular."""

from __future__ import annotations

import pytest

from claims.parse.record_units import age_unit_name, record_unit_name, singular_noun, singular_noun_phrase
from claims.parse.units import parse_unit


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("km/h", "kilometre per hour"),
        ("µm", "micrometre"),
        ("mAh", "milliampere-hour"),
        ("rpm", "revolutions per minute"),
        ("Nm", "newton metre"),
        ("ml", "millilitre"),
        ("sq km", "square kilometre"),
        ("ppm", "parts-per-million"),
        ("miles", "mile"),
        ("per cent", "percent"),
    ],
)
def test_record_unit_name_spells_a_read_unit_as_the_ontology(written, name):
    unit = parse_unit(written)
    assert unit is not None
    assert record_unit_name(unit.name) == name


@pytest.mark.parametrize(
    ("unit", "age"), [("year", "year of age"), ("month", "month of age"), ("mile", None)]
)
def test_age_unit_name_only_for_time_units(unit, age):
    assert age_unit_name(unit) == age


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("turbines", "turbine"),
        ("batteries", "battery"),
        ("churches", "church"),
        ("taxes", "tax"),
        ("gunmen", "gunman"),
        ("women", "woman"),
        ("children", "child"),
        ("calories", "calorie"),
        ("avalanches", "avalanche"),
        ("tomatoes", "tomato"),
        ("canoes", "canoe"),
        ("campuses", "campus"),
        ("houses", "house"),
        ("people", "people"),
        ("species", "species"),
        ("specimen", "specimen"),
        ("Canadians", "Canadians"),
        ("MPs", "MPs"),
    ],
)
def test_singular_noun_of_regular_and_irregular_plurals(plural, singular):
    assert singular_noun(plural) == singular


@pytest.mark.parametrize(
    ("phrase", "singular"),
    [("new wind farms", "new wind farm"), ("smaller rental properties", "smaller rental property"), ("", "")],
)
def test_singular_noun_phrase_puts_the_head_in_the_singular(phrase, singular):
    assert singular_noun_phrase(phrase) == singular
