"""The scanner's readings added for general text (units from the registry, money forms, number forms) and
its general mode (mentions that are no claim, each with a reason). Every sentence here was written for this
file; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.parse import scan as scan_module
from claims.parse.scan import Candidate, scan
from claims.types import UNKNOWN_CURRENCY

try:
    import pint  # noqa: F401
except ImportError:  # the registry layer is off without pint: its cases are skipped, the others still run
    _NO_PINT = True
else:
    _NO_PINT = False
_NEEDS_PINT = pytest.mark.skipif(_NO_PINT, reason="unit read through pint's registry")


def _row(text: str, c: Candidate) -> tuple:
    value = float(c.value) if c.value is not None else (float(c.low), float(c.high))  # type: ignore[arg-type]
    return (c.surface(text), value, c.unit)


def _rows(text: str, *, general: bool = False) -> list[tuple]:
    return [_row(text, c) for c in scan(text, general=general)]


UNITS = [
    ("The tablet ships with a 6,200 mAh cell.", [("6,200 mAh", 6200.0, "milliampere hour")]),
    pytest.param("Its radio listens at 5.8 GHz.", [("5.8 GHz", 5.8, "gigahertz")], marks=_NEEDS_PINT),
    ("The coating is 40 µm thick.", [("40 µm", 40.0, "micrometer")]),
    pytest.param("A pressure of 250 kPa was held.", [("250 kPa", 250.0, "kilopascal")], marks=_NEEDS_PINT),
    ("The motor turns at 7,500 rpm.", [("7,500 rpm", 7500.0, "revolution per minute")]),
    ("The diesel makes 400 Nm of torque.", [("400 Nm", 400.0, "newton meter")]),
    ("It delivers 295 pound-feet of torque.", [("295 pound-feet", 295.0, "pound-foot")]),
    ("a 510bhp engine", [("510bhp", 510.0, "brake horsepower")]),
    ("The cells reach 0.8 A/cm2 at peak.", [("0.8 A/cm2", 0.8, "ampere per square centimeter")]),
    ("Ozone peaked at 70 ppb downtown.", [("70 ppb", 70.0, "part per billion")]),
    ("The hatchback returns 48 mpg on the motorway.", [("48 mpg", 48.0, "mile per gallon")]),
    pytest.param("Each sample weighed 12g.", [("12g", 12.0, "gram")], marks=_NEEDS_PINT),
    ("The guard averaged 27.4 ppg last season.", [("27.4 ppg", 27.4, "point per game")]),
    ("A 50-megapixel sensor sits at the back.", [("50-megapixel", 50.0, "megapixel")]),
    ("Gusts reached 85 KT offshore.", [("85 KT", 85.0, "knot")]),
    ("The lab kept it at minus-80 degrees.", [("minus-80 degrees", -80.0, "degree")]),
    ("Readings of 3.1degF were logged.", [("3.1degF", 3.1, "degree fahrenheit")]),
    pytest.param("The charger supplies 20 W through one port.", [("20 W", 20.0, "watt")], marks=_NEEDS_PINT),
]

NOT_UNITS = [
    "She was born in 3 in 10 households.",  # "in" is a pint unit (inch), never read here
    "The team scored 3 at home.",  # "at" (technical atmosphere) neither
    "He holds 4 hands of cards.",  # "hand" (a length unit) neither
    "Buy 2 bars of soap.",  # "bar" (pressure) only as a symbol with a prefix
]

MONEY = [
    ("The estate was valued at $US12,500,000 last year.", [("$US12,500,000", 12.5e6, "USD")]),
    ("It sold for $A3.4 million.", [("$A3.4 million", 3.4e6, "AUD")]),
    ("Fares rose to HK $1,200.", [("HK $1,200", 1200.0, "HKD")]),
    ("The chief executive earned PS4.2m.", [("PS4.2m", 4.2e6, "GBP")]),
    ("Profit fell to Y=12 billion.", [("Y=12 billion", 12e9, "JPY")]),
    ("The bike cost 850€ in the shop.", [("850€", 850.0, "EUR")]),
    ("Tickets cost 90 shekels each.", [("90 shekels", 90.0, "ILS")]),
    ("A fine of 3 million Mexican pesos was set.", [("3 million Mexican pesos", 3e6, "MXN")]),
    ("Entry costs ₪45 a day.", [("₪45", 45.0, "ILS")]),
    (
        "They have raised 40 million of the 120 million rand needed.",
        [("40 million", 40e6, "ZAR"), ("120 million rand", 120e6, "ZAR")],
    ),
    ("Bids ran from $900,000 to $1.1 million.", [("$900,000 to $1.1 million", (9e5, 1.1e6), "USD")]),
    ("It costs $12-14.5 million.", [("$12-14.5 million", (12e6, 14.5e6), "USD")]),
]

NUMBERS = [
    ("Around 4 hundred million people voted.", [("4 hundred million", 4e8, "count")]),
    ("The clip drew 30k viewers.", [("30k", 30000.0, "count")]),
    ("The album sold 1.2m copies and 3.4m downloads.", [("1.2m", 1.2e6, "count"), ("3.4m", 3.4e6, "count")]),
    ("The wall is 3m high.", [("3m", 3.0, "meter")]),
    ("The contract runs three to 5 years.", [("three to 5 years", (3.0, 5.0), "year")]),
    ("The house has 4.5 bathrooms.", [("4.5", 4.5, "count")]),
    ("The comet has looped the Sun 40 times.", [("40 times", 40.0, "count")]),
    ("Its mass is 40 times that of the Moon.", [("40 times", 40.0, "times")]),
    (
        "About 9 million voters signed, including 2.5 million in the north.",
        [("9 million", 9e6, "count"), ("2.5 million", 2.5e6, "count")],
    ),
    ("Stocks fell 1.2% to 4,210.5 by noon.", [("1.2%", 1.2, "percent"), ("4,210.5", 4210.5, None)]),
    ("The index gained 12.75 points.", [("12.75 points", 12.75, "point")]),
    ("The tide rose half an inch.", [("half an inch", 0.5, "inch")]),
    ("She won by two tenths of a second.", [("two tenths of a second", 0.2, "second")]),
    ("Some 312 000 voters turned out.", [("312 000", 312000.0, "count")]),
    (
        "The shares rose 2% to 14.1 as the index fell 1% to 7,310.",
        [
            ("2%", 2.0, "percent"),
            ("14.1", 14.1, None),
            ("1%", 1.0, "percent"),
            ("7,310", 7310.0, "point"),
        ],
    ),
    ("Fans of 44 Welsh clubs marched.", [("44", 44.0, "count")]),
    ("She packed a pair of boots.", [("a pair", 2.0, "count")]),
    ("Leave a 1⁄16 inch gap.", [("1⁄16 inch", 0.0625, "inch")]),
    ("The trail is 3½ miles long.", [("3½ miles", 3.5, "mile")]),
    ("The panel shows 1920x1200 pixels.", [("1920", 1920.0, "count"), ("1200", 1200.0, "count")]),
    ("The flat has 2.5 bathrooms upstairs.", [("2.5", 2.5, "count")]),
    ("She won by 0.04 s in the final.", [("0.04 s", 0.04, "second")]),
    ("The calf gained 40 pounds in May.", [("40 pounds", 40.0, "pound")]),
    ("They sold 12 pounds of cherries.", [("12 pounds", 12.0, "pound")]),
    ("Roughly one in four renters moved.", [("one in four", 25.0, "percent")]),
    ("Forecasters gave a 3 in 100 chance of frost.", [("3 in 100", 3.0, "percent")]),
    ("Nine out of 10 dentists agreed.", [("Nine out of 10", 90.0, "percent")]),
    ("Buy a 10- or 12-inch skillet.", [("10", 10.0, "inch"), ("12-inch", 12.0, "inch")]),
    (
        "The sedan goes 0 to 100 km/h in 4 seconds.",
        [("0 to 100 km/h", (0.0, 100.0), "kilometer per hour"), ("4 seconds", 4.0, "second")],
    ),
    ("The reef formed 90 to 80 million years ago.", [("90 to 80 million years", (80e6, 90e6), "year")]),
    ("Buyers want sub-500 sq ft studios.", [("500 sq ft", 500.0, "square foot")]),
    (
        "The Nikkei ended at 38,120.5, down 210.3 points.",
        [("38,120.5", 38120.5, "point"), ("210.3 points", 210.3, "point")],
    ),
    (
        "The FTSE lost 80.2 points, or 1.1%, to close at 7,201.4.",
        [("80.2 points", 80.2, "point"), ("1.1%", 1.1, "percent"), ("7,201.4", 7201.4, "point")],
    ),
    (
        "The score fell 4%, from 88.0 to 84.5.",
        [("4%", 4.0, "percent"), ("88.0", 88.0, None), ("84.5", 84.5, None)],
    ),
    ("The plot measures 30 x 40 metres.", [("30", 30.0, "meter"), ("40 metres", 40.0, "meter")]),
]

NOT_QUANTITIES = [
    "Trading closed at 4.15pm on Friday.",  # a clock time, not picometres
    "She served 7.45 a.m. tea.",
    "The lens found MOA-2011-72L b.",  # a catalogue designation
    "He cut half a loaf.",  # half of no unit
]

GENERAL = [
    ("Telecoms rolled out 5G masts.", [("5G", 5.0, "generation", "name")]),
    ("It takes one driver to move it.", [("one", 1.0, "count", "one_word_count")]),
    ("She met one of the pilots.", [("one", 1.0, "count", "one_word_count")]),
    ("A twelve-valve engine powers it.", [("twelve", 12.0, "count", "compound_modifier")]),
    ("Okafor, 52, lives in Leeds.", [("52", 52.0, "year", "age")]),
    ("Volunteers aged 40 took part.", [("40", 40.0, "year", "age")]),
    ("It hit land as a Category 3 storm.", [("3", 3.0, "category", "scale_level")]),
    ("Her brother, who was 8 at the time, survived.", [("8", 8.0, "year", "age")]),
    ("She turned 61 last spring.", [("61", 61.0, "year", "age")]),
]

RECORDS_AND_NAMES = [
    (
        "The club record for clean sheets in a season is 21, set in 1979.",
        [("21", 21.0, "count", "clean sheets")],
    ),
    ("The 1998 final had the most corners, 17, and the fewest fouls.", [("17", 17.0, "count", "corners")]),
    ("It shipped with Bluetooth 5.0 chips.", []),  # a version after a name, no count
    ("Nine of the pilots flew twice more.", [("Nine", 9.0, "count", "pilots")]),
    ("The park will deliver 300 MWac of power.", [("300 MWac", 300.0, "megawatt", None)]),
]

GENERAL_SPANS = [
    ("Adults aged 25 to 40 were asked.", [("25 to 40", 25.0, 40.0, "year", "age")]),
    ("Power went from 310 to 355, the maker said.", [("310 to 355", 310.0, 355.0, None, "no_unit")]),
    (
        "A 1,600 x 900-pixel panel is fitted.",
        [
            ("1,600", 1600.0, None, "count", "compound_modifier"),
            ("900", 900.0, None, "count", "compound_modifier"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNITS)
def test_scan_reads_units_through_the_unit_layer(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text", NOT_UNITS)
def test_scan_never_reads_everyday_words_as_registry_units(text):
    assert all(c.kind.value != "measure" for c in scan(text))


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_scan_reads_money_forms(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_scan_reads_number_forms(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_scan_skips_clock_times(text):
    assert scan(text) == []


@pytest.mark.parametrize(("text", "expected"), GENERAL)
def test_scan_general_reports_non_claims_with_a_reason(text, expected):
    found = [(c.surface(text), float(c.value), c.unit, c.reason) for c in scan(text, general=True)]  # type: ignore[arg-type]
    assert found == expected
    assert scan(text) == []  # the claims stage never sees them


@pytest.mark.parametrize(("text", "expected"), RECORDS_AND_NAMES)
def test_scan_reads_record_counts_and_keeps_versions_out(text, expected):
    found = [(c.surface(text), float(c.value), c.unit, c.counted) for c in scan(text, keep_bare=True)]  # type: ignore[arg-type]
    assert [f for f in found if f[0] != "1998"] == expected


@pytest.mark.parametrize(("text", "expected"), GENERAL_SPANS)
def test_scan_general_reports_spans_that_are_no_claim(text, expected):
    found = [
        (
            c.surface(text),
            float(c.low if c.value is None else c.value),
            c.high and float(c.high),
            c.unit,
            c.reason,
        )  # type: ignore[arg-type]
        for c in scan(text, general=True)
    ]
    assert found == expected
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ward 3 in 10 was shut.",
        "She scored 2 in 12 games.",
        "He is 1 in 2019 terms.",
        "Shops open from 9 to 5 on Sundays.",
    ],
)
def test_scan_no_ratio_or_movement_without_its_shape(text):
    assert all(c.unit != "percent" and c.reason != "no_unit" for c in scan(text, general=True))


@pytest.mark.parametrize(
    "text", ["The fund lent 3.6 trillion to the region.", "a pledge of 2 billion by 2030"]
)
def test_scan_scaled_amount_without_currency_stays_unknown(text):
    units = [c.unit for c in scan(text)]
    assert units
    assert all(u in (UNKNOWN_CURRENCY, None, "count") for u in units)


def test_scan_long_input_classifies_each_number_once(monkeypatch):
    """Scanning stays linear: classifying twice the text asks the rules twice as often (an operation count,
    not a timer)."""
    calls = {"n": 0}
    original = scan_module.classify

    def counting(text, atom, *, keep_bare=False):
        calls["n"] += 1
        return original(text, atom, keep_bare=keep_bare)

    monkeypatch.setattr(scan_module, "classify", counting)
    piece = "Sales rose 4% to $3.2bn; 12 plants, a 400 MW farm, 5G masts and one driver. "
    counts = []
    for repeat in (200, 400):
        calls["n"] = 0
        found = scan(piece * repeat, general=True)
        counts.append((calls["n"], len(found)))
    (calls_1, found_1), (calls_2, found_2) = counts
    assert calls_2 == 2 * calls_1
    assert found_2 == 2 * found_1


_PIECES = [
    "$US", "$A", "HK $", "PS", "Y=", "€", "12", "3.5", "1,200", "m", "k", "G", "mAh", " GHz", " rpm",
    " pound-feet", " A/cm2", "degF", " KT", "-cylinder", "-mpg", " times", " cents", " points", " hundred",
    " million", " of the", " to", " and", " aged ", ", ", "one ", " minus-", "pm", " fell", "%", "(", ")",
    " ", ". ", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_scan_general_property_offsets_round_trip(text):
    previous_end = -1
    for c in scan(text, keep_bare=True, general=True):
        assert 0 <= c.start < c.end <= len(text)
        assert c.start >= previous_end
        previous_end = c.end
        surface = c.surface(text)
        assert surface
        assert surface == surface.strip()
        assert (c.value is None) == (c.low is not None and c.high is not None)


_BLOCKED_PIECES = [
    "http://", "www.", "x", "@", "mail", ".org", ".com/", "/", "10.", "1234", "ISBN ", "978", "-", "+44 ",
    "20 ", "7946 ", "<", ">", "3 pm", "12:30", "1.2.3", "OGLE", "05", " ", "a", ".", ",",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BLOCKED_PIECES), max_size=25).map("".join))
def test_blocked_pattern_property_matches_the_full_pattern(text):
    from claims.parse.patterns import BLOCKED, blocked_pattern

    assert [m.span() for m in blocked_pattern(text).finditer(text)] == [
        m.span() for m in BLOCKED.finditer(text)
    ]


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Two quarters in a row of negative growth make a recession.", False),
        ("Output has fallen for three quarters running.", False),
        ("The region saw two quarters of contraction.", False),
        ("Three quarters of the harbour pilots voted to strike.", True),
        ("Two thirds of the fleet is in service.", True),
    ],
)
def test_scan_fraction_words_against_a_spell_of_time(text, share):
    # "two quarters in a row" counts quarters of a year, not 50% of something
    assert any(c.kind.value == "percent" for c in scan(text)) is share


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Net income was ¥4 trillion 944.9 billion yen.",
            [("¥4 trillion 944.9 billion yen", 4.9449e12, "JPY")],
        ),
        ("The port spent $3 billion 200 million on cranes.", [("$3 billion 200 million", 3.2e9, "USD")]),
        # not one amount: a scale too large for the one before, or counts
        (
            "It had 2 million 300 thousand members.",
            [("2 million", 2e6, None), ("300 thousand", 3e5, "count")],
        ),
    ],
)
def test_scan_amount_written_in_two_scales(text, expected):
    assert [(c.surface(text), float(c.value), c.unit) for c in scan(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digits grouped in thousands after a name count what follows; a model number in a name does not
        ("The tally gives the Harbour Party 407,860 votes.", [("407,860", 407860.0, "count")]),
        (
            "The tally gives the Harbour Party 12,860 votes and the Reef League 3,000 votes.",
            [("12,860", 12860.0, "count"), ("3,000", 3000.0, "count")],
        ),
        ("The airline flies the Tornado 200 jets.", []),
    ],
)
def test_scan_reads_grouped_digits_after_a_name_as_a_count(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year dating the first figure is no lower bound of a range with the amount after "to"
        (
            "Fees climbed from $22.3 billion in Q4 2031 to $24.7 billion this quarter.",
            [("$22.3 billion", 22.3e9, "USD"), ("$24.7 billion", 24.7e9, "USD")],
        ),
        (
            "Fees climbed from $22.3 billion in 2031 to $24.7 billion in 2032.",
            [("$22.3 billion", 22.3e9, "USD"), ("$24.7 billion", 24.7e9, "USD")],
        ),
    ],
)
def test_scan_reads_a_dated_start_and_its_end_as_two_figures(text, expected):
    assert _rows(text) == expected
