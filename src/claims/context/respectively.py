"""Which party or item a figure of a "respectively" list belongs to.

"Mara Keto and Jon Ulvi received about 31% and 12% respectively" gives 12% to Jon Ulvi:
a list of figures followed by "respectively" pairs its k-th figure with the k-th member of a list of
as many members elsewhere in the clause. Read here on the sentence string:

1. `figure_list`: the figures of the list the figure sits in (figures joined by commas, "and" or "or":
   "31% and 12%", "£3.1 million and £1.6 million", "16 and 12 seats"), when "respectively" closes it;
2. the member of a list of as many members: a party name of the sentence made of that many names
   joined by "and" ("Mara Keto and Jon Ulvi", as `owners.names_in` reads it) or that many names in a row
   (`member_of_names`, for `claims.context.owners`), else a list of lower-case words ("winners and
   finalists", `respective_item`); the list before the figures first, then the one between the figures
   and "respectively".

Anything less clear (a list of another length, two candidate lists) gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.lexicon import context as words

if TYPE_CHECKING:
    from claims.context.owners import Name

_FIGURE = re.compile(
    r"""(?<![\w.])[-+−]?[$€£¥₹]?\s?\d[\d,.]*          # the number, its currency sign
    (?:\s?(?:%|per\s*cent|percent|pc|bn|m|tn)\b|%)?   # a short unit glued or spaced
    (?:\s(?:million|billion|trillion|thousand|crore|lakh)\b)?""",
    re.VERBOSE | re.IGNORECASE,
)
_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)\s*$")
"""What joins two figures of one list."""
_CLOSE = re.compile(r"^(?:\s+[a-z][a-z()/-]*){0,8}?[,\s]*\brespectively\b", re.IGNORECASE)
"""The words between the last figure and "respectively" (a unit, a place list: "seats in A and B")."""
_MEMBER_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_WORD_LIST = re.compile(
    r"""\b(?P<list>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?            # first member: one or two words
    (?:\s*,\s*[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)*               # more members after commas
    \s*,?\s+and\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\b          # "and" the last member
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Respective:
    """The figure's place in its list (k of n) and the list's span in the sentence."""

    k: int
    n: int
    start: int  # first figure's start
    end: int  # end of "respectively"


def figure_list(sentence: str, start: int, end: int) -> Respective | None:
    """The "respectively" list the figure at sentence[start:end] belongs to, None when it is in none.

    >>> s = "Mara and Jon received about 31% and 12% respectively."
    >>> figure_list(s, s.index("12%"), s.index("12%") + 3)
    Respective(k=1, n=2, start=28, end=52)
    >>> figure_list("They won 16 and 12 seats, respectively.", 9, 11)
    Respective(k=0, n=2, start=9, end=38)
    >>> figure_list("They won 16 seats and 12 more later.", 9, 11) is None
    True
    """
    if "respectively" not in sentence[end:].lower():
        return None
    figures = [m for m in _FIGURE.finditer(sentence) if m.group().strip(" $€£¥₹-+−")[:1].isdigit()]
    at = next((k for k, m in enumerate(figures) if m.start() < end and start < m.end()), None)
    if at is None:
        return None
    group = [figures[at]]
    k = at
    while k > 0 and _JOIN.match(sentence[figures[k - 1].end() : group[0].start()]):
        k -= 1
        group.insert(0, figures[k])
    index = at - k
    k = at
    while k + 1 < len(figures) and _JOIN.match(sentence[group[-1].end() : figures[k + 1].start()]):
        k += 1
        group.append(figures[k])
    if len(group) < 2:
        return None
    close = _CLOSE.match(sentence[group[-1].end() :])
    if close is None:
        return None
    return Respective(index, len(group), group[0].start(), group[-1].end() + close.end())


def member_spans(sentence: str, found: Respective) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where the list of members may be: before the figures, then between them and "respectively"."""
    tail = sentence.lower().rfind("respectively", found.start, found.end)
    return (0, found.start), (_list_end(sentence, found.start, tail), tail)


def respective_item(sentence: str, start: int, end: int) -> str:
    """The lower-case item the figure belongs to by "respectively" ("" when not read).

    >>> s = "Winners and finalists will get £3.1 million and £1.6 million respectively."
    >>> respective_item(s, s.index("£1.6"), s.index("£1.6") + 12)
    'finalists'
    >>> s = "In real terms, basic and overtime pay rose by 2.3 percent and 0.6 percent respectively."
    >>> respective_item(s, s.index("2.3"), s.index("2.3") + 11)
    'basic'
    >>> s = "Output rose 0.1% in March and 0.4% in April, respectively."   # no list of two to pair with
    >>> respective_item(s, s.index("0.1%"), s.index("0.1%") + 4)
    ''
    """
    found = figure_list(sentence, start, end)
    if found is None:
        return ""
    for lo, hi in member_spans(sentence, found):
        member = _from_words(sentence[lo:hi], found, opening=lo == 0)
        if member:
            return member
    return ""


def _trim(member: list[str], *, leading: bool) -> list[str]:
    """A list's first member less the words before it that belong to the clause ("her rivals" before a
    list of names is not read here: names are), its last member less a verb after it ("finalists will")."""
    if leading:
        return member[-1:] if len(member) > 1 and member[0] in words.NOT_RESPECTIVE_MEMBER else member
    return member[:1] if len(member) > 1 and member[1] in words.NOT_RESPECTIVE_MEMBER else member


def _list_end(sentence: str, start: int, tail: int) -> int:
    """Where the last figure of the list ends (the member list after it starts there)."""
    last = start
    for m in _FIGURE.finditer(sentence, start, tail):
        last = m.end()
    return last


def member_of_names(sentence: str, names: Sequence[Name], found: Respective) -> str:
    """The k-th of n names: one name of n parts joined by "and" (the last such name before the list),
    or the last n names in a row."""
    for name in reversed(names):
        parts = [p for p in _MEMBER_SPLIT.split(name.text) if p]
        if len(parts) == found.n:
            return parts[found.k]
        if len(parts) > 1:
            return ""  # a list of another length: not this one
    if len(names) >= found.n:
        row = names[-found.n :]
        joins = [sentence[a.end : b.start] for a, b in zip(row, row[1:], strict=False)]
        if all(re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?", j) for j in joins):
            return row[found.k].text
    return ""


def _from_words(text: str, found: Respective, *, opening: bool) -> str:
    """The k-th member of the last list of n members in text, lower-cased; "" for a list of names (a
    capitalised word other than the sentence's first: `claims.context.owners` reads names)."""
    for m in reversed(list(_WORD_LIST.finditer(text))):
        first = opening and not text[: m.start()].strip()
        listed = m["list"][1:] if first else m["list"]
        if any(c.isupper() for c in listed):
            continue
        split = [p.lower().split() for p in _MEMBER_SPLIT.split(m["list"]) if p.strip()]
        split = split[-found.n :]  # "in real terms, basic and overtime pay": the list is its last members
        split[0] = _trim(split[0], leading=True)
        split[-1] = _trim(split[-1], leading=False)
        members = [" ".join(w for w in p if w not in words.NOT_RESPECTIVE_MEMBER) for p in split]
        if len(members) == found.n and all(members):
            return members[found.k]
    return ""
