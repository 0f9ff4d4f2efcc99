"""The sense of a unit symbol that names different units in different subjects, read from the sentence.

"2.5 F" across a capacitor is farads and "95F" in a weather report degrees Fahrenheit; "5K" in a race
report is kilometres and elsewhere five thousand; "150 kn" is kuna on a price and knots on a wind. Each
sense of `claims.lexicon.units.SYMBOL_SENSES` comes with the words of its subject: the sense whose words
the sentence around the number holds wins; with none (or a tie) the symbol keeps its reading without
context, decided by the caller.

>>> sense("F", "The capacitor stored 2.5 F at 5 volts.", 21)
'farad'
>>> sense("F", "Highs near 95F are forecast, with hot winds.", 11)
'degree fahrenheit'
>>> sense("K", "She ran each 5K split in 16 minutes.", 13) , sense("K", "The clip had 5K views.", 13)
('kilometer', None)
>>> sense("kn", "The ticket cost 150 kn, a bit pricey.", 16)
'HRK'
"""

from __future__ import annotations

import re

from claims.lexicon.units import SYMBOL_SENSES

__all__ = ["has_senses", "sense"]

_WINDOW = 120  # characters read on each side of the number, within its sentence
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_WORD = re.compile(r"[A-Za-z]+")


def has_senses(symbol: str) -> bool:
    """Whether `symbol` is read through its senses.

    >>> has_senses("F"), has_senses("km")
    (True, False)
    """
    return symbol in SYMBOL_SENSES


def sense(symbol: str, text: str, pos: int) -> str | None:
    """The unit name (or ISO code) `symbol` stands for at `pos` in `text`, from the words of its sentence;
    None when no sense has more cue words than every other."""
    senses = SYMBOL_SENSES.get(symbol)
    if not senses:
        return None
    words = _sentence_words(text, pos)
    scores = [(sum(1 for w in words if w in cues), name) for name, cues in senses]
    scores.sort(reverse=True)
    best, name = scores[0]
    if best == 0 or (len(scores) > 1 and scores[1][0] == best):
        return None
    return name


def _sentence_words(text: str, pos: int) -> list[str]:
    lo, hi = max(0, pos - _WINDOW), min(len(text), pos + _WINDOW)
    before = text[lo:pos]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        lo += ends[-1].end()
    after = _SENTENCE_END.search(text, pos, hi)
    if after:
        hi = after.start()
    return [w.lower() for w in _WORD.findall(text, lo, hi)]
