"""Currency symbols, words and ISO 4217 codes.

Sources: ISO 4217 codes and names come from pycountry (the Debian iso-codes database, which tracks the
ISO 4217 maintenance agency lists). Symbols and everyday words are a small reviewed table following the
Unicode CLDR "symbol" and "displayName" entries for English (cldr/common/main/en.xml), limited to
currencies common in English-language reports on Asia, Europe and the Americas.
"""

from __future__ import annotations

from functools import cache

import pycountry

# Symbols written before the amount, longest first when matched. "$" alone is read as USD
# (the CLDR en default); dollar variants with a country prefix are listed explicitly. A whole document
# about another dollar country has its bare "$" re-read as that dollar (claims.lexicon.dollars).
PREFIX_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "S$": "SGD",
    "SG$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "C$": "CAD",
    "CA$": "CAD",
    "NT$": "TWD",
    "R$": "BRL",
    "MX$": "MXN",
    "$": "USD",
    "¥": "JPY",
    "￥": "JPY",
    "JP¥": "JPY",
    "CN¥": "CNY",
    "RMB": "CNY",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₩": "KRW",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "RM": "MYR",
    "Rp": "IDR",
    "Rp.": "IDR",
    "₽": "RUB",
    "₺": "TRY",
    "CHF": "CHF",
    # Australian and newswire style: the country after the dollar sign ("$US5m", "$A82,615")
    "$US": "USD",
    "$A": "AUD",
    "$AU": "AUD",
    "$NZ": "NZD",
    "$HK": "HKD",
    "$C": "CAD",
    "$CA": "CAD",
    "$S": "SGD",
    "$SG": "SGD",
    "$NT": "TWD",
    "$MX": "MXN",
    "₪": "ILS",
    "₦": "NGN",
    "₴": "UAH",
    "₭": "LAK",
    "₵": "GHS",
    "₸": "KZT",
    "₾": "GEL",
    "₼": "AZN",
    # £ and ¥ mis-encoded by a Latin-1 conversion of wire copy, glued to the digits ("PS6m", "Y=590 billion")
    "PS": "GBP",
    "Y=": "JPY",
}

# Words written after (or, for some, before) the amount; matched case-insensitively, plural forms included.
DOLLAR_CURRENCIES: frozenset[str] = frozenset(
    code for symbol, code in PREFIX_SYMBOLS.items() if "$" in symbol and code != "USD"
)
"""Currencies written with a dollar sign and a country mark (C$, A$, $NZ ...): next to one of them, a bare
"$" is the writer's own dollar, not necessarily the US dollar."""

CURRENCY_WORDS: dict[str, str] = {
    "us dollar": "USD",
    "us dollars": "USD",
    "u.s. dollar": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "singapore dollar": "SGD",
    "singapore dollars": "SGD",
    "australian dollar": "AUD",
    "australian dollars": "AUD",
    "hong kong dollar": "HKD",
    "hong kong dollars": "HKD",
    "new zealand dollar": "NZD",
    "new zealand dollars": "NZD",
    "canadian dollar": "CAD",
    "canadian dollars": "CAD",
    "taiwan dollar": "TWD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "brunei dollar": "BND",
    "brunei dollars": "BND",
    "yen": "JPY",
    "japanese yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "chinese yuan": "CNY",
    "euro": "EUR",
    "euros": "EUR",
    "pound sterling": "GBP",
    "pounds sterling": "GBP",
    "british pounds": "GBP",
    "sterling": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "baht": "THB",
    "thai baht": "THB",
    "rupiah": "IDR",
    "indonesian rupiah": "IDR",
    "ringgit": "MYR",
    "malaysian ringgit": "MYR",
    "peso": "PHP",
    "pesos": "PHP",
    "philippine peso": "PHP",
    "philippine pesos": "PHP",
    "dong": "VND",
    "vietnamese dong": "VND",
    "kyat": "MMK",
    "kyats": "MMK",
    "riel": "KHR",
    "riels": "KHR",
    "kip": "LAK",
    "won": "KRW",
    "korean won": "KRW",
    "rupee": "INR",
    "rupees": "INR",
    "indian rupees": "INR",
    "taka": "BDT",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "swiss francs": "CHF",
    "shekel": "ILS",
    "shekels": "ILS",
    "new shekels": "ILS",
    "rand": "ZAR",
    "lira": "TRY",
    "liras": "TRY",
    "naira": "NGN",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "reais": "BRL",
    "kronor": "SEK",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "swiss franc": "CHF",
    "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR",
    "mexican peso": "MXN",
    "mexican pesos": "MXN",
    "argentine pesos": "ARS",
    "argentinian pesos": "ARS",
    "chilean pesos": "CLP",
    "colombian pesos": "COP",
    "brazilian reais": "BRL",
    "brazilian real": "BRL",
    "south african rand": "ZAR",
    "nigerian naira": "NGN",
    "kenyan shillings": "KES",
    "turkish lira": "TRY",
    "swedish kronor": "SEK",
    "swedish krona": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "polish zloty": "PLN",
    "egyptian pounds": "EGP",
    "saudi riyals": "SAR",
    "uae dirhams": "AED",
}
# Minor units written after the amount: (currency, number of minor units in one major unit).
# "45.2p" and "28 pence" are pence sterling; "12.5 cents" is read as US cents like a bare "$" (CLDR en),
# unless the currency is named ("euro cents"). Glued "p" is read only when nothing alphabetic follows.
SUBUNIT_WORDS: dict[str, tuple[str, int]] = {
    "pence": ("GBP", 100),
    "penny": ("GBP", 100),
    "p": ("GBP", 100),
    "cents": ("USD", 100),
    "cent": ("USD", 100),
    "us cents": ("USD", 100),
    "us cent": ("USD", 100),
    "euro cents": ("EUR", 100),
    "euro cent": ("EUR", 100),
    "paise": ("INR", 100),
    "sen": ("MYR", 100),
}
# The singular name of each minor unit, for amounts reported as written ("82 cents" -> 82 cent).
SUBUNIT_NAMES: dict[str, str] = {
    "pence": "penny", "penny": "penny", "p": "penny", "cents": "cent", "cent": "cent", "paise": "paisa",
    "sen": "sen",
}  # fmt: skip
# Letters that may be glued before the digits as a currency ("RM2.3 billion", "Rp15tn", "Rs.500");
# glued ISO codes ("USD1.2bn", "RMB8.4bn") are read too (see claims.parse.patterns.CORE).
GLUED_LETTER_PREFIXES: frozenset[str] = frozenset({"RM", "Rp", "Rs", "Rp.", "Rs.", "RMB"})
# ISO codes read when glued to the digits ("USD1.2bn"): the currencies of the regions this project reads.
# Other codes glued to digits are names far more often ("COP28", "SAR2", "ALL4").
GLUED_ISO_CODES: frozenset[str] = frozenset(
    {
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "CNY",
        "RMB",
        "INR",
        "KRW",
        "IDR",
        "MYR",
        "PHP",
        "THB",
        "VND",
        "SGD",
        "HKD",
        "AUD",
        "CAD",
        "CHF",
        "NZD",
        "TWD",
        "BND",
        "KHR",
        "LAK",
        "MMK",
        "BDT",
        "PKR",
        "LKR",
    }
)

# Words that are currency names only when glued to a country word; never read alone.
AMBIGUOUS_CURRENCY_WORDS: frozenset[str] = frozenset({"won", "dong", "pound", "pounds", "kip"})

# ISO codes that are also ordinary upper-case English words; never read as a currency on their own.
ISO_CODES_ALSO_WORDS: frozenset[str] = frozenset(
    {
        "ALL",
        "TOP",
        "CUP",
        "SOS",
        "PEN",
        "MAD",
        "BOB",
        "MOP",
        "GEL",
        "NIO",
        "CAD",
        "DOP",
        "AED",
        "XXX",
        "XTS",
        "XAU",
        "XAG",
        "XPT",
        "XPD",
        # acronyms of news copy that are also ISO codes: COP28 (Conference of the Parties), AMD (the chip
        # maker), IRR (internal rate of return), CVE (vulnerability ids)
        "COP",
        "AMD",
        "IRR",
        "CVE",
    }
)


@cache
def iso_codes() -> frozenset[str]:
    """Every active ISO 4217 alphabetic code known to pycountry.

    >>> "JPY" in iso_codes() and "USD" in iso_codes()
    True
    """
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def usable_iso_codes() -> frozenset[str]:
    """ISO codes safe to read next to a number (codes that are also English words excluded, CAD kept).

    >>> "ALL" in usable_iso_codes(), "EUR" in usable_iso_codes(), "CAD" in usable_iso_codes()
    (False, True, True)
    """
    return frozenset((iso_codes() - ISO_CODES_ALSO_WORDS) | {"CAD", "AED"})
