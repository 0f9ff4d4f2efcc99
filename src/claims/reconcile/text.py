"""Subject text as tokens: acronyms folded, stop words dropped, lightly stemmed; proper names and precision.

>>> subject_tokens("the Japan-ASEAN Integration Fund's budgets", {"japan asean integration fund": "jaif"})
['jaif', 'budget']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .vocabulary import STOPWORDS

_TOKEN_RE = re.compile(
    r"""
    \d+(?:\.\d+)+      # version-like numbers: 2.0, 3.1
    | [A-Za-z0-9]+     # words, acronyms and plain numbers
    """,
    re.VERBOSE,
)


@lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """A deliberately light stemmer: plural and past/progressive endings of longer words.

    >>> [stem(t) for t in ("vessels", "trusted", "funding", "boss", "osa", "budgets", "countries")]
    ['vessel', 'trust', 'fund', 'boss', 'osa', 'budget', 'country']
    >>> [stem(t) for t in ("addresses", "categories", "combined", "gives", "giving")]
    ['address', 'category', 'combin', 'giv', 'giv']
    """
    if len(token) > 5 and token.endswith("ing"):
        return token[:-3]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith("ed"):
        return token[:-2]
    if len(token) > 4 and token.endswith(("sses", "xes", "ches", "shes")):
        return token[:-2]
    if len(token) > 4 and token.endswith("es") and token[-3] in "v":
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_ACRONYM_RE = re.compile(
    r"""
    (?P<name>(?:[A-Z][\w'’-]*[ ]+(?:(?:of|and|for|the|on|&)[ ]+)?){1,8}[A-Z][\w'’-]*)  # Capitalised words
    [ ]*\([ ]*
    (?P<acronym>[A-Z][A-Za-z]{1,9}\d?)   # the acronym in brackets: JAIF, CMIM, AJCCBC, ReCAAP
    [ ]*\)
    """,
    re.VERBOSE,
)
_NAME_FILLERS = frozenset({"of", "and", "for", "the", "on", "&"})


def acronym_aliases(sentences: Iterable[str]) -> dict[str, str]:
    """Map long names to the acronyms the texts define for them ("Name Words (NW)").

    >>> acronym_aliases(["through the Japan-ASEAN Integration Fund (JAIF) for"])
    {'japan asean integration fund': 'jaif'}
    >>> acronym_aliases(["the Chiang Mai Initiative Multilateralisation (CMIM), with"])
    {'chiang mai initiative multilateralisation': 'cmim'}
    """
    aliases: dict[str, str] = {}
    seen: set[str] = set()
    for sentence in sentences:
        if "(" not in sentence or sentence in seen:
            continue
        seen.add(sentence)
        for match in _ACRONYM_RE.finditer(sentence):
            acronym = match["acronym"]
            letters = [c for c in acronym if c.isupper()]
            words = [w for w in re.split(r"[ \-]+", match["name"]) if w]
            content = [w for w in words if w.lower() not in _NAME_FILLERS]
            # the acronym names the last len(letters) capitalised words: check their initials
            if len(letters) < 2 or len(content) < len(letters):
                continue
            tail = content[-len(letters) :]
            if [w[0].upper() for w in tail] != letters:
                continue
            start = words.index(tail[0]) if tail[0] in words else 0
            long_name = " ".join(w.lower() for w in words[start:])
            long_name = " ".join(_TOKEN_RE.findall(long_name))
            aliases.setdefault(long_name, acronym.lower())
    return aliases


def subject_tokens(text: str, aliases: dict[str, str] | None = None) -> list[str]:
    """Content tokens of a subject, acronyms folded, stop words dropped, lightly stemmed.

    >>> subject_tokens("the Japan-ASEAN Integration Fund's budget", {"japan asean integration fund": "jaif"})
    ['jaif', 'budget']
    """
    lowered = " ".join(_TOKEN_RE.findall(text.replace("’", "'").replace("'s ", " ").lower()))
    if aliases:
        for long_name, acronym in aliases.items():
            if long_name in lowered:
                lowered = re.sub(rf"\b{re.escape(long_name)}\b", acronym, lowered)
    return [stem(t) for t in lowered.split() if t not in STOPWORDS]


def name_tokens(text: str, aliases: dict[str, str] | None = None) -> frozenset[str]:
    """Tokens of a subject written as a proper name (capitalised or acronym), and version numbers.

    Subjects are noun phrases, so a capitalised first word is a name too when the next word is capitalised
    as well ("Tadira Fund budget"); alone ("Net income", a sentence's first word) it is only capitalised. A
    title written in title case ("Main Highlights Of Budget") capitalises every word: only its acronyms
    count there.

    >>> sorted(name_tokens("budget of the ASEAN Cultural Fund"))
    ['asean', 'cultural', 'fund']
    >>> sorted(name_tokens("Dita Fund 2.0 budget"))
    ['2.0', 'dita', 'fund']
    >>> sorted(name_tokens("capital outlay for FY25"))
    []
    >>> sorted(name_tokens("Net income")), sorted(name_tokens("Services push Apple to a record"))
    ([], ['apple'])
    >>> sorted(name_tokens("Pakistan: Main Highlights Of Budget 2024-25 For The IMF"))
    ['imf']
    """
    folded = text
    if aliases:
        probe = _case_probe(folded)
        for long_name, acronym in aliases.items():
            words = long_name.split()
            if not all(w in probe for w in words):
                continue  # a word of the name is missing: the pattern cannot match (see `_case_probe`)
            pattern = r"[\s\-]+".join(re.escape(w) for w in words)
            replaced = re.sub(pattern, acronym.upper(), folded, flags=re.IGNORECASE)
            if replaced != folded:
                folded, probe = replaced, _case_probe(replaced)
    tokens = _TOKEN_RE.findall(folded)
    words = [t for t in tokens if t[:1].isalpha()]
    title_case = (
        len(words) >= 3
        and sum(w[0].isupper() for w in words) >= len(words) - 1
        and any(w.lower() in _TITLE_SMALL_WORDS and w[0].isupper() for w in words)
    )
    out = set()
    for k, token in enumerate(tokens):
        if _PERIOD_TOKEN.fullmatch(token):
            continue  # "FY24", "Q3": a time, not a name
        is_acronym = len(token) > 1 and token.isupper() and token.isalpha()
        if title_case and not is_acronym:
            continue
        if token[0].isupper():
            if k == 0 and not is_acronym and not (len(tokens) > 1 and tokens[1][:1].isupper()):
                continue  # "Net income": a first word is capitalised whether or not it names anything
            out.add(stem(token.lower()))
        elif re.fullmatch(r"\d+\.\d+", token):
            out.add(token)
    return frozenset(out)


_CASELESS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""The non-ASCII letters an IGNORECASE pattern matches to an ASCII one (İ, ı, ſ, the Kelvin sign)."""


def _case_probe(text: str) -> str:
    """`text` lower-cased so that every word an IGNORECASE match of ASCII letters and digits finds in it is
    a substring of the probe (a cheap test before a pattern is built).

    >>> _case_probe("The \u212aelvin ASEAN \u0130MF"), "asean" in _case_probe("ASEAN-Japan")
    ('the kelvin asean imf', True)
    """
    return text.translate(_CASELESS).lower()


_TITLE_SMALL_WORDS = frozenset({"of", "and", "the", "in", "for", "to", "on", "at", "by", "with", "from", "a"})
"""Small words a title-case headline capitalises ("Main Highlights Of Budget") and a name rarely does."""


_PERIOD_TOKEN = re.compile(r"(?:FY|CY|Q[1-4]|H[12])\d{0,4}|(?:19|20)\d\d", re.IGNORECASE)

_NUMBER_RE = re.compile(
    r"""
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?   # 1,050.0
    | \d+(?:\.\d+)?)                        # 58.9, 8, 2026
    """,
    re.VERBOSE,
)


def infer_precision(surface: str, value: float | None) -> float | None:
    """Half a unit of the last stated digit, scaled like the value (used when the extractor gave none).

    >>> infer_precision("8.1 billion yen", 8.1e9)
    50000000.0
    >>> infer_precision("58.9 percent", 58.9)
    0.05
    >>> infer_precision("Three", 3.0)
    0.5
    """
    if value is None or value == 0:
        return None
    numbers = _NUMBER_RE.findall(surface)
    if not numbers:
        return 0.5 if float(value).is_integer() and abs(value) < 1000 else None
    stated = numbers[-1].replace(",", "")
    stated_value = float(stated)
    if stated_value == 0:
        return None
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    scale = abs(value) / stated_value
    return float(round(0.5 * 10 ** (-decimals) * scale, 12))
