"""find_conflicts: normalise, block, match, classify, explain, rank.

Cost: normalisation, blocking and classification are linear in the number of claims; fuzzy matching is
quadratic only inside blocks, which stay small because claims are blocked on their rarest subject words and
oversized blocks are split by period (see `blocking`). Arithmetic and conversion checks read each sentence
once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from claims.lexicon.fx import load_fx_table
from claims.settings import Settings
from claims.types import Claim, Conflict, ConflictKind, Severity, make_conflict_id

from .arithmetic import find_arithmetic_conflicts, listed_parts
from .blocking import candidate_pair_chunks
from .calibration import DEFAULT, WEIGHTS, Calibration
from .classify import SEVERITY_HIGH, SEVERITY_LOW, Outcome, classify_pairs
from .columns import claim_id_of, release_free_heap
from .consensus import quantity_groups, support_of, value_clusters, value_label
from .conversion import find_conversion_conflicts
from .explain import explain_pair, factor_word, pair_period, scope_of, topic_of
from .match import estimate_unmatched, same_quantity
from .normalize import ClaimTable, RowCache, build_table
from .rules import MatchRules
from .scoring import PairFeatures, Sides, match_probabilities, pair_features

logger = logging.getLogger(__name__)

KIND_OF = {
    Outcome.VALUE: ConflictKind.VALUE_MISMATCH,
    Outcome.MAGNITUDE: ConflictKind.MAGNITUDE_MISMATCH,
    Outcome.ROUNDING: ConflictKind.ROUNDING,
}
SEVERITY_OF = {SEVERITY_HIGH: Severity.HIGH, SEVERITY_LOW: Severity.LOW}


def tier_of(conflict: Conflict) -> str:
    """`finding` (at or above the threshold; sentence-level checks always) or `possible`."""
    return conflict.tier


def _ordered(claims: Sequence[Claim], a: int, b: int) -> tuple[int, int]:
    """Side A is the one earlier in (document, offset) order, whatever the input order."""
    ka = (claims[a].doc, claims[a].char_start, claims[a].claim_id)
    kb = (claims[b].doc, claims[b].char_start, claims[b].claim_id)
    return (a, b) if ka <= kb else (b, a)


def _compared(table: ClaimTable, row: int, cross: bool) -> float:
    return float(table.usd_point[row] if cross else table.point[row])


class _SourceKeys(Sequence[object]):
    """One key per row for its independent source: the cited reference entry, else the sentence (numbers
    masked); made when read (only the rows of a finding are)."""

    def __init__(self, table: ClaimTable) -> None:
        self.table = table

    def __len__(self) -> int:
        return len(self.table)

    def __getitem__(self, row: int) -> object:  # type: ignore[override]
        table = self.table
        cites = table.interned[table.cites_id[row]]
        return ("cites", int(table.cites_id[row])) if cites else ("shape", int(table.shape_id[row]))


class _ValueLabels(Sequence[tuple[str | None, str]]):
    """Per row, its unit and its value as written for a reader: equal labels are one stated value (made
    when read: only the rows of linked pairs are)."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __len__(self) -> int:
        return len(self.claims)

    def __getitem__(self, row: int) -> tuple[str | None, str]:  # type: ignore[override]
        claim = self.claims[row]
        return (claim.unit, value_label(claim))


def _source_keys(table: ClaimTable) -> Sequence[object]:
    """One key per independent source: the cited reference entry, else the sentence (numbers masked)."""
    return _SourceKeys(table)


def _linked_rows(table: ClaimTable, rules: MatchRules, focus: np.ndarray, exclude: np.ndarray) -> np.ndarray:
    """Rows that may be matched to a focus row as the same quantity (the groups a focused run recomputes)."""
    i, j, _, _, _, _, _ = _plausible_pairs(table, rules, focus, exclude)
    rows = np.zeros(len(table), dtype=bool)
    rows[i] = True
    rows[j] = True
    return rows


PAIR_CHUNK = 1 << 20
"""Candidate pairs matched at a time (`match.same_quantity` decides each pair alone): bounds the memory of
its per-pair masks, whatever the number of candidates."""


def _plausible_pairs(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None, exclude: np.ndarray | None
) -> tuple[np.ndarray, ...]:
    """(i, j, subject score, same, near, cosine, near_only) of the plausible candidate pairs (see
    `match.same_quantity`), matched `PAIR_CHUNK` candidates at a time as blocking hands them on (a slice of
    first rows at a time: only the plausible pairs are kept)."""
    parts = []
    for i, j, score in candidate_pair_chunks(table, rules, focus, exclude):
        for start in range(0, len(i), PAIR_CHUNK):
            part = slice(start, start + PAIR_CHUNK)
            parts.append(_plausible(table, rules, i[part], j[part], score[part]))
    if not parts:  # typed empty columns
        empty = np.zeros(0, dtype=np.int64)
        parts.append(_plausible(table, rules, empty, empty, np.zeros(0)))
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def _plausible(
    table: ClaimTable, rules: MatchRules, i: np.ndarray, j: np.ndarray, score: np.ndarray
) -> tuple[np.ndarray, ...]:
    """The columns of `_plausible_pairs` for one run of candidate pairs."""
    matched = same_quantity(table, i, j, score, rules)
    keep = matched.plausible
    return (
        i[keep],
        j[keep],
        score[keep],
        matched.same[keep],
        matched.near[keep],
        matched.cosine[keep],
        matched.near_only[keep],
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Scored:
    """The plausible candidate pairs with their outcome and match probability."""

    i: np.ndarray
    j: np.ndarray
    score: np.ndarray  # subject score
    cosine: np.ndarray
    same: np.ndarray  # the rules alone link the two
    outcome: np.ndarray
    severity: np.ndarray
    rel: np.ndarray
    probability: np.ndarray  # nan for agreeing pairs
    features: PairFeatures  # the match features of each scored pair (None for the others)


def score_pairs(
    table: ClaimTable,
    rules: MatchRules,
    focus: np.ndarray | None = None,
    exclude: np.ndarray | None = None,
    *,
    weights: Mapping[str, float] = WEIGHTS,
) -> _Scored:
    """Every plausible candidate pair (see `match.same_quantity`), classified, disagreements scored."""
    i, j, score, same, near, cosine, near_only = _plausible_pairs(table, rules, focus, exclude)
    outcome, severity, rel = classify_pairs(table, i, j, rules)
    # pairs dated a year apart, or linked only under the looser slip rules, count for factor-1000 slips alone
    outcome = np.where((near_only | (near & ~same)) & (outcome != Outcome.MAGNITUDE), Outcome.SKIP, outcome)
    probability = np.full(len(i), np.nan)
    features = PairFeatures(len(i))
    sides = Sides(table)  # each row read once for all its pairs
    for k in np.flatnonzero((outcome != Outcome.AGREE) & (outcome != Outcome.SKIP)).tolist():
        kind = KIND_OF[Outcome(int(outcome[k]))]
        values = pair_features(
            table,
            int(i[k]),
            int(j[k]),
            subject_score=float(score[k]),
            cosine=float(cosine[k]),
            kind=kind.value,
            rules=rules,
            rule_linked=bool(same[k] or near[k]),
            sides=sides,
        )
        features.store(k, values)
    probability[:] = match_probabilities(features, weights)
    return _Scored(i, j, score, cosine, same, outcome, severity, rel, probability, features)


def _consensus_pairs(
    table: ClaimTable, scored: _Scored, finding: np.ndarray, sources: Sequence[object]
) -> tuple[dict[int, int], dict[int, list[int]], list[tuple[int, int]]]:
    """(row -> value cluster, cluster -> rows, reported (outlier cluster, other cluster) pairs).

    Statements linked as one quantity (agreeing pairs the rules link, disagreeing pairs scored as findings)
    form groups; inside a group, agreeing statements form value clusters. The best-supported cluster is the
    consensus; every other cluster is one disagreement, reported against the consensus when a finding pair
    joins them, else against the best-supported cluster it is joined to.
    """
    claims = table.claims
    agree = (scored.outcome == Outcome.AGREE) & scored.same
    linked = agree | finding
    i, j = scored.i[linked], scored.j[linked]
    # two statements read as two values never share a value cluster, whatever chain of agreements links them
    # (only pairs of linked statements can: the others are in no cluster)
    in_linked = np.zeros(len(claims), dtype=bool)
    in_linked[i] = True
    in_linked[j] = True
    apart = (scored.outcome != Outcome.AGREE) & (scored.outcome != Outcome.SKIP)
    apart &= in_linked[scored.i] & in_linked[scored.j]
    del in_linked
    cluster = value_clusters(
        i,
        j,
        agree[linked],
        _ValueLabels(claims),
        apart=(scored.i[apart], scored.j[apart]),
        precision=(table.precision, table.point),
    )
    members: dict[int, list[int]] = {}
    for row, root in cluster.items():
        members.setdefault(root, []).append(row)
    support = {c: support_of(claims, rows, sources) for c, rows in members.items()}

    def rank(c: int) -> tuple[int, int, str]:  # best supported first; the lowest claim id breaks ties
        return (-support[c].sources, -support[c].statements, min(claims[r].claim_id for r in members[c]))

    joined: dict[int, set[int]] = {}
    for a, b in zip(scored.i[finding].tolist(), scored.j[finding].tolist(), strict=True):
        ca, cb = cluster[a], cluster[b]
        if ca != cb:
            joined.setdefault(ca, set()).add(cb)
            joined.setdefault(cb, set()).add(ca)
    groups = quantity_groups(i, j)
    reported: list[tuple[int, int]] = []
    seen: set[int] = set()
    for row in sorted(groups):
        group_clusters = sorted({cluster[r] for r in groups[row]}, key=rank)
        if group_clusters[0] in seen:
            continue
        seen.update(group_clusters)
        consensus = group_clusters[0]
        done: set[frozenset[int]] = set()
        for c in group_clusters[1:]:
            partners = joined.get(c, set())
            if not partners:
                continue
            other = consensus if consensus in partners else min(partners, key=rank)
            key = frozenset({c, other})
            if key not in done:
                done.add(key)
                reported.append((c, other))
    return cluster, members, reported


HELD_NOTE = (
    "Possible only: one figure is given as a forecast, an expectation or a poll's estimate and the other "
    "does not say which version it is."
)


def _conflict(
    table: ClaimTable,
    scored: _Scored,
    k: int,
    side_a: list[int],
    side_b: list[int],
    sources: Sequence[object],
    tier: str,
    *,
    held: bool = False,
) -> Conflict:
    """The finding of scored pair k, side A the outlier (`side_a` its value's statements), B the other;
    `held`: a pair over the threshold kept as a possible finding because one side is a forecast and the
    other names no version."""
    claims = table.claims
    a, b = int(scored.i[k]), int(scored.j[k])
    if a not in side_a:
        a, b = b, a
    support_a = support_of(claims, side_a, sources)
    support_b = support_of(claims, side_b, sources)
    tied = (support_a.sources, support_a.statements) == (support_b.sources, support_b.statements)
    if tied and _ordered(claims, a, b)[0] != a:
        a, b, side_a, side_b, support_a, support_b = b, a, side_b, side_a, support_b, support_a
    ca, cb = claims[a], claims[b]
    kind = KIND_OF[Outcome(int(scored.outcome[k]))]
    cross = table.unit[a] != table.unit[b]
    many = support_a.statements + support_b.statements > 2
    support_text = (
        f"{support_b.phrase(value_label(cb))}; {support_a.phrase(value_label(ca))}." if many else ""
    )
    ids_a = sorted(claims[m].claim_id for m in side_a)
    ids_b = sorted(claims[m].claim_id for m in side_b)
    explanation = explain_pair(
        kind.value,
        ca,
        cb,
        rel=float(scored.rel[k]),
        cross_currency=cross,
        usd_a=float(table.usd_point[a]),
        usd_b=float(table.usd_point[b]),
        factor=factor_word(_compared(table, a, cross) / _compared(table, b, cross))
        if kind is ConflictKind.MAGNITUDE_MISMATCH
        else "",
    )
    if support_text:
        explanation = f"{explanation} {support_text[0].upper()}{support_text[1:]}"
    if held:
        explanation = f"{explanation} {HELD_NOTE}"
    probability = float(scored.probability[k])
    features = scored.features[k] or {}
    return Conflict(
        conflict_id=make_conflict_id(ids_a[0], ids_b[0]),
        kind=kind,
        severity=SEVERITY_OF.get(int(scored.severity[k]), Severity.MEDIUM),
        claim_a=ca.claim_id,
        claim_b=cb.claim_id,
        topic=topic_of(ca, cb),
        period=pair_period(ca, cb),
        relative_difference=min(1.0, float(scored.rel[k])),
        explanation=explanation,
        scope=scope_of(ca, cb),
        score=round(probability * min(ca.confidence, cb.confidence), 6),
        consensus_value=None if tied else cb.value,
        support=support_text,
        tier=tier,
        match_probability=round(probability, 4),
        members_a=tuple(ids_a),
        members_b=tuple(ids_b),
        pair_ids=tuple(sorted(make_conflict_id(x, y) for x in ids_a[:20] for y in ids_b[:20])),
        sources_a=support_a.sources,
        sources_b=support_b.sources,
        details={
            "features": {name: round(value, 4) for name, value in features.items()},
            "subject_score": float(scored.score[k]),
            "topic_similarity": round(float(scored.cosine[k]), 3),
            "cross_currency": bool(cross),
        },
    )


def _pair_conflicts(
    table: ClaimTable,
    rules: MatchRules,
    focus: np.ndarray | None,
    exclude: np.ndarray | None = None,
    *,
    calibration: Calibration = DEFAULT,
) -> list[Conflict]:
    claims = table.claims
    scored = score_pairs(table, rules, focus, exclude, weights=calibration.weights)
    p = np.nan_to_num(scored.probability, nan=-1.0)
    claim_id = claim_id_of(claims)
    distinct = np.fromiter(
        (claim_id(a) != claim_id(b) for a, b in zip(scored.i.tolist(), scored.j.tolist(), strict=True)),
        dtype=bool,
        count=len(scored.i),
    )  # the same claim passed twice is not a disagreement
    # a forecast or a poll's share against a figure that names no version: shown, never a finding
    # (`estimate_unmatched`); read for the pairs over the threshold only (the others are possible anyway)
    over = distinct & (p >= calibration.threshold)
    held = np.zeros(len(p), dtype=bool)
    held[over] = estimate_unmatched(table, scored.i[over], scored.j[over])
    finding = over & ~held
    possible = distinct & (p >= calibration.floor) & ~finding
    sources = _source_keys(table)
    cluster, members, reported = _consensus_pairs(table, scored, finding, sources)

    def strongest(ks: list[int]) -> int:  # severity, then probability; claim ids break ties
        return min(
            ks,
            key=lambda k: (
                SEVERITY_OF.get(int(scored.severity[k]), Severity.MEDIUM).rank,
                -float(p[k]),
                *sorted((claims[int(scored.i[k])].claim_id, claims[int(scored.j[k])].claim_id)),
            ),
        )

    between: dict[frozenset[int], list[int]] = {}
    for k in np.flatnonzero(finding).tolist():
        between.setdefault(frozenset({cluster[int(scored.i[k])], cluster[int(scored.j[k])]}), []).append(k)
    found: list[Conflict] = []
    for outlier, other in reported:
        k = strongest(between[frozenset({outlier, other})])
        found.append(_conflict(table, scored, k, members[outlier], members[other], sources, "finding"))
    # below the threshold: one possible finding per pair of values not already grouped as one quantity
    linked_group = _group_roots(scored, finding, cluster)
    best_possible: dict[frozenset[tuple[str, int]], int] = {}
    for k in np.flatnonzero(possible).tolist():
        a, b = int(scored.i[k]), int(scored.j[k])
        if a in linked_group and b in linked_group and linked_group[a] == linked_group[b]:
            continue  # one quantity already: its disagreements are findings
        key = frozenset((_value_key(cluster, a), _value_key(cluster, b)))
        if key not in best_possible or strongest([k, best_possible[key]]) == k:
            best_possible[key] = k
    for k in best_possible.values():
        a, b = int(scored.i[k]), int(scored.j[k])
        side_a = members[cluster[a]] if a in cluster else [a]
        side_b = members[cluster[b]] if b in cluster else [b]
        found.append(_conflict(table, scored, k, side_a, side_b, sources, "possible", held=bool(held[k])))
    return found


def _value_key(cluster: dict[int, int], row: int) -> tuple[str, int]:
    """The value cluster of a row, or the row alone when no linked pair holds it."""
    return ("cluster", cluster[row]) if row in cluster else ("row", row)


def _group_roots(scored: _Scored, finding: np.ndarray, cluster: dict[int, int]) -> dict[int, int]:
    """Row -> its quantity group (rows linked by agreeing rule links or finding pairs)."""
    linked = ((scored.outcome == Outcome.AGREE) & scored.same) | finding
    groups = quantity_groups(scored.i[linked], scored.j[linked])
    return {row: min(rows) for row, rows in groups.items()}


DocumentKey = tuple[tuple[Claim, ...], MatchRules]
"""A document's claims that have a sentence, in their order, and the rules its checks read."""


@dataclasses.dataclass(slots=True)
class ReconcileCache:
    """What a process that reconciles a store again and again (`claims serve --warm`) keeps from one call
    of `find_conflicts` to the next: each claim's normalised row (`normalize.RowCache`), and each
    document's own checks (its arithmetic findings and the rows it lists as parts of a total). Those
    checks read one document's lines alone (`arithmetic.layout.documents`), so a document whose claims
    are the same keeps its results. Only the latest call's entries are kept; nothing is written to disk.
    """

    rows: RowCache = dataclasses.field(default_factory=RowCache)
    documents: dict[DocumentKey, tuple[list[Conflict], frozenset[int]]] = dataclasses.field(
        default_factory=dict
    )
    checked: int = 0  # documents checked again by the latest call (the others' results were kept)


def _document_checks(
    claims: Sequence[Claim], rules: MatchRules, cache: ReconcileCache
) -> tuple[list[Conflict], set[int]]:
    """`find_arithmetic_conflicts` and `listed_parts` over every claim, one document at a time, each
    document's results kept in `cache`: the same findings in the same order, the same rows."""
    by_doc: dict[str, list[int]] = {}
    for row, claim in enumerate(claims):
        if claim.sentence:  # what `arithmetic.layout.documents` reads, in its order
            by_doc.setdefault(claim.doc, []).append(row)
    found: list[Conflict] = []
    parts: set[int] = set()
    kept: dict[DocumentKey, tuple[list[Conflict], frozenset[int]]] = {}
    checked = 0
    for rows in by_doc.values():
        own = [claims[r] for r in rows]
        key = (tuple(own), rules)
        result = cache.documents.get(key) or kept.get(key)
        if result is None:
            result = (find_arithmetic_conflicts(own, rules), frozenset(listed_parts(own)))
            checked += 1
        kept[key] = result
        found += result[0]
        parts.update(rows[k] for k in result[1])
    cache.documents, cache.checked = kept, checked
    return found, parts


def find_conflicts(
    claims: Sequence[Claim],
    settings: Settings,
    *,
    focus: Collection[str] | None = None,
    calibration: Calibration | None = None,
    cache: ReconcileCache | None = None,
) -> list[Conflict]:
    """Every finding among `claims`, ranked: findings before possible findings, then severity (high, medium,
    low), score and id.

    `calibration` (weights, threshold, floor of the match score) defaults to the shipped one
    (`calibration.DEFAULT`), its threshold taken from `settings.finding_threshold` when that is set.

    With `focus` (claim ids, e.g. those of new or changed documents) only findings involving at least one
    focus claim are produced; arithmetic and conversion findings only for sentences holding a focus claim.
    `cache` keeps each claim's normalised row and each document's own checks for the next call (a process
    that reconciles a growing store again and again redoes them only for new or changed claims and
    documents; see `ReconcileCache`): the findings are the same with it as without it.
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
    table = build_table(claims, rules, fx, rows=cache.rows if cache is not None else None)
    release_free_heap()  # what building the table freed, before the pairs are scored
    # one document's own checks (arithmetic, listed parts), kept per document when no focus narrows them
    arithmetic, listed = (
        _document_checks(claims, rules, cache)
        if cache is not None and focus_rows is None
        else (None, listed_parts(claims))
    )
    # parts of a stated total ("8 frigates (four in Japan and four in Indonesia)") measure shares of it
    parts = np.zeros(len(claims), dtype=bool)
    parts[list(listed)] = True
    if focus_mask is not None:
        # a finding stands for a whole group of statements: recompute the groups the focus claims join
        focus_mask = focus_mask | _linked_rows(table, rules, focus_mask, parts)
    if calibration is None:
        threshold = getattr(settings, "finding_threshold", None)
        calibration = (
            DEFAULT if threshold is None else dataclasses.replace(DEFAULT, threshold=float(threshold))
        )
    found = _pair_conflicts(table, rules, focus_mask, parts, calibration=calibration)
    del table  # the checks below read the claims alone: the table's columns are freed before them
    release_free_heap()
    if focus_rows is not None:
        focus_ids = {claims[r].claim_id for r in focus_rows}
        found = [c for c in found if focus_ids & {*c.members_a, *c.members_b}]
    found += find_conversion_conflicts(claims, fx, rules, focus_rows)
    found += arithmetic if arithmetic is not None else find_arithmetic_conflicts(claims, rules, focus_rows)
    unique: dict[str, Conflict] = {}
    for conflict in found:
        kept = unique.get(conflict.conflict_id)
        if kept is None or (tier_of(conflict) != "finding", conflict.severity.rank, -conflict.score) < (
            tier_of(kept) != "finding",
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


__all__ = ["ReconcileCache", "find_conflicts", "tier_of", "topic_of"]
