"""A stated total against the parts the text lists for it.

Parts are checked only on positive evidence that they are the parts of that total: a listing cue between
the total and its first part, found by the rules of `LISTING_RULES` (in order), or a breakdown opening the
next line (`next_line`):

- a total word ("a total of 8 frigates", "1,107,541 vaccinations in all") or any figure, followed by a
  listing cue: "including", "of which", "among them" (some parts) or a bracket, a colon, "comprising",
  "split into", "as follows" (all the parts);
- "6,000 people, with 3,000 in Al-Bayda and 1,000 in ...": parts placed one by one (some parts);
- "250 of the 486 constituencies ..., 198 seats ..., and 37 constituencies ...": the first part names the
  total (some parts);
- the next line opens with a breakdown ("The doses were distributed by region as follows: ...", "Among the
  additional voters, ...") and lists parts of a figure of this line.

The parts run from the first one to the end of the bracket they open, or of the clause (";") or line, and
are figures of the total's unit and role: an amount after "by" is a change, a part only of a change; a figure
larger than the total is something else. "Some parts" become "all the parts" when the parts name every class
of a partition (men and women; rise, status quo and fall; urban and rural). All the parts must add up to
the total at the precision both are written with; some parts may not exceed it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from claims.types import Claim, Conflict, Kind, Qualifier

from ..rules import MatchRules
from ..sentences import Placed
from . import cues, listing
from .figures import CUT_SHORT_GAP, Bounds, holds, is_vague, point, relative_gap, same_unit, total
from .findings import NEIGHBOUR_LINES, WITHIN_LINE, arithmetic_finding, computed_text, describe
from .layout import Document, Line

PART_KINDS = frozenset({Kind.MONEY, Kind.COUNT, Kind.MEASURE})
BOUNDS = frozenset({Qualifier.OVER, Qualifier.UNDER, Qualifier.AT_LEAST, Qualifier.UP_TO})
MAX_LINK = 90  # characters between a total and its first part
NEAR_MISS = 0.25  # a total read with less evidence is reported only this near its parts


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total and the parts listed for it."""

    total: Placed
    parts: tuple[Placed, ...]
    whole: bool  # all the parts (they must add up) or some (they may not exceed the total)
    cue: str  # which rule found the parts
    next_line: bool = False
    near_miss: bool = False  # report only a slip: the parts within a quarter of the total


def _marked(line: Line, placed: Placed) -> bool:
    """A total word next to the figure ("a total of 8", "1,107,541 vaccinations in all")."""
    return listing.is_total_before(line.before(placed, 40)) or listing.is_total_after(line.after(placed))


def _is_change(line: Line, placed: Placed) -> bool:
    before = line.before(placed, 40)
    return (
        cues.is_change_before(before)
        or cues.is_change_amount(before)
        or cues.is_more_after(line.after(placed, 20))
    )


def _parts_after(
    line: Line, total: Placed, first: Placed, *, total_is_change: bool, limit: float | None
) -> list[Placed] | None:
    """The parts from `first` to the end of its bracket, clause or line (None when one cannot be a part).

    `total` is the figure they add up to (or `first` itself when the total is in another line); a figure
    above `limit` is larger than the whole, so something else.
    """
    link = line.text[total.end : first.start] if total.end <= first.start else line.text[: first.start]
    tail = line.text[first.start :]
    closing = r"[)]" if re.search(r"\([^)]*$", link) else r";"
    stop = re.search(closing, tail)
    end = first.start + stop.start() if stop else len(line.text)
    parts: list[Placed] = []
    for p in line.claims:
        if p.start < first.start or p.end > end or (p is total and p is not first):
            continue
        if p is not first and listing.starts_new_predicate(line.before(p, 40)):
            break  # "..., and rejected 45 applications": the listing has ended
        if parts and listing.contrast_between(line.between(parts[-1], p)):
            break  # "..., while the Liberals ... would have 7": set against the listing
        if not same_unit(p.claim, total.claim) or listing.is_adjunct(line.before(p, 20)):
            continue
        if _is_change(line, p) != total_is_change or (limit is not None and (point(p.claim) or 0.0) > limit):
            continue  # another role, or larger than the whole: not a part
        if Qualifier(p.claim.qualifier) in BOUNDS:
            return None  # "more than 50 in X": a bound cannot be added up
        if parts and listing.compares(line.between(parts[-1], p)):
            return None  # "Rs 3,029.02 crore against Rs 1,789.46 crore": a level and its base
        parts.append(p)
    return parts


def _span(line: Line, parts: list[Placed], start: int) -> str:
    """The listing's words: from `start` (before the first part) to a little after the last part."""
    return line.text[max(0, start) : min(len(line.text), parts[-1].end + 60)]


def _breakdown(
    line: Line,
    total: Placed,
    parts: list[Placed] | None,
    *,
    whole: bool,
    cue: str,
    label_from: int,
    examples: bool = False,
) -> Breakdown | None:
    """The parts of `total`; with `examples` ("including"), never all of it, whatever they name."""
    if not parts or len(parts) < 2:
        return None
    if not whole and not examples and listing.partition_covered(_span(line, parts, label_from), len(parts)):
        whole = True
    return Breakdown(total, tuple(parts), whole, cue)


def _candidates(line: Line, total: Placed) -> list[Placed]:
    return [
        p
        for p in line.claims
        if p.start >= total.end and p is not total and same_unit(p.claim, total.claim) and point(p.claim)
    ]


def listed_after(line: Line, total: Placed) -> Breakdown | None:
    """'a total of 8 frigates (four in Japan and four in Indonesia)', '100 million citizens ..., among them
    50 million men, 40.8 million women and 3,574 third-gender electors'."""
    later = _candidates(line, total)
    if not later:
        return None
    first = later[0]
    link = line.text[total.end : first.start]
    if len(link) > MAX_LINK or any(total.end <= p.start and p.end <= first.start for p in line.claims):
        return None
    some, listed = listing.lists_some_parts(link), listing.lists_all_parts(link)
    if not (some or listed):
        return None
    marked = _marked(line, total)
    # "including" lists some parts even inside a bracket; a bare bracket or colon lists them all only
    # after a total word ("a total of 8 frigates (four ... four ...)") or when they name a partition
    whole = listed and not some and (marked or listing.names_all_parts(link))
    parts = _parts_after(
        line, total, first, total_is_change=_is_change(line, total), limit=point(total.claim)
    )
    return _breakdown(
        line,
        total,
        parts,
        whole=whole,
        cue="listing",
        label_from=first.start - 40,
        examples=listing.lists_only_some_parts(link),
    )


def with_places(line: Line, total: Placed) -> Breakdown | None:
    """'6,000 people, with 3,000 in Al-Bayda, and 1,000 in the village of Al-Makhili'."""
    later = _candidates(line, total)
    if not later:
        return None
    first = later[0]
    if not listing.lists_parts_by_place(line.text[total.end : first.start], line.after(first, 30)):
        return None
    parts = _parts_after(
        line, total, first, total_is_change=_is_change(line, total), limit=point(total.claim)
    )
    return _breakdown(line, total, parts, whole=False, cue="parts by place", label_from=first.start)


def share_listing(line: Line, total: Placed) -> Breakdown | None:
    """'250 of the 486 constituencies ... rise ..., 198 seats saw a status quo, and only 37 ... a fall'."""
    earlier = [p for p in line.claims if p.end <= total.start and same_unit(p.claim, total.claim)]
    if not earlier or not listing.is_share_of(line.text[earlier[-1].end : total.start]):
        return None
    first = earlier[-1]
    is_change = _is_change(line, total)
    rest = _parts_after(line, total, total, total_is_change=is_change, limit=point(total.claim))
    if rest is None:
        return None
    parts = [first, *[p for p in rest if p.start > total.end]]
    return _breakdown(line, total, parts, whole=False, cue="shares of the total", label_from=first.start - 40)


def parts_before(line: Line, total: Placed) -> Breakdown | None:
    """'The yard delivered 14 ferries in May and 9 in June, for a total of 23': the parts, then the total.

    A total after its parts is read only as a near miss (a slip): 'bringing the toll to 45' after two days'
    deaths is a running total, not their sum, and is not read at all.
    """
    if not _marked(line, total) or listing.is_running_total(line.before(total, 40)):
        return None
    clause_start = max(line.text.rfind(";", 0, total.start), line.text.rfind(":", 0, total.start)) + 1
    parts = [
        p
        for p in line.claims
        if clause_start <= p.start
        and p.end <= total.start
        and same_unit(p.claim, total.claim)
        and not listing.is_adjunct(line.before(p, 20))
        and _is_change(line, p) == _is_change(line, total)
    ]
    if len(parts) < 2 or any(Qualifier(p.claim.qualifier) in BOUNDS for p in parts):
        return None
    if any(
        listing.compares(line.between(a, b)) or len(line.between(a, b)) > 60
        for a, b in zip(parts, parts[1:], strict=False)
    ):
        return None
    if any((point(p.claim) or 0.0) > (point(total.claim) or 0.0) for p in parts):
        return None
    return Breakdown(total, tuple(parts), True, "parts, then their total", near_miss=True)


LISTING_RULES: tuple[Callable[[Line, Placed], Breakdown | None], ...] = (
    listed_after,
    with_places,
    share_listing,
    parts_before,
)


def within_line(line: Line) -> Iterator[Breakdown]:
    """Each total of the line with the parts it lists (first rule that finds them)."""
    for placed in line.claims:
        if Kind(placed.claim.kind) not in PART_KINDS or not point(placed.claim):
            continue
        for rule in LISTING_RULES:
            found = rule(line, placed)
            if found is not None:
                yield found
                break


def next_line(line: Line, following: Line) -> Breakdown | None:
    """A figure of `line` broken down by the line after it ('The doses were distributed by region as
    follows: 211,170 doses in northern Gaza, 379,361 in the center and 517,070 in the south.')."""
    if following.is_row or len(following.claims) < 2:
        return None
    first = following.claims[0]
    opening = following.text[: first.start]
    if Kind(first.claim.kind) not in PART_KINDS or not listing.opens_breakdown(opening):
        return None
    part_change = _is_change(following, first)
    totals = [
        p
        for p in line.claims
        if same_unit(p.claim, first.claim) and _is_change(line, p) == part_change and point(p.claim)
    ]
    parts = _parts_after(following, first, first, total_is_change=part_change, limit=None)
    if parts is None or len(parts) < 2 or parts[0] is not first:
        return None
    largest = max(point(p.claim) or 0.0 for p in parts)
    totals = [p for p in totals if (point(p.claim) or 0.0) >= largest and not is_vague(p.claim)]
    marked = [p for p in totals if _marked(line, p)]
    chosen = marked if len(marked) == 1 else totals
    if len(chosen) != 1:
        return None
    listed_all = listing.names_all_parts(opening) or opening.rstrip().endswith(":")
    whole = listed_all or bool(listing.partition_covered(_span(following, parts, 0), len(parts)))
    return Breakdown(chosen[0], tuple(parts), whole, "breakdown in the next line", next_line=True)


def breakdowns(document: Document) -> Iterator[Breakdown]:
    """Every total with its listed parts, within a line or from a line to the next."""
    for k, line in enumerate(document.lines):
        yield from within_line(line)
        following = document.next_line(k)
        if following is not None:
            found = next_line(line, following)
            if found is not None:
                yield found


def _sum_text(parts: tuple[Placed, ...]) -> str:
    return " + ".join(describe(p.claim, period=False, counted="") for p in parts)


# What a list of people may name beside its groups without adding to them: a sub-group ("pregnant women",
# "nursing mothers", "elderly people") or the households they live in.
OVERLAPPING = re.compile(
    r"\b(?:pregnant|lactating|nursing|expectant|elderly|older|disabled|infant|newborn|unaccompanied|"
    r"famil(?:y|ies)|household|home)",
    re.IGNORECASE,
)


def _some_make_it(stated: Claim, parts: list[Claim], gap: float = CUT_SHORT_GAP) -> bool:
    """The parts other than a sub-group or a count of households make the stated total exactly: the list
    names overlapping groups ("... 480 women, 200 children and four nursing mothers"; "310 households, 560
    men ..."), so the parts adding up to more is no contradiction.

    >>> import dataclasses
    >>> from claims.reconcile.arithmetic.figures import figure
    >>> def people(value, counted): return dataclasses.replace(figure(f"{value:,}", value), counted=counted)
    >>> groups = [people(560.0, "man"), people(480.0, "woman"), people(200.0, "child")]
    >>> _some_make_it(figure("1,240", 1240.0), [people(310.0, "household"), *groups])  # 560 + 480 + 200
    True
    >>> _some_make_it(figure("1,240", 1240.0), [*groups, people(4.0, "nursing mother")])
    True
    >>> _some_make_it(figure("1,240", 1240.0), [*groups[:2], people(90.0, "child")])  # no sub-group
    False
    """
    groups = [p for p in parts if not OVERLAPPING.search(p.counted or "")]
    if len(groups) == len(parts) or len(groups) < 2:  # no sub-group listed, or one group only
        return False
    face, spread = total(groups)
    return holds(stated, face, spread, exact=True, gap=gap)


def check(breakdown: Breakdown, rules: MatchRules) -> Conflict | None:
    """The finding a breakdown makes, if its parts and total disagree."""
    stated: Claim = breakdown.total.claim
    parts = [p.claim for p in breakdown.parts]
    face, spread = total(parts)
    gap = rules.restatement_gap
    if breakdown.whole:
        if holds(stated, face, spread, gap=gap):
            return None
        relation = "not"
    else:
        if Qualifier(stated.qualifier) in (Qualifier.OVER, Qualifier.AT_LEAST):
            return None  # "more than 100 million, including ...": some parts never contradict a lower bound
        if holds(stated, spread.low, Bounds(spread.low, math.inf), gap=gap):
            return None  # some total the statement allows is at least the smallest sum of the parts
        relation = "more than"
    if breakdown.near_miss and relative_gap(point(stated) or 0.0, face) > NEAR_MISS:
        return None
    if face > (point(stated) or 0.0) and _some_make_it(stated, parts, gap):
        return None
    shown = computed_text(face, stated)
    statement = (
        f"the parts {_sum_text(breakdown.parts)} add up to {shown}, {relation} the stated total "
        f"{describe(stated, period=False)}."
    )
    return arithmetic_finding(
        stated,
        parts,
        face,
        statement,
        rules,
        reach=NEIGHBOUR_LINES if breakdown.next_line else WITHIN_LINE,
        check=f"total ({breakdown.cue})",
    )


def totals(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    for breakdown in breakdowns(document):
        found = check(breakdown, rules)
        if found is not None:
            yield found


def listed_part_rows(document: Document) -> set[int]:
    """Rows of claims listed, in their own line, as parts of a stated total."""
    return {p.index for line in document.lines for b in within_line(line) for p in b.parts}
