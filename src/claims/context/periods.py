"""The period of a number from prose: its sentence (`claims.parse.periods`), a section heading, or a table
that export scattered one cell per line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.parse.periods import (
    Period,
    PeriodMention,
    choose_period,
    find_periods,
    parse_year_cell,
    sentence_reference,
)


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    period: Period | None
    source: str  # sentence, cell, column, row, heading, title, none
    surface: str = ""


def sentence_period(
    sentence: str,
    q_start: int,
    q_end: int,
    *,
    other_quantities: Sequence[tuple[int, int]] = (),
    reference: dt.date | None = None,
) -> PeriodMention | None:
    """The period governing text[q_start:q_end] of a sentence (offsets relative to the sentence).

    >>> s = "Between 2011 and 2021, Japan gave over $40 million to the AHA Centre."
    >>> sentence_period(s, 39, 50).period
    Period(start=2011, end=2021, fiscal=False)
    """
    spans = [(q_start, q_end), *other_quantities]
    if reference is None:
        reference = sentence_reference(sentence)  # `said on 20 December 2024 that ... next fiscal year`
    mentions = [m for m in find_periods(sentence, reference=reference)
                if not any(m.start < e and s < m.end for s, e in spans)]
    return choose_period(mentions, q_start, q_end, sentence, other_quantities=other_quantities)


def heading_period(label: str, *, reference: dt.date | None = None) -> Period | None:
    """A single period named by a heading (`JASMINE Initiative:2023`), else None.

    >>> heading_period('The "Japan-ASEAN Ministerial Initiative" (JASMINE Initiative:2023)')
    Period(start=2023, end=2023, fiscal=False)
    >>> heading_period("Comparative Military Expenditures: 2024-2040")
    Period(start=2024, end=2040, fiscal=False)
    """
    mentions = [m for m in find_periods(label, reference=reference) if m.relation not in {"price_base"}]
    return mentions[0].period if len(mentions) == 1 else None


_YEAR_LABEL_LINE = re.compile(r"^(?:year\(s\)|years?|dates?|period|fiscal\s+years?|fy)\s*:?$", re.IGNORECASE)


def scattered_table_period(text: str, q_start: int, *, reference: dt.date | None = None,
                           max_words: int = 8) -> Period | None:
    """The year of a table that PDF/slide export scattered one cell per line.

    Inside a run of short lines holding the number, a `Year(s)` label line followed by lines that are only
    years gives the period when those years agree (`Year(s)` / `2025` / `2025`).

    >>> t = "Signed the agreement 1 patrol\\n\\nboat\\n\\nIndonesia\\n\\nYear(s)\\n\\n2025\\n\\n2025\\n"
    >>> scattered_table_period(t, 21)
    Period(start=2025, end=2025, fiscal=False)
    """
    line_start = text.rfind("\n", 0, q_start) + 1
    line_end = text.find("\n", q_start)
    line_end = len(text) if line_end < 0 else line_end
    if len(text[line_start:line_end].split()) > max_words or "\t" in text[line_start:line_end]:
        return None
    lines: list[str] = []
    # the run of short lines around the number, blank lines allowed
    pos = line_start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        prev = text[prev_start:pos - 1]
        if "\t" in prev or len(prev.split()) > max_words:
            break
        lines.insert(0, prev.strip())
        pos = prev_start
    pos = line_start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if "\t" in line or len(line.split()) > max_words:
            break
        lines.append(line.strip())
        pos = end + 1
    filled = [x for x in lines if x]
    years: set[Period] = set()
    for i, line in enumerate(filled):
        if not _YEAR_LABEL_LINE.match(line):
            continue
        for cell in filled[i + 1:]:
            p = parse_year_cell(cell, reference=reference)
            if p is None:
                break
            years.add(p)
    return years.pop() if len(years) == 1 else None
