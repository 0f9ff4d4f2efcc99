"""Candidate pairs without comparing all pairs: block on dimension and rare topic words, then fuzzy-match.

Each claim is put in the blocks `(dimension family, token)` of its `block_tokens` rarest subject tokens and
its `block_tokens` rarest topic tokens (the words around its number); rarity is measured over the claim set
itself, so "japan" or "asean", present everywhere, rarely decide a block, while "osa" or "trust" do. Two
statements of the same quantity share their distinctive words, so they meet in at least one block. Within a
block, subjects and topics are scored with rapidfuzz's `token_set_ratio` (one `process.cdist` call per block)
and only pairs with a subject score of at least `subject_match_threshold`, or a topic score of at least
`topic_prefilter`, go on to matching. Blocks larger than `max_block_size` are split by period, which keeps the
work close to linear in the number of claims; claims without a period inside such a block are then only paired
among themselves (counted in the log).
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
"""Blocks with at least this many members are scored with `cdist`; smaller ones pair by pair."""


def blockable(table: ClaimTable, i: int) -> bool:
    """Claims that can take part in value comparisons (a value, a known unit, some topic words)."""
    if np.isnan(table.point[i]) or not table.topic[i]:
        return False
    return not (table.family[i] == "money" and table.unit[i] == UNKNOWN_CURRENCY)


def block_keys(table: ClaimTable, rules: MatchRules) -> dict[tuple[str, str], list[int]]:
    """(family, token) -> row indices, each row under its `block_tokens` rarest shared tokens."""
    rows = [i for i in range(len(table)) if blockable(table, i)]
    df: Counter[tuple[str, str]] = Counter()
    for i in rows:
        fam = table.family[i]
        df.update((fam, t) for t in table.topic[i])
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in rows:
        fam = table.family[i]
        # tokens no other claim has cannot pair anything: rank the shared ones by rarity, the subject's own
        # words apart (a subject's head noun, "trade", is often commoner than the words around the number)
        chosen: set[str] = set()
        for pool in (table.tokens[i], table.topic[i]):
            shared = sorted((t for t in pool if df[(fam, t)] > 1 and t not in chosen),
                            key=lambda t: (df[(fam, t)], t))
            chosen.update(shared[: rules.block_tokens])
        for token in chosen:
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


def _subject_floor(rules: MatchRules) -> float:
    return min(rules.subject_match_threshold, rules.magnitude_subject_threshold)


def _score_block(
    table: ClaimTable, members: list[int], rules: MatchRules
) -> tuple[list[int], list[int], list[float]]:
    """Pairs of members worth matching, with their subject score."""
    subjects = [table.subject[i] for i in members]
    topics = [table.topic_text[i] for i in members]
    m = len(members)
    if m >= CDIST_MIN:
        subject_scores = process.cdist(subjects, subjects, scorer=fuzz.token_set_ratio, dtype=np.uint8,
                                       workers=1)
        topic_scores = process.cdist(topics, topics, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1)
        keep = (subject_scores >= _subject_floor(rules)) | (topic_scores >= rules.topic_prefilter)
        rows, cols = np.nonzero(np.triu(keep, k=1))
        ia = [members[r] for r in rows.tolist()]
        ja = [members[c] for c in cols.tolist()]
        sc = subject_scores[rows, cols].astype(float).tolist()
        return ia, ja, sc
    ia, ja, sc = [], [], []
    for r in range(m):
        for c in range(r + 1, m):
            s = fuzz.token_set_ratio(subjects[r], subjects[c]) if subjects[r] and subjects[c] else 0.0
            if s >= _subject_floor(rules) or fuzz.token_set_ratio(
                topics[r], topics[c], score_cutoff=rules.topic_prefilter
            ):
                ia.append(members[r])
                ja.append(members[c])
                sc.append(s)
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
            ia, ja, sc = _score_block(table, part, rules)
            all_i.extend(ia)
            all_j.extend(ja)
            all_s.extend(sc)
    if not all_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    i_arr = np.asarray(all_i, dtype=np.int64)
    j_arr = np.asarray(all_j, dtype=np.int64)
    lo, hi = np.minimum(i_arr, j_arr), np.maximum(i_arr, j_arr)
    s_arr = np.asarray(all_s, dtype=np.float64)
    keys, first = np.unique(lo * len(table) + hi, return_index=True)
    i_arr, j_arr, s_arr = lo[first], hi[first], s_arr[first]
    if focus is not None:
        keep = focus[i_arr] | focus[j_arr]
        i_arr, j_arr, s_arr = i_arr[keep], j_arr[keep], s_arr[keep]
    logger.info("blocking: %d blocks, largest %d, %d candidate pairs", len(blocks), largest, len(i_arr))
    return i_arr, j_arr, s_arr
