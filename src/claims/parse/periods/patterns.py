"""The period detectors, tried in an explicit priority order, and the context patterns read around a match
(a preposition before it, a price base, a citation, a future tense, an event verb)."""

from __future__ import annotations

import re

from claims.lexicon.periods import MONTHS, OPEN_END_WORDS, ORDINAL_PARTS, RELATIVE_YEAR_OFFSETS

_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_DASH = r"[-–—‒‑]"
_ORD = "|".join(sorted(ORDINAL_PARTS, key=len, reverse=True))
_OPEN = "|".join(sorted(OPEN_END_WORDS, key=len, reverse=True))
_REL = "|".join(re.escape(w) for w in sorted(RELATIVE_YEAR_OFFSETS, key=len, reverse=True))
_MONTH = "|".join(
    sorted({m.capitalize() for m in MONTHS if len(m) > 3 or m == "may"} | {"Sept"}, key=len, reverse=True)
)
_MONTH_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH_ANY = f"{_MONTH}|{_MONTH_SHORT}"
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "a": 1,
}
_COUNT = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
_SEASON = r"season|marketing\s+year|crop\s+year|campaign"  # a harvest or trade year: a year here
_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

# Detectors, tried in this priority order; an earlier match claims its characters.
DETECTORS: list[tuple[str, re.Pattern[str]]] = [
    (
        "between",
        re.compile(
            rf"""\b(?:between|from)\s+            # between 2011 and 2021 / from 1990 to 1995
        (?:(?:the\s+)?(?:fiscal\s+years?|FY)\s*)?
        (?P<y1>{_YEAR})(?:[-–/](?P<s1>\d{{2}}))?\s+     # between 2021/22 and 2025/26 (split years)
        (?:and|to|until|till|through|thru)\s+
        (?:(?:fiscal\s+year|FY)\s*)?
        (?P<y2>{_YEAR})(?:[-–/](?P<s2>\d{{2}}))?(?![\d])""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "year_to",
        re.compile(
            rf"""\b(?<!half-)(?<!half\s)  # not `the half-year ended`
        (?:(?:(?P<fisc>fiscal|financial|business|accounting)\s+)?year  # the (fiscal) year
          |5[23]\s+weeks|(?:twelve|12)\s+months)\s+        # the 52 weeks, twelve months
        (?P<rel>to|ended|ending|through|(?:that|which)\s+(?:ends|ended|will\s+end))\s+  # to / that ends
        (?:in\s+|at\s+the\s+(?:close|end)\s+of\s+)?      # (in), (at the close of)
        (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?          # 31
        (?P<month>{_MONTH_ANY})\.?                         # March
        (?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?          # March 31
        (?:,?\s+(?P<y>{_YEAR}))?(?![\d])                  # , 2024""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "months_to",
        re.compile(
            rf"""\b(?:(?P<n>three|six|nine|3|6|9)\s+months                 # three months
          | (?P<part>quarter|half|half-year))\s+                 # the quarter
        (?P<rel>to|ended|ending)\s+                           # ended
        (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?               # 31
        (?P<month>{_MONTH_ANY})\.?                              # December
        (?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?               # December 31
        (?:,?\s+(?P<y>{_YEAR}))?(?![\d])                       # , 2023 (else the last such month)""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "fiscal",
        re.compile(
            rf"""(?:
            \bJ?FY\s?'?(?P<fy>{_YEAR}|\d{{2}})(?![\d])       # FY2025, FY 2023, FY25
            (?:\s*[-–—/]\s*(?:FY\s?)?(?P<fy2>{_YEAR}|\d{{2}})(?![\d]))?   # FY2025-2026, FY2024/25
          | \bfiscal\s+(?:year\s+)?(?:\(FY\)\s*)?         # fiscal year (FY) 2023, fiscal 2024
            (?P<fy3>{_YEAR})(?![\d])
            (?:\s*[-–—/]\s*(?P<fy4>{_YEAR}|\d{{2}})(?![\d]))?
          | (?P<fy5>{_YEAR})\s+fiscal\s+year\b            # 2024 fiscal year
        )""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "prior",
        re.compile(
            rf"""\b(?:the\s+year[-\s](?:ago|earlier)\s+(?P<same1>quarter|half|month|period)\b  # year-ago
              | the\s+(?:same|corresponding|comparable)\s+(?P<same2>quarter|half|month|period)\s+  # same half
                (?:(?:an?|one)\s+year\s+(?:earlier|ago|before)|(?:of\s+)?last\s+year      # a year earlier
                  |of\s+the\s+(?:previous|prior|preceding)\s+year)\b
              | the\s+(?:previous|prior|preceding)\s+  # the previous
                (?P<u1>year|month|quarter|week|{_SEASON})  # year
              | the\s+(?P<u2>year|month|quarter|week|{_SEASON})\s+before                    # the year before
              | (?P<n>an?|two|three|four|five|\d)\s+(?P<u3>year|month|quarter|week)s?\s+(?:earlier|before)
              | (?:that|the\s+same)\s+(?P<u4>year)(?![-\w])                       # that year
              | (?:an?|one)\s+(?P<u6>year)\s+later|the\s+following\s+(?P<u7>year)    # a year later
              | (?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bduring\s)|(?<=\bover\s))         # in / for
                the\s+(?P<u5>half|quarter|year)                                   # the half
                (?![-\w(])(?!\s+(?:of|to|ended|ending|before|after|ahead)\b))""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "full_date",
        re.compile(
            rf"""\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_ANY})\.?,?\s+   # 12 December
            (?P<y1>{_YEAR})                                                           # 2023
          | (?P<m2>{_MONTH_ANY})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+      # December 12,
            (?P<y2>{_YEAR}))                                                          # 2023
        (?![\d])""",
            re.VERBOSE,
        ),
    ),
    ("relative_month", re.compile(r"""\b(?P<rel>this|last|next)\s+month\b""", re.VERBOSE | re.IGNORECASE)),
    (
        "relative_fiscal",
        re.compile(rf"""\b(?P<rel>{_REL})\s+(?P<fiscal>fiscal\s+)?year\b(?!s)""", re.VERBOSE | re.IGNORECASE),
    ),
    (
        "years_to",
        re.compile(
            rf"""\bthe\s+(?:(?:past|last)\s+)?(?P<n>{_COUNT})\s+years\s+  # the fifteen years
            (?:to|ended|ending|through|up\s+to)\s+                        # to
            (?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH_ANY})\.?,?\s+)?  # (31 March)
            (?P<y>{_YEAR})(?![\d])                                        # 2016""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "span",
        re.compile(
            rf"""\b(?:over|in|during|for|within|across|throughout)\s+(?:each\s+of\s+)?the\s+  # over the
        (?P<dir>past|last|previous|preceding|next|coming|following)\s+    # past / next
        (?:(?P<n>{_COUNT})\s+)?(?P<unit>years|decades?)\b              # five years / decade""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "months_of",
        re.compile(
            rf"""\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months\b       # the first seven months
        (?:\s+of\s+(?:(?P<y>{_YEAR})(?![\d])|(?P<rel>this|last|the)\s+year\b   # of 2024 / of this year
          |(?:fiscal\s+(?:year\s+)?|FY\s?)(?P<fy>{_YEAR})(?![\d])))?""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "years_ago",
        re.compile(
            r"""\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+years?\s+ago\b""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "part",
        re.compile(
            rf"""(?:\b(?:the\s+)?(?P<ord>{_ORD})[\s-]+(?P<part>quarter|half)\s+(?:of\s+)?  # first(-)quarter
                                                               # of 1998, fourth quarter 2022
            (?:the\s+)?(?:(?:fiscal\s+)?year\s+)?(?P<fisc>FY\s?)?(?P<y>{_YEAR})(?![\d])
          | \b(?P<q2>[QH][1-4]|[1-4]Q)\s*(?P<y2>{_YEAR})(?![\d])  # Q1 2024, H1 2024, 1Q 2024
          | \bquarter\s+(?P<qn>[1-4])(?:\s*\([^()]{{1,30}}\))?,?\s+(?P<y3>{_YEAR})(?![\d])
                                                               # Quarter 2 (Apr to June) 2024
        )""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "part_relative",
        re.compile(
            rf"""\b(?:the\s+)?(?P<ord>{_ORD})[\s-]+(?P<part>quarter|half)\b  # the third(-)quarter (no year)
        (?:\s+of\s+(?P<rel>this|last|next|the\s+current|the\s+previous|the)\s+year\b)?
        (?!\s+of\s+(?:the\s+)?(?:(?:fiscal\s+)?year\s+)?(?:FY\s?)?'?\d)  # not `of 1998` (above)
        (?!\s+(?:of\s+)?(?:fiscal\s+|FY\s?)?'?\d)
      | \b(?P<q>[QH][1-4])\b(?!\s*(?:FY|fiscal)?\s*'?\d)                 # Q3, H1 alone""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "month_range",
        re.compile(
            rf"""\b(?P<m1>{_MONTH_ANY})\.?\s*[-–—/]\s*(?P<m2>{_MONTH_ANY})\.?  # October-December
        (?:\s+(?:quarter|period|half|months|season))?
        (?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?(?![\d])""",
            re.VERBOSE,
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"""\b(?P<month>{_MONTH_ANY})\.?,?\s+  # January, Sept.
            (?P<y>{_YEAR})(?![\d]|[.,]\d)           # 2024""",
            re.VERBOSE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"""(?<![\d.,/])(?P<y1>{_YEAR})\s*
        (?P<sep>{_DASH}|/|\bto\b|\bthrough\b|\buntil\b)\s*   # 2013–24, 2023- present, 1990 to 1995
        (?:(?P<y2>{_YEAR}|\d{{2}}|\d)(?![\d.,]\d|\d|\s*%|\s*per\s?cent)
          | (?P<open>{_OPEN})\b)""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    (
        "onwards",
        re.compile(
            rf"""(?<![\d.,])(?P<y1>{_YEAR})\s+(?:and\s+)?(?:onwards?|and\s+beyond)\b""",
            re.VERBOSE | re.IGNORECASE,
        ),
    ),
    ("decade", re.compile(r"""(?<![\d.,])(?P<y>(?:1[89]|20)\d0)['’]?s\b""", re.VERBOSE)),
    (
        "month",
        re.compile(
            rf"""(?<![\w])(?P<month>{_MONTH})\b(?!\s*,?\s*(?:{_YEAR}|\d{{1,2}}\s*,?\s*{_YEAR}))""", re.VERBOSE
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"""\b(?:on\s+|last\s+|this\s+|next\s+|(?P<asof>as\s+(?:of|at)\s+))  # on / as of
            (?P<day>{_WEEKDAYS})\b                                              # Sunday
          | \b(?P<word>yesterday|today)\b""",
            re.VERBOSE,
        ),
    ),
    ("now", re.compile(r"""\b(?:now|currently|presently|at\s+present)\b""", re.VERBOSE | re.IGNORECASE)),
    (
        "year",
        re.compile(
            rf"""(?<![\d.,$¥€£/\w])(?<![\d][-–])(?P<y>{_YEAR})      # a bare year, not part of a number
        (?![\d]|[.,]\d|\s*%|\s*per\s?cent|\s*[-–]\s*\d)""",
            re.VERBOSE,
        ),
    ),
]

PREPOSITION_BEFORE = re.compile(
    r"""\b(?P<prep>in|by|for|during|since|from|between|until|till|through|throughout|as\s+of|before|after
         |over|to|at|of|around|circa|c\.|within|on|as\s+at)
        \s+(?:(?:the\s+)?(?:end|start|beginning|middle|course|turn|close|first\s+half|second\s+half)\s+of\s+)?
        (?:the\s+)?(?:(?:late|early|mid)[-\s]*)?(?:(?:fiscal\s+)?year\s+)?$""",
    re.VERBOSE | re.IGNORECASE,
)

_PRICE_BASE_BEFORE = re.compile(
    r"""(?:\bconstant\s*(?:\(?\s*)?|\breal\s+|\bin\s+|\bbase\s+year\s+)$""", re.IGNORECASE
)
PRICE_BASE_AFTER = re.compile(
    r"""^\s*(?:prices|dollars|US\s*dollars|USD|US\$|\$|yen|euros?)\b""", re.IGNORECASE
)
CITATION_AROUND = re.compile(r"""\(\s*[A-Z][\w&.\- ]{1,40}?,?\s+$""")
FUTURE = re.compile(
    r"""\b(?:will|shall|would|(?:is|are)\s+(?:expected|forecast|projected|scheduled|due|set|to)
      |(?:expects?|expected|forecasts?|projected|projects?|plans?|planned|aims?|intends?|scheduled|set|agreed
         |decided|pledged|promised|vowed|voted|approved|committed)\s+to
      |scheduled\s+for|to\s+be\s+held)\b""",
    re.VERBOSE | re.IGNORECASE,
)
"""Words that put a yearless month or quarter in the future (`will open in October`)."""
SUPERLATIVE_SINCE = re.compile(
    r"""\b(?:highest|lowest|biggest|largest|smallest|weakest|strongest|fastest|slowest|best|worst|first|most
      |least|steepest|sharpest|deepest|greatest|record|softest|hottest|widest|narrowest)\b
    (?:\s+[\w-]+){0,4}?\s+since\s+(?:the\s+)?(?:(?:late|early|mid)[-\s]*)?(?:fiscal\s+(?:year\s+)?|FY\s?)?$""",
    re.VERBOSE | re.IGNORECASE,
)
"""`the highest since fiscal 2015`, `its weakest level since 1990`: a comparison, not the value's period."""
EVENT_VERB = re.compile(
    r"""\b(?P<verb>founded|established|set\s+up|created|launched|formed|inaugurated|built|constructed
      |opened|convened|incorporated|introduced|proposed|initiated|instituted|chartered|started|began|begun
      |revived|unveiled|planned|scheduled|budgeted|earmarked|slated)\b
    (?P<mid>[^,;:()\n–—]{0,50}?)$""",
    re.VERBOSE | re.IGNORECASE,
)
"""A founding/creation verb shortly before a year: the year dates that event (`established in 2005`)."""
TEMPORAL_CLAUSE = re.compile(
    r"\b(?:when|after|before|since|until|once|as\s+soon\s+as|by\s+the\s+time)\b"
    r"[^,;:]{0,60}$",
    re.IGNORECASE,
)
FULL_DATE = re.compile(
    rf"""\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_ANY})\.?,?\s+(?P<y1>{_YEAR})
          | (?P<m2>{_MONTH_ANY})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>{_YEAR}))(?![\d])""",
    re.VERBOSE,
)
SINCE_FOUNDING = re.compile(
    r"""\bsince\s+(?:its|their|the|his|her)\s+(?:founding|foundation|creation|establishment|inception|launch
      |start|listing|opening|beginning|introduction)\s+in\s+$""",
    re.VERBOSE | re.IGNORECASE,
)
RELEASE_BEFORE = re.compile(
    r"""\b(?:said|says|showed|shows|announced|announces|reported|reports|told|added|released|published
      |confirmed|stated|noted|revealed|disclosed)\b[^.;,]{0,20}$""",
    re.VERBOSE | re.IGNORECASE,
)
"""`data showed on Thursday`: the day a figure was released, not the period it measures."""
STATEMENT_AFTER = re.compile(
    r"""\s*,?\s+(?:the\s+)?[A-Z][\w.&'’-]*\s+(?:(?:[A-Z][\w.&'’-]*|of|and|for)\s+){0,6}?  # the USDA
    (?:estimated|forecast|projected|expected|predicted|put                    # estimated
      |(?:raised|cut|lowered|lifted|trimmed|revised|upgraded|downgraded)\s+    # raised its forecast
       (?:its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:forecasts?|estimates?|projections?|outlook|guidance))\b""",
    re.VERBOSE,
)
"""`In August the USDA raised its forecast ...`, `Early in 2022 ACI estimated ...`: when an estimate was
made, not the period it is about."""


DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|this|that|his|her|our)|['’]s)\s+$", re.IGNORECASE)
WORD_AFTER = re.compile(r"^\s+[A-Za-z]")
