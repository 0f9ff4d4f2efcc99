"""How precisely a figure is stated, what its operands can give, and whether the stated figure is reachable.

A figure is read at the precision it is written with: "8.1 billion yen" is 8.05-8.15 billion, "29,760" is
29,759.5-29,760.5. A computed result (a change, a ratio, a sum) is an interval: every value the operands give
within their own rounding. The stated figure holds when some value of that interval is written as the stated
figure, read by its qualifier (the rules of `HOLDS`, in qualifier order):

- exact: rounded to its last digit, or truncated there when less than 0.5% off ("125.8%" for 125.86%,
  "586.2%" for 585.6% from 11.93/1.74, which 11.935/1.74 gives; not "17%" for 17.6%);
- approx ("about", "around", "nearly"): within one unit of its last non-zero digit ("about 120" is 110-130,
  "around 68,834 crore" is 68,833-68,835 crore);
- a lower bound ("over", "more than", "at least") or an upper bound ("under", "up to"): met by the figures
  as stated, without appeal to their rounding ("over 125 per cent" is not borne out by 8.1 -> 18.1, 123.5%);
- a range: the interval overlaps it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from claims.settings import Settings
from claims.types import Claim, Kind, Qualifier

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bounds:
    """A closed interval of values."""

    low: float
    high: float

    def overlaps(self, other: Bounds) -> bool:
        """
        >>> Bounds(121.5, 125.5).overlaps(Bounds(123.5, 125.0))
        True
        >>> Bounds(581.2, 581.4).overlaps(Bounds(644.15, 644.3))
        False
        """
        return self.low <= other.high and other.low <= self.high

    def negated(self) -> Bounds:
        return Bounds(-self.high, -self.low)


def figure(
    surface: str, value: float, *, kind: str = "count", unit: str = "count", qualifier: str = "exact"
) -> Claim:
    """A bare claim of one figure (for checks of a single figure and their doctests)."""
    return Claim(
        claim_id="figure",
        doc="",
        char_start=0,
        char_end=len(surface),
        surface=surface,
        value=value,
        value_low=None,
        value_high=None,
        unit=unit,
        kind=Kind(kind),
        counted=None,
        qualifier=Qualifier(qualifier),
        period_start=None,
        period_end=None,
        fiscal=False,
        subject="",
        entities=(),
        section="",
        sentence=surface,
        citation="",
        confidence=1.0,
    )


def point(claim: Claim) -> float | None:
    """The claim's value, or the middle of its range."""
    if claim.value is not None:
        return claim.value
    if claim.value_low is not None and claim.value_high is not None:
        return (claim.value_low + claim.value_high) / 2
    return None


def _written(surface: str) -> tuple[float, float, float] | None:
    """(number, unit of its last digit, unit of its last non-zero digit) of the first number in digits.

    >>> _written("$22.10 billion")
    (22.1, 0.01, 0.1)
    >>> _written("6,000")
    (6000.0, 1.0, 1000.0)
    """
    match = NUMBER.search(surface)
    if not match:
        return None
    text = match.group().replace(",", "")
    number = float(text)
    whole, _, decimals = text.partition(".")
    if decimals:
        kept = decimals.rstrip("0")
        return number, 10.0 ** -len(decimals), 10.0 ** -len(kept) if kept else _last_nonzero(float(whole))
    return number, 1.0, _last_nonzero(number)


def steps(claim: Claim) -> tuple[float, float]:
    """(last written digit, last non-zero digit) of a figure, in the units of its value.

    >>> steps(figure(value=8.1e9, surface="8.1 billion yen"))
    (100000000.0, 100000000.0)
    >>> steps(figure(value=6000.0, surface="6,000", kind="count", unit="count"))
    (1.0, 1000.0)
    >>> steps(figure(value=6.8834e11, surface="₹68,834 crore", unit="INR"))
    (10000000.0, 10000000.0)
    >>> steps(figure(value=5.0, surface="five times", kind="multiplier", unit="times"))
    (1.0, 1.0)
    """
    value = abs(point(claim) or claim.value_low or 0.0)
    written = _written(claim.surface)
    if written is None or written[0] == 0:
        word = claim.surface.lower().split()[0] if claim.surface.split() else ""
        if word in WORD_NUMBERS and value:
            scale = value / WORD_NUMBERS[word]
            step = _last_nonzero(WORD_NUMBERS[word]) * scale
            return step, step
        if claim.precision:
            return 2 * claim.precision, 2 * claim.precision
        return 1.0, _last_nonzero(value) if value else 1.0
    number, last, nonzero = written
    scale = value / number if value else 1.0
    return last * scale, nonzero * scale


def scale_of(claim: Claim) -> float:
    """The scale word's factor in a figure ("Rs 3,679.53 crore" -> 1e7, "Rs 1,456.55" -> 1).

    >>> scale_of(figure("Rs 3,679.53 crore", 3.67953e10, kind="money", unit="INR"))
    10000000.0
    """
    written = _written(claim.surface)
    value = abs(point(claim) or claim.value_low or 0.0)
    if written is None or not written[0] or not value:
        return 1.0
    return float(f"{value / written[0]:.6g}")


def rescaled(claim: Claim, factor: float) -> Claim:
    """The same figure read at another scale ("Rs 1,456.55" read as Rs 1,456.55 crore)."""
    return replace(
        claim,
        value=None if claim.value is None else claim.value * factor,
        value_low=None if claim.value_low is None else claim.value_low * factor,
        value_high=None if claim.value_high is None else claim.value_high * factor,
    )


def _last_nonzero(number: float) -> float:
    """The unit of the last non-zero digit of a whole number (1 for 125, 10 for 120, 1 below 1)."""
    if number < 1 or not float(number).is_integer():
        return 1.0
    unit = 1.0
    n = int(number)
    while n and n % 10 == 0:
        n //= 10
        unit *= 10
    return unit


def is_whole_count(claim: Claim) -> bool:
    """A count written to the unit ("486", "four", "1,107,541"): exact, nothing to round.

    >>> is_whole_count(figure("1,107,541", 1107541.0))
    True
    >>> is_whole_count(figure("35 million", 35e6))
    False
    """
    return Kind(claim.kind) is Kind.COUNT and claim.value is not None and steps(claim)[0] == 1.0


def is_vague(claim: Claim) -> bool:
    """A figure written as a word for an order of magnitude ("hundreds", "dozens", "thousands").

    >>> is_vague(figure("Hundreds", 100.0, qualifier="over"))
    True
    >>> is_vague(figure("37", 37.0))
    False
    """
    return not NUMBER.search(claim.surface) and claim.surface.lower().rstrip("s").split()[-1:] in (
        ["hundred"],
        ["thousand"],
        ["dozen"],
        ["million"],
        ["billion"],
        ["score"],
    )


def operand_bounds(claim: Claim) -> Bounds:
    """The values a stated operand stands for: its rounding, or its last non-zero digit when hedged.

    >>> operand_bounds(figure(value=8.1e9, surface="8.1 billion yen"))
    Bounds(low=8050000000.0, high=8150000000.0)
    """
    written, rounded = steps(claim)
    if Qualifier(claim.qualifier) is Qualifier.APPROX:
        half = rounded / 2
    else:
        half = 0.0 if is_whole_count(claim) else written / 2
    low = claim.value if claim.value is not None else claim.value_low
    high = claim.value if claim.value is not None else claim.value_high
    if low is None or high is None:
        low = high = point(claim) or 0.0
    return Bounds(low - half, high + half)


# ------------------------------------------------------------------------------------------- computations
def change_percent(x: Claim, y: Claim) -> tuple[float, Bounds]:
    """(face value, interval) of the change from x to y, in per cent.

    >>> fy2023 = figure("4,368", 4368.0, kind="other", unit="")
    >>> fy2024 = figure("29,760", 29760.0, kind="other", unit="")
    >>> face, spread = change_percent(fy2023, fy2024)
    >>> round(face, 1), round(spread.low, 2), round(spread.high, 2)
    (581.3, 581.23, 581.41)
    """
    vx, vy = point(x) or 0.0, point(y) or 0.0
    bx, by = operand_bounds(x), operand_bounds(y)
    corners = [(b / a - 1) * 100 for a in (bx.low, bx.high) for b in (by.low, by.high) if a]
    if vx < 0 or not corners:
        return (vy - vx) / abs(vx) * 100 if vx else math.inf, Bounds(-math.inf, math.inf)
    return (vy / vx - 1) * 100, Bounds(min(corners), max(corners))


def ratio(x: Claim, y: Claim) -> tuple[float, Bounds]:
    """(face value, interval) of y / x."""
    vx, vy = point(x) or 0.0, point(y) or 0.0
    bx, by = operand_bounds(x), operand_bounds(y)
    corners = [b / a for a in (bx.low, bx.high) for b in (by.low, by.high) if a > 0]
    if vx <= 0 or not corners:
        return (vy / vx if vx else math.inf), Bounds(-math.inf, math.inf)
    return vy / vx, Bounds(min(corners), max(corners))


def difference(x: Claim, y: Claim) -> tuple[float, Bounds]:
    """(face value, interval) of y - x."""
    bx, by = operand_bounds(x), operand_bounds(y)
    return (point(y) or 0.0) - (point(x) or 0.0), Bounds(by.low - bx.high, by.high - bx.low)


def total(parts: Sequence[Claim]) -> tuple[float, Bounds]:
    """(face value, interval) of the sum of the parts."""
    bounds = [operand_bounds(p) for p in parts]
    return sum(point(p) or 0.0 for p in parts), Bounds(
        sum(b.low for b in bounds), sum(b.high for b in bounds)
    )


# ------------------------------------------------------------------------------------------------- holds
CUT_SHORT_GAP: float = Settings.model_fields["restatement_gap"].default
"""A figure cut short (truncated) holds only this near what it states (relative), unless a check passes its
rules' own gap: the gap under which a figure restated with fewer digits agrees with another
(`Settings.restatement_gap`, its declared default). "48.6%" for 48.68% holds, "17%" for 17.6% does not (it
rounds to 18%)."""


def _exact(stated: Claim, value: float, face: float, spread: Bounds, gap: float) -> bool:
    """Rounded to its last written digit, or cut short there when that is less than `gap` off: '125.8%' for
    125.86%; a whole count is exact.

    >>> fall = figure(value=17.0, surface="17%", kind="percent", unit="percent")
    >>> fell, fell_less = Bounds(17.61, 17.63), Bounds(17.39, 17.41)
    >>> _exact(fall, 17.0, 17.62, fell, CUT_SHORT_GAP), _exact(fall, 17.0, 17.4, fell_less, CUT_SHORT_GAP)
    (False, True)
    >>> _exact(fall, 17.0, 17.62, fell, 0.04)  # a wider gap of one's own settings
    True
    """
    written, _ = steps(stated)
    if is_whole_count(stated):
        return spread.overlaps(Bounds(value, value))
    reach = max(written / 2, min(written, abs(value) * gap / (1 - gap)))
    low, high = (value - written / 2, value + reach) if value >= 0 else (value - reach, value + written / 2)
    return spread.overlaps(Bounds(low, high))


def _approx(stated: Claim, value: float, face: float, spread: Bounds, gap: float) -> bool:
    """Within one unit of the last non-zero digit: 'about 120' is 110-130."""
    _, rounded = steps(stated)
    return spread.overlaps(Bounds(value - rounded, value + rounded))


def _at_least(stated: Claim, value: float, face: float, spread: Bounds, gap: float) -> bool:
    """A lower bound, met by the figures as stated: 'at least 30 million' is not 29.38 million."""
    written, _ = steps(stated)
    return face >= value - written / 2


def _at_most(stated: Claim, value: float, face: float, spread: Bounds, gap: float) -> bool:
    """An upper bound, met by the figures as stated."""
    written, _ = steps(stated)
    return face <= value + written / 2


Rule = Callable[[Claim, float, float, Bounds, float], bool]
"""(stated figure, its value, the face value and interval the operands give, the gap a cut-short figure may
be off) -> it holds."""
HOLDS: dict[Qualifier, Rule] = {
    Qualifier.EXACT: _exact,
    Qualifier.APPROX: _approx,
    Qualifier.OVER: _at_least,
    Qualifier.AT_LEAST: _at_least,
    Qualifier.UNDER: _at_most,
    Qualifier.UP_TO: _at_most,
}


def holds(
    stated: Claim,
    face: float,
    spread: Bounds,
    *,
    sign: float = 1.0,
    exact: bool = False,
    gap: float = CUT_SHORT_GAP,
) -> bool:
    """The stated figure is what the operands give (face value `face`, interval `spread`).

    `sign` -1 reads the stated figure as a fall ("a decline of 5%" is -5%); `exact` ignores its hedge (to
    test whether another reading of the operands gives the figure itself); `gap` is how far a figure cut
    short may be off (`MatchRules.restatement_gap`; its default, `CUT_SHORT_GAP`, is Settings').

    >>> over = figure(value=125.0, surface="125 per cent", kind="percent", unit="percent", qualifier="over")
    >>> holds(over, 123.46, Bounds(121.5, 125.5))
    False
    >>> eps = figure(value=586.2, surface="586.2%", kind="percent", unit="percent")
    >>> holds(eps, 585.6, Bounds(583.4, 587.9))
    True
    """
    if stated.value is None:
        if stated.value_low is None or stated.value_high is None:
            return True
        written, _ = steps(stated)
        band = Bounds(stated.value_low - written / 2, stated.value_high + written / 2)
        return (spread.negated() if sign < 0 else spread).overlaps(band)
    if sign < 0:
        face, spread = -face, spread.negated()
    qualifier = Qualifier.EXACT if exact else Qualifier(stated.qualifier)
    return HOLDS[qualifier](stated, stated.value, face, spread, gap)


def relative_gap(stated: float, computed: float) -> float:
    """|stated - computed| / max(|stated|, |computed|), within [0, 1].

    >>> round(relative_gap(644.2, 581.3), 4)
    0.0976
    >>> relative_gap(30.0, -20.0)
    1.0
    """
    scale = max(abs(stated), abs(computed))
    if not scale or math.isinf(scale):
        return 1.0 if scale else 0.0
    return min(1.0, abs(stated - computed) / scale)


def same_unit(a: Claim, b: Claim) -> bool:
    """Two figures of one kind and unit (two yen amounts, two counts; a count and a bare number).

    >>> same_unit(figure("623.7 million", 623.7e6), figure("586.46 million", 586.46e6, kind="other", unit=""))
    True
    >>> same_unit(figure("623.7 million", 623.7e6), figure("$5 million", 5e6, kind="money", unit="USD"))
    False
    """
    if Kind(a.kind) is Kind(b.kind) and (a.unit or "") == (b.unit or ""):
        return True
    kinds = {Kind(a.kind), Kind(b.kind)}
    bare = [c for c in (a, b) if Kind(c.kind) is Kind.OTHER]
    return kinds == {Kind.COUNT, Kind.OTHER} and not (bare[0].unit or "")


def stated_value(claim: Claim) -> float:
    return point(claim) or 0.0
