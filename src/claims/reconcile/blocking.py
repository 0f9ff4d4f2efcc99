"""Candidate pairs without comparing all pairs: block on dimension and rare topic words, then fuzzy-match.

Each claim is put in the blocks `(dimension family, token)` of its `block_tokens` rarest subject tokens and
its `block_tokens` rarest topic tokens (the words around its number). Rarity is measured over the claim set
itself; words shared by more than `max_block_size` claims ("japan", "budget" in a large corpus) are too common
to block on alone, and a claim with nothing rarer is blocked on its commonest words narrowed to the places it
names and its first year. Two statements of the same quantity share their distinctive words, so they meet in
at least one block. Within a block, subjects and topics are scored with rapidfuzz's `token_set_ratio` (one
`process.cdist` call per block) and only pairs with a subject score of at least `subject_match_threshold`, or
a topic score of at least `topic_prefilter`, go on to matching. Block sizes stay bounded, so the work grows
close to linearly with the number of claims.

Claims of one document that cite the same reference entry in the same unit also meet (`citation_blocks`),
whatever their words: two figures drawn from one source may be worded differently ("connectivity
infrastructure projects", "an infrastructure pipeline"); `match` decides whether they are one figure.

Words are not enough: a statement's subject may be empty or wrong ("Rs 6.1 lakh crore" with nothing read,
"seats" for both sides of an election), and two statements of one quantity need not share a rare word. So
claims also meet by value (`value_pairs`): within one dimension (one currency or, converted to US dollars,
any convertible one; one measure base unit; percentages; counts) claims are sorted by the logarithm of their
value, and each is paired with its neighbours within a factor of `VALUE_FACTOR` and with those a power of
ten away (`SLIP_POWERS`: a slipped scale word or decimal point), when the two are in different sentences,
their periods are compatible (equal, overlapping, or one undated) and, for counts, their counted nouns do
not differ. The work stays near-linear: at most `VALUE_SCAN` neighbours are looked at on each side of a
claim and each claim keeps its `VALUE_NEIGHBOURS` best ones (other documents first, then shared context
words, then the nearest values); a pair is kept when either side keeps it. A corpus of a million claims thus
yields at most a few tens of millions of value pairs, however many claims share a dimension.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections import Counter, defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from claims.types import UNKNOWN_CURRENCY

from .match import counted_compatible
from .normalize import ClaimTable
from .rules import MatchRules

logger = logging.getLogger(__name__)

SMALL_BLOCK = 8
"""Blocks of at most this many members (claims sharing a rare word) keep all their pairs, whatever their
subject scores: a thin or missing subject ("Rs 6.1 lakh crore" with no subject read) is still compared."""

CDIST_MIN = 12
"""Blocks with at least this many members are scored with `cdist`; smaller ones pair by pair."""

FALLBACK_TOKENS = 2
FALLBACK_CHUNK = 50
"""A claim with only common words is blocked on its two rarest, narrowed to its places and year; such blocks
grow with the corpus, so they are cut into chunks of 50 claims of neighbouring subjects (constant work per
claim)."""


def blockable(table: ClaimTable, i: int) -> bool:
    """Claims that can take part in value comparisons (a value, a known unit, some topic words)."""
    if np.isnan(table.point[i]) or not table.topic[i]:
        return False
    return not (table.family[i] == "money" and table.unit[i] == UNKNOWN_CURRENCY)


def block_keys(
    table: ClaimTable, rules: MatchRules, exclude: np.ndarray | None = None
) -> dict[tuple[str, str, str], list[int]]:
    """(family, token, narrowing) -> row indices.

    Each row goes under its `block_tokens` rarest subject tokens and `block_tokens` rarest topic tokens among
    those shared with another row and not shared by more than `max_block_size` rows. A row whose tokens are
    all that common is blocked on its rarest tokens narrowed to its places and first year instead (it then
    meets only rows naming the same places, dated the same year or, if undated, undated).
    """
    rows = [i for i in range(len(table)) if blockable(table, i) and (exclude is None or not exclude[i])]
    df: Counter[tuple[str, str]] = Counter()
    for i in rows:
        fam = table.family[i]
        df.update((fam, t) for t in table.topic[i])
        df.update((fam, t) for t in table.tokens[i] - table.topic[i])
    cap = rules.max_block_size
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i in rows:
        fam = table.family[i]
        chosen: set[str] = set()
        for pool in (table.tokens[i], table.topic[i]):
            usable = (t for t in pool if 1 < df[(fam, t)] <= cap and t not in chosen)
            shared = sorted(usable, key=lambda t: (df[(fam, t)], t))
            chosen.update(shared[: rules.block_tokens])
        if chosen:
            for token in chosen:
                blocks[(fam, token, "")].append(i)
            continue
        common = sorted(
            (t for t in table.tokens[i] | table.topic[i] if df[(fam, t)] > 1), key=lambda t: (df[(fam, t)], t)
        )
        # the year and the places named narrow a common word down to one party's figures for one period
        narrowed = f"{table.places_id[i]}:{table.period_start[i]}"
        for token in common[:FALLBACK_TOKENS]:
            blocks[(fam, token, narrowed)].append(i)
    return blocks


def citation_blocks(
    table: ClaimTable, exclude: np.ndarray | None = None
) -> dict[tuple[str, int, str, str], list[int]]:
    """(family, document, unit, reference key) -> rows of that document citing that entry in that unit."""
    blocks: dict[tuple[str, int, str, str], list[int]] = defaultdict(list)
    for i in range(len(table)):
        keys = table.interned[table.cites_id[i]]
        if not keys or not blockable(table, i) or (exclude is not None and exclude[i]):
            continue
        for key in keys:  # type: ignore[attr-defined]
            blocks[(table.family[i], int(table.doc_id[i]), table.unit[i], key)].append(i)
    return blocks


VALUE_FACTOR = 2.0
"""Claims of one dimension whose values are within this factor of each other meet (value blocking)."""
SLIP_POWERS = (1, 2, 3, 6, 9)
"""Powers of ten a misplaced decimal point or scale word moves a value by (value blocking)."""
SLIP_TOLERANCE = math.log10(1.05)
"""How far (in log10) from an exact power of ten a slipped value may sit (its rounding)."""
VALUE_SCAN = 64
"""Neighbours looked at on each side of a claim in the sorted values (bounds the work per claim)."""
VALUE_NEIGHBOURS = 16
"""Value neighbours each claim keeps (other documents first, then shared words, then nearer values)."""


def _value_key(table: ClaimTable, i: int) -> tuple[str, float] | None:
    """(dimension, log10 |value|) a claim is sorted under for value blocking; None without a usable value.

    Money goes under US dollars when it converts (any two convertible currencies meet), else under its own
    currency; the sign is part of the dimension (a fall and a rise do not meet by value).
    """
    family = table.family[i]
    value = float(table.point[i])
    if family == "money":
        usd = float(table.usd_point[i])
        dimension, value = ("money:USD", usd) if not math.isnan(usd) else (f"money:{table.unit[i]}", value)
    else:
        dimension = family
    if math.isnan(value) or value == 0 or math.isinf(value):
        return None
    return (f"{dimension}:{'-' if value < 0 else '+'}", math.log10(abs(value)))


def _periods_compatible(table: ClaimTable, a: int, b: int, rules: MatchRules) -> bool:
    """Equal or overlapping year spans (see `match.period_compatible`), or a side undated."""
    sa, ea, sb, eb = (
        int(table.period_start[a]),
        int(table.period_end[a]),
        int(table.period_start[b]),
        int(table.period_end[b]),
    )
    if sa < 0 or sb < 0:
        return True
    inter = min(ea, eb) - max(sa, sb) + 1
    union = max(ea, eb) - min(sa, sb) + 1
    return inter > 0 and inter / max(union, 1) >= rules.period_overlap_min


def _counted_compatible(
    table: ClaimTable, a: int, b: int, rules: MatchRules, seen: dict[tuple[int, int], bool]
) -> bool:
    ka, kb = int(table.counted_id[a]), int(table.counted_id[b])
    if ka == kb:
        return True
    key = (min(ka, kb), max(ka, kb))
    if key not in seen:
        ta, tb = str(table.interned[ka] or ""), str(table.interned[kb] or "")
        seen[key] = counted_compatible(ta, tb, rules.subject_match_threshold)
    return seen[key]


def value_pairs(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None = None, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of claims of one dimension close in value or a power of ten apart (see the module
    docstring), at most `VALUE_NEIGHBOURS` kept per claim."""
    by_dimension: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i in range(len(table)):
        if exclude is not None and exclude[i]:
            continue
        if table.family[i] == "money" and table.unit[i] == UNKNOWN_CURRENCY:
            continue
        key = _value_key(table, i)  # no words needed: a figure whose subject was not read still meets
        if key is not None:
            by_dimension[key[0]].append((key[1], i))
    window = math.log10(VALUE_FACTOR)
    counted_seen: dict[tuple[int, int], bool] = {}
    chosen: dict[int, list[tuple[tuple[float, float, float], int]]] = defaultdict(list)
    capped = 0

    def offer(a: int, b: int, distance: float) -> None:
        if table.sentence_key[a] == table.sentence_key[b]:
            return
        if focus is not None and not (focus[a] or focus[b]):
            return
        if not _periods_compatible(table, a, b, rules) or not _counted_compatible(
            table, a, b, rules, counted_seen
        ):
            return
        shared = len(table.topic[a] & table.topic[b])
        rank = (float(table.doc_id[a] == table.doc_id[b]), -float(shared), distance)  # smaller is better
        chosen[a].append((rank, b))
        chosen[b].append((rank, a))

    for entries in by_dimension.values():
        if len(entries) < 2:
            continue
        entries.sort()
        logs = [x for x, _ in entries]
        rows = [r for _, r in entries]
        for p in range(len(entries)):
            for q in range(p + 1, min(len(entries), p + 1 + VALUE_SCAN)):
                if logs[q] - logs[p] > window:
                    break
                offer(rows[p], rows[q], logs[q] - logs[p])
            for power in SLIP_POWERS:
                target = logs[p] + power
                lo = bisect.bisect_left(logs, target - SLIP_TOLERANCE)
                hi = min(bisect.bisect_right(logs, target + SLIP_TOLERANCE), lo + VALUE_SCAN)
                for q in range(lo, hi):
                    offer(rows[p], rows[q], abs(logs[q] - target) + power)
    kept: set[tuple[int, int]] = set()
    for a, offers in chosen.items():
        if len(offers) > VALUE_NEIGHBOURS:
            capped += 1
            offers = sorted(offers)[:VALUE_NEIGHBOURS]
        kept.update((min(a, b), max(a, b)) for _, b in offers)
    logger.info("value blocking: %d pairs (%d claims had more neighbours than kept)", len(kept), capped)
    if not kept:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    pairs = np.array(sorted(kept), dtype=np.int64)
    return pairs[:, 0], pairs[:, 1]


def _all_pairs(table: ClaimTable, members: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of a (small) block, with subject scores."""
    rows, cols = np.triu_indices(len(members), k=1)
    ia = np.asarray(members, dtype=np.int64)[rows]
    ja = np.asarray(members, dtype=np.int64)[cols]
    scores = np.fromiter(
        (
            fuzz.token_set_ratio(table.subject[a], table.subject[b])
            if table.subject[a] and table.subject[b]
            else 0.0
            for a, b in zip(ia.tolist(), ja.tolist(), strict=True)
        ),
        dtype=np.float64,
        count=len(ia),
    )
    return ia, ja, scores


def _chunks(table: ClaimTable, members: list[int], limit: int) -> list[list[int]]:
    """A block still over `limit` (a common word in one year) is cut into chunks of similar subjects."""
    if len(members) <= limit:
        return [members]
    logger.debug(
        "block of %d claims cut into chunks of %d (pairs across chunks are not compared)", len(members), limit
    )
    ordered = sorted(members, key=lambda i: table.subject[i])
    return [ordered[k : k + limit] for k in range(0, len(ordered), limit)]


def _subject_floor(rules: MatchRules) -> float:
    return min(rules.subject_match_threshold, rules.magnitude_subject_threshold)


def _score_block(
    table: ClaimTable, members: list[int], rules: MatchRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of members worth matching (row arrays), with their subject scores."""
    subjects = [table.subject[i] for i in members]
    topics = [table.topic_text[i] for i in members]
    rows_of = np.asarray(members, dtype=np.int64)
    m = len(members)
    if m >= CDIST_MIN:
        subject_scores = process.cdist(
            subjects, subjects, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1
        )
        topic_scores = process.cdist(topics, topics, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1)
        keep = (subject_scores >= _subject_floor(rules)) | (topic_scores >= rules.topic_prefilter)
        rows, cols = np.nonzero(np.triu(keep, k=1))
        return rows_of[rows], rows_of[cols], subject_scores[rows, cols]
    ia, ja, sc = [], [], []
    for r in range(m):
        for c in range(r + 1, m):
            score = fuzz.token_set_ratio(subjects[r], subjects[c]) if subjects[r] and subjects[c] else 0.0
            # a small block shares a rare word: every pair of it goes on to matching and the match score
            if (
                m <= SMALL_BLOCK
                or score >= _subject_floor(rules)
                or fuzz.token_set_ratio(topics[r], topics[c], score_cutoff=rules.topic_prefilter)
            ):
                ia.append(r)
                ja.append(c)
                sc.append(int(score))
    return rows_of[ia], rows_of[ja], np.asarray(sc, dtype=np.uint8)


def candidate_pairs(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None = None, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique candidate pairs (i < j) and their subject scores, from word, citation and value blocks.

    With `focus` (a boolean row mask), blocks without a focus row are skipped and only pairs with at least
    one focus row are kept. Rows in `exclude` (a boolean mask) take no part.
    """
    blocks = block_keys(table, rules, exclude)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    largest = 0
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if focus is not None and not focus[members].any():
            continue
        largest = max(largest, len(members))
        limit = FALLBACK_CHUNK if key[2] else rules.max_block_size
        for chunk in _chunks(table, members, limit):
            if len(chunk) >= 2:
                ia, ja, sc = _score_block(table, chunk, rules)
                if focus is not None:
                    wanted = focus[ia] | focus[ja]
                    ia, ja, sc = ia[wanted], ja[wanted], sc[wanted]
                if len(ia):
                    parts.append((ia, ja, sc))
    for members in citation_blocks(table, exclude).values():
        if len(members) < 2 or (focus is not None and not focus[members].any()):
            continue
        for chunk in _chunks(table, sorted(set(members)), FALLBACK_CHUNK):
            ia, ja, sc = _all_pairs(table, chunk)
            if focus is not None:
                wanted = focus[ia] | focus[ja]
                ia, ja, sc = ia[wanted], ja[wanted], sc[wanted]
            if len(ia):
                parts.append((ia, ja, sc.astype(np.uint8)))
    vi, vj = value_pairs(table, rules, focus, exclude)
    if len(vi):
        scores = np.fromiter(
            (
                fuzz.token_set_ratio(table.subject[a], table.subject[b])
                if table.subject[a] and table.subject[b]
                else 0.0
                for a, b in zip(vi.tolist(), vj.tolist(), strict=True)
            ),
            dtype=np.float64,
            count=len(vi),
        )
        parts.append((vi, vj, scores.astype(np.uint8)))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    i_arr = np.concatenate([p[0] for p in parts])
    j_arr = np.concatenate([p[1] for p in parts])
    s_arr = np.concatenate([p[2] for p in parts])
    del parts
    lo, hi = np.minimum(i_arr, j_arr), np.maximum(i_arr, j_arr)
    _, first = np.unique(lo * len(table) + hi, return_index=True)
    i_arr, j_arr, s_arr = lo[first], hi[first], s_arr[first].astype(np.float64)
    logger.info("blocking: %d blocks, largest %d, %d candidate pairs", len(blocks), largest, len(i_arr))
    return i_arr, j_arr, s_arr
