from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser

import pandas as pd
import pytest
from report_frames import BRIEF, HOSTILE

from claims.report.bundle import render_reports


@pytest.fixture(scope="module")
def html(frames) -> str:
    return render_reports(**frames).report_html


@pytest.mark.parametrize(
    "raw",
    [
        "<script>document.title='pwned'</script>",
        "<img src=x onerror=\"document.title='pwned'\">",
        "<b>insiders</b>",
        "<b>Budget</b>",
        '<a href="javascript:alert(1)">',
        "<i>(proposed vs reached)</i>",
        "<img src=x>",
        "scan<script>.pdf",
    ],
)
def test_html_hostile_markup_from_data_stays_text(html, raw):
    assert raw not in html


@pytest.mark.parametrize(
    "escaped",
    [
        "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;",
        "&lt;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&gt;",
        "according to &lt;b&gt;insiders&lt;/b&gt;",
    ],
)
def test_html_hostile_markup_shows_escaped(html, escaped):
    assert escaped in html


@pytest.mark.parametrize("tag", ["<script", "<iframe", "<object", "<embed", "<link"])
def test_html_only_our_own_active_elements(html, tag):
    expected = 1 if tag == "<script" else 0
    assert html.lower().count(tag) == expected


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("attribute", ["src", "srcset", "onerror", "onload", "onclick", "style"])
def test_html_no_data_driven_attributes(html, attribute):
    found = [(tag, attrs) for tag, attrs in elements(html) if attribute in attrs]
    assert found == [] or (attribute == "style" and all(t in {"col", "dl", "dd"} for t, _ in found))


@pytest.mark.parametrize("tag_name", ["img", "script", "a"])
def test_html_elements_are_our_own(html, tag_name):
    tags = [attrs for tag, attrs in elements(html) if tag == tag_name]
    if tag_name == "img":
        assert tags == []
    elif tag_name == "script":
        assert tags == [{}]
    else:
        hrefs = [a.get("href") or "" for a in tags]
        assert all(not re.match(r"[a-z][a-z0-9+.-]*:", h) for h in hrefs)  # relative links only


@pytest.mark.parametrize("pattern", [r"@import", r"url\("])
def test_html_is_self_contained(html, pattern):
    assert not re.search(pattern, html, re.IGNORECASE)
    remote = [
        (tag, k, v)
        for tag, attrs in elements(html)
        for k, v in attrs.items()
        if k != "xmlns" and v and "//" in v
    ]
    assert remote == []


@pytest.mark.parametrize("page", ["report"])
def test_html_csp_allows_exactly_the_inline_script(html, page):
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


@pytest.mark.parametrize(
    ("surface_a", "surface_b"),
    [("15 billion yen", "18.1 billion yen")],
)
def test_html_top_finding_shows_both_quotes_marked(html, surface_a, surface_b):
    first = html.split('<article class="finding', 2)[1]
    assert 'data-severity="high"' in first
    assert f"<mark>{surface_a}</mark>" in first
    assert f"<mark>{surface_b}</mark>" in first
    assert "[3] MOFA budget request" in first  # side A's footnote citation
    assert "Chapter 4" in first
    assert "differs by 17.1%" in first
    assert "claims review" in first


@pytest.mark.parametrize("order", [["high", "medium", "medium", "low", "low"]])
def test_html_findings_ranked_by_severity(html, order):
    assert re.findall(r'<article class="finding[^>]*data-severity="(\w+)"', html) == order


@pytest.mark.parametrize("status", ["dismissed"])
def test_html_reviewed_finding_shows_status_and_note(html, status):
    article = next(a for a in html.split("<article")[1:] if f'data-status="{status}"' in a)
    assert "Reviewer note" in article
    assert "&lt;i&gt;(proposed vs reached)&lt;/i&gt;" in article


@pytest.mark.parametrize(
    "control",
    ['name="severity"', 'name="kind"', 'name="doc"', 'name="status"', 'name="scope"', 'name="q"'],
)
def test_html_has_filters_and_search(html, control):
    assert control in html


@pytest.mark.parametrize("doc", [BRIEF, "001_72274b1e3263120b.txt"])
def test_html_document_filter_lists_documents(html, doc):
    assert f'<option value="{doc}">' in html


@pytest.mark.parametrize(
    "text",
    ["data validation", "failed", "rejected files", "claims extracted", "run-test-1", "value mismatch: 2"],
)
def test_html_header_summarises_run(html, text):
    assert text in html


@pytest.mark.parametrize("needle", ["<svg", "OSA budget", "FY2023", "FY2026"])
def test_html_embeds_chart_inline(html, needle):
    charts = html[html.index('id="charts"') : html.index('id="findings"')]
    assert needle in charts


@pytest.mark.parametrize("link", ["audit/index.html", "claimreview.jsonld"])
def test_html_links_other_outputs(html, link):
    assert f'href="{link}"' in html


@pytest.mark.parametrize("hostile", [HOSTILE])
def test_html_links_to_audit_pages_with_safe_names(html, hostile):
    hrefs = re.findall(r'href="(audit/[^"#]+)#c-[0-9a-f]+"', html)
    assert hrefs
    assert all(re.fullmatch(r"audit/[A-Za-z0-9_.-]+\.html", h) for h in hrefs)


@pytest.mark.parametrize(
    ("validation", "shown"),
    [
        (None, "not run"),
        ({"success": True, "failures": [], "docs_index": None}, "passed"),
        ({"success": False, "failures": [], "docs_index": "javascript:alert(1)"}, "failed"),
    ],
)
def test_html_validation_status(frames, validation, shown):
    html = render_reports(**{**frames, "validation": validation}).report_html
    assert f'<div class="n">{shown}</div>' in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("empty", [pd.DataFrame()])
def test_html_renders_a_run_without_findings(empty, documents_df, claims_df):
    html = render_reports(documents=documents_df, claims=claims_df, conflicts=empty, summary={}).report_html
    assert "No inconsistencies found" in html
    assert "<article" not in html


@pytest.mark.parametrize("missing", [None])
def test_html_renders_with_only_conflicts(missing, conflicts_df):
    html = render_reports(documents=missing, claims=missing, conflicts=conflicts_df, summary={}).report_html
    assert "<mark>15 billion yen</mark>" in html  # sentences come from the conflicts' own columns
    assert html.count("<article") == len(conflicts_df)


@pytest.mark.parametrize("n_linked", [4])
def test_html_findings_link_to_their_chart(html, n_linked):
    targets = re.findall(r'<a href="#(chart-[0-9a-f]+)">see the chart', html)
    assert len(targets) == n_linked
    assert all(f'<figure id="{t}">' in html for t in targets)
