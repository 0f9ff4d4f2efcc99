"""Paragraph-aligned chunks of a long text for spaCy (`Settings.max_chars_per_chunk`)."""

from __future__ import annotations


def chunk_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Split `text` into (start, end) chunks of at most `max_chars`, cut at paragraph breaks when possible,
    else at line breaks, else after a sentence end, else hard.

    >>> chunk_text("aaa\\n\\nbbb\\n\\nccc", 8)
    [(0, 5), (5, 13)]
    >>> chunk_text("", 10)
    [(0, 0)]
    """
    if max_chars <= 0 or len(text) <= max_chars:
        return [(0, len(text))]
    chunks = []
    start = 0
    n = len(text)
    while start < n:
        limit = start + max_chars
        if limit >= n:
            chunks.append((start, n))
            break
        window = text[start:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". "):
            k = window.rfind(sep)
            if k > max_chars // 4:
                cut = start + k + len(sep)
                break
        if cut <= start:
            cut = limit
        chunks.append((start, cut))
        start = cut
    return chunks
