"""Operations tests: the `claims` command in fresh processes on small real folders (no mocks of the store or
of Prefect). One seeded output per session (two short seed articles and two statements of one budget that
disagree, so there is a finding to review); each test works on a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ops_support import OSA_A, OSA_B, SEEDS, Workspace, run_claims

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A published output folder made by one real run (shared; tests work on copies)."""
    base = tmp_path_factory.mktemp("seeded")
    raw = base / "raw"
    raw.mkdir()
    for name in SEEDS:
        shutil.copyfile(ROOT / "raw" / name, raw / name)
    (raw / "osa_a.txt").write_text(OSA_A, encoding="utf-8")
    (raw / "osa_b.txt").write_text(OSA_B, encoding="utf-8")
    out = base / "processed"
    ran = run_claims("run", "--raw", raw, "--out", out, "--workers", "1")
    assert ran.code == 0, ran.output
    return Workspace(raw, out, ran)


@pytest.fixture
def workspace(seeded: Workspace, tmp_path: Path) -> Workspace:
    """A private copy of the seeded input and output folders (links kept as links)."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(seeded.raw, raw)
    shutil.copytree(seeded.out, out, symlinks=True)
    return Workspace(raw, out, seeded.ran)
