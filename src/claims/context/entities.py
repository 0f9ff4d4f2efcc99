"""Parties named near a number, canonicalised through `claims.lexicon.entities`: lexicon matches, list
items (`Malaysia (-40%)`), names that only report the figures, and names the statistical NER adds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Span

from claims.lexicon.entities import CAPITALS, IMPLIES, alias_table


def is_place(text: str) -> bool:
    table = alias_table()
    return text in table or text in CAPITALS or text.strip().upper() == text.strip() and len(text) > 3


LIST_ITEM = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\(\s*$")


def list_item_party(text: str, start: int, end: int) -> str:
    """The name a parenthesised figure follows in a list (`Brunei Darussalam (-34.8%), Malaysia (-40%)`).

    >>> t = "The biggest declines hit Brunei Darussalam (-34.8%), Malaysia (-40%) and Thailand (-50.8%)."
    >>> list_item_party(t, t.index("-40"), t.index("-40") + 4)
    'Malaysia'
    >>> list_item_party("Exports rose (5%) in May.", 14, 16)
    ''
    """
    m = LIST_ITEM.search(text[max(0, start - 40) : start])
    if m is None or ")" not in text[end : end + 24].split("(")[0]:
        return ""
    name = m.group(0).rstrip(" (")
    return name if find_entities(name) else ""


def list_item_parties(text: str) -> list[str]:
    """Every party named right before a parenthesised figure in `text` (the items of a list).

    >>> list_item_parties("Aid went to Fiji ($84 million) and Tonga ($20 million) from Australia.")
    ['Fiji', 'Tonga']
    """
    out = []
    for m in re.finditer(r"\(\s*[-+−]?[$€£¥₹A-Z]{0,3}\$?\s?\d", text):
        party = list_item_party(text, m.start() + 1, m.start() + 1)
        if not party:
            continue
        close = text.find(")", m.start())
        if close > 0 and party not in out:
            out.append(party)
    return out


_GEO_BLOCKERS = (
    "South China Sea",
    "East China Sea",
    "West Philippine Sea",
    "Philippine Sea",
    "Indian Ocean",
    "Sea of Japan",
    "Japan Sea",
    "Indo-Pacific",
    "Asia-Pacific",
    "Chinese Taipei",
)
_NOT_AFTER = re.compile(
    r"^\s*\\?\$|^\$|^\s+dollars?\b", re.IGNORECASE
)  # `US $3.8bn`, `71 million US Dollars`


@cache
def _entity_pattern() -> re.Pattern[str]:
    names = set(alias_table()) | set(CAPITALS) | set(_GEO_BLOCKERS)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])|(?<=-)(?:{alternation})(?![\w])")


def find_entities(text: str, *, anchor: int | None = None) -> list[tuple[int, str]]:
    """(offset, canonical name) of every party named in `text`, closest to `anchor` first.

    >>> [name for _, name in find_entities("Tokyo will provide Kuala Lumpur with grants via the PCG")]
    ['Japan', 'Malaysia', 'Philippine Coast Guard', 'Philippines']
    >>> [name for _, name in find_entities("a summit held in Tokyo on the South China Sea")]
    []
    >>> [name for _, name in find_entities("an appeal for 20 million US Dollars")]
    []
    """
    table = alias_table()
    found: list[tuple[int, str]] = []
    for m in _entity_pattern().finditer(text):
        name = m.group(0)
        if name in _GEO_BLOCKERS:
            continue
        if name == "US" and _NOT_AFTER.match(text[m.end() : m.end() + 9]):
            continue
        if name in CAPITALS and name not in table:
            if _locative(text, m.start()) or re.match(r"\s+[A-Z][a-z]", text[m.end() : m.end() + 3]):
                continue  # `in Tokyo`, `Tokyo Declaration`: a place or a name, not the government
            canonical = CAPITALS[name]
        else:
            canonical = table[name]
        found.append((m.start(), canonical))
        for implied in IMPLIES.get(canonical, ()):
            found.append((m.start(), implied))
    if anchor is not None:
        found.sort(key=lambda x: abs(x[0] - anchor))
    return found


def _locative(text: str, start: int) -> bool:
    return bool(
        re.search(
            r"\b(?:in|at|near|from|around|outside|inside|across|throughout|of)\s+$",
            text[max(0, start - 12) : start],
        )
    )


_SOURCE_AFTER = re.compile(
    r"""^[\w\s.'’&-]{0,40}?\b(?:said|says|showed|shows|reported|reports|estimated|estimates|announced|told
      |stated|noted|data|figures|statistics)\b""",
    re.VERBOSE,
)
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from)\s+(?:the\s+)?$", re.IGNORECASE)
_ATTRIBUTION_BEFORE = re.compile(r"[,;]\s+(?:the\s+|The\s+)?$")


def reported_by(text: str, start: int, end: int | None = None) -> bool:
    """True when the name at text[start:] only reports the figures: a trailing attribution (`..., the General
    Statistics Office said`, `..., Bank of Korea data showed`) or `according to SIPRI`; not the subject that
    reports its own figures (`Sony reported sales of ...`).

    >>> t = "Exports rose 5%, the General Statistics Office said."
    >>> reported_by(t, t.index("General"), t.index(" said"))
    True
    >>> t = "Thailand's central bank expects 35 million visitors."
    >>> reported_by(t, 0)
    False
    """
    if _SOURCE_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    if not _ATTRIBUTION_BEFORE.search(text[max(0, start - 8) : start]):
        return False
    if end is None:
        name = re.match(r"[\w.'’&-]+(?:\s+[A-Z][\w.'’&-]*)*", text[start:])
        end = start + (name.end() if name else 0)
    verb = _SOURCE_AFTER.match(text[end : end + 50])
    return verb is not None and "," not in verb.group(0)


def canonical_entities(
    found: Iterable[tuple[int, str]], extra: Iterable[str] = (), *, limit: int = 6
) -> tuple[str, ...]:
    """Distinct canonical names in order of first appearance in `found`, then `extra`; at most `limit`."""
    out: list[str] = []
    for _, name in found:
        if name not in out:
            out.append(name)
    for name in extra:
        if name and name not in out:
            out.append(name)
    return tuple(out[:limit])


def ner_entities(ents: Iterable[Span]) -> list[tuple[int, int, str]]:
    """(start, end, name) of GPE/ORG names the statistical NER found that the lexicon does not know."""
    table = alias_table()
    out = []
    for ent in ents:
        if ent.label_ not in {"GPE", "ORG", "NORP"}:
            continue
        name = re.sub(r"^(?:the|The)\s+|['’]s$", "", ent.text).strip()
        if not name or any(ch.isdigit() for ch in name) or len(name) < 3 or "\n" in name:
            continue
        if name in table or name in CAPITALS:
            continue
        if ent.label_ == "NORP" or not name[0].isupper() or re.search(r"[()\[\]{}<>/|,;]", name):
            continue
        if re.search(r"\b(?:and|or|of|the|for|with|in)$", name):
            continue
        words = name.split()
        single_word = len(words) == 1 and not re.fullmatch(r"[A-Z]{3,}", name)
        if ent.label_ == "ORG" and (len(words) > 6 or single_word):
            continue
        if ent.label_ == "GPE" and not all(w[0].isupper() for w in words if w not in {"of", "and", "the"}):
            continue
        out.append((ent.start_char, ent.end_char, name))
    return out
