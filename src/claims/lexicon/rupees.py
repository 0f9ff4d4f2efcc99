"""Words of the writer's own rupee (`claims.extract.rupees`): the countries that write "Rs" and "rupees"
for their own currency, and the words that name India.

Sources: the currencies named "rupee" in ISO 4217 whose issuer is one country (INR, PKR, LKR, NPR, MUR; the
Seychelles rupee is left out: its press writes "SCR"); country names, demonyms and capitals from the Unicode
CLDR English territory names and the CIA World Factbook "capital" and "nationality" entries, with each
country's largest city where it differs from the capital."""

from __future__ import annotations

HOME_RUPEES: dict[str, tuple[str, ...]] = {
    "PKR": ("Pakistan", "Pakistani", "Islamabad", "Karachi", "Lahore"),
    "LKR": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "NPR": ("Nepal", "Nepali", "Nepalese", "Kathmandu"),
    "MUR": ("Mauritius", "Mauritian", "Port Louis"),
}
"""A rupee country's currency and the words that name it (its name, people, capital and largest city)."""

INDIA_WORDS: tuple[str, ...] = ("India", "Indian", "New Delhi", "Mumbai")
