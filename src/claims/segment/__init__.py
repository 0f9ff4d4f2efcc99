"""Split a document's text into sections, tables, footnote markers and reference lists (pure).

`segment(text)` reads the layout that plain-text exports keep: Markdown headings (`## Title`), `Chapter N` /
`Part N` lines, numbered headings (`I. Evolution ...`, `1. Shared ...`, `2) Defense ...`), ALL-CAPS headings
and short stand-alone title lines; a table of contents; reference lists / bibliographies / endnotes after a
heading of that name (numbered `- 1 Author ...`, `1. ...`, `[1] ...`); superscript (`³⁵`), bracketed (`[12]`)
and caret (`^12`) footnote markers; and tab-separated tables (a header row, then rows whose first cell may be
empty to continue the row above). Headings given by ingestion (DOCX/HTML) replace the text heuristics.

Every span keeps character offsets into the given text.

Modules: `layout` (what is returned), `lines`, `headings`, `tables`, `notes` (footnotes and references),
`reader` (`segment` itself).
"""

from claims.segment.layout import Layout, Table, TableCell, TableRow
from claims.segment.reader import segment

__all__ = ["Layout", "Table", "TableCell", "TableRow", "segment"]
