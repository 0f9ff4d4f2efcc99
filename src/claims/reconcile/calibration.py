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
    "intercept": -1.1502,
    "subject": -0.0381,
    "subject_exact": 0.0613,
    "narrower": 0.0932,
    "both_extra": -0.3557,
    "specific": 0.0528,
    "counted": -0.2352,
    "topic": 0.2391,
    "topic_strong": 0.2006,
    "near": 0.1206,
    "rule_linked": 0.5720,
    "one_account": 0.2249,
    "parties": 0.3796,
    "party_missing": -0.0936,
    "owner_same": 0.3354,
    "owner_differs": -0.1151,
    "owner_differs_strong": -0.3449,
    "owner_missing": -0.2205,
    "head_same": -0.1010,
    "clause": 0.3703,
    "others_differ": -0.2358,
    "same_period": 0.2396,
    "one_dated": -0.2814,
    "undated": 0.2295,
    "gaps": -0.5181,
    "hedged": 0.2198,
    "log_ratio": -0.4942,
    "precision_units": -0.3150,
    "close": 0.9847,
    "far": -0.4502,
    "rounding": 0.4646,
    "magnitude": 0.2113,
    "cross_currency": -0.0180,
    "same_doc": -0.0812,
    "apart_in_doc": 0.3288,
    "doc_stage_differs": 0.0000,
    "days_apart": -0.4735,
    "evidence": 0.2680,
    "restated": 0.0000,
    "near_copy": -0.0092,
    "same_source": 0.1878,
    "table": -0.1389,
}
THRESHOLD: float = 0.750
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = "seeds + set_a + set_b: 6087 pairs (118 true), 2026-12-05"


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
