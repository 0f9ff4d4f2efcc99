"""Deeply nested pages are flattened before libxml2 drops what lies below its depth limit."""

from __future__ import annotations

import pytest

from claims.io.sources.html import MAX_DEPTH, flatten_html, read_html, too_deep

BODY = "<p>Japan pledged $5 million to Laos in 2024.</p>"


def nested(depth: int, tag: str = "div") -> bytes:
    page = (
        "<html><head><title>Deep page</title></head><body>"
        + f"<{tag}>" * depth
        + BODY
        + f"</{tag}>" * depth
        + "<p>The port received 7 vessels.</p></body></html>"
    )
    return page.encode()


@pytest.mark.parametrize("depth", [10, 300, 10_000])
@pytest.mark.parametrize("tag", ["div", "span", "section"])
def test_html_nesting_deep_page_keeps_its_text(depth: int, tag: str) -> None:
    text = read_html(nested(depth, tag)).text
    assert "Japan pledged $5 million to Laos in 2024." in text
    assert "The port received 7 vessels." in text


@pytest.mark.parametrize("depth", [300, 10_000])
def test_html_nesting_flattened_within_the_limit(depth: int) -> None:
    html = nested(depth).decode()
    assert too_deep(html)
    flat = flatten_html(html)
    assert not too_deep(flat)
    assert flat.count("<div>") == MAX_DEPTH - 2  # html and body hold the first two levels
    assert BODY[3:-4] in flat


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),  # implied ends are written
        ("<p>a &amp; b<br>c</p></div>", "<p>a &amp; b<br>c</p>"),  # entities kept, stray end tag dropped
        ("<div><script>if (a</b) {}</script></div>", "<div><script>if (a</b) {}</script></div>"),
    ],
)
def test_html_nesting_flatten_keeps_shallow_markup(html: str, expected: str) -> None:
    assert flatten_html(html, 50) == expected
