from __future__ import annotations

import json

import pandas as pd
import pytest
from report_frames import REVIEWER

from claims.report.bundle import render_reports
from claims.report.claimreview import claimreview_jsonld, script_safe_json
from claims.report.findings import build_findings


@pytest.fixture(scope="module")
def graph(frames) -> list[dict]:
    document = json.loads(render_reports(**frames).claimreview)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def _reviewed(conflicts: pd.DataFrame, **columns: object) -> pd.DataFrame:
    """Every finding with the same review columns (status, reviewer, ...)."""
    df = conflicts.copy()
    for name, value in columns.items():
        df[name] = value
    return df


@pytest.mark.parametrize("n", [1])
def test_claimreview_only_the_confirmed_finding(graph, conflicts_df, n):
    assert len(graph) == n
    confirmed = conflicts_df[conflicts_df["status"] == "confirmed"]["conflict_id"].tolist()
    assert [r["identifier"] for r in graph] == confirmed
    assert {r["@type"] for r in graph} == {"ClaimReview"}


@pytest.mark.parametrize(
    "field", ["claimReviewed", "itemReviewed", "author", "reviewRating", "url", "identifier", "datePublished"]
)
def test_claimreview_has_required_fields(graph, field):
    assert all(r.get(field) for r in graph)


@pytest.mark.parametrize("surface", ["15 billion yen"])
def test_claimreview_quotes_claim_a_with_the_reviewer_as_author(graph, surface):
    top = graph[0]
    assert surface in top["claimReviewed"]
    item = top["itemReviewed"]
    assert item["@type"] == "Claim"
    appearance = item["appearance"][0]
    assert appearance["@type"] == "CreativeWork"
    assert appearance["name"] == "osa_brief.md"
    assert appearance["quotation"] == surface
    assert appearance["citation"] == ["MOFA budget request"]
    assert top["author"] == {"@type": "Person", "name": REVIEWER}
    assert top["isBasedOn"]["quotation"] == "18.1 billion yen"
    assert top["datePublished"] == "2026-03-04"  # the day of the decision, not of the run
    assert top["reviewBody"] == "Checked against the MOFA budget page."
    assert top["reviewRating"]["name"] == "confirmed/value_mismatch"


@pytest.mark.parametrize(
    ("status", "reviewer", "tier", "exported"),
    [
        ("confirmed", "Ana", "finding", True),
        ("confirmed", None, "finding", False),  # a ClaimReview says who reviewed
        ("confirmed", "  ", "finding", False),
        ("open", "Ana", "finding", False),
        ("dismissed", "Ana", "finding", False),
        ("confirmed", "Ana", "possible", True),  # a reviewer's verdict, whatever the score said
    ],
)
def test_claimreview_exports_reviewed_confirmed_findings_only(conflicts_df, status, reviewer, tier, exported):
    df = _reviewed(conflicts_df, status=status, reviewer=reviewer, tier=tier)
    graph = json.loads(claimreview_jsonld(build_findings(df, None)))["@graph"]
    assert len(graph) == (len(df) if exported else 0)


@pytest.mark.parametrize("reviewer", ["</script><script>alert(1)</script>", "Ana & Bo <!--"])
def test_claimreview_hostile_text_cannot_close_a_script_element(conflicts_df, reviewer):
    df = _reviewed(conflicts_df, status="confirmed", reviewer=reviewer, reviewed_at="2026-03-04T08:00:00")
    text = claimreview_jsonld(build_findings(df, None))
    assert not set("<>&") & set(text)
    graph = json.loads(text)["@graph"]
    assert {r["author"]["name"] for r in graph} == {reviewer}
    hostile = [
        r
        for r in graph
        if "<script>document.title='pwned'</script>" in r["reviewRating"]["ratingExplanation"]
    ]
    assert len(hostile) == 1  # document text kept verbatim as a JSON string


@pytest.mark.parametrize("text", ["</script>", "\u2028", "a&b"])
def test_claimreview_script_safe_json_round_trips(text):
    assert json.loads(script_safe_json({"x": text}))["x"] == text


@pytest.mark.parametrize("base", ["https://example.org/run/"])
def test_claimreview_absolute_urls_with_base(frames, base):
    document = json.loads(render_reports(**frames, base_url=base).claimreview)
    assert document["@graph"]
    assert all(r["url"].startswith(base + "report.html#f-") for r in document["@graph"])


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Aid rose to $5 million </script><script>alert(1)</script> in 2024.", "<img src=x onerror=alert()>"),
        ("The fund paid $7 million <!-- & --> to the clinic.", "Report </SCRIPT >"),
    ],
)
def test_claimreview_document_text_with_script_end_stays_in_its_element(conflicts_df, sentence, title):
    df = _reviewed(conflicts_df, status="confirmed", reviewer="Ana", reviewed_at="2026-03-04T08:00:00")
    df["sentence_a"] = sentence  # the document's own text, as the claim's sentence
    findings = build_findings(df, None, titles=dict.fromkeys(df["doc_a"], title))
    text = claimreview_jsonld(findings)
    assert "</" not in text
    assert "<!--" not in text
    assert not set("<>&") & set(text)
    graph = json.loads(text)["@graph"]
    assert {r["claimReviewed"] for r in graph} == {sentence}  # kept verbatim, escaped as \u003c
    assert {r["itemReviewed"]["appearance"][0]["name"] for r in graph} == {title}
    # the page that embeds the same records: its ld+json element ends where it should
    page = render_reports(conflicts=df, claims=None, documents=None, summary={}).report_html
    start = page.index('<script type="application/ld+json">')
    end = page.index("</script>", start)
    embedded = page[start + len('<script type="application/ld+json">') : end]
    assert {r["claimReviewed"] for r in json.loads(embedded)["@graph"]} == {sentence}
