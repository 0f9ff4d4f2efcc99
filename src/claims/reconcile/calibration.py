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
    "intercept": -1.5987,
    "subject": -0.0740,
    "subject_exact": 0.0365,
    "narrower": 0.1321,
    "both_extra": -0.0428,
    "specific": 0.0540,
    "counted": 0.0910,
    "topic": 0.6417,
    "topic_strong": 0.3345,
    "near": 0.8428,
    "rule_linked": 0.5787,
    "one_account": 0.2537,
    "parties": 0.3943,
    "party_missing": -0.0695,
    "owner_same": 0.4357,
    "owner_differs": 0.0126,
    "owner_differs_strong": -0.4218,
    "owner_missing": -0.4485,
    "head_same": 0.1536,
    "clause": 0.6342,
    "others_differ": -0.2877,
    "same_period": 0.4680,
    "one_dated": -0.1534,
    "undated": -0.2419,
    "gaps": -0.3723,
    "hedged": -0.2180,
    "log_ratio": -0.6509,
    "precision_units": -0.7834,
    "close": 1.6110,
    "far": -0.1666,
    "rounding": 0.9813,
    "magnitude": 0.1065,
    "cross_currency": -0.0603,
    "same_doc": -0.5383,
    "apart_in_doc": 0.4802,
    "doc_stage_differs": -0.0057,
    "days_apart": -0.4690,
    "evidence": 0.2854,
    "restated": -0.0485,
    "near_copy": -0.0096,
    "same_source": 0.2293,
    "table": 0.1812,
    "both_established": -1.1463,
    "lone_against_many": -0.4922,
    "measure_same": 0.5346,
    "companions_agree": 0.7152,
    "companions_differ": -0.1348,
    "siblings_shared": 0.9940,
    "siblings_disjoint": -0.2174,
    "other_value_beside": -0.8027,
}
THRESHOLD: float = 0.955
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n + set_o + set_p + set_q + set_r + set_s + set_t + set_u + "
    "set_v + set_w + set_x + set_y: 46757 pairs (618 true), 2026-12-07"
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
