"""Currency symbols, codes and words -> ISO 4217, and money phrases -> (value, currency).

>>> parse_money("8.1 billion yen")
Money(value=8100000000.0, currency='JPY')
>>> parse_money("¥400 million")
Money(value=400000000.0, currency='JPY')
>>> parse_money("US$2.5bn")
Money(value=2500000000.0, currency='USD')
>>> parse_money("USD 33 billion")
Money(value=33000000000.0, currency='USD')
>>> parse_money("3.6 trillion") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.lexicon.currencies import (
    AMBIGUOUS_CURRENCY_WORDS,
    CURRENCY_WORDS,
    PREFIX_SYMBOLS,
    usable_iso_codes,
)
from claims.parse.numbers import parse_decimal, to_float


@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: str


def currency_code(token: str | None, *, allow_ambiguous: bool = False) -> str | None:
    """A currency symbol, ISO code or word -> ISO 4217 code; None when it is not one.

    >>> currency_code("¥"), currency_code("Yen"), currency_code("JPY"), currency_code("US$")
    ('JPY', 'JPY', 'JPY', 'USD')
    >>> currency_code(r"\\$")
    'USD'
    >>> currency_code("won") is None
    True
    >>> currency_code("ALL") is None
    True
    """
    if not token:
        return None
    text = " ".join(token.replace("\\", "").split())
    if text in PREFIX_SYMBOLS:
        return PREFIX_SYMBOLS[text]
    if text.replace(" ", "") in PREFIX_SYMBOLS:
        return PREFIX_SYMBOLS[text.replace(" ", "")]
    if len(text) == 3 and text.isupper() and text in usable_iso_codes():
        return text
    lower = text.lower()
    if lower in AMBIGUOUS_CURRENCY_WORDS and not allow_ambiguous:
        return None
    return CURRENCY_WORDS.get(lower)


_PREFIX = re.compile(
    r"""
    ^\s*
    (?P<cur>
        (?:US|U\.S\.|USD|S|SG|A|AU|HK|NZ|C|CA|NT|R|MX)?\s?\\?\$   # dollar with optional country prefix
      | JP¥ | CN¥ | [¥￥€£₹₩₱฿₫₽₺₪₦₴₭₵₸₾₼]                                  # one-character symbols
      | (?:RMB|Rs\.?|RM|Rp\.?|CHF|[A-Z]{3})(?=\s?[\d.])            # letter symbols and ISO codes
    )
    \s?
    (?P<rest>.+?)
    \s*$
    """,
    re.VERBOSE,
)


_BARE_DOLLAR_MARK = re.compile(
    r"""[A-Za-z.]\s?\$      # a country mark before the sign: C$, US$, US $
      |\$[A-Za-z]          # or after it: $C, $US
      |\bUSD?\b|U\.S\.     # the US named
      |dollars?\b         # a named dollar ("5 dollars", "Canadian dollars")""",
    re.IGNORECASE | re.VERBOSE,
)


def is_bare_dollar(surface: str) -> bool:
    """An amount written with a dollar sign and no country mark ("$53-billion", not "C$53 billion",
    "$US5m" or "US $5").

    >>> is_bare_dollar("$53-billion"), is_bare_dollar("C$53 billion"), is_bare_dollar("$US5m")
    (True, False, False)
    """
    return "$" in surface and not _BARE_DOLLAR_MARK.search(surface)


def parse_money(text: str) -> Money | None:
    """A money phrase with an explicit currency -> Money; None when no currency is stated."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    m = _PREFIX.match(text)
    if m:
        code = currency_code(m["cur"])
        value = parse_decimal(m["rest"])
        if code and value is not None:
            return Money(to_float(value), code)
    words = text.split()
    for n in (1, 2, 3):  # "yen", "US dollars", "new Taiwan dollars"
        if len(words) <= n:
            break
        code = currency_code(" ".join(words[-n:]))
        value = parse_decimal(" ".join(words[:-n]))
        if code and value is not None:
            return Money(to_float(value), code)
    return None
