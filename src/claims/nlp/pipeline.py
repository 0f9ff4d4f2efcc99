"""Build the spaCy pipeline used for extraction.

The model's attribute ruler (tag -> POS and morphology, with a few word exceptions) matches about 180
patterns against every token with spaCy's `Matcher`: some 10-15% of the pipeline's time. Whether a token
passes a pattern's test depends only on its tag, dependency label, whether it is a space, and its lower
form when a pattern names it; `RuleMatcher` runs the tests once per such signature (with a `Matcher`, on
one token of each new signature), remembers the result, and reads every match off the tokens' signatures
(a pattern of several tokens matches where each of its tokens passes its test). The ruler gets back
exactly the matches spaCy's `Matcher` finds, and sorts and applies them as before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from claims.errors import ModelNotFoundError
from claims.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

# Components extraction does not use: lemmas are never read.
EXCLUDED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
QUANTITY_COMPONENT = "claims_quantities"
ATTRIBUTE_RULER = "attribute_ruler"


def build_nlp(settings: Settings | None = None, *, model: str | None = None) -> Language:
    """Load the statistical model without unused components and add the quantity component.

    Keeps tok2vec, tagger, attribute_ruler (POS), parser (sentences, counted nouns) and ner (parties).
    """
    import spacy

    from claims.nlp import factories  # noqa: F401  (registers the claims_* factories)
    from claims.nlp.factories import PARAGRAPH_COMPONENT

    settings = settings or Settings()
    name = model or settings.spacy_model
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`.venv/bin/pip install {name.replace('_', '-')}` "
            "(or `make run`, which installs the pinned model)",
            model=name,
        ) from e
    if ATTRIBUTE_RULER in nlp.pipe_names:
        ruler = nlp.get_pipe(ATTRIBUTE_RULER)
        fast = RuleMatcher.of(ruler.vocab, ruler.matcher, ruler.patterns)  # type: ignore[attr-defined]
        if fast is not None:
            ruler.matcher = fast  # type: ignore[attr-defined]
    if PARAGRAPH_COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    if QUANTITY_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(QUANTITY_COMPONENT, last=True)
    logger.info("loaded %s with components %s", name, nlp.pipe_names)
    return nlp


TOKEN_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes a one-token rule may test for `RuleMatcher` to match it by signature."""
PREDICATES = ("IN", "NOT_IN", "REGEX")
"""The operators a rule may test them with (else a plain value)."""


class RuleMatcher:
    """The attribute ruler's `Matcher`, fast: it finds the same (key, start, end) matches (see the module
    docstring). Anything it is not built for goes to the original matcher.

    A token's signature is its tag, dependency label, whether it is a space, and its lower form when a
    pattern names that form (in a value, a list or a regular expression), else 0: every other word passes
    and fails the same tests. Each token test of a pattern is matched once per signature (`probe`: the
    one-token patterns under their own keys, each token of a longer pattern under a key of its own); a
    longer pattern matches where each of its tokens passes its test."""

    def __init__(
        self,
        vocab: Vocab,
        original: Matcher,
        probe: Matcher,
        longer: list[tuple[int, int]],
        lower_tests: tuple[frozenset[str], tuple[re.Pattern[str], ...]],
    ) -> None:
        self.vocab = vocab
        self.original = original
        self.probe = probe
        self.longer = longer  # per pattern of several tokens: (its key, its length)
        self.named_words, self.word_patterns = lower_tests
        self.parts = {
            vocab.strings.add(f"part {m} {j}"): (m, j) for m, (_, n) in enumerate(longer) for j in range(n)
        }
        self.named: dict[int, int] = {}  # lower form -> itself when a pattern names it, else 0
        # signature -> (the keys of the one-token patterns it matches, the (pattern, token) tests it passes)
        self.known: dict[tuple[int, int, int, int], tuple[tuple[int, ...], frozenset[tuple[int, int]]]] = {}

    @classmethod
    def of(cls, vocab: Vocab, original: Matcher, patterns: Sequence[dict[str, Any]]) -> RuleMatcher | None:
        """A `RuleMatcher` for an attribute ruler's patterns (`AttributeRuler.patterns`), or None when one
        of them tests other attributes than `TOKEN_KEYS`, with other operators than `PREDICATES`, or
        repeats a token (`OP`)."""
        from spacy.matcher import Matcher

        probe = Matcher(vocab)
        longer: list[tuple[int, int]] = []
        words: set[str] = set()
        regexes: list[re.Pattern[str]] = []
        for index, rule in enumerate(patterns):
            key = str(index)  # the ruler names the patterns of its n-th rule "n"
            for pattern in rule["patterns"]:
                for token in pattern:
                    if set(token) - set(TOKEN_KEYS):
                        return None
                    for value in token.values():
                        if isinstance(value, dict) and set(value) - set(PREDICATES):
                            return None
                    lower = token.get("LOWER")
                    if isinstance(lower, str):
                        words.add(lower)
                    elif isinstance(lower, dict):
                        words.update(lower.get("IN", ()), lower.get("NOT_IN", ()))
                        if "REGEX" in lower:
                            regexes.append(re.compile(lower["REGEX"]))
                    elif lower is not None:
                        return None
                if len(pattern) == 1:
                    probe.add(key, [pattern])
                    continue
                for j, token in enumerate(pattern):
                    probe.add(f"part {len(longer)} {j}", [[token]])
                longer.append((vocab.strings.add(key), len(pattern)))
        return cls(vocab, original, probe, longer, (frozenset(words), tuple(regexes)))

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False) -> Any:
        if as_spans or not allow_missing:
            return self.original(doc, allow_missing=allow_missing, as_spans=as_spans)  # type: ignore[call-overload]
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        named, known = self.named, self.known
        signatures = []
        for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            word = named.get(lower)
            if word is None:
                word = named[lower] = lower if self._named(doc.vocab.strings[lower]) else 0
            signatures.append((tag, word, dep, space))
        self._learn(doc, signatures)
        matches: list[tuple[int, int, int]] = []
        n = len(signatures)
        for i, signature in enumerate(signatures):
            keys, parts = known[signature]
            for key in keys:
                matches.append((key, i, i + 1))
            for m, j in parts:
                if j:
                    continue
                key, length = self.longer[m]
                if i + length <= n and all((m, k) in known[signatures[i + k]][1] for k in range(1, length)):
                    matches.append((key, i, i + length))
        return matches

    def _named(self, word: str) -> bool:
        return word in self.named_words or any(p.search(word) for p in self.word_patterns)

    def _learn(self, doc: Doc, signatures: Iterable[tuple[int, int, int, int]]) -> None:
        """Match every token test on one token of each signature not seen before."""
        from spacy.tokens import Doc

        new: dict[tuple[int, int, int, int], int] = {}
        for i, signature in enumerate(signatures):
            if signature not in self.known and signature not in new:
                new[signature] = i
        if not new:
            return
        tokens = [doc[i] for i in new.values()]
        probe = Doc(
            doc.vocab,
            words=[t.text for t in tokens],
            spaces=[False] * len(tokens),
            tags=[t.tag_ for t in tokens],
            heads=list(range(len(tokens))),
            deps=[t.dep_ for t in tokens],
        )
        keys: list[list[int]] = [[] for _ in tokens]
        parts: list[set[tuple[int, int]]] = [set() for _ in tokens]
        for key, start, _ in self.probe(probe, allow_missing=True):
            part = self.parts.get(key)
            if part is None:
                keys[start].append(key)
            else:
                parts[start].add(part)
        for signature, k, p in zip(new, keys, parts, strict=True):
            self.known[signature] = (tuple(k), frozenset(p))

    def __len__(self) -> int:
        return len(self.original)

    def __getattr__(self, name: str) -> Any:  # get, has_key, add...: the original matcher's
        if name.startswith("__") or "original" not in self.__dict__:  # copying and unpickling ask first
            raise AttributeError(name)
        return getattr(self.original, name)
