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
    "intercept": -1.6246,
    "subject": -0.1104,
    "subject_exact": 0.0384,
    "narrower": 0.0105,
    "both_extra": -0.3653,
    "specific": 0.0602,
    "counted": -0.2225,
    "topic": 0.2554,
    "topic_strong": 0.2001,
    "near": 0.1076,
    "rule_linked": 0.4637,
    "one_account": 0.2568,
    "parties": 0.1180,
    "party_missing": -0.2826,
    "owner_same": 0.3483,
    "owner_differs": -0.1438,
    "owner_differs_strong": -0.3256,
    "owner_missing": -0.2046,
    "head_same": -0.0081,
    "clause": 0.4588,
    "others_differ": -0.2256,
    "same_period": 0.2024,
    "one_dated": -0.3102,
    "undated": 0.3035,
    "gaps": -0.3999,
    "hedged": 0.3438,
    "log_ratio": -0.6040,
    "precision_units": -0.1973,
    "close": 1.4480,
    "far": -0.4746,
    "rounding": 0.3845,
    "magnitude": 0.2926,
    "cross_currency": -0.0235,
    "same_doc": -0.1479,
    "apart_in_doc": 0.4502,
    "doc_stage_differs": 0.0000,
    "days_apart": -0.4616,
    "evidence": 0.3621,
    "restated": -0.0026,
    "near_copy": -0.0546,
    "same_source": 0.2220,
    "table": -0.0851,
}
THRESHOLD: float = 0.800
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b + set_c: 8061 pairs (147 true), 2026-12-05"


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
