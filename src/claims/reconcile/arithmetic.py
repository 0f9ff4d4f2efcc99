"""Statements whose own numbers do not add up: stated changes, multiples and totals.

Read inside one sentence (or table row), from the words around the claims:

- Percent change: a percent claim introduced as a change ("an increase of over 125 per cent", "grew by 8%",
  "a 74 per cent increase") after a chain of operands of one unit that starts with "from"
  ("from ... 2 billion yen ..., to 8.1 billion yen ..., and a proposed 18.1 billion yen"), or after two
  values dated in increasing order just before it ("8.1 billion yen in FY2025, and a proposed 18.1 billion
  yen in FY2026 – an increase of ..."). The stated change is read against the last link, the one nearest
  the statement (18.1 / 8.1 - 1 = 123.5%); another link (or the whole chain) excuses it only when it matches
  the stated figure itself.
- Multiple: a multiplier claim ("five times", "3-fold") after a "from" chain: Y / X.
- Total: a claim introduced by "a total of", "totalling", "combined", "in all" with two or more parts of the
  same unit after it (up to the end of their bracket or clause): parts listed with "including"/"of which"/
  "among them" may not exceed the total; parts in brackets or after "comprising", "consisting of",
  "split into", a colon, must sum to it.

Qualifiers are read strictly on the bound they state ("over 125 per cent" needs at least 125); an exact
stated change gets `arithmetic_tolerance` relative slack, "about" gets `approx_tolerance`. Sentences without
the cue words are left alone: a missing finding costs less than a false one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import replace

from claims.types import Claim, Conflict, ConflictKind, Kind, Qualifier, Severity, make_conflict_id

from .explain import claim_value, format_number
from .rules import MatchRules
from .sentences import Placed, SentenceClaims, sentences

CHANGE_BEFORE = re.compile(
    r"""
    (?:increase|increment|rise|growth|jump|gain|surge|hike|boost|decrease|decline|drop|fall|reduction|cut|
       contraction|increased|rose|grew|jumped|climbed|surged|decreased|declined|dropped|fell|reduced|
       shrank|contracted|expanded|up|down)
    \s+(?:of\s+|by\s+)?                                   # "an increase of", "grew by", "rose"
    (?:(?:over|more\s+than|nearly|almost|about|around|approximately|roughly|some|at\s+least|
          up\s+to|just\s+over|just\s+under|under|less\s+than)\s+)?   # a qualifier outside the span
    $""",
    re.VERBOSE | re.IGNORECASE,
)
CHANGE_AFTER = re.compile(
    r"""^\s*(?:\(|\[)?\s*
    (?:increase|rise|growth|jump|gain|surge|hike|decrease|decline|drop|fall|reduction|cut|contraction|
       higher|lower|more|less|up|down)\b""",
    re.VERBOSE | re.IGNORECASE,
)
DECREASE = re.compile(
    r"decreas|declin|drop|fall|fell|reduc|cut|shrank|contract|lower|less|down", re.IGNORECASE
)
TOTAL_BEFORE = re.compile(
    r"""(?:a\s+total\s+of|in\s+total|totall?ing|totals?|combined|altogether|in\s+all|aggregate\s+of|
         sum\s+of|overall)\s*(?:of\s+)?(?:\w+\s+){0,2}$""",
    re.VERBOSE | re.IGNORECASE,
)
TOTAL_AFTER = re.compile(r"^\s*(?:in\s+total|in\s+all|altogether|combined)\b", re.IGNORECASE)
SUBSET_CUE = re.compile(
    r"\b(?:including|includes|include|of\s+which|among\s+them|such\s+as)\b", re.IGNORECASE
)
SUM_CUE = re.compile(
    r"""
    \([^)]*$                          # the parts open a bracket after the total: "8 frigates (four ... four"
    | \bcomprising\b | \bconsisting\s+of\b | \bmade\s+up\s+of\b
    | \bsplit\s+into\b | \bdivided\s+into\b
    | :                                # "a total of 12: 5 ... and 7 ..."
    """,
    re.VERBOSE | re.IGNORECASE,
)
OPERAND_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.MEASURE})


def _same_unit(a: Claim, b: Claim) -> bool:
    return Kind(a.kind) is Kind(b.kind) and (a.unit or "") == (b.unit or "")


def _point(claim: Claim) -> float | None:
    if claim.value is not None:
        return claim.value
    if claim.value_low is not None and claim.value_high is not None:
        return (claim.value_low + claim.value_high) / 2
    return None


def _chain(sentence: SentenceClaims, stated: Placed) -> list[Placed]:
    """Operands of a stated change: same-unit values before it.

    Either a chain that starts with "from" ("from A ... to B ..., and C"), or, failing that, the last two
    values right before the statement when they are dated in increasing order ("8.1 billion yen in FY2025,
    and a proposed 18.1 billion yen in FY2026 – an increase of ..."), a change over time by construction.
    """
    before = [
        p
        for p in sentence.claims
        if p.end <= stated.start
        and Kind(p.claim.kind) in OPERAND_KINDS
        and _point(p.claim) not in (None, 0.0)
    ]
    for k in range(len(before) - 1, -1, -1):
        head = before[k]
        previous_end = before[k - 1].end if k else 0
        window = sentence.text[max(previous_end, head.start - 80) : head.start]
        if re.search(r"\bfrom\b", window, re.IGNORECASE):
            chain = [head] + [p for p in before[k + 1 :] if _same_unit(p.claim, head.claim)]
            return chain if len(chain) >= 2 else []
    if len(before) >= 2:
        x, y = before[-2], before[-1]
        gap = sentence.text[y.end : stated.start]
        years_x, years_y = x.claim.period_end, y.claim.period_start
        if (
            _same_unit(x.claim, y.claim)
            and years_x is not None
            and years_y is not None
            and years_x < years_y
            and len(gap) <= 60
            and re.search(
                r"\b(?:to|and|then|before|reaching)\b", sentence.text[x.end : y.start], re.IGNORECASE
            )
        ):
            return [x, y]
    return []


def _fits(expected: float, stated: Claim, rules: MatchRules) -> bool:
    value = _point(stated)
    if value is None:
        return True
    qualifier = Qualifier(stated.qualifier)
    precision = stated.precision or 0.0
    if qualifier in (Qualifier.OVER, Qualifier.AT_LEAST):
        return expected >= value
    if qualifier in (Qualifier.UNDER, Qualifier.UP_TO):
        return expected <= value
    if stated.value is None and stated.value_low is not None and stated.value_high is not None:
        return (
            stated.value_low * (1 - rules.arithmetic_tolerance)
            <= expected
            <= stated.value_high * (1 + rules.arithmetic_tolerance)
        )
    tolerance = rules.approx_tolerance if qualifier is Qualifier.APPROX else rules.arithmetic_tolerance
    slack = max(abs(value) * tolerance, precision * rules.rounding_slack)
    return abs(expected - value) <= slack


def _as_exact(claim: Claim) -> Claim:
    """The same claim read without its bound ("over 125" as "125"), to test a link for an exact match."""
    return replace(claim, qualifier=Qualifier.EXACT)


def _links(chain: list[Placed]) -> list[tuple[Placed, Placed]]:
    links = list(zip(chain, chain[1:], strict=False))
    if len(chain) > 2:
        links.append((chain[0], chain[-1]))
    return links


def _conflict(
    stated: Claim,
    operand: Claim,
    expected: float,
    statement: str,
    rules: MatchRules,
    operands: Sequence[Claim],
) -> Conflict:
    value = _point(stated) or 0.0
    # a stated rise against an actual fall differs by more than either figure: the share is capped at 1
    rel = min(1.0, abs(expected - value) / max(abs(expected), abs(value), 1e-12))
    where = f"{stated.chapter} of {stated.doc}" if stated.chapter else stated.doc
    return Conflict(
        conflict_id=make_conflict_id(stated.claim_id, operand.claim_id),
        kind=ConflictKind.ARITHMETIC,
        severity=Severity.HIGH if rel >= rules.high_severity_gap else Severity.MEDIUM,
        claim_a=stated.claim_id,
        claim_b=operand.claim_id,
        topic=stated.subject or operand.subject or "",
        period=_span(operands),
        relative_difference=rel,
        explanation=f"{where}: {statement}",
        scope="within_sentence",
        score=min(1.0, rel) * min(c.confidence for c in (stated, *operands)),
        expected_value=expected,
        details={"operands": [c.claim_id for c in operands]},
    )


def _span(operands: Sequence[Claim]) -> str:
    years = sorted({y for c in operands for y in (c.period_start, c.period_end) if y is not None})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _change_statements(sentence: SentenceClaims, rules: MatchRules) -> list[Conflict]:
    found = []
    for stated in sentence.claims:
        kind = Kind(stated.claim.kind)
        if kind is Kind.PERCENT:
            before, after = sentence.before(stated, 60), sentence.after(stated, 30)
            if not (CHANGE_BEFORE.search(before) or CHANGE_AFTER.match(after)):
                continue
            direction = -1.0 if DECREASE.search(before[-30:] + " " + after[:15]) else 1.0
        elif kind is Kind.MULTIPLIER:
            direction = 0.0
        else:
            continue
        chain = _chain(sentence, stated)
        if not chain:
            continue
        results = []
        for x, y in _links(chain):
            vx, vy = _point(x.claim) or 0.0, _point(y.claim) or 0.0
            if kind is Kind.PERCENT:
                change = (vy - vx) / abs(vx) * 100
                results.append((-change if direction < 0 else change, x, y))
            else:
                results.append((vy / vx, x, y))
        # the statement refers to the link nearest it; another link excuses it only if it matches exactly
        nearest = len(chain) - 2
        expected, x, y = results[nearest]
        if _fits(expected, stated.claim, rules) or any(
            _fits(other, _as_exact(stated.claim), rules)
            for k, (other, _, _) in enumerate(results)
            if k != nearest
        ):
            continue
        operands = [p.claim for p in chain]
        if kind is Kind.PERCENT:
            verb = "a decrease" if direction < 0 else ("an increase" if expected >= 0 else "a change")
            statement = (
                f"from {claim_value(x.claim)} to {claim_value(y.claim)} is {verb} of "
                f"{expected:.1f}%, not {claim_value(stated.claim)}."
            )
        else:
            statement = (
                f"from {claim_value(x.claim)} to {claim_value(y.claim)} is {format_number(expected)}"
                f" times, not {claim_value(stated.claim)}."
            )
        found.append(_conflict(stated.claim, y.claim, expected, statement, rules, operands))
    return found


def _total_groups(sentence: SentenceClaims) -> Iterator[tuple[Placed, list[Placed], bool]]:
    """(total, listed parts, parts only included?) for each total followed by a list of its parts.

    The parts are the same-unit claims after the total, up to the end of the bracket they open or of the
    clause (";"), introduced by a subset cue ("including", "of which") or a sum cue (a bracket, "comprising",
    a colon).
    """
    for total in sentence.claims:
        if Kind(total.claim.kind) not in OPERAND_KINDS or _point(total.claim) is None:
            continue
        if not (TOTAL_BEFORE.search(sentence.before(total, 40)) or TOTAL_AFTER.match(sentence.after(total))):
            continue
        later = [
            p
            for p in sentence.claims
            if p is not total
            and _same_unit(p.claim, total.claim)
            and p.start > total.start
            and _point(p.claim) is not None
        ]
        if len(later) < 2:
            continue
        link = sentence.text[total.end : later[0].start]
        subset = bool(SUBSET_CUE.search(link))
        if not (subset or SUM_CUE.search(link)):
            continue
        tail = sentence.text[later[0].start :]
        stop = re.search(r"[)]" if re.search(r"\([^)]*$", link) else r"[;]", tail)
        end = later[0].start + stop.start() if stop else len(sentence.text)
        parts = [p for p in later if p.end <= end]
        if len(parts) >= 2:
            yield total, parts, subset


def listed_parts(claims: Sequence[Claim]) -> set[int]:
    """Rows of claims listed as parts of a stated total ("8 frigates (four in Japan and four in ...)").

    A part measures a share of the quantity, not the quantity: reconciliation does not set it against other
    statements of the whole.
    """
    rows: set[int] = set()
    for sentence in sentences(claims):
        for _, parts, _ in _total_groups(sentence):
            rows.update(p.index for p in parts)
    return rows


def _sum_precision(claim: Claim) -> float:
    """Rounding a part may carry: none for a small whole count ("four" vessels are exactly four)."""
    value = _point(claim) or 0.0
    if Kind(claim.kind) is Kind.COUNT and float(value).is_integer() and abs(value) < 1000:
        return 0.0
    return claim.precision or 0.0


def _totals(sentence: SentenceClaims, rules: MatchRules) -> list[Conflict]:
    found = []
    for total, parts, subset in _total_groups(sentence):
        values = [_point(p.claim) or 0.0 for p in parts]
        expected = sum(values)
        stated = _point(total.claim) or 0.0
        slack = max(
            abs(stated) * rules.arithmetic_tolerance,
            _sum_precision(total.claim) + sum(_sum_precision(p.claim) for p in parts),
        )
        qualifier = Qualifier(total.claim.qualifier)
        if qualifier is Qualifier.APPROX:
            slack = max(slack, abs(stated) * rules.approx_tolerance)
        if subset:
            ok = expected <= stated + slack or qualifier in (Qualifier.OVER, Qualifier.AT_LEAST)
            relation = "more than the total"
        else:
            ok = (
                abs(expected - stated) <= slack
                or (qualifier in (Qualifier.OVER, Qualifier.AT_LEAST) and expected >= stated)
                or (qualifier in (Qualifier.UNDER, Qualifier.UP_TO) and expected <= stated)
            )
            relation = "not the total"
        if ok:
            continue
        listed = " + ".join(claim_value(p.claim) for p in parts)
        statement = (
            f"the parts {listed} add up to {format_number(expected)}, {relation} {claim_value(total.claim)}."
        )
        found.append(
            _conflict(total.claim, parts[-1].claim, expected, statement, rules, [p.claim for p in parts])
        )
    return found


def _operands(conflict: Conflict) -> list[str]:
    operands = conflict.details.get("operands", [])
    return [str(o) for o in operands] if isinstance(operands, list) else []


def find_arithmetic_conflicts(
    claims: Sequence[Claim], rules: MatchRules, focus_rows: Collection[int] | None = None
) -> list[Conflict]:
    """Arithmetic findings, one per stated change/multiple/total that its own operands contradict."""
    found: list[Conflict] = []
    for sentence in sentences(claims, focus_rows):
        found.extend(_change_statements(sentence, rules))
        found.extend(_totals(sentence, rules))
    if focus_rows is not None:
        focus_ids = {claims[r].claim_id for r in focus_rows}
        found = [
            c
            for c in found
            if c.claim_a in focus_ids
            or c.claim_b in focus_ids
            or focus_ids.intersection(_operands(c))
        ]
    return found
