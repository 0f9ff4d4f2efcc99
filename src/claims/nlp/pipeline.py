"""Build the spaCy pipeline used for extraction."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from claims.errors import ModelNotFoundError
from claims.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

# Components extraction does not use: lemmas are never read.
EXCLUDED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
QUANTITY_COMPONENT = "claims_quantities"


def build_nlp(settings: Settings | None = None, *, model: str | None = None) -> Language:
    """Load the statistical model without unused components and add the quantity component.

    Keeps tok2vec, tagger, attribute_ruler (POS), parser (sentences, counted nouns) and ner (parties).
    """
    import spacy

    from claims.nlp import factories  # noqa: F401  (registers the claims_* factories)

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
    if QUANTITY_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(QUANTITY_COMPONENT, last=True)
    logger.info("loaded %s with components %s", name, nlp.pipe_names)
    return nlp
