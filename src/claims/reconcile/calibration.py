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
    "intercept": -1.5412,
    "subject": -0.1219,
    "subject_exact": 0.0422,
    "narrower": 0.0795,
    "both_extra": -0.0053,
    "specific": -0.0120,
    "counted": 0.0825,
    "topic": 0.5705,
    "topic_strong": 0.2516,
    "near": 0.8209,
    "rule_linked": 0.5357,
    "one_account": 0.2605,
    "parties": 0.3562,
    "party_missing": -0.1043,
    "owner_same": 0.3403,
    "owner_differs": -0.1234,
    "owner_differs_strong": -0.6398,
    "owner_missing": -0.2172,
    "head_same": 0.1622,
    "clause": 0.6006,
    "others_differ": -0.2642,
    "same_period": 0.5235,
    "one_dated": -0.1963,
    "undated": -0.1787,
    "gaps": -0.3815,
    "hedged": -0.2929,
    "log_ratio": -0.5417,
    "precision_units": -0.7293,
    "close": 1.6070,
    "far": -0.1306,
    "rounding": 0.9010,
    "magnitude": 0.0811,
    "cross_currency": -0.0870,
    "same_doc": -0.5277,
    "apart_in_doc": 0.5176,
    "doc_stage_differs": -0.0047,
    "days_apart": -0.4934,
    "evidence": 0.1914,
    "restated": -0.0442,
    "near_copy": -0.0036,
    "same_source": 0.2337,
    "table": 0.0609,
    "both_established": -1.0960,
    "lone_against_many": -0.4409,
    "measure_same": 0.6377,
    "companions_agree": 0.7569,
    "companions_differ": -0.1141,
    "siblings_shared": 0.9729,
    "siblings_disjoint": -0.2575,
    "other_value_beside": -0.8049,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_aa + set_ab + set_ac + set_ad + set_b + set_c + set_d + set_e + set_f "
    "+ set_g + set_h + set_i + set_j + set_k + set_l + set_m + set_n + set_o + set_p + set_q + "
    "set_r + set_s + set_t + set_u + set_v + set_w + set_x + set_y + set_z: 54306 pairs (676 "
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
