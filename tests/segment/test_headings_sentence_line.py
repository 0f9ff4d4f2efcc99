"""A line of running text is not a heading, even standing alone between blank lines."""

from __future__ import annotations

import pytest

from claims.segment.headings import find_headings
from claims.segment.lines import read_lines


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("The party has kept its 2019 vote share of 41%. (File photo)", False),
        ("Output grew in the spring. Economists had expected less", False),
        ("Regional results 2024", True),
        ("Chile vs. Peru: exports in 2023", True),
    ],
)
def test_headings_sentence_line_is_not_a_title(line, heading):
    text = f"{line}\n\nTurnout reached 66% on polling day, the commission said on Thursday.\n"
    titles = [h.label for h in find_headings(text, read_lines(text), ())]
    assert (line in titles) is heading
