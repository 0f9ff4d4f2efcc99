"""A stated distance to a majority against the document's majority (reconcile.arithmetic.thresholds)."""

from __future__ import annotations

import pytest
from factories import claim

from claims.reconcile.arithmetic import find_arithmetic_conflicts
from claims.reconcile.rules import MatchRules
from claims.types import Claim

RULES = MatchRules.default()


def document(*sentences: tuple[str, list[tuple[str, float]]]) -> list[Claim]:
    """Count claims of several sentences of one document, each (text, [(surface, value)])."""
    found, start = [], 0
    for text, figures in sentences:
        position = 0
        for surface, value in figures:
            offset = text.index(surface, position)
            position = offset + len(surface)
            options = {"kind": "count", "counted": "seats", "sentence_start": start, "doc": "vote.txt"}
            found.append(claim(value, surface=surface, sentence=text, offset=offset, **options))
        start += len(text) + 1
    return found


MAJORITY = (
    "The ruling party won 201 seats, short of the majority mark of 226.",
    [("201", 201.0), ("226", 226.0)],
)
HOUSE = ("The party won 201 seats in the 450-member assembly.", [("201", 201.0), ("450", 450.0)])


@pytest.mark.parametrize(("distance", "reported"), [("25", False), ("20", True)])
def test_arithmetic_thresholds_distance_below_a_stated_majority(distance, reported):
    claims = document(
        MAJORITY,
        (
            f"Winning 201, {distance} seats short of a majority, was a setback.",
            [("201", 201.0), (distance, float(distance))],
        ),
    )
    assert [c.claim_a for c in find_arithmetic_conflicts(claims, RULES)] == (
        [claims[-1].claim_id] if reported else []
    )


@pytest.mark.parametrize(("distance", "reported"), [("25", False), ("24", True)])
def test_arithmetic_thresholds_majority_of_a_house(distance, reported):
    claims = document(
        HOUSE,
        (
            f"With 201, {distance} seats below a majority, it must find partners.",
            [("201", 201.0), (distance, float(distance))],
        ),
    )
    assert len(find_arithmetic_conflicts(claims, RULES)) == int(reported)


def test_arithmetic_thresholds_two_majorities_leave_it_unchecked():
    other = (
        "Its rival needed 230 seats for a majority, the majority mark of 230 it counts.",
        [("230", 230.0), ("230", 230.0)],
    )
    claims = document(
        MAJORITY,
        other,
        ("Winning 201, 20 seats short of a majority, was a setback.", [("201", 201.0), ("20", 20.0)]),
    )
    assert find_arithmetic_conflicts(claims, RULES) == []


def test_arithmetic_thresholds_level_far_from_the_distance_is_not_read():
    claims = document(
        MAJORITY,
        (
            "With 201 it governs alone in the north, and remains 20 seats below a majority.",
            [("201", 201.0), ("20", 20.0)],
        ),
    )
    assert find_arithmetic_conflicts(claims, RULES) == []
