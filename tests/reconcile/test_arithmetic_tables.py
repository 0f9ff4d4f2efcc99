"""Table rows whose change cell the row's own figures contradict (reconcile.arithmetic.tables)."""

from __future__ import annotations

import pytest
from factories import claim

from claims.reconcile.arithmetic import find_arithmetic_conflicts
from claims.reconcile.rules import MatchRules
from claims.types import Claim

RULES = MatchRules.default()
SECTION = "Results at a glance"


def row(label: str, values: list[tuple[str, int]], changes: list[tuple[str, str]]) -> list[Claim]:
    """A table row 'label | v1 | v2 | c1' as the extractor gives it, each subject 'Section: column header'."""
    cells = [label, *(surface for surface, _ in values), *(surface for surface, _ in changes)]
    text = " | ".join(cells)
    found, position = [], 0
    for surface, year in values:
        offset = text.index(surface, position)
        position = offset + len(surface)
        value = float(surface.replace(",", ""))
        found.append(
            claim(
                value,
                kind="other",
                unit="",
                surface=surface,
                sentence=text,
                offset=offset,
                period=year,
                subject=f"{SECTION}: FY {year}",
            )  # fmt: skip
        )
    for surface, header in changes:
        offset = text.index(surface, position)
        position = offset + len(surface)
        value = float(surface.strip("()%+").replace("−", "-"))
        found.append(
            claim(
                value,
                kind="percent",
                surface=surface,
                sentence=text,
                offset=offset,
                subject=f"{SECTION}: {header}",
            )
        )
    return found


def findings(claims: list[Claim]) -> list[str]:
    by_id = {c.claim_id: c for c in claims}
    return [by_id[c.claim_a].surface for c in find_arithmetic_conflicts(claims, RULES)]


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        ("25.0%", False),  # 1,000 -> 1,250
        ("25.1%", False),  # within the rounding of both figures: 24.84%-25.16%
        ("27.0%", True),
        ("-25.0%", True),
    ],
)
def test_arithmetic_tables_year_on_year_column(change, reported):
    claims = row("Net sales", [("1,250", 2024), ("1,000", 2023), ("940", 2022)], [(change, "YoY change")])
    assert findings(claims) == ([change] if reported else [])


@pytest.mark.parametrize("header", ["QoQ change", "Change vs budget", "Share of total", "CAGR"])
def test_arithmetic_tables_other_columns_are_not_read(header):
    claims = row("Net sales", [("1,250", 2024), ("1,000", 2023)], [("3.0%", header)])
    assert findings(claims) == []


@pytest.mark.parametrize(("change", "reported"), [("12.5%", False), ("15.0%", True)])
def test_arithmetic_tables_plain_change_column_on_two_years(change, reported):
    claims = row("Grants", [("800", 2023), ("900", 2024)], [(change, "% change")])
    assert findings(claims) == ([change] if reported else [])


def test_arithmetic_tables_plain_change_column_on_three_years_is_ambiguous():
    claims = row("Grants", [("800", 2022), ("900", 2023), ("990", 2024)], [("4.0%", "% change")])
    assert findings(claims) == []


@pytest.mark.parametrize("cell", ["(4%)", "4%"])
def test_arithmetic_tables_bracketed_cell_may_be_a_fall(cell):
    claims = row("Automotive", [("96", 2024), ("100", 2023)], [(cell, "Change YoY")])
    assert findings(claims) == ([] if cell.startswith("(") else [cell])


def test_arithmetic_tables_explanation_names_the_row():
    claims = row("Net sales", [("1,250", 2024), ("1,000", 2023)], [("27.0%", "YoY change")])
    (found,) = find_arithmetic_conflicts(claims, RULES)
    assert "in the row 'Net sales', 1,000 (2023) to 1,250 (2024) is a change of +25.0%" in found.explanation
    assert found.expected_value == pytest.approx(25.0)
