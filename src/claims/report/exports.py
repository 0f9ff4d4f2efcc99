"""CSV that a spreadsheet cannot run: the one writer of every CSV table (claims.csv, conflicts.csv,
documents.csv, rejected.csv, quarantine.csv, decisions.csv, marks.csv, the workspace's exports).

OWASP's rule ("CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return,
or with one of the first four after leading whitespace, is prefixed with a single quote, so a spreadsheet
shows it as text instead of evaluating it (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`). The full-width forms
(`＝`, `＋`, `－`, `＠`), which some spreadsheets read as the ASCII ones, are treated the same way.

Two kinds of cell stay as they are, because no spreadsheet can run them and their text is evidence:

- numbers: float and integer columns are never touched (a negative value stays numeric), nor is a text
  cell that is a plain number (`-5`, `+0.25`, `-1.5e3`);
- a signed quantity: a sign, a digit, then only letters, digits, spaces, `.`, `,`, `%`, `/`, `-` and
  currency signs (`-0.5%`, `-3.2 million yen`, `+5 million dollars`). Without brackets, quotes, `|`, `!`,
  `:`, `=`, `+`, `@` or `&` a formula can call no function, open no link and reach no other program; and a
  claim's `surface` must stay equal to the source text at its offsets (the output contract).

The raw text is kept as it is in Parquet and in the database: only the CSV text is changed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from typing import TextIO

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""OWASP's first characters that make a spreadsheet read a cell as a formula, and their full-width forms."""

_AFTER_WHITESPACE = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""The formula starts that still count after leading whitespace (a tab or CR is itself a start)."""

_QUANTITY_PUNCTUATION = frozenset(" .,%/-")
"""The characters besides letters, digits and currency signs a signed quantity may hold."""


_PLAIN_NUMBER = re.compile(
    r"""
    [+-]?\d+          # a sign and the whole part
    (?:\.\d+)?        # a decimal part
    (?:[eE][+-]?\d+)?  # an exponent
    """,
    re.VERBOSE,
)


def _plain_number(text: str) -> bool:
    """
    >>> _plain_number("-5"), _plain_number("+0.25"), _plain_number("-1.5e3"), _plain_number(" -5")
    (True, True, True, False)
    """
    return _PLAIN_NUMBER.fullmatch(text) is not None


def _signed_quantity(text: str) -> bool:
    """A sign, a digit, then only quantity characters: a formula with no function, link or operator.

    >>> _signed_quantity("-0.5%"), _signed_quantity("-3.2 million yen"), _signed_quantity("+€5 bn")
    (True, True, False)
    >>> _signed_quantity("-2+3"), _signed_quantity("-1 HYPERLINK(x)"), _signed_quantity("-A1")
    (False, False, False)
    """
    if len(text) < 2 or text[0] not in "+-" or not text[1].isdigit():
        return False
    return all(
        ch.isalnum() or ch in _QUANTITY_PUNCTUATION or unicodedata.category(ch) == "Sc" for ch in text[2:]
    )


def formula_like(text: str) -> bool:
    """A spreadsheet would read this text cell as a formula (and it is no number or signed quantity).

    >>> [formula_like(t) for t in ("=1+2", " =1+2", "\\tx", "@SUM(A1)", "-2+3", "Ana", "-0.5%", "1-2")]
    [True, True, True, True, True, False, False, False]
    """
    if not text.startswith(FORMULA_STARTS) and not text.lstrip().startswith(_AFTER_WHITESPACE):
        return False
    return not (_plain_number(text) or _signed_quantity(text))


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: formula-like text gets a leading single quote, the rest is kept.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-cmd|' /C calc'!A0"), safe_cell("Ana")
    ('\\'=HYPERLINK("http://x")', "'-cmd|' /C calc'!A0", 'Ana')
    >>> safe_cell(-3.5), safe_cell("-3.5"), safe_cell("-5 boats"), safe_cell(None)
    (-3.5, '-3.5', '-5 boats', None)
    """
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def _text_column(series: pd.Series) -> bool:
    """Object, string and category columns hold text; numbers, booleans and times are left alone."""
    dtype = series.dtype
    return not (
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
    )


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with its column names and text cells made safe (`safe_cell`); numeric columns as they are.
    A frame with nothing to change is returned as it is (no copy).

    >>> safe_frame(pd.DataFrame({"doc": ["=1+2.txt", "a.txt"], "value": [-5.0, 2.0]})).to_dict("list")
    {'doc': ["'=1+2.txt", 'a.txt'], 'value': [-5.0, 2.0]}
    """
    changed: dict[int, pd.Series] = {}
    for i in range(df.shape[1]):
        column = df.iloc[:, i]
        if not _text_column(column):
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if any(_unsafe(value) for value in column):  # not Series.any: an empty 'string' column cannot reduce
            changed[i] = column.map(safe_cell)
    names = [safe_cell(str(c)) for c in df.columns]
    renamed = names != [str(c) for c in df.columns]
    if not changed and not renamed:
        return df
    safe = df.copy(deep=False)
    for i, column in changed.items():
        safe.isetitem(i, column)
    if renamed:
        safe.columns = names
    return safe


def _unsafe(value: object) -> bool:
    return isinstance(value, str) and formula_like(value)


def safe_csv(df: pd.DataFrame, *, quote_all: bool = True) -> str:
    """The frame as CSV text (`safe_frame`): every cell quoted unless `quote_all` is False; NA is empty.

    >>> safe_csv(pd.DataFrame({"note": ["@SUM(A1)", None], "n": [-1.5, 2.0]}))
    '"note","n"\\n"\\'@SUM(A1)","-1.5"\\n"","2.0"\\n'
    """
    buffer = io.StringIO()
    write_safe_csv(buffer, df, quote_all=quote_all)
    return buffer.getvalue()


def write_safe_csv(fh: TextIO, df: pd.DataFrame, *, quote_all: bool = False, header: bool = True) -> None:
    """Write the frame as safe CSV (`safe_frame`) to an open text stream; NA is empty, minimal quoting by
    default (the pipeline's tables keep their layout), every cell quoted with `quote_all`. Without `header`
    the rows only (a frame that continues a table already written).

    >>> out = io.StringIO()
    >>> for part in (pd.DataFrame({"note": ["=1+2"]}), pd.DataFrame({"note": ["@x"]})):
    ...     write_safe_csv(out, part, header=part["note"][0] == "=1+2")
    >>> out.getvalue()
    "note\\n'=1+2\\n'@x\\n"
    """
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    safe_frame(df).to_csv(fh, index=False, quoting=quoting, lineterminator="\n", na_rep="", header=header)
