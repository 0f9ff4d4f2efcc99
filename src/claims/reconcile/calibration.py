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
    "intercept": -1.1000,
    "subject": -0.1532,
    "subject_exact": -0.1430,
    "narrower": 0.1042,
    "both_extra": -0.2567,
    "specific": 0.0549,
    "counted": 0.0193,
    "topic": 0.5224,
    "topic_strong": 0.1416,
    "near": 0.3757,
    "rule_linked": 0.5217,
    "one_account": 0.2355,
    "parties": 0.2433,
    "party_missing": -0.2343,
    "owner_same": 0.4415,
    "owner_differs": -0.2162,
    "owner_differs_strong": -0.2537,
    "owner_missing": -0.2255,
    "head_same": -0.0731,
    "clause": 0.5284,
    "others_differ": -0.1085,
    "same_period": 0.3420,
    "one_dated": -0.2558,
    "undated": 0.0739,
    "gaps": -0.2864,
    "hedged": 0.1342,
    "log_ratio": -0.5482,
    "precision_units": -0.7407,
    "close": 1.3369,
    "far": -0.4447,
    "rounding": 0.2649,
    "magnitude": -0.1080,
    "cross_currency": -0.0404,
    "same_doc": -0.3150,
    "apart_in_doc": 0.4881,
    "doc_stage_differs": -0.0049,
    "days_apart": -0.5801,
    "evidence": 0.4992,
    "restated": 0.0898,
    "near_copy": 0.0672,
    "same_source": 0.2096,
    "table": 0.2066,
    "both_established": -0.8936,
    "lone_against_many": -0.2158,
    "measure_same": 0.3970,
    "companions_agree": 0.5972,
    "companions_differ": 0.0936,
    "siblings_shared": 0.5807,
    "siblings_disjoint": -0.4620,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_i + set_j: 18851 pairs (293 true), "
    "2026-12-06"
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
