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
    "intercept": -1.8820,
    "subject": -0.0640,
    "subject_exact": -0.1482,
    "narrower": 0.2170,
    "both_extra": 0.0175,
    "specific": 0.0357,
    "counted": 0.2398,
    "topic": 0.5668,
    "topic_strong": 0.3065,
    "near": 0.6721,
    "rule_linked": 0.5955,
    "one_account": 0.2631,
    "parties": 0.3205,
    "party_missing": -0.0700,
    "owner_same": 0.4634,
    "owner_differs": -0.0871,
    "owner_differs_strong": -0.2995,
    "owner_missing": -0.3765,
    "head_same": 0.1899,
    "clause": 0.7178,
    "others_differ": -0.2040,
    "same_period": 0.3920,
    "one_dated": -0.1349,
    "undated": -0.0587,
    "gaps": -0.2434,
    "hedged": 0.0884,
    "log_ratio": -0.6161,
    "precision_units": -0.7434,
    "close": 1.6056,
    "far": -0.4710,
    "rounding": 0.8282,
    "magnitude": -0.2043,
    "cross_currency": -0.0418,
    "same_doc": -0.4277,
    "apart_in_doc": 0.5281,
    "doc_stage_differs": -0.0046,
    "days_apart": -0.5319,
    "evidence": 0.3058,
    "restated": 0.0179,
    "near_copy": 0.0303,
    "same_source": 0.2418,
    "table": 0.3695,
    "both_established": -0.9487,
    "lone_against_many": -0.2660,
    "measure_same": 0.4690,
    "companions_agree": 0.6716,
    "companions_differ": -0.0102,
    "siblings_shared": 0.9138,
    "siblings_disjoint": -0.3648,
    "other_value_beside": -0.6753,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p: 29983 pairs (480 true), 2026-12-06"
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
