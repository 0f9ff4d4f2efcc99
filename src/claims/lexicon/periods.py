"""Words that name or shift time periods: months, quarters, halves, decade parts, relative expressions.

Sources: English month names and their common abbreviations (Oxford style guide), the quarter/half
vocabulary of statistical releases (IMF, OECD, ASEANstats: "first quarter", "Q1", "H1"), and the relative
expressions that news and policy texts use ("last year", "next fiscal year", "this year").
Data only; the parser lives in `claims.parse.periods`.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
"""Month names (full and abbreviated, lower case) -> month number."""

FULL_MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ORDINAL_PARTS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}
"""Ordinals used in `the first quarter of 1998`, `the second half of 2024`."""

RELATIVE_YEAR_OFFSETS: dict[str, int] = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "the same": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "the previous": -1,
    "the past": -1,
    "prior": -1,
    "the prior": -1,
    "the last": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "the next": 1,
    "the following": 1,
    "following": 1,
}
"""Modifiers of `year` / `fiscal year` and their offset from the reference year."""

PERIOD_PREPOSITIONS: frozenset[str] = frozenset(
    {
        "in",
        "by",
        "for",
        "during",
        "since",
        "from",
        "between",
        "until",
        "till",
        "through",
        "throughout",
        "over",
        "of",
        "as of",
        "at",
        "before",
        "after",
        "to",
        "within",
        "around",
        "circa",
        "c.",
        "on",
    }
)
"""Prepositions that govern a period expression (`in FY2025`, `by 2024`, `since 2000`)."""

OPEN_END_WORDS: frozenset[str] = frozenset(
    {"present", "now", "today", "date", "onwards", "onward", "ongoing"}
)
"""Words ending an open range: `2023–present`, `2011 to date`, `2018 onwards`."""

PRICE_BASE_CUES: tuple[str, ...] = ("constant", "prices", "dollars of", "base year", "real")
"""Cues that a year is a price base (`Constant 2024`), not the period a value refers to."""

CHANGE_WORDS: frozenset[str] = frozenset(
    {
        "up",
        "down",
        "higher",
        "lower",
        "rose",
        "rise",
        "rises",
        "risen",
        "rising",
        "fell",
        "fall",
        "falls",
        "fallen",
        "falling",
        "increased",
        "increase",
        "increases",
        "increasing",
        "decreased",
        "decrease",
        "decreases",
        "grew",
        "grow",
        "grows",
        "grown",
        "growing",
        "jumped",
        "climbed",
        "dropped",
        "declined",
        "slipped",
        "eased",
        "surged",
        "soared",
        "narrowed",
        "widened",
        "plunged",
        "plummeted",
        "gained",
        "recovered",
        "rebounded",
        "improved",
        "shrank",
        "shrunk",
        "contracted",
        "expanded",
        "raised",
        "raising",
        "cut",
        "lowered",
        "lifted",
        "trimmed",
        "revised",
        "slowed",
        "accelerated",
        "edged",
        "swung",
        "moved",
        "went",
        "doubled",
        "tripled",
        "halved",
        "advanced",
        "retreated",
        "tumbled",
        "slumped",
        "spiked",
    }
)
"""Verbs and adverbs of a change between two values (`rose to 5.8% from 4.2%`, `up from 28 million`): the
figure after `from` is then the base of a comparison. Sources: the change verbs of statistical releases and
wire reports (IMF, national statistics offices, Reuters economic briefs)."""

REVISION_NOUNS: frozenset[str] = frozenset(
    {
        "forecast",
        "forecasts",
        "estimate",
        "estimates",
        "projection",
        "projections",
        "outlook",
        "guidance",
        "target",
        "targets",
        "expectation",
        "expectations",
        "prediction",
        "predictions",
        "assumption",
        "consensus",
    }
)
"""Nouns of a statement about a period that gets revised (`raised its growth forecast for 2024/25 to 7.2% from
7%`): the old and new figures are about the same period. Sources: central-bank and company-guidance
wording (IMF World Economic Outlook, central bank statements, earnings releases)."""

CHANGE_BASIS_CUES: dict[str, tuple[str, ...]] = {
    "annualised": (
        "annualised",
        "annualized",
        "at an annual rate",
        "seasonally adjusted annual rate",
        "saar",
    ),
    "year_on_year": (
        "year-on-year",
        "year on year",
        "year-over-year",
        "year over year",
        "y/y",
        "yoy",
        "from a year earlier",
        "from a year ago",
        "on a year earlier",
        "than a year earlier",
        "over a year earlier",
        "on an annual basis",
        "from the same period last year",
        "from the same quarter last year",
        "from the same month last year",
        "compared with the same period last year",
        "compared with the same quarter last year",
        "over the same period last year",
    ),
    "quarter_on_quarter": (
        "quarter-on-quarter",
        "quarter on quarter",
        "quarter-over-quarter",
        "q/q",
        "qoq",
        "sequentially",
        "from the previous quarter",
        "from the prior quarter",
        "on the previous quarter",
        "from a quarter earlier",
        "than a quarter earlier",
    ),
    "month_on_month": (
        "month-on-month",
        "month on month",
        "month-over-month",
        "m/m",
        "mom",
        "from the previous month",
        "from a month earlier",
        "on the previous month",
        "than a month earlier",
    ),
}
"""Words saying what a change is measured against, in the order they are tried (an annualised quarterly rate
is annualised first). Sources: the wording of national-accounts and price releases (IMF, OECD, Eurostat,
BLS, Reuters economic briefs)."""

# Words after which a year in a heading or title is the base of a comparison, not the period the section
# reports on ("Turnout higher than 2019", "Prices up from 2021 levels", "Exports compared with 2019").
# Sources: the comparison constructions of statistical release headlines (ONS, Eurostat, BLS).
HEADING_COMPARISON_CUES: tuple[str, ...] = (
    "than",
    "compared with",
    "compared to",
    "relative to",
    "versus",
    "vs",
    "vs.",
    "up from",
    "down from",
)
