"""Headings: Markdown, `Chapter N` / `Part N`, numbered, ALL-CAPS and stand-alone title lines, or the
headings ingestion gives; their nesting into section paths and the end of the front matter."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.segment.layout import BODY, FRONT, REFERENCES, TOC
from claims.segment.lines import (
    BULLET,
    CHAPTER_LINE,
    Line,
    is_blank,
    is_prose,
    looks_like_title,
    word_count,
)


@dataclass(frozen=True, slots=True)
class Heading:
    start: int
    end: int
    level: int
    label: str
    kind: str = BODY  # kind of the section it opens
    chapter: bool = False
    reset: bool = False  # starts a fresh path (the contents list, the first heading after it)


_MARKDOWN = re.compile(r"^(?P<hashes>\#{1,6})\s+(?P<title>\S.*?)\s*\#*\s*$")
_NUMBERED = re.compile(
    r"""^(?:
        (?P<roman>[IVX]{1,5})\.\s+                         # I. Evolution of ...
      | (?P<sub>\d{1,2}\)\s*[-–]\s*\d{1,2})[.:)]?\s*       # 3)-2. Cybersecurity Cooperation
      | (?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?\s+            # 1.2 Title / 1.2.3. Title
      | (?P<arabic>\d{1,2})\.\s+                           # 1. Shared security concerns
      | (?P<paren>\d{1,2})\)\s+                            # 2) Defense Cooperation
    )(?P<title>[A-Z"“'‘(].{1,110})$""",
    re.VERBOSE,
)
REFERENCE_TITLES = re.compile(
    r"^(?:references?|bibliography|select\s+bibliography|notes|endnotes|end\s+notes|footnotes|works\s+cited"
    r"|literature\s+cited|sources|citations|reference\s+list)\s*:?$",
    re.IGNORECASE,
)
_TOC_TITLES = re.compile(r"^(?:table\s+of\s+contents|contents)\s*:?$", re.IGNORECASE)
_FRONT_TITLES = re.compile(
    r"^(?:list\s+of\s+(?:abbreviations|acronyms|tables|figures)|abbreviations|acronyms"
    r"|glossary)\s*:?$",
    re.IGNORECASE,
)
_OPENING_TITLES = re.compile(
    r"^(?:foreword|preface|acknowledge?ments?|introduction|abstract"
    r"|executive\s+summary|summary|book\s+outline|prologue|overview)\s*:?$",
    re.IGNORECASE,
)


def _classify_title(label: str) -> str:
    if REFERENCE_TITLES.match(label):
        return REFERENCES
    if _TOC_TITLES.match(label):
        return TOC
    if _FRONT_TITLES.match(label):
        return FRONT
    return BODY


def _heading_for_line(lines: list[Line], i: int) -> Heading | None:
    line = lines[i]
    s = line.stripped
    if not s or "\t" in line.text:
        return None
    m = _MARKDOWN.match(s)
    if m:
        return _markdown_heading(line, m)
    cm = CHAPTER_LINE.match(s)
    if cm and cm.group("word").lower() in {"chapter", "part", "book"}:
        return _chapter_heading(line, cm)
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    standalone = is_blank(before) and is_blank(after)
    nm = _NUMBERED.match(s)
    if nm and standalone and not s.endswith((".", ",", ";")) and word_count(s) <= 16:
        return Heading(line.start, line.end, _numbered_level(nm), s, _classify_title(nm.group("title")))
    if not standalone:
        return _lead_heading(line, before, after)
    return _standalone_heading(line)


def _markdown_heading(line: Line, m: re.Match[str]) -> Heading:
    """ "## 2. Budget": one level below the number of hashes; "# Chapter 3 ..." is a chapter."""
    title = m.group("title")
    cm = CHAPTER_LINE.match(title)
    if cm:
        return _chapter_heading(line, cm)
    return Heading(line.start, line.end, len(m.group("hashes")) + 1, title, _classify_title(title))


def _numbered_level(nm: re.Match[str]) -> int:
    """The level of a numbered title: "IV." 3, "2." 4, "2.1" 5, "2)" 5, "3)-2." 6."""
    if nm.group("roman"):
        return 3
    if nm.group("arabic") or nm.group("dotted"):
        return 4 + (nm.group("dotted") or "").count(".")
    return 5 if nm.group("paren") else 6


def _standalone_heading(line: Line) -> Heading | None:
    """A line between blank lines: a reference list or contents title, a title in capitals (level 3) or
    another title-like line (level 7); None for a line that reads as text."""
    s = line.stripped
    kind = _classify_title(s)
    if kind == REFERENCES:
        return Heading(line.start, line.end, 3, s, kind)
    if kind != BODY:
        # a contents / abbreviations list ends at the next title
        return Heading(line.start, line.end, 7, s, kind)
    if not looks_like_title(s):
        return None
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return Heading(line.start, line.end, 3, s)
    return Heading(line.start, line.end, 7, s)


_SENTENCE_END = re.compile(r"[.!?:;][\"”’)]?(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,3}\])?\s*$")


def _lead_heading(line: Line, before: Line | None, after: Line | None) -> Heading | None:
    """A short title line right above its text, without a blank line between (`Key figures 2023` / `Foreign
    direct investment reached ...`, `2030 Targets` / `- Renewable energy share: 35%`): a heading when a blank
    line (or the start) is above it and a paragraph or a list starts below it."""
    s = line.stripped
    if not is_blank(before) or after is None or is_blank(after) or "\t" in after.text:
        return None
    if word_count(s) > 10 or not looks_like_title(s) or s.endswith(":") or _NUMBERED.match(s):
        return None
    below = after.stripped
    paragraph = word_count(below) >= 8 and bool(_SENTENCE_END.search(below)) and below[:1].isupper()
    listed = bool(BULLET.match(below)) and not re.match(r"^\s*\d", below)
    if not (paragraph or listed) or (paragraph and word_count(below) <= word_count(s)):
        return None
    return Heading(line.start, line.end, 7, s)


def _chapter_heading(line: Line, m: re.Match[str]) -> Heading:
    word = m.group("word").capitalize()
    num = m.group("num")
    num = num.upper() if re.fullmatch(r"[ivxlcIVXLC]+", num) else num.capitalize() if num.isalpha() else num
    level = 1 if word == "Part" or word == "Book" else 2
    return Heading(line.start, line.end, level, f"{word} {num}", BODY, chapter=True)


def _given_headings(text: str, lines: list[Line], headings: Sequence[tuple[int, int, str]]) -> list[Heading]:
    out = []
    for offset, level, title in sorted(headings):
        start = max(0, min(offset, len(text)))
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        label = " ".join(title.split())
        cm = CHAPTER_LINE.match(label)
        if cm and cm.group("word").lower() in {"chapter", "part", "book"}:
            h = _chapter_heading(Line(start, end, label), cm)
            out.append(h)
            continue
        out.append(Heading(start, end, max(1, level) + 1, label, _classify_title(label)))
    return out


def find_headings(text: str, lines: list[Line], given: Sequence[tuple[int, int, str]]) -> list[Heading]:
    if given:
        return _given_headings(text, lines, given)
    found: list[Heading] = []
    i = 0
    in_refs_below: int | None = None  # while in a reference list, only headings at or above this level count
    in_toc = False
    while i < len(lines):
        h = _heading_for_line(lines, i)
        if in_toc:
            if is_prose(lines[i].stripped) and "\t" not in lines[i].text:
                # the table of contents ended at the last title line before this paragraph
                j = i - 1
                while j > 0 and is_blank(lines[j]):
                    j -= 1
                last = _heading_for_line(lines, j)
                if last is not None and not last.chapter and last.start > found[-1].start:
                    found.append(dataclasses.replace(last, reset=True))
                    in_toc = False
                    i = j + 1
                    continue
                in_toc = False
            else:
                i += 1
                continue
        if h is None:
            i += 1
            continue
        if in_refs_below is not None:
            if h.level > in_refs_below:
                i += 1
                continue
            in_refs_below = None
        if _plain(h) and _plain(_heading_for_line(lines, _next_filled(lines, i))):
            # a run of short lines (title page, author block, a slide's scattered labels): only the last one,
            # the line just before the text, titles what follows
            i += 1
            continue
        found.append(h)
        if h.kind == REFERENCES:
            in_refs_below = max(1, _enclosing_level(found))
        elif h.kind == TOC:
            in_toc = True
        i += 1
    return found


def _plain(h: Heading | None) -> bool:
    return h is not None and h.level == 7 and h.kind == BODY and not h.chapter


def _next_filled(lines: list[Line], i: int) -> int:
    j = i + 1
    while j < len(lines) and is_blank(lines[j]):
        j += 1
    return min(j, len(lines) - 1) if j < len(lines) else i


def _enclosing_level(found: list[Heading]) -> int:
    """Inside a reference list only a heading at the level of the enclosing chapter (or above) ends it."""
    for h in reversed(found[:-1]):
        if h.chapter or h.level < found[-1].level:
            return h.level
    return 2


def heading_paths(headings: list[Heading], front_end: int | None) -> list[tuple[tuple[str, ...], str]]:
    stack: list[Heading] = []
    out = []
    for h in headings:
        if h.reset or h.kind == TOC or h.start == front_end:
            stack.clear()
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
        out.append((tuple(x.label for x in stack), h.kind))
    return out


def front_matter_end(headings: list[Heading]) -> int | None:
    """Where the front matter (title page, imprint) ends: at the contents or the first opening heading,
    only for documents that have a contents list or chapters."""
    has_structure = any(h.kind == TOC or h.chapter for h in headings)
    if not has_structure:
        return None
    for h in headings:
        if h.kind == TOC or h.chapter or _OPENING_TITLES.match(h.label):
            return h.start
    return None
