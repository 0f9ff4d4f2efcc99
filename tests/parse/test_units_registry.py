"""The unit layers of claims.parse.units: reviewed lexicon, domain layer, then pint's registry."""

from __future__ import annotations

import pytest

from claims.parse.units import is_unit_name, parse_unit, registry_unit, unit_name
from claims.types import Kind

pytest.importorskip("pint")  # the registry layer (the lexicon layers are tested in test_scan_general)


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("kWh", "kilowatt hour"),  # the lexicon wins over the registry
        ("mAh", "milliampere hour"),
        ("MHz", "megahertz"),
        ("nF", "nanofarad"),
        ("kJ", "kilojoule"),
        ("mL", "milliliter"),
        ("Gt", "gigatonne"),
        ("kilopascals", "kilopascal"),
        ("m/s", "meter per second"),
        ("µg/m³", "microgram per cubic meter"),
        ("km²", "square kilometer"),
        ("bhp", "brake horsepower"),
        ("MPH", "mile per hour"),
        ("light-years", "light year"),
    ],
)
def test_unit_name_reads_symbols_words_and_compounds(token, name):
    assert unit_name(token) == name


@pytest.mark.parametrize(
    "token", ["in", "at", "a", "hand", "points", "bar", "pc", "K", "G", "people", "km/people"]
)
def test_unit_name_refuses_everyday_words_and_odd_letters(token):
    assert unit_name(token) is None


@pytest.mark.parametrize(("token", "name"), [("atm", None), ("dB", "decibel"), ("amps", "ampere")])
def test_registry_unit_keeps_only_listed_bases_and_prefixes(token, name):
    assert registry_unit(token) == name


@pytest.mark.parametrize(
    ("text", "kind"),
    [("GHz", Kind.MEASURE), ("PS", Kind.MEASURE), ("euros", Kind.MONEY), ("%", Kind.PERCENT)],
)
def test_parse_unit_kind_of_each_layer(text, kind):
    unit = parse_unit(text)
    assert unit is not None
    assert unit.kind is kind


@pytest.mark.parametrize(
    ("name", "known"),
    [("kilowatt hour", True), ("gigahertz", True), ("kilogram per cubic meter", True),
     ("point per game", True), ("square kilometer", True), ("patrol vessel", False), ("", False)],
)  # fmt: skip
def test_is_unit_name_knows_every_name_the_layers_give(name, known):
    assert is_unit_name(name) is known
