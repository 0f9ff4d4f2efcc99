"""Verb classes the subject rules test (level, giving, expecting, recording, owning verbs) and verb
morphology that also works without a lemmatizer (`averaging` -> `average`, `give` -> `given`)."""

from __future__ import annotations

import functools

from spacy.tokens import Token

EXPECTING_VERBS = frozenset(
    {"expect", "forecast", "project", "predict", "estimate", "see", "anticipate", "say", "think", "believe"}
)
RECORDING_VERBS = frozenset(
    {
        "record",
        "report",
        "post",
        "register",
        "log",
        "book",
        "achieve",
        "deliver",
        "generate",
        "earn",
        "see",
        "handle",
        "produce",
        "ship",
        "sell",
        "export",
    }
)


GIVING_VERBS = frozenset(
    {
        "provide",
        "supply",
        "furnish",
        "equip",
        "award",
        "grant",
        "present",
        "endow",
        "fund",
        "give",
        "offer",
        "lend",
        "pay",
        "donate",
        "allocate",
    }
)


OWNING_VERBS = frozenset(
    {
        "comprise",
        "include",
        "have",
        "count",
        "number",
        "boast",
        "gather",
        "involve",
        "consist",
        "bring",
        "host",
        "employ",
        "operate",
        "represent",
    }
)


LEVEL_VERBS = frozenset(
    {
        "exceed",
        "reach",
        "total",
        "top",
        "surpass",
        "hit",
        "amount",
        "stand",
        "rise",
        "grow",
        "fall",
        "drop",
        "decline",
        "increase",
        "decrease",
        "jump",
        "climb",
        "average",
        "approach",
        "cross",
        "account",
        "register",
        "record",
        "attract",
        "tally",
        "double",
        "triple",
        "near",
        "represent",
        "constitute",
        "make",
        "comprise",
        "expand",
        "shrink",
        "contract",
        "surge",
        "slump",
        "slip",
        "plunge",
        "soar",
        "tumble",
        "narrow",
        "widen",
        "ease",
        "slow",
        "gain",
        "edge",
        "dip",
        "accelerate",
        "rebound",
        "recover",
        "improve",
        "swell",
        "balloon",
        "sink",
        "decelerate",
        "moderate",
        "peak",
        "hover",
        "pass",
    }
)
"""Verbs whose object is the level of their subject (`exports reached $5 billion`)."""


COPULAS = frozenset({"be", "have", "become", "remain", "seem"})


def lemma_of(token: Token) -> str:
    """The verb's lemma, also when the pipeline has no lemmatizer (`averaging` -> `average`, `went` -> `go`):
    the parser's lemma when it has one, else LemmInflect's for the word as a verb."""
    if token.lemma_ and token.lemma_ != token.text or token.tag_ in {"VB", "VBP"}:
        return (token.lemma_ or token.text).lower()
    return verb_lemma(token.text.lower())


@functools.lru_cache(maxsize=8192)
def verb_lemma(word: str) -> str:
    """`struck` -> `strike`, `totalling` -> `total`, `financed` -> `finance` (LemmInflect's lexicon, its rules
    for unknown words); the word itself when it reads as no verb form.

    >>> verb_lemma("went"), verb_lemma("costing"), verb_lemma("committed")
    ('go', 'cost', 'commit')
    """
    from lemminflect import getLemma  # its tables load on first use, not on the import of the extractor

    found = getLemma(word, upos="VERB")
    return found[0].lower() if found else word


def participle_of(token: Token, lemma: str) -> str:
    if token.tag_ == "VBN" or (token.tag_ == "VBD" and token.lower_.endswith("ed")):
        return token.lower_
    return _participle(lemma)


@functools.lru_cache(maxsize=8192)
def _participle(verb: str) -> str:
    """`strike` -> `struck`, `cost` -> `cost`, `plan` -> `planned` (LemmInflect's past participle)."""
    from lemminflect import getInflection

    found = getInflection(verb, tag="VBN")
    return found[0].lower() if found else verb
