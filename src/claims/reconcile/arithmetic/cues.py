"""The words that say a figure is a change, or the figure a change starts from, and what a table column holds.

Sources: the change and comparison verbs of business and statistics reporting (Reuters and AP style guides'
entries on "percent", "percentage point", "times", "fold"; the Economist style guide on "per cent"), the
listing and apposition markers of Quirk et al., "A Comprehensive Grammar of the English Language" (1985)
§17.65-17.92 (appositive "including", "namely", "of which", "among them", the colon), and the headers of
company results tables (YoY, Y/Y, QoQ, "% change"). Reviewed by hand; every pattern is read on the words
next to a number, never on a whole page.
"""

from __future__ import annotations

import re

# ------------------------------------------------------------------------------------------------ changes
CHANGE_BEFORE = re.compile(
    r"""
    (?:(?:increase|increment|rise|growth|jump|gain|surge|hike|boost|decrease|decline|drop|fall|reduction|cut|
       contraction|increased|rose|grew|jumped|climbed|surged|decreased|declined|dropped|fell|reduced|
       shrank|contracted|expanded|up|down)
    \s+(?:of\s+|by\s+)?                                   # "an increase of", "grew by", "rose"
    | (?:,|\band|\bbut|\bwhile)\s+by\s+)                    # "..., and by 77%": the verb elided
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
           assum\w*|expect\w*|said|says|reported|reports|announced|announces)\b
       | ,\s*and\s+(?:it|they|he|she|we)\b            # ", and it reported ...": a new clause, a new subject
    """,
    re.VERBOSE | re.IGNORECASE,
)


REPORTING_ASIDE = re.compile(
    r""",\s*(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?(?:said|says|reported|added|noted|announced|stated)\s*,""",
    re.IGNORECASE,
)
"""A reporting clause set off by commas inside a statement ("dropped 17%, the company said, to ...")."""


def breaks_clause(words: str) -> bool:
    """The words between a stated change and its figures start another clause, about something else; a
    reporting clause set off by commas ("dropped 17%, the company said, to $440.9 billion") does not.

    >>> breaks_clause(" in February, as exports fell ")
    True
    >>> breaks_clause(", on the assumption that oil would cost ")
    True
    >>> breaks_clause(" in 2017-18, showing a growth of ")
    False
    >>> breaks_clause(" in 2022, was still its second-highest, and it reported total dividends of ")
    True
    >>> breaks_clause(", the company said, to "), breaks_clause(", the company said, while exports fell to ")
    (False, True)
    """
    return bool(CLAUSE_BREAK.search(REPORTING_ASIDE.sub(" ", words)))


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
    >>> joins_to_from(" while profit fell to $610 million from ")
    False
    """
    return len(words) <= 50 and not breaks_clause(words) and not NOT_A_BASE.search(words)


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
    >>> is_change_before("in Q4 2022, and by ")
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


ELIDED = re.compile(r"(?:,|\band|\bbut|\bwhile)\s+by\s+$", re.IGNORECASE)
CHANGE_WORD = re.compile(
    r"\b(?:increas\w*|rise|rose|risen|grew|grow\w*|gain\w*|jump\w*|climb\w*|surg\w*|up|"
    r"decreas\w*|declin\w*|drop\w*|fall\w*|fell|reduc\w*|cut|shr[iau]nk\w*|down|lower\w*)\b",
    re.IGNORECASE,
)


def is_elided_change(words: str) -> bool:
    """'..., and by 77%': a change whose verb is the one before it in the sentence.

    >>> is_elided_change("declined by 66% in Q4, and by ")
    True
    """
    return bool(ELIDED.search(words))


def last_change_falls(words: str) -> bool:
    """The last change word of the text says down ("declined by 66% in Q4, and by" -> True).

    >>> last_change_falls("COVID-related revenue declined by 66% in Q4 2023, and by ")
    True
    >>> last_change_falls("Sales rose 5% in May, and by ")
    False
    """
    found = CHANGE_WORD.findall(words)
    return bool(found) and is_decrease(found[-1])


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


BY_CHANGE = re.compile(r"\bby\s*$", re.IGNORECASE)  # "rose by 17.3 million": a change, not a level


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
