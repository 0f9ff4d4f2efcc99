"""Unit words and symbols -> canonical unit name and kind.

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
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.lexicon.units import (
    BASIS_POINT,
    MULTIPLIER_FORMS,
    PERCENT,
    PERCENT_FORMS,
    PERCENTAGE_POINT,
    PERCENTAGE_POINT_FORMS,
    TIMES,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)
from claims.parse.money import currency_code
from claims.types import Kind


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
    code = currency_code(raw)
    if code:
        return Unit(code, Kind.MONEY)
    return None
