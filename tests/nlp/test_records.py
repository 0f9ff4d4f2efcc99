"""`quantity_record`: one input text -> the `claims quantities` record (every mention, claim or not).

Sentences written for this file. The statistical pipeline is not loaded: `spacy.blank` is enough for the
record's contract (the parser only refines counts).
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.nlp.quantities import RECORD_FIELDS, find_quantities, quantity_record


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carriers sold 5G plans for $30 a month.", [("5G", False, "name"), ("$30", True, None)]),
        ("One engineer fixed 14 turbines.", [("One", False, "one_word_count"), ("14", True, None)]),
        ("Output fell over the past three years.", [("three years", False, "time_reference")]),
        (
            "Ms Lind, 61, flew a six-seat plane.",
            [("61", False, "age"), ("six", False, "compound_modifier")],
        ),
    ],
)
def test_quantity_record_marks_non_claims_with_a_reason(text, expected, blank):
    record = quantity_record(text, blank)
    assert record["text"] == text
    assert [(q["surface"], q["claim"], q["reason"]) for q in record["quantities"]] == expected


@pytest.mark.parametrize(
    "text",
    ["Carriers sold 5G plans for $30 a month.", "One engineer fixed 14 turbines.", "Ms Lind, 61, flew."],
)
def test_quantity_record_claims_are_what_the_claims_stage_keeps(text, blank):
    claims = [(q["start"], q["end"]) for q in quantity_record(text, blank)["quantities"] if q["claim"]]
    assert claims == [(q.start, q.end) for q in find_quantities(blank(text))]


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit"),
    [
        ("The fee is 45 cents.", 45.0, None, None, "USD cent"),
        ("Shares closed at 212.5p.", 212.5, None, None, "GBP penny"),
        ("Half of the seats were empty.", 0.5, None, None, "fraction"),
        ("Thousands of fans came.", None, 1000.0, 10000.0, "count"),
    ],
)
def test_quantity_record_reads_minor_units_fractions_and_vague_plurals_as_written(
    text, value, low, high, unit, blank
):
    (q,) = quantity_record(text, blank)["quantities"]
    assert (q["value"], q["value_low"], q["value_high"], q["unit"]) == (value, low, high, unit)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Rents fell from $1,900 to $1,750 a month.", "$1,900 to $1,750", 1900.0, 1750.0),
        ("The queue shrank from 3.1 km to 2.5 km.", "3.1 km to 2.5 km", 3.1, 2.5),
    ],
)
def test_quantity_record_joins_a_movement_in_written_order(text, surface, low, high, blank):
    (q,) = quantity_record(text, blank)["quantities"]
    assert (q["surface"], q["value"], q["value_low"], q["value_high"]) == (surface, None, low, high)


def test_quantity_record_keeps_a_change_and_a_level_apart(blank):
    surfaces = [
        q["surface"] for q in quantity_record("Prices rose 0.4% to 2.9% in May.", blank)["quantities"]
    ]
    assert surfaces == ["0.4%", "2.9%"]


def test_quantity_record_leaves_an_unstated_currency_without_unit(blank):
    (q,) = quantity_record("The group is worth over 2 billion.", blank)["quantities"]
    assert (q["kind"], q["unit"]) == ("money", None)


@pytest.mark.parametrize("text", ["Call 24 Jalan Ampang for details.", "See Table 4 for the data."])
def test_quantity_record_leaves_out_numbers_that_are_no_quantity(text, blank):
    assert quantity_record(text, blank)["quantities"] == []


@pytest.mark.parametrize("text", ["$2.7 trillion", "five dollars"])
def test_quantity_record_reports_an_amount_that_is_the_whole_input(text, blank):
    (q,) = quantity_record(text, blank)["quantities"]
    assert q["surface"] == text
    # an amount alone on its line is a claim: only a bare whole number is a page number
    assert q["reason"] is None
    assert q["claim"] is True


def test_quantity_record_fields_are_the_contract(blank):
    (q,) = quantity_record("It weighs 3 kg.", blank)["quantities"]
    assert tuple(q) == RECORD_FIELDS


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_quantity_record_property_any_text_round_trips(text):
    record = quantity_record(text)
    for q in record["quantities"]:
        assert text[q["start"] : q["end"]] == q["surface"]
        assert isinstance(q["claim"], bool)
        assert (q["reason"] is None) == q["claim"]


@pytest.mark.parametrize(
    ("text", "unit", "counted"),
    [
        ("The drone flew at 120 km/h.", "kilometre per hour", None),
        ("The cell stores 5,000 mAh.", "milliampere-hour", None),
        ("Her 7-year-old son waited.", "year of age", None),
        ("Exports grew fivefold.", "count", None),
        ("Police detained 14 gunmen.", "count", "gunman"),
        ("The fund bought 12 rental properties.", "count", "rental property"),
    ],
)
def test_quantity_record_names_units_and_counted_nouns_as_the_ontology(text, unit, counted, blank):
    (q,) = quantity_record(text, blank)["quantities"]
    assert (q["unit"], q["counted"]) == (unit, counted)


def test_quantity_record_keeps_the_contract_units_in_the_claims_stage(blank):
    (claim,) = find_quantities(blank("The drone flew at 120 km/h."))
    assert claim.unit == "kilometer per hour"


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("The reef formed 90 to 80 million years ago.", "90 to 80 million years", 90e6, 80e6, "year"),
        ("Output went from 240 to 198, he said.", "240 to 198", 240.0, 198.0, None),
        ("Voters aged 18 to 24 were polled.", "18 to 24", 18.0, 24.0, "year of age"),
    ],
)
def test_quantity_record_keeps_span_bounds_as_written(text, surface, low, high, unit, blank):
    (q,) = quantity_record(text, blank)["quantities"]
    assert (q["surface"], q["value_low"], q["value_high"], q["unit"]) == (surface, low, high, unit)


@pytest.mark.parametrize(
    ("text", "unit", "per"),
    [
        ("The bank earned 48 cents a share.", "USD cent", "share"),
        ("Brent traded at $91 a barrel.", "USD", "barrel"),
        ("Rent is €1,400 per month.", "EUR", "month"),
        ("Sales were $40 million a year ago.", "USD", None),
        ("The tip was $12.", "USD", None),
    ],
)
def test_quantity_record_says_what_a_price_is_per(text, unit, per, blank):
    (q,) = quantity_record(text, blank)["quantities"]
    assert (q["unit"], q["per"]) == (unit, per)
