"""Hedge cues before and after a number, mapped to a Qualifier.

Sources: the approximators and bounding expressions listed in Quirk et al., "A Comprehensive Grammar of
the English Language" (1985) §7.57-7.58 and §10.66, and the comparative quantifiers catalogued by the
CQE quantity extractor (Almasian et al., EMNLP 2023, `unit_classifier` cues). Reviewed by hand.
"""

from __future__ import annotations

from claims.types import Qualifier

# Cues written immediately before the number (case-insensitive, longest first when matched).
BEFORE: dict[str, Qualifier] = {
    "more than": Qualifier.OVER,
    "over": Qualifier.OVER,
    "above": Qualifier.OVER,
    "exceeding": Qualifier.OVER,
    "exceeded": Qualifier.OVER,
    "exceeds": Qualifier.OVER,
    "topped": Qualifier.OVER,
    "topping": Qualifier.OVER,
    "surpassed": Qualifier.OVER,
    "surpassing": Qualifier.OVER,
    "surpasses": Qualifier.OVER,
    "tops": Qualifier.OVER,
    "crossed": Qualifier.OVER,
    "crosses": Qualifier.OVER,
    "crossing": Qualifier.OVER,
    "passed": Qualifier.OVER,  # not before money (`NOT_BEFORE_MONEY`)
    "passes": Qualifier.OVER,
    "passing": Qualifier.OVER,
    "in excess of": Qualifier.OVER,
    "upwards of": Qualifier.OVER,
    "just over": Qualifier.OVER,
    "greater than": Qualifier.OVER,
    "well over": Qualifier.OVER,
    "higher than": Qualifier.OVER,
    ">": Qualifier.OVER,
    "less than": Qualifier.UNDER,
    "fewer than": Qualifier.UNDER,
    "under": Qualifier.UNDER,
    "below": Qualifier.UNDER,
    "just under": Qualifier.UNDER,
    "lower than": Qualifier.UNDER,
    "<": Qualifier.UNDER,
    "at least": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "minimum of": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    "up to": Qualifier.UP_TO,
    "at most": Qualifier.UP_TO,
    "as many as": Qualifier.UP_TO,
    "as much as": Qualifier.UP_TO,
    "no more than": Qualifier.UP_TO,
    "a maximum of": Qualifier.UP_TO,
    "maximum of": Qualifier.UP_TO,
    "not more than": Qualifier.UP_TO,
    "≤": Qualifier.UP_TO,
    "about": Qualifier.APPROX,
    "around": Qualifier.APPROX,
    "approximately": Qualifier.APPROX,
    "approx.": Qualifier.APPROX,
    "approx": Qualifier.APPROX,
    "roughly": Qualifier.APPROX,
    "nearly": Qualifier.APPROX,
    "almost": Qualifier.APPROX,
    "some": Qualifier.APPROX,
    "close to": Qualifier.APPROX,
    "circa": Qualifier.APPROX,
    "c.": Qualifier.APPROX,
    "ca.": Qualifier.APPROX,
    "~": Qualifier.APPROX,
    "≈": Qualifier.APPROX,
    "an estimated": Qualifier.APPROX,
    "estimated": Qualifier.APPROX,
    "an approximate": Qualifier.APPROX,
    "approximate": Qualifier.APPROX,
    "around about": Qualifier.APPROX,
    "somewhere around": Qualifier.APPROX,
    "almost exactly": Qualifier.APPROX,
    "an estimate of": Qualifier.APPROX,
    "nigh on": Qualifier.APPROX,
    "estimated at": Qualifier.APPROX,
    "near": Qualifier.APPROX,
    "close on": Qualifier.APPROX,
}
# Cues written immediately after the number and its unit.
AFTER: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST,
    "or above": Qualifier.AT_LEAST,
    "and above": Qualifier.AT_LEAST,
    "or higher": Qualifier.AT_LEAST,
    "and up": Qualifier.AT_LEAST,
    "plus": Qualifier.AT_LEAST,
    "or less": Qualifier.UP_TO,
    "or fewer": Qualifier.UP_TO,
    "or below": Qualifier.UP_TO,
    "and below": Qualifier.UP_TO,
    "or so": Qualifier.APPROX,
    "or thereabouts": Qualifier.APPROX,
}

# Cues of BEFORE that are no bound before an amount of money: "the Senate passed $95 billion" is a bill
# passed, "cases passed 2 million" a mark passed.
NOT_BEFORE_MONEY: frozenset[str] = frozenset({"passed", "passes", "passing"})
