"""A stated share against the part and the whole the same sentence gives for it.

"In 2019, 614.7 million of the total 911.9 million voters had voted, putting the turnout at 67.4 per cent":
the part (614.7 million) is written "of" the whole (911.9 million), and a percent follows with a word that
makes it their share (turnout, "a share of", "or", "accounting for"; not "a vote share" after seats). The
share is read at the precision of all three figures (`figures.holds`). A percent that is itself a change,
or one with another figure of the unit between it and the whole, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.types import Conflict, Kind

from ..rules import MatchRules
from ..sentences import Placed
from .changes import statement_of
from .figures import Bounds, holds, operand_bounds, point, same_unit
from .findings import WITHIN_LINE, arithmetic_finding, computed_text, describe
from .layout import Document, Line

PART_OF = re.compile(
    r"""^\s+(?:\w+\s+){0,2}?                        # "614.7 million (voters)"
    (?:of|out\s+of)\s+
    (?:(?:the|a|an|all)\s+)?(?:\w+\s+){0,2}?(?:of\s+)?$   # "of the total", "of a total electorate of"
    """,
    re.VERBOSE | re.IGNORECASE,
)
SHARE_CUE = re.compile(
    r"""\b(?:turnout|coverage|or|i\.e\.|that\s+is|accounting\s+for|representing|equal\s+to|making\s+up|
         (?:a|the|its|their)\s+(?:share|proportion|percentage))\b   # not "a vote share": a share of votes
    """,
    re.VERBOSE | re.IGNORECASE,
)
SHARE_KINDS = frozenset({Kind.COUNT, Kind.MONEY, Kind.MEASURE, Kind.OTHER})
# Units a count of which is no electorate: "counted in 267 of 276 constituencies, turnout at 60.9%" gives the
# progress of the count and, apart, the turnout of voters.
TERRITORIAL = re.compile(
    r"\b(?:constituenc|district|count(?:y|ies)|state|province|region|seat|ward|precinct|municipalit|"
    r"polling|station|booth|centre|center|unit|riding|parish|commune|prefecture)",
    re.IGNORECASE,
)
MAX_GAP = 90  # characters between the whole and its share


def is_part_of(words: str) -> bool:
    """The words between a part and its whole ("614.7 million of the total 911.9 million").

    >>> is_part_of(" of the total ")
    True
    >>> is_part_of(" of a total electorate of ")
    True
    >>> is_part_of(" and ")
    False
    """
    return bool(PART_OF.match(words))


def names_share(words: str) -> bool:
    """The words between the whole and a percent make the percent their share.

    >>> names_share(" voters had voted, putting the average voter turnout at ")
    True
    >>> names_share(" seats saw the number of voters rise by ")
    False
    >>> names_share(" seats that vote tomorrow, with a vote share of ")
    False
    """
    return bool(SHARE_CUE.search(words))


def measures_other_units(words: str, whole: Placed) -> bool:
    """The percent is named as a turnout while the whole counts places or seats, not voters.

    >>> import dataclasses
    >>> from claims.reconcile.arithmetic.figures import figure
    >>> def whole(counted): return Placed(0, dataclasses.replace(figure("276", 276.0), counted=counted), 0, 3)
    >>> measures_other_units(" constituencies and voter turnout at ", whole("constituency"))
    True
    >>> measures_other_units(" registered voters, a turnout of ", whole("voter"))
    False
    """
    if not re.search(r"\bturnout\b", words, re.IGNORECASE):
        return False
    counted = whole.claim.counted or ""
    return bool(TERRITORIAL.search(counted))


def _shares(line: Line) -> Iterator[tuple[Placed, Placed, Placed]]:
    """(part, whole, stated share) triples of a line."""
    for k, part in enumerate(line.claims[:-2]):
        whole = line.claims[k + 1]
        if (
            Kind(part.claim.kind) not in SHARE_KINDS
            or not same_unit(part.claim, whole.claim)
            or not is_part_of(line.between(part, whole))
            or not 0 < (point(part.claim) or 0.0) < (point(whole.claim) or 0.0)
        ):
            continue
        share = line.claims[k + 2]
        gap = line.between(whole, share)
        if (
            Kind(share.claim.kind) is Kind.PERCENT
            and "point" not in (share.claim.unit or "")
            and len(gap) <= MAX_GAP
            and names_share(gap)
            and ";" not in gap
            and statement_of(line, share) is None
            and not measures_other_units(gap, whole)
        ):
            yield part, whole, share


def share_statements(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    """Every stated share its own part and whole contradict."""
    for line in document.lines:
        for part, whole, share in _shares(line):
            a, t = operand_bounds(part.claim), operand_bounds(whole.claim)
            face = (point(part.claim) or 0.0) / (point(whole.claim) or 1.0) * 100
            spread = Bounds(a.low / t.high * 100, a.high / max(t.low, 1e-12) * 100)
            if holds(share.claim, face, spread, gap=rules.restatement_gap):
                continue
            statement = (
                f"{describe(part.claim, period=False)} of {describe(whole.claim, period=False)} is "
                f"{computed_text(face, share.claim)}, not {describe(share.claim, period=False)}."
            )
            yield arithmetic_finding(
                share.claim,
                [part.claim, whole.claim],
                face,
                statement,
                rules,
                reach=WITHIN_LINE,
                check="share",
            )
