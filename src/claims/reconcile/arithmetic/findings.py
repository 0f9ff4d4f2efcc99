"""One arithmetic finding: the stated figure, what its operands give, and a sentence saying both.

The relative difference is |stated - computed| / max(|stated|, |computed|) (within [0, 1]); the explanation
names the stated figure, the figures it was computed from and the result, in the document's own terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.types import Claim, Conflict, ConflictKind, Kind, Qualifier, Severity, make_conflict_id

from ..explain import format_value
from ..rules import MatchRules
from .figures import NUMBER, point, relative_gap, scale_of

# how sure a rule is that it read the operands right, by where it found them
WITHIN_LINE = 1.0
NEIGHBOUR_LINES = 0.85
DOCUMENT = 0.7


QUALIFIER_WORDS = {
    Qualifier.APPROX: "about ",
    Qualifier.OVER: "over ",
    Qualifier.UNDER: "under ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.UP_TO: "up to ",
}
CLEAN_NOUN = re.compile(r"^[A-Za-z][A-Za-z -]*$")


def describe(claim: Claim, *, period: bool = True, counted: str | None = None) -> str:
    """A figure in the document's own words, with its hedge, what it counts and its period.

    >>> from claims.reconcile.arithmetic.figures import figure
    >>> describe(figure("125 per cent", 125.0, kind="percent", unit="percent", qualifier="over"))
    'over 125 per cent'
    >>> describe(figure("240", 240.0), counted="seats")
    '240 seats'
    """
    surface = claim.surface.replace("\\$", "$").strip()
    text = QUALIFIER_WORDS.get(Qualifier(claim.qualifier), "") + surface
    noun = counted if counted is not None else claim.counted
    if Kind(claim.kind) is Kind.COUNT and noun and CLEAN_NOUN.match(noun) and noun not in surface:
        text = f"{text} {noun}"
    start, end = claim.period_start, claim.period_end
    if not period or (start is None and end is None):
        return text
    years = str(start if start == end or end is None else f"{start}–{end}") if start is not None else str(end)
    return f"{text} ({'FY' if claim.fiscal else ''}{years})"


def computed_text(value: float, like: Claim, *, signed: bool = False) -> str:
    """A computed figure written like the stated one (its scale word, currency, decimals).

    >>> from claims.reconcile.arithmetic.figures import figure
    >>> computed_text(581.3254, figure("644.2%", 644.2, kind="percent", unit="percent"))
    '581.3%'
    >>> computed_text(123.4568, figure("125 per cent", 125.0, kind="percent", unit="percent"))
    '123.5 per cent'
    >>> computed_text(1107601.0, figure("1,107,541", 1107541.0))
    '1,107,601'
    >>> computed_text(683.7164e9, figure("₹68,834 crore", 688.34e9, kind="money", unit="INR"))
    '₹68,371.64 crore'
    >>> computed_text(3.0, figure("five times", 5.0, kind="multiplier", unit="times"))
    '3 times'
    """
    match = NUMBER.search(like.surface)
    scale = scale_of(like)
    number = value / scale
    written = match.group() if match else ""
    decimals = len(written.partition(".")[2])
    if Kind(like.kind) in (Kind.PERCENT, Kind.MULTIPLIER):
        decimals = max(decimals, 1)  # a ratio one digit finer at least: '123.5%' against 'over 125%'
    else:  # an amount as exact as two decimals allow, else one digit finer than the stated one
        exact = [
            d for d in range(decimals, 3) if abs(round(number, d) - number) < 1e-9 * max(1.0, abs(number))
        ]
        decimals = exact[0] if exact else decimals + 1
    body = f"{number:+,.{decimals}f}" if signed else f"{number:,.{decimals}f}"
    if Kind(like.kind) is Kind.MULTIPLIER:
        return f"{body.rstrip('0').rstrip('.') if '.' in body else body} times"
    if not match:
        return format_value(value, like.unit, str(like.kind))
    surface = like.surface.replace("\\$", "$").strip()
    start = surface.find(written)
    prefix, suffix = surface[:start], surface[start + len(written) :]
    if signed and prefix.endswith(("+", "-", "−")):
        prefix = prefix[:-1]
    return f"{prefix}{body}{suffix}"


def arithmetic_finding(
    stated: Claim,
    operands: Sequence[Claim],
    computed: float,
    statement: str,
    rules: MatchRules,
    *,
    reach: float = WITHIN_LINE,
    check: str,
) -> Conflict:
    """An arithmetic finding on `stated`, whose `operands` give `computed` (explained by `statement`).

    A stated figure further from what its operands give than `rules.arithmetic_finding_gap` is kept as a
    possible finding: a writer's own slips (a typo, a stale part, a rounding) were that close on real pages,
    while larger gaps on pages scored blind came from figures paired wrongly (a target read as a part, the
    change of one clause set against the figures of the next).
    """
    value = point(stated) or 0.0
    rel = relative_gap(value, computed)
    tier = "possible" if rel > rules.arithmetic_finding_gap else "finding"
    if tier == "possible":
        statement += (
            f" The gap ({rel:.0%}) is wider than a slip usually is: the figures may not belong together."
        )
    where = f"{stated.chapter} of {stated.doc}" if stated.chapter else stated.doc
    other = operands[-1]
    years = sorted({y for c in operands for y in (c.period_start, c.period_end) if y is not None})
    period = "" if not years else str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    scope = "within_sentence" if all(c.sentence == stated.sentence for c in operands) else "within_chapter"
    return Conflict(
        conflict_id=make_conflict_id(stated.claim_id, other.claim_id),
        kind=ConflictKind.ARITHMETIC,
        severity=Severity.HIGH if rel >= rules.high_severity_gap else Severity.MEDIUM,
        claim_a=stated.claim_id,
        claim_b=other.claim_id,
        topic=stated.subject or other.subject or "",
        period=period,
        relative_difference=rel,
        explanation=f"{where}: {statement}",
        scope=scope,
        score=round(reach * min(c.confidence for c in (stated, *operands)), 6),
        expected_value=computed,
        details={"operands": [c.claim_id for c in operands], "check": check},
        tier=tier,
    )
