"""Weights of the match score (`scoring`), the threshold of a finding, the floor of a possible finding: data.

Written by `bench/fit_match_score.py` (L2-regularised logistic regression over the plausible disagreeing
candidate pairs of real documents with gold files: a pair whose sides are the two sides of a gold finding is
1, any other pair 0, pairs on an `uncertain` entry left out). Refit and paste its output here when matching
changes; never tune a weight by hand to pass one document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

WEIGHTS: dict[str, float] = {
    "intercept": -1.8077,
    "subject": -0.0679,
    "subject_exact": -0.1956,
    "narrower": 0.1392,
    "both_extra": 0.0457,
    "specific": 0.0413,
    "counted": 0.1533,
    "topic": 0.5440,
    "topic_strong": 0.2968,
    "near": 0.5513,
    "rule_linked": 0.5865,
    "one_account": 0.2605,
    "parties": 0.4921,
    "party_missing": -0.1398,
    "owner_same": 0.4102,
    "owner_differs": -0.1501,
    "owner_differs_strong": -0.2382,
    "owner_missing": -0.2601,
    "head_same": 0.2730,
    "clause": 0.5795,
    "others_differ": -0.3138,
    "same_period": 0.3840,
    "one_dated": -0.0948,
    "undated": -0.0896,
    "gaps": -0.3114,
    "hedged": 0.1492,
    "log_ratio": -0.5805,
    "precision_units": -0.6714,
    "close": 1.6128,
    "far": -0.4399,
    "rounding": 0.7119,
    "magnitude": -0.0806,
    "cross_currency": -0.0485,
    "same_doc": -0.3660,
    "apart_in_doc": 0.4869,
    "doc_stage_differs": -0.0048,
    "days_apart": -0.5929,
    "evidence": 0.4353,
    "restated": 0.0401,
    "near_copy": 0.0651,
    "same_source": 0.2363,
    "table": 0.3179,
    "both_established": -0.8197,
    "lone_against_many": -0.2987,
    "measure_same": 0.4743,
    "companions_agree": 0.7052,
    "companions_differ": -0.0154,
    "siblings_shared": 0.9400,
    "siblings_disjoint": -0.3680,
    "other_value_beside": -0.6443,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n: 26484 pairs (430 true), 2026-12-06"
)


@dataclass(frozen=True, slots=True)
class Calibration:
    """The match score's weights, the probability from which a pair is a finding, and the floor below which
    a candidate is not kept even as a possible finding."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    threshold: float = THRESHOLD
    floor: float = FLOOR


DEFAULT = Calibration()
RULES_ONLY = Calibration(weights={"intercept": -10.0, "rule_linked": 20.0}, threshold=0.5, floor=0.5)
"""A finding exactly when the match rules alone read the two statements as one quantity
(`match.same_quantity`): no learned weight. For tests of the rules, and for reports that want the rules
without the score."""
