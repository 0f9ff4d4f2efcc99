"""Dependency-parse helpers the subject rules share: a head noun's phrase, the subject, object and
recipient of a verb, a relative pronoun's antecedent, the sentence's main subject and the clause's tense."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from claims.context.verbs import lemma_of

_SUBJECT_STOP_DEPS = {
    "det",
    "predet",
    "punct",
    "nummod",
    "quantmod",
    "advmod",
    "cc",
    "case",
    "prep",
    "relcl",
    "acl",
    "appos",
    "conj",
    "nmod",
}
_MAX_SUBJECT_WORDS = 8


_NUMBER_ENTS = frozenset({"DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "TIME"})


def is_numberish(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or token.ent_type_ in _NUMBER_ENTS


def _join(words: Sequence[Token]) -> str:
    """Tokens in text order with the text's own spacing (`intra-ASEAN`, `countries'`), one space over gaps."""
    out = []
    for k, t in enumerate(words):
        out.append(t.text)
        if k + 1 < len(words):
            out.append(t.whitespace_ if words[k + 1].i == t.i + 1 else " ")
    return " ".join("".join(out).split())


def phrase_of(head: Token, exclude: set[int]) -> str:
    """The head noun with its compounds, adjectives and possessors (no determiners or numbers)."""
    if head.lower_ in {"which", "whom", "that"} and head.pos_ in {"PRON", "DET"}:
        antecedent = _antecedent(head)
        if antecedent is None or antecedent.i in exclude:
            return ""
        head = antecedent
    keep = [head]
    for child in head.lefts:
        if child.i in exclude or child.dep_ in _SUBJECT_STOP_DEPS or is_numberish(child):
            continue
        keep.extend(
            t
            for t in child.subtree
            if t.i not in exclude and not is_numberish(t) and t.dep_ not in {"det", "punct", "predet"}
        )
    # a short `of`/`between`/`for` complement makes the phrase specific (`trade between the two regions`)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "between", "for", "on", "to", "in"}:
            objects = [t for t in child.children if t.dep_ == "pobj" and not is_numberish(t)]
            if objects and objects[0].i not in exclude:
                sub = [t for t in child.subtree if t.i not in exclude and t.dep_ not in {"punct"}]
                if len(sub) > 5 or any(t.dep_ in {"relcl", "acl"} for t in sub):
                    # keep the complement's head noun with its own modifiers (`increase in incidents`)
                    obj = objects[0]
                    sub = [
                        child,
                        *(
                            t
                            for t in obj.lefts
                            if t.dep_ in {"compound", "amod", "poss"}
                            and t.i not in exclude
                            and not is_numberish(t)
                        ),
                        obj,
                    ]
                keep.extend(sub)
            break
    words = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    text = _join(words)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", text)
    text = re.sub(r"^(?:the|a|an|its|their|this|these|those)\s+", "", text, flags=re.IGNORECASE)
    tokens = text.split()
    return " ".join(tokens[:_MAX_SUBJECT_WORDS])


TIME_NOUNS = frozenset({"year", "years", "month", "months", "quarter", "week", "day", "time"})


def is_date_word(token: Token) -> bool:
    if token.ent_type_ in {"DATE", "TIME"} or token.lower_ in TIME_NOUNS:
        return True
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d|FY\s?\d{2,4}", token.text, re.IGNORECASE))


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for (`the target, of which the board collects ...`)."""
    node = token
    for _ in range(6):
        if node.dep_ == "relcl" and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head
        if node.head is node:
            return None
        node = node.head
    return None


def verb_subject(verb: Token, exclude: set[int]) -> str:
    subjects = [
        c
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in exclude and not is_numberish(c)
    ]
    # two subjects is a misparse (`JAKARTA ... - Indonesia's surplus narrowed`): take the one nearest the verb
    subjects.sort(key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))
    for child in subjects[:1]:
        if child.lower_ in {"which", "that", "who"}:
            antecedent = _antecedent(child)
            return phrase_of(antecedent, exclude) if antecedent is not None else ""
        if child.pos_ == "PRON":
            return ""
        if (
            child.pos_ == "PROPN"
            and any(c.dep_ == "case" for c in child.children)
            and child.i + 2 < len(child.doc)
            and child.doc[child.i + 2].i == verb.i
        ):
            # `while China's rose 63%`: a possessive standing for the noun of the main clause
            main = verb_subject(child.sent.root, exclude | {child.i}) if child.sent.root is not verb else ""
            noun = main.split("'s ")[-1]
            return f"{child.text}'s {noun}" if main else phrase_of(child, exclude)
        return phrase_of(child, exclude)
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i in exclude:
            # the parser hung the subject on a dateline or a heading line: an apposition of it, or the
            # nearest noun before the verb, is the subject
            for t in child.subtree:
                if t.i not in exclude and t.dep_ == "appos" and t.pos_ in {"NOUN", "PROPN"}:
                    return phrase_of(t, exclude)
            nearest = [
                t
                for t in verb.doc[verb.sent.start : verb.i]
                if t.i not in exclude
                and t.pos_ in {"NOUN", "PROPN"}
                and t.dep_ in {"nsubj", "nsubjpass", "appos", "ROOT", "conj"}
            ]
            if nearest:
                return phrase_of(nearest[-1], exclude)
    if verb.dep_ in {"xcomp", "ccomp", "conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "xcomp":
            for child in verb.head.children:  # `expects the deficit to fall to 3.1%`
                if (
                    child.dep_ == "dobj"
                    and child.i not in exclude
                    and not is_numberish(child)
                    and child.i < verb.i
                ):
                    return phrase_of(child, exclude)
        return verb_subject(verb.head, exclude)
    return ""


def object_of_verb(verb: Token, exclude: set[int]) -> str:
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i not in exclude:
            return f"{lemma_of(verb)} {phrase_of(child, exclude)}".strip()
    return ""  # `two more are due`: the number stands for a noun named elsewhere


def recipient_of(head: Token, exclude: set[int], *, climb: bool = True) -> str:
    """`to the Philippines` / `for National Police Water Unit` near a noun or its verb."""
    candidates = [head]
    if climb and head.head is not head:
        candidates.append(head.head)
    for node in candidates:
        for child in node.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "for"} and child.i not in exclude:
                objects = [t for t in child.children if t.dep_ == "pobj" and t.i not in exclude]
                if objects and not is_date_word(objects[0]) and not is_numberish(objects[0]):
                    words = [
                        t
                        for t in objects[0].subtree
                        if t.dep_ not in {"det", "punct", "relcl", "acl"} and t.i not in exclude
                    ]
                    if words and len(words) <= 6:
                        return f"{child.lower_} {_join(words)}"
    return ""


def main_subject_text(span: Span, start_char: int = 0) -> str:
    """The words of the subject of the sentence's main verb (`ASEAN's deepening engagement`), "" if none;
    only words at or after `start_char` (the clipped sentence's start in the doc)."""
    root = span.sent.root
    for child in root.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words = [t for t in child.subtree if t.idx >= start_char]
            return " ".join(t.text_with_ws for t in words).strip() if words else ""
    return ""


def present_tense(span: Span) -> bool:
    """True when the clause holding the number is in the present tense (`It generates 1,285 MW`, `the bloc
    has 10 members`): such a fact is not dated by a year in the sentence before."""
    node = span.root
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"}:
            break
        if node.head is node:
            return False
        node = node.head
    else:
        return False
    if node.pos_ not in {"VERB", "AUX"}:
        return False
    tags = {node.tag_} | {c.tag_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
    if tags & {"VBD", "MD"}:
        return False
    return bool(tags & {"VBZ", "VBP"})
