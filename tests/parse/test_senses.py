"""Unit symbols with several senses, read from the words of their sentence.

Sentences written for this file."""

from __future__ import annotations

import pytest

from claims.lexicon.units import SYMBOL_SENSES
from claims.parse.scan import scan


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("Each supercapacitor cell holds 350 F at 2.7 volts.", "350 F", "farad"),
        ("By noon it was 88F and humid.", "88F", "degree fahrenheit"),
        ("Lead melts at 327 C.", "327 C", "degree celsius"),
        ("She set a course record over 10K in the road race.", "10K", "kilometer"),
        ("A ticket for the ferry costs 40 kn one way.", "40 kn", "HRK"),
        ("Winds of 45 kn battered the yacht.", "45 kn", "knot"),
        ("A loaf of bread costs 17 R in Durban.", "17 R", "ZAR"),
        ("She paid 35 pounds for a return ticket.", "35 pounds", "GBP"),
        ("The parcel weighed 35 pounds.", "35 pounds", "pound"),
        ("The crane lifts 900 pounds.", "900 pounds", "pound"),  # nothing says money: mass
    ],
)
def test_scan_reads_a_symbol_in_the_sense_its_sentence_gives(text, surface, unit):
    assert [(c.surface(text), c.unit) for c in scan(text)][:1] == [(surface, unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The video drew 40K views.", [("40K", 40000.0, "count")]),  # no running words: thousands
        ("Grade 3 C pupils sat the test.", []),  # a spaced letter without a subject is no unit
    ],
)
def test_scan_keeps_the_context_free_reading_without_cue_words(text, expected):
    assert [(c.surface(text), float(c.value), c.unit) for c in scan(text)] == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("symbol", sorted(SYMBOL_SENSES))
def test_symbol_senses_are_units_or_currency_codes_with_cue_words(symbol):
    for name, cues in SYMBOL_SENSES[symbol]:
        assert cues
        assert all(c == c.lower() for c in cues)
        assert (len(name) == 3 and name.isupper()) or name == name.lower()
