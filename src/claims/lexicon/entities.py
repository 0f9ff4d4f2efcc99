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
    # the other UN member states and observers (ISO 3166 short names in their common English form; `Chad` is
    # left out: it is also a given name)
    "Afghanistan": ("Afghanistan",), "Albania": ("Albania",), "Algeria": ("Algeria",),
    "Andorra": ("Andorra",),
    "Angola": ("Angola",), "Antigua and Barbuda": ("Antigua and Barbuda",), "Argentina": ("Argentina",),
    "Armenia": ("Armenia",), "Austria": ("Austria",), "Azerbaijan": ("Azerbaijan",), "Bahamas": ("Bahamas",),
    "Bahrain": ("Bahrain",), "Barbados": ("Barbados",), "Belarus": ("Belarus",), "Belgium": ("Belgium",),
    "Belize": ("Belize",), "Benin": ("Benin",), "Bolivia": ("Bolivia",),
    "Bosnia and Herzegovina": ("Bosnia and Herzegovina", "Bosnia"), "Botswana": ("Botswana",),
    "Bulgaria": ("Bulgaria",), "Burkina Faso": ("Burkina Faso",), "Burundi": ("Burundi",),
    "Cabo Verde": ("Cabo Verde", "Cape Verde"), "Cameroon": ("Cameroon",),
    "Central African Republic": ("Central African Republic",), "Chile": ("Chile",),
    "Colombia": ("Colombia",), "Comoros": ("Comoros",), "Congo": ("Republic of the Congo",),
    "DR Congo": ("Democratic Republic of the Congo", "DR Congo", "DRC"), "Costa Rica": ("Costa Rica",),
    "Côte d'Ivoire": ("Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"), "Croatia": ("Croatia",),
    "Cuba": ("Cuba",), "Cyprus": ("Cyprus",), "Czechia": ("Czechia", "Czech Republic"),
    "Denmark": ("Denmark",), "Dominica": ("Dominica",), "Dominican Republic": ("Dominican Republic",),
    "Ecuador": ("Ecuador",), "Egypt": ("Egypt",), "El Salvador": ("El Salvador",),
    "Equatorial Guinea": ("Equatorial Guinea",), "Eritrea": ("Eritrea",), "Estonia": ("Estonia",),
    "Eswatini": ("Eswatini", "Swaziland"), "Ethiopia": ("Ethiopia",), "Finland": ("Finland",),
    "Gabon": ("Gabon",), "Gambia": ("Gambia",), "Georgia": ("Georgia",), "Ghana": ("Ghana",),
    "Greece": ("Greece",), "Grenada": ("Grenada",), "Guatemala": ("Guatemala",), "Guinea": ("Guinea",),
    "Guinea-Bissau": ("Guinea-Bissau",), "Guyana": ("Guyana",), "Haiti": ("Haiti",),
    "Honduras": ("Honduras",), "Hungary": ("Hungary",), "Iceland": ("Iceland",), "Iran": ("Iran",),
    "Iraq": ("Iraq",), "Ireland": ("Ireland",), "Israel": ("Israel",), "Italy": ("Italy",),
    "Jamaica": ("Jamaica",), "Jordan": ("Jordan",), "Kazakhstan": ("Kazakhstan",), "Kenya": ("Kenya",),
    "Kiribati": ("Kiribati",), "Kuwait": ("Kuwait",), "Kyrgyzstan": ("Kyrgyzstan",), "Latvia": ("Latvia",),
    "Lebanon": ("Lebanon",), "Lesotho": ("Lesotho",), "Liberia": ("Liberia",), "Libya": ("Libya",),
    "Liechtenstein": ("Liechtenstein",), "Lithuania": ("Lithuania",), "Luxembourg": ("Luxembourg",),
    "Madagascar": ("Madagascar",), "Malawi": ("Malawi",), "Mali": ("Mali",), "Malta": ("Malta",),
    "Marshall Islands": ("Marshall Islands",), "Mauritania": ("Mauritania",), "Mauritius": ("Mauritius",),
    "Mexico": ("Mexico",), "Micronesia": ("Micronesia", "Federated States of Micronesia"),
    "Moldova": ("Moldova",), "Monaco": ("Monaco",), "Montenegro": ("Montenegro",), "Morocco": ("Morocco",),
    "Mozambique": ("Mozambique",), "Namibia": ("Namibia",), "Nauru": ("Nauru",),
    "Netherlands": ("Netherlands", "the Netherlands", "Holland"), "Nicaragua": ("Nicaragua",),
    "Niger": ("Niger",), "Nigeria": ("Nigeria",), "North Macedonia": ("North Macedonia",),
    "Norway": ("Norway",), "Oman": ("Oman",), "Palau": ("Palau",), "Palestine": ("Palestine",),
    "Panama": ("Panama",), "Paraguay": ("Paraguay",), "Peru": ("Peru",), "Poland": ("Poland",),
    "Portugal": ("Portugal",), "Qatar": ("Qatar",), "Romania": ("Romania",), "Rwanda": ("Rwanda",),
    "Saint Kitts and Nevis": ("Saint Kitts and Nevis",), "Saint Lucia": ("Saint Lucia",),
    "Saint Vincent and the Grenadines": ("Saint Vincent and the Grenadines",), "Samoa": ("Samoa",),
    "San Marino": ("San Marino",), "Sao Tome and Principe": ("Sao Tome and Principe",),
    "Saudi Arabia": ("Saudi Arabia",), "Senegal": ("Senegal",), "Serbia": ("Serbia",),
    "Seychelles": ("Seychelles",), "Sierra Leone": ("Sierra Leone",), "Slovakia": ("Slovakia",),
    "Slovenia": ("Slovenia",), "Solomon Islands": ("Solomon Islands",), "Somalia": ("Somalia",),
    "South Sudan": ("South Sudan",), "Spain": ("Spain",), "Sudan": ("Sudan",), "Suriname": ("Suriname",),
    "Sweden": ("Sweden",), "Switzerland": ("Switzerland",), "Syria": ("Syria",),
    "Tajikistan": ("Tajikistan",), "Tanzania": ("Tanzania",), "Togo": ("Togo",), "Tonga": ("Tonga",),
    "Trinidad and Tobago": ("Trinidad and Tobago",), "Tunisia": ("Tunisia",),
    "Turkey": ("Turkey", "Türkiye", "Turkiye"), "Turkmenistan": ("Turkmenistan",), "Tuvalu": ("Tuvalu",),
    "Uganda": ("Uganda",), "United Arab Emirates": ("United Arab Emirates", "UAE"),
    "Uruguay": ("Uruguay",), "Uzbekistan": ("Uzbekistan",), "Vanuatu": ("Vanuatu",),
    "Venezuela": ("Venezuela",), "Yemen": ("Yemen",), "Zambia": ("Zambia",), "Zimbabwe": ("Zimbabwe",),
    "Hong Kong": ("Hong Kong",), "Macau": ("Macau", "Macao"),
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
    "Canadian": "Canada", "Mexican": "Mexico", "Italian": "Italy", "Spanish": "Spain", "Dutch": "Netherlands",
    "Swedish": "Sweden", "Norwegian": "Norway", "Polish": "Poland", "Turkish": "Turkey", "Iranian": "Iran",
    "Israeli": "Israel", "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates", "Egyptian": "Egypt",
    "Nigerian": "Nigeria", "Kenyan": "Kenya", "Ethiopian": "Ethiopia", "Chilean": "Chile",
    "Peruvian": "Peru", "Argentine": "Argentina", "Colombian": "Colombia", "Nepalese": "Nepal",
    "New Zealander": "New Zealand", "Papua New Guinean": "Papua New Guinea", "Qatari": "Qatar",
    "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan", "Greek": "Greece", "Swiss": "Switzerland",
    "Austrian": "Austria", "Belgian": "Belgium", "Finnish": "Finland", "Danish": "Denmark",
    "Irish": "Ireland", "Portuguese": "Portugal", "Hungarian": "Hungary", "Romanian": "Romania",
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
    # other multilateral bodies common in policy and economic reporting
    "APEC": ("APEC", "Asia-Pacific Economic Cooperation"),
    "AIIB": ("AIIB", "Asian Infrastructure Investment Bank"),
    "JBIC": ("JBIC", "Japan Bank for International Cooperation"),
    "WTO": ("WTO", "World Trade Organization"),
    "NATO": ("NATO", "North Atlantic Treaty Organization"),
    "OPEC": ("OPEC", "OPEC+", "Organization of the Petroleum Exporting Countries"),
    "BRICS": ("BRICS",),
    "UNDP": ("UNDP", "United Nations Development Programme"),
    "UNHCR": ("UNHCR",),
    "UNICEF": ("UNICEF",),
    "World Health Organization": ("World Health Organization",),
    "IEA": ("IEA", "International Energy Agency"),
    "Pacific Islands Forum": ("Pacific Islands Forum",),
    "Mekong River Commission": ("Mekong River Commission",),
    "CPTPP": ("CPTPP", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership"),
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
    "JBIC": ("Japan",),
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
