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
    "intercept": -1.1543,
    "subject": -0.0353,
    "subject_exact": 0.0562,
    "narrower": 0.1077,
    "both_extra": -0.3629,
    "specific": 0.0439,
    "counted": -0.2384,
    "topic": 0.2396,
    "topic_strong": 0.1987,
    "near": 0.1179,
    "rule_linked": 0.5735,
    "one_account": 0.2257,
    "parties": 0.3829,
    "party_missing": -0.0794,
    "owner_same": 0.3282,
    "owner_differs": -0.1111,
    "owner_differs_strong": -0.3495,
    "owner_missing": -0.2173,
    "head_same": -0.0974,
    "clause": 0.3673,
    "others_differ": -0.2416,
    "same_period": 0.2416,
    "one_dated": -0.2788,
    "undated": 0.2195,
    "gaps": -0.5154,
    "hedged": 0.2347,
    "log_ratio": -0.4965,
    "precision_units": -0.3121,
    "close": 0.9921,
    "far": -0.4536,
    "rounding": 0.4601,
    "magnitude": 0.2108,
    "cross_currency": -0.0180,
    "same_doc": -0.0830,
    "apart_in_doc": 0.3273,
    "doc_stage_differs": 0.0000,
    "days_apart": -0.4756,
    "evidence": 0.2678,
    "restated": 0.0000,
    "near_copy": -0.0092,
    "same_source": 0.1892,
    "table": -0.1380,
}
THRESHOLD: float = 0.700
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b: 6075 pairs (118 true), 2026-12-05"


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
