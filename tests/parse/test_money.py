"""Currencies and money phrases (claims.parse.money)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.parse.money import Money, currency_code, parse_money


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("$", "USD"),
        (r"\$", "USD"),
        ("US$", "USD"),
        ("US $", "USD"),
        ("S$", "SGD"),
        ("A$", "AUD"),
        ("HK$", "HKD"),
        ("¥", "JPY"),
        ("yen", "JPY"),
        ("Yen", "JPY"),
        ("JPY", "JPY"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("baht", "THB"),
        ("rupiah", "IDR"),
        ("ringgit", "MYR"),
        ("pesos", "PHP"),
        ("kyat", "MMK"),
        ("riel", "KHR"),
        ("US dollars", "USD"),
        ("Singapore dollars", "SGD"),
        ("RM", "MYR"),
        ("Rp", "IDR"),
        ("₱", "PHP"),
        ("฿", "THB"),
        ("₫", "VND"),
        ("EUR", "EUR"),
        ("CNY", "CNY"),
        ("RMB", "CNY"),
        ("yuan", "CNY"),
        ("₹", "INR"),
        ("KRW", "KRW"),
    ],
)
def test_currency_code_reads_symbols_codes_and_words(token, code):
    assert currency_code(token) == code


@pytest.mark.parametrize("token", ["", None, "ALL", "TOP", "dong", "won", "vessels", "USDX", "usd"])
def test_currency_code_rejects_words_and_ambiguous_names(token):
    assert currency_code(token) is None


def test_currency_code_reads_ambiguous_names_when_asked():
    assert currency_code("dong", allow_ambiguous=True) == "VND"
    assert currency_code("won", allow_ambiguous=True) == "KRW"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8.1 billion yen", Money(8_100_000_000.0, "JPY")),
        ("¥400 million", Money(400_000_000.0, "JPY")),
        ("$2.81 million", Money(2_810_000.0, "USD")),
        ("US$2.5bn", Money(2_500_000_000.0, "USD")),
        ("USD 33 billion", Money(33_000_000_000.0, "USD")),
        ("€5m", Money(5_000_000.0, "EUR")),
        ("¥1.2T", Money(1_200_000_000_000.0, "JPY")),
        ("20 billion US dollars", Money(20_000_000_000.0, "USD")),
        ("RM 5 million", Money(5_000_000.0, "MYR")),
        ("5 billion Yen", Money(5_000_000_000.0, "JPY")),
    ],
)
def test_parse_money_reads_amounts_with_a_currency(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["3.6 trillion", "", "yen", "$", "$.", "twelve vessels", "ALL 5"])
def test_parse_money_returns_none_without_currency_or_amount(text):
    assert parse_money(text) is None


@given(st.text(max_size=40))
def test_money_parsers_never_raise(text):
    currency_code(text)
    parse_money(text)
