"""Per-document budgets: a document over its time or memory budget is rejected with its reason and sends no
further chunk; the documents before and after it keep exactly the claims they have without it.

Time and memory are read from probes the test drives: a pipeline component charges each chunk one second
per "slow" and 10 MB per "heavy" it contains, so the outcome depends on the text, never on a timer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claims.extract import extract_documents
from claims.extract.documents import Budget, Probes, extract_within_budget
from claims.settings import Settings
from claims.types import Claim, Document, Rejection

MB = 1 << 20


@dataclass
class Meter:
    seconds: float = 0.0
    memory: int = 0
    chunks: list[str] = field(default_factory=list)

    def probes(self) -> Probes:
        return Probes(clock=lambda: self.seconds, memory=lambda: self.memory)


_METER = Meter()


@Language.component("claims_test_cost")
def _cost(doc: Doc) -> Doc:
    _METER.seconds += doc.text.count("slow")
    _METER.memory += doc.text.count("heavy") * 10 * MB
    _METER.chunks.append(doc.text)
    return doc


@pytest.fixture
def meter() -> Meter:
    global _METER
    _METER = Meter()
    return _METER


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claims_test_cost")
    return nlp


SETTINGS = Settings(document_seconds=30, document_memory_bytes=100 * MB, max_chars_per_batch=16_000)


def _document(name: str, text: str) -> Document:
    return Document(doc=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def _costly(word: str, paragraphs: int = 40) -> Document:
    """A document of `paragraphs` chunks (1,000 characters each at these settings), each costing 2 `word`s."""
    body = f"In {{year}}, the {word} ministry granted ${{k}} million to the {word} port authority. "
    text = "\n\n".join(
        (body.format(year=2000 + k % 20, k=k + 1) + "Filler text follows here. " * 30)[:950]
        for k in range(paragraphs)
    )
    return _document(f"{word}.txt", text)


GOOD = [
    _document("a.txt", "The fund gave $5 million to Laos in 2024.\n"),
    _document("c.txt", "Exports rose 12% to $3.2 billion in 2023, the ministry said.\n"),
]


def _outcomes(
    nlp: Language, documents: list[Document], meter: Meter
) -> list[tuple[str, list[Claim] | Rejection]]:
    found = extract_within_budget(documents, nlp, SETTINGS, probes=meter.probes())
    return [(document.doc, outcome) for document, outcome in found]


@pytest.mark.parametrize(("word", "reason"), [("slow", "over_time_budget"), ("heavy", "over_memory_budget")])
def test_documents_budget_over_budget_document_is_rejected_alone(
    nlp: Language, meter: Meter, word: str, reason: str
) -> None:
    costly = _costly(word)
    outcomes = _outcomes(nlp, [GOOD[0], costly, GOOD[1]], meter)
    assert [doc for doc, _ in outcomes] == ["a.txt", f"{word}.txt", "c.txt"]
    rejection = outcomes[1][1]
    assert isinstance(rejection, Rejection)
    assert (rejection.doc, rejection.reason) == (f"{word}.txt", reason)
    # the costly document stopped sending chunks once over budget: 5 (memory) or 15 (time) chunks fit in the
    # budget, and at most one pipe batch (16 chunks) more went out before the check saw it
    sent = [text for text in meter.chunks if word in text]
    assert 5 <= len(sent) <= 15 + SETTINGS.batch_size
    # the documents around it keep exactly their own claims
    alone = _outcomes(nlp, GOOD, Meter())
    assert [outcomes[0], outcomes[2]] == alone
    assert all(isinstance(claims, list) and claims for _, claims in alone)


def test_documents_budget_within_budget_gives_every_claim(nlp: Language, meter: Meter) -> None:
    costly = _costly("slow", paragraphs=5)  # 10 seconds of a 30-second budget
    outcomes = _outcomes(nlp, [costly], meter)
    claims = outcomes[0][1]
    assert isinstance(claims, list)
    assert sorted({c.value for c in claims if c.unit == "USD"}) == [k * 1e6 for k in range(1, 6)]


@pytest.mark.parametrize("position", [0, 1, 2])
def test_documents_budget_rejected_at_any_position(nlp: Language, meter: Meter, position: int) -> None:
    documents = list(GOOD)
    documents.insert(position, _costly("slow"))
    outcomes = _outcomes(nlp, documents, meter)
    assert [doc for doc, _ in outcomes] == [d.doc for d in documents]
    assert [isinstance(o, Rejection) for _, o in outcomes] == [i == position for i in range(3)]


def test_documents_budget_extract_documents_keeps_the_batch_whole(nlp: Language, meter: Meter) -> None:
    # the API the pipeline calls today: an over-budget document comes back without claims, never missing
    documents = [GOOD[0], _costly("heavy", paragraphs=60), GOOD[1]]
    settings = SETTINGS.model_copy(update={"document_memory_bytes": 50 * MB})
    found = list(extract_documents(documents, nlp, settings, probes=meter.probes()))
    assert [(d.doc, len(claims) > 0) for d, claims in found] == [
        ("a.txt", True),
        ("heavy.txt", False),
        ("c.txt", True),
    ]


@pytest.mark.parametrize(
    ("budget", "seconds", "memory", "reason"),
    [
        (Budget(), 1e9, 1 << 40, None),  # 0: no limit
        (Budget(seconds=60), 60.0, 0, None),
        (Budget(seconds=60), 60.5, 0, "over_time_budget"),
        (Budget(memory_bytes=MB), 0.0, MB + 1, "over_memory_budget"),
    ],
)
def test_documents_budget_overrun(budget: Budget, seconds: float, memory: int, reason: str | None) -> None:
    overrun = budget.overrun(seconds, memory)
    assert (overrun.reason if overrun else None) == reason
