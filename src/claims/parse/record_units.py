"""The names a quantity record (`claims quantities`) gives units and counted nouns: CQE's convention.

The claims contract names a unit in US spelling, singular (`kilometer per hour`), a multiple in `times` and
keeps what a count counts as written (`patrol vessels`). A general quantity record follows the convention of
CQE and of the unit ontology it shares with quantulum3: the international spelling of the SI brochure
(`kilometre per hour`), the ontology's own name where it writes a unit otherwise (`milliampere-hour`), ages in
a unit "of age", multiples as plain counts, and the counted noun in the singular (`patrol vessel`), as a
normalised unit is. The tables are in `claims.lexicon.units`.

>>> record_unit_name("kilometer per hour"), record_unit_name("milliampere hour"), record_unit_name("percent")
('kilometre per hour', 'milliampere-hour', 'percent')
>>> singular_noun_phrase("commercial fishermen"), singular_noun_phrase("public housing properties")
('commercial fisherman', 'public housing property')
"""

from __future__ import annotations

import re
from functools import lru_cache

from claims.lexicon.units import (
    AGE_UNITS,
    CHE_NOUNS,
    IE_NOUNS,
    INTERNATIONAL_SPELLINGS,
    IRREGULAR_PLURALS,
    NOT_MEN_PLURALS,
    OE_NOUNS,
    RECORD_UNIT_NAMES,
    SINGULAR_IN_S,
)

__all__ = ["age_unit_name", "record_unit_name", "singular_noun", "singular_noun_phrase"]

_SPELLED = re.compile(rf"({'|'.join(INTERNATIONAL_SPELLINGS)})\b")  # "kilometer", "milliliter"


@lru_cache(maxsize=4096)
def record_unit_name(name: str) -> str:
    """A unit's contract name -> its name in a quantity record (international spelling, ontology names).

    >>> record_unit_name("square kilometer"), record_unit_name("newton meter"), record_unit_name("nanometer")
    ('square kilometre', 'newton metre', 'nanometre')
    >>> record_unit_name("revolution per minute"), record_unit_name("degree celsius")
    ('revolutions per minute', 'degree celsius')
    """
    spelled = _SPELLED.sub(lambda m: INTERNATIONAL_SPELLINGS[m[1]], name)
    return RECORD_UNIT_NAMES.get(spelled, spelled)


def age_unit_name(name: str) -> str | None:
    """The unit of an age counted in the time unit `name` ("year" -> "year of age"); None for other units.

    >>> age_unit_name("year"), age_unit_name("month"), age_unit_name("meter")
    ('year of age', 'month of age', None)
    """
    return AGE_UNITS.get(name)


def singular_noun(word: str) -> str:
    """A plural English noun -> its singular; any other word as it is.

    >>> [singular_noun(w) for w in ["vessels", "tenancies", "matches", "fishermen", "people", "series"]]
    ['vessel', 'tenancy', 'match', 'fisherman', 'people', 'series']
    >>> [singular_noun(w) for w in ["boxes", "buses", "causes", "movies", "niches", "heroes", "shoes"]]
    ['box', 'bus', 'cause', 'movie', 'niche', 'hero', 'shoe']
    >>> [singular_noun(w) for w in ["Germans", "specimen", "gas", "classes", "status", "3D"]]
    ['Germans', 'specimen', 'gas', 'class', 'status', '3D']
    """
    if not word.isalpha() or not word.islower() or len(word) < 3:
        return word  # a name ("Germans"), an acronym, a word with digits or marks
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("men") and len(word) > 4 and word not in NOT_MEN_PLURALS:
        return word[:-3] + "man"  # "fishermen", "chairmen", "gunmen"
    if word in SINGULAR_IN_S or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    stem = word[:-1]  # without the "s"
    if word.endswith("ies") and len(word) > 4 and stem not in IE_NOUNS:
        return word[:-3] + "y"  # "tenancies", "properties"
    if word.endswith(("ches", "shes")) and stem not in CHE_NOUNS:
        return word[:-2]  # "matches", "dishes"
    if word.endswith(("xes", "sses", "zzes")) or word[:-2] in SINGULAR_IN_S:
        return word[:-2]  # "boxes", "classes", "buses", "viruses"
    if word.endswith("oes") and stem not in OE_NOUNS:
        return word[:-2]  # "heroes", "potatoes"
    return stem


def singular_noun_phrase(phrase: str) -> str:
    """A counted noun phrase with its head (last word) in the singular ("used patrol vessels" -> "used patrol
    vessel"); a phrase whose last word is not a plural noun is returned as it is.

    >>> singular_noun_phrase("used patrol vessels"), singular_noun_phrase("men and women")
    ('used patrol vessel', 'men and woman')
    """
    head, sep, last = phrase.rpartition(" ")
    return f"{head}{sep}{singular_noun(last)}"
