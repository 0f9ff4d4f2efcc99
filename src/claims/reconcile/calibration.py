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
    "intercept": -1.7340,
    "subject": -0.0339,
    "subject_exact": -0.0285,
    "narrower": 0.2058,
    "both_extra": -0.0297,
    "specific": 0.0759,
    "counted": 0.2273,
    "topic": 0.4508,
    "topic_strong": 0.2707,
    "near": 0.6931,
    "rule_linked": 0.6387,
    "one_account": 0.2638,
    "parties": 0.3409,
    "party_missing": -0.1464,
    "owner_same": 0.3934,
    "owner_differs": -0.0517,
    "owner_differs_strong": -0.4039,
    "owner_missing": -0.3420,
    "head_same": 0.1492,
    "clause": 0.7122,
    "others_differ": -0.3099,
    "same_period": 0.4699,
    "one_dated": -0.1466,
    "undated": -0.1273,
    "gaps": -0.3319,
    "hedged": -0.1523,
    "log_ratio": -0.6410,
    "precision_units": -0.7063,
    "close": 1.6005,
    "far": -0.2435,
    "rounding": 0.9585,
    "magnitude": 0.0872,
    "cross_currency": -0.0463,
    "same_doc": -0.4343,
    "apart_in_doc": 0.4948,
    "doc_stage_differs": -0.0043,
    "days_apart": -0.3982,
    "evidence": 0.2507,
    "restated": 0.0095,
    "near_copy": 0.0217,
    "same_source": 0.2394,
    "table": 0.2999,
    "both_established": -1.0367,
    "lone_against_many": -0.3892,
    "measure_same": 0.6259,
    "companions_agree": 0.6275,
    "companions_differ": -0.1046,
    "siblings_shared": 0.9271,
    "siblings_disjoint": -0.2948,
    "other_value_beside": -0.7930,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s: 34961 pairs (533 "
    "true), 2026-12-07"
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
