"""Stated currency conversions checked against the year's average exchange rate.

A conversion is two amounts in different currencies side by side in one sentence or table row, joined only by
a bracket, a hedge or a cell break: `18.1 billion yen (approximately US$116 million)`,
`¥140 billion (USD 1.2 billion equivalent)`, `5 billion Yen<TAB>$30-34.6 million`. The implied rate
(116 million dollars for 18.1 billion yen: 156 yen per dollar) is compared with the yearly averages of the
claims' period (any year of a span; the whole table when no period is stated); more than
`conversion_tolerance` off every one of them is a finding. Amounts of unknown currency ("XXX") are not
checked: the currency is never guessed, and neither is a bare "$" next to another dollar ("$C2.5 billion
($2.9 billion)" in an Australian report is two of the writer's own dollars, not a US conversion).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence

from claims.lexicon.currencies import DOLLAR_CURRENCIES
from claims.lexicon.fx import FxTable
from claims.parse.money import is_bare_dollar
from claims.types import UNKNOWN_CURRENCY, Claim, Conflict, ConflictKind, Kind, Severity, make_conflict_id

from .explain import claim_value, factor_word, format_number, period_label
from .rules import MatchRules
from .sentences import Placed, sentences

CONNECTOR = re.compile(
    r"""
    ^[\s(\[\t|,:=–-]*                       # brackets, cell breaks, dashes
    (?:(?:approximately|approx\.?|about|around|roughly|some|nearly|almost|
          c\.|ca\.|circa|or|i\.e\.,?|equivalent\s+to|equal\s+to|worth|equating\s+to|
          US\s*)\s*)*                        # hedges ("c. 20 billion US dollars")
    [\s(\[~≈\\]*$                           # a bracket, a tilde, a Markdown escape (US\$116) before it
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _amount_range(claim: Claim) -> tuple[float, float] | None:
    low, high = claim.low, claim.high
    if low is None or high is None or low <= 0 or high <= 0:
        return None
    return (low, high)


def _year_span(a: Claim, b: Claim) -> tuple[int | None, int | None]:
    for claim in (a, b):
        if claim.period_start is not None or claim.period_end is not None:
            return claim.period_start or claim.period_end, claim.period_end or claim.period_start
    return None, None


def _sig(value: float) -> str:
    """Three significant figures, plainly written.

    >>> _sig(1560.34), _sig(149.7), _sig(0.00641)
    ('1,560', '150', '0.00641')
    """
    return format_number(float(f"{value:.3g}"))


def _rate_years(fx: FxTable, unit_a: str, unit_b: str, start: int | None, end: int | None, when: str) -> str:
    """How to name the rates compared with ("the ECB 2025 average", "the ECB 2009–2022 averages")."""
    if start is None or end is None:
        return "every ECB yearly average since 1999"
    covered = [fx.rate(u, end) for u in (unit_a, unit_b) if u != "USD"]
    latest = min((r.year for r in covered if r is not None), default=end)
    if latest < end:
        return f"the latest ECB yearly average ({latest}, for {when})"
    partial = any(r is not None and r.estimate for r in covered)
    so_far = " so far" if partial else ""
    return f"the ECB {when} average{so_far}" if start == end else f"the ECB {when} averages"


def bare_dollar_beside_dollar(a: Claim, b: Claim) -> bool:
    """One amount in another dollar (C$, A$, $NZ ...) and the other in a bare "$", read as USD by default.

    >>> from types import SimpleNamespace as Amount
    >>> cad = Amount(surface="$C2.5 billion", unit="CAD")
    >>> bare, marked = Amount(surface="$2.9 billion", unit="USD"), Amount(surface="US$1.8bn", unit="USD")
    >>> bare_dollar_beside_dollar(cad, bare), bare_dollar_beside_dollar(cad, marked)
    (True, False)
    """
    for one, other in ((a, b), (b, a)):
        if one.unit in DOLLAR_CURRENCIES and other.unit == "USD" and is_bare_dollar(other.surface):
            return True
    return False


def conversion_pairs(sentence_claims: Sequence[Placed], text: str) -> list[tuple[Placed, Placed]]:
    """Adjacent money claims in two known currencies joined only by a connector."""
    out = []
    for left, right in zip(sentence_claims, sentence_claims[1:], strict=False):
        a, b = left.claim, right.claim
        if Kind(a.kind) is not Kind.MONEY or Kind(b.kind) is not Kind.MONEY:
            continue
        if not a.unit or not b.unit or a.unit == b.unit or UNKNOWN_CURRENCY in (a.unit, b.unit):
            continue
        if bare_dollar_beside_dollar(a, b):
            continue
        if CONNECTOR.match(text[left.end : right.start]):
            out.append((left, right))
    return out


def check_conversion(a: Claim, b: Claim, fx: FxTable, rules: MatchRules) -> Conflict | None:
    """A finding when the rate implied by `a` = `b` is far from every yearly rate of the period."""
    range_a, range_b = _amount_range(a), _amount_range(b)
    if range_a is None or range_b is None or a.unit is None or b.unit is None:
        return None
    start, end = _year_span(a, b)
    rates_a = fx.rate_range(a.unit, start, end)
    rates_b = fx.rate_range(b.unit, start, end)
    if rates_a is None or rates_b is None:
        return None
    # units of a per unit of b, implied and tabled (cross rates through USD)
    implied_lo, implied_hi = range_a[0] / range_b[1], range_a[1] / range_b[0]
    table_lo, table_hi = rates_a[0] / rates_b[1], rates_a[1] / rates_b[0]
    if implied_hi < table_lo:
        deviation = implied_hi / table_lo - 1
        nearest = table_lo
    elif implied_lo > table_hi:
        deviation = implied_lo / table_hi - 1
        nearest = table_hi
    else:
        return None
    if abs(deviation) <= rules.conversion_tolerance:
        return None
    implied_mid = math.sqrt(implied_lo * implied_hi)
    log_ratio = abs(math.log10(implied_mid / nearest))
    slip = abs(log_ratio - round(log_ratio / 3) * 3) <= rules.magnitude_log_tolerance and log_ratio > 2
    severity = Severity.HIGH if slip or abs(deviation) >= 1.0 else Severity.MEDIUM
    expected_b = (a.value if a.value is not None else (range_a[0] + range_a[1]) / 2) / nearest
    stated_b = b.value if b.value is not None else (range_b[0] + range_b[1]) / 2
    rel = abs(stated_b - expected_b) / max(abs(stated_b), abs(expected_b))
    per = f"{a.unit} per {b.unit}"
    when = period_label(a) or period_label(b)
    years = _rate_years(fx, a.unit, b.unit, start, end, when)
    where = f"{a.chapter} of {a.doc}" if a.chapter else a.doc
    explanation = (
        f"{where} converts {claim_value(a)} to {claim_value(b)}, about {_sig(implied_mid)} {per}, "
        f"while {years} was {_sig(nearest)}: "
        + (
            f"a factor of about {factor_word(implied_mid / nearest)} off, likely a million/billion slip."
            if slip
            else f"{abs(deviation):.0%} off."
        )
    )
    return Conflict(
        conflict_id=make_conflict_id(a.claim_id, b.claim_id),
        kind=ConflictKind.CONVERSION_MISMATCH,
        severity=severity,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        topic=a.subject or b.subject or "currency conversion",
        period=when,
        relative_difference=rel,
        explanation=explanation,
        scope="within_sentence",
        score=min(1.0, abs(deviation)) * min(a.confidence, b.confidence),
        expected_value=expected_b,
        details={"implied_rate": implied_mid, "table_rate": nearest, "rate_unit": per},
    )


def find_conversion_conflicts(
    claims: Sequence[Claim], fx: FxTable, rules: MatchRules, focus_rows: Collection[int] | None = None
) -> list[Conflict]:
    found = []
    for sentence in sentences(claims, focus_rows):
        for left, right in conversion_pairs(sentence.claims, sentence.text):
            conflict = check_conversion(left.claim, right.claim, fx, rules)
            if conflict is not None:
                found.append(conflict)
    return found
