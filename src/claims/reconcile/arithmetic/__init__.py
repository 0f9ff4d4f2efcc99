"""Statements whose own numbers do not add up: stated changes, multiples, totals, shares and distances.

Each check reads a document's lines (sentences and table rows, in reading order) and reports a stated figure
that its own operands contradict, at the precision and with the hedge it is written with (`figures`):

- `changes.within_line`: a % change, percentage points, a multiple or an amount against the two figures it
  compares in its own sentence ("from 8.1 billion yen ... to 18.1 billion yen – an increase of over 125 per
  cent");
- `tables.change_columns`: a table row's change cell against the row's own figures ("Net Income | 29,760 |
  4,368 | 644.2%" under "FY 2024 | FY 2023 | YoY Change");
- `totals.totals`: a total against the parts listed for it, in its sentence or the next ("1,107,541
  vaccinations in all. The doses were distributed by region as follows: ...");
- `shares.share_statements`: a share against the part and whole written before it ("614.7 million of the
  total 911.9 million voters had voted, putting the turnout at 67.4 per cent");
- `thresholds.distances`: a distance to a majority against the level and the majority the document states;
- `across.across_neighbours`: a change stated next to one figure, against the figure a period apart in the
  line before or after;
- `across.across_lines`: an amount stated alone as a change against the two levels the lines before give.

Statements without the cue words are left alone: a missing finding costs less than a false one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

from claims.types import Claim, Conflict

from ..rules import MatchRules
from . import across, changes, shares, tables, thresholds, totals
from .layout import Document, documents

Check = Callable[[Document, MatchRules], Iterable[Conflict]]
CHECKS: tuple[Check, ...] = (
    changes.within_line,
    tables.change_columns,
    totals.totals,
    shares.share_statements,
    thresholds.distances,
    across.across_neighbours,
    across.across_lines,
)


def _operands(conflict: Conflict) -> list[str]:
    operands = conflict.details.get("operands", [])
    return [str(o) for o in operands] if isinstance(operands, list) else []


def find_arithmetic_conflicts(
    claims: Sequence[Claim], rules: MatchRules, focus_rows: Collection[int] | None = None
) -> list[Conflict]:
    """Arithmetic findings, one per stated figure that its own operands contradict.

    With `focus_rows` only documents holding a focus claim are read, and only findings that involve a focus
    claim (as the stated figure or an operand) are kept.
    """
    found: dict[str, Conflict] = {}
    for document in documents(claims, focus_rows):
        for check in CHECKS:
            for conflict in check(document, rules):
                # one finding per stated figure: the first check that reads it decides
                if not any(c.claim_a == conflict.claim_a for c in found.values()):
                    found[conflict.conflict_id] = conflict
    result = list(found.values())
    if focus_rows is not None:
        focus_ids = {claims[r].claim_id for r in focus_rows}
        result = [
            c
            for c in result
            if c.claim_a in focus_ids or c.claim_b in focus_ids or focus_ids.intersection(_operands(c))
        ]
    return result


def listed_parts(claims: Sequence[Claim]) -> set[int]:
    """Rows of claims listed as parts of a stated total in their own sentence ("8 frigates (four in Japan
    and four in Indonesia)").

    A part measures a share of the quantity, not the quantity: reconciliation does not set it against other
    statements of the whole.
    """
    rows: set[int] = set()
    for document in documents(claims):
        rows |= totals.listed_part_rows(document)
    return rows


__all__ = ["find_arithmetic_conflicts", "listed_parts"]
