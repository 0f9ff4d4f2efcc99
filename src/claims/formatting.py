"""Values as they leave the library: numbers in words for readers, table cells with missing markers as None.

One number formatter for every text a person reads (the explanations of `claims.reconcile`, the reports of
`claims.report`, the review UI), and one reading of pandas' missing markers (NaN, NA, NaT) for every module
that turns table cells back into plain values. Pure; it sits just above `claims.lexicon`, so every layer may
use it.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd

SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
"""The scale words numbers are written with (the short scale, as in the sources)."""


def format_number(value: float) -> str:
    """A number as a reader would say it: a scale word from a million up, and no more digits than it has.

    A figure as a document states it (at most three decimals once scaled) keeps every digit; a computed one
    (a ratio, an implied value) is rounded to four significant digits. Never in exponent notation.

    >>> format_number(8_100_000_000.0), format_number(34_600_000.0), format_number(670e6)
    ('8.1 billion', '34.6 million', '670 million')
    >>> format_number(1234.5), format_number(400.0), format_number(125.5), format_number(0.39)
    ('1,234.5', '400', '125.5', '0.39')
    >>> format_number(12_345_000.0), format_number((18.1 / 8.1 - 1) * 100), format_number(-2e9)
    ('12.345 million', '123.5', '-2 billion')
    >>> format_number(0.006849315068), format_number(1.5e-5), format_number(-0.0)
    ('0.006849', '0.000015', '0')
    """
    magnitude = abs(value)
    for scale, word in SCALE_WORDS:
        if magnitude >= scale:
            return f"{_digits(value / scale)} {word}"
    if magnitude >= 1000:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return _digits(value)


def _digits(value: float) -> str:
    shortest = repr(float(value))  # the fewest digits that give the float back: the figure as written
    whole, _, decimals = shortest.partition(".")
    if "e" in shortest or len(decimals) > 3:  # a computed value: four significant digits
        shortest = format(Decimal(f"{value:.4g}"), "f")
    elif decimals == "0":
        shortest = whole
    return "0" if shortest == "-0" else shortest


def is_missing(value: object) -> bool:
    """True for None and for pandas' and numpy's missing markers (NaN, NA, NaT); never for text or a list.

    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", 0, "x")]
    [True, True, True, True, False, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str | bytes | list | tuple | dict | set):
        return False
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):  # array-likes are values, not missing
        return False


def none_if_missing(value: object) -> object:
    """A table cell with the missing markers (NaN, NA, NaT) turned into None.

    >>> none_if_missing(float("nan")) is None, none_if_missing(pd.NA) is None, none_if_missing("x")
    (True, True, 'x')
    """
    return None if is_missing(value) else value
