from __future__ import annotations

import json

import pytest

from claims.report.bundle import render_reports


@pytest.fixture(scope="module")
def graph(frames) -> list[dict]:
    document = json.loads(render_reports(**frames).claimreview)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


@pytest.mark.parametrize("n", [5])
def test_claimreview_one_review_per_finding(graph, n):
    assert len(graph) == n
    assert {r["@type"] for r in graph} == {"ClaimReview"}


@pytest.mark.parametrize(
    "field", ["claimReviewed", "itemReviewed", "author", "reviewRating", "url", "identifier"]
)
def test_claimreview_has_required_fields(graph, field):
    assert all(r.get(field) for r in graph)


@pytest.mark.parametrize("surface", ["15 billion yen"])
def test_claimreview_top_review_quotes_claim_a(graph, surface):
    top = graph[0]
    assert surface in top["claimReviewed"]
    item = top["itemReviewed"]
    assert item["@type"] == "Claim"
    appearance = item["appearance"][0]
    assert appearance["@type"] == "CreativeWork"
    assert appearance["name"] == "osa_brief.md"
    assert appearance["quotation"] == surface
    assert top["author"] == {"@type": "Organization", "name": "claims pipeline"}
    assert top["isBasedOn"]["quotation"] == "18.1 billion yen"
    assert top["datePublished"] == "2026-03-05"


@pytest.mark.parametrize(("status", "kind"), [("open", "value_mismatch"), ("dismissed", "rounding")])
def test_claimreview_rating_carries_status_and_kind(graph, status, kind):
    rating = next(r["reviewRating"] for r in graph if r["reviewRating"]["name"] == f"{status}/{kind}")
    assert rating["@type"] == "Rating"
    assert kind.replace("_", " ") in rating["alternateName"]
    assert rating["ratingExplanation"]


@pytest.mark.parametrize("raw", ["<script>document.title='pwned'</script>"])
def test_claimreview_keeps_document_text_verbatim_as_json_strings(graph, raw):
    assert any(raw in r["reviewRating"]["ratingExplanation"] for r in graph)


@pytest.mark.parametrize("base", ["https://example.org/run/"])
def test_claimreview_absolute_urls_with_base(frames, base):
    document = json.loads(render_reports(**frames, base_url=base).claimreview)
    assert all(r["url"].startswith(base + "report.html#f-") for r in document["@graph"])
