"""Units and hedge words (claims.parse.units, claims.parse.qualifiers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.parse.qualifiers import parse_qualifier, qualifier_after, qualifier_before
from claims.parse.units import parse_unit
from claims.types import Kind, Qualifier


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("meters", "meter", Kind.MEASURE),
        ("metres", "meter", Kind.MEASURE),
        ("km", "kilometer", Kind.MEASURE),
        ("MW", "megawatt", Kind.MEASURE),
        ("hours", "hour", Kind.MEASURE),
        ("years", "year", Kind.MEASURE),
        ("tonnes", "tonne", Kind.MEASURE),
        ("nautical miles", "nautical mile", Kind.MEASURE),
        ("%", "percent", Kind.PERCENT),
        ("per cent", "percent", Kind.PERCENT),
        ("percent", "percent", Kind.PERCENT),
        ("percentage points", "percentage point", Kind.PERCENT),
        ("times", "times", Kind.MULTIPLIER),
        ("fold", "times", Kind.MULTIPLIER),
        ("yen", "JPY", Kind.MONEY),
    ],
)
def test_parse_unit_maps_to_canonical_names(text, name, kind):
    unit = parse_unit(text)
    assert unit is not None
    assert (unit.name, unit.kind) == (name, kind)


@pytest.mark.parametrize("text", ["vessels", "", None, "Km/h/x", "people"])
def test_parse_unit_rejects_nouns(text):
    assert parse_unit(text) is None


@pytest.mark.parametrize(
    ("cue", "qualifier"),
    [
        ("over", Qualifier.OVER),
        ("more than", Qualifier.OVER),
        ("approximately", Qualifier.APPROX),
        ("about", Qualifier.APPROX),
        ("around", Qualifier.APPROX),
        ("nearly", Qualifier.APPROX),
        ("almost", Qualifier.APPROX),
        ("roughly", Qualifier.APPROX),
        ("some", Qualifier.APPROX),
        ("~", Qualifier.APPROX),
        ("c.", Qualifier.APPROX),
        ("up to", Qualifier.UP_TO),
        ("at least", Qualifier.AT_LEAST),
        ("less than", Qualifier.UNDER),
        ("under", Qualifier.UNDER),
        ("below", Qualifier.UNDER),
        ("Up To", Qualifier.UP_TO),
    ],
)
def test_parse_qualifier_maps_cues(cue, qualifier):
    assert parse_qualifier(cue) is qualifier


@pytest.mark.parametrize(
    ("left", "qualifier"),
    [
        ("Japan gave over ", Qualifier.OVER),
        ("ranging ~", Qualifier.APPROX),
        ("total of ~\\", Qualifier.APPROX),
        ("an increase of more than ", Qualifier.OVER),
        ("(c. ", Qualifier.APPROX),
        ("at least ", Qualifier.AT_LEAST),
    ],
)
def test_qualifier_before_reads_the_cue_ending_the_text(left, qualifier):
    found = qualifier_before(left)
    assert found is not None
    assert found[1] is qualifier


@pytest.mark.parametrize("left", ["a total of ", "etc. ", "moreover ", "", "the cover "])
def test_qualifier_before_ignores_non_cues(left):
    assert qualifier_before(left) is None


def test_qualifier_after_reads_trailing_cues():
    assert qualifier_after(" or more vessels") == ("or more", Qualifier.AT_LEAST)
    assert qualifier_after(" or so.") == ("or so", Qualifier.APPROX)
    assert qualifier_after(" ordinary") is None


@given(st.text(max_size=60))
def test_unit_and_qualifier_parsers_never_raise(text):
    parse_unit(text)
    parse_qualifier(text)
    qualifier_before(text)
    qualifier_after(text)
