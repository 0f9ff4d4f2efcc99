"""find_conflicts on hand-made claims shaped like the seed corpus: each kind, each look-alike, ids, focus."""

from __future__ import annotations

import random

import pytest
from factories import claim

from claims.reconcile import find_conflicts as find_all
from claims.reconcile.calibration import RULES_ONLY
from claims.reconcile.engine import tier_of
from claims.settings import Settings
from claims.types import ConflictKind, Severity, make_conflict_id


def find_conflicts(claims, settings, **options):
    """The engine with the match rules alone deciding (these tests are about the rules, not the score)."""
    options.setdefault("calibration", RULES_ONLY)
    return find_all(claims, settings, **options)


SETTINGS = Settings()


def kinds(claims, **kwargs):
    return [(c.kind, c.severity) for c in find_conflicts(claims, SETTINGS, **kwargs)]


TRUST_1 = claim(
    58.9,
    kind="percent",
    subject="trust in Japan as the most trusted major power",
    entities=("Japan", "ASEAN"),
    period=2024,
    doc="book.txt",
    chapter="Chapter 1",
    surface="58.9 percent",
    sentence_start=100,
    sentence="According to the State of Southeast Asia 2024 Survey, 58.9 percent of respondents across ASEAN "
    "member states identified Japan as the most trusted major power.",
)
TRUST_2 = claim(
    36.5,
    kind="percent",
    subject="trust in Japan",
    entities=("Japan", "ASEAN"),
    period=2024,
    doc="book.txt",
    chapter="Chapter 2",
    surface="36.5 percent",
    sentence_start=5000,
    sentence="Japan remained the most trusted partner by the ASEAN member states, with an overall "
    "36.5 percent "
    "level of trust.",
)
TRUST_3 = claim(
    58.9,
    kind="percent",
    subject="trust in Japan",
    entities=("Japan", "ASEAN"),
    period=2024,
    doc="other.txt",
    surface="58.9%",
    sentence="Trust in Japan stood at 58.9% in the 2024 survey.",
)


# --- each kind -------------------------------------------------------------------------------------------


def test_engine_value_mismatch_across_chapters():
    found = find_conflicts([TRUST_1, TRUST_2], SETTINGS)
    assert len(found) == 1
    conflict = found[0]
    assert (conflict.kind, conflict.severity, conflict.scope) == (
        ConflictKind.VALUE_MISMATCH,
        Severity.HIGH,
        "cross_chapter",
    )
    assert conflict.relative_difference == pytest.approx((58.9 - 36.5) / 58.9)
    assert conflict.explanation.startswith(
        "Chapter 1 gives 58.9% for trust in Japan in 2024; Chapter 2 gives 36.5%"
    )
    assert {conflict.claim_a, conflict.claim_b} == {TRUST_1.claim_id, TRUST_2.claim_id}


def test_engine_consensus_with_three_sources():
    found = find_conflicts([TRUST_1, TRUST_2, TRUST_3], SETTINGS)
    assert [c.kind for c in found] == [ConflictKind.VALUE_MISMATCH]  # one disagreement, one finding
    conflict = found[0]
    assert conflict.claim_a == TRUST_2.claim_id  # the outlier against the consensus
    assert conflict.consensus_value == pytest.approx(58.9)
    assert conflict.support == "2 statements in 2 documents give 58.9%; 1 statement gives 36.5%."
    assert sorted(conflict.members_b) == sorted([TRUST_1.claim_id, TRUST_3.claim_id])


def test_engine_agreement_is_not_transitive():
    # "$14.7 billion" agrees with both "$14.73 billion" and "$14.74 billion", which disagree with each other:
    # the rounded figure must not pull the two into one value and hide their disagreement
    def profit(value, surface, doc):
        return claim(
            value,
            subject="Harbor Group quarterly net income",
            period=2025,
            doc=doc,
            surface=surface,
            sentence=f"Harbor Group's quarterly net income came to {surface} in 2025.",
        )

    rounded = profit(14.7e9, "$14.7 billion", "a.txt")
    lone = profit(14.73e9, "$14.73 billion", "b.txt")
    stated = [profit(14.74e9, "$14.74 billion", doc) for doc in ("c.txt", "d.txt")]
    found = find_conflicts([rounded, lone, *stated], SETTINGS)
    assert len(found) == 1
    conflict = found[0]
    assert conflict.claim_a == lone.claim_id  # the outlier, against the two statements of $14.74 billion
    assert sorted(conflict.members_b) == sorted(c.claim_id for c in stated)
    assert rounded.claim_id not in {*conflict.members_a, *conflict.members_b}
    # without the rounded figure the same single finding, with the same sides
    again = find_conflicts([lone, *stated], SETTINGS)
    assert [(c.claim_a, c.members_b) for c in again] == [(conflict.claim_a, conflict.members_b)]


def test_engine_two_restatements_of_a_finer_figure_are_one_value():
    # "6.56" (cut short) and "6.57" (rounded) both restate "6.567": one value, no finding among the three;
    # an outlier against them is one finding, with all three as its consensus
    def profit(value, surface, doc):
        return claim(
            value,
            unit="KRW",
            subject="Harbor Group annual operating profit",
            period=2025,
            doc=doc,
            surface=surface,
            sentence=f"Harbor Group's annual operating profit was {surface} in 2025.",
        )

    same = [
        profit(6.567e12, "6.567 trillion won", "a.txt"),
        profit(6.56e12, "6.56 trillion won", "b.txt"),
        profit(6.57e12, "6.57 trillion won", "c.txt"),
    ]
    assert find_conflicts(same, SETTINGS) == []
    outlier = profit(7.4e12, "7.4 trillion won", "d.txt")
    found = find_conflicts([*same, outlier], SETTINGS)
    assert [(c.claim_a, sorted(c.members_b)) for c in found] == [
        (outlier.claim_id, sorted(c.claim_id for c in same))
    ]


def test_engine_finding_keeps_its_identity_when_a_statement_joins():
    before = find_conflicts([TRUST_1, TRUST_2], SETTINGS)[0]
    after = find_conflicts([TRUST_1, TRUST_2, TRUST_3], SETTINGS)[0]
    # the id is kept, or (a newcomer with a lower claim id) the old id is among the finding's pair ids
    assert before.conflict_id == after.conflict_id or before.conflict_id in after.pair_ids
    assert before.conflict_id in after.pair_ids


def test_engine_sources_citing_one_reference_count_once():
    cited = [
        claim(
            58.9,
            kind="percent",
            subject="trust in Japan",
            entities=("Japan", "ASEAN"),
            period=2024,
            doc=f"paper_{n}.txt",
            surface="58.9%",
            citation="[3] ISEAS, State of Southeast Asia 2024",
            sentence=f"{opening} trust in Japan at 58.9% in 2024 [3].",
        )
        for n, opening in enumerate(("The survey put", "A regional poll placed"))
    ]
    found = find_conflicts([*cited, TRUST_2], SETTINGS)
    assert len(found) == 1
    assert found[0].sources_b in (1, 2)
    assert found[0].members_b == tuple(sorted(c.claim_id for c in cited))


def test_engine_magnitude_mismatch_million_billion_slip():
    slip = claim(
        280e6,
        subject="Japan-ASEAN trade flows",
        entities=("Japan", "ASEAN"),
        period=2024,
        qualifier="over",
        doc="book.txt",
        chapter="Book Outline",
        surface="$280 million",
        sentence="Japan-ASEAN trade flows reached more than $280 million by 2024.",
    )
    right = claim(
        300e9,
        subject="bilateral Japan-ASEAN trade",
        entities=("Japan", "ASEAN"),
        period=2025,
        qualifier="over",
        doc="book.txt",
        chapter="Chapter 2",
        surface="USD 300 billion",
        sentence_start=9000,
        sentence="Bilateral Japan-ASEAN trade exceeded USD 300 billion in 2025.",
    )
    found = find_conflicts([slip, right], SETTINGS)
    assert [(c.kind, c.severity) for c in found] == [(ConflictKind.MAGNITUDE_MISMATCH, Severity.HIGH)]
    assert "1,000" in found[0].explanation


@pytest.mark.parametrize(
    ("a", "b", "precision_a", "precision_b"),
    [(8e9, 8.1e9, 5e8, 5e7), (8e9, 8.1e9, None, None)],
    ids=["stated-precision", "inferred-precision"],
)
def test_engine_rounding_is_low(a, b, precision_a, precision_b):
    deck = claim(
        a,
        unit="JPY",
        subject="OSA budget",
        entities=("Japan", "OSA"),
        period=2025,
        fiscal=True,
        doc="deck.txt",
        surface="8 billion Yen",
        precision=precision_a,
    )
    book = claim(
        b,
        unit="JPY",
        subject="OSA budget",
        entities=("Japan", "OSA"),
        period=2025,
        fiscal=True,
        doc="book.txt",
        chapter="Chapter 4",
        surface="8.1 billion yen",
        precision=precision_b,
    )
    found = find_conflicts([deck, book], SETTINGS)
    assert [(c.kind, c.severity, c.scope) for c in found] == [
        (ConflictKind.ROUNDING, Severity.LOW, "cross_document")
    ]


def test_engine_small_gap_is_medium():
    a = claim(
        670e6,
        kind="count",
        counted="people",
        subject="ASEAN population",
        entities=("ASEAN",),
        period=2026,
        surface="670 million",
        doc="book.txt",
        chapter="Chapter 2",
    )
    b = claim(
        680e6,
        kind="count",
        counted="people",
        subject="ASEAN population",
        entities=("ASEAN",),
        period=2026,
        qualifier="over",
        surface="680 million",
        doc="book.txt",
        chapter="Chapter 2",
        sentence_start=4000,
    )
    assert kinds([a, b]) == [(ConflictKind.VALUE_MISMATCH, Severity.MEDIUM)]


def test_engine_cross_currency_mismatch_after_conversion():
    yen = claim(
        565e9,
        unit="JPY",
        subject="ODA budget",
        entities=("Japan", "ODA"),
        period=2024,
        fiscal=True,
        surface="565 billion Yen",
        doc="deck.txt",
    )
    usd = claim(
        1.2e9,
        unit="USD",
        subject="ODA budget",
        entities=("Japan", "ODA"),
        period=2024,
        fiscal=True,
        surface="US$1.2 billion",
        doc="other.txt",
    )
    found = find_conflicts([yen, usd], SETTINGS)
    assert [(c.kind, c.severity) for c in found] == [(ConflictKind.VALUE_MISMATCH, Severity.MEDIUM)]
    assert "≈US$" in found[0].explanation


# --- look-alikes that are not findings ------------------------------------------------------------------


def test_engine_same_amount_to_two_recipients_is_not_a_finding():
    malaysia = claim(
        400e6,
        unit="JPY",
        subject="OSA grant for rescue boats",
        entities=("Japan", "Malaysia", "OSA"),
        period=2023,
        surface="¥400 million",
        doc="article.txt",
    )
    fiji = claim(
        400e6,
        unit="JPY",
        subject="OSA grant for patrol boats",
        entities=("Japan", "Fiji", "OSA"),
        period=2023,
        surface="¥400 million",
        doc="article.txt",
        sentence_start=3000,
    )
    reparations = [
        claim(
            v,
            subject="reparations payment",
            entities=("Japan", country),
            period=1955,
            surface=f"${v / 1e6:g} million",
            sentence_start=10 * k,
            doc="book.txt",
        )
        for k, (v, country) in enumerate([(200e6, "Thailand"), (500e6, "Philippines"), (200e6, "Indonesia")])
    ]
    assert kinds([malaysia, fiji, *reparations]) == []


def test_engine_one_budget_in_two_fiscal_years_is_not_a_finding():
    fy2024 = claim(
        5e9,
        unit="JPY",
        subject="OSA budget",
        entities=("Japan", "OSA"),
        period=2024,
        fiscal=True,
        surface="5 billion Yen",
        doc="deck.txt",
    )
    fy2025 = claim(
        8.1e9,
        unit="JPY",
        subject="OSA budget",
        entities=("Japan", "OSA"),
        period=2025,
        fiscal=True,
        surface="8.1 billion yen",
        doc="book.txt",
    )
    fy2026 = claim(
        18.1e9,
        unit="JPY",
        subject="OSA budget",
        entities=("Japan", "OSA"),
        period=2026,
        fiscal=True,
        surface="18.1 billion yen",
        doc="book.txt",
        sentence_start=500,
    )
    assert kinds([fy2024, fy2025, fy2026]) == []


@pytest.mark.parametrize(
    ("subject_a", "subject_b"),
    [
        ("JAIF contributions", "JAIF 2.0 contributions"),
        ("Chiang Mai Initiative swap network", "Chiang Mai Initiative Multilateralisation swap network"),
        ("contributions to the Japan-ASEAN Integration Fund", "contributions to the ASEAN Cultural Fund"),
    ],
)
def test_engine_related_but_different_facilities_are_not_findings(subject_a, subject_b):
    a = claim(200e9, subject=subject_a, entities=("ASEAN",), period=2010, surface="$200 billion", doc="a.txt")
    b = claim(
        240e9, subject=subject_b, entities=("ASEAN",), period=2010, surface="USD 240 billion", doc="b.txt"
    )
    assert kinds([a, b]) == []


def test_engine_acronym_and_long_name_are_the_same_facility():
    a = claim(
        650e6,
        subject="commitments to the Japan-ASEAN Integration Fund",
        entities=("Japan", "ASEAN"),
        period=2020,
        qualifier="over",
        surface="USD 650 million",
        doc="a.txt",
        sentence="The Japan-ASEAN Integration Fund (JAIF) holds commitments exceeding USD 650 million.",
    )
    b = claim(
        300e6,
        subject="commitments to JAIF",
        entities=("Japan", "ASEAN"),
        period=2020,
        surface="$300 million",
        doc="b.txt",
    )
    assert kinds([a, b]) == [(ConflictKind.VALUE_MISMATCH, Severity.HIGH)]


def test_engine_usd_and_yen_sharing_digits_are_not_findings():
    yen = claim(
        400e6,
        unit="JPY",
        subject="OSA grant to Malaysia",
        entities=("Japan", "Malaysia"),
        period=2023,
        surface="¥400 million",
        doc="a.txt",
    )
    usd = claim(
        400e6,
        unit="USD",
        subject="OSA grant to Malaysia",
        entities=("Japan", "Malaysia"),
        period=2023,
        surface="$400 million",
        doc="b.txt",
    )
    other = claim(
        400e6,
        unit="USD",
        subject="Japanese investment in Malaysian electronics",
        entities=("Japan", "Malaysia"),
        period=2023,
        surface="$400 million",
        doc="c.txt",
    )
    assert kinds([yen, usd, other]) == []


def test_engine_repeated_claim_is_not_a_finding():
    gdp = [
        claim(
            4.13e12,
            subject="ASEAN combined GDP",
            entities=("ASEAN",),
            period=2024,
            surface="USD 4.13 trillion",
            doc="book.txt",
            chapter=f"Chapter {k}",
            sentence_start=1000 * k,
        )
        for k in range(1, 4)
    ]
    assert kinds(gdp) == []


@pytest.mark.parametrize(
    ("a", "qualifier_a", "b", "qualifier_b"),
    [
        (50, "over", 52, "exact"),  # "over 50" vs "52"
        (2e9, "approx", 2.1e9, "exact"),  # "about 2 billion" vs "2.1 billion"
        (40e6, "at_least", 45e6, "approx"),
        (100, "up_to", 90, "exact"),
    ],
)
def test_engine_qualifiers_are_respected(a, qualifier_a, b, qualifier_b):
    kind = "count" if a < 1000 else "money"
    x = claim(
        a,
        kind=kind,
        qualifier=qualifier_a,
        subject="Japanese funding to the AHA Centre",
        period=2021,
        entities=("Japan",),
        doc="a.txt",
    )
    y = claim(
        b,
        kind=kind,
        qualifier=qualifier_b,
        subject="Japanese funding to the AHA Centre",
        period=2021,
        entities=("Japan",),
        doc="b.txt",
    )
    assert kinds([x, y]) == []


def test_engine_bound_qualifier_still_contradicts():
    x = claim(
        50,
        kind="count",
        counted="vessels",
        qualifier="over",
        subject="patrol vessels",
        period=2021,
        entities=("Japan", "Philippines"),
        doc="a.txt",
    )
    y = claim(
        30,
        kind="count",
        counted="vessels",
        subject="patrol vessels",
        period=2021,
        entities=("Japan", "Philippines"),
        doc="b.txt",
    )
    assert kinds([x, y]) == [(ConflictKind.VALUE_MISMATCH, Severity.HIGH)]


@pytest.mark.parametrize(
    ("period_a", "period_b", "subject_b", "expected"),
    [
        (2024, None, "trust in Japan", 1),  # undated, subjects agree strongly: compared
        (2024, None, "Japan trust among ASEAN elites on security issues", 0),  # undated, loose subject: not
        ((1990, 1998), (1988, 1993), "trust in Japan", 0),  # different windows: not compared
        ((2020, 2024), (2021, 2024), "trust in Japan", 1),  # mostly overlapping windows: compared
    ],
)
def test_engine_period_rules(period_a, period_b, subject_b, expected):
    a = claim(58.9, kind="percent", subject="trust in Japan", period=period_a, doc="a.txt")
    b = claim(36.5, kind="percent", subject=subject_b, period=period_b, doc="b.txt")
    assert len(find_conflicts([a, b], SETTINGS)) == expected


def test_engine_counts_need_the_same_counted_noun():
    a = claim(
        7,
        kind="count",
        counted="rescue boats",
        subject="boats provided to Malaysia",
        period=2024,
        entities=("Japan", "Malaysia"),
        doc="a.txt",
    )
    b = claim(
        14,
        kind="count",
        counted="UAVs",
        subject="boats provided to Malaysia",
        period=2024,
        entities=("Japan", "Malaysia"),
        doc="b.txt",
    )
    assert kinds([a, b]) == []


def test_engine_two_numbers_of_one_sentence_are_not_rivals():
    text = "Japan gave $200 million to Thailand and $500 million in the same programme."
    a = claim(200e6, subject="reparations", sentence=text, surface="$200 million", period=1955)
    b = claim(500e6, subject="reparations", sentence=text, surface="$500 million", period=1955)
    assert kinds([a, b]) == []


# --- ids, order, focus, ranking -------------------------------------------------------------------------


def test_engine_ids_are_stable_and_order_free():
    claims = [TRUST_1, TRUST_2, TRUST_3]
    first = find_conflicts(claims, SETTINGS)
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    again = find_conflicts(list(reversed(shuffled)), SETTINGS)
    assert [c.conflict_id for c in first] == [c.conflict_id for c in again]
    assert [(c.claim_a, c.claim_b) for c in first] == [(c.claim_a, c.claim_b) for c in again]
    consensus = min(TRUST_1.claim_id, TRUST_3.claim_id)  # one finding: its id from each side's lowest id
    assert [c.conflict_id for c in first] == [make_conflict_id(TRUST_2.claim_id, consensus)]


def test_engine_focus_limits_findings_to_focus_claims():
    claims = [TRUST_1, TRUST_2, TRUST_3]
    everything = find_conflicts(claims, SETTINGS)
    focused = find_conflicts(claims, SETTINGS, focus={TRUST_3.claim_id})
    assert len(everything) == 1
    # the focused run recomputes the whole group the focus claim joins: the same finding, the same id
    assert [c.conflict_id for c in focused] == [c.conflict_id for c in everything]
    assert find_conflicts(claims, SETTINGS, focus={TRUST_1.claim_id}) == everything
    assert find_conflicts(claims, SETTINGS, focus=set()) == []


def test_engine_ranks_findings_before_possible_then_by_severity():
    deck = claim(
        8e9,
        unit="JPY",
        subject="OSA budget",
        entities=("OSA",),
        period=2025,
        doc="deck.txt",
        surface="8 billion Yen",
    )
    book = claim(
        8.1e9,
        unit="JPY",
        subject="OSA budget",
        entities=("OSA",),
        period=2025,
        doc="book.txt",
        surface="8.1 billion yen",
    )
    found = find_conflicts([deck, book, TRUST_1, TRUST_2], SETTINGS)
    assert {c.severity for c in found} == {Severity.HIGH, Severity.LOW}
    order = [Severity.HIGH, Severity.MEDIUM, Severity.LOW]
    ranks = [(tier_of(c) != "finding", order.index(c.severity), -c.score) for c in found]
    assert ranks == sorted(ranks)  # the findings tier first, then severity, then score


@pytest.mark.parametrize(
    ("doc_b", "chapter_b", "start_b", "scope"),
    [
        ("other.txt", "", 0, "cross_document"),
        ("book.txt", "Chapter 2", 900, "cross_chapter"),
        ("book.txt", "Chapter 1", 900, "within_chapter"),
    ],
)
def test_engine_scope_labels(doc_b, chapter_b, start_b, scope):
    a = claim(
        58.9, kind="percent", subject="trust in Japan", period=2024, doc="book.txt", chapter="Chapter 1"
    )
    b = claim(
        36.5,
        kind="percent",
        subject="trust in Japan",
        period=2024,
        doc=doc_b,
        chapter=chapter_b,
        sentence_start=start_b,
    )
    assert [c.scope for c in find_conflicts([a, b], SETTINGS)] == [scope]


def test_engine_empty_input():
    assert find_conflicts([], SETTINGS) == []


def test_engine_same_claim_twice_is_not_a_finding():
    assert find_conflicts([TRUST_1, TRUST_1], SETTINGS) == []


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (53e9, "CAD", "C$53 billion"),  # a Canadian page's own dollar, never shown as US$
        (39.8e9, "AUD", "A$39.8 billion"),
        (4.13e12, "USD", "US$4.13 trillion"),
    ],
)
def test_engine_amounts_are_shown_in_their_own_dollar(value, unit, shown):
    from claims.reconcile.explain import format_value

    assert format_value(value, unit, "money") == shown
