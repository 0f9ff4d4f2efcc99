"""Stated changes whose figures are in the sentences around them, reported only as near misses.

Two sentences may measure two things, so these rules ask for more: the figures must be dated a period apart
and the stated change must miss what they give by less than a quarter (a slip, not another quantity).

- `across_neighbours`: a change stated next to one figure, against the one figure a period apart in the
  sentence before or after ("The actuals for 2023-24 were Rs 1,96,886 crore, which makes a rise of 11.6 per
  cent" after "The budgeted amount for 2024-25 is Rs 2,19,643 crore");
- `across_lines`: an amount stated alone as a change ("at least 30 million more people voted") against the
  levels of the lines before it that share its words, when the statement's period and the latest earlier
  period are both stated there.
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.types import Claim, Conflict

from ..rules import MatchRules
from ..sentences import Placed
from . import cues
from .changes import OPERAND_RULES, Change, Statement, check_chain, operands_of, statement_of
from .figures import difference, holds, point, same_unit
from .findings import DOCUMENT, NEIGHBOUR_LINES, arithmetic_finding, computed_text, describe
from .layout import Document, Line

ACROSS_REACH = 900  # characters back from a lone statement to look for its two levels
NEAR_MISS = 0.25  # a statement read across sentences is reported only this near what its figures give


def _own_level(line: Line, statement: Statement) -> Placed | None:
    """The one figure the statement is the change of, right next to it: 'were Rs 1,96,886 crore, which
    makes a rise of 11.6 per cent', 'a rise of 11.6 per cent to Rs 2,19,643 crore'."""
    operands = operands_of(line, statement)
    if len(operands) != 1:
        return None
    level = operands[0]
    if level.end <= statement.placed.start:
        gap = line.text[level.end : statement.placed.start]
        ok = len(gap) <= 40 and not cues.breaks_clause(gap)
    else:
        gap = line.text[statement.placed.end : level.start]
        ok = len(gap) <= 30 and cues.leads_to_figure(gap)
    between = [p for p in line.claims if p is not level and p is not statement.placed]
    near = [p for p in between if min(abs(p.start - level.end), abs(level.start - p.end)) < len(gap)]
    return level if ok and not near else None


def _year(claim: Claim) -> int | None:
    return claim.period_end if claim.period_end is not None else claim.period_start


def _span(claim: Claim) -> int | None:
    if claim.period_start is None or claim.period_end is None:
        return None
    return claim.period_end - claim.period_start


def _neighbour_base(document: Document, k: int, level: Placed) -> Placed | None:
    """The one figure of the unit, dated a period before or after the level, in the line before or after."""
    lines = [document.lines[k - 1]] if k and document.next_line(k - 1) is document.lines[k] else []
    following = document.next_line(k)
    lines += [following] if following is not None else []
    year, span = _year(level.claim), _span(level.claim)
    if year is None:
        return None
    found = [
        p
        for other in lines
        for p in other.claims
        if same_unit(p.claim, level.claim)
        and _is_level(other, p)
        and _span(p.claim) == span
        and abs((_year(p.claim) or 0) - year) == 1
    ]
    return found[0] if len(found) == 1 else None


def across_neighbours(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    """A change stated next to one figure whose other figure is in the line before or after, a period
    apart ('The actuals for 2023-24 were Rs 1,96,886 crore, which makes a rise of 11.6 per cent' after 'The
    budgeted amount for 2024-25 is Rs 2,19,643 crore'). Two sentences may measure two things: only a near
    miss (within a quarter of the stated figure) is reported."""
    for k, line in enumerate(document.lines):
        for placed in line.claims:
            statement = statement_of(line, placed)
            if statement is None or any(rule(line, statement) for rule in OPERAND_RULES):
                continue  # not a change, or its own line gives its figures
            level = _own_level(line, statement)
            base = _neighbour_base(document, k, level) if level is not None else None
            if level is None or base is None:
                continue
            pair = sorted([level, base], key=lambda p: _year(p.claim) or 0)
            found = check_chain(statement, pair, rules, reach=NEIGHBOUR_LINES)
            # figures in two sentences may measure two things: only a near miss is a slip
            if found is not None and (found.relative_difference or 0.0) <= NEAR_MISS:
                yield found


def _is_level(line: Line, placed: Placed) -> bool:
    return statement_of(line, placed) is None and not cues.is_change_amount(line.before(placed, 20))


def across_lines(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    """An amount stated alone as a change ("at least 30 million more people voted"), read against the
    levels of the lines before it."""
    for k, line in enumerate(document.lines):
        if line.is_row:
            continue
        for placed in line.claims:
            statement = statement_of(line, placed)
            if statement is None or statement.change is not Change.AMOUNT:
                continue
            claim = statement.claim
            if any(p is not placed and same_unit(p.claim, claim) for p in line.claims):
                continue  # its own line has other amounts of the unit: an own-line rule decides, or nobody
            found = _lone_change(document, k, statement, rules)
            if found is not None:
                yield found


def _words_near(line: Line, placed: Placed, width: int = 40) -> str:
    """The claim's own words: its subject and counted noun, and the text up to its neighbouring figures."""
    k = line.claims.index(placed)
    left = max(line.claims[k - 1].end if k else 0, placed.start - width)
    right = min(line.claims[k + 1].start if k + 1 < len(line.claims) else len(line.text), placed.end + width)
    claim = placed.claim
    return " ".join(
        (claim.subject, claim.counted or "", line.text[left : placed.start], line.text[placed.end : right])
    )


def _lone_change(document: Document, k: int, statement: Statement, rules: MatchRules) -> Conflict | None:
    claim = statement.claim
    line = document.lines[k]
    heads = cues.stems(cues.head_words(line.after(statement.placed, 40)) + " " + (claim.counted or ""))
    if not heads:
        return None
    levels = [
        p.claim
        for earlier in document.previous_lines(k, reach=ACROSS_REACH)
        for p in earlier.claims
        if same_unit(p.claim, claim)
        and _is_level(earlier, p)
        and p.claim.period_start is not None
        and heads & cues.stems(_words_near(earlier, p))
    ]
    if not levels:
        return None
    latest = claim.period_end if claim.period_end is not None else max(c.period_end or 0 for c in levels)
    current = [c for c in levels if c.period_start == latest and c.period_end == latest]
    earlier_years = [c.period_end for c in levels if c.period_end is not None and c.period_end < latest]
    if not current or not earlier_years:
        return None
    base_year = max(earlier_years)
    bases = [c for c in levels if c.period_start == base_year and c.period_end == base_year]
    pairs = [(x, y) for x in bases for y in current]
    readings = [(x, y, difference(x, y)) for x, y in pairs]
    gap = rules.restatement_gap
    if any(holds(claim, face, spread, sign=statement.sign, gap=gap) for _, _, (face, spread) in readings):
        return None
    value = (point(claim) or 0.0) * statement.sign
    x, y, (face, _) = min(readings, key=lambda r: abs(r[2][0] - value))
    if abs(face - value) > NEAR_MISS * abs(value):
        return None
    statement_text = (
        f"from {describe(x)} to {describe(y)} is {computed_text(face * statement.sign, claim)} "
        f"{'fewer' if statement.sign < 0 else 'more'}, not {describe(claim, period=False)}."
    )
    return arithmetic_finding(
        claim, [x, y], face * statement.sign, statement_text, rules, reach=DOCUMENT, check="amount change"
    )
