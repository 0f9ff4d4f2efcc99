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


def looks_like_title(s: str) -> bool:
    """A short stand-alone line that can title a section."""
    if not s or len(s) > 100 or word_count(s) > 14 or "\t" in s:
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
