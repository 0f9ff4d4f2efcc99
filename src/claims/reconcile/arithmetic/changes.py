"""Stated changes against the two figures they compare: a % change, percentage points, a multiple, an amount.

What a figure states is read from the words around it (`STATEMENT_RULES`, in order): a percent after
"an increase of" or before "increase" is a % change; a figure in percentage points after those words is a
difference of two percentages; "five times", "3-fold" is a multiple; an amount after "a rise of" or before
"more" is a difference of two amounts.

Its operands are found in its own line by the rules of `OPERAND_RULES`, in order:

- a chain that starts with "from": "from A ..., to B ..., and C" (the statement is read against the link
  nearest it, B -> C; another link, or the whole chain, excuses it only when it gives the figure itself);
- "to Y from X" next to the statement ("edged up less than 1% to $9.97 billion from $9.92 billion");
- "Y (as) against / compared with X" next to the statement ("Rs 902.19 crore, against the previous
  allocation of Rs 468.80 crore, showing a growth of 92.45%");
- two figures dated in increasing order right before it ("8.1 billion yen in FY2025, and a proposed
  18.1 billion yen in FY2026 – an increase of ...");
- a level right before it and a base right after "from", "than", "over" ("Revenue was $10.5 million, up 5%
  from $10 million", "Rs 1.48 lakh crore ..., 30 per cent more than the previous allocation of Rs 1.13 lakh
  crore");
- a multiple between its two figures ("$12 billion, four times the $3 billion of 2015").

Every reading the statement allows is tried (`_readings`): percentage points for a change of two
percentages, "three times more" as 3x or 4x, a figure that dropped or slipped its partner's scale word at
that scale. The statement holds when one reading gives it (see `figures.holds`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from claims.types import Claim, Conflict, Kind

from ..rules import MatchRules
from ..sentences import Placed
from . import cues
from .figures import (
    Bounds,
    change_percent,
    difference,
    holds,
    point,
    ratio,
    relative_gap,
    rescaled,
    same_unit,
    scale_of,
)
from .findings import WITHIN_LINE, arithmetic_finding, computed_text, describe
from .layout import Document, Line

LEVEL_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.MEASURE})


class Change(Enum):
    PERCENT = "percent"  # (B / A - 1) x 100
    POINTS = "points"  # B - A, both percentages
    MULTIPLE = "multiple"  # B / A
    AMOUNT = "amount"  # B - A


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure stated as a change, with its reading and its direction (-1 for a fall)."""

    placed: Placed
    change: Change
    sign: float
    more: bool = False  # "three times more": a multiple read as 3x or 4x

    @property
    def claim(self) -> Claim:
        return self.placed.claim


# ------------------------------------------------------------------------------------ what a figure states
def _falls(line: Line, placed: Placed, before: str, after: str) -> bool:
    """The change words next to a positive figure say down ("a decline of 5%", "..., and by 77%" after
    "declined by 66%")."""
    if (point(placed.claim) or 0.0) <= 0:
        return False  # a signed figure carries its own direction
    if cues.is_elided_change(before):
        return cues.last_change_falls(line.text[: placed.start])
    return cues.is_decrease(before[-30:] + " " + after[:15])


def _percent_change(line: Line, placed: Placed) -> Statement | None:
    """A percent introduced as a change: 'an increase of over 125 per cent', 'a 74 per cent increase'."""
    claim = placed.claim
    if Kind(claim.kind) is not Kind.PERCENT:
        return None
    before, after = line.before(placed, 60), line.after(placed, 30)
    if not (cues.is_change_before(before) or cues.is_change_after(after)):
        return None
    points = "point" in (claim.unit or "")
    falling = _falls(line, placed, before, after)
    return Statement(placed, Change.POINTS if points else Change.PERCENT, -1.0 if falling else 1.0)


def _multiple(line: Line, placed: Placed) -> Statement | None:
    """'five times', '3-fold': a ratio of two figures."""
    if Kind(placed.claim.kind) is not Kind.MULTIPLIER:
        return None
    return Statement(placed, Change.MULTIPLE, 1.0, more=bool(cues.TIMES_MORE.match(line.after(placed, 20))))


def _amount_change(line: Line, placed: Placed) -> Statement | None:
    """An amount introduced as a change: 'a rise of around ₹68,834 crore', '30 million more people'."""
    claim = placed.claim
    if Kind(claim.kind) not in LEVEL_KINDS:
        return None
    before, after = line.before(placed, 60), line.after(placed, 30)
    if not (cues.is_change_before(before) or cues.is_more_after(after)):
        return None
    return Statement(placed, Change.AMOUNT, -1.0 if _falls(line, placed, before, after) else 1.0)


STATEMENT_RULES: tuple[Callable[[Line, Placed], Statement | None], ...] = (
    _percent_change,
    _multiple,
    _amount_change,
)


def statement_of(line: Line, placed: Placed) -> Statement | None:
    """What a figure states, by the first rule that reads it as a change."""
    for rule in STATEMENT_RULES:
        found = rule(line, placed)
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------------------------------------ operands
def _operand_kind_ok(statement: Statement, claim: Claim) -> bool:
    kind = Kind(claim.kind)
    if statement.change is Change.POINTS:
        return kind is Kind.PERCENT and "point" not in (claim.unit or "")
    if statement.change is Change.AMOUNT:
        return same_unit(claim, statement.claim)
    if kind is Kind.PERCENT:
        return statement.change is Change.PERCENT and "point" not in (claim.unit or "")
    return kind in LEVEL_KINDS


def operands_of(line: Line, statement: Statement) -> list[Placed]:
    """Figures of the line that can be what the statement compares: levels, not other changes."""
    return [
        p
        for p in line.claims
        if p is not statement.placed
        and _operand_kind_ok(statement, p.claim)
        and point(p.claim) not in (None, 0.0)
        and statement_of(line, p) is None
    ]


def from_chain(line: Line, statement: Statement) -> list[Placed]:
    """'from A ... to B ..., and C': the figures of one unit after the last 'from' before the statement
    (or, failing that, the first 'from' after it)."""
    operands = operands_of(line, statement)
    before = [p for p in operands if p.end <= statement.placed.start]
    after = [p for p in operands if p.start >= statement.placed.end]

    def chain_from(run: list[Placed], k: int) -> list[Placed]:
        """The head and the figures of its unit after it, up to a clause break ("..., while education")."""
        chain = [run[k]]
        for p in run[k + 1 :]:
            if cues.breaks_clause(line.between(chain[-1], p)):
                break
            if same_unit(p.claim, chain[0].claim):
                chain.append(p)
        return chain

    following_pair = _from_to_after(line, statement, after)
    if following_pair and len(line.text[statement.placed.end : following_pair[0].start]) <= FROM_RIGHT_AFTER:
        # "..., and cloud revenue rose 13% from $80 billion to $91 billion": its own base, not the list's last
        return following_pair
    for k in range(len(before) - 1, -1, -1):
        previous_end = before[k - 1].end if k else 0
        if cues.leads_from(line.text[previous_end : before[k].start]):
            chain = chain_from(before, k)
            return chain if len(chain) >= 2 else []
    return following_pair


FROM_RIGHT_AFTER = 25
"""A 'from X to Y' starting within this many characters after a stated change ("rose 13% year on year from")
is that change's own base and end, whatever 'from' chain comes before it in the sentence."""


def _from_to_after(line: Line, statement: Statement, after: list[Placed]) -> list[Placed]:
    """'13% from $80 billion to $91 billion': the two figures of one unit right after the statement, in its
    clause (not "grew by 17.9%; the share of electric cars rose from 7% to 10%", another clause's change)."""
    if len(after) < 2:
        return []
    head, following = after[0], after[1]
    gap = line.text[statement.placed.end : head.start]
    between = [p for p in line.claims if statement.placed.end <= p.start and p.end <= head.start]
    if cues.breaks_clause(gap):
        return []
    if cues.leads_from(gap) and not between and cues.leads_to(line.between(head, following)):
        return [head, following] if same_unit(head.claim, following.claim) else []
    return []


def dated_pair(line: Line, statement: Statement) -> list[Placed]:
    """Two figures of one unit dated in increasing order right before the statement."""
    before = [p for p in operands_of(line, statement) if p.end <= statement.placed.start]
    if len(before) < 2:
        return []
    x, y = before[-2], before[-1]
    years_x, years_y = x.claim.period_end, y.claim.period_start
    if (
        same_unit(x.claim, y.claim)
        and years_x is not None
        and years_y is not None
        and years_x < years_y
        and len(line.text[y.end : statement.placed.start]) <= 60
        and len(line.between(x, y)) <= 45
        and cues.THEN.search(line.between(x, y))
        and not cues.breaks_clause(line.between(x, y))
    ):
        return [x, y]
    return []


def level_up_from(line: Line, statement: Statement) -> list[Placed]:
    """'Revenue was $10.5 million, up 5% from $10 million', 'Rs 1.48 lakh crore for skilling, 30 per cent
    more than the previous allocation of Rs 1.13 lakh crore': the level before, the base after."""
    operands = operands_of(line, statement)
    before = [p for p in operands if p.end <= statement.placed.start]
    after = [p for p in operands if p.start >= statement.placed.end]
    if not before or not after:
        return []
    y, x = before[-1], after[0]
    lead = line.text[y.end : statement.placed.start]
    gap = line.text[statement.placed.end : x.start]
    others = [p for p in line.claims if y.end <= p.start and p.end <= x.start and p is not statement.placed]
    if others or len(lead) > 60 or len(gap) > 45 or not same_unit(x.claim, y.claim):
        return []
    if cues.breaks_clause(lead):
        return []
    if not cues.is_base_gap(gap):
        return []
    return [x, y]


def _next_to(line: Line, statement: Statement, pair: list[Placed]) -> bool:
    """The statement sits right before or right after the two figures it compares, nothing between."""
    first, last = min(pair, key=lambda p: p.start), max(pair, key=lambda p: p.start)
    if statement.placed.end <= first.start:
        left, right = statement.placed.end, first.start
    elif statement.placed.start >= last.end:
        left, right = last.end, statement.placed.start
    else:
        return False
    between = [p for p in line.claims if left <= p.start and p.end <= right]
    return (
        right - left <= 40
        and not cues.breaks_clause(line.text[left:right])
        and not any(same_unit(p.claim, first.claim) for p in between)
    )


def _adjacent_pair(line: Line, statement: Statement, pairs: list[list[Placed]]) -> list[Placed]:
    """Of the pairs next to the statement, the one after it ("by 77% to $32.2 million from $141.1 million"),
    else the one right before it."""
    near = [pair for pair in pairs if _next_to(line, statement, pair)]
    after = [pair for pair in near if min(p.start for p in pair) >= statement.placed.end]
    before = [pair for pair in near if max(p.end for p in pair) <= statement.placed.start]
    if after:
        return min(after, key=lambda pair: min(p.start for p in pair))
    return max(before, key=lambda pair: max(p.end for p in pair)) if before else []


def to_from(line: Line, statement: Statement) -> list[Placed]:
    """'Sales edged up less than 1% to $9.97 billion from $9.92 billion': 'to' the level, 'from' the base."""
    operands = operands_of(line, statement)
    pairs = []
    for k, y in enumerate(operands):
        lead = line.text[operands[k - 1].end if k else 0 : y.start]
        later = [p for p in operands[k + 1 :] if same_unit(p.claim, y.claim)]
        if not cues.leads_to_figure(lead) or not later:
            continue
        x = later[0]
        if cues.leads_from(line.text[y.end : x.start]) and cues.joins_to_from(line.between(y, x)):
            pairs.append([x, y])
    return _adjacent_pair(line, statement, pairs)


def against(line: Line, statement: Statement) -> list[Placed]:
    """'Rs 3,679.53 crore in the current budget, as against Rs 1,456.55 in 2017-18, showing a growth of
    152.62%': the level, then the base after 'against', 'compared with', 'versus'."""
    operands = operands_of(line, statement)
    pairs = []
    for k in range(1, len(operands)):
        x = operands[k]
        earlier = [p for p in operands[:k] if same_unit(p.claim, x.claim)]
        if earlier and cues.compares_against(line.between(earlier[-1], x)):
            pairs.append([x, earlier[-1]])
    return _adjacent_pair(line, statement, pairs)


def times_base(line: Line, statement: Statement) -> list[Placed]:
    """'Exports of $12 billion, four times the $3 billion of 2015': a multiple between its two figures."""
    if statement.change is not Change.MULTIPLE:
        return []
    operands = operands_of(line, statement)
    before = [p for p in operands if p.end <= statement.placed.start]
    after = [p for p in operands if p.start >= statement.placed.end]
    if not before or not after or not same_unit(before[-1].claim, after[0].claim):
        return []
    y, x = before[-1], after[0]
    lead = line.text[y.end : statement.placed.start]
    others = [p for p in line.claims if y.end <= p.start and p.end <= x.start and p is not statement.placed]
    if others or len(lead) > 40 or cues.breaks_clause(lead):
        return []
    return [x, y] if cues.is_times_base(line.text[statement.placed.end : x.start]) else []


OPERAND_RULES: tuple[Callable[[Line, Statement], list[Placed]], ...] = (
    from_chain,
    to_from,
    against,
    dated_pair,
    level_up_from,
    times_base,
)


# ------------------------------------------------------------------------------------------------- checks
@dataclass(frozen=True, slots=True)
class Reading:
    """What two figures give under one reading: its face value, interval and how the figures were read."""

    face: float
    spread: Bounds
    note: str = ""  # "" for the figures as written


def _readings(statement: Statement, x: Claim, y: Claim) -> list[Reading]:
    """What the two figures give under each reading the statement allows (the first is the main one).

    A figure written without the scale word its partner carries ("Rs 3,679.53 crore ... as against
    Rs 1,456.55"), or with another one ("₹5,93,537.64 lakh crore" beside "₹5,25,166 crore"), is also read at
    its partner's scale: a dropped or slipped word, not an arithmetic slip.
    """
    readings = [Reading(face, spread) for face, spread in _plain_readings(statement, x, y)]
    sx, sy = scale_of(x), scale_of(y)
    if sx == sy:
        return readings
    for other, fixed, factor in ((x, y, sy / sx), (y, x, sx / sy)):
        if scale_of(fixed) > 1.0:  # never read a scaled figure as a bare one
            read = rescaled(other, factor)
            pair = (read, y) if other is x else (x, read)
            note = f"reading {other.surface.strip()} at the scale of {fixed.surface.strip()}"
            readings += [Reading(face, spread, note) for face, spread in _plain_readings(statement, *pair)]
    return readings


def _plain_readings(statement: Statement, x: Claim, y: Claim) -> list[tuple[float, Bounds]]:
    if statement.change is Change.MULTIPLE:
        face, spread = ratio(x, y)
        readings = [(face, spread)]
        if statement.more:
            readings.append((face - 1, Bounds(spread.low - 1, spread.high - 1)))
        return readings
    if statement.change in (Change.POINTS, Change.AMOUNT):
        return [difference(x, y)]
    readings = [change_percent(x, y)]
    if Kind(x.kind) is Kind.PERCENT:  # "cut from 20% to 15%, a 5% cut": percentage points
        readings.append(difference(x, y))
    return readings


def _holds_any(statement: Statement, readings: list[Reading], gap: float, *, exact: bool = False) -> bool:
    claim, sign = statement.claim, statement.sign
    return any(holds(claim, r.face, r.spread, sign=sign, exact=exact, gap=gap) for r in readings)


def _verb(statement: Statement, face: float) -> str:
    if statement.change is Change.MULTIPLE:
        return ""
    if statement.sign < 0:
        return "a fall of "
    return "an increase of " if face >= 0 else "a change of "


def _explain(statement: Statement, x: Claim, y: Claim, face: float) -> str:
    shown = -face if statement.sign < 0 and statement.change is not Change.MULTIPLE else face
    result = computed_text(shown, statement.claim)
    return (
        f"from {describe(x)} to {describe(y)} is {_verb(statement, face)}{result}, "
        f"not {describe(statement.claim, period=False)}."
    )


def check_chain(
    statement: Statement, chain: list[Placed], rules: MatchRules, *, reach: float = WITHIN_LINE
) -> Conflict | None:
    links = list(zip(chain, chain[1:], strict=False))
    if len(chain) > 2:
        links.append((chain[0], chain[-1]))
    nearest = len(chain) - 2
    readings = [_readings(statement, x.claim, y.claim) for x, y in links]
    gap = rules.restatement_gap
    if _holds_any(statement, readings[nearest], gap) or any(
        _holds_any(statement, r, gap, exact=True) for k, r in enumerate(readings) if k != nearest
    ):
        return None
    x, y = links[nearest]
    stated = (point(statement.claim) or 0.0) * (
        statement.sign if statement.change is not Change.MULTIPLE else 1
    )
    # the reading nearest the statement explains it best (a slipped scale word read away, if one was)
    best = min(readings[nearest], key=lambda r: relative_gap(stated, r.face))
    face = best.face
    explanation = _explain(statement, x.claim, y.claim, face)
    if best.note:
        explanation = f"{explanation[:-1]} ({best.note})."
    return arithmetic_finding(
        statement.claim,
        [p.claim for p in chain],
        -face if statement.sign < 0 and statement.change is not Change.MULTIPLE else face,
        explanation,
        rules,
        reach=reach,
        check=f"{statement.change.value} change",
    )


def within_line(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    """Stated changes whose operands are in their own line."""
    for line in document.lines:
        if len(line.claims) < 3:
            continue  # a statement and its two operands
        for placed in line.claims:
            statement = statement_of(line, placed)
            if statement is None:
                continue
            for rule in OPERAND_RULES:
                chain = rule(line, statement)
                if chain:
                    found = check_chain(statement, chain, rules)
                    if found is not None:
                        yield found
                    break
