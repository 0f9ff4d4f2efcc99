"""A sentence restated in another place (a report quoted by an article, a book repeating itself).

When two claims come from near-identical sentences (the same words once numbers are masked,
`fuzz.ratio >= restated_sentence_ratio`), the words shared by the whole sentence say nothing about which of
its figures is which: "US$100.6 billion FDI ... US$21.3 billion intra-ASEAN" restated elsewhere would set
the first figure of one against the second of the other. For such pairs:

- a figure compares only with the figure in the same role in the other sentence: the same position among
  the sentence's figures of its dimension family, or, when the two sentences do not hold the same number of
  figures of that family, a figure whose own nearby words (a few words before and after the number) agree;
- a sentence restated with other years ("Based on the data from ERIA in 2016, ... 38 percent ...; 23 percent
  at the intermediate level" vs the same survey sentence for 2017) restates another period: none of its
  figures, dated or not, compares with the other sentence's;
- the same sentence word for word (numbers aside), its figures in the same role and of compatible parties
  (the usual party, facility and counted-noun rules still apply), is one statement: one quantity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from claims.types import Claim

from .sentences import line_ids, row_groups

_NUMBER_RE = re.compile(
    r"""
    \d+(?:[.,]\d+)*   # a figure or a year, with its separators
    """,
    re.VERBOSE,
)
_YEAR_RE = re.compile(
    r"""
    (?<![\d.,])        # not inside a longer number
    (?:1[89]|20)\d\d   # 1800-2099
    (?![\d.,]\d)
    """,
    re.VERBOSE,
)
_SPACE_RE = re.compile(r"\s+")
LOCAL_WORDS = 4  # words on each side of a number that name what it measures


def masked(sentence: str) -> str:
    """The sentence with every number (years included) masked, lower case, spaces collapsed.

    >>> masked("In 2024, ASEAN recorded a GDP of about US$3.8 trillion.")
    'in 0, asean recorded a gdp of about us$0 trillion.'
    """
    return _SPACE_RE.sub(" ", _NUMBER_RE.sub("0", sentence.lower())).strip()


def sentence_years(sentence: str) -> frozenset[int]:
    """Years written in a sentence.

    >>> sorted(sentence_years("Based on the data from ERIA in 2016, 38 percent ... 1,995 firms"))
    [2016]
    """
    return frozenset(int(m.group()) for m in _YEAR_RE.finditer(sentence))


def local_text(left: str, right: str, words: int = LOCAL_WORDS) -> str:
    """The few words right before and after a number, numbers masked.

    >>> local_text("has reached 38 percent at the basic level, which", "")
    'the basic level, which'
    >>> local_text("digital engagement has reached", "at the basic level")
    'digital engagement has reached at the basic level'
    """
    return masked(" ".join(left.split()[-words:] + right.split()[:words]))


def roles(claims: Sequence[Claim], family: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position among its sentence's claims of the same family, how many there are) per claim; `family`
    holds a code a claim, equal for equal families (`ClaimTable.family.codes`)."""
    ids = line_ids(claims)  # rows grouped over arrays: no dictionary entry a sentence, no copy of its text
    role = np.zeros(len(claims), dtype=np.int32)
    count = np.ones(len(claims), dtype=np.int32)
    for rows in row_groups(ids.doc, ids.start, ids.sentence, family):
        rows.sort(key=lambda r: (claims[r].char_start, claims[r].char_end, claims[r].claim_id))
        for k, r in enumerate(rows):
            role[r], count[r] = k, len(rows)
    return role, count


def restated(shape_a: str, shape_b: str, threshold: float) -> bool:
    """Two masked sentences close enough to be one sentence restated."""
    if not shape_a or not shape_b:
        return False
    return shape_a == shape_b or fuzz.ratio(shape_a, shape_b, score_cutoff=threshold) >= threshold


_LEADING_LABEL = re.compile(r"^[^:]{2,60}:\s*")


def parallel_rows(shape_a: str, shape_b: str, threshold: float) -> bool:
    """Two number-masked sentences that are one pattern once a leading row label is set aside: within one
    document these are parallel rows of a list or table ("Leeds: 41.2% (up from 30.5% at noon)", "York:
    44.0% (up from 35.1% at noon)"); a writer restating one figure in the same words gives the same figure.

    >>> parallel_rows("leeds: 0.0% (up from 0.0% at noon)", "0.0% (up from 0.0% at noon)", 90)
    True
    >>> parallel_rows("north yorkshire: 0.0% (up from 0.0%)", "leeds: 0.0% (up from 0.0%)", 90)
    True
    >>> parallel_rows("the unity front won 0 seats.", "the farmers party took 0 seats in the north.", 90)
    False
    >>> parallel_rows("trust in japan: 0.0%", "trust in japan: 0.0%", 90)  # one row stated twice
    False
    """
    if not shape_a or not shape_b or shape_a == shape_b:
        return False  # one pattern with one label (or none): one row restated, left to the other rules
    label_a, label_b = _LEADING_LABEL.match(shape_a), _LEADING_LABEL.match(shape_b)
    if label_a is None and label_b is None:
        return False
    a, b = _LEADING_LABEL.sub("", shape_a), _LEADING_LABEL.sub("", shape_b)
    return a == b or fuzz.ratio(a, b, score_cutoff=threshold) >= threshold


def same_role(
    role_a: int, count_a: int, role_b: int, count_b: int, local_a: str, local_b: str, threshold: float
) -> bool:
    """Do two figures of restated sentences play the same role (see the module docstring)?

    >>> same_role(0, 3, 1, 3, "x", "x", 80.0), same_role(1, 3, 1, 3, "a", "b", 80.0)
    (False, True)
    >>> same_role(0, 2, 1, 3, "at the intermediate level", "at the intermediate level", 80.0)
    True
    """
    if count_a == count_b:
        return role_a == role_b
    return fuzz.ratio(local_a, local_b) >= threshold
