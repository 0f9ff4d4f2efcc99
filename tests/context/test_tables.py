"""Claim context: table units, periods and subjects."""

from __future__ import annotations

import pytest

from claims import context
from claims.parse.periods import Period
from claims.segment import segment


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("2024 Budget (USD Billions, Constant 2024)", context.HeaderUnit("USD", 1e9)),
        ("2024 Budget (% of GDP)", context.HeaderUnit(None, 1.0, percent=True)),
        ("Total Budget (JPY)", context.HeaderUnit("JPY")),
        ("Total Budget (USD, Approx.)", context.HeaderUnit("USD", approx=True)),
        ("Spending (€ million)", context.HeaderUnit("EUR", 1e6)),
        ("Recipient Nation", context.HeaderUnit()),
        ("Loans (US$ '000)", context.HeaderUnit("USD", 1e3)),
    ],
)
def test_context_header_unit(header: str, expected: context.HeaderUnit) -> None:
    assert context.header_unit(header) == expected


TABLE = (
    "Comparative Expenditures: 2024-2040\n\n"
    "Country\t2024 Budget (USD Billions)\t2030 Projection (% of GDP)\n"
    "Japan\t55.3\t2.0\n\n"
    "Other table\n\n"
    "Recipient Nation\tYear(s)\tEquipment\n"
    "Indonesia\t2006–09\tThree patrol vessels\n"
    "\t2023- present\tTwo fishery patrol vessels\n"
    "Malaysia\t\tSeven rescue boats\n"
)


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("55.3", Period(2024, 2024)),
        ("2.0", Period(2030, 2030)),
        ("Three", Period(2006, 2009)),
        ("Two fishery", Period(2023, None)),
        ("Seven", None),
    ],
)
def test_context_table_period(needle: str, expected: Period | None) -> None:
    layout = segment(TABLE)
    pos = TABLE.index(needle)
    table = layout.table_at(pos)
    row, cell = table.locate(pos)
    assert context.table_period(table, row, cell).period == expected


@pytest.mark.parametrize(
    ("needle", "counted", "expected"),
    [
        ("55.3", None, "Comparative Expenditures: Budget"),
        ("Three", "patrol vessels", "patrol vessels provided to Indonesia"),
        ("Two fishery", "fishery patrol vessels", "fishery patrol vessels provided to Indonesia"),
    ],
)
def test_context_table_subject(needle: str, counted: str | None, expected: str) -> None:
    layout = segment(TABLE)
    pos = TABLE.index(needle)
    table = layout.table_at(pos)
    row, cell = table.locate(pos)
    assert context.table_subject(table, row, cell, counted) == expected


# Own tables: record tables (years over the columns, the labels' cell empty), reporting years that end in
# March, change columns and their bases, a row label's own year.
RECORD = (
    "Table 4. Group record (years ended 31 March)\n"
    "\t2024\t2023\n"
    "Revenue (£m)\t812.5\t790.1\n"
    "\n"
    "Table 5. Regional arrivals, second quarter of 2023\n"
    "Region\tChange on Q2 2022\tGap to 2019\tChange, Q2 2021 - Q2 2023\n"
    "North\t+12%\t-8%\t+30%\n"
    "\n"
    "Table 6. Forecasts\n"
    "Forecast\tPrevious\tRevised\n"
    "GDP growth, 2025\t2.1\t2.4\n"
    "\n"
    "Table 7. Traffic (million passengers)\n"
    "Segment\t2019\t2021 (estimate)\t2022 (forecast)\n"
    "All\t9.2\t4.4\t6.5\n"
)


@pytest.mark.parametrize(
    ("needle", "expected", "label"),
    [
        ("812.5", Period(2023, 2024, True), "FY2023-2024"),
        ("790.1", Period(2022, 2023, True), "FY2022-2023"),
        ("+12%", None, ""),  # the base of the change: the title's quarter dates it (extract/tables)
        ("-8%", None, ""),
        ("+30%", Period(2021, 2023), "2021-2023"),
        ("2.4", Period(2025, 2025), "2025"),
        ("4.4", Period(2021, 2021), "2021"),
        ("6.5", Period(2022, 2022), "2022"),
    ],
)
def test_context_table_period_reporting_years_and_bases(
    needle: str, expected: Period | None, label: str
) -> None:
    layout = segment(RECORD)
    pos = RECORD.index(needle)
    table = layout.table_at(pos)
    row, cell = table.locate(pos)
    period = context.table_period(table, row, cell).period
    assert period == expected
    assert (period.label if period else "") == label
