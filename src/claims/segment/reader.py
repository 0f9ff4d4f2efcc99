"""`segment(text)`: tile a document into sections (inserting table sections) and collect its footnotes,
reference entries, tables and chapter titles into a `Layout`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.segment.headings import Heading, find_headings, front_matter_end, heading_paths
from claims.segment.layout import BODY, EXCLUDED_KINDS, FRONT, REFERENCES, TABLE, TOC, Layout, Table
from claims.segment.lines import CHAPTER_LABEL, CHAPTER_LINE, Line, looks_like_title, read_lines
from claims.segment.notes import find_footnotes, find_references
from claims.segment.tables import find_tables
from claims.types import Section


def segment(text: str, *, headings: Sequence[tuple[int, int, str]] = ()) -> Layout:
    """Sections, footnotes, reference entries and tables of `text` (pure; never raises on odd text).

    >>> text = "Chapter 1\\n\\nIntro\\n\\nJapan gave $5 million.¹\\n\\nReferences\\n\\n- 1 MOFA. Report."
    >>> layout = segment(text)
    >>> [(s.path, s.kind) for s in layout.sections]
    [(('Chapter 1',), 'body'), (('Chapter 1', 'Intro'), 'body'), (('Chapter 1', 'References'), 'references')]
    >>> layout.footnotes[0].marker, layout.resolve("Chapter 1", "1").text
    ('1', 'MOFA. Report.')
    """
    lines = read_lines(text)
    found = find_headings(text, lines, headings)
    tables = find_tables(lines)
    # a heading detected inside a table block is a table line, not a heading
    found = [h for h in found if not any(t.start <= h.start < t.end for t in tables)]
    front_end = front_matter_end(found)
    resolved = _section_kinds(_boundaries(found, front_end), front_end)
    sections = _tile(resolved, tables, len(text))
    chapter_titles: dict[str, str] = {}
    for h in found:
        if h.chapter and h.label not in chapter_titles:
            chapter_titles[h.label] = _chapter_title(lines, h)
    ref_spans = [(s.start, s.end, _chapter_of(s)) for s in sections if s.kind == REFERENCES]
    references = find_references(lines, ref_spans)
    note_spans = []
    for line in lines:
        if _NOTE_DEFINITION.match(line.text) and not any(a <= line.start < b for a, b, _ in ref_spans):
            note_spans.append((line.start, line.end))
            section = _section_of(sections, line.start)
            references.extend(find_references([line], [(line.start, line.end + 1, _chapter_of(section))]))
    skip = [(s.start, s.end) for s in sections if s.kind in {REFERENCES, TOC}] + note_spans
    skip.extend((m.start(), m.end()) for m in re.finditer(r"https?://\S+|www\.\S+", text))
    footnotes = find_footnotes(text, skip)
    return Layout(len(text), sections, footnotes, references, tables, chapter_titles, note_spans)


Boundary = tuple[int, tuple[str, ...], str]  # where a section starts, its heading path and its kind


def _boundaries(found: list[Heading], front_end: int | None) -> list[Boundary]:
    """A boundary at each heading, and one at the start for front matter or text before the first heading."""
    boundaries: list[Boundary] = []
    if front_end is not None and front_end > 0:
        boundaries.append((0, (), FRONT))
    elif not found or found[0].start > 0:
        boundaries.append((0, (), BODY))
    for h, (path, kind) in zip(found, heading_paths(found, front_end), strict=True):
        boundaries.append((h.start, path, kind))
    return boundaries


def _section_kinds(boundaries: list[Boundary], front_end: int | None) -> list[Boundary]:
    """Reference lists extend to their subsections; everything before the end of front matter is front."""
    resolved: list[Boundary] = []
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
    return resolved


def _tile(resolved: list[Boundary], tables: Sequence[Table], length: int) -> list[Section]:
    """Sections that tile the text from the boundaries, with a table section wherever a table sits in a
    section that is read (never in front matter, contents or references)."""
    cuts: list[tuple[int, int, tuple[str, ...], str]] = []
    for idx, (start, path, kind) in enumerate(resolved):
        end = resolved[idx + 1][0] if idx + 1 < len(resolved) else length
        if end > start or (start == end == length and not cuts):
            cuts.append((start, end, path, kind))
    sections: list[Section] = []
    for start, end, path, kind in cuts:
        pos = start
        for t in tables:
            if t.end <= start or t.start >= end or kind in EXCLUDED_KINDS:
                continue
            if t.start > pos:
                sections.append(Section(pos, t.start, path, kind))
            sections.append(Section(max(t.start, pos), min(t.end, end), path, TABLE))
            pos = min(t.end, end)
        if pos < end or (pos == end == start):
            sections.append(Section(pos, end, path, kind))
    return [s for s in sections if s.end > s.start] or [Section(0, length, (), BODY)]


_NOTE_DEFINITION = re.compile(r"^\s*\[\^\d{1,3}\]:\s*\S")


def _section_of(sections: list[Section], offset: int) -> Section | None:
    return next((s for s in sections if s.start <= offset < s.end), None)


def _chapter_of(section: Section | None) -> str:
    if section is None:
        return ""
    return section.path[0] if section.path and CHAPTER_LABEL.match(section.path[0]) else ""


def _chapter_title(lines: list[Line], h: Heading) -> str:
    m = CHAPTER_LINE.match(next((x.stripped for x in lines if x.start == h.start), ""))
    if m and m.group("title"):
        return m.group("title").strip()
    for line in lines:
        if line.start > h.end and line.stripped:
            return line.stripped if looks_like_title(line.stripped) else ""
    return ""
