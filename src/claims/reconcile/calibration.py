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
    "intercept": -1.5558,
    "subject": -0.1232,
    "subject_exact": 0.0326,
    "narrower": 0.0827,
    "both_extra": -0.0025,
    "specific": -0.0138,
    "counted": 0.0748,
    "topic": 0.5851,
    "topic_strong": 0.2572,
    "near": 0.8138,
    "rule_linked": 0.5423,
    "one_account": 0.2606,
    "parties": 0.3677,
    "party_missing": -0.0984,
    "owner_same": 0.3335,
    "owner_differs": -0.1198,
    "owner_differs_strong": -0.6413,
    "owner_missing": -0.2146,
    "head_same": 0.1627,
    "clause": 0.5663,
    "others_differ": -0.2569,
    "same_period": 0.5134,
    "one_dated": -0.1911,
    "undated": -0.1751,
    "gaps": -0.3786,
    "hedged": -0.2871,
    "log_ratio": -0.5428,
    "precision_units": -0.7306,
    "close": 1.6130,
    "far": -0.1204,
    "rounding": 0.8997,
    "magnitude": 0.0861,
    "cross_currency": -0.0928,
    "same_doc": -0.5178,
    "apart_in_doc": 0.5168,
    "doc_stage_differs": -0.0047,
    "days_apart": -0.4902,
    "evidence": 0.1987,
    "restated": -0.0434,
    "near_copy": -0.0024,
    "same_source": 0.2338,
    "table": 0.0647,
    "both_established": -1.0914,
    "lone_against_many": -0.4440,
    "measure_same": 0.6446,
    "companions_agree": 0.7829,
    "companions_differ": -0.1053,
    "siblings_shared": 0.9313,
    "siblings_disjoint": -0.2559,
    "other_value_beside": -0.7983,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_aa + set_ab + set_ac + set_ad + set_b + set_c + set_d + set_e + set_f "
    "+ set_g + set_h + set_i + set_j + set_k + set_l + set_m + set_n + set_o + set_p + set_q + "
    "set_r + set_s + set_t + set_u + set_v + set_w + set_x + set_y + set_z: 54368 pairs (676 "
    "true), 2026-12-07"
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
