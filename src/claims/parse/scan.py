"""Find and parse every quantity mention in plain text (no spaCy needed).

`scan(text)` returns `Candidate`s with character offsets into `text`. It reads number cores (digits,
number words, fractions, vague plurals), attaches what is written around them (currency before or after,
scale words, percent, units, multipliers, hedges), joins ranges, and drops numbers that are not
quantities (years, dates, numbering, names, footnote markers, addresses, codes). The spaCy layer
(`claims.nlp.quantities`) refines counts with the parser when one is loaded.

>>> text = "over \\\\$40 million"
>>> [(c.surface(text), c.value, c.unit, c.qualifier.value) for c in scan(text)]
[('$40 million', Decimal('40000000'), 'USD', 'over')]
>>> [(c.value, c.unit, c.counted) for c in scan("Six used patrol vessels were provided in 2016.")]
[(Decimal('6'), 'count', 'used patrol vessels')]
>>> scan("In 2024, Chapter 4 of the G7 report cited Vientiane Vision 2.0.")
[]
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claims.lexicon.context import (
    FUNCTION_WORDS,
    MONEY_CUES,
    MONTHS,
)
from claims.lexicon.currencies import SUBUNIT_NAMES
from claims.lexicon.numbers import (
    FRACTION_DENOMINATORS,
    ONE_NOT_COUNTS,
)
from claims.lexicon.units import GLUED_NAME_UNITS, PERCENT, PERCENTAGE_POINT, POINT, SCALE_LEVEL_WORDS
from claims.parse.around import (
    change_before,
    next_noun,
    partitive_noun,
    scaled_kind,
    table_cell,
    vague_noun,
    word_before,
)
from claims.parse.candidates import COUNT, ONE, Atom, Candidate
from claims.parse.money import currency_code
from claims.parse.nonclaims import (
    is_name_context,
    is_year,
    names_a_model,
    quantity_drop_reason,
    title_noun_after_word_number,
)
from claims.parse.numbers import (
    stated_precision,
)
from claims.parse.patterns import (
    CORE,
    RANGE_SEPARATOR,
    blocked_pattern,
)
from claims.parse.reading import read_atom
from claims.parse.units import parse_unit
from claims.types import UNKNOWN_CURRENCY, Kind, Qualifier

logger = logging.getLogger(__name__)

__all__ = ["COUNT", "MAX_TEXT", "Candidate", "noun_from_previous", "scan"]

MAX_TEXT = 50_000_000  # longer inputs are scanned in full but logged; nothing is silently cut

_FIXED_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u202f", " "))
"""No-break, figure, thin and narrow no-break spaces, read as a space: web pages write "12,5\u202f%",
"$\u00a05 billion", "3\u00a0million". One character for one, so every offset stays the text's own."""


# --------------------------------------------------------------------------------------------------
# public API


def scan(text: str, *, keep_bare: bool = False, general: bool = False) -> list[Candidate]:
    """All quantity candidates in `text`, sorted by start. Never raises on any string input.

    With `keep_bare`, bare numbers in running text (no unit, no noun after them, not a year, name or
    numbering) are returned too, flagged `bare=True`, for a parser to judge ("building four in Japan").
    With `general`, quantity mentions that are no claim are returned too, each with its `reason`
    (a number inside a name like "5G", a one-word count like "one solution").

    >>> [(c.surface(t), c.reason) for t in ["5G phones for one family"] for c in scan(t, general=True)]
    [('5G', 'name'), ('one', 'one_word_count')]
    """
    if not isinstance(text, str) or not text:
        return []
    if len(text) > MAX_TEXT:
        logger.warning("scanning a very long text (%d characters)", len(text))
    text = text.translate(_FIXED_SPACES)
    atoms = _read_atoms(text)
    out: list[Candidate] = []
    others: list[Candidate] = []  # mentions that are no claim (`reason` set): returned only when general
    inherited: set[int] = set()  # indexes in `out` of values that took their unit from the one before
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        taken = _read_pair(text, atom, atoms[i + 1], keep_bare) if i + 1 < len(atoms) else None
        if taken is not None:
            found, used = taken
            for paired in found:
                _keep(paired, out, others, general)
            i += used
            continue
        candidate = _classify(text, atom, keep_bare=keep_bare)
        if candidate is not None and candidate.reason is not None:
            _keep(candidate, out, others, general)
            i += 1
            continue
        uncounted = candidate is not None and candidate.kind is Kind.COUNT and not candidate.counted
        if (candidate is None or candidate.bare or uncounted) and out:
            compared = _compared_value(text, atom, out[-1], chained=len(out) - 1 in inherited)
            if compared is not None:
                inherited.add(len(out))
                candidate = compared
        if general and (candidate is None or candidate.bare) and i + 1 < len(atoms):
            movement = _unitless_movement(text, atom, atoms[i + 1])
            if movement is not None:
                others.append(movement)
                i += 2
                continue
        if candidate is not None:
            out.append(candidate)
        i += 1
    out = noun_from_previous(text, _currency_from_next(text, out))
    if others:
        out.extend(others)
    out.sort(key=lambda c: (c.start, c.end))
    return _drop_overlaps(out)


def _read_atoms(text: str) -> list[Atom]:
    """Every number of `text` read with what is written around it, outside the blocked regions."""
    blocked = _Blocked(text)
    atoms: list[Atom] = []
    for m in CORE.finditer(text):
        if blocked.overlaps(m.start(), m.end()):
            continue
        atom = read_atom(text, m)
        if atom is not None and not blocked.overlaps(atom.start, atom.end):
            atoms.append(atom)
    return atoms


def _keep(candidate: Candidate, out: list[Candidate], others: list[Candidate], general: bool) -> None:
    """A claim goes to `out`; a mention that is no claim (its `reason` set) to `others`, only when general."""
    if candidate.reason is None:
        out.append(candidate)
    elif general:
        others.append(candidate)


# --------------------------------------------------------------------------------------------------
# two numbers read as one mention: each pair rule returns the candidates it makes of `a` (and `b`) and how
# many of the two it used, or None when the pair is not of its kind; the first rule that answers wins

PairReading = tuple[list[Candidate], int]


def _dimension_pair(text: str, a: Atom, b: Atom, keep_bare: bool) -> PairReading | None:
    """ "1080x2400 pixels", "a 20 x 8 foot room": two dimensions.

    >>> [(c.surface(t), c.unit) for t in ['a 1080x2400 pixels screen'] for c in scan(t)]
    [('1080', 'count'), ('2400', 'count')]
    """
    if not (
        ("dimension" in a.flags and b.start == a.end + 1)
        or (not a.attached and text[a.end : b.start] in (" x ", " × "))
    ):
        return None
    pair = _dimensions(text, a, b, keep_bare=keep_bare)
    return (pair, 2) if pair else None


def _ratio_pair(text: str, a: Atom, b: Atom, keep_bare: bool) -> PairReading | None:
    """ "one in three adults", "9 out of 10 doctors": one share.

    >>> [(c.surface(t), c.unit) for t in ['One in three adults smoke.'] for c in scan(t)]
    [('One in three', 'percent')]
    """
    ratio = _ratio(text, a, b)
    return ([ratio], 2) if ratio is not None else None


def _suspended_pair(text: str, a: Atom, b: Atom, keep_bare: bool) -> PairReading | None:
    """ "a 7- or 8-inch screen": the first number takes the unit of the second (read on its own next).

    >>> [(c.surface(t), c.unit) for t in ['on a 7- or 8-inch screen'] for c in scan(t)]
    [('7', 'inch'), ('8-inch', 'inch')]
    """
    suspended = _suspended_hyphen(text, a, b, keep_bare=keep_bare)
    return ([suspended], 1) if suspended is not None else None


def _range_pair(text: str, a: Atom, b: Atom, keep_bare: bool) -> PairReading | None:
    """ "$30-34.6 million", "30-40 years": one range; "2019-2020" is a period, no quantity.

    >>> [(c.surface(t), c.unit) for t in ['costs $30-34.6 million'] for c in scan(t)]
    [('$30-34.6 million', 'USD')]
    """
    joined = _join_range(text, a, b)
    if joined == "period":
        return ([], 2)
    return ([joined], 2) if isinstance(joined, Candidate) else None


def _compound_scale_pair(text: str, a: Atom, b: Atom, keep_bare: bool) -> PairReading | None:
    """ "¥4 trillion 944.9 billion yen": one amount written in two scales, the larger first.

    >>> [(c.surface(t), c.value, c.unit) for t in ["Net income was ¥4 trillion 944.9 billion yen."]
    ...  for c in scan(t)]
    [('¥4 trillion 944.9 billion yen', Decimal('4944900000000.0'), 'JPY')]
    """
    if a.factor is None or b.factor is None or not a.factor > b.factor or a.negative or b.negative:
        return None
    if text[a.end : b.start] not in (" ", " and ") or not (0 < b.base < a.factor / b.factor):
        return None
    if a.base != a.base.to_integral_value() or (a.currency and b.currency and a.currency != b.currency):
        return None
    if a.unit or (a.currency is None and b.currency is None):
        return None  # money only: "2 million 300 thousand members" is left to the general rules
    if b.currency is None:  # "$3 billion 200 million": the currency written once, before the first scale
        b = dataclasses.replace(b, currency=a.currency, flags=set(b.flags))
    second = _classify(text, b, keep_bare=keep_bare)
    if second is None or second.reason is not None or second.kind is not Kind.MONEY:
        return None
    return ([dataclasses.replace(second, start=a.start, value=a.scaled + b.scaled)], 2)


PAIR_RULES: tuple[Callable[[str, Atom, Atom, bool], PairReading | None], ...] = (
    _compound_scale_pair,
    _dimension_pair,
    _ratio_pair,
    _suspended_pair,
    _range_pair,
)


def _read_pair(text: str, a: Atom, b: Atom, keep_bare: bool) -> PairReading | None:
    """The first of PAIR_RULES that reads `a` and `b` together."""
    for rule in PAIR_RULES:
        reading = rule(text, a, b, keep_bare)
        if reading is not None:
            return reading
    return None


# --------------------------------------------------------------------------------------------------
# regions where no number is a quantity


class _Blocked:
    """Regions (URLs, DOIs, ISBNs, phone numbers, clock times...) in which no number is a quantity."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in blocked_pattern(text).finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


# --------------------------------------------------------------------------------------------------
# ranges


# Each refusal says a pair joined by a range separator is no range; `word` is the separator, `left` the text
# just before the first number.
RangeRefusal = Callable[[str, Atom, Atom, str, str], bool]


def _and_without_between(text: str, a: Atom, b: Atom, word: str, left: str) -> bool:
    """ "5 and 10" is a range only after "between".

    >>> [(c.surface(t), c.unit) for t in ['between 5 and 10 vessels'] for c in scan(t)]
    [('5 and 10', 'count')]
    """
    return word == "and" and not left.endswith("between")


def _changed_to_level(text: str, a: Atom, b: Atom, word: str, left: str) -> bool:
    """ "rose 5% to 10%", "jumped $4.50 to $38.20": a change and a level ("go 0 to 60": a span).

    >>> [(c.surface(t), c.unit) for t in ['exports rose 5% to 10%'] for c in scan(t)]
    [('5%', 'percent'), ('10%', 'percent')]
    """
    return word == "to" and a.base != 0 and change_before(text, a.cue_start, words=1)


def _start_and_end(text: str, a: Atom, b: Atom, word: str, left: str) -> bool:
    """ "rose from 5% to 10%", "fell by €3m to €20m": start and end, or change and level.

    >>> [(c.surface(t), c.unit) for t in ['prices rose from 5% to 10%'] for c in scan(t)]
    [('5%', 'percent'), ('10%', 'percent')]
    """
    return word == "to" and left.endswith(("from", " by")) and _from_by_two_values(text, a, b, left)


def _different_units(text: str, a: Atom, b: Atom, word: str, left: str) -> bool:
    """Two units or two currencies, or a unit on the first bound only ("5% - 10 vessels").

    >>> [(c.surface(t), c.unit) for t in ['rates of 5% - 10 vessels'] for c in scan(t)]
    [('5%', 'percent'), ('10', 'count')]
    """
    return (
        (a.unit is not None and b.unit is not None and a.unit != b.unit)
        or (a.currency is not None and b.currency is not None and a.currency != b.currency)
        or (a.unit is not None and b.unit is None)
    )


_DATING_BEFORE = re.compile(
    r"\b(?:in|of|since|during|for|q[1-4]|h[12]|fy|fiscal|year|quarter|half|"
    + "|".join(sorted({re.escape(m.rstrip(".")) for m in MONTHS}, key=len, reverse=True))
    + r")\.?$"
)
"""The word before a year that dates the figure before it ("in 2023", "in Q4 2023", "in March 2023")."""


def _year_then_amount(text: str, a: Atom, b: Atom, word: str, left: str) -> bool:
    """A bare year before an amount ("from $22.3 billion in 2023 to $24.7 billion"): the year dates the
    figure before it; the amount after "to" is the level reached, no upper bound of a range.

    >>> [(c.surface(t), c.unit) for t in ['from $22.3 billion in 2023 to $24.7 billion'] for c in scan(t)]
    [('$22.3 billion', 'USD'), ('$24.7 billion', 'USD')]
    >>> [(c.surface(t), c.unit) for t in ['needs about 2000 - 2500 calories'] for c in scan(t)]
    [('2000 - 2500 calories', 'calorie')]
    """
    return word == "to" and is_year(a) and bool(_DATING_BEFORE.search(left)) and not a.attached and b.attached


def _both_negative(text: str, a: Atom, b: Atom, word: str, left: str) -> bool:
    """ "-5 to -10": two signed values, not a range we read."""
    return a.negative and b.negative


RANGE_REFUSALS: tuple[RangeRefusal, ...] = (
    _and_without_between,
    _changed_to_level,
    _start_and_end,
    _different_units,
    _year_then_amount,
    _both_negative,
)


def _range_bounds(a: Atom, b: Atom) -> tuple[Decimal, Decimal, Decimal, Decimal, bool] | None:
    """Low and high bound, the scale each was read at and whether the range was written downwards."""
    factor_b = b.factor or ONE
    # "$30-34.6 million": the first bound takes the scale of the second, unless it is already the larger
    # number ("$800,000 to $1.3 million", "$200 to $4 million": the first bound is written in full)
    factor_a = a.factor or (b.factor if b.factor is not None and a.base <= b.base else None) or ONE
    # "between 110 and 100 million years ago": a first bound of the same magnitude, written downwards
    descending = a.factor is None and b.factor is not None and b.base < a.base < 1000 and a.base < 10 * b.base
    if descending:
        factor_a = factor_b
    low = a.base * factor_a * (-1 if a.negative else 1)
    high = b.base * factor_b * (-1 if b.negative else 1)
    if low > high and not descending:
        return None
    if descending:
        low, high = high, low
    return low, high, factor_a, factor_b, descending


def _join_range(text: str, a: Atom, b: Atom) -> Candidate | str | None:
    """`a` and `b` as one range ("$30-34.6 million", "30-40 years"); "period" for year ranges."""
    sep = text[a.end : b.start]
    if not RANGE_SEPARATOR.match(sep):
        return None
    if a.form not in ("digits", "words") or b.form not in ("digits", "words"):
        return None  # "seven to 10 years", "five per cent to 20 per cent" mix words and digits
    if "glued_name" in a.flags or "glued_name" in b.flags:
        return None
    if is_year(a) and (is_year(b) or (b.form == "digits" and len(b.num_text) <= 2 and not b.attached)):
        return "period"
    word = sep.strip()
    left = text[max(0, a.cue_start - 12) : a.cue_start].lower().rstrip()
    if any(refusal(text, a, b, word, left) for refusal in RANGE_REFUSALS):
        return None
    bounds = _range_bounds(a, b)
    if bounds is None:
        return None
    low, high, factor_a, factor_b, descending = bounds
    unit = b.unit or a.unit
    kind = b.kind or a.kind
    currency = a.currency or b.currency
    if currency:
        unit, kind = currency, Kind.MONEY
    precision = max(
        stated_precision(a.num_text, factor_a) or Decimal(0),
        stated_precision(b.num_text, factor_b) or Decimal(0),
    )
    qualifier = a.qualifier if a.qualifier is not Qualifier.EXACT else Qualifier.EXACT
    base = Candidate(
        form="descending" if descending else "",
        subunit=subunit_of(text, b),
        start=a.start,
        end=b.end,
        value=None,
        low=low,
        high=high,
        unit=unit,
        kind=kind or Kind.OTHER,
        qualifier=qualifier,
        precision=precision,
        integral=a.base == a.base.to_integral_value() and b.base == b.base.to_integral_value(),
    )
    return base if kind is not None else _bare_range(text, a, b, base)


def _bare_range(text: str, a: Atom, b: Atom, base: Candidate) -> Candidate | str | None:
    """A range with no unit: an age after an age cue, a count when a noun follows, a table cell, else
    nothing ("period" after a name: "Windows 7-10")."""
    if base.integral and b.base <= 120 and _AGE_CUE.search(text, max(0, a.cue_start - 24), a.cue_start):
        return _replace(base, unit="year", kind=Kind.MEASURE, reason="age")  # "aged 18 to 34"
    noun = next_noun(text, b.end, in_table=table_cell(text, a.start, b.end) is not None)
    if noun is not None and (base.integral or b.factor is not None) and not is_name_context(text, a):
        return _replace(base, unit=COUNT, kind=Kind.COUNT, counted=noun[0], noun_start=noun[1])
    if b.factor is not None and not is_name_context(text, a):
        # "10–12 million by 2050": a scaled range without a noun, read like a single scaled amount
        scaled = scaled_kind(text, b)
        if scaled is Kind.MONEY:
            return _replace(base, unit=UNKNOWN_CURRENCY, kind=Kind.MONEY, currency_missing=True)
        if scaled is Kind.COUNT:
            return _replace(base, unit=COUNT, kind=Kind.COUNT)
        return base
    if table_cell(text, a.start, b.end) == (a.start, b.end):
        return _replace(base, table_cell=True)
    return "period" if is_name_context(text, a) else None


# Between the two numbers of a ratio ("one in three", "9 out of 10") and what may follow the second.
_RATIO_GAP = re.compile(r"[ ](?:in|out[ ]of)[ ]\Z")
_RATIO_TAIL = re.compile(r"[ ](?:of[ ])?(?:the[ ]|all[ ]|its[ ]|their[ ])?(?P<word>[A-Za-z][a-z]+)")
_RATIO_NOUNS = frozenset({"chance", "odds", "risk", "probability"})


def _ratio(text: str, a: Atom, b: Atom) -> Candidate | None:
    """ "one in three adults", "9 out of 10 doctors", "a 1 in 1000 chance": a share, in percent.

    >>> [(c.surface(t), round(c.value, 2), c.unit) for t in ["One in three adults smoke."] for c in scan(t)]
    [('One in three', Decimal('33.33'), 'percent')]
    >>> [c.surface(t) for t in ["She scored 2 in 12 games in 2019."] for c in scan(t)]
    ['12']
    """
    if text[a.end : a.end + 4] not in (" in ", " out"):  # a quick test first
        return None
    if a.form not in ("digits", "words") or b.form not in ("digits", "words") or a.attached or b.attached:
        return None
    gap = text[a.end : b.start]
    if not _RATIO_GAP.fullmatch(gap) or not (0 < a.base < b.base) or b.base > 1_000_000:
        return None
    if a.base != a.base.to_integral_value() or b.base != b.base.to_integral_value() or is_year(b):
        return None
    tail = _RATIO_TAIL.match(text, b.end)
    if tail is None or (tail["word"].lower() in FUNCTION_WORDS and tail["word"].lower() != "chance"):
        return None  # "2 in 12 games" counts games; "one in three" needs a noun after: "adults", "chance"
    if gap.strip() == "in" and next_noun(text, a.end) is not None:
        return None
    if parse_unit(tail["word"]) is not None or tail["word"].lower() in MONTHS:
        return None  # "5 in 10 minutes", "2 in 12 May"
    if (a.form == "digits") != (b.form == "digits") and not (
        a.form == "words" and (a.base == 1 or b.base in (10, 100, 1000))  # "nine in 10 Americans"
    ):
        return None
    if (
        a.form == "digits"
        and a.base != 1
        and gap.strip() == "in"
        and tail["word"].lower() not in _RATIO_NOUNS
    ):
        return None  # "scored 2 in 12 games": goals in games, not a share ("1 in 10 adults" is one)
    share = a.base / b.base * 100
    return Candidate(
        a.start,
        b.end,
        share,
        unit=PERCENT,
        kind=Kind.PERCENT,
        qualifier=a.qualifier,
        precision=None,
        integral=False,
        form="fraction",
    )


_FROM_GAP = re.compile(r"\bfrom[ ]\Z")


def _unitless_movement(text: str, a: Atom, b: Atom) -> Candidate | None:
    """ "Horsepower jumped from 240 to 273": two numbers without unit or noun, from one to the other.

    A quantity mention (CQE's convention) but no claim: nothing says what is measured. Reported only in
    general mode, bounds in the order written.

    >>> [(c.surface(t), c.low, c.high, c.reason) for t in ["Output went from 240 to 198, he said."]
    ...  for c in scan(t, general=True)]
    [('240 to 198', Decimal('240'), Decimal('198'), 'no_unit')]
    >>> scan("Shops open from 9 to 5 on Sundays.", general=True)
    []
    """
    if a.attached or b.attached or a.form != "digits" or b.form != "digits":
        return None
    if text[a.end : b.start] != " to " or not _FROM_GAP.search(text, max(0, a.start - 5), a.start):
        return None
    if is_year(a) or is_year(b) or next_noun(text, b.end) is not None:
        return None
    if quantity_drop_reason(text, a) or quantity_drop_reason(text, b):
        return None
    if b.base <= 12 and _CLOCK_TAIL.match(text, b.end):
        return None  # "from 9 to 5 on Sundays": opening hours
    return Candidate(
        a.start,
        b.end,
        None,
        low=a.scaled,
        high=b.scaled,
        qualifier=a.qualifier,
        precision=None,
        integral=a.base == a.base.to_integral_value() and b.base == b.base.to_integral_value(),
        form="movement",
        reason="no_unit",
    )


_CLOCK_TAIL = re.compile(r"[ ](?:on|every|each|daily|weekdays|at[ ]weekends)\b|[ ]?(?:o'clock|h\b)")


# A number left hanging on a hyphen before the one that carries the unit: "7- or 8-inch", "two- to
# three-year", "10- and 12-gauge".
_SUSPENDED = re.compile(r"[-‐][ ](?:or|and|to)[ ]")


def _suspended_hyphen(text: str, a: Atom, b: Atom, *, keep_bare: bool) -> Candidate | None:
    """ "a 7- or 8-inch screen": the first number takes the unit written after the second.

    >>> [(c.surface(t), c.unit) for t in ["on a 7- or 8-inch screen"] for c in scan(t)]
    [('7', 'inch'), ('8-inch', 'inch')]
    """
    if text[a.end : a.end + 1] not in ("-", "‐") or a.attached or a.form not in ("digits", "words"):
        return None
    m = _SUSPENDED.match(text, a.end)
    if m is None or m.end() != b.start or "-" not in text[b.core_end : b.end]:
        return None
    verdict = classify(text, b, keep_bare=keep_bare)[1]
    if not isinstance(verdict, Candidate) or verdict.unit is None or verdict.bare:
        return None
    return Candidate(
        a.start,
        a.end,
        a.scaled,
        unit=verdict.unit,
        kind=verdict.kind,
        qualifier=a.qualifier,
        precision=stated_precision(a.num_text),
        counted=verdict.counted,
        integral=a.base == a.base.to_integral_value(),
        form=a.form,
        reason=verdict.reason,
    )


def _from_by_two_values(text: str, a: Atom, b: Atom, left: str) -> bool:
    """After "from" or "by", is "X to Y" a start and an end (or a change and a level) rather than a range?

    "from X to Y" is a range unless a word of change governs it ("incomes from $50,000 to $100,000" vs
    "the fee will rise from £719 to £1,035"). "by X to Y" is a range when X is bare ("cut by 25 to 50
    basis points") and a change and a level when both carry their unit ("fell by €312m to €2.05bn").
    """
    cue = a.cue_start - (len("from") if left.endswith("from") else len("by")) - 1
    if left.endswith("from"):
        return change_before(text, max(0, cue))
    return a.attached and b.attached and change_before(text, max(0, cue))


# --------------------------------------------------------------------------------------------------
# classification of single numbers: an ordered table of rules


@dataclass(frozen=True)
class Rejected:
    """A rule's verdict that the number is not a quantity, and why."""

    reason: str


_UNREAD = object()  # a lazy field not read yet


class Reading:
    """One number core being classified, with what is read around it (once, when a rule asks)."""

    __slots__ = ("_cell", "_noun", "atom", "integral", "keep_bare", "text")

    def __init__(self, text: str, atom: Atom, *, keep_bare: bool) -> None:
        self.text = text
        self.atom = atom
        self.keep_bare = keep_bare
        self.integral = atom.base == atom.base.to_integral_value()
        self._cell: Any = _UNREAD
        self._noun: Any = _UNREAD

    @property
    def cell(self) -> tuple[int, int] | None:
        """The table cell holding the number, if its line is a tab-separated row."""
        if self._cell is _UNREAD:
            self._cell = table_cell(self.text, self.atom.start, self.atom.end)
        return self._cell  # type: ignore[no-any-return]

    @property
    def noun(self) -> tuple[str, int] | None:
        """The noun phrase after the number and where it starts."""
        if self._noun is _UNREAD:
            self._noun = next_noun(self.text, self.atom.end, in_table=self.cell is not None)
        return self._noun  # type: ignore[no-any-return]

    def candidate(self, value: Decimal | None = None, **fields: Any) -> Candidate:
        """A candidate over the atom's span with its value (scaled), the shared fields and `fields`."""
        atom = self.atom
        fields.setdefault("qualifier", atom.qualifier)
        if "precision" not in fields:
            fields["precision"] = stated_precision(atom.num_text, atom.factor or ONE)
        fields.setdefault("integral", self.integral)
        fields.setdefault("form", atom.form)
        return Candidate(atom.start, atom.end, atom.scaled if value is None else value, **fields)


Verdict = Candidate | Rejected | None
Rule = Callable[[Reading], Verdict]


def glued_name(r: Reading) -> Verdict:
    """ "5G", "3D": a number with a capital letter glued to it is a name, reported but no claim.

    >>> trace("rolled out 5G networks"), [(c.unit, c.reason) for c in scan("5G networks", general=True)]
    ([('5G', 'glued_name', 'name')], [('generation', 'name')])
    """
    if "glued_name" not in r.atom.flags:
        return None
    letter = r.text[r.atom.end - 1]
    return r.candidate(kind=Kind.OTHER, unit=GLUED_NAME_UNITS.get(letter), reason="name")


def one_with_noun(r: Reading) -> Verdict:
    """ "one solution", "one man", "one of the students": a count of one, reported but no claim ("one of the
    largest", "one that" are no counts at all).

    >>> trace("for one man to balance"), trace("one of the students"), trace("one of the largest")
    ([('one', 'one_with_noun', 'one_word_count')], [('one', 'one_with_noun', 'one_word_count')], [('one', 'not_a_quantity', 'pronoun_one')])
    """  # noqa: E501
    atom = r.atom
    if atom.form != "words" or atom.num_text.lower() != "one" or atom.attached:
        return None
    if is_name_context(r.text, atom):
        return None
    if r.noun is None:
        partitive = partitive_noun(r.text, atom.end)  # "one of the students": one of a plural
        if partitive is None:
            return None
        return r.candidate(unit=COUNT, kind=Kind.COUNT, counted=partitive[0], reason="one_word_count")
    noun, noun_start = r.noun
    if noun.lower() in ONE_NOT_COUNTS or not noun[0].isalpha():
        return None
    return r.candidate(
        unit=COUNT, kind=Kind.COUNT, counted=noun, noun_start=noun_start, reason="one_word_count"
    )


def hyphen_count(r: Reading) -> Verdict:
    """ "a four-cylinder engine", "a 10-speed gearbox": a count inside a compound adjective, reported but
    no claim (a unit after the hyphen, "a 30-year plan", is read as a measure before).

    >>> trace("a turbocharged four-cylinder engine")
    [('four', 'hyphen_count', 'compound_modifier')]
    """
    atom, text = r.atom, r.text
    if (
        text[atom.end : atom.end + 1] not in ("-", "‐")
        or atom.attached
        or atom.form not in ("digits", "words")
    ):
        return None
    m = _HYPHEN_WORD.match(text, atom.end) if r.integral else None
    if m is None or m["word"].lower() in FRACTION_DENOMINATORS or m["word"].lower() in _NOT_HYPHEN_NOUNS:
        return None
    if atom.form == "words" and atom.num_text.lower() == "one" and m["word"].lower() in ("off", "time"):
        return None
    return r.candidate(unit=COUNT, kind=Kind.COUNT, counted=m["word"], reason="compound_modifier")


_HYPHEN_WORD = re.compile(r"[-‐](?P<word>[a-z]{3,})(?![\w-])")
_NOT_HYPHEN_NOUNS = frozenset({"and", "or", "to", "fold", "odd", "plus", "thirds", "quarters"})


def age_of_person(r: Reading) -> Verdict:
    """ "Maddon, 66, has", "aged 35", "older than 50": a person's age, reported but no claim.

    >>> trace("Rivera, 34, was released."), trace("people older than 50")
    ([('34', 'age_of_person', 'age')], [('50', 'age_of_person', 'age')])
    >>> trace("his son, who was 9 when they left"), trace("She turned 40 last week.")
    ([('9', 'age_of_person', 'age')], [('40', 'age_of_person', 'age')])
    """
    atom, text = r.atom, r.text
    if atom.form != "digits" or atom.attached or len(atom.num_text) > 3 or not 0 < atom.base <= 120:
        return None
    if not r.integral:
        return None
    commas = text[atom.start - 2 : atom.start] == ", " and text[atom.end : atom.end + 1] == ","
    commas = commas and atom.start >= 3 and text[atom.start - 3].isalpha()
    commas = commas and _NAME_BEFORE.search(text, max(0, atom.start - 30), atom.start) is not None
    lo = max(0, atom.start - 24)
    if not (
        commas
        or (_AGE_WORD.search(text, lo, atom.start) and _AGE_CUE.search(text, lo, atom.start))
        or (_AGE_END.match(text, atom.end) and _PERSON_IS.search(text, lo, atom.start))
    ):
        return None
    return r.candidate(unit="year", kind=Kind.MEASURE, reason="age")


_NAME_BEFORE = re.compile(r"(?:^|[ (])[A-Z][a-z'’-]+,[ ]\Z")  # "Maddon, 66,": a name before the age
_AGE_WORD = re.compile(r"age|than", re.IGNORECASE)  # a quick test before `_AGE_CUE`
_AGE_CUE = re.compile(
    r"""\b(?:aged|ages|age[ ]of|age[ ](?:was|is|of[ ]about)|(?:older|younger)[ ]than)  # the cue
    [ ](?:about[ ]|over[ ]|between[ ])?\Z                                              # "about" """,
    re.IGNORECASE | re.VERBOSE,
)


# A person and a verb of being before a bare number that ends its clause: "his daughter, who was 10.",
# "He will be 35 by the end of the year", "she turned 40 last week".
_PERSON_IS = re.compile(
    r"""\b(?:who|he|she|He|She)[ ]
    (?:was|is|is[ ]now|was[ ]then|will[ ]be|would[ ]be|turned|turns|had[ ]turned|will[ ]turn)[ ]\Z""",
    re.VERBOSE,
)
_AGE_END = re.compile(
    r"""(?=[.,;:)]|[ ]?\Z                                # the clause ends after the number
    |[ ](?:when|at[ ]the[ ]time|by[ ]the|in[ ](?:19|20)[0-9]{2}|last|this|next|on|and)\b)  # or a time""",
    re.VERBOSE,
)


def scale_level(r: Reading) -> Verdict:
    """ "a Category 4 hurricane", "a magnitude 6.1 quake": a level on a named scale, reported but no claim.

    >>> trace("landfall as a Category 4 storm")
    [('4', 'scale_level', 'scale_level')]
    """
    atom = r.atom
    if atom.attached or atom.form not in ("digits", "words"):
        return None
    if atom.cue_start < 4 or r.text[atom.cue_start - 2] not in "yYtTeE." or r.text[atom.cue_start - 1] != " ":
        return None  # a quick test: "category ", "Cat ", "magnitude " end so
    if not _SCALE_LEVEL_BEFORE.search(r.text, max(0, atom.cue_start - 12), atom.cue_start):
        return None
    word = word_before(r.text, atom.cue_start)[0].lower().rstrip(".")
    unit = SCALE_LEVEL_WORDS.get(word)
    return r.candidate(unit=unit, kind=Kind.OTHER, reason="scale_level") if unit else None


_SCALE_LEVEL_BEFORE = re.compile(rf"(?i:{'|'.join(SCALE_LEVEL_WORDS)})\.?[ ]\Z")


def not_a_quantity(r: Reading) -> Verdict:
    """Years, dates, numbering, titles, scores... (`claims.parse.nonclaims.NOT_A_QUANTITY`).

    >>> trace("signed on 8 August")
    [('8', 'not_a_quantity', 'date')]
    """
    reason = quantity_drop_reason(r.text, r.atom)
    return Rejected(reason) if reason else None


_GROUPED = re.compile(r"\d,\d{3}(?!\d)")


def digits_in_name(r: Reading) -> Verdict:
    """ "Vision 2.0", "Boeing 737 jets": part of a name, unless a parser reads a count after a country name
    ("provided Indonesia 3 patrol boats"); then it is offered as a bare number.

    >>> trace("the Tornado 200 jets", keep_bare=False), trace("the Tornado 200 jets")
    ([('200', 'digits_in_name', 'name')], [('200', 'digits_in_name', 'no quantity')])

    Digits grouped in thousands are never a name's ("Boeing 737", "Vision 2030" are not written "2,030"):
    "gives the Liberal Party 407,860 votes" counts votes.

    >>> trace("gives the Liberal Party 407,860 votes")
    [('407,860', 'counted_noun', 'count')]
    """
    atom = r.atom
    if atom.attached or atom.form != "digits" or _GROUPED.search(atom.num_text):
        return None
    if not is_name_context(r.text, atom):
        return None
    noun = next_noun(r.text, atom.end)
    if r.keep_bare and noun is not None and r.integral and "." not in atom.num_text:  # "VOOC 4.0": a version
        precision = stated_precision(atom.num_text)
        fields: dict[str, Any] = {"counted": noun[0], "noun_start": noun[1], "bare": True, "after_name": True}
        return Candidate(atom.start, atom.end, atom.scaled, precision=precision, **fields)
    return Rejected("name")


def words_in_name(r: Reading) -> Verdict:
    """ "the Ocean eleven crew": a capitalised word before a number word makes a name.

    >>> trace("the Ocean eleven crew")
    [('eleven', 'words_in_name', 'name')]
    """
    atom = r.atom
    if not atom.attached and atom.form != "digits" and is_name_context(r.text, atom):
        return Rejected("name")
    return None


def fraction_share(r: Reading) -> Verdict:
    """ "one-fifth", "a quarter of": a share in percent; "a quarter point": a fraction of a percentage point.

    >>> trace("contributed one-fifth of flows"), trace("missed by two tenths of a second")
    ([('one-fifth', 'fraction_share', 'percent')], [('two tenths of a second', 'fraction_share', 'second')])
    >>> trace("cut by a quarter point")
    [('a quarter point', 'fraction_share', 'percentage point')]
    """
    atom = r.atom
    if atom.form != "fraction":
        return None
    denominator = FRACTION_DENOMINATORS.get(re.split(r"[ -]", atom.num_text.lower())[-1], 1)
    qualifier = atom.qualifier
    if atom.kind is Kind.MEASURE:  # "half an inch", "two tenths of a second": a fraction of a unit
        return r.candidate(unit=atom.unit, kind=Kind.MEASURE, integral=False)
    if atom.unit == PERCENTAGE_POINT:
        precision = Decimal("0.5") / denominator
        return r.candidate(
            atom.scaled, unit=PERCENTAGE_POINT, kind=Kind.PERCENT, precision=precision, integral=False
        )
    return Candidate(
        atom.start,
        atom.end,
        atom.scaled * 100,
        unit=PERCENT,
        kind=Kind.PERCENT,
        qualifier=qualifier,
        precision=Decimal(50) / denominator,
        integral=False,
        form=atom.form,
    )


def vague_plural(r: Reading) -> Verdict:
    """ "hundreds of officials": more than a hundred; "millions of dollars": money.

    >>> trace("hundreds of officials"), trace("millions of dollars")
    ([('hundreds', 'vague_plural', 'count')], [('millions', 'vague_plural', 'USD')])
    """
    atom = r.atom
    if atom.form != "vague":
        return None
    noun = vague_noun(r.text, atom.end)
    currency = currency_code(noun[0]) if noun else None
    fields: dict[str, Any] = {
        "qualifier": Qualifier.OVER,
        "precision": None,
        "integral": True,
        "form": "vague",
    }
    if currency:
        return Candidate(atom.start, atom.end, atom.scaled, unit=currency, kind=Kind.MONEY, **fields)
    counted: dict[str, Any] = {"counted": noun[0], "noun_start": noun[1]} if noun else {}
    return Candidate(atom.start, atom.end, atom.scaled, unit=COUNT, kind=Kind.COUNT, **fields, **counted)


def subunit_of(text: str, atom: Atom) -> str | None:
    """The minor unit an amount is written in ("82 cents" -> "cent", "45.2p" -> "penny"), else None.

    >>> [subunit_of(t, a) for t in ("paid 82 cents", "at 45.2p", "$5") for a in _atoms(t)]
    ['cent', 'penny', None]
    """
    if "subunit" not in atom.flags:
        return None
    word = text[atom.core_end : atom.end].strip(" .").lower()
    return SUBUNIT_NAMES.get(word) or SUBUNIT_NAMES.get(word.split()[-1]) if word else None


def _atoms(text: str) -> list[Atom]:
    return [a for m in CORE.finditer(text) if (a := read_atom(text, m)) is not None]


def money_by_currency(r: Reading) -> Verdict:
    """A currency written with the number.

    >>> trace("a grant of ¥400 million")
    [('¥400 million', 'money_by_currency', 'JPY')]
    """
    atom = r.atom
    if atom.currency is None:
        return None
    return r.candidate(unit=atom.currency, kind=Kind.MONEY, subunit=subunit_of(r.text, atom))


def measure_by_unit(r: Reading) -> Verdict:
    """A unit (or percent, or times) written with the number.

    >>> trace("a bridge of 2,215 meters")
    [('2,215 meters', 'measure_by_unit', 'meter')]
    """
    atom = r.atom
    return r.candidate(unit=atom.unit, kind=atom.kind or Kind.MEASURE) if atom.unit is not None else None


def counted_noun(r: Reading) -> Verdict:
    """A whole or scaled number before a noun counts it, unless the noun makes it a title or a model.

    >>> trace("Six used patrol vessels"), trace("over 250 billion ODA")
    ([('Six', 'counted_noun', 'count')], [('250 billion', 'counted_noun', 'XXX')])
    >>> trace("Five Key Challenges for Japan")
    [('Five', 'counted_noun', 'title')]
    >>> trace("grounded two new 737 Max jets")
    [('two', 'counted_noun', 'count'), ('737', 'counted_noun', 'name')]
    """
    atom, noun = r.atom, r.noun
    if noun is None:
        return None
    decimal_plural = atom.form == "digits" and any(
        w.endswith("s") and w.isalpha() and w.islower() and len(w) > 3 for w in noun[0].split(" ")[:3]
    )
    if not (r.integral or atom.factor is not None or decimal_plural):
        return None  # "8.5 bathrooms" is counted, "2.5 litre" is not a count
    if atom.form == "words" and title_noun_after_word_number(r.text, atom, noun[1]):
        return Rejected("title")
    if atom.base != 1 and atom.factor is None and names_a_model(noun[0]):
        return Rejected("name")  # "our 787 Dreamliner fleet": the number belongs to a name
    if (
        atom.form == "digits"
        and atom.factor is None
        and noun[0][:1].isupper()
        and _COUNT_BEFORE.search(r.text, max(0, atom.start - 30), atom.start)
    ):
        return Rejected("name")  # "two new 737 Max jets": a count is given before, the number names a model
    if atom.factor is not None and noun[0].split(" ", 1)[0].lower() in MONEY_CUES:
        return r.candidate(unit=UNKNOWN_CURRENCY, kind=Kind.MONEY, currency_missing=True)
    fallback = scaled_kind(r.text, atom) if atom.factor is not None else None
    return r.candidate(
        unit=COUNT, kind=Kind.COUNT, counted=noun[0], noun_start=noun[1], fallback_kind=fallback
    )


# A count just before a number ("two new 737 Max jets", "12 A320 planes"): the number is then a model name.
_COUNT_BEFORE = re.compile(
    r"""\b(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|several|many|few)
    [ ](?:(?:new|more|used|old|other|extra|additional)[ ])?\Z""",
    re.VERBOSE | re.IGNORECASE,
)


def partitive_count(r: Reading) -> Verdict:
    """ "six of ASEAN member states", "12 of the 20 vessels".

    >>> trace("six of the member states")
    [('six', 'partitive_count', 'count')]
    """
    atom = r.atom
    if r.noun is not None or not r.integral or atom.factor is not None:
        return None
    partitive = partitive_noun(r.text, atom.end)
    if partitive is None:
        return None
    return r.candidate(unit=COUNT, kind=Kind.COUNT, counted=partitive[0], noun_start=None)


def scaled_amount(r: Reading) -> Verdict:
    """A scaled number with no unit and no noun: money or a head-count from cue words nearby, else other.

    >>> trace("a budget of 3.6 trillion (yen)"), trace("reached 1.4 billion.")
    ([('3.6 trillion', 'scaled_amount', 'XXX')], [('1.4 billion', 'scaled_amount', None)])
    """
    atom = r.atom
    if atom.factor is None:
        return None
    kind = scaled_kind(r.text, atom)
    if kind is Kind.MONEY:
        return r.candidate(unit=UNKNOWN_CURRENCY, kind=Kind.MONEY, currency_missing=True)
    if kind is Kind.COUNT:
        return r.candidate(unit=COUNT, kind=Kind.COUNT)
    return r.candidate()


def bare_table_cell(r: Reading) -> Verdict:
    """A number filling a cell of a tab-separated row (its unit is in the column header).

    >>> trace("USA\\t997.0\\t3.4\\n")
    [('997.0', 'bare_table_cell', None), ('3.4', 'bare_table_cell', None)]
    """
    atom = r.atom
    return r.candidate(table_cell=True) if r.cell == (atom.start, atom.end) else None


def thousands_separated(r: Reading) -> Verdict:
    """ "Net migration was 606,000": a number with thousands separators is never a label, year or name.

    >>> trace("Net migration was 606,000.")
    [('606,000', 'thousands_separated', 'count')]
    """
    atom = r.atom
    if atom.form == "digits" and "," in atom.num_text and r.integral:
        return r.candidate(unit=COUNT, kind=Kind.COUNT)
    return None


def record_count(r: Reading) -> Verdict:
    """ "the record for retirements in a race is 25", "the most pitstops, 88": a bare number that closes a
    statement of a record counts the plural noun the record is for.

    >>> trace("The record for assists in a game is 30, set in 1990.")
    [('30', 'record_count', 'count'), ('1990', 'not_a_quantity', 'year')]
    >>> scan("The league's record for titles is 12.")[0].counted
    'titles'
    """
    atom, text = r.atom, r.text
    if atom.attached or atom.form != "digits" or not r.integral or r.noun is not None:
        return None
    if not _CLAUSE_END_AFTER.match(text, atom.end):
        return None
    before = text[max(0, atom.cue_start - 90) : atom.cue_start].lower()
    if not any(word in before for word in ("record", "mark", "most", "fewest")):  # a quick test first
        return None
    m = _RECORD_FRAME.search(text, max(0, atom.cue_start - 90), atom.cue_start)
    if m is None:
        return None
    return r.candidate(unit=COUNT, kind=Kind.COUNT, counted=m["noun"])


# A statement of a record before its number: "the record for points in a game is", "the most pitstops,",
# "holds the mark for overtakes in a dry race with".
_RECORD_FRAME = re.compile(
    r"""\b(?:record|records|mark|most|fewest)[ ]       # the record
    (?:for[ ])?(?:the[ ])?(?:most[ ])?                   # "for", "for the most"
    (?P<noun>(?:[a-z-]+[ ]){0,2}?[a-z-]{3,}[^s\W]s)\b     # the plural noun counted, up to two words before
    [^.;:!?\d]{0,50}?                                    # "in a single game", "for the lead"
    (?:[ ](?:is|was|were|are|stands[ ]at|stood[ ]at|with|at)|,)[ ]\Z""",
    re.VERBOSE | re.IGNORECASE,
)
_CLAUSE_END_AFTER = re.compile(r"(?=[.,;:)]|[ ]?\Z|[ ](?:and|in|at|set|by|while|on|when|from)\b)")


def index_level(r: Reading) -> Verdict:
    """ "the FTSE 100 closed at 7,425.81, down 12.3 points": a level before its change in points is in points.

    >>> trace("The index (16,369.03 up 58.06 points) rose.")
    [('16,369.03', 'index_level', 'point'), ('58.06 points', 'measure_by_unit', 'point')]
    """
    atom = r.atom
    if r.text[atom.end : atom.end + 1] not in (" ", ",") or atom.attached or atom.form != "digits":
        return None
    if not _POINTS_CHANGE_AFTER.match(r.text, atom.end):
        return None
    return r.candidate(unit=POINT, kind=Kind.MEASURE)


# After an index level: its change in points ("7,425.81, down 12.3 points", "16369.03 up 58.06 points").
_POINTS_CHANGE_AFTER = re.compile(
    r",?[ ](?:up|down|off|higher|lower|a[ ](?:gain|loss|drop|rise)[ ]of)[ ][0-9][0-9,.]*[ ]?(?:points|pts)\b"
)


def bare_number(r: Reading) -> Verdict:
    """A whole number with nothing saying what it is, offered to a parser when asked (`keep_bare`).

    >>> trace("building four in Japan")
    [('four', 'bare_number', 'no quantity')]
    """
    atom = r.atom
    if r.keep_bare and r.integral and atom.form in ("digits", "words"):
        return r.candidate(bare=True)
    return None


CLASSIFIERS: tuple[Rule, ...] = (
    glued_name,
    one_with_noun,
    hyphen_count,
    age_of_person,
    scale_level,
    not_a_quantity,
    digits_in_name,
    words_in_name,
    fraction_share,
    vague_plural,
    money_by_currency,
    measure_by_unit,
    counted_noun,
    partitive_count,
    scaled_amount,
    bare_table_cell,
    index_level,
    record_count,
    thousands_separated,
    bare_number,
)
"""The rules that classify one number, in the order they are asked; the first verdict wins."""


def classify(text: str, atom: Atom, *, keep_bare: bool = False) -> tuple[str, Verdict]:
    """The first verdict of `CLASSIFIERS` on `atom` and the name of the rule that gave it."""
    reading = Reading(text, atom, keep_bare=keep_bare)
    for rule in CLASSIFIERS:
        verdict = rule(reading)
        if verdict is not None:
            return rule.__name__, verdict
    return "", None


def _classify(text: str, atom: Atom, *, keep_bare: bool = False) -> Candidate | None:
    verdict = classify(text, atom, keep_bare=keep_bare)[1]
    return verdict if isinstance(verdict, Candidate) else None


def trace(text: str, *, keep_bare: bool = True) -> list[tuple[str, str, str | None]]:
    """Each single number of `text` with the rule that classified it and its unit (or why it was dropped).

    A tool to see which rule of `CLASSIFIERS` decides; ranges and compared values are read by `scan`
    around these rules.

    >>> trace("Three patrol vessels and 5G phones")
    [('Three', 'counted_noun', 'count'), ('5G', 'glued_name', 'name')]
    """
    out: list[tuple[str, str, str | None]] = []
    for m in CORE.finditer(text):
        atom = read_atom(text, m)
        if atom is None:
            continue
        name, verdict = classify(text, atom, keep_bare=keep_bare)
        if isinstance(verdict, Rejected):
            out.append((text[atom.start : atom.end], name, verdict.reason))
        elif isinstance(verdict, Candidate):
            unit = "no quantity" if verdict.bare and verdict.unit is None else verdict.unit
            unit = verdict.reason or unit
            out.append((text[verdict.start : verdict.end], name, unit))
    return out


# What comes between a value and a bare number that is compared with it ("22 submarines, up from 16",
# "73.4 years from 70.8", "8,214 (2022: 7,936)"); the bare number then takes the value's unit.
_COMPARISON_CUE = re.compile(
    r"""
    (?:
        \b(?:up|down|rising|falling|rose|fell|increased|decreased)?[ ]?from
      | \bcompared[ ](?:with|to) | \bversus | \bvs\.? | \bagainst
      | \([ ]?(?:FY[ ]?)?[0-9]{2,4}(?:/[0-9]{2,4})?[ ]?:        # annual-report comparatives: "(2022: "
    )
    [ ](?:an?[ ]|the[ ])?(?:(?:revised|previous|earlier|prior|upwardly[ ]revised)[ ])?\Z
    """,
    re.VERBOSE,
)
_DATE_RANGE_TAIL = re.compile(
    r"[ ]?(?:[-–—]|to|and|until)[ ]?[0-9]{1,2}(?:st|nd|rd|th)?[ ]+(?P<word>[A-Za-z.]+)"
)
_SCALED_SURFACE = re.compile(
    r"[0-9)][ ]?(?:[kKmMbBT]|bn|mn|mln|tn|(?i:thousand|million|billion|trillion|lakh|crore))\b"
)
_PARALLEL_GAP = re.compile(r"[ ](?P<prep>for|in|among|at|on|by)[ ][^,;.:()]{1,40}?,?[ ]and[ ]")
_CHAIN_CUE = re.compile(r"(?:,[ ]?|[ ])(?:and|or)[ ]\Z")


def _compared_value(text: str, atom: Atom, previous: Candidate, *, chained: bool) -> Candidate | None:
    """A bare number compared with the value just before it takes that value's unit and kind.

    "has 22 submarines, up from 16 in 2010" -> 16 submarines; "rose to 73.4 years from 70.8" -> 70.8
    years; "(2022: 7,936)". Chained: "compared with 830 in 2023 and 1,650 in 2022".
    """
    if atom.form != "digits" or atom.attached or previous.table_cell:
        return None
    if previous.unit is None and not _unitless_level_to(text, previous, atom):
        return None
    if "glued_name" in atom.flags:
        return None
    if is_year(atom) or quantity_drop_reason(text, atom) or atom.start - previous.end > 80:
        return None
    tail = _DATE_RANGE_TAIL.match(text, atom.end)
    if tail and tail["word"].lower().rstrip(".") in MONTHS:
        return None  # "from 12 to 17 May": the first day of a date range
    gap = text[previous.end : atom.cue_start]
    if any(mark in gap for mark in (". ", ";", "\n", "\t", "? ", "! ")):
        return None
    cue = _COMPARISON_CUE.search(text, max(previous.end, atom.cue_start - 40), atom.cue_start)
    # "from 90 days to 30", "by 51 votes to 49" (the counted noun sits between a count and its "to")
    counted = f" {previous.counted}" if previous.kind is Kind.COUNT and previous.counted else ""
    to_cue = gap in (" to ", " to a ", f"{counted} to ") and not _change_then_level(text, previous)
    chain = chained and _CHAIN_CUE.search(text, max(previous.end, atom.cue_start - 8), atom.cue_start)
    # "435 homes by sale and 187 by tender": the counted noun sits between the count and the gap
    parallel = _PARALLEL_GAP.fullmatch(gap[len(counted) :] if counted and gap.startswith(counted) else gap)
    if parallel and not text.startswith(f" {parallel['prep']} ", atom.end):
        parallel = None  # "81.2 years for women and 77.1 for men": the same preposition after both
    level = _change_then_level(text, previous)
    if level and cue is not None and not _SCALED_SURFACE.search(text, previous.start, previous.end):
        cue = None  # "went down 7.8%, from 196.0 to 180.8": the levels, not percentages
    if cue is None and not to_cue and not chain and not parallel:
        if level and (_LEVEL_GAP.fullmatch(gap) or _LEVEL_FROM_GAP.fullmatch(gap)):
            # "fell 0.4 per cent to 13176", "was down 0.1% at 5884": the level reached, in the unit of
            # what changed (unstated; an index is counted in points)
            sentence = text[max(0, text.rfind(". ", 0, previous.start) + 1) : previous.start]
            index = _INDEX_CUE.search(sentence) is not None
            return Candidate(
                atom.start,
                atom.end,
                atom.scaled,
                unit=POINT if index else None,
                kind=Kind.MEASURE if index else Kind.OTHER,
                qualifier=atom.qualifier,
                precision=stated_precision(atom.num_text),
                integral=atom.base == atom.base.to_integral_value(),
                form=atom.form,
            )
        return None
    value = atom.scaled
    factor = ONE
    reference = previous.value if previous.value is not None else previous.high
    scaled = _SCALED_SURFACE.search(text, previous.start, previous.end) is not None
    if scaled and reference is not None and value != 0 and abs(reference) >= 200 * abs(value):
        # "to $1.2 billion from 1.1", "£41.2m (2023: 38.7)": the scale word is elided with the unit;
        # take the power of a thousand that puts the two values within a factor of five of each other
        for power in (3, 6, 9, 12):
            ratio = abs(value) * Decimal(10) ** power / abs(reference)
            if Decimal("0.2") <= ratio <= 5:
                factor = Decimal(10) ** power
                break
        else:
            return None
    return Candidate(
        atom.start,
        atom.end,
        value * factor,
        unit=previous.unit,
        kind=previous.kind,
        qualifier=atom.qualifier,
        precision=stated_precision(atom.num_text, factor),
        currency_missing=previous.currency_missing,
        counted=previous.counted,
        integral=atom.base == atom.base.to_integral_value(),
    )


# Between an amount with no currency and the amount that names it: "280 million of the 1.5 billion shekels",
# "2 million and 3 million euros".
_ELIDED_CURRENCY_GAP = re.compile(
    r"""[ ]?,?[ ]
    (?:(?:out[ ])?of|and|or|to)[ ]                           # the word joining the two amounts
    (?:(?:the|a|an|its|their|his|her|our)[ ])?              # a determiner
    (?:(?:total|planned|promised|pledged|required|estimated)[ ])?  # an adjective of the whole
    \Z""",
    re.VERBOSE,
)


# Between a percentage change and the level reached: "to", "at", ", to end at", "to a close of".
_LEVEL_GAP = re.compile(
    r"""(?:,[ ](?:or[ ][^,]{1,20},[ ])?)?              # ", or 2.14%, "
    [ ]?(?:to|at)[ ]                                   # "to", "at"
    (?:(?:end|close|finish|settle|fall|rise|trade)(?:ed|s)?[ ](?:at|to)[ ])?  # "end at", "fall to"
    (?:a[ ](?:close|level|high|low|record)[ ]of[ ])?   # "a close of"
    """,
    re.VERBOSE,
)
_INDEX_CUE = re.compile(r"\b(?:index|indices|points)\b", re.IGNORECASE)  # levels of a stock index
_LEVEL_FROM_GAP = re.compile(r",?[ ](?:from|to)[ ](?:[0-9.,]+[ ]to[ ])?")  # ", from 196.0 to 180.8"
_FROM_BEFORE = re.compile(r"\b(?:from|between|by)[ ]\Z", re.IGNORECASE)
_RESTATED_CHANGE = re.compile(r"\b(?:points?|pts?),?[ ]or[ ]\Z")  # "162.31 points, or 2.14%"


_LEVEL_TO_GAP = re.compile(r"[ ]to[ ]")


def _unitless_level_to(text: str, previous: Candidate, atom: Atom) -> bool:
    """ "went down 7.8%, from 196.0 to 180.8": the level moved to, after a level read without a unit.

    >>> text = "The rate went down 7.8%, from 196.0 to 180.8."
    >>> [(c.surface(text), c.unit) for c in scan(text)]
    [('7.8%', 'percent'), ('196.0', None), ('180.8', None)]
    """
    return (
        previous.kind is Kind.OTHER
        and not previous.bare
        and previous.value is not None
        and _LEVEL_TO_GAP.fullmatch(text, previous.end, atom.cue_start) is not None
        and _FROM_BEFORE.search(text, max(0, previous.start - 6), previous.start) is not None
    )


def _change_then_level(text: str, previous: Candidate) -> bool:
    """ "rose 8.15% to 3.65", "fell 0.4 per cent to 13176": a percentage change, then the level reached (in
    the unit of what changed, not in percent); "from 5% to 10%" is a start and an end.

    >>> text = "The share rose 0.4 per cent to 131.5; the index fell 1% to 13,176."
    >>> [(c.surface(text), c.unit) for c in scan(text)]
    [('0.4 per cent', 'percent'), ('131.5', None), ('1%', 'percent'), ('13,176', 'point')]
    """
    if previous.kind is not Kind.PERCENT:
        return False
    lo = max(0, previous.start - 12)
    if _FROM_BEFORE.search(text, lo, previous.start):
        return False
    before = text[lo : previous.start]
    if _RESTATED_CHANGE.search(before):  # "lost 162.31 points, or 2.14%, to 7,425.81"
        return True
    if before.endswith(" by "):  # "rose by 2% to 5.1"
        return change_before(text, previous.start - 3, words=1)
    return change_before(text, previous.start, words=1)  # "rose 2% to 5.1", not "rose to 2% from 1.8"


def _dimensions(text: str, first: Atom, second: Atom, *, keep_bare: bool) -> list[Candidate]:
    """ "1080x2400 pixels": two dimensions, each in the unit (or of the noun) written after the second.

    >>> [(c.surface(t), c.unit, c.counted) for t in ["a 1080x2400 pixels screen"] for c in scan(t)]
    [('1080', 'count', 'pixels screen'), ('2400', 'count', 'pixels screen')]
    """
    verdict = classify(text, second, keep_bare=keep_bare)[1]
    if not isinstance(verdict, Candidate) or verdict.unit is None or verdict.bare:
        return []
    value = first.scaled
    shared: dict[str, Any] = {
        "unit": verdict.unit,
        "kind": verdict.kind,
        "counted": verdict.counted,
        "form": first.form,
        "reason": verdict.reason,  # "a 2,652 x 1,200-pixel display": both in a compound modifier
    }
    integral = first.base == first.base.to_integral_value()
    head = Candidate(
        first.start, first.end, value, precision=stated_precision(first.num_text), integral=integral, **shared
    )
    return [head, verdict]


def noun_from_previous(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A count or scaled amount with no noun counts what the nearest count before it in the sentence (of the
    same order of magnitude) counts.

    >>> t = "More than 6 million homes, including 1.5 million in the city, lost power."
    >>> [(c.surface(t), c.unit, c.counted) for c in scan(t)]
    [('6 million', 'count', 'homes'), ('1.5 million', 'count', 'homes')]
    """
    out = list(candidates)
    for i in range(1, len(out)):
        c = out[i]
        uncounted = c.unit == COUNT and not c.counted  # "68,400 people ... and 95,800 who"
        scaled_bare = c.unit is None and _SCALED_SURFACE.search(text, c.start, c.end) is not None
        if not (uncounted or scaled_bare) or c.table_cell or c.value is None:
            continue
        for prev in reversed(out[max(0, i - 3) : i]):  # the nearest count of the same order of magnitude
            if any(mark in text[prev.end : c.start] for mark in (". ", ";", "\n", "\t", "? ", "! ")):
                break
            if prev.reason:
                continue  # a mention that is no claim lends no noun
            if prev.kind is not Kind.COUNT or not prev.counted or prev.value is None:
                break  # "made 400 tonnes, and the fourth 120": the amount before is no count
            if c.start - prev.end > 80 or not _same_magnitude(prev.value, c.value):
                continue
            out[i] = _replace(c, unit=COUNT, kind=Kind.COUNT, counted=prev.counted)
            break
    return out


def _same_magnitude(a: Decimal, b: Decimal) -> bool:
    """Within a factor of a thousand: "3.2 billion people in 95 countries ... and 1.2 billion" are people."""
    if a == 0 or b == 0:
        return a == b
    ratio = abs(a) / abs(b)
    return Decimal("0.001") <= ratio <= 1000


def _currency_from_next(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """An amount whose currency is only on the next amount of its phrase takes that currency.

    >>> [(c.surface(t), c.unit) for t in ["raised 280 million of the 1.5 billion shekels"] for c in scan(t)]
    [('280 million', 'ILS'), ('1.5 billion shekels', 'ILS')]
    """
    out = list(candidates)
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        if c.unit != UNKNOWN_CURRENCY or nxt.kind is not Kind.MONEY or nxt.unit == UNKNOWN_CURRENCY:
            continue
        if nxt.start - c.end > 40 or not _ELIDED_CURRENCY_GAP.fullmatch(text, c.end, nxt.start):
            continue
        out[i] = _replace(c, unit=nxt.unit, currency_missing=False)
    return out


def _replace(c: Candidate, **changes: object) -> Candidate:
    from dataclasses import replace

    return replace(c, **changes)  # type: ignore[arg-type]


def _drop_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in candidates:
        if out and c.start < out[-1].end:
            if (c.end - c.start) > (out[-1].end - out[-1].start):
                out[-1] = c
            continue
        out.append(c)
    return out
