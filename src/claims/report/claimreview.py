"""Confirmed findings as schema.org ClaimReview records (JSON-LD), for fact-checking organisations' tools.

A ClaimReview is a reviewer's verdict, so only findings a reviewer confirmed are exported, each with that
reviewer as its author and the day of the decision as its date; open and dismissed findings, and a
confirmed finding without a reviewer's name, are left out. One ClaimReview per finding: the reviewed claim is
side A's sentence, its appearance is the source document (by its title) with the quote, the counter-evidence
(side B) is given as `isBasedOn`, and the rating names the kind of inconsistency. See
https://schema.org/ClaimReview.

The JSON text has `<`, `>`, `&` (and the two JavaScript line separators) written as `\\u` escapes, so the
same text can sit inside a `<script type="application/ld+json">` element of an HTML page (`report.html`
embeds it) and no document text can close that element.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urljoin

from claims.report.findings import Finding, Side

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe_json(data: object, *, indent: int | None = 2) -> str:
    """JSON text with no character that could close or confuse an HTML script element.

    >>> script_safe_json({"name": "</script><b>&"}, indent=None)
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}\\n'
    >>> json.loads(script_safe_json({"name": "</script>"}))["name"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def exported(finding: Finding) -> bool:
    """A finding goes into ClaimReview: a reviewer confirmed it (a possible finding too: the verdict is the
    reviewer's), and the store says who."""
    return finding.status == "confirmed" and bool(finding.reviewer.strip())


def _url(base_url: str | None, path: str) -> str:
    return urljoin(base_url, path) if base_url else path


def _appearance(side: Side, base_url: str | None) -> dict[str, object]:
    work: dict[str, object] = {
        "@type": "CreativeWork",
        "name": side.name,
        "url": _url(base_url, f"audit/{side.page}#{side.anchor}"),
        "text": side.sentence,
        "quotation": side.surface,
    }
    if side.title and side.title != side.doc:
        work["alternateName"] = side.doc
    if side.chapter or side.section:
        work["isPartOf"] = {"@type": "CreativeWork", "name": side.section or side.chapter}
    if side.citation:
        work["citation"] = [c.reference or f"[{c.marker}]" for c in side.citations]
    return work


def claim_review(finding: Finding, *, base_url: str | None = None) -> dict[str, object]:
    """One confirmed finding as a ClaimReview dict (JSON-serialisable, no NaN)."""
    kind = finding.kind.replace("_", " ")
    rating: dict[str, object] = {
        "@type": "Rating",
        "alternateName": f"Confirmed inconsistency: {kind}",
        "name": f"{finding.status}/{finding.kind}",
        "ratingExplanation": finding.explanation,
    }
    review: dict[str, object] = {
        "@type": "ClaimReview",
        "identifier": finding.conflict_id,
        "url": _url(base_url, f"report.html#{finding.anchor}"),
        "name": f"{finding.severity} {kind}: {finding.topic}".strip().rstrip(":"),
        "claimReviewed": finding.a.sentence,
        "author": {"@type": "Person", "name": finding.reviewer.strip()},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": finding.a.name},
            "appearance": [_appearance(finding.a, base_url)],
        },
        "reviewRating": rating,
        "keywords": [k for k in (finding.severity, finding.kind, finding.scope, finding.topic) if k],
    }
    if finding.b is not None:
        review["isBasedOn"] = _appearance(finding.b, base_url)
    if finding.period:
        review["temporalCoverage"] = finding.period
    if finding.reviewed_at[:10]:
        review["datePublished"] = finding.reviewed_at[:10]
    if finding.review_note:
        review["reviewBody"] = finding.review_note
    return review


def claimreview_graph(findings: Sequence[Finding], *, base_url: str | None = None) -> dict[str, object]:
    """The confirmed findings as one JSON-LD document ({"@context": ..., "@graph": [ClaimReview, ...]})."""
    graph = [claim_review(f, base_url=base_url) for f in findings if exported(f)]
    return {"@context": "https://schema.org", "@graph": graph}


def claimreview_jsonld(findings: Sequence[Finding], *, base_url: str | None = None) -> str:
    """`claimreview_graph` as script-safe JSON text (claimreview.jsonld, or a page's embedded JSON-LD).

    >>> claimreview_jsonld([])
    '{\\n  "@context": "https://schema.org",\\n  "@graph": []\\n}\\n'
    """
    return script_safe_json(claimreview_graph(findings, base_url=base_url))
