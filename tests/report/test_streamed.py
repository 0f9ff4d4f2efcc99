"""Reports from claims read a part at a time: the same files as from the whole frame, audit pages handed
over as they are rendered, and report.html capped with a note on the findings it does not list."""

from __future__ import annotations

import pandas as pd
import pytest

from claims.report.bundle import render_reports
from claims.report.common import rows_by_document


def _parts(claims: pd.DataFrame, size: int) -> object:
    ordered = claims.sort_values("doc", kind="stable").reset_index(drop=True)
    return lambda: (ordered.iloc[i : i + size] for i in range(0, len(ordered), size))


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_streamed_reports_equal_whole(frames, size) -> None:
    whole = render_reports(**frames, renderer="r1")  # type: ignore[arg-type]
    emitted: dict[str, str] = {}
    parts = render_reports(
        **{**frames, "claims": _parts(frames["claims"], size)},  # type: ignore[arg-type]
        renderer="r1",
        emit_audit=emitted.__setitem__,
    )
    assert parts.audit_pages == {}
    assert emitted == whole.audit_pages
    assert (parts.report_html, parts.charts, parts.claimreview) == (
        whole.report_html,
        whole.charts,
        whole.claimreview,
    )
    assert parts.audit_entries == whole.audit_entries


def test_streamed_report_caps_the_listed_findings(frames) -> None:
    whole = render_reports(**frames)  # type: ignore[arg-type]
    capped = render_reports(**frames, shown=1)  # type: ignore[arg-type]
    assert 'id="more-findings"' not in whole.report_html
    assert 'id="more-findings"' in capped.report_html
    assert capped.report_html.count('<article class="finding') < whole.report_html.count(
        '<article class="finding'
    )
    assert '<a href="conflicts.csv">conflicts.csv</a>' in capped.report_html
    assert "more in the tables, not listed here" in capped.report_html  # the count says the list is cut
    assert "more in the tables" not in whole.report_html
    assert capped.claimreview == whole.claimreview


def test_streamed_parts_out_of_document_order_are_refused() -> None:
    parts = [pd.DataFrame({"doc": ["b.txt"]}), pd.DataFrame({"doc": ["a.txt"]})]
    with pytest.raises(ValueError, match="document order"):
        list(rows_by_document(parts))
