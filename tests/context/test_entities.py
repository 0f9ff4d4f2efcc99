"""Claim context: parties named near a number."""

from __future__ import annotations

import pytest

from claims import context


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tokyo will provide Kuala Lumpur with grants", ["Japan", "Malaysia"]),
        ("a summit held in Tokyo over the weekend", []),
        ("the Tokyo Declaration of 2003", []),
        ("the Philippine Coast Guard's (PCG) modern fleet", ["Philippine Coast Guard", "Philippines"]),
        ("Japan-ASEAN trade", ["Japan", "ASEAN"]),
        ("tensions in the South China Sea", []),
        ("US \\$3.8 billion", []),
        ("the US and Japan", ["United States", "Japan"]),
        ("Japanese experts trained Vietnamese officers", ["Japan", "Vietnam"]),
        ("OSA grants", ["OSA", "Japan"]),
    ],
)
def test_context_find_entities(text: str, expected: list[str]) -> None:
    found = context.canonical_entities(context.find_entities(text))
    assert list(found) == expected


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("The biggest falls hit Peru (-12.0%) and Chile (-9.5%).", "-9.5%", "Chile"),
        ("Exports rose (5%) in May.", "5%", ""),
    ],
)
def test_context_list_item_party(text: str, number: str, expected: str) -> None:
    start = text.index(number)
    assert context.list_item_party(text, start, start + len(number)) == expected
