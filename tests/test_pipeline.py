"""Streaming ingestion: batches keep duplicates together, unchanged files are never read, the plan adds up;
the removal guard's arithmetic; a document over its extraction budget is rejected, its neighbours stored."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claims import pipeline
from claims.extract.documents import Probes
from claims.io.store import Store
from claims.pipeline import StreamingIngest, removal_refusal
from claims.settings import Settings


@pytest.fixture
def folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(5):
        (raw / f"d{i}.txt").write_text(
            f"Document {i} says Japan gave ${i + 1} million in 2024.\n", encoding="utf-8"
        )
    (raw / "copy_of_d0.txt").write_bytes((raw / "d0.txt").read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    return raw


@pytest.mark.parametrize("size", [1, 2, 10])
def test_stages_batches_keep_duplicates_together_and_read_everything_once(folder, tmp_path, size):
    settings = Settings(raw_dir=folder, out_dir=tmp_path / "out")
    reader = StreamingIngest(settings, known={}, extractors={}, version="v1")
    batches = reader.batches(size)
    for batch in batches:
        names = {s.doc for s in batch}
        assert ("d0.txt" in names) == ("copy_of_d0.txt" in names)
    loaded = [d.doc for batch in batches for d in reader.load(batch)]
    assert sorted(loaded) == [f"d{i}.txt" for i in range(5)] or sorted(loaded) == sorted(
        ["copy_of_d0.txt", *[f"d{i}.txt" for i in range(1, 5)]]
    )
    plan = reader.summary_plan()
    assert len(plan.new) == 5
    assert {r.reason for r in plan.rejected} == {"duplicate", "empty"}


def test_stages_unchanged_documents_are_not_read_and_removed_ones_are_listed(folder, tmp_path):
    settings = Settings(raw_dir=folder, out_dir=tmp_path / "out")
    first = StreamingIngest(settings, known={}, extractors={}, version="v1")
    known = {s.doc: s.sha256 for s in first.sources}
    extractors = dict.fromkeys(known, "v1")
    (folder / "d1.txt").write_text("Document 1 now says $9 million in 2024.\n", encoding="utf-8")
    (folder / "d2.txt").unlink()
    again = StreamingIngest(settings, known=known, extractors=extractors, version="v1")
    read = [d.doc for batch in again.batches(10) for d in again.load(batch)]
    assert read == ["d1.txt"]
    plan = again.summary_plan()
    assert (plan.new, plan.changed, plan.removed) == ([], ["d1.txt"], ["d2.txt"])
    upgraded = StreamingIngest(settings, known=known, extractors=extractors, version="v2")
    assert len([d for batch in upgraded.batches(10) for d in upgraded.load(batch)]) == 4


def test_stages_full_reads_again_as_reextracted_not_changed(folder, tmp_path):
    settings = Settings(raw_dir=folder, out_dir=tmp_path / "out")
    first = StreamingIngest(settings, known={}, extractors={}, version="v1")
    for batch in first.batches(10):
        first.load(batch)
    known = {s.doc: s.sha256 for s in first.sources if s.doc in first.loaded}
    (folder / "d1.txt").write_text("Document 1 now says $9 million in 2024.\n", encoding="utf-8")
    again = StreamingIngest(
        settings, known=known, extractors=dict.fromkeys(known, "v1"), version="v1", full=True
    )
    for batch in again.batches(10):
        again.load(batch)
    plan = again.summary_plan()
    assert plan.changed == ["d1.txt"]
    assert plan.reextracted == sorted(set(known) - {"d1.txt"})
    assert plan.read == sorted(known)


@pytest.mark.parametrize(("emptied", "removed"), [(0, []), (2, ["d0.txt", "d1.txt"])])
def test_stages_planned_removals_are_known_before_reading(folder, tmp_path, emptied, removed):
    """Files gone or emptied count as removals before anything is read (the removal guard needs them)."""
    settings = Settings(raw_dir=folder, out_dir=tmp_path / "out")
    known = {f"d{i}.txt": "x" for i in range(5)}
    (folder / "d0.txt").unlink()
    if emptied:
        (folder / "d1.txt").write_bytes(b"")
    reader = StreamingIngest(settings, known=known, extractors={}, version="v1")
    assert reader.planned_removals() == (removed or ["d0.txt"])


@pytest.mark.parametrize(
    ("removed", "stored", "refused"),
    [(0, 0, False), (1, 1, True), (2, 4, False), (3, 4, True), (5, 5, True), (1, 100, False)],
)
def test_guards_removal_refusal_over_half_or_all(removed, stored, refused):
    assert bool(removal_refusal([f"d{i}" for i in range(removed)], stored)) is refused


_SPENT = {"seconds": 0.0}


@Language.component("claims_test_pipeline_cost")
def _charge(doc: Doc) -> Doc:
    """Each chunk costs one (pretend) second per "slow" it holds: the budget follows the text, not a timer."""
    _SPENT["seconds"] += doc.text.count("slow")
    return doc


@pytest.mark.parametrize("stored_before", [False, True])
def test_stages_over_budget_document_is_rejected_and_its_neighbours_stored(tmp_path, stored_before):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "quick.txt").write_text("The fund gave $5 million to Laos in 2024.\n", encoding="utf-8")
    paragraph = "In 2023 the slow ministry granted ${k} million to the slow port authority. "
    slow_text = "\n\n".join(paragraph.format(k=k) + "Filler words follow here. " * 30 for k in range(30))
    (raw / "slow.txt").write_text(slow_text, encoding="utf-8")
    settings = Settings(
        raw_dir=raw, out_dir=tmp_path / "out", document_seconds=10, max_chars_per_batch=16_000
    )
    known = {"slow.txt": "an earlier version"} if stored_before else {}
    reader = StreamingIngest(settings, known=known, extractors={}, version="v1")
    documents = [d for batch in reader.batches(10) for d in reader.load(batch)]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claims_test_pipeline_cost")
    _SPENT["seconds"] = 0.0
    probes = Probes(clock=lambda: _SPENT["seconds"], memory=lambda: 0)

    outcome = pipeline.extract(documents, settings, nlp=nlp, probes=probes)
    kept, extracted, over = pipeline.over_budget(documents, outcome)
    reader.reject(over)
    settings.out_dir.mkdir()
    with Store(settings.db_path) as store:
        pipeline.store_batch(store, kept, extracted, version="v1", sources=reader.sources)
        stored = set(store.documents_df()["doc"])

    assert [(r.doc, r.reason) for r in over] == [("slow.txt", "over_time_budget")]
    assert stored == {"quick.txt"}
    plan = reader.summary_plan()
    assert (plan.new, plan.changed) == (["quick.txt"], [])
    assert [(r.doc, r.reason) for r in plan.rejected] == [("slow.txt", "over_time_budget")]
    assert plan.removed == (["slow.txt"] if stored_before else [])  # an earlier version is not kept
