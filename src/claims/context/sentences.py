"""Sentence bounds around a quantity: line blocks, footnote-marker joins, wire datelines."""

from __future__ import annotations

import re


def clip_sentence(text: str, start: int, end: int, q_start: int, q_end: int) -> tuple[int, int]:
    """Narrow a parser sentence to the line block holding the quantity.

    Slides and lists put one statement per line without final punctuation; the parser often joins them.
    A line break ends the sentence unless the next line continues it (starts in lower case after a line that
    does not end a sentence: a page break inside a paragraph).

    >>> t = "- OSA budget\\n - 5 billion yen in 2024\\n- Next"
    >>> s, e = clip_sentence(t, 0, len(t), 15, 29)
    >>> t[s:e]
    '- 5 billion yen in 2024'
    """
    s = start
    pos = q_start
    while True:
        nl = text.rfind("\n", s, pos)
        if nl < 0:
            break
        before = text[s:nl].rstrip()
        after = text[nl + 1 : q_start].lstrip()
        if _continues(before, after):
            pos = nl
            continue
        s = nl + 1
        break
    e = end
    pos = q_end
    while True:
        nl = text.find("\n", pos, e)
        if nl < 0:
            break
        before = text[q_start:nl].rstrip()
        after = text[nl + 1 : e].lstrip()
        if _continues(before, after):
            pos = nl + 1
            continue
        e = nl
        break
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_MARKER_BOUNDARY = re.compile(
    r"""(?<=[.!?])["”’)\]]?                      # a sentence end, maybe closing a quotation
    (?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?\d{1,3}\])            # then its footnote marker (`economy.⁴`, `oil.[12]`)
    (?P<gap>\s+)(?=["“‘(]?[A-Z])                # and the next sentence""",
    re.VERBOSE,
)


def split_at_markers(text: str, start: int, end: int, q_start: int, q_end: int) -> tuple[int, int]:
    """Narrow text[start:end] to the sentence holding the quantity when the parser ran two sentences together
    across a footnote marker (`... the global economy.⁴ ASEAN nations are ...`); the marker stays with the
    sentence it closes.

    >>> t = "Growth improved.⁴ ASEAN became a $4.81 trillion economy.⁵"
    >>> s, e = split_at_markers(t, 0, len(t), 33, 47)
    >>> t[s:e]
    'ASEAN became a $4.81 trillion economy.⁵'
    """
    s, e = start, end
    for m in _MARKER_BOUNDARY.finditer(text, start, end):
        if m.end() <= q_start:
            s = m.end()
        elif m.start() >= q_end:
            e = m.start("gap")
            break
    return s, e


def _continues(before: str, after: str) -> bool:
    if not before or not after:
        return False
    if before[-1] in ".!?:;" or after[0] in "-•*▪→":
        return False
    return after[0].islower() or before[-1] in ",(–—"


_DATELINE = re.compile(
    r"""^\s*[A-Z][A-Z.'’\- ]{2,40}              # TOKYO / KUALA LUMPUR / PHNOM PENH
    (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?  # , March 15 (, 2024)
       (?:\s*\([^()\n]{1,40}\))?                #   (Reuters)
     | \s*\([^()\n]{1,40}\))                    # or only (Reuters)
    \s*(?:-{1,2}|–|—)\s""",
    re.VERBOSE,
)
"""A wire dateline opening a story: its city is neither what a figure measures nor a party to it."""


def dateline_end(text: str) -> int:
    """Length of the dateline at the start of `text` (0 when there is none).

    >>> dateline_end("JAKARTA, April 15 (Reuters) - Indonesia's trade surplus narrowed")
    30
    >>> dateline_end("ASEAN - the bloc - grew")
    0
    """
    m = _DATELINE.match(text)
    if m is None or len(re.findall(r"[A-Z]", m.group(0))) < 3:
        return 0
    return m.end()
