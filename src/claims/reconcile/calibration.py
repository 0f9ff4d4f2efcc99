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
    "intercept": -1.3841,
    "subject": -0.0654,
    "subject_exact": -0.1612,
    "narrower": 0.1487,
    "both_extra": -0.1698,
    "specific": 0.0177,
    "counted": -0.0070,
    "topic": 0.5181,
    "topic_strong": 0.2972,
    "near": 0.4078,
    "rule_linked": 0.5519,
    "one_account": 0.2390,
    "parties": 0.4899,
    "party_missing": -0.1719,
    "owner_same": 0.4534,
    "owner_differs": -0.2297,
    "owner_differs_strong": -0.2615,
    "owner_missing": -0.2240,
    "head_same": 0.1633,
    "clause": 0.5882,
    "others_differ": -0.2645,
    "same_period": 0.4482,
    "one_dated": -0.2052,
    "undated": -0.0140,
    "gaps": -0.2498,
    "hedged": 0.1382,
    "log_ratio": -0.6377,
    "precision_units": -0.7015,
    "close": 1.2917,
    "far": -0.5476,
    "rounding": 0.5208,
    "magnitude": -0.1549,
    "cross_currency": -0.0426,
    "same_doc": -0.3265,
    "apart_in_doc": 0.4892,
    "doc_stage_differs": -0.0044,
    "days_apart": -0.5640,
    "evidence": 0.4323,
    "restated": 0.0472,
    "near_copy": 0.0466,
    "same_source": 0.2148,
    "table": 0.3305,
    "both_established": -0.8177,
    "lone_against_many": -0.1951,
    "measure_same": 0.5129,
    "companions_agree": 0.5372,
    "companions_differ": -0.0111,
    "siblings_shared": 0.5745,
    "siblings_disjoint": -0.4395,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j: "
    "20225 pairs (322 true), 2026-12-06"
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
