"""Which reference entries a claim cites, as comparable keys.

A claim's `citation` holds its footnote markers and the reference text they resolve to, joined by " | "
(`[12] Ministry of Foreign Affairs of Japan (MOFA). "Japan-ASEAN Connectivity Initiative". ... <https://...>`).
One source is often cited under several footnote numbers, with or without its access date, so an entry is
keyed by what identifies the source: its URL when it has one, else its quoted title, else its words. A marker
that resolves to nothing (`[7]`) gives no key: it cannot be compared.

A sentence cut by a paragraph break before its footnote marker ("... the Thai high-speed rail project in the"
+ blank line + "North Economic Corridor, and ... in Indonesia.²⁰") carries the marker of its continuation:
`claim_citation_keys` lends the next sentence's keys to a sentence of the same document that ends without
closing punctuation and is followed only by white space.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from claims.types import Claim

_MARKER_RE = re.compile(r"^\s*\[[^\]]{1,12}\]\s*")
_URL_RE = re.compile(
    r"""
    (?:https?://|www\.)      # scheme or bare www.
    [^\s<>"'|]+              # up to white space, brackets, quotes or the part separator
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TITLE_RE = re.compile(
    r"""
    ["“”]                    # opening quote (straight or curly)
    (?P<title>[^"“”]{8,})     # the title: at least a few words
    ["“”]                    # closing quote
    """,
    re.VERBOSE,
)
_IBID_RE = re.compile(r"^ibid\b\.?\s*(?:\((?P<previous>.*)\))?", re.IGNORECASE | re.DOTALL)
_SENTENCE_END = frozenset(".!?:;)]\"'”’") | frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
"""Characters a complete sentence (or its footnote marker) ends with."""


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def reference_key(entry: str) -> str:
    """The key of one reference entry: URL, else quoted title, else its words ('' when nothing is left).

    >>> reference_key('[12] MOFA. "Japan-ASEAN Connectivity Initiative". 2020. <https://www.mofa.go.jp/files/1.pdf>.')
    'url:mofa.go.jp/files/1.pdf'
    >>> reference_key('[20] Ministry of Foreign Affairs of Japan. "Japan-ASEAN Connectivity Initiative".')
    'title:japan asean connectivity initiative'
    >>> reference_key('[7]')
    ''
    >>> reference_key('[9] Ibid. (Yano, Toru. "The Fukuda Doctrine and Its Implications". 1978.)')
    'title:the fukuda doctrine and its implications'
    """
    body = _MARKER_RE.sub("", entry).strip()
    ibid = _IBID_RE.match(body)
    if ibid:
        body = (ibid["previous"] or "").strip()
    if not body:
        return ""
    url = _URL_RE.search(body)
    if url:
        address = url.group(0).rstrip(".,;>)")
        address = re.sub(r"^(?:https?://)?(?:www\.)?", "", address, flags=re.IGNORECASE)
        return "url:" + address.lower().rstrip("/")
    title = _TITLE_RE.search(body)
    if title:
        return "title:" + _words(title["title"])
    words = _words(body)
    return f"text:{words}" if words else ""


def citation_keys(citation: str) -> frozenset[str]:
    """Keys of every entry a citation field names; an entry with a URL also answers to its title.

    >>> sorted(citation_keys('[3] A. "Some Report on Trade". <https://x.org/r> | [4] B. "Other Paper Title"'))
    ['title:other paper title', 'title:some report on trade', 'url:x.org/r']
    """
    keys: set[str] = set()
    for entry in citation.split(" | "):
        key = reference_key(entry)
        if not key:
            continue
        keys.add(key)
        if key.startswith("url:"):
            title = _TITLE_RE.search(_MARKER_RE.sub("", entry))
            if title:
                keys.add("title:" + _words(title["title"]))
    return frozenset(keys)


def claim_citation_keys(claims: Sequence[Claim]) -> list[frozenset[str]]:
    """Reference keys per claim, a sentence cut before its marker borrowing its continuation's keys."""
    own = [citation_keys(c.citation) if c.citation else frozenset() for c in claims]
    # sentences of each document in text order: (start, end, keys, ends complete?)
    by_doc: dict[str, dict[int, tuple[int, frozenset[str], bool]]] = defaultdict(dict)
    for claim, keys in zip(claims, own, strict=True):
        if not claim.sentence:
            continue
        text = claim.sentence.rstrip()
        end = claim.sentence_start + len(text)
        complete = bool(text) and text[-1] in _SENTENCE_END
        kept = by_doc[claim.doc].get(claim.sentence_start)
        if kept is None or (keys and not kept[1]):
            by_doc[claim.doc][claim.sentence_start] = (end, keys, complete)
    borrowed: dict[tuple[str, int], frozenset[str]] = {}
    for doc, sentences in by_doc.items():
        starts = sorted(sentences)
        for here, following in zip(starts, starts[1:], strict=False):
            end, keys, complete = sentences[here]
            next_keys = sentences[following][1]
            # only white space (a line or paragraph break) between the cut sentence and its continuation
            if not keys and not complete and next_keys and 0 <= following - end <= 4:
                borrowed[(doc, here)] = next_keys
    if not borrowed:
        return own
    return [
        keys or borrowed.get((claim.doc, claim.sentence_start), frozenset())
        for claim, keys in zip(claims, own, strict=True)
    ]
