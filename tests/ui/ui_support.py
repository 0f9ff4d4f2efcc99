"""Shared by the review workspace's tests: the hostile document and the screenshot helper."""

from __future__ import annotations

import os
from pathlib import Path

HOSTILE_NAME = '"><img src=x onerror=alert(1)>.txt'
HOSTILE_TEXT = "\n\n".join(
    [
        '<script>window.pwned = 1; alert("pwned")</script> Harbour'
        ' <b onmouseover="alert(2)">annual</b> report',
        "Port Authority of Example <i>Bay</i>",
        'In 2023 the port authority <img src=x onerror="window.pwned=2"> received $120 million from Japan'
        " for four new patrol boats.",
        "The dredging works cost $45 million in 2023, according to the"
        ' <a href="javascript:alert(3)">audit</a>.',
        "Summing up the year, the port authority received $180 million from Japan in 2023"
        " for the four new patrol boats.\n",
    ]
)
"""A document written for these tests: markup in its text and in its file name, and two figures that
disagree (so it has a finding of its own)."""

SCREENSHOTS = os.environ.get("CLAIMS_UI_SCREENSHOTS", "")
"""Set to a folder (docs/screenshots) to keep screenshots of the main pages while the tests drive them."""


def screenshot(page: object, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]
