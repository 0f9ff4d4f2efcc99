"""What `segment` returns: section kinds, tab-separated tables (cells, rows, headers) and the `Layout` that
answers offset queries (section, chapter, table, footnotes, reference entry of a marker)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from claims.segment.lines import CHAPTER_LABEL
from claims.types import Footnote, Reference, Section

BODY, FRONT, TOC, REFERENCES, TABLE = "body", "front", "toc", "references", "table"
EXCLUDED_KINDS = frozenset({FRONT, TOC, REFERENCES})


@dataclass(frozen=True, slots=True)
class TableCell:
    """One tab-separated cell; `start == end` for an empty cell."""

    start: int
    end: int
    text: str
    row: int  # index in Table.rows (the header has row -1)
    col: int


@dataclass(frozen=True, slots=True)
class TableRow:
    start: int
    end: int
    text: str
    cells: tuple[TableCell, ...]

    @property
    def continuation(self) -> bool:
        """A row whose first cell is empty continues the row above (`\\t2023- present\\t...`)."""
        return bool(self.cells) and not self.cells[0].text

    def cell(self, col: int) -> TableCell | None:
        return self.cells[col] if 0 <= col < len(self.cells) else None


@dataclass(frozen=True, slots=True)
class Table:
    """A block of tab-separated lines; `header` is None when the first row holds data.

    Row labels, group labels and row offsets are read once per table (on first use), so asking for every
    cell of a long table costs time in its length, not its square.
    """

    start: int
    end: int
    title: str
    header: TableRow | None
    rows: tuple[TableRow, ...]
    _index: dict[str, list] = field(default_factory=dict, repr=False, compare=False)  # type: ignore[type-arg]

    def column_header(self, col: int) -> str:
        if self.header is None:
            return ""
        cell = self.header.cell(col)
        return cell.text if cell else ""

    def _labels(self) -> tuple[list[str], list[str]]:
        """Each row's label, and the group label in force before each row (one more than the rows), read in
        one pass (see `row_label`, `group_label`)."""
        if "labels" not in self._index:
            lead = ""
            if self.header is not None and self.header.cells:
                m = re.match(r"\s*\(([^)]{1,30})\)", self.header.cells[0].text)
                lead = m.group(1) if m else ""
            labels: list[str] = []
            groups: list[str] = [lead]
            label = ""
            for r in self.rows:
                if r.cells and r.cells[0].text:
                    label = r.cells[0].text
                labels.append(label)
                filled = [c for c in r.cells if c.text]
                if len(filled) == 1 and filled[0].col == 0 and not re.search(r"\d", filled[0].text):
                    groups.append(filled[0].text.strip("() "))
                else:
                    groups.append(groups[-1])
            self._index["labels"], self._index["groups"] = labels, groups
        return self._index["labels"], self._index["groups"]

    def row_label(self, row: int) -> str:
        """The first cell of the row, carried over from the row above for continuation rows."""
        return self._labels()[0][row] if 0 <= row < len(self.rows) else ""

    def first_row_labelled(self, label: str) -> int:
        """The first row whose label is `label` (case and a trailing colon aside), else -1; the labels are
        indexed once per table."""
        if "first_rows" not in self._index:
            first: dict[str, int] = {}
            for r, text in enumerate(self._labels()[0]):
                first.setdefault(text.strip().lower().rstrip(":"), r)
            self._index["first_rows"] = [first]
        return self._index["first_rows"][0].get(label, -1)  # type: ignore[no-any-return]

    def group_label(self, row: int) -> str:
        """The label of a group row above (`(ODA)` alone on its row), else the header's lead (`(OSA) ...`)."""
        return self._labels()[1][min(max(row, 0), len(self.rows))]

    def locate(self, offset: int) -> tuple[int, TableCell] | None:
        """(row index, cell) holding the offset; row -1 is the header."""
        if "rows" not in self._index:
            rows = ([self.header] if self.header is not None else []) + list(self.rows)
            self._index["rows"], self._index["starts"] = rows, [r.start for r in rows]
        rows, starts = self._index["rows"], self._index["starts"]
        k = bisect.bisect_right(starts, offset) - 1
        found = None
        while k >= 0 and rows[k].end >= offset:  # the row holding it, or one ending right at it
            r = rows[k]
            if r.start <= offset < r.end or (offset == r.end and r.end > r.start):
                found = r
            k -= 1
        if found is None:
            return None
        for c in found.cells:
            if c.start <= offset < max(c.end, c.start + 1):
                return c.row, c
        return None


@dataclass(frozen=True)
class Layout:
    """What `segment` found; sections tile the text without overlap (tables are sections of kind `table`)."""

    text_length: int
    sections: list[Section]
    footnotes: list[Footnote]
    references: list[Reference]
    tables: list[Table]
    chapter_titles: dict[str, str] = field(default_factory=dict)
    note_spans: list[tuple[int, int]] = field(default_factory=list)  # Markdown `[^1]: ...` definitions
    _section_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _footnote_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _table_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _notes: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)  # by start
    _note_reach: list[int] = field(default_factory=list, repr=False, compare=False)  # furthest end so far
    _by_marker: dict[str, list[Reference]] = field(default_factory=dict, repr=False, compare=False)
    _ref_chapters: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._section_starts.extend(s.start for s in self.sections)
        self._footnote_starts.extend(f.start for f in self.footnotes)
        self._table_starts.extend(t.start for t in self.tables)
        self._notes.extend(sorted(self.note_spans))
        for _, e in self._notes:
            self._note_reach.append(max(e, self._note_reach[-1]) if self._note_reach else e)
        for r in self.references:
            self._by_marker.setdefault(r.number, []).append(r)
            self._ref_chapters.add(r.chapter)

    def section_at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self._section_starts, offset) - 1
        if i < 0:
            return None
        section = self.sections[i]
        return section if offset < section.end or section.end == self.text_length else None

    def chapter_at(self, offset: int) -> str:
        """The top-level chapter/part label (`Chapter 4`), "" when the document has none there."""
        section = self.section_at(offset)
        if section is None or not section.path:
            return ""
        head = section.path[0]
        return head if CHAPTER_LABEL.match(head) else ""

    def is_excluded(self, offset: int) -> bool:
        """True inside front matter, a table of contents, a reference list or a footnote definition."""
        section = self.section_at(offset)
        if section is not None and section.kind in EXCLUDED_KINDS:
            return True
        k = bisect.bisect_right(self._notes, (offset, float("inf")))  # note spans starting at or before it
        return k > 0 and self._note_reach[k - 1] > offset

    def table_at(self, offset: int) -> Table | None:
        i = bisect.bisect_right(self._table_starts, offset) - 1
        if i >= 0 and self.tables[i].start <= offset < self.tables[i].end:
            return self.tables[i]
        return None

    def footnotes_between(self, start: int, end: int) -> list[Footnote]:
        i = bisect.bisect_left(self._footnote_starts, start)
        out = []
        while i < len(self.footnotes) and self.footnotes[i].start < end:
            out.append(self.footnotes[i])
            i += 1
        return out

    def resolve(self, chapter: str, marker: str) -> Reference | None:
        """The reference entry a footnote marker points to within its chapter (or the document's one list)."""
        candidates = self._by_marker.get(marker, [])
        same = [r for r in candidates if r.chapter == chapter]
        if same:
            return same[0]
        if len(self._ref_chapters) == 1 and candidates:
            return candidates[0]
        return None
