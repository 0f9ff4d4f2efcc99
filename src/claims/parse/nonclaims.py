"""Every "not a claim" rule, in one place: two ordered tables of small named rules.

`NOT_A_QUANTITY` judges a number core as the scanner reads it (`Atom`): years and dates, times, numbering,
names, titles, footnote markers, scores, addresses. `NOT_A_CLAIM` judges a quantity found in a document
(`Quantity`) with the document's layout: excluded sections, URLs, footnotes, imprint lines, addresses,
time references, page and list numbers, labels, years. Each rule returns a reason (a short snake_case word)
to drop the number, `KEEP` to keep it and stop, or None to let the next rule decide.

A new rule goes into one of the two tables, at the place where it must win over the rules after it, with a
doctest of a real surface form; its word list goes into `claims.lexicon.nonclaims` (or
`claims.lexicon.context`).

>>> reasons("In May 2024, Chapter 4 of the G7 report counted 12 vessels.")
[('2024', 'year'), ('4', 'numbering'), ('12', None)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from claims.lexicon.context import (
    CITATION_WORDS,
    COUNT_ADJECTIVES,
    INVARIANT_PLURALS,
    MONTHS,
    NUMBERING_WORDS,
    SENTENCE_START_NOT_NAMES,
    STREET_WORDS,
    TIME_WORDS,
    TITLE_FUNCTION_WORDS,
    WEEKDAYS,
)
from claims.lexicon.nonclaims import (
    CONTACT_WORDS,
    HALF_PART_WORDS,
    LABEL_WORDS,
    PAGE_WORDS,
    STREET_NAMES_AFTER_NAME,
    STREET_TYPES_AFTER_NUMBER,
    STREET_TYPES_BEFORE_NUMBER,
    TIME_SPAN_AFTER_WORDS,
    TIME_SPAN_DETERMINERS,
    TIME_SPAN_ORDER_WORDS,
    TIME_SPAN_UNITS,
)
from claims.lexicon.numbers import ORDINAL_WORDS
from claims.lexicon.units import UNIT_WORDS
from claims.parse.around import mid_sentence, word_after, word_before, word_before_start
from claims.parse.candidates import Atom, lazy_property
from claims.parse.patterns import CORE
from claims.parse.periods import find_periods
from claims.parse.reading import read_atom
from claims.types import Kind, Quantity

__all__ = [
    "KEEP",
    "NOT_A_CLAIM",
    "NOT_A_QUANTITY",
    "URL",
    "ClaimCheck",
    "LayoutView",
    "PlainLayout",
    "claim_drop_reason",
    "is_name_context",
    "is_year",
    "names_a_model",
    "quantity_drop_reason",
    "reasons",
    "title_noun_after_word_number",
]

KEEP: Final = "keep"
"""A rule's verdict that the number is kept, and no later rule is asked."""

Verdict = str | None


# ==================================================================================================
# part 1: a number core that is not a quantity


class _Around:
    """The words next to one number core, read when a rule first asks and shared by the rules after it."""

    __slots__ = ("_next", "_previous", "atom", "text")

    def __init__(self, text: str, atom: Atom) -> None:
        self.text = text
        self.atom = atom
        self._previous: tuple[str, str, str] | None = None
        self._next: str | None = None

    def _read_previous(self) -> tuple[str, str, str]:
        word, quote = word_before(self.text, self.atom.cue_start)
        self._previous = (word, quote, word.lower().rstrip(".") if word else "")
        return self._previous

    @property
    def prev_word(self) -> str:
        return (self._previous or self._read_previous())[0]

    @property
    def prev_quote(self) -> str:
        return (self._previous or self._read_previous())[1]

    @property
    def prev_lower(self) -> str:
        return (self._previous or self._read_previous())[2]

    @property
    def next_word(self) -> str:
        if self._next is None:
            self._next = word_after(self.text, self.atom.end)
        return self._next

    @property
    def money_or_percent(self) -> bool:
        atom = self.atom
        return atom.currency is not None or atom.kind in (Kind.PERCENT, Kind.MULTIPLIER)


QuantityRule = Callable[[_Around], Verdict]


def is_year(atom: Atom) -> bool:
    """A bare four-digit number between 1800 and 2100.

    >>> [is_year(a) for a in _atoms("in 2024 it cost $2024")]
    [True, False]
    """
    return (
        atom.form == "digits"
        and len(atom.num_text) == 4
        and atom.num_text.isdigit()
        and 1800 <= int(atom.num_text) <= 2100
        and not atom.attached
        and not atom.negative
    )


def _is_year_adjective(atom: Atom) -> bool:
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


def pronoun_one(a: _Around) -> Verdict:
    """ "one of the", "one that": a pronoun or determiner far more often than a count.

    >>> reasons("one of the largest")
    [('one', 'pronoun_one')]
    """
    atom = a.atom
    if atom.form == "words" and atom.num_text.lower() == "one" and not atom.attached:
        return "pronoun_one"
    return None


def year(a: _Around) -> Verdict:
    """A year, or a year qualifying a currency.

    >>> reasons("in 2019 and in constant 2015 US dollars")
    [('2019', 'year'), ('2015 US dollars', 'year')]
    """
    return "year" if is_year(a.atom) or _is_year_adjective(a.atom) else None


def leading_zero(a: _Around) -> Verdict:
    """ "0600 hours", "007": a leading zero makes a clock time or a code, not an amount.

    >>> reasons("at 0600 hours")
    [('0600 hours', 'code')]
    """
    atom = a.atom
    num = atom.num_text
    glued_zero = len(num) > 1 and num[0] == "0" and num[1].isdigit()
    return "code" if atom.form == "digits" and glued_zero and atom.currency is None else None


def month_before(a: _Around) -> Verdict:
    """ "May 10, 2024": a day after a month name (an amount after it is kept: "in May $5 million").

    >>> reasons("on May 10 the board met")
    [('10', 'date')]
    """
    prev = a.prev_word
    if prev and (prev.lower() in MONTHS or a.prev_lower in MONTHS) and prev[0].isupper():
        return KEEP if a.money_or_percent else "date"
    return None


def month_after(a: _Around) -> Verdict:
    """ "8 August 1967": a day before a month name.

    >>> reasons("signed on 8 August")
    [('8', 'date')]
    """
    nxt = a.next_word
    if nxt and nxt.lower().rstrip(".,") in MONTHS and nxt[0].isupper():
        return KEEP if a.money_or_percent else "date"
    return None


def weekday_after(a: _Around) -> Verdict:
    """ "the 14 Tuesday session".

    >>> reasons("from 14 Tuesday onwards")
    [('14', 'date')]
    """
    nxt = a.next_word
    return "date" if nxt and nxt.lower().rstrip(".,") in WEEKDAYS else None


def time_word_after(a: _Around) -> Verdict:
    """ "at 9 GMT", "by 10 o'clock".

    >>> reasons("by 10 GMT")
    [('10', 'time')]
    """
    nxt = a.next_word
    return "time" if nxt and nxt.lower().rstrip(",;") in TIME_WORDS else None


def half_of_period(a: _Around) -> Verdict:
    """ "the first half of 2023": a part of a period, not a share.

    >>> reasons("in the first half of the year")
    [('half', 'period')]
    """
    atom = a.atom
    half = atom.form == "fraction" and atom.num_text.lower() == "half"
    return "period" if half and (a.prev_lower in ORDINAL_WORDS or a.prev_lower in HALF_PART_WORDS) else None


def amount_with_unit(a: _Around) -> Verdict:
    """Money, a percentage, a multiplier or a scaled number is kept from here on.

    >>> reasons("Chapter $40 million")
    [('$40 million', None)]
    """
    atom = a.atom
    if atom.attached and (atom.currency is not None or atom.kind is not Kind.MEASURE):
        return KEEP
    return None


def title_with_unit_word(a: _Around) -> Verdict:
    """ "Twenty Years of the Paris Declaration", "aired on 60 Minutes": capitalised unit words are a title.

    >>> reasons("Twenty Years of the Declaration"), reasons("it aired on 60 Minutes last night")
    ([('Twenty Years', 'title')], [('60 Minutes', 'title')])
    """
    atom = a.atom
    text = a.text
    if atom.kind is not Kind.MEASURE:
        return None
    unit_word = text[atom.core_end : atom.end].strip(" -")
    if atom.form == "words" and atom.num_text[0].isupper() and unit_word[:1].isupper():
        return "title"
    capitalised = unit_word[:1].isupper() and unit_word[1:].islower()
    if (
        atom.form == "digits"
        and capitalised
        and unit_word.lower() in UNIT_WORDS
        and mid_sentence(text, atom.start)
    ):
        return "title"
    return None


def compound_modifier(a: _Around) -> Verdict:
    """ "two-way", "four-nation", "10-member": a compound modifier, not a quantity.

    >>> reasons("a four-nation group")
    [('four', 'compound_modifier')]
    """
    atom = a.atom
    text = a.text
    hyphen = text[atom.end : atom.end + 1] in ("-", "‐")
    return (
        "compound_modifier"
        if not atom.attached and hyphen and text[atom.end + 1 : atom.end + 2].isalpha()
        else None
    )


def page_count(a: _Around) -> Verdict:
    """ "122 pp.": the length of a cited work.

    >>> reasons("Tokyo: JIIA, 122 pp.")
    [('122', 'page_count')]
    """
    nxt = a.next_word
    return "page_count" if nxt and nxt.lower().rstrip(".,") in PAGE_WORDS else None


def numbering_word_before(a: _Around) -> Verdict:
    """ "Chapter 4", "Article 1", "No. 5".

    >>> reasons("under Article 9 of the constitution")
    [('9', 'numbering')]

    "Plus" names a grouping ("ASEAN Plus 3"); "plus" in lower case adds a figure ("32 A330s plus 64 A350s").
    """
    prev = a.prev_word
    if prev == "plus":
        return None
    if prev and not a.prev_quote and (a.prev_lower in NUMBERING_WORDS or prev.lower() in NUMBERING_WORDS):
        return "numbering"
    return None


def citation_word_before(a: _Around) -> Verdict:
    """ "ibid 45", "arXiv 2101": an identifier after a citation word.

    >>> reasons("see ibid 45")
    [('45', 'citation')]
    """
    return "citation" if a.prev_lower in CITATION_WORDS else None


def per_denominator(a: _Around) -> Verdict:
    """ "per 100,000 live births": the denominator of a rate, not an amount.

    >>> reasons("deaths per 100,000 people")
    [('100,000', 'rate_denominator')]
    """
    return "rate_denominator" if a.prev_lower == "per" and not a.atom.attached else None


_TITLED_OF = re.compile(r"(?P<word>[A-Z][a-z]+)[ ]of[ ]+\Z")


def titled_of(a: _Around) -> Verdict:
    """ "the Group of 20", "the Committee of 100": a name.

    >>> reasons("leaders of the Group of 20 met")
    [('20', 'name')]
    """
    if a.prev_lower != "of" or a.atom.attached:
        return None
    pos = a.atom.cue_start
    m = _TITLED_OF.search(a.text, max(0, pos - 30), pos)
    return "name" if m is not None and mid_sentence(a.text, m.start()) else None


def street_word_after(a: _Around) -> Verdict:
    """ "24 St 566": a house number.

    >>> reasons("the office at 24 Street 566")
    [('24', 'address'), ('566', 'numbering')]
    """
    nxt = a.next_word
    return "address" if nxt and nxt.lower() in STREET_WORDS and not a.atom.attached else None


def measure_kept(a: _Around) -> Verdict:
    """A measure with its unit is kept from here on.

    >>> reasons("a 2,215 meters bridge")
    [('2,215 meters', None)]
    """
    return KEEP if a.atom.attached else None


def score_second_half(a: _Around) -> Verdict:
    """The second half of "5-4" or "12-15" that did not read as a range.

    >>> reasons("they won 3-2")
    [('3', 'score'), ('2', 'score')]
    """
    start = a.atom.start
    text = a.text
    return "score" if start >= 2 and text[start - 1] in "-–" and text[start - 2].isdigit() else None


def score_first_half(a: _Around) -> Verdict:
    """The first half of a score or tally ("a 3-2 vote", "won 2-1") that is not a range.

    >>> reasons("a 6-3 vote")
    [('6', 'score'), ('3', 'score')]
    """
    end = a.atom.end
    text = a.text
    return "score" if text[end : end + 1] in ("-", "–") and text[end + 1 : end + 2].isdigit() else None


def list_numbering(a: _Around) -> Verdict:
    """List and reference numbering: "1)", "(1)", "[12]", "1." at a line start, "- 1 Author", `said.”12`.

    >>> reasons("(2) the fund"), reasons("- 6 Hiroyuki, Hishiro. Japan")
    ([('2', 'numbering')], [('6', 'numbering')])
    """
    return "numbering" if _is_numbering(a.text, a.atom) else None


def capitalised_number_word(a: _Around) -> Verdict:
    """ "ASEAN Plus Three", the "Three Principles": a capitalised number word inside a sentence is a name.

    >>> reasons("a deal with Three Rivers Ltd")
    [('Three', 'name')]
    """
    atom = a.atom
    if atom.form == "words" and atom.num_text[0].isupper() and mid_sentence(a.text, atom.core_start):
        return "name"
    return None


NOT_A_QUANTITY: tuple[QuantityRule, ...] = (
    pronoun_one,
    year,
    leading_zero,
    month_before,
    month_after,
    weekday_after,
    time_word_after,
    half_of_period,
    amount_with_unit,
    title_with_unit_word,
    compound_modifier,
    page_count,
    numbering_word_before,
    citation_word_before,
    per_denominator,
    titled_of,
    street_word_after,
    measure_kept,
    score_second_half,
    score_first_half,
    list_numbering,
    capitalised_number_word,
)
"""The rules of `quantity_drop_reason`, in the order they are asked."""


def quantity_drop_reason(text: str, atom: Atom) -> str | None:
    """Why the number core `atom` of `text` is not a quantity, or None when it is one.

    >>> [quantity_drop_reason("on 8 August", a) for a in _atoms("on 8 August")]
    ['date']
    """
    around = _Around(text, atom)
    for rule in NOT_A_QUANTITY:
        verdict = rule(around)
        if verdict is not None:
            return None if verdict == KEEP else verdict
    return None


def is_name_context(text: str, atom: Atom) -> bool:
    """A bare number right after a capitalised word is part of a name ("Vision 2.0", "Boeing 737").

    A weekday is no name: "on Tuesday 87 people were missing" counts people.

    >>> [is_name_context(t, a) for t in ("the Boeing 737 jets", "Delivered 5 aircraft") for a in _atoms(t)]
    [True, False]
    >>> [is_name_context(t, a) for t in ("on Tuesday 87 people",) for a in _atoms(t)]
    [False]
    """
    word, quote = word_before(text, atom.cue_start)
    if not word:
        return False
    if not word[0].isupper():
        return False
    lower = word.lower()
    if lower in TITLE_FUNCTION_WORDS or lower.rstrip(".") in TITLE_FUNCTION_WORDS:
        return False
    if lower.rstrip(".,") in WEEKDAYS:
        return False
    if lower.endswith(("'s", "’s")):
        return False
    if bool(quote) or mid_sentence(text, word_before_start(text, atom.cue_start)):
        return True
    # First word of a sentence: "Delivered 5 aircraft", "Only 3 remain" are not names; "Scope 1
    # emissions", "Phase 2 trials" are (a capitalised noun, not a verb form, directly before the digits)
    return (
        atom.form == "digits"
        and word.isalpha()
        and not word.isupper()
        and not lower.endswith(("ed", "ing"))
        and lower not in SENTENCE_START_NOT_NAMES
    )


def names_a_model(counted: str) -> bool:
    """ "787 Dreamliner fleet", "911 Carrera engine": a capitalised name after the number, then a singular
    noun, is a model or a title (a count of more than one would end in a plural).

    >>> names_a_model("Dreamliner fleet"), names_a_model("Harpoon missiles"), names_a_model("F-16 jet")
    (True, False, False)
    >>> names_a_model("Boston fans cheered")
    False
    """
    words = counted.split()
    if len(words) < 2:
        return False
    if any(w.endswith("s") and w[:1].islower() and len(w) > 3 for w in words[1:-1]):
        return False  # "96 Liverpool fans went": a plural noun ends the phrase before the verb
    first, last = words[0], words[-1].lower()
    if not (first[:1].isupper() and first[1:].islower() and first.isalpha()):
        return False  # acronyms and codes ("F-16", "TC-90", "14 UAV for ...") keep their counts
    if first.lower() in COUNT_ADJECTIVES or first.lower() in TITLE_FUNCTION_WORDS:
        return False
    return not last.endswith("s") and last not in INVARIANT_PLURALS


def title_noun_after_word_number(text: str, atom: Atom, noun_start: int) -> bool:
    """ "Three Principles on ...": a capitalised number word before a capitalised noun is a title.

    >>> text = "the Three Principles on exports"
    >>> [title_noun_after_word_number(text, a, 10) for a in _atoms(text)]
    [True]
    """
    if not atom.num_text[0].isupper():
        return False
    word = text[noun_start : noun_start + 40].split(" ", 1)[0].strip("()[]\"'.,;:")
    if not word or not word[0].isupper() or word.isupper() or word.removesuffix("s").isupper():
        return False  # an acronym ("A dozen NGOs") is not a title word
    return word.lower() not in COUNT_ADJECTIVES


def _is_numbering(text: str, atom: Atom) -> bool:
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


def _atoms(text: str) -> list[Atom]:
    """The number cores of `text` as the scanner reads them (for the examples)."""
    return [a for m in CORE.finditer(text) if (a := read_atom(text, m)) is not None]


def reasons(text: str) -> list[tuple[str, str | None]]:
    """Each number core of `text` with the reason it is not a quantity (None: it is one).

    A tool to see which rule of `NOT_A_QUANTITY` decides; the scanner also drops numbers in URLs and other
    blocked regions and reads ranges before these rules are asked.

    >>> reasons("Phase 2 trials enrolled 300 patients")
    [('2', 'numbering'), ('300', None)]
    """
    return [(text[a.start : a.end], quantity_drop_reason(text, a)) for a in _atoms(text)]


# ==================================================================================================
# part 2: a quantity in a document that is not a claim


class LayoutView(Protocol):
    """What the claim rules ask of a document's layout (`claims.segment.Layout` has these)."""

    def is_excluded(self, offset: int) -> bool: ...

    def footnotes_between(self, start: int, end: int) -> Sequence[object]: ...

    def table_at(self, offset: int) -> object | None: ...


class PlainLayout:
    """The layout of a text with no sections, tables or footnotes (a sentence, a line of input)."""

    def is_excluded(self, offset: int) -> bool:
        return False

    def footnotes_between(self, start: int, end: int) -> Sequence[object]:
        return ()

    def table_at(self, offset: int) -> object | None:
        return None


URL = re.compile(r"<?(?:https?://|www\.)[^\s>]+>?|[\w.+-]+@[\w-]+\.[\w.]+")
"""URLs and e-mail addresses: no number inside one is a claim."""

_IMPRINT_LINE = re.compile(
    rf"""\bISBN\b|\bISSN\b                           # book and serial numbers
      |\bdoi\s*:|\bdoi\.org/|(?-i:\bDOI\b)            # DOIs (not `Doi Moi`)
      |©|\bcopyright\s+(?:\(c\)|\d{{4}})|\ball\s+rights\s+reserved\b   # imprint lines
      |\b(?:{"|".join(CONTACT_WORDS)})\b\.?\s*(?::|\+?\(?\d)   # `Tel: +65 ...`, `Fax (02) ...`
      |\bp\.?\s?o\.?\s*box\b                           # post-office boxes""",
    re.VERBOSE | re.IGNORECASE,
)
_ADDRESS = re.compile(
    rf"""\b\d{{1,5}}[A-Z]?,?\s+(?:{"|".join(STREET_TYPES_AFTER_NUMBER)})\b\.?   # "24 Jalan", "10 Downing St."
      (?:\s+\d{{1,5}})?                                                         # "St 566"
      |\b(?:{"|".join(STREET_TYPES_BEFORE_NUMBER)})\.?\s+\d{{1,5}}\b             # "Soi 12"
      |\b\d{{1,5}}(?:[-–]\d{{1,5}})?\s+(?:[NSEW]\.?\s+)?(?:\d{{1,3}}(?:st|nd|rd|th)\s+)?  # "9 E 71st St"
        (?:[A-Z][a-z]+\s+){{0,3}}(?:{"|".join(STREET_NAMES_AFTER_NAME)})\b        # "16-18 Harbour Road" """,
    re.VERBOSE,
)
_LABEL_BEFORE = re.compile(
    rf"""(?:\b(?:{"|".join(re.escape(w) for w in LABEL_WORDS)})\s*)$   # "Chapter ", "pp. ", "No." """,
    re.VERBOSE | re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"\s*(?:[-•*▪]\s*)?\(?$")  # matched from the line's start to the number
_PAGE_DECORATION = frozenset(" \t-–•*.()[]")
"""What may stand around a page number on its line (`- 14 -`, `[14]`, `• 14 •`)."""
_LIST_AFTER = re.compile(r"^\s*[.)](?!\d)")
_TIME_SPAN_BEFORE = re.compile(
    rf"""(?:\b(?:{"|".join(TIME_SPAN_DETERMINERS)})\s+          # "the", "its"
      (?:{"|".join(TIME_SPAN_ORDER_WORDS)})\s+)$                  # "past", "first" """,
    re.VERBOSE | re.IGNORECASE,
)
_TIME_SPAN_AFTER = re.compile(rf"^\s+(?:{'|'.join(TIME_SPAN_AFTER_WORDS)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimCheck:
    """One quantity of a document and what the claim rules read around it."""

    text: str
    layout: LayoutView
    quantity: Quantity
    url_spans: Sequence[tuple[int, int]] = ()

    @lazy_property
    def lines(self) -> TextLines:
        """The text's lines, indexed once per text (shared by the checks of its quantities)."""
        return lines_of(self.text)

    @lazy_property
    def line(self) -> tuple[int, int]:
        """(start, end) of the line holding the quantity (`claims.parse.around.line_bounds`)."""
        return self.lines.bounds(self.quantity.start, self.quantity.end)


class TextLines:
    """The lines of one text and what the line rules read of each line, each computed once.

    A rule that reads the whole line of every figure (an imprint, an address, a page number) costs the
    line's length per figure: on a scraped page that is one long line, the figures times the line. Here
    the newlines are indexed once per text and each line is searched once, whatever the figures on it.

    >>> lines = TextLines("Intro\\nTel: +65 6123 4567\\nEnd")
    >>> lines.bounds(11, 14), lines.imprint(6, 24), lines.bounds(0, 2)
    ((6, 24), True, (0, 5))
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines: list[int] | None = None
        self._imprint: dict[int, bool] = {}
        self._addresses: dict[int, tuple[list[int], list[int]]] = {}
        self._stripped: dict[int, tuple[int, int]] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The same answer as `line_bounds(text, start, end)`, by bisection in the newline index."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        newlines = self._newlines
        before = bisect.bisect_left(newlines, start)
        after = bisect.bisect_left(newlines, end)
        line_start = newlines[before - 1] + 1 if before else 0
        return line_start, newlines[after] if after < len(newlines) else len(self.text)

    def imprint(self, ls: int, le: int) -> bool:
        """The line [ls, le) is an imprint line (`_IMPRINT_LINE`)."""
        found = self._imprint.get(ls)
        if found is None:
            found = self._imprint[ls] = _IMPRINT_LINE.search(self.text, ls, le) is not None
        return found

    def address_at(self, ls: int, le: int, offset: int) -> bool:
        """`offset` lies inside an address (`_ADDRESS`) of the line [ls, le): the line's addresses are found
        once, then bisected."""
        spans = self._addresses.get(ls)
        if spans is None:
            matches = list(_ADDRESS.finditer(self.text[ls:le]))
            spans = self._addresses[ls] = ([m.start() + ls for m in matches], [m.end() + ls for m in matches])
        starts, ends = spans
        i = bisect.bisect_right(starts, offset) - 1  # matches do not overlap: only the last one before
        return i >= 0 and offset < ends[i]

    def stripped(self, ls: int, le: int) -> tuple[int, int]:
        """The line [ls, le) without the decoration around a page number (`_PAGE_DECORATION`)."""
        found = self._stripped.get(ls)
        if found is None:
            text, start, end = self.text, ls, le
            while start < end and text[start] in _PAGE_DECORATION:
                start += 1
            while end > start and text[end - 1] in _PAGE_DECORATION:
                end -= 1
            found = self._stripped[ls] = (start, end)
        return found


_RECENT_TEXTS = 4
_recent_lines: dict[int, TextLines] = {}


def lines_of(text: str) -> TextLines:
    """The `TextLines` of `text`, kept for the few texts read last (the rules read one document's quantities
    in a row; a few threads may read a document each). Found by identity, so no text is hashed or compared.

    >>> text = "a\\nb"
    >>> lines_of(text) is lines_of(text)
    True
    """
    lines = _recent_lines.get(id(text))
    if lines is None or lines.text is not text:
        lines = TextLines(text)
        _recent_lines.pop(id(text), None)
        while len(_recent_lines) >= _RECENT_TEXTS:
            try:
                _recent_lines.pop(next(iter(_recent_lines)), None)
            except (StopIteration, RuntimeError):  # emptied or changed by another thread meanwhile
                break
        _recent_lines[id(text)] = lines
    return lines


ClaimRule = Callable[[ClaimCheck], Verdict]


def _check(text: str, surface: str, kind: Kind = Kind.OTHER, unit: str | None = None) -> ClaimCheck:
    """A `ClaimCheck` of the first `surface` in `text`, read as a quantity of `kind` (for the examples)."""
    start = text.index(surface)
    end = start + len(surface)
    quantity = Quantity(start=start, end=end, surface=surface, value=None, unit=unit, kind=kind)
    return ClaimCheck(text, PlainLayout(), quantity, [m.span() for m in URL.finditer(text)])


def excluded_section(c: ClaimCheck) -> Verdict:
    """Front matter, a table of contents, a reference list or a footnote definition.

    >>> class Contents(PlainLayout):  # a layout whose first line is a table of contents
    ...     def is_excluded(self, offset): return offset < 20
    >>> text = "Chapter 3 .... 47\\nThe fund holds $2 billion."
    >>> checks = [ClaimCheck(text, Contents(), _check(text, s).quantity) for s in ("47", "$2 billion")]
    >>> [excluded_section(c) for c in checks]
    ['excluded_section', None]
    """
    return "excluded_section" if c.layout.is_excluded(c.quantity.start) else None


def inside_url(c: ClaimCheck) -> Verdict:
    """A number inside a URL or an e-mail address.

    >>> inside_url(_check("see www.example.org/table-12 today", "12"))
    'url'
    """
    start = c.quantity.start
    return "url" if any(s <= start < e for s, e in c.url_spans) else None


def footnote_marker(c: ClaimCheck) -> Verdict:
    """A footnote marker the layout found inside the quantity's span.

    >>> class Notes(PlainLayout):  # a layout that found the marker "12" after "said."
    ...     def footnotes_between(self, start, end): return ["12"] if start <= 9 < end else []
    >>> text = "He said.12 More later."
    >>> footnote_marker(ClaimCheck(text, Notes(), _check(text, "12").quantity))
    'footnote'
    """
    return "footnote" if c.layout.footnotes_between(c.quantity.start, c.quantity.end) else None


def imprint_line(c: ClaimCheck) -> Verdict:
    """A line with an ISBN, a DOI, a copyright notice or a telephone number.

    >>> imprint_line(_check("Copyright 2021 by the authors; 300 copies printed", "300", Kind.COUNT))
    'imprint'
    """
    ls, le = c.line
    return "imprint" if c.lines.imprint(ls, le) else None


def street_address(c: ClaimCheck) -> Verdict:
    """A house or street number.

    >>> street_address(_check("Our office: 12 Jalan Ampang, Kuala Lumpur", "12"))
    'address'
    >>> street_address(_check("a lease at 4-6 Harbour View Road", "4-6"))
    'address'
    """
    ls, le = c.line
    return "address" if c.lines.address_at(ls, le, c.quantity.start) else None


def time_reference(c: ClaimCheck) -> Verdict:
    """A duration that only places something in time (`in the first seven months`, `over the past five
    years`, `two years ago`).

    >>> time_reference(_check("Sales rose in the first seven months.", "seven months", Kind.MEASURE, "month"))
    'time_reference'
    """
    q, text = c.quantity, c.text
    if q.kind != Kind.MEASURE or q.unit not in TIME_SPAN_UNITS:
        return None
    if _TIME_SPAN_BEFORE.search(text[max(0, q.start - 30) : q.start]) or _TIME_SPAN_AFTER.match(
        text[q.end : q.end + 12]
    ):
        return "time_reference"
    return None


def page_number(c: ClaimCheck) -> Verdict:
    """A bare whole number alone on its line (outside a table): a page number; a figure with a sign, a
    decimal point, a unit or a currency ("+13.9%" under a dashboard's label) is not.

    >>> page_number(_check("end of the page\\n 14 \\nnext page", "14"))
    'page_number'
    >>> page_number(_check("Total revenue\\n$170B\\n+13.9%\\n", "+13.9%")) is None
    True
    """
    q = c.quantity
    if not q.surface.strip().isdigit():
        return None
    ls, le = c.line
    in_table = c.layout.table_at(q.start) is not None
    if in_table:
        return None
    start, end = c.lines.stripped(ls, le)
    surface = q.surface.strip()
    if end - start == len(surface) and c.text.startswith(surface, start):
        return "page_number"
    return None


def list_number(c: ClaimCheck) -> Verdict:
    """A list number at the start of its line: "1.", "(2)", "- 3)".

    >>> list_number(_check("Goals:\\n3) 40 new schools", "3"))
    'list_number'
    """
    q, text = c.quantity, c.text
    ls, _ = c.line
    if _LIST_NUMBER.match(text, ls, q.start) and _LIST_AFTER.match(text[q.end : q.end + 3]):
        return "list_number"
    return None


def label_number(c: ClaimCheck) -> Verdict:
    """A count or bare number right after a label ("Table 3 vessels", "#5 ranked").

    >>> label_number(_check("as in Figure 3 schools closed", "3", Kind.COUNT))
    'label_number'
    """
    q, text = c.quantity, c.text
    ls, _ = c.line
    if _LABEL_BEFORE.search(text[max(ls, q.start - 20) : q.start]) and q.kind in {Kind.OTHER, Kind.COUNT}:
        return "label_number"
    return None


def year_reference(c: ClaimCheck) -> Verdict:
    """A bare number the period reader takes for a year or a date ("FY 2024", "in 1999-2000").

    >>> year_reference(_check("sales in FY 2024 rose", "2024"))
    'year'
    """
    q, text = c.quantity, c.text
    if q.kind != Kind.OTHER:
        return None
    ls, le = c.line
    lo = max(ls, q.start - 12)
    window = text[lo : min(le, q.end + 12)]
    if any(m.relation != "price_base" for m in find_periods(window) if m.start <= q.start - lo < m.end):
        return "year"
    return None


NOT_A_CLAIM: tuple[ClaimRule, ...] = (
    excluded_section,
    inside_url,
    footnote_marker,
    imprint_line,
    street_address,
    time_reference,
    page_number,
    list_number,
    label_number,
    year_reference,
)
"""The rules of `claim_drop_reason`, in the order they are asked."""


def claim_drop_reason(
    text: str, layout: LayoutView, quantity: Quantity, url_spans: Sequence[tuple[int, int]] = ()
) -> str:
    """Why `quantity` (offsets into `text`) is not a claim, or "" to keep it.

    `url_spans`: the spans of `URL` in the text (found once per document by the caller).

    >>> text = "The fund gave $5 million; see Table 7 rows."
    >>> [claim_drop_reason(text, PlainLayout(), _check(text, s, k).quantity) for s, k in
    ...  [("$5 million", Kind.MONEY), ("7", Kind.OTHER)]]
    ['', 'label_number']
    """
    check = ClaimCheck(text, layout, quantity, url_spans)
    for rule in NOT_A_CLAIM:
        verdict = rule(check)
        if verdict is not None:
            return "" if verdict == KEEP else verdict
    return ""
