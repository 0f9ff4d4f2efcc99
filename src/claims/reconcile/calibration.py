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
    "intercept": -1.1488,
    "subject": -0.0363,
    "subject_exact": 0.0578,
    "narrower": 0.1019,
    "both_extra": -0.3624,
    "specific": 0.0435,
    "counted": -0.2362,
    "topic": 0.2394,
    "topic_strong": 0.2002,
    "near": 0.1172,
    "rule_linked": 0.5722,
    "one_account": 0.2261,
    "parties": 0.3804,
    "party_missing": -0.0869,
    "owner_same": 0.3305,
    "owner_differs": -0.1156,
    "owner_differs_strong": -0.3471,
    "owner_missing": -0.2150,
    "head_same": -0.0991,
    "clause": 0.3692,
    "others_differ": -0.2405,
    "same_period": 0.2414,
    "one_dated": -0.2830,
    "undated": 0.2217,
    "gaps": -0.5093,
    "hedged": 0.2363,
    "log_ratio": -0.4933,
    "precision_units": -0.3169,
    "close": 0.9842,
    "far": -0.4502,
    "rounding": 0.4620,
    "magnitude": 0.2097,
    "cross_currency": -0.0179,
    "same_doc": -0.0821,
    "apart_in_doc": 0.3295,
    "doc_stage_differs": 0.0000,
    "days_apart": -0.4803,
    "evidence": 0.2676,
    "restated": 0.0000,
    "near_copy": -0.0092,
    "same_source": 0.1892,
    "table": -0.1359,
}
THRESHOLD: float = 0.700
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b: 6098 pairs (118 true), 2026-12-05"


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
