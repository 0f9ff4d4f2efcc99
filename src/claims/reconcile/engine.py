"""find_conflicts: normalise, block, match, classify, explain, rank.

Cost: normalisation, blocking and classification are linear in the number of claims; fuzzy matching is
quadratic only inside blocks, which stay small because claims are blocked on their rarest subject words and
oversized blocks are split by period (see `blocking`). Arithmetic and conversion checks read each sentence
once.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

import numpy as np

from claims.lexicon.fx import load_fx_table
from claims.settings import Settings
from claims.types import Claim, Conflict, ConflictKind, Severity, make_conflict_id

from .arithmetic import find_arithmetic_conflicts, listed_parts
from .blocking import candidate_pairs
from .classify import SEVERITY_HIGH, SEVERITY_LOW, Outcome, classify_pairs
from .consensus import quantity_groups, support
from .conversion import find_conversion_conflicts
from .explain import explain_pair, factor_word, pair_period, scope_of, topic_of
from .match import same_quantity
from .normalize import ClaimTable, build_table
from .rules import MatchRules

logger = logging.getLogger(__name__)

SEVERITY_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
KIND_OF = {
    Outcome.VALUE: ConflictKind.VALUE_MISMATCH,
    Outcome.MAGNITUDE: ConflictKind.MAGNITUDE_MISMATCH,
    Outcome.ROUNDING: ConflictKind.ROUNDING,
}
SEVERITY_OF = {SEVERITY_HIGH: Severity.HIGH, SEVERITY_LOW: Severity.LOW}


def _ordered(claims: Sequence[Claim], a: int, b: int) -> tuple[int, int]:
    """Side A is the one earlier in (document, offset) order, whatever the input order."""
    ka = (claims[a].doc, claims[a].char_start, claims[a].claim_id)
    kb = (claims[b].doc, claims[b].char_start, claims[b].claim_id)
    return (a, b) if ka <= kb else (b, a)


def _compared(table: ClaimTable, row: int, cross: bool) -> float:
    return float(table.usd_point[row] if cross else table.point[row])


def _pair_conflicts(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None, exclude: np.ndarray | None = None
) -> list[Conflict]:
    claims = table.claims
    i, j, score = candidate_pairs(table, rules, focus, exclude)
    same, near, cosine = same_quantity(table, i, j, score, rules)
    linked = same | near
    i, j, score, same, cosine = i[linked], j[linked], score[linked], same[linked], cosine[linked]
    outcome, severity, rel = classify_pairs(table, i, j, rules)
    # pairs only near in time count for million/billion slips alone
    outcome = np.where(~same & (outcome != Outcome.MAGNITUDE), Outcome.SKIP, outcome)
    grouped = same & (outcome != Outcome.SKIP)
    groups = quantity_groups(i[grouped], j[grouped])
    found: list[Conflict] = []
    for k in np.flatnonzero((outcome != Outcome.AGREE) & (outcome != Outcome.SKIP)).tolist():
        a, b = _ordered(claims, int(i[k]), int(j[k]))
        ca, cb = claims[a], claims[b]
        if ca.claim_id == cb.claim_id:  # the same claim passed twice is not a disagreement
            continue
        kind = KIND_OF[Outcome(int(outcome[k]))]
        cross = table.unit[a] != table.unit[b]
        consensus_value, support_text = (None, "")
        members = groups.get(a)
        if members is not None and kind is not ConflictKind.MAGNITUDE_MISMATCH:
            consensus_value, support_text = support(claims, members, ca.unit, rules.consensus_min_sources)
        confidence = min(ca.confidence, cb.confidence)
        found.append(
            Conflict(
                conflict_id=make_conflict_id(ca.claim_id, cb.claim_id),
                kind=kind,
                severity=SEVERITY_OF.get(int(severity[k]), Severity.MEDIUM),
                claim_a=ca.claim_id,
                claim_b=cb.claim_id,
                topic=topic_of(ca, cb),
                period=pair_period(ca, cb),
                relative_difference=float(rel[k]),
                explanation=explain_pair(
                    kind.value,
                    ca,
                    cb,
                    rel=float(rel[k]),
                    cross_currency=cross,
                    usd_a=float(table.usd_point[a]),
                    usd_b=float(table.usd_point[b]),
                    factor=factor_word(_compared(table, a, cross) / _compared(table, b, cross))
                    if kind is ConflictKind.MAGNITUDE_MISMATCH
                    else "",
                ),
                scope=scope_of(ca, cb),
                score=round(
                    max(float(score[k]) / 100, float(cosine[k]))
                    * confidence
                    * (0.5 + 0.5 * min(1.0, float(rel[k]))),
                    6,
                ),
                consensus_value=consensus_value,
                support=support_text,
                details={
                    "subject_score": float(score[k]),
                    "topic_similarity": round(float(cosine[k]), 3),
                    "cross_currency": bool(cross),
                },
            )
        )
    return found


def find_conflicts(
    claims: Sequence[Claim], settings: Settings, *, focus: Collection[str] | None = None
) -> list[Conflict]:
    """Every finding among `claims`, ranked: severity (high, medium, low), then score, then id.

    With `focus` (claim ids, e.g. those of new or changed documents) only findings involving at least one
    focus claim are produced; arithmetic and conversion findings only for sentences holding a focus claim.
    Pure: no I/O, the same input gives the same output (ids included) in any order.
    """
    rules = MatchRules.from_settings(settings)
    fx = load_fx_table()
    focus_rows: set[int] | None = None
    focus_mask: np.ndarray | None = None
    if focus is not None:
        wanted = set(focus)
        focus_rows = {r for r, c in enumerate(claims) if c.claim_id in wanted}
        focus_mask = np.zeros(len(claims), dtype=bool)
        focus_mask[list(focus_rows)] = True
        if not focus_rows:
            return []
    table = build_table(claims, rules, fx)
    # parts of a stated total ("8 frigates (four in Japan and four in Indonesia)") measure shares of it
    parts = np.zeros(len(claims), dtype=bool)
    parts[list(listed_parts(claims))] = True
    found = _pair_conflicts(table, rules, focus_mask, parts)
    found += find_conversion_conflicts(claims, fx, rules, focus_rows)
    found += find_arithmetic_conflicts(claims, rules, focus_rows)
    unique: dict[str, Conflict] = {}
    for conflict in found:
        kept = unique.get(conflict.conflict_id)
        if kept is None or (SEVERITY_RANK[conflict.severity], -conflict.score) < (
            SEVERITY_RANK[kept.severity],
            -kept.score,
        ):
            unique[conflict.conflict_id] = conflict
    ranked = sorted(unique.values(), key=lambda c: (SEVERITY_RANK[c.severity], -c.score, c.conflict_id))
    logger.info("reconciliation: %d claims, %d findings", len(claims), len(ranked))
    return ranked


__all__ = ["find_conflicts", "topic_of"]
