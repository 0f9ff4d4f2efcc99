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
    "intercept": -1.6546,
    "subject": -0.1108,
    "subject_exact": 0.0235,
    "narrower": 0.1209,
    "both_extra": -0.0513,
    "specific": -0.0102,
    "counted": 0.1369,
    "topic": 0.5969,
    "topic_strong": 0.3325,
    "near": 0.7993,
    "rule_linked": 0.6173,
    "one_account": 0.2536,
    "parties": 0.4195,
    "party_missing": -0.0669,
    "owner_same": 0.4412,
    "owner_differs": 0.0014,
    "owner_differs_strong": -0.4198,
    "owner_missing": -0.4426,
    "head_same": 0.1899,
    "clause": 0.6559,
    "others_differ": -0.2899,
    "same_period": 0.4506,
    "one_dated": -0.1363,
    "undated": -0.2358,
    "gaps": -0.3629,
    "hedged": -0.2695,
    "log_ratio": -0.5902,
    "precision_units": -0.7714,
    "close": 1.6389,
    "far": -0.2050,
    "rounding": 0.9148,
    "magnitude": 0.1813,
    "cross_currency": -0.0555,
    "same_doc": -0.4874,
    "apart_in_doc": 0.4890,
    "doc_stage_differs": -0.0043,
    "days_apart": -0.4736,
    "evidence": 0.2747,
    "restated": -0.0026,
    "near_copy": 0.0004,
    "same_source": 0.2292,
    "table": 0.1970,
    "both_established": -1.0294,
    "lone_against_many": -0.4402,
    "measure_same": 0.5299,
    "companions_agree": 0.7448,
    "companions_differ": -0.1093,
    "siblings_shared": 0.9521,
    "siblings_disjoint": -0.2013,
    "other_value_beside": -0.8154,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s + set_t + set_u + "
    "set_v + set_w: 42233 pairs (595 true), 2026-12-07"
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
