"""Findings as schema.org ClaimReview records (JSON-LD), for fact-checking organisations' tools.

One ClaimReview per finding: the reviewed claim is side A's sentence, its appearance is the source document
with the quote, the counter-evidence (side B) is given as `isBasedOn`, and the rating carries the review
status and the kind of inconsistency. See https://schema.org/ClaimReview.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urljoin

from claims.report.findings import Finding, Side

AUTHOR = {"@type": "Organization", "name": "claims pipeline"}

STATUS_WORDS = {
    "open": "Unreviewed inconsistency",
    "confirmed": "Confirmed inconsistency",
    "dismissed": "Dismissed (not an inconsistency)",
}


def _url(base_url: str | None, path: str) -> str:
    return urljoin(base_url, path) if base_url else path


def _appearance(side: Side, base_url: str | None) -> dict[str, object]:
    work: dict[str, object] = {
        "@type": "CreativeWork",
        "name": side.doc,
        "url": _url(base_url, f"audit/{side.page}#{side.anchor}"),
        "text": side.sentence,
        "quotation": side.surface,
    }
    if side.chapter or side.section:
        work["isPartOf"] = {"@type": "CreativeWork", "name": side.section or side.chapter}
    if side.citation:
        work["citation"] = side.citation
    return work


def claim_review(finding: Finding, *, date_published: str = "",
                 base_url: str | None = None) -> dict[str, object]:
    """One finding as a ClaimReview dict (JSON-serialisable, no NaN)."""
    kind = finding.kind.replace("_", " ")
    rating: dict[str, object] = {
        "@type": "Rating",
        "alternateName": f"{STATUS_WORDS.get(finding.status, finding.status)}: {kind}",
        "name": f"{finding.status}/{finding.kind}",
        "ratingExplanation": finding.explanation,
    }
    review: dict[str, object] = {
        "@type": "ClaimReview",
        "identifier": finding.conflict_id,
        "url": _url(base_url, f"report.html#{finding.anchor}"),
        "name": f"{finding.severity} {kind}: {finding.topic}".strip().rstrip(":"),
        "claimReviewed": finding.a.sentence,
        "author": AUTHOR,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": finding.a.doc},
            "appearance": [_appearance(finding.a, base_url)],
        },
        "reviewRating": rating,
        "keywords": [k for k in (finding.severity, finding.kind, finding.scope, finding.topic) if k],
    }
    if finding.b is not None:
        review["isBasedOn"] = _appearance(finding.b, base_url)
    if finding.period:
        review["temporalCoverage"] = finding.period
    if date_published:
        review["datePublished"] = date_published
    if finding.review_note:
        review["reviewBody"] = finding.review_note
    return review


def claimreview_jsonld(findings: Sequence[Finding], *, date_published: str = "",
                       base_url: str | None = None) -> str:
    """All findings as one JSON-LD document ({"@context": ..., "@graph": [ClaimReview, ...]}).

    >>> claimreview_jsonld([])
    '{\\n  "@context": "https://schema.org",\\n  "@graph": []\\n}\\n'
    """
    graph = [claim_review(f, date_published=date_published, base_url=base_url) for f in findings]
    document = {"@context": "https://schema.org", "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
