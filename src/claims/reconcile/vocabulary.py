"""Words reconciliation reads subjects with: stop words, version markers, measure units, places.

Reviewed data for this package only (the shared lexicons live in `claims.lexicon`): English function words and
hedges that say nothing about what is measured, tokens that make a facility's name a different facility
("JAIF 2.0", "CMIM"), measure units folded to a base unit, entity spellings and demonyms folded to one name,
and place names (pycountry's country names plus regions that pycountry does not list).
"""

from __future__ import annotations

from functools import lru_cache

_STOPWORDS_TEXT = """
    a an the of in on at to for by with from and or as its it their this that these those total
    overall some about around approximately roughly nearly almost over under more than less up least
    per cent percent s is are was were be been being has have had do does did will would can could
    may might shall should must not no nor also such like thus well where when which who whom whose
    what while whereas into onto out off than then there here both each every all any other another
    same so very just only even still yet already according accord including include includes via
    per cent i e etc amount number figure value total level reach reached reaching give gives giving
    given remain remains remained show shows showing showed make makes made making new its it's
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
"""Words that carry no subject meaning (qualifier words included: they are read from `qualifier`)."""

_CLAUSE_STOPWORDS_TEXT = """
    said say says told according report reported reports added noted stated announced per cent percent
    lakh crore million billion trillion bn mn rs inr usd us dollar dollars yen euro euros rupee rupees
    year years month months week day days today yesterday monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november december
"""
CLAUSE_STOPWORDS = frozenset(_CLAUSE_STOPWORDS_TEXT.split())
"""Words of a figure's clause that say nothing about what it measures: reporting verbs, units and scale
words (read from the value), and times (read from the period)."""

COUNTED_SYNONYMS: dict[str, str] = {
    "elector": "voter",
    "electorate": "voter",
    "persons": "people",
    "person": "people",
    "individual": "people",
    "fatality": "death",
    "dead": "death",
    "kid": "children",
    "child": "children",
    "inhabitant": "resident",
    "citizen": "resident",
}
"""Counted nouns (stemmed) that count the same things, folded to one ("electors" are "voters")."""

HUMAN_NOUNS = frozenset(
    {
        "people",
        "voter",
        "death",
        "children",
        "resident",
        "victim",
        "casualty",
        "liv",
        "life",
        "patient",
        "refugee",
        "migrant",
        "worker",
        "student",
        "member",
        "survivor",
        "injur",
        "wound",
        "displac",
        "evacuee",
        "adult",
        "women",
        "men",
        "girl",
        "boy",
        "infant",
        "baby",
        "household",
        "family",
        "familie",
        "pilgrim",
        "worshipper",
        "muslim",
        "viewer",
        "spectator",
        "visitor",
        "tourist",
        "passenger",
        "participant",
        "attendee",
        "fan",
        "athlete",
        "soldier",
        "troop",
        "civilian",
        "protester",
        "employee",
        "customer",
        "subscriber",
        "user",
    }
)
"""Counted nouns of people: "people" (or "persons", "individuals") counts any of them, so it never rules a
pair out against them ("11,300 people" killed and "3,958 deaths"); the match score weighs the rest."""
GENERIC_HUMAN = frozenset({"people"})

_VERSION_MARKERS_TEXT = """
    ii iii iv v vi plus multilateralisation multilateralization multilateral new second next
    expanded enhanced phase
"""
VERSION_MARKERS = frozenset(_VERSION_MARKERS_TEXT.split())
"""Tokens that turn a facility's name into a different facility ("JAIF" vs "JAIF 2.0", "CMI" vs "CMIM")."""

_CHANGE_WORDS_TEXT = """
    increase rise growth grow gain jump surge hike decrease decline drop fall cut reduction change share
    rate ratio proportion percentage
"""
CHANGE_WORDS = frozenset(_CHANGE_WORDS_TEXT.split())
"""Words that name a change or a share, not what changes or what is shared ("an increase of 125 per cent")."""

_GENERIC_NOUNS_TEXT = """
    project programme program fund funding budget grant loan aid assistance support cooperation investment
    initiative plan package contribution spending cost expenditure money finance financing partnership
    agreement scheme commitment pledge deal sum
"""
GENERIC_NOUNS = frozenset(_GENERIC_NOUNS_TEXT.split())
"""Nouns that name a kind of money or undertaking, not which one ("a rail project", "a port project")."""

MEASURE_BASE: dict[str, tuple[str, float]] = {
    "meter": ("meter", 1.0),
    "kilometer": ("meter", 1e3),
    "centimeter": ("meter", 1e-2),
    "millimeter": ("meter", 1e-3),
    "mile": ("meter", 1609.344),
    "nautical mile": ("meter", 1852.0),
    "foot": ("meter", 0.3048),
    "square meter": ("square meter", 1.0),
    "square kilometer": ("square meter", 1e6),
    "hectare": ("square meter", 1e4),
    "gram": ("gram", 1.0),
    "kilogram": ("gram", 1e3),
    "tonne": ("gram", 1e6),
    "ton": ("gram", 1e6),
    "watt": ("watt", 1.0),
    "kilowatt": ("watt", 1e3),
    "megawatt": ("watt", 1e6),
    "gigawatt": ("watt", 1e9),
    "watt hour": ("watt hour", 1.0),
    "kilowatt hour": ("watt hour", 1e3),
    "megawatt hour": ("watt hour", 1e6),
    "gigawatt hour": ("watt hour", 1e9),
    "terawatt hour": ("watt hour", 1e12),
    "second": ("second", 1.0),
    "minute": ("second", 60.0),
    "hour": ("second", 3600.0),
    "day": ("second", 86400.0),
    "week": ("second", 604800.0),
    "month": ("month", 1.0),
    "year": ("month", 12.0),
    "barrel": ("barrel", 1.0),
    "liter": ("liter", 1.0),
    "litre": ("liter", 1.0),
}
"""Measure unit -> (base unit, factor): values of one base unit compare with each other."""

ENTITY_ALIASES: dict[str, str] = {
    "viet nam": "vietnam",
    "the philippines": "philippines",
    "philippine": "philippines",
    "ph": "philippines",
    "lao pdr": "laos",
    "lao": "laos",
    "brunei darussalam": "brunei",
    "myanmar (burma)": "myanmar",
    "burma": "myanmar",
    "republic of korea": "south korea",
    "rok": "south korea",
    "korea": "south korea",
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "prc": "china",
    "people's republic of china": "china",
    "uk": "united kingdom",
    "indonesian": "indonesia",
    "malaysian": "malaysia",
    "thai": "thailand",
    "vietnamese": "vietnam",
    "japanese": "japan",
    "cambodian": "cambodia",
    "singaporean": "singapore",
    "timor-leste": "timor leste",
    "east timor": "timor leste",
}
"""Entity spellings folded to one name (demonyms count as their country)."""

REGION_NAMES = frozenset(
    {
        "asean",
        "southeast asia",
        "east asia",
        "south asia",
        "pacific",
        "indo-pacific",
        "mekong",
        "europe",
        "africa",
        "middle east",
        "global south",
        "latin america",
        "pacific islands",
        "south china sea",
        "timor leste",
        "south korea",
        "north korea",
        "united states",
        "united kingdom",
        "papua new guinea",
        "laos",
        "vietnam",
        "brunei",
        "eu",
        "european union",
    }
)
"""Places that pycountry does not list under these names."""


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lower-case country names (pycountry common/official names plus regional names above)."""
    import pycountry

    names: set[str] = set(REGION_NAMES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
    return frozenset(names)


@lru_cache(maxsize=1 << 14)
def normalize_entity(name: str) -> str:
    """Fold an entity name: case, spacing, aliases and demonyms.

    >>> normalize_entity("Viet Nam"), normalize_entity(" the Philippines "), normalize_entity("OSA")
    ('vietnam', 'philippines', 'osa')
    """
    key = " ".join(name.replace("’", "'").split()).lower().strip(" .,;:")
    return ENTITY_ALIASES.get(key, key)
