"""Public API: claims of documents, streaming the chunks of all documents through `nlp.pipe`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language

from claims.extract.assembly import _chunk_claims
from claims.extract.build import _DocState, _finish
from claims.extract.chunks import chunk_text
from claims.segment import segment
from claims.settings import Settings
from claims.types import Claim, Document


def _reference_date(document: Document, settings: Settings) -> dt.date | None:
    return document.published or settings.reference_date


def extract_documents(
    documents: Iterable[Document], nlp: Language, settings: Settings, *, n_process: int = 1
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in input order, streaming the chunks of all documents through `nlp.pipe`."""
    states: dict[int, _DocState] = {}

    def stream() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, document in enumerate(documents):
            layout = segment(document.text, headings=document.headings)
            chunks = chunk_text(document.text, settings.max_chars_per_chunk)
            states[index] = _DocState(document, layout, _reference_date(document, settings), chunks)
            for start, end in chunks:
                yield document.text[start:end], (index, start)

    pipe = nlp.pipe(stream(), as_tuples=True, batch_size=settings.batch_size, n_process=n_process)
    for doc, (index, offset) in pipe:
        state = states[index]
        state.drafts.extend(_chunk_claims(state, doc, offset))
        state.done += 1
        if state.done == len(state.chunks):
            claims = _finish(state)
            del states[index]
            yield state.document, claims


def extract_claims(document: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """Every claim of one document, in text order."""
    for _, claims in extract_documents([document], nlp, settings):
        return claims
    return []
