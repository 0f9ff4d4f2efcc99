"""Hedge words around a number -> Qualifier.

>>> parse_qualifier("more than")
<Qualifier.OVER: 'over'>
>>> parse_qualifier("~")
<Qualifier.APPROX: 'approx'>
>>> parse_qualifier("Up to")
<Qualifier.UP_TO: 'up_to'>
>>> parse_qualifier("a total of") is None
True
>>> qualifier_before("Japan gave over ")
('over', <Qualifier.OVER: 'over'>)
>>> qualifier_before("ranging ~")
('~', <Qualifier.APPROX: 'approx'>)
>>> qualifier_after(" or more of")
('or more', <Qualifier.AT_LEAST: 'at_least'>)
"""

from __future__ import annotations

import re

from claims.lexicon.qualifiers import AFTER, BEFORE
from claims.types import Qualifier


def _alternation(cues: dict[str, Qualifier]) -> str:
    return "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))


_BEFORE = re.compile(
    rf"""
    (?:^|(?<=[\s(\[\-–—"“'‘/]))     # the cue starts a word (or follows an opening mark)
    (?P<cue>{_alternation(BEFORE)})
    [\s\\]*                          # spaces, or the backslash of a Markdown-escaped `\\$`
    \Z
    """,
    re.VERBOSE | re.IGNORECASE,
)
_AFTER = re.compile(
    rf"""
    \A\s*
    (?P<cue>{_alternation(AFTER)})
    (?![\w])                          # the cue ends a word
    """,
    re.VERBOSE | re.IGNORECASE,
)
_CUE_MAX = max(len(c) for c in BEFORE) + 4


def parse_qualifier(text: str | None) -> Qualifier | None:
    """A cue phrase -> Qualifier; None when the text is not a cue."""
    if not text or not isinstance(text, str):
        return None
    key = " ".join(text.split()).lower()
    return BEFORE.get(key) or AFTER.get(key)


def qualifier_before(left: str) -> tuple[str, Qualifier] | None:
    """The cue that ends the text just before a number, if any (the cue itself and its Qualifier)."""
    if not isinstance(left, str):
        return None
    m = _BEFORE.search(left[-_CUE_MAX:])
    if not m:
        return None
    cue = m["cue"]
    # a lone "c." must be a standalone abbreviation, not the end of a word like "etc."
    return cue, BEFORE[cue.lower()]


def qualifier_after(right: str) -> tuple[str, Qualifier] | None:
    """The cue that starts the text just after a number and its unit, if any."""
    if not isinstance(right, str):
        return None
    m = _AFTER.match(right[:24])
    if not m:
        return None
    return m["cue"], AFTER[m["cue"].lower()]
