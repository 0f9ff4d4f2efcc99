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
    "intercept": -1.6825,
    "subject": -0.0869,
    "subject_exact": -0.1390,
    "narrower": 0.1412,
    "both_extra": -0.0957,
    "specific": 0.0994,
    "counted": 0.1198,
    "topic": 0.5086,
    "topic_strong": 0.2763,
    "near": 0.5340,
    "rule_linked": 0.5330,
    "one_account": 0.2604,
    "parties": 0.4835,
    "party_missing": -0.2115,
    "owner_same": 0.4068,
    "owner_differs": -0.1614,
    "owner_differs_strong": -0.2302,
    "owner_missing": -0.2455,
    "head_same": 0.1782,
    "clause": 0.6451,
    "others_differ": -0.2321,
    "same_period": 0.4137,
    "one_dated": -0.1341,
    "undated": -0.0122,
    "gaps": -0.2859,
    "hedged": 0.1265,
    "log_ratio": -0.6150,
    "precision_units": -0.6118,
    "close": 1.4539,
    "far": -0.5269,
    "rounding": 0.5877,
    "magnitude": -0.0404,
    "cross_currency": -0.0464,
    "same_doc": -0.3478,
    "apart_in_doc": 0.5027,
    "doc_stage_differs": -0.0043,
    "days_apart": -0.5618,
    "evidence": 0.4414,
    "restated": 0.0426,
    "near_copy": 0.0664,
    "same_source": 0.2329,
    "table": 0.3555,
    "both_established": -0.8873,
    "lone_against_many": -0.2741,
    "measure_same": 0.6763,
    "companions_agree": 0.6123,
    "companions_differ": 0.0599,
    "siblings_shared": 0.8839,
    "siblings_disjoint": -0.4808,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l: 23016 pairs (358 true), 2026-12-06"
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
