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
    "intercept": -1.4422,
    "subject": -0.2224,
    "subject_exact": -0.1146,
    "narrower": 0.0453,
    "both_extra": -0.2425,
    "specific": 0.1517,
    "counted": -0.0440,
    "topic": 0.4339,
    "topic_strong": 0.2466,
    "near": 0.2753,
    "rule_linked": 0.5890,
    "one_account": 0.2560,
    "parties": 0.2582,
    "party_missing": -0.2975,
    "owner_same": 0.4336,
    "owner_differs": -0.1422,
    "owner_differs_strong": -0.2948,
    "owner_missing": -0.2914,
    "head_same": -0.0403,
    "clause": 0.4823,
    "others_differ": -0.0262,
    "same_period": 0.3352,
    "one_dated": -0.3518,
    "undated": 0.1772,
    "gaps": -0.3602,
    "hedged": 0.2680,
    "log_ratio": -0.5676,
    "precision_units": -0.6681,
    "close": 1.3241,
    "far": -0.4785,
    "rounding": 0.1743,
    "magnitude": 0.0853,
    "cross_currency": -0.0791,
    "same_doc": -0.3103,
    "apart_in_doc": 0.4946,
    "doc_stage_differs": -0.0077,
    "days_apart": -0.5099,
    "evidence": 0.4252,
    "restated": -0.0036,
    "near_copy": -0.0256,
    "same_source": 0.2206,
    "table": -0.0494,
}
THRESHOLD: float = 0.850
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b + set_c + set_d + set_f: 12610 pairs (216 true), 2026-12-06"


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
