"""Number words, scale words, fractions and vague plurals.

Sources: English cardinal and ordinal number names (Oxford English Grammar, ch. "Numerals"); short scale
abbreviations as used by financial newswires (Reuters/Bloomberg style guides: `m`, `mn`, `bn`, `tn`);
Indian numbering (`lakh`, `crore`) from the Reserve Bank of India glossary. Reviewed by hand.
"""

from __future__ import annotations

from decimal import Decimal

UNITS: dict[str, int] = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multipliers that may sit inside a number-word phrase ("two hundred thousand").
HUNDREDS: dict[str, int] = {"hundred": 100, "thousand": 1000}

# Scale words after a number. Keys are matched case-insensitively, except those in SCALE_CASED.
SCALES: dict[str, Decimal] = {
    "hundred": Decimal(10) ** 2,  # after digits: "4 hundred million"
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "lakh": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
    # Indian compound scales: "Rs 6.21 lakh crore" (6.21e12); "thousand crore" is written too
    "lakh crore": Decimal(10) ** 12,
    "thousand crore": Decimal(10) ** 10,
}
# Single-letter abbreviations: only glued to a number and only after a currency ("$2.5B", "¥1.2T", "€5m").
SCALE_LETTERS: dict[str, Decimal] = {
    "k": Decimal(10) ** 3,
    "K": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "M": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "B": Decimal(10) ** 9,
    "T": Decimal(10) ** 12,
}

# Denominators of fractions written as words ("one-fifth", "two-thirds", "a quarter").
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}

# Vague plurals: "hundreds of officials" means more than 100.
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "millions": 1_000_000,
    "tens of millions": 10_000_000,
    "hundreds of millions": 100_000_000,
    "billions": 1_000_000_000,
    "tens of billions": 10_000_000_000,
    "hundreds of billions": 100_000_000_000,
    "trillions": 1_000_000_000_000,
}

# A dozen is a number word of its own ("a dozen vessels", "two dozen").
DOZEN = 12

# Multiplier words that stand alone ("twice as large").
MULTIPLIER_WORDS: dict[str, int] = {"twice": 2, "thrice": 3, "double": 2, "triple": 3}

ORDINAL_WORDS: frozenset[str] = frozenset(
    {
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
        "hundredth",
        "thousandth",
        "millionth",
        "last",
    }
)

# Words after "one" that make it a pronoun or an idiom, not a count ("one another", "one or two").
ONE_NOT_COUNTS: frozenset[str] = frozenset({"another", "else", "anyone", "anybody", "apiece", "way"})
