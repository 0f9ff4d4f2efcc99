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
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from claims.lexicon.context import (
    CITATION_WORDS,
    COUNT_ADJECTIVES,
    FUNCTION_WORDS,
    MONEY_CUES,
    MONTHS,
    NUMBERING_WORDS,
    POPULATION_CUES,
    STREET_WORDS,
    TIME_WORDS,
    TITLE_FUNCTION_WORDS,
    WEEKDAYS,
)
from claims.lexicon.currencies import AMBIGUOUS_CURRENCY_WORDS, PREFIX_SYMBOLS
from claims.lexicon.numbers import (
    FRACTION_DENOMINATORS,
    MULTIPLIER_WORDS,
    ORDINAL_WORDS,
    SCALE_LETTERS,
    VAGUE_PLURALS,
)
from claims.lexicon.units import HYPHEN_UNIT_WORDS, PERCENT, TIMES, UNIT_SYMBOLS
from claims.parse.money import currency_code
from claims.parse.numbers import (
    parse_digits,
    parse_fraction_words,
    parse_number_words,
    scale_factor,
    stated_precision,
)
from claims.parse.patterns import (
    BLOCKED,
    CORE,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    GLUED_AFTER,
    HYPHEN_UNIT_AFTER,
    MULTIPLIER_AFTER,
    PERCENT_AFTER,
    RANGE_SEPARATOR,
    SCALE_AFTER,
    UNIT_SYMBOL_AFTER,
    UNIT_WORD_AFTER,
    WORD_AFTER,
)
from claims.parse.qualifiers import qualifier_after, qualifier_before
from claims.parse.units import parse_unit
from claims.types import UNKNOWN_CURRENCY, Kind, Qualifier

logger = logging.getLogger(__name__)

COUNT = "count"
MAX_TEXT = 50_000_000  # longer inputs are scanned in full but logged; nothing is silently cut
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A quantity found in text: offsets, parsed value (Decimal inside), unit, kind and hedges."""

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    kind: Kind = Kind.OTHER
    qualifier: Qualifier = Qualifier.EXACT
    precision: Decimal | None = None
    currency_missing: bool = False
    counted: str | None = None
    noun_start: int | None = None  # first character of the word after the number (counts)
    table_cell: bool = False
    integral: bool = True  # the stated number is a whole number (counts must be)
    bare: bool = False  # nothing says what the number is; kept only on request (see `scan`)
    after_name: bool = False  # a bare count right after a capitalised word (a name, or a country)
    fallback_kind: Kind | None = None  # for a scaled count: its kind if the word after is not its noun

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class _Atom:
    """One number core with what is attached to it (internal, mutable while it is read)."""

    start: int  # surface start (currency symbol or sign included)
    end: int  # surface end (scale word, unit included)
    core_start: int
    core_end: int
    form: str  # digits, words, fraction, vague
    num_text: str
    base: Decimal
    cue_start: int  # where to look left for a hedge word (before "US \\$" etc.)
    factor: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    kind: Kind | None = None
    qualifier: Qualifier = Qualifier.EXACT
    negative: bool = False
    flags: set[str] = field(default_factory=set)

    @property
    def scaled(self) -> Decimal:
        value = self.base * (self.factor or _ONE)
        return -value if self.negative else value

    @property
    def attached(self) -> bool:
        """Something besides the number itself says what it is (currency, unit, percent, scale)."""
        return self.currency is not None or self.unit is not None or self.factor is not None


# --------------------------------------------------------------------------------------------------
# public API


def scan(text: str, *, keep_bare: bool = False) -> list[Candidate]:
    """All quantity candidates in `text`, sorted by start. Never raises on any string input.

    With `keep_bare`, bare numbers in running text (no unit, no noun after them, not a year, name or
    numbering) are returned too, flagged `bare=True`, for a parser to judge ("building four in Japan").
    """
    if not isinstance(text, str) or not text:
        return []
    if len(text) > MAX_TEXT:
        logger.warning("scanning a very long text (%d characters)", len(text))
    blocked = _Blocked(text)
    atoms: list[_Atom] = []
    for m in CORE.finditer(text):
        if blocked.overlaps(m.start(), m.end()):
            continue
        atom = _read_atom(text, m)
        if atom is not None and not blocked.overlaps(atom.start, atom.end):
            atoms.append(atom)
    out: list[Candidate] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if i + 1 < len(atoms):
            joined = _join_range(text, atom, atoms[i + 1])
            if joined == "period":
                i += 2
                continue
            if isinstance(joined, Candidate):
                out.append(joined)
                i += 2
                continue
        candidate = _classify(text, atom, keep_bare=keep_bare)
        if candidate is not None:
            out.append(candidate)
        i += 1
    out.sort(key=lambda c: (c.start, c.end))
    return _drop_overlaps(out)


# --------------------------------------------------------------------------------------------------
# reading one number core and what is attached to it


class _Blocked:
    """Regions (URLs, DOIs, ISBNs, phone numbers, clock times...) in which no number is a quantity."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in BLOCKED.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


def _read_atom(text: str, m: re.Match[str]) -> _Atom | None:
    form = m.lastgroup or ""
    s, e = m.span()
    num_text = m.group(0)
    base: Decimal | None
    if form == "digits":
        base = parse_digits(num_text)
        nxt = text[e : e + 2]
        if len(nxt) == 2 and nxt[0] in ".," and nxt[1].isdigit():
            return None  # "1,2,3", "1.2.3": a list or a version, not a number
    elif form == "words":
        base = parse_number_words(num_text)
        if base is None and num_text.lower() in ("a", "an"):
            base = _ONE
    elif form == "fraction":
        base = parse_fraction_words(num_text)
    elif form == "foldword":
        lower = num_text.lower()
        base = (
            Decimal(MULTIPLIER_WORDS[lower]) if lower in MULTIPLIER_WORDS else parse_number_words(lower[:-4])
        )
    else:
        base = Decimal(VAGUE_PLURALS[num_text.lower()])
    if base is None:
        return None
    atom = _Atom(
        start=s, end=e, core_start=s, core_end=e, form=form, num_text=num_text, base=base, cue_start=s
    )
    if form == "digits":
        if not _read_prefix(text, atom):
            return None
        if not _read_glued(text, atom):
            return None
    if form in ("digits", "words"):
        _read_suffix(text, atom)
        if form == "words" and num_text.lower() in ("a", "an"):
            if atom.factor is None:
                return None
            if text[max(0, s - 5) : s].lower() == "half ":
                atom.base = Decimal("0.5")  # "half a million people"
                atom.start = atom.cue_start = s - 5
    elif form == "fraction":
        atom.unit, atom.kind = PERCENT, Kind.PERCENT
    elif form == "foldword":
        atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    if atom.end < len(text) and text[atom.end] == "+":
        after = text[atom.end + 1 : atom.end + 2]
        if after.isalnum():
            return None  # "2+2" dialogue, "ASEAN+3"
        atom.qualifier = Qualifier.AT_LEAST
        atom.flags.add("plus")
    if atom.qualifier is Qualifier.EXACT:
        cue = qualifier_before(text[max(0, atom.cue_start - 40) : atom.cue_start])
        if cue is not None and not (
            form == "words"
            and cue[0].lower() in _PREPOSITION_CUES
            and atom.unit is None
            and atom.currency is None
        ):
            atom.qualifier = cue[1]  # but "cooperation under four pillars" is a preposition
        else:
            after_cue = qualifier_after(text[atom.end : atom.end + 24])
            if after_cue is not None:
                atom.qualifier = after_cue[1]
    if form == "vague":
        atom.qualifier = Qualifier.OVER
    return atom


# Before a number word, these read as prepositions more often than as bounds ("under four pillars");
# "over" stays a bound ("over two million"). With a parser, `claims.nlp` re-checks both.
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month"})
_PREPOSITION_CUES = frozenset({"under", "above", "below"})
_HALF_ORDINALS = ORDINAL_WORDS | {"latter", "former", "other", "back", "front", "top", "bottom"}
_PAGE_WORDS = frozenset({"pp", "pages", "page", "p"})


def _read_prefix(text: str, atom: _Atom) -> bool:
    """Sign and currency written before the digits. False when the number must be dropped."""
    s = atom.core_start
    if s > 0 and text[s - 1] in "-−+":
        before = text[s - 2] if s >= 2 else " "
        if not (before.isalnum() or before in "-–)]%"):
            atom.negative = text[s - 1] != "+"
            atom.start = atom.cue_start = s - 1
            s -= 1
    before = text[s - 2 : s].rstrip(" ")[-1:] if s else ""
    if not before or not (before in _CURRENCY_TAIL or before.isupper()):
        return True  # cheap test first: no currency symbol or code can end here
    window_start = max(0, s - 16)
    m = CURRENCY_BEFORE.search(text, window_start, s)
    if m is None or m.end() != s:
        return True
    if m["sym"]:
        code = PREFIX_SYMBOLS.get(m["sym"])
        start = m.start()
    elif m["letters"]:
        code = PREFIX_SYMBOLS.get(m["letters"].strip())
        start = m.start()
    elif m["iso"]:
        code = m["iso"]
        start = m.start()
    else:  # a dollar sign
        cc = m["cc"]
        dollar = m.start("dollar")
        if cc and m["ccsp"] and cc not in ("US", "U.S.", "USD"):
            cc = None  # "A $5 grant": the article, not Australia
        code = PREFIX_SYMBOLS.get((cc or "") + "$", "USD")
        start = dollar if m["esc"] or not cc else m.start()  # the Markdown escape is not in the surface
        atom.cue_start = m.start() if cc else dollar
        if m["esc"] and not cc:
            atom.cue_start = dollar - 1
    if m["sym"] or m["letters"] or m["iso"]:
        atom.cue_start = start
    atom.currency = code
    atom.kind = Kind.MONEY
    atom.start = min(atom.start, start)
    return True


_CURRENCY_TAIL = frozenset("$¥￥€£₹₩₱฿₫₽₺.ps")  # last characters of the currency prefixes we read


def _read_glued(text: str, atom: _Atom) -> bool:
    """A suffix glued to the digits ("2.5bn", "44m", "600MW", "5%", "3x"). False to drop the number."""
    e = atom.core_end
    if e >= len(text):
        return True
    g = GLUED_AFTER.match(text, e)
    if g is None:
        ch = text[e]
        return not (ch.isalpha() or ch == "_" or ch.isdigit())  # "5G", "2010s", "3rd", "1990s"
    suffix = g["suffix"]
    if suffix in ("%", "％"):
        atom.unit, atom.kind = PERCENT, Kind.PERCENT
    elif suffix in ("x", "×"):
        atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    elif suffix.lower() in ("bn", "mn", "mln", "bln", "tn", "trn"):
        atom.factor = scale_factor(suffix)
    elif suffix in SCALE_LETTERS and (atom.currency or suffix in "MBTK"):
        atom.factor = SCALE_LETTERS[suffix]
    elif suffix == "m" and not atom.currency and _noun_is_cue(text, g.end()):
        atom.factor = SCALE_LETTERS["m"]  # "1.5m people", "5m tourists": million, not metres
    elif suffix in UNIT_SYMBOLS and not atom.currency:
        atom.unit, atom.kind = UNIT_SYMBOLS[suffix], Kind.MEASURE
    else:
        return False
    atom.end = g.end()
    return True


def _noun_is_cue(text: str, pos: int) -> bool:
    m = WORD_AFTER.match(text, pos)
    if m is None:
        return False
    word = m["word"].lower().rstrip(".,;:")
    return word in POPULATION_CUES or word in MONEY_CUES or word in _MILLION_NOUNS


_MILLION_NOUNS = frozenset(
    {
        "barrels",
        "tonnes",
        "tons",
        "jobs",
        "vehicles",
        "cars",
        "passengers",
        "subscribers",
        "households",
        "children",
        "students",
        "farmers",
        "doses",
        "copies",
        "units",
    }
)


def _read_suffix(text: str, atom: _Atom) -> None:
    """Scale word, then percent / currency / multiplier / unit written after the number."""
    if atom.factor is None and atom.unit is None:
        m = SCALE_AFTER.match(text, atom.end)
        if m:
            atom.factor = scale_factor(m["scale"])
            atom.end = m.end()
    if atom.unit is not None:
        return
    if atom.currency is None:
        m = PERCENT_AFTER.match(text, atom.end)
        if m and (m["sp"] == "" or m["unit"] not in ("%", "％") or atom.form == "digits"):
            unit = parse_unit(m["unit"])
            if unit is not None:
                atom.unit, atom.kind = unit.name, unit.kind
                atom.end = m.end()
                return
        m = CURRENCY_AFTER.match(text, atom.end)
        if m:
            word = m["word"] or m["iso"]
            ambiguous = bool(m["word"]) and m["word"].lower() in AMBIGUOUS_CURRENCY_WORDS
            code = currency_code(word, allow_ambiguous=ambiguous and atom.factor is not None)
            if code:
                atom.currency, atom.kind = code, Kind.MONEY
                atom.end = m.end()
                return
        m = MULTIPLIER_AFTER.match(text, atom.end)
        if m:
            atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
            atom.end = m.end()
            return
        # "3 million barrels", "1.03 billion tonnes": unit words may follow a scale word, symbols may not
        patterns = (UNIT_WORD_AFTER, UNIT_SYMBOL_AFTER) if atom.factor is None else (UNIT_WORD_AFTER,)
        for pattern in patterns:
            m = pattern.match(text, atom.end)
            if m:
                unit = parse_unit(m["unit"])
                if unit is not None and not (atom.factor is not None and unit.name in _TIME_UNITS):
                    atom.unit, atom.kind = unit.name, unit.kind
                    atom.end = m.end()
                    return
        if atom.factor is None:
            m = HYPHEN_UNIT_AFTER.match(text, atom.end)
            if m:
                name = HYPHEN_UNIT_WORDS.get(m["unit"]) or HYPHEN_UNIT_WORDS.get(m["unit"].lower())
                if name:
                    atom.unit, atom.kind = name, Kind.MEASURE
                    atom.end = m.end()
                    return
    elif atom.currency is not None:
        # "$5 USD", "¥5 billion yen": a repeated currency after the amount belongs to the surface
        m = CURRENCY_AFTER.match(text, atom.end)
        if m and currency_code(m["word"] or m["iso"]) == atom.currency:
            atom.end = m.end()


# --------------------------------------------------------------------------------------------------
# ranges


def _join_range(text: str, a: _Atom, b: _Atom) -> Candidate | str | None:
    """`a` and `b` as one range ("$30-34.6 million", "30-40 years"); "period" for year ranges."""
    sep = text[a.end : b.start]
    if not RANGE_SEPARATOR.match(sep):
        return None
    if a.form != b.form or a.form not in ("digits", "words"):
        return None
    if _is_year(a) and (_is_year(b) or (b.form == "digits" and len(b.num_text) <= 2 and not b.attached)):
        return "period"
    word = sep.strip()
    left = text[max(0, a.cue_start - 12) : a.cue_start].lower()
    if word == "and" and not left.rstrip().endswith("between"):
        return None
    if word == "to" and left.rstrip().endswith(("from", "rose", "fell", "increased", "decreased", "grew")):
        return None  # "from 5% to 10%": two values, a start and an end
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    if a.currency is not None and b.currency is not None and a.currency != b.currency:
        return None
    if a.unit is not None and b.unit is None:
        return None  # "5% - 10 vessels"
    if a.negative and b.negative:
        return None
    factor_b = b.factor or _ONE
    factor_a = a.factor or b.factor or _ONE
    low = a.base * factor_a * (-1 if a.negative else 1)
    high = b.base * factor_b * (-1 if b.negative else 1)
    if low > high:
        return None
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
    if kind is not None:
        return base
    # a bare range: a count when a noun follows, a table cell, else nothing
    noun = _next_noun(text, b.end, in_table=_table_cell(text, a.start, b.end) is not None)
    if noun is not None and base.integral and not _is_name_context(text, a):
        return _replace(base, unit=COUNT, kind=Kind.COUNT, counted=noun[0], noun_start=noun[1])
    if _table_cell(text, a.start, b.end) == (a.start, b.end):
        return _replace(base, table_cell=True)
    return "period" if _is_name_context(text, a) else None


# --------------------------------------------------------------------------------------------------
# classification of single numbers


def _classify(text: str, atom: _Atom, *, keep_bare: bool = False) -> Candidate | None:
    if _is_dropped(text, atom):
        return None
    if not atom.attached and atom.form == "digits" and _is_name_context(text, atom):
        # "Vision 2.0", "Boeing 737 jets": part of a name, unless a parser reads a count after a
        # country name ("provided Indonesia 3 patrol boats"); then it is offered as a bare number
        noun = _next_noun(text, atom.end)
        if keep_bare and noun is not None and atom.base == atom.base.to_integral_value():
            return Candidate(
                atom.start,
                atom.end,
                atom.scaled,
                precision=stated_precision(atom.num_text),
                counted=noun[0],
                noun_start=noun[1],
                bare=True,
                after_name=True,
            )
        return None
    if not atom.attached and atom.form != "digits" and _is_name_context(text, atom):
        return None
    value = atom.scaled
    precision = stated_precision(atom.num_text, atom.factor or _ONE)
    integral = atom.base == atom.base.to_integral_value()
    if atom.form == "fraction":
        percent = value * 100
        denominator = FRACTION_DENOMINATORS.get(re.split(r"[ -]", atom.num_text.lower())[-1], 1)
        precision = Decimal(50) / denominator
        return Candidate(
            atom.start,
            atom.end,
            percent,
            unit=PERCENT,
            kind=Kind.PERCENT,
            qualifier=atom.qualifier,
            precision=precision,
            integral=False,
        )
    if atom.form == "vague":
        noun = _vague_noun(text, atom.end)
        currency = currency_code(noun[0]) if noun else None
        if currency:
            return Candidate(
                atom.start,
                atom.end,
                value,
                unit=currency,
                kind=Kind.MONEY,
                qualifier=Qualifier.OVER,
                precision=None,
            )
        return Candidate(
            atom.start,
            atom.end,
            value,
            unit=COUNT,
            kind=Kind.COUNT,
            qualifier=Qualifier.OVER,
            counted=noun[0] if noun else None,
            noun_start=noun[1] if noun else None,
        )
    common: dict[str, Any] = {"qualifier": atom.qualifier, "precision": precision, "integral": integral}
    if atom.currency is not None:
        return Candidate(atom.start, atom.end, value, unit=atom.currency, kind=Kind.MONEY, **common)
    if atom.unit is not None:
        return Candidate(
            atom.start, atom.end, value, unit=atom.unit, kind=atom.kind or Kind.MEASURE, **common
        )
    cell = _table_cell(text, atom.start, atom.end)
    noun = _next_noun(text, atom.end, in_table=cell is not None)
    if noun is not None and (integral or atom.factor is not None):
        if atom.form == "words" and _title_noun_after_word_number(text, atom, noun[1]):
            return None  # "Five Key Challenges": a title, not a count
        if atom.factor is not None and noun[0].split(" ", 1)[0].lower() in MONEY_CUES:
            return Candidate(
                atom.start,
                atom.end,
                value,
                unit=UNKNOWN_CURRENCY,
                kind=Kind.MONEY,
                currency_missing=True,
                **common,
            )  # "over 250 billion ODA"
        return Candidate(
            atom.start,
            atom.end,
            value,
            unit=COUNT,
            kind=Kind.COUNT,
            counted=noun[0],
            noun_start=noun[1],
            fallback_kind=_scaled_kind(text, atom) if atom.factor is not None else None,
            **common,
        )
    if noun is None and integral and atom.factor is None:
        partitive = _partitive_noun(text, atom.end)
        if partitive is not None:  # "six of ASEAN member states", "12 of the 20 vessels"
            return Candidate(
                atom.start,
                atom.end,
                value,
                unit=COUNT,
                kind=Kind.COUNT,
                counted=partitive[0],
                noun_start=None,
                **common,
            )
    if atom.factor is not None:
        kind = _scaled_kind(text, atom)
        if kind is Kind.MONEY:
            return Candidate(
                atom.start,
                atom.end,
                value,
                unit=UNKNOWN_CURRENCY,
                kind=Kind.MONEY,
                currency_missing=True,
                **common,
            )
        if kind is Kind.COUNT:
            return Candidate(atom.start, atom.end, value, unit=COUNT, kind=Kind.COUNT, **common)
        return Candidate(atom.start, atom.end, value, **common)
    if cell == (atom.start, atom.end):
        return Candidate(atom.start, atom.end, value, table_cell=True, **common)
    if keep_bare and integral and atom.form in ("digits", "words"):
        return Candidate(atom.start, atom.end, value, bare=True, **common)
    return None


def _is_year_adjective(text: str, atom: _Atom) -> bool:
    """ "constant 2024 US dollars", "2015 yen": a year qualifying a currency, not an amount."""
    return (
        atom.form == "digits"
        and len(atom.num_text) == 4
        and atom.num_text.isdigit()
        and 1800 <= int(atom.num_text) <= 2100
        and atom.factor is None
        and atom.currency is not None
        and atom.start == atom.core_start
    )


def _is_year(atom: _Atom) -> bool:
    return (
        atom.form == "digits"
        and len(atom.num_text) == 4
        and atom.num_text.isdigit()
        and 1800 <= int(atom.num_text) <= 2100
        and not atom.attached
        and not atom.negative
    )


def _is_dropped(text: str, atom: _Atom) -> bool:
    """Numbers that are not quantities: years, dates, numbering, names, addresses, footnote markers."""
    money_or_percent = atom.currency is not None or atom.kind in (Kind.PERCENT, Kind.MULTIPLIER)
    if atom.form == "words" and atom.num_text.lower() == "one" and not atom.attached:
        return True  # "one of the", "one that": a pronoun or determiner far more often than a count
    if _is_year(atom) or _is_year_adjective(text, atom):
        return True
    prev_word, prev_quote = _word_before(text, atom.cue_start)
    next_word = _word_after(text, atom.end)
    prev_lower = prev_word.lower().rstrip(".") if prev_word else ""
    if prev_word and (prev_word.lower() in MONTHS or prev_lower in MONTHS) and prev_word[0].isupper():
        return not money_or_percent  # "May 10, 2024"
    if next_word and next_word.lower().rstrip(".,") in MONTHS and next_word[0].isupper():
        return not money_or_percent  # "8 August 1967"
    if next_word and next_word.lower().rstrip(".,") in WEEKDAYS:
        return True
    if next_word and next_word.lower().rstrip(",;") in TIME_WORDS:
        return True
    if atom.form == "fraction" and atom.num_text.lower() == "half" and prev_lower in _HALF_ORDINALS:
        return True  # "the first half of 2023": a period, not a share
    if atom.attached and (atom.currency is not None or atom.kind is not Kind.MEASURE):
        return False
    if atom.kind is Kind.MEASURE and atom.form == "words" and atom.num_text[0].isupper():
        unit_word = text[atom.core_end : atom.end].strip(" -")
        if unit_word[:1].isupper():
            return True  # "Twenty Years of the Paris Declaration": a title
    if (
        not atom.attached
        and text[atom.end : atom.end + 1] in ("-", "‐")
        and text[atom.end + 1 : atom.end + 2].isalpha()
    ):
        return True  # "two-way", "four-nation", "10-member": a compound modifier, not a quantity
    if next_word and next_word.lower().rstrip(".,") in _PAGE_WORDS:
        return True  # "122 pp.": the length of a cited work
    # from here on: bare numbers, counts and measures
    if (
        prev_word
        and not prev_quote
        and (prev_lower in NUMBERING_WORDS or prev_word.lower() in NUMBERING_WORDS)
    ):
        return True  # "Chapter 4", "Article 1", "St 566", "No. 5"
    if prev_lower in CITATION_WORDS:
        return True
    if next_word and next_word.lower() in STREET_WORDS and not atom.attached:
        return True  # "24 St 566"
    if atom.attached:
        return False
    if atom.start >= 2 and text[atom.start - 1] in "-–" and text[atom.start - 2].isdigit():
        return True  # the second half of "5-4" or "12-15" that did not read as a range
    if _is_numbering(text, atom):
        return True
    # "ASEAN Plus Three", "the "Three Principles"": a capitalised number word inside a sentence is a name
    return atom.form == "words" and atom.num_text[0].isupper() and _mid_sentence(text, atom.core_start)


def _is_name_context(text: str, atom: _Atom) -> bool:
    """A bare number right after a capitalised word is part of a name ("Vision 2.0", "Boeing 737")."""
    word, quote = _word_before(text, atom.cue_start)
    if not word:
        return False
    if not word[0].isupper():
        return False
    lower = word.lower()
    if lower in TITLE_FUNCTION_WORDS or lower.rstrip(".") in TITLE_FUNCTION_WORDS:
        return False
    if lower.endswith(("'s", "’s")):
        return False
    # "Delivered 5 aircraft": a capitalised first word of a sentence is not a name
    return bool(quote) or _mid_sentence(text, _word_before_start(text, atom.cue_start))


def _is_numbering(text: str, atom: _Atom) -> bool:
    """List and reference numbering: "1)", "(1)", "[12]", "1." at a line start, "- 1 Author"."""
    s, e = atom.start, atom.end
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    if before in "([" and after in ")]":
        return True
    if before in ')”"’]' and s >= 2 and not text[s - 2].isspace():
        return True  # a marker glued after a closing quote or bracket: `said.”12`
    newline = text.rfind("\n", max(0, s - 200), s)
    if newline == -1 and s > 200:
        return False  # far from any line start
    prefix = text[newline + 1 : s]
    if prefix.strip(" \t-–•*·◦▪(#") == "" and "\t" not in prefix:
        if after in ").:" and (e + 1 >= len(text) or not text[e + 1].isdigit()):
            return True
        if atom.form == "digits" and _looks_like_entry(text, e):
            return True  # a numbered reference entry: "- 1 Hiroyuki, Hishiro.", "- 6 ASEAN. "The..."
    return False


_ENTRY_WORD = re.compile(r"[ ]+(?P<quote>[\"“‘'*]?)(?P<word>[A-Z][\w'’.\-&]*)")
_ENTRY_HINT = re.compile(r"[\"“”]|https?://|<|\b(?:19|20)[0-9]{2}\b")


def _looks_like_entry(text: str, pos: int) -> bool:
    """After a line-initial number: a capitalised name, or an acronym in a line that reads like a citation."""
    m = _ENTRY_WORD.match(text, pos)
    if m is None:
        return False
    word = m["word"]
    if m["quote"] or not word.isupper() or word.endswith((".", ",")):
        return True
    line_end = text.find("\n", pos, pos + 400)
    return (
        _ENTRY_HINT.search(text, pos, line_end if line_end != -1 else min(len(text), pos + 400)) is not None
    )


def _mid_sentence(text: str, pos: int) -> bool:
    """True when the text before `pos` continues a sentence (a letter, digit or comma before it)."""
    i = pos - 1
    while i >= 0 and text[i] in " \"“”'‘’([*":
        i -= 1
    if i < 0:
        return False
    ch = text[i]
    return ch.isalnum() or ch in ",;&"


def _title_noun_after_word_number(text: str, atom: _Atom, noun_start: int) -> bool:
    """ "Three Principles on ...": a capitalised number word before a capitalised noun is a title."""
    if not atom.num_text[0].isupper():
        return False
    word = text[noun_start : noun_start + 40].split(" ", 1)[0].strip("()[]\"'")
    if not word or not word[0].isupper() or word.isupper():
        return False
    return word.lower() not in COUNT_ADJECTIVES


# --------------------------------------------------------------------------------------------------
# nouns after counts, table cells, scaled amounts without a unit

_PUNCT_END = ',;:.!?)]}"”’¹²³⁴⁵⁶⁷⁸⁹⁰'


def _next_noun(text: str, pos: int, *, in_table: bool = False) -> tuple[str, int] | None:
    """The noun phrase a count counts, read heuristically (without a parser): words up to a stop."""
    m = WORD_AFTER.match(text, pos)
    if m is None:
        return None
    first = m["word"]
    if first[0] in "([":
        if not in_table:
            return None
        first = first[1:]
    if not first:
        return None
    core = first.rstrip(_PUNCT_END)
    lower = core.lower()
    if not core or lower in FUNCTION_WORDS or lower in MONTHS or lower in TIME_WORDS or lower in WEEKDAYS:
        return None
    if core[0].isdigit() and not any(ch.isalpha() for ch in core):
        return None
    if core[0].isdigit() and parse_unit(core) is not None:
        return None
    start = m.start("word") + (1 if m["word"][0] in "([" else 0)
    words: list[str] = []
    pos_word = start
    for raw in text[start : start + 120].split("\n", 1)[0].split("\t", 1)[0].split(" "):
        if not raw:
            break
        if words and raw[0] in "([":
            break  # "vessels (MRRVs)": the acronym in brackets is not part of the head
        token = raw.strip("([")
        stripped = token.rstrip(_PUNCT_END)
        if not stripped or (words and stripped.lower() in FUNCTION_WORDS):
            break
        words.append(stripped)
        if stripped != token or len(words) >= 5:
            break
        pos_word += len(raw) + 1
    if not words:
        return None
    return " ".join(words), start


_PARTITIVE = re.compile(r" of (?:the |its |their |these |those |our |his |her |all |ASEAN's )?(?=[A-Za-z])")


def _partitive_noun(text: str, pos: int) -> tuple[str, int] | None:
    """ "six of ASEAN member states": the noun phrase after `of` (plural nouns only)."""
    m = _PARTITIVE.match(text, pos)
    if m is None:
        return None
    noun = _next_noun(text, m.end() - 1)
    if noun is None or not noun[0].split(" ")[-1].endswith("s"):
        return None
    return noun


def _vague_noun(text: str, pos: int) -> tuple[str, int] | None:
    m = re.match(r" of (?:the )?", text[pos : pos + 10])
    if not m:
        return None
    return _next_noun(text, pos + m.end() - 1)


def _table_cell(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The (stripped) cell span around [start, end) when its line is a tab-separated row of 3+ cells."""
    bounds = _line_bounds(text, start, end)
    if bounds is None:
        return None
    line_start, line_end = bounds
    if text.count("\t", line_start, line_end) < 2:
        return None
    cell_start = max(text.rfind("\t", line_start, start) + 1, line_start)
    cell_end = text.find("\t", end, line_end)
    if cell_end == -1:
        cell_end = line_end
    raw = text[cell_start:cell_end]
    lead = len(raw) - len(raw.lstrip())
    return cell_start + lead, cell_start + len(raw.rstrip())


_LINE_WINDOW = 4000  # a line longer than this is prose, never a table row (keeps scanning linear)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the line holding [start, end), or None when it is longer than _LINE_WINDOW."""
    lo = max(0, start - _LINE_WINDOW)
    i = text.rfind("\n", lo, start)
    if i == -1 and lo > 0:
        return None
    hi = min(len(text), end + _LINE_WINDOW)
    j = text.find("\n", end, hi)
    if j == -1 and hi < len(text):
        return None
    return i + 1, (j if j != -1 else len(text))


_CUE_WORD = re.compile(r"[A-Za-z$¥€£]+")


def _scaled_kind(text: str, atom: _Atom) -> Kind:
    """A scaled amount with no currency and no noun ("over 3.6 trillion (...)"): money or a head-count?

    The nearest cue word within the clause decides; with none, the amount stays `other`.
    """
    lo = max(0, atom.start - 120)
    hi = min(len(text), atom.end + 120)
    best: tuple[int, Kind] | None = None
    for m in _CUE_WORD.finditer(text, lo, hi):
        word = m.group(0)
        lower = word.lower()
        if lower in POPULATION_CUES:
            kind = Kind.COUNT
        elif lower in MONEY_CUES or currency_code(word) or word in ("$", "¥", "€", "£"):
            kind = Kind.MONEY
        else:
            continue
        distance = atom.start - m.end() if m.end() <= atom.start else m.start() - atom.end
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else Kind.OTHER


# --------------------------------------------------------------------------------------------------
# small helpers

_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z][\w'’.\-&]*)(?P<quote>[\"”’']?)[ ]+\Z")


def _word_before(text: str, pos: int) -> tuple[str, str]:
    """The word just before `pos` on the same line (and a closing quote right after it, if any)."""
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    if m is None:
        return "", ""
    return m["word"], m["quote"]


def _word_before_start(text: str, pos: int) -> int:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.start() if m else pos


def _word_after(text: str, pos: int) -> str:
    m = WORD_AFTER.match(text, pos)
    return m["word"] if m else ""


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
