"""The claim stage's view of the "not a claim" rules, which live in `claims.parse.nonclaims`.

`claim_drop_reason(text, layout, quantity, url_spans)` says why a quantity of a document is not a claim
(front matter, a reference list, a URL, a footnote marker, an imprint line, an address, a time reference, a
page or list number, a label, a year), or "" to keep it. `TRAILING_CITATION` finds a parenthesised citation
that ends a line, `line_bounds` the line that holds a span.
"""

from __future__ import annotations

import re

from claims.parse.around import line_bounds
from claims.parse.nonclaims import URL, claim_drop_reason

__all__ = ["TRAILING_CITATION", "URL", "claim_drop_reason", "line_bounds"]

TRAILING_CITATION = re.compile(r"[ \t]*\([^()\n]{1,60}\)[.;]?(?=[ \t]*(?:\n|$))")
"""A parenthesised citation that ends its line: `... in 2023 (World Bank 2024).`"""
