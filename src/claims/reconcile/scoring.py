"""A calibrated match score for each candidate finding: how likely the two sides measure the same thing.

The rules (`match`, `facets`) decide which pairs may be compared at all; among those, a logistic model over
a few match features gives the probability that a reader would call the pair one quantity. Findings at or
above the report's threshold are reported; those below are kept as *possible* findings (their own tier,
never dropped, not counted in the headline figures). The weights are data (`calibration`), fitted by
`bench/fit_match_score.py` on the seeds and the development set of real documents; at run time this is a
dot product and a sigmoid (plain numpy).

Features (each 0..1 unless said otherwise):

- `subject`: rapidfuzz token_set_ratio of the two subjects / 100; `topic`: idf cosine of the words around the
  two numbers; `specific`: both subjects say what is measured beyond the counted noun;
- `same_doc`: both sides in one document; `dated`: both sides carry a period; `same_period`: both dated and
  equal;
- `gaps`: facets one side gives and the other does not (stage, grain, as-of, class, soft scope), counted;
- `parties`: both name the same places; `one_party_missing`: one side names a place, the other none;
- `log_ratio`: |log10(a/b)| of the two values (large differences look like two different quantities);
- `restated`: the two sentences are one sentence restated (numbers masked);
- `counted`: both are counts of the same counted noun; `cross_currency`; `rounding`, `magnitude`: the
  disagreement kind;
- `owner_differs`: the parties named nearest before the two numbers differ; `owner_missing`: a side names
  none; `generic`: a side's subject does not say what is measured beyond its counted noun;
- `far`: the values are more than twice apart (not a 10^3 slip); `close`: within 12% of each other;
- `one_account`: one document's own account of one figure (`match.same_owned_count`, `same_cited_figure`);
  `topic_strong`: the words around both numbers agree strongly; `subject_exact`: the subjects agree word for
  word; `same_source`: both cite the same reference entry.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from claims.context.facets import Facets, facet_gaps, same_owner

from .match import same_cited_figure, same_owned_count, strong_subject
from .normalize import ClaimTable
from .rules import MatchRules

FAR = math.log10(2.0)  # values more than twice apart: more often two quantities than one contradiction
CLOSE = math.log10(1.12)  # within 12%: the usual distance of a restatement gone wrong

FEATURES: tuple[str, ...] = (
    "subject",
    "topic",
    "specific",
    "same_doc",
    "dated",
    "same_period",
    "gaps",
    "parties",
    "one_party_missing",
    "log_ratio",
    "restated",
    "counted",
    "cross_currency",
    "rounding",
    "magnitude",
    "owner_differs",
    "owner_missing",
    "generic",
    "far",
    "close",
    "one_account",
    "topic_strong",
    "subject_exact",
    "same_source",
)


def pair_features(
    table: ClaimTable, a: int, b: int, *, subject_score: float, cosine: float, kind: str, rules: MatchRules
) -> dict[str, float]:
    """The match features of rows a and b (see the module docstring)."""
    fa, fb = table.interned[table.facets_id[a]], table.interned[table.facets_id[b]]
    if not (isinstance(fa, Facets) and isinstance(fb, Facets)):
        fa = fb = Facets()
    gaps = len(facet_gaps(fa, fb))
    places_a, places_b = table.interned[table.places_id[a]], table.interned[table.places_id[b]]
    dated_a, dated_b = table.period_start[a] >= 0, table.period_start[b] >= 0
    same_period = (
        dated_a
        and dated_b
        and (table.period_start[a], table.period_end[a]) == (table.period_start[b], table.period_end[b])
    )
    va, vb = abs(float(table.point[a])), abs(float(table.point[b]))
    cross = table.unit[a] != table.unit[b]
    if cross:
        va, vb = abs(float(table.usd_point[a])), abs(float(table.usd_point[b]))
    log_ratio = abs(math.log10(va / vb)) if va > 0 and vb > 0 and not math.isnan(va + vb) else 0.0
    counted_a, counted_b = table.interned[table.counted_id[a]], table.interned[table.counted_id[b]]
    cites_a, cites_b = table.interned[table.cites_id[a]], table.interned[table.cites_id[b]]
    return {
        "subject": subject_score / 100,
        "topic": 0.0 if math.isnan(cosine) else cosine,
        "specific": float(bool(table.specific[a] and table.specific[b])),
        "same_doc": float(table.doc_id[a] == table.doc_id[b]),
        "dated": float(dated_a and dated_b),
        "same_period": float(same_period),
        "gaps": float(gaps),
        "parties": float(bool(places_a) and places_a == places_b),
        "one_party_missing": float(bool(places_a) != bool(places_b)),
        "log_ratio": min(log_ratio, 3.0) if kind != "magnitude_mismatch" else 0.0,
        "restated": float(table.shape_id[a] == table.shape_id[b]),
        "counted": float(bool(counted_a) and counted_a == counted_b),
        "cross_currency": float(cross),
        "rounding": float(kind == "rounding"),
        "magnitude": float(kind == "magnitude_mismatch"),
        "owner_differs": float(not same_owner(fa.owner, fb.owner)),
        "owner_missing": float(not (fa.owner and fb.owner)),
        "generic": float(not (table.specific[a] and table.specific[b])),
        "far": float(kind != "magnitude_mismatch" and log_ratio > FAR),
        "close": float(kind != "magnitude_mismatch" and log_ratio <= CLOSE),
        "one_account": float(same_owned_count(table, a, b) or same_cited_figure(table, a, b, rules)),
        "topic_strong": float(not math.isnan(cosine) and cosine >= rules.topic_strong),
        "subject_exact": float(strong_subject(table, a, b, rules)),
        "same_source": float(bool(cites_a) and bool(cites_a & cites_b)),  # type: ignore[operator]
    }


def match_probability(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """sigmoid(intercept + sum of weight * feature); features absent from `weights` weigh nothing.

    >>> round(match_probability({"subject": 1.0}, {"intercept": -1.0, "subject": 2.0}), 3)
    0.731
    """
    z = weights.get("intercept", 0.0)
    z += sum(weights.get(name, 0.0) * value for name, value in features.items())
    return float(1 / (1 + np.exp(-z)))


__all__ = ["FEATURES", "match_probability", "pair_features"]
