"""The words that say a figure is a change, a total, a part of a total or a distance to a threshold.

Sources: the change and comparison verbs of business and statistics reporting (Reuters and AP style guides'
entries on "percent", "percentage point", "times", "fold"; the Economist style guide on "per cent"), the
listing and apposition markers of Quirk et al., "A Comprehensive Grammar of the English Language" (1985)
§17.65-17.92 (appositive "including", "namely", "of which", "among them", the colon), and the headers of
company results tables (YoY, Y/Y, QoQ, "% change"). Reviewed by hand; every pattern is read on the words
next to a number, never on a whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ------------------------------------------------------------------------------------------------ changes
CHANGE_BEFORE = re.compile(
    r"""
    (?:increase|increment|rise|growth|jump|gain|surge|hike|boost|decrease|decline|drop|fall|reduction|cut|
       contraction|increased|rose|grew|jumped|climbed|surged|decreased|declined|dropped|fell|reduced|
       shrank|contracted|expanded|up|down)
    \s+(?:of\s+|by\s+)?                                   # "an increase of", "grew by", "rose"
    (?:(?:over|more\s+than|nearly|almost|about|around|approximately|roughly|some|at\s+least|
          up\s+to|just\s+over|just\s+under|under|less\s+than)\s+)?   # a qualifier outside the span
    $""",
    re.VERBOSE | re.IGNORECASE,
)
CHANGE_AFTER = re.compile(
    r"""^\s*(?:\(|\[)?\s*
    (?:increase|rise|growth|jump|gain|surge|hike|decrease|decline|drop|fall|reduction|cut|contraction|
       higher|lower|more|less|up|down)\b""",
    re.VERBOSE | re.IGNORECASE,
)
DECREASE = re.compile(
    r"decreas|declin|drop|fall|fell|reduc|cut|shrank|contract|lower|less|down|fewer", re.IGNORECASE
)
FROM_LEAD = re.compile(
    r"""\bfrom\s+                    # "from an initial budget of approximately 2 billion yen"
    (?:[^\s,;.]+\s+){0,5}$          # at most five words, no clause break, before the figure
    """,
    re.VERBOSE | re.IGNORECASE,
)
TO_LEAD = re.compile(r"^[^;.]{0,60}?\bto\s+(?:[^\s,;.]+\s+){0,4}$", re.IGNORECASE)
THEN = re.compile(r"\b(?:to|and|then|before|reaching)\b", re.IGNORECASE)
MORE_AFTER = re.compile(
    r"""^\s*(?:more|fewer|additional|extra)\b     # "30 million more people voted"
    (?!\s+than)                                  # not "30 million more than ...": a comparison with a level
    """,
    re.VERBOSE | re.IGNORECASE,
)
BASE_GAP = re.compile(
    r"""^[\s,]*(?:\w+[\s-]+){0,2}?                 # "up 5%", "a 5% rise"
    (?:from|compared\s+(?:with|to)|against|versus|vs\.?|over|above|below|
       (?:more|higher|greater|larger|less|lower|fewer|smaller)\s+than)\s+   # "30 per cent more than"
    (?:(?:the|a|an|its|their)\s+)?(?:\w+\s+){0,3}$   # "from the", "than the previous allocation of"
    """,
    re.VERBOSE | re.IGNORECASE,
)
TIMES_MORE = re.compile(
    r"^\s*(?:more|higher|larger|bigger|greater)\b", re.IGNORECASE
)  # "three times more than": read as 3x or 4x


def leads_from(words: str) -> bool:
    """The words before a figure make it the start of a change ("from an initial budget of approximately").

    >>> leads_from("The programme has expanded rapidly: from an initial budget of approximately ")
    True
    >>> leads_from(" from the previous estimate, and operating profit of ")
    False
    """
    return bool(FROM_LEAD.search(words))


TO_FIGURE = re.compile(r"\bto\s+(?:[^\s,;.]+\s+){0,3}$", re.IGNORECASE)
AGAINST = re.compile(
    r"""^[^;]{0,45}?
    \b(?:as\s+against|against|compared\s+(?:with|to)|versus|vs\.?)\s+   # "as against Rs 1,456.55"
    (?:[^\s,;.]+\s+){0,4}$                                          # "the previous allocation of"
    """,
    re.VERBOSE | re.IGNORECASE,
)
NOT_A_BASE = re.compile(
    r"expect|estimat|forecast|consensus|guidance|target|analyst|project|predict|poll|survey|median|average",
    re.IGNORECASE,
)  # "against expectations of $2.5 billion": a level set against a forecast, not a change


CLAUSE_BREAK = re.compile(
    r"""[;:]|\b(?:that|while|whereas|but|as|because|since|although|though|when|if|unless|
           assum\w*|expect\w*|said|says)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def breaks_clause(words: str) -> bool:
    """The words between a stated change and its figures start another clause, about something else.

    >>> breaks_clause(" in February, as exports fell ")
    True
    >>> breaks_clause(", on the assumption that oil would cost ")
    True
    >>> breaks_clause(" in 2017-18, showing a growth of ")
    False
    """
    return bool(CLAUSE_BREAK.search(words))


def leads_to_figure(words: str) -> bool:
    """The words before a figure make it the end point of a change ("edged up less than 1% to").

    >>> leads_to_figure("Sales edged up less than 1% to ")
    True
    >>> leads_to_figure("Sales came ")
    False
    """
    return bool(TO_FIGURE.search(words))


def joins_to_from(words: str) -> bool:
    """Between 'to Y' and 'from X' only Y's own words ('to $354 million, or 44 cents a share, from').

    >>> joins_to_from(" from ")
    True
    >>> joins_to_from(" in the quarter; exports fell from ")
    False
    """
    return ";" not in words and len(words) <= 50 and not NOT_A_BASE.search(words)


def compares_against(words: str) -> bool:
    """The words between a level and its base ("crore in the current budget, as against").

    >>> compares_against(" crore in the current budget, as against ")
    True
    >>> compares_against(" against analysts' expectations of ")
    False
    """
    return bool(AGAINST.match(words)) and not NOT_A_BASE.search(words)


def leads_to(words: str) -> bool:
    """The words between two figures make the second the end of a change ("in 1990 to").

    >>> leads_to(" in 1990 to ")
    True
    >>> leads_to(" and ")
    False
    """
    return bool(TO_LEAD.match(words))


def is_change_before(words: str) -> bool:
    """The words before a figure introduce it as a change.

    >>> is_change_before("a proposed 18.1 billion yen in FY2026 – an increase of over ")
    True
    >>> is_change_before("the budget of ")
    False
    """
    return bool(CHANGE_BEFORE.search(words))


def is_change_after(words: str) -> bool:
    """The words after a figure make it a change ("a 74 per cent increase").

    >>> is_change_after(" increase in the number of recipients")
    True
    >>> is_change_after(" of the total")
    False
    """
    return bool(CHANGE_AFTER.match(words))


def is_decrease(words: str) -> bool:
    """The change words say the quantity went down.

    >>> is_decrease("a decline of ")
    True
    >>> is_decrease("an increase of ")
    False
    """
    return bool(DECREASE.search(words))


STOPWORDS = frozenset(
    {
        "about", "after", "also", "among", "been", "before", "being", "between", "from", "have", "into",
        "more", "most", "other", "over", "some", "than", "that", "their", "them", "there", "these", "they",
        "this", "those", "through", "under", "were", "what", "when", "where", "which", "while", "with",
        "would", "additional", "extra", "fewer", "total", "million", "billion", "crore", "lakh", "thousand",
        "hundred",
    }
)  # fmt: skip
HEAD_WORDS = re.compile(r"^\s*(?:more|fewer|additional|extra)?\s*((?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE)


def head_words(after: str) -> str:
    """The words a stated extra is about: the two or three after 'more' ("30 million more people voted").

    >>> head_words(" more people voted in the 2024 Lok Sabha polls.")
    'people voted in'
    """
    match = HEAD_WORDS.match(after)
    return match.group(1) if match else ""


def stems(text: str) -> set[str]:
    """First four letters of each content word: 'voted', 'voters' and 'votes' share 'vote'.

    >>> sorted(stems("people voted in"))
    ['peop', 'vote']
    """
    words = re.findall(r"[A-Za-z]{4,}", text.lower())
    return {w[:4] for w in words if w not in STOPWORDS}


def is_base_gap(words: str) -> bool:
    """The words between a stated change and the figure it started from ("up 5% from $10 million").

    >>> is_base_gap(" from ")
    True
    >>> is_base_gap(" rise compared with the ")
    True
    >>> is_base_gap(" more than the previous allocation of ")
    True
    >>> is_base_gap(" drop year-over-year but above the ")
    False
    >>> is_base_gap(", above the analyst estimate of ")
    False
    >>> is_base_gap(" above their opening level to ")
    False
    """
    ends_at_figure = not re.search(r"\bto\s*$", words, re.IGNORECASE)  # "above its opening level to 300"
    return bool(BASE_GAP.match(words)) and ends_at_figure and not NOT_A_BASE.search(words)


TIMES_BASE = re.compile(
    r"""^\s*(?:the|that\s+of|those\s+of|as\s+(?:much|many|large|big|high|great)\s+as|
         (?:more|higher|larger|bigger|greater)\s+than)\s+
    (?:[^\s,;.]+\s+){0,3}$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_times_base(words: str) -> bool:
    """The words between a multiple and the figure it multiplies ("four times the").

    >>> is_times_base(" the ")
    True
    >>> is_times_base(" as much as the previous ")
    True
    >>> is_times_base(" the level of the previous decade, when exports were ")
    False
    """
    return bool(TIMES_BASE.match(words)) and not NOT_A_BASE.search(words)


def is_more_after(words: str) -> bool:
    """A count or amount stated as an extra over an earlier level ("30 million more people voted").

    >>> is_more_after(" more people voted in the 2024 polls")
    True
    >>> is_more_after(" more than the previous year")
    False
    """
    return bool(MORE_AFTER.match(words))


# ------------------------------------------------------------------------------------------------- tables
CELL_SPLIT = re.compile(r"\s\|\s|\t")  # the cell separators of a table row
YOY_HEADER = re.compile(
    r"""\b(?:yoy|y/y|y-o-y|year[-\s](?:on|over)[-\s]year|annual\s+(?:change|growth)|
         (?:vs\.?|versus|over)\s+(?:prior|previous|last)\s+year)\b""",
    re.VERBOSE | re.IGNORECASE,
)
OTHER_PERIOD_HEADER = re.compile(
    r"""\b(?:qoq|q/q|q-o-q|quarter[-\s](?:on|over)[-\s]quarter|sequential|mom|m/m|month[-\s](?:on|over)[-\s]month|
         cagr|compound|two[-\s]year|2[-\s]year|3[-\s]year|five[-\s]year|5[-\s]year|vs\.?\s+(?:budget|estimate|consensus|
         guidance|forecast|target)|share|margin|of\s+total|%\s+of)\b""",
    re.VERBOSE | re.IGNORECASE,
)
CHANGE_HEADER = re.compile(
    r"\b(?:change|chg|growth|increase|decrease|var(?:iance)?)\b|%\s*\+/-", re.IGNORECASE
)


def column_compares_years(header: str) -> bool:
    """A table column of changes over the previous year ('YoY Change', 'Change YOY', 'Y/Y growth').

    >>> column_compares_years("Key Metrics: YoY Change")
    True
    >>> column_compares_years("Results by platform: Change QOQ")
    False
    """
    return bool(YOY_HEADER.search(header)) and not OTHER_PERIOD_HEADER.search(header)


def column_is_plain_change(header: str) -> bool:
    """A column of changes that names no period ('% change', 'Growth'): read only on a two-period row.

    >>> column_is_plain_change("Budget lines: % change")
    True
    >>> column_is_plain_change("Budget lines: Share of total")
    False
    """
    return bool(CHANGE_HEADER.search(header)) and not OTHER_PERIOD_HEADER.search(header)


# ------------------------------------------------------------------------------------------------- totals
TOTAL_BEFORE = re.compile(
    r"""(?:a\s+total\s+of|in\s+total|totall?ing|totals?|combined|altogether|in\s+all|aggregate\s+of|
         sum\s+of|overall)\s*(?:of\s+)?(?:\w+\s+){0,2}$""",
    re.VERBOSE | re.IGNORECASE,
)
TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:in\s+total|in\s+all|altogether|combined)\b", re.IGNORECASE)
SUBSET_CUE = re.compile(
    r"\b(?:including|includes|include|of\s+which|of\s+whom|among\s+them|among\s+whom|such\s+as)\b",
    re.IGNORECASE,
)
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
BY_CHANGE = re.compile(r"\bby\s*$", re.IGNORECASE)  # "rose by 17.3 million": a change, not a level


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
    r"\b(?:against|compared\s+(?:with|to)|versus|vs\.?|from)\b",
    re.IGNORECASE,
)


def compares(words: str) -> bool:
    """The words between two figures set one against the other: they are a level and its base, not parts.

    >>> compares(" crore against ")
    True
    >>> compares(" in the center and ")
    False
    """
    return bool(COMPARISON.search(words))


def is_adjunct(words: str) -> bool:
    """A figure inside a time or place adverbial ("in the six phases of the polls") is not a listed part.

    >>> is_adjunct("recorded a fall in the number of voters in the ")
    True
    >>> is_adjunct("198 seats saw a status quo, and only ")
    False
    """
    return bool(ADJUNCT.search(words))


def is_change_amount(words: str) -> bool:
    """A figure right after 'by' is the size of a change ("rose by 17.3 million").

    >>> is_change_amount("the number of female voters rose by ")
    True
    >>> is_change_amount("the number of female voters was ")
    False
    >>> is_change_amount("jointly constructing a total of ")
    False
    """
    return bool(BY_CHANGE.search(words))


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


# --------------------------------------------------------------------------------------------- thresholds
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
