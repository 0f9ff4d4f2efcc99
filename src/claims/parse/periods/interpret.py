"""Turn one detector match into a `PeriodMention`: its years, its relation to the number (`by`, `since`,
`until` ...), relative dates resolved against a reference date, price bases and citations set apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from claims.lexicon.periods import MONTHS, ORDINAL_PARTS, RELATIVE_YEAR_OFFSETS
from claims.parse.periods.mentions import MAX_YEAR, MIN_YEAR, Period, PeriodMention
from claims.parse.periods.patterns import (
    _CITATION_AROUND,
    _DETERMINER_BEFORE,
    _EVENT_VERB,
    _FUTURE,
    _NUMBER_WORDS,
    _PREPOSITION_BEFORE,
    _PRICE_BASE_AFTER,
    _RELEASE_BEFORE,
    _SINCE_FOUNDING,
    _SUPERLATIVE_SINCE,
    _TEMPORAL_CLAUSE,
    _WORD_AFTER,
)


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


def _preposition(text: str, start: int, end: int | None = None) -> str:
    if (
        end is not None
        and _DETERMINER_BEFORE.search(text[max(0, start - 8) : start])
        and _WORD_AFTER.match(text[end : end + 3])
    ):
        return ""  # `through the 2023 Comprehensive Strategic Partnership`: the year modifies a name
    m = _PREPOSITION_BEFORE.search(text[max(0, start - 60) : start])
    if not m:
        return ""
    return " ".join(m.group("prep").lower().split())


def _is_price_base(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 25) : start]
    if re.search(r"\bconstant\s*\(?\s*$", before, re.IGNORECASE):
        return True
    return bool(_PRICE_BASE_AFTER.match(text[end : end + 20])) and bool(
        re.search(r"\b(?:in|constant|real)\s+$", before, re.IGNORECASE)
    )


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
    before = text[max(0, start - 70) : start]
    m = _EVENT_VERB.search(before)
    if m is None or len(m.group("mid").split()) > 6:
        return -1
    verb_at = max(0, start - 70) + m.start("verb")
    if _TEMPORAL_CLAUSE.search(text[max(0, verb_at - 60) : verb_at]):
        return -1
    return verb_at


def _interpret(
    name: str, m: re.Match[str], text: str, reference: dt.date | None, *, future: bool | None = None
) -> PeriodMention | None:
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
        if prep == "since" and _SUPERLATIVE_SINCE.search(text[max(0, start - 60) : start]):
            relation = "comparison"
        return PeriodMention(start, end, text[start:end], period, relation, prep, _event_start(text, start))

    if future is None:
        future = bool(_FUTURE.search(text))  # read once per text by `find_periods`
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
        if reference is None:
            # anchored to the text's own year in `find_periods` (`in the 2025 survey, ... 58.9 a year ago`)
            return PeriodMention(s, e, surface, Period(None, None), "prior", prep, -1, shift=-count)
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
        before = text[max(0, s - 24) : s].lower()
        modifier_m = re.search(
            r"\b(in|on|since|by|until|till|through|during|from|early|late|mid|last|this|next|of)"
            r"(?:[-\s]+(?:early|late|mid))?[-\s]+$",
            before,
        )
        if modifier_m:
            modifier = modifier_m.group(1)
        elif re.search(r"(?:\b(?:the|its|their)|['’]s)\s+$", before) and re.match(
            r"\s+[a-z]", text[e : e + 3]
        ):
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
        # anchored to the text's own year in `find_periods` when it has one (`in 2023 ... the previous year`);
        # a month, quarter or week before stays in the anchor's year
        unit = (m.group("u1") or m.group("u2") or m.group("u3")).lower()
        if reference is None:
            shift = -1 if unit == "year" else 0
            return PeriodMention(s, e, surface, Period(None, None), "prior", prep, -1, shift=shift)
        back = {"year": 366, "quarter": 92, "month": 31, "week": 7}[unit]
        year = (reference - dt.timedelta(days=back)).year if unit != "year" else reference.year - 1
        found = mention(Period(year, year), "prior")
        return dataclasses.replace(found, shift=-(unit == "year")) if found is not None else None
    if name == "full_date":
        year = int(m.group("y1") or m.group("y2"))
        if prep in {"as of", "as at", "by", "at"}:
            return mention(Period(year, year), "by")
        if _RELEASE_BEFORE.search(text[max(0, s - 40) : s]):
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
        release = bool(_RELEASE_BEFORE.search(text[max(0, s - 40) : s]))
        return mention(_relative(reference, 0), "release" if release else "day")
    if name == "now":
        return mention(_relative(reference, 0), "now")
    if name == "year":
        y = int(m.group("y"))
        if _is_price_base(text, s, e):
            return PeriodMention(s, e, surface, Period(y, y), "price_base", prep)
        before = text[max(0, s - 45) : s]
        if _CITATION_AROUND.search(before) and re.match(r"\s*[a-z]?\s*[);,:]", text[e : e + 3]):
            return mention(Period(y, y), "citation")
        if _SINCE_FOUNDING.search(text[max(0, s - 60) : s]):
            return mention(Period(y, None), "open")  # `Since its founding in 1995, ...`
        period, relation = _point(y, prep)
        return mention(period, relation)
    return None  # pragma: no cover - every detector is interpreted above
