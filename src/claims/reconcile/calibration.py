"""Weights of the match score (`scoring`) and the default threshold of a finding: data.

Written by `bench/fit_match_score.py` (L2-regularised logistic regression over the candidate findings of the
seed corpus and the development set of real documents, each labelled by its gold file: a candidate matching
a gold finding is 1, anything else 0). Refit and paste its output here when matching changes; never tune a
weight by hand to pass one document.
"""

from __future__ import annotations

WEIGHTS: dict[str, float] = {
    "intercept": -2.6035,
    "close": 0.9872,
    "far": -1.3323,
    "log_ratio": -0.9781,
    "rounding": 1.5517,
    "magnitude": 0.7991,
    "same_doc": 1.7154,
    "one_party_missing": -1.5333,
    "gaps": -0.3454,
    "generic": -0.4538,
    "specific": 0.4538,
    "same_period": -0.6261,
}
THRESHOLD: float = 0.175
"""Candidates scoring at least this are findings; the others are possible findings."""
FITTED_ON: str = "seeds + set_a, 172 candidates (11 true), 2026-12-05"
