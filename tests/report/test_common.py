from __future__ import annotations

import math

import pandas as pd
import pytest

from claims.report.common import (
    as_bool,
    as_float,
    format_period,
    format_quantity,
    highlight,
    page_name,
    records,
    years_of,
)


@pytest.mark.parametrize(
    ("sentence", "surface", "start", "sentence_start", "expected"),
    [
        # offset inside the sentence points at the surface
        (
            "to 8.1 billion yen in FY2025",
            "8.1 billion yen",
            103,
            100,
            "to <mark>8.1 billion yen</mark> in FY2025",
        ),
        # the same surface twice: the offset picks the second one
        ("5 boats and 5 radars", "5", 112, 100, "5 boats and <mark>5</mark> radars"),
        # stale offset (sentence normalised): first occurrence is used
        ("Three patrol vessels", "Three", 7, 100, "<mark>Three</mark> patrol vessels"),
        # surface not in the sentence: the sentence alone, escaped
        ("a <b>b</b>", "9", None, None, "a &lt;b&gt;b&lt;/b&gt;"),
        # markup on both sides of the surface and in the surface
        (
            "<script>x</script> 9 <img src=x>",
            "9",
            19,
            0,
            "&lt;script&gt;x&lt;/script&gt; <mark>9</mark> &lt;img src=x&gt;",
        ),
        ("pay <9> now", "<9>", 4, 0, "pay <mark>&lt;9&gt;</mark> now"),
    ],
)
def test_common_highlight_marks_escaped_surface(sentence, surface, start, sentence_start, expected):
    assert str(highlight(sentence, surface, start, sentence_start)) == expected


@pytest.mark.parametrize(
    ("value", "unit", "low", "high", "expected"),
    [
        (8.1e9, "JPY", None, None, "¥8.1 billion"),
        (18.1e9, "JPY", None, None, "¥18.1 billion"),
        (None, "USD", 30e6, 34.6e6, "$30 million – $34.6 million"),
        (400e6, "JPY", None, None, "¥400 million"),
        (74.0, "percent", None, None, "74%"),
        (3.0, "count", None, None, "3"),
        (2.5, "times", None, None, "2.5×"),
        (5e9, "XXX", None, None, "5 billion (currency not stated)"),
        (1.3e6, "THB", None, None, "1.3 million THB"),
        (12_500.0, "meter", None, None, "12,500 meters"),
        (1.0, "hour", None, None, "1 hour"),
        (5.0, "decade", None, None, "5 decades"),
        (None, None, None, None, "—"),
    ],
)
def test_common_format_quantity_reads_like_text(value, unit, low, high, expected):
    assert format_quantity(value, unit, low, high) == expected


@pytest.mark.parametrize(
    ("start", "end", "fiscal", "expected"),
    [
        (2025, 2025, True, "FY2025"),
        (2019, 2023, False, "2019–2023"),
        (None, None, False, ""),
        (2024, None, False, "2024"),
    ],
)
def test_common_format_period_marks_fiscal(start, end, fiscal, expected):
    assert format_period(start, end, fiscal) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("FY2025", (2025, 2025, True)),
        ("FY2025–FY2026", (2025, 2026, True)),
        ("2019-2023", (2019, 2023, False)),
        ("n/a", (None, None, False)),
    ],
)
def test_common_years_of_reads_period_labels(period, expected):
    assert years_of(period) == expected


@pytest.mark.parametrize(
    "doc",
    [
        "001_72274b1e3263120b.txt",
        '<img src=x onerror="alert(1)">.txt',
        "../../etc/passwd",
        "a b/c.txt",
        "ｆｕｌｌ.txt",
    ],
)
def test_common_page_name_is_a_safe_file_name(doc):
    name = page_name(doc)
    assert name.endswith(".html")
    assert "/" not in name
    assert "<" not in name
    assert '"' not in name
    assert not name.startswith(".")
    assert all(ch.isascii() for ch in name)
    assert page_name(doc, "Chapter 4") != name


@pytest.mark.parametrize(("a", "b"), [("a.txt", "a-txt"), ("x<1>.txt", "x-1-.txt")])
def test_common_page_name_keeps_distinct_docs_distinct(a, b):
    assert page_name(a) != page_name(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Chapter 4", "CHAPTER 4"), ("Part I/II", "Part I-II"), ("Ch. 4", "Ch 4")]
)
def test_common_page_name_keeps_distinct_chapters_distinct(a, b):
    assert page_name("book.txt", a) != page_name("book.txt", b)


@pytest.mark.parametrize(
    ("cell", "expected"), [(float("nan"), None), (pd.NA, None), ("2.5", 2.5), ("x", None)]
)
def test_common_as_float_treats_missing_cells_as_none(cell, expected):
    assert as_float(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"), [("true", True), ("False", False), (float("nan"), False), (1, True)]
)
def test_common_as_bool_reads_csv_booleans(cell, expected):
    assert as_bool(cell) is expected


@pytest.mark.parametrize("frame", [pd.DataFrame({"a": [1.0, math.nan], "b": ["x", None]})])
def test_common_records_turn_nan_into_none(frame):
    assert records(frame) == [{"a": 1.0, "b": "x"}, {"a": None, "b": None}]
