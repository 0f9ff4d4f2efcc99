"""Every spaCy factory and registered function of the project, in one place (versioned names)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from claims.nlp.quantities import (
    DOC_ATTR,
    SPAN_KEY,
    Scanner,
    compute_quantities,
    ensure_extension,
    quantity_to_dict,
    spans_for,
)
from claims.parse.scan import scan

ensure_extension()


PARAGRAPH_COMPONENT = "claims_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """A blank line starts a sentence: a heading or a title line with no full stop ("Quarterly results",
    then a blank line, then "Phone revenue grew 6% ...") is not parsed as the subject of the first sentence
    after it. Set before the parser, which keeps sentence starts it is given."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@registry.misc("claims.quantity_scanner.v1")
def make_quantity_scanner() -> Scanner:
    """The plain-text quantity scanner (`claims.parse.scan.scan`)."""
    return scan


class QuantityRecognizer:
    """Finds quantities (`match`), then writes them to `doc._.quantities` and `doc.spans`."""

    def __init__(self, nlp: Language, name: str, scanner: Callable[..., list], span_key: str) -> None:
        self.name = name
        self.scanner = scanner
        self.span_key = span_key

    def match(self, doc: Doc) -> list:
        return compute_quantities(doc, scanner=self.scanner)

    def set_annotations(self, doc: Doc, quantities: list) -> None:
        # plain dicts, so Docs survive `nlp.pipe(n_process>1)` (msgpack cannot serialise dataclasses)
        doc._.set(DOC_ATTR, [quantity_to_dict(q) for q in quantities])
        if self.span_key:
            doc.spans[self.span_key] = spans_for(doc, quantities)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory(
    "claims_quantities",
    default_config={"scanner": {"@misc": "claims.quantity_scanner.v1"}, "span_key": SPAN_KEY},
    assigns=[f"doc._.{DOC_ATTR}", "doc.spans"],
    requires=["doc.sents"],
)
def make_quantity_recognizer(
    nlp: Language, name: str, scanner: Callable[..., list], span_key: str
) -> QuantityRecognizer:
    return QuantityRecognizer(nlp, name, scanner, span_key)
