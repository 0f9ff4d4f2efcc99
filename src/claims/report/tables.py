"""Quotes from table cells, shown with their table: the column headers and the cells of the quoted row.

The claims table keeps a table cell's row as its sentence but not the table's header; the header is read
again from the document's text (`claims.segment`), which the caller gives (pure: text in, contexts out).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from claims.report.findings import Finding, Side, TableContext
from claims.segment import Layout, segment

log = logging.getLogger(__name__)


def table_context(layout: Layout, offset: int) -> TableContext | None:
    """The table row holding a quoted cell, with the table's column headers (None outside a table).

    >>> text = "Budget\\n\\nFiscal Year\\tTotal (JPY)\\n2024\\t5 billion Yen\\n2025\\t8 billion Yen\\n"
    >>> context = table_context(segment(text), text.index("8 billion"))
    >>> context.headers, context.cells, context.column_header, context.row_label
    (('Fiscal Year', 'Total (JPY)'), ('2025', '8 billion Yen'), 'Total (JPY)', '2025')
    """
    table = layout.table_at(offset)
    if table is None:
        return None
    found = table.locate(offset)
    if found is None:
        return None
    row_index, cell = found
    row = table.header if row_index < 0 else table.rows[row_index]
    if row is None:
        return None
    width = max(len(row.cells), len(table.header.cells) if table.header else 0)
    headers = tuple(table.column_header(i) for i in range(width))
    cells = tuple(c.text if (c := row.cell(i)) is not None else "" for i in range(width))
    label = table.row_label(row_index) if row_index >= 0 else ""
    return TableContext(table.title, headers, cells, cell.col, label)


class LayoutCache:
    """Layouts kept from one set's reports to the next in a long-lived process (`claims serve --warm`): a
    text segmented for the last set is not segmented again (`segment` is pure: the same text gives the same
    layout). Keyed by the text's digest; `begin` (a new set's reports) drops what the last set did not use.

    >>> cache = LayoutCache()
    >>> cache.begin(); first = cache.segment("Budget\\n\\nYear\\tTotal\\n2024\\t5\\n")
    >>> cache.begin(); cache.segment("Budget\\n\\nYear\\tTotal\\n2024\\t5\\n") is first
    True
    >>> cache.begin(); cache.begin(); len(cache)
    0
    """

    def __init__(self) -> None:
        self._layouts: dict[str, Layout] = {}
        self._used: dict[str, Layout] = {}

    def begin(self) -> None:
        self._layouts, self._used = self._used, {}

    def segment(self, text: str) -> Layout:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        layout = self._used.get(key) or self._layouts.get(key) or segment(text)
        self._used[key] = layout
        return layout

    def __len__(self) -> int:
        return len(self._layouts.keys() | self._used.keys())


class Layouts:
    """Each document's layout, segmented once on first use, from the texts the caller has (doc -> text);
    with `cache`, a text the cache holds is not segmented again."""

    def __init__(
        self,
        texts: Mapping[str, str] | Callable[[str], str | None] | None,
        *,
        cache: LayoutCache | None = None,
    ) -> None:
        self._texts = texts
        self._cache = cache
        self._layouts: dict[str, tuple[str, Layout] | None] = {}

    def _text(self, doc: str) -> str | None:
        if self._texts is None:
            return None
        if callable(self._texts):
            return self._texts(doc)
        return self._texts.get(doc)

    def has_text(self, doc: str) -> bool:
        """The caller has the document's text (read, not segmented)."""
        if doc in self._layouts:
            return self._layouts[doc] is not None
        return bool(self._text(doc))

    def of(self, doc: str) -> tuple[str, Layout] | None:
        """The document's text and layout, None when the caller has no text for it."""
        if doc not in self._layouts:
            text = self._text(doc)
            segmented = self._cache.segment if self._cache is not None else segment
            self._layouts[doc] = (text, segmented(text)) if text else None
        return self._layouts[doc]

    def side(self, side: Side) -> Side:
        """The side with its table context when its quote is a table cell (the text must still give the
        quote at its offsets: another version of the document gives no context)."""
        if side.start is None or side.end is None or (side.flags and "table_cell" not in side.flags):
            return side
        found = self.of(side.doc)
        if found is None or found[0][side.start : side.end] != side.surface:
            return side
        context = table_context(found[1], side.start)
        return side if context is None else replace(side, table=context)


def with_tables(findings: Iterable[Finding], layouts: Layouts) -> list[Finding]:
    """The findings with a table context on each side quoted from a table cell."""
    out = []
    for f in findings:
        a = layouts.side(f.a)
        b = layouts.side(f.b) if f.b is not None else None
        out.append(f if a is f.a and b is f.b else replace(f, a=a, b=b))
    return out
