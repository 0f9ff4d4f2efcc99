"""The synthetic corpus generator (bench/synthetic_corpus.py) and its scorer (bench/planted_recall.py).

Generated corpora are tiny here (a few short documents); the benchmark builds the big ones.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import planted_recall  # noqa: E402
import synthetic_corpus  # noqa: E402

SMALL = {
    "n_docs": 6,
    "min_sentences": 6,
    "max_sentences": 12,
    "largest_sentences": 20,
    "contradictions": 4,
    "non_contradictions": 4,
}


def _generate(folder: Path, seed: int = 0) -> tuple[Path, dict]:
    corpus = folder / "raw"
    manifest = synthetic_corpus.generate(corpus, seed=seed, **SMALL)
    return corpus, manifest


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, dict]:
    return _generate(tmp_path_factory.mktemp("synth"))


@pytest.mark.parametrize("seed", [0, 7])
def test_synthetic_corpus_same_seed_gives_identical_files(tmp_path, seed):
    _generate(tmp_path / "a", seed)
    _generate(tmp_path / "b", seed)
    _generate(tmp_path / "c", seed + 1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a")["raw/syn_0000.txt"] != _files(tmp_path / "c")["raw/syn_0000.txt"]


@pytest.mark.parametrize("name", ["planted.json", "figures.jsonl"])
def test_synthetic_corpus_writes_its_answers_outside_the_corpus(generated, name):
    corpus, _ = generated
    assert (corpus.parent / name).is_file()
    assert sorted(p.name for p in corpus.iterdir()) == [f"syn_{i:04d}.txt" for i in range(SMALL["n_docs"])]


def test_synthetic_corpus_every_span_indexes_its_file(generated):
    corpus, manifest = generated
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    for plant in manifest["planted"]:
        assert plant["a"]["doc"] != plant["b"]["doc"]
        for side in (plant["a"], plant["b"]):
            assert texts[side["doc"]][side["start"] : side["end"]] == side["surface"]
    figures = [json.loads(line) for line in (corpus.parent / "figures.jsonl").read_text().splitlines()]
    assert len(figures) > 20
    for f in figures:
        assert texts[f["doc"]][f["start"] : f["end"]] == f["surface"]


@pytest.mark.parametrize("kind", ["value_mismatch", "magnitude_mismatch", "other_party", "other_period"])
def test_synthetic_corpus_planted_pairs_differ_only_as_their_kind_says(generated, kind):
    _, manifest = generated
    pairs = [p for p in manifest["planted"] if p["kind"] == kind]
    assert pairs
    for p in pairs:
        a, b = p["a"], p["b"]
        assert p["contradiction"] == (kind in {"value_mismatch", "magnitude_mismatch"})
        if kind == "value_mismatch":
            assert (a["countries"], a["year"]) == (b["countries"], b["year"])
            assert a["surface"] != b["surface"]
        elif kind == "magnitude_mismatch":
            assert (a["countries"], a["year"]) == (b["countries"], b["year"])
            assert a["surface"] != b["surface"]
            assert a["surface"].replace("billion", "million") == b["surface"].replace("billion", "million")
        elif kind == "other_party":
            assert a["year"] == b["year"]
            assert a["surface"] == b["surface"]
            assert a["countries"] != b["countries"]
        else:
            assert a["countries"] == b["countries"]
            assert 2 <= abs(a["year"] - b["year"]) <= 3


def test_synthetic_corpus_restated_facts_always_agree(generated):
    """Outside the planted pairs, one (shape, year shift, figure) always has one value."""
    corpus, manifest = generated
    planted = {(s["doc"], s["start"]) for p in manifest["planted"] for s in (p["a"], p["b"])}
    values: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for line in (corpus.parent / "figures.jsonl").read_text().splitlines():
        f = json.loads(line)
        if (f["doc"], f["start"]) not in planted:
            shape, shift, _ = f["key"].split("|")
            values[(shape, shift, f["figure"])].add(f["surface"])
    assert values
    assert all(len(v) == 1 for v in values.values())


@pytest.mark.parametrize(
    ("sentence", "slots"),
    [
        # from raw/001: an amount, a year; ASEAN+3 is a name
        (
            "This lays the groundwork for the formal work of finance ministers, resulting in the historic "
            "Chiang Mai Initiative (CMI) in 2000, an unprecedented swap network of \\$200 billion between "
            "ASEAN+3 countries.",
            [("year", "2000"), ("figure", "\\$200 billion")],
        ),
        # G7 and the year of a framework's name are not figures to vary; USD amounts are
        (
            "Tokyo supports the development of advanced economies through the G7’s USD 600 billion "
            "Partnership for Global Infrastructure, while backing ASEAN-led regionalism through the 2023 "
            "Comprehensive Strategic Partnership framework, where USD 75 billion is granted for economic "
            "cooperation.",
            [("figure", "USD 600 billion"), ("year", "2023"), ("figure", "USD 75 billion")],
        ),
        # F-35 is a name; 29 and 400 are counts
        (
            "The growing defense industry includes 29 F-35s and 400 long-range Tomahawks from the US, which "
            "are directly related to Official Security Assistance.",
            [("figure", "29"), ("figure", "400")],
        ),
        # a demonym is a party too
        (
            "January 2024 saw the signing of notes for high-speed patrol boats to the Indonesian Navy valued "
            "at ¥1.2 billion, enhancing surveillance across its vast archipelagic waters.",
            [("year", "2024"), ("country", "Indonesian"), ("figure", "¥1.2 billion")],
        ),
    ],
)
def test_synthetic_corpus_shape_of_finds_the_slots_of_seed_sentences(sentence, slots):
    shape = synthetic_corpus.shape_of(sentence, "seed")
    assert [(s.kind, s.text) for s in shape.slots] == slots


@pytest.mark.parametrize(
    "sentence",
    [
        "The chapter also examines key frameworks such as the Free and Open Indo-Pacific (FOIP), Vientiane "
        "Vision 2.0, JASMINE, and Official Security Assistance (OSA), which guide Japan's capacity-building.",
        "Japan-ASEAN Invitation Program on HA/DR\t2023–Present\tJapan, all ASEAN Member States",  # table row
        "Retrieved from https://www.mofa.go.jp/files/100484617.pdf on 12 May 2024.",  # reference entry
    ],
)
def test_synthetic_corpus_shape_of_skips_sentences_without_figures_to_vary(sentence):
    assert synthetic_corpus.shape_of(sentence, "seed") is None


def _finding(a: dict, b: dict, kind: str = "value_mismatch") -> dict:
    return {
        "conflict_id": f"{a['doc']}{a['start']}{b['doc']}{b['start']}",
        "kind": kind,
        "claim_a": "x",
        "claim_b": "y",
        "doc_a": a["doc"],
        "start_a": a["start"],
        "end_a": a["end"],
        "doc_b": b["doc"],
        "start_b": b["start"],
        "end_b": b["end"],
    }


def test_planted_recall_scores_hits_and_false_findings_by_construction(generated):
    corpus, manifest = generated
    figures = [json.loads(line) for line in (corpus.parent / "figures.jsonl").read_text().splitlines()]
    contra = [p for p in manifest["planted"] if p["contradiction"]]
    looks = [p for p in manifest["planted"] if not p["contradiction"]]
    rows = [_finding(contra[0]["a"], contra[0]["b"]), _finding(looks[0]["b"], looks[0]["a"])]
    claims = pd.DataFrame(
        [{"doc": f["doc"], "char_start": f["start"], "char_end": f["end"]} for f in figures]
    )
    result = planted_recall.score(pd.DataFrame(rows), claims, manifest, figures)
    assert result["contradictions_found"] == 1
    assert result["recall"] == pytest.approx(1 / len(contra))
    assert result["lookalikes_flagged"] == 1
    assert result["planted_figures_extracted"] == result["planted_figures"]
    assert result["findings_by_label"] == {"planted contradiction": 1, "planted look-alike": 1}
