"""Matching rules in detail: thin and generic subjects, parties, rounding, far-apart values, blocking."""

from __future__ import annotations

import numpy as np
import pytest
from factories import claim

from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules, find_conflicts
from claims.reconcile.blocking import candidate_pairs
from claims.reconcile.calibration import RULES_ONLY
from claims.reconcile.normalize import build_table
from claims.reconcile.text import acronym_aliases, infer_precision, subject_tokens
from claims.settings import Settings
from claims.types import ConflictKind, Severity

SETTINGS = Settings()


def kinds(claims):
    return [
        (c.kind, c.severity)
        for c in find_conflicts(claims, SETTINGS, calibration=RULES_ONLY)
        if c.tier == "finding"
    ]


def test_matching_thin_subject_rescued_by_the_words_around_the_number():
    # the extractor's subjects say little ("respondents", "overall level of trust"): the sentences agree
    a = claim(
        58.9,
        kind="percent",
        subject="respondents",
        entities=("ASEAN", "Japan"),
        period=2024,
        doc="book.txt",
        chapter="Chapter 1",
        surface="58.9 percent",
        sentence="According to the State of Southeast Asia 2024 Survey, 58.9 percent of respondents across "
        "ASEAN member states identified Japan as the most trusted major power in the region.",
    )
    b = claim(
        36.5,
        kind="percent",
        subject="overall level of trust",
        entities=("ASEAN", "Japan"),
        doc="book.txt",
        chapter="Chapter 2",
        surface="36.5 percent",
        sentence_start=9000,
        sentence="Japan remained the most trusted partner by the ASEAN member states, with an overall "
        "36.5 percent level of trust.",
    )
    found = find_conflicts([a, b], SETTINGS)
    assert [(c.kind, c.severity) for c in found] == [(ConflictKind.VALUE_MISMATCH, Severity.HIGH)]
    assert "trust" in found[0].explanation


@pytest.mark.parametrize(
    ("counted", "sentence_a", "sentence_b"),
    [
        (
            "pillars",
            "Fukuda outlined the five pillars of Japan's policy towards the region.",
            "ASEAN's agency in competitive multipolarity rests on three pillars: cohesion and credibility.",
        ),
        (
            "priority areas",
            "The framework concentrates on five priority areas: maritime security and HADR.",
            "These principles are operationalised across three priority areas: the rule of law at sea.",
        ),
    ],
)
def test_matching_generic_subject_needs_agreeing_context(counted, sentence_a, sentence_b):
    a = claim(
        5,
        kind="count",
        counted=counted,
        subject=counted,
        surface="five",
        sentence=sentence_a,
        doc="book.txt",
        chapter="Chapter 1",
    )
    b = claim(
        3,
        kind="count",
        counted=counted,
        subject=counted,
        surface="three",
        sentence=sentence_b,
        doc="book.txt",
        chapter="Chapter 6",
    )
    assert kinds([a, b]) == []


def test_matching_a_list_of_places_is_context_not_the_party():
    sentence = (
        "The programme served four recipients (Philippines, Malaysia, Bangladesh, and Fiji), with "
        "8.1 billion yen in FY2025."
    )
    book = claim(
        8.1e9,
        unit="JPY",
        subject="OSA budget",
        period=2025,
        fiscal=True,
        surface="8.1 billion yen",
        sentence=sentence,
        entities=("Philippines", "Malaysia", "Bangladesh", "Fiji"),
        doc="book.txt",
    )
    deck = claim(
        8e9,
        unit="JPY",
        subject="OSA budget",
        period=2025,
        fiscal=True,
        surface="8 billion Yen",
        entities=("Japan", "OSA"),
        doc="deck.txt",
    )
    assert kinds([book, deck]) == [(ConflictKind.ROUNDING, Severity.LOW)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((4, "four"), (3, "three"), [(ConflictKind.VALUE_MISMATCH, Severity.HIGH)]),  # touching, not rounding
        ((670e6, "670 million"), (672e6, "672 million"), [(ConflictKind.VALUE_MISMATCH, Severity.MEDIUM)]),
        # the same figure with a digit more, 0.04% apart: a restatement, not a finding
        ((670e6, "670 million"), (670.3e6, "670.3 million"), []),
        # a coarser rounding, 0.6% apart: low
        ((67e6, "67 million"), (67.4e6, "67.4 million"), [(ConflictKind.ROUNDING, Severity.LOW)]),
        # the figure cut short at a digit less, 0.02% apart: a restatement
        ((412.7e6, "412.7 million"), (412.78e6, "412.78 million"), []),
        # a digit less that neither rounds nor cuts the other, 0.09% apart: another value
        (
            (412.4e6, "412.4 million"),
            (412.78e6, "412.78 million"),
            [(ConflictKind.VALUE_MISMATCH, Severity.MEDIUM)],
        ),
    ],
)
def test_matching_rounding_edges(a, b, expected):
    x = claim(
        a[0],
        kind="count",
        counted="people",
        subject="population of ASEAN member states",
        surface=a[1],
        period=2026,
        doc="a.txt",
    )
    y = claim(
        b[0],
        kind="count",
        counted="people",
        subject="population of ASEAN member states",
        surface=b[1],
        period=2026,
        doc="b.txt",
    )
    assert kinds([x, y]) == expected


def test_matching_values_far_apart_are_different_quantities():
    # 250 billion and 5 are not the same quantity however alike the words; a 1,000x gap would be a slip
    a = claim(
        250e9,
        kind="count",
        subject="Japan ODA to ASEAN disbursement",
        period=2022,
        surface="250 billion",
        doc="a.txt",
    )
    b = claim(
        5, kind="count", subject="Japan ODA to ASEAN disbursement", period=2022, surface="five", doc="b.txt"
    )
    assert kinds([a, b]) == []


def test_matching_slips_are_looked_for_in_one_unit_only():
    # ¥2 billion and US$15.1 billion are ~1,000x apart once converted: not reported as a slip
    a = claim(2e9, unit="JPY", subject="initial budget", period=2023, surface="2 billion yen", doc="a.txt")
    b = claim(
        15.1e9,
        unit="USD",
        subject="military expenditures budget",
        period=2024,
        surface="15.1",
        entities=("Singapore",),
        doc="b.txt",
    )
    assert kinds([a, b]) == []


def test_matching_slip_allowed_a_year_apart():
    a = claim(280e6, subject="Japan-ASEAN trade flows", period=2024, surface="$280 million", doc="a.txt")
    b = claim(
        300e9, subject="Japan-ASEAN bilateral trade", period=2025, surface="USD 300 billion", doc="b.txt"
    )
    c = claim(
        300e9, subject="Japan-ASEAN bilateral trade", period=2019, surface="USD 300 billion", doc="c.txt"
    )
    found = find_conflicts([a, b, c], SETTINGS)
    assert [c.kind for c in found] == [ConflictKind.MAGNITUDE_MISMATCH]
    assert {found[0].claim_a, found[0].claim_b} == {a.claim_id, b.claim_id}


@pytest.mark.parametrize(
    ("surface", "value", "precision"),
    [("8.1 billion yen", 8.1e9, 5e7), ("$30", 30.0, 0.5), ("1,050.0", 1.05e12, 5e7), ("Three", 3.0, 0.5)],
)
def test_matching_infer_precision(surface, value, precision):
    assert infer_precision(surface, value) == pytest.approx(precision)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("through the Japan-ASEAN Integration Fund (JAIF) for", {"japan asean integration fund": "jaif"}),
        ("the ASEAN Regional Forum (ARF), established in 1994", {"asean regional forum": "arf"}),
        ("under the Official Security Assistance (OSA) framework", {"official security assistance": "osa"}),
        ("the fund (not an acronym) was", {}),
    ],
)
def test_matching_acronym_aliases(sentence, expected):
    assert acronym_aliases([sentence]) == expected


def test_matching_subject_tokens_fold_acronyms():
    aliases = {"official security assistance": "osa"}
    assert subject_tokens("Official Security Assistance budgets", aliases) == subject_tokens("OSA budget")


def test_matching_blocking_is_not_all_pairs():
    # 400 claims whose subjects combine words of a 120-word vocabulary: blocking pairs only related ones
    rng = np.random.default_rng(0)
    vocabulary = [f"w{k:03d}q" for k in range(120)]
    claims = [
        claim(
            1e9 + k,
            unit="JPY",
            subject=" ".join(rng.choice(vocabulary, 3, replace=False)),
            period=2020,
            surface=f"{1e9 + k:.0f}",
            doc=f"d{k}.txt",
        )
        for k in range(400)
    ]
    table = build_table(claims, MatchRules.default(), load_fx_table())
    i, j, _ = candidate_pairs(table, MatchRules.default())
    assert len(i) < 400 * 399 // 2 // 10
    assert np.all(i < j)


def test_matching_parts_of_a_stated_total_are_not_restatements():
    text = "Jointly constructing a total of 8 frigates (building four in Japan and four in Indonesia)."
    subject = "Mogami-class frigates for Indonesia"
    common = dict(kind="count", counted="frigates", subject=subject, period=2025, sentence=text, doc="d.txt")
    total = claim(8, surface="8", **common)
    first = claim(4, surface="four", offset=text.index("four"), **common)
    second = claim(4, surface="four", offset=text.rindex("four"), **common)
    elsewhere = claim(
        8,
        kind="count",
        counted="frigates",
        subject="Mogami-class frigates for Indonesia",
        period=2025,
        surface="eight",
        doc="book.txt",
        sentence="Proposing the export of eight Mogami-class frigates to Indonesia.",
    )
    assert kinds([total, first, second, elsewhere]) == []


def test_matching_two_generic_subjects_need_strongly_agreeing_context():
    budget = (
        "The programme has expanded rapidly: 8.1 billion yen in FY2025, and a proposed 18.1 billion yen in "
        "FY2026, an increase of over 125 per cent."
    )
    incidents = (
        "The programme highlighted a 74 per cent increase in incidents in the Straits of Malacca "
        "and Singapore "
        "from 2024 to 2025."
    )
    a = claim(
        125,
        kind="percent",
        qualifier="over",
        subject="increase",
        period=2025,
        surface="125 per cent",
        sentence=budget,
        doc="book.txt",
        chapter="Chapter 4",
    )
    b = claim(
        74,
        kind="percent",
        subject="increase",
        period=(2024, 2025),
        surface="74 per cent",
        sentence=incidents,
        doc="book.txt",
        chapter="Chapter 4",
        sentence_start=5000,
    )
    assert kinds([a, b]) == []


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("people", "pilgrim", True),  # "people" counts any people: pilgrims, viewers, passengers ...
        ("viewer", "people", True),
        ("passenger", "people", True),
        ("pilgrim", "viewer", False),  # two kinds of people are not one count
        ("people", "vehicle", False),
    ],
)
def test_matching_people_count_any_kind_of_person(a, b, compatible):
    from claims.reconcile.match import counted_compatible

    assert counted_compatible(a, b, SETTINGS.subject_match_threshold) is compatible
