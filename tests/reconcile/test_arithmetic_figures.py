"""Precision, hedges and intervals of stated figures (reconcile.arithmetic.figures)."""

from __future__ import annotations

import pytest

from claims.reconcile.arithmetic.figures import (
    Bounds,
    change_percent,
    difference,
    figure,
    holds,
    is_whole_count,
    operand_bounds,
    relative_gap,
    same_unit,
    scale_of,
    steps,
    total,
)


@pytest.mark.parametrize(
    ("surface", "value", "kind", "unit", "expected"),
    [
        ("3.4 billion euros", 3.4e9, "money", "EUR", (1e8, 1e8)),
        ("$22.10 billion", 22.1e9, "money", "USD", (1e7, 1e8)),
        ("7,000", 7000.0, "count", "count", (1.0, 1000.0)),
        ("Rs 2,450 crore", 2.45e10, "money", "INR", (1e7, 1e8)),
        ("three times", 3.0, "multiplier", "times", (1.0, 1.0)),
        ("12.50%", 12.5, "percent", "percent", (0.01, 0.1)),
    ],
)
def test_arithmetic_figures_steps_read_the_written_digits(surface, value, kind, unit, expected):
    written, nonzero = steps(figure(surface, value, kind=kind, unit=unit))
    assert (written, nonzero) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("surface", "value", "qualifier", "expected"),
    [
        ("4.2 million", 4.2e6, "exact", (4.15e6, 4.25e6)),
        ("312", 312.0, "exact", (312.0, 312.0)),  # a count written to the unit is exact
        ("about 40,000", 40000.0, "approx", (35000.0, 45000.0)),
        ("more than 2.5 million", 2.5e6, "over", (2.45e6, 2.55e6)),
    ],
)
def test_arithmetic_figures_operand_bounds(surface, value, qualifier, expected):
    claim = figure(surface.split(" ", 1)[-1] if qualifier != "exact" else surface, value, qualifier=qualifier)
    bounds = operand_bounds(claim)
    assert (bounds.low, bounds.high) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("surface", "value", "qualifier", "computed", "expected"),
    [
        # exact: rounded or truncated to the last written digit, from operands within their rounding
        ("48.6%", 48.6, "exact", (48.64, Bounds(48.62, 48.66)), True),
        ("48.6%", 48.6, "exact", (48.68, Bounds(48.67, 48.69)), True),  # truncated
        ("48.6%", 48.6, "exact", (48.9, Bounds(48.85, 48.95)), False),
        # approx: within one unit of the last non-zero digit
        ("30%", 30.0, "approx", (26.0, Bounds(25.5, 26.5)), True),
        ("31%", 31.0, "approx", (28.0, Bounds(27.5, 28.5)), False),
        # bounds are met by the figures as stated, never by their rounding
        ("60%", 60.0, "over", (59.2, Bounds(57.0, 61.0)), False),
        ("60%", 60.0, "over", (60.3, Bounds(59.0, 61.0)), True),
        ("10%", 10.0, "up_to", (10.2, Bounds(10.1, 10.3)), True),
        ("10%", 10.0, "up_to", (11.0, Bounds(10.9, 11.1)), False),
    ],
)
def test_arithmetic_figures_holds_by_qualifier(surface, value, qualifier, computed, expected):
    stated = figure(surface, value, kind="percent", unit="percent", qualifier=qualifier)
    face, spread = computed
    assert holds(stated, face, spread) is expected


@pytest.mark.parametrize(
    ("stated", "sign", "face", "expected"),
    [(12.0, -1.0, -12.1, True), (12.0, -1.0, 12.1, False), (12.0, 1.0, -12.1, False)],
)
def test_arithmetic_figures_holds_reads_a_fall(stated, sign, face, expected):
    claim = figure(f"{stated:g}%", stated, kind="percent", unit="percent")
    assert holds(claim, face, Bounds(face - 0.05, face + 0.05), sign=sign) is expected


@pytest.mark.parametrize(
    ("x", "y", "expected_face", "low", "high"),
    [
        (("1.25 billion", 1.25e9), ("1.5 billion", 1.5e9), 20.0, 15.54, 24.50),  # 1.45/1.255 .. 1.55/1.245
        (("800", 800.0), ("1,000", 1000.0), 25.0, 25.0, 25.0),  # whole counts: nothing to round
    ],
)
def test_arithmetic_figures_change_percent_interval(x, y, expected_face, low, high):
    face, spread = change_percent(figure(*x), figure(*y))
    assert face == pytest.approx(expected_face)
    assert (spread.low, spread.high) == pytest.approx((low, high), abs=0.01)


@pytest.mark.parametrize(
    ("parts", "face", "low", "high"),
    [
        ([("1.2 million", 1.2e6), ("0.8 million", 0.8e6)], 2.0e6, 1.9e6, 2.1e6),
        ([("120", 120.0), ("85", 85.0), ("7", 7.0)], 212.0, 212.0, 212.0),
    ],
)
def test_arithmetic_figures_total_interval(parts, face, low, high):
    computed, spread = total([figure(*p) for p in parts])
    assert computed == pytest.approx(face)
    assert (spread.low, spread.high) == pytest.approx((low, high))


def test_arithmetic_figures_difference_interval():
    face, spread = difference(figure("3.45 million", 3.45e6), figure("3.6 million", 3.6e6))
    assert face == pytest.approx(150_000)
    assert (spread.low, spread.high) == pytest.approx((95_000, 205_000))


@pytest.mark.parametrize(
    ("stated", "computed"), [(644.2, 581.3), (30.0, -20.0), (-5.0, 5.0), (0.0, 3.0), (1e-9, 1e9)]
)
def test_arithmetic_figures_relative_gap_within_one(stated, computed):
    assert 0.0 <= relative_gap(stated, computed) <= 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("410", 410.0, "count", "count"), ("2.5 million", 2.5e6, "other", ""), True),
        (("410", 410.0, "count", "count"), ("$2.5 million", 2.5e6, "money", "USD"), False),
        (("€2 million", 2e6, "money", "EUR"), ("$2 million", 2e6, "money", "USD"), False),
    ],
)
def test_arithmetic_figures_same_unit(a, b, expected):
    first = figure(a[0], a[1], kind=a[2], unit=a[3])
    second = figure(b[0], b[1], kind=b[2], unit=b[3])
    assert same_unit(first, second) is expected


@pytest.mark.parametrize(
    ("surface", "value", "kind", "expected"),
    [
        ("Rs 4,100 crore", 4.1e10, "money", 1e7),
        ("Rs 4,100", 4100.0, "money", 1.0),
        ("6.5 lakh", 6.5e5, "count", 1e5),
    ],
)
def test_arithmetic_figures_scale_of(surface, value, kind, expected):
    assert scale_of(figure(surface, value, kind=kind, unit="INR" if kind == "money" else "count")) == expected


@pytest.mark.parametrize(
    ("surface", "value", "expected"),
    [("212", 212.0, True), ("four", 4.0, True), ("2.1 million", 2.1e6, False)],
)
def test_arithmetic_figures_whole_counts(surface, value, expected):
    assert is_whole_count(figure(surface, value)) is expected
