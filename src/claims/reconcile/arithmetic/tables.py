"""Table rows whose stated change is not what the row's own figures give.

A results table states each line's figures per period and a change column ("Net Income | 29,760 | 4,368 |
9,752 | 644.2% | +584.3%" under "Metric | FY 2024 | FY 2023 | FY 2022 | YoY Change | QoQ Change"). The column
a percent sits in is the last part of its subject ("Key Metrics: YoY Change"), as the extractor writes a
table cell's subject. The rules of `COLUMN_RULES`, in order, say which two figures of the row the column
compares:

- a year-on-year column (YoY, Y/Y, year over year): the figure of the row's latest period against the one
  of the year before it, each the only figure of its period in the row;
- a change column that names no period ("% change", "Growth"): the row's two figures, when it has exactly
  two, dated apart, older to newer.

A quarter-on-quarter, month-on-month, multi-year or versus-forecast column is not read (the rows carry years,
not quarters). A cell in brackets ("(4%)") may be a fall written the accountants' way: either sign holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claims.types import Claim, Conflict, Kind

from ..rules import MatchRules
from ..sentences import Placed
from . import cues
from .figures import change_percent, holds, point, same_unit
from .findings import WITHIN_LINE, arithmetic_finding, computed_text, describe
from .layout import Document, Line

VALUE_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.MEASURE, Kind.OTHER})


def _column(claim: Claim) -> str:
    """The header of a cell's column: the last part of its subject ('Key Metrics: YoY Change')."""
    return claim.subject.rpartition(":")[2] if ":" in claim.subject else claim.subject


def _dated_values(line: Line) -> list[Placed]:
    return [
        p
        for p in line.claims
        if Kind(p.claim.kind) in VALUE_KINDS
        and p.claim.value is not None
        and p.claim.period_start is not None
        and p.claim.period_start == p.claim.period_end
    ]


def year_on_year(line: Line, cell: Placed) -> tuple[Placed, Placed] | None:
    """'YoY Change': the latest year's figure against the year before's.

    >>> cues.column_compares_years("YoY Change")
    True
    """
    if not cues.column_compares_years(_column(cell.claim)):
        return None
    values = _dated_values(line)
    if not values:
        return None
    latest = max(p.claim.period_start or 0 for p in values)
    current = [p for p in values if p.claim.period_start == latest]
    base = [p for p in values if p.claim.period_start == latest - 1]
    if len(current) != 1 or len(base) != 1 or not same_unit(current[0].claim, base[0].claim):
        return None
    return base[0], current[0]


def plain_change(line: Line, cell: Placed) -> tuple[Placed, Placed] | None:
    """'% change' in a row of exactly two figures dated apart, older to newer."""
    header = _column(cell.claim)
    if cues.column_compares_years(header) or not cues.column_is_plain_change(header):
        return None
    values = _dated_values(line)
    if len(values) != 2 or not same_unit(values[0].claim, values[1].claim):
        return None
    older, newer = sorted(values, key=lambda p: p.claim.period_start or 0)
    if older.claim.period_start == newer.claim.period_start:
        return None
    return older, newer


COLUMN_RULES: tuple[Callable[[Line, Placed], tuple[Placed, Placed] | None], ...] = (
    year_on_year,
    plain_change,
)


def _label(line: Line) -> str:
    """The row's first cell ('Net Income (USD Millions)')."""
    return cues.CELL_SPLIT.split(line.text.strip(), maxsplit=1)[0].strip(" |")


def _bracketed(line: Line, cell: Placed) -> bool:
    """A cell written in brackets ('(4%)'), the accountants' way of writing a fall."""
    surface = cell.claim.surface.strip()
    if surface.startswith("(") and surface.endswith(")"):
        return True
    return line.text[max(0, cell.start - 1) : cell.start] == "(" and line.text[cell.end : cell.end + 1] == ")"


def change_columns(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    """Every change cell of a table row that the row's own figures contradict."""
    for line in document.lines:
        if not line.is_row:
            continue
        for cell in line.claims:
            claim = cell.claim
            if Kind(claim.kind) is not Kind.PERCENT or "point" in (claim.unit or "") or claim.value is None:
                continue
            pair = next((found for rule in COLUMN_RULES if (found := rule(line, cell)) is not None), None)
            if pair is None:
                continue
            x, y = pair[0].claim, pair[1].claim
            if (point(x) or 0.0) <= 0:
                continue
            face, spread = change_percent(x, y)
            signs = (1.0, -1.0) if _bracketed(line, cell) else (1.0,)
            if any(holds(claim, face, spread, sign=sign, gap=rules.restatement_gap) for sign in signs):
                continue
            statement = (
                f"in the row '{_label(line)}', {describe(x)} to {describe(y)} is a change of "
                f"{computed_text(face, claim, signed=True)}, not the stated {claim.surface.strip()}."
            )
            yield arithmetic_finding(
                claim, [x, y], face, statement, rules, reach=WITHIN_LINE, check="table change column"
            )
