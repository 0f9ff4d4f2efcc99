"""A stated distance to a threshold against the threshold the document states.

"getting 240, 30 seats below a majority": the distance (30) is read against the level right before it (240)
and the majority the same document states ("below the halfway mark of 272 seats", "the 272 majority mark",
"a 543-member house": 272). The document must give one threshold only; a level further than a few words
from the distance, or two different thresholds, leave the statement unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.types import Claim, Conflict, Kind

from ..rules import MatchRules
from ..sentences import Placed
from .figures import Bounds, holds, point, same_unit
from .findings import DOCUMENT, arithmetic_finding, describe
from .layout import Document, Line

THRESHOLD_DISTANCE = re.compile(
    r"""^\s*(?:\w+\s+){0,2}?                             # "30 seats", "30 more seats"
    (?P<side>below|short\s+of|shy\s+of|under|less\s+than|above|over|more\s+than|beyond|past|ahead\s+of)\s+
    (?:the\s+|a\s+)?(?:simple\s+|absolute\s+|outright\s+|clear\s+)?
    (?P<noun>majority(?:\s+mark)?|half-?way\s+mark|magic\s+(?:figure|number|mark))\b""",
    re.VERBOSE | re.IGNORECASE,
)
THRESHOLD_VALUE = re.compile(
    r"""(?:majority(?:\s+mark)?|half-?way\s+mark|magic\s+(?:figure|number|mark))\s+(?:of|at|is|was)\s+$""",
    re.VERBOSE | re.IGNORECASE,
)
HOUSE_SIZE = re.compile(r"^-(?:member|seat|strong)\b", re.IGNORECASE)  # "the 543-member Lok Sabha"


def threshold_side(words: str) -> int:
    """+1 when the words after a figure place it above a majority, -1 below, 0 when they say neither.

    >>> threshold_side(" seats below a majority, is a defeat")
    -1
    >>> threshold_side(" seats more than the majority mark")
    1
    >>> threshold_side(" seats in the house")
    0
    """
    match = THRESHOLD_DISTANCE.match(words)
    if not match:
        return 0
    below = match.group("side").lower().split()[0] in {"below", "short", "shy", "under", "less"}
    return -1 if below else 1


def names_threshold(words: str) -> bool:
    """The words before a figure say it is the majority mark ("below the halfway mark of 272").

    >>> names_threshold("fell to 240, below the halfway mark of ")
    True
    """
    return bool(THRESHOLD_VALUE.search(words))


def is_house_size(words: str) -> bool:
    """The words after a figure make it the size of an assembly ("543-member Lok Sabha").

    >>> is_house_size("-member Lok Sabha")
    True
    """
    return bool(HOUSE_SIZE.match(words))


THRESHOLD_AFTER = re.compile(
    r"^\s*(?:seats?\s+)?(?:majority(?:\s+mark)?|half-?way\s+mark|magic\s+(?:figure|number|mark))\b",
    re.IGNORECASE,
)
LEVEL_GAP = re.compile(r"^[\s,;:(—–-]*(?:\w+[\s,]+){0,2}$")  # "240, 30 seats": at most two words between


def threshold_of(line: Line, placed: Placed) -> float | None:
    """The majority a figure states: 'the halfway mark of 272', 'the 272 majority mark', 'a 543-member house'.

    >>> from claims.reconcile.arithmetic.figures import figure
    >>> text = "the BJP's tally fell to 240, below the halfway mark of 272 seats."
    >>> line = Line(text, 0, (Placed(0, figure("272", 272.0), 55, 58),))
    >>> threshold_of(line, line.claims[0])
    272.0
    """
    value = point(placed.claim)
    if Kind(placed.claim.kind) is not Kind.COUNT or not value:
        return None
    if names_threshold(line.before(placed, 40)) or THRESHOLD_AFTER.match(line.after(placed, 30)):
        return value
    if is_house_size(line.after(placed, 12)):
        return float(int(value) // 2 + 1)
    return None


def _threshold(document: Document) -> tuple[float, Claim] | None:
    """The one majority the document states (with the first figure stating it), or None."""
    found: dict[float, Claim] = {}
    for line in document.lines:
        for p in line.claims:
            value = threshold_of(line, p)
            if value is not None:
                found.setdefault(value, p.claim)
    return next(iter(found.items())) if len(found) == 1 else None


def _level(line: Line, distance: Placed) -> Placed | None:
    before = [p for p in line.claims if p.end <= distance.start and same_unit(p.claim, distance.claim)]
    if not before or not LEVEL_GAP.match(line.text[before[-1].end : distance.start]):
        return None
    return before[-1]


def distances(document: Document, rules: MatchRules) -> Iterator[Conflict]:
    """Every stated distance to the majority that the level and the document's majority contradict."""
    threshold: tuple[float, Claim] | None = None
    looked = False
    for line in document.lines:
        for placed in line.claims:
            side = threshold_side(line.after(placed, 60))
            if not side or Kind(placed.claim.kind) is not Kind.COUNT:
                continue
            level = _level(line, placed)
            if level is None:
                continue
            if not looked:
                threshold, looked = _threshold(document), True
            if threshold is None:
                return
            mark, source = threshold
            face = ((point(level.claim) or 0.0) - mark) * side
            if holds(placed.claim, face, Bounds(face, face), gap=rules.restatement_gap):
                continue
            yield _finding(placed.claim, level.claim, source, mark, face, side, rules)


def _finding(
    stated: Claim, level: Claim, source: Claim, mark: float, face: float, side: int, rules: MatchRules
) -> Conflict:
    where = "above" if side > 0 else "below"
    statement = (
        f"{describe(level, period=False, counted=stated.counted)} is {face:g} {where} the majority of "
        f"{mark:g} that the document states ({source.surface!r} in {source.sentence.strip()[:80]!r}), "
        f"not {describe(stated, period=False)}."
    )
    return arithmetic_finding(
        stated, [source, level], face, statement, rules, reach=DOCUMENT, check="distance to threshold"
    )
