"""Match features of candidate pairs (claims.reconcile.scoring), on claims written here."""

from __future__ import annotations

import pytest
from factories import claim

from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules
from claims.reconcile.normalize import build_table
from claims.reconcile.scoring import FEATURES, match_probability, pair_features

RULES = MatchRules.default()


def features(a, b, kind="value_mismatch") -> dict[str, float]:
    table = build_table([a, b], RULES, load_fx_table())
    return pair_features(table, 0, 1, subject_score=100.0, cosine=float("nan"), kind=kind, rules=RULES)


def seats(value: float, sentence: str, doc: str):
    return claim(value, kind="count", counted="seats", surface=f"{value:g}", sentence=sentence, doc=doc)


def test_scoring_every_feature_is_computed():
    a = seats(118, "The Unity Front won 118 seats.", "one.txt")
    b = seats(117, "The Unity Front took 117 seats.", "two.txt")
    assert set(features(a, b)) == set(FEATURES)


@pytest.mark.parametrize(
    ("sentence_b", "same", "differs_strong"),
    [
        ("Results: the opposition Unity Front bloc took 117 seats.", 1.0, 0.0),
        ("The Farmers Party won 12 seats and the Liberty bloc took 117 seats.", 0.0, 1.0),
    ],
)
def test_scoring_owners_of_each_figures_own_clause(sentence_b, same, differs_strong):
    a = seats(118, "The Unity Front won 118 seats while the Liberty bloc took 90 seats.", "one.txt")
    b = seats(117, sentence_b, "two.txt")
    found = features(a, b)
    assert (found["owner_same"], found["owner_differs_strong"]) == (same, differs_strong)


def test_scoring_clause_words_mask_numbers_and_times():
    a = claim(
        30.3e12,
        unit="INR",
        surface="Rs 30.3 lakh crore",
        doc="one.txt",
        sentence="Revenue receipts, at Rs 30.3 lakh crore in 2024, beat the estimate.",
    )
    b = claim(
        30.03e12,
        unit="INR",
        surface="Rs 30.03 lakh crore",
        doc="two.txt",
        sentence="Revenue receipts, at Rs 30.03 lakh crore, beat the estimate.",
    )
    other = claim(
        30.1e12,
        unit="INR",
        surface="Rs 30.1 lakh crore",
        doc="three.txt",
        sentence="Capital spending reached Rs 30.1 lakh crore on Tuesday.",
    )
    assert features(a, b)["clause"] == pytest.approx(1.0)
    assert features(a, other)["clause"] == 0.0


def test_scoring_precision_units_count_steps_of_the_coarser_precision():
    a = claim(11.1e12, unit="INR", surface="Rs 11.1 lakh crore", doc="one.txt")
    b = claim(11.11e12, unit="INR", surface="Rs 11.11 lakh crore", doc="two.txt")
    far = claim(11.9e12, unit="INR", surface="Rs 11.9 lakh crore", doc="two.txt")
    assert features(a, b, "rounding")["precision_units"] < features(a, far)["precision_units"]


def test_scoring_precision_units_read_a_round_count_as_rounded():
    # "more than 560,000 children" may round the 558,963 another report counts: a step of its last digit
    counted = dict(kind="count", counted="children")
    exact = claim(558_963.0, surface="558,963", doc="one.txt", **counted)
    rounded = claim(560_000.0, surface="560,000", doc="two.txt", **counted)
    other = claim(552_315.0, surface="552,315", doc="two.txt", **counted)
    assert features(exact, rounded)["precision_units"] < 0.2
    assert features(exact, other)["precision_units"] > 3 * features(exact, rounded)["precision_units"]


def test_scoring_probability_is_a_sigmoid_of_the_weighted_features():
    assert match_probability({"close": 1.0}, {"intercept": 0.0, "close": 0.0}) == 0.5
    assert match_probability({"close": 1.0}, {"intercept": -2.0, "close": 4.0}) > 0.85


@pytest.mark.parametrize(
    ("start_b", "doc_b", "expected"),
    [
        (400, "report.txt", 0.0),  # rows of one paragraph or list
        (50_000, "report.txt", 1.699),  # another chapter of a long report
        (500_000, "report.txt", 2.0),  # capped
        (50_000, "other.txt", 0.0),  # another document: `same_doc` and `days_apart` speak for it
    ],
)
def test_scoring_apart_in_doc_grows_with_the_distance(start_b, doc_b, expected):
    a = claim(
        18.0, kind="count", counted="members", surface="18", sentence="It has 18 members.", doc="report.txt"
    )
    b = claim(
        19.0,
        kind="count",
        counted="members",
        surface="19",
        sentence="It has 19 members.",
        doc=doc_b,
        sentence_start=start_b,
    )
    assert features(a, b)["apart_in_doc"] == expected


def _features_in(claims, a: int, b: int) -> dict[str, float]:
    table = build_table(claims, RULES, load_fx_table())
    return pair_features(
        table, a, b, subject_score=100.0, cosine=float("nan"), kind="value_mismatch", rules=RULES
    )


@pytest.mark.parametrize(
    ("values", "established", "lone"),
    [
        # a value three reports repeat, against one report's other value: the shape of a slip
        ((412, 412, 412, 409), 0.0, 1.0),
        # two values each repeated by two reports: the corpus gives both, likely two quantities
        ((412, 412, 409, 409), 1.0, 0.0),
        # every value stated once: no evidence either way
        ((412, 411, 410, 409), 0.0, 0.0),
    ],
)
def test_scoring_how_often_each_value_recurs(values, established, lone):
    claims = [
        seats(v, f"Labour won {v:g} seats in the count.", f"report_{k}.txt") for k, v in enumerate(values)
    ]
    found = _features_in(claims, 0, 3)
    assert (found["both_established"], found["lone_against_many"]) == (established, lone)


def test_scoring_one_document_repeating_a_value_is_one_document():
    claims = [
        seats(412, "Labour won 412 seats.", "one.txt"),
        seats(412, "In all, Labour had 412 seats.", "one.txt"),
        seats(409, "Labour won 409 seats.", "two.txt"),
    ]
    table = build_table(claims, RULES, load_fx_table())
    assert table.value_docs.tolist() == [1, 1, 1]


@pytest.mark.parametrize(
    ("sentence_b", "same"),
    [
        ("Quarterly deliveries reached 484,507 vehicles.", 1.0),
        ("The company said 484,507 vehicles left its plants.", 0.0),
    ],
)
def test_scoring_same_contrasted_measure(sentence_b, same):
    a = claim(
        494989,
        kind="count",
        counted="vehicles",
        surface="494,989",
        doc="one.txt",
        sentence="The carmaker delivered 494,989 vehicles in the quarter.",
    )
    b = claim(484507, kind="count", counted="vehicles", surface="484,507", doc="two.txt", sentence=sentence_b)
    assert features(a, b)["measure_same"] == same


@pytest.mark.parametrize(
    ("level_b", "agree", "differ"),
    [
        ("$41.2 billion", 1.0, 0.0),  # both growths lead to one level: one quantity
        ("$139.4 billion", 0.0, 1.0),  # a quarter's level against a year's: two growths of two periods
    ],
)
def test_scoring_what_each_change_comes_with(level_b, agree, differ):
    a = claim(
        13.0,
        kind="percent",
        surface="13%",
        doc="one.txt",
        sentence="Sales of the retail segment rose 13% to $41.2 billion.",
    )
    level_a = claim(41.2e9, surface="$41.2 billion", doc="one.txt", sentence=a.sentence)
    sentence_b = f"Sales of the retail segment rose 12% to {level_b}."
    b = claim(12.0, kind="percent", surface="12%", doc="two.txt", sentence=sentence_b)
    value_b = float(level_b.removeprefix("$").removesuffix(" billion")) * 1e9
    level = claim(value_b, surface=level_b, doc="two.txt", sentence=sentence_b)
    found = _features_in([a, level_a, b, level], 0, 2)
    assert (found["companions_agree"], found["companions_differ"]) == (agree, differ)


@pytest.mark.parametrize(
    ("sentence_b", "shared", "disjoint"),
    [
        ("Lee had 40.05% and Park 26.46% of the vote.", 1.0, 0.0),  # one list read twice: a real slip
        ("Lee had 41.20% and Park 26.46% of the vote.", 0.0, 1.0),  # every figure moved: another reading
        ("Park had 26.46% of the vote.", 0.0, 0.0),  # nothing else to compare
    ],
)
def test_scoring_the_other_figures_of_both_sentences(sentence_b, shared, disjoint):
    sentence_a = "Lee had 40.05% and Park 26.45% of the vote."
    a = claim(26.45, kind="percent", surface="26.45%", doc="one.txt", sentence=sentence_a)
    lee_a = claim(40.05, kind="percent", surface="40.05%", doc="one.txt", sentence=sentence_a)
    b = claim(26.46, kind="percent", surface="26.46%", doc="two.txt", sentence=sentence_b)
    rest = [
        claim(float(s.rstrip("%")), kind="percent", surface=s, doc="two.txt", sentence=sentence_b)
        for s in ("40.05%", "41.20%")
        if s in sentence_b
    ]
    found = _features_in([a, lee_a, b, *rest], 0, 2)
    assert (found["siblings_shared"], found["siblings_disjoint"]) == (shared, disjoint)


@pytest.mark.parametrize(
    ("sentence_b", "beside"),
    [
        # the other page's sentence gives the first page's figure too: its 2.90 is another quantity
        ("EPS came to $2.95, above the consensus estimate of $2.90.", 1.0),
        ("EPS came to $2.90 for the quarter.", 0.0),
    ],
)
def test_scoring_a_sentence_that_states_the_other_value_too(sentence_b, beside):
    a = claim(2.95, surface="$2.95", doc="one.txt", sentence="Diluted EPS was $2.95 in the quarter.")
    b = claim(2.90, surface="$2.90", doc="two.txt", sentence=sentence_b)
    rest = [claim(2.95, surface="$2.95", doc="two.txt", sentence=sentence_b)] if "$2.95" in sentence_b else []
    found = _features_in([a, b, *rest], 0, 1)
    assert found["other_value_beside"] == beside
