"""Units of measure, percent forms and multiplier words, each mapped to the canonical unit name.

Canonical names are singular lower-case words (`meter`, `kilometer`, `megawatt`, `hour`, `year`), following
the SI brochure (BIPM, 9th edition) for SI units and the NIST Guide to the SI (SP 811) for accepted
non-SI units (hour, day, tonne, hectare, nautical mile, knot). Abbreviations are the SI symbols plus the
forms common in news copy (`sq km`, `nm`, `bbl`). Reviewed by hand.
"""

from __future__ import annotations

PERCENT = "percent"
PERCENTAGE_POINT = "percentage point"
TIMES = "times"
BASIS_POINT = "basis point"

# Percent forms after a number (case-insensitive).
PERCENT_FORMS: tuple[str, ...] = ("%", "percent", "per cent", "per-cent", "pct", "pc", "％")
PERCENTAGE_POINT_FORMS: tuple[str, ...] = (
    "percentage points",
    "percentage point",
    "percent points",
    "per cent points",
    "ppt",
    "ppts",
)
# Points after a number: percentage points when a percentage follows in the same phrase
# ("rose 0.1 pts to 66.9%", "fell two points to 4.1 per cent"); otherwise index points, left unread.
POINT_FORMS: tuple[str, ...] = ("points", "point", "pts", "pt")
# Multiplier forms after a number ("five times", "3x", "ten-fold").
MULTIPLIER_FORMS: tuple[str, ...] = ("times", "fold", "-fold", "x", "×")

# Unit words after a number, matched case-insensitively (singular and plural).
UNIT_WORDS: dict[str, str] = {}


def _add(canonical: str, *forms: str) -> None:
    for form in forms:
        UNIT_WORDS[form] = canonical


_add("meter", "meter", "meters", "metre", "metres")
_add("kilometer", "kilometer", "kilometers", "kilometre", "kilometres")
_add("centimeter", "centimeter", "centimeters", "centimetre", "centimetres")
_add("millimeter", "millimeter", "millimeters", "millimetre", "millimetres")
_add(
    "square kilometer",
    "square kilometer",
    "square kilometers",
    "square kilometre",
    "square kilometres",
    "sq km",
    "sq. km",
)
_add("square meter", "square meter", "square meters", "square metre", "square metres", "sq m")
_add("square mile", "square mile", "square miles", "sq mi", "sq. mi")
_add("square foot", "square foot", "square feet", "sq ft", "sq. ft")
_add("cubic meter", "cubic meter", "cubic meters", "cubic metre", "cubic metres")
_add("cubic foot", "cubic foot", "cubic feet")
_add("nautical mile", "nautical mile", "nautical miles")
_add("mile", "mile", "miles")
_add("foot", "foot", "feet")
_add("inch", "inch", "inches")
_add("yard", "yard", "yards")
_add("hectare", "hectare", "hectares")
_add("acre", "acre", "acres")
_add("tonne", "tonne", "tonnes", "metric ton", "metric tons", "ton", "tons")
_add("kilotonne", "kilotonne", "kilotonnes", "kiloton", "kilotons")
_add("megatonne", "megatonne", "megatonnes", "megaton", "megatons")
_add("gigatonne", "gigatonne", "gigatonnes", "gigaton", "gigatons")
_add("kilogram", "kilogram", "kilograms", "kilo", "kilos")
_add("ounce", "ounce", "ounces", "troy ounce", "troy ounces")
_add("gram", "gram", "grams")
_add("milligram", "milligram", "milligrams")
_add("microgram", "microgram", "micrograms")
_add("liter", "liter", "liters", "litre", "litres")
_add("gallon", "gallon", "gallons")
_add("barrel", "barrel", "barrels")
_add("megawatt", "megawatt", "megawatts")
_add("gigawatt", "gigawatt", "gigawatts")
_add("kilowatt", "kilowatt", "kilowatts")
_add("terawatt", "terawatt", "terawatts")
_add("watt", "watt", "watts")
_add("kilovolt", "kilovolt", "kilovolts")
_add("megawatt hour", "megawatt hour", "megawatt hours", "megawatt-hours")
_add("gigawatt hour", "gigawatt hour", "gigawatt hours", "gigawatt-hours")
_add("kilowatt hour", "kilowatt hour", "kilowatt hours", "kilowatt-hours")
_add("knot", "knot", "knots")
_add("basis point", "basis point", "basis points", "bps")
_add("barrel per day", "bpd")
_add("gigabyte", "gigabyte", "gigabytes")
_add("megabyte", "megabyte", "megabytes")
_add("terabyte", "terabyte", "terabytes")
_add("second", "second", "seconds")
_add("minute", "minute", "minutes")
_add("hour", "hour", "hours")
_add("day", "day", "days")
_add("week", "week", "weeks")
_add("month", "month", "months")
_add("year", "year", "years")
_add("decade", "decade", "decades")
_add("century", "century", "centuries")
_add("degree celsius", "degrees celsius", "degree celsius", "degrees centigrade")
_add("degree fahrenheit", "degrees fahrenheit", "degree fahrenheit")
_add("degree", "degree", "degrees")  # temperature or angle, scale unstated
_add("twenty-foot equivalent unit", "teu", "teus")

# Symbols after a number, matched case-sensitively (glued or after one space).
UNIT_SYMBOLS: dict[str, str] = {
    "km/h": "kilometer per hour",
    "kph": "kilometer per hour",
    "mph": "mile per hour",
    "m": "meter",
    "km": "kilometer",
    "cm": "centimeter",
    "mm": "millimeter",
    "km²": "square kilometer",
    "km2": "square kilometer",
    "m²": "square meter",
    "m2": "square meter",
    "nmi": "nautical mile",
    "NM": "nautical mile",
    "ft": "foot",
    "ha": "hectare",
    "kg": "kilogram",
    "t": "tonne",
    "MT": "tonne",
    "L": "liter",
    "bbl": "barrel",
    "MW": "megawatt",
    "GW": "gigawatt",
    "kW": "kilowatt",
    "MWh": "megawatt hour",
    "GWh": "gigawatt hour",
    "kWh": "kilowatt hour",
    "TWh": "terawatt hour",
    "kt": "knot",
    "h": "hour",
    "H": "hour",
    "hrs": "hour",
    "hr": "hour",
    "min": "minute",
    "mins": "minute",
    "yrs": "year",
    "yr": "year",
    "°C": "degree celsius",
    "°F": "degree fahrenheit",
    "ºC": "degree celsius",
    "C": "degree celsius",
    "F": "degree fahrenheit",
    "oz": "ounce",
    "lb": "pound",
    "lbs": "pound",
    "kV": "kilovolt",
    "TW": "terawatt",
    "sq ft": "square foot",
    "TEU": "twenty-foot equivalent unit",
    "mi": "mile",
    "GB": "gigabyte",
    "MB": "megabyte",
    "TB": "terabyte",
    "kB": "kilobyte",
    "KB": "kilobyte",
    "Gbps": "gigabit per second",
    "Mbps": "megabit per second",
    "kbps": "kilobit per second",
    "bp": "basis point",
    "bps": "basis point",
}
# Symbols that are only read when glued to the number ("48h", "44m"), never after a space.
# Symbols that may follow a scale word ("24 million km2", "2 billion kWh"): no single letters or time units.
SCALED_SYMBOLS: frozenset[str] = frozenset(
    k
    for k, v in UNIT_SYMBOLS.items()
    if len(k) > 1 and v not in ("hour", "minute", "year") and k not in ("kt", "MT")
)
GLUED_ONLY_SYMBOLS: frozenset[str] = frozenset({"m", "t", "h", "H", "L", "kt", "min", "C", "F"})
# Temperatures written with a glued letter ("40C", "86F") are read only within these bounds.
GLUED_TEMPERATURE_LIMIT = 150

# Measure units that can head a hyphenated modifier ("a 30-year plan", "a 97m-class vessel", "a
# 700,000-barrel draw", "a 200-nautical-mile zone"): the list below plus every singular unit word (below).
HYPHEN_UNIT_WORDS: dict[str, str] = {
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "meter": "meter",
    "metre": "meter",
    "kilometer": "kilometer",
    "kilometre": "kilometer",
    "km": "kilometer",
    "mile": "mile",
    "ton": "tonne",
    "tonne": "tonne",
    "megawatt": "megawatt",
    "MW": "megawatt",
    "decade": "decade",
    "century": "century",
    "m": "meter",
}
HYPHEN_UNIT_WORDS.update(
    {
        form.replace(" ", "-"): name
        for form, name in UNIT_WORDS.items()
        if not form.endswith("s") and form not in ("feet", "degree celsius", "teu", "kilo", "bpd", "sq. km")
    }
)

# Time units that make a measure a rate when written after it ("2 million barrels per day").
RATE_TIME_UNITS: dict[str, str] = {
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "annum": "year",
}

# --------------------------------------------------------------------------------------------------
# The registry layer: symbols and words not listed above are looked up in pint's unit registry
# (`claims.parse.units.registry_unit`), restricted to the units below, so that ordinary words that pint
# also knows as units ("in", "at", "hand", "point", "bar", "stone") are never read as units.

# pint base units (canonical pint names) read with or without an SI prefix ("mAh", "GHz", "µm", "kPa",
# "megawatts"): SI base and derived units (BIPM SI brochure, 9th ed., tables 2 and 4), units accepted for
# use with the SI (table 8: liter, tonne, electronvolt) and the energy, charge and data units of
# engineering and consumer-technology copy (watt hour, ampere hour, volt ampere, calorie, byte, bit).
REGISTRY_BASES: dict[str, str] = {
    "meter": "meter", "gram": "gram", "second": "second", "ampere": "ampere", "kelvin": "kelvin",
    "mole": "mole", "candela": "candela", "hertz": "hertz", "newton": "newton", "pascal": "pascal",
    "joule": "joule", "watt": "watt", "coulomb": "coulomb", "volt": "volt", "farad": "farad", "ohm": "ohm",
    "siemens": "siemens", "weber": "weber", "tesla": "tesla", "henry": "henry", "lumen": "lumen",
    "lux": "lux", "becquerel": "becquerel", "gray": "gray", "sievert": "sievert", "liter": "liter",
    "metric_ton": "tonne", "electron_volt": "electron volt", "watt_hour": "watt hour",
    "ampere_hour": "ampere hour", "volt_ampere": "volt ampere", "calorie": "calorie", "byte": "byte",
    "bit": "bit", "decibel": "decibel", "horsepower": "horsepower", "bar": "bar",
    "british_thermal_unit": "british thermal unit",
}  # fmt: skip
# SI prefixes read before a registry base (the rare ones, atto/zepto/exa..., are left out: "at" is not
# "attotonne").
REGISTRY_PREFIXES: frozenset[str] = frozenset(
    {"kilo", "mega", "giga", "tera", "peta", "milli", "micro", "nano", "pico", "centi", "deci", "hecto"}
)
# Unprefixed registry bases that are also everyday words or single letters read only when glued to the
# number or written as symbols in a compound ("5 W charger" is read, "5 bar" is not).
REGISTRY_WORDLIKE: frozenset[str] = frozenset({"bar", "bit", "gray", "henry", "lux", "byte"})
# Single-letter symbols read after a number (others, like K, M, T, G, are scale letters or names).
SINGLE_LETTER_SYMBOLS: frozenset[str] = frozenset({"W", "V", "A", "J", "N", "g", "Ω"})

# The domain layer: units of news, sports and finance copy that the registry lacks or names otherwise.
# Symbols (case-sensitive) ...
DOMAIN_SYMBOLS: dict[str, str] = {
    "bhp": "brake horsepower", "hp": "horsepower", "PS": "metric horsepower",
    "mpg": "mile per gallon", "MPG": "mile per gallon", "m.p.g.": "mile per gallon",
    "m.p.h.": "mile per hour", "m.p.h": "mile per hour", "km/h": "kilometer per hour",
    "kmh": "kilometer per hour", "ppm": "part per million", "ppb": "part per billion",
    "Nm": "newton meter", "N·m": "newton meter", "N-m": "newton meter",
    "lb-ft": "pound-foot", "lb.-ft.": "pound-foot", "lb ft": "pound-foot", "ft-lb": "pound-foot",
    "rpm": "revolution per minute", "RPM": "revolution per minute", "psi": "pound per square inch",
    "ksi": "kip per square inch", "cc": "cubic centimeter", "mAh": "milliampere hour",
    "Ghz": "gigahertz", "Mhz": "megahertz", "ghz": "gigahertz", "mhz": "megahertz",
    "sq m": "square meter", "sqm": "square meter", "sq km": "square kilometer", "sqft": "square foot",
    "m3": "cubic meter", "m³": "cubic meter", "cm2": "square centimeter", "cm²": "square centimeter",
    "µm": "micrometer", "μm": "micrometer",
    # a degree sign lost in conversion to text: "2.14degF", "1.19deg C"
    "degF": "degree fahrenheit", "degC": "degree celsius", "deg F": "degree fahrenheit",
    "deg C": "degree celsius",
    "MP": "megapixel", "Mpx": "megapixel", "AU": "astronomical unit", "ly": "light year",
    # power of solar and power-plant copy, with its current, peak or electric/thermal mark: "500 MWac"
    "MWac": "megawatt", "MWdc": "megawatt", "MWp": "megawatt", "MWe": "megawatt", "MWt": "megawatt",
    "GWac": "gigawatt", "GWdc": "gigawatt", "GWp": "gigawatt", "GWe": "gigawatt", "kWp": "kilowatt",
    "kWac": "kilowatt", "kWdc": "kilowatt",
    # statistic abbreviations of sports copy: points, rebounds, assists, steals, blocks per game
    "ppg": "point per game", "rpg": "rebound per game", "apg": "assist per game",
    "spg": "steal per game", "bpg": "block per game",
}  # fmt: skip
# ... and words (case-insensitive, plural forms included).
DOMAIN_WORDS: dict[str, str] = {
    "horsepower": "horsepower", "brake horsepower": "brake horsepower",
    "pound-feet": "pound-foot", "pound-foot": "pound-foot", "pounds-feet": "pound-foot",
    "foot-pounds": "pound-foot", "foot-pound": "pound-foot", "lb-ft": "pound-foot",
    "parts per million": "part per million", "parts per billion": "part per billion",
    "miles per gallon": "mile per gallon", "revolutions per minute": "revolution per minute",
    "points per game": "point per game", "rebounds per game": "rebound per game",
    "assists per game": "assist per game",
    "milliamp hours": "milliampere hour", "milliampere hours": "milliampere hour",
    "micron": "micrometer", "microns": "micrometer", "calories": "calorie", "kilocalories": "kilocalorie",
    "decibels": "decibel", "volts": "volt", "amps": "ampere", "watts": "watt",
    "megapixel": "megapixel", "megapixels": "megapixel", "light-year": "light year",
    "light-years": "light year", "light year": "light year", "light years": "light year",
    "astronomical units": "astronomical unit", "astronomical unit": "astronomical unit",
    "nanometre": "nanometer", "nanometres": "nanometer", "nanometer": "nanometer", "nanometers": "nanometer",
}  # fmt: skip

# Index and score points: "rose 58.06 points", "1,463.87 points" (read when no percentage follows).
POINT = "point"

# What a capital letter glued to a number names in a name like "5G" or "3D" (reported as the unit of such a
# mention, which is no claim): the generation of a mobile network standard, the dimensions of an image.
GLUED_NAME_UNITS: dict[str, str] = {"G": "generation", "D": "dimension"}

# Named scales whose levels are written after the scale's name ("a Category 4 hurricane", "Cat 3", "a
# magnitude 6.1 earthquake"): each level is reported with the scale's name as its unit (and is no claim).
SCALE_LEVEL_WORDS: dict[str, str] = {"category": "category", "cat": "category", "magnitude": "magnitude"}

# --------------------------------------------------------------------------------------------------
# Unit names in quantity records (`claims quantities`, CQE's convention). The claims contract names units
# in US spelling (`meter`, `liter`); a general quantity record names them as the unit ontology of CQE and
# quantulum3 does (its `units.json`, built from Wikipedia's unit articles): the international spelling of
# the SI brochure (`metre`, `litre`) and a few names written with a hyphen or in the plural. The words
# below are spelled out in each word of a name ("kilometer per hour" -> "kilometre per hour"); the names in
# `RECORD_UNIT_NAMES` are the ontology's where it writes a unit otherwise (regenerated from quantulum3's
# `units.json` by tests/lexicon/test_lexicons.py).
INTERNATIONAL_SPELLINGS: dict[str, str] = {"meter": "metre", "liter": "litre"}
RECORD_UNIT_NAMES: dict[str, str] = {
    "ampere hour": "ampere-hour",
    "horsepower hour": "horsepower-hour",
    "light year": "light-year",
    "milliampere hour": "milliampere-hour",
    "part per billion": "parts-per-billion",
    "part per million": "parts-per-million",
    "revolution per minute": "revolutions per minute",
    "volt ampere": "volt-ampere",
}
# A person's or a thing's age is counted in a time unit "of age" ("a 35-year-old", "aged 70", "an
# 18-month-old"), apart from a duration ("for 35 years").
AGE_UNITS: dict[str, str] = {
    "year": "year of age", "month": "month of age", "week": "week of age", "day": "day of age",
}  # fmt: skip
# What a multiple is counted in, in a quantity record: CQE's ontology has no unit for "four times" or
# "sixfold" and annotates them as plain counts.
RECORD_MULTIPLIER_UNIT = "count"

# Plural nouns that do not end in a plain "s", for the singular noun a record reports as what a count counts
# ("60 fishermen" -> "fisherman"); nouns with no singular of their own in that sense ("people", "staff",
# "police", "data") are left out. Regular forms ("-ies", "-ches", "-s") are read by rule.
IRREGULAR_PLURALS: dict[str, str] = {
    "men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "oxen": "ox", "lives": "life", "wives": "wife", "knives": "knife",
    "wolves": "wolf", "calves": "calf", "halves": "half", "shelves": "shelf", "leaves": "leaf",
    "thieves": "thief", "loaves": "loaf", "analyses": "analysis", "crises": "crisis", "theses": "thesis",
    "diagnoses": "diagnosis", "criteria": "criterion", "phenomena": "phenomenon", "cacti": "cactus",
    "fungi": "fungus", "nuclei": "nucleus", "radii": "radius", "alumni": "alumnus", "bacteria": "bacterium",
    "indices": "index", "matrices": "matrix", "vertices": "vertex", "appendices": "appendix",
}  # fmt: skip
# Words ending in "s" that are singular (or have no other form) and stay as written.
SINGULAR_IN_S: frozenset[str] = frozenset(
    {"series", "species", "news", "means", "headquarters", "crossroads", "aircraft", "sheep", "deer",
     "fish", "bus", "gas", "lens", "bonus", "virus", "campus", "census", "status", "thesis", "basis",
     "analysis", "crisis", "process", "address", "business", "class", "glass", "pass", "loss", "boss",
     "access", "chassis", "canvas", "atlas", "iris", "corps", "kudos", "athletics", "physics",
     "economics", "politics", "mathematics", "diabetes", "measles", "rabies"}
)  # fmt: skip
# Singular nouns that end like a regular plural ending, so that the rule would cut them wrongly: "-men"
# ("specimen", the unit "lumen"), "-ie" ("movies" -> "movie", not "movy"), "-che" ("niches"), "-oe" ("toes").
NOT_MEN_PLURALS: frozenset[str] = frozenset(
    {"specimen", "abdomen", "regimen", "omen", "stamen", "semen", "amen", "hymen", "acumen", "albumen",
     "bitumen", "cyclamen", "lumen", "rumen", "germen"}
)  # fmt: skip
IE_NOUNS: frozenset[str] = frozenset(
    {"movie", "cookie", "zombie", "calorie", "rookie", "selfie", "goalie", "brownie", "smoothie", "prairie",
     "sortie", "hippie", "genie", "pixie", "hoodie", "birdie", "boogie", "newbie", "foodie", "techie",
     "aussie", "veggie", "yuppie", "groupie", "junkie", "lassie", "magpie", "necktie", "pinkie"}
)  # fmt: skip
CHE_NOUNS: frozenset[str] = frozenset(
    {"niche", "cache", "headache", "avalanche", "moustache", "mustache", "quiche", "cliche", "creche",
     "psyche", "microfiche", "douche", "attache"}
)  # fmt: skip
OE_NOUNS: frozenset[str] = frozenset({"toe", "shoe", "canoe", "oboe", "hoe", "foe", "floe", "sloe", "aloe"})

# --------------------------------------------------------------------------------------------------
# Symbols that stand for different units in different subjects ("2.5 F" across a capacitor is farads, "95F"
# in a weather report is degrees Fahrenheit; "5K" in a race report is kilometres, elsewhere thousands).
# Each sense comes with the words that announce its subject in the sentence; `claims.parse.senses` picks
# the sense whose words the sentence holds (none: the reading of the symbol without context). A sense that
# is three capital letters is an ISO 4217 currency. Cue words from the vocabulary of weather, electronics,
# running and shopping copy; reviewed by hand.
_TEMPERATURE_CUES = frozenset(
    {"temperature", "temperatures", "degree", "degrees", "heat", "hot", "hotter", "cold", "colder", "warm",
     "warmer", "cool", "cooler", "freezing", "frozen", "melting", "melts", "boiling", "boils", "weather",
     "forecast", "fever", "oven", "thermometer", "thermostat", "celsius", "fahrenheit", "heatwave", "chilly",
     "mild", "humid", "climate", "thaw", "frost", "simmer", "bake", "baked", "roast"}
)  # fmt: skip
_ELECTRIC_CUES = frozenset(
    {"capacitor", "capacitors", "capacitance", "supercapacitor", "supercapacitors", "ultracapacitor",
     "farad", "farads", "coulomb", "coulombs", "charge", "charged", "voltage", "volts", "circuit",
     "electrons", "electrode", "electrodes", "dielectric"}
)  # fmt: skip
_RUNNING_CUES = frozenset(
    {"runner", "runners", "race", "races", "raced", "racing", "marathon",
     "marathons", "pace", "paced", "lap", "laps", "halfway", "split", "splits", "sprint", "jog", "jogging",
     "parkrun", "mile", "miles", "km",
     "kilometre", "kilometres", "kilometer", "kilometers", "athletics", "triathlon", "relay"}
)  # fmt: skip
_PRICE_CUES = frozenset(
    {"price", "prices", "priced", "pricey", "cost", "costs", "costing", "pay", "paid", "pays", "paying",
     "ticket", "tickets", "fee", "fees", "fare", "fares", "spend", "spent", "buy", "bought", "sell", "sold",
     "cheap", "cheaper", "expensive", "budget", "wage", "wages", "salary", "rent", "bill", "charge",
     "charged", "worth", "afford", "currency", "exchange"}
)  # fmt: skip
_SPEED_CUES = frozenset(
    {"wind", "winds", "gust", "gusts", "speed", "speeds", "sail", "sailed", "sailing", "ship", "ships",
     "boat", "vessel", "yacht", "aircraft", "airspeed", "knots", "cruise", "cruising", "storm", "hurricane"}
)  # fmt: skip
_DATA_CUES = frozenset(
    {"file", "files", "data", "memory", "storage", "download", "downloads", "upload", "bandwidth", "disk",
     "drive", "ram", "cache", "encrypted", "encryption", "key", "keys"}
)  # fmt: skip
SYMBOL_SENSES: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "F": (("farad", _ELECTRIC_CUES), ("degree fahrenheit", _TEMPERATURE_CUES)),
    "C": (("degree celsius", _TEMPERATURE_CUES), ("coulomb", _ELECTRIC_CUES - {"volts", "voltage"})),
    "K": (
        ("kilometer", _RUNNING_CUES),
        ("kelvin", frozenset({"kelvin", "absolute", "cryogenic", "temperature"})),
    ),
    "k": (("kilometer", _RUNNING_CUES),),
    "kn": (
        ("HRK", _PRICE_CUES | frozenset({"kuna", "kunas", "croatia", "croatian"})),
        ("knot", _SPEED_CUES),
    ),
    "R": (("ZAR", _PRICE_CUES | frozenset({"rand", "johannesburg", "africa", "african"})),),
    # "pounds" after an amount: sterling on a price (mass otherwise, see claims.parse.reading)
    "pounds": (
        (
            "GBP",
            _PRICE_CUES | frozenset({"sterling", "britain", "british", "uk", "london", "england", "bank"}),
        ),
    ),
    "b": (("bit", _DATA_CUES),),
    "B": (("byte", _DATA_CUES),),
}

# What a price or a payment is per, written after the amount ("61 cents a share", "$80 a barrel", "RM3,000
# per month"): the time units above and the items that prices are quoted for in market, commodity and
# consumer copy. A quantity record reports it as the mention's `per` (its unit stays the currency).
PRICE_DENOMINATORS: dict[str, str] = {
    **RATE_TIME_UNITS,
    "share": "share", "barrel": "barrel", "ounce": "ounce", "tonne": "tonne", "ton": "ton",
    "gallon": "gallon", "litre": "liter", "liter": "liter", "kilogram": "kilogram", "kilo": "kilogram",
    "kg": "kilogram", "pound": "pound", "lb": "pound", "bushel": "bushel", "head": "person",
    "person": "person", "capita": "person", "passenger": "passenger", "night": "night", "ticket": "ticket",
    "unit": "unit", "item": "item", "dose": "dose", "vaccine": "dose", "seat": "seat", "room": "room",
    "hectare": "hectare", "acre": "acre", "mile": "mile", "kilometre": "kilometer", "kilometer": "kilometer",
    "megawatt-hour": "megawatt hour", "kilowatt-hour": "kilowatt hour",
    "mmbtu": "million british thermal unit",
    "square metre": "square meter", "square meter": "square meter", "square foot": "square foot",
    "sq ft": "square foot", "piece": "piece", "copy": "copy", "game": "game", "episode": "episode",
}  # fmt: skip
