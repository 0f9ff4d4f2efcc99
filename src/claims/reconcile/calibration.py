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
    "intercept": -1.5765,
    "subject": -0.1359,
    "subject_exact": -0.0633,
    "narrower": 0.0535,
    "both_extra": -0.0643,
    "specific": -0.0106,
    "counted": 0.2153,
    "topic": 0.6807,
    "topic_strong": 0.1629,
    "near": 0.7841,
    "rule_linked": 0.4889,
    "one_account": 0.2610,
    "parties": 0.3147,
    "party_missing": -0.0717,
    "owner_same": 0.3289,
    "owner_differs": -0.1130,
    "owner_differs_strong": -0.5703,
    "owner_missing": -0.2156,
    "head_same": 0.2225,
    "clause": 0.7400,
    "others_differ": -0.2990,
    "same_period": 0.4914,
    "one_dated": -0.1267,
    "undated": -0.2118,
    "gaps": -0.4076,
    "hedged": -0.3573,
    "log_ratio": -0.6634,
    "precision_units": -0.7449,
    "close": 1.7230,
    "far": -0.0669,
    "rounding": 0.8443,
    "magnitude": 0.0371,
    "cross_currency": -0.0946,
    "same_doc": -0.4872,
    "apart_in_doc": 0.5339,
    "doc_stage_differs": -0.0044,
    "days_apart": -0.5239,
    "evidence": 0.1862,
    "restated": -0.0704,
    "near_copy": -0.0302,
    "same_source": 0.2367,
    "table": 0.2636,
    "both_established": -1.0964,
    "lone_against_many": -0.4697,
    "measure_same": 0.5822,
    "companions_agree": 0.8539,
    "companions_differ": -0.2760,
    "siblings_shared": 0.9989,
    "siblings_disjoint": -0.2222,
    "other_value_beside": -0.8713,
}
THRESHOLD: float = 0.960
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s + set_t + set_u + "
    "set_v + set_w + set_x + set_y + set_z + set_aa + set_ab + set_ac + set_ad + set_ae + "
    "set_af + set_ag + set_ah: 62981 pairs (731 true), 2026-12-07"
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
