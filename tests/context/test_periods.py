"""Claim context: periods from headings and scattered tables."""

from __future__ import annotations

import pytest

from claims import context
from claims.parse.periods import Period


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ('The "Japan-ASEAN Ministerial Initiative" (JASMINE Initiative:2023)', Period(2023, 2023)),
        ("Maritime Security Cooperation", None),
        ("Cooperation in 2019 and 2023", None),
    ],
)
def test_context_heading_period(label: str, expected: Period | None) -> None:
    assert context.heading_period(label) == expected


def test_context_scattered_table_period() -> None:
    text = "Signed the agreement 1 patrol\n\nboat\n\nYear(s)\n\n2025\n\n2025\n"
    assert context.scattered_table_period(text, text.index("1 patrol")) == Period(2025, 2025)
    mixed = "Signed 1 patrol\n\nYear(s)\n\n2024\n\n2025\n"
    assert context.scattered_table_period(mixed, mixed.index("1 patrol")) is None
