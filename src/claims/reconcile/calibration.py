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
    "intercept": -1.8464,
    "subject": -0.0564,
    "subject_exact": -0.1740,
    "narrower": 0.1662,
    "both_extra": 0.0283,
    "specific": 0.0289,
    "counted": 0.1965,
    "topic": 0.5404,
    "topic_strong": 0.3462,
    "near": 0.5501,
    "rule_linked": 0.5714,
    "one_account": 0.2661,
    "parties": 0.4596,
    "party_missing": -0.0945,
    "owner_same": 0.4027,
    "owner_differs": -0.1265,
    "owner_differs_strong": -0.2597,
    "owner_missing": -0.2763,
    "head_same": 0.1822,
    "clause": 0.7064,
    "others_differ": -0.3082,
    "same_period": 0.4516,
    "one_dated": -0.1390,
    "undated": -0.0904,
    "gaps": -0.2501,
    "hedged": 0.1474,
    "log_ratio": -0.6012,
    "precision_units": -0.6870,
    "close": 1.5938,
    "far": -0.4551,
    "rounding": 0.7468,
    "magnitude": -0.0909,
    "cross_currency": -0.0497,
    "same_doc": -0.3975,
    "apart_in_doc": 0.5100,
    "doc_stage_differs": -0.0046,
    "days_apart": -0.5726,
    "evidence": 0.3964,
    "restated": 0.0137,
    "near_copy": 0.0379,
    "same_source": 0.2411,
    "table": 0.3004,
    "both_established": -0.8678,
    "lone_against_many": -0.2868,
    "measure_same": 0.4534,
    "companions_agree": 0.6781,
    "companions_differ": 0.0302,
    "siblings_shared": 0.9222,
    "siblings_disjoint": -0.3316,
    "other_value_beside": -0.6656,
}
THRESHOLD: float = 0.950
"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""
FLOOR: float = 0.050
FITTED_ON: str = (
    "seeds + set_a + set_b + set_c + set_d + set_e + set_f + set_g + set_h + set_i + set_j + "
    "set_k + set_l + set_m + set_n: 27797 pairs (439 true), 2026-12-06"
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
