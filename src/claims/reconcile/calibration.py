"""Weights of the match score (`scoring`) and the default threshold of a finding: data.

Written by `bench/fit_match_score.py` (L2-regularised logistic regression over the candidate findings of the
seed corpus and the development set of real documents, each labelled by its gold file: a candidate matching
a gold finding is 1, anything else 0). Refit and paste its output here when matching changes; never tune a
weight by hand to pass one document.
"""

from __future__ import annotations

WEIGHTS: dict[str, float] = {
    "intercept": -2.0431,
    "close": 0.7188,
    "far": -1.2731,
    "log_ratio": -0.8472,
    "rounding": 1.5029,
    "magnitude": 1.1692,
    "one_party_missing": -1.4474,
    "gaps": -0.4443,
    "generic": -0.3569,
    "specific": 0.3569,
    "one_account": 1.5573,
    "topic_strong": -0.6803,
    "subject_exact": 0.7042,
    "same_source": 0.6641,
}
THRESHOLD: float = 0.274
"""Candidates scoring at least this are findings; the others are possible findings."""
FITTED_ON: str = "seeds + set_a, 169 candidates (11 true), 2026-12-05"
