"""Word blocks held as arrays (claims.reconcile.blocking.word_blocks): the same blocks, with the same rows in
the same order, as the dictionary of row lists keyed by (family, token, narrowing) they replace; the chunks
cut from them and the slices of first rows each chunk is scored in, as the list of arrays gave them."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules, blocking
from claims.reconcile.normalize import ClaimTable, build_table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synthetic_claims import generate  # noqa: E402

RULES = MatchRules.default()


def dictionary_blocks(
    table: ClaimTable, rules: MatchRules, exclude: np.ndarray | None = None
) -> dict[tuple[str, str, str], list[int]]:
    """The blocks as `block_keys` built them before (a dictionary of row lists keyed by tuples)."""
    rows = [
        i for i in range(len(table)) if blocking.blockable(table, i) and (exclude is None or not exclude[i])
    ]
    df: Counter[tuple[str, str]] = Counter()
    for i in rows:
        fam = table.family[i]
        df.update((fam, t) for t in table.topic[i])
        df.update((fam, t) for t in table.tokens[i] - table.topic[i])
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i in rows:
        fam = table.family[i]
        chosen: set[str] = set()
        for pool in (table.tokens[i], table.topic[i]):
            usable = (t for t in pool if 1 < df[(fam, t)] <= rules.max_block_size and t not in chosen)
            chosen.update(sorted(usable, key=lambda t: (df[(fam, t)], t))[: rules.block_tokens])
        if chosen:
            for token in chosen:
                blocks[(fam, token, "")].append(i)
            continue
        common = sorted(
            (t for t in table.tokens[i] | table.topic[i] if df[(fam, t)] > 1),
            key=lambda t: (df[(fam, t)], t),
        )
        for token in common[: blocking.FALLBACK_TOKENS]:
            blocks[(fam, token, f"{table.places_id[i]}:{table.period_start[i]}")].append(i)
    return blocks


@pytest.fixture(scope="module")
def table() -> ClaimTable:
    return build_table(generate(3000, seed=2).claims, RULES, load_fx_table())


def as_arrays(
    table: ClaimTable, rules: MatchRules, exclude: np.ndarray | None
) -> Counter[tuple[bool, tuple]]:
    blocks = blocking.word_blocks(table, rules, exclude)
    assert blocks.rows.dtype == np.int32
    return Counter((bool(blocks.narrowed[k]), tuple(blocks.members(k).tolist())) for k in range(len(blocks)))


@pytest.mark.parametrize("cap", [pytest.param(None, id="default-cap"), pytest.param(6, id="narrowed")])
@pytest.mark.parametrize("excluded", [False, True])
def test_memory_word_blocks_same_as_dictionary_of_lists(table, cap, excluded):
    rules = RULES if cap is None else dataclasses.replace(RULES, max_block_size=cap)
    exclude = np.arange(len(table)) % 5 == 0 if excluded else None
    old = dictionary_blocks(table, rules, exclude)
    expected = Counter((key[2] != "", tuple(rows)) for key, rows in old.items())
    assert as_arrays(table, rules, exclude) == expected
    assert sum(narrowed for narrowed, _ in expected) > (0 if cap else -1)
    assert len(expected) > 100


@pytest.mark.parametrize("pair_rows", [64, 1 << 14])
@pytest.mark.parametrize("focused", [False, True])
def test_memory_word_chunks_and_visits_same_as_lists_of_arrays(monkeypatch, table, pair_rows, focused):
    monkeypatch.setattr(blocking, "PAIR_ROWS", pair_rows)
    rules = dataclasses.replace(RULES, max_block_size=6)  # narrowed blocks, cut into chunks
    monkeypatch.setattr(blocking, "FALLBACK_CHUNK", 3)
    focus = np.arange(len(table)) % 3 == 0 if focused else None
    # as chunks were made before: a list of arrays, block by block, and the slices each chunk visits
    expected_chunks, largest = [], 0
    for key, members in dictionary_blocks(table, rules).items():
        if len(members) < 2 or (focus is not None and not focus[members].any()):
            continue
        largest = max(largest, len(members))
        limit = blocking.FALLBACK_CHUNK if key[2] else rules.max_block_size
        expected_chunks += [tuple(c) for c in blocking._chunks(table, members, limit) if len(c) >= 2]
    rows, starts, found_largest = blocking._word_chunks(
        table, blocking.word_blocks(table, rules), rules, focus
    )
    chunks = [tuple(rows[starts[k] : starts[k + 1]].tolist()) for k in range(len(starts) - 1)]
    assert Counter(chunks) == Counter(expected_chunks)
    assert found_largest == largest
    assert any(len(c) == blocking.FALLBACK_CHUNK for c in chunks)
    slices, chunk_of = blocking._chunk_visits(rows, starts)
    expected_visits = sorted(
        (int(s), k) for k, c in enumerate(chunks) for s in np.unique(np.sort(c)[:-1] // pair_rows)
    )
    assert list(zip(slices.tolist(), chunk_of.tolist(), strict=True)) == expected_visits
    assert len(set(slices.tolist())) > (1 if pair_rows == 64 else 0)


def test_the_claim_table_is_freed_before_the_document_checks(monkeypatch):
    """The conversion and arithmetic checks read the claims alone: the table's columns (about 580 MB at a
    million claims) are gone before they run, so their own memory comes on top of less."""
    import gc

    from claims.reconcile import engine
    from claims.settings import Settings

    alive: dict[str, int] = {}
    gc.collect()
    before = {id(o) for o in gc.get_objects() if isinstance(o, ClaimTable)}  # other tests' tables

    def counting(name, function):
        def check(*args, **kwargs):
            gc.collect()
            alive[name] = sum(isinstance(o, ClaimTable) and id(o) not in before for o in gc.get_objects())
            return function(*args, **kwargs)

        return check

    monkeypatch.setattr(
        engine, "find_conversion_conflicts", counting("conversion", engine.find_conversion_conflicts)
    )
    monkeypatch.setattr(
        engine, "find_arithmetic_conflicts", counting("arithmetic", engine.find_arithmetic_conflicts)
    )
    claims = generate(400, seed=1).claims
    found = engine.find_conflicts(claims, Settings())
    assert found  # the set plants disagreements: the run did reconcile
    assert alive == {"conversion": 0, "arithmetic": 0}
