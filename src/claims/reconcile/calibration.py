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
    "intercept": -1.5707,
    "subject": -0.1374,
    "subject_exact": 0.0313,
    "narrower": 0.1067,
    "both_extra": -0.0222,
    "specific": -0.0298,
    "counted": 0.1817,
    "topic": 0.6260,
    "topic_strong": 0.1630,
    "near": 0.7938,
    "rule_linked": 0.4950,
    "one_account": 0.2578,
    "parties": 0.3157,
    "party_missing": -0.1038,
    "owner_same": 0.3349,
    "owner_differs": -0.1171,
    "owner_differs_strong": -0.6104,
    "owner_missing": -0.2183,
    "head_same": 0.1748,
    "clause": 0.7066,
    "others_differ": -0.3178,
    "same_period": 0.5092,
    "one_dated": -0.1643,
    "undated": -0.1748,
    "gaps": -0.3723,
    "hedged": -0.3165,
    "log_ratio": -0.6172,
    "precision_units": -0.7359,
    "close": 1.6694,
    "far": -0.1111,
    "rounding": 0.8536,
    "magnitude": 0.0019,
    "cross_currency": -0.0995,
    "same_doc": -0.4324,
    "apart_in_doc": 0.5329,
    "doc_stage_differs": -0.0045,
    "days_apart": -0.5116,
    "evidence": 0.2399,
    "restated": -0.0553,
    "near_copy": -0.0064,
    "same_source": 0.2328,
    "table": 0.2318,
    "both_established": -1.1350,
    "lone_against_many": -0.4638,
    "measure_same": 0.5912,
    "companions_agree": 0.7855,
    "companions_differ": -0.2582,
    "siblings_shared": 0.9398,
    "siblings_disjoint": -0.2201,
    "other_value_beside": -0.8311,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_aa + set_ab + set_ac + set_ad + set_ae + set_af + set_b + set_c + "
    "set_d + set_e + set_f + set_g + set_h + set_i + set_j + set_k + set_l + set_m + set_n + "
    "set_o + set_p + set_q + set_r + set_s + set_t + set_u + set_v + set_w + set_x + set_y + "
    "set_z: 60232 pairs (719 true), 2026-12-07"
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
