"""Yearly average exchange rates against the US dollar (local currency units per USD), 2000 onwards.

Source series: World Bank World Development Indicators `PA.NUS.FCRF` ("Official exchange rate, LCU per US$,
period average"), which carries the IMF International Financial Statistics period-average rates. The table in
`data/fx_usd_annual.csv` covers JPY, EUR, GBP, CNY, KRW, INR, AUD and the ASEAN currencies (IDR, MYR, PHP,
SGD, THB, VND, MMK, KHR, LAK, BND) for 2000-2025. Values were compiled by hand and rounded to 3-4
significant figures; 2025 rows are provisional estimates. They serve plausibility checks (is "18.1 billion yen
(approximately US$116 million)" a believable conversion for its year?) with tolerances of tens of percent,
not accounting. Caveats kept in the CSV header: BND is pegged to SGD at par; MMK before 2012 is the old
official peg (about 6 kyat per dollar), far from the market rate of the time.

Years outside the table are answered with the nearest covered year (`FxTable.rate` reports which year it
used), so a 2026 budget is checked against the latest rate rather than skipped.

>>> table = load_fx_table()
>>> round(table.rate("JPY", 2023).lcu_per_usd)
140
>>> table.rate("USD", 1999).lcu_per_usd
1.0
>>> table.rate("XXX", 2020) is None
True
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FX_SOURCE = "World Bank WDI PA.NUS.FCRF (IMF IFS period averages), LCU per US$, yearly average"
"""The series the table transcribes, for citations in reports."""

FX_FILE = "fx_usd_annual.csv"


@dataclass(frozen=True, slots=True)
class Rate:
    """One looked-up rate: how many units of `currency` buy one US dollar in `year`."""

    currency: str
    year: int  # the table year actually used (nearest covered year when the asked year is outside)
    lcu_per_usd: float
    estimate: bool = False
    exact_year: bool = True  # False when the asked year was outside the table


@dataclass(frozen=True, slots=True)
class FxTable:
    """Yearly LCU-per-USD rates keyed by (currency, year)."""

    rates: dict[tuple[str, int], tuple[float, bool]]
    years: dict[str, tuple[int, int]]  # currency -> (first year, last year)

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self.years) | {"USD"}

    def rate(self, currency: str, year: int | None) -> Rate | None:
        """The yearly average for `currency` in `year` (nearest covered year outside the table).

        `year=None` gives the latest year. Unknown currencies (including "XXX") give None.

        >>> load_fx_table().rate("JPY", 2031).year
        2025
        """
        if currency == "USD":
            return Rate("USD", year or 0, 1.0)
        span = self.years.get(currency)
        if span is None:
            return None
        first, last = span
        used = last if year is None else min(max(year, first), last)
        value, estimate = self.rates[(currency, used)]
        return Rate(currency, used, value, estimate, exact_year=year is not None and used == year)

    def rate_range(self, currency: str, start: int | None, end: int | None) -> tuple[float, float] | None:
        """Lowest and highest yearly rate over the years start..end (the whole table when both are None).

        >>> lo, hi = load_fx_table().rate_range("JPY", 2009, 2022)
        >>> round(lo), round(hi)
        (80, 132)
        """
        if currency == "USD":
            return (1.0, 1.0)
        span = self.years.get(currency)
        if span is None:
            return None
        if start is None and end is None:
            start, end = span
        first_year = start if start is not None else end
        last_year = end if end is not None else start
        if first_year is None or last_year is None:
            return None
        start, end = first_year, last_year
        if start > end:
            start, end = end, start
        values = [r.lcu_per_usd for y in range(start, end + 1) if (r := self.rate(currency, y))]
        return (min(values), max(values))

    def to_usd(self, amount: float, currency: str, year: int | None) -> float | None:
        """Convert an amount to US dollars at the year's average rate (None for an unknown currency).

        >>> round(load_fx_table().to_usd(18.1e9, "JPY", 2025) / 1e6)
        121
        """
        rate = self.rate(currency, year)
        return None if rate is None else amount / rate.lcu_per_usd


def parse_fx_csv(text: str) -> FxTable:
    """Parse the CSV layout of `data/fx_usd_annual.csv` ('#' lines are comments)."""
    rows = csv.DictReader(io.StringIO("".join(ln for ln in text.splitlines(True) if not ln.startswith("#"))))
    rates: dict[tuple[str, int], tuple[float, bool]] = {}
    years: dict[str, tuple[int, int]] = {}
    for row in rows:
        currency, year = row["currency"].strip().upper(), int(row["year"])
        rates[(currency, year)] = (float(row["lcu_per_usd"]), row.get("estimate", "0").strip() == "1")
        first, last = years.get(currency, (year, year))
        years[currency] = (min(first, year), max(last, year))
    return FxTable(rates=rates, years=years)


@lru_cache(maxsize=1)
def load_fx_table() -> FxTable:
    """The packaged table (read once; it is package data, not user input)."""
    text = resources.files("claims.lexicon").joinpath("data", FX_FILE).read_text(encoding="utf-8")
    return parse_fx_csv(text)
