"""A stated total against the parts listed for it (reconcile.arithmetic.totals); sentences written here."""

from __future__ import annotations

from typing import Any

import pytest
from factories import claim

from claims.reconcile.arithmetic import find_arithmetic_conflicts, listed_parts
from claims.reconcile.rules import MatchRules
from claims.types import Claim

RULES = MatchRules.default()


def counts(
    text: str, *specs: tuple[str, float] | tuple[str, float, dict[str, Any]], start: int = 0
) -> list[Claim]:
    """Count claims for the figures of one sentence, found in order."""
    found, position = [], 0
    for surface, value, *rest in specs:
        options = {"kind": "count", **(rest[0] if rest else {})}
        offset = text.index(surface, position)
        position = offset + len(surface)
        found.append(
            claim(value, surface=surface, sentence=text, offset=offset, sentence_start=start, **options)
        )
    return found


def findings(claims: list[Claim]) -> list[str]:
    by_id = {c.claim_id: c for c in claims}
    return [by_id[c.claim_a].surface for c in find_arithmetic_conflicts(claims, RULES)]


@pytest.mark.parametrize(
    ("total", "reported"), [(9, True), (8, False)]
)  # four and four are exactly eight: whole counts have nothing to round
def test_arithmetic_totals_bracketed_parts_add_up(total, reported):
    text = f"The yard will build a total of {total} ferries (four in Spain and four in Italy)."
    claims = counts(text, (str(total), float(total)), ("four", 4.0), ("four", 4.0))
    assert findings(claims) == ([str(total)] if reported else [])


@pytest.mark.parametrize(("total", "reported"), [(12, False), (8, True)])
def test_arithmetic_totals_some_parts_may_not_exceed(total, reported):
    text = f"The port received a total of {total} vessels, including 5 patrol boats and 4 tugs."
    claims = counts(text, (str(total), float(total)), ("5", 5.0), ("4", 4.0))
    assert findings(claims) == ([str(total)] if reported else [])


@pytest.mark.parametrize(
    ("women", "value", "reported"),
    [("1.3 million", 1.3e6, False), ("1.1 million", 1.1e6, True)],  # men and women are all of them
)
def test_arithmetic_totals_a_partition_makes_a_listing_whole(women, value, reported):
    text = f"Some 2.5 million people are registered, among them 1.2 million men and {women} women."
    claims = counts(text, ("2.5 million", 2.5e6), ("1.2 million", 1.2e6), (women, value))
    assert findings(claims) == (["2.5 million"] if reported else [])


@pytest.mark.parametrize(("total", "reported"), [("600", False), ("300", True)])
def test_arithmetic_totals_parts_after_including_are_examples(total, reported):
    # "including" names some of the parts, even men and women (the children may be left out): short of the
    # total is no slip, over it is
    text = f"The agency said {total} people were missing, including 180 men and 190 women."
    claims = counts(text, (total, float(total)), ("180", 180.0), ("190", 190.0))
    assert findings(claims) == ([total] if reported else [])


@pytest.mark.parametrize(("total", "reported"), [("10,000", True), ("8,000", False)])
def test_arithmetic_totals_a_lower_bound_total(total, reported):
    text = f"More than {total} voters have registered, among them 4,000 men and 5,000 women."
    value = float(total.replace(",", ""))
    claims = counts(text, (total, value, {"qualifier": "over"}), ("4,000", 4000.0), ("5,000", 5000.0))
    assert findings(claims) == ([total] if reported else [])


@pytest.mark.parametrize(("second", "reported"), [("3,500", True), ("2,500", False)])
def test_arithmetic_totals_parts_placed_one_by_one(second, reported):
    text = f"The floods displaced 5,000 people, with 2,000 in Tarsa and {second} in Milo."
    claims = counts(text, ("5,000", 5000.0), ("2,000", 2000.0), (second, float(second.replace(",", ""))))
    assert findings(claims) == (["5,000"] if reported else [])


@pytest.mark.parametrize(("fall", "reported"), [("70", True), ("80", False)])
def test_arithmetic_totals_shares_of_a_stated_total(fall, reported):
    text = f"Of these, 120 of the 300 districts saw a rise, 100 saw no change and {fall} recorded a fall."
    claims = counts(text, ("120", 120.0), ("300", 300.0), ("100", 100.0), (fall, float(fall)))
    assert findings(claims) == (["300"] if reported else [])


def test_arithmetic_totals_shares_without_a_partition_are_some_parts():
    text = "Some 120 of the 300 districts saw a rise and 100 reported floods."
    claims = counts(text, ("120", 120.0), ("300", 300.0), ("100", 100.0))
    assert findings(claims) == []


def _doses(south: str) -> list[Claim]:
    first = "The agency gave 96,500 doses in all during the round."
    second = (
        f"The doses were distributed as follows: 30,000 in the north, 40,000 in the centre and {south} south."
    )
    return [
        *counts(first, ("96,500", 96500.0)),
        *counts(
            second,
            ("30,000", 30000.0),
            ("40,000", 40000.0),
            (south, float(south.replace(",", ""))),
            start=len(first) + 1,
        ),
    ]


@pytest.mark.parametrize(("south", "reported"), [("26,400", True), ("26,500", False)])
def test_arithmetic_totals_breakdown_in_the_next_sentence(south, reported):
    assert findings(_doses(south)) == (["96,500"] if reported else [])


@pytest.mark.parametrize(("men", "reported"), [("1.7 million", True), ("1.9 million", False)])
def test_arithmetic_totals_change_split_in_the_next_sentence(men, reported):
    first = "The electorate grew to 61 million, an increase of 4.0 million over 2020."
    second = f"Among the additional voters, the number of women rose by 2.1 million and that of men by {men}."
    claims = [
        *counts(first, ("61 million", 61e6), ("4.0 million", 4.0e6)),
        *counts(second, ("2.1 million", 2.1e6), (men, float(men.split()[0]) * 1e6), start=len(first) + 1),
    ]
    assert findings(claims) == (["4.0 million"] if reported else [])


@pytest.mark.parametrize(
    ("text", "specs"),
    [
        # a figure inside an adverbial is not a listed part
        (
            "A total of 40 seats were contested, including 12 in the north and 25 in the south, in the six "
            "rounds.",
            [("40", 40.0), ("12", 12.0), ("25", 25.0), ("six", 6.0)],
        ),
        # a bound cannot be added up
        (
            "A total of 40 seats were contested, including 12 in the north and more than 30 in the south.",
            [("40", 40.0), ("12", 12.0), ("30", 30.0, {"qualifier": "over"})],
        ),
        # a change amount is not a part of a level
        (
            "All 40 seats voted, including 12 where turnout rose by 30 votes and 20 where it fell.",
            [("40", 40.0), ("12", 12.0), ("30", 30.0), ("20", 20.0)],
        ),
        # a larger figure is something else, not a part
        (
            "The storm killed 30 people, including 12 children, and injured 100.",
            [("30", 30.0), ("12", 12.0), ("100", 100.0)],
        ),
        # no listing cue: two figures near a total are not its parts
        ("The 8 vessels, 5 patrol boats and 4 tugs.", [("8", 8.0), ("5", 5.0), ("4", 4.0)]),
        # a figure the listing is measured against ends it: the target is no part
        (
            "The yard handed over 90 ships, among them 50 ferries, 30 tugs plus 10 barges, above the 85 it "
            "had planned.",
            [("90", 90.0), ("50", 50.0), ("30", 30.0), ("10", 10.0), ("85", 85.0)],
        ),
    ],
)
def test_arithmetic_totals_no_evidence_of_parts(text, specs):
    assert findings(counts(text, *specs)) == []


def test_arithmetic_totals_level_and_base_are_not_parts():
    first = "Spending rose to Rs 900 crore this year."
    second = "The gains include health, with Rs 700 crore against Rs 650 crore."
    inr = {"kind": "money", "unit": "INR"}
    claims = [
        *counts(first, ("Rs 900 crore", 9e9, inr)),
        *counts(second, ("Rs 700 crore", 7e9, inr), ("Rs 650 crore", 6.5e9, inr), start=len(first) + 1),
    ]
    assert findings(claims) == []


def test_arithmetic_totals_vague_total_is_not_added_up():
    first = "Hundreds were hurt in the blast."
    second = "The dead include 27 women and 10 men."
    claims = [
        *counts(first, ("Hundreds", 100.0, {"qualifier": "over"})),
        *counts(second, ("27", 27.0), ("10", 10.0), start=len(first) + 1),
    ]
    assert findings(claims) == []


def test_arithmetic_totals_explanation_and_listed_parts():
    text = "The yard will build a total of 9 ferries (four in Spain and four in Italy)."
    claims = counts(text, ("9", 9.0, {"counted": "ferries"}), ("four", 4.0), ("four", 4.0))
    (found,) = find_arithmetic_conflicts(claims, RULES)
    assert found.explanation.endswith("the parts four + four add up to 8, not the stated total 9 ferries.")
    assert found.relative_difference == pytest.approx(1 / 9)
    assert listed_parts(claims) == {1, 2}


@pytest.mark.parametrize(
    ("text", "specs", "reported"),
    [
        (
            "The yard delivered 14 ferries in May and 9 in June, for a total of 24.",
            [("14", 14.0), ("9", 9.0), ("24", 24.0)],
            True,
        ),
        (
            "The yard delivered 14 ferries in May and 9 in June, for a total of 23.",
            [("14", 14.0), ("9", 9.0), ("23", 23.0)],
            False,
        ),
        # a running total includes earlier counts: not the sum of those listed
        (
            "Two people died on Monday and three on Tuesday, bringing the death toll to 40.",
            [("Two", 2.0), ("three", 3.0), ("40", 40.0)],
            False,
        ),
        # far from the parts: another quantity, not a slip
        (
            "The chain opened 5 stores in May and 3 in June, for a total of 120 across the country.",
            [("5", 5.0), ("3", 3.0), ("120", 120.0)],
            False,
        ),
    ],
)
def test_arithmetic_totals_parts_then_their_total(text, specs, reported):
    claims = counts(text, *specs)
    assert findings(claims) == ([specs[-1][0]] if reported else [])


@pytest.mark.parametrize(
    ("text", "specs", "reported"),
    [
        # a bare bracket after a figure lists some parts: only more than the total is reported
        (
            "The storm killed 30 people (12 children and 8 women).",
            [("30", 30.0), ("12", 12.0), ("8", 8.0)],
            False,
        ),
        (
            "The storm killed 15 people (12 children and 8 women).",
            [("15", 15.0), ("12", 12.0), ("8", 8.0)],
            True,
        ),
        # 'including' inside a bracket still lists some
        (
            "A total of 30 people died (including 12 children and 8 women).",
            [("30", 30.0), ("12", 12.0), ("8", 8.0)],
            False,
        ),
        # killed and injured are all the casualties
        (
            "The province counted 1,030 casualties (402 killed and 624 injured).",
            [("1,030", 1030.0), ("402", 402.0), ("624", 624.0)],
            True,
        ),
    ],
)
def test_arithmetic_totals_brackets(text, specs, reported):
    assert findings(counts(text, *specs)) == ([specs[0][0]] if reported else [])


def test_arithmetic_totals_parts_split_by_place_too_are_some_parts():
    first = "The province counted 1,030 casualties in the month."
    second = "This included 71 killed and 437 injured in Ramadi and 331 killed and 100 injured in Hit."
    claims = [
        *counts(first, ("1,030", 1030.0)),
        *counts(second, ("71", 71.0), ("437", 437.0), ("331", 331.0), ("100", 100.0), start=len(first) + 1),
    ]
    assert findings(claims) == []


@pytest.mark.parametrize(
    ("text", "specs", "reported"),
    [
        # 'from the coast' places a part, it does not compare two figures
        (
            "A total of 2,400 people were evacuated: 1,200 from the coast and 1,150 from the river valley.",
            [("2,400", 2400.0), ("1,200", 1200.0), ("1,150", 1150.0)],
            True,
        ),
        # a figure of another verb ends the listing
        (
            "The board approved 200 homes, including 150 affordable units, and rejected 100 applications.",
            [("200", 200.0), ("150", 150.0), ("100", 100.0)],
            False,
        ),
    ],
)
def test_arithmetic_totals_where_a_listing_ends(text, specs, reported):
    assert findings(counts(text, *specs)) == ([specs[0][0]] if reported else [])


@pytest.mark.parametrize(
    ("text", "specs", "reported"),
    [
        # households and a sub-group listed beside the groups: the groups alone make the total
        (
            "Officials said 1,240 people were sheltering, including 310 households, 560 men, 480 women, "
            "200 children and four nursing mothers.",
            [
                ("1,240", 1240.0, {"counted": "people"}),
                ("310", 310.0, {"counted": "household"}),
                ("560", 560.0, {"counted": "man"}),
                ("480", 480.0, {"counted": "woman"}),
                ("200", 200.0, {"counted": "child"}),
                ("four", 4.0, {"counted": "nursing mother"}),
            ],
            False,
        ),
        # the groups alone exceed the total: still a slip
        (
            "Officials said 1,240 people were sheltering, including 610 men, 480 women, 200 children and "
            "four nursing mothers.",
            [
                ("1,240", 1240.0, {"counted": "people"}),
                ("610", 610.0, {"counted": "man"}),
                ("480", 480.0, {"counted": "woman"}),
                ("200", 200.0, {"counted": "child"}),
                ("four", 4.0, {"counted": "nursing mother"}),
            ],
            True,
        ),
        # no sub-group: two groups making the total do not excuse a third
        (
            "Officials said 1,240 people were sheltering, including 560 men, 680 women and 90 children.",
            [
                ("1,240", 1240.0, {"counted": "people"}),
                ("560", 560.0, {"counted": "man"}),
                ("680", 680.0, {"counted": "woman"}),
                ("90", 90.0, {"counted": "child"}),
            ],
            True,
        ),
    ],
)
def test_arithmetic_totals_overlapping_groups(text, specs, reported):
    claims = counts(text, *specs)
    assert findings(claims) == (["1,240"] if reported else [])
