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
    "intercept": -1.6604,
    "subject": -0.0721,
    "subject_exact": 0.0140,
    "narrower": 0.1721,
    "both_extra": 0.0003,
    "specific": 0.0242,
    "counted": 0.1062,
    "topic": 0.6088,
    "topic_strong": 0.2893,
    "near": 0.8930,
    "rule_linked": 0.5408,
    "one_account": 0.2586,
    "parties": 0.3739,
    "party_missing": -0.0950,
    "owner_same": 0.4071,
    "owner_differs": -0.0784,
    "owner_differs_strong": -0.6267,
    "owner_missing": -0.3292,
    "head_same": 0.1415,
    "clause": 0.6279,
    "others_differ": -0.2404,
    "same_period": 0.4722,
    "one_dated": -0.1712,
    "undated": -0.1763,
    "gaps": -0.3466,
    "hedged": -0.2829,
    "log_ratio": -0.5512,
    "precision_units": -0.7330,
    "close": 1.6250,
    "far": -0.1190,
    "rounding": 1.0056,
    "magnitude": 0.1429,
    "cross_currency": -0.0720,
    "same_doc": -0.5633,
    "apart_in_doc": 0.5063,
    "doc_stage_differs": -0.0054,
    "days_apart": -0.4675,
    "evidence": 0.2603,
    "restated": -0.0510,
    "near_copy": -0.0135,
    "same_source": 0.2348,
    "table": 0.1206,
    "both_established": -1.1022,
    "lone_against_many": -0.4457,
    "measure_same": 0.5757,
    "companions_agree": 0.7352,
    "companions_differ": -0.1356,
    "siblings_shared": 0.9689,
    "siblings_disjoint": -0.2532,
    "other_value_beside": -0.8503,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_aa + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + "
    "set_j + set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s + set_t + "
    "set_u + set_v + set_w + set_x + set_y + set_z: 48986 pairs (646 true), 2026-12-07"
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
