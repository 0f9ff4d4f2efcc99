"""Quantities in spaCy Docs (claims.nlp.quantities, claims.nlp.pipeline, claims.nlp.factories)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.errors import ModelNotFoundError, OffsetMismatchError
from claims.nlp.quantities import check_offsets, find_quantities, quantities_in_text, to_quantity
from claims.parse.scan import Candidate
from claims.types import Kind, Qualifier, Quantity

RAW = Path(__file__).resolve().parents[2] / "raw"


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def nlp():
    from claims.nlp.pipeline import build_nlp

    return build_nlp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tokyo will provide ¥400 million ($2.81 million) in grants.",
            [("¥400 million", 4e8, "JPY", Kind.MONEY), ("$2.81 million", 2.81e6, "USD", Kind.MONEY)],
        ),
        (
            "Seven rescue boats and 14 UAVs",
            [("Seven", 7.0, "count", Kind.COUNT), ("14", 14.0, "count", Kind.COUNT)],
        ),
        ("In 2024, Chapter 4 cited the G7.", []),
    ],
)
def test_find_quantities_on_blank_doc(blank, text, expected):
    found = find_quantities(blank(text))
    assert [(q.surface, q.value, q.unit, q.kind) for q in found] == expected


def test_find_quantities_offsets_round_trip_on_seed_file(blank):
    text = (RAW / "001_72274b1e3263120b.txt").read_text(encoding="utf-8")
    found = find_quantities(blank(text))
    assert len(found) > 100
    check_offsets(found, text)
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_to_quantity_converts_decimals_exactly():
    from decimal import Decimal

    text = "2.01 million"
    q = to_quantity(
        Candidate(0, len(text), Decimal("2.01") * 10**6, precision=Decimal("0.005") * 10**6), text
    )
    assert q.value == 2_010_000.0
    assert q.precision == 5000.0


@pytest.mark.parametrize(("start", "end"), [(0, 0), (0, 3)])
def test_to_quantity_raises_coded_error_on_bad_span(start, end):
    with pytest.raises(OffsetMismatchError, match=r"\[E001\]"):
        to_quantity(Candidate(start, end, None), "ab cd")


def test_check_offsets_raises_on_mismatch():
    with pytest.raises(OffsetMismatchError):
        check_offsets([Quantity(0, 2, "xy", 1.0)], "ab")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_find_quantities_never_raises_and_round_trips(text):
    doc = spacy.blank("en")(text)
    check_offsets(find_quantities(doc), doc.text)


def test_build_nlp_raises_model_not_found_with_hint():
    from claims.nlp.pipeline import build_nlp

    with pytest.raises(ModelNotFoundError, match="pip install"):
        build_nlp(model="en_no_such_model_xyz")


@pytest.mark.model
def test_build_nlp_keeps_only_needed_components(nlp):
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names[-1] == "claims_quantities"
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # elliptical counts the parser recovers
        (
            "jointly constructing a total of 8 the Mogami-class frigates (building four in Japan and four in "
            "Indonesia)",
            [("8", Kind.COUNT), ("four", Kind.COUNT), ("four", Kind.COUNT)],
        ),
        # a count after a country used as an indirect object
        ("Japan provided Indonesia 3 patrol boats.", [("3", Kind.COUNT)]),
        # a number as the subject of a verb counts what the sentence talks about
        ("Of the vessels, 12 were delivered in 2016.", [("12", Kind.COUNT)]),
        # a scaled amount followed by a verb stays an amount, without a counted noun
        ("India's population of 1.4 billion overtook China's.", [("1.4 billion", Kind.COUNT)]),
        # names stay names
        ("The Boeing 737 jets and Vientiane Vision 2.0 framework", []),
        # "a crew of 120", "a workforce of 9,000": the count of a collective noun
        ("The frigate has a crew of 120.", [("120", Kind.COUNT)]),
        # a toll or a number of things a verb sets
        ("The death toll rose to 374.", [("374", Kind.COUNT)]),
        ("Officials put the number of injured at 374.", [("374", Kind.COUNT)]),
        ("The toll from the floods reached 2,445.", [("2,445", Kind.COUNT)]),
        ("Its share price rose to 374 on Monday.", []),
        # both ends of a change of a toll, and each number of a list a verb gives to "the numbers of ..."
        ("The toll had gone up from 312 to 448 by Monday.", [("312", Kind.COUNT), ("448", Kind.COUNT)]),
        (
            "The numbers of injured and missing people had risen to 1,120 and 305, respectively.",
            [("1,120", Kind.COUNT), ("305", Kind.COUNT)],
        ),
        # a weekday before a count is no name ("Boeing 737"): the count is read
        ("On Tuesday 87 people were still missing.", [("87", Kind.COUNT)]),
        ("By Friday 45 people had died.", [("45", Kind.COUNT)]),
        # parts of a count set beside it
        (
            "So far 14 people were reported killed: six in Chile, five in Peru and three in Bolivia.",
            [("14", Kind.COUNT), ("six", Kind.COUNT), ("five", Kind.COUNT), ("three", Kind.COUNT)],
        ),
        ("The rain fell between September 11 and 19.", []),
        (
            "The 48 matches produced 98 goals, 17 of them by Brazil.",
            [("48", Kind.COUNT), ("98", Kind.COUNT), ("17", Kind.COUNT)],
        ),
    ],
)
def test_quantities_in_text_uses_the_parser(nlp, text, expected):
    found = quantities_in_text(text, nlp)
    assert [(q.surface, q.kind) for q in found] == expected


@pytest.mark.model
def test_parser_reads_under_as_preposition_or_bound(nlp):
    found = quantities_in_text("Japan worked under four pillars and under 50 people came.", nlp)
    assert [(q.surface, q.qualifier) for q in found] == [("four", Qualifier.EXACT), ("50", Qualifier.UNDER)]


@pytest.mark.model
def test_component_stores_quantities_and_spans(nlp):
    doc = nlp("Over 1,000 Japanese projects cost \\$5 billion.")
    assert [q.surface for q in find_quantities(doc)] == ["1,000", "$5 billion"]
    assert [s.label_ for s in doc.spans["quantities"]] == ["count", "money"]
    assert [d["surface"] for d in doc._.quantities] == ["1,000", "$5 billion"]  # plain dicts (n_process>1)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count the parser reads without its noun takes the noun of the count before it
        (
            "The two strikers scored 31 goals last season, while Okoye managed 19 on her own.",
            [("two", "strikers"), ("31", "goals"), ("19", "goals")],
        ),
        # not across an amount that is no count
        (
            "Our three mills made 400 tonnes, and the fourth made 120 by itself.",
            [("three", "mills"), ("400 tonnes", None), ("120", None)],
        ),
        # of the same order of magnitude: the people, not the provinces
        (
            "Some 2.1 billion people in 40 provinces lack water, and 0.8 billion are at risk.",
            [("2.1 billion", "people"), ("40", "provinces"), ("0.8 billion", "people")],
        ),
    ],
)
def test_parser_counts_take_the_noun_of_a_count_before(nlp, text, expected):
    assert [(q.surface, q.counted) for q in quantities_in_text(text, nlp)] == expected
