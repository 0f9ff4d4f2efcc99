"""Records of the quantity scanner: `Candidate` (public) and `Atom` (a number core being read)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from claims.types import Kind, Qualifier

COUNT = "count"


class lazy_property:  # noqa: N801 - used like `property`
    """A property computed on first read and then stored on the instance (like `functools.cached_property`,
    without the lock Python 3.11 takes on every first read, which costs more than most rules here)."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


MAX_TEXT = 50_000_000  # longer inputs are scanned in full but logged; nothing is silently cut
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A quantity found in text: offsets, parsed value (Decimal inside), unit, kind and hedges."""

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    kind: Kind = Kind.OTHER
    qualifier: Qualifier = Qualifier.EXACT
    precision: Decimal | None = None
    currency_missing: bool = False
    counted: str | None = None
    noun_start: int | None = None  # first character of the word after the number (counts)
    table_cell: bool = False
    integral: bool = True  # the stated number is a whole number (counts must be)
    bare: bool = False  # nothing says what the number is; kept only on request (see `scan`)
    after_name: bool = False  # a bare count right after a capitalised word (a name, or a country)
    fallback_kind: Kind | None = None  # for a scaled count: its kind if the word after is not its noun
    reason: str | None = None  # why this quantity mention is no claim ("name", "one_word_count"); see scan
    form: str = ""  # how the number is written: digits, words, fraction, vague, vaguescale, foldword
    subunit: str | None = None  # the minor unit an amount was written in ("cent", "penny"); value in major

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Atom:
    """One number core with what is attached to it (internal, mutable while it is read)."""

    start: int  # surface start (currency symbol or sign included)
    end: int  # surface end (scale word, unit included)
    core_start: int
    core_end: int
    form: str  # digits, words, fraction, vague
    num_text: str
    base: Decimal
    cue_start: int  # where to look left for a hedge word (before "US \\$" etc.)
    factor: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    kind: Kind | None = None
    qualifier: Qualifier = Qualifier.EXACT
    negative: bool = False
    flags: set[str] = field(default_factory=set)

    @property
    def scaled(self) -> Decimal:
        value = self.base * (self.factor or ONE)
        return -value if self.negative else value

    @property
    def attached(self) -> bool:
        """Something besides the number itself says what it is (currency, unit, percent, scale)."""
        return self.currency is not None or self.unit is not None or self.factor is not None
