"""Held-out quantity sentences (tests/data/heldout): well-formed data, and the extractor keeps its level.

The floors are the value+unit F1 reached when this test was written minus a small margin (one or two
mentions in a small style group), so a regression shows here while a single new borderline case does not.
Per-style failures are listed by bench/heldout_score.py --errors.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "heldout"
BATCHES = ("quantities.jsonl", "quantities2.jsonl", "quantities3.jsonl")

# value+unit F1 of claims (statistical pipeline) reached on each batch, minus a margin
BATCH_FLOORS = {"quantities.jsonl": 0.98, "quantities2.jsonl": 0.98, "quantities3.jsonl": 0.97}
STYLE_FLOOR = 0.93  # every style group (12 to 46 sentences); the lowest reached was 0.955


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (HELDOUT / name).read_text(encoding="utf-8").splitlines() if line]


def _styles() -> list[tuple[str, str]]:
    return sorted({(name, r["style"]) for name in BATCHES for r in _records(name)})


@pytest.mark.parametrize("source", sorted(HELDOUT.glob("quantities*.src.txt")), ids=lambda p: p.name)
def test_heldout_jsonl_is_rebuilt_from_its_markup(source):
    build = _bench("heldout_build")
    target = build.FILES[source]
    assert target.read_text(encoding="utf-8") == build.dumps(build.build(source))


@pytest.mark.parametrize("name", BATCHES)
def test_heldout_offsets_give_back_surfaces(name):
    for record in _records(name):
        for mention in record["mentions"]:
            assert record["text"][mention["start"] : mention["end"]] == mention["surface"]


@pytest.fixture(scope="module")
def predictions(nlp):
    score = _bench("heldout_score")
    records = [r for name in BATCHES for r in _records(name)]
    return score, score.claims_predictions(nlp, records)


@pytest.mark.model
@pytest.mark.parametrize("name", BATCHES)
def test_heldout_value_unit_f1_per_batch_stays_above_floor(predictions, name):
    score, preds = predictions
    result = score.score(_records(name), preds)
    assert result["unit_f1"] >= BATCH_FLOORS[name], (result["misses"], result["extras"], result["wrong_unit"])


@pytest.mark.model
@pytest.mark.parametrize(("name", "style"), _styles())
def test_heldout_value_unit_f1_per_style_stays_above_floor(predictions, name, style):
    score, preds = predictions
    records = [r for r in _records(name) if r["style"] == style]
    result = score.score(records, preds)
    assert result["unit_f1"] >= STYLE_FLOOR, (result["misses"], result["extras"], result["wrong_unit"])
