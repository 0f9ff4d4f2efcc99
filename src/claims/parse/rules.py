"""Context rules of the quantity scanner: what is not a quantity, what a count counts, table cells.

Years and dates, numbering, names, footnote markers and reference entries are recognised here from the
text around a number; so are the noun phrase after a count and the cell of a tab-separated table row.
"""

from __future__ import annotations

import re

from claims.lexicon.context import (
    CHANGE_STEMS,
    CHANGE_WORDS,
    CITATION_WORDS,
    COUNT_ADJECTIVES,
    FUNCTION_WORDS,
    INVARIANT_PLURALS,
    MONEY_CUES,
    MONTHS,
    NUMBERING_WORDS,
    POPULATION_CUES,
    RANGE_CUES,
    SENTENCE_START_NOT_NAMES,
    STREET_WORDS,
    TIME_WORDS,
    TITLE_FUNCTION_WORDS,
    WEEKDAYS,
)
from claims.lexicon.numbers import (
    ORDINAL_WORDS,
)
from claims.lexicon.units import UNIT_WORDS
from claims.parse.candidates import Atom
from claims.parse.money import currency_code
from claims.parse.patterns import (
    WORD_AFTER,
)
from claims.parse.units import parse_unit
from claims.types import Kind

_HALF_ORDINALS = ORDINAL_WORDS | {"latter", "former", "other", "back", "front", "top", "bottom"}
_PAGE_WORDS = frozenset({"pp", "pages", "page", "p"})


def _is_year_adjective(text: str, atom: Atom) -> bool:
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


def is_year(atom: Atom) -> bool:
    return (
        atom.form == "digits"
        and len(atom.num_text) == 4
        and atom.num_text.isdigit()
        and 1800 <= int(atom.num_text) <= 2100
        and not atom.attached
        and not atom.negative
    )


def is_dropped(text: str, atom: Atom) -> bool:
    """Numbers that are not quantities: years, dates, numbering, names, addresses, footnote markers."""
    money_or_percent = atom.currency is not None or atom.kind in (Kind.PERCENT, Kind.MULTIPLIER)
    if atom.form == "words" and atom.num_text.lower() == "one" and not atom.attached:
        return True  # "one of the", "one that": a pronoun or determiner far more often than a count
    if is_year(atom) or _is_year_adjective(text, atom):
        return True
    if (
        atom.form == "digits"
        and len(atom.num_text) > 1
        and atom.num_text[0] == "0"
        and atom.num_text[1].isdigit()
        and atom.currency is None
    ):
        return True  # "0600 hours", "007": a leading zero makes a clock time or a code, not an amount
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
    if atom.kind is Kind.MEASURE and atom.form == "digits" and _mid_sentence(text, atom.start):
        unit_word = text[atom.core_end : atom.end].strip(" -")
        if unit_word.lower() in UNIT_WORDS and unit_word[0].isupper() and unit_word[1:].islower():
            return True  # "aired on 60 Minutes": a capitalised unit word inside a sentence is a title
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
    if prev_lower == "per" and not atom.attached:
        return True  # "per 100,000 live births": the denominator of a rate, not an amount
    if prev_lower == "of" and not atom.attached and _titled_of(text, atom.cue_start):
        return True  # "the Group of 20", "the Committee of 100": a name
    if next_word and next_word.lower() in STREET_WORDS and not atom.attached:
        return True  # "24 St 566"
    if atom.attached:
        return False
    if atom.start >= 2 and text[atom.start - 1] in "-–" and text[atom.start - 2].isdigit():
        return True  # the second half of "5-4" or "12-15" that did not read as a range
    if text[atom.end : atom.end + 1] in ("-", "–") and text[atom.end + 1 : atom.end + 2].isdigit():
        return True  # the first half of a score or tally ("a 3-2 vote", "won 2-1") that is not a range
    if _is_numbering(text, atom):
        return True
    # "ASEAN Plus Three", "the "Three Principles"": a capitalised number word inside a sentence is a name
    return atom.form == "words" and atom.num_text[0].isupper() and _mid_sentence(text, atom.core_start)


_TITLED_OF = re.compile(r"(?P<word>[A-Z][a-z]+)[ ]of[ ]+\Z")


def _titled_of(text: str, pos: int) -> bool:
    """ "Group of " right before `pos`, inside a sentence."""
    m = _TITLED_OF.search(text, max(0, pos - 30), pos)
    return m is not None and _mid_sentence(text, m.start())


def is_name_context(text: str, atom: Atom) -> bool:
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
    if bool(quote) or _mid_sentence(text, _word_before_start(text, atom.cue_start)):
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


def _mid_sentence(text: str, pos: int) -> bool:
    """True when the text before `pos` continues a sentence (a letter, digit or comma before it)."""
    i = pos - 1
    while i >= 0 and text[i] in " \"“”'‘’([*":
        i -= 1
    if i < 0:
        return False
    ch = text[i]
    return ch.isalnum() or ch in ",;&"


def names_a_model(counted: str) -> bool:
    """ "787 Dreamliner fleet", "911 Carrera engine": a capitalised name after the number, then a singular
    noun, is a model or a title (a count of more than one would end in a plural).

    >>> names_a_model("Dreamliner fleet"), names_a_model("Harpoon missiles"), names_a_model("F-16 jet")
    (True, False, False)
    """
    words = counted.split()
    if len(words) < 2:
        return False
    first, last = words[0], words[-1].lower()
    if not (first[:1].isupper() and first[1:].islower() and first.isalpha()):
        return False  # acronyms and codes ("F-16", "TC-90", "14 UAV for ...") keep their counts
    if first.lower() in COUNT_ADJECTIVES or first.lower() in TITLE_FUNCTION_WORDS:
        return False
    return not last.endswith("s") and last not in INVARIANT_PLURALS


def title_noun_after_word_number(text: str, atom: Atom, noun_start: int) -> bool:
    """ "Three Principles on ...": a capitalised number word before a capitalised noun is a title."""
    if not atom.num_text[0].isupper():
        return False
    word = text[noun_start : noun_start + 40].split(" ", 1)[0].strip("()[]\"'.,;:")
    if not word or not word[0].isupper() or word.isupper() or word.removesuffix("s").isupper():
        return False  # an acronym ("A dozen NGOs") is not a title word
    return word.lower() not in COUNT_ADJECTIVES


# --------------------------------------------------------------------------------------------------
# nouns after counts, table cells, scaled amounts without a unit

_PUNCT_END = ',;:.!?)]}"”’¹²³⁴⁵⁶⁷⁸⁹⁰'


def next_noun(text: str, pos: int, *, in_table: bool = False) -> tuple[str, int] | None:
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


def partitive_noun(text: str, pos: int) -> tuple[str, int] | None:
    """ "six of ASEAN member states": the noun phrase after `of` (plural nouns only)."""
    m = _PARTITIVE.match(text, pos)
    if m is None:
        return None
    noun = next_noun(text, m.end() - 1)
    if noun is None or not noun[0].split(" ")[-1].endswith("s"):
        return None
    return noun


def vague_noun(text: str, pos: int) -> tuple[str, int] | None:
    m = re.match(r" of (?:the )?", text[pos : pos + 10])
    if not m:
        return None
    return next_noun(text, pos + m.end() - 1)


def table_cell(text: str, start: int, end: int) -> tuple[int, int] | None:
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


def scaled_kind(text: str, atom: Atom) -> Kind:
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
# ranges or two values

_CLAUSE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[.;:!?\n]")


def change_before(text: str, pos: int, *, words: int = 10) -> bool:
    """A word of change in the clause before `pos`, nearer than any range cue.

    >>> change_before("The fee will rise from ", 18)
    True
    >>> change_before("The tax applies to incomes from ", 27)
    False
    >>> change_before("Prices rose for goods ranging from ", 29)
    False
    """
    found = _CLAUSE_WORD.findall(text, max(0, pos - 12 * words), pos)
    for word in reversed(found[-words:]):
        if word in ".;:!?\n":
            return False
        lower = word.lower()
        if lower in RANGE_CUES:
            return False
        if lower in CHANGE_WORDS or lower.startswith(CHANGE_STEMS):
            return True
    return False


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
