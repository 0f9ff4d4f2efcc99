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
    "intercept": -1.7089,
    "subject": -0.0424,
    "subject_exact": -0.0534,
    "narrower": 0.2023,
    "both_extra": -0.0071,
    "specific": 0.0665,
    "counted": 0.2550,
    "topic": 0.4466,
    "topic_strong": 0.3280,
    "near": 0.6778,
    "rule_linked": 0.5954,
    "one_account": 0.2652,
    "parties": 0.3494,
    "party_missing": -0.1708,
    "owner_same": 0.3962,
    "owner_differs": -0.0544,
    "owner_differs_strong": -0.4047,
    "owner_missing": -0.3418,
    "head_same": 0.1555,
    "clause": 0.7134,
    "others_differ": -0.2867,
    "same_period": 0.4760,
    "one_dated": -0.1579,
    "undated": -0.1287,
    "gaps": -0.3188,
    "hedged": -0.1468,
    "log_ratio": -0.6348,
    "precision_units": -0.7303,
    "close": 1.6057,
    "far": -0.2995,
    "rounding": 0.9469,
    "magnitude": 0.0740,
    "cross_currency": -0.0412,
    "same_doc": -0.4197,
    "apart_in_doc": 0.4982,
    "doc_stage_differs": -0.0042,
    "days_apart": -0.3980,
    "evidence": 0.2498,
    "restated": 0.0117,
    "near_copy": 0.0240,
    "same_source": 0.2397,
    "table": 0.2978,
    "both_established": -1.0629,
    "lone_against_many": -0.3821,
    "measure_same": 0.5918,
    "companions_agree": 0.6245,
    "companions_differ": -0.1002,
    "siblings_shared": 0.9196,
    "siblings_disjoint": -0.3027,
    "other_value_beside": -0.7822,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s: 34926 pairs (528 "
    "true), 2026-12-06"
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
