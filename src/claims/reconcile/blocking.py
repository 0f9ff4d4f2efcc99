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

import logging
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from claims.types import UNKNOWN_CURRENCY

from .columns import equal_runs, release_free_heap
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


@dataclass(frozen=True, slots=True)
class WordBlocks:
    """Word blocks as arrays (see `word_blocks`): block k holds the rows `rows[starts[k] : starts[k + 1]]`,
    ascending; `narrowed[k]` tells a block of a common word narrowed to places and a year."""

    rows: np.ndarray
    starts: np.ndarray
    narrowed: np.ndarray

    def __len__(self) -> int:
        return len(self.narrowed)

    def members(self, k: int) -> np.ndarray:
        return self.rows[self.starts[k] : self.starts[k + 1]]


_COUNT = (1 << 32) - 1
"""`word_blocks` holds a word's count in the low 32 bits of its entry, the word's block number above them."""


def word_blocks(table: ClaimTable, rules: MatchRules, exclude: np.ndarray | None = None) -> WordBlocks:
    """The blocks (family, token, narrowing) -> rows, as arrays (no list of rows or key a block).

    Each row goes under its `block_tokens` rarest subject tokens and `block_tokens` rarest topic tokens among
    those shared with another row and not shared by more than `max_block_size` rows. A row whose tokens are
    all that common is blocked on its rarest tokens narrowed to its places and first year instead (it then
    meets only rows naming the same places, dated the same year or, if undated, undated).
    """
    n = len(table)
    usable = np.fromiter(
        (blockable(table, i) and (exclude is None or not exclude[i]) for i in range(n)), dtype=bool, count=n
    )
    family = table.family.codes.tolist()
    # token -> rows naming it, one counter a family: (family, token) tuples would cost a tuple a word
    df: list[Counter[str]] = [Counter() for _ in table.family.values]
    for i, ok in enumerate(usable.tolist()):
        if not ok:
            continue
        counts, topic = df[family[i]], table.topic[i]
        counts.update(topic)
        counts.update(table.tokens[i] - topic)
    block = 0
    for counts in df:  # each word's block number beside its count
        for token, count in counts.items():
            counts[token] = block << 32 | count
            block += 1
    cap = rules.max_block_size
    word_rows, word_keys = array("q"), array("q")  # a row, and its block, per membership
    narrow_rows, narrow_keys = array("q"), array("q")  # the same for narrowed blocks, with their narrowing
    narrow_places, narrow_years = array("q"), array("q")
    for i, ok in enumerate(usable.tolist()):
        if not ok:
            continue
        counts = df[family[i]]
        chosen: set[str] = set()
        for pool in (table.tokens[i], table.topic[i]):
            shared = sorted(
                (t for t in pool if 1 < counts[t] & _COUNT <= cap and t not in chosen),
                key=lambda t: (counts[t] & _COUNT, t),
            )
            chosen.update(shared[: rules.block_tokens])
        for token in chosen:
            word_rows.append(i)
            word_keys.append(counts[token] >> 32)
        if chosen:
            continue
        common = sorted(
            (t for t in table.tokens[i] | table.topic[i] if counts[t] & _COUNT > 1),
            key=lambda t: (counts[t] & _COUNT, t),
        )
        # the year and the places named narrow a common word down to one party's figures for one period
        for token in common[:FALLBACK_TOKENS]:
            narrow_rows.append(i)
            narrow_keys.append(counts[token] >> 32)
            narrow_places.append(int(table.places_id[i]))
            narrow_years.append(int(table.period_start[i]))
    del df
    parts = [
        _grouped(word_rows, word_keys),
        _grouped(narrow_rows, narrow_keys, narrow_places, narrow_years),
    ]
    rows = np.concatenate([p[0] for p in parts]).astype(row_dtype(n))
    sizes = np.concatenate([np.diff(p[1]) for p in parts])
    return WordBlocks(
        rows=rows,
        starts=np.r_[0, np.cumsum(sizes)],
        narrowed=np.repeat([False, True], [len(p[1]) - 1 for p in parts]),
    )


def _grouped(rows: array[int], *keys: array[int]) -> tuple[np.ndarray, np.ndarray]:
    """(rows grouped by equal keys, each group in the order given; the offset of each group and the end).

    >>> _grouped(array("q", [1, 2, 3, 4]), array("q", [7, 5, 7, 5]))
    (array([2, 4, 1, 3]), array([0, 2, 4]))
    """
    order, starts = equal_runs([np.frombuffer(k, dtype=np.int64) for k in keys])
    return np.frombuffer(rows, dtype=np.int64)[order], starts


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


VALUE_MERGE = 1 << 21
"""Pair keys gathered, at least, before they are merged into the distinct ones kept so far (value blocking
holds the distinct pairs plus a quarter more, not every pair as often as it was kept)."""

VALUE_CHUNK = 512
"""Claims of one dimension whose neighbours are ranked together (bounds the memory of value blocking)."""


def _value_dimensions(table: ClaimTable, exclude: np.ndarray | None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per dimension with two or more claims: (log10 |value| ascending, rows), ties in row order."""
    codes: dict[str, int] = {}
    code = np.full(len(table), -1, dtype=np.int32)
    logs = np.zeros(len(table))
    for i in range(len(table)):
        if exclude is not None and exclude[i]:
            continue
        if table.family[i] == "money" and table.unit[i] == UNKNOWN_CURRENCY:
            continue
        key = _value_key(table, i)  # no words needed: a figure whose subject was not read still meets
        if key is not None:
            code[i] = codes.setdefault(key[0], len(codes))
            logs[i] = key[1]
    dimensions = []
    for c in range(len(codes)):
        rows = np.flatnonzero(code == c)
        if len(rows) >= 2:
            order = np.lexsort((rows, logs[rows]))
            dimensions.append((logs[rows][order], rows[order]))
    return dimensions


def _value_offers(
    logs: np.ndarray, sources: np.ndarray, start: int, end: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(p, q, distance) positions in `logs` of the offers made by the positions `sources` (see
    `value_pairs`): the next `VALUE_SCAN` values within `VALUE_FACTOR`, and up to `VALUE_SCAN` values a
    power of ten (`SLIP_POWERS`) above. Of the sources outside [start, end), only the `VALUE_SCAN` before it
    make step offers, and power-of-ten offers only when they reach a position inside."""
    m = len(logs)
    window = math.log10(VALUE_FACTOR)
    ps, qs, ds = [], [], []
    # a step offer reaches [start, end) only from a source at most VALUE_SCAN before it; the others (a power
    # of ten below) make power offers only: their step offers would be held, then dropped by the caller
    stepping = sources[(sources >= start - VALUE_SCAN) & (sources < end)]
    for step in range(1, VALUE_SCAN + 1):
        p = stepping[stepping + step < m]
        if not len(p):
            break
        distance = logs[p + step] - logs[p]
        close = distance <= window  # sorted values: once no source has one this close, none has one further
        if not close.any():
            break
        ps.append(p[close])
        qs.append(p[close] + step)
        ds.append(distance[close])
    for power in SLIP_POWERS:
        target = logs[sources] + power
        lo = np.searchsorted(logs, target - SLIP_TOLERANCE, side="left")
        hi = np.minimum(np.searchsorted(logs, target + SLIP_TOLERANCE, side="right"), lo + VALUE_SCAN)
        outside = (sources < start) | (sources >= end)
        lo, hi = np.where(outside, np.maximum(lo, start), lo), np.where(outside, np.minimum(hi, end), hi)
        count = np.maximum(hi - lo, 0)
        if not count.any():
            continue
        p = np.repeat(sources, count)
        q = np.repeat(lo, count) + (np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count))
        ps.append(p)
        qs.append(q)
        ds.append(np.abs(logs[q] - np.repeat(target, count)) + power)
    if not ps:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(ps), np.concatenate(qs), np.concatenate(ds)


def _offer_sources(logs: np.ndarray, start: int, end: int) -> np.ndarray:
    """Positions whose offers may reach a position in [start, end): the chunk itself, the `VALUE_SCAN`
    positions before it, and those a power of ten below it (a little wider than needed)."""
    ranges = [np.arange(max(0, start - VALUE_SCAN), end)]
    margin = SLIP_TOLERANCE + 1e-9
    for power in SLIP_POWERS:
        lo = int(np.searchsorted(logs, logs[start] - power - margin, side="left"))
        hi = int(np.searchsorted(logs, logs[end - 1] - power + margin, side="right"))
        if hi > lo:
            ranges.append(np.arange(lo, hi))
    return np.unique(np.concatenate(ranges))


def _periods_compatible(table: ClaimTable, a: np.ndarray, b: np.ndarray, rules: MatchRules) -> np.ndarray:
    """Equal or overlapping year spans (see `match.period_compatible`), or a side undated: over arrays of
    rows."""
    sa, ea, sb, eb = table.period_start[a], table.period_end[a], table.period_start[b], table.period_end[b]
    inter = np.minimum(ea, eb) - np.maximum(sa, sb) + 1
    union = np.maximum(ea, eb) - np.minimum(sa, sb) + 1
    overlap = (inter > 0) & (inter / np.maximum(union, 1) >= rules.period_overlap_min)
    return (sa < 0) | (sb < 0) | overlap


def value_pairs(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None = None, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of claims of one dimension close in value or a power of ten apart (see the module
    docstring), at most `VALUE_NEIGHBOURS` kept per claim.

    Each dimension's claims are sorted by value and ranked in chunks of `VALUE_CHUNK`: the offers reaching a
    chunk are made again for it (an offer between two chunks is made twice), so memory stays bounded by the
    chunk, however many claims share a dimension.
    """
    counted_seen: dict[tuple[int, int], bool] = {}
    kept: list[np.ndarray] = []  # pair keys: the distinct ones so far, then those of the chunks since
    pending = 0
    capped = 0
    n = len(table)
    for logs, rows in _value_dimensions(table, exclude):
        for start in range(0, len(logs), VALUE_CHUNK):
            end = min(start + VALUE_CHUNK, len(logs))
            sources = _offer_sources(logs, start, end)
            best: tuple[np.ndarray, ...] | None = None  # the best offers of each claim of the chunk so far
            crowded: set[int] = set()  # claims of the chunk offered more than they keep
            # the sources a few thousand at a time: a chunk whose values span powers of ten is offered to
            # by every claim a power of ten below it; their offers are ranked a batch at a time
            for at in range(0, len(sources), OFFER_SOURCES):
                batch = sources[at : at + OFFER_SOURCES]
                offers: tuple[np.ndarray, ...] = _chunk_offers(
                    table, rules, logs, rows, batch, start, end, focus, counted_seen
                )
                if best is not None:
                    offers = tuple(np.concatenate(pair) for pair in zip(best, offers, strict=True))
                *kept_offers, over = _best_offers(*offers)
                best = tuple(kept_offers)
                crowded.update(over.tolist())
            capped += len(crowded)
            if best is None:
                continue
            owner, other = best[0], best[1]
            kept.append(np.minimum(owner, other) * n + np.maximum(owner, other))
            pending += len(kept[-1])
            if pending > max(VALUE_MERGE, len(kept[0]) // 4):  # a pair kept by both its claims is held once
                kept[:] = [_sorted_unique(kept)]
                pending = 0
    keys = _sorted_unique(kept)
    logger.info("value blocking: %d pairs (%d claims had more neighbours than kept)", len(keys), capped)
    rows_i, rows_j = np.empty(len(keys), dtype=row_dtype(n)), np.empty(len(keys), dtype=row_dtype(n))
    for start in range(0, len(keys), MERGE_SLICE):  # a slice at a time: no 64-bit copy of every key
        part = slice(start, start + MERGE_SLICE)
        rows_i[part], rows_j[part] = keys[part] // max(n, 1), keys[part] % max(n, 1)
    return rows_i, rows_j


OFFER_SOURCES = 2048
"""Sources whose offers to one chunk are made and ranked at a time (see `value_pairs`)."""


def _chunk_offers(
    table: ClaimTable,
    rules: MatchRules,
    logs: np.ndarray,
    rows: np.ndarray,
    sources: np.ndarray,
    start: int,
    end: int,
    focus: np.ndarray | None,
    counted_seen: dict[tuple[int, int], bool],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The offers of `sources` that reach a claim of positions [start, end) and may pair (different
    sentences, compatible periods and counted nouns, a focus claim): (owner, other, same document?, shared
    topic words, distance), one row for each of an offer's claims that lies in the chunk."""
    p, q, distance = _value_offers(logs, sources, start, end)
    touch = ((p >= start) & (p < end)) | ((q >= start) & (q < end))
    p, q, distance = p[touch], q[touch], distance[touch]
    a, b = rows[p], rows[q]
    ok = table.sentence_key[a] != table.sentence_key[b]
    if focus is not None:
        ok &= focus[a] | focus[b]
    ok &= _periods_compatible(table, a, b, rules)
    ok[ok] = [
        _counted_compatible(table, x, y, rules, counted_seen)
        for x, y in zip(a[ok].tolist(), b[ok].tolist(), strict=True)
    ]
    p, q, a, b, distance = p[ok], q[ok], a[ok], b[ok], distance[ok]
    topic = table.topic
    shared = np.fromiter(
        (len(topic[x] & topic[y]) for x, y in zip(a.tolist(), b.tolist(), strict=True)),
        dtype=np.int64,
        count=len(a),
    )
    other_doc = table.doc_id[a] == table.doc_id[b]
    # each offer counts for each of its two claims that lies in this chunk
    side_p, side_q = (p >= start) & (p < end), (q >= start) & (q < end)
    return (
        np.concatenate([a[side_p], b[side_q]]),
        np.concatenate([b[side_p], a[side_q]]),
        np.concatenate([other_doc[side_p], other_doc[side_q]]),
        np.concatenate([shared[side_p], shared[side_q]]),
        np.concatenate([distance[side_p], distance[side_q]]),
    )


def _best_offers(
    owner: np.ndarray, other: np.ndarray, same_doc: np.ndarray, words: np.ndarray, dist: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The `VALUE_NEIGHBOURS` best offers of each owner, grouped by owner: other documents first, then more
    shared words, then nearer values, then row order (the best of a union of offers are the best of the
    union of each part's best); last, the owners offered more than that (each once: as the best of each
    part are kept, an owner offered more in all is offered more in some union of them).

    >>> best = _best_offers(*(np.array(x) for x in ([5] * 18, range(18), [False] * 18, [1] * 18, [0.5] * 18)))
    >>> best[1].tolist() == list(range(VALUE_NEIGHBOURS)), best[5].tolist()
    (True, [5])
    """
    order = np.lexsort((other, dist, -words, same_doc, owner))
    owner = owner[order]
    first = np.r_[0, np.flatnonzero(owner[1:] != owner[:-1]) + 1]
    sizes = np.diff(np.r_[first, len(owner)])
    rank = np.arange(len(owner)) - np.repeat(first, sizes)
    chosen = order[rank < VALUE_NEIGHBOURS]
    return (
        owner[rank < VALUE_NEIGHBOURS],
        other[chosen],
        same_doc[chosen],
        words[chosen],
        dist[chosen],
        owner[rank == VALUE_NEIGHBOURS],
    )


def row_dtype(n: int) -> type[np.signedinteger]:  # type: ignore[type-arg]
    """The narrowest integer type that holds the row numbers of `n` claims (int32 below 2**31).

    >>> row_dtype(1_000_000).__name__, row_dtype(1 << 40).__name__
    ('int32', 'int64')
    """
    return np.int32 if n < 1 << 31 else np.int64


def _sorted_unique(parts: list[np.ndarray]) -> np.ndarray:
    """The distinct values of the parts, ascending, as `np.unique` of their concatenation gives them; the
    list is emptied. The first part (the keys merged so far, the largest) is grown in place to hold the
    others, sorted and compacted in place: no second copy of the keys is held.

    >>> _sorted_unique([np.array([5, 1]), np.array([1, 3])])
    array([1, 3, 5])
    """
    if not parts:
        return np.zeros(0, dtype=np.int64)
    keys, total = parts[0], sum(len(p) for p in parts)
    if keys.dtype == np.int64 and keys.flags.owndata and keys.flags.c_contiguous and keys.base is None:
        at = len(keys)
        keys.resize(total, refcheck=False)  # a large array is remapped, not copied
        for part in parts[1:]:
            keys[at : at + len(part)] = part
            at += len(part)
    else:
        keys = np.concatenate(parts).astype(np.int64, copy=False)
    parts.clear()
    keys.sort()
    kept, last = 0, 0
    for start in range(0, total, MERGE_SLICE):
        part = keys[start : start + MERGE_SLICE]
        new = np.empty(len(part), dtype=bool)
        new[0] = start == 0 or part[0] != last
        new[1:] = part[1:] != part[:-1]
        last = part[-1]
        distinct = part[new]  # a copy: written back over keys already read
        keys[kept : kept + len(distinct)] = distinct
        kept += len(distinct)
    keys.resize(kept, refcheck=False)
    return keys


MERGE_SLICE = 1 << 20
"""Keys compacted at a time when merged (`_sorted_unique`) or split into rows (`value_pairs`)."""


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
    table: ClaimTable, members: list[int], rules: MatchRules, lo: int = 0, hi: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of members worth matching (row arrays), with their subject scores; only the pairs whose first
    row (the smaller) is in [lo, hi) (`token_set_ratio` is symmetric: a pair scores the same either way)."""
    rows_of = np.asarray(members, dtype=np.int64)
    m = len(members)
    hi = len(table) if hi is None else hi
    inside = (rows_of >= lo) & (rows_of < hi)
    if not inside.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.uint8)
    subjects = [table.subject[i] for i in members]
    topics = [table.topic_text[i] for i in members]
    if m >= CDIST_MIN:
        queries = np.flatnonzero(inside)
        subject_scores, topic_scores = (_set_ratios(texts, queries) for texts in (subjects, topics))
        keep = (subject_scores >= _subject_floor(rules)) | (topic_scores >= rules.topic_prefilter)
        keep &= rows_of[None, :] > rows_of[queries][:, None]  # each pair once, from its first row
        rows, cols = np.nonzero(keep)
        return rows_of[queries[rows]], rows_of[cols], subject_scores[rows, cols]
    ia, ja, sc = [], [], []
    for r in range(m):
        for c in range(r + 1, m):
            if not lo <= min(members[r], members[c]) < hi:
                continue
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


def _set_ratios(texts: list[str], queries: np.ndarray) -> np.ndarray:
    """`token_set_ratio` of the texts at `queries` against every text, one `cdist` call over the distinct
    texts (a block's statements often share their words: copies of one story, one measure restated).

    >>> _set_ratios(["net profit", "profit", "net profit"], np.array([0, 2])).tolist()
    [[100, 100, 100], [100, 100, 100]]
    >>> _set_ratios(["net profit", "sales", "net profit"], np.array([1])).tolist()
    [[13, 100, 13]]
    """
    index: dict[str, int] = {}
    of_text = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))
    distinct = list(index)
    asked, of_query = np.unique(of_text[queries], return_inverse=True)
    scores = process.cdist(
        [distinct[k] for k in asked.tolist()],
        distinct,
        scorer=fuzz.token_set_ratio,
        dtype=np.uint8,
        workers=1,
    )
    return scores[of_query][:, of_text]


PAIR_ROWS = 1 << 14
"""Candidate pairs are gathered, deduplicated and handed on for this many first rows at a time (a pair's
first row is its smaller one): the pairs of a million claims are never all held at once."""


def candidate_pairs(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None = None, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique candidate pairs (i < j) and their subject scores, from word, citation and value blocks.

    With `focus` (a boolean row mask), blocks without a focus row are skipped and only pairs with at least
    one focus row are kept. Rows in `exclude` (a boolean mask) take no part. All of `candidate_pair_chunks`
    at once.
    """
    chunks = list(candidate_pair_chunks(table, rules, focus, exclude))
    if not chunks:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return tuple(np.concatenate(column) for column in zip(*chunks, strict=True))  # type: ignore[return-value]


def candidate_pair_chunks(
    table: ClaimTable, rules: MatchRules, focus: np.ndarray | None = None, exclude: np.ndarray | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The candidate pairs of `candidate_pairs`, in the same order (by i, then j), `PAIR_ROWS` first rows at
    a time: the blocks are walked once per slice of first rows, each scoring only its pairs of the slice, so
    memory holds one slice's pairs, however many the claim set has."""
    blocks = word_blocks(table, rules, exclude)
    n_blocks = len(blocks)
    n = len(table)
    chunk_rows, chunk_starts, largest = _word_chunks(table, blocks, rules, focus)
    del blocks
    cite_chunks: list[np.ndarray] = []
    for members in citation_blocks(table, exclude).values():
        if len(members) < 2 or (focus is not None and not focus[members].any()):
            continue
        cite_chunks.extend(
            np.asarray(c, dtype=np.int64)
            for c in _chunks(table, sorted(set(members)), FALLBACK_CHUNK)
            if len(c) >= 2
        )
    vi, vj = value_pairs(table, rules, focus, exclude)  # sorted by (i, j)
    release_free_heap()  # what blocking freed, before the pairs are matched
    slice_of, chunk_of = _chunk_visits(chunk_rows, chunk_starts)
    parts: list[tuple[np.ndarray, np.ndarray]] = []  # (pair keys min * n + max, subject scores) per block

    def add(ia: np.ndarray, ja: np.ndarray, sc: np.ndarray) -> None:
        if focus is not None:
            wanted = focus[ia] | focus[ja]
            ia, ja, sc = ia[wanted], ja[wanted], sc[wanted]
        if len(ia):
            parts.append((np.minimum(ia, ja) * n + np.maximum(ia, ja), sc.astype(np.uint8)))

    total = 0
    for lo in range(0, n, PAIR_ROWS):
        hi = min(lo + PAIR_ROWS, n)
        first, last = np.searchsorted(slice_of, [lo // PAIR_ROWS, lo // PAIR_ROWS + 1])
        for k in chunk_of[first:last].tolist():
            members = chunk_rows[chunk_starts[k] : chunk_starts[k + 1]].tolist()
            add(*_score_block(table, members, rules, lo, hi))
        for chunk in cite_chunks:
            ia, ja = _block_pairs(chunk, lo, hi)
            add(ia, ja, _subject_scores(table, ia, ja))
        first, last = np.searchsorted(vi, [lo, hi])
        if last > first:
            ia, ja = vi[first:last].astype(np.int64), vj[first:last].astype(np.int64)
            add(ia, ja, _subject_scores(table, ia, ja))
        if not parts:
            continue
        keys = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        parts.clear()
        # a pair met in several blocks keeps its best subject score, whatever order the blocks came in
        order = np.lexsort((-scores.astype(np.int16), keys))
        keys, scores = keys[order], scores[order]
        del order
        keys, first_of = np.unique(keys, return_index=True)
        scores = scores[first_of].astype(np.float64)
        del first_of
        total += len(keys)
        yield keys // n, keys % n, scores
    logger.info("blocking: %d blocks, largest %d, %d candidate pairs", n_blocks, largest, total)


def _word_chunks(
    table: ClaimTable, blocks: WordBlocks, rules: MatchRules, focus: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, int]:
    """The word blocks of two rows or more (with a focus row, given a focus), a block over its limit cut into
    chunks of similar subjects (`_chunks`): (their rows one chunk after another, the offset of each chunk and
    the end, the size of the largest block kept)."""
    sizes = np.diff(blocks.starts)
    kept = sizes >= 2
    if focus is not None and len(blocks.rows):
        kept &= np.add.reduceat(focus[blocks.rows].astype(np.int64), blocks.starts[:-1]) > 0
    largest = int(sizes[kept].max()) if kept.any() else 0
    limit = np.where(blocks.narrowed, FALLBACK_CHUNK, rules.max_block_size)
    whole = kept & (sizes <= limit)
    rows = [blocks.rows[np.repeat(whole, sizes)]]
    chunk_sizes = [sizes[whole]]
    for k in np.flatnonzero(kept & ~whole).tolist():
        cut = [c for c in _chunks(table, blocks.members(k).tolist(), int(limit[k])) if len(c) >= 2]
        rows += [np.asarray(c, dtype=blocks.rows.dtype) for c in cut]
        chunk_sizes.append(np.array([len(c) for c in cut], dtype=np.int64))
    return np.concatenate(rows), np.r_[0, np.cumsum(np.concatenate(chunk_sizes))], largest


def _chunk_visits(rows: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(slice, chunk) of each slice of `PAIR_ROWS` first rows in which a chunk holds pairs first (a member
    other than its last row is in it), by slice, then chunk.

    >>> slices, chunks = _chunk_visits(np.array([5, 1, 3, 2]), np.array([0, 3, 4]))
    >>> slices.tolist(), chunks.tolist()
    ([0], [0])
    """
    sizes = np.diff(starts)
    n_chunks = max(len(sizes), 1)
    chunk = np.repeat(np.arange(len(sizes)), sizes)
    order = np.lexsort((rows, chunk))  # each chunk's rows ascending: its last row drops out
    chunk_in_order = chunk[order]
    last = np.r_[chunk_in_order[1:] != chunk_in_order[:-1], True][: len(order)]
    firsts = order[~last]
    visits = np.unique(rows[firsts].astype(np.int64) // PAIR_ROWS * n_chunks + chunk[firsts])
    return visits // n_chunks, visits % n_chunks


def _block_pairs(chunk: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of a (small) block whose first row is in [lo, hi)."""
    rows, cols = np.triu_indices(len(chunk), k=1)
    ia, ja = chunk[rows], chunk[cols]
    first = np.minimum(ia, ja)
    inside = (first >= lo) & (first < hi)
    return ia[inside], ja[inside]


def _subject_scores(table: ClaimTable, ia: np.ndarray, ja: np.ndarray) -> np.ndarray:
    """`token_set_ratio` of the subjects of each pair (0 when a side has none)."""
    return np.fromiter(
        (
            fuzz.token_set_ratio(table.subject[a], table.subject[b])
            if table.subject[a] and table.subject[b]
            else 0.0
            for a, b in zip(ia.tolist(), ja.tolist(), strict=True)
        ),
        dtype=np.float64,
        count=len(ia),
    )
