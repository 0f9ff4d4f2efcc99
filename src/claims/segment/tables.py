"""Tab-separated tables: a header row, then rows whose first cell may be empty to continue the row above."""

from __future__ import annotations

import re

from claims.segment.layout import Table, TableCell, TableRow
from claims.segment.lines import Line, looks_like_title


def _split_cells(line: Line, row: int) -> tuple[TableCell, ...]:
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
    r"""(?:(?:FY\s?)?(?:1[89]|20)\d\d(?:\s*[-–/]\s*\d{2,4})?\s*[EPF*]?  # 2023, FY2024, 2023-24, 2025E
      |[QH][1-4]\s+(?:1[89]|20)\d\d)                                   # Q3 2023, H1 2020
    (?:\s*\((?:est(?:imated?)?\.?|forecast|projected|projection|provisional|prelim(?:inary)?|actual|planned
          |target|budget|[epfa])\))?""",  # 2021 (estimate)
    re.VERBOSE | re.IGNORECASE,
)


_NUMBER_CELL = re.compile(
    r"[-+~]?(?:US\$|[$€£¥])?\s?\(?[\d.,]+\)?\s?%?"  # `1,204`, `$ 40,111`, `(8) %`
    r"(?:\s?\[(?:\d{1,3}|[a-z]|note\s\d{1,3})\])*"  # and footnote markers: `17,140,354[1]`
)


def _is_header(line: Line, *, years: bool = False) -> bool:
    """A row of labels; with `years`, a row whose cells after the first are all years or words (`Country
    2022 2023`) is one too (only the first row of a table is read that way)."""
    cells = [c.strip() for c in line.text.split("\t")]
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return False
    if any(len(c) > 70 for c in filled):
        return False
    rest = [c for c in filled[1:] if c]
    words_or_years = all(_YEAR_CELL.fullmatch(c) or not _NUMBER_CELL.fullmatch(c) for c in rest)
    if years and rest and not _YEAR_CELL.fullmatch(filled[0]) and words_or_years:
        return True  # `Country 2022 2023`, `In millions  Three Months Ended ... 2023  2022  % Change`
    if years and not cells[0] and all(_YEAR_CELL.fullmatch(c) for c in filled):
        return True  # `\t2016\t2015\t2014`: years over the columns of a record, the row labels' cell empty
    return not any(_NUMBER_CELL.fullmatch(c) for c in rest)


def _width(line: Line) -> int:
    return len(line.text.rstrip("\t ").split("\t"))


def _starts_new_table(first: Line, line: Line) -> bool:
    """After a blank line, a header-like row of another width starts another table."""
    return _is_header(first) and _is_header(line) and _width(first) != _width(line)


def find_tables(lines: list[Line]) -> list[Table]:
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


def _make_table(lines: list[Line], first: int, block: list[Line]) -> Table:
    title = ""
    k = first - 1
    while k >= 0 and not lines[k].stripped:
        k -= 1
    if k >= 0 and looks_like_title(lines[k].stripped):
        title = lines[k].stripped
    header = None
    body = block
    if _is_header(block[0], years=len(block) > 1 and not _is_header(block[1], years=True)):
        header = TableRow(block[0].start, block[0].end, block[0].text, _split_cells(block[0], -1))
        body = block[1:]
    rows = tuple(TableRow(ln.start, ln.end, ln.text, _split_cells(ln, r)) for r, ln in enumerate(body))
    return Table(block[0].start, block[-1].end, title, header, rows)
