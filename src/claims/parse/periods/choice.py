"""Which period governs a number: mentions usable for it (not a price base, a comparison baseline or an
event's date) and the rules that pick the nearest attached one."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from claims.parse.periods.mentions import Period, PeriodMention
from claims.parse.periods.patterns import _DETERMINER_BEFORE

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

    >>> from claims.parse.periods import find_periods
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

    >>> from claims.parse.periods import find_periods
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
