"""Pure period parsing: find the year expressions of a text and pick the one a number refers to.

Conventions (they match the dev gold set and are relied on by reconciliation):

- a single year repeats: `in 2024` -> (2024, 2024); so does `by 2024` (the value as of that year);
- ranges keep both ends: `2013–24`, `between 2011 and 2021`, `from 1990 to 1995`, `the 1990s` (1990, 1999);
- open-ended periods keep only their start: `since 2000`, `2023–present`, `2018 onwards` -> (start, None);
- `until 2030` / `through 2030` keep only their end -> (None, 2030);
- fiscal years are flagged: `FY2025`, `fiscal year (FY) 2023`, `next fiscal year`;
- quarters and halves resolve to their year: `the first quarter of 1998` -> (1998, 1998);
- relative dates (`last year`, `next fiscal year`, `in April`, `on Sunday`) resolve against a reference date
  and are dropped when there is none;
- price bases (`Constant 2024`, `2015 prices`) are never periods.

>>> parse_period("in FY2025")
Period(start=2025, end=2025, fiscal=True)
>>> parse_period("fiscal year (FY) 2023")
Period(start=2023, end=2023, fiscal=True)
>>> parse_period("by 2024")
Period(start=2024, end=2024, fiscal=False)
>>> parse_period("between 2011 and 2021")
Period(start=2011, end=2021, fiscal=False)
>>> parse_period("since 2000")
Period(start=2000, end=None, fiscal=False)
>>> parse_period("2013–24")
Period(start=2013, end=2024, fiscal=False)
>>> parse_period("the first quarter of 1998")
Period(start=1998, end=1998, fiscal=False)
>>> import datetime as dt
>>> parse_period("next fiscal year", reference=dt.date(2023, 12, 18))
Period(start=2024, end=2024, fiscal=True)
>>> parse_period("last year") is None
True

Modules: `mentions` (the records), `patterns` (detectors in priority order), `reading` and `interpret` (a
match -> a mention: one rule per detector), `expressions` (find and parse), `choice` (which mention governs a
number).
"""

from claims.parse.periods.choice import UNUSABLE, PeriodChooser, choose_period, usable
from claims.parse.periods.expressions import (
    find_periods,
    header_period,
    is_comparison_base,
    parse_period,
    parse_year_cell,
    sentence_reference,
)
from claims.parse.periods.mentions import MAX_YEAR, MIN_YEAR, Period, PeriodMention

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "UNUSABLE",
    "Period",
    "PeriodChooser",
    "PeriodMention",
    "choose_period",
    "find_periods",
    "header_period",
    "is_comparison_base",
    "parse_period",
    "parse_year_cell",
    "sentence_reference",
    "usable",
]
