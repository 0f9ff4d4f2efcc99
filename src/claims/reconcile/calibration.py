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
    "intercept": -1.1157,
    "subject": -0.0582,
    "subject_exact": 0.0341,
    "narrower": 0.0099,
    "both_extra": -0.3850,
    "specific": 0.1263,
    "counted": -0.1664,
    "topic": 0.3270,
    "topic_strong": 0.1992,
    "near": 0.1734,
    "rule_linked": 0.4964,
    "one_account": 0.2464,
    "parties": 0.1587,
    "party_missing": -0.2171,
    "owner_same": 0.3195,
    "owner_differs": -0.1145,
    "owner_differs_strong": -0.3259,
    "owner_missing": -0.2052,
    "head_same": 0.0071,
    "clause": 0.4791,
    "others_differ": -0.3002,
    "same_period": 0.3217,
    "one_dated": -0.3124,
    "undated": 0.1707,
    "gaps": -0.3471,
    "hedged": 0.1859,
    "log_ratio": -0.4781,
    "precision_units": -0.7672,
    "close": 1.3730,
    "far": -0.3946,
    "rounding": 0.3205,
    "magnitude": -0.0537,
    "cross_currency": -0.0268,
    "same_doc": -0.2256,
    "apart_in_doc": 0.4401,
    "doc_stage_differs": -0.0085,
    "days_apart": -0.5397,
    "evidence": 0.3941,
    "restated": 0.0000,
    "near_copy": -0.0271,
    "same_source": 0.2167,
    "table": -0.0399,
}
THRESHOLD: float = 0.850
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b + set_c + set_d: 9632 pairs (195 true), 2026-12-06"


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
