"""The writer's own dollar: a bare "$" read as the dollar of the country a document is about.

A bare "$" is read as the US dollar (`lexicon.currencies.PREFIX_SYMBOLS`). On a Canadian paper's page about
Canada's budget, or an Australian report on Australia's, it is the writer's own dollar. `home_dollar`
decides, from the title and text of one document, with an ordered table of small rules (the first verdict
wins), whether its bare-"$" amounts are in another country's dollar; `with_home_dollar` re-reads one
claim, flagged `currency_from_document`. Word lists: `lexicon.dollars`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from claims.context.entities import find_entities
from claims.context.facets import opening_paragraph
from claims.lexicon import dollars
from claims.lexicon.currencies import PREFIX_SYMBOLS
from claims.lexicon.entities import COUNTRIES
from claims.parse.money import is_bare_dollar
from claims.types import Claim, Kind


def _dollar_mark(symbol: str) -> str:
    """A regex for one country-marked dollar sign: "C$", "US$" or "US $" (two letters or more may stand
    apart: "A $5 grant" is the article), "$A", "$US".

    >>> [bool(re.search(_dollar_mark(s), t)) for s, t in [("US$", "US $5"), ("A$", "A $5"), ("$A", "$A9")]]
    [True, False, True]
    """
    if symbol.endswith("$"):
        mark = symbol[:-1]
        space = r"\s?" if len(mark) > 1 else ""
        return rf"(?<![A-Za-z]){re.escape(mark)}{space}\$"
    return rf"{re.escape(symbol)}(?![a-z])"


_MARKED_DOLLAR = re.compile(
    "|".join(_dollar_mark(s) for s in PREFIX_SYMBOLS if "$" in s and s != "$")  # "C$5", "$US5m", "HK $5"
    + r"|\b(?:USD|"
    + "|".join(dollars.HOME_DOLLAR_WORDS)
    + r")\b"  # an ISO code: "USD 1.2bn", "CAD 40bn"
    + "".join(rf"|\b{re.escape(w)}s?\b" for w in dollars.NAMED_DOLLAR_WORDS)  # "Canadian dollars"
)

_WIRE = re.compile(
    r"\((?:" + "|".join(re.escape(w) for w in dollars.WIRE_AGENCIES) + r")\)"  # "OTTAWA (Reuters) -"
    r"|\b(?:Reuters|Bloomberg|Associated\ Press|Agence\ France-Presse)\b"  # "By Reuters staff"
)
_HOME_WORDS = {
    code: re.compile(r"\b(?:" + "|".join(re.escape(w) for n in names for w in {n, n.upper()}) + r")\b")
    for code, names in dollars.HOME_DOLLAR_WORDS.items()
}
_US_WORDS = re.compile(
    r"(?<![\w.])(?:"  # "U.S.", "WASHINGTON", not "U.S.$" nor "USD"
    + "|".join(re.escape(w) for n in dollars.UNITED_STATES_WORDS for w in {n, n.upper()})
    + r")(?![\w$])"
)
_IN_NAME = re.compile(r"\s+(?!(?:The|A|An|In|On|At|As|But|And)\b)[A-Z][a-z]")  # "Taiwan Semiconductor"


def mentions(pattern: re.Pattern[str], text: str, *, prose: bool) -> int:
    """How often `text` names a country; in prose, a country word opening a name ("Taiwan Semiconductor",
    "Singapore Airlines") is not counted."""
    count = 0
    for m in pattern.finditer(text):
        if pattern is _US_WORDS and m.group() in {"America", "American", "Americans"}:
            before = text[: m.start()].split()[-1:]
            if before and before[0] in dollars.UNITED_STATES_NOT_AFTER:
                continue  # "Latin America", "North American"
        if prose and _IN_NAME.match(text, m.end()):
            continue
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class DollarEvidence:
    """What a document says about whose dollar its bare "$" is: how often its title and opening paragraph
    (`head`) and its whole text (`text`) name each dollar country and the United States, how often it
    names every country of the entity lexicon (`countries`), whether it tells dollars apart anywhere,
    whether it is international wire copy."""

    title: dict[str, int]
    head: dict[str, int]
    text: dict[str, int]
    us_head: int
    us_text: int
    countries: dict[str, int]
    marked: bool
    wire: bool

    @classmethod
    def read(cls, title: str, text: str) -> DollarEvidence:
        r"""
        >>> e = DollarEvidence.read("Canada's budget", "OTTAWA - Canada posts a $40-billion deficit.")
        >>> e.head["CAD"], e.text["CAD"], e.us_head, e.countries, e.marked
        (3, 2, 0, {'Canada': 2}, False)
        """
        opening = opening_paragraph(text, title)
        in_title = {code: n for code, p in _HOME_WORDS.items() if (n := mentions(p, title, prose=False))}
        head = {
            code: in_title.get(code, 0) + mentions(p, opening, prose=True) for code, p in _HOME_WORDS.items()
        }
        countries = Counter(name for _, name in find_entities(f"{title}\n{text}") if name in COUNTRIES)
        return cls(
            title=in_title,
            head={code: n for code, n in head.items() if n},
            text={code: n for code, p in _HOME_WORDS.items() if (n := mentions(p, text, prose=True))},
            us_head=mentions(_US_WORDS, title, prose=False) + mentions(_US_WORDS, opening, prose=True),
            us_text=mentions(_US_WORDS, text, prose=True),
            countries=dict(countries),
            marked=bool(_MARKED_DOLLAR.search(title) or _MARKED_DOLLAR.search(text)),
            wire=bool(_WIRE.search(title) or _WIRE.search(opening)),
        )

    def strength(self, code: str) -> int:
        """How strongly the document names a dollar country: a mention in its title or opening counts
        three times (twice more than one further down)."""
        return 2 * self.head.get(code, 0) + self.text.get(code, 0)

    @property
    def ranked(self) -> list[tuple[str, int]]:
        """Dollar countries the document names, the most strongly named first."""
        return sorted(((c, self.strength(c)) for c in {*self.head, *self.text}), key=lambda item: -item[1])


KEEP = ""
"""A rule's verdict that the bare "$" stays as read (US dollars)."""

MIN_STRENGTH = 4
"""How strongly (`DollarEvidence.strength`) a document must name a dollar country for its "$" to be that
dollar: twice in its title and opening, or once there and once below, or four times further down."""


def _marked_dollars(e: DollarEvidence) -> str | None:
    """A document that writes "C$", "US$", "A$", "USD" or "Canadian dollars" anywhere tells dollars apart:
    its bare "$" is ambiguous and stays as read.

    >>> _marked_dollars(DollarEvidence.read("Canada", "Canada's deficit is C$40 billion, or $29 billion."))
    ''
    """
    return KEEP if e.marked else None


def _wire_copy(e: DollarEvidence) -> str | None:
    """International wire copy ("OTTAWA (Reuters) -") writes every other dollar with a mark: its "$" is US.

    >>> _wire_copy(DollarEvidence.read("Canada", "OTTAWA (Reuters) - Canada will spend $5 billion."))
    ''
    """
    return KEEP if e.wire else None


def _weak_evidence(e: DollarEvidence) -> str | None:
    """A passing mention is not enough (see `MIN_STRENGTH`).

    >>> _weak_evidence(DollarEvidence.read("Budget 2024", "The treasurer announced a $9.3 billion surplus."))
    ''
    >>> _weak_evidence(DollarEvidence.read("Budget", "Australia's treasurer announced a $9.3b surplus."))
    ''
    """
    return KEEP if not e.ranked or e.ranked[0][1] < MIN_STRENGTH else None


def _united_states_as_prominent(e: DollarEvidence) -> str | None:
    """A document that names the United States as often as the dollar country it names most (in its
    title and opening, or in all its text) is read in US dollars.

    >>> e = DollarEvidence.read("U.S. tariffs hit Canada", "The U.S. will tax $30 billion of Canadian steel.")
    >>> _united_states_as_prominent(e)
    ''
    """
    code = e.ranked[0][0]
    in_head = e.us_head > 0 and e.us_head >= e.head.get(code, 0)
    in_text = e.us_text > 0 and e.us_text >= e.text.get(code, 0)
    return KEEP if in_head or in_text else None


def _another_country_first(e: DollarEvidence) -> str | None:
    """A document that names another country more often than the dollar country (in its title and text; a
    report on Japan's aid that often names Singapore) is not about that country.

    >>> text = "Japan gave Singapore $5 million. Japan and Singapore met. Japan paid $2 million to Japan."
    >>> _another_country_first(DollarEvidence.read("Japan's aid to Singapore", text))
    ''
    """
    code = e.ranked[0][0]
    home = dollars.HOME_DOLLAR_COUNTRIES[code]
    named = e.text.get(code, 0) + e.title.get(code, 0)
    others = (n for country, n in e.countries.items() if country != home)
    return KEEP if max(others, default=0) > named else None


def _two_dollar_countries(e: DollarEvidence) -> str | None:
    """A document naming two dollar countries about as strongly (a trans-Tasman deal) has no one home dollar.

    >>> e = DollarEvidence.read("Australia and New Zealand", "Australia and New Zealand sign a pact.")
    >>> _two_dollar_countries(e)
    ''
    """
    ranked = e.ranked
    return KEEP if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1] else None


def _home_country(e: DollarEvidence) -> str | None:
    """The dollar country the document names most strongly.

    >>> _home_country(DollarEvidence.read("Australia's budget", "Australians get a $300 energy rebate."))
    'AUD'
    """
    return e.ranked[0][0]


DOLLAR_RULES = (
    _marked_dollars,
    _wire_copy,
    _weak_evidence,
    _united_states_as_prominent,
    _another_country_first,
    _two_dollar_countries,
    _home_country,
)
"""Tried in order; the first verdict decides (each rule after `_weak_evidence` may assume a dollar
country is named)."""


def home_dollar(title: str, text: str) -> str:
    """The ISO code of the dollar a document's bare "$" means when that is not the US dollar ("" when it is,
    or when the document does not say clearly).

    >>> home_dollar("Canada's federal budget", "OTTAWA - Canadians will see a $39.8-billion deficit.")
    'CAD'
    >>> home_dollar("Canada's federal budget", "OTTAWA - The deficit is C$39.8 billion ($29 billion).")
    ''
    """
    evidence = DollarEvidence.read(title, text)
    for rule in DOLLAR_RULES:
        verdict = rule(evidence)
        if verdict is not None:
            return verdict
    return KEEP


def with_home_dollar(claim: Claim, currency: str) -> Claim:
    """A bare-"$" amount read as US dollars, in a document whose own dollar is `currency`, is in that dollar
    (flagged `currency_from_document`)."""
    if not currency or claim.kind != Kind.MONEY or claim.unit != "USD" or not is_bare_dollar(claim.surface):
        return claim
    return dataclasses.replace(claim, unit=currency, flags=(*claim.flags, "currency_from_document"))
