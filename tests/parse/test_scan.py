"""Quantity scanning over plain text (claims.parse.scan), split by provenance.

TUNED: surface forms met in the seed corpus while building the scanner (rewritten into new sentences).
NEVER_TUNED: sentences written for this file before running the scanner on them; not used for tuning.
BUGS: inputs that once went wrong, kept as regressions.
Known failures stay visible as strict xfails.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.parse.scan import Candidate, scan
from claims.types import UNKNOWN_CURRENCY, Kind, Qualifier


def _row(text: str, c: Candidate) -> tuple:
    """(surface, value or (low, high), unit, qualifier) with floats for readability."""
    value = float(c.value) if c.value is not None else (float(c.low), float(c.high))  # type: ignore[arg-type]
    return (c.surface(text), value, c.unit, c.qualifier.value)


def _rows(text: str) -> list[tuple]:
    return [_row(text, c) for c in scan(text)]


TUNED = [
    # a decimal comma, only before a scale word or a percent (alone or ending a range); elsewhere the comma
    # lists or separates (written with the rule, after a page wrote "$6,2 billion")
    ("Boeing lost $6,2 billion in the quarter.", [("$6,2 billion", 6.2e9, "USD", "exact")]),
    ("Growth was 12,5% last year.", [("12,5%", 12.5, "percent", "exact")]),
    ("It cost 3,75 million euros.", [("3,75 million euros", 3.75e6, "EUR", "exact")]),
    ("Growth of 2,5-3,5% is expected.", [("2,5-3,5%", (2.5, 3.5), "percent", "exact")]),
    (
        "It costs between 2,5 and 3,5 billion euros.",
        [("2,5 and 3,5 billion euros", (2.5e9, 3.5e9), "EUR", "exact")],
    ),
    # a no-break, narrow no-break or thin space between number, unit and scale, as web pages write them
    ("Inflation reached 12,5\u202f% in May.", [("12,5\u202f%", 12.5, "percent", "exact")]),
    ("Inflation reached 12.5\u00a0% in May.", [("12.5\u00a0%", 12.5, "percent", "exact")]),
    ("It cost $\u00a05\u00a0billion.", [("$\u00a05\u00a0billion", 5e9, "USD", "exact")]),
    ("Some 1\u2009200\u2009000 tonnes fell.", [("1\u2009200\u2009000 tonnes", 1.2e6, "tonne", "approx")]),
    ("See pages 3,5 and 1,2,3 billion.", []),
    ("In 2023,5 people died.", []),  # no decimal comma: a year and a list comma, nothing misread
    ("Japan gave over \\$40 million to the centre.", [("$40 million", 40e6, "USD", "over")]),
    ("The budget rose to 8.1 billion yen in FY2025.", [("8.1 billion yen", 8.1e9, "JPY", "exact")]),
    ("It costs \\$30-34.6 million.", [("$30-34.6 million", (30e6, 34.6e6), "USD", "exact")]),
    (
        "a grant of ¥400 million ($2.81 million) for boats",
        [("¥400 million", 400e6, "JPY", "exact"), ("$2.81 million", 2.81e6, "USD", "exact")],
    ),
    (
        "committed over 3.6 trillion (around USD 33 billion) to the region",
        [("3.6 trillion", 3.6e12, UNKNOWN_CURRENCY, "over"), ("USD 33 billion", 33e9, "USD", "approx")],
    ),
    (
        "declines hit Brunei (-34.8%) and Malaysia (-40%).",
        [("-34.8%", -34.8, "percent", "exact"), ("-40%", -40.0, "percent", "exact")],
    ),
    ("a 74 per cent increase", [("74 per cent", 74.0, "percent", "exact")]),
    ("58.9 percent of respondents", [("58.9 percent", 58.9, "percent", "exact")]),
    ("about 0.39% of GNI", [("0.39%", 0.39, "percent", "approx")]),
    ("a bridge of 2,215 meters", [("2,215 meters", 2215.0, "meter", "exact")]),
    ("the station (600 MW) powers", [("600 MW", 600.0, "megawatt", "exact")]),
    ("deployment within 48 hours", [("48 hours", 48.0, "hour", "exact")]),
    ("loans for 30-40 years of repayment", [("30-40 years", (30.0, 40.0), "year", "exact")]),
    ("Trade grew to an estimated five times the level", [("five times", 5.0, "times", "approx")]),
    ("Exports rose 2.2 times.", [("2.2 times", 2.2, "times", "exact")]),
    ("Three patrol vessels were delivered.", [("Three", 3.0, "count", "exact")]),
    ("including ten 44m-class ships", [("ten", 10.0, "count", "exact"), ("44m", 44.0, "meter", "exact")]),
    ("training approximately 800 maritime security personnel", [("800", 800.0, "count", "approx")]),
    (
        "accounted for a quarter of the \\$15 billion market",
        [("a quarter", 25.0, "percent", "exact"), ("$15 billion", 15e9, "USD", "exact")],
    ),
    ("contributed to one-fifth of net flows", [("one-fifth", 20.0, "percent", "exact")]),
    ("tariffs fell to a range of 0-5% by 2003", [("0-5%", (0.0, 5.0), "percent", "exact")]),
    ("nearly US\\$1 billion in projects", [("$1 billion", 1e9, "USD", "approx")]),
    ("a cost of US \\$3.8 billion", [("$3.8 billion", 3.8e9, "USD", "exact")]),
    (
        "2025\t- 8 billion Yen\t~\\$56 million\n",
        [("8 billion Yen", 8e9, "JPY", "exact"), ("$56 million", 56e6, "USD", "approx")],
    ),
    ("over USD 300 billion in trade", [("USD 300 billion", 300e9, "USD", "over")]),
    ("from \\$300B to \\$1T", [("$300B", 300e9, "USD", "exact"), ("$1T", 1e12, "USD", "exact")]),
    (
        "USA\t997.0\t3.4\t1,050.0\n",
        [("997.0", 997.0, None, "exact"), ("3.4", 3.4, None, "exact"), ("1,050.0", 1050.0, None, "exact")],
    ),
]

NOT_QUANTITIES_TUNED = [
    "In 2024, the 2013–24 programme ended.",
    "It was signed on 8 August 1967 in Bangkok.",
    "May 10, 2024",
    "Chapter 4 analyses the Vientiane Vision 2.0 framework.",
    "The G7, G20, ASEAN+3 and 2+2 dialogues, the F-35 and COVID-19.",
    "Japan's first, 2nd and sixth summits.",
    "Doctrine³ and growth.¹⁴",
    "- 1) Maritime law enforcement\n- 2) Defense cooperation",
    "(1) creating a secure environment; (2) expanding cooperation",
    "Jayaphumin Apartment Building, 24 St 566, Phnom Penh",
    "ISBN: 978-9924-9978-2-5",
    "see https://www.example.com/news/2017/06/246567/page and www.mofa.go.jp/a/100917402.pdf",
    '- 6 ASEAN. "The Founding of ASEAN". Accessed 2026.',
    '32 Cabinet Secretariat of Japan. "National Security Strategy".',
    'ASEAN Plus Three (APT) and the "Three Principles on Transfer"',
    "Japan has expanded two-plus-two (2+2) dialogues and two-way flows.",
    "the first quarter of 1998 and the first half of 2023",
    "since the 1990s and the late 2010s",
    "Southeast Asian Affairs 60-64. 1978.",
    "26\n\nIV. Challenges",
    "Foreword\t5\nAcknowledgements\t6\n",
    "in constant 2024 US dollars",
    "one of the key takeaways; one that prioritizes trust",
    "the 50th Anniversary",
]

NEVER_TUNED = [
    (
        "Vietnam received 2 used patrol ships worth ¥1.2 billion.",
        [("2", 2.0, "count", "exact"), ("¥1.2 billion", 1.2e9, "JPY", "exact")],
    ),
    (
        "The Philippines will buy five C-130 aircraft for PHP 9 billion.",
        [("five", 5.0, "count", "exact"), ("PHP 9 billion", 9e9, "PHP", "exact")],
    ),
    (
        "Trade between the two reached US$240.8 billion in 2022.",
        [("two", 2.0, "count", "exact"), ("US$240.8 billion", 240.8e9, "USD", "exact")],
    ),
    ("Defence spending will rise to 2% of GDP by FY2027.", [("2%", 2.0, "percent", "exact")]),
    ("Around 7,000 troops took part in the drills.", [("7,000", 7000.0, "count", "approx")]),
    ("The aid package totals €150m.", [("€150m", 150e6, "EUR", "exact")]),
    ("Malaysia's coastline stretches 4,675 km.", [("4,675 km", 4675.0, "kilometer", "exact")]),
    ("The vessels displace 3,900 tonnes each.", [("3,900 tonnes", 3900.0, "tonne", "exact")]),
    ("Some 60 percent of respondents trust Japan.", [("60 percent", 60.0, "percent", "approx")]),
    ("Cambodia's GDP grew 5.6 per cent in 2023.", [("5.6 per cent", 5.6, "percent", "exact")]),
    ("JICA has trained more than 3,000 officials since 1990.", [("3,000", 3000.0, "count", "over")]),
    (
        # "over" before a duration is "across" (qualifier exact) unless "of"/"old"/"ago" follows; the
        # expectation was "over" until the held-out conventions settled this
        "The loan carries a 0.01% interest rate over 40 years.",
        [("0.01%", 0.01, "percent", "exact"), ("40 years", 40.0, "year", "exact")],
    ),
    ("It would take up to 18 months to deliver.", [("18 months", 18.0, "month", "up_to")]),
    ("The fleet doubled to 24 ships within a decade.", [("24", 24.0, "count", "exact")]),
    (
        "Indonesia has more than 17,000 islands and 270 million people.",
        [("17,000", 17000.0, "count", "over"), ("270 million", 270e6, "count", "exact")],
    ),
    (
        "Japan pledged $75 billion over five years at the summit in Tokyo.",
        [("$75 billion", 75e9, "USD", "exact"), ("five years", 5.0, "year", "exact")],
    ),
    ("Exports to ASEAN fell 4.3% year on year in Q2.", [("4.3%", 4.3, "percent", "exact")]),
    ("The ministry requested ¥7.95 trillion for fiscal 2024.", [("¥7.95 trillion", 7.95e12, "JPY", "exact")]),
    ("At least a dozen countries joined the statement.", [("a dozen", 12.0, "count", "at_least")]),
    (
        "The company reported revenue of $4.5 billion, up 12% from a year earlier.",
        [("$4.5 billion", 4.5e9, "USD", "exact"), ("12%", 12.0, "percent", "exact")],
    ),
    (
        "Shares fell 3.2% to $45.60 on Tuesday.",
        [("3.2%", 3.2, "percent", "exact"), ("$45.60", 45.6, "USD", "exact")],
    ),
    (
        "The temperature reached 40 degrees Celsius.",
        [("40 degrees Celsius", 40.0, "degree celsius", "exact")],
    ),
    (
        "He ran 100 meters in 9.58 seconds.",
        [("100 meters", 100.0, "meter", "exact"), ("9.58 seconds", 9.58, "second", "exact")],
    ),
    ("The bill allocates Rs 500 crore to roads.", [("Rs 500 crore", 5e9, "INR", "exact")]),
    (
        "Exports jumped 23.5 per cent year-on-year to US$31.2 billion.",
        [("23.5 per cent", 23.5, "percent", "exact"), ("US$31.2 billion", 31.2e9, "USD", "exact")],
    ),
    ("A 7.8-magnitude earthquake struck at 4:17 a.m. local time.", []),
    ("The ministry spent €2.5bn on ports.", [("€2.5bn", 2.5e9, "EUR", "exact")]),
    ("Revenue reached £12m last year.", [("£12m", 12e6, "GBP", "exact")]),
    ("Debt reached $1.2tr last year.", [("$1.2tr", 1.2e12, "USD", "exact")]),  # "tr": trillion
    ("The 18tr model sold well.", []),  # no currency: not a scale
    # the naira as the Nigerian press writes it: a capital N glued to a scaled or grouped amount
    ("Tinubu proposed a N27.5 trillion budget.", [("N27.5 trillion", 27.5e12, "NGN", "exact")]),
    ("The Senate passed N28,777,404,073,861.", [("N28,777,404,073,861", 28777404073861.0, "NGN", "exact")]),
    ("Nurses need N95 masks on the N2 road.", []),
    ("The fund holds S$3.2 billion.", [("S$3.2 billion", 3.2e9, "SGD", "exact")]),
    ("Thailand pledged 500 million baht.", [("500 million baht", 500e6, "THB", "exact")]),
    ("a loan of Rp 5 trillion", [("Rp 5 trillion", 5e12, "IDR", "exact")]),
    ("The deal is worth JPY 12.5 billion.", [("JPY 12.5 billion", 12.5e9, "JPY", "exact")]),
    ("The project cost 300 million US dollars.", [("300 million US dollars", 300e6, "USD", "exact")]),
    ("Unemployment fell below 3 percent.", [("3 percent", 3.0, "percent", "under")]),
    ("Support rose by 4.5 percentage points.", [("4.5 percentage points", 4.5, "percentage point", "exact")]),
    ("Up to 200 soldiers will take part.", [("200", 200.0, "count", "up_to")]),
    ("At least 15 people were injured.", [("15", 15.0, "count", "at_least")]),
    ("The port handles some 40 ships a day.", [("40", 40.0, "count", "approx")]),
    ("The runway is 3.5 km long.", [("3.5 km", 3.5, "kilometer", "exact")]),
    ("The ferry carries 1,200 tonnes of cargo.", [("1,200 tonnes", 1200.0, "tonne", "exact")]),
    ("The reactor produces 1.2 GW.", [("1.2 GW", 1.2, "gigawatt", "exact")]),
    ("The zone extends 200 nautical miles.", [("200 nautical miles", 200.0, "nautical mile", "exact")]),
    ("The talks lasted three days.", [("three days", 3.0, "day", "exact")]),
    ("The navy bought a dozen helicopters.", [("a dozen", 12.0, "count", "exact")]),
    ("The contract is worth ten million dollars.", [("ten million dollars", 10e6, "USD", "exact")]),
    ("Imports grew 3-fold in a decade.", [("3-fold", 3.0, "times", "exact")]),
    ("Prices rose 10x in a year.", [("10x", 10.0, "times", "exact")]),
    ("The agency hired twenty-five inspectors.", [("twenty-five", 25.0, "count", "exact")]),
    ("Two-thirds of members agreed.", [("Two-thirds", 200 / 3, "percent", "exact")]),
    ("Half of the aid went to Laos.", [("Half", 50.0, "percent", "exact")]),
    ("Between 5 and 10 percent of the budget", [("5 and 10 percent", (5.0, 10.0), "percent", "exact")]),
    ("It grew from 5% to 10%.", [("5%", 5.0, "percent", "exact"), ("10%", 10.0, "percent", "exact")]),
    ("costs of $5-10 million", [("$5-10 million", (5e6, 10e6), "USD", "exact")]),
    ("The meeting starts at 10:30 a.m. on Monday.", []),
    ("Call +65 6123 4567 for details.", []),
    ("Resolution 2334 and Article 51 apply.", []),
    ("The Boeing 737 and the Airbus A320 fleets", []),
    ("In the 1980s, about 30 firms moved to Penang.", [("30", 30.0, "count", "approx")]),
    ("Nearly 2 million people were displaced.", [("2 million", 2e6, "count", "approx")]),
    ("The population is 670 million.", [("670 million", 670e6, "count", "exact")]),
    ("GDP reached 3.6 trillion in 2024.", [("3.6 trillion", 3.6e12, UNKNOWN_CURRENCY, "exact")]),
    ("inflation of 2.01 million percent", [("2.01 million percent", 2.01e6, "percent", "exact")]),
    ("Hundreds of thousands of people fled.", [("Hundreds of thousands", 1e5, "count", "over")]),
]

BUGS = [
    # a decimal point after a letter is a footnote marker, not ".12"
    ("the region.12 Next, Japan", []),
    # the year range "2023-4" must not become a count or a range
    ("(2014, 2023-4) revisions", []),
    # "under" as a preposition before a number word is not a bound
    ("cooperation under four pillars", [("four", 4.0, "count", "exact")]),
    # a phone-like chain must not cut a range "30-34.6"
    ("\\$30-34.6 million", [("$30-34.6 million", (30e6, 34.6e6), "USD", "exact")]),
    # "building" is a verb here, not a numbering label
    ("building four in Japan", []),
    # page counts in citations
    ("Jakarta: ASEAN Secretariat, 2016), 122 pp., online", []),
    # a scaled number followed by a money noun is money with the currency missing
    ("Japan provided over 250 billion ODA to members", [("250 billion", 250e9, UNKNOWN_CURRENCY, "over")]),
    # partitive counts
    ("alongside six of ASEAN member states", [("six", 6.0, "count", "exact")]),
    # word multipliers
    ("Exports grew threefold.", [("threefold", 3.0, "times", "exact")]),
    ("twice as large", [("twice", 2.0, "times", "exact")]),
    # a hyphenated scale word
    ("a \\$2.5-billion deal", [("$2.5-billion", 2.5e9, "USD", "exact")]),
    # a score is not a range, and its second number is not a count
    ("a 5-4 vote", []),
    # "half a million" is half of it; "1.5m people" is millions, "44m vessel" metres
    ("half a million people", [("half a million", 5e5, "count", "exact")]),
    ("1.5m people and a 44m vessel", [("1.5m", 1.5e6, "count", "exact"), ("44m", 44.0, "meter", "exact")]),
    # a space after the currency symbol
    (
        "US$ 5 million and ¥ 500 million",
        [("US$ 5 million", 5e6, "USD", "exact"), ("¥ 500 million", 5e8, "JPY", "exact")],
    ),
    # speeds are not distances
    ("at 5 km/h", [("5 km/h", 5.0, "kilometer per hour", "exact")]),
    # unit words after a scale word; basis points; data sizes (news sentences written for testing, then fixed)
    # a rate keeps its time unit (changed from "barrel" when rates were read as such)
    (
        "output fell by 3 million barrels per day",
        [("3 million barrels per day", 3e6, "barrel per day", "exact")],
    ),
    ("China produced 1.03 billion tonnes of steel", [("1.03 billion tonnes", 1.03e9, "tonne", "exact")]),
    ("The Fed raised rates by 25 basis points.", [("25 basis points", 25.0, "basis point", "exact")]),
    (
        "The download is 2 GB at 100 Mbps.",
        [("2 GB", 2.0, "gigabyte", "exact"), ("100 Mbps", 100.0, "megabit per second", "exact")],
    ),
    # a fraction at the end of a clause
    ("The budget grew by roughly a third.", [("a third", 100 / 3, "percent", "approx")]),
    # "over" before a number word stays a bound
    ("over one hundred ships", [("one hundred", 100.0, "count", "over")]),
]

# Forms the held-out sentences (tests/data/heldout) showed missing, written anew here for each general rule
# (the held-out sentences themselves stay out of the unit tests). Former strict xfails fixed on the way too.
HELDOUT_RULES = [
    ("a loan of USD5m", [("USD5m", 5e6, "USD", "exact")]),
    ("The ship is 97 m long.", [("97 m", 97.0, "meter", "exact")]),
    ("The summit stands at 2,228 m.", [("2,228 m", 2228.0, "meter", "exact")]),
    ("a population of 5 m people", [("5 m", 5e6, "count", "exact")]),
    (
        "Sales were EUR2bn and JPY300bn.",
        [("EUR2bn", 2e9, "EUR", "exact"), ("JPY300bn", 300e9, "JPY", "exact")],
    ),
    ("a levy of RM1.5 billion", [("RM1.5 billion", 1.5e9, "MYR", "exact")]),
    ("It cost Rs.750 per head.", [("Rs.750", 750.0, "INR", "exact")]),
    ("Model XYZ200 and FY2023 results", []),
    ("a net loss of €(4.7)m", [("€(4.7)m", -4.7e6, "EUR", "exact")]),
    ("EBIT of US$(3) million", [("US$(3) million", -3e6, "USD", "exact")]),
    (
        "see note (3) and ¥400 million ($2.81 million)",
        [("¥400 million", 400e6, "JPY", "exact"), ("$2.81 million", 2.81e6, "USD", "exact")],
    ),
    ("a balance of −€250m", [("−€250m", -250e6, "EUR", "exact")]),
    ("the 5-$10 band", [("5-$10", (5.0, 10.0), "USD", "exact")]),
    ("Stamps cost 85p each.", [("85p", 0.85, "GBP", "exact")]),
    ("a 1080p screen", []),
    ("a dividend of 7 cents", [("7 cents", 0.07, "USD", "exact")]),
    ("worth 40 euro cents", [("40 euro cents", 0.4, "EUR", "exact")]),
    ("a fare of 95 pence", [("95 pence", 0.95, "GBP", "exact")]),
    ("wages grew 2.4pc", [("2.4pc", 2.4, "percent", "exact")]),
    (
        "the rate fell two points to 4.1 per cent",
        [("two points", 2.0, "percentage point", "exact"), ("4.1 per cent", 4.1, "percent", "exact")],
    ),
    ("The index fell 35 points.", [("35 points", 35.0, "point", "exact")]),  # index points: a unit
    ("The ECB raised rates by half a point.", [("half a point", 0.5, "percentage point", "exact")]),
    (
        "a three-quarters of a percentage point cut",
        [("three-quarters of a percentage point", 0.75, "percentage point", "exact")],
    ),
    ("a 50-basis-point hike", [("50-basis-point", 50.0, "basis point", "exact")]),
    ("a budget of Rs 1.2 lakh crore", [("Rs 1.2 lakh crore", 1.2e12, "INR", "exact")]),
    # a rate needs "per": "a day" is a frequency, not part of the unit
    ("pumping 9.5 million barrels a day", [("9.5 million barrels", 9.5e6, "barrel", "exact")]),
    ("fuel use of 30 miles per gallon", [("30 miles per gallon", 30.0, "mile per gallon", "exact")]),
    ("output of 300,000 bpd", [("300,000 bpd", 300000.0, "barrel per day", "exact")]),
    ("a 12-nautical-mile limit", [("12-nautical-mile", 12.0, "nautical mile", "exact")]),
    ("a 4,000-tonne cutter", [("4,000-tonne", 4000.0, "tonne", "exact")]),
    ("It lies 240 mi south.", [("240 mi", 240.0, "mile", "exact")]),
    ("Turnout fell by nearly a third in the capital.", [("a third", 100 / 3, "percent", "approx")]),
    ("for a third consecutive year", []),
    ("a third and final round", []),
    ("Five NGOs signed.", [("Five", 5.0, "count", "exact")]),
    # ranges: a scaled range without a noun; "from X to Y" is a range unless a word of change governs it
    ("Output should reach 3–4 million by 2030.", [("3–4 million", (3e6, 4e6), None, "exact")]),
    ("Fines from $200 to $500 apply.", [("$200 to $500", (200.0, 500.0), "USD", "exact")]),
    (
        "The levy was raised from 4% to 6%.",
        [("4%", 4.0, "percent", "exact"), ("6%", 6.0, "percent", "exact")],
    ),
    (
        "Reserves fell by $2 billion to $40 billion.",
        [("$2 billion", 2e9, "USD", "exact"), ("$40 billion", 40e9, "USD", "exact")],
    ),
    ("cut by 10 to 20 basis points", [("10 to 20 basis points", (10.0, 20.0), "basis point", "exact")]),
    # a bare number compared with the value before it takes its unit
    (
        "The navy has 31 frigates, down from 40 in 2015.",
        [("31", 31.0, "count", "exact"), ("40", 40.0, "count", "exact")],
    ),
    (
        "The ratio rose to 61.5% from 58.2 a year earlier.",
        [("61.5%", 61.5, "percent", "exact"), ("58.2", 58.2, "percent", "exact")],
    ),
    (
        "Staff costs were £41.2m (2023: 38.7).",
        [("£41.2m", 41.2e6, "GBP", "exact"), ("38.7", 38.7e6, "GBP", "exact")],
    ),
    ("It ran 9 days, from 3 to 12 June.", [("9 days", 9.0, "day", "exact")]),
    (
        "Sales rose to $3.1 billion from 2.8.",
        [("$3.1 billion", 3.1e9, "USD", "exact"), ("2.8", 2.8e9, "USD", "exact")],
    ),
    (
        "It has 2,000 troops, up from 5 in 2010.",
        [("2,000", 2000.0, "count", "exact"), ("5", 5.0, "count", "exact")],
    ),
    # thousands separators: never a label or a year
    ("Arrivals were 412,500 in the quarter.", [("412,500", 412500.0, "count", "exact")]),
    # a leading zero is a clock time or a code; a capitalised noun opening a sentence names the number
    ("Troops moved at 0430 hours.", []),
    ("Tier 2 banks and Scope 3 data", []),
    ("Phase 3 trials began in May.", []),
    ("Hired 40 engineers in May.", [("40", 40.0, "count", "exact")]),
    # forms the second held-out batch found missing (new sentences)
    (
        "Its shares climbed $2.10 to $41.75.",
        [("$2.10", 2.1, "USD", "exact"), ("$41.75", 41.75, "USD", "exact")],
    ),
    ("hundreds of millions of dollars", [("hundreds of millions", 1e8, "USD", "over")]),
    (
        "The bank has 9,000-plus branches and 300-odd ATMs.",
        [("9,000-plus", 9000.0, "count", "at_least"), ("300-odd", 300.0, "count", "approx")],
    ),
    (
        "The term was cut from 12 months to 9.",
        [("12 months", 12.0, "month", "exact"), ("9", 9.0, "month", "exact")],
    ),
    (
        "The motion was carried by 312 votes to 290.",
        [("312", 312.0, "count", "exact"), ("290", 290.0, "count", "exact")],
    ),
    ("COP29 met in Baku; AMD 7950 chips", []),
    ("a rate of 12 deaths per 1,000 people", [("12", 12.0, "count", "exact")]),
    (
        "ties of over 50 years of trust; aid over 10 years",
        [("50 years", 50.0, "year", "over"), ("10 years", 10.0, "year", "exact")],
    ),
    (
        "Sales topped $2 billion; stocks near 4.5%",
        [("$2 billion", 2e9, "USD", "over"), ("4.5%", 4.5, "percent", "approx")],
    ),
    ("The Group of 7 met in Italy.", []),
    ("It was shown on 20 Minutes last night.", []),
    ("Its 747 Jumbo jet and our 911 Carrera engine", []),
    (
        "12 NGO workers and 3 TC-90 patrol aircraft",
        [("12", 12.0, "count", "exact"), ("3", 3.0, "count", "exact")],
    ),
    ("a 5-4 ruling and a 30-40 year loan", [("30-40 year", (30.0, 40.0), "year", "exact")]),
    ("It bought 12 Harpoon missiles.", [("12", 12.0, "count", "exact")]),
    ("covering 9 million km2", [("9 million km2", 9e6, "square kilometer", "exact")]),
    # the third batch: a bare number in a parallel clause takes the unit of the first
    (
        "Wages rose 4.1% in Osaka and 3.2 in Nagoya.",
        [("4.1%", 4.1, "percent", "exact"), ("3.2", 3.2, "percent", "exact")],
    ),
    (
        "It paid 40% in cash and 12 shares.",
        [("40%", 40.0, "percent", "exact"), ("12", 12.0, "count", "exact")],
    ),
    (
        "levels of 35 micrograms per cubic metre",
        [("35 micrograms per cubic metre", 35.0, "microgram per cubic meter", "exact")],
    ),
]

# Forms common in news and reports, probed while generalising (not taken from any evaluation file).
PROBED = [
    ("It took one and a half years.", [("one and a half years", 1.5, "year", "exact")]),
    ("two and a half million voters", [("two and a half million", 2.5e6, "count", "exact")]),
    ("a few hundred protesters", [("a few hundred", 100.0, "count", "over")]),
    ("several thousand homes", [("several thousand", 1000.0, "count", "over")]),
    (
        "It hit 41C in Delhi and 95F in Texas.",
        [("41C", 41.0, "degree celsius", "exact"), ("95F", 95.0, "degree fahrenheit", "exact")],
    ),
    ("Form 2024C", []),
    ("output growth of minus 0.8 per cent", [("minus 0.8 per cent", -0.8, "percent", "exact")]),
    ("₹500 crore was released.", [("₹500 crore", 5e9, "INR", "exact")]),
    ("€40m", [("€40m", 40e6, "EUR", "exact")]),
    ("2.3 million square feet", [("2.3 million square feet", 2.3e6, "square foot", "exact")]),
    ("an area of 1,200 square miles", [("1,200 square miles", 1200.0, "square mile", "exact")]),
    ("40 billion cubic metres of gas", [("40 billion cubic metres", 40e9, "cubic meter", "exact")]),
    ("1.1 million ounces of gold", [("1.1 million ounces", 1.1e6, "ounce", "exact")]),
    ("emissions of 35 gigatonnes", [("35 gigatonnes", 35.0, "gigatonne", "exact")]),
    ("About 5 million pounds was spent.", [("5 million pounds", 5e6, "GBP", "approx")]),
    ("He weighs 200 pounds.", [("200 pounds", 200.0, "pound", "exact")]),  # a verb of weight: mass
    ("Temperatures reached 35 degrees.", [("35 degrees", 35.0, "degree", "exact")]),
    # a scale word run on to the digits
    ("a shortfall of $7billion", [("$7billion", 7e9, "USD", "exact")]),
    ("some 1.2million tourists", [("1.2million", 1.2e6, "count", "approx")]),
    # a percent joined by hyphens as an adjective
    ("a 30-per-cent drop in sales", [("30-per-cent", 30.0, "percent", "exact")]),
    ("a 12-percent stake", [("12-percent", 12.0, "percent", "exact")]),
    ("a 4-percentage-point lead", [("4-percentage-point", 4.0, "percentage point", "exact")]),
    # a decimal comma before a plural scale word
    ("a grant of 3,7 millions euros", [("3,7 millions euros", 3.7e6, "EUR", "exact")]),
    # Indian digit grouping (lakh, crore)
    ("The park drew 3,45,210 visitors.", [("3,45,210", 345210.0, "count", "exact")]),
    ("a bill of Rs 2,15,600 crore", [("Rs 2,15,600 crore", 2.156e12, "INR", "exact")]),
    ("a fund of ₹12,40,00,000", [("₹12,40,00,000", 124e6, "INR", "exact")]),
]

KNOWN_FAILURES = [
    # forms the held-out batches still get wrong (new sentences of the same forms)
    pytest.param(
        "The minister said one ship had sunk.",
        [("one", 1.0, "count", "exact")],
        marks=pytest.mark.xfail(strict=True, reason="'one' before a noun is left out: mostly not a count"),
    ),
    pytest.param(
        "Contact: Press Office, 22 Whitehall, London.",
        [],
        marks=pytest.mark.xfail(strict=True, reason="an address without a street word reads as a count"),
    ),
    pytest.param(
        "The reform needs a two-thirds majority in parliament.",
        [],
        marks=pytest.mark.xfail(strict=True, reason="a fraction used as a modifier reads as a share"),
    ),
    pytest.param(
        "The 737 MAX 9 was grounded.",
        [],
        marks=pytest.mark.xfail(
            strict=True, reason="a model code after a number reads as a count ('14 UAV')"
        ),
    ),
    pytest.param(
        "Deaths fell from 520 to 210 per 100,000 births.",
        [("520", 520.0, "count", "exact"), ("210", 210.0, "count", "exact")],
        marks=pytest.mark.xfail(strict=True, reason="bare counts before a per-N denominator are not read"),
    ),
    pytest.param(
        "Japan provided Indonesia 3 patrol boats.",
        [("3", 3.0, "count", "exact")],
        marks=pytest.mark.xfail(
            strict=True, reason="without a parser a number after a capitalised word reads as part of a name"
        ),
    ),
    pytest.param(
        "seven from Subang, one from the Philippines",
        [("seven", 7.0, "count", "exact")],
        marks=pytest.mark.xfail(strict=True, reason="elliptical counts need an antecedent noun"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TUNED)
def test_scan_reads_tuned_forms(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text", NOT_QUANTITIES_TUNED)
def test_scan_ignores_non_quantities(text):
    assert _rows(text) == []


@pytest.mark.parametrize(("text", "expected"), NEVER_TUNED)
def test_scan_reads_never_tuned_sentences(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), BUGS)
def test_scan_regressions(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), HELDOUT_RULES)
def test_scan_reads_forms_found_missing_on_heldout(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), PROBED)
def test_scan_reads_probed_forms(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), KNOWN_FAILURES)
def test_scan_known_failures(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Six used patrol vessels\tGrant Aid", "used patrol vessels"),
        ("12 multi-role response vessels (MRRVs), including", "multi-role response vessels"),
        ("3 (fixed radar units) + 1 mobile\tOSA\tx", "fixed radar units"),
        ("eleven interconnected mechanisms with partners", "interconnected mechanisms"),
        ("Japan reported 89 concrete cooperation projects, ranging", "concrete cooperation projects"),
    ],
)
def test_scan_reads_what_a_count_counts(text, counted):
    first = scan(text)[0]
    assert first.kind is Kind.COUNT
    assert first.counted == counted


def test_scan_precision_is_scaled():
    (c,) = scan("8.1 billion yen")
    assert c.precision == Decimal("0.05") * 10**9
    (c,) = scan("Three vessels")
    assert c.precision == Decimal("0.5")


def test_scan_flags_missing_currency():
    c = scan("over 3.6 trillion (around USD 33 billion)")[0]
    assert (c.unit, c.kind, c.currency_missing) == (UNKNOWN_CURRENCY, Kind.MONEY, True)


def test_scan_keep_bare_returns_bare_numbers_flagged():
    text = "building four in Japan"
    assert scan(text) == []
    (c,) = scan(text, keep_bare=True)
    assert c.bare
    assert c.value == 4


def test_scan_table_cells_are_other_without_unit():
    text = "Country\t2024 Budget\t% of GDP\nUSA\t997.0\t3.4\n"
    cells = scan(text)
    assert [(c.surface(text), c.kind, c.unit, c.table_cell) for c in cells] == [
        ("997.0", Kind.OTHER, None, True),
        ("3.4", Kind.OTHER, None, True),
    ]


def test_scan_qualifier_not_in_surface():
    text = "more than 50 years of ties"
    (c,) = scan(text)
    assert c.surface(text) == "50 years"
    assert c.qualifier is Qualifier.OVER


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Registered cases passed 40,000 by Friday.", Qualifier.OVER),  # a running count past a mark
        ("The region's flood toll tops 310 deaths.", Qualifier.OVER),
        ("Ticket sales crossed 9,500 on day two.", Qualifier.OVER),
        ("The assembly passed $12 billion in relief.", Qualifier.EXACT),  # a bill passed, not a bound
    ],
)
def test_scan_passing_a_mark_is_a_lower_bound(text, qualifier):
    (c,) = scan(text)
    assert c.qualifier is qualifier


ODD_INPUTS = [
    "",
    " ",
    "1,2,3",
    "$.5",
    "$",
    "\\$",
    "-",
    "--5",
    "5-",
    "1e10",
    "٣ ١٢",
    "１２３",
    "½",
    "\x00\x01 5",
    "5" * 5000,
    "$" * 300 + "5",
    "¥¥¥1",
    "0x1F",
    "1.2.3.4",
    "+",
    "(-)",
    "\ufeff12 vessels",
    "𝟓 ships",
    "10⁶",
    "3\u00a0million",
    "5\u2009%",
    "NaN",
    "Infinity percent",
    "1_000",
    # inputs that once made the e-mail and domain patterns quadratic (bug: seconds per 40k characters)
    "a." * 20_000,
    "a-" * 20_000,
    "x@" * 10_000,
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_scan_odd_inputs_never_raise_and_round_trip(text):
    for c in scan(text, keep_bare=True):
        assert 0 <= c.start < c.end <= len(text)
        assert c.surface(text) == c.surface(text).strip()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,-–$¥€%\\~()abcmtyenUSDJPbillon\t\nTHF+/:")), max_size=80
    )
)
def test_scan_property_offsets_round_trip_on_number_soup(text):
    found = scan(text, keep_bare=True)
    previous_end = -1
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= previous_end  # sorted, non-overlapping
        previous_end = c.end
        surface = c.surface(text)
        assert surface
        assert surface == surface.strip()
        assert (c.value is None) == (c.low is not None and c.high is not None)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_scan_property_any_unicode_never_raises(text):
    for c in scan(text):
        assert text[c.start : c.end]


# Pieces the held-out rules read (accounting brackets, glued codes, minor units, points, rates, ranges,
# comparisons), shuffled into phrases: whatever the order, scanning never raises and offsets round-trip.
_PIECES = [
    "£",
    "$",
    "US$",
    "€",
    "¥",
    "₹",
    "RM",
    "Rp",
    "Rs.",
    "USD",
    "COP",
    "(",
    ")",
    "(2022:",
    "3.2",
    "12",
    "1,650",
    "0600",
    "40",
    "7.5",
    "m",
    "bn",
    "p",
    "pc",
    "C",
    "F",
    "km2",
    " million",
    " lakh crore",
    " cents",
    " pence",
    " per cent",
    " points",
    " pts",
    " per day",
    " per cubic metre",
    " a quarter point",
    " minus",
    "-plus",
    "-odd",
    " from",
    " to",
    " by",
    " and",
    " up from",
    " compared with",
    " rose",
    " for women and",
    " for men",
    " Group of",
    " Scope",
    " 747 Jumbo jet",
    " votes to",
    "−",
    "-",
    "–",
    " ",
    ", ",
    ". ",
    "\n",
    "\t",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_scan_property_offsets_round_trip_on_rule_pieces(text):
    found = scan(text, keep_bare=True)
    previous_end = -1
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= previous_end
        previous_end = c.end
        surface = c.surface(text)
        assert surface
        assert surface == surface.strip()
        assert (c.value is None) == (c.low is not None and c.high is not None)
