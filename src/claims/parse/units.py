"""Unit words and symbols -> canonical unit name and kind.

Three layers, asked in order: the reviewed lexicon of `claims.lexicon.units` (percent, multipliers, the
units of news copy with their contract names), its domain layer (`DOMAIN_SYMBOLS`, `DOMAIN_WORDS`: horsepower,
mpg, ppm, pound-feet, sports statistics), then pint's unit registry for every other SI or engineering
symbol, prefixed or compound ("mAh", "GHz", "µm", "kPa", "A/cm2", "kg/m³"), restricted to the registry bases
and prefixes the lexicon lists so that ordinary words pint also knows ("in", "at", "hand", "point") are not
read as units. Names are singular, lower case, words joined by spaces, "per" for a quotient ("kilometer per
hour", "ampere per square centimeter").

>>> parse_unit("meters")
Unit(name='meter', kind=<Kind.MEASURE: 'measure'>)
>>> parse_unit("MW")
Unit(name='megawatt', kind=<Kind.MEASURE: 'measure'>)
>>> parse_unit("per cent")
Unit(name='percent', kind=<Kind.PERCENT: 'percent'>)
>>> parse_unit("times")
Unit(name='times', kind=<Kind.MULTIPLIER: 'multiplier'>)
>>> parse_unit("Yen")
Unit(name='JPY', kind=<Kind.MONEY: 'money'>)
>>> parse_unit("vessels") is None
True
>>> parse_unit("mAh"), parse_unit("A/cm2")
(Unit(name='milliampere hour', kind=<Kind.MEASURE: 'measure'>), Unit(name='ampere per square centimeter', kind=<Kind.MEASURE: 'measure'>))
"""  # noqa: E501

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from claims.lexicon.units import (
    BASIS_POINT,
    DOMAIN_SYMBOLS,
    DOMAIN_WORDS,
    GLUED_NAME_UNITS,
    MULTIPLIER_FORMS,
    PERCENT,
    PERCENT_FORMS,
    PERCENTAGE_POINT,
    PERCENTAGE_POINT_FORMS,
    POINT,
    REGISTRY_BASES,
    REGISTRY_PREFIXES,
    REGISTRY_WORDLIKE,
    SCALE_LEVEL_WORDS,
    SINGLE_LETTER_SYMBOLS,
    TIMES,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)
from claims.parse.money import currency_code
from claims.types import Kind

logger = logging.getLogger(__name__)

__all__ = ["Unit", "is_unit_name", "parse_unit", "registry_unit", "unit_name", "unit_registry"]


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    kind: Kind


def parse_unit(text: str | None) -> Unit | None:
    """A unit as written after a number -> Unit; None when it is not a unit we know."""
    if not text or not isinstance(text, str):
        return None
    raw = " ".join(text.split())
    lower = raw.lower()
    if lower in PERCENT_FORMS:
        return Unit(PERCENT, Kind.PERCENT)
    if lower in PERCENTAGE_POINT_FORMS:
        return Unit(PERCENTAGE_POINT, Kind.PERCENT)
    if lower in MULTIPLIER_FORMS:
        return Unit(TIMES, Kind.MULTIPLIER)
    name = UNIT_SYMBOLS.get(raw) or UNIT_WORDS.get(lower)
    if name is not None:
        return Unit(name, Kind.PERCENT if name == BASIS_POINT else Kind.MEASURE)
    domain = DOMAIN_SYMBOLS.get(raw) or DOMAIN_WORDS.get(lower)
    if domain is not None:  # "300 PS" is metric horsepower, "PS300" a mis-encoded pound sign
        return Unit(domain, Kind.MEASURE)
    code = currency_code(raw)
    if code:
        return Unit(code, Kind.MONEY)
    name = unit_name(raw)
    return Unit(name, Kind.MEASURE) if name is not None else None


_EXPONENT = re.compile(r"(?P<base>.+?)(?P<exp>[23²³])\Z")
_POWER_WORDS = {"2": "square", "²": "square", "3": "cubic", "³": "cubic"}
_PRODUCT = re.compile(r"[·*⋅]")


@lru_cache(maxsize=8192)
def unit_name(token: str) -> str | None:
    """The canonical name of a unit symbol or word, simple or compound; None when it is not a unit.

    >>> unit_name("km/h"), unit_name("GHz"), unit_name("µm"), unit_name("kg/m³"), unit_name("N·m")
    ('kilometer per hour', 'gigahertz', 'micrometer', 'kilogram per cubic meter', 'newton meter')
    >>> unit_name("in"), unit_name("hand"), unit_name("points"), unit_name("people")
    (None, None, None, None)
    """
    token = token.strip()
    if not token or len(token) > 24:
        return None
    name = (
        UNIT_SYMBOLS.get(token)
        or DOMAIN_SYMBOLS.get(token)
        or UNIT_WORDS.get(token.lower())
        or DOMAIN_WORDS.get(token.lower())
    )
    if name is not None:
        return name
    if len(token) > 1 and token.isupper() and token.isalpha():  # "95 KT", "110 MPH": wire copy in capitals
        name = UNIT_SYMBOLS.get(token.lower()) or DOMAIN_SYMBOLS.get(token.lower())
        if name is not None:
            return name
    if token.count("/") == 1:
        top, bottom = token.split("/")
        top_name, bottom_name = _part_name(top), _part_name(bottom)
        if top_name and bottom_name and " per " not in top_name + bottom_name:
            return f"{top_name} per {bottom_name}"
        return None
    if _PRODUCT.search(token):
        names = [_part_name(part) for part in _PRODUCT.split(token)]
        return " ".join(n for n in names if n) if all(names) and len(names) == 2 else None
    m = _EXPONENT.match(token)
    if m and not m["base"][-1].isdigit():
        base = unit_name(m["base"])
        return f"{_POWER_WORDS[m['exp']]} {base}" if base and " " not in base else None
    return registry_unit(token)


# Single-letter SI symbols read inside a compound ("m/s", "g/l", "N·m"), where they cannot be a word.
_COMPOUND_LETTERS = {
    "s": "second", "h": "hour", "m": "meter", "g": "gram", "l": "liter", "L": "liter", "t": "tonne",
    "A": "ampere", "V": "volt", "W": "watt", "J": "joule", "N": "newton", "K": "kelvin",
}  # fmt: skip


def _part_name(part: str) -> str | None:
    return _COMPOUND_LETTERS.get(part) or unit_name(part)


@cache
def unit_registry() -> Any:
    """pint's default unit registry, built once when a unit first needs it (about a second); None (and a
    warning, once) when pint is not installed: the lexicon and its domain layer still read their units."""
    try:
        import pint
    except ImportError:
        logger.warning("pint is not installed: units outside claims.lexicon.units are not read")
        return None
    logger.debug("building the pint unit registry")
    return pint.UnitRegistry()


@lru_cache(maxsize=8192)
def registry_unit(token: str) -> str | None:
    """A unit symbol or word read by pint's registry, restricted to `REGISTRY_BASES` and `REGISTRY_PREFIXES`.

    >>> registry_unit("mAh"), registry_unit("kPa"), registry_unit("megawatts"), registry_unit("Mt")
    ('milliampere hour', 'kilopascal', 'megawatt', 'megatonne')
    >>> registry_unit("at"), registry_unit("pc"), registry_unit("bar"), registry_unit("K")
    (None, None, None, None)
    """
    if not token or not all(ch.isalpha() or ch in "µμΩ" for ch in token):
        return None
    if len(token) == 1 and token not in SINGLE_LETTER_SYMBOLS:
        return None
    registry = unit_registry()
    if registry is None:
        return None
    try:
        readings = registry.parse_unit_name(token, case_sensitive=True)
    except (ValueError, KeyError, AttributeError):  # pint raises these on odd tokens
        return None
    for prefix, base, _suffix in readings:
        if base not in REGISTRY_BASES or (prefix and prefix not in REGISTRY_PREFIXES):
            continue
        if not prefix and base in REGISTRY_WORDLIKE and token.lower().rstrip("s") == base:
            continue  # "5 bar", "two bits": everyday words
        return prefix + REGISTRY_BASES[base]
    return None


@cache
def _simple_names() -> frozenset[str]:
    """Every simple unit name the layers can give (lexicon, domain layer, registry bases with prefixes)."""
    names = set(UNIT_WORDS.values()) | set(UNIT_SYMBOLS.values()) | set(DOMAIN_SYMBOLS.values())
    names |= set(DOMAIN_WORDS.values()) | set(_COMPOUND_LETTERS.values()) | {POINT, "pound"}
    names |= set(GLUED_NAME_UNITS.values()) | set(SCALE_LEVEL_WORDS.values())
    for base in REGISTRY_BASES.values():
        names |= {base} | {prefix + base for prefix in REGISTRY_PREFIXES}
    return frozenset(names)


def is_unit_name(name: str) -> bool:
    """Whether `name` is a measure unit name this module can give (for data checks of claims.csv): a simple
    name, "square"/"cubic" before one, products of two, and "per" between two.

    >>> is_unit_name("milliampere hour"), is_unit_name("ampere per square centimeter"), is_unit_name("vessel")
    (True, True, False)
    """

    def simple(part: str) -> bool:
        part = part.removeprefix("square ").removeprefix("cubic ")
        if part in _simple_names():
            return True
        words = part.split(" ")
        return len(words) == 2 and all(w in _simple_names() for w in words)

    if not name:
        return False
    return name in _simple_names() or all(simple(part) for part in name.split(" per ", 1))
