"""Footnote markers (superscript `³⁵`, bracketed `[12]`, caret `^12`) and the numbered entries of
reference lists, bibliographies and endnotes."""

from __future__ import annotations

import bisect
import re

from claims.segment.headings import REFERENCE_TITLES
from claims.segment.lines import SUPERSCRIPTS, URL_LINE, Line, is_prose, looks_like_title
from claims.types import Footnote, Reference

_ENTRY = re.compile(
    r"""^\s*(?:[-•*]\s*)?                                  # optional bullet
    (?:\[\^?(?P<n1>\d{1,3})\]:?|(?P<n2>\d{1,3})(?:[.)]|(?=\s)))  # [12] / [^12]: / 12. / 12) / 12
    \s*(?P<body>\S.*)$""",
    re.VERBOSE,
)


_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_FOOTNOTE = re.compile(
    rf"""(?P<sup>[{SUPERSCRIPTS}]+)                        # ³⁵
    | (?<=[\w.,;:!?"”’)\]])\[\^?(?P<br>\d{{1,3}})\](?!\()  # word[12] / word.[^3] (not a Markdown link)
    | (?<=[\w.,;:!?"”’)])\^(?P<caret>\d{{1,3}})\b         # word^12
    """,
    re.VERBOSE,
)
_UNIT_BEFORE_SUPER = re.compile(r"(?:\b(?:k|c|m|d)?m|\bft|\bmi|\bin|\bkm|\bsq)$", re.IGNORECASE)


def _in_spans(starts: list[int], spans: list[tuple[int, int]], offset: int) -> bool:
    """`spans` sorted by start, `starts` their starts; spans may overlap."""
    i = bisect.bisect_right(starts, offset)
    return any(spans[k][0] <= offset < spans[k][1] for k in range(max(0, i - 3), i))


def find_footnotes(text: str, skip: list[tuple[int, int]]) -> list[Footnote]:
    out = []
    merged: list[tuple[int, int]] = []
    for a, b in sorted(skip):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    starts = [a for a, _ in merged]
    for m in _FOOTNOTE.finditer(text):
        s, e = m.span()
        if _in_spans(starts, merged, s):
            continue
        if m.group("sup"):
            marker = m.group("sup").translate(_SUPER_TO_DIGIT)
            if m.group("sup") in "²³" and _UNIT_BEFORE_SUPER.search(text[max(0, s - 3) : s]):
                continue  # km², m³
            marker = marker.lstrip("0") or "0"
        else:
            marker = m.group("br") or m.group("caret")
            marker = marker.lstrip("0") or "0"
        out.append(Footnote(marker, s, e))
    return out


_CAPTION = re.compile(r"^\s*(?:source|photo|image|figure|fig\.|credit)s?\s*:", re.IGNORECASE)


def find_references(lines: list[Line], spans: list[tuple[int, int, str]]) -> list[Reference]:
    """Numbered entries (`- 1 Author ...`, `1. ...`, `[1] ...`) with their continuation lines (a URL on the
    next line); unnumbered entries (author-date lists) get number ""; captions are skipped."""
    out: list[Reference] = []
    starts = [line.start for line in lines]
    for start, end, chapter in spans:
        groups: list[tuple[str, list[Line]]] = []
        for line in lines[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
            if not line.stripped:
                continue
            if REFERENCE_TITLES.match(line.stripped):
                continue
            if _CAPTION.match(line.text):
                groups.append(("", []))  # a caption ends the entry before it
                continue
            m = _ENTRY.match(line.text)
            if m and not URL_LINE.match(line.text):
                groups.append(((m.group("n1") or m.group("n2")).lstrip("0") or "0", [line]))
            elif groups and groups[-1][1]:
                groups[-1][1].append(line)
            elif is_prose(line.stripped) or not looks_like_title(line.stripped):
                groups.append(("", [line]))
        for number, group in groups:
            if not group:
                continue
            body = " ".join(x.stripped for x in group)
            if number:
                body = _ENTRY.sub(lambda mm: mm.group("body"), body, count=1)
            first = group[0]
            entry_start = first.start + (len(first.text) - len(first.text.lstrip()))
            out.append(Reference(chapter, number, " ".join(body.split()), entry_start, group[-1].end))
    return out
