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
from .calibration import THRESHOLD, WEIGHTS
from .classify import SEVERITY_HIGH, SEVERITY_LOW, Outcome, classify_pairs
from .consensus import support_of, value_clusters, value_label
from .conversion import find_conversion_conflicts
from .explain import explain_pair, factor_word, pair_period, scope_of, topic_of
from .match import same_quantity
from .normalize import ClaimTable, build_table
from .rules import MatchRules
from .scoring import match_probability, pair_features

logger = logging.getLogger(__name__)

KIND_OF = {
    Outcome.VALUE: ConflictKind.VALUE_MISMATCH,
    Outcome.MAGNITUDE: ConflictKind.MAGNITUDE_MISMATCH,
    Outcome.ROUNDING: ConflictKind.ROUNDING,
}
SEVERITY_OF = {SEVERITY_HIGH: Severity.HIGH, SEVERITY_LOW: Severity.LOW}


def tier_of(conflict: Conflict) -> str:
    """`finding` (at or above the threshold; sentence-level checks always) or `possible`."""
    return str(conflict.details.get("tier", "finding"))


def _ordered(claims: Sequence[Claim], a: int, b: int) -> tuple[int, int]:
    """Side A is the one earlier in (document, offset) order, whatever the input order."""
    ka = (claims[a].doc, claims[a].char_start, claims[a].claim_id)
    kb = (claims[b].doc, claims[b].char_start, claims[b].claim_id)
    return (a, b) if ka <= kb else (b, a)


def _compared(table: ClaimTable, row: int, cross: bool) -> float:
    return float(table.usd_point[row] if cross else table.point[row])


def _source_keys(table: ClaimTable) -> list[object]:
    """One key per independent source: the cited reference entry, else the sentence (numbers masked)."""
    keys: list[object] = []
    for row in range(len(table)):
        cites = table.interned[table.cites_id[row]]
        keys.append(("cites", int(table.cites_id[row])) if cites else ("shape", int(table.shape_id[row])))
    return keys


def _linked_rows(table: ClaimTable, rules: MatchRules, focus: np.ndarray, exclude: np.ndarray) -> np.ndarray:
    """Rows matched to a focus row as the same quantity (the groups a focused run must recompute)."""
    i, j, score = candidate_pairs(table, rules, focus, exclude)
    same, near, _ = same_quantity(table, i, j, score, rules)
    rows = np.zeros(len(table), dtype=bool)
    rows[i[same | near]] = True
    rows[j[same | near]] = True
    return rows


def _pair_conflicts(
    table: ClaimTable,
    rules: MatchRules,
    focus: np.ndarray | None,
    exclude: np.ndarray | None = None,
    *,
    threshold: float = THRESHOLD,
) -> list[Conflict]:
    claims = table.claims
    i, j, score = candidate_pairs(table, rules, focus, exclude)
    same, near, cosine = same_quantity(table, i, j, score, rules)
    linked = same | near
    i, j, score, same, cosine = i[linked], j[linked], score[linked], same[linked], cosine[linked]
    outcome, severity, rel = classify_pairs(table, i, j, rules)
    # pairs only near in time count for million/billion slips alone
    outcome = np.where(~same & (outcome != Outcome.MAGNITUDE), Outcome.SKIP, outcome)
    kept = outcome != Outcome.SKIP
    labels = [(table.unit[r], value_label(claims[r])) for r in range(len(table))]
    cluster = value_clusters(i[kept], j[kept], outcome[kept] == Outcome.AGREE, labels)
    members: dict[int, list[int]] = {}
    for row, root in cluster.items():
        members.setdefault(root, []).append(row)
    sources = _source_keys(table)
    # one disagreement = one pair of value clusters: keep its strongest pair as the finding's evidence
    best: dict[tuple[int, int], tuple[tuple[int, float, str, str], int]] = {}
    for k in np.flatnonzero(kept & (outcome != Outcome.AGREE)).tolist():
        a, b = int(i[k]), int(j[k])
        if claims[a].claim_id == claims[b].claim_id:  # the same claim passed twice is not a disagreement
            continue
        ca, cb = cluster[a], cluster[b]
        if ca == cb:  # linked through others that agree with both: the values are within tolerance
            continue
        key = (min(ca, cb), max(ca, cb))
        # strongest pair first; claim ids break ties, so the input order never decides
        ids = sorted((claims[a].claim_id, claims[b].claim_id))
        sev = SEVERITY_OF.get(int(severity[k]), Severity.MEDIUM).rank
        rank = (sev, -float(score[k]), ids[0], ids[1])
        if key not in best or rank < best[key][0]:
            best[key] = (rank, k)
    found: list[Conflict] = []
    for _rank, k in best.values():
        a, b = int(i[k]), int(j[k])
        side_a, side_b = members[cluster[a]], members[cluster[b]]
        support_a = support_of(claims, side_a, sources)
        support_b = support_of(claims, side_b, sources)
        # the outlier is the value with fewer independent sources; on a tie, reading order decides
        if (support_a.sources, support_a.statements) > (support_b.sources, support_b.statements):
            a, b, side_a, side_b, support_a, support_b = b, a, side_b, side_a, support_b, support_a
        elif (support_a.sources, support_a.statements) == (support_b.sources, support_b.statements):
            first, _ = _ordered(claims, a, b)
            if first != a:
                a, b, side_a, side_b, support_a, support_b = b, a, side_b, side_a, support_b, support_a
        ca, cb = claims[a], claims[b]
        kind = KIND_OF[Outcome(int(outcome[k]))]
        cross = table.unit[a] != table.unit[b]
        tied = (support_a.sources, support_a.statements) == (support_b.sources, support_b.statements)
        consensus = None if tied else cb.value
        many = support_a.statements + support_b.statements > 2
        support_text = (
            f"{support_b.phrase(value_label(cb))}; {support_a.phrase(value_label(ca))}." if many else ""
        )
        ids_a = sorted(claims[m].claim_id for m in side_a)
        ids_b = sorted(claims[m].claim_id for m in side_b)
        confidence = min(ca.confidence, cb.confidence)
        explanation = explain_pair(
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
        )
        if support_text:
            explanation = f"{explanation} {support_text[0].upper()}{support_text[1:]}"
        features = pair_features(
            table, a, b, subject_score=float(score[k]), cosine=float(cosine[k]), kind=kind.value, rules=rules
        )
        probability = match_probability(features, WEIGHTS)
        found.append(
            Conflict(
                conflict_id=make_conflict_id(ids_a[0], ids_b[0]),
                kind=kind,
                severity=SEVERITY_OF.get(int(severity[k]), Severity.MEDIUM),
                claim_a=ca.claim_id,
                claim_b=cb.claim_id,
                topic=topic_of(ca, cb),
                period=pair_period(ca, cb),
                relative_difference=min(1.0, float(rel[k])),
                explanation=explanation,
                scope=scope_of(ca, cb),
                score=round(probability * confidence, 6),
                consensus_value=consensus,
                support=support_text,
                details={
                    "tier": "finding" if probability >= threshold else "possible",
                    "match_probability": round(probability, 4),
                    "features": {name: round(value, 4) for name, value in features.items()},
                    "subject_score": float(score[k]),
                    "topic_similarity": round(float(cosine[k]), 3),
                    "cross_currency": bool(cross),
                    "members_a": ids_a,
                    "members_b": ids_b,
                    "sources_a": support_a.sources,
                    "sources_b": support_b.sources,
                    "pair_ids": sorted(make_conflict_id(x, y) for x in ids_a[:20] for y in ids_b[:20]),
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
    if focus_mask is not None:
        # a finding stands for a whole group of statements: recompute the groups the focus claims join
        focus_mask = focus_mask | _linked_rows(table, rules, focus_mask, parts)
    threshold = float(getattr(settings, "finding_threshold", THRESHOLD))
    found = _pair_conflicts(table, rules, focus_mask, parts, threshold=threshold)
    if focus_rows is not None:
        focus_ids = {claims[r].claim_id for r in focus_rows}
        found = [c for c in found if focus_ids & {*c.details["members_a"], *c.details["members_b"]}]  # type: ignore[misc]
    found += find_conversion_conflicts(claims, fx, rules, focus_rows)
    found += find_arithmetic_conflicts(claims, rules, focus_rows)
    unique: dict[str, Conflict] = {}
    for conflict in found:
        kept = unique.get(conflict.conflict_id)
        if kept is None or (conflict.severity.rank, -conflict.score) < (
            kept.severity.rank,
            -kept.score,
        ):
            unique[conflict.conflict_id] = conflict
    ranked = sorted(
        unique.values(),
        key=lambda c: (tier_of(c) != "finding", c.severity.rank, -c.score, c.conflict_id),
    )
    possible = sum(tier_of(c) != "finding" for c in ranked)
    logger.info(
        "reconciliation: %d claims, %d findings, %d possible", len(claims), len(ranked) - possible, possible
    )
    return ranked


__all__ = ["find_conflicts", "tier_of", "topic_of"]
