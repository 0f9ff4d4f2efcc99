"""The synthetic bench set on a small seed: planted contradictions found, planted look-alikes left alone."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synthetic_claims import CONFLICT_KINDS, DECOY_KINDS, generate  # noqa: E402

from claims.reconcile import find_conflicts  # noqa: E402
from claims.settings import Settings  # noqa: E402


@pytest.fixture(scope="module")
def synthetic():
    data = generate(2_000, seed=11)
    found = find_conflicts(data.claims, Settings())
    return data, {frozenset((c.claim_a, c.claim_b)): c for c in found}


def test_synthetic_generator_is_seeded():
    first, again = generate(300, seed=5), generate(300, seed=5)
    assert [c.claim_id for c in first.claims] == [c.claim_id for c in again.claims]
    assert len({c.claim_id for c in first.claims}) == len(first.claims)


def test_synthetic_plants_every_kind(synthetic):
    data, _ = synthetic
    assert set(Counter(p.kind for p in data.conflicts)) == set(CONFLICT_KINDS)
    assert set(Counter(p.kind for p in data.decoys)) == set(DECOY_KINDS)


def test_synthetic_planted_contradictions_are_found_with_their_kind(synthetic):
    data, found = synthetic
    hits = [p for p in data.conflicts if frozenset((p.claim_a, p.claim_b)) in found]
    kind_ok = [p for p in hits if found[frozenset((p.claim_a, p.claim_b))].kind.value == p.kind]
    assert len(hits) / len(data.conflicts) >= 0.95
    assert len(kind_ok) / len(data.conflicts) >= 0.95


def test_synthetic_planted_lookalikes_are_not_findings(synthetic):
    data, found = synthetic
    assert [p for p in data.decoys if frozenset((p.claim_a, p.claim_b)) in found] == []


def test_synthetic_no_findings_beyond_the_planted_ones(synthetic):
    data, found = synthetic
    planted = {frozenset((p.claim_a, p.claim_b)) for p in data.conflicts}
    assert [c for key, c in found.items() if key not in planted] == []


def test_synthetic_focus_gives_the_full_run_findings_that_involve_focus_claims(synthetic):
    data, found = synthetic
    docs = sorted({c.doc for c in data.claims})[:5]
    focus = {c.claim_id for c in data.claims if c.doc in docs}
    focused = find_conflicts(data.claims, Settings(), focus=focus)
    expected = {
        c.conflict_id
        for c in found.values()
        if c.claim_a in focus or c.claim_b in focus or set(c.details.get("operands", ())) & focus
    }
    assert expected
    assert {c.conflict_id for c in focused} == expected
