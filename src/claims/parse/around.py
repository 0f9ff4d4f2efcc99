"""What is written around a number: the words before and after it, the noun phrase a count counts, the
cell of a tab-separated table row, the line that holds it, and cue words (money or people, change or range).

These readers say what the text around a number is; the decisions that a number is not a quantity or not a
claim live in `claims.parse.nonclaims`.
"""

from __future__ import annotations

import re

from claims.lexicon.context import (
    CHANGE_STEMS,
    CHANGE_WORDS,
    FUNCTION_WORDS,
    MONEY_CUES,
    MONTHS,
    POPULATION_CUES,
    RANGE_CUES,
    TIME_WORDS,
    WEEKDAYS,
)
from claims.parse.candidates import Atom
from claims.parse.money import currency_code
from claims.parse.patterns import (
    WORD_AFTER,
)
from claims.parse.units import parse_unit
from claims.types import Kind

__all__ = [
    "LINE_WINDOW",
    "change_before",
    "line_bounds",
    "mid_sentence",
    "next_noun",
    "partitive_noun",
    "scaled_kind",
    "table_cell",
    "vague_noun",
    "word_after",
    "word_before",
    "word_before_start",
]


# --------------------------------------------------------------------------------------------------
# nouns after counts, table cells, scaled amounts without a unit

_PUNCT_END = ',;:.!?)]}"”’¹²³⁴⁵⁶⁷⁸⁹⁰'


def _can_start_noun(first: str) -> bool:
    """Whether the word after a number can start what it counts: no function word, month, weekday or time
    word, no bare number and no unit symbol ("5 in", "2024 March", "3 10kg")."""
    core = first.rstrip(_PUNCT_END)
    lower = core.lower()
    if not core or lower in FUNCTION_WORDS or lower in MONTHS or lower in TIME_WORDS or lower in WEEKDAYS:
        return False
    return not (core[0].isdigit() and (not any(ch.isalpha() for ch in core) or parse_unit(core) is not None))


def _noun_words(text: str, start: int) -> list[str]:
    """The words from `start` to the first stop: a function word, punctuation, a bracket, a line or cell
    end, or five words."""
    words: list[str] = []
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
    return words


def next_noun(text: str, pos: int, *, in_table: bool = False) -> tuple[str, int] | None:
    """The noun phrase a count counts, read heuristically (without a parser): words up to a stop.

    >>> next_noun("7 patrol vessels, built in Japan", 1), next_noun("in 2024 in March", 7)
    (('patrol vessels', 2), None)
    """
    m = WORD_AFTER.match(text, pos)
    if m is None:
        return None
    first = m["word"]
    if first[0] in "([":
        if not in_table:
            return None
        first = first[1:]
    if not first or not _can_start_noun(first):
        return None
    start = m.start("word") + (1 if m["word"][0] in "([" else 0)
    words = _noun_words(text, start)
    return (" ".join(words), start) if words else None


_PARTITIVE = re.compile(
    r" of (?:the |its |their |these |those |our |his |her |all |ASEAN's )?(?:[0-9][0-9,]* )?(?=[A-Za-z])"
)


def partitive_noun(text: str, pos: int) -> tuple[str, int] | None:
    """ "six of ASEAN member states", "15 of the 17 races": the noun phrase after `of` (plural nouns only).

    >>> partitive_noun("15 of the 17 official races", 2), partitive_noun("one of the pilots several times", 3)
    (('official races', 13), ('pilots', 11))
    """
    m = _PARTITIVE.match(text, pos)
    if m is None:
        return None
    noun = next_noun(text, m.end() - 1)
    if noun is None:
        return None
    words = noun[0].split(" ")
    for i, word in enumerate(words):  # the phrase ends at its first plural ("the students several times")
        if word.endswith("s") and len(word) > 2:
            return " ".join(words[: i + 1]), noun[1]
    return None


def vague_noun(text: str, pos: int) -> tuple[str, int] | None:
    m = re.match(r" of (?:the )?", text[pos : pos + 10])
    if not m:
        return None
    return next_noun(text, pos + m.end() - 1)


def table_cell(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The (stripped) cell span around [start, end) when its line is a tab-separated row of 3+ cells."""
    bounds = line_bounds(text, start, end, window=LINE_WINDOW)
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


LINE_WINDOW = 4000  # a line longer than this is prose, never a table row (keeps scanning linear)


def line_bounds(text: str, start: int, end: int, *, window: int | None = None) -> tuple[int, int] | None:
    """(start, end) of the line holding [start, end).

    With `window`, None when the line reaches further than `window` characters on either side (a line that
    long is prose; the bound keeps scanning linear). Without it, the whole line however long.

    >>> text = "Intro\\nUSA\\t997.0\\t3.4\\nEnd"
    >>> line_bounds(text, 10, 15)
    (6, 19)
    >>> line_bounds("x" * 50 + " 12 " + "y" * 50, 51, 53, window=20) is None
    True
    """
    if window is None:
        s = text.rfind("\n", 0, start) + 1
        e = text.find("\n", end)
        return s, (len(text) if e < 0 else e)
    lo = max(0, start - window)
    i = text.rfind("\n", lo, start)
    if i == -1 and lo > 0:
        return None
    hi = min(len(text), end + window)
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


def word_before(text: str, pos: int) -> tuple[str, str]:
    """The word just before `pos` on the same line (and a closing quote right after it, if any).

    >>> word_before('the "Vision" 2030 plan', 13)
    ('Vision', '"')
    """
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    if m is None:
        return "", ""
    return m["word"], m["quote"]


def word_before_start(text: str, pos: int) -> int:
    """Where the word just before `pos` starts (`pos` itself when there is none).

    >>> word_before_start("Boeing 737", 7)
    0
    """
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.start() if m else pos


def word_after(text: str, pos: int) -> str:
    """The word right after `pos` (after spaces), with its trailing punctuation.

    >>> word_after("8 August 1967", 1)
    'August'
    """
    m = WORD_AFTER.match(text, pos)
    return m["word"] if m else ""


def mid_sentence(text: str, pos: int) -> bool:
    """True when the text before `pos` continues a sentence (a letter, digit or comma before it).

    >>> mid_sentence("ASEAN Plus Three", 11), mid_sentence("He left. Three came", 9)
    (True, False)
    """
    i = pos - 1
    while i >= 0 and text[i] in " \"“”'‘’([*":
        i -= 1
    if i < 0:
        return False
    ch = text[i]
    return ch.isalnum() or ch in ",;&"
