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
    "intercept": -1.7914,
    "subject": -0.0448,
    "subject_exact": -0.1322,
    "narrower": 0.2073,
    "both_extra": 0.0002,
    "specific": 0.0848,
    "counted": 0.2536,
    "topic": 0.4902,
    "topic_strong": 0.3026,
    "near": 0.6168,
    "rule_linked": 0.6349,
    "one_account": 0.2568,
    "parties": 0.3422,
    "party_missing": -0.1304,
    "owner_same": 0.4181,
    "owner_differs": -0.0805,
    "owner_differs_strong": -0.3254,
    "owner_missing": -0.3377,
    "head_same": 0.1670,
    "clause": 0.7342,
    "others_differ": -0.2491,
    "same_period": 0.4387,
    "one_dated": -0.1737,
    "undated": -0.0912,
    "gaps": -0.2848,
    "hedged": -0.0037,
    "log_ratio": -0.5906,
    "precision_units": -0.7210,
    "close": 1.6658,
    "far": -0.3397,
    "rounding": 0.8455,
    "magnitude": -0.2010,
    "cross_currency": -0.0381,
    "same_doc": -0.3517,
    "apart_in_doc": 0.5114,
    "doc_stage_differs": -0.0044,
    "days_apart": -0.4235,
    "evidence": 0.2598,
    "restated": 0.0175,
    "near_copy": 0.0302,
    "same_source": 0.2348,
    "table": 0.3221,
    "both_established": -0.9850,
    "lone_against_many": -0.3878,
    "measure_same": 0.4911,
    "companions_agree": 0.5726,
    "companions_differ": -0.0375,
    "siblings_shared": 0.9067,
    "siblings_disjoint": -0.3807,
    "other_value_beside": -0.7303,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r: 32440 pairs (484 true), "
    "2026-12-06"
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
