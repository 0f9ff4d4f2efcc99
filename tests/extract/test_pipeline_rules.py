"""The extraction pipeline's attribute ruler matches its rules by token signature (`claims.nlp.pipeline.
RuleMatcher`) and finds exactly the matches of spaCy's `Matcher`, so every tag, POS and morphology is the
stock pipeline's."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher

from claims.nlp.pipeline import RuleMatcher

SENTENCES = [
    "Japan gave 12 patrol vessels to the Philippines in 2024, and there is more to come.",
    "Y'all ai n't gon na believe it: let's see whether the $4.5 billion fund grows 7% next year.",
    "C'mon, the ministry did n't say if it had spent ¥800 million; it'll report later.",
    "Tokyo's   exports\n\nrose 5 per cent, while imports were flat.",
]


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na", "OP": "?"}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "thing"}},
        {"patterns": [[{"LOWER": {"FUZZY": "gonna"}}]], "attrs": {"LEMMA": "go"}},
    ],
)
def test_pipeline_rule_matcher_refuses_other_patterns(rule: dict[str, object]) -> None:
    vocab = spacy.blank("en").vocab
    assert RuleMatcher.of(vocab, Matcher(vocab), [rule]) is None


@pytest.mark.model
@pytest.mark.parametrize("text", SENTENCES)
def test_pipeline_rule_matcher_finds_the_matcher_matches(nlp: Language, text: str) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    fast = ruler.matcher
    assert isinstance(fast, RuleMatcher)
    with nlp.select_pipes(disable=["attribute_ruler", "ner", "claims_quantities"]):
        doc = nlp(text)
    expected = sorted(fast.original(doc, allow_missing=True))
    assert sorted(fast(doc, allow_missing=True)) == expected
    assert sorted(pickle.loads(pickle.dumps(fast))(doc, allow_missing=True)) == expected


@pytest.mark.model
@pytest.mark.parametrize("text", ["\n\n".join(SENTENCES)])
def test_pipeline_rule_matcher_same_annotations(nlp: Language, text: str) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    fast = ruler.matcher
    attrs = [TAG, POS, MORPH, LEMMA, DEP]
    with_fast = nlp(text).to_array(attrs)
    ruler.matcher = fast.original
    try:
        stock = nlp(text).to_array(attrs)
    finally:
        ruler.matcher = fast
    assert np.array_equal(with_fast, stock)
