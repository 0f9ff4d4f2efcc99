"""Split a document's text into sections, tables, footnote markers and reference lists (pure).

`segment(text)` reads the layout that plain-text exports keep: Markdown headings (`## Title`), `Chapter N` /
`Part N` lines, numbered headings (`I. Evolution ...`, `1. Shared ...`, `2) Defense ...`), ALL-CAPS headings
and short stand-alone title lines; a table of contents; reference lists / bibliographies / endnotes after a
heading of that name (numbered `- 1 Author ...`, `1. ...`, `[1] ...`); superscript (`³⁵`), bracketed (`[12]`)
and caret (`^12`) footnote markers; and tab-separated tables (a header row, then rows whose first cell may be
empty to continue the row above). Headings given by ingestion (DOCX/HTML) replace the text heuristics.

Every span keeps character offsets into the given text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from claims.types import Footnote, Reference, Section

__all__ = ["Layout", "Table", "TableCell", "TableRow", "segment"]

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
    """A block of tab-separated lines; `header` is None when the first row holds data."""

    start: int
    end: int
    title: str
    header: TableRow | None
    rows: tuple[TableRow, ...]

    def column_header(self, col: int) -> str:
        if self.header is None:
            return ""
        cell = self.header.cell(col)
        return cell.text if cell else ""

    def row_label(self, row: int) -> str:
        """The first cell of the row, carried over from the row above for continuation rows."""
        for i in range(row, -1, -1):
            r = self.rows[i]
            if r.cells and r.cells[0].text:
                return r.cells[0].text
        return ""

    def group_label(self, row: int) -> str:
        """The label of a group row above (`(ODA)` alone on its row), else the header's lead (`(OSA) ...`)."""
        for i in range(row - 1, -1, -1):
            r = self.rows[i]
            filled = [c for c in r.cells if c.text]
            if len(filled) == 1 and filled[0].col == 0 and not re.search(r"\d", filled[0].text):
                return filled[0].text.strip("() ")
        if self.header is not None and self.header.cells:
            m = re.match(r"\s*\(([^)]{1,30})\)", self.header.cells[0].text)
            if m:
                return m.group(1)
        return ""

    def locate(self, offset: int) -> tuple[int, TableCell] | None:
        """(row index, cell) holding the offset; row -1 is the header."""
        rows = ([self.header] if self.header is not None else []) + list(self.rows)
        for r in rows:
            if r.start <= offset < r.end or (offset == r.end and r.end > r.start):
                for c in r.cells:
                    if c.start <= offset < max(c.end, c.start + 1):
                        return c.row, c
                return None
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

    def __post_init__(self) -> None:
        self._section_starts.extend(s.start for s in self.sections)
        self._footnote_starts.extend(f.start for f in self.footnotes)
        self._table_starts.extend(t.start for t in self.tables)

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
        return head if _CHAPTER_LABEL.match(head) else ""

    def is_excluded(self, offset: int) -> bool:
        """True inside front matter, a table of contents, a reference list or a footnote definition."""
        section = self.section_at(offset)
        if section is not None and section.kind in EXCLUDED_KINDS:
            return True
        return any(s <= offset < e for s, e in self.note_spans)

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
        candidates = [r for r in self.references if r.number == marker]
        same = [r for r in candidates if r.chapter == chapter]
        if same:
            return same[0]
        chapters = {r.chapter for r in self.references}
        if len(chapters) == 1 and candidates:
            return candidates[0]
        return None


# ---------------------------------------------------------------------------------------------------------
# line classification

@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # without the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True, slots=True)
class _Heading:
    start: int
    end: int
    level: int
    label: str
    kind: str = BODY  # kind of the section it opens
    chapter: bool = False
    reset: bool = False  # starts a fresh path (the contents list, the first heading after it)


_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                 "|sixteen|seventeen|eighteen|nineteen|twenty")
_CHAPTER_LINE = re.compile(
    rf"""^\s*(?:\#+\s*)?
    (?P<word>chapter|part|book|section)\s+                 # Chapter 4 / PART II / Part One
    (?P<num>\d{{1,3}}|[IVXLC]{{1,7}}|{_NUMBER_WORDS})\b
    \s*(?:[:.–—-]\s*(?P<title>\S.{{0,150}}))?\s*$          # optional title on the same line
    """, re.VERBOSE | re.IGNORECASE)
_CHAPTER_LABEL = re.compile(rf"^(?:Chapter|Part|Book)\s+(?:\d{{1,3}}|[IVXLC]{{1,7}}|(?i:{_NUMBER_WORDS}))$")
_MARKDOWN = re.compile(r"^(?P<hashes>\#{1,6})\s+(?P<title>\S.*?)\s*\#*\s*$")
_NUMBERED = re.compile(
    r"""^(?:
        (?P<roman>[IVX]{1,5})\.\s+                         # I. Evolution of ...
      | (?P<sub>\d{1,2}\)\s*[-–]\s*\d{1,2})[.:)]?\s*       # 3)-2. Cybersecurity Cooperation
      | (?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?\s+            # 1.2 Title / 1.2.3. Title
      | (?P<arabic>\d{1,2})\.\s+                           # 1. Shared security concerns
      | (?P<paren>\d{1,2})\)\s+                            # 2) Defense Cooperation
    )(?P<title>[A-Z"“'‘(].{1,110})$""", re.VERBOSE)
_REFERENCE_TITLES = re.compile(
    r"^(?:references?|bibliography|select\s+bibliography|notes|endnotes|end\s+notes|footnotes|works\s+cited"
    r"|literature\s+cited|sources|citations|reference\s+list)\s*:?$", re.IGNORECASE)
_TOC_TITLES = re.compile(r"^(?:table\s+of\s+contents|contents)\s*:?$", re.IGNORECASE)
_FRONT_TITLES = re.compile(r"^(?:list\s+of\s+(?:abbreviations|acronyms|tables|figures)|abbreviations|acronyms"
                           r"|glossary)\s*:?$", re.IGNORECASE)
_OPENING_TITLES = re.compile(r"^(?:foreword|preface|acknowledge?ments?|introduction|abstract"
                             r"|executive\s+summary|summary|book\s+outline|prologue|overview)\s*:?$",
                             re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*▪◦●→‣]|\d+[.)]\s*$)")
_ENTRY = re.compile(
    r"""^\s*(?:[-•*]\s*)?                                  # optional bullet
    (?:\[\^?(?P<n1>\d{1,3})\]:?|(?P<n2>\d{1,3})(?:[.)]|(?=\s)))  # [12] / [^12]: / 12. / 12) / 12
    \s*(?P<body>\S.*)$""", re.VERBOSE)
_URL_LINE = re.compile(r"^\s*<?(?:https?://|www\.)\S+>?\s*$")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_FOOTNOTE = re.compile(
    rf"""(?P<sup>[{_SUPERSCRIPTS}]+)                        # ³⁵
    | (?<=[\w.,;:!?"”’)\]])\[\^?(?P<br>\d{{1,3}})\](?!\()  # word[12] / word.[^3] (not a Markdown link)
    | (?<=[\w.,;:!?"”’)])\^(?P<caret>\d{{1,3}})\b         # word^12
    """, re.VERBOSE)
_UNIT_BEFORE_SUPER = re.compile(r"(?:\b(?:k|c|m|d)?m|\bft|\bmi|\bin|\bkm|\bsq)$", re.IGNORECASE)


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def _is_blank(line: _Line | None) -> bool:
    return line is None or not line.stripped


def _words(s: str) -> int:
    return len(s.split())


def _is_prose(s: str) -> bool:
    return _words(s) > 20 or len(s) > 160


def _looks_like_title(s: str) -> bool:
    """A short stand-alone line that can title a section."""
    if not s or len(s) > 100 or _words(s) > 14 or "\t" in s:
        return False
    if s[0].islower() or _BULLET.match(s) or _URL_LINE.match(s):
        return False
    if s[-1] in ".,;" and not s.endswith("..."):
        return False
    if s[-1] == ":" and _words(s) > 4:
        return False  # a lead-in to a list, not a title
    if s.lower().startswith(("source:", "sources:", "note:", "notes:", "figure", "fig.", "photo", "image")):
        return False
    if s[-1] in _SUPERSCRIPTS:
        return False
    return bool(re.search(r"[A-Za-z]{2}", s))  # not page numbers or stray symbols


def _classify_title(label: str) -> str:
    if _REFERENCE_TITLES.match(label):
        return REFERENCES
    if _TOC_TITLES.match(label):
        return TOC
    if _FRONT_TITLES.match(label):
        return FRONT
    return BODY


def _heading_for_line(lines: list[_Line], i: int) -> _Heading | None:
    line = lines[i]
    s = line.stripped
    if not s or "\t" in line.text:
        return None
    m = _MARKDOWN.match(s)
    if m:
        title = m.group("title")
        cm = _CHAPTER_LINE.match(title)
        if cm:
            return _chapter_heading(line, cm)
        return _Heading(line.start, line.end, len(m.group("hashes")) + 1, title, _classify_title(title))
    cm = _CHAPTER_LINE.match(s)
    if cm and cm.group("word").lower() in {"chapter", "part", "book"}:
        return _chapter_heading(line, cm)
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    standalone = _is_blank(before) and _is_blank(after)
    nm = _NUMBERED.match(s)
    if nm and standalone and not s.endswith((".", ",", ";")) and _words(s) <= 16:
        if nm.group("roman"):
            level = 3
        elif nm.group("arabic") or nm.group("dotted"):
            level = 4 + (nm.group("dotted") or "").count(".")
        elif nm.group("paren"):
            level = 5
        else:
            level = 6
        return _Heading(line.start, line.end, level, s, _classify_title(nm.group("title")))
    if not standalone:
        return _lead_heading(line, before, after)
    kind = _classify_title(s)
    if kind == REFERENCES:
        return _Heading(line.start, line.end, 3, s, kind)
    if kind != BODY:
        # a contents / abbreviations list ends at the next title
        return _Heading(line.start, line.end, 7, s, kind)
    if not _looks_like_title(s):
        return None
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return _Heading(line.start, line.end, 3, s)
    return _Heading(line.start, line.end, 7, s)


_SENTENCE_END = re.compile(r"[.!?:;][\"”’)]?(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,3}\])?\s*$")


def _lead_heading(line: _Line, before: _Line | None, after: _Line | None) -> _Heading | None:
    """A short title line right above its text, without a blank line between (`Key figures 2023` / `Foreign
    direct investment reached ...`, `2030 Targets` / `- Renewable energy share: 35%`): a heading when a blank
    line (or the start) is above it and a paragraph or a list starts below it."""
    s = line.stripped
    if not _is_blank(before) or after is None or _is_blank(after) or "\t" in after.text:
        return None
    if _words(s) > 10 or not _looks_like_title(s) or s.endswith(":") or _NUMBERED.match(s):
        return None
    below = after.stripped
    paragraph = _words(below) >= 8 and bool(_SENTENCE_END.search(below)) and below[:1].isupper()
    listed = bool(_BULLET.match(below)) and not re.match(r"^\s*\d", below)
    if not (paragraph or listed) or (paragraph and _words(below) <= _words(s)):
        return None
    return _Heading(line.start, line.end, 7, s)


def _chapter_heading(line: _Line, m: re.Match[str]) -> _Heading:
    word = m.group("word").capitalize()
    num = m.group("num")
    num = num.upper() if re.fullmatch(r"[ivxlcIVXLC]+", num) else num.capitalize() if num.isalpha() else num
    level = 1 if word == "Part" or word == "Book" else 2
    return _Heading(line.start, line.end, level, f"{word} {num}", BODY, chapter=True)


def _given_headings(
    text: str, lines: list[_Line], headings: Sequence[tuple[int, int, str]]
) -> list[_Heading]:
    out = []
    for offset, level, title in sorted(headings):
        start = max(0, min(offset, len(text)))
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        label = " ".join(title.split())
        cm = _CHAPTER_LINE.match(label)
        if cm and cm.group("word").lower() in {"chapter", "part", "book"}:
            h = _chapter_heading(_Line(start, end, label), cm)
            out.append(h)
            continue
        out.append(_Heading(start, end, max(1, level) + 1, label, _classify_title(label)))
    return out


def _find_headings(text: str, lines: list[_Line], given: Sequence[tuple[int, int, str]]) -> list[_Heading]:
    if given:
        return _given_headings(text, lines, given)
    found: list[_Heading] = []
    i = 0
    in_refs_below: int | None = None  # while in a reference list, only headings at or above this level count
    in_toc = False
    while i < len(lines):
        h = _heading_for_line(lines, i)
        if in_toc:
            if _is_prose(lines[i].stripped) and "\t" not in lines[i].text:
                # the table of contents ended at the last title line before this paragraph
                j = i - 1
                while j > 0 and _is_blank(lines[j]):
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
            in_refs_below = max(1, _enclosing_level(found) )
        elif h.kind == TOC:
            in_toc = True
        i += 1
    return found


def _plain(h: _Heading | None) -> bool:
    return h is not None and h.level == 7 and h.kind == BODY and not h.chapter


def _next_filled(lines: list[_Line], i: int) -> int:
    j = i + 1
    while j < len(lines) and _is_blank(lines[j]):
        j += 1
    return min(j, len(lines) - 1) if j < len(lines) else i


def _enclosing_level(found: list[_Heading]) -> int:
    """Inside a reference list only a heading at the level of the enclosing chapter (or above) ends it."""
    for h in reversed(found[:-1]):
        if h.chapter or h.level < found[-1].level:
            return h.level
    return 2


def _paths(headings: list[_Heading], front_end: int | None) -> list[tuple[tuple[str, ...], str]]:
    stack: list[_Heading] = []
    out = []
    for h in headings:
        if h.reset or h.kind == TOC or h.start == front_end:
            stack.clear()
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
        out.append((tuple(x.label for x in stack), h.kind))
    return out


def _front_end(headings: list[_Heading]) -> int | None:
    """Where the front matter (title page, imprint) ends: at the contents or the first opening heading,
    only for documents that have a contents list or chapters."""
    has_structure = any(h.kind == TOC or h.chapter for h in headings)
    if not has_structure:
        return None
    for h in headings:
        if h.kind == TOC or h.chapter or _OPENING_TITLES.match(h.label):
            return h.start
    return None


# ---------------------------------------------------------------------------------------------------------
# tables

def _split_cells(line: _Line, row: int) -> tuple[TableCell, ...]:
    cells = []
    pos = line.start
    for col, raw in enumerate(line.text.split("\t")):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        start = pos + lead if body else pos
        cells.append(TableCell(start, start + len(body), body, row, col))
        pos += len(raw) + 1
    # a trailing empty cell from a trailing tab carries no information
    while len(cells) > 1 and not cells[-1].text and cells[-1].start >= line.end:
        cells.pop()
    return tuple(cells)


_YEAR_CELL = re.compile(
    r"(?:FY\s?)?(?:1[89]|20)\d\d(?:\s*[-–/]\s*\d{2,4})?\s*[EPF*]?"  # 2023, FY2024, 2023-24, 2025E
    r"|Q[1-4]\s+(?:1[89]|20)\d\d")                                   # Q3 2023


def _is_header(line: _Line, *, years: bool = False) -> bool:
    """A row of labels; with `years`, a row whose cells after the first are all years (`Country 2022 2023`)
    is one too (only the first row of a table is read that way)."""
    cells = [c.strip() for c in line.text.split("\t")]
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return False
    if any(len(c) > 70 for c in filled):
        return False
    rest = [c for c in filled[1:] if c]
    if years and rest and all(_YEAR_CELL.fullmatch(c) for c in rest) and not _YEAR_CELL.fullmatch(filled[0]):
        return True
    return not any(re.fullmatch(r"[-+~]?[\d.,]+%?", c) for c in rest)


def _width(line: _Line) -> int:
    return len(line.text.rstrip("\t ").split("\t"))


def _starts_new_table(first: _Line, line: _Line) -> bool:
    """After a blank line, a header-like row of another width starts another table."""
    return _is_header(first) and _is_header(line) and _width(first) != _width(line)


def _find_tables(lines: list[_Line]) -> list[Table]:
    tables = []
    i = 0
    n = len(lines)
    while i < n:
        if "\t" not in lines[i].text or not lines[i].stripped:
            i += 1
            continue
        block = [lines[i]]
        j = i + 1
        while j < n:
            if "\t" in lines[j].text and lines[j].stripped:
                block.append(lines[j])
                j += 1
                continue
            # allow blank lines (and whitespace-only tab lines) inside a table
            k = j
            while k < n and not lines[k].stripped:
                k += 1
            if k < n and k - j <= 2 and "\t" in lines[k].text and not _starts_new_table(block[0], lines[k]):
                j = k
                continue
            break
        tables.append(_make_table(lines, i, block))
        i = j
    return tables


def _make_table(lines: list[_Line], first: int, block: list[_Line]) -> Table:
    title = ""
    k = first - 1
    while k >= 0 and not lines[k].stripped:
        k -= 1
    if k >= 0 and _looks_like_title(lines[k].stripped):
        title = lines[k].stripped
    header = None
    body = block
    if _is_header(block[0], years=len(block) > 1 and not _is_header(block[1], years=True)):
        header = TableRow(block[0].start, block[0].end, block[0].text, _split_cells(block[0], -1))
        body = block[1:]
    rows = tuple(TableRow(ln.start, ln.end, ln.text, _split_cells(ln, r)) for r, ln in enumerate(body))
    return Table(block[0].start, block[-1].end, title, header, rows)


# ---------------------------------------------------------------------------------------------------------
# footnotes and references

def _in_spans(starts: list[int], spans: list[tuple[int, int]], offset: int) -> bool:
    """`spans` sorted by start, `starts` their starts; spans may overlap."""
    i = bisect.bisect_right(starts, offset)
    return any(spans[k][0] <= offset < spans[k][1] for k in range(max(0, i - 3), i))


def _find_footnotes(text: str, skip: list[tuple[int, int]]) -> list[Footnote]:
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
            if m.group("sup") in "²³" and _UNIT_BEFORE_SUPER.search(text[max(0, s - 3):s]):
                continue  # km², m³
            marker = marker.lstrip("0") or "0"
        else:
            marker = m.group("br") or m.group("caret")
            marker = marker.lstrip("0") or "0"
        out.append(Footnote(marker, s, e))
    return out


_CAPTION = re.compile(r"^\s*(?:source|photo|image|figure|fig\.|credit)s?\s*:", re.IGNORECASE)


def _find_references(lines: list[_Line], spans: list[tuple[int, int, str]]) -> list[Reference]:
    """Numbered entries (`- 1 Author ...`, `1. ...`, `[1] ...`) with their continuation lines (a URL on the
    next line); unnumbered entries (author-date lists) get number ""; captions are skipped."""
    out: list[Reference] = []
    starts = [line.start for line in lines]
    for start, end, chapter in spans:
        groups: list[tuple[str, list[_Line]]] = []
        for line in lines[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]:
            if not line.stripped:
                continue
            if _REFERENCE_TITLES.match(line.stripped):
                continue
            if _CAPTION.match(line.text):
                groups.append(("", []))  # a caption ends the entry before it
                continue
            m = _ENTRY.match(line.text)
            if m and not _URL_LINE.match(line.text):
                groups.append(((m.group("n1") or m.group("n2")).lstrip("0") or "0", [line]))
            elif groups and groups[-1][1]:
                groups[-1][1].append(line)
            elif _is_prose(line.stripped) or not _looks_like_title(line.stripped):
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


# ---------------------------------------------------------------------------------------------------------

def segment(text: str, *, headings: Sequence[tuple[int, int, str]] = ()) -> Layout:
    """Sections, footnotes, reference entries and tables of `text` (pure; never raises on odd text).

    >>> text = "Chapter 1\\n\\nIntro\\n\\nJapan gave $5 million.¹\\n\\nReferences\\n\\n- 1 MOFA. Report."
    >>> layout = segment(text)
    >>> [(s.path, s.kind) for s in layout.sections]
    [(('Chapter 1',), 'body'), (('Chapter 1', 'Intro'), 'body'), (('Chapter 1', 'References'), 'references')]
    >>> layout.footnotes[0].marker, layout.resolve("Chapter 1", "1").text
    ('1', 'MOFA. Report.')
    """
    lines = _lines(text)
    found = _find_headings(text, lines, headings)
    tables = _find_tables(lines)
    # a heading detected inside a table block is a table line, not a heading
    found = [h for h in found if not any(t.start <= h.start < t.end for t in tables)]

    sections: list[Section] = []
    front_end = _front_end(found)
    boundaries: list[tuple[int, tuple[str, ...], str]] = []
    if front_end is not None and front_end > 0:
        boundaries.append((0, (), FRONT))
    elif not found or found[0].start > 0:
        boundaries.append((0, (), BODY))
    for h, (path, kind) in zip(found, _paths(found, front_end), strict=True):
        boundaries.append((h.start, path, kind))
    # reference/toc kinds extend to their subsections
    resolved: list[tuple[int, tuple[str, ...], str]] = []
    active: tuple[tuple[str, ...], str] | None = None
    for start, path, kind in boundaries:
        if active is not None and path[: len(active[0])] == active[0] and kind == BODY:
            kind = active[1]
        elif kind == REFERENCES and path:
            active = (path, kind)
        else:
            active = None
        if front_end is not None and start < front_end:
            kind = FRONT
        resolved.append((start, path, kind))
    # tile, inserting table sections
    cuts: list[tuple[int, int, tuple[str, ...], str]] = []
    for idx, (start, path, kind) in enumerate(resolved):
        end = resolved[idx + 1][0] if idx + 1 < len(resolved) else len(text)
        if end > start or (start == end == len(text) and not cuts):
            cuts.append((start, end, path, kind))
    for start, end, path, kind in cuts:
        pos = start
        for t in tables:
            if t.end <= start or t.start >= end:
                continue
            if kind in EXCLUDED_KINDS:
                continue
            if t.start > pos:
                sections.append(Section(pos, t.start, path, kind))
            sections.append(Section(max(t.start, pos), min(t.end, end), path, TABLE))
            pos = min(t.end, end)
        if pos < end or (pos == end == start):
            sections.append(Section(pos, end, path, kind))
    sections = [s for s in sections if s.end > s.start] or [Section(0, len(text), (), BODY)]

    chapter_titles: dict[str, str] = {}
    for h in found:
        if h.chapter and h.label not in chapter_titles:
            chapter_titles[h.label] = _chapter_title(lines, h)

    ref_spans = [(s.start, s.end, _chapter_of(s)) for s in sections if s.kind == REFERENCES]
    references = _find_references(lines, ref_spans)
    note_spans = []
    for line in lines:
        if _NOTE_DEFINITION.match(line.text) and not any(a <= line.start < b for a, b, _ in ref_spans):
            note_spans.append((line.start, line.end))
            section = _section_of(sections, line.start)
            references.extend(_find_references([line], [(line.start, line.end + 1, _chapter_of(section))]))
    skip = [(s.start, s.end) for s in sections if s.kind in {REFERENCES, TOC}] + note_spans
    skip.extend((m.start(), m.end()) for m in re.finditer(r"https?://\S+|www\.\S+", text))
    footnotes = _find_footnotes(text, skip)
    return Layout(len(text), sections, footnotes, references, tables, chapter_titles, note_spans)


_NOTE_DEFINITION = re.compile(r"^\s*\[\^\d{1,3}\]:\s*\S")


def _section_of(sections: list[Section], offset: int) -> Section | None:
    return next((s for s in sections if s.start <= offset < s.end), None)


def _chapter_of(section: Section | None) -> str:
    if section is None:
        return ""
    return section.path[0] if section.path and _CHAPTER_LABEL.match(section.path[0]) else ""


def _chapter_title(lines: list[_Line], h: _Heading) -> str:
    m = _CHAPTER_LINE.match(next((x.stripped for x in lines if x.start == h.start), ""))
    if m and m.group("title"):
        return m.group("title").strip()
    for line in lines:
        if line.start > h.end and line.stripped:
            return line.stripped if _looks_like_title(line.stripped) else ""
    return ""
