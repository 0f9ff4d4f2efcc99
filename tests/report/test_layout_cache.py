"""A serving process keeps the layouts its last reports segmented: the reports are the same, the texts are
not segmented again."""

from __future__ import annotations

import pytest
from report_frames import DECK

from claims.report import tables
from claims.report.bundle import render_reports


@pytest.mark.parametrize("runs", [2])
def test_reports_with_kept_layouts_are_the_reports_without(frames, monkeypatch, runs: int) -> None:
    fresh = render_reports(**frames)
    segmented: list[int] = []
    real = tables.segment
    monkeypatch.setattr(tables, "segment", lambda text: segmented.append(len(text)) or real(text))
    cache = tables.LayoutCache()
    for _ in range(runs):
        kept = render_reports(**frames, layout_cache=cache)
        assert kept.report_html == fresh.report_html
        assert kept.audit_pages == fresh.audit_pages
        assert kept.charts == fresh.charts
    assert segmented == [len(frames["texts"][DECK])]  # the deck's text, segmented by the first run only
    assert len(cache) == 1
