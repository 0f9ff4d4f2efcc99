"""Claim context: footnote markers and the reference entries they resolve to."""

from __future__ import annotations

from claims import context
from claims.segment import segment


def test_context_citation_resolves_marker_and_ibid() -> None:
    text = (
        "Chapter 1\n\nIntro\n\nJapan gave $5 million.¹ Trade rose 5 percent.²\n\n"
        "References\n\n- 1 MOFA. Aid report. 2024.\n- 2 Ibid.\n"
    )
    layout = segment(text)
    start = text.index("Trade")
    end = text.index("percent.") + len("percent.")
    markers = context.citation_markers(layout, text, start, end)
    assert [m.marker for m in markers] == ["2"]
    assert context.format_citation(layout, "Chapter 1", markers) == "[2] Ibid. (MOFA. Aid report. 2024.)"
    first = context.citation_markers(layout, text, text.index("Japan gave"), text.index("million.") + 8)
    assert context.format_citation(layout, "Chapter 1", first) == "[1] MOFA. Aid report. 2024."
