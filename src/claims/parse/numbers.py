"""Numbers written in digits or words -> Decimal, and the precision they state.

>>> parse_number("1,070")
1070.0
>>> parse_number("Three")
3.0
>>> parse_number("8.1 billion")
8100000000.0
>>> parse_number("-34.8")
-34.8
>>> parse_number("one-fifth")
0.2
>>> parse_number("not a number") is None
True
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from claims.lexicon.numbers import (
    DOZEN,
    FRACTION_DENOMINATORS,
    HUNDREDS,
    SCALE_LETTERS,
    SCALES,
    TENS,
    UNITS,
)

_DIGITS = re.compile(
    r"""
    ^\s*
    (?P<sign>[-+−])?                       # ASCII minus, plus or the Unicode minus sign
    (?P<num>
        \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?  # 6,10,533 / 1,23,45,678 (Indian lakh and crore grouping)
      | \d{1,3}(?:,\d{3})+(?:\.\d+)?       # 1,070 / 1,050.0 (comma thousands separators)
      | \d+(?:\.\d+)?                      # 55.3 / 2024
      | \.\d+                              # .5
    )
    \s*$
    """,
    re.VERBOSE,
)
_WORD_SPLIT = re.compile(r"[\s\-‐–]+")


def parse_digits(text: str) -> Decimal | None:
    """Digits with optional sign, thousands commas and decimals -> Decimal.

    >>> parse_digits("2,215")
    Decimal('2215')
    >>> parse_digits("$.5") is None
    True
    >>> parse_digits("1,2,3") is None
    True
    >>> parse_digits("6,10,533"), parse_digits("1,23,45,678")  # Indian lakh grouping
    (Decimal('610533'), Decimal('12345678'))
    """
    if not isinstance(text, str):
        return None
    m = _DIGITS.match(text)
    if not m:
        return None
    try:
        value = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:
        return None
    return -value if m["sign"] in ("-", "−") else value


def parse_number_words(text: str) -> Decimal | None:
    """English number words -> Decimal ("Three", "twenty-five", "one hundred and twelve", "a dozen").

    >>> parse_number_words("twenty-five")
    Decimal('25')
    >>> parse_number_words("one hundred and twelve")
    Decimal('112')
    >>> parse_number_words("two thousand five hundred")
    Decimal('2500')
    >>> parse_number_words("a dozen")
    Decimal('12')
    >>> parse_number_words("and") is None
    True
    >>> parse_number_words("two and a half")
    Decimal('2.5')
    """
    if not isinstance(text, str):
        return None
    words = [w for w in _WORD_SPLIT.split(text.strip().lower()) if w]
    if len(words) > 3 and words[-3:] == ["and", "a", "half"]:
        whole = parse_number_words(" ".join(words[:-3]))
        return None if whole is None else whole + Decimal("0.5")
    if not words:
        return None
    total = 0
    current = 0
    seen = False
    for i, word in enumerate(words):
        if word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word in ("a", "an") and i == 0 and len(words) > 1:
            current = 1
        elif word == "and" and seen:
            continue
        elif word in ("dozen", "dozens"):
            current = (current or 1) * DOZEN
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in HUNDREDS:  # thousand
            total += (current or 1) * HUNDREDS[word]
            current = 0
            seen = True
        else:
            return None
    if not seen:
        return None
    return Decimal(total + current)


def parse_fraction_words(text: str) -> Decimal | None:
    """A fraction in words -> Decimal share of one ("a quarter" -> 0.25, "two-thirds", "half").

    >>> parse_fraction_words("a quarter")
    Decimal('0.25')
    >>> parse_fraction_words("one-fifth")
    Decimal('0.2')
    >>> parse_fraction_words("half")
    Decimal('0.5')
    >>> parse_fraction_words("third") is None
    True
    """
    if not isinstance(text, str):
        return None
    words = [w for w in _WORD_SPLIT.split(text.strip().lower()) if w]
    if not words or words[-1] not in FRACTION_DENOMINATORS:
        return None
    denominator = FRACTION_DENOMINATORS[words[-1]]
    head = words[:-1]
    if not head:
        if words[-1] not in ("half", "halves"):
            return None  # a bare "third" is an ordinal
        numerator = Decimal(1)
    elif head in (["a"], ["an"], ["one"]):
        numerator = Decimal(1)
    else:
        parsed = parse_number_words(" ".join(head))
        if parsed is None:
            return None
        numerator = parsed
    return numerator / Decimal(denominator)


_SCALED = re.compile(r"^\s*(?P<num>.+?)\s*(?P<scale>[A-Za-z]+)\s*$")


def scale_factor(word: str | None) -> Decimal | None:
    """The multiplier of a scale word ("billion" -> 1e9, "bn" -> 1e9, "B" -> 1e9); None if not a scale.

    >>> scale_factor("Billion")
    Decimal('1000000000')
    >>> scale_factor("m")
    Decimal('1000000')
    >>> scale_factor("miles") is None
    True
    """
    if not word:
        return None
    if word in SCALE_LETTERS:
        return SCALE_LETTERS[word]
    lower = word.lower()
    if lower.endswith("s") and lower[:-1] in SCALES and lower[:-1] not in ("mn", "bn", "tn"):
        lower = lower[:-1]
    return SCALES.get(lower)


def parse_decimal(text: str) -> Decimal | None:
    """Digits, words or fractions, with an optional scale word -> Decimal; None when unparsable.

    >>> parse_decimal("8.1 billion")
    Decimal('8100000000.0')
    >>> parse_decimal("two million")
    Decimal('2000000')
    >>> parse_decimal("2.5bn")
    Decimal('2500000000.0')
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    value = parse_digits(text)
    if value is not None:
        return value
    value = parse_number_words(text)
    if value is not None:
        return value
    value = parse_fraction_words(text)
    if value is not None:
        return value
    m = _SCALED.match(text)
    if m:
        factor = scale_factor(m["scale"])
        if factor is not None:
            base = parse_digits(m["num"])
            if base is None:
                base = parse_number_words(m["num"])
            if base is not None:
                return base * factor
    return None


def parse_number(text: str) -> float | None:
    """`parse_decimal` as a float: the only place a Decimal becomes a float.

    >>> parse_number("2.01 million")
    2010000.0
    >>> parse_number("")
    """
    value = parse_decimal(text)
    return None if value is None else to_float(value)


def to_float(value: Decimal) -> float:
    """Decimal -> float via its exact decimal string (2.01 * 10**6 -> 2010000.0, not 2009999.9999999998).

    >>> to_float(Decimal("2.01") * Decimal(10) ** 6)
    2010000.0
    """
    return float(format(value, "f")) if value.is_finite() else float(value)


def stated_precision(number_text: str, factor: Decimal = Decimal(1)) -> Decimal | None:
    """Half a unit of the last stated digit, times the scale ("8.1" with 1e9 -> 5e7; "280" -> 0.5).

    Number words state whole units ("Three" -> 0.5).

    >>> float(stated_precision("8.1", Decimal(10) ** 9))
    50000000.0
    >>> float(stated_precision("8", Decimal(10) ** 9))
    500000000.0
    >>> float(stated_precision("1,050.0"))
    0.05
    >>> float(stated_precision("Three"))
    0.5
    """
    text = number_text.strip().lstrip("+-−")
    if not text:
        return None
    if "." in text and text.replace(",", "").replace(".", "").isdigit():
        decimals = len(text.split(".", 1)[1])
        step = Decimal(1).scaleb(-decimals)
    else:
        step = Decimal(1)
    return (step / 2) * factor
