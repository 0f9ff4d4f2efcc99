"""Lines of a document with their offsets, and the line tests the heading, table and reference finders
share (blank, prose, title-like, `Chapter N` lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # without the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty"
)
CHAPTER_LINE = re.compile(
    rf"""^\s*(?:\#+\s*)?
    (?P<word>chapter|part|book|section)\s+                 # Chapter 4 / PART II / Part One
    (?P<num>\d{{1,3}}|[IVXLC]{{1,7}}|{_NUMBER_WORDS})\b
    \s*(?:[:.–—-]\s*(?P<title>\S.{{0,150}}))?\s*$          # optional title on the same line
    """,
    re.VERBOSE | re.IGNORECASE,
)
CHAPTER_LABEL = re.compile(rf"^(?:Chapter|Part|Book)\s+(?:\d{{1,3}}|[IVXLC]{{1,7}}|(?i:{_NUMBER_WORDS}))$")


BULLET = re.compile(r"^\s*(?:[-•*▪◦●→‣]|\d+[.)]\s*$)")


URL_LINE = re.compile(r"^\s*<?(?:https?://|www\.)\S+>?\s*$")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def read_lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def is_blank(line: Line | None) -> bool:
    return line is None or not line.stripped


def word_count(s: str) -> int:
    return len(s.split())


def is_prose(s: str) -> bool:
    return word_count(s) > 20 or len(s) > 160


# A sentence ends inside the line: a lower-case word or a figure, a full stop, then the next sentence or a
# bracketed note ("... its 2019 vote share of 37%. (Representational)"); abbreviations aside.
_SENTENCE_INSIDE = re.compile(
    r"""
    (?<![A-Za-z])(?!(?:vs|inc|ltd|co|corp|st|mr|mrs|ms|jr|sr|etc|approx|no|nos|fig|figs|vol|pp)\.)
    [a-z0-9%]{2,}\.          # a word or figure of two characters or more, then a full stop
    \s+[(\[A-Z“"]             # then the next sentence, or a bracketed note
    """,
    re.VERBOSE,
)


def looks_like_title(s: str) -> bool:
    """A short stand-alone line that can title a section (not two sentences, nor a sentence and a note).

    >>> looks_like_title("Key figures 2023"), looks_like_title("India vs. Japan: trade in 2024")
    (True, True)
    >>> looks_like_title("The party has kept its 2019 vote share of 37%. (File photo)")
    False
    """
    if not s or len(s) > 100 or word_count(s) > 14 or "\t" in s:
        return False
    if _SENTENCE_INSIDE.search(s):
        return False
    if s[0].islower() or BULLET.match(s) or URL_LINE.match(s):
        return False
    if s[-1] in ".,;" and not s.endswith("..."):
        return False
    if s[-1] == ":" and word_count(s) > 4:
        return False  # a lead-in to a list, not a title
    if s.lower().startswith(("source:", "sources:", "note:", "notes:", "figure", "fig.", "photo", "image")):
        return False
    if s[-1] in SUPERSCRIPTS:
        return False
    return bool(re.search(r"[A-Za-z]{2}", s))  # not page numbers or stray symbols
