"""Verb classes the subject rules test (level, giving, expecting, recording, owning verbs) and verb
morphology that also works without a lemmatizer (`averaging` -> `average`, `give` -> `given`)."""

from __future__ import annotations

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


_IRREGULAR_LEMMAS = {
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "fell": "fall",
    "fallen": "fall",
    "stood": "stand",
    "made": "make",
    "gave": "give",
    "given": "give",
    "spent": "spend",
    "lent": "lend",
    "sent": "send",
    "bought": "buy",
    "sold": "sell",
    "built": "build",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "being": "be",
    "has": "have",
    "had": "have",
    "having": "have",
    "took": "take",
    "taken": "take",
    "saw": "see",
    "seen": "see",
    "won": "win",
    "hit": "hit",
    "got": "get",
    "brought": "bring",
    "paid": "pay",
    "led": "lead",
    "held": "hold",
    "drew": "draw",
    "drawn": "draw",
    "met": "meet",
    "shrank": "shrink",
    "shrunk": "shrink",
    "ran": "run",
    "runs": "run",
    "running": "run",
    "sank": "sink",
    "sunk": "sink",
    "kept": "keep",
    "lost": "lose",
    "put": "put",
    "set": "set",
    "cut": "cut",
    "began": "begin",
    "begun": "begin",
    "swelled": "swell",
    "swollen": "swell",
    "flew": "fly",
    "dealt": "deal",
    "slid": "slide",
}
COPULAS = frozenset({"be", "have", "become", "remain", "seem"})


def _needs_final_e(stem: str) -> bool:
    """`financ` -> `finance`, `reduc` -> `reduce` (consonant-vowel-consonant ending, not w/x/y)."""
    return (
        not stem.endswith(("e", "y"))
        and stem[-1] not in "aeiouwxy"
        and stem[-2] in "aeiou"
        and stem[-3] not in "aeiou"
    )


def lemma_of(token: Token) -> str:
    """The verb's lemma, also when the pipeline has no lemmatizer (`averaging` -> `average`)."""
    if token.lemma_ and token.lemma_ != token.text or token.tag_ in {"VB", "VBP"}:
        return (token.lemma_ or token.text).lower()
    word = token.text.lower()
    if word in _IRREGULAR_LEMMAS:
        return _IRREGULAR_LEMMAS[word]
    for known in LEVEL_VERBS | frozenset(_IRREGULAR_PARTICIPLES):
        if word.startswith(known) and len(word) - len(known) <= 3:
            return known
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            if suffix in {"ing", "ed"} and len(stem) > 2 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # committed -> commit
            elif suffix in {"ing", "ed", "es"} and (_needs_final_e(stem) or stem.endswith("v")):
                stem += "e"  # financed -> finance, reduced -> reduce, receiving -> receive
            return stem
    return word


_IRREGULAR_PARTICIPLES = {
    "give": "given",
    "provide": "provided",
    "grant": "granted",
    "spend": "spent",
    "pledge": "pledged",
    "invest": "invested",
    "commit": "committed",
    "allocate": "allocated",
    "lend": "lent",
    "send": "sent",
    "buy": "bought",
    "sell": "sold",
    "build": "built",
    "train": "trained",
    "finance": "financed",
    "fund": "funded",
    "donate": "donated",
    "contribute": "contributed",
    "earmark": "earmarked",
    "take": "taken",
    "run": "run",
    "shrink": "shrunk",
    "pay": "paid",
    "make": "made",
    "hold": "held",
    "win": "won",
    "see": "seen",
    "put": "put",
    "set": "set",
    "cut": "cut",
    "bring": "brought",
    "keep": "kept",
    "lead": "led",
    "meet": "met",
    "lose": "lost",
    "draw": "drawn",
    "grow": "grown",
    "rise": "risen",
    "fall": "fallen",
    "sink": "sunk",
    "begin": "begun",
    "get": "got",
    "lay": "laid",
    "say": "said",
    "raise": "raised",
    "receive": "received",
}


def participle_of(token: Token, lemma: str) -> str:
    if token.tag_ == "VBN" or (token.tag_ == "VBD" and token.lower_.endswith("ed")):
        return token.lower_
    return _participle(lemma)


def _participle(verb: str) -> str:
    if verb in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[verb]
    if verb.endswith("ed"):
        return verb
    if verb.endswith("e"):
        return verb + "d"
    if len(verb) <= 4 and _needs_final_e(verb) and verb[-1] not in "aeiouwxy":
        return verb + verb[-1] + "ed"  # plan -> planned
    return verb + "ed"
