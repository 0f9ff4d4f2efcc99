"""Find the period expressions of a text (detectors in priority order, an earlier match claiming its
characters), and the parsers built on them: a phrase, a table cell, a column header, a sentence's own date."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re

from claims.lexicon.periods import MONTHS
from claims.parse.periods.interpret import interpret
from claims.parse.periods.mentions import Period, PeriodMention
from claims.parse.periods.patterns import DETECTORS, FULL_DATE, FUTURE


def find_periods(
    text: str, *, reference: dt.date | None = None, context: Period | None = None, frame: Period | None = None
) -> list[PeriodMention]:
    """Every period expression of `text`, in text order; relative ones only when `reference` is given.
    `context` is the period the surrounding text has reached (the sentence before, its section's year): `the
    previous year` or `that year` with no year of the text before it is read from it rather than from the
    reference date; `frame` is the period of the text's section, in which a yearless month or quarter (`in
    the December quarter`) is read first (default: `context`).

    >>> text = "Trade jumped from $40 billion in 1990 to $120 billion by the year 2000"
    >>> [m.surface for m in find_periods(text)]
    ['1990', '2000']
    >>> [(m.period.start, m.period.end, m.preposition) for m in find_periods("by late 2022, Japan reported")]
    [(2022, 2022, 'by')]
    >>> [m.relation for m in find_periods("2024 Budget (USD Billions, Constant 2024)")]
    ['point', 'price_base']
    """
    taken_starts: list[int] = []  # the claimed spans, sorted and disjoint
    taken_ends: list[int] = []
    found: list[PeriodMention] = []
    future = bool(FUTURE.search(text))

    def free(s: int, e: int) -> bool:
        k = bisect.bisect_right(taken_starts, s)
        if k and taken_ends[k - 1] > s:
            return False  # the span before overlaps
        return k == len(taken_starts) or taken_starts[k] >= e

    for name, pattern in DETECTORS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            mention = interpret(name, m, text, reference, future=future)
            if mention is None:
                continue
            k = bisect.bisect_left(taken_starts, mention.start)
            taken_starts.insert(k, mention.start)
            taken_ends.insert(k, mention.end)
            found.append(mention)
    found.sort(key=lambda x: x.start)
    return _anchor_prior(found, text, context, frame)


def _anchor_prior(
    found: list[PeriodMention], text: str, context: Period | None = None, frame: Period | None = None
) -> list[PeriodMention]:
    """`the previous year` / `a year earlier` after a year of the same text is the year before that one (`fell
    to ¥9.3 trillion in 2023 from ¥21.9 trillion the previous year` -> 2022; `last year ... a year earlier`
    -> the year before last year); without one, the year before the reference date (dropped when there is
    none). Without a reference date, `a year ago` is read the same way.

    >>> text = "Trust reached 66.8% in the 2025 survey, up from 58.9% a year ago"
    >>> [m.period.start for m in find_periods(text)]
    [2025, 2024]
    """
    out = []
    anchor: PeriodMention | None = None  # the last single year so far (not a statement's date)
    dated: PeriodMention | None = None  # the last statement date (`In August the USDA raised ...`)
    for mention in found:
        base_period = anchor.period if anchor is not None else (context or frame)
        if base_period is None and dated is not None:
            base_period = dated.period
        if mention.yearless:
            if anchor is None and frame is not None and frame.start is not None and frame.start == frame.end:
                base_period = frame
            if (
                base_period is not None
                and base_period.start is not None
                and base_period.start == base_period.end
                and not base_period.fiscal
                and not (mention.period.start is not None and base_period.start > mention.period.start)
            ):  # but never past the part the reference date gives (`in the fourth quarter` after `2024
                # guidance`, in a text of February 2024, is the fourth quarter of 2023)
                mention = dataclasses.replace(mention, period=_in_year(mention.period, base_period.start))
            elif mention.period.start is None:
                continue  # no year to read it in
        if mention.relation == "now" and frame is not None and frame.start is not None:
            mention = dataclasses.replace(mention, period=frame)  # `now` in a section about another year
        if mention.relation != "prior":
            out.append(mention)
            if (
                mention.relation in {"point", "by", "day", "release", "relative", "range"}
                and mention.period.start is not None
                and (mention.period.start == mention.period.end or mention.period.grain == "fiscal_year")
                and not is_comparison_base(text, mention)
            ):
                if mention.relation == "release":
                    dated = mention
                else:
                    anchor = mention
            continue
        if (
            base_period is not None
            and base_period.start is not None
            and (base_period.start == base_period.end or base_period.grain == "fiscal_year")
        ):
            out.append(dataclasses.replace(mention, period=_before(base_period, mention)))
        elif mention.period.start is not None:
            out.append(mention)
    return out


_BASE_CUE_BEFORE = re.compile(
    r"""(?:\b(?P<cue>below|above|beneath|beyond|short\s+of|than|from|compared\s+(?:with|to)|against|versus|vs\.?
         |relative\s+to)\s+
       | (?:%|\bper\s?cent|\bpoints?|\d)\s+on\s+  # `16% on 2019`: a change on a base year
       | \bthe\s+same\s+(?:period|months?|quarter|half|week)\s+(?:of|in)\s+  # the same months of 2021
       | \b(?:many|much|high|large|big)\s+as\s+)  # `twice as many as in 2021`
    (?:(?:in|for)\s+)?(?:(?:its|their|the)\s+)?$""",  # `three times more than for the 2019 edition`
    re.VERBOSE | re.IGNORECASE,
)
"""Right before a year that is the base of a comparison: `8% below 2019`, `22% higher than in 2019`."""
_LEVEL_OF_BEFORE = re.compile(
    r"""\b(?:of|than|below|above|times|twice)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+)?  # of the (national)
    (?:levels?|figures?|totals?|volumes?|traffic|values?|numbers?)\s+(?:of|in|for)\s+$""",  # traffic of
    re.VERBOSE | re.IGNORECASE,
)
"""`92.6 per cent of the traffic of August 2019`: the month of the level compared with."""
_FIGURE_OF_BEFORE = re.compile(
    r"""\b(?:than|below|above|against|versus|vs\.?|compared\s+(?:with|to)|from)\s+(?:the\s+)?  # than the
    [$€£¥]?\d[\d.,]*(?:[a-z]{1,2}\s+(?:[\w-]+\s+){0,3}?|\s+(?:[\w-]+\s+){1,3}?)  # $161m / 205.1 million tons
    (?:of|in|for)\s+$""",
    re.VERBOSE | re.IGNORECASE,
)
"""`higher than the 205.1 million tons of 2021/22`: the year of the figure compared with."""
_LEVEL_BEFORE = re.compile(
    r"\b(?:to|with|on|over|at)\s+(?:in\s+)?(?:(?:its|their|the|his|her)\s+)?$", re.IGNORECASE
)  # `back to its 2019 level`
_SHARE_OF = re.compile(r"\bof\s+(?:(?:its|their|the)\s+)?$", re.IGNORECASE)  # `75% of 2019 levels`
LEVEL_AFTER = re.compile(
    r"""\s*(?:pre-\w+\s+)?(?:levels?|figures?|peaks?|values?|totals?|averages?|marks?|highs?|lows?
    |benchmarks?|volumes?|traffic)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def is_comparison_base(text: str, mention: PeriodMention) -> bool:
    """Does the period name what a figure is compared with (`8% below 2019`, `than in 2021`, `61% of its 2019
    level`, `92.6% of the traffic of August 2019`) rather than when the text's account takes place? `from
    2015` opening a period, or `from 2019-2023`, is no comparison.

    >>> text = "Traffic was 8% below 2019 in 2022, back to 94% of its 2019 level."
    >>> [is_comparison_base(text, m) for m in find_periods(text)]
    [True, False, True]
    >>> text = "It paid $88 million, four times more than for the 2017 edition and twice the figure for 2021."
    >>> [is_comparison_base(text, m) for m in find_periods(text)]
    [True, True]
    """
    before = text[max(0, mention.start - 60) : mention.start]
    cue = _BASE_CUE_BEFORE.search(before[-30:])
    spans = mention.relation in {"open", "range", "decade", "until"}  # `from 2019-2023`: a span, no base
    if cue and not ((cue.group("cue") or "").lower() == "from" and spans):
        return True
    if _LEVEL_OF_BEFORE.search(before) or _FIGURE_OF_BEFORE.search(before):
        return True
    if LEVEL_AFTER.match(text, mention.end):
        return bool(_LEVEL_BEFORE.search(before[-30:]) or _SHARE_OF.search(before[-30:]))
    return False


_SAME_PART = re.compile(r"\b(?:year[-\s](?:ago|earlier)|same|corresponding|comparable)\b", re.IGNORECASE)
_PART = re.compile(r"^(?P<y>\d{4})-(?P<kind>Q|)(?P<n>\d{1,2})$")  # `2024-03` (a month), `2024-Q1`


def _in_year(period: Period, year: int) -> Period:
    """A month or quarter written without its year, in `year` (`in April` after `in 2023` -> 2023-04).

    >>> _in_year(Period(None, None, False, "quarter", "-Q3"), 2023).detail
    '2023-Q3'
    """
    detail = period.detail
    detail = f"{year}{detail[4:]}" if detail[:4].isdigit() else f"{year}{detail}"
    return Period(year, year, False, period.grain, detail)


def _before(anchor: Period, prior: PeriodMention) -> Period:
    """The period `prior` (`the previous year`, `a month earlier`, `two years ago`) names before `anchor`: the
    month or quarter before a month or quarter the text gives (`in January ... the previous month` is the
    December before), else the anchor's year shifted by whole years.

    >>> from claims.parse.periods import find_periods
    >>> [m.period.detail for m in find_periods("112 in January 2024, against 115 the previous month")]
    ['2024-01', '2023-12']
    >>> [m.period.detail for m in find_periods("$7.6bn in Q3 2024, against $7.7bn in the year-ago quarter")]
    ['2024-Q3', '2023-Q3']
    """
    grain = prior.period.grain
    if (
        _SAME_PART.search(prior.surface)
        and anchor.grain in {"quarter", "half", "month"}
        and anchor.start == anchor.end
        and anchor.start is not None
    ):  # `the year-ago quarter` of 2024-Q3 is 2023-Q3
        year = anchor.start + prior.shift
        detail = anchor.detail.replace(str(anchor.start), str(year), 1)
        return Period(year, year, anchor.fiscal, anchor.grain, detail)
    part = _PART.match(anchor.detail) if anchor.grain == grain else None
    if part and grain in {"month", "quarter"}:
        year, n = int(part["y"]), int(part["n"]) - 1
        if n == 0:
            year, n = year - 1, 12 if grain == "month" else 4
        detail = f"{year}-{n:02d}" if grain == "month" else f"{year}-Q{n}"
        return Period(year, year, False, grain, detail)
    if (grain == "year" or not grain) and anchor.grain == "fiscal_year" and anchor.start != anchor.end:
        period: Period | None = anchor
        for _ in range(-prior.shift):  # `the previous year` of FY2015/16 is FY2014/15
            period = period.previous() if period is not None else None
        if period is not None:
            return period
    year = anchor.start + prior.shift  # type: ignore[operator]
    if grain == "year" or not grain:
        return Period.year(year, fiscal=anchor.fiscal)
    return Period(year, year, False, grain)


def sentence_reference(text: str) -> dt.date | None:
    """The last full date of a text (`said on 20 December 2024 that ...`), to resolve its relative dates when
    the document gives no date of its own.

    >>> sentence_reference("The ministry said on 20 December 2024 that next year's budget rises.")
    datetime.date(2024, 12, 20)
    """
    found = None
    for m in FULL_DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2"))
        month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        try:
            found = dt.date(int(m.group("y1") or m.group("y2")), month, day)
        except ValueError:
            continue
    return found


def parse_period(text: str, *, reference: dt.date | None = None) -> Period | None:
    """The period of a short expression (`in FY2025`, `2013–24`), or None when it names none.

    >>> parse_period("2023- present")
    Period(start=2023, end=None, fiscal=False)
    >>> parse_period("the late 1970s")
    Period(start=1970, end=1979, fiscal=False)
    >>> parse_period("no year here") is None
    True
    """
    for mention in find_periods(text, reference=reference):
        if mention.relation not in {"price_base", "comparison"}:
            return mention.period
    return None


_CELL_NOISE = re.compile(
    r"[\s()\[\],.;:*]+|\b(?:planned|proposal|proposed|est|estimated|projected|projection"
    r"|forecast|stage|approx|onwards?|budget|fy|year|years|e|p|f)\b",
    re.IGNORECASE,
)


def parse_year_cell(text: str, *, reference: dt.date | None = None) -> Period | None:
    """The period of a table cell that holds only a period (`2006–09`, `2023- present`, `2025 (Planned)`).

    >>> parse_year_cell("2006–09")
    Period(start=2006, end=2009, fiscal=False)
    >>> parse_year_cell("2023– Present")
    Period(start=2023, end=None, fiscal=False)
    >>> parse_year_cell("2025 (Planned)")
    Period(start=2025, end=2025, fiscal=False)
    >>> parse_year_cell("Three patrol vessels (2016)") is None
    True
    >>> parse_year_cell("N/A") is None
    True
    """
    mentions = [m for m in find_periods(text, reference=reference) if m.relation != "price_base"]
    if len(mentions) != 1:
        return None
    m = mentions[0]
    rest = text[: m.start] + " " + text[m.end :]
    if re.search(r"\d", rest) or _CELL_NOISE.sub(" ", rest).strip():
        return None
    return m.period


def header_period(text: str, *, reference: dt.date | None = None) -> Period | None:
    """The period a column header gives its cells (`2030 Projection (USD Billions, Constant 2024)` -> 2030).

    >>> header_period("2030 Projection (USD Billions, Constant 2024)")
    Period(start=2030, end=2030, fiscal=False)
    >>> header_period("Total Budget (USD, Approx.)") is None
    True
    """
    for mention in find_periods(text, reference=reference):
        if mention.relation not in {"price_base", "citation", "comparison"}:
            return mention.period
    return None
