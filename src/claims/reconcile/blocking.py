"""Candidate pairs without comparing all pairs: block on dimension and rare subject tokens, then fuzzy-match.

Each claim is put in the blocks `(dimension family, token)` of its `block_tokens` rarest subject tokens
(rarity measured over the claim set itself, so "japan" or "asean", present everywhere, rarely decide a
block, while "osa" or "trust" do). Two statements of the same quantity share their distinctive words, so they
meet in at least one block. Within a block, subjects are scored with rapidfuzz's `token_set_ratio`
(vectorised with `process.cdist` over the block's distinct subjects) and pairs under
`subject_match_threshold` are dropped. Blocks larger than `max_block_size` are split by period, which keeps
the work close to linear in the number of claims; claims without a period inside such a block are then only
paired among themselves (counted in the log).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from claims.types import UNKNOWN_CURRENCY

from .normalize import ClaimTable
from .rules import MatchRules

logger = logging.getLogger(__name__)

CDIST_MIN = 12
"""Blocks with at least this many distinct subjects are scored with one `cdist` call."""


def blockable(table: ClaimTable, i: int) -> bool:
    """Claims that can take part in value comparisons (a value, a known unit, a subject)."""
    if np.isnan(table.point[i]) or not table.tokens[i]:
        return False
    return not (table.family[i] == "money" and table.unit[i] == UNKNOWN_CURRENCY)


def block_keys(table: ClaimTable, rules: MatchRules) -> dict[tuple[str, str], list[int]]:
    """(family, token) -> row indices, each row under its `block_tokens` rarest tokens."""
    rows = [i for i in range(len(table)) if blockable(table, i)]
    df: Counter[tuple[str, str]] = Counter()
    for i in rows:
        fam = table.family[i]
        df.update((fam, t) for t in table.tokens[i])
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in rows:
        fam = table.family[i]
        # tokens no other claim has cannot pair anything: rank the shared ones by rarity
        shared = [t for t in table.tokens[i] if df[(fam, t)] > 1]
        ranked = sorted(shared, key=lambda t: (df[(fam, t)], t))
        for token in ranked[: rules.block_tokens]:
            blocks[(fam, token)].append(i)
    return blocks


def _split_oversized(table: ClaimTable, members: list[int], limit: int) -> list[list[int]]:
    if len(members) <= limit:
        return [members]
    by_period: dict[int, list[int]] = defaultdict(list)
    for i in members:
        by_period[int(table.period_start[i])].append(i)
    undated = len(by_period.get(-1, []))
    if undated:
        logger.info(
            "block of %d split by period; %d undated claims paired among themselves", len(members), undated
        )
    parts: list[list[int]] = []
    for group in by_period.values():
        # a single period can still be huge: cut it into consecutive chunks (sorted by subject)
        if len(group) > limit:
            group = sorted(group, key=lambda i: table.subject[i])
            parts.extend(group[k : k + limit] for k in range(0, len(group), limit))
        else:
            parts.append(group)
    return parts


def _score_block(
    table: ClaimTable, members: list[int], threshold: float
) -> tuple[list[int], list[int], list[float]]:
    """Pairs of members whose subjects score at least `threshold`."""
    by_subject: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_subject[table.subject[i]].append(i)
    subjects = list(by_subject)
    ia: list[int] = []
    ja: list[int] = []
    sc: list[float] = []

    def emit(group_a: list[int], group_b: list[int], score: float, same: bool) -> None:
        for x_pos, x in enumerate(group_a):
            for y in group_a[x_pos + 1 :] if same else group_b:
                ia.append(min(x, y))
                ja.append(max(x, y))
                sc.append(score)

    for group in by_subject.values():
        if len(group) > 1:
            emit(group, group, 100.0, same=True)
    m = len(subjects)
    if m < 2:
        return ia, ja, sc
    if m >= CDIST_MIN:
        matrix = process.cdist(
            subjects, subjects, scorer=fuzz.token_set_ratio, score_cutoff=threshold, dtype=np.uint8, workers=1
        )
        rows, cols = np.nonzero(np.triu(matrix >= threshold, k=1))
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            emit(by_subject[subjects[r]], by_subject[subjects[c]], float(matrix[r, c]), same=False)
    else:
        for r in range(m):
            for c in range(r + 1, m):
                score = fuzz.token_set_ratio(subjects[r], subjects[c], score_cutoff=threshold)
                if score >= threshold:
                    emit(by_subject[subjects[r]], by_subject[subjects[c]], score, same=False)
    return ia, ja, sc


def candidate_pairs(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique candidate pairs (i < j) and their subject scores, from blocks only.

    With `focus` (a boolean row mask), blocks without a focus row are skipped and only pairs with at least
    one focus row are kept.
    """
    blocks = block_keys(table, rules)
    all_i: list[int] = []
    all_j: list[int] = []
    all_s: list[float] = []
    largest = 0
    for members in blocks.values():
        if len(members) < 2:
            continue
        if focus is not None and not focus[members].any():
            continue
        largest = max(largest, len(members))
        for part in _split_oversized(table, members, rules.max_block_size):
            if len(part) < 2:
                continue
            ia, ja, sc = _score_block(table, part, rules.subject_match_threshold)
            all_i.extend(ia)
            all_j.extend(ja)
            all_s.extend(sc)
    if not all_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    i_arr = np.asarray(all_i, dtype=np.int64)
    j_arr = np.asarray(all_j, dtype=np.int64)
    s_arr = np.asarray(all_s, dtype=np.float64)
    keys = i_arr * len(table) + j_arr
    keys, first = np.unique(keys, return_index=True)
    i_arr, j_arr, s_arr = i_arr[first], j_arr[first], s_arr[first]
    if focus is not None:
        keep = focus[i_arr] | focus[j_arr]
        i_arr, j_arr, s_arr = i_arr[keep], j_arr[keep], s_arr[keep]
    logger.info("blocking: %d blocks, largest %d, %d candidate pairs", len(blocks), largest, len(i_arr))
    return i_arr, j_arr, s_arr
