from __future__ import annotations

import re

import pytest
from report_frames import BOOK, BRIEF, DECK, HOSTILE

from claims.report.audit import citing_parts, meaningful_flags
from claims.report.bundle import render_reports
from claims.report.common import page_name

HOSTILE_TITLE = "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"


@pytest.fixture(scope="module")
def pages(frames) -> dict[str, str]:
    return dict(render_reports(**frames).audit_pages)


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr id="c-[^"]+" data-filterable.*?</tr>', page, re.DOTALL)


@pytest.mark.parametrize(
    ("doc", "chapter"),
    [(BOOK, ""), (BOOK, "Chapter 1"), (BOOK, "Chapter 4"), (DECK, ""), (BRIEF, ""), (HOSTILE, "")],
)
def test_audit_page_per_document_and_chapter(pages, doc, chapter):
    assert page_name(doc, chapter) in pages


@pytest.mark.parametrize(("doc", "chapter"), [(DECK, "Chapter 1"), (BRIEF, "Chapter 4")])
def test_audit_no_chapter_pages_for_documents_without_chapters(pages, doc, chapter):
    assert page_name(doc, chapter) not in pages


@pytest.mark.parametrize("chapter", ["Chapter 4"])
def test_audit_chapter_lists_figures_in_reading_order(pages, claims_df, chapter):
    page = pages[page_name(BOOK, chapter)]
    ids = re.findall(r'<tr id="c-([0-9a-f]+)" data-filterable', page)
    expected = claims_df[claims_df["chapter"] == chapter].sort_values("char_start")["claim_id"].tolist()
    assert ids == expected


@pytest.mark.parametrize(
    ("surface", "flags"),
    [
        (
            "8.1 billion yen",
            [
                f"disagrees with {HOSTILE_TITLE}",  # a source is named by its title
                "may disagree with 000_e7bbe042183215ae.txt (possible finding)",
                '<span class="badge new"',  # the hostile finding is new since the last run
                "<b>checked</b> by Editor Eve, 2026-03-04 12:00 UTC: “matches the MOFA table”",
            ],
        ),
        (
            "18.1 billion yen",
            [
                "disagrees with osa_brief.md",
                "(confirmed)",
                "confirmed by Ana Lima &lt;b&gt;, 2026-03-04 08:30 UTC",
                "(dismissed)",
                "dismissed by Chen Wei, 2026-03-02 10:00 UTC",
            ],
        ),
        ("125 per cent", ["arithmetic does not hold: its numbers imply 123.5%", "no period"]),
    ],
)
def test_audit_chapter_flags_each_figure(pages, surface, flags):
    row = next(r for r in _rows(pages[page_name(BOOK, "Chapter 4")]) if f"<mark>{surface}</mark>" in r)
    for flag in flags:
        assert flag in row


@pytest.mark.parametrize(
    ("doc", "chapter", "surface", "flagged"),
    [
        (
            BOOK,
            "Chapter 1",
            "$12.8 billion",
            True,
        ),  # Chapter 1 cites (footnotes): an uncited figure is flagged
        (BOOK, "Chapter 4", "2 billion yen", False),  # no figure of Chapter 4 cites anything: no apparatus
        (DECK, "", "5 billion Yen", False),  # slides: nothing to cite
        (HOSTILE, "", "9 billion yen", False),  # its one figure has a citation
    ],
)
def test_audit_no_citation_only_where_the_part_cites(pages, doc, chapter, surface, flagged):
    row = next(r for r in _rows(pages[page_name(doc, chapter)]) if f"<mark>{surface}</mark>" in r)
    assert ("no citation" in row) is flagged
    assert ("no_citation" in row.split(">", 1)[0]) is flagged  # the row's flag filter codes agree


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("deck.txt", "", ""), ("deck.txt", "", None)], set()),
        (
            [("book.txt", "Chapter 1", "[3] MOFA. 2024."), ("book.txt", "Chapter 4", "")],
            {("book.txt", "Chapter 1")},
        ),
    ],
)
def test_audit_citing_parts(rows, expected):
    assert citing_parts([{"doc": d, "chapter": c, "citation": x} for d, c, x in rows]) == expected


def test_audit_meaningful_flags_on_the_claims_frame(claims_df):
    out = meaningful_flags(claims_df)
    kept = out[out["flags"].str.contains("no_citation")]
    assert set(zip(kept["doc"], kept["chapter"], strict=True)) == {(BOOK, "Chapter 1")}
    assert out["flags"].str.contains("no_period").sum() == claims_df["flags"].str.contains("no_period").sum()


@pytest.mark.parametrize(
    ("marker", "reference"),
    [
        ("(MOFA, 2025)", "Ministry of Foreign Affairs of Japan. 2025. OSA budget request."),
        ("[3]", "MOFA budget request"),
    ],
)
def test_audit_citations_shown_resolved(pages, marker, reference):
    page = pages[page_name(BRIEF)]
    found = re.search(
        r'<span class="marker[^"]*"[^>]*>' + re.escape(marker) + r"</span>(.*?)</div>", page, re.DOTALL
    )
    assert found is not None
    assert "→" in found.group(1)
    assert reference in found.group(1)


@pytest.mark.parametrize(
    ("surface", "column"),
    [("8 billion Yen", "Total Budget (JPY)"), ("$30-34.6 million", "Total Budget (USD, Approx.)")],
)
def test_audit_table_cell_named_by_its_column(pages, surface, column):
    row = next(r for r in _rows(pages[page_name(DECK)]) if f"<mark>{surface}</mark>" in r)
    assert f"table cell, column “{column}”" in row


@pytest.mark.parametrize(("doc", "title"), [(HOSTILE, HOSTILE_TITLE), (BOOK, BOOK)])
def test_audit_pages_named_by_document_title(pages, doc, title):
    page = pages[page_name(doc)]
    assert f"<title>Audit — {title}</title>" in page
    assert f'<a href="{page_name(doc)}">{title}</a>' in pages["index.html"]


@pytest.mark.parametrize("surface", ["18.1 billion yen"])
def test_audit_disagreement_links_to_other_side_and_finding(pages, conflicts_df, surface):
    row = next(r for r in _rows(pages[page_name(BOOK, "Chapter 4")]) if f"<mark>{surface}</mark>" in r)
    high = conflicts_df[conflicts_df["severity"] == "high"].iloc[0]
    assert f'href="{page_name(BRIEF)}#c-{high["claim_a"]}"' in row
    assert f'href="../report.html#f-{high["conflict_id"]}"' in row
    # the linked anchor exists on the other page
    assert f'id="c-{high["claim_a"]}"' in pages[page_name(BRIEF)]


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("figures", 6),
        ("flagged", 3),  # 8.1 and 18.1 disagree, 125% does not add up; the dismissed finding flags nothing
        ("disagree with another source", 2),
        ("arithmetic does not hold", 1),
        ("no citations here: nothing flagged uncited", "—"),
        ("no period", 1),
        ("in possible findings (not counted as flagged)", 1),
    ],
)
def test_audit_chapter_summary_at_top(pages, label, value):
    page = pages[page_name(BOOK, "Chapter 4")]
    top = page[: page.index("<table")]
    assert f'<div class="n">{value}</div><div class="l">{label}</div>' in top


@pytest.mark.parametrize("chapter", ["Chapter 1", "Chapter 4"])
def test_audit_document_page_lists_its_chapters(pages, chapter):
    assert f'<a href="{page_name(BOOK, chapter)}">{chapter}</a>' in pages[page_name(BOOK)]


@pytest.mark.parametrize("citation", ["⁵ Nor, Syakirah."])
def test_audit_shows_citation_with_reference(pages, citation):
    assert citation in pages[page_name(BOOK, "Chapter 1")]


@pytest.mark.parametrize("fiscal", ['FY2025<br><span class="badge" title="fiscal year">fiscal year</span>'])
def test_audit_marks_fiscal_periods(pages, fiscal):
    assert fiscal in pages[page_name(BOOK, "Chapter 4")]


@pytest.mark.parametrize("raw", ["<script>", "<b>Budget</b>", '<a href="javascript', "<img src=x"])
def test_audit_hostile_document_stays_text(pages, raw):
    for html in pages.values():
        body = html.split("</style>", 1)[1]
        assert raw not in body.replace("<script>(function", "")


@pytest.mark.parametrize("name", ["index.html"])
def test_audit_index_links_every_document(pages, documents_df, name):
    index = pages[name]
    for doc in documents_df["doc"]:
        assert f'href="{page_name(doc)}"' in index
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in index  # the hostile title, escaped


@pytest.mark.parametrize(
    ("doc", "chapter", "card"),
    [
        (BOOK, "Chapter 1", '<div class="n">1</div><div class="l">uncited</div>'),
        (BOOK, "Chapter 4", 'id="no-apparatus"'),
        (DECK, "", 'id="no-apparatus"'),
        (BRIEF, "", '<div class="n">0</div><div class="l">uncited</div>'),
    ],
)
def test_audit_uncited_count_only_where_citing_is_done(pages, doc, chapter, card):
    assert card in pages[page_name(doc, chapter)]
