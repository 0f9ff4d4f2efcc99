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
    "intercept": -1.6611,
    "subject": -0.0734,
    "subject_exact": 0.0124,
    "narrower": 0.1727,
    "both_extra": -0.0002,
    "specific": 0.0246,
    "counted": 0.1089,
    "topic": 0.6092,
    "topic_strong": 0.2906,
    "near": 0.8884,
    "rule_linked": 0.5429,
    "one_account": 0.2584,
    "parties": 0.3795,
    "party_missing": -0.0876,
    "owner_same": 0.4103,
    "owner_differs": -0.0810,
    "owner_differs_strong": -0.6239,
    "owner_missing": -0.3289,
    "head_same": 0.1415,
    "clause": 0.6247,
    "others_differ": -0.2447,
    "same_period": 0.4705,
    "one_dated": -0.1707,
    "undated": -0.1760,
    "gaps": -0.3472,
    "hedged": -0.2827,
    "log_ratio": -0.5512,
    "precision_units": -0.7319,
    "close": 1.6257,
    "far": -0.1192,
    "rounding": 1.0058,
    "magnitude": 0.1439,
    "cross_currency": -0.0720,
    "same_doc": -0.5665,
    "apart_in_doc": 0.5062,
    "doc_stage_differs": -0.0054,
    "days_apart": -0.4677,
    "evidence": 0.2555,
    "restated": -0.0509,
    "near_copy": -0.0135,
    "same_source": 0.2347,
    "table": 0.1200,
    "both_established": -1.1035,
    "lone_against_many": -0.4456,
    "measure_same": 0.5737,
    "companions_agree": 0.7352,
    "companions_differ": -0.1359,
    "siblings_shared": 0.9693,
    "siblings_disjoint": -0.2528,
    "other_value_beside": -0.8499,
}
THRESHOLD: float = 0.955
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_aa + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + "
    "set_j + set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s + set_t + "
    "set_u + set_v + set_w + set_x + set_y + set_z: 48989 pairs (646 true), 2026-12-07"
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
