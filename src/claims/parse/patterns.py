"""Compiled regular expressions for quantity detection, built from the lexicons.

Every pattern is anchored where it is used: `CORE` finds number cores anywhere; the `*_AFTER` patterns are
matched at the position right after a core; the `*_BEFORE` patterns are searched at the end of the text
just before a core.
"""

from __future__ import annotations

import re
from functools import cache

from claims.lexicon.currencies import CURRENCY_WORDS, usable_iso_codes
from claims.lexicon.numbers import FRACTION_DENOMINATORS, SCALES, TENS, UNITS, VAGUE_PLURALS
from claims.lexicon.units import (
    DOMAIN_SYMBOLS,
    DOMAIN_WORDS,
    GLUED_ONLY_SYMBOLS,
    HYPHEN_UNIT_WORDS,
    PERCENTAGE_POINT_FORMS,
    RATE_TIME_UNITS,
    SCALED_SYMBOLS,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)


def alternation(words: object, *, escape: bool = True) -> str:
    """Longest-first regex alternation of the given strings (so `seventeen` wins over `seven`)."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w) if escape else w for w in items)


_UNIT_WORD = alternation(w for w in UNITS if w != "zero")
_TENS_WORD = alternation(TENS)
# One number word: "seventy-five", "twelve".
_DIGIT_WORD = alternation(w for w, v in UNITS.items() if 0 < v < 10)
_NW = rf"(?:(?:{_TENS_WORD})(?:[-‐ ](?:{_DIGIT_WORD}))?|{_UNIT_WORD})"
_DENOM = alternation(FRACTION_DENOMINATORS)
_DENOM_PLURAL = alternation(d for d in FRACTION_DENOMINATORS if d.endswith("s"))
_SCALE_WORD = alternation(SCALES)
_VAGUE = alternation(VAGUE_PLURALS)

# After a fraction: a (percentage) point follows ("a quarter point", "a half-point", "half a percentage
# point").
_POINT_AHEAD = r"[ -](?:percentage[ ])?points?\b"
# Words after a fraction that end its phrase ("nearly a fifth in Nepal"); "and"/"or" are left out because
# "a third and final round" is an ordinal.
_CLAUSE_WORDS = "in|on|at|for|by|from|to|with|while|than|since|against|versus|last|this|each|apiece"
# After "two quarters", "three halves": a spell of time, not a share ("two quarters in a row of negative
# growth", "three quarters running", "two quarters of contraction").
_SPELL_AHEAD = (
    r"(?:in[ ]a[ ]row|running|straight|on[ ]the[ ]trot|of[ ](?:negative[ ]|positive[ ]|economic[ ])?"
    r"(?:growth|decline|contraction|expansion|recession|shrinkage)|ago|earlier|later)\b"
)

# A decimal comma ("$6,2 billion", "12,5%", "2,5-3,5%", "between 2,5 and 3,5 billion"): one to three digits,
# a comma and one or two digits, then a scale word or a percent, or a range to another such figure. A
# thousands comma is followed by three digits, so the two never meet; without the scale or percent after it
# ("pages 3,5") the comma stays a list comma, and after a dash ("aged 18-24,35%") it separates two figures.
_DECIMAL_COMMA_END = r"[ \u00a0]?(?:(?i:(?:trillion|billion|million)s?|tn|bn|mn|m|per[ ]?cent|percent)\b|%)"
DECIMAL_COMMA = (
    r"(?:(?<![0-9][-–])|(?<=,[0-9][-–])|(?<=,[0-9]{2}[-–]))[0-9]{1,3},[0-9]{1,2}(?![0-9])"
    rf"(?=(?:(?:[ ]?[-–][ ]?|[ ](?:and|to)[ ])[0-9]{{1,3}},[0-9]{{1,2}})?{_DECIMAL_COMMA_END})"
)

DIGITS = (
    rf"(?:{DECIMAL_COMMA}"
    # Indian lakh grouping: "6,10,533", "1,23,45,678"
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?![0-9])(?=[ ]?[A-Za-z])"  # "438 000 deaths"
    r"|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
)

CORE = re.compile(
    rf"""
    (?=[0-9.aotfsenhdmbzAOTFSENHDMBZ½¼¾⅓⅔⅛])  # quick test: only these start a number
    (?:
        (?<![\w.,])                  # not glued to a word, a decimal point or a list comma ("region.12")
      | (?=[0-9])(?:                  # or digits glued to:
            (?<=(?<![A-Za-z])[A-Z]{{3}})          # three capitals: an ISO code ("USD1.2bn"),
          | (?<=(?<![A-Za-z])R[MSsp])             # a letter currency ("RM2.3 billion", "Rp15tn", "Rs500")
          | (?<=(?<![A-Za-z])PS)                  # a mis-encoded pound sign ("PS2.7m")
          | (?<=(?<![\w-])N)                      # the naira as the Nigerian press writes it ("N27.5
                                                  # trillion"); `read_atom` keeps it only scaled or grouped
          | (?<=[0-9][x×])                        # the second of two dimensions ("1080x2400")
          | (?<=\$US)|(?<=\$AU)|(?<=\$A)|(?<=\$NZ)|(?<=\$HK)|(?<=\$CA)|(?<=\$C)|(?<=\$SG)|(?<=\$S)
          | (?<=\$NT)|(?<=\$MX)                   # a dollar with its country after it ("$US5m")
          | (?<=(?<![A-Za-z])R[sp]\.)             # ("Rs.500"); `read_atom` drops them unless a currency
        )
    )
    (?:(?<![A-Za-z][-+])|(?<=minus-)|(?<=sub-))  # not the tail of a name like F-35, COVID-19, ASEAN+3
    (?<![0-9]\+)                     # nor of a formula like 2+2
    (?:
        (?P<slashed>[0-9]+⁄[0-9]+|[0-9]*[½¼¾⅓⅔⅛])(?![0-9])  # "1⁄32" (fraction slash), "2½" (vulgar fractions)
      | (?P<digits>{DIGITS})
      | (?i:                          # fractions in words: "one-fifth", "two-thirds", "a quarter of"
            (?P<fraction>
                (?:a|an|one|{_NW})-(?:{_DENOM})
              | (?:a|an|one|{_NW})[ ](?:{_DENOM_PLURAL})
              | (?:a|an|one|{_NW})[ ](?:{_DENOM})(?=[ ]of\b|[.,;:)]|\Z)  # "a third of", "by a third."
              | (?:a|an|one|{_NW})[ ](?:{_DENOM})(?={_POINT_AHEAD})  # "a quarter point", "a half-point"
              | (?:a|an|one|{_NW})[ ](?:{_DENOM})(?=[ ](?:{_CLAUSE_WORDS})\b)  # "a fifth in Nepal"
              | half(?=[ ](?:of|the)\b|[ ]a{_POINT_AHEAD})  # "half of", "half a point"
              | half(?=[ ]an?[ ](?!(?:hundred|thousand|million|billion|trillion|dozen)\b))  # "half an inch"
            )\b(?![ ]{_SPELL_AHEAD})  # not a spell of time: "two quarters in a row"
        )
      | (?i:                          # multiplier words: "threefold", "tenfold", "twice as"
            (?P<foldword>(?:{_NW})fold|twice(?=[ ](?:as|the|that)\b)|thrice(?=[ ](?:as|the|that)\b))\b
        )
      | (?i:                          # vague plurals: "hundreds of", "dozens of"
            (?P<vague>{_VAGUE})(?=[ ]of\b)
        )
      | (?i:(?P<pair>a[ ]pair)(?=[ ]of\b))  # "a pair of": two
      | (?i:                          # vague scales: "a few hundred", "several thousand"
            (?P<vaguescale>(?:a[ ]few|several|a[ ]couple[ ]of)[ ](?:hundred|thousand|million|billion))
            (?![\w-])
        )
      | (?i:                          # number words, with hundred/thousand/dozen inside the phrase
            (?P<words>
                (?:{_NW}|(?:a|an)(?=[ ](?:hundred|thousand|dozen|million|billion|trillion)\b))
                (?:(?:[ ]and)?[ -](?:hundred|thousand|dozen)(?:(?:[ ]and)?[ -]{_NW})?)*
                (?:[ ]and[ ]a[ -]half)?   # "one and a half", "two and a half million"
            )
            (?![\w])
        )
    )
    """,
    re.VERBOSE,
)

# Currency written before the number, searched at the end of the preceding text.
CURRENCY_BEFORE = re.compile(
    rf"""
    (?:
        (?<![A-Za-z])(?P<cc>US|U\.S\.|USD|S|SG|A|AU|HK|NZ|C|CA|NT|R|MX)?(?P<ccsp>[ ]?)  # country prefix
        (?P<esc>\\)?(?P<dollar>\$)[ ]?                 # dollar, maybe Markdown-escaped
      | (?P<esc2>\\)?(?P<dollar2>\$)(?P<cc2>US|AU|A|NZ|HK|CA|C|SG|S|NT|MX)[ ]?   # "$US5m", "$A82,615"
      | (?<![A-Za-z])(?P<glued>PS|Y=)                  # a mis-encoded £ or ¥ glued to the digits: "PS6m"
      | (?P<sym>JP¥|CN¥|[¥￥€£₹₩₱฿₫₽₺₪₦₴₭₵₸₾₼])[ ]?              # one-character symbols
      | (?<![A-Za-z])(?P<letters>RMB|Rs\.?|RM|Rp\.?|CHF)[ ]?   # letter symbols
      | (?<![A-Za-z])(?P<iso>{alternation(usable_iso_codes())})[ ]?  # ISO 4217 codes
    )
    \Z
    """,
    re.VERBOSE,
)

# Glued suffix right after the digits ("2.5bn", "44m", "600MW", "48h", "3x", "5%").
GLUED_AFTER = re.compile(
    rf"""
    (?P<suffix>
        %|％                                             # percent
      | pct|pc(?![\w])                                   # percent, newspaper style ("3.5pc")
      | p(?![\w])(?!\.m\.)(?<![0-9]{{4}}p)                # pence ("45.2p"), not "1080p" or "3p.m."
      | (?:bn|mn|mln|bln|tn|trn|tr)                      # scale abbreviations ("Rs18tr": trillion)
      | (?i:million|billion|trillion)                    # a scale word run on ("$4billion", "2million")
      | [kKmMbBT](?![\w²])                                # single-letter scales (or metre)
      | x(?![\w])|×                                       # multiplier
      | (?:{alternation([*UNIT_SYMBOLS, *DOMAIN_SYMBOLS])})  # unit symbols
    )
    (?![\w])
    """,
    re.VERBOSE,
)

SCALE_AFTER = re.compile(rf"[ -](?P<scale>(?i:{_SCALE_WORD})s?)(?![\w])")
# The same after a glued currency symbol or code, e.g. "5 billion" in "¥5 billion".

PERCENT_AFTER = re.compile(
    rf"""
    (?P<sp>[ ]?|-(?=(?i:per[ -]?cent|percent|percentage-points?)(?![\w-])))   # "a 30-per-cent drop"
    (?P<unit>
        (?i:{alternation(PERCENTAGE_POINT_FORMS)})(?![\w])
      | (?i:percentage-points?)(?![\w-])                # "a 12-percentage-point lead"
      | (?i:per[ -]?cent|percent|pct)(?![\w])
      | pc(?![\w])                                       # lower case only: "10 PCs" are computers
      | %|％
    )
    """,
    re.VERBOSE,
)
_CURRENCY_WORDS_ALT = alternation(CURRENCY_WORDS)
CURRENCY_AFTER = re.compile(
    rf"""
    [ ]
    (?:
        (?P<word>(?i:{_CURRENCY_WORDS_ALT}))(?![\w])
      | (?P<iso>{alternation(usable_iso_codes())})(?![\w])
    )
    """,
    re.VERBOSE,
)
# A currency symbol written after the amount, glued or spaced ("1,200€", "15 £").
SYMBOL_AFTER = re.compile(r"[ ]?(?P<sym>[€£¥₹₩₽₪₦₴])(?![\w])")
# Minor currency units after the amount ("12.5 cents", "28.0 pence").
SUBUNIT_AFTER = re.compile(r"[ ](?P<sub>(?i:us[ ]cents?|euro[ ]cents?|cents?|pence|penny|paise)|sen)(?![\w])")
# Points after a number, and what must follow for them to be percentage points ("0.1 pts to 66.9%").
POINTS_AFTER = re.compile(r"[ ](?P<unit>points?|pts?)(?![\w])")
PERCENT_FOLLOWS = re.compile(
    r"""[ ]?,?[ ]+(?:to|from|at|of)[ ]+(?:a[ ]|an[ ])?(?:(?:record|new|revised|low|high)[ ]+)?
    [-−]?[0-9][0-9.,]*[ ]?(?:%|％|(?i:per[ ]?cent|percent|pct)\b)""",
    re.VERBOSE,
)
# After a fraction: a unit it is a fraction of ("half an inch", "two tenths of a second").
FRACTION_UNIT_AFTER = re.compile(r"[ ](?:of[ ])?(?:an?|one)[ ](?:[a-z]+[ ])?(?P<unit>[a-z]+)(?![\w-])")
# After a fraction: "a quarter point", "a half-point", "half a percentage point", "a quarter of a point".
FRACTION_POINT_AFTER = re.compile(r"[ -](?:a[ ]|of[ ]a[ ])?(?P<unit>(?:percentage[ ])?points?)(?![\w])")
# A rate after a measure: "2 million barrels per day", "20 miles per gallon", "150 micrograms per cubic
# metre". Only "per": "1,200 mm a year" reads as an amount with a frequency, not as a unit.
RATE_AFTER = re.compile(
    rf"[ ]per[ ](?P<per>(?i:{alternation(list(RATE_TIME_UNITS) + list(UNIT_WORDS))}))(?![\w])"
)
# A spaced "m" read as metres only where million cannot be meant: before punctuation, a bracketed
# conversion or a dimension word ("rises to 4,095 m (13,435 ft)", "900 m long").
SPACED_METRE_AFTER = re.compile(
    r"""[ ](?P<unit>m)
    (?=[),;:]|\.(?:\s|\Z)|\Z|[ ]\(
      |[ ](?:long|high|tall|deep|wide|above|below|away|thick|across)\b
      |[ ]in[ ](?:length|height|diameter|depth|width)\b)
    """,
    re.VERBOSE,
)
MULTIPLIER_AFTER = re.compile(r"(?:[ ](?P<times>(?i:times))|[ -]?(?P<fold>(?i:fold)))(?![\w])")
UNIT_WORD_AFTER = re.compile(
    rf"""[ ](?P<unit>(?i:{alternation([*UNIT_WORDS, *DOMAIN_WORDS])}))(?![\w])""",
    re.VERBOSE,
)
SCALED_SYMBOL_AFTER = re.compile(rf"[ ]?(?P<unit>{alternation(SCALED_SYMBOLS)})(?![\w])")
_SPACED_SYMBOLS = [*(k for k in UNIT_SYMBOLS if k not in GLUED_ONLY_SYMBOLS), *DOMAIN_SYMBOLS]
UNIT_SYMBOL_AFTER = re.compile(
    rf"""[ ](?P<unit>{alternation(_SPACED_SYMBOLS)})(?![\w])""",
    re.VERBOSE,
)
HYPHEN_UNIT_AFTER = re.compile(
    rf"""-(?P<unit>(?i:{alternation(HYPHEN_UNIT_WORDS)}))(?:-old)?(?![\w])""",
    re.VERBOSE,
)
# Any unit-shaped token after a number, resolved by `claims.parse.units.unit_name` (lexicon, domain layer,
# then pint's registry): "4500 mAh", "2.4 GHz", "352 μm", "1.3 A/cm2", "640bhp", "275 pound-feet".
_UNIT_TOKEN = r"""
    (?:deg[ ]?[CF](?![\w])                              # "2.14degF", "1.19deg C" (a lost degree sign)
      | [A-Za-zµμΩ]+[23²³]?                               # a symbol or word, maybe squared: "cm2", "mAh"
        (?:[/·*⋅][A-Za-zµμΩ]+[23²³]?)?                     # a quotient or product: "km/h", "A/cm2", "N·m"
        (?:-[A-Za-z]+)?                                   # a hyphened pair: "pound-feet", "lb-ft"
    )"""
GLUED_UNIT_AFTER = re.compile(rf"(?P<unit>{_UNIT_TOKEN})(?![\w/²³]|-[0-9])", re.VERBOSE)
SPACED_UNIT_AFTER = re.compile(rf"[ ](?P<unit>{_UNIT_TOKEN})(?![\w/²³]|-[0-9])", re.VERBOSE)
RANGE_SEPARATOR = re.compile(r"\A(?:[ ]?[-–—‐][ ]?|[ ]to[ ]|[ ]and[ ])\Z")

# Regions where no number is a quantity: the alternatives of one pattern, each with the strings a text must
# hold for it to match anywhere (None: no such string). `blocked_pattern(text)` leaves out the alternatives
# a text cannot match, which gives the same matches (an alternative that matches nowhere changes no match)
# for less work: most texts hold no URL, e-mail address, domain or DOI.
BLOCKED_PARTS: tuple[tuple[tuple[str, ...] | None, str], ...] = (
    (("://", "www."), r"(?:https?://|www\.)\S+"),  # URLs
    (("<",), r"<[^<>\s]{4,}>"),  # <links>
    (("@",), r"(?<![\w.-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,253}"),  # e-mail addresses (bounded: linear)
    (("10.",), r"\b10\.[0-9]{4,}/\S+"),  # DOIs
    (("ISBN", "ISSN"), r"\b(?:ISBN|ISSN)(?:-1[03])?:?\s*[0-9Xx][0-9Xx\s-]{8,}"),  # ISBN/ISSN
    (
        (".com", ".org", ".net", ".gov", ".edu", ".int", ".info", ".io"),
        r"(?<![\w-])[\w-]{1,63}\.(?:com|org|net|gov|edu|int|info|io)(?:\.[a-z]{2})?/\S*",  # domains + path
    ),
    (
        None,
        r"""(?<![\w.])(?=[0-9])(?:                   # numbers that are no quantity (one lookbehind):
          [0-9]+(?:[-–/:][0-9]+){2,}(?![\w])              # digit chains: phone numbers, dates, ISBNs
        | [0-9]+(?:\.[0-9]+){2,}(?![\w])                  # versions and dotted dates: 1.2.3, 12.05.2023
        | [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?(?i:[ap]\.?m\.?))?  # clock times
        | [0-9]{1,2}\s?(?i:a\.m\.|p\.m\.|am|pm)(?![\w])    # "3 pm"
        | [0-9]{1,2}\.[0-9]{2}\s?(?i:a\.m\.|p\.m\.|am|pm)(?![\w])  # "1.56pm", "9.30 a.m."
        | [0-9]+/[0-9]+(?![\w])                            # slashed pairs: 24/7, 9/11, 1/2
        )""",
    ),
    (("-",), r"\b[A-Z]{2,}[0-9]*(?:-[0-9A-Za-z]+){2,}"),  # catalogue designations: OGLE-05-390L
    (("+",), r"\+[0-9]{1,3}[\s.-]?\(?[0-9]{1,4}\)?(?:[\s.-][0-9]{2,}){2,}"),  # international phone numbers
)


@cache
def _blocked_alternatives(kept: tuple[bool, ...]) -> re.Pattern[str]:
    parts = [pattern for (_, pattern), keep in zip(BLOCKED_PARTS, kept, strict=True) if keep]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.VERBOSE)


def blocked_pattern(text: str) -> re.Pattern[str]:
    """The pattern of regions where no number is a quantity, for `text` (see `BLOCKED_PARTS`).

    >>> text = "Call +44 20 7946 0958 or see www.example.org/a at 3 pm"
    >>> [m.group(0) for m in blocked_pattern(text).finditer(text)]
    ['+44 20 7946 0958', 'www.example.org/a', '3 pm']
    """
    return _blocked_alternatives(
        tuple(needles is None or any(n in text for n in needles) for needles, _ in BLOCKED_PARTS)
    )


BLOCKED = _blocked_alternatives((True,) * len(BLOCKED_PARTS))
"""Every alternative of `BLOCKED_PARTS` (what `blocked_pattern` gives for a text that holds them all)."""

# Any unit-shaped token after a number, resolved by `claims.parse.units.unit_name` (lexicon, domain layer,
# then pint's registry): "4500 mAh", "2.4 GHz", "352 μm", "1.3 A/cm2", "640bhp", "275 pound-feet".
_UNIT_TOKEN = r"""
    (?:deg[ ]?[CF](?![\w])                              # "2.14degF", "1.19deg C" (a lost degree sign)
      | [A-Za-zµμΩ]+[23²³]?                               # a symbol or word, maybe squared: "cm2", "mAh"
        (?:[/·*⋅][A-Za-zµμΩ]+[23²³]?)?                     # a quotient or product: "km/h", "A/cm2", "N·m"
        (?:-[A-Za-z]+)?                                   # a hyphened pair: "pound-feet", "lb-ft"
    )"""
GLUED_UNIT_AFTER = re.compile(rf"(?P<unit>{_UNIT_TOKEN})(?![\w/²³]|-[0-9])", re.VERBOSE)
SPACED_UNIT_AFTER = re.compile(rf"[ ](?P<unit>{_UNIT_TOKEN})(?![\w/²³]|-[0-9])", re.VERBOSE)
RANGE_SEPARATOR = re.compile(r"\A(?:[ ]?[-–—‐][ ]?|[ ]to[ ]|[ ]and[ ])\Z")

# Regions where no number is a quantity.
BLOCKED = re.compile(
    r"""
      (?:https?://|www\.)\S+                            # URLs
    | <[^<>\s]{4,}>                                     # <links>
    | (?<![\w.-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,253}  # e-mail addresses (bounded: linear time)
    | \b10\.[0-9]{4,}/\S+                                # DOIs
    | \b(?:ISBN|ISSN)(?:-1[03])?:?\s*[0-9Xx][0-9Xx\s-]{8,}  # ISBN/ISSN
    | (?<![\w-])[\w-]{1,63}\.(?:com|org|net|gov|edu|int|info|io)(?:\.[a-z]{2})?/\S*  # domains + path
    | (?<![\w.])(?=[0-9])(?:                             # numbers that are no quantity (one lookbehind):
          [0-9]+(?:[-–/:][0-9]+){2,}(?![\w])              # digit chains: phone numbers, dates, ISBNs
        | [0-9]+(?:\.[0-9]+){2,}(?![\w])                  # versions and dotted dates: 1.2.3, 12.05.2023
        | [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?(?i:[ap]\.?m\.?))?  # clock times
        | [0-9]{1,2}\s?(?i:a\.m\.|p\.m\.|am|pm)(?![\w])    # "3 pm"
        | [0-9]{1,2}\.[0-9]{2}\s?(?i:a\.m\.|p\.m\.|am|pm)(?![\w])  # "1.56pm", "9.30 a.m."
        | [0-9]+/[0-9]+(?![\w])                            # slashed pairs: 24/7, 9/11, 1/2
      )
    | \b[A-Z]{2,}[0-9]*(?:-[0-9A-Za-z]+){2,}              # catalogue designations: OGLE-05-390L
    | \+[0-9]{1,3}[\s.-]?\(?[0-9]{1,4}\)?(?:[\s.-][0-9]{2,}){2,}  # international phone numbers
    """,
    re.VERBOSE,
)

WORD_AFTER = re.compile(r"[ ]+(?P<word>[(\[]?[A-Za-z0-9][\w'’.\-/&]*)")
WORD_BEFORE = re.compile(r"(?P<word>[\w'’.\-&]+)(?P<quote>[\"”’']?)[ ]+\Z")
