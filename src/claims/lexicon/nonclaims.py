"""Words that mark a number as no claim: labels, imprint lines, street types, time spans, page counts.

The rules that use them live in `claims.parse.nonclaims`; the words that decide whether a number is a
quantity at all (numbering words, months, citation words, street words after a number) are in
`claims.lexicon.context`.

Sources: reference labels from the Chicago Manual of Style (17th ed.) §9.28-9.31 ("Chapter 4", "Figure 2",
"No. 5", "pp. 12"); imprint and contact lines from the same manual's front-matter chapter (§1.19-1.21:
copyright, ISBN/ISSN, DOI) and common letterheads (`Tel:`, `Fax`, `P.O. Box`); street-type abbreviations
from the USPS Publication 28 street suffix table (common English subset) with Commonwealth and Southeast
Asian forms (`Jalan`, `Soi`, `Moo`); time-span determiners and ordering words from Quirk et al., "A
Comprehensive Grammar of the English Language" (1985) §7.26 (deictic time phrases: "the past five years",
"two years ago"). Reviewed by hand.
"""

from __future__ import annotations

# A label right before a number makes it a reference, not a claim ("Chapter 4", "pp. 12", "Phase 2").
# Written as regex fragments: a trailing "." is part of the abbreviation.
LABEL_WORDS: tuple[str, ...] = (
    "chapter", "chapters", "part", "section", "sections", "table", "figure", "fig.", "vol.", "volume",
    "no.", "nos.", "article", "art.", "page", "pages", "p.", "pp.", "annex", "appendix", "phase", "step",
    "question", "item", "para.", "paragraph", "footnote", "note", "slide", "version", "v.", "level",
    "grade", "stage", "tier", "rank", "ranked", "number", "#",
)  # fmt: skip

# Street types after a house number ("24 Jalan 5", "10 Downing Street") and before a street number
# ("St 566", "Soi 12").
STREET_TYPES_AFTER_NUMBER: tuple[str, ...] = (
    "St", "Street", "Rd", "Road", "Ave", "Avenue", "Blvd", "Boulevard", "Lane", "Ln", "Jalan", "Soi", "Moo",
    "Drive", "Dr",
)  # fmt: skip
STREET_TYPES_BEFORE_NUMBER: tuple[str, ...] = ("St", "Street", "Road", "Rd", "Jalan", "Soi")
# Street types after a street name that follows a house number ("16-18 Harbour View Road", "9 E 71st St").
STREET_NAMES_AFTER_NAME: tuple[str, ...] = (
    "Street", "St", "Road", "Rd", "Avenue", "Ave", "Boulevard", "Blvd", "Lane", "Drive", "Way", "Place",
    "Court", "Crescent", "Terrace", "Highway",
)  # fmt: skip

# Contact labels of a letterhead line ("Tel: +65 ...", "Fax (02) ...").
CONTACT_WORDS: tuple[str, ...] = ("tel", "phone", "fax", "mobile")

# "the past five years", "its first seven months": a duration placing something in time.
TIME_SPAN_DETERMINERS: tuple[str, ...] = ("the", "its", "their", "his", "her", "our")
TIME_SPAN_ORDER_WORDS: tuple[str, ...] = (
    "first", "past", "last", "next", "coming", "previous", "preceding", "following", "final",
)  # fmt: skip
# "two years ago", "five months later"
TIME_SPAN_AFTER_WORDS: tuple[str, ...] = ("ago", "earlier", "before", "later")
# Units of a duration that can be such a time reference.
TIME_SPAN_UNITS: frozenset[str] = frozenset({"year", "month", "week", "day", "decade", "quarter", "century"})

# Words after which "half" names a part of a period or an object, not a share ("the first half of 2023").
HALF_PART_WORDS: frozenset[str] = frozenset({"latter", "former", "other", "back", "front", "top", "bottom"})

# Words after a number that make it the length of a cited work ("122 pp.").
PAGE_WORDS: frozenset[str] = frozenset({"pp", "pages", "page", "p"})
