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
    "intercept": -1.5392,
    "subject": -0.1226,
    "subject_exact": 0.0403,
    "narrower": 0.0783,
    "both_extra": -0.0057,
    "specific": -0.0136,
    "counted": 0.0839,
    "topic": 0.5709,
    "topic_strong": 0.2522,
    "near": 0.8248,
    "rule_linked": 0.5348,
    "one_account": 0.2608,
    "parties": 0.3596,
    "party_missing": -0.1027,
    "owner_same": 0.3388,
    "owner_differs": -0.1236,
    "owner_differs_strong": -0.6403,
    "owner_missing": -0.2158,
    "head_same": 0.1631,
    "clause": 0.5992,
    "others_differ": -0.2622,
    "same_period": 0.5226,
    "one_dated": -0.1956,
    "undated": -0.1795,
    "gaps": -0.3802,
    "hedged": -0.2931,
    "log_ratio": -0.5414,
    "precision_units": -0.7336,
    "close": 1.6045,
    "far": -0.1292,
    "rounding": 0.8998,
    "magnitude": 0.0773,
    "cross_currency": -0.0929,
    "same_doc": -0.5248,
    "apart_in_doc": 0.5183,
    "doc_stage_differs": -0.0047,
    "days_apart": -0.4925,
    "evidence": 0.1907,
    "restated": -0.0442,
    "near_copy": -0.0036,
    "same_source": 0.2339,
    "table": 0.0634,
    "both_established": -1.0948,
    "lone_against_many": -0.4388,
    "measure_same": 0.6363,
    "companions_agree": 0.7640,
    "companions_differ": -0.1101,
    "siblings_shared": 0.9679,
    "siblings_disjoint": -0.2575,
    "other_value_beside": -0.8042,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_aa + set_ab + set_ac + set_ad + set_b + set_c + set_d + set_e + set_f "
    "+ set_g + set_h + set_i + set_j + set_k + set_l + set_m + set_n + set_o + set_p + set_q + "
    "set_r + set_s + set_t + set_u + set_v + set_w + set_x + set_y + set_z: 54355 pairs (677 "
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
