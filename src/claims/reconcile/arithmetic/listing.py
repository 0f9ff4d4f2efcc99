"""The words that list the parts of a total, and the partitions that make a listing whole.

Sources: the listing and apposition markers of Quirk et al., "A Comprehensive Grammar of the English
Language" (1985) §17.65-17.92 (appositive "including", "namely", "of which", "among them", the colon), the
breakdown phrases of statistical releases ("as follows", "broken down by region", "split into"), and the
classes such releases break a whole into (men and women; rise, no change and fall; urban and rural; killed
and injured). Reviewed by hand; every pattern is read on the words next to a number, never on a whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOTAL_BEFORE = re.compile(
    r"""(?:a\s+total\s+of|in\s+total|totall?ing|totals?|combined|altogether|in\s+all|aggregate\s+of|
         sum\s+of|overall)\s*(?:of\s+)?(?:\w+\s+){0,2}$""",
    re.VERBOSE | re.IGNORECASE,
)
TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:in\s+total|in\s+all|altogether|combined)\b", re.IGNORECASE)
_EXAMPLES = r"including|includes|include|such\s+as"  # parts given as examples ("including")
SUBSET_CUE = re.compile(rf"\b(?:{_EXAMPLES}|of\s+which|of\s+whom|among\s+them|among\s+whom)\b", re.IGNORECASE)
SUM_CUE = re.compile(
    r"""
    \([^)]*$                          # the parts open a bracket after the total: "8 frigates (four ... four"
    | \bcomprising\b | \bconsisting\s+of\b | \bmade\s+up\s+of\b | \bbroken\s+down\b
    | \bsplit\s+(?:into|between|among)\b | \bdivided\s+(?:into|between|among)\b
    | \bas\s+follows\b
    | :                                # "a total of 12: 5 ... and 7 ..."
    """,
    re.VERBOSE | re.IGNORECASE,
)
WITH_PLACE = re.compile(
    r"""^[,;]?\s*with\s+$""",  # "6,000 people, with 3,000 in Al-Bayda": the words between total and part
    re.VERBOSE | re.IGNORECASE,
)
PLACE_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?:in|at)\s+(?:the\s+)?[A-Z]")  # "3,000 in Al-Bayda"
OF_THE = re.compile(r"^\s+of\s+(?:the|all|a\s+total\s+of)\s+$", re.IGNORECASE)  # "250 of the 486 seats"
BREAKDOWN_OPENING = re.compile(
    r"""
    \bas\s+follows\b                                   # "distributed by region as follows:"
    | \bbroken\s+down\b | \bbreak-?down\b
    | \b(?:distributed|split|divided|allocated|shared)\b
    | ^\W*(?:the|this|these|those|they|it)\s+(?:\w+\s+){0,2}?          # "The deceased include", "This
       (?:include|includes|included|comprise|comprises|comprised)\b      #  included": early in the sentence
    | \bby\s+(?:region|state|province|district|county|country|area|governorate|sex|gender|age|category|
                type|sector|segment)\b
    | \bamong\s+(?:the|these|those|them|whom)\b      # "among the additional voters"
    | \bof\s+(?:these|those|them|whom|which)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
ADJUNCT = re.compile(
    r"\b(?:in|during|over|for|after|before|across|within|since|through)\s+(?:the|these|those|its|their|all)\s+$",
    re.IGNORECASE,
)  # "in the six phases": a figure inside an adverbial, not a listed part


def is_total_before(words: str) -> bool:
    """The words before a figure make it a total ("a total of 8 frigates").

    >>> is_total_before("jointly constructing a total of ")
    True
    >>> is_total_before("constructing ")
    False
    """
    return bool(TOTAL_BEFORE.search(words))


def is_total_after(words: str) -> bool:
    """The words after a figure make it a total ("1,107,541 vaccinations in all").

    >>> is_total_after(" vaccinations in all during a large-scale campaign")
    True
    """
    return bool(TOTAL_AFTER.match(words))


RUNNING_TOTAL = re.compile(
    r"\b(?:bring\w*|tak(?:e|es|ing|en)|took|rais\w*|push\w*|lift\w*|increas\w*|ris\w*|rose|climb\w*)\b"
    r"[^,;.]{0,30}\bto\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def is_running_total(words: str) -> bool:
    """'bringing the death toll to 45': a total that includes earlier counts, not the sum of those listed.

    >>> is_running_total("on Tuesday, bringing the death toll to ")
    True
    >>> is_running_total("in June, for a total of ")
    False
    """
    return bool(RUNNING_TOTAL.search(words))


def lists_some_parts(link: str) -> bool:
    """The words between a total and its first part introduce some of its parts ("including").

    >>> lists_some_parts(" citizens are eligible to vote in this final phase, among them nearly ")
    True
    """
    return bool(SUBSET_CUE.search(link))


PARTIAL_CUE = re.compile(rf"\b(?:{_EXAMPLES})\b", re.IGNORECASE)


def lists_only_some_parts(link: str) -> bool:
    """The words between a total and its first part say the parts are examples, not all of it
    ("including", "such as"): even parts that name a whole partition ("203 men and 213 women") may leave
    some out (the children). "among them" and "of whom" may still list them all.

    >>> lists_only_some_parts(" people were missing, including "), lists_only_some_parts(", among them ")
    (True, False)
    """
    return bool(PARTIAL_CUE.search(link))


def lists_all_parts(link: str) -> bool:
    """The words between a total and its first part introduce all its parts (a bracket, a colon).

    >>> lists_all_parts(" frigates (building ")
    True
    >>> lists_all_parts(" vessels, and ")
    False
    """
    return bool(SUM_CUE.search(link))


ALL_PARTS = re.compile(
    r"\b(?:comprising|consisting\s+of|made\s+up\s+of|broken\s+down|split\s+(?:into|between|among)|"
    r"divided\s+(?:into|between|among)|as\s+follows)\b",
    re.IGNORECASE,
)


def names_all_parts(link: str) -> bool:
    """Words that say every part follows ("comprising", "split into", "as follows"), beyond a bare bracket.

    >>> names_all_parts(" people, split into ")
    True
    >>> names_all_parts(" people (")
    False
    """
    return bool(ALL_PARTS.search(link))


def lists_parts_by_place(link: str, after_part: str) -> bool:
    """'N people, with A in <Place>': the parts of N located one by one.

    >>> lists_parts_by_place(" people, with ", " in Al-Bayda, and")
    True
    >>> lists_parts_by_place(" people, with ", " injured")
    False
    """
    head, _, rest = link.partition(",")
    return (
        bool(rest)
        and len(head.split()) <= 3
        and bool(WITH_PLACE.match("," + rest))
        and bool(PLACE_AFTER.match(after_part))
    )


def is_share_of(words: str) -> bool:
    """The words between a part and a total ("250 of the 486 constituencies").

    >>> is_share_of(" of the ")
    True
    >>> is_share_of(" and ")
    False
    """
    return bool(OF_THE.match(words))


def opens_breakdown(words: str) -> bool:
    """A sentence that goes on to break down a figure of the sentence before.

    >>> opens_breakdown("The army said the doses were distributed by region as follows: ")
    True
    >>> opens_breakdown("According to its note, among the additional voters the number of women rose by ")
    True
    >>> opens_breakdown("The deceased include ")
    True
    >>> opens_breakdown("The other sectors that have received greater allocation of funds include ")
    False
    >>> opens_breakdown("Polling stations opened at ")
    False
    """
    return bool(BREAKDOWN_OPENING.search(words))


COMPARISON = re.compile(
    r"\b(?:against|compared\s+(?:with|to)|versus|vs\.?|(?:up|down)\s+from)\b|\bfrom\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def compares(words: str) -> bool:
    """The words between two figures set one against the other: they are a level and its base, not parts.

    >>> compares(" crore against ")
    True
    >>> compares(" in the center and ")
    False
    >>> compares(" from the coast and ")
    False
    >>> compares(" crore this year, up from ")
    True
    """
    return bool(COMPARISON.search(words))


NEW_PREDICATE = re.compile(
    r"""\b(?:and|but|while|whereas)\s+(?:also\s+)?
    (?:\w+ed|sold|lost|took|won|made|gave|got|spent|built|paid|hit|left|saw|had|drew|fell|rose|grew)\s+
    (?:\w+\s+){0,2}$""",
    re.VERBOSE | re.IGNORECASE,
)


def starts_new_predicate(words: str) -> bool:
    """'..., and rejected 45 applications': a figure of another verb ends the listing.

    >>> starts_new_predicate("including 300 affordable units, and rejected ")
    True
    >>> starts_new_predicate("with 3,000 in Al-Bayda, and ")
    False
    """
    return bool(NEW_PREDICATE.search(words))


CONTRAST = re.compile(
    r""",\s*(?:while|whereas)\b|;\s*(?:while|whereas)\b
    | ,\s*(?:well\s+|just\s+|far\s+)?(?:above|below|beyond|short\s+of|ahead\s+of|behind|exceeding)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def contrast_between(words: str) -> bool:
    """'30 for the Greens ... and 5 for the Left, while the Liberals ... would have 7': a clause set against
    the listing ends it, and so does a figure it is measured against ("..., above the 720 it had targeted").

    >>> contrast_between(" for the Left, while the Liberals, who back neither side, would have ")
    True
    >>> contrast_between(" for the Greens, 15 for Labour and just ")
    False
    >>> contrast_between(" A350s, above the ")  # "..., above the 720 it had targeted": a figure set against
    True
    >>> contrast_between(" saw voters rise by more than 50,000, ")  # a bound inside a part's own clause
    False
    """
    return bool(CONTRAST.search(words))


def is_adjunct(words: str) -> bool:
    """A figure inside a time or place adverbial ("in the six phases of the polls") is not a listed part.

    >>> is_adjunct("recorded a fall in the number of voters in the ")
    True
    >>> is_adjunct("198 seats saw a status quo, and only ")
    False
    """
    return bool(ADJUNCT.search(words))


@dataclass(frozen=True, slots=True)
class Partition:
    """Classes that between them cover a whole: parts naming every class must add up to the total."""

    name: str
    classes: tuple[re.Pattern[str], ...]


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


PARTITIONS: tuple[Partition, ...] = (
    Partition("sex", (_words("men", "male", "males", "boys"), _words("women", "female", "females", "girls"))),
    Partition(
        "direction of change",
        (
            _words(
                "rise", "rose", "risen", "increase", "increased", "grew", "higher", "gain", "gained", "up"
            ),
            _words(
                "fall",
                "fell",
                "fallen",
                "decline",
                "declined",
                "decrease",
                "decreased",
                "drop",
                "dropped",
                "lower",
                "down",
            ),
            _words("status quo", "unchanged", "no change", "flat", "steady", "stable", "the same"),
        ),
    ),
    Partition("settlement", (_words("urban"), _words("rural"))),
    Partition(
        "casualties",
        (_words("killed", "dead", "deaths", "died"), _words("injured", "wounded", "hurt", "injuries")),
    ),
    Partition("age", (_words("adults?"), _words("children", "minors"))),
)


def partition_covered(span: str, parts: int) -> str | None:
    """The partition the listed parts cover one class each: every class named once in the listing's words,
    and no more parts than classes (one "other" aside). "71 killed and 437 injured in Ramadi and 331 killed
    ... in Fallujah" names each class twice: split by place as well, so maybe not all places.

    >>> partition_covered("among them 50 million men, 40.8 million women and 3,574 third-gender electors.", 3)
    'sex'
    >>> partition_covered("71 killed and 437 injured in Ramadi, 331 killed and 187 injured in Hit", 4)
    >>> partition_covered("3,000 in Al-Bayda, and 1,000 in Al-Makhili", 2) is None
    True
    """
    for partition in PARTITIONS:
        mentions = [len(cls.findall(span)) for cls in partition.classes]
        if all(m == 1 for m in mentions) and parts <= len(partition.classes) + 1:
            return partition.name
    return None
