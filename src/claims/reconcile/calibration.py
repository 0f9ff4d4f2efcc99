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
    "intercept": -1.5209,
    "subject": -0.2148,
    "subject_exact": -0.1352,
    "narrower": 0.0269,
    "both_extra": -0.2281,
    "specific": 0.1841,
    "counted": -0.1013,
    "topic": 0.4293,
    "topic_strong": 0.2302,
    "near": 0.2767,
    "rule_linked": 0.6247,
    "one_account": 0.2569,
    "parties": 0.2971,
    "party_missing": -0.3029,
    "owner_same": 0.3777,
    "owner_differs": -0.0978,
    "owner_differs_strong": -0.2962,
    "owner_missing": -0.2799,
    "head_same": -0.0548,
    "clause": 0.5077,
    "others_differ": 0.0019,
    "same_period": 0.2522,
    "one_dated": -0.3408,
    "undated": 0.2488,
    "gaps": -0.3704,
    "hedged": 0.2040,
    "log_ratio": -0.5737,
    "precision_units": -0.6629,
    "close": 1.3249,
    "far": -0.4804,
    "rounding": 0.0645,
    "magnitude": 0.0977,
    "cross_currency": -0.0801,
    "same_doc": -0.2928,
    "apart_in_doc": 0.5019,
    "doc_stage_differs": -0.0079,
    "days_apart": -0.5011,
    "evidence": 0.4088,
    "restated": -0.0036,
    "near_copy": -0.0246,
    "same_source": 0.2201,
    "table": -0.0180,
}
THRESHOLD: float = 0.850
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b + set_c + set_d + set_f: 13495 pairs (221 true), 2026-12-06"


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
