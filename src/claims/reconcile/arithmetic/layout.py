"""Claims laid out as their documents give them: lines (sentences or table rows) in reading order.

A stated change or total usually has its operands in its own line; sometimes in the line before or after
("... 1,107,541 vaccinations in all. The doses were distributed by region as follows: ..."). Each line keeps
its text, its offset in the document and its claims placed inside it, so that the checks can read the words
between figures and step to the neighbouring line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from claims.types import Claim

from ..sentences import Placed, line_ids, place_rows, row_groups

CELL_SEPARATOR = re.compile(r"\s\|\s|\t")
NEIGHBOUR_GAP = 3  # characters between two lines that still make them neighbours (". ", ".\n\n")


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence or table row with its claims, ordered by position."""

    text: str
    start: int  # offset of the line in its document
    claims: tuple[Placed, ...]

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_row(self) -> bool:
        """A table row ('Net Income | 29,760 | 4,368 | 644.2%')."""
        return len(CELL_SEPARATOR.findall(self.text)) >= 2

    def before(self, placed: Placed, width: int = 80) -> str:
        return self.text[max(0, placed.start - width) : placed.start]

    def after(self, placed: Placed, width: int = 60) -> str:
        return self.text[placed.end : placed.end + width]

    def between(self, left: Placed, right: Placed) -> str:
        return self.text[left.end : right.start]


@dataclass(frozen=True, slots=True)
class Document:
    """The lines of one document that hold claims, in reading order."""

    name: str
    lines: tuple[Line, ...]

    def next_line(self, k: int) -> Line | None:
        """The line right after line k (None when text without claims lies between them)."""
        if k + 1 >= len(self.lines):
            return None
        line, following = self.lines[k], self.lines[k + 1]
        return following if 0 <= following.start - line.end <= NEIGHBOUR_GAP else None

    def previous_lines(self, k: int, *, reach: int) -> list[Line]:
        """Lines before line k starting at most `reach` characters before it, nearest first."""
        start = self.lines[k].start
        return [self.lines[j] for j in range(k - 1, -1, -1) if start - self.lines[j].start <= reach]


def documents(claims: Sequence[Claim], focus_rows: Collection[int] | None = None) -> Iterator[Document]:
    """Every document holding claims (only those holding a focus row when `focus_rows` is given)."""
    ids = line_ids(claims)  # rows grouped over arrays: no dictionary entry a line, no copy of its text
    focus = set(focus_rows) if focus_rows is not None else None
    for doc_rows in row_groups(ids.doc, rows=np.flatnonzero(ids.has_sentence)):
        if focus is not None and not any(r in focus for r in doc_rows):
            continue
        name = claims[doc_rows[0]].doc
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        for r in doc_rows:
            groups[(int(ids.start[r]), int(ids.sentence[r]))].append(r)
        lines = []
        texts = {key: claims[rows[0]].sentence for key, rows in groups.items()}
        for (start, key), rows in sorted(groups.items(), key=lambda item: (item[0][0], texts[item[0]])):
            text = texts[(start, key)]
            placed = place_rows(claims, rows)
            placed.sort(key=lambda p: (p.start, p.end))
            if placed:
                lines.append(Line(text, start, tuple(placed)))
        yield Document(name, tuple(lines))
