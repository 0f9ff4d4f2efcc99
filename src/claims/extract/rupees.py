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

from claims.types import Claim, Kind

OPENING_CHARS = 1500
"""How much of a document's text (after its title) is read for the country it is about."""

HOME_RUPEES: dict[str, tuple[str, ...]] = {
    "PKR": ("Pakistan", "Pakistani", "Islamabad", "Karachi", "Lahore"),
    "LKR": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "NPR": ("Nepal", "Nepali", "Nepalese", "Kathmandu"),
    "MUR": ("Mauritius", "Mauritian", "Port Louis"),
}
"""A rupee country's currency and the words that name it (its name, people, capital and largest city)."""
INDIA_WORDS = ("India", "Indian", "New Delhi", "Mumbai")

_WORDS = {
    code: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    for code, words in (*HOME_RUPEES.items(), ("INR", INDIA_WORDS))
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
    """
    opening = f"{title}\n{text[:OPENING_CHARS]}"
    counts = {code: len(pattern.findall(opening)) for code, pattern in _WORDS.items()}
    india = counts.pop("INR")
    code, most = max(counts.items(), key=lambda item: item[1])
    return code if most >= 2 and most > india else ""


def with_home_rupee(claim: Claim, currency: str) -> Claim:
    """A rupee amount read as Indian rupees from a bare "Rs" or "rupees", in a document whose own rupee is
    `currency`, is in that rupee (flagged `currency_from_document`).

    """
    if not currency or claim.kind != Kind.MONEY or claim.unit != "INR":
        return claim
    if not _BARE_RUPEE.search(claim.surface) or _INDIAN_RUPEE.search(claim.surface):
        return claim
    return dataclasses.replace(claim, unit=currency, flags=(*claim.flags, "currency_from_document"))
