"""The "not a claim" rules of claims.parse.nonclaims, one sentence (written for this file) per rule."""

from __future__ import annotations

import pytest

from claims.parse.nonclaims import NOT_A_CLAIM, NOT_A_QUANTITY, PlainLayout, claim_drop_reason, reasons
from claims.types import Kind, Quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one of the oldest ports", [("one", "pronoun_one")]),
        ("built in 1998 by hand", [("1998", "year")]),
        ("call 0800 now", [("0800", "code")]),
        ("on June 3 the board met", [("3", "date")]),
        ("held on 3 June", [("3", "date")]),
        ("meets 12 Monday mornings", [("12", "date")]),
        ("by 9 GMT", [("9", "time")]),
        ("the second half of the season", [("half", "period")]),
        ("Forty Days in the Desert opened", [("Forty Days", "title")]),
        ("a three-party coalition", [("three", "compound_modifier")]),
        ("London: Verso, 310 pp.", [("310", "page_count")]),
        ("in Section 7 of the act", [("7", "numbering")]),
        ("cases per 1,000 residents", [("1,000", "rate_denominator")]),
        ("the Club of 30 met", [("30", "name")]),
        ("a 2-1 win", [("2", "score"), ("1", "score")]),
        ("[14] the source", [("14", "numbering")]),
        ("the Seven Hills estate", [("Seven", "name")]),
        ("It sank 40 ships.", [("40", None)]),
        # "Plus" names a grouping; "plus" in lower case adds a figure
        ("the Harbour Plus 3 talks", [("3", "numbering")]),
        ("It sank 40 ships plus 12 tugs.", [("40", None), ("12", None)]),
    ],
)
def test_nonclaims_quantity_rules_give_their_reason(text, expected):
    assert reasons(text) == expected


def _quantity(text: str, surface: str, kind: Kind, unit: str | None = None) -> Quantity:
    start = text.index(surface)
    return Quantity(start, start + len(surface), surface, 1.0, unit=unit, kind=kind)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit", "reason"),
    [
        ("ISBN 978-1-2345 and 300 copies", "300", Kind.COUNT, "count", "imprint"),
        ("Visit us at 8 Soi 12, Bangkok", "8", Kind.OTHER, None, "address"),
        ("Jobs grew over the last two years.", "two years", Kind.MEASURE, "year", "time_reference"),
        ("intro\n  27  \nmore", "27", Kind.OTHER, None, "page_number"),
        ("Aims:\n2. 15 new wells", "2", Kind.OTHER, None, "list_number"),
        ("as shown in Figure 8 rows", "8", Kind.COUNT, "count", "label_number"),
        ("The plant cost $4 million.", "$4 million", Kind.MONEY, "USD", ""),
        # a change alone on its line under its label (a results dashboard) is no page number
        ("Net sales\n$81B\n+6.2%\nOperating income", "+6.2%", Kind.PERCENT, "percent", ""),
    ],
)
def test_nonclaims_claim_rules_give_their_reason(text, surface, kind, unit, reason):
    quantity = _quantity(text, surface, kind, unit)
    assert claim_drop_reason(text, PlainLayout(), quantity) == reason


@pytest.mark.parametrize("table", [NOT_A_QUANTITY, NOT_A_CLAIM])
def test_nonclaims_every_rule_has_an_example(table):
    for rule in table:
        assert rule.__doc__, rule.__name__
        assert rule.__doc__.strip(), rule.__name__
