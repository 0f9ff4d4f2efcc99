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
    "intercept": -1.7484,
    "subject": -0.0403,
    "subject_exact": -0.0040,
    "narrower": 0.1740,
    "both_extra": -0.0308,
    "specific": 0.0182,
    "counted": 0.2009,
    "topic": 0.5539,
    "topic_strong": 0.3189,
    "near": 0.7517,
    "rule_linked": 0.5970,
    "one_account": 0.2700,
    "parties": 0.3749,
    "party_missing": -0.1464,
    "owner_same": 0.4582,
    "owner_differs": -0.0152,
    "owner_differs_strong": -0.4307,
    "owner_missing": -0.4432,
    "head_same": 0.1757,
    "clause": 0.7147,
    "others_differ": -0.2637,
    "same_period": 0.4357,
    "one_dated": -0.1577,
    "undated": -0.1985,
    "gaps": -0.3509,
    "hedged": -0.2674,
    "log_ratio": -0.5670,
    "precision_units": -0.7210,
    "close": 1.6008,
    "far": -0.1967,
    "rounding": 0.9455,
    "magnitude": 0.2543,
    "cross_currency": -0.0620,
    "same_doc": -0.4879,
    "apart_in_doc": 0.5047,
    "doc_stage_differs": -0.0043,
    "days_apart": -0.4278,
    "evidence": 0.2736,
    "restated": 0.0029,
    "near_copy": 0.0161,
    "same_source": 0.2455,
    "table": 0.2363,
    "both_established": -0.9954,
    "lone_against_many": -0.3472,
    "measure_same": 0.5695,
    "companions_agree": 0.6277,
    "companions_differ": -0.1105,
    "siblings_shared": 0.9522,
    "siblings_disjoint": -0.2948,
    "other_value_beside": -0.8256,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s + set_t + set_u: "
    "38022 pairs (566 true), 2026-12-07"
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
