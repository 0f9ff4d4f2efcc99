"""Turn one detector match into a `PeriodMention`: its years, its relation to the number (`by`, `since`,
`until` ...), relative dates resolved against a reference date, price bases and citations set apart.

`RULES` holds one small named rule per detector of `patterns.DETECTORS` (the detectors keep their priority
order there); `interpret` reads a match with the rule of its detector. Each rule gets a `Reading` (the match
in its text, the reference date, whether the text speaks of the future, the governing preposition; see
`reading`) and returns a mention or None.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from claims.lexicon.periods import MONTHS, ORDINAL_PARTS, RELATIVE_YEAR_OFFSETS
from claims.parse.periods.mentions import Period, PeriodMention
from claims.parse.periods.patterns import (
    CITATION_AROUND,
    FUTURE,
    RELEASE_BEFORE,
    SINCE_FOUNDING,
    STATEMENT_AFTER,
)
from claims.parse.periods.reading import (
    Reading,
    count_word,
    governing_preposition,
    is_price_base,
    month_year,
    point_period,
    relative_period,
    second_year,
)


def read_between(r: Reading) -> PeriodMention | None:
    """`between 2011 and 2021`, `from 1990 to 1995`; split years on both ends are fiscal.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("between 2021/22 and 2025/26")
    Period(start=2021, end=2026, fiscal=True)
    """
    m = r.m
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    split = False
    if m.group("s2"):
        end_year = second_year(y2, m.group("s2"))
        split = end_year == y2 + 1
        y2 = end_year if end_year is not None else y2
    if m.group("s1"):
        split = split or second_year(y1, m.group("s1")) == y1 + 1
    if y2 < y1:
        return None
    return r.mention(_years(y1, y2, split), "range")


def read_year_to(r: Reading) -> PeriodMention | None:
    """`the year to March 2024`, `the fiscal year ended March 31, 2024`: a reporting year; one ending in
    December is a calendar year.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("the financial year ending 30 June 2025")
    Period(start=2024, end=2025, fiscal=True)
    >>> parse_period("the fiscal year that ends in March 2025").detail
    '2024-04/2025-03'
    """
    m, reference = r.m, r.reference
    month = MONTHS[m.group("month").lower().rstrip(".")]
    if m.group("y"):
        year = int(m.group("y"))
    elif reference is not None:
        rel = " ".join(m.group("rel").lower().split())
        ending = rel == "ending" or rel.endswith(("ends", "will end"))
        year = month_year(reference, month, "next" if ending or r.future else "last")
        if not ending and not r.future and month == reference.month:
            year = reference.year
    else:
        return None
    if month == 12:
        return r.mention(Period.year(year, fiscal=bool(m.group("fisc"))), "point")
    detail = f"{year - 1}-{month + 1:02d}/{year}-{month:02d}"  # the twelve months to the end month
    return r.mention(Period(year - 1, year, True, "fiscal_year", detail), "range")


def read_months_to(r: Reading) -> PeriodMention | None:
    """`three months ended December 31, 2023`, `six months to 30 June 2024`: a quarter, a half, or the
    months of a reporting period (a fiscal quarter ending in another month).

    >>> from claims.parse.periods import parse_period
    >>> def read(text):
    ...     found = parse_period(text)
    ...     return found.grain, found.detail
    >>> read("Three Months Ended December 31, 2023"), read("six months to 30 June 2024")
    (('quarter', '2023-Q4'), ('half', '2024-H1'))
    >>> read("nine months ended September 30, 2024"), read("3 months ended 31 January 2024")
    (('months', '2024-01/2024-09'), ('months', '2023-11/2024-01'))

    "The quarter ended" is three months; without a year the end month is the last one on or before the
    reference date (the next one in future statements):

    >>> import datetime as dt
    >>> parse_period("the quarter ended September 30", reference=dt.date(2024, 10, 22)).detail
    '2024-Q3'
    >>> parse_period("the quarter ending January 28", reference=dt.date(2024, 2, 21)).detail
    '2023-11/2024-01'
    """
    m, reference = r.m, r.reference
    part = (m.group("part") or "").lower()
    if part:
        months = 3 if part == "quarter" else 6
    else:
        months = {"three": 3, "six": 6, "nine": 9}.get(m.group("n").lower()) or int(m.group("n"))
    end = MONTHS[m.group("month").lower().rstrip(".")]
    if m.group("y"):
        year = int(m.group("y"))
    elif reference is None:
        return None
    elif r.future and m.group("rel").lower() == "ending":
        year = reference.year if end >= reference.month else reference.year + 1
    else:
        year = reference.year if end <= reference.month else reference.year - 1
    if months == 3 and end % 3 == 0:
        return r.mention(Period(year, year, False, "quarter", f"{year}-Q{end // 3}"), "point")
    if months == 6 and end % 6 == 0:
        return r.mention(Period(year, year, False, "half", f"{year}-H{end // 6}"), "point")
    first = end - months + 1
    start_year = year if first >= 1 else year - 1
    first = first if first >= 1 else first + 12
    period = Period(
        start_year, year, start_year != year, "months", f"{start_year}-{first:02d}/{year}-{end:02d}"
    )
    return r.mention(period, "range" if start_year != year else "point")


def read_span(r: Reading) -> PeriodMention | None:
    """`over the past decade`, `over the next five years`: years counted from the reference date.

    >>> import datetime as dt
    >>> from claims.parse.periods import parse_period
    >>> parse_period("over the next five years", reference=dt.date(2023, 12, 18))
    Period(start=2024, end=2028, fiscal=False)
    """
    m, reference = r.m, r.reference
    if reference is None:
        return None
    unit = m.group("unit").lower()
    n_text = (m.group("n") or "").lower()
    if not n_text and unit == "years":
        return None  # `over the past years`: no length
    count = count_word(n_text) if n_text else 1
    years = count * 10 if unit.startswith("decade") else count
    if m.group("dir").lower() in {"next", "coming", "following"}:
        return r.mention(_years(reference.year + 1, reference.year + years), "range")
    return r.mention(_years(reference.year - years, reference.year), "range")


def read_years_to(r: Reading) -> PeriodMention | None:
    """`over the fifteen years to 2016` -> 2001-2016; `the five years to March 2016`: five fiscal years.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("over the fifteen years to 2016")
    Period(start=2001, end=2016, fiscal=False)
    >>> parse_period("the five years to March 2016")
    Period(start=2011, end=2016, fiscal=True)
    """
    m = r.m
    count, year = count_word(m.group("n")), int(m.group("y"))
    month = MONTHS[m.group("month").lower().rstrip(".")] if m.group("month") else 12
    fiscal = month != 12
    prefix = "FY" if fiscal else ""
    return r.mention(
        Period(year - count, year, fiscal, "span", f"{prefix}{year - count}/{prefix}{year}"), "range"
    )


def read_months_of(r: Reading) -> PeriodMention | None:
    """`the first nine months of 2022`; without a year, the months up to the reference date.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("the first nine months of 2022")
    Period(start=2022, end=2022, fiscal=False)
    """
    m, reference = r.m, r.reference
    count = count_word(m.group("n"))
    if m.group("y"):
        y = int(m.group("y"))
        return r.mention(Period(y, y, False, "months", f"{y}-01/{y}-{min(count, 12):02d}"), "point")
    if m.group("fy"):
        y = int(m.group("fy"))
        return r.mention(Period(y, y, True, "months", f"FY{y}-M01/M{min(count, 12):02d}"), "point")
    if reference is None:
        return None
    rel = (m.group("rel") or "").lower()
    if rel == "last":
        year = reference.year - 1
    elif rel or r.future or count <= reference.month:
        year = reference.year
    else:
        year = reference.year - 1
    return r.mention(
        Period(year, year, False, "months", f"{year}-01/{year}-{min(count, 12):02d}"), "relative"
    )


def read_part_relative(r: Reading) -> PeriodMention | None:
    """`the third quarter`, `H1` without a year: the last such part on or before the reference date.

    >>> import datetime as dt
    >>> from claims.parse.periods import parse_period
    >>> parse_period("in the fourth quarter", reference=dt.date(2024, 1, 12))
    Period(start=2023, end=2023, fiscal=False)
    """
    m, reference = r.m, r.reference
    if m.group("q"):
        kind, index = m.group("q")[0].upper(), int(m.group("q")[1])
    else:
        kind = "Q" if m.group("part").lower() == "quarter" else "H"
        index = ORDINAL_PARTS[m.group("ord").lower()]
    if kind == "H":
        index = min(index, 2)
    first_month = (index - 1) * (3 if kind == "Q" else 6) + 1
    rel = " ".join((m.group("rel") or "").lower().split())
    yearless = rel in {"", "the"}
    if reference is None:
        if not yearless:
            return None
        grain = "quarter" if kind == "Q" else "half"  # anchored to the text's own year in `find_periods`
        placeholder = Period(None, None, False, grain, f"-{kind}{index}")
        return r.raw(placeholder, "relative", event=-1, yearless=True)
    if rel in {"last", "the previous"}:
        year = reference.year - 1
    elif rel == "next":
        year = reference.year + 1
    elif rel or r.future or first_month <= reference.month:
        year = reference.year
    else:
        year = reference.year - 1
    found = r.mention(_part(year, kind, index), "relative")
    return dataclasses.replace(found, yearless=yearless) if found is not None else None


def read_month_range(r: Reading) -> PeriodMention | None:
    """`January-March 2024`, `the October-December period`; a range across the new year spans two years.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("in the January-March 2024 quarter")
    Period(start=2024, end=2024, fiscal=False)
    """
    m, reference = r.m, r.reference
    m1 = MONTHS[m.group("m1").lower().rstrip(".")]
    m2 = MONTHS[m.group("m2").lower().rstrip(".")]
    if m.group("y"):
        y = int(m.group("y"))
        return r.mention(_months(y - 1 if m2 < m1 else y, m1, y, m2), "point")
    if reference is None:
        return None
    year = reference.year if r.future or m2 <= reference.month or m2 < m1 else reference.year - 1
    return r.mention(_months(year - 1 if m2 < m1 else year, m1, year, m2), "relative")


def read_fiscal(r: Reading) -> PeriodMention | None:
    """`FY2025`, `FY24`, `fiscal year (FY) 2023`, `the 2024 fiscal year`, `FY2024/25`.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("FY2025")
    Period(start=2025, end=2025, fiscal=True)
    """
    m = r.m
    first = m.group("fy") or m.group("fy3") or m.group("fy5")
    y1 = int(first) if len(first) == 4 else 2000 + int(first)
    second = m.group("fy2") or m.group("fy4")
    if second:
        fiscal_end = second_year(y1, second)
        if fiscal_end is None:
            return None
        return r.mention(_years(y1, fiscal_end, True), "range")
    period, relation = point_period(y1, r.prep, fiscal=True)
    return r.mention(period, relation)


def read_relative_fiscal(r: Reading) -> PeriodMention | None:
    """`last year`, `next fiscal year`, `the current year`: an offset from the reference year.

    >>> import datetime as dt
    >>> from claims.parse.periods import parse_period
    >>> parse_period("next fiscal year", reference=dt.date(2023, 12, 18))
    Period(start=2024, end=2024, fiscal=True)
    """
    offset = RELATIVE_YEAR_OFFSETS[" ".join(r.m.group("rel").lower().split())]
    return r.mention(relative_period(r.reference, offset, bool(r.m.group("fiscal"))), "relative")


def read_years_ago(r: Reading) -> PeriodMention | None:
    """`three years ago`: from the reference date; without one, from the text's own year (anchored later).

    >>> import datetime as dt
    >>> from claims.parse.periods import parse_period
    >>> parse_period("three years ago", reference=dt.date(2023, 12, 18))
    Period(start=2020, end=2020, fiscal=False)
    """
    count = count_word(r.m.group("n"))
    if r.reference is None:
        # anchored to the text's own year in `find_periods` (`in the 2025 survey, ... 58.9 a year ago`)
        return r.raw(Period(None, None, False, "year"), "prior", event=-1, shift=-count)
    return r.mention(relative_period(r.reference, -count), "relative")


def read_part(r: Reading) -> PeriodMention | None:
    """`the first quarter of 1998`, `Q1 2024`, `H1 2024`, `Quarter 2 (Apr to June) 2024`: the year it falls
    in.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("the second half of 2020")
    Period(start=2020, end=2020, fiscal=False)
    >>> parse_period("in Quarter 2 (Apr to June) 2024").detail
    '2024-Q2'
    """
    m = r.m
    y = int(m.group("y") or m.group("y2") or m.group("y3"))
    if m.group("qn"):
        kind, index = "Q", int(m.group("qn"))
    elif m.group("q2"):
        token = m.group("q2").upper()
        kind, index = ("Q", int(token[0])) if token.endswith("Q") else (token[0], int(token[1]))
    else:
        kind = "Q" if m.group("part").lower() == "quarter" else "H"
        index = ORDINAL_PARTS[m.group("ord").lower()]
    return r.mention(_part(y, kind, index, fiscal=bool(m.group("fisc"))), "point")


def read_range(r: Reading) -> PeriodMention | None:
    """`2013–24`, `2023- present`, `1990 to 1995`; a split year of two consecutive years (`2024-25`,
    `2023/24`) is a fiscal or statistical year.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("for 2023/24")
    Period(start=2023, end=2024, fiscal=True)
    """
    m = r.m
    y1 = int(m.group("y1"))
    if m.group("open"):
        return r.mention(Period(y1, None, False, "span", f"{y1}/.."), "open")
    range_end = second_year(y1, m.group("y2"))
    if range_end is None:
        return None
    # "2014, 2023-4" is a range; "1,990-2,000" never reaches here (the look-behind refuses it).
    split = range_end == y1 + 1 and (len(m.group("y2")) == 2 or m.group("sep") == "/")
    return r.mention(_years(y1, range_end, split), "range")


def read_onwards(r: Reading) -> PeriodMention | None:
    """`2016 onwards`, `2030 and beyond`: open from that year.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("2016 onwards")
    Period(start=2016, end=None, fiscal=False)
    """
    y = int(r.m.group("y1"))
    return r.mention(Period(y, None, False, "span", f"{y}/.."), "open")


def read_decade(r: Reading) -> PeriodMention | None:
    """`the 1970s` -> 1970-1979; `since the 1990s` is open from 1990.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("the 1970s")
    Period(start=1970, end=1979, fiscal=False)
    """
    y = int(r.m.group("y"))
    if r.prep == "since":
        return r.mention(Period(y, None, False, "span", f"{y}/.."), "open")
    return r.mention(Period(y, y + 9, False, "decade", f"{y}s"), "decade")


_MONTH_MODIFIER = re.compile(
    r"\b(in|on|since|by|until|till|through|during|from|early|late|mid|last|this|next|of)"  # in / late
    r"(?:[-\s]+(?:early|late|mid))?[-\s]+$"  # (in) early
)


_YEARLESS_MONTH = frozenset({"in", "on", "during", "of", "the", "early", "late", "mid", "by"})
"""Modifiers of a month that name it within the year spoken of (`in April`), unlike `last` or `since`."""


def read_month(r: Reading) -> PeriodMention | None:
    """A yearless month governed by a preposition or modifier (`in April`, `since late June`), or modifying a
    noun (`Indonesia's July exports`); `May` alone is a verb.

    >>> import datetime as dt
    >>> from claims.parse.periods import parse_period
    >>> parse_period("exports rose in December", reference=dt.date(2024, 1, 12))
    Period(start=2023, end=2023, fiscal=False)
    """
    m, text, reference = r.m, r.text, r.reference
    s, e = r.start, r.end
    before = text[max(0, s - 24) : s].lower()
    modifier_m = _MONTH_MODIFIER.search(before)
    if modifier_m:
        modifier = modifier_m.group(1)
    elif re.search(r"(?:\b(?:the|its|their)|['’]s)\s+$", before) and re.match(r"\s+[a-z]", text[e : e + 3]):
        modifier = "the"
    else:
        return None
    month = MONTHS[m.group("month").lower()]
    yearless = modifier in _YEARLESS_MONTH
    if reference is None:  # anchored to the text's own year in `find_periods`, else dropped
        placeholder = Period(None, None, False, "month", f"-{month:02d}")
        return r.raw(placeholder, "relative", event=-1, yearless=True) if yearless else None
    year = month_year(reference, month, modifier, future=r.future)
    detail = f"{year}-{month:02d}"
    if yearless:
        found = r.mention(Period(year, year, False, "month", detail), "relative")
        return dataclasses.replace(found, yearless=True) if found is not None else None
    if modifier == "since":
        return r.mention(Period(year, None, False, "span", f"{detail}/.."), "open")
    if modifier in {"until", "till"}:
        return r.mention(Period(None, year, False, "span", f"../{detail}"), "until")
    return r.mention(Period(year, year, False, "month", detail), "relative")


def read_prior(r: Reading) -> PeriodMention | None:
    """`the previous year`, `a year earlier`, `a month earlier`: the year before the text's own year
    (anchored in `find_periods`), else before the reference date; a month, quarter or week before stays in
    the anchor's year; `that year` is the text's own year.

    >>> from claims.parse.periods import find_periods
    >>> [m.period.start for m in find_periods("fell to 9.3 in 2023 from 21.9 the previous year")]
    [2023, 2022]
    """
    m, reference = r.m, r.reference
    if m.group("same1") or m.group("same2"):  # `the year-ago quarter`: the text's part, a year before
        before = Period(None, None, False, "year") if reference is None else Period.year(reference.year - 1)
        return r.raw(before, "prior", event=-1, shift=-1)  # the part is kept in `expressions._before`
    if m.group("u6") or m.group("u7"):  # `a year later`, `the following year`: after the text's own year
        later = Period(None, None, False, "year") if reference is None else Period.year(reference.year + 1)
        return r.raw(later, "prior", event=-1, shift=1)
    if m.group("u4") or m.group("u5"):  # `that year`, `in the half`: the period the text spoke of last
        unit = (m.group("u4") or m.group("u5")).lower()
        return r.raw(Period(None, None, False, unit), "prior", event=-1, shift=0)
    unit = (m.group("u1") or m.group("u2") or m.group("u3")).lower()
    unit = unit if unit in {"month", "quarter", "week"} else "year"  # a season or marketing year is a year
    count = count_word(m.group("n")) if m.group("n") else 1
    shift = -count if unit == "year" else 0
    if reference is None:
        return r.raw(Period(None, None, False, unit), "prior", event=-1, shift=shift)
    back = {"year": 366, "quarter": 92, "month": 31, "week": 7}[unit]
    day = reference - dt.timedelta(days=back)
    year = day.year if unit != "year" else reference.year - count
    detail = {
        "year": str(year),
        "quarter": f"{year}-Q{(day.month - 1) // 3 + 1}",
        "month": f"{year}-{day.month:02d}",
    }
    found = r.mention(Period(year, year, False, unit, detail.get(unit, "")), "prior")
    return dataclasses.replace(found, shift=shift) if found is not None else None


def read_full_date(r: Reading) -> PeriodMention | None:
    """`12 December 2023`, `December 12, 2023`: a day; `as at 31 December 2023` a point in time; `said on 20
    December 2024` the day a figure was released.

    >>> from claims.parse.periods import find_periods
    >>> [m.relation for m in find_periods("the ministry said on 20 December 2024")]
    ['release']
    """
    m, text = r.m, r.text
    year = int(m.group("y1") or m.group("y2"))
    month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    try:
        day: dt.date | None = dt.date(year, month, int(m.group("d1") or m.group("d2")))
    except ValueError:
        day = None
    detail = day.isoformat() if day is not None else ""
    if r.prep in {"as of", "as at", "by", "at"}:
        return r.mention(Period(year, year, False, "day", detail, day), "by")
    if RELEASE_BEFORE.search(text[max(0, r.start - 40) : r.start]):
        return r.mention(Period(year, year, False, "day", detail), "release")
    return r.mention(Period(year, year, False, "day", detail), "day")


def read_month_year(r: Reading) -> PeriodMention | None:
    """`in January 2024`, `as of June 2024`, `since March 2020`: one month of a year.

    >>> from claims.parse.periods import parse_period
    >>> parse_period("in January 2024").detail
    '2024-01'
    """
    m = r.m
    year, month = int(m.group("y")), MONTHS[m.group("month").lower().rstrip(".")]
    detail = f"{year}-{month:02d}"
    if r.prep in {"since", "from"}:
        return r.mention(Period(year, None, False, "span", f"{detail}/.."), "open")
    if r.prep in {"until", "till", "through"}:
        return r.mention(Period(None, year, False, "span", f"../{detail}"), "until")
    relation = "by" if r.prep in {"by", "as of", "as at"} else "point"
    return r.mention(Period(year, year, False, "month", detail), relation)


def read_relative_month(r: Reading) -> PeriodMention | None:
    """`this month`, `last month`, `next month`: the year of that month.

    >>> import datetime as dt
    >>> from claims.parse.periods import parse_period
    >>> parse_period("fares rose last month", reference=dt.date(2024, 1, 12))
    Period(start=2023, end=2023, fiscal=False)
    """
    reference = r.reference
    if reference is None:
        return None
    shift = {"this": 0, "last": -1, "next": 1}[r.m.group("rel").lower()]
    month = reference.month + shift
    year = reference.year + (-1 if month < 1 else 1 if month > 12 else 0)
    month = (month - 1) % 12 + 1
    return r.mention(Period(year, year, False, "month", f"{year}-{month:02d}"), "relative")


def read_weekday(r: Reading) -> PeriodMention | None:
    """`on Sunday`, `yesterday`: a day near the reference date (a release day after `said`).

    >>> import datetime as dt
    >>> from claims.parse.periods import find_periods
    >>> [m.relation for m in find_periods("data showed on Thursday", reference=dt.date(2024, 2, 15))]
    ['release']
    """
    if r.reference is None:
        return None
    day = _weekday_date(r)
    as_of = bool(r.m.group("asof"))
    period = Period(day.year, day.year, False, "day", day.isoformat(), day if as_of else None)
    if as_of:
        return r.mention(period, "by")  # `the toll rose to 1,200 as of Sunday`: a running total on that day
    release = bool(RELEASE_BEFORE.search(r.text[max(0, r.start - 40) : r.start]))
    return r.mention(period, "release" if release else "day")


def read_now(r: Reading) -> PeriodMention | None:
    """`now`, `currently`, `at present`: the reference year.

    >>> import datetime as dt
    >>> from claims.parse.periods import find_periods
    >>> [m.period.start for m in find_periods("It currently employs 400", reference=dt.date(2024, 5, 1))]
    [2024]
    """
    if r.reference is None:
        return None
    reference = r.reference
    return r.mention(
        Period(reference.year, reference.year, False, "day", reference.isoformat(), reference), "now"
    )


def read_year(r: Reading) -> PeriodMention | None:
    """A bare year (`in 2024`, `by 2030`, `since 2000`, `until 2030`); a price base (`constant 2015
    prices`), an author-year citation (`(Smith 2019)`) or a founding year (`since its founding in 1995`)
    set apart.

    >>> from claims.parse.periods import find_periods
    >>> [m.relation for m in find_periods("GDP in 2023 at constant 2015 prices (World Bank 2024)")]
    ['point', 'price_base', 'citation']
    """
    text, s, e = r.text, r.start, r.end
    y = int(r.m.group("y"))
    if is_price_base(text, s, e):
        return r.raw(Period.year(y), "price_base")
    before = text[max(0, s - 45) : s]
    if CITATION_AROUND.search(before) and re.match(r"\s*[a-z]?\s*[);,:]", text[e : e + 3]):
        return r.mention(Period.year(y), "citation")
    if SINCE_FOUNDING.search(text[max(0, s - 60) : s]):
        return r.mention(Period(y, None, False, "span", f"{y}/.."), "open")  # `Since its founding in 1995`
    period, relation = point_period(y, r.prep)
    return r.mention(period, relation)


def _years(first: int, last: int, fiscal: bool = False) -> Period:
    """Several years; two consecutive years of a fiscal or statistical year (`2023/24`) are one fiscal year.

    >>> _years(2023, 2024, True).detail, _years(2013, 2024).detail
    ('FY2023/24', '2013/2024')
    """
    if fiscal and last == first + 1:
        return Period(first, last, True, "fiscal_year", f"FY{first}/{last % 100:02d}")
    prefix = "FY" if fiscal else ""
    return Period(first, last, fiscal, "span", f"{prefix}{first}/{prefix}{last}")


def _part(year: int, kind: str, index: int, *, fiscal: bool = False) -> Period:
    """A quarter (`Q`) or half (`H`) of a calendar or fiscal year.

    >>> _part(2024, "H", 1).detail, _part(2025, "Q", 3, fiscal=True).detail
    ('2024-H1', 'FY2025-Q3')
    """
    index = min(index, 2) if kind == "H" else index
    prefix = "FY" if fiscal else ""
    return Period(year, year, fiscal, "quarter" if kind == "Q" else "half", f"{prefix}{year}-{kind}{index}")


def _months(first_year: int, first: int, last_year: int, last: int) -> Period:
    """The months from `first` to `last`; three months of one calendar quarter are that quarter.

    >>> _months(2024, 4, 2024, 6).detail, _months(2023, 11, 2024, 2).detail
    ('2024-Q2', '2023-11/2024-02')
    """
    if first_year == last_year and last == first + 2 and first % 3 == 1:
        return _part(last_year, "Q", first // 3 + 1)
    grain = "month" if (first_year, first) == (last_year, last) else "months"
    return Period(first_year, last_year, False, grain, f"{first_year}-{first:02d}/{last_year}-{last:02d}")


_WEEKDAY_NUMBERS = {
    name: i
    for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}


def _weekday_date(r: Reading) -> dt.date:
    """The day a weekday names near the reference date: the last one on or before it (`on Sunday`, `as of
    Sunday`; the next one in future statements), strictly before for `last`, after for `next`;
    `yesterday`, `today`."""
    reference = r.reference
    assert reference is not None  # checked by the caller
    word = (r.m.group("word") or "").lower()
    if word:
        return reference - dt.timedelta(days=1 if word == "yesterday" else 0)
    target = _WEEKDAY_NUMBERS[r.m.group("day").lower()]
    lead = r.m.group(0).split()[0].lower()
    back = (reference.weekday() - target) % 7
    if lead == "last":
        return reference - dt.timedelta(days=back or 7)
    if lead in {"next", "this"} or (r.future and lead == "on"):
        return reference + dt.timedelta(
            days=(target - reference.weekday()) % 7 or (7 if lead == "next" else 0)
        )
    return reference - dt.timedelta(days=back)


Rule = Callable[[Reading], PeriodMention | None]

RULES: dict[str, Rule] = {
    "between": read_between,
    "year_to": read_year_to,
    "months_to": read_months_to,
    "fiscal": read_fiscal,
    "prior": read_prior,
    "full_date": read_full_date,
    "relative_month": read_relative_month,
    "relative_fiscal": read_relative_fiscal,
    "years_to": read_years_to,
    "span": read_span,
    "months_of": read_months_of,
    "years_ago": read_years_ago,
    "part": read_part,
    "part_relative": read_part_relative,
    "month_range": read_month_range,
    "month_year": read_month_year,
    "range": read_range,
    "onwards": read_onwards,
    "decade": read_decade,
    "month": read_month,
    "weekday": read_weekday,
    "now": read_now,
    "year": read_year,
}
"""The rule of each detector of `patterns.DETECTORS`, in the same (priority) order."""


def interpret(
    name: str, m: re.Match[str], text: str, reference: dt.date | None, *, future: bool | None = None
) -> PeriodMention | None:
    """The mention a match of detector `name` makes in `text` (None when it names no usable period).
    `future` (the text speaks of the future) is read from the text when not given."""
    if future is None:
        future = bool(FUTURE.search(text))  # read once per text by `find_periods`
    s, e = m.span()
    prep = governing_preposition(text, s, e if name == "year" else None)
    found = RULES[name](Reading(m, text, reference, future, prep))
    if found is not None and found.relation in {"point", "relative"} and STATEMENT_AFTER.match(text, e):
        found = dataclasses.replace(found, relation="release")  # `In August the USDA raised its forecast`
    return found
