"""The measured noun of a number's clause, or of the sentence before, for figures whose own words name
only a change or a level (`a 20.8% slump`) or a list item (`Singapore ($13.2 billion)`)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from claims.context.entities import LIST_ITEM, is_place
from claims.context.grammar import is_numberish, phrase_of, verb_subject
from claims.context.verbs import RECORDING_VERBS, lemma_of

CHANGE_NOUNS = frozenset(
    {
        "increase",
        "decrease",
        "rise",
        "fall",
        "drop",
        "decline",
        "growth",
        "expansion",
        "contraction",
        "jump",
        "gain",
        "loss",
        "slump",
        "surge",
        "plunge",
        "dip",
        "rebound",
        "recovery",
        "change",
        "high",
        "low",
        "record",
        "peak",
        "top",
        "slowdown",
        "upturn",
        "downturn",
        "falls",
        "declines",
        "increases",
        "drops",
        "rises",
        "gains",
        "losses",
        "total",
        "sum",
        "estimate",
        "estimation",
        "figure",
        "level",
        "value",
        "average",
    }
)
"""Nouns that name a change or a level without saying of what (`a 20.8% slump`, `a 32-month high of`)."""


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc (spaCy joins every token's text on each read of `doc.text`: read per
    figure, that is the whole document per figure). Cached in `doc.user_data`, which dies with the doc.

    >>> import spacy
    >>> doc = spacy.blank("en")("Exports rose 12% to $3.4 billion.")
    >>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    True
    """
    text = doc.user_data.get("claims_text")
    if text is None:
        text = doc.user_data["claims_text"] = doc.text
    return text  # type: ignore[no-any-return]


def clause_topic(span: Span, exclude: set[int]) -> str:
    """The measured noun of the number's clause: the subject of its verb (`Exports ... with a record $4.2
    billion`), else of the sentence's main verb; not a change noun, a pronoun or a place alone."""
    node = span.root
    verbs = []
    for _ in range(10):
        if node.pos_ in {"VERB", "AUX"}:
            verbs.append(node)
        if node.head is node:
            break
        node = node.head
    verbs.append(span.sent.root)
    return _topic_of_verbs(verbs, exclude)


def _topic_of_verbs(verbs: Sequence[Token], exclude: set[int]) -> str:
    for verb in verbs:
        if (
            verb.dep_ == "acl"
            and verb.head.pos_ in {"NOUN", "PROPN"}
            and verb.head.i not in exclude
            and verb.head.lower_ not in CHANGE_NOUNS
        ):
            return phrase_of(verb.head, exclude | {verb.i})  # `an economy valued at an estimation of ...`
        if lemma_of(verb) in RECORDING_VERBS:
            for child in verb.children:  # `recorded sales revenue of ..., a decrease of 11%`
                if (
                    child.dep_ == "dobj"
                    and child.i not in exclude
                    and not is_numberish(child)
                    and child.lower_ not in CHANGE_NOUNS
                    and not any(is_numberish(t) for t in child.lefts)
                ):
                    return phrase_of(child, exclude)
        subject = verb_subject(verb, exclude)
        if (
            subject
            and subject.split()[-1].lower() not in CHANGE_NOUNS
            and subject.lower() not in {"it", "they", "this", "that", "which"}
            and not is_place(subject)
        ):
            return subject
        for child in verb.children:  # `raise defence spending to 2%`: the object is what is measured
            if (
                child.dep_ == "dobj"
                and child.i not in exclude
                and not is_numberish(child)
                and child.lower_ not in CHANGE_NOUNS
                and not any(is_numberish(t) for t in child.lefts)
            ):
                phrase = phrase_of(child, exclude)
                if phrase and phrase.split()[-1].lower() not in CHANGE_NOUNS and not is_place(phrase):
                    return phrase
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            # a misparsed subject (`Among ASEAN members, military spending in 2023 was highest`): the
            # nearest noun before the verb that is not inside a prepositional phrase
            nearest = _nearest_noun_before(verb, exclude)
            if nearest is not None:
                return phrase_of(nearest, exclude)
    return ""


def _nearest_noun_before(verb: Token, exclude: set[int]) -> Token | None:
    """The last noun before `verb` in its sentence that heads a subject-like phrase and is not excluded.

    The candidates are found once per verb (every figure of a long list hanging from one verb asks), then
    read backwards from the verb.
    """
    doc = verb.doc
    cache = doc.user_data.setdefault("claims_nouns_before", {})
    candidates = cache.get(verb.i)
    if candidates is None:  # token positions, not tokens: no reference from the doc's data back to the doc
        candidates = cache[verb.i] = [
            t.i
            for t in doc[verb.sent.start : verb.i]
            if t.pos_ == "NOUN"
            and t.dep_ in {"appos", "ROOT", "conj", "nsubj"}
            and t.lower_ not in CHANGE_NOUNS
        ]
    for i in reversed(candidates):
        if i not in exclude:
            return doc[i]
    return None


def _change_phrase(span: Span, exclude: set[int]) -> str:
    """The change noun that is the subject of the number's clause (`the steepest falls were in ...`)."""
    node = span.root
    for _ in range(10):
        if node.pos_ in {"VERB", "AUX"}:
            for child in node.children:
                if (
                    child.dep_ in {"nsubj", "nsubjpass"}
                    and child.i not in exclude
                    and child.lower_ in CHANGE_NOUNS
                ):
                    return phrase_of(child, exclude)
        if node.head is node:
            break
        node = node.head
    return ""


def _previous_topic(span: Span, exclude: set[int]) -> str:
    """The measured noun of the sentence before, in the same paragraph (`The regional exports dropped ...
    Notably, the biggest declines have impacted Brunei (-34.8%)`)."""
    sent = span.sent
    if sent.start == 0:
        return ""
    previous = span.doc[sent.start - 1].sent
    if "\n\n" in doc_text(span.doc)[previous.end_char : sent.start_char + 1]:
        return ""
    return _topic_of_verbs([previous.root], exclude)


def list_item_subject(span: Span, exclude: set[int]) -> str:
    """`... highest in Singapore ($13.2 billion), followed by Indonesia ($9.5 billion)`: the figure after a
    name in parentheses measures the clause's noun (`military spending`), not the name."""
    doc = span.doc
    text = doc_text(doc)
    before = text[max(0, span.start_char - 40) : span.start_char]
    after = text[span.end_char : span.end_char + 2]
    if not LIST_ITEM.search(before) or not after.lstrip().startswith(")"):
        return ""
    topic = clause_topic(span, exclude)
    if topic:
        return topic
    change = _change_phrase(span, exclude)
    if change:
        previous = _previous_topic(span, exclude)
        return f"{change} in {previous}" if previous else change
    # `Unemployment fell across the region in 2023: Indonesia (5.3%), ...`: the clause before the colon
    sent = span.sent
    colon = text.rfind(":", sent.start_char, span.start_char)
    if colon > 0:
        for verb in _verbs_before(sent, colon):
            subject = verb_subject(verb, exclude)
            if subject and not is_place(subject):
                return subject
    return _previous_topic(span, exclude)


def _verbs_before(sent: Span, colon: int) -> list[Token]:
    """The main verbs of `sent` before the character offset `colon`, found once per sentence and colon
    (every item of a long list after the colon asks the same)."""
    doc = sent.doc
    cache = doc.user_data.setdefault("claims_verbs_before", {})
    key = (sent.start, colon)
    found = cache.get(key)
    if found is None:  # token positions, not tokens: no reference from the doc's data back to the doc
        found = cache[key] = [
            t.i for t in sent if t.idx < colon and t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj"}
        ]
    return [doc[i] for i in found]
