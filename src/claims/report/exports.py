"""Tables for people to open in a spreadsheet (decisions.csv, marks.csv): CSV that a spreadsheet cannot run.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote
(OWASP, "CSV Injection"), and every cell is quoted.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list of first characters that make a spreadsheet read a cell as a formula."""


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-5 boats"), safe_cell("Ana"), safe_cell(3.5)
    ('\\'=HYPERLINK("http://x")', "'-5 boats", 'Ana', 3.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(df: pd.DataFrame) -> str:
    """The frame as CSV text, every cell quoted, formula-like text cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow([safe_cell(str(c)) for c in df.columns])
    for row in df.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else safe_cell(v) for v in row])
    return buffer.getvalue()
