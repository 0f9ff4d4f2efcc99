"""The speed benchmark's corpus (bench/bench_speed.py): N distinct copies of the seeds, and the documents to
add later kept apart. Nothing here runs or times the pipeline."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_speed  # noqa: E402


@pytest.fixture
def seeds(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "seeds"
    folder.mkdir()
    texts = {"a.txt": "Exports rose 5% in 2023.\n", "b.txt": "The fleet has 12 patrol vessels."}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


@pytest.mark.parametrize(("copies", "extra"), [(1, 0), (3, 1), (30, 1), (8, 3)])
def test_bench_speed_copies_are_distinct(seeds: list[Path], tmp_path: Path, copies: int, extra: int) -> None:
    corpus = bench_speed.build_corpus(seeds, tmp_path / "x" / "raw", copies, extra=extra)
    files = sorted(corpus.glob("*.txt"))
    assert len(files) == copies * len(seeds)
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    assert len(digests) == len(files)
    for path in files:  # each copy is its seed, then a last line of its own without a figure
        seed = next(s for s in seeds if path.name.endswith(s.name))
        text = path.read_text(encoding="utf-8")
        assert text.startswith(seed.read_text(encoding="utf-8"))
        assert not any(ch.isdigit() for ch in text.rstrip().rsplit("\n", 1)[-1])
    added = sorted((tmp_path / "x" / "raw-extra").glob("*.txt")) if extra else []
    assert len(added) == extra
    assert all(p.name not in {f.name for f in files} for p in added)
    every = {hashlib.sha256(p.read_bytes()).hexdigest() for p in [*files, *added]}
    assert len(every) == len(files) + len(added)  # each added document is new to the store


@pytest.mark.parametrize("seconds", [[5.0, 7.0, 6.0]])
def test_bench_speed_warm_only_report_gives_each_version_its_median(seconds: list[float]) -> None:
    docs = [{"seconds": s, "run_seconds": s - 0.5, "cpu_seconds": s - 1, "load_before": 2.0} for s in seconds]
    full = {"seconds": 60.0, "cpu_seconds": 50.0}
    versions = {"warm": {"full": full, "new_docs": docs}, "warm-before": {"full": full}}
    results = {"scale": 8, "versions": versions}
    text = bench_speed.report_warm_only(results)
    assert "seconds      5.00 7.00 6.00  median 6.00" in text
    assert "warm-before: full run 60.0 s wall, 50.0 s CPU; 0 new documents:" in text
