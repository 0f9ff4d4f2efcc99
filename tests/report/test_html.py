from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser

import pandas as pd
import pytest
from report_frames import BRIEF, DECK, HOSTILE, REVIEWER

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
    expected = 2 if tag == "<script" else 0  # the filter script and the ClaimReview JSON-LD data block
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
        assert tags == [{"type": "application/ld+json"}, {}]
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
    assert "'unsafe-inline'" not in re.search(r"script-src[^;]*", unescape(html)).group(0)
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
    assert "MOFA budget request" in first  # side A's footnote citation
    assert "Chapter 4" in first
    assert "differs by 17.1%" in first
    assert "claims review" in first


@pytest.mark.parametrize("order", [["high", "medium", "medium", "low", "low"]])
def test_html_findings_ranked_by_severity_possible_last(html, order):
    assert re.findall(r'<article class="finding[^>]*data-severity="(\w+)"', html) == order
    tiers = re.findall(r'<article class="finding[^>]*data-tier="(\w+)"', html)
    assert tiers == ["finding"] * 4 + ["possible"]


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (
            "dismissed",
            [
                'by <b class="reviewer">Chen Wei</b>',
                "2026-03-02 10:00 UTC",
                "&lt;i&gt;(proposed vs reached)&lt;/i&gt;",
            ],
        ),
        (
            "confirmed",
            [
                f'by <b class="reviewer">{REVIEWER.replace("<", "&lt;").replace(">", "&gt;")}</b>',
                "2026-03-04 08:30 UTC",
                "History: 2 decisions",
                "looked like rounding",  # the earlier decision, in the history
                '<span class="badge new"',
            ],
        ),
    ],
)
def test_html_reviewed_finding_shows_who_when_and_history(html, status, shown):
    article = next(a for a in html.split("<article")[1:] if f'data-status="{status}"' in a)
    for text in shown:
        assert text in article


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


@pytest.mark.parametrize(("card", "number"), [("count-findings", 4), ("count-possible", 1)])
def test_html_headline_counts_findings_by_tier(html, card, number):
    found = re.search(rf'id="{card}"><div class="n">(\d+)</div><div class="l">(.*?)</div>', html)
    assert found is not None
    assert int(found.group(1)) == number
    if card == "count-findings":
        assert found.group(2).startswith(
            "findings: 2 open, 1 confirmed, 1 dismissed; 2 new since the last run"
        )


def test_html_severity_and_kind_counts_leave_possible_findings_out(html):
    assert "rounding: 1" in html  # the dismissed one; the possible rounding finding is not counted
    assert '<span class="badge sev-low">low 1</span>' in html


def test_html_glance_lists_every_open_finding_with_its_status(html, conflicts_df):
    glance = _section(html, 'id="glance"', "</table>")
    rows = re.findall(r'<tr class="sev-\w+" data-follows="f-([0-9a-f]+)">', glance)
    expected = conflicts_df[(conflicts_df["status"] == "open") & (conflicts_df["tier"] == "finding")]
    assert set(rows) == set(expected["conflict_id"])
    assert len(rows) == len(expected) == 2
    assert "<th>status</th>" in glance
    assert glance.count('<span class="badge st-open">open</span>') == 2
    assert "assigned to Bo Chen" in glance


def test_html_possible_findings_in_their_own_section(html, conflicts_df):
    possible = conflicts_df[conflicts_df["tier"] == "possible"]["conflict_id"].tolist()
    section = html[html.index('<div id="possible-list">') :]
    main = _section(html, '<div id="list">', '<div id="possible-list">')
    assert [f"f-{c}" for c in possible] == re.findall(r'<article [^>]*id="(f-[0-9a-f]+)"', section)
    assert all(f"f-{c}" not in main for c in possible)
    assert '<option value="possible">possible findings</option>' in html


def test_html_table_cell_quoted_with_its_column_headers(html):
    deck = next(a for a in html.split("<article")[1:] if DECK in a and "8 billion Yen" in a)
    table = re.search(r'<table class="cellctx">(.*?)</table>', deck, re.DOTALL).group(1)
    assert "<th>(OSA) Fiscal Year</th>" in table
    assert '<th class="hit">Total Budget (JPY)</th>' in table
    assert '<td class="hit">- 8 billion Yen</td>' in table


def test_html_embeds_claimreview_for_confirmed_findings_only(html, conflicts_df):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    graph = json.loads(block)["@graph"]
    assert [r["identifier"] for r in graph] == conflicts_df[conflicts_df["status"] == "confirmed"][
        "conflict_id"
    ].tolist()
    assert graph[0]["author"]["name"] == REVIEWER


@pytest.mark.parametrize(
    ("summary", "shown"),
    [
        (
            {"run_id": "r9", "status": "failed_validation", "started_at": "2026-03-06T06:00:00+00:00"},
            ["failed validation", "r9", "2026-03-06 06:00 UTC"],
        ),
        (
            {
                "run_id": "r9",
                "status": "crashed",
                "finished_at": "2026-03-06T06:02:00",
                "error": "OSError: <disk full>",
            },
            ["crashed", "OSError: &lt;disk full&gt;"],
        ),
        (
            {
                "run_id": "r1",
                "status": "ok",
                "latest_run": {"run_id": "r2", "status": "refused", "finished_at": "2026-03-07T06:00:00"},
            },
            [
                "refused",
                "r2",
                "2026-03-07 06:00 UTC",
                'The results below are from run <span class="mono">r1</span>',
            ],
        ),
    ],
)
def test_html_header_shows_the_latest_run_status(frames, summary, shown):
    html = render_reports(**{**frames, "summary": summary}).report_html
    box = _section(html, 'id="latest-run"', "</section>")
    for text in shown:
        assert text in box
    assert 'class="card bad"' in html[html.index('class="runstatus"') :][:200]


@pytest.mark.parametrize(
    ("docs_index", "href"),
    [
        ("processed/validation/index.html", "validation/index.html"),  # relative to where the run started
        ("/srv/claims/processed/versions/20260305/validation/index.html", "validation/index.html"),
        ("validation/index.html", "validation/index.html"),
    ],
)
def test_html_validation_link_stays_inside_the_output_set(frames, docs_index, href):
    validation = {"success": True, "failures": [], "docs_index": docs_index}
    html = render_reports(**{**frames, "validation": validation}).report_html
    assert f'<a href="{href}">full validation report</a>' in html


@pytest.mark.parametrize(
    "control",
    ['name="severity"', 'name="kind"', 'name="doc"', 'name="status"', 'name="scope"', 'name="q"'],
)
def test_html_has_filters_and_search(html, control):
    assert control in html


@pytest.mark.parametrize(
    ("doc", "name"),
    [
        (BRIEF, BRIEF),
        ("001_72274b1e3263120b.txt", "001_72274b1e3263120b.txt"),
        (HOSTILE, "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"),
    ],
)
def test_html_document_filter_lists_documents_by_title(html, doc, name):
    value = (
        doc.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )
    assert f'<option value="{value}">{name}</option>' in html


@pytest.mark.parametrize(
    "text",
    [
        "data validation",
        "failed",
        "rejected files",
        "claims extracted",
        "run-test-1",
        "value mismatch: 2",
        "2026-03-05 09:01 UTC",
    ],
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


@pytest.mark.parametrize("n_linked", [3])
def test_html_findings_link_to_their_chart(html, n_linked):
    targets = re.findall(r'<a href="#(chart-[0-9a-f]+)">see the chart', html)
    assert len(targets) == n_linked
    assert all(f'<figure id="{t}" data-follows=' in html for t in targets)


@pytest.mark.parametrize(
    ("quarantined", "shown"), [({"claims": 2, "conflicts": 1}, "2 claims, 1 finding"), ({"claims": 0}, "")]
)
def test_html_header_shows_quarantined_rows(frames, quarantined, shown):
    html = render_reports(
        **{**frames, "summary": {**frames["summary"], "quarantined": quarantined}}
    ).report_html
    assert ('id="quarantined"' in html) is bool(shown)
    if shown:
        assert f"({shown})" in html
        assert '<a href="quarantine.csv">quarantine.csv</a>' in html
