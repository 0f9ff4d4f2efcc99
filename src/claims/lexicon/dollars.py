"""Countries whose own currency is a dollar, the words that name them, and the marks that tell dollars apart.

A bare "$" is the writer's own dollar: US dollars on a US page, Canadian dollars in a Canadian paper on
Canada's budget. These lists let the extractor read which country a document is about.

Sources: the dollar currencies and their countries from ISO 4217 (the currencies named "dollar" whose
issuer is one country; the US-dollarised economies such as Ecuador, El Salvador, Panama and Timor-Leste and
the shared East Caribbean dollar are left out); country names, demonyms and capitals from the Unicode CLDR
English territory names (cldr/common/main/en.xml) and the CIA World Factbook "capital" and "nationality"
entries. Capitals that are also common place or person names elsewhere (Kingston, Georgetown, Victoria)
are left out. The wire-agency list is the international agencies whose house style writes every non-US
dollar with a country mark (Reuters, AP, AFP, Bloomberg style guides), so a bare "$" in their copy is US.
"""

from __future__ import annotations

# fmt: off
# (word lists laid out by hand)
# Provinces and states of the federal dollar countries: a page on Ontario's budget is a Canadian page.
# Victoria (also a city in Canada and a common name) is left out.
PROVINCES: dict[str, tuple[str, ...]] = {
    "CAD": ("Ontario", "Quebec", "Québec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan",
            "Nova Scotia", "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island"),
    "AUD": ("New South Wales", "Queensland", "Tasmania", "Western Australia", "South Australia",
            "Northern Territory"),
}
# ISO code -> the words naming the country (its name, demonyms, its capital); matched case-sensitively as
# whole words, so "Canadian" counts and "canadian" (a typo or an all-lower slug) does not.
HOME_DOLLAR_WORDS: dict[str, tuple[str, ...]] = {
    "CAD": ("Canada", "Canadian", "Canadians", "Ottawa", "Parliament Hill", *PROVINCES["CAD"]),
    "AUD": ("Australia", "Australian", "Australians", "Canberra", *PROVINCES["AUD"]),
    "NZD": ("New Zealand", "New Zealander", "New Zealanders", "Aotearoa"),
    "SGD": ("Singapore", "Singaporean", "Singaporeans"),
    "HKD": ("Hong Kong", "Hongkonger", "Hongkongers", "Hong Konger", "Hong Kongers"),
    "TWD": ("Taiwan", "Taiwanese", "Taipei"),
    "BND": ("Brunei", "Bruneian", "Bruneians", "Bandar Seri Begawan"),
    "FJD": ("Fiji", "Fijian", "Fijians", "Suva"),
    "JMD": ("Jamaica", "Jamaican", "Jamaicans"),
    "TTD": ("Trinidad and Tobago", "Trinidadian", "Trinidadians", "Port of Spain"),
    "BSD": ("Bahamas", "Bahamian", "Bahamians", "Nassau"),
    "BBD": ("Barbados", "Barbadian", "Barbadians", "Bridgetown"),
    "NAD": ("Namibia", "Namibian", "Namibians", "Windhoek"),
    "GYD": ("Guyana", "Guyanese"),
    "BZD": ("Belize", "Belizean", "Belizeans", "Belmopan"),
    "SBD": ("Solomon Islands", "Solomon Islander", "Solomon Islanders", "Honiara"),
}
# ISO code -> the country's name in the entity lexicon (claims.lexicon.entities.COUNTRIES).
HOME_DOLLAR_COUNTRIES: dict[str, str] = {
    "CAD": "Canada", "AUD": "Australia", "NZD": "New Zealand", "SGD": "Singapore", "HKD": "Hong Kong",
    "TWD": "Taiwan", "BND": "Brunei", "FJD": "Fiji", "JMD": "Jamaica", "TTD": "Trinidad and Tobago",
    "BSD": "Bahamas", "BBD": "Barbados", "NAD": "Namibia", "GYD": "Guyana", "BZD": "Belize",
    "SBD": "Solomon Islands",
}

# Words naming the United States, its capital and its government (a page naming them as often as another
# dollar country is read as using US dollars). "America"/"American" after Latin, South, North or Central
# name a continent, not the country (see UNITED_STATES_NOT_AFTER).
UNITED_STATES_WORDS: tuple[str, ...] = (
    "United States", "U.S.", "U.S.A.", "US", "USA", "America", "American", "Americans", "Washington",
    "White House", "Pentagon", "Wall Street",
    # the states (Georgia, also a country, left out; Washington above)
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
    "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming",
)
UNITED_STATES_NOT_AFTER: frozenset[str] = frozenset({"Latin", "South", "North", "Central"})

# Named dollars: a document writing one of these tells dollars apart, so its bare "$" is left as read.
NAMED_DOLLAR_WORDS: tuple[str, ...] = (
    "US dollar", "U.S. dollar", "American dollar", "Canadian dollar", "Australian dollar",
    "New Zealand dollar", "Singapore dollar", "Hong Kong dollar", "Taiwan dollar", "Taiwanese dollar",
    "Brunei dollar", "Fijian dollar", "Jamaican dollar", "Bahamian dollar", "Barbados dollar",
    "Namibian dollar", "greenback",
)

# International wire agencies, as they sign a dateline ("OTTAWA (Reuters) -"): their bare "$" is US.
WIRE_AGENCIES: tuple[str, ...] = (
    "Reuters", "AP", "AFP", "Bloomberg", "Associated Press", "Agence France-Presse",
)
# fmt: on
