"""The period of a number from prose: its sentence (`claims.parse.periods`), a section heading, or a table
that export scattered one cell per line."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.parse.periods import (
    Period,
    PeriodChooser,
    PeriodMention,
    find_periods,
    parse_year_cell,
    sentence_reference,
)


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    period: Period | None
    source: str  # sentence, cell, column, row, heading, title, none
    surface: str = ""


class SentencePeriods:
    """The period mentions of one sentence, read once, and the period that governs each of its numbers.

    `quantities` are the spans of every number of the sentence (offsets relative to it): a mention that
    overlaps one (`2,015 meters`) is no period. The reference date resolves relative dates; without one,
    the sentence's own last full date does (`said on 20 December 2024 that ... next fiscal year`).

    >>> s = "Exports rose 5% to $3 billion in 2021, and 4% to $2 billion in 2020."
    >>> numbers = [(13, 15), (19, 29), (43, 45), (49, 59)]
    >>> periods = SentencePeriods(s, numbers)
    >>> [periods.period_of(a, b).period.start for a, b in numbers]
    [2021, 2021, 2020, 2020]
    """

    def __init__(
        self, sentence: str, quantities: Sequence[tuple[int, int]], *, reference: dt.date | None = None
    ) -> None:
        if reference is None:
            reference = sentence_reference(sentence)
        spans = sorted(quantities)
        starts = [a for a, _ in spans]
        reach: list[int] = []  # the furthest end among the spans starting at or before each one
        for _, b in spans:
            reach.append(max(b, reach[-1]) if reach else b)

        def overlaps(m: PeriodMention) -> bool:
            k = bisect.bisect_left(starts, m.end)  # spans starting before the mention ends
            return k > 0 and reach[k - 1] > m.start

        mentions = [m for m in find_periods(sentence, reference=reference) if not overlaps(m)]
        self._chooser = PeriodChooser(mentions, sentence, spans)

    def period_of(self, q_start: int, q_end: int) -> PeriodMention | None:
        """The mention governing sentence[q_start:q_end], one of the sentence's numbers."""
        return self._chooser.choose(q_start, q_end)


def sentence_period(
    sentence: str,
    q_start: int,
    q_end: int,
    *,
    other_quantities: Sequence[tuple[int, int]] = (),
    reference: dt.date | None = None,
) -> PeriodMention | None:
    """The period governing text[q_start:q_end] of a sentence (offsets relative to the sentence); for several
    numbers of one sentence, `SentencePeriods` reads the sentence once.

    >>> s = "Between 2011 and 2021, Japan gave over $40 million to the AHA Centre."
    >>> sentence_period(s, 39, 50).period
    Period(start=2011, end=2021, fiscal=False)
    """
    return SentencePeriods(sentence, [(q_start, q_end), *other_quantities], reference=reference).period_of(
        q_start, q_end
    )


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


def scattered_table_period(
    text: str, q_start: int, *, reference: dt.date | None = None, max_words: int = 8
) -> Period | None:
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
        prev = text[prev_start : pos - 1]
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
        for cell in filled[i + 1 :]:
            p = parse_year_cell(cell, reference=reference)
            if p is None:
                break
            years.add(p)
    return years.pop() if len(years) == 1 else None
