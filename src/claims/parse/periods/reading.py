"""What the period rules read around one detector match: the `Reading` of a match in its text, and the
small helpers the rules share (the governing preposition, a short second year, a month's year before or
after the reference date, a founding verb's clause, a price base)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims.parse.periods.mentions import MAX_YEAR, MIN_YEAR, Period, PeriodMention
from claims.parse.periods.patterns import (
    DETERMINER_BEFORE,
    EVENT_VERB,
    NUMBER_WORDS,
    PREPOSITION_BEFORE,
    PRICE_BASE_AFTER,
    SUPERLATIVE_SINCE,
    TEMPORAL_CLAUSE,
    WORD_AFTER,
)


def second_year(y1: int, token: str) -> int | None:
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


def governing_preposition(text: str, start: int, end: int | None = None) -> str:
    if (
        end is not None
        and DETERMINER_BEFORE.search(text[max(0, start - 8) : start])
        and WORD_AFTER.match(text[end : end + 3])
    ):
        return ""  # `through the 2023 Comprehensive Strategic Partnership`: the year modifies a name
    m = PREPOSITION_BEFORE.search(text[max(0, start - 60) : start])
    if not m:
        return ""
    return " ".join(m.group("prep").lower().split())


def is_price_base(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 25) : start]
    if re.search(r"\bconstant\s*\(?\s*$", before, re.IGNORECASE):
        return True
    return bool(PRICE_BASE_AFTER.match(text[end : end + 20])) and bool(
        re.search(r"\b(?:in|constant|real)\s+$", before, re.IGNORECASE)
    )


def point_period(year: int, prep: str, fiscal: bool = False) -> tuple[Period, str]:
    """The period and relation of one year after its preposition: `since 2000` is open, `until 2030` ends
    there, `by 2024` is the value as of that year, `in 2024` the year."""
    prefix = "FY" if fiscal else ""
    if prep == "since" or prep == "from":
        return Period(year, None, fiscal, "span", f"{prefix}{year}/.."), "open"
    if prep in {"until", "till", "through"}:
        return Period(None, year, fiscal, "span", f"../{prefix}{year}"), "until"
    if prep in {"by", "as of", "as at"}:
        return Period.year(year, fiscal=fiscal), "by"
    return Period.year(year, fiscal=fiscal), "point"


def relative_period(reference: dt.date | None, offset: int, fiscal: bool = False) -> Period | None:
    """The year `offset` years from the reference date's, None without a reference."""
    if reference is None:
        return None
    return Period.year(reference.year + offset, fiscal=fiscal)


def month_year(reference: dt.date, month: int, modifier: str, *, future: bool = False) -> int:
    """The year of a yearless month: the last one on or before the reference date (`in December` in a text
    of January 2024 is December 2023), the next one for `next` and in future statements."""
    if modifier == "last":
        return reference.year if month < reference.month else reference.year - 1
    if modifier == "next":
        return reference.year if month > reference.month else reference.year + 1
    if modifier == "this" or future:
        return reference.year
    return reference.year - 1 if month > reference.month else reference.year


def event_start(text: str, start: int) -> int:
    """Offset of a founding/creation verb governing the year at `start` (`established in 2005`), else -1.
    A temporal clause (`When the plan was unveiled in 2016, ...`) dates its main clause: not an event."""
    before = text[max(0, start - 70) : start]
    m = EVENT_VERB.search(before)
    if m is None or len(m.group("mid").split()) > 6:
        return -1
    verb_at = max(0, start - 70) + m.start("verb")
    if TEMPORAL_CLAUSE.search(text[max(0, verb_at - 60) : verb_at]):
        return -1
    return verb_at


@dataclass(frozen=True, slots=True)
class Reading:
    """One detector match read in its text."""

    m: re.Match[str]
    text: str
    reference: dt.date | None
    future: bool  # the text speaks of the future (`will open in October`)
    prep: str  # the governing preposition before the match (`in`, `by`, `since`), lower case

    @property
    def start(self) -> int:
        return self.m.start()

    @property
    def end(self) -> int:
        return self.m.end()

    def mention(self, period: Period | None, relation: str) -> PeriodMention | None:
        """The mention of this match, or None when its years are out of range or reversed; `since` after a
        superlative (`the highest since 2015`) is a comparison."""
        if period is None:
            return None
        for y in (period.start, period.end):
            if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
                return None
        if period.start is not None and period.end is not None and period.start > period.end:
            return None
        s, e, text = self.start, self.end, self.text
        if self.prep == "since" and SUPERLATIVE_SINCE.search(text[max(0, s - 60) : s]):
            relation = "comparison"
        return PeriodMention(s, e, text[s:e], period, relation, self.prep, event_start(text, s))

    def raw(self, period: Period, relation: str, **fields: int | bool) -> PeriodMention:
        """A mention kept as it is (a price base, a year to anchor later), without the range checks."""
        s, e = self.start, self.end
        return PeriodMention(s, e, self.text[s:e], period, relation, self.prep, **fields)  # type: ignore[arg-type]


def count_word(token: str) -> int:
    """`3` -> 3, `three` -> 3, `a` -> 1."""
    token = token.lower()
    return int(token) if token.isdigit() else NUMBER_WORDS[token]
