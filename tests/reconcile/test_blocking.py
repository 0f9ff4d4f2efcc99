"""Candidate generation by value (claims.reconcile.blocking.value_pairs), on claims written here."""

from __future__ import annotations

import random

import numpy as np
import pytest
from factories import claim

from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules
from claims.reconcile.blocking import VALUE_NEIGHBOURS, candidate_pairs, value_pairs
from claims.reconcile.normalize import build_table

RULES = MatchRules.default()


def pairs_of(claims, pairs=value_pairs) -> set[tuple[str, str]]:
    table = build_table(claims, RULES, load_fx_table())
    found = pairs(table, RULES)
    i, j = found[0], found[1]
    return {(claims[a].surface, claims[b].surface) for a, b in zip(i.tolist(), j.tolist(), strict=True)}


def test_blocking_value_pairs_meet_without_a_shared_word():
    # nothing read as a subject on one side: words cannot bring the two together, values do
    a = claim(6.1e12, unit="INR", surface="Rs 6.1 lakh crore", sentence="Rs 6.1 lakh crore", doc="one.txt")
    b = claim(
        6.21e12,
        unit="INR",
        subject="harbour budget",
        surface="Rs 6.21 lakh crore",
        sentence="The harbour budget was set at Rs 6.21 lakh crore.",
        doc="two.txt",
        period=2024,
    )
    assert pairs_of([a, b]) == {("Rs 6.1 lakh crore", "Rs 6.21 lakh crore")}
    assert pairs_of([a, b], candidate_pairs) == {("Rs 6.1 lakh crore", "Rs 6.21 lakh crore")}


@pytest.mark.parametrize(
    ("value_a", "surface_a", "value_b", "surface_b"),
    [
        (60.9e9, "$60.9 billion", 609.2e9, "$609.2 billion"),  # a decimal point moved
        (280e6, "$280 million", 280e9, "$280 billion"),  # million for billion
    ],
)
def test_blocking_value_pairs_meet_a_power_of_ten_apart(value_a, surface_a, value_b, surface_b):
    a = claim(value_a, surface=surface_a, subject="sales", doc="one.txt")
    b = claim(value_b, surface=surface_b, subject="turnover", doc="two.txt")
    assert pairs_of([a, b]) == {(surface_a, surface_b)}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            claim(100.0, surface="$100", doc="one.txt"),
            claim(250.0, surface="$250", doc="two.txt"),
            id="factor-2.5",
        ),
        pytest.param(
            claim(100.0, surface="$100", doc="one.txt", period=2020),
            claim(110.0, surface="$110", doc="two.txt", period=2023),
            id="other-years",
        ),
        pytest.param(
            claim(100.0, surface="$100", sentence="It cost $100, then $110.", doc="one.txt"),
            claim(110.0, surface="$110", sentence="It cost $100, then $110.", doc="one.txt"),
            id="one-sentence",
        ),
        pytest.param(
            claim(100.0, surface="100", kind="count", counted="patrol vessels", doc="one.txt"),
            claim(110.0, surface="110", kind="count", counted="rescue boats", doc="two.txt"),
            id="other-counted-noun",
        ),
        pytest.param(
            claim(100.0, surface="100%", kind="percent", doc="one.txt"),
            claim(110.0, surface="$110", doc="two.txt"),
            id="other-dimension",
        ),
    ],
)
def test_blocking_value_pairs_keep_dimension_period_sentence_and_counted_noun(a, b):
    assert pairs_of([a, b]) == set()


def test_blocking_value_pairs_are_capped_per_claim():
    # many claims of one dimension with close values: each keeps at most VALUE_NEIGHBOURS partners
    claims = [
        claim(1000.0 + k, surface=f"${1000 + k}", subject=f"item{k}", doc=f"d{k}.txt") for k in range(120)
    ]
    table = build_table(claims, RULES, load_fx_table())
    i, j = value_pairs(table, RULES)
    degree = np.bincount(np.concatenate([i, j]), minlength=len(claims))
    assert len(i) <= len(claims) * VALUE_NEIGHBOURS
    assert degree.max() <= 2 * VALUE_NEIGHBOURS  # kept by either side
    assert np.all(i < j)


def test_blocking_value_pairs_prefer_other_documents():
    one = [
        claim(100.0 + k, surface=f"${100 + k}", doc="same.txt", sentence=f"S{k}: ${100 + k}.")
        for k in range(40)
    ]
    other = claim(100.5, surface="$100.5", doc="other.txt")
    table = build_table([*one, other], RULES, load_fx_table())
    i, j = value_pairs(table, RULES)
    partners = {int(b) for a, b in zip(i.tolist(), j.tolist(), strict=True) if a == len(one)} | {
        int(a) for a, b in zip(i.tolist(), j.tolist(), strict=True) if b == len(one)
    }
    # each same-document claim ranks the other document's claim first, beyond the other's own cap
    assert len(partners) == len(one) > VALUE_NEIGHBOURS


def _scores_by_ids(claims):
    table = build_table(claims, RULES, load_fx_table())
    i, j, score = candidate_pairs(table, RULES)
    ids = [c.claim_id for c in claims]
    return {
        frozenset((ids[a], ids[b])): s for a, b, s in zip(i.tolist(), j.tolist(), score.tolist(), strict=True)
    }


def test_blocking_pair_scores_do_not_depend_on_input_order():
    # a pair met in a large block (scored in bulk, rounded) and in a small one (scored pair by pair) keeps
    # one score, the best, whatever order the claims and so the blocks come in
    subjects = [
        "harbour dredging budget",
        "budget for dredging works of the northern harbour area",
        "northern harbour dredging contract value",
        "dredging works budget",
        "harbour budget",
        "harbour pilots budget",
        "harbour lights budget",
        "harbour wall repair budget",
        "harbour ferry subsidy",
        "harbour police budget",
        "harbour fees",
        "harbour tug fleet budget",
        "harbour museum budget",
        "harbour cleaning budget",
    ]
    claims = [
        claim(
            1e6 * (10 + k),
            subject=subject,
            period=2024,
            doc=f"doc_{k % 4}.txt",
            sentence=f"The {subject} was ${10 + k} million in 2024.",
            surface=f"${10 + k} million",
        )
        for k, subject in enumerate(subjects)
    ]
    forward = _scores_by_ids(claims)
    assert forward
    for seed in range(6):
        shuffled = list(claims)
        random.Random(seed).shuffle(shuffled)
        assert _scores_by_ids(shuffled) == forward
