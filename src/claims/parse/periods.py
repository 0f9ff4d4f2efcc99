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
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.lexicon.periods import (
    MONTHS,
    OPEN_END_WORDS,
    ORDINAL_PARTS,
    RELATIVE_YEAR_OFFSETS,
)

MIN_YEAR = 1800
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class Period:
    """The years a value refers to; `end` None for open-ended periods, `start` None for `until` periods."""

    start: int | None
    end: int | None
    fiscal: bool = False

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


_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_DASH = r"[-–—‒‑]"
_ORD = "|".join(sorted(ORDINAL_PARTS, key=len, reverse=True))
_OPEN = "|".join(sorted(OPEN_END_WORDS, key=len, reverse=True))
_REL = "|".join(re.escape(w) for w in sorted(RELATIVE_YEAR_OFFSETS, key=len, reverse=True))
_MONTH = "|".join(
    sorted({m.capitalize() for m in MONTHS if len(m) > 3 or m == "may"} | {"Sept"}, key=len, reverse=True)
)
_MONTH_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH_ANY = f"{_MONTH}|{_MONTH_SHORT}"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a": 1}
_COUNT = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

# Detectors, tried in this priority order; an earlier match claims its characters.
_DETECTORS: list[tuple[str, re.Pattern[str]]] = [
    ("between", re.compile(
        rf"""\b(?:between|from)\s+            # between 2011 and 2021 / from 1990 to 1995
        (?:(?:the\s+)?(?:fiscal\s+years?|FY)\s*)?
        (?P<y1>{_YEAR})(?:[-–/](?P<s1>\d{{2}}))?\s+     # between 2021/22 and 2025/26 (split years)
        (?:and|to|until|till|through|thru)\s+
        (?:(?:fiscal\s+year|FY)\s*)?
        (?P<y2>{_YEAR})(?:[-–/](?P<s2>\d{{2}}))?(?![\d])""", re.VERBOSE | re.IGNORECASE)),
    ("year_to", re.compile(
        rf"""\b(?:(?P<fisc>fiscal|financial|business|accounting)\s+)?year\s+  # the (fiscal) year
        (?P<rel>to|ended|ending|through)\s+(?:in\s+)?     # to / ended (in)
        (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?          # 31
        (?P<month>{_MONTH_ANY})\.?                         # March
        (?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?          # March 31
        (?:,?\s+(?P<y>{_YEAR}))?(?![\d])                  # , 2024""", re.VERBOSE | re.IGNORECASE)),
    ("fiscal", re.compile(
        rf"""(?:
            \bJ?FY\s?'?(?P<fy>{_YEAR}|\d{{2}})(?![\d])       # FY2025, FY 2023, FY25
            (?:\s*[-–—/]\s*(?:FY\s?)?(?P<fy2>{_YEAR}|\d{{2}})(?![\d]))?   # FY2025-2026, FY2024/25
          | \bfiscal\s+(?:year\s+)?(?:\(FY\)\s*)?         # fiscal year (FY) 2023, fiscal 2024
            (?P<fy3>{_YEAR})(?![\d])
            (?:\s*[-–—/]\s*(?P<fy4>{_YEAR}|\d{{2}})(?![\d]))?
          | (?P<fy5>{_YEAR})\s+fiscal\s+year\b            # 2024 fiscal year
        )""", re.VERBOSE | re.IGNORECASE)),
    ("prior", re.compile(
        r"""\b(?:the\s+(?:previous|prior|preceding)\s+year|the\s+year\s+before|a\s+year\s+(?:earlier|before))\b""",
        re.VERBOSE | re.IGNORECASE)),
    ("full_date", re.compile(
        rf"""\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_ANY})\.?,?\s+   # 12 December
            (?P<y1>{_YEAR})                                                           # 2023
          | (?P<m2>{_MONTH_ANY})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+      # December 12,
            (?P<y2>{_YEAR}))                                                          # 2023
        (?![\d])""", re.VERBOSE)),
    ("relative_month", re.compile(r"""\b(?P<rel>this|last|next)\s+month\b""", re.VERBOSE | re.IGNORECASE)),
    ("relative_fiscal", re.compile(
        rf"""\b(?P<rel>{_REL})\s+(?P<fiscal>fiscal\s+)?year\b(?!s)""", re.VERBOSE | re.IGNORECASE)),
    ("span", re.compile(
        rf"""\b(?:over|in|during|for|within|across|throughout)\s+the\s+   # over the
        (?P<dir>past|last|previous|preceding|next|coming|following)\s+    # past / next
        (?:(?P<n>{_COUNT})\s+)?(?P<unit>years|decades?)\b              # five years / decade""",
        re.VERBOSE | re.IGNORECASE)),
    ("months_of", re.compile(
        rf"""\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months\b       # the first seven months
        (?:\s+of\s+(?:(?P<y>{_YEAR})(?![\d])|(?P<rel>this|last|the)\s+year\b   # of 2024 / of this year
          |(?:fiscal\s+(?:year\s+)?|FY\s?)(?P<fy>{_YEAR})(?![\d])))?""", re.VERBOSE | re.IGNORECASE)),
    ("years_ago", re.compile(
        r"""\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+years?\s+ago\b""",
        re.VERBOSE | re.IGNORECASE)),
    ("part", re.compile(
        rf"""(?:\b(?:the\s+)?(?P<ord>{_ORD})\s+(?P<part>quarter|half)\s+of\s+   # the first quarter of 1998
            (?:the\s+)?(?:(?:fiscal\s+)?year\s+)?(?P<fisc>FY\s?)?(?P<y>{_YEAR})(?![\d])
          | \b(?:[QH][1-4]|[1-4]Q)\s*(?P<y2>{_YEAR})(?![\d])  # Q1 2024, H1 2024, 1Q 2024
        )""", re.VERBOSE | re.IGNORECASE)),
    ("part_relative", re.compile(
        rf"""\b(?:the\s+)?(?P<ord>{_ORD})\s+(?P<part>quarter|half)\b      # the third quarter (no year)
        (?:\s+of\s+(?P<rel>this|last|next|the\s+current|the\s+previous|the)\s+year\b)?
        (?!\s+of\s+(?:the\s+)?(?:(?:fiscal\s+)?year\s+)?(?:FY\s?)?'?\d)  # not `of 1998` (above)
        (?!\s+(?:of\s+)?(?:fiscal\s+|FY\s?)?'?\d)
      | \b(?P<q>[QH][1-4])\b(?!\s*(?:FY|fiscal)?\s*'?\d)                 # Q3, H1 alone""",
        re.VERBOSE | re.IGNORECASE)),
    ("month_range", re.compile(
        rf"""\b(?P<m1>{_MONTH_ANY})\.?\s*[-–—/]\s*(?P<m2>{_MONTH_ANY})\.?  # October-December
        (?:\s+(?:quarter|period|half|months|season))?
        (?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?(?![\d])""", re.VERBOSE)),
    ("range", re.compile(
        rf"""(?<![\d.,/])(?P<y1>{_YEAR})\s*
        (?P<sep>{_DASH}|/|\bto\b|\bthrough\b|\buntil\b)\s*   # 2013–24, 2023- present, 1990 to 1995
        (?:(?P<y2>{_YEAR}|\d{{2}}|\d)(?![\d.,]\d|\d|\s*%|\s*per\s?cent)
          | (?P<open>{_OPEN})\b)""", re.VERBOSE | re.IGNORECASE)),
    ("onwards", re.compile(
        rf"""(?<![\d.,])(?P<y1>{_YEAR})\s+(?:and\s+)?(?:onwards?|and\s+beyond)\b""",
        re.VERBOSE | re.IGNORECASE)),
    ("decade", re.compile(
        r"""(?<![\d.,])(?P<y>(?:1[89]|20)\d0)['’]?s\b""", re.VERBOSE)),
    ("month", re.compile(
        rf"""(?<![\w])(?P<month>{_MONTH})\b(?!\s*,?\s*(?:{_YEAR}|\d{{1,2}}\s*,?\s*{_YEAR}))""",
        re.VERBOSE)),
    ("weekday", re.compile(
        rf"""\b(?:on\s+|last\s+|this\s+|next\s+)(?P<day>{_WEEKDAYS})\b|\b(?P<word>yesterday|today)\b""",
        re.VERBOSE)),
    ("now", re.compile(r"""\b(?:now|currently|presently|at\s+present)\b""", re.VERBOSE | re.IGNORECASE)),
    ("year", re.compile(
        rf"""(?<![\d.,$¥€£/\w])(?<![\d][-–])(?P<y>{_YEAR})      # a bare year, not part of a number
        (?![\d]|[.,]\d|\s*%|\s*per\s?cent|\s*[-–]\s*\d)""", re.VERBOSE)),
]

_PREPOSITION_BEFORE = re.compile(
    r"""\b(?P<prep>in|by|for|during|since|from|between|until|till|through|throughout|as\s+of|before|after
         |over|to|at|of|around|circa|c\.|within|on|as\s+at)
        \s+(?:(?:the\s+)?(?:end|start|beginning|middle|course|turn|close|first\s+half|second\s+half)\s+of\s+)?
        (?:the\s+)?(?:(?:late|early|mid)[-\s]*)?(?:(?:fiscal\s+)?year\s+)?$""",
    re.VERBOSE | re.IGNORECASE)

_PRICE_BASE_BEFORE = re.compile(
    r"""(?:\bconstant\s*(?:\(?\s*)?|\breal\s+|\bin\s+|\bbase\s+year\s+)$""", re.IGNORECASE)
_PRICE_BASE_AFTER = re.compile(r"""^\s*(?:prices|dollars|US\s*dollars|USD|US\$|\$|yen|euros?)\b""",
                               re.IGNORECASE)
_CITATION_AROUND = re.compile(r"""\(\s*[A-Z][\w&.\- ]{1,40}?,?\s+$""")
_FUTURE = re.compile(
    r"""\b(?:will|shall|would|(?:is|are)\s+(?:expected|forecast|projected|scheduled|due|set|to)
      |(?:expects?|expected|forecasts?|projected|projects?|plans?|planned|aims?|intends?|scheduled|set|agreed
         |decided|pledged|promised|vowed|voted|approved|committed)\s+to
      |scheduled\s+for|to\s+be\s+held)\b""",
    re.VERBOSE | re.IGNORECASE)
"""Words that put a yearless month or quarter in the future (`will open in October`)."""
_SUPERLATIVE_SINCE = re.compile(
    r"""\b(?:highest|lowest|biggest|largest|smallest|weakest|strongest|fastest|slowest|best|worst|first|most
      |least|steepest|sharpest|deepest|greatest|record|softest|hottest|widest|narrowest)\b
    (?:\s+[\w-]+){0,4}?\s+since\s+(?:the\s+)?(?:(?:late|early|mid)[-\s]*)?(?:fiscal\s+(?:year\s+)?|FY\s?)?$""",
    re.VERBOSE | re.IGNORECASE)
"""`the highest since fiscal 2015`, `its weakest level since 1990`: a comparison, not the value's period."""
_EVENT_VERB = re.compile(
    r"""\b(?P<verb>founded|established|set\s+up|created|launched|formed|inaugurated|built|constructed
      |opened|convened|incorporated|introduced|proposed|initiated|instituted|chartered|started|began|begun
      |revived|unveiled)\b
    (?P<mid>[^,;:()\n–—]{0,50}?)$""", re.VERBOSE | re.IGNORECASE)
"""A founding/creation verb shortly before a year: the year dates that event (`established in 2005`)."""
_TEMPORAL_CLAUSE = re.compile(r"\b(?:when|after|before|since|until|once|as\s+soon\s+as|by\s+the\s+time)\b"
                              r"[^,;:]{0,60}$", re.IGNORECASE)
_FULL_DATE = re.compile(
    rf"""\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_ANY})\.?,?\s+(?P<y1>{_YEAR})
          | (?P<m2>{_MONTH_ANY})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>{_YEAR}))(?![\d])""",
    re.VERBOSE)
_SINCE_FOUNDING = re.compile(
    r"""\bsince\s+(?:its|their|the|his|her)\s+(?:founding|foundation|creation|establishment|inception|launch
      |start|listing|opening|beginning|introduction)\s+in\s+$""", re.VERBOSE | re.IGNORECASE)
_RELEASE_BEFORE = re.compile(
    r"""\b(?:said|says|showed|shows|announced|announces|reported|reports|told|added|released|published
      |confirmed|stated|noted|revealed|disclosed)\b[^.;,]{0,20}$""", re.VERBOSE | re.IGNORECASE)
"""`data showed on Thursday`: the day a figure was released, not the period it measures."""


def _year2(y1: int, token: str) -> int | None:
    """Second year of a range written short: (2006, '09') -> 2009; (2023, '4') -> 2024."""
    if len(token) == 4:
        y2 = int(token)
    elif len(token) == 2:
        y2 = (y1 // 100) * 100 + int(token)
        if y2 < y1:
            y2 += 100
    else:
        y2 = (y1 // 10) * 10 + int(token)
    if y2 <= y1 or y2 - y1 > 99 or not MIN_YEAR <= y2 <= MAX_YEAR:
        return None
    return y2


_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|this|that|his|her|our)|['’]s)\s+$",
                                re.IGNORECASE)
_WORD_AFTER = re.compile(r"^\s+[A-Za-z]")


def _preposition(text: str, start: int, end: int | None = None) -> str:
    if end is not None and _DETERMINER_BEFORE.search(text[max(0, start - 8):start]) \
            and _WORD_AFTER.match(text[end:end + 3]):
        return ""  # `through the 2023 Comprehensive Strategic Partnership`: the year modifies a name
    m = _PREPOSITION_BEFORE.search(text[max(0, start - 60):start])
    if not m:
        return ""
    return " ".join(m.group("prep").lower().split())


def _is_price_base(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 25):start]
    if re.search(r"\bconstant\s*\(?\s*$", before, re.IGNORECASE):
        return True
    return bool(_PRICE_BASE_AFTER.match(text[end:end + 20])) and bool(
        re.search(r"\b(?:in|constant|real)\s+$", before, re.IGNORECASE))


def _point(year: int, prep: str, fiscal: bool = False) -> tuple[Period, str]:
    if prep == "since" or prep == "from":
        return Period(year, None, fiscal), "open"
    if prep in {"until", "till", "through"}:
        return Period(None, year, fiscal), "until"
    if prep in {"by", "as of", "as at"}:
        return Period(year, year, fiscal), "by"
    return Period(year, year, fiscal), "point"


def _relative(reference: dt.date | None, offset: int, fiscal: bool = False) -> Period | None:
    if reference is None:
        return None
    return Period(reference.year + offset, reference.year + offset, fiscal)


def _month_year(reference: dt.date, month: int, modifier: str, *, future: bool = False) -> int:
    """The year of a yearless month: the last one on or before the reference date (`in December` in a text
    of January 2024 is December 2023), the next one for `next` and in future statements."""
    if modifier == "last":
        return reference.year if month < reference.month else reference.year - 1
    if modifier == "next":
        return reference.year if month > reference.month else reference.year + 1
    if modifier == "this" or future:
        return reference.year
    return reference.year - 1 if month > reference.month else reference.year


def _event_start(text: str, start: int) -> int:
    """Offset of a founding/creation verb governing the year at `start` (`established in 2005`), else -1.
    A temporal clause (`When the plan was unveiled in 2016, ...`) dates its main clause: not an event."""
    before = text[max(0, start - 70):start]
    m = _EVENT_VERB.search(before)
    if m is None or len(m.group("mid").split()) > 6:
        return -1
    verb_at = max(0, start - 70) + m.start("verb")
    if _TEMPORAL_CLAUSE.search(text[max(0, verb_at - 60):verb_at]):
        return -1
    return verb_at


def find_periods(text: str, *, reference: dt.date | None = None) -> list[PeriodMention]:
    """Every period expression of `text`, in text order; relative ones only when `reference` is given.

    >>> text = "Trade jumped from $40 billion in 1990 to $120 billion by the year 2000"
    >>> [m.surface for m in find_periods(text)]
    ['1990', '2000']
    >>> [(m.period.start, m.period.end, m.preposition) for m in find_periods("by late 2022, Japan reported")]
    [(2022, 2022, 'by')]
    >>> [m.relation for m in find_periods("2024 Budget (USD Billions, Constant 2024)")]
    ['point', 'price_base']
    """
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for name, pattern in _DETECTORS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            mention = _interpret(name, m, text, reference)
            if mention is None:
                continue
            taken.append((mention.start, mention.end))
            found.append(mention)
    found.sort(key=lambda x: x.start)
    return _anchor_prior(found)


def _anchor_prior(found: list[PeriodMention]) -> list[PeriodMention]:
    """`the previous year` / `a year earlier` after a year of the same text is the year before that one (`fell
    to ¥9.3 trillion in 2023 from ¥21.9 trillion the previous year` -> 2022); without one, the year before
    the reference date (dropped when there is none)."""
    out = []
    for k, mention in enumerate(found):
        if mention.relation != "prior":
            out.append(mention)
            continue
        anchors = [m for m in found[:k] if m.relation in {"point", "by", "day", "release"}
                   and m.period.start is not None and m.period.start == m.period.end]
        if anchors:
            year = anchors[-1].period.start - 1  # type: ignore[operator]
            out.append(dataclasses.replace(mention, period=Period(year, year, anchors[-1].period.fiscal)))
        elif mention.period.start is not None:
            out.append(mention)
    return out


def sentence_reference(text: str) -> dt.date | None:
    """The last full date of a text (`said on 20 December 2024 that ...`), to resolve its relative dates when
    the document gives no date of its own.

    >>> sentence_reference("The ministry said on 20 December 2024 that next year's budget rises.")
    datetime.date(2024, 12, 20)
    """
    found = None
    for m in _FULL_DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2"))
        month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        try:
            found = dt.date(int(m.group("y1") or m.group("y2")), month, day)
        except ValueError:
            continue
    return found


def _interpret(name: str, m: re.Match[str], text: str, reference: dt.date | None) -> PeriodMention | None:
    s, e = m.span()
    surface = text[s:e]
    prep = _preposition(text, s, e if name == "year" else None)

    def mention(period: Period | None, relation: str, start: int = s, end: int = e) -> PeriodMention | None:
        if period is None:
            return None
        for y in (period.start, period.end):
            if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
                return None
        if period.start is not None and period.end is not None and period.start > period.end:
            return None
        if prep == "since" and _SUPERLATIVE_SINCE.search(text[max(0, start - 60):start]):
            relation = "comparison"
        return PeriodMention(start, end, text[start:end], period, relation, prep, _event_start(text, start))

    future = bool(_FUTURE.search(text))
    if name == "between":
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        split = False
        if m.group("s2"):
            end_year = _year2(y2, m.group("s2"))
            split = end_year == y2 + 1
            y2 = end_year if end_year is not None else y2
        if m.group("s1"):
            split = split or _year2(y1, m.group("s1")) == y1 + 1
        if y2 < y1:
            return None
        return mention(Period(y1, y2, split), "range")
    if name == "year_to":
        month = MONTHS[m.group("month").lower().rstrip(".")]
        if m.group("y"):
            year = int(m.group("y"))
        elif reference is not None:
            ending = m.group("rel").lower() == "ending"
            year = _month_year(reference, month, "next" if ending or future else "last")
            if not ending and not future and month == reference.month:
                year = reference.year
        else:
            return None
        if month == 12:
            return mention(Period(year, year, bool(m.group("fisc"))), "point")
        return mention(Period(year - 1, year, True), "range")
    if name == "span":
        if reference is None:
            return None
        unit = m.group("unit").lower()
        n_text = (m.group("n") or "").lower()
        if not n_text and unit == "years":
            return None  # `over the past years`: no length
        count = (int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]) if n_text else 1
        years = count * 10 if unit.startswith("decade") else count
        if m.group("dir").lower() in {"next", "coming", "following"}:
            return mention(Period(reference.year + 1, reference.year + years), "range")
        return mention(Period(reference.year - years, reference.year), "range")
    if name == "months_of":
        if m.group("y"):
            y = int(m.group("y"))
            return mention(Period(y, y), "point")
        if m.group("fy"):
            y = int(m.group("fy"))
            return mention(Period(y, y, True), "point")
        if reference is None:
            return None
        n_text = m.group("n").lower()
        count = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
        rel = (m.group("rel") or "").lower()
        if rel == "last":
            year = reference.year - 1
        elif rel or future or count <= reference.month:
            year = reference.year
        else:
            year = reference.year - 1
        return mention(Period(year, year), "relative")
    if name == "part_relative":
        if reference is None:
            return None
        if m.group("q"):
            kind, index = m.group("q")[0].upper(), int(m.group("q")[1])
        else:
            kind = "Q" if m.group("part").lower() == "quarter" else "H"
            index = ORDINAL_PARTS[m.group("ord").lower()]
        if kind == "H":
            index = min(index, 2)
        first_month = (index - 1) * (3 if kind == "Q" else 6) + 1
        rel = " ".join((m.group("rel") or "").lower().split())
        if rel in {"last", "the previous"}:
            year = reference.year - 1
        elif rel == "next":
            year = reference.year + 1
        elif rel or future or first_month <= reference.month:
            year = reference.year
        else:
            year = reference.year - 1
        return mention(Period(year, year), "relative")
    if name == "month_range":
        m1 = MONTHS[m.group("m1").lower().rstrip(".")]
        m2 = MONTHS[m.group("m2").lower().rstrip(".")]
        if m.group("y"):
            y = int(m.group("y"))
            return mention(Period(y - 1 if m2 < m1 else y, y), "point")
        if reference is None:
            return None
        year = reference.year if future or m2 <= reference.month or m2 < m1 else reference.year - 1
        return mention(Period(year - 1 if m2 < m1 else year, year), "relative")
    if name == "fiscal":
        first = m.group("fy") or m.group("fy3") or m.group("fy5")
        y1 = int(first) if len(first) == 4 else 2000 + int(first)
        second = m.group("fy2") or m.group("fy4")
        if second:
            fiscal_end = _year2(y1, second)
            if fiscal_end is None:
                return None
            return mention(Period(y1, fiscal_end, True), "range")
        period, relation = _point(y1, prep, fiscal=True)
        return mention(period, relation)
    if name == "relative_fiscal":
        offset = RELATIVE_YEAR_OFFSETS[" ".join(m.group("rel").lower().split())]
        return mention(_relative(reference, offset, bool(m.group("fiscal"))), "relative")
    if name == "years_ago":
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        return mention(_relative(reference, -count), "relative")
    if name == "part":
        y = int(m.group("y") or m.group("y2"))
        return mention(Period(y, y, bool(m.group("fisc"))), "point")
    if name == "range":
        y1 = int(m.group("y1"))
        if m.group("open"):
            return mention(Period(y1, None), "open")
        range_end = _year2(y1, m.group("y2"))
        if range_end is None:
            return None
        # "2014, 2023-4" is a range; "1,990-2,000" never reaches here (the look-behind refuses it).
        # A split year of two consecutive years (`2024-25`, `2023/24`) is a fiscal or statistical year.
        split = range_end == y1 + 1 and (len(m.group("y2")) == 2 or m.group("sep") == "/")
        return mention(Period(y1, range_end, split), "range")
    if name == "onwards":
        return mention(Period(int(m.group("y1")), None), "open")
    if name == "decade":
        y = int(m.group("y"))
        period, relation = Period(y, y + 9), "decade"
        if prep == "since":
            period, relation = Period(y, None), "open"
        return mention(period, relation)
    if name == "month":
        if reference is None:
            return None
        # `May` is also a verb: only accept a month governed by a preposition or a modifier, or one that
        # modifies a noun after a determiner or possessive (`Indonesia's July exports`)
        before = text[max(0, s - 24):s].lower()
        modifier_m = re.search(
            r"\b(in|on|since|by|until|till|through|during|from|early|late|mid|last|this|next|of)"
            r"(?:[-\s]+(?:early|late|mid))?[-\s]+$", before)
        if modifier_m:
            modifier = modifier_m.group(1)
        elif re.search(r"(?:\b(?:the|its|their)|['’]s)\s+$", before) and re.match(r"\s+[a-z]", text[e:e + 3]):
            modifier = "the"
        else:
            return None
        month = MONTHS[m.group("month").lower()]
        year = _month_year(reference, month, modifier, future=future)
        if modifier == "since":
            return mention(Period(year, None), "open")
        if modifier in {"until", "till"}:
            return mention(Period(None, year), "until")
        return mention(Period(year, year), "relative")
    if name == "prior":
        # anchored to the text's own year in `find_periods` when it has one (`in 2023 ... the previous year`)
        return mention(_relative(reference, -1), "prior") if reference is not None else \
            PeriodMention(s, e, surface, Period(None, None), "prior", prep, -1)
    if name == "full_date":
        year = int(m.group("y1") or m.group("y2"))
        if prep in {"as of", "as at", "by", "at"}:
            return mention(Period(year, year), "by")
        if _RELEASE_BEFORE.search(text[max(0, s - 40):s]):
            return mention(Period(year, year), "release")
        return mention(Period(year, year), "day")
    if name == "relative_month":
        if reference is None:
            return None
        shift = {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
        month = reference.month + shift
        year = reference.year + (-1 if month < 1 else 1 if month > 12 else 0)
        return mention(Period(year, year), "relative")
    if name == "weekday":
        release = bool(_RELEASE_BEFORE.search(text[max(0, s - 40):s]))
        return mention(_relative(reference, 0), "release" if release else "day")
    if name == "now":
        return mention(_relative(reference, 0), "now")
    if name == "year":
        y = int(m.group("y"))
        if _is_price_base(text, s, e):
            return PeriodMention(s, e, surface, Period(y, y), "price_base", prep)
        before = text[max(0, s - 45):s]
        if _CITATION_AROUND.search(before) and re.match(r"\s*[a-z]?\s*[);,:]", text[e:e + 3]):
            return mention(Period(y, y), "citation")
        if _SINCE_FOUNDING.search(text[max(0, s - 60):s]):
            return mention(Period(y, None), "open")  # `Since its founding in 1995, ...`
        period, relation = _point(y, prep)
        return mention(period, relation)
    return None  # pragma: no cover - every detector is interpreted above


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


_CELL_NOISE = re.compile(r"[\s()\[\],.;:*]+|\b(?:planned|proposal|proposed|est|estimated|projected|projection"
                         r"|forecast|stage|approx|onwards?|budget|fy|year|years|e|p|f)\b", re.IGNORECASE)


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
    rest = text[:m.start] + " " + text[m.end:]
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


_CLAUSE_BREAK = re.compile(
    r""";|:\s|\s[–—-]\s|\bwhile\b|\bwhereas\b|,\s+(?:and|but|while|whereas|which|where|when)\b
      |,\s+[a-z]+ing\b          # a participle clause (`..., requiring $134.7 billion`)
      |\band\s*,                # `... and, in 2023, ...`: the next conjunct""", re.VERBOSE)
_WORD = re.compile(r"\w+")


_ADVERBIAL_AFTER = re.compile(r"\s*,")


def _attached_elsewhere(
    mention: PeriodMention, start: int, text: str, other_quantities: Sequence[tuple[int, int]],
    *, base_only: bool = False,
) -> bool:
    """A prepositional period right after another number (`$40 billion in 1990`) belongs to that number.
    With `base_only`, only when that number is a comparison base (`up from 64 in 2022`)."""
    for qs, qe in other_quantities:
        if qe <= mention.start and qs != start:
            gap = text[qe:mention.start]
            near = len(_WORD.findall(gap)) <= 3 and "," not in gap and ";" not in gap
            if near and (not base_only or _BASE_BEFORE.search(text[max(0, qs - 30):qs])):
                return True
    return False


_BASE_BEFORE = re.compile(
    r"""\b(?:from|than|compared\s+(?:with|to)|against|versus|vs\.?)\s+
    (?:(?:about|around|roughly|nearly|almost|some|approximately|just|only|a|an)\s+)?$""",
    re.VERBOSE | re.IGNORECASE)
"""Before a number that is the base of a comparison (`rose to 5.8% from 4.2% in April`)."""
_NEXT_CONJUNCT = re.compile(r"\b(?:and|but)\s*,\s*(?:(?:in|by|during|for|as\s+of)\s+)?$", re.IGNORECASE)


_BASELINE_GAP = re.compile(
    r"""^[\s,]*
    (?:(?:more|less|higher|lower|up|down|above|below|an?\s+increase|a\s+decrease)\s+)?
    (?:(?:from|than|against|versus|vs\.?|compared\s+(?:with|to)|relative\s+to|as\s+against)\s+   # from 2022
       (?:(?:that\s+)?(?:in|of|during)\s+)?
     | (?:over|on)\s+(?=the\s+(?:same|corresponding|comparable|previous|prior|revised|original|initial
                              |budgeted|year[-\s](?:earlier|ago)))
     | on\s+(?=$))                                   # `an increase of £550 million on 2023/24`
    (?:the\s+)?
    (?:(?:same|corresponding|comparable|previous|prior|revised|original|initial|budgeted|year[-\s]earlier
         |year[-\s]ago)\s+)?
    (?:(?:period|quarter|month|months|half|year|level|levels|figure|figures|estimates?|allocations?
         |budgets?|outturn)\s+)?
    (?:(?:in|of|during|last)\s+)?
    (?:the\s+)?(?:(?:fiscal\s+(?:year\s+)?|FY\s?))?$""", re.VERBOSE | re.IGNORECASE)
"""Between a change and a year: the year of the comparison base (`a decrease of 11% from 2022`, `6.2% over
the corresponding period in 2023`), never the period of the change itself."""
_BASELINE_BEFORE = re.compile(
    r"""\b(?:compared\s+(?:with|to)|relative\s+to|versus|vs\.?|against)\s+
    (?:(?:the\s+)?(?:same\s+)?(?:period|quarter|month|year)\s+(?:of|in)\s+)?(?:the\s+)?$""",
    re.VERBOSE | re.IGNORECASE)
_FROM_NUMBER = re.compile(r"\bfrom\s+(?:(?:about|around|some|nearly|just|only|over|a\s+record)\s+)?$",
                          re.IGNORECASE)
_TO_NUMBER = re.compile(r"\bto\s+(?:(?:about|around|some|nearly|just|only|a\s+record)\s+)?$", re.IGNORECASE)
_FROM_NUMBER_ANYWHERE = re.compile(r"\bfrom\s+(?:(?:about|around|some|nearly|over|a\s+record)\s+)?[$€£¥\d]",
                                   re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\b(?P<what>[^,;:.()]{0,45})$", re.IGNORECASE)
_TIME_WORDS = re.compile(r"\b(?:the|a|an|late|early|mid|end|start|beginning|middle|last|first|second|third"
                         r"|fourth|final|quarter|half|of|in|year|fiscal|this|next|same)\b|[-\s]",
                         re.IGNORECASE)
_TO_AFTER = re.compile(r"^[^,;:.()\d]{0,20}?\bto\b", re.IGNORECASE)
_BASE_WORD_BEFORE = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|against|over|on)\s+$", re.IGNORECASE)
_EVENT_CLAUSE_END = re.compile(
    r"""[,;:()\[\]–—]|\s-\s|\bbut\b|\bwhile\b
      |\band\s+(?:now|has|have|had|is|are|was|were|its|it|\w+ing|\w+ed)\b""", re.VERBOSE | re.IGNORECASE)
_NOT_FALLBACK = frozenset({"citation", "day", "release", "now", "prior"})
_DAY_COST = {"day": 6.0, "release": 9.0, "now": 3.0, "relative": 1.0, "prior": 1.0}
_NAME_AFTER = re.compile(r"^\s+(?:[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*")
UNUSABLE = frozenset({"price_base", "comparison"})
"""Relations that never give a value its period."""


def usable(mention: PeriodMention, start: int, end: int, text: str) -> bool:
    """Can this mention date the number at text[start:end] at all?

    Not: price bases and comparisons (`the highest since 2015`); the base year of a change (`up 11% from
    2022`); the year of a founding or creation (`established in 2005`) unless the number sits in that
    clause (`founded in 1967 by five countries`).

    >>> t = "The EAS, established in 2005 and comprising 19 participants, met."
    >>> usable(find_periods(t)[0], 44, 46, t)
    False
    >>> t = "ASEAN was founded in 1967 by five countries."
    >>> usable(find_periods(t)[0], 31, 35, t)
    True
    """
    if mention.relation in UNUSABLE:
        return False
    if mention.relation == "prior" \
            and _BASE_WORD_BEFORE.search(text[max(0, mention.start - 15):mention.start]):
        return False  # `rose 5% from a year earlier`: the base of a comparison
    if mention.start >= end and _BASELINE_GAP.match(text[end:mention.start]):
        return False
    if mention.end <= start and _BASELINE_BEFORE.search(text[max(0, mention.start - 50):mention.start]):
        return False
    origin = _FROM_BEFORE.search(text[max(0, mention.start - 50):mention.start])
    if mention.end <= start and origin and _TO_AFTER.match(text[mention.end:start]) \
            and _TIME_WORDS.sub(" ", origin.group("what")).strip():
        return False  # `from the crisis of the late 1990s to become a $4.81 trillion economy`: the origin
    if mention.event >= 0:
        return mention.event < start and not _EVENT_CLAUSE_END.search(text[mention.event:start])
    return True


def choose_period(
    mentions: Sequence[PeriodMention],
    start: int,
    end: int,
    text: str,
    *,
    other_quantities: Sequence[tuple[int, int]] = (),
    max_cost: float = 30.0,
    fallback: bool = True,
) -> PeriodMention | None:
    """The period mention that governs the number at text[start:end]: the nearest one in the same clause.

    Costs add the words between number and period, clause breaks and commas crossed, a period that sits
    beside another number, a period without a governing preposition, author-year citations, and relative
    days (`on Thursday`; a release day, `data showed on Thursday`, costs most). Mentions that cannot date the
    number (`usable`) are skipped. With `fallback`, a number too far from every mention still takes the
    sentence's period when all its usable mentions name one and the same period. A plain year chosen
    while the sentence names the same year as a fiscal year (`Budget 2024 ... for FY2024`) is the fiscal one.

    >>> text = "Trade jumped from $40 billion in 1990 to $120 billion by the year 2000."
    >>> ms = find_periods(text)
    >>> choose_period(ms, 18, 29, text, other_quantities=[(41, 53)]).surface
    '1990'
    >>> choose_period(ms, 41, 53, text, other_quantities=[(18, 29)]).surface
    '2000'
    """
    best: tuple[float, PeriodMention] | None = None
    candidates = [m for m in mentions if usable(m, start, end, text)
                  and not (m.preposition
                           and _attached_elsewhere(m, start, text, other_quantities, base_only=True))
                  and not (m.start >= end and _NEXT_CONJUNCT.search(text[max(0, m.start - 20):m.start])
                           and _ADVERBIAL_AFTER.match(text[m.end:m.end + 3]))]
    for mention in candidates:
        if mention.end <= start:
            gap_start, gap_end, after = mention.end, start, False
        elif mention.start >= end:
            gap_start, gap_end, after = end, mention.start, True
        else:
            continue  # overlaps the number itself
        gap = text[gap_start:gap_end]
        cost = float(len(_WORD.findall(gap)))
        if after and mention.preposition:
            cost -= 1.0  # the period's own preposition (`over 2021-2030`) is not a word between them
        cost += 4.0 * gap.count(";")  # independent clauses: a semicolon weighs double
        if not after and not _ADVERBIAL_AFTER.match(text[mention.end:mention.end + 3]) and mention.start > 12:
            cost += 2.0  # a period before the number governs it as a fronted adverbial ("In 2023, ...")
        cost += 4.0 * len(_CLAUSE_BREAK.findall(gap))
        cost += 1.0 * gap.count(",")
        if gap.count("(") != gap.count(")"):
            cost += 2.0
        if any(gap_start <= qs and qe <= gap_end for qs, qe in other_quantities):
            cost += 6.0
        elif mention.preposition and _attached_elsewhere(mention, start, text, other_quantities):
            cost += 5.0
        if not mention.preposition and mention.relation in {"point", "citation"}:
            cost += 2.0
        if mention.relation == "citation":
            cost += 3.0
        if not mention.preposition \
                and _DETERMINER_BEFORE.search(text[max(0, mention.start - 8):mention.start]) \
                and _NAME_AFTER.match(text[mention.end:mention.end + 40]):
            cost += 3.0  # a year in a name (`the 2022 Defense White Paper`) dates the document, weakly
        cost += _DAY_COST.get(mention.relation, 0.0)
        if cost > max_cost:
            continue
        if best is None or cost < best[0]:
            best = (cost, mention)
    chosen = best[1] if best is not None else None
    if chosen is None and fallback:
        # within the number's part of the sentence (`;` and `:` end it), not a year that sits beside another
        # number (`up from 64 in 2022`)
        left = max(text.rfind(";", 0, start), text.rfind(":", 0, start))
        right = min((k for k in (text.find(";", end), text.find(":", end)) if k >= 0), default=len(text))
        periods = {m.period for m in candidates if m.relation not in _NOT_FALLBACK
                   and left < m.start and m.end <= right and not (m.start < end and start < m.end)}
        if len(periods) == 1:
            chosen = next(m for m in candidates if m.period in periods and left < m.start and m.end <= right)
    if chosen is not None and chosen.relation in {"range", "open"} and chosen.period.start is not None \
            and not (chosen.start >= end):
        # `Between 2015 and 2023, visitors fell from 7.9 million to 3.5 million`: each end has its year
        if _FROM_NUMBER.search(text[max(0, start - 30):start]) \
                and re.match(r"[^,;.]{0,30}?\bto\b", text[end:]):
            return dataclasses.replace(chosen, period=Period(chosen.period.start, chosen.period.start,
                                                             chosen.period.fiscal))
        if chosen.period.end is not None \
                and _TO_NUMBER.search(text[max(0, start - 30):start]) \
                and _FROM_NUMBER_ANYWHERE.search(text[chosen.end:start]):
            return dataclasses.replace(chosen, period=Period(chosen.period.end, chosen.period.end,
                                                             chosen.period.fiscal))
    if chosen is not None and not chosen.period.fiscal:
        for m in candidates:
            if m.period.fiscal and (m.period.start, m.period.end) == (chosen.period.start, chosen.period.end):
                return dataclasses.replace(chosen, period=m.period)
    return chosen
