"""Period records: a `Period` (start/end years, fiscal flag) and a `PeriodMention` found in a text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

MIN_YEAR = 1800
MAX_YEAR = 2100

GRAINS = ("day", "week", "month", "months", "quarter", "half", "year", "fiscal_year", "decade", "span")
"""How finely a text gives a period, finest first (`span`: several years, or open at one end)."""


@dataclass(frozen=True, slots=True)
class Period:
    """The years a value refers to; `end` None for open-ended periods, `start` None for `until` periods.

    `grain` says how finely the text gives the period (one of `GRAINS`, "" when unknown) and `detail` which
    part of the years it is, written ISO-like: `2024` (year), `FY2024`, `FY2023/24` (fiscal year), `2024-H1`,
    `2024-Q3`, `FY2024-Q1`, `2024-03` (month), `2024-01/2024-07` (months), `2024-03-31` (day), `1970s`,
    `2013/2024`, `2000/..`, `../2030` (spans). `as_of` is the day a stock or running total is read on (`as of
    31 March 2024`, `as of Sunday`). Equality and hashing look at the years and the fiscal flag only: the
    grain refines them (the first quarter of 2024 and the year 2024 are both the year 2024).

    >>> from claims.parse.periods import parse_period
    >>> period = parse_period("the third quarter of 2023")
    >>> period, period.grain, period.detail
    (Period(start=2023, end=2023, fiscal=False), 'quarter', '2023-Q3')
    >>> period == parse_period("in 2023")
    True
    """

    start: int | None
    end: int | None
    fiscal: bool = False
    grain: str = field(default="", compare=False, repr=False)
    detail: str = field(default="", compare=False, repr=False)
    as_of: dt.date | None = field(default=None, compare=False, repr=False)

    @classmethod
    def year(cls, year: int, *, fiscal: bool = False) -> Period:
        """One calendar or fiscal year.

        >>> Period.year(2025, fiscal=True).detail
        'FY2025'
        """
        if fiscal:
            return cls(year, year, True, "fiscal_year", f"FY{year}")
        return cls(year, year, False, "year", str(year))

    def as_fiscal(self) -> Period:
        """The same years read as a fiscal year (a column headed `Fiscal year`).

        >>> Period.year(2024).as_fiscal().detail
        'FY2024'
        """
        if self.fiscal:
            return self
        if self.grain == "year" and self.start is not None:
            return Period.year(self.start, fiscal=True)
        return replace(self, fiscal=True)

    def previous(self, *, loose: bool = False) -> Period | None:
        """The period just before this one at its grain (the base of a change stated against `the previous
        year`), None for days, spans and unknown grains (with `loose`, a day or week gives the year before).

        >>> Period.year(2024).previous().detail
        '2023'
        >>> Period(2023, 2024, True, "fiscal_year", "FY2023/24").previous().detail
        'FY2022/23'
        >>> from claims.parse.periods import parse_period
        >>> parse_period("Q1 2024").previous().detail, parse_period("in January 2024").previous().detail
        ('2023-Q4', '2023-12')
        """
        start, end, grain = self.start, self.end, self.grain or ("year" if self.start == self.end else "")
        if start is None or end is None:
            return None
        if loose and grain not in {"year", "fiscal_year", "quarter", "half", "month"} and start == end:
            return Period.year(start - 1, fiscal=self.fiscal)  # a day or week: the year before
        if grain in {"year", "fiscal_year"} and start == end:
            return Period.year(start - 1, fiscal=self.fiscal)
        if grain == "fiscal_year" and end == start + 1:
            return Period(start - 1, end - 1, True, "fiscal_year", f"FY{start - 1}/{(end - 1) % 100:02d}")
        part = re.fullmatch(r"(?P<fy>FY)?(?P<y>\d{4})-(?P<kind>[QH]?)(?P<n>\d{1,2})", self.detail)
        if part is None or grain not in {"quarter", "half", "month"}:
            return None
        year, n, kind = int(part["y"]), int(part["n"]) - 1, part["kind"]
        if n == 0:
            year, n = year - 1, {"Q": 4, "H": 2, "": 12}[kind]
        detail = f"{part['fy'] or ''}{year}-{kind}{n}" if kind else f"{year}-{n:02d}"
        return Period(year, year, self.fiscal, grain, detail)

    @property
    def label(self) -> str:
        """`FY2025`, `2013-2024`, `2023-` ... for reports.

        >>> Period(2013, 2024).label
        '2013-2024'
        >>> Period(2025, 2025, fiscal=True).label
        'FY2025'
        """
        prefix = "FY" if self.fiscal else ""
        if self.start is not None and self.start == self.end:
            return f"{prefix}{self.start}"
        start = "" if self.start is None else str(self.start)
        end = "" if self.end is None else str(self.end)
        return f"{prefix}{start}-{end}"


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period expression found in a text, with its offsets (relative to that text)."""

    start: int
    end: int
    surface: str
    period: Period
    relation: str  # point, range, open, by, until, decade, relative, day, release, now, citation, price_base,
    # comparison (`the highest since 2015`: never the period of a value)
    preposition: str = ""  # the governing word before it (`in`, `by`, `since`), lower case
    event: int = -1  # offset of a founding verb whose clause holds it (`established in 2005`), else -1
    shift: int = -1  # `prior`: years from the text's own year (`a year earlier` -1, `two years ago` -2)
    yearless: bool = False  # a month or quarter written without its year (`in April`): the text's own year,
    # when it names one before it, else the reference date's
