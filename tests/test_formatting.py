"""claims.formatting: one number formatter (explanations, reports, UI) and one reading of missing cells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from claims.formatting import format_number, is_missing, none_if_missing
from claims.types import Severity


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (8.1e9, "8.1 billion"),
        (18.125e9, "18.125 billion"),  # a stated figure keeps its digits (the report printed 18.13)
        (123.45, "123.45"),  # ... (the report printed 123.5)
        ((18.1 / 8.1 - 1) * 100, "123.5"),  # a computed one: four significant digits (explanations: 123.457)
        (0.012345678, "0.01235"),  # (explanations printed 0.0123)
        (1.5e-5, "0.000015"),  # never exponent notation (explanations printed 1.5e-05)
        (2.0099999999999998, "2.01"),  # float noise is not a stated digit
        (1234.5, "1,234.5"),
        (-0.0, "0"),
    ],
)
def test_formatting_number_as_a_reader_writes_it(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value", [None, float("nan"), np.float64("nan"), np.float32("nan"), pd.NA, pd.NaT])
def test_formatting_missing_markers_read_as_none(value):
    assert is_missing(value)
    assert none_if_missing(value) is None


@pytest.mark.parametrize("value", ["", "nan", 0, 0.0, False, (), [float("nan")], "Japan;OSA"])
def test_formatting_values_are_not_missing(value):
    assert not is_missing(value)
    assert none_if_missing(value) is value


@pytest.mark.parametrize(
    ("values", "ranked"),
    [(["low", "high", None, "medium"], ["high", "medium", "low", None]), (["x", "medium"], ["medium", "x"])],
)
def test_formatting_severity_rank_orders_cells(values, ranked):
    assert sorted(values, key=Severity.rank_of) == ranked
    assert [s.rank for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)] == [0, 1, 2]
