"""A stated share against its part and whole (reconcile.arithmetic.shares); sentences written here."""

from __future__ import annotations

import dataclasses

import pytest
from factories import claim

from claims.reconcile.arithmetic import find_arithmetic_conflicts
from claims.reconcile.rules import MatchRules
from claims.types import Claim

RULES = MatchRules.default()


def share_line(text: str, part: tuple[str, float], whole: tuple[str, float], share: str) -> list[Claim]:
    claims, position = [], 0
    for surface, value, kind in (
        (*part, "count"),
        (*whole, "count"),
        (share, float(share.split("%")[0].split(" per")[0]), "percent"),
    ):
        offset = text.index(surface, position)
        position = offset + len(surface)
        claims.append(claim(value, kind=kind, surface=surface, sentence=text, offset=offset))
    return claims


@pytest.mark.parametrize(
    ("share", "reported"),
    [("61.4 per cent", False), ("61.5 per cent", False), ("63.4 per cent", True)],  # 52.1 / 84.9 = 61.37%
)
def test_arithmetic_shares_turnout(share, reported):
    text = f"In 2020, 52.1 million of the total 84.9 million electors voted, a turnout of {share}."
    claims = share_line(text, ("52.1 million", 52.1e6), ("84.9 million", 84.9e6), share)
    assert [c.claim_a for c in find_arithmetic_conflicts(claims, RULES)] == (
        [claims[2].claim_id] if reported else []
    )


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("The chain closed 120 of its 500 stores, or 24%.", False),
        ("The chain closed 120 of its 500 stores, or 30%.", True),
        # a share of something else: votes, not seats
        ("The bloc won 19 of the 57 seats, with a vote share of 37.5%.", False),
        # a percent that is a change, not the share
        ("The chain closed 120 of its 500 stores, a drop of 30%.", False),
    ],
)
def test_arithmetic_shares_cue_words(text, reported):
    part, whole = (
        ("120", 120.0) if "120" in text else ("19", 19.0),
        ("500", 500.0) if "500" in text else ("57", 57.0),
    )
    share = text.rsplit(" ", 1)[1].rstrip(".")
    claims = share_line(text, part, whole, share)
    assert len(find_arithmetic_conflicts(claims, RULES)) == int(reported)


@pytest.mark.parametrize(
    ("counted", "reported"),
    [
        # the count's progress over places, then the turnout of voters: two measures
        ("ward", False),
        ("polling station", False),
        # a turnout of the electors counted: their share
        ("elector", True),
    ],
)
def test_arithmetic_shares_turnout_of_voters_not_of_places(counted, reported):
    text = f"With ballots tallied in 188 of 240 {counted}s and turnout at 54.2%, the mayor conceded."
    claims = share_line(text, ("188", 188.0), ("240", 240.0), "54.2%")  # 188 / 240 = 78.3%
    claims[1] = dataclasses.replace(claims[1], counted=counted)
    assert len(find_arithmetic_conflicts(claims, RULES)) == int(reported)
