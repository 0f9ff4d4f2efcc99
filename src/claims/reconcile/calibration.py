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
    "intercept": -1.7703,
    "subject": -0.0479,
    "subject_exact": -0.1650,
    "narrower": 0.2241,
    "both_extra": 0.0015,
    "specific": 0.0716,
    "counted": 0.2616,
    "topic": 0.5194,
    "topic_strong": 0.3264,
    "near": 0.6316,
    "rule_linked": 0.5990,
    "one_account": 0.2618,
    "parties": 0.3321,
    "party_missing": -0.0980,
    "owner_same": 0.4254,
    "owner_differs": -0.0809,
    "owner_differs_strong": -0.3350,
    "owner_missing": -0.3444,
    "head_same": 0.1528,
    "clause": 0.7739,
    "others_differ": -0.2288,
    "same_period": 0.4228,
    "one_dated": -0.1579,
    "undated": -0.0952,
    "gaps": -0.2718,
    "hedged": 0.0417,
    "log_ratio": -0.6417,
    "precision_units": -0.7206,
    "close": 1.6357,
    "far": -0.3916,
    "rounding": 0.8418,
    "magnitude": -0.2111,
    "cross_currency": -0.0382,
    "same_doc": -0.4488,
    "apart_in_doc": 0.5111,
    "doc_stage_differs": -0.0045,
    "days_apart": -0.4267,
    "evidence": 0.2534,
    "restated": 0.0167,
    "near_copy": 0.0281,
    "same_source": 0.2400,
    "table": 0.3487,
    "both_established": -1.0138,
    "lone_against_many": -0.3863,
    "measure_same": 0.4430,
    "companions_agree": 0.5798,
    "companions_differ": -0.0464,
    "siblings_shared": 0.9238,
    "siblings_disjoint": -0.3571,
    "other_value_beside": -0.7163,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q: 30908 pairs (479 true), 2026-12-06"
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
