"""The period of a number from prose: its sentence (`claims.parse.periods`), a section heading, or a table
that export scattered one cell per line."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claims.lexicon.periods import CHANGE_BASIS_CUES, HEADING_COMPARISON_CUES
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
    overlaps one (`2,015 meters`) is no period, one that holds one is (`over the fifteen years to 2016`).
    The reference date resolves relative dates; without one, the sentence's own last full date does (`said
    on 20 December 2024 that ... next fiscal year`). `context` is the period the account has reached (the
    sentence before, else the section's), which `that year` or `the previous year` is read from when the
    sentence names no year before it.

    >>> s = "Exports rose 5% to $3 billion in 2021, and 4% to $2 billion in 2020."
    >>> numbers = [(13, 15), (19, 29), (43, 45), (49, 59)]
    >>> periods = SentencePeriods(s, numbers)
    >>> [periods.period_of(a, b).period.start for a, b in numbers]
    [2021, 2021, 2020, 2020]
    """

    def __init__(
        self,
        sentence: str,
        quantities: Sequence[tuple[int, int]],
        *,
        reference: dt.date | None = None,
        context: Period | None = None,
        frame: Period | None = None,
    ) -> None:
        if reference is None:
            reference = sentence_reference(sentence)
        spans = sorted(quantities)
        starts = [a for a, _ in spans]
        reach: list[int] = []  # the furthest end among the spans starting at or before each one
        for _, b in spans:
            reach.append(max(b, reach[-1]) if reach else b)

        def overlaps(m: PeriodMention) -> bool:
            """A number crosses the mention (`2,015 meters`); one inside it is part of the phrase (`over the
            fifteen years to 2016`)."""
            k0 = bisect.bisect_left(starts, m.start)  # numbers starting before the mention
            if k0 > 0 and reach[k0 - 1] > m.start:
                return True
            k1 = bisect.bisect_left(starts, m.end)
            return any(spans[k][1] > m.end for k in range(k0, k1))

        found = find_periods(sentence, reference=reference, context=context, frame=frame)
        mentions = [m for m in found if not overlaps(m)]
        self._chooser = PeriodChooser(mentions, sentence, spans)

    def period_of(self, q_start: int, q_end: int) -> PeriodMention | None:
        """The mention governing sentence[q_start:q_end], one of the sentence's numbers."""
        return self._chooser.choose(q_start, q_end)

    def is_base(self, q_start: int, q_end: int) -> bool:
        """Is sentence[q_start:q_end] the base of a comparison (`up from 58.9`): a period found for it
        elsewhere (the sentence before, the heading) is the main figure's, and the base is the one before."""
        return self._chooser.is_base(q_start, q_end)


@dataclass(frozen=True, slots=True)
class PeriodFacet:
    """The time facet of a claim beyond its years, so that reconciliation can tell a quarter from its year,
    two as-of dates apart, and a year-on-year change from a quarter-on-quarter one.

    `grain` and `detail` are those of the claim's `Period` (see `claims.parse.periods.Period`); `as_of` the
    day a stock or running total is read on; `basis` what a change is measured against (`year_on_year`,
    `quarter_on_quarter`, `month_on_month`, `annualised`, "" when the words say nothing). As Claim fields:
    `period_grain: str`, `period_detail: str`, `as_of: date | None`, `change_basis: str`.
    """

    grain: str = ""
    detail: str = ""
    as_of: dt.date | None = None
    basis: str = ""


def period_facet(period: Period | None, sentence: str = "", start: int = 0, end: int = 0) -> PeriodFacet:
    """The time facet of the number at sentence[start:end] whose period is `period`.

    >>> from claims.parse.periods import parse_period
    >>> s = "Revenue rose 4% quarter-on-quarter to $3.1 billion in the third quarter of 2024."
    >>> period_facet(parse_period("the third quarter of 2024"), s, 13, 15)
    PeriodFacet(grain='quarter', detail='2024-Q3', as_of=None, basis='quarter_on_quarter')
    >>> import datetime as dt
    >>> toll = parse_period("as of Sunday", reference=dt.date(2024, 5, 14))
    >>> period_facet(toll).as_of
    datetime.date(2024, 5, 12)
    """
    basis = change_basis(sentence, start, end) if sentence else ""
    if period is None:
        return PeriodFacet(basis=basis)
    grain = period.grain
    if not grain and period.start is not None and period.start == period.end:
        grain = "fiscal_year" if period.fiscal else "year"
    elif not grain:
        grain = "span"
    return PeriodFacet(grain, period.detail or period.label, period.as_of, basis)


_BASIS_CUES = tuple(
    (
        basis,
        re.compile(r"(?<![\w/-])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w/-])", re.IGNORECASE),
    )
    for basis, cues in CHANGE_BASIS_CUES.items()
)
_BASIS_REACH = 80  # characters either side of the number, within its clause


def change_basis(sentence: str, start: int, end: int) -> str:
    """What the change at sentence[start:end] is measured against, from the words of its clause: the first
    basis of `CHANGE_BASIS_CUES` whose words stand within reach.

    >>> s = "GDP grew 1.2% from the previous quarter and 4.1% from a year earlier."
    >>> change_basis(s, 9, 13), change_basis(s, 45, 49)
    ('quarter_on_quarter', 'year_on_year')
    """
    left = max(sentence.rfind(";", 0, start), sentence.rfind(" and ", max(0, start - _BASIS_REACH), start))
    right = min(
        (k for k in (sentence.find(";", end), sentence.find(" and ", end, end + _BASIS_REACH)) if k >= 0),
        default=len(sentence),
    )
    window = sentence[max(left + 1, start - _BASIS_REACH) : min(right, end + _BASIS_REACH)]
    for basis, pattern in _BASIS_CUES:
        if pattern.search(window):
            return basis
    return ""


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

    A period the heading names as a comparison's base ("the year-ago quarter") is a column's, not the
    table's, when the heading names its own too:

    >>> heading_period("Highlights, Q1 2023 (this quarter, the year-ago quarter, the change)").detail
    '2023-Q1'
    """
    mentions = [m for m in find_periods(label, reference=reference) if m.relation not in {"price_base"}]
    own = [m for m in mentions if m.relation != "prior"]
    mentions = own or mentions
    return mentions[0].period if len(mentions) == 1 else None


def section_period(
    path: Sequence[str], *, reference: dt.date | None = None, title: str = ""
) -> Period | None:
    """The period of a section, from its headings (innermost first): a heading without a year takes its
    parent's, and a relative one (`3.1 First quarter` under `3. The rebound of 2022`) is read in its
    parent's year. A heading that names several periods (`The collapse of 2020 and 2021`) stops the search
    (its sections' figures get no heading period). With no heading year at all, the document's `title` gives
    its one year or fiscal year (`The 2022/23 Wheat Season`), else the innermost heading is read against the
    reference date.

    >>> section_period(("Tourism, 2019-2023", "3. The rebound of 2022", "3.1 First quarter")).detail
    '2022-Q1'
    >>> section_period(("Tourism, 2019-2023", "2. The collapse of 2020 and 2021", "Arrivals")) is None
    True
    >>> section_period(("2. The September update",), title="The 2022/23 Wheat Season").label
    'FY2022-2023'
    """
    for depth in range(len(path) - 1, -1, -1):
        mentions = _heading_mentions(path[depth], None)
        if len(mentions) > 1:
            return None
        if not mentions:
            continue
        period = mentions[0].period
        if period.start is not None and period.start == period.end:
            anchor = dt.date(period.start, 12, 31)
            for label in reversed(path[depth + 1 :]):  # a relative sub-heading, read in this year
                inner = _heading_mentions(label, anchor)
                if len(inner) == 1:
                    return inner[0].period
        return period
    titled = _heading_mentions(title, None) if title and (not path or title != path[0]) else []
    if len(titled) == 1 and titled[0].period.start is not None:
        period = titled[0].period
        if period.start == period.end or period.grain == "fiscal_year":
            return period
    return heading_period(path[-1], reference=reference) if path else None


def section_frame(path: Sequence[str]) -> Period | None:
    """The year a section's account starts in when its heading names several (`2. The collapse of 2020 and
    2021` -> 2020): what `that year` refers to before the text names a year of its own.

    >>> section_frame(("Tourism, 2019-2023", "2. The collapse of 2020 and 2021")).label
    '2020'
    >>> section_frame(("3. The rebound of 2022",)) is None
    True
    """
    for label in reversed(path):
        mentions = _heading_mentions(label, None)
        if len(mentions) > 1:
            first = mentions[0].period
            return first if first.start is not None and first.start == first.end else None
        if mentions:
            return None
    return None


def _heading_mentions(label: str, reference: dt.date | None) -> list[PeriodMention]:
    """The period mentions of a heading or title, without price bases and comparison bases.

    >>> [m.surface for m in _heading_mentions("Turnout in 2024 higher than 2019", None)]
    ['2024']
    >>> [m.surface for m in _heading_mentions("Exports up from 2021 levels", None)]
    []
    """
    return [
        m
        for m in find_periods(label, reference=reference)
        if m.relation not in {"price_base", "comparison"}
        and not (m.period.end in (None, m.period.start) and _COMPARISON_BEFORE.search(label, 0, m.start))
    ]


# a comparison cue right before a heading's year: the year is the base compared with
_COMPARISON_BEFORE = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in HEADING_COMPARISON_CUES) + r")[ ]+(?:the[ ]+)?(?:year[ ]+)?\Z",
    re.IGNORECASE,
)


_YEAR_LABEL_LINE = re.compile(r"^(?:year\(s\)|years?|dates?|period|fiscal\s+years?|fy)\s*:?$", re.IGNORECASE)


def scattered_table_period(
    text: str, q_start: int, *, reference: dt.date | None = None, max_words: int = 8
) -> Period | None:
    """The year of a table that PDF/slide export scattered one cell per line.

    Inside a run of short lines holding the number, a `Year(s)` label line followed by lines that are only
    years gives the period when those years agree (`Year(s)` / `2025` / `2025`). The text's lines and runs
    are read once (the last few texts are remembered), and each run's period once, so asking for every
    number of a long list costs time in its length.

    >>> t = "Signed the agreement 1 patrol\\n\\nboat\\n\\nIndonesia\\n\\nYear(s)\\n\\n2025\\n\\n2025\\n"
    >>> scattered_table_period(t, 21)
    Period(start=2025, end=2025, fiscal=False)
    """
    return _line_runs(text, max_words).period(q_start, reference)


class _LineRuns:
    """The lines of a text in runs of short lines (at most `max_words` words and no tab; blank lines join the
    run around them), and the scattered-table period of each run, read on first use."""

    def __init__(self, text: str, max_words: int) -> None:
        self.text = text
        self.starts: list[int] = []  # where each line starts
        self.ends: list[int] = []
        self.run_of: list[int] = []  # each line's run (the index of its first line), -1 for a long line
        pos, first = 0, -1
        while True:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            short = "\t" not in line and len(line.split()) <= max_words
            first = (first if first >= 0 else len(self.starts)) if short else -1
            self.starts.append(pos)
            self.ends.append(end)
            self.run_of.append(first)
            if end >= len(text):
                break
            pos = end + 1
        self._periods: dict[tuple[int, dt.date | None], Period | None] = {}

    def period(self, q_start: int, reference: dt.date | None) -> Period | None:
        k = bisect.bisect_right(self.starts, q_start) - 1
        run = self.run_of[max(k, 0)]
        if run < 0:
            return None  # the number's own line is long or a tab-separated row
        key = (run, reference)
        if key not in self._periods:
            self._periods[key] = self._read(run, reference)
        return self._periods[key]

    def _read(self, run: int, reference: dt.date | None) -> Period | None:
        filled = []
        k = run
        while k < len(self.starts) and self.run_of[k] == run:
            line = self.text[self.starts[k] : self.ends[k]].strip()
            if line:
                filled.append(line)
            k += 1
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


@lru_cache(maxsize=4)
def _line_runs(text: str, max_words: int) -> _LineRuns:
    return _LineRuns(text, max_words)
