"""Audit pages rendered only where their inputs changed: what is kept from the previous set and what is
rendered again together give exactly the pages of a full render."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from report_frames import BOOK, BRIEF, DECK, HOSTILE

from claims.report.bundle import RenderedReports, render_reports
from claims.report.incremental import entries_from_json, entries_to_json


def _render(frames: dict[str, object], **changes: object) -> RenderedReports:
    return render_reports(**{**frames, **changes})  # type: ignore[arg-type]


def _assembled(previous: RenderedReports, now: RenderedReports) -> dict[str, str]:
    """The new set's audit folder: the pages kept from the previous set, and the pages rendered now."""
    return {**{name: previous.audit_pages[name] for name in now.audit_reused}, **now.audit_pages}


def _pages_of(rendered: RenderedReports, doc: str) -> set[str]:
    return set(rendered.audit_entries[doc].pages)


def _next_run(frames: dict[str, object]) -> dict[str, object]:
    return {**frames, "summary": {**frames["summary"], "run_id": "run-test-2"}}  # type: ignore[dict-item]


def _edit_claim(frames: dict[str, object]) -> dict[str, object]:
    claims = frames["claims"].copy()  # type: ignore[attr-defined]
    row = claims.index[claims["doc"] == BRIEF][0]
    claims.loc[row, "subject"] = "OSA budget for coast guards"
    return {**frames, "claims": claims}


def _mark_figure(frames: dict[str, object]) -> dict[str, object]:
    claims: pd.DataFrame = frames["claims"]  # type: ignore[assignment]
    claim = claims[claims["doc"] == DECK].iloc[0]
    mark = {
        "claim_id": claim["claim_id"],
        "doc": DECK,
        "mark": "needs_fix",
        "note": "the slide rounds it",
        "reviewer": "Editor Eve",
        "marked_at": "2026-03-05T12:00:00.000000+00:00",
        "surface": claim["surface"],
    }
    return {**frames, "marks": pd.concat([frames["marks"], pd.DataFrame([mark])], ignore_index=True)}


def _dismiss_finding(frames: dict[str, object]) -> dict[str, object]:
    conflicts = frames["conflicts"].copy()  # type: ignore[attr-defined]
    row = conflicts.index[conflicts["doc_a"] == HOSTILE][0]
    conflicts.loc[row, "status"] = "dismissed"
    return {**frames, "conflicts": conflicts}


def test_incremental_document_pages_carry_no_run(frames) -> None:
    first = _render(frames)
    second = _render(_next_run(frames))
    assert first.audit_pages["index.html"] != second.audit_pages["index.html"]  # the index names the run
    for name, html in first.audit_pages.items():
        if name != "index.html":
            assert second.audit_pages[name] == html, name


def test_incremental_unchanged_set_renders_only_the_index(frames) -> None:
    first = _render(frames, renderer="r1")
    second = _render(_next_run(frames), previous_audit=first.audit_entries, renderer="r1")
    assert set(second.audit_pages) == {"index.html"}
    assert set(second.audit_reused) == set(first.audit_pages) - {"index.html"}
    assert _assembled(first, second) == _render(_next_run(frames)).audit_pages
    assert second.audit_entries == first.audit_entries


@pytest.mark.parametrize(
    ("change", "touched"),
    [
        pytest.param(_edit_claim, {BRIEF}, id="claim-edited"),
        pytest.param(_mark_figure, {DECK}, id="figure-marked"),
        pytest.param(_dismiss_finding, {HOSTILE, BOOK}, id="finding-dismissed"),
    ],
)
def test_incremental_renders_the_changed_documents_only(
    frames, change: Callable[[dict[str, object]], dict[str, object]], touched: set[str]
) -> None:
    first = _render(frames, renderer="r1")
    changed = change(_next_run(frames))
    second = _render(changed, previous_audit=first.audit_entries, renderer="r1")
    full = _render(changed)
    assert _assembled(first, second) == full.audit_pages
    rendered = {
        doc for doc, entry in second.audit_entries.items() if set(entry.pages) <= set(second.audit_pages)
    }
    assert rendered == touched
    for doc in touched:
        assert any(second.audit_pages[p] != first.audit_pages[p] for p in _pages_of(second, doc)), doc


@pytest.mark.parametrize(
    "previous",
    [
        pytest.param("other-renderer", id="code-changed"),
        pytest.param("no-renderer", id="no-renderer-given"),
    ],
)
def test_incremental_other_code_renders_every_page(frames, previous: str) -> None:
    first = _render(frames, renderer="r1")
    renderer = "r2" if previous == "other-renderer" else ""
    second = _render(_next_run(frames), previous_audit=first.audit_entries, renderer=renderer)
    assert second.audit_reused == ()
    assert set(second.audit_pages) == set(first.audit_pages)


def test_incremental_entries_round_trip_through_json(frames) -> None:
    entries = _render(frames, renderer="r1").audit_entries
    assert entries_from_json(entries_to_json(entries)) == entries
