"""The yearly FX table: loads, covers every required currency and year, plausible values."""

from __future__ import annotations

import pytest

from claims.lexicon.fx import FX_SOURCE, load_fx_table, parse_fx_csv

REQUIRED = ("JPY", "EUR", "GBP", "CNY", "IDR", "MYR", "PHP", "SGD", "THB", "VND", "MMK", "KHR", "LAK", "BND")


def test_fx_table_loads_and_names_its_source():
    table = load_fx_table()
    assert set(REQUIRED) <= table.currencies
    assert "PA.NUS.FCRF" in FX_SOURCE


@pytest.mark.parametrize("currency", REQUIRED)
def test_fx_table_covers_every_year_from_2000(currency):
    table = load_fx_table()
    for year in range(2000, 2025):
        rate = table.rate(currency, year)
        assert rate is not None
        assert rate.exact_year
        assert rate.lcu_per_usd > 0


@pytest.mark.parametrize(
    ("currency", "year", "low", "high"),
    [
        ("JPY", 2023, 135, 145),  # ~140 yen per dollar
        ("JPY", 2012, 75, 85),
        ("EUR", 2023, 0.88, 0.97),
        ("THB", 2020, 29, 34),
        ("IDR", 2024, 15_000, 16_500),
        ("BND", 2019, 1.3, 1.42),
        ("KHR", 2015, 3_900, 4_200),
    ],
)
def test_fx_table_values_are_plausible(currency, year, low, high):
    assert low <= load_fx_table().rate(currency, year).lcu_per_usd <= high


@pytest.mark.parametrize(("year", "used"), [(2031, 2025), (1995, 2000), (None, 2025)])
def test_fx_table_clamps_years_outside_the_table(year, used):
    rate = load_fx_table().rate("JPY", year)
    assert rate.year == used
    assert not rate.exact_year


@pytest.mark.parametrize("currency", ["XXX", "ZZZ"])
def test_fx_table_unknown_currency_gives_none(currency):
    table = load_fx_table()
    assert table.rate(currency, 2020) is None
    assert table.to_usd(1.0, currency, 2020) is None


@pytest.mark.parametrize("rows", ["# comment\ncurrency,year,lcu_per_usd,estimate\nJPY,2020,106.77,0\n"])
def test_fx_parse_csv_skips_comments(rows):
    table = parse_fx_csv(rows)
    assert table.rate("JPY", 2020).lcu_per_usd == pytest.approx(106.77)
    assert table.rate_range("JPY", None, None) == (106.77, 106.77)
