"""Shared fixtures: the seed corpus, a small corpus folder, and one Prefect test harness per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

# data builders are scripts, not tests: their doctests are not collected (`--doctest-modules` is on)
collect_ignore_glob = ["data/*"]

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
SEED_DOCS = sorted(p.name for p in RAW.glob("*.txt"))


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Two short seed articles in a fresh folder (a real, fast end-to-end input)."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in ("003_66334d0d25dd3bf9.txt", "004_9c485ca171c3d093.txt"):
        shutil.copyfile(RAW / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def prefect_harness():
    """One ephemeral Prefect API for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def nlp():
    """The statistical pipeline, loaded once per session (tests using it are marked `model`)."""
    from claims.nlp.pipeline import build_nlp
    from claims.settings import Settings

    return build_nlp(Settings())
