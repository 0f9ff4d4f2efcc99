"""Number, word-number, fraction and precision parsers (claims.parse.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.parse.numbers import (
    parse_decimal,
    parse_digits,
    parse_fraction_words,
    parse_number,
    parse_number_words,
    scale_factor,
    stated_precision,
    to_float,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,070", Decimal("1070")),
        ("55.3", Decimal("55.3")),
        ("2,215", Decimal("2215")),
        ("-34.8", Decimal("-34.8")),
        ("−5", Decimal("-5")),
        (".5", Decimal("0.5")),
        ("1,050.0", Decimal("1050.0")),
        ("0", Decimal("0")),
    ],
)
def test_parse_digits_reads_separators_signs_and_decimals(text, expected):
    assert parse_digits(text) == expected


@pytest.mark.parametrize("text", ["", "1,2,3", "$.5", "1.2.3", "12,34", "abc", "1 000", "--5", ","])
def test_parse_digits_rejects_malformed(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three", 3),
        ("twelve", 12),
        ("ten", 10),
        ("twenty-five", 25),
        ("Ninety nine", 99),
        ("one hundred and twelve", 112),
        ("two thousand five hundred", 2500),
        ("a hundred", 100),
        ("a dozen", 12),
        ("two dozen", 24),
        ("eleven", 11),
        ("SIX", 6),
    ],
)
def test_parse_number_words_reads_english_cardinals(text, expected):
    assert parse_number_words(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "and", "first", "a", "one two three four x", "hundredth"])
def test_parse_number_words_rejects_non_numbers(text):
    assert parse_number_words(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a quarter", "0.25"),
        ("one-fifth", "0.2"),
        ("two-thirds", str(Decimal(2) / Decimal(3))),
        ("half", "0.5"),
        ("three quarters", "0.75"),
        ("one tenth", "0.1"),
    ],
)
def test_parse_fraction_words_reads_shares(text, expected):
    assert parse_fraction_words(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["third", "fifth", "quarter", "first half"])
def test_parse_fraction_words_leaves_ordinals_alone(text):
    assert parse_fraction_words(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8.1 billion", 8_100_000_000.0),
        ("2.5bn", 2_500_000_000.0),
        ("two million", 2_000_000.0),
        ("2.01 million", 2_010_000.0),
        ("1.2T", 1_200_000_000_000.0),
        ("Three", 3.0),
        ("74", 74.0),
        ("5 lakh", 500_000.0),
    ],
)
def test_parse_number_scales_exactly(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("word", "factor"),
    [
        ("billion", 10**9),
        ("Billion", 10**9),
        ("bn", 10**9),
        ("m", 10**6),
        ("trillion", 10**12),
        ("thousands", 10**3),
    ],
)
def test_scale_factor_knows_scale_words(word, factor):
    assert scale_factor(word) == Decimal(factor)


@pytest.mark.parametrize("word", ["miles", "", None, "bnx", "Mio"])
def test_scale_factor_rejects_other_words(word):
    assert scale_factor(word) is None


@pytest.mark.parametrize(
    ("number", "factor", "expected"),
    [
        ("8.1", 10**9, 5e7),
        ("8", 10**9, 5e8),
        ("280", 1, 0.5),
        ("1,050.0", 1, 0.05),
        ("Three", 1, 0.5),
        ("0.39", 1, 0.005),
        ("-34.8", 1, 0.05),
    ],
)
def test_stated_precision_is_half_the_last_digit_scaled(number, factor, expected):
    assert to_float(stated_precision(number, Decimal(factor))) == pytest.approx(expected)


def test_to_float_avoids_binary_rounding_trap():
    assert float("2.01") * 1e6 != 2_010_000.0
    assert to_float(Decimal("2.01") * Decimal(10) ** 6) == 2_010_000.0


@given(st.text(max_size=60))
def test_parsers_never_raise_on_any_text(text):
    for parser in (parse_digits, parse_number_words, parse_fraction_words, parse_decimal, parse_number):
        parser(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**12), max_value=10**12))
def test_parse_digits_round_trips_plain_decimals(value):
    text = format(value, "f")
    assert parse_digits(text) == value
