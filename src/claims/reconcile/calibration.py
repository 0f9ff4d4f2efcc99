"""Weights of the match score (`scoring`) and the default threshold of a finding: data.

Written by `bench/fit_match_score.py` (L2-regularised logistic regression over the candidate findings of the
seed corpus and the development set of real documents, each labelled by its gold file: a candidate matching
a gold finding is 1, anything else 0). Refit and paste its output here when matching changes; never tune a
weight by hand to pass one document.
"""

from __future__ import annotations

WEIGHTS: dict[str, float] = {
    # provisional, before the first fit: reported findings keep their rank, nothing falls below the threshold
    "intercept": 1.0,
    "subject": 1.0,
    "topic": 1.0,
    "gaps": -0.3,
}
THRESHOLD: float = 0.5
"""Candidates scoring at least this are findings; the others are possible findings."""
FITTED_ON: str = "not fitted yet"
