"""Which period governs a number: mentions usable for it (not a price base, a comparison baseline or an
event's date) and the rules that pick the nearest attached one.

Cost: `PeriodChooser` reads a text's words, punctuation, period mentions and numbers once; the period of
one number then looks only at the mentions within `max_cost` words of it (every word between a number and
a mention costs one, so a farther mention can never win) and counts words, commas and brackets by binary
search, so a sentence with n numbers costs about n log n, not n^3. Work per number is capped: the
one-period fallback (a number far from every mention) reads at most `max_fallback` mentions of the number's
part of the sentence, and a part naming more gives no fallback period (a long list of dated figures names no
single period for an undated one); `from X to Y` under a range looks back at most `_ENDS_WINDOW` characters.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from claims.lexicon.periods import CHANGE_WORDS, REVISION_NOUNS
from claims.parse.periods.expressions import LEVEL_AFTER, is_comparison_base
from claims.parse.periods.mentions import Period, PeriodMention
from claims.parse.periods.patterns import DETERMINER_BEFORE

_CLAUSE_BREAK = re.compile(
    r""";|:\s|\s[–—-]\s|\bwhile\b|\bwhereas\b|,\s+(?:and|but|while|whereas|which|where|when)\b
      |,\s+[a-z]+ing\b          # a participle clause (`..., requiring $134.7 billion`)
      |\band\s*,                # `... and, in 2023, ...`: the next conjunct""",
    re.VERBOSE,
)
_WORD = re.compile(r"\w+")
_NOUN_OF_FIGURE = re.compile(
    r"""\s+(?:(?!(?:and|or|but|while|as|with|a|an|the|its|their|which|that|to|in|on|for|by|from)\b)
           [a-z]+\s+){1,3}?                                      # the noun it names: fall, revenue
    (?:of|was|were|stood\s+at|reached)\s+                        # of, was
    (?:(?:about|around|nearly|almost|some|just|only|roughly|an?|the)\s+)?  # (about)
    (?:[$€£¥₹]|us\$|rs\.?)?\s*""",
    re.VERBOSE | re.IGNORECASE,
)
"""Between an adjectival period and a later number: the noun it names and the number's lead-in (`fall of`)."""


_ADVERBIAL_AFTER = re.compile(r"\s*,")


_MEASURE_OF = r"(?:[a-z-]+\s+){1,3}of\s+"
"""What a base is named by, between its comparison word and the number: `against (an) operating loss of`."""
_BASE_BEFORE = re.compile(
    r"""\b(?:from|than|(?:below|above)(?=\s+the\b)|compared\s+(?:with|to)|against|versus|vs\.?)\s+  # from
    (?:(?:about|around|roughly|nearly|almost|some|approximately|just|only|a|an|the)\s+)?  # (a)
    (?:(?:record|revised|peak\s+of|high\s+of|low\s+of)\s+)?  # (record / peak of)
    (?:(?:(?<=against\s)|(?<=from\s))(?:an?\s+)?"""
    + _MEASURE_OF
    + r""")?$""",  # against (an) operating loss of, up from a net loss of
    re.VERBOSE | re.IGNORECASE,
)
"""Before a number that is the base of a comparison (`rose to 5.8% from 4.2% in April`)."""
_NEXT_CONJUNCT = re.compile(r"\b(?:and|but)\s*,\s*(?:(?:in|by|during|for|as\s+of)\s+)?$", re.IGNORECASE)


_BASELINE_GAP = re.compile(  # matched in place (`match(text, end, mention.start)`): no `^`
    r"""[\s,]*
    (?:(?:more|less|fewer|higher|lower|up|down|above|below|an?\s+increase|a\s+decrease|\w+er)\s+)?
    (?:(?:from|than|against|versus|vs\.?|compared\s+(?:with|to)|relative\s+to|as\s+against)\s+   # from 2022
       (?:(?:that\s+)?(?:in|of|during)\s+)?
     | (?:below|above|beneath)\s+(?:(?:its|their)\s+)?
     | (?:over|on)\s+(?=the\s+(?:same|corresponding|comparable|previous|prior|revised|original|initial
                              |budgeted|year[-\s](?:earlier|ago)))
     | on\s+(?=$))                                   # `an increase of £550 million on 2023/24`
    (?:the\s+)?
    (?:(?:same|corresponding|comparable|previous|prior|revised|original|initial|budgeted|year[-\s]earlier
         |year[-\s]ago)\s+)?
    (?:(?:period|quarter|month|months|half|year|level|levels|figure|figures|estimates?|allocations?
         |budgets?|outturn)\s+)?
    (?:(?:in|of|during|last)\s+)?
    (?:the\s+)?(?:(?:fiscal\s+(?:year\s+)?|FY\s?))?$""",
    re.VERBOSE | re.IGNORECASE,
)
"""Between a change and a year: the year of the comparison base (`a decrease of 11% from 2022`, `6.2% over
the corresponding period in 2023`), never the period of the change itself."""
_BASELINE_BEFORE = re.compile(
    r"""\b(?:compared\s+(?:with|to)|relative\s+to|versus|vs\.?|against)\s+
    (?:(?:the\s+)?(?:same\s+)?(?:period|quarter|month|year)\s+(?:of|in)\s+)?(?:the\s+)?$""",
    re.VERBOSE | re.IGNORECASE,
)
_FROM_NUMBER = re.compile(
    r"""\bfrom\s+(?:(?:about|around|some|nearly|just|only|over)\s+)?  # from (about)
    (?:(?:a\s+)?(?:record|revised|peak\s+of|high\s+of|low\s+of)\s+)?  # (a record / a peak of)
    (?:"""
    + _MEASURE_OF
    + r""")?$""",  # from (an) operating loss of
    re.VERBOSE | re.IGNORECASE,
)
_TO_NUMBER = re.compile(r"\bto\s+(?:(?:about|around|some|nearly|just|only|a\s+record)\s+)?$", re.IGNORECASE)
_FROM_NUMBER_ANYWHERE = re.compile(
    r"\bfrom\s+(?:(?:about|around|some|nearly|over|a\s+record)\s+)?[$€£¥\d]", re.IGNORECASE
)
_FROM_BEFORE = re.compile(r"\bfrom\b(?P<what>[^,;:.()]{0,45})$", re.IGNORECASE)
_TIME_WORDS = re.compile(
    r"\b(?:the|a|an|late|early|mid|end|start|beginning|middle|last|first|second|third"
    r"|fourth|final|quarter|half|of|in|year|fiscal|this|next|same)\b|[-\s]",
    re.IGNORECASE,
)
_TO_AFTER = re.compile(r"^[^,;:.()\d]{0,20}?\bto\b", re.IGNORECASE)
_BASE_WORD_BEFORE = re.compile(
    r"""\b(?:from|than|compared\s+(?:with|to)|against|over|on)\s+  # from / than
    (?:in\s+)?(?:the\s+)?                                           # (in) (the)
    (?:same\s+(?:period|quarter|month|half|week)\s+(?:of\s+|in\s+)?)?$""",  # (same quarter)
    re.VERBOSE | re.IGNORECASE,
)
"""Before `a year earlier` / `the previous quarter` that is the base of a comparison (`lower than in the
previous quarter`, `from the same quarter a year before`)."""
_COMPARISON_WORD = re.compile(
    r"\b(?:than|from|compared|against|versus|vs\.?|relative|below|above)\b", re.IGNORECASE
)
_APPOSITIVE_OR = re.compile(r",\s+or\s+[^,;()]*,")  # `, or $0.03 per diluted share,`: the figure again
_POSSESSIVE_GAP = re.compile(r"['’]s\s+|\s+")  # `the previous season's 276.3`, `the 2019 figure of`
_OWN_AFTER_GAP = re.compile(r"\s+(?:of|in|for|during)\s+", re.IGNORECASE)  # `205.1 million tons of 2021/22`
_EVENT_CLAUSE_END = re.compile(
    r"""[,;:()\[\]–—]|\s-\s|\bbut\b|\bwhile\b
      |\band\s+(?:now|has|have|had|is|are|was|were|its|it|\w+ing|\w+ed)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_NOT_FALLBACK = frozenset({"citation", "day", "release", "now", "prior"})
_DAY_COST = {"day": 6.0, "release": 9.0, "now": 3.0, "relative": 1.0, "prior": 1.0}
_NAME_AFTER = re.compile(r"^\s+(?:[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*")
UNUSABLE = frozenset({"price_base", "comparison"})
"""Relations that never give a value its period."""


def usable(mention: PeriodMention, start: int, end: int, text: str) -> bool:
    """Can this mention date the number at text[start:end] at all?

    Not: price bases and comparisons (`the highest since 2015`); the base year of a change (`up 11% from
    2022`); the year of a founding or creation (`established in 2005`) unless the number sits in that
    clause (`founded in 1967 by five countries`).

    >>> from claims.parse.periods import find_periods
    >>> t = "The EAS, established in 2005 and comprising 19 participants, met."
    >>> usable(find_periods(t)[0], 44, 46, t)
    False
    >>> t = "ASEAN was founded in 1967 by five countries."
    >>> usable(find_periods(t)[0], 31, 35, t)
    True
    """
    if mention.relation in UNUSABLE:
        return False
    if mention.relation == "prior" and _BASE_WORD_BEFORE.search(
        text[max(0, mention.start - 40) : mention.start]
    ):
        return False  # `rose 5% from a year earlier`: the base of a comparison
    if (
        mention.relation == "prior"
        and mention.start >= end
        and _COMPARISON_WORD.search(text, max(end, mention.start - 80), mention.start)
    ):
        return False  # `75.6%, 0.3 points lower than a year earlier`: the base of the change after it
    if mention.start >= end and _BASELINE_GAP.match(text, end, mention.start):
        return False
    if is_comparison_base(text, mention) and not (
        (mention.end <= start and _POSSESSIVE_GAP.fullmatch(text, mention.end, start))
        or (
            mention.start >= end
            and _OWN_AFTER_GAP.fullmatch(text, end, mention.start)
            and not LEVEL_AFTER.match(text, mention.end)
        )
    ):  # `61% below its 2019 level`, `than in 2019`: the year compared with (but its own figure's year:
        return False  # `below the previous season's 276.3 million tons`)
    if (
        mention.relation == "prior"
        and mention.preposition == "of"
        and not (mention.start >= end and re.fullmatch(r"\s+of\s+", text[end : mention.start]))
    ):
        return False  # `after the drought of the previous season`: the period of the noun before `of`
    if mention.end <= start and _BASELINE_BEFORE.search(text[max(0, mention.start - 50) : mention.start]):
        return False
    origin = _FROM_BEFORE.search(text[max(0, mention.start - 50) : mention.start])
    if (
        mention.end <= start
        and origin
        and _TO_AFTER.match(text[mention.end : min(start, mention.end + 32)])
        and _TIME_WORDS.sub(" ", origin.group("what")).strip()
    ):
        return False  # `from the crisis of the late 1990s to become a $4.81 trillion economy`: the origin
    if mention.event >= 0:
        return mention.event < start and not _EVENT_CLAUSE_END.search(text, mention.event, start)
    return True


def choose_period(
    mentions: Sequence[PeriodMention],
    start: int,
    end: int,
    text: str,
    *,
    other_quantities: Sequence[tuple[int, int]] = (),
    max_cost: float = 30.0,
    fallback: bool = True,
) -> PeriodMention | None:
    """The period mention that governs the number at text[start:end]: the nearest one in the same clause.

    Costs add the words between number and period, clause breaks and commas crossed, a period that sits
    beside another number, a period without a governing preposition, author-year citations, and relative
    days (`on Thursday`; a release day, `data showed on Thursday`, costs most). Mentions that cannot date the
    number (`usable`) are skipped. With `fallback`, a number too far from every mention still takes the
    sentence's period when all its usable mentions name one and the same period. A plain year chosen
    while the sentence names the same year as a fiscal year (`Budget 2024 ... for FY2024`) is the fiscal one.
    For many numbers of one text, build one `PeriodChooser` and ask it for each.

    >>> from claims.parse.periods import find_periods
    >>> text = "Trade jumped from $40 billion in 1990 to $120 billion by the year 2000."
    >>> ms = find_periods(text)
    >>> choose_period(ms, 18, 29, text, other_quantities=[(41, 53)]).surface
    '1990'
    >>> choose_period(ms, 41, 53, text, other_quantities=[(18, 29)]).surface
    '2000'
    """
    chooser = PeriodChooser(
        mentions, text, [(start, end), *other_quantities], max_cost=max_cost, fallback=fallback
    )
    return chooser.choose(start, end)


_BASE_REACH = 120  # characters before a number read for its comparison cue
_COMPARED_BEFORE = re.compile(
    r"""\b(?:compared\s+(?:with|to)|against|versus|vs\.?|relative\s+to|(?:below|above)(?=\s+the\b))\s+
    (?:(?:the|a|an)\s+)?  # (the)
    (?:(?:about|around|roughly|nearly|almost|some|approximately|just|only|over)\s+)?  # (about)
    (?:(?:a\s+)?(?:record|revised|peak\s+of|high\s+of|low\s+of)\s+)?  # (a record / a peak of)
    (?:"""
    + _MEASURE_OF
    + r""")?$""",  # against (an) operating loss of, compared with net income of
    re.VERBOSE | re.IGNORECASE,
)
"""Right before the base of a comparison: `compared with 3.1% in 2022`, `against 1.2 million`."""
_OTHER_PARTY_AFTER = re.compile(
    r"""[^;]*?(?:\brespectively\b
      |\bfor\s+(?!(?:the\s+|that\s+|this\s+)?(?:years?|periods?|quarters?|months?|half|fiscal|FY|season|\d))[A-Za-z])""",
    re.VERBOSE | re.IGNORECASE,
)
"""After a compared figure that belongs to other parties (`for coal and nuclear respectively`)."""
_TO_NUMBER_BEFORE = re.compile(r"\bto\s+[^\s,;]*\d")  # `rose to 5.8% from ...`: the change's new value
_UNGOVERNED_AFTER_BASE = frozenset({"prior", "relative"})
"""Relations of a period without a preposition that still belong to the base figure they follow (`up from
58.9 a year ago`, `against 1.2 million the previous year`, `up from 28 million last year`)."""
_EVENT_OF_YEAR_BEFORE = re.compile(r"\b(?:in|at|during|for|since)\s+the\s+$", re.IGNORECASE)
"""Before a year that names an event of that year (`from 4.06% in the 2019 elections to ...`): read with the
base it follows, like a year after its preposition."""

_CHANGE_BEFORE = re.compile(
    r"""\b(?:rose|rise|risen|fell|fallen|grew|grown|increased|decreased|declined|dropped|climbed|jumped|gained
      |lost|shrank|expanded|contracted|up|down|by|increase\s+of|decrease\s+of|growth\s+of|change\s+of)\s+
    (?:(?:about|around|some|nearly|almost|roughly|an\s+estimated)\s+)?$""",
    re.VERBOSE | re.IGNORECASE,
)
"""Right before a change (`rose by 24%`, `up 5%`)."""
_GAIN_OF = re.compile(
    r"""[^;.]{0,40}?\b(?:an?\s+(?:\w+\s+)?(?:gain|increase|rise|growth|jump|decline|decrease|drop|fall|change
    |improvement|contraction|expansion)\s+of|(?:up|down)\s+(?:by\s+)?)\s+(?:(?:about|some|nearly|almost)\s+)?""",
    re.VERBOSE | re.IGNORECASE,
)  # `, a gain of` after `from X in 2006 to Y in 2007`
_SPAN_FROM = re.compile(r"[^;]*?\bfrom\b(?:(?!\bto\b)[^;])*", re.IGNORECASE)  # `..., from 1,039 TWh in`
_SPAN_TO = re.compile(r"(?:(?!\bfrom\b)[^;])*?\bto\b[^;]*", re.IGNORECASE)  # ` to 1,284 TWh in`

_ENDS_WINDOW = 400
"""How far back (characters) `from X to Y` under a range is looked for (`Between 2015 and 2023, visitors
fell from 7.9 million to 3.5 million`)."""


class _TextIndex:
    """Word tokens and punctuation positions of a text: counts over any slice by binary search."""

    __slots__ = ("word_starts", "word_ends", "marks")

    def __init__(self, text: str, marks: str = ",;():") -> None:
        self.word_starts: list[int] = []
        self.word_ends: list[int] = []
        for m in _WORD.finditer(text):
            self.word_starts.append(m.start())
            self.word_ends.append(m.end())
        self.marks: dict[str, list[int]] = {ch: [] for ch in marks}
        for i, ch in enumerate(text):
            positions = self.marks.get(ch)
            if positions is not None:
                positions.append(i)

    def words(self, a: int, b: int) -> int:
        """`len(_WORD.findall(text[a:b]))`: the words of the text that overlap the slice."""
        if a >= b:
            return 0
        return max(0, bisect.bisect_left(self.word_starts, b) - bisect.bisect_right(self.word_ends, a))

    def count(self, ch: str, a: int, b: int) -> int:
        """`text[a:b].count(ch)` for one of the indexed marks."""
        positions = self.marks[ch]
        return max(0, bisect.bisect_left(positions, b) - bisect.bisect_left(positions, a))

    def last_before(self, ch: str, pos: int) -> int:
        """`text.rfind(ch, 0, pos)`."""
        positions = self.marks[ch]
        k = bisect.bisect_left(positions, pos)
        return positions[k - 1] if k else -1

    def first_from(self, ch: str, pos: int) -> int:
        """`text.find(ch, pos)`."""
        positions = self.marks[ch]
        k = bisect.bisect_left(positions, pos)
        return positions[k] if k < len(positions) else -1


class PeriodChooser:
    """The governing period of each number of one text (`choose_period`'s rules), with the text, its
    mentions and its numbers indexed once.

    >>> from claims.parse.periods import find_periods
    >>> text = "Exports rose 5% to $3 billion in 2021, and 4% to $2 billion in 2020."
    >>> numbers = [(13, 15), (19, 29), (43, 45), (49, 59)]
    >>> chooser = PeriodChooser(find_periods(text), text, numbers)
    >>> [chooser.choose(s, e).surface for s, e in numbers]
    ['2021', '2021', '2020', '2020']
    """

    def __init__(
        self,
        mentions: Sequence[PeriodMention],
        text: str,
        quantities: Sequence[tuple[int, int]],
        *,
        max_cost: float = 30.0,
        fallback: bool = True,
        max_fallback: int = 32,
    ) -> None:
        self.text = text
        self.mentions = list(mentions)
        self.max_cost = max_cost
        self.fallback = fallback
        self.max_fallback = max_fallback
        self._index = _TextIndex(text)
        order = range(len(self.mentions))
        self._by_start = sorted(order, key=lambda i: self.mentions[i].start)
        self._starts = [self.mentions[i].start for i in self._by_start]
        self._by_end = sorted(order, key=lambda i: self.mentions[i].end)
        self._ends = [self.mentions[i].end for i in self._by_end]
        fiscal: dict[tuple[int | None, int | None], list[int]] = {}
        for i, m in enumerate(self.mentions):
            if m.period.fiscal:
                fiscal.setdefault((m.period.start, m.period.end), []).append(i)
        self._fiscal = fiscal
        # numbers by start, with the least end from each on (is a number inside a gap?), and by end
        by_start = sorted(quantities)
        self._q_starts = [qs for qs, _ in by_start]
        least = []
        low = None
        for _, qe in reversed(by_start):
            low = qe if low is None or qe < low else low
            least.append(low)
        self._q_least_end = least[::-1]
        by_end = sorted(quantities, key=lambda q: (q[1], q[0]))
        self._q_by_end = by_end
        self._q_ends = [qe for _, qe in by_end]

    # -- the rules, each over the indexed text ------------------------------------------------------------

    def _number_inside(self, a: int, b: int) -> bool:
        """Some number lies wholly inside text[a:b]."""
        k = bisect.bisect_left(self._q_starts, a)
        return k < len(self._q_starts) and self._q_least_end[k] <= b

    def _attached_elsewhere(self, mention: PeriodMention, start: int, *, base_only: bool = False) -> bool:
        """A prepositional period right after another number (`$40 billion in 1990`) belongs to that number.
        With `base_only`, only when that number is a comparison base (`up from 64 in 2022`). Numbers are read
        back from the mention while the gap stays near (a wider gap only adds words and commas)."""
        text, index = self.text, self._index
        k = bisect.bisect_right(self._q_ends, mention.start)
        while k > 0:
            k -= 1
            qs, qe = self._q_by_end[k]
            near = (
                index.words(qe, mention.start) <= 3
                and not index.count(",", qe, mention.start)
                and not index.count(";", qe, mention.start)
            )
            if not near:
                break
            if qs == start or qe > start >= qs:
                return False  # the nearest number before the period is this one: the period is its own
            if not base_only or _BASE_BEFORE.search(text[max(0, qs - 30) : qs]):
                return True
        return False

    def is_base(self, start: int, end: int) -> bool:
        """Is the number at text[start:end] the base of a comparison (`up from 58.9`, `compared with 3.1%`,
        `rose to 5.8% from 4.2%`, `from 3.4 million ... to`), other than a revised forecast or estimate of the
        same period (`raised its forecast for 2024/25 to 7.2% from 7%`)?"""
        text = self.text
        before = text[max(0, start - _BASE_REACH) : start]
        clause = re.split(r"[;:]|[.!?]\s", before)[-1]
        if _COMPARED_BEFORE.search(clause):
            base = True
        elif _FROM_NUMBER.search(clause):
            lead = clause[: _FROM_NUMBER.search(clause).start()].lower()  # type: ignore[union-attr]
            base = bool(set(_WORD.findall(lead)) & CHANGE_WORDS or _TO_NUMBER_BEFORE.search(lead)) or bool(
                re.match(r"[^,;.]{0,30}?\bto\b", text[end : end + 40])
            )
        else:
            return False
        if _OTHER_PARTY_AFTER.match(text, end, min(len(text), end + 80)):
            return False  # `against 0.83 and 0.77 ... for coal and nuclear`: other parties in the same period
        return base and not set(_WORD.findall(clause.lower())) & REVISION_NOUNS

    def _own(self, mention: PeriodMention, end: int) -> bool:
        """A period after the number with no other number between them (but a bracketed share or conversion,
        `USD 9.7 billion (1.3% of GDP) a year earlier`, or one set off by "or", `$0.3 billion, or $0.03 a
        share, in the fourth quarter of 2022`) is the number's own."""
        if mention.start < end:
            return False
        if not self._number_inside(end, mention.start):
            return True
        gap = _APPOSITIVE_OR.sub(",", re.sub(r"\([^()]*\)", "", self.text[end : mention.start]))
        return len(gap) < 200 and not re.search(r"\d", gap)

    def _modifies_later_figure(self, mention: PeriodMention, end: int) -> bool:
        """An adjectival period after the number that names the noun of a later number (`..., following a
        third-quarter fall of 0.1 percent`, `with fourth-quarter revenue of $2.1 billion`): that number's."""
        if mention.start < end or mention.preposition:
            return False
        k = bisect.bisect_left(self._q_starts, mention.end)
        if k >= len(self._q_starts):
            return False
        gap = self.text[mention.end : self._q_starts[k]]
        return len(gap) <= 40 and _NOUN_OF_FIGURE.fullmatch(gap) is not None

    def _candidate(self, mention: PeriodMention, start: int, end: int) -> bool:
        """Can `mention` date this number: usable, not the base of another number's comparison, not the
        adverbial of the next conjunct (`..., and, in 2023, ...`), not the adjective of a later number's
        noun?"""
        text, ms = self.text, mention.start
        return (
            usable(mention, start, end, text)
            and not self._modifies_later_figure(mention, end)
            and not (
                (
                    mention.preposition
                    or mention.relation in _UNGOVERNED_AFTER_BASE
                    or _EVENT_OF_YEAR_BEFORE.search(text[max(0, ms - 12) : ms])
                )
                and self._attached_elsewhere(mention, start, base_only=True)
            )
            and not (
                ms >= end
                and _NEXT_CONJUNCT.search(text[max(0, ms - 20) : ms])
                and _ADVERBIAL_AFTER.match(text[mention.end : mention.end + 3])
            )
        )

    def _cost(self, mention: PeriodMention, start: int, end: int) -> float | None:
        """What it costs to let `mention` date the number; None when it overlaps the number."""
        text, index = self.text, self._index
        if mention.end <= start:
            gap_start, gap_end, after = mention.end, start, False
        elif mention.start >= end:
            gap_start, gap_end, after = end, mention.start, True
        else:
            return None  # overlaps the number itself
        cost = float(index.words(gap_start, gap_end))
        if after and mention.preposition:
            cost -= 1.0  # the period's own preposition (`over 2021-2030`) is not a word between them
        if cost > self.max_cost:
            return cost  # every further term adds
        gap = text[gap_start:gap_end]
        cost += 4.0 * index.count(";", gap_start, gap_end)  # independent clauses: a semicolon weighs double
        if (
            not after
            and not _ADVERBIAL_AFTER.match(text[mention.end : mention.end + 3])
            and mention.start > 12
        ):
            cost += 2.0  # a period before the number governs it as a fronted adverbial ("In 2023, ...")
        cost += 4.0 * len(_CLAUSE_BREAK.findall(gap))
        cost += 1.0 * index.count(",", gap_start, gap_end)
        if index.count("(", gap_start, gap_end) != index.count(")", gap_start, gap_end):
            cost += 2.0
        if self._number_inside(gap_start, gap_end):
            cost += 6.0
        elif mention.preposition and self._attached_elsewhere(mention, start):
            cost += 5.0
        if not mention.preposition and mention.relation in {"point", "citation"}:
            cost += 2.0
        if mention.relation == "citation":
            cost += 3.0
        if (
            not mention.preposition
            and DETERMINER_BEFORE.search(text[max(0, mention.start - 8) : mention.start])
            and _NAME_AFTER.match(text[mention.end : mention.end + 40])
        ):
            cost += 3.0  # a year in a name (`the 2022 Defense White Paper`) dates the document, weakly
        cost += _DAY_COST.get(mention.relation, 0.0)
        return cost

    def _near(self, start: int, end: int) -> list[int]:
        """Mentions (indices, in list order) that end before or start after the number within reach: at most
        `max_cost` + 1 words between them (the cost is at least the words between, less a preposition)."""
        index, reach = self._index, self.max_cost + 1
        found = []
        k = bisect.bisect_right(self._ends, start)
        while k > 0:
            k -= 1
            i = self._by_end[k]
            if index.words(self.mentions[i].end, start) > reach:
                break
            found.append(i)
        k = bisect.bisect_left(self._starts, end)
        while k < len(self._starts):
            i = self._by_start[k]
            if index.words(end, self.mentions[i].start) > reach:
                break
            found.append(i)
            k += 1
        return sorted(set(found))

    def _fallback(self, start: int, end: int) -> PeriodMention | None:
        """Within the number's part of the sentence (`;` and `:` end it), the one period its usable mentions
        name, not counting a year that sits beside another number (`up from 64 in 2022`); none when the
        part holds more than `max_fallback` mentions."""
        index = self._index
        left = max(index.last_before(";", start), index.last_before(":", start))
        right = min(
            (k for k in (index.first_from(";", end), index.first_from(":", end)) if k >= 0),
            default=len(self.text),
        )
        lo = bisect.bisect_right(self._starts, left)
        hi = bisect.bisect_left(self._starts, right)
        if hi - lo > self.max_fallback:
            return None
        first: dict[Period, PeriodMention] = {}
        periods: set[Period] = set()
        for i in sorted(self._by_start[lo:hi]):
            m = self.mentions[i]
            if not (left < m.start and m.end <= right) or not self._candidate(m, start, end):
                continue
            first.setdefault(m.period, m)
            if m.relation not in _NOT_FALLBACK and not (m.start < end and start < m.end):
                periods.add(m.period)
        return first[periods.pop()] if len(periods) == 1 else None

    def choose(self, start: int, end: int) -> PeriodMention | None:
        """The period mention that governs the number at text[start:end] (see `choose_period`)."""
        text = self.text
        best: tuple[float, PeriodMention] | None = None
        for i in self._near(start, end):
            mention = self.mentions[i]
            if not self._candidate(mention, start, end):
                continue
            cost = self._cost(mention, start, end)
            if cost is None or cost > self.max_cost:
                continue
            if best is None or cost < best[0]:
                best = (cost, mention)
        chosen = best[1] if best is not None else None
        if chosen is None and self.fallback:
            chosen = self._fallback(start, end)
        if (
            chosen is not None
            and chosen.relation in {"range", "open"}
            and chosen.period.start is not None
            and not (chosen.start >= end)
        ):
            # `Between 2015 and 2023, visitors fell from 7.9 million to 3.5 million`: each end has its year
            if _FROM_NUMBER.search(text[max(0, start - 30) : start]) and re.match(
                r"[^,;.]{0,30}?\bto\b", text[end : end + 40]
            ):
                return dataclasses.replace(
                    chosen, period=Period.year(chosen.period.start, fiscal=chosen.period.fiscal)
                )
            if (
                chosen.period.end is not None
                and _TO_NUMBER.search(text[max(0, start - 30) : start])
                and _FROM_NUMBER_ANYWHERE.search(text[max(chosen.end, start - _ENDS_WINDOW) : start])
            ):
                return dataclasses.replace(
                    chosen, period=Period.year(chosen.period.end, fiscal=chosen.period.fiscal)
                )
        span = self._change_span(start, end)
        if span is not None:
            return span
        if chosen is not None and not chosen.period.fiscal:
            same = self._fiscal.get((chosen.period.start, chosen.period.end), [])
            for i in same[: self.max_fallback]:
                m = self.mentions[i]
                if self._candidate(m, start, end):
                    chosen = dataclasses.replace(chosen, period=m.period)
                    break
        if chosen is not None and self.is_base(start, end) and not self._own(chosen, end):
            # the base of a comparison is never dated by the other figure's period: the period before it
            before = chosen.period.previous(loose=True)
            return dataclasses.replace(chosen, period=before) if before is not None else None
        return chosen

    def _change_span(self, start: int, end: int) -> PeriodMention | None:
        """A change stated over an explicit span takes the span: `rose by 24% (+245 TWh), from 1,039 TWh in
        2021 to 1,284 TWh in 2022` -> 2021-2022 for 24% and +245 TWh."""
        text = self.text
        lead = bisect.bisect_right(self._ends, start)  # `from $46M in 2006 to $60M in 2007, a gain of 30%`
        if lead >= 2 and _GAIN_OF.fullmatch(text, self.mentions[self._by_end[lead - 1]].end, start):
            first, last = self.mentions[self._by_end[lead - 2]], self.mentions[self._by_end[lead - 1]]
            opening = text[max(0, first.start - 60) : first.start]
            if re.search(r"\bfrom\b(?:(?!\bto\b)[^;])*$", opening) and _SPAN_TO.fullmatch(
                text, first.end, last.start
            ):
                return self._span(first, last)
        if not (text[start : start + 1] in "+-−" or _CHANGE_BEFORE.search(text[max(0, start - 40) : start])):
            return None
        k = bisect.bisect_left(self._starts, end)
        after = [self.mentions[i] for i in self._by_start[k : k + 4] if self.mentions[i].start - end < 160]
        for first, last in zip(after, after[1:], strict=False):
            opens = _SPAN_FROM.fullmatch(text, end, first.start)
            if opens and _SPAN_TO.fullmatch(text, first.end, last.start):
                return self._span(first, last)
        return None

    @staticmethod
    def _span(first: PeriodMention, last: PeriodMention) -> PeriodMention | None:
        """The span from one single year to a later one, as a mention at the first."""
        f, g = first.period, last.period
        if f.start is None or f.start != f.end or g.start is None or g.start != g.end or f.start >= g.start:
            return None
        period = Period(f.start, g.end, f.fiscal, "span", f"{f.detail}/{g.detail}")
        return dataclasses.replace(first, period=period, relation="range")
