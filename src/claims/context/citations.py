"""Citations: the footnote markers of a sentence and the reference entries they resolve to."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.segment import Layout
from claims.types import Footnote


def citation_markers(layout: Layout, text: str, start: int, end: int) -> list[Footnote]:
    """Footnote markers of the sentence text[start:end], including markers glued right after its end
    (`... oil.⁸`), excluding a marker at its very start (it closes the previous sentence)."""
    markers = [f for f in layout.footnotes_between(start, end) if f.start > start or start == 0]
    pos = end
    while pos < len(text) and pos - end < 4:
        nxt = layout.footnotes_between(pos, pos + 1)
        if nxt:
            markers.extend(nxt)
            pos = nxt[0].end
        elif text[pos] in " .,;:)\"'”’":
            pos += 1
        else:
            break
    seen: dict[int, Footnote] = {}
    for f in markers:
        seen.setdefault(f.start, f)
    return sorted(seen.values(), key=lambda f: f.start)


def format_citation(layout: Layout, chapter: str, markers: Sequence[Footnote]) -> str:
    """`[5] Nor, Syakirah. "Japan deepens ..."`; `Ibid.` entries name the entry they repeat."""
    parts = []
    for f in markers:
        ref = layout.resolve(chapter, f.marker)
        if ref is None:
            parts.append(f"[{f.marker}]")
            continue
        body = ref.text
        if re.match(r"ibid\b", body, re.IGNORECASE):
            previous = _previous_real_reference(layout, chapter, ref.number)
            if previous:
                body = f"{body} ({previous})"
        parts.append(f"[{f.marker}] {body}")
    return " | ".join(parts)


def _previous_real_reference(layout: Layout, chapter: str, number: str) -> str:
    try:
        n = int(number)
    except ValueError:
        return ""
    for k in range(n - 1, 0, -1):
        ref = layout.resolve(chapter, str(k))
        if ref is not None and not re.match(r"ibid\b", ref.text, re.IGNORECASE):
            return ref.text
    return ""
