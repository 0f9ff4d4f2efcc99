"""Compare the values of two statements of the same quantity and name the disagreement, if any.

Order of the tests, per pair (vectorised over all pairs at once):

1. magnitude_mismatch: two figures in one unit are a factor near 10^3, 10^6 or 10^9 apart (within
   `magnitude_log_tolerance` in log10; across currencies, slips are left to the conversion check), or one
   is the other with its decimal point moved (a power of ten within the stated precision, the finer figure
   giving three significant digits or more: "$609.22 billion" for "$60.9 billion"). Read on
   the stated figures, qualifiers aside: "more than $280 million" next to "$300 billion" is a
   million/billion slip even if "more than" makes it formally true. High.
2. A change whose words give its direction ("fell 0.2%") against a signed figure ("-0.2%") is compared
   signed (`_signed_by_words`); a figure and its negative that the words do not set apart (neither says it
   went up) are not compared: a sign carried by a verb is read where we cannot see it ("output: 0.2%" in a
   paragraph on a contraction), not a contradiction.
3. Two stated ranges ("£49bn-£57bn", "between £49bn and £56.6bn") are compared end by end
   (`_range_ends`): a range is a claim about both its ends, so overlapping is not agreeing; equal ends
   agree, ends within their precision are a rounding, other ends a value_mismatch. An "up to" figure
   states a top end too: against another "up to" figure or a stated range, the tops are compared the same
   way ("up to £66bn" and "up to £66.6bn" are one top end, rounded).
4. Same numerals in two currencies (¥400 million vs $400 million): not compared (digits shared across
   currencies are no evidence of anything).
5. Agreement: the intervals the texts commit to overlap (qualifiers respected: "over 50" and "52",
   "about 2 billion" and "2.1 billion"). Amounts in different currencies are compared in US dollars at each
   claim's yearly rate with `fx_tolerance` slack. Equal values (a repeated claim) agree.
6. rounding: the values differ but agree once each is widened by `rounding_slack` times its stated precision
   (¥8 billion vs ¥8.1 billion). Low. A figure written with fewer digits than the other and closer to it
   than `restatement_gap` (relative) is the same figure given with fewer digits, rounded ("Rs 5.14 trillion"
   for "Rs 5,142 billion", "36.6%" for "36.56%") or cut short ("$24.9 billion" for "$24.97 billion"):
   agreement.
7. Values more than `max_value_ratio` apart without being a 10^3k slip are taken as two different
   quantities that matching could not tell apart (250 billion vs 5), not as a contradiction.
8. value_mismatch otherwise: high from `high_severity_gap` relative difference, medium below it (and always
   medium across currencies, where the FX table adds its own uncertainty).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from claims.context.facets import Facets
from claims.types import Qualifier

from .normalize import ClaimTable
from .rules import MatchRules


class Outcome(IntEnum):
    AGREE = 0
    VALUE = 1
    MAGNITUDE = 2
    ROUNDING = 3
    SKIP = 4  # not comparable after all (shared numerals across currencies, missing FX rate)


SEVERITY_HIGH, SEVERITY_MEDIUM, SEVERITY_LOW = 0, 1, 2


def _overlap(lo_a: np.ndarray, hi_a: np.ndarray, lo_b: np.ndarray, hi_b: np.ndarray) -> np.ndarray:
    return (lo_a <= hi_b) & (lo_b <= hi_a)


def _cut_short(table: ClaimTable, i: np.ndarray, j: np.ndarray, cross: np.ndarray) -> np.ndarray:
    """One figure is the other cut short at its own, coarser precision ("$24.9 billion" for "$24.97
    billion"; not "6.54" for "6.567", which neither rounds nor cuts to it)."""
    pa, pb = table.precision[i], table.precision[j]
    coarse_a = pa > pb
    coarse = np.abs(np.where(coarse_a, table.point[i], table.point[j]))
    fine = np.abs(np.where(coarse_a, table.point[j], table.point[i]))
    step = 2 * np.maximum(pa, pb)  # a precision is half the last written digit's unit
    with np.errstate(invalid="ignore", divide="ignore"):
        cut = np.floor(fine / step + 1e-9) * step
        return ~cross & (pa != pb) & (step > 0) & (np.abs(cut - coarse) <= 1e-9 * np.maximum(coarse, 1.0))


def _directions(table: ClaimTable) -> np.ndarray:
    """Per row: -1 when its words say an unsigned change went down, +1 up, else 0 (`Facets.direction`)."""
    by_id = np.array(
        [{"down": -1, "up": 1}.get(v.direction, 0) if isinstance(v, Facets) else 0 for v in table.interned],
        dtype=np.int8,
    )
    return by_id[table.facets_id] if len(table.facets_id) else np.zeros(0, dtype=np.int8)


def _signed_by_words(
    direction: np.ndarray, own: np.ndarray, other: np.ndarray, cross: np.ndarray
) -> np.ndarray:
    """Pairs where this side is an unsigned change its words say went down ("fell 0.2%") and the other side
    is a negative figure of the same unit: this side is compared as negative."""
    with np.errstate(invalid="ignore"):
        return ~cross & (direction == -1) & (own > 0) & (other < 0)


def _range_ends(table: ClaimTable) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per row: whether the claim states a range (both ends written, no single value), its two ends, and
    whether it is an "up to" figure (a stated top end; its value in `high`)."""
    n = len(table.claims)
    stated, up_to = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    for row, claim in enumerate(table.claims):
        lo, hi = claim.low, claim.high
        if claim.value is None and lo is not None and hi is not None and lo < hi:
            stated[row], low[row], high[row] = True, lo, hi
        elif claim.value is not None and Qualifier(claim.qualifier) is Qualifier.UP_TO:
            up_to[row], high[row] = True, claim.value
    return stated, low, high, up_to


def classify_pairs(
    table: ClaimTable, i: np.ndarray, j: np.ndarray, rules: MatchRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(outcome, severity, relative difference) for each pair."""
    n = len(i)
    outcome = np.full(n, Outcome.AGREE, dtype=np.int8)
    severity = np.full(n, SEVERITY_MEDIUM, dtype=np.int8)
    cross = table.unit.codes[i] != table.unit.codes[j]  # only money reaches here with different units
    pa, pb = table.point[i], table.point[j]
    # compare across currencies in USD
    ca = np.where(cross, table.usd_point[i], pa)
    cb = np.where(cross, table.usd_point[j], pb)
    lo_a = np.where(cross, table.usd_lo[i], table.lo[i])
    hi_a = np.where(cross, table.usd_hi[i], table.hi[i])
    lo_b = np.where(cross, table.usd_lo[j], table.lo[j])
    hi_b = np.where(cross, table.usd_hi[j], table.hi[j])
    direction = _directions(table)
    dir_a, dir_b = (direction[i], direction[j]) if n else (np.zeros(0, np.int8), np.zeros(0, np.int8))
    flip_a = _signed_by_words(dir_a, pa, pb, cross)
    flip_b = _signed_by_words(dir_b, pb, pa, cross)
    ca, cb = np.where(flip_a, -ca, ca), np.where(flip_b, -cb, cb)
    lo_a, hi_a = np.where(flip_a, -hi_a, lo_a), np.where(flip_a, -lo_a, hi_a)
    lo_b, hi_b = np.where(flip_b, -hi_b, lo_b), np.where(flip_b, -lo_b, hi_b)
    own_lo_a, own_hi_a = (
        np.where(flip_a, -table.hi[i], table.lo[i]),
        np.where(flip_a, -table.lo[i], table.hi[i]),
    )
    own_lo_b, own_hi_b = (
        np.where(flip_b, -table.hi[j], table.lo[j]),
        np.where(flip_b, -table.lo[j], table.hi[j]),
    )
    slack = np.where(cross, rules.fx_tolerance, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = np.maximum(np.abs(ca), np.abs(cb))
        rel = np.where(denom > 0, np.abs(ca - cb) / denom, 0.0)
        ratio = np.abs(ca) / np.abs(cb)
        log_ratio = np.abs(np.log10(ratio))
        nearest = np.round(log_ratio / 3) * 3
        # a slip is a scale word wrong in one figure: looked for between figures in the same unit only
        # (a zero against a zero gives no ratio: never a slip)
        magnitude = (
            ~cross
            & (nearest >= 3)
            & (np.abs(log_ratio - nearest) <= rules.magnitude_log_tolerance)
            & (ca * cb > 0)
        )
    # a misplaced decimal point: one figure is the other times a power of ten within the coarser figure's
    # stated precision ("$609.22 billion" for "$60.9 billion"), the finer one giving 3+ significant digits
    shifted = np.round(log_ratio)
    big, small = np.maximum(np.abs(ca), np.abs(cb)), np.minimum(np.abs(ca), np.abs(cb))
    prec_small = np.where(np.abs(ca) <= np.abs(cb), table.precision[i], table.precision[j])
    prec_big = np.where(np.abs(ca) <= np.abs(cb), table.precision[j], table.precision[i])
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = big / np.power(10.0, shifted)
        decimal_slip = (
            ~cross
            & (shifted >= 1)
            & (ca * cb > 0)
            & (np.abs(scaled - small) <= np.maximum(prec_small, prec_big / np.power(10.0, shifted)) + 1e-12)
            & (np.maximum(big / np.maximum(prec_big, 1e-300), small / np.maximum(prec_small, 1e-300)) >= 1000)
        )
    magnitude |= decimal_slip & (prec_small > 0) & (prec_big > 0)
    missing = np.isnan(ca) | np.isnan(cb)
    shared_numerals = cross & (pa == pb)
    with np.errstate(invalid="ignore"):
        agree = np.where(  # FX slack applies across currencies only
            cross,
            _overlap(lo_a * (1 - slack), hi_a * (1 + slack), lo_b * (1 - slack), hi_b * (1 + slack)),
            _overlap(lo_a, hi_a, lo_b, hi_b),
        )
    prec_a = table.precision[i] * rules.rounding_slack
    prec_b = table.precision[j] * rules.rounding_slack
    # strict: 4 and 3 ("four pillars", "three pillars") touch at 3.5 but are not a rounding of each other
    rounding = ~cross & (own_lo_a - prec_a < own_hi_b + prec_b) & (own_lo_b - prec_b < own_hi_a + prec_a)
    # a figure and its negative, neither side's words saying it went up: the sign is in words we do not read
    with np.errstate(invalid="ignore"):
        mirrored = (
            ~cross
            & (ca * cb < 0)
            & (np.abs(np.abs(ca) - np.abs(cb)) <= np.maximum(prec_a, prec_b) + 1e-12)
            & (np.where(ca > 0, dir_a, dir_b) != 1)
        )
    far_apart = ~magnitude & ~(np.abs(log_ratio) <= np.log10(rules.max_value_ratio))

    outcome[:] = Outcome.VALUE
    outcome[rounding] = Outcome.ROUNDING
    outcome[agree] = Outcome.AGREE
    # a figure restated with fewer digits (rounded or cut short), within a fraction of a percent: the same
    outcome[(rounding | _cut_short(table, i, j, cross)) & (rel < rules.restatement_gap)] = Outcome.AGREE
    # two stated ranges: end against end
    stated, low, high, up_to = _range_ends(table)
    ranges = tops = np.zeros(n, dtype=bool)
    if n:
        ranges = ~cross & stated[i] & stated[j] & ~magnitude
        # an "up to" figure against another or against a stated range: top end against top end
        tops = ~cross & ~ranges & ~magnitude & (up_to[i] | up_to[j])
        tops &= (up_to[i] | stated[i]) & (up_to[j] | stated[j])
        ranges = ranges | tops
    if ranges.any():
        with np.errstate(invalid="ignore", divide="ignore"):
            scale = np.maximum(np.abs(high[i]), np.abs(high[j]))
            d_low = np.where(tops, 0.0, np.abs(low[i] - low[j]))
            d_high = np.abs(high[i] - high[j])
            ends_equal = (d_low <= 1e-9 * scale) & (d_high <= 1e-9 * scale)
            ends_round = (d_low <= prec_a + prec_b) & (d_high <= prec_a + prec_b)
            rel = np.where(ranges, np.maximum(d_low, d_high) / scale, rel)
        outcome[ranges] = Outcome.VALUE
        outcome[ranges & ends_round] = Outcome.ROUNDING
        outcome[ranges & ends_equal] = Outcome.AGREE
    outcome[shared_numerals] = Outcome.SKIP
    outcome[mirrored & (outcome != Outcome.AGREE)] = Outcome.SKIP
    outcome[far_apart & (outcome == Outcome.VALUE)] = Outcome.SKIP
    outcome[magnitude] = Outcome.MAGNITUDE
    outcome[missing] = Outcome.SKIP

    severity[:] = np.where(rel >= rules.high_severity_gap, SEVERITY_HIGH, SEVERITY_MEDIUM)
    severity[cross & (outcome == Outcome.VALUE)] = SEVERITY_MEDIUM
    severity[outcome == Outcome.MAGNITUDE] = SEVERITY_HIGH
    severity[outcome == Outcome.ROUNDING] = SEVERITY_LOW
    return outcome, severity, rel
