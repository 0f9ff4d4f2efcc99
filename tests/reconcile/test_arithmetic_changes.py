"""Stated changes against the figures they compare (reconcile.arithmetic.changes); sentences written here."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from factories import claim

from claims.reconcile.arithmetic import find_arithmetic_conflicts
from claims.reconcile.rules import MatchRules
from claims.types import Claim

RULES = MatchRules.default()

Figure = tuple[str, float, str, dict[str, Any]]  # surface, value, kind, options (unit, period, qualifier...)


def figures(text: str, *specs: Figure, start: int = 0, doc: str = "report.txt") -> list[Claim]:
    """Claims for the figures of one sentence, found in order; `start` is the sentence's document offset."""
    found, position = [], 0
    for surface, value, kind, options in specs:
        offset = text.index(surface, position)
        position = offset + len(surface)
        found.append(
            claim(
                value,
                kind=kind,
                surface=surface,
                sentence=text,
                offset=offset,
                sentence_start=start,
                doc=doc,
                **options,
            )
        )
    return found


def findings(claims: list[Claim]) -> list[str]:
    """The surfaces of the stated figures reported."""
    by_id = {c.claim_id: c for c in claims}
    return [by_id[c.claim_a].surface for c in find_arithmetic_conflicts(claims, RULES)]


USD = {"unit": "USD"}


@pytest.mark.parametrize(
    ("stated", "qualifier", "reported"),
    [
        ("25%", "exact", False),
        ("24%", "exact", False),  # 10.0 -> 12.5 is 25%, and 23.9%-26.1% within the rounding of both
        ("22%", "exact", True),
        ("27%", "approx", False),  # "about 27%": 26-28
        ("28%", "approx", True),
        ("24%", "over", False),
        ("26%", "over", True),  # a bound is met by the figures as stated
    ],
)
def test_arithmetic_changes_percent_from_to(stated, qualifier, reported):
    hedge = {"exact": "", "approx": "about ", "over": "more than "}[qualifier]
    text = (
        f"Exports rose from $10.0 million in 2021 to $12.5 million in 2022, an increase of {hedge}{stated}."
    )
    claims = figures(
        text,
        ("$10.0 million", 10.0e6, "money", {**USD, "period": 2021}),
        ("$12.5 million", 12.5e6, "money", {**USD, "period": 2022}),
        (stated, float(stated.rstrip("%")), "percent", {"qualifier": qualifier}),
    )
    assert findings(claims) == ([stated] if reported else [])


@pytest.mark.parametrize(
    ("stated", "reported"),
    [
        ("265%", False),
        ("983%", False),
        ("990%", True),
    ],  # 22.10/6.05 = +265.3%; 13.62/1.26 = +981%, 985.7% at most
)
def test_arithmetic_changes_input_rounding_excuses(stated, reported):
    base, level = ("$6.05 billion", 6.05e9) if stated == "265%" else ("$1.26 billion", 1.26e9)
    level = ("$22.10 billion", 22.1e9) if stated == "265%" else ("$13.62 billion", 13.62e9)
    base = ("$6.05 billion", 6.05e9) if stated == "265%" else ("$1.26 billion", 1.26e9)
    text = f"Operating income climbed from {base[0]} to {level[0]}, a rise of {stated}."
    claims = figures(
        text,
        (base[0], base[1], "money", USD),
        (level[0], level[1], "money", USD),
        (stated, float(stated.rstrip("%")), "percent", {}),
    )
    assert findings(claims) == ([stated] if reported else [])


@pytest.mark.parametrize(("stated", "reported"), [("20%", False), ("25%", True)])
def test_arithmetic_changes_a_fall(stated, reported):
    text = f"Ticket sales fell from $50 million to $40 million, a decline of {stated}."
    claims = figures(
        text,
        ("$50 million", 50e6, "money", USD),
        ("$40 million", 40e6, "money", USD),
        (stated, float(stated.rstrip("%")), "percent", {}),
    )
    assert findings(claims) == ([stated] if reported else [])


@pytest.mark.parametrize(
    ("text", "figures_", "reported"),
    [
        # 'to Y from X'
        (
            "Quarterly profit edged up 2% to $5.1 million from $5.0 million.",
            [
                ("2%", 2.0, "percent", {}),
                ("$5.1 million", 5.1e6, "money", USD),
                ("$5.0 million", 5e6, "money", USD),
            ],
            [],
        ),
        (
            "Quarterly profit edged up 6% to $5.1 million from $5.0 million.",
            [
                ("6%", 6.0, "percent", {}),
                ("$5.1 million", 5.1e6, "money", USD),
                ("$5.0 million", 5e6, "money", USD),
            ],
            ["6%"],
        ),
        # 'Y as against X, showing a growth of P'
        (
            "The ministry received Rs 1,200 crore this year as against Rs 1,000 crore last year, "
            "showing a growth of 25%.",
            [
                ("Rs 1,200 crore", 1.2e10, "money", {"unit": "INR"}),
                ("Rs 1,000 crore", 1e10, "money", {"unit": "INR"}),
                ("25%", 25.0, "percent", {}),
            ],
            ["25%"],
        ),
        # 'Y, P% more than X'
        (
            "The city set aside $1.5 million for its parks, 50 per cent more than the earlier allocation "
            "of $1 million.",
            [
                ("$1.5 million", 1.5e6, "money", USD),
                ("50 per cent", 50.0, "percent", {}),
                ("$1 million", 1e6, "money", USD),
            ],
            [],
        ),
        # a base dropped its scale word: read at its partner's scale, not reported
        (
            "Housing got Rs 3,000.50 crore this year, as against Rs 1,500.25 last year, "
            "showing a growth of 100%.",
            [
                ("Rs 3,000.50 crore", 3.0005e10, "money", {"unit": "INR"}),
                ("Rs 1,500.25", 1500.25, "money", {"unit": "INR"}),
                ("100%", 100.0, "percent", {}),
            ],
            [],
        ),
    ],
)
def test_arithmetic_changes_operand_forms(text, figures_, reported):
    assert findings(figures(text, *figures_)) == reported


@pytest.mark.parametrize(
    ("text", "figures_"),
    [
        # the change belongs to another clause about another thing
        (
            "The trade surplus narrowed to $4.4 billion from $4.5 billion, as imports fell 6%.",
            [
                ("$4.4 billion", 4.4e9, "money", USD),
                ("$4.5 billion", 4.5e9, "money", USD),
                ("6%", 6.0, "percent", {}),
            ],
        ),
        # a level set against a forecast is not a change from a base
        (
            "Revenue rose 5% to $10.5 million, against expectations of $9 million.",
            [
                ("5%", 5.0, "percent", {}),
                ("$10.5 million", 10.5e6, "money", USD),
                ("$9 million", 9e6, "money", USD),
            ],
        ),
        # 'to' marks the end point, not the base
        (
            "Stocks are forecast to rise 3 percent above their opening level to 310 million tonnes, "
            "from 301 million tonnes.",
            [
                ("3 percent", 3.0, "percent", {}),
                ("310 million tonnes", 310e6, "measure", {"unit": "tonne"}),
                ("301 million tonnes", 301e6, "measure", {"unit": "tonne"}),
            ],
        ),
        # a 'from' that starts another phrase, not the change
        (
            "Net profit is now seen at $590 million, up $50 million from the previous estimate, and "
            "operating profit at $880 million, revised up by $40 million.",
            [
                ("$590 million", 590e6, "money", USD),
                ("$50 million", 50e6, "money", USD),
                ("$880 million", 880e6, "money", USD),
                ("$40 million", 40e6, "money", USD),
            ],
        ),
        # ", and it reported": another clause, another quantity (dividends, not the profit's base)
        (
            "The profit, down from $161.1 billion in 2022, was still its second-highest, and it reported "
            "total dividends of $97.8 billion, up 30%.",
            [
                ("$161.1 billion", 161.1e9, "money", USD),
                ("$97.8 billion", 97.8e9, "money", USD),
                ("30%", 30.0, "percent", {}),
            ],
        ),
        # a 'from ... to' of the next clause is that clause's change, not the base of the one before
        (
            "Coastal freight grew by 12.4 per cent; with new ferries the share of hybrids in the fleet rose "
            "from 5 per cent to 9 per cent.",
            [
                ("12.4 per cent", 12.4, "percent", {}),
                ("5 per cent", 5.0, "percent", {}),
                ("9 per cent", 9.0, "percent", {}),
            ],
        ),
    ],
)
def test_arithmetic_changes_unrelated_figures_are_left_alone(text, figures_):
    assert findings(figures(text, *figures_)) == []


@pytest.mark.parametrize(("stated", "reported"), [("4.2", False), ("5.2", True)])
def test_arithmetic_changes_percentage_points(stated, reported):
    text = f"Turnout rose from 61.2% in 2019 to 65.4% in 2024, an increase of {stated} percentage points."
    claims = figures(
        text,
        ("61.2%", 61.2, "percent", {"period": 2019}),
        ("65.4%", 65.4, "percent", {"period": 2024}),
        (f"{stated} percentage points", float(stated), "percent", {"unit": "percentage point"}),
    )
    assert findings(claims) == ([f"{stated} percentage points"] if reported else [])


def test_arithmetic_changes_percent_of_percentages_may_be_points():
    text = "The import duty was cut from 20% to 15%, a cut of 5%."
    claims = figures(
        text, ("20%", 20.0, "percent", {}), ("15%", 15.0, "percent", {}), ("5%", 5.0, "percent", {})
    )
    assert findings(claims) == []


@pytest.mark.parametrize(
    ("tail", "surface", "value", "reported"),
    [
        ("a 2.5-fold increase", "2.5-fold", 2.5, False),
        ("a fourfold increase", "fourfold", 4.0, True),
        ("1.5 times more than in 2023", "1.5 times", 1.5, False),  # "times more": read as 2.5x or 3.5x
        ("2.5 times more than in 2023", "2.5 times", 2.5, False),
        ("four times more than in 2023", "four times", 4.0, True),
    ],
)
def test_arithmetic_changes_multiples(tail, surface, value, reported):
    text = f"The fund grew from 2.0 billion yen in 2023 to 5.0 billion yen in 2024, {tail}."
    claims = figures(
        text,
        ("2.0 billion yen", 2e9, "money", {"unit": "JPY", "period": 2023}),
        ("5.0 billion yen", 5e9, "money", {"unit": "JPY", "period": 2024}),
        (surface, value, "multiplier", {}),
    )
    assert findings(claims) == ([surface] if reported else [])


@pytest.mark.parametrize(
    ("stated", "value", "qualifier", "reported"),
    [
        ("€250,000", 250_000.0, "exact", False),
        ("€300,000", 300_000.0, "exact", True),
        ("€250,000", 250_000.0, "approx", False),
        ("€252,500", 252_500.0, "approx", True),  # "around €252,500": 252,400-252,600, not 250,000
    ],
)
def test_arithmetic_changes_amounts(stated, value, qualifier, reported):
    hedge = "around " if qualifier == "approx" else ""
    text = f"The grant went from €400,000 in 2022 to €650,000 in 2023, a rise of {hedge}{stated}."
    claims = figures(
        text,
        ("€400,000", 400_000.0, "money", {"unit": "EUR", "period": 2022}),
        ("€650,000", 650_000.0, "money", {"unit": "EUR", "period": 2023}),
        (stated, value, "money", {"unit": "EUR", "qualifier": qualifier}),
    )
    assert findings(claims) == ([stated] if reported else [])


def _voters(stated: str, value: float) -> list[Claim]:
    first = "In 2024, at least 120.5 million people voted in the national election."
    second = "In 2019, 100.2 million people had voted."
    third = f"In all, at least {stated} more people voted this time."
    start2, start3 = len(first) + 1, len(first) + len(second) + 2
    return [
        *figures(
            first,
            (
                "120.5 million",
                120.5e6,
                "count",
                {"period": 2024, "qualifier": "at_least", "counted": "people"},
            ),
        ),
        *figures(
            second, ("100.2 million", 100.2e6, "count", {"period": 2019, "counted": "people"}), start=start2
        ),
        *figures(third, (stated, value, "count", {"period": 2024, "qualifier": "at_least"}), start=start3),
    ]


@pytest.mark.parametrize(
    ("stated", "value", "reported"), [("20 million", 20e6, False), ("21 million", 21e6, True)]
)
def test_arithmetic_changes_a_lone_extra_against_earlier_levels(stated, value, reported):
    assert findings(_voters(stated, value)) == ([stated] if reported else [])


def _navy(stated: str, value: float) -> list[Claim]:
    first = f"For 2024 the navy budget was $1,100.5 million, a rise of about {stated}."
    second = "For 2023 it was $1,000 million."
    return [
        *figures(
            first,
            ("$1,100.5 million", 1100.5e6, "money", {**USD, "period": 2024}),
            (stated, value, "money", {**USD, "qualifier": "approx"}),
        ),
        *figures(second, ("$1,000 million", 1000e6, "money", {**USD, "period": 2023}), start=len(first) + 1),
    ]


@pytest.mark.parametrize(
    ("stated", "value", "reported"),
    [
        ("$100 million", 100e6, False),
        ("$120 million", 120e6, True),
        ("$900 million", 900e6, False),
    ],  # far: not a slip
)
def test_arithmetic_changes_base_in_the_next_sentence(stated, value, reported):
    assert findings(_navy(stated, value)) == ([stated] if reported else [])


def test_arithmetic_changes_explanation_names_figures_and_result():
    text = "Exports rose from $10.0 million in 2021 to $12.5 million in 2022, an increase of 30%."
    claims = figures(
        text,
        ("$10.0 million", 10.0e6, "money", {**USD, "period": 2021}),
        ("$12.5 million", 12.5e6, "money", {**USD, "period": 2022}),
        ("30%", 30.0, "percent", {}),
    )
    (found,) = find_arithmetic_conflicts(claims, RULES)
    assert (
        "from $10.0 million (2021) to $12.5 million (2022) is an increase of 25.0%, not 30%"
        in found.explanation
    )
    assert found.expected_value == pytest.approx(25.0)
    assert found.relative_difference == pytest.approx(5 / 30)


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Exports reached $12.0 billion, four times the $3.0 billion of 2015.", []),
        ("Exports reached $12.0 billion, five times the $3.0 billion of 2015.", ["five times"]),
        ("Exports reached $12.0 billion, five times the level of 2015, when imports were $3.0 billion.", []),
    ],
)
def test_arithmetic_changes_multiple_between_its_figures(text, reported):
    multiple = "four times" if "four times" in text else "five times"
    value = 4.0 if multiple == "four times" else 5.0
    claims = figures(
        text,
        ("$12.0 billion", 12e9, "money", USD),
        (multiple, value, "multiplier", {}),
        ("$3.0 billion", 3e9, "money", USD),
    )
    assert findings(claims) == reported


def test_arithmetic_changes_slipped_scale_word_is_read_away():
    first = "For 2023-24 the navy budget was ₹1,100.50 lakh crore, a rise of around ₹120 crore."
    second = "For the year 2022-23 it was ₹1,000 crore."
    inr = {"unit": "INR", "fiscal": True}
    claims = [
        *figures(
            first,
            ("₹1,100.50 lakh crore", 1100.5e12, "money", {**inr, "period": (2023, 2024)}),
            ("₹120 crore", 1.2e9, "money", {**inr, "qualifier": "approx"}),
        ),
        *figures(
            second, ("₹1,000 crore", 1e10, "money", {**inr, "period": (2022, 2023)}), start=len(first) + 1
        ),
    ]
    (found,) = find_arithmetic_conflicts(claims, RULES)
    assert found.claim_a == claims[1].claim_id
    assert "is an increase of ₹100.5 crore, not about ₹120 crore" in found.explanation
    assert "reading ₹1,100.50 lakh crore at the scale of ₹1,000 crore" in found.explanation


@pytest.mark.parametrize(("stated", "reported"), [("77%", False), ("70%", True)])
def test_arithmetic_changes_elided_verb_keeps_its_direction(stated, reported):
    text = (
        f"Service revenue declined by 66% in the quarter to $8.0 million from $23.8 million, and by {stated} "
        "for the year to $32.2 million from $141.1 million."
    )
    claims = figures(
        text,
        ("66%", 66.0, "percent", {}),
        ("$8.0 million", 8e6, "money", USD),
        ("$23.8 million", 23.8e6, "money", USD),
        (stated, float(stated.rstrip("%")), "percent", {}),
        ("$32.2 million", 32.2e6, "money", USD),
        ("$141.1 million", 141.1e6, "money", USD),
    )
    assert findings(claims) == ([stated] if reported else [])


def test_arithmetic_changes_a_chain_stops_at_another_clause():
    text = "Health will rise to Rs 900 crore from Rs 860 crore, while education gets Rs 1,200 crore, up 6%."
    inr = {"unit": "INR"}
    claims = figures(
        text,
        ("Rs 900 crore", 9e9, "money", inr),
        ("Rs 860 crore", 8.6e9, "money", inr),
        ("Rs 1,200 crore", 1.2e10, "money", inr),
        ("6%", 6.0, "percent", {}),
    )
    assert findings(claims) == []


@pytest.mark.parametrize(
    ("last", "reported"),
    [
        ("15%", []),  # $80 billion to $92 billion is 15%: holds against its own base
        ("20%", ["20%"]),  # 15% stated as 20%: wrong against its own base
    ],
)
def test_arithmetic_changes_a_list_of_changes_pairs_each_with_its_own_base(last, reported):
    # each segment's change has its own 'from X to Y' right after it; the last one must not be read
    # against the previous segment's figures ($100 billion to $110 billion would make 15% wrong)
    text = (
        f"Retail sales rose 10% from $200 billion to $220 billion, wholesale grew 10% from $100 billion to "
        f"$110 billion, and cloud revenue rose {last} from $80 billion to $92 billion."
    )
    claims = figures(
        text,
        ("10%", 10.0, "percent", {}),
        ("$200 billion", 200e9, "money", USD),
        ("$220 billion", 220e9, "money", USD),
        ("$100 billion", 100e9, "money", USD),
        ("$110 billion", 110e9, "money", USD),
        (last, float(last.rstrip("%")), "percent", {}),
        ("$80 billion", 80e9, "money", USD),
        ("$92 billion", 92e9, "money", USD),
    )
    assert findings(claims) == reported


@pytest.mark.parametrize(
    ("stated", "reported"),
    [
        ("17.6%", False),  # 94.31 / 535.19 = 17.62%: rounded
        ("17%", True),  # cut short 3.5% below what the figures give (17.6% rounds to 18%)
        ("18%", False),
    ],
)
def test_arithmetic_changes_cut_short_only_when_it_restates(stated, reported):
    # a reporting clause set off by commas does not part the statement from its figures
    text = (
        f"Sales dropped {stated}, the company said, to $440.88 billion from $535.19 billion a year earlier."
    )
    claims = figures(
        text,
        (stated, float(stated.rstrip("%")), "percent", {}),
        ("$440.88 billion", 440.88e9, "money", {**USD, "period": 2023}),
        ("$535.19 billion", 535.19e9, "money", {**USD, "period": 2022}),
    )
    assert findings(claims) == ([stated] if reported else [])


@pytest.mark.parametrize(("gap", "reported"), [(0.005, True), (0.04, False)])
def test_arithmetic_changes_cut_short_reads_the_rules_gap(gap, reported):
    # a figure cut short holds as near as the settings let a restatement be off: a user who allows 4% lets
    # "17%" stand for a fall of 17.6%, as the pair matcher would let it restate 17.6%
    rules = dataclasses.replace(RULES, restatement_gap=gap)
    text = "Orders dropped 17% in the year to $440.88 billion from $535.19 billion a year earlier."
    claims = figures(
        text,
        ("17%", 17.0, "percent", {}),
        ("$440.88 billion", 440.88e9, "money", {**USD, "period": 2023}),
        ("$535.19 billion", 535.19e9, "money", {**USD, "period": 2022}),
    )
    by_id = {c.claim_id: c for c in claims}
    found = [by_id[c.claim_a].surface for c in find_arithmetic_conflicts(claims, rules)]
    assert found == (["17%"] if reported else [])


@pytest.mark.parametrize(
    ("stated", "gap", "tier"),
    [("95%", 0.12, "finding"), ("80%", 0.12, "possible"), ("80%", 0.25, "finding")],
)
def test_arithmetic_changes_far_off_is_a_possible_finding(stated, gap, tier):
    # from $100 million to $200 million is 100%: "95%" is a slip (5% off), "80%" is 20% off, more than a
    # slip usually is (the rules' arithmetic_finding_gap): kept, as a possible finding
    rules = dataclasses.replace(RULES, arithmetic_finding_gap=gap)
    text = f"Sales rose {stated} to $200 million in 2024 from $100 million in 2023."
    claims = figures(
        text,
        (stated, float(stated.rstrip("%")), "percent", {}),
        ("$200 million", 200e6, "money", {**USD, "period": 2024}),
        ("$100 million", 100e6, "money", {**USD, "period": 2023}),
    )
    assert [c.tier for c in find_arithmetic_conflicts(claims, rules)] == [tier]
