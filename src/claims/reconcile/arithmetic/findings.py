"""One arithmetic finding: the stated figure, what its operands give, and a sentence saying both.

The relative difference is |stated - computed| / max(|stated|, |computed|) (within [0, 1]); the explanation
names the stated figure, the figures it was computed from and the result, in the document's own terms.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.types import Claim, Conflict, ConflictKind, Kind, Severity, make_conflict_id

from ..explain import claim_value, format_value
from ..rules import MatchRules
from .figures import point, relative_gap, steps

# how sure a rule is that it read the operands right, by where it found them
WITHIN_LINE = 1.0
NEIGHBOUR_LINES = 0.85
DOCUMENT = 0.7


def describe(claim: Claim) -> str:
    """A figure as a reader would write it, with its period when it has one ("¥8.1 billion (FY2025)")."""
    text = claim_value(claim)
    start, end = claim.period_start, claim.period_end
    if start is None and end is None:
        return text
    years = str(start if start == end or end is None else f"{start}–{end}") if start is not None else str(end)
    return f"{text} ({'FY' if claim.fiscal else ''}{years})"


def computed_text(value: float, like: Claim, *, signed: bool = False) -> str:
    """A computed figure in the units of the stated one, to its decimals (at least one).

    >>> from claims.reconcile.arithmetic.figures import figure
    >>> computed_text(581.3254, figure("644.2%", 644.2, kind="percent", unit="percent"))
    '581.3%'
    >>> computed_text(123.4568, figure("125 per cent", 125.0, kind="percent", unit="percent"))
    '123.5%'
    """
    kind = Kind(like.kind)
    if kind in (Kind.PERCENT, Kind.MULTIPLIER):
        written, _ = steps(like)
        decimals = max(1, len(f"{written:.6f}".rstrip("0").partition(".")[2]))
        body = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
        if like.unit and "point" in like.unit:
            return f"{body} {like.unit}s"
        if kind is Kind.MULTIPLIER:
            return f"{body.rstrip('0').rstrip('.')} times"
        return f"{body}%"
    return format_value(value, like.unit, str(like.kind), counted=like.counted)


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
    """An arithmetic finding on `stated`, whose `operands` give `computed` (explained by `statement`)."""
    value = point(stated) or 0.0
    rel = relative_gap(value, computed)
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
    )
