"""What a validation did, for the tests: the tables Great Expectations ran on, and results.json read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claims.io.validation import gx


def gx_tables(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The tables of each Great Expectations run in this process from now on (filled as they run)."""
    seen: list[set[str]] = []
    run_suites = gx.run_suites

    def spy(frames: Any, suites: Any, *, keep_json: bool) -> Any:
        seen.append(set(frames))
        return run_suites(frames, suites, keep_json=keep_json)

    monkeypatch.setattr(gx, "run_suites", spy)
    return seen


def results(out: Path) -> dict[str, object]:
    """out/validation/results.json without what names the folder or times the run."""
    data = json.loads((out / "validation" / "results.json").read_text(encoding="utf-8"))
    for key in ("seconds", "docs_index", "results_path", "gx_results"):
        data.pop(key)
    return data  # type: ignore[no-any-return]
