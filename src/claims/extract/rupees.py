"""The writer's own rupee: "Rs" and "rupees" read as the rupee of the country a document is about.

"Rs" and a bare "rupees" are read as the Indian rupee (`lexicon.currencies`). Pakistan, Sri Lanka, Nepal and
Mauritius write their own rupees the same way ("an outlay of Rs18.9 trillion" in a Pakistani budget story).
`home_rupee` decides from the title and opening of one document whether its bare rupee amounts are another
country's; `with_home_rupee` re-reads one claim, flagged `currency_from_document`. The rupee sign "₹", "INR"
and "Indian rupees" stay Indian; a document that names India as often as the other country keeps the Indian
reading (a comparison of the two is left as written).
"""

from __future__ import annotations

import dataclasses
import re

from claims.extract.dollars import mentions
from claims.lexicon import rupees
from claims.types import Claim, Kind

OPENING_CHARS = 1500
"""How much of a document's text (after its title) is read for the country it is about."""

_WORDS = {
    code: re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for n in names for w in {n, n.upper()}) + r")(?![\w-])"
    )
    for code, names in (*rupees.HOME_RUPEES.items(), ("INR", rupees.INDIA_WORDS))
}
# a rupee amount written so that any rupee country could have written it
_BARE_RUPEE = re.compile(r"\bRs\b\.?|(?<![A-Za-z])Rs(?=[0-9])|\brupees?\b", re.IGNORECASE)
_INDIAN_RUPEE = re.compile(r"₹|\bINR\b|\bIndian\s+rupees?\b", re.IGNORECASE)


def home_rupee(title: str, text: str) -> str:
    """The ISO code of the rupee a document's "Rs" and bare "rupees" mean when that is not the Indian
    rupee ("" when it is, or when the document does not say clearly): the rupee country its title and
    opening name most, named at least twice and more often than India.

    >>> home_rupee("Pakistan unveils Rs18.9tr budget", "ISLAMABAD: Pakistan's government set an outlay...")
    'PKR'
    >>> home_rupee("Budget 2024", "India's finance minister set an outlay of Rs 48 lakh crore.")
    ''
    >>> home_rupee("Trade talks", "Pakistan and India met; India and Pakistan agreed.")
    ''
    >>> home_rupee("Sri Lanka storm", "COLOMBO - Sri Lanka, an Indian Ocean island, will spend Rs 2 billion.")
    'LKR'
    """
    opening = f"{title}\n{text[:OPENING_CHARS]}"
    counts = {code: mentions(pattern, opening, prose=True) for code, pattern in _WORDS.items()}
    india = counts.pop("INR")
    ranked = sorted(counts.values(), reverse=True)
    code = max(counts, key=counts.__getitem__)
    return code if ranked[0] >= 2 and ranked[0] > max(india, ranked[1]) else ""


def with_home_rupee(claim: Claim, currency: str) -> Claim:
    """A rupee amount read as Indian rupees from a bare "Rs" or "rupees", in a document whose own rupee is
    `currency`, is in that rupee (flagged `currency_from_document`).

    """
    if not currency or claim.kind != Kind.MONEY or claim.unit != "INR":
        return claim
    if not _BARE_RUPEE.search(claim.surface) or _INDIAN_RUPEE.search(claim.surface):
        return claim
    return dataclasses.replace(claim, unit=currency, flags=(*claim.flags, "currency_from_document"))
