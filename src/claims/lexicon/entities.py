"""Parties a claim can be about: countries, organisations, programmes, with their aliases.

Sources: ISO 3166 short names (as used by the UN and ASEAN Secretariat: `Viet Nam`, `Lao PDR`, `Brunei
Darussalam`), common English demonyms, the abbreviation lists of the seed corpus (the edited book's
"List of Abbreviations", the lecture deck's slides) and the official names of Japanese and ASEAN bodies
(MOFA, MOD, JICA, Japan Coast Guard; ASEAN Secretariat, AHA Centre).

Each alias maps to one canonical name; `IMPLIES` adds the parties a body stands for (the Philippine Coast
Guard is a Philippine agency; OSA is Japan's programme), so `PCG` yields `Philippine Coast Guard;Philippines`.
`CAPITALS` are only read as their country when the text uses the city for its government ("Tokyo will
provide ...", "Tokyo's move"), never as a place ("a summit held in Tokyo"); `claims.assemble` decides that.
"""

from __future__ import annotations

COUNTRIES: dict[str, tuple[str, ...]] = {
    "Japan": ("Japan", "Nippon"),
    "China": ("China", "PRC", "People's Republic of China", "Mainland China"),
    "United States": ("United States", "United States of America", "USA", "U.S.A.", "US", "U.S.", "America"),
    "Brunei": ("Brunei", "Brunei Darussalam"),
    "Cambodia": ("Cambodia", "Kingdom of Cambodia"),
    "Indonesia": ("Indonesia", "Republic of Indonesia"),
    "Laos": ("Laos", "Lao PDR", "Lao People's Democratic Republic"),
    "Malaysia": ("Malaysia",),
    "Myanmar": ("Myanmar", "Burma"),
    "Philippines": ("Philippines", "the Philippines", "Republic of the Philippines", "PH"),
    "Singapore": ("Singapore",),
    "Thailand": ("Thailand", "Kingdom of Thailand"),
    "Vietnam": ("Vietnam", "Viet Nam", "Socialist Republic of Vietnam"),
    "Timor-Leste": ("Timor-Leste", "Timor Leste", "East Timor"),
    "Australia": ("Australia",),
    "India": ("India",),
    "South Korea": ("South Korea", "Republic of Korea", "ROK", "Korea"),
    "North Korea": ("North Korea", "DPRK"),
    "Taiwan": ("Taiwan",),
    "Russia": ("Russia", "Russian Federation"),
    "United Kingdom": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "France": ("France",),
    "Germany": ("Germany",),
    "Bangladesh": ("Bangladesh",),
    "Fiji": ("Fiji",),
    "Mongolia": ("Mongolia",),
    "Papua New Guinea": ("Papua New Guinea", "PNG"),
    "Djibouti": ("Djibouti",),
    "New Zealand": ("New Zealand",),
    "Canada": ("Canada",),
    "Sri Lanka": ("Sri Lanka",),
    "Pakistan": ("Pakistan",),
    "Brazil": ("Brazil",),
    "South Africa": ("South Africa",),
    "Ukraine": ("Ukraine",),
    "Bhutan": ("Bhutan",),
    "Nepal": ("Nepal",),
    "Maldives": ("Maldives",),
}
"""Canonical country name -> its names (ISO short names, official and common forms, codes used in text)."""

DEMONYMS: dict[str, str] = {
    "Japanese": "Japan", "Chinese": "China", "American": "United States", "Filipino": "Philippines",
    "Philippine": "Philippines", "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Vietnamese": "Vietnam",
    "Thai": "Thailand", "Cambodian": "Cambodia", "Khmer": "Cambodia", "Lao": "Laos", "Laotian": "Laos",
    "Burmese": "Myanmar", "Singaporean": "Singapore", "Bruneian": "Brunei", "Australian": "Australia",
    "Indian": "India", "Korean": "South Korea", "South Korean": "South Korea", "Russian": "Russia",
    "British": "United Kingdom", "French": "France", "German": "Germany", "Fijian": "Fiji",
    "Bangladeshi": "Bangladesh", "Mongolian": "Mongolia", "Taiwanese": "Taiwan", "Timorese": "Timor-Leste",
    "Sri Lankan": "Sri Lanka", "Pakistani": "Pakistan", "Brazilian": "Brazil", "Ukrainian": "Ukraine",
}
"""Adjective / demonym -> canonical country (`Japanese experts` are about Japan)."""

CAPITALS: dict[str, str] = {
    "Tokyo": "Japan", "Beijing": "China", "Washington": "United States", "Kuala Lumpur": "Malaysia",
    "Manila": "Philippines", "Jakarta": "Indonesia", "Hanoi": "Vietnam", "Bangkok": "Thailand",
    "Phnom Penh": "Cambodia", "Naypyidaw": "Myanmar", "Naypyitaw": "Myanmar", "Bandar Seri Begawan": "Brunei",
    "Dili": "Timor-Leste", "Canberra": "Australia", "New Delhi": "India", "Seoul": "South Korea",
    "Moscow": "Russia", "London": "United Kingdom", "Paris": "France", "Berlin": "Germany",
    "Pyongyang": "North Korea", "Taipei": "Taiwan", "Dhaka": "Bangladesh", "Suva": "Fiji",
}
"""Capital city -> country, for metonymy (`Tokyo will provide Kuala Lumpur with ...`)."""

ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations", "Association of South East Asian Nations",
              "ASEAN Secretariat", "ASEAN member states", "ASEAN Member States"),
    "Japan Coast Guard": ("Japan Coast Guard", "JCG", "Japanese Coast Guard"),
    "Philippine Coast Guard": ("Philippine Coast Guard", "PCG", "Philippines Coast Guard"),
    "Vietnam Coast Guard": ("Vietnam Coast Guard", "VCG", "Vietnamese Coast Guard"),
    "BAKAMLA": ("BAKAMLA", "Bakamla", "Indonesian Coast Guard", "Indonesian Maritime Security Agency"),
    "MMEA": ("MMEA", "Malaysian Maritime Enforcement Agency", "Malaysia Maritime Enforcement Agency"),
    "National Police Water Unit": ("National Police Water Unit",),
    "Malaysian Armed Forces": ("Malaysian Armed Forces",),
    "Indonesian Navy": ("Indonesian Navy",),
    "Philippine Navy": ("Philippine Navy",),
    "OSA": ("OSA", "Official Security Assistance"),
    "ODA": ("ODA", "Official Development Assistance"),
    "JICA": ("JICA", "Japan International Cooperation Agency"),
    "JAIF": ("JAIF", "Japan-ASEAN Integration Fund", "Japan–ASEAN Integration Fund"),
    "AHA Centre": ("AHA Centre", "AHA Center", "ASEAN Coordinating Centre for Humanitarian Assistance"),
    "JMSDF": ("JMSDF", "Japan Maritime Self-Defense Force", "Japan Maritime Self-Defence Force",
              "Maritime Self-Defense Force"),
    "JSDF": ("JSDF", "SDF", "Self-Defense Forces", "Self-Defence Forces", "Japan Self-Defense Forces",
             "Japan Self-Defense Force"),
    "MOFA": ("MOFA", "Ministry of Foreign Affairs of Japan", "Japanese Ministry of Foreign Affairs",
             "Japan Ministry of Foreign Affairs"),
    "Japan Ministry of Defense": ("Japan Ministry of Defense", "Japanese Ministry of Defense",
                                  "Ministry of Defense of Japan"),
    "MITI": ("MITI", "Ministry of International Trade and Industry"),
    "JETRO": ("JETRO", "Japan External Trade Organization"),
    "FOIP": ("FOIP", "Free and Open Indo-Pacific"),
    "AOIP": ("AOIP", "ASEAN Outlook on the Indo-Pacific", "ASEAN Outlook on Indo-Pacific"),
    "JASMINE Initiative": ("JASMINE", "JASMINE Initiative",
                           "Japan-ASEAN Ministerial Initiative for Enhanced Defense Cooperation"),
    "Vientiane Vision": ("Vientiane Vision",),
    "AJCCBC": ("AJCCBC", "ASEAN-Japan Cybersecurity Capacity Building Centre"),
    "AJCCA": ("AJCCA", "ASEAN Japan Cybersecurity Community Alliance"),
    "ADMM-Plus": ("ADMM-Plus", "ADMM Plus", "ASEAN Defence Ministers' Meeting-Plus",
                  "ASEAN Defense Ministers' Meeting-Plus"),
    "ADMM": ("ADMM", "ASEAN Defence Ministers' Meeting", "ASEAN Defense Minister Meeting"),
    "ARF": ("ARF", "ASEAN Regional Forum"),
    "EAS": ("EAS", "East Asia Summit", "East Asian Summit"),
    "EAMF": ("EAMF", "Expanded ASEAN Maritime Forum"),
    "ReCAAP": ("ReCAAP",),
    "RCEP": ("RCEP", "Regional Comprehensive Economic Partnership"),
    "AFTA": ("AFTA", "ASEAN Free Trade Area"),
    "AJCEP": ("AJCEP", "ASEAN-Japan Comprehensive Economic Partnership"),
    "ASEAN+3": ("ASEAN+3", "ASEAN Plus Three", "APT"),
    "CMI": ("CMI", "Chiang Mai Initiative"),
    "AMRO": ("AMRO", "ASEAN+3 Macroeconomic Research Office"),
    "ADB": ("ADB", "Asian Development Bank"),
    "IMF": ("IMF", "International Monetary Fund"),
    "World Bank": ("World Bank",),
    "OECD": ("OECD", "Organisation for Economic Co-operation and Development"),
    "United Nations": ("United Nations", "UN", "U.N."),
    "UNCTAD": ("UNCTAD",),
    "European Union": ("European Union", "EU"),
    "ISEAS": ("ISEAS", "ISEAS-Yusof Ishak Institute", "Yusof-Ishak ISEAS", "ISEAS – Yusof Ishak Institute"),
    "ERIA": ("ERIA", "Economic Research Institute for ASEAN and East Asia"),
    "G7": ("G7",),
    "G20": ("G20",),
    "Quad": ("Quad",),
}
"""Canonical organisation / programme name -> aliases (abbreviations and full names)."""

IMPLIES: dict[str, tuple[str, ...]] = {
    "Japan Coast Guard": ("Japan",),
    "Philippine Coast Guard": ("Philippines",),
    "Vietnam Coast Guard": ("Vietnam",),
    "BAKAMLA": ("Indonesia",),
    "MMEA": ("Malaysia",),
    "National Police Water Unit": ("Indonesia",),
    "Malaysian Armed Forces": ("Malaysia",),
    "Indonesian Navy": ("Indonesia",),
    "Philippine Navy": ("Philippines",),
    "OSA": ("Japan",),
    "JICA": ("Japan",),
    "JAIF": ("Japan", "ASEAN"),
    "AHA Centre": ("ASEAN",),
    "JMSDF": ("Japan",),
    "JSDF": ("Japan",),
    "MOFA": ("Japan",),
    "Japan Ministry of Defense": ("Japan",),
    "MITI": ("Japan",),
    "JETRO": ("Japan",),
    "FOIP": ("Japan",),
    "AOIP": ("ASEAN",),
    "JASMINE Initiative": ("Japan", "ASEAN"),
    "Vientiane Vision": ("Japan", "ASEAN"),
    "AJCCBC": ("Japan", "ASEAN"),
    "AJCCA": ("Japan", "ASEAN"),
    "AJCEP": ("Japan", "ASEAN"),
    "ADMM-Plus": ("ASEAN",),
    "ADMM": ("ASEAN",),
    "ARF": ("ASEAN",),
    "AFTA": ("ASEAN",),
}
"""Parties a body stands for: a claim about the PCG is a claim about the Philippines."""

AMBIGUOUS_ALIASES: frozenset[str] = frozenset(
    {"US", "UN", "EU", "PH", "APT", "SDF", "Quad", "Korea", "America"}
)
"""Aliases that are also ordinary words or need case/punctuation care: matched case-sensitively as whole
tokens only (`US` but not `us`)."""


def alias_table() -> dict[str, str]:
    """Every alias (countries, demonyms, organisations) -> canonical name; capitals excluded.

    >>> table = alias_table()
    >>> table["PCG"], table["Japanese"], table["Viet Nam"]
    ('Philippine Coast Guard', 'Japan', 'Vietnam')
    """
    table: dict[str, str] = {}
    for canonical, aliases in COUNTRIES.items():
        for alias in aliases:
            table[alias] = canonical
    for demonym, country in DEMONYMS.items():
        table.setdefault(demonym, country)
    for canonical, aliases in ORGANISATIONS.items():
        for alias in aliases:
            table[alias] = canonical
    return table
