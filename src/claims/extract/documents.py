"""Public API: claims of documents, streaming the chunks of all documents through `nlp.pipe`, each document
within a time and memory budget.

Scan first: of each chunk only the pieces that can hold a claim go to spaCy (`claims.extract.chunks.
claim_pieces`: the paragraphs where the plain-text scanner finds a figure that can become a claim, with the
headings and the sentence before that the claim assembly reads), each at its own offset, so offsets stay
exact; a document without such a figure is not parsed at all. On the seeds that is about 36% of the text.

Budgets (`Settings.document_seconds`, `Settings.document_memory_bytes`; 0 turns one off) are checked
cooperatively, in this process, before each chunk of a document goes to spaCy and after each chunk's claims
are read: the time since the document's extraction began (its segmentation included) and the growth of
this process's resident memory since then. A document over budget sends no further chunk, its claims are
dropped, and it comes out as a `Rejection` (`over_time_budget` / `over_memory_budget`); the documents
around it go on. Checks fall between chunks, and chunks are small (`claims.extract.chunks`): a document
overruns its budget by at most one `nlp.pipe` batch (`Settings.max_chars_per_batch` characters) and the
claims of one chunk. Memory in spaCy's worker processes (`n_process` > 1) is not counted: each holds one
batch of chunks at most.

Why cooperative and not one process per document: the budget then works wherever extraction runs (in this
process with spaCy's own worker processes, in a Dask worker thread where signals cannot reach it), costs
nothing per document (no fork, no copy of the model, no pickling of claims), and a document that stops
leaves nothing half-done behind (spaCy's pipe and its workers stay in a known state). What it cannot stop
is one step that never returns; that is why every step is kept linear in its input and bounded by a chunk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.errors import OffsetMismatchError
from claims.extract.assembly import chunk_claims
from claims.extract.build import DocState, finish_document
from claims.extract.chunks import break_long_lines, chunk_chars, chunk_text, claim_pieces
from claims.segment import segment
from claims.settings import Settings
from claims.types import Claim, Document, Rejection

if TYPE_CHECKING:  # spaCy is imported where a pipeline is built, not by a run that extracts nothing
    from spacy.language import Language

logger = logging.getLogger(__name__)

REASON_OVER_TIME = "over_time_budget"
REASON_OVER_MEMORY = "over_memory_budget"


def resident_bytes() -> int:
    """This process's resident memory (RSS) in bytes."""
    import psutil

    return int(psutil.Process().memory_info().rss)


@dataclass(frozen=True, slots=True)
class Probes:
    """Where a budget reads the time (seconds) and the memory (bytes); tests pass their own."""

    clock: Callable[[], float] = time.monotonic
    memory: Callable[[], int] = resident_bytes


@dataclass(frozen=True, slots=True)
class Budget:
    """What one document may spend on extraction; 0 means no limit."""

    seconds: float = 0.0
    memory_bytes: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> Budget:
        return cls(seconds=settings.document_seconds, memory_bytes=settings.document_memory_bytes)

    def overrun(self, seconds: float, memory_bytes: int) -> Rejection | None:
        """The rejection for a document that has spent this much, or None while it is within budget.

        >>> Budget(seconds=60).overrun(75.0, 0).reason
        'over_time_budget'
        >>> Budget(seconds=60, memory_bytes=1 << 30).overrun(12.5, 1 << 20) is None
        True
        """
        if self.seconds > 0 and seconds > self.seconds:
            return Rejection(
                "",
                REASON_OVER_TIME,
                f"extraction ran {seconds:.0f} s, over the {self.seconds:.0f} s budget "
                "(settings.document_seconds / CLAIMS_DOCUMENT_SECONDS)",
            )
        if self.memory_bytes > 0 and memory_bytes > self.memory_bytes:
            return Rejection(
                "",
                REASON_OVER_MEMORY,
                f"extraction grew memory by {memory_bytes >> 20} MB, over the {self.memory_bytes >> 20} MB "
                "budget (settings.document_memory_bytes / CLAIMS_DOCUMENT_MEMORY_BYTES)",
            )
        return None


@dataclass
class _Run:
    """One document on its way through the pipe."""

    document: Document
    started: float
    memory_at_start: int
    state: DocState | None = None
    planned: int = 0  # chunks the document has
    sent: int = 0  # chunks given to spaCy
    done: int = 0  # chunks whose claims were read
    sending_done: bool = False
    over: Rejection | None = None


def _reference_date(document: Document, settings: Settings) -> dt.date | None:
    return document.published or settings.reference_date


def _checked(document: Document, claims: list[Claim]) -> list[Claim]:
    """Claims read from the working text, checked against the document's own text."""
    text = document.text
    for c in claims:
        if text[c.char_start : c.char_end] != c.surface:
            raise OffsetMismatchError(
                "claim offsets do not give back its surface in the document",
                doc=c.doc,
                start=c.char_start,
                end=c.char_end,
                surface=c.surface,
            )
    return claims


def extract_within_budget(
    documents: Iterable[Document],
    nlp: Language,
    settings: Settings,
    *,
    n_process: int = 1,
    probes: Probes | None = None,
    scan_first: bool = True,
) -> Iterator[tuple[Document, list[Claim] | Rejection]]:
    """For each document, in input order: its claims, or the `Rejection` saying which budget it went over.

    The chunks of all documents stream through one `nlp.pipe` (see the module docstring for the budget).
    With `scan_first`, only the pieces of each chunk that can hold a claim are parsed
    (`claims.extract.chunks.claim_pieces`); without, every chunk is parsed whole.
    """
    probes = probes or Probes()
    budget = Budget.from_settings(settings)
    max_chars = chunk_chars(settings)
    runs: dict[int, _Run] = {}

    def check(run: _Run) -> None:
        if run.over is None:
            spent = probes.clock() - run.started
            grown = probes.memory() - run.memory_at_start
            over = budget.overrun(spent, grown)
            if over is not None:
                run.over = dataclasses.replace(over, doc=run.document.doc)
                logger.warning("%s: %s", run.document.doc, run.over.detail)

    def stream() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, document in enumerate(documents):
            run = runs[index] = _Run(document, probes.clock(), probes.memory())
            chunks = chunk_text(document.text, max_chars)
            text = break_long_lines(document.text, chunks)
            view = document if text is document.text else dataclasses.replace(document, text=text)
            layout = segment(text, headings=document.headings)
            run.state = DocState(view, layout, _reference_date(document, settings), chunks)
            pieces = (
                [p for a, b in chunks for p in claim_pieces(text, a, b, layout=layout)]
                if scan_first
                else chunks
            )
            run.planned = len(pieces)
            for start, end in pieces:
                check(run)
                if run.over is not None:
                    break
                run.sent += 1
                yield text[start:end], (index, start)
            run.sending_done = True

    def finished(index: int) -> tuple[Document, list[Claim] | Rejection]:
        run = runs.pop(index)
        if run.over is not None:
            return run.document, run.over
        assert run.state is not None  # set before the document's first chunk is sent
        claims = finish_document(run.state)
        return run.document, claims if run.state.document is run.document else _checked(run.document, claims)

    next_out = 0  # the next document to give out, in input order
    pipe = nlp.pipe(stream(), as_tuples=True, batch_size=settings.batch_size, n_process=n_process)
    for doc, (index, offset) in pipe:
        # results come in input order: every document before this one has had all its chunks back
        while next_out < index:
            yield finished(next_out)
            next_out += 1
        run = runs[index]
        run.done += 1
        if run.over is None:
            assert run.state is not None
            run.state.drafts.extend(chunk_claims(run.state, doc, offset))
            check(run)
        if run.done == run.planned or (run.sending_done and run.done == run.sent):
            yield finished(index)
            next_out += 1
    while next_out in runs:
        yield finished(next_out)
        next_out += 1


def extract_documents(
    documents: Iterable[Document],
    nlp: Language,
    settings: Settings,
    *,
    n_process: int = 1,
    probes: Probes | None = None,
    scan_first: bool = True,
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in input order, streaming the chunks of all documents through `nlp.pipe`.

    A document over its budget gives no claims (and a warning); `extract_within_budget` says which were.
    """
    found = extract_within_budget(
        documents, nlp, settings, n_process=n_process, probes=probes, scan_first=scan_first
    )
    for document, outcome in found:
        yield document, [] if isinstance(outcome, Rejection) else outcome


def extract_claims(document: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """Every claim of one document, in text order (none when it goes over its budget)."""
    for _, claims in extract_documents([document], nlp, settings):
        return claims
    return []
