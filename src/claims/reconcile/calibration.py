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
    "intercept": -2.7540,
    "subject": -0.3360,
    "subject_exact": 0.0783,
    "narrower": -0.0385,
    "both_extra": -0.0609,
    "specific": 0.1641,
    "counted": -0.4306,
    "topic": 0.1547,
    "topic_strong": 0.0158,
    "near": 0.0997,
    "rule_linked": 0.6911,
    "one_account": 0.4157,
    "parties": 0.3405,
    "party_missing": -0.0014,
    "owner_differs": -0.4117,
    "owner_missing": -0.0072,
    "others_differ": 0.0873,
    "same_period": -0.0127,
    "one_dated": -0.2073,
    "undated": 0.3517,
    "gaps": -0.4124,
    "hedged": 0.1049,
    "log_ratio": -0.5851,
    "close": 0.9712,
    "far": -0.6499,
    "rounding": 0.6223,
    "magnitude": 0.3133,
    "cross_currency": -0.0125,
    "same_doc": 0.3123,
    "restated": 0.0000,
    "same_source": 0.2673,
    "table": -0.0761,
}
THRESHOLD: float = 0.300
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b: 3616 pairs (79 true), 2026-12-05"


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
