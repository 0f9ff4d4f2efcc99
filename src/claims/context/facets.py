"""The facets that decide whether two figures measure the same thing, read from the words around a number.

Two statements are one quantity only when they agree on what is measured, for whom, when, and also on:

- `role`: a level (unmarked), a stated conversion (`equivalent`, compared with nothing), a `change`
  ("an increase of ¥3 billion", "a ¥10 billion rise"), the `base` of a comparison ("up from 58.9% a year
  ago"), a `share` ("34% of GDP"), a `target` ("a target of 1 million");
- `stage`: proposed, approved, revised, poll (an exit or opinion poll's share), forecast, provisional,
  final, adjusted (non-GAAP), gaap, ordered, delivered (the version of a figure a statement gives); ""
  when the text names none;
- `scope`: scope words (additional, previous, later_tranche, new, per_capita, per_day/month/year,
  cumulative);
- `grain`: the period grain the words give (quarter, half, month, year; "" when unstated) and `as_of`, the
  date a running total is read on ("as of Sunday" -> "sunday");
- `label`: the row label of a "Label: value" line or list item; two rows of one document with different
  labels are two quantities (`reconcile.match`; across documents labels are worded independently);
- `classes`: size or model words that pick a class ("97-metre vessels", "Parola-class"); a measure written
  as an adjective ("the 44-metre ships") names its class by its own value;
- `owner`: who the figure belongs to, read from its own clause (`claims.context.owners`), with the rule
  that found it (`owner_source`): a party the match score weighs (agreeing, differing, missing).

Pure functions over the sentence text and the number's offsets in it (the sentence a claim stores), so the
facets of a stored claim are the same whether computed at extraction or at reconciliation. Word lists:
`claims.lexicon.context` (facets section). Each decision is an ordered table of small named rules.

>>> s = "The budget rose by ¥3 billion to ¥8 billion in FY2025."
>>> claim_facets(s, 19, 29).role, claim_facets(s, 33, 43).role
('change', 'level')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from claims.context.owners import owner_of
from claims.context.respectively import respective_item
from claims.lexicon import context as words
from claims.parse.numbers import parse_number

LEFT_WIDTH = 70  # characters before the number that can hold its cues (bounded by the previous figure)
RIGHT_WIDTH = 45  # characters after it


@dataclass(frozen=True, slots=True)
class Facets:
    """What kind of figure a number is, beyond its subject and period (see the module docstring)."""

    role: str = "level"
    stage: str = ""
    scope: frozenset[str] = field(default_factory=frozenset)
    grain: str = ""
    as_of: str = ""
    classes: frozenset[str] = field(default_factory=frozenset)
    label: str = (
        ""  # the row label of a "Label: value" line or list item ("Ministry of railways: Rs 2.55 lakh crore")
    )
    owner: str = ""  # who the figure belongs to, read from its own clause (`claims.context.owners`)
    owner_source: str = ""  # the owner rule that found it: possessor, clause_subject, ..., document
    doc_stage: str = ""  # the stage the document's title gives its own figures (live counts: provisional)
    published: str = ""  # the document's publication date (ISO), when known
    direction: str = ""  # of an unsigned change, the way its words say it goes: "down", "up" ("" unsaid)
    item: str = ""  # the item a figure of an inline list belongs to ("rebar" in "steel 47%, rebar 53%")

    def encode(self) -> str:
        """A compact text form (for a column or a flag): `role=change;stage=proposed;scope=additional`.

        >>> Facets(role="change", scope=frozenset({"new", "additional"})).encode()
        'role=change;scope=additional,new'
        >>> value = Facets(role="base", grain="quarter")
        >>> Facets.decode(value.encode()) == value
        True
        """
        parts = [f"role={self.role}"]
        names = (
            "stage",
            "grain",
            "as_of",
            "label",
            "owner",
            "owner_source",
            "doc_stage",
            "published",
            "direction",
            "item",
        )
        for name in names:
            value = getattr(self, name)
            if value:
                parts.append(f"{name}={value}")
        for name in ("scope", "classes"):
            values = getattr(self, name)
            if values:
                parts.append(f"{name}={','.join(sorted(values))}")
        return ";".join(parts)

    @classmethod
    def decode(cls, text: str) -> Facets:
        values: dict[str, object] = {}
        for part in filter(None, text.split(";")):
            name, _, value = part.partition("=")
            listed = name in ("scope", "classes")
            values[name] = frozenset(filter(None, value.split(","))) if listed else value
        return cls(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ windows
@dataclass(frozen=True, slots=True)
class Window:
    """The words around one number: `left`/`right` stop at the neighbouring figures and clause ends."""

    left: str  # lower case
    right: str  # lower case
    surface: str
    kind: str
    tail: str = ""  # lower case: the words after the number, twice as far as `right` (a relative clause)


_NAME_OPENER = re.compile(r"\bNew(?=\s+[A-Z])")
"""'New' opening a name ("New Democracy 2,407,860 votes", "New Zealand's NZ$2 billion") is no scope cue."""
_CLAUSE_END = re.compile(r"[;:]|\.\s+(?=[A-Z“\"])|\s[-–—]\s")  # "c. 20 billion" is no clause end


def window(
    sentence: str, start: int, end: int, *, kind: str = "", prev_end: int = 0, next_start: int | None = None
) -> Window:
    """The cue windows of sentence[start:end].

    >>> w = window("Sales rose 5% to $8bn; costs fell.", 17, 21)
    >>> w.left, w.right
    ('sales rose 5% to ', '; costs fell.')
    """
    next_start = len(sentence) if next_start is None else next_start
    lo = max(0, start - LEFT_WIDTH)
    left = sentence[lo:start]
    cut = None
    for m in _CLAUSE_END.finditer(left):
        cut = m.end()
    if cut is not None:
        left = left[cut:]
    right = sentence[end : min(len(sentence), end + RIGHT_WIDTH)]
    tail = sentence[end : min(len(sentence), end + 2 * RIGHT_WIDTH)]
    left, right, tail = (_NAME_OPENER.sub("New_", part) for part in (left, right, tail))
    del prev_end, next_start  # neighbours bound the role cues only (see `_near_left`)
    return Window(left.lower(), right.lower(), sentence[start:end], kind, tail.lower())


_NUMBER = re.compile(r"\d")


def _near_left(w: Window) -> str:
    """The words before the number back to the previous number and the word it counts (a cue there belongs
    to this number); a change word after the previous number is this number's ("in 2021 fell by 41%").

    >>> s = "Sales in the first half of 2021 fell by a steep 41%."
    >>> _near_left(window(s, s.index("41%"), s.index("41%") + 3))
    'fell by a steep '
    >>> _near_left(window("It sold 5 million cars, up 3%.", 27, 29))
    ' cars, up '
    """
    return _after_last_figure(w.left)[1]


_FIGURE_AND_WORD = re.compile(r"\d[\d.,]*\s*(?:%|per\s*cent|percent|(?P<word>[a-z]+))?")


def _after_last_figure(text: str) -> tuple[int, str]:
    """(where the last figure of `text` starts, the words after it and the word it counts); (0, text) when
    `text` holds no figure."""
    last = None
    for m in _FIGURE_AND_WORD.finditer(text):
        last = m
    if last is None:
        return 0, text
    word = last.group("word")
    if word and (word in words.CHANGE_VERBS or word in words.CHANGE_NOUNS):
        return last.start(), text[last.start("word") :]  # "2021 fell": the change word is no counted word
    return last.start(), text[last.end() :]


def _near_right(w: Window) -> str:
    m = _NUMBER.search(w.right)
    return w.right[: m.start()] if m else w.right


@lru_cache(maxsize=512)
def _cue_pattern(phrases: tuple[str, ...] | frozenset[str], at_end: bool) -> re.Pattern[str]:
    """One compiled alternation of the phrases, as whole words (longest first), or at the end of a text."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})" + (r"\s*$" if at_end else r"(?![\w-])"))


def _has(text: str, phrases: tuple[str, ...] | frozenset[str]) -> str:
    """The first of the phrases found in `text` as whole words ('' when none).

    >>> _has("a proposed budget", ("proposed", "budget request")), _has("no cue here", ("proposed",))
    ('proposed', '')
    """
    if not phrases:
        return ""
    m = _cue_pattern(phrases, False).search(text)
    return m.group(0) if m else ""


def _ends_with(text: str, phrases: tuple[str, ...]) -> str:
    stripped = re.sub(
        r"(?:\b(?:over|more than|nearly|almost|about|around|approximately|roughly|some|"
        r"at least|just|only|an?|the|us|usd|rs\.?)\s*|[$€£¥₹(\\])*$",
        "",
        text.rstrip(),
    )
    m = _cue_pattern(phrases, True).search(stripped) if phrases else None
    return m.group(0).rstrip() if m else ""


# --------------------------------------------------------------------------------------------------- role
_YEAR_AFTER = re.compile(
    r"""\s*(?:in|for|during|at)\s+(?:the\s+)?       # in, for the
    (?:fy\s?|fiscal\s+(?:year\s+)?)?(?:19|20)\d\d\b  # 2019, FY2023
    (?!\s*[-–/]\s*\d)                                 # not a span "2023-24"
    """,
    re.VERBOSE,
)


_BASE_AFTER = re.compile(
    r"\s*[,)]?\s*(?:"
    + "|".join(re.escape(p) for p in sorted(words.BASE_CUES_AFTER, key=len, reverse=True))
    + r")\b"
)


def role_base(w: Window) -> bool:
    """The figure a change starts from.

    >>> role_base(window("Trust rose to 66.8%, up from 58.9% a year ago.", 29, 34))
    True
    >>> role_base(window("Exports were $3bn, compared with $2.5bn last year.", 33, 39))
    True
    >>> role_base(window("Exports were $3bn, compared with $2.5bn in 2023.", 33, 39))  # dated: a level
    False
    """
    cue = _ends_with(_near_left(w), words.BASE_CUES_BEFORE)
    if cue == "from" and not re.search(r"\bto\b[^.;]*\d", w.right):
        cue = ""  # "from eight member states": only "from X to Y" makes X a starting point
    if cue and _YEAR_AFTER.match(w.right):
        return False  # "up from 37.3% in 2019": a level dated by its own year, comparable as such
    return bool(cue) or bool(_BASE_AFTER.match(_near_right(w)))


_SIGNED = re.compile(r"\s*[+−–](?=\s*[$€£¥₹]?\s*\d)")  # "+581%", "−4.2%": a signed figure is a change
_NEGATIVE_PERCENT = re.compile(r"\s*-\d[\d.,]*\s*(?:%|per\s*cent|percent)", re.IGNORECASE)
_ON_BASE_PERIOD = re.compile(
    r"""\s*(?:on|over|from|versus|vs\.?)\s+           # 486% on, 12% over
    (?:(?:the\s+)?(?:last|previous|prior|year-ago|year-earlier)\s+(?:year|quarter|month|fiscal|period)\b
      | (?:a\s+)?year\s+(?:earlier|ago|before)\b         # on a year earlier
      | (?:19|20)\d\d\b(?!\s*[-–/]))                      # over 2022 (not a span 2022-23)
    """,
    re.VERBOSE,
)
_POINTS = re.compile(r"(?:^|\s)(?:percentage|basis|per\s*cent(?:age)?)\s*points?\b|\b(?:pp|bps|ppt)\b")


_CURRENCY_MARK = r"(?:[$€£¥₹]|us\$|rs\.?)?"
"""A currency mark that may stand between a cue and its number ("rose to $", "higher than rs")."""


def role_change(w: Window) -> bool:
    """A change: "an increase of ¥3 billion", "grew 4.9%", "a ¥10 billion rise", "5% higher", "1.6
    percentage points".

    >>> role_change(window("Its share fell 1.58 percentage points.", 15, 37))
    True

    >>> role_change(window("It is an increase of ¥3 billion.", 21, 31))
    True
    >>> role_change(window("It marks a ¥10 billion year-on-year rise.", 10, 22))
    True
    >>> role_change(window("The budget rose to ¥8 billion.", 19, 29))
    False
    >>> role_change(window("Net profit was $4.1 billion (+38%).", 29, 33))
    True
    >>> role_change(window("Services output: -0.2% in the quarter.", 17, 22))
    True
    >>> s = "EPS was $2.10, a gain of 9% on the previous quarter and of 41% on last year."
    >>> role_change(window(s, 59, 62))
    True
    >>> role_change(window("Turnout: 61.2 per cent (up from 48.5 per cent at noon)", 9, 22))
    False
    >>> s = "Its cloud arm made $4.1 billion (up 22%). Net income slid by a hefty 38%."
    >>> [role_change(window(s, s.index(f), s.index(f) + 3)) for f in ("22%", "38%")]
    [True, True]
    >>> s = "It sold 2.2 million phones and 0.9 million tablets, gains of 12 percent and 18 percent."
    >>> role_change(window(s, s.index("18 percent"), s.index("18 percent") + 10))
    True
    >>> role_change(window("26 more deaths took the toll to 1,290", 0, 2, kind="count"))
    False
    >>> role_change(window("the 30-per-cent slide in adjusted earnings", 4, 15, kind="percent"))
    True
    """
    if _POINTS.search(w.surface.lower()) or _POINTS.match(w.right):
        return True  # "1.58 percentage points", "20 basis points": a difference of two rates
    if _SIGNED.match(w.surface) or _ON_BASE_PERIOD.match(w.right):
        return True  # "(+581%)", "486% on last year", "12% over 2022": set against a base
    if _NEGATIVE_PERCENT.match(w.surface):
        return True  # "-0.2%": a percentage below zero is a rate of change (growth, inflation)
    near = _near_left(w).rstrip()
    if re.search(rf"\bto\s*{_CURRENCY_MARK}\s*$", near):
        return False  # "rose to X": the level reached
    if _COMPARED_WITH.search(near):
        return False  # "higher than the 85 killed in 2018": the figure compared with, a level
    if _change_cue_before(near):
        return True
    if near.strip(" ,") in ("and", "or"):  # "increases of 40 percent and 47 percent": the list's cue
        before = _after_last_figure(w.left[: _after_last_figure(w.left)[0]])[1]
        if _change_cue_before(before.rstrip()):
            return True
    right = _near_right(w).split()[:3]
    if len(right) >= 2 and right[0].strip(",(") in {"up", "down"} and right[1] == "from":
        return False  # "52 per cent (up from 40 per cent at 1 pm)": the level now, its base follows
    if (
        w.kind != "percent"
        and len(right) >= 2
        and right[0] == "more"
        and right[1].isalpha()
        and right[1] != "than"
    ):
        return False  # "26 more deaths": more of them, as "another 26 deaths" (a scope), not a change
    return any(
        t.strip(",.;()")
        in (words.CHANGE_AFTER_WORDS | words.CHANGE_NOUNS) - {"over", "above", "below", "annual"}
        for t in right[:1]
    ) or (
        len(right) >= 2
        and right[0].strip(",") in words.CHANGE_AFTER_WORDS
        and right[1].strip(",.;") in words.CHANGE_NOUNS
    )


_NOT_A_CUE = frozenset(
    {"by", "of", "a", "an", "the", "some", "about", "around", "nearly", "almost", "over", "just", "roughly",
     "approximately", "more", "than", "at", "least", "year-on-year", "annual"}
    | {"sharp", "steep", "whopping", "hefty", "massive", "huge", "modest", "slight", "marginal", "solid",
       "strong", "robust", "notable", "remarkable", "striking", "healthy", "impressive", "significant",
       "dramatic", "staggering", "further", "mere", "record"}
)  # fmt: skip
"""Words between a change word and its number that leave the cue standing ("slid by a hefty 38%")."""


def _change_cue_before(near: str) -> bool:
    """The words just before a number end with a change word ("rose", "an increase of", "(up")."""
    tail = [t for t in re.sub(r"[$€£¥₹]|\b(?:us|usd|rs)\b", "", near).split() if t not in _NOT_A_CUE]
    if not tail:
        return False
    last = tail[-1]
    return last in words.CHANGE_VERBS or last in words.CHANGE_NOUNS or last in ("(up", "(down")


_COMPARED_WITH = re.compile(
    r"\b(?:higher|lower|greater|larger|bigger|smaller|worse|deadlier|costlier)\s+than"
    rf"(?:\s+(?:the|a|an|its|their|some|about|around|nearly|almost|roughly))?\s*{_CURRENCY_MARK}\s*$"
)
"""A comparative and "than" just before a number: the number is what is compared with ("higher than the
85 people killed"), not a change ("5% higher than a year ago" has the number first). "more than" and "less
than" are hedges, not comparisons, and are not here."""


def role_share(w: Window) -> bool:
    """A part of a whole: "34% of GDP", "accounted for 40%" ("a vote share of 37%" is the share's level).

    >>> role_share(window("Debt reached 34% of GDP.", 13, 16, kind="percent"))
    True
    >>> role_share(window("Trust in Japan was 58.9% among respondents.", 19, 24, kind="percent"))
    False
    """
    if w.kind != "percent":
        return False
    right = _near_right(w)
    return bool(
        re.match(
            r"\s*(?:of\s+(?:the\s+)?(?:gdp|gni|total|world|global|country|nation|economy|budget|"
            r"revenue|sales|output|population|market|exports|imports)\b)",
            right,
        )
        or _has(_near_left(w)[-30:], words.SHARE_CUES)
    )


_EQUIVALENT_LEFT = re.compile(
    r"""
    \d[\d.,]*\s*(?:[a-z.]+\s*){0,2}       # an amount just before: "¥400 million", "Rs 48 lakh crore"
    (?:\(|\[|,?\s*or|,?\s*i\.e\.)\s*        # a bracket or "or" opens its conversion
    (?:about|approximately|approx\.?|around|roughly|some|nearly|almost|c\.|~|equivalent\s+to|
       equal\s+to|worth)?\s*
    (?:us|usd|eur|gbp|jpy|rs\.?|inr)?\s*[$€£¥₹\\]*\s*$   # the conversion's own currency mark
    """,
    re.VERBOSE,
)


def role_equivalent(w: Window) -> bool:
    """A stated conversion of the amount before it ("¥400 million ($2.81 million)"): checked against the
    exchange rate by `reconcile.conversion`, never set against other statements (two writers convert at
    two dates' rates).

    >>> role_equivalent(window("a grant of ¥400 million ($2.81 million) for boats", 26, 38, kind="money"))
    True
    >>> role_equivalent(window("a grant of $2.81 million for boats", 11, 24, kind="money"))
    False

    An amount per share (or per head) after the total is that total divided, not converted: "a profit of
    $14.7 billion ($9.97 per diluted share)" is earnings per share.

    >>> role_equivalent(window("a profit of $14.7 billion ($9.97 per diluted share)", 27, 32, kind="money"))
    False
    """
    if w.kind != "money" or _PER_UNIT_RIGHT.match(w.right):
        return False
    return bool(_EQUIVALENT_LEFT.search(w.left[-40:]))


_PER_UNIT_RIGHT = re.compile(
    r"\s*(?:per|a|each)\s+(?:[a-z-]+\s+){0,2}(?:share|shares|unit|person|head|capita|adr|ads)\b"
)


def role_target(w: Window) -> bool:
    """An aim: "a target of 1 million", "aims to reach $10 billion".

    >>> role_target(window("It aims to reach $10 billion by 2030.", 17, 28))
    True
    >>> role_target(window("The maker had said it would sell 2 million cars this year.", 33, 42))
    True
    >>> role_target(window("The maker sold 1.8 million cars this year.", 15, 26))
    False
    """
    near = _near_left(w)[-40:]
    cue = _has(near, words.TARGET_CUES)
    if cue == "to reach" and _REACHED_AFTER_CHANGE.search(_clause_left(w.left[-120:])):
        return False  # "net income more than doubled ... to reach ¥5.1tn": the level reached, no aim
    return bool(cue)


_REACHED_AFTER_CHANGE = re.compile(
    r"\b(?:rose|grew|doubled|tripled|trebled|quadrupled|climbed|jumped|increased|surged|soared|gained|"
    r"fell|dropped|declined|decreased|plunged|slumped|shrank|expanded|rising|growing|climbing|jumping|"
    rf"increasing|falling|dropping|declining)\b[^.;]*\bto\s+reach\s*{_CURRENCY_MARK}\s*$"
)
"""A change verb of the past or present, then "to reach" just before the number: the level the change
reached ("sales rose 20% to reach $8 billion"), not an aim ("it aims to reach $10 billion")."""


ROLE_RULES: tuple[tuple[str, Callable[[Window], bool]], ...] = (
    ("equivalent", role_equivalent),
    ("base", role_base),
    ("change", role_change),
    ("target", role_target),
    ("share", role_share),
)
"""Tried in order; the first that holds names the role, else `level`."""


def role_of(w: Window) -> str:
    for name, rule in ROLE_RULES:
        if rule(w):
            return name
    return "level"


def direction_of(w: Window) -> str:
    """The way an unsigned change goes, from the words next to it: "down", "up", or "" (signed, or unsaid).

    >>> direction_of(window("Services output fell 0.2% in the quarter.", 21, 25))
    'down'
    >>> direction_of(window("It was a 0.5% contraction.", 9, 13))
    'down'
    >>> direction_of(window("Exports grew by 3.1% on the year.", 16, 20))
    'up'
    >>> direction_of(window("Construction output was -0.5% in December.", 24, 29))
    ''
    >>> direction_of(window("Output changed by 0.3% in the quarter.", 18, 22))
    ''
    """
    if _SIGNED.match(w.surface) or w.surface.lstrip()[:1] in {"-", "−", "–", "+"}:
        return ""  # the sign says it
    tail = [t.strip(",.;()") for t in re.sub(r"[$€£¥₹]|\b(?:us|usd|rs)\b", "", _near_left(w)).split()]
    tail = [t for t in tail if t and t not in words.DIRECTION_FILLER]
    right = [t.strip(",.;()") for t in _near_right(w).split()[:2]]
    right = [t for t in right if t and t not in words.DIRECTION_FILLER][:1]
    for word in tail[-1:] + right:
        if word in words.FALLING_WORDS:
            return "down"
        if word in words.RISING_WORDS:
            return "up"
    return ""


# ----------------------------------------------------------------------------------- stage, scope, grain
_PAST_ESTIMATE = re.compile(r"\b(?:estimated|thought|believed|reported)\s+to\s+have\b", re.IGNORECASE)
_LAST_OF_A_SERIES = re.compile(
    r"\bfinal\s+(?:quarter|half|year|month|week|day|hours?|days?|weeks?|months?|years?)\b"
)
"""`final` naming the last part of a period (`the final quarter`, `the final weeks`), not a final figure."""


def stage_of(w: Window) -> str:
    """The version of the figure named next to it.

    >>> stage_of(window("and a proposed 18.1 billion yen in FY2026", 15, 31))
    'proposed'
    >>> stage_of(window("adjusted earnings of $1.20 a share", 21, 26))
    'adjusted'
    >>> stage_of(window("a budget of $5 billion", 12, 22))
    ''
    >>> stage_of(window("Sales rose to $9.1 billion and non-GAAP EPS to $2.10", 14, 26))  # the next figure's
    ''
    >>> stage_of(window("- Non-GAAP operating margin expected at 31.5%", 40, 45))
    'forecast+adjusted'
    >>> stage_of(window("GDP is estimated to have grown by 0.7% in Quarter 1", 35, 39))
    ''
    >>> s = "Analysts had expected $11.8 billion in revenue and $1.95 in earnings per share."
    >>> stage_of(window(s, s.index("$1.95"), s.index("$1.95") + 5))  # the second object of one verb
    'forecast'
    >>> s = "Sales were $22.1bn, against $20.5 billion of sales that analysts polled by LSEG had forecast."
    >>> stage_of(window(s, s.index("$20.5"), s.index("$20.5") + 13))  # forecast in a relative clause
    'forecast'
    >>> s = "Subscription revenue: $4.27 billion vs. $4.11 billion expected"
    >>> stage_of(window(s, 22, 35)), stage_of(window(s, 40, 53))  # an outcome set against a forecast
    ('actual', 'forecast')
    """
    left, right = _clause_left(_near_left(w)[-45:]), _own_right(_near_right(w)[:30])
    right = _THAN_EXPECTED.sub(" ", right)  # "5% more than expected" is no forecast of 5%
    left = _PAST_ESTIMATE.sub(" ", left)  # "is estimated to have grown by 0.7%": a past figure, estimated
    left = _LAST_OF_A_SERIES.sub(" ", left)
    ahead = _PAST_ESTIMATE.sub(" ", _chained_left(w) or _listed_left(w))
    found = [
        stage
        for stage, cues in words.STAGE_CUES.items()
        if _has(left, cues)
        or _has(right, tuple(c for c in cues if c in words.STAGE_CUES_AFTER))
        or (stage in _CHAINED_STAGES and _has(ahead, cues))
    ]
    if not stage_parts(join_stages(found))[0]:
        tail = _near_right(Window(w.left, w.tail, w.surface, w.kind))
        if _FORECAST_AFTER.match(_own_right(tail)):  # "the $4.1 billion analysts had estimated"
            found.insert(0, "forecast")
        elif _OUTCOME.match(w.right):
            found.insert(0, "actual")
    return join_stages(found)


_FORECAST_AFTER = re.compile(
    r"""^\s*(?:expected\b                                       # "$4.11 billion expected by brokers"
    |(?:[\w.'’-]+\s+){0,3}?had\s+                               # "$4.11 billion brokers had
      (?:estimated|forecast|predicted|projected|expected)\b      #  estimated"
    |(?:of\s+(?:[\w-]+\s+){1,2})?(?:that|which)\s+              # "$20.5 billion of revenue that
      (?:[\w.'’-]+\s+){1,6}?ha(?:d|ve|s)\s+                       #  analysts polled by X had
      (?:estimated|forecast|predicted|projected|expected)\b)      #  forecast"
    """,
    re.VERBOSE,
)
"""A figure said to be expected, or that someone "had estimated" (said after it), is a forecast."""
_THAN_EXPECTED = re.compile(r"\bthan\s+(?:\w+\s+)?(?:expected|estimated|forecast|had\s+\w+)")
_OUTCOME = re.compile(
    r"""^,?\s*(?:[a-z]+\s+){0,2}?                                   # "$4.27 billion, well"
    (?:vs\.?|versus|against|above|below|ahead\s+of|beat(?:ing|s)?|top(?:ped|ping|s)?
      |miss(?:ed|ing|es)?|exceed(?:ed|ing|s)?|short\s+of|surpass(?:ed|ing|es)?)\s  # set against
    [^,;]{0,40}?                                                      # "the $8.94 billion"
    \b(?:expect\w*|estimate[sd]?|forecasts?|consensus|projections?|predict\w*|anticipated)\b
    """,
    re.VERBOSE,
)
"""A figure set against what was expected is the outcome: its actual value ("$4.27 billion vs. $4.11
billion expected", "$52 billion, beating estimates of ...")."""


_CHAIN_LINK = re.compile(r"\s*to\s+(?:(?:about|around|nearly|almost|some|roughly|just)\s+)?")
_CHANGE_FIGURE = re.compile(
    r"(?:\bfrom\s+[$€£¥₹]?\s*\d[\d.,]*(?:\s*[a-z]+)?|\d[\d.,]*\s*(?:%|per\s*cent|percent))\s*$"
)
_CHAINED_STAGES = frozenset({"proposed", "approved", "forecast", "provisional", "adjusted", "gaap"})
"""Stages a verb or a label names for a whole change (`expects profit to slump 85% to`, `non-GAAP EPS 288%
to`), not those of a word that may name the change itself (`cut its headcount by 22% to`: no revision)."""


def _chained_left(w: Window) -> str:
    """Where the figure ends a change (`slump 85% to X`) or a range (`from $3bn to X`), the words of the
    clause before the figure that opens it: the verb or label that names the stage governs both ('' else).

    >>> _chained_left(window("Samsung expects profit to slump 85% to 6.54 trillion won", 39, 56))
    'samsung expects profit to slump'
    >>> _chained_left(window("It is forecast to climb from 4% to 4.5% next year", 35, 39))
    'it is forecast to climb from'
    >>> _chained_left(window("Profit for the final quarter of 2023 came to $22.1 billion", 45, 58))  # a year
    ''
    """
    near = _near_left(w)
    if not _CHAIN_LINK.fullmatch(near):
        return ""
    before = w.left[: len(w.left) - len(near)]
    previous = _CHANGE_FIGURE.search(before)
    if previous is None:
        return ""
    ahead = before[: previous.start()]
    ahead = _clause_left(_near_left(Window(ahead, "", "", w.kind))[-45:])
    return " ".join(ahead.split())


_LIST_LINK = re.compile(
    r"""^\s*(?:(?:in|of|for|on)\s+(?:[a-z'’-]+\s+){0,2}?[a-z'’-]+)?   # the first item's noun: "in revenue"
    \s*,?\s*(?:and|or|as\s+well\s+as)\s+
    (?:(?:[a-z'’-]+\s+){0,2}?[a-z'’-]+\s+of\s+)?$                    # this item's noun: "EPS of"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _listed_left(w: Window) -> str:
    """Where the figure is the next item of a list of objects after the previous figure ("expected $11.8
    billion in revenue and $1.95 in earnings per share", "... revenue of $11.8 billion and EPS of $1.95"),
    the words of the clause before the list's first figure: the verb or label that names the stage governs
    every item ('' else).

    >>> s = "Analysts had expected $11.8 billion in revenue and $1.95 in earnings per share."
    >>> _listed_left(window(s, s.index("$1.95"), s.index("$1.95") + 5))
    'analysts had expected'
    >>> s = "Analysts expected $11.8 billion in revenue, and the company reported $1.95 a share."
    >>> _listed_left(window(s, s.index("$1.95"), s.index("$1.95") + 5))
    ''
    """
    near = _near_left(w)
    if not _LIST_LINK.match(near):
        return ""
    before = w.left[: len(w.left) - len(near)]
    if _FIGURE_AND_WORD.search(before) is None:
        return ""  # no figure before: no list
    previous = _after_last_figure(before)[0]
    # "expected $11.8 billion": the currency mark belongs to the first figure
    opening = re.sub(rf"{_CURRENCY_MARK}\s*$", "", before[:previous])
    ahead = _clause_left(_near_left(Window(opening, "", "", w.kind))[-45:])
    return " ".join(ahead.split())


def _alternatives(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of spaces."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


_COUNT_PROGRESS = re.compile(
    rf"""\b(?P<amount>
        (?P<hedge>(?:about|around|roughly|nearly|almost|virtually|over|more\s+than|just\s+(?:over|under)
            |some|less\s+than|fewer\s+than|close\s+to)\s+)?
        (?:(?P<share>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)       # 11.3 percent, 13.9%
          |\d[\d,]*\s+(?:of|out\s+of)\s+(?:the\s+)?\d[\d,]*                # 540 of 543
          |(?P<whole>all|every)                                          # every ballot
          |half|a\s+third|a\s+quarter|two[-\s]thirds|three[-\s]quarters|most)
    )
    \s+(?:of\s+)?(?:the\s+|all\s+)?(?:[a-z'’-]+\s+){{0,2}}?                   # of the (country's)
    (?:{_alternatives(words.COUNT_PROGRESS_UNITS)})\s+
    (?:(?:so\s+far|now|already)\s+)?
    (?:{_alternatives(words.COUNT_PROGRESS_DONE)}
      |in\b(?=\s*(?:[,.;:)…]|$|so\s+far|now)))                               # "in," at a clause end
    """,
    re.VERBOSE | re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def count_stage(text: str) -> str:
    """The stage of a count that `text` says how far it has gone: `provisional` while it goes on ("with
    11.3 percent of the votes counted", "with nearly every vote counted", "as counting went on"), `final`
    once it is complete ("with every ballot counted", "100% of votes counted"); "" when it says neither.

    >>> count_stage("With 11.3 percent of the votes counted so far, the ANC has 42.8 percent.")
    'provisional'
    >>> count_stage("With 13.9% of polling stations in, the party has 42.6% of the vote.")
    'provisional'
    >>> count_stage("With 98.2% of the ballot boxes counted, she has 41.6%.")
    'provisional'
    >>> count_stage("With 80% of the country's tables counted, he had 36% of the votes.")
    'provisional'
    >>> count_stage("With every ballot counted, the party has won 40.18 percent.")
    'final'
    >>> count_stage("With nearly every vote counted, it has 40.21 percent.")
    'provisional'
    >>> count_stage("The party won 40% of the seats in parliament."), count_stage("Turnout was 58%.")
    ('', '')
    """
    m = _COUNT_PROGRESS.search(text)
    if m is not None:
        share = m["share"]
        complete = (m["whole"] and not m["hedge"]) or (share is not None and float(share) >= 100)
        return "final" if complete else "provisional"
    return "provisional" if _has(text.lower(), words.COUNT_RUNNING_CUES) else ""


def running_count(w: Window) -> bool:
    """A running count read as it rises: a casualty, case or dose count next to a verb reporting one
    reading of it ("the death toll rose to 2,012", "killed more than 2,900 people so far").

    >>> running_count(window("the death toll rose to 2,012 on Sunday", 23, 28))
    True
    >>> running_count(window("prize money rises to 50 million pounds", 21, 31))
    False
    """
    left, right = _near_left(w)[-60:].lower(), _near_right(w)[:40].lower()
    text = f"{left} # {right}"
    return bool(_has(text, tuple(words.RUNNING_COUNT_NOUNS)) and _has(left, words.RUNNING_COUNT_VERBS))


BASIS_STAGES = ("adjusted", "gaap")
"""Stages that name an accounting basis; the others name a version in time (proposed, forecast, final...).
A figure has at most one of each axis: "GAAP gross margin expected at 74.8%" is `forecast+gaap`."""
ESTIMATE_STAGES = frozenset({"forecast", "poll"})
"""Stages that give an estimate of what a later count or outcome will show: a forecast (an expectation,
guidance, a projection) and a poll (an exit or opinion poll's share of a vote)."""


def join_stages(found: list[str]) -> str:
    """The first stage found on each axis (time, then accounting basis), joined with '+'.

    >>> join_stages(["forecast", "adjusted", "gaap"]), join_stages(["gaap"]), join_stages([])
    ('forecast+adjusted', 'gaap', '')
    """
    timing = next((s for s in found if s not in BASIS_STAGES), "")
    basis = next((s for s in found if s in BASIS_STAGES), "")
    return "+".join(s for s in (timing, basis) if s)


def stage_parts(stage: str) -> tuple[str, str]:
    """(time stage, accounting basis) of a stage value.

    >>> stage_parts("forecast+gaap"), stage_parts("adjusted"), stage_parts("")
    (('forecast', 'gaap'), ('', 'adjusted'), ('', ''))
    """
    parts = stage.split("+") if stage else []
    return (
        next((s for s in parts if s not in BASIS_STAGES), ""),
        next((s for s in parts if s in BASIS_STAGES), ""),
    )


def stages_differ(a: str, b: str) -> bool:
    """Two stages that differ on an axis both name ("forecast+gaap" and "forecast+adjusted": yes;
    "forecast" and "forecast+gaap": no, the basis is only not given).

    >>> stages_differ("forecast+gaap", "forecast+adjusted"), stages_differ("forecast", "forecast+gaap")
    (True, False)
    >>> stages_differ("proposed", "actual"), stages_differ("proposed", "gaap")
    (True, False)
    """
    return any(x and y and x != y for x, y in zip(stage_parts(a), stage_parts(b), strict=True))


def _own_right(text: str) -> str:
    """The words after the number up to a list or clause boundary (a cue after it belongs to the next)."""
    return re.split(r"[,;(]|\band\b|\bwhile\b|\bbut\b", text, maxsplit=1)[0]


def _clause_left(text: str) -> str:
    """The words after the last comma (a cue before it belongs to another phrase)."""
    return text.rpartition(",")[2]


_SCOPE_LEFT = ("additional", "previous", "later_tranche", "new", "cumulative")
_SCOPE_RIGHT = ("per_capita", "per_day", "per_month", "per_year", "cumulative", "previous")


def scope_of(w: Window) -> frozenset[str]:
    """Scope words: a tranche, a rate per person or per period, a running total.

    >>> sorted(scope_of(window("it has previously received two vessels", 28, 31)))
    ['previous']
    >>> sorted(scope_of(window("GDP of $4,500 per capita", 7, 13)))
    ['per_capita']
    >>> sorted(scope_of(window("an additional ¥3 billion", 14, 24)))
    ['additional']
    >>> sorted(scope_of(window("a new ¥3 billion grant", 6, 16)))
    ['new']
    >>> sorted(scope_of(window("New Democracy 146 seats", 14, 17)))  # a name
    []
    >>> sorted(scope_of(window("up from ₹9.5 lakh crore in the previous fiscal", 8, 23)))  # a period
    []
    >>> sorted(scope_of(window("EPS of $2.10 was 86% higher than a year earlier", 17, 20)))
    []
    >>> sorted(scope_of(window("against $7.2 billion in the same quarter a year earlier", 8, 20)))
    []
    >>> sorted(scope_of(window("made a joint call earlier this week for €160 million of aid", 40, 52)))
    []
    >>> sorted(scope_of(window("below the 83 per cent of the previous general election", 10, 21)))
    []
    >>> sorted(scope_of(window("26 more deaths took the toll to 1,290", 0, 2, kind="count")))
    ['additional']
    >>> s = "212 people died and another 48 are missing; 9 died on Monday and another 4 died on Tuesday."
    >>> sorted(scope_of(window(s, 28, 30))), sorted(scope_of(window(s, 73, 74)))
    ([], ['additional'])
    """
    left, right = _clause_left(_near_left(w)[-40:]), _own_right(_near_right(w)[:60])
    # a period reference is read whole before the window is cut: "in the same quarter a year earlier"
    left, right = _PERIOD_REFERENCE.sub(" ", left), _PERIOD_REFERENCE.sub(" ", right)[:30]
    found = {s for s in _SCOPE_LEFT if _has(left, _drop_qualifiers(words.SCOPE_CUES[s]))}
    found |= {s for s in _SCOPE_RIGHT if _has(right, words.SCOPE_CUES[s])}
    if w.kind != "percent" and _MORE_OF_THEM.match(w.right):
        found.add("additional")  # "26 more deaths": as "another 26 deaths"
    additional = _has(left, _drop_qualifiers(words.SCOPE_CUES["additional"]))
    if additional == "another" and _another_measure(w.left, right):
        found.discard("additional")  # "212 died and another 48 are missing": no more of the same
    if "per_year" in found and ("per_day" in found or "per_month" in found):
        found.discard("per_year")
    return frozenset(found)


_MORE_OF_THEM = re.compile(r"\s*more\s+(?!than\b)[a-z]")


def _another_measure(left: str, right: str) -> bool:
    """ "another" before a figure whose clause names another member of a group of measures than the words
    before it ("killed ... another 48 missing"): a figure of another measure, not more of the same one."""
    before = measures_of(frozenset(re.findall(r"[a-z]+", left.rpartition("another")[0])))
    return measures_differ(measures_of(frozenset(re.findall(r"[a-z]+", right))), before)


def measures_of(content: frozenset[str]) -> frozenset[tuple[int, int]]:
    """(group, member) of every contrasted measure (`lexicon.context.MEASURE_CONTRASTS`) the words name.

    >>> sorted(measures_of(frozenset({"production", "rose"})))
    [(1, 1)]
    >>> sorted(measures_of(frozenset({"deliveries", "grew"})))
    [(1, 0)]
    """
    found = set()
    for g, group in enumerate(words.MEASURE_CONTRASTS):
        for m, member in enumerate(group):
            if any(w.startswith(member) for w in content):
                found.add((g, m))
    return frozenset(found)


def measures_differ(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> bool:
    """Both name members of one contrast group, and none in common there: two measures.

    >>> measures_differ(frozenset({(1, 0)}), frozenset({(1, 1)}))
    True
    >>> measures_differ(frozenset({(1, 0)}), frozenset())
    False
    >>> measures_differ(frozenset({(1, 0), (1, 1)}), frozenset({(1, 1)}))
    False
    """
    for g in {g for g, _ in a} & {g for g, _ in b}:
        if not {m for h, m in a if h == g} & {m for h, m in b if h == g}:
            return True
    return False


_PERIOD_REFERENCE = re.compile(
    r"""\b(?:previous|prior|earlier|last|former)\s+             # the previous
    (?:[a-z]+\s+)??                                              # the previous presidential election
    (?:fiscal(?:\s+year)?|financial\s+year|year|quarter|month|week|day|season|session|election|poll|census
       |period|half|term)s?\b
    | \b(?:a|one|the|same)\s+(?:year|quarter|month|week|day|period)s?\s+(?:earlier|ago|before|prior)\b
    | \bthe\s+year[-\s](?:ago|earlier)\s+(?:period|quarter)\b   # the year-ago quarter
    | \bearlier\s+(?:(?:this|that|last|in\s+the)\s+(?:week|month|year|day|morning|afternoon|evening)
                   |today|on\b|in\b)                            # a call made earlier this week
    """,
    re.VERBOSE,
)
"""'the previous fiscal', 'the last election': a period the figure is dated to (the periods read it), not a
tranche or an earlier class of the thing."""


def _drop_qualifiers(cues: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in cues if c not in {"more", "since", "over the next"})


_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?![a-z])"
)
_AS_OF = re.compile(
    rf"""
    \b(?:as\s+(?:of|at|on)|by|until|till|through|up\s+to|at)\s+   # "as of", "by", "till"
    (?:(?:late|early)\s+)?
    (?P<date>\d{{1,2}}(?:[.:]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)      # 12.15 am, 9 pm: a count read at an hour
      | (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)
      | \d{{1,2}}\s+{_MONTH}                                     # 31 March
      | {_MONTH}\s+\d{{1,2}}\b                                   # March 31
      | (?:end[- ]of[- ])?{_MONTH}(?:\s+\d{{4}})?                  # March 2024, end-March
    )
    """,
    re.VERBOSE,
)


_HOUR_OF_COUNT = re.compile(
    r"(?<!since )(?<!from )\b(?P<time>\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?))\s+"
    r"(?:turnout|participation|toll|death\s+toll|tally|count|figures?)\b"
)
"""A clock time naming the reading of a running count before its noun ("6pm turnout", "the 3 p.m. toll")."""


def grain_of(w: Window) -> tuple[str, str]:
    """(grain, as-of date) named by the words around the figure.

    >>> grain_of(window("revenue in the third quarter was $3.1 billion", 33, 45))
    ('quarter:3', '')
    >>> grain_of(window("quarterly revenue was $3.1 billion", 22, 34))
    ('quarter', '')
    >>> grain_of(window("the toll rose to 1,200 as of Sunday", 17, 22))
    ('', 'sunday')
    >>> grain_of(window("turnout was 49.7% till 3 pm", 12, 17))
    ('', '3 pm')
    >>> grain_of(window("the figures put 6pm turnout at 53.9 per cent", 31, 35))
    ('', '6 pm')
    >>> grain_of(window("services dipped 0.2% qoq, while", 16, 20))
    ('on:quarter', '')

    A change's basis ("year-on-year", "qoq": the same period a year or a quarter before) is kept apart from
    the period's own length, after a bar: the quarter's change against a year before is both.

    >>> grain_of(window("third-quarter profit fell 73% year-on-year", 26, 29))
    ('quarter:3|on:year', '')
    """
    m = _AS_OF.search(f"{w.left[-60:]} | {w.right[:40]}")  # "1,870 had died as of 14 May"
    if m:
        return "", _as_of_text(m["date"])
    m = _HOUR_OF_COUNT.search(w.left[-60:])  # "put 6pm turnout at 53.9%"
    if m:
        return "", _as_of_text(m["time"])
    text = f"{w.left[-60:]} | {_near_right(w)[:40]}"
    after = _near_right(w)[:12].lower().split()
    basis = next(
        (g for g, suffixes in words.GRAIN_SUFFIXES.items() if after and after[0].strip(",.;)") in suffixes),
        None,
    )  # "fell 0.2% mom"
    basis = basis or next((g for g, cues in words.BASIS_CUES.items() if _has(text, cues)), None)
    period = _period_grain(w, text)
    if basis is None:
        return period, ""
    return (f"{period}|on:{basis}" if period else f"on:{basis}"), ""


def _period_grain(w: Window, text: str) -> str:
    """The length of the period the words name ("quarter:3", "year"), "" if none."""
    spaced = text.replace("-", " ")  # "first-half profit"
    parts = list(_WHICH_PART.finditer(spaced))
    which = parts[-1] if parts else None  # the nearest named part before or after the number
    for grain, cues in words.GRAIN_CUES.items():
        if _has(text, cues) or _has(spaced, cues):
            if which is not None and grain in ("quarter", "half"):
                quarter = which["q"] or which["q2"] or which["q3"]
                half = which["h"] or which["h2"]
                part = quarter if grain == "quarter" else half
                if part:
                    return f"{grain}:{_ORDINALS.get(part, part)}"
            return grain
    return ""


_WHICH_PART = re.compile(
    r"""
    \b(?:(?P<q>first|second|third|fourth|final|last)\s+quarter       # the third quarter
       | q(?P<q2>[1-4])\b | (?P<q3>[1-4])q\b                          # Q3, 3Q
       | (?P<h>first|second)\s+half | h(?P<h2>[12])\b)                 # first half, H1
    """,
    re.VERBOSE,
)


_SIZE_CLASS = re.compile(
    r"""
    (?<![\w.,$€£¥\\])(?P<num>\d+(?:\.\d+)?)     # a whole number, not money
    (?:-(?P<unit_a>metres?|meters?|m|feet|foot|ft|tonnes?|tons?|seats?|seater|mw|gw|kw|km|kilometres?|
           kilometers?|inch|mm|litres?|liters?|storey|story|bed)(?=[\s-]+[a-z])   # 97-metre vessels
      | \s?(?P<unit_b>metres?|meters?|m|ft|tonnes?|tons?|t|seats?|seater|mw|km|mm)-(?:class|long|type)\b
    )                                            # 44m-class
    """,
    re.VERBOSE,
)
_MODEL_CLASS = re.compile(r"\b([a-z][\w]*-class|type\s+\d+\w*)\b")
_ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
    "final": "last",
    "last": "last",
}
_STEP_CLASS = re.compile(
    r"""
    \b(?:(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|\d+(?:st|nd|rd|th))
          \s+(?P<noun_a>phase|round|tranche|wave|stage|leg|batch|instalment|installment)
      | (?P<noun_b>phase|round|tranche|wave|stage|leg|batch)[\s-]+(?P<num>\d+|[ivx]+)\b   # phase 7, phase-7
      | (?P<all>\ball\s+(?:\w+\s+)?(?:phases|rounds|tranches|waves|stages|legs|batches)\b   # all seven phases
               |^\s*overall\b|\boverall\s*,))                                         # "Overall, ..."
    """,
    re.VERBOSE,
)


def step_of(w: Window) -> str:
    """The numbered phase, round or tranche a figure belongs to ("in the sixth phase", "phase 7").

    >>> step_of(window("Turnout in the sixth phase was 63.4%", 30, 35))
    'phase:6'
    >>> step_of(window("phase 7 saw 61%", 12, 15))
    'phase:7'
    >>> step_of(window("a turnout of 61.2% was recorded in phase-4 for 96 seats", 13, 18))
    'phase:4'
    >>> step_of(window("Overall, a turnout of 64.1% was recorded.", 22, 27))
    'step:all'
    """
    text = f"{w.left[-60:]} {_own_right(w.right[:60])}"  # a step number is no neighbouring figure
    found = None
    for m in _STEP_CLASS.finditer(text):
        found = m
    if found is None:
        return ""
    if found["all"]:
        return "step:all"  # the whole: set apart from any one numbered step, compared with another whole
    if found["ord"]:
        number = _ORDINALS.get(found["ord"], re.sub(r"\D", "", found["ord"]))
        return f"{found['noun_a']}:{number}"
    return f"{found['noun_b']}:{found['num']}"


def classes_of(w: Window) -> frozenset[str]:
    """Size or model words that pick a class of the counted thing ("97-metre", "parola-class").

    >>> sorted(classes_of(window("five new 97-metre vessels", 0, 4)))
    ['97 m']
    >>> sorted(classes_of(window("the 44-metre ships", 4, 12, kind="measure")))
    ['44 m']
    """
    if w.kind == "measure":  # the measure itself, written as an adjective: "44m-class", "97-metre"
        text = w.surface.lower() + w.right[:8]
    else:  # the words up to the counted noun: "ten 44m-class and two 97m-class" gives ten its own class
        text = re.split(r"\band\b|,|;|\(|\bor\b", w.right[:40], maxsplit=1)[0]
    out = set()
    for m in _SIZE_CLASS.finditer(text):
        unit = (m["unit_a"] or m["unit_b"]).rstrip("s")
        out.add(f"{m['num']} {_UNIT_ABBREV.get(unit, unit)}")
    out.update(m.group(1).replace(" ", "") for m in _MODEL_CLASS.finditer(text))
    return frozenset(out)


_UNIT_ABBREV = {
    "metre": "m",
    "meter": "m",
    "feet": "ft",
    "foot": "ft",
    "tonne": "t",
    "ton": "t",
    "kilometre": "km",
    "kilometer": "km",
    "seater": "seat",
    "inche": "inch",
}


_LABEL_LINE = re.compile(r"^\s*(?:[-*•▪]\s*)?(?P<label>[^:\n]{2,90}?)\s*:\s*(?P<gap>[^:\n]{0,14})$")
_LABEL_GAP = re.compile(
    r"^(?:rs\.?|inr|us\$|usd|eur|gbp|jpy|about|around|nearly|over|approx\.?|[$€£¥₹~\s])*$", re.I
)


_ROW_START = re.compile(
    r"^[ \t]*(?:[-*•▪]\s*)?(?P<label>[^:\n]{2,90}?)[ \t]*:[ \t]*(?P<gap>[^:\n\d]{0,14})\d", re.M
)


def label_of(sentence: str, start: int) -> str:
    """The label of a "Label: value" line or list item when the line's first value follows the colon at
    once; the line's later figures (a base "up from ...", a second column) belong to the same row.

    >>> label_of("* Ministry of railways: Rs 2.55 lakh crore", 26)
    'ministry of railways'
    >>> label_of("Leeds: 41.2 per cent (up from 30.5 per cent at noon)", 33)
    'leeds'
    >>> label_of("New Delhi: The Centre has earmarked Rs 1.48 lakh crore", 39)
    ''
    """
    m = _LABEL_LINE.match(sentence[:start])
    if m is not None and _LABEL_GAP.match(m["gap"]):
        return " ".join(m["label"].lower().split())
    line_start = sentence.rfind("\n", 0, start) + 1
    row = _ROW_START.match(sentence, line_start)
    if row is None or row.end() > start + 1 or not _LABEL_GAP.match(row["gap"]):
        return ""
    return " ".join(row["label"].lower().split())


def labels_differ(a: str, b: str) -> bool:
    """Two row labels naming different rows: neither's words contain the other's.

    >>> labels_differ("ministry of home affairs", "ministry of consumer affairs, food & public distribution")
    True
    >>> labels_differ("ministry of defence", "defence"), labels_differ("", "defence")
    (False, False)
    """
    if not a or not b:
        return False
    wa = set(re.findall(r"\w+", a)) - words.LABEL_WORDS_IGNORED
    wb = set(re.findall(r"\w+", b)) - words.LABEL_WORDS_IGNORED
    return bool(wa and wb) and not (wa <= wb or wb <= wa)


_ITEM_VERBS = "|".join(re.escape(v).replace("\\ ", r"\s+") for v in words.LIST_ITEM_VERBS)
_LIST_ITEM = re.compile(
    rf"""
    (?:(?P<sep>,\s*|\band\s+|\bwith\s+|\bwhile\s+)|(?:^|:\s*))  # a list separator, or the list's start
    (?P<item>(?:the\s+)?[a-z][a-z\-]*                 # one or two words naming the item
      (?:\s+(?!(?:{_ITEM_VERBS}|up|down|by|at|of|to)\b)[a-z][a-z\-]*)?)
    (?P<verb>\s+(?:{_ITEM_VERBS}))?                      # "production rose 0.6%"
    (?P<prep>\s+(?:up|down|by|at|of|to))?\s+            # "steel up 47%", "services by 0.2%"
    [$€£¥₹]?\s*-?$                                       # then the figure
    """,
    re.VERBOSE,
)
_FIRST_ITEM_PREPS = frozenset({"up", "down", "by", "at", "to"})
"""Words between the first item of a list and its figure ("services by 0.1%"); not "of" ("falls of 0.2%")."""
_ITEM_AFTER = re.compile(
    r"""
    ^\s*(?:%|per\s*cent|percent)?\s+in\s+            # "0.2 percent in services"
    (?P<item>(?:the\s+)?[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*)?)  # one or two words naming the item
    \s*(?:,|;|\.|\band\b|$)                           # then the next item or the end
    """,
    re.VERBOSE,
)
_FIGURE = re.compile(r"\d[\d.,]*")


def item_of(sentence: str, start: int, end: int) -> str:
    """The item a figure of an inline list belongs to: in a sentence of three figures or more, the words
    right after a list separator and right before the figure ("with steel up 47%, rebar 53% and concrete
    48%"), the words opening the list before a verb ("services fell 0.2%, production rose 0.6% ..."), or the
    words after "in" right after the figure ("0.2 percent in services, 1 percent in production"); "" for a
    figure not written as a list item.

    >>> s = "Costs rose 27%, with steel up 47%, rebar 53% and concrete 48%."
    >>> [item_of(s, s.index(f), s.index(f) + len(f)) for f in ("27%", "47%", "53%", "48%")]
    ['costs', 'steel', 'rebar', 'concrete']
    >>> s = "Output fell in the quarter: services by 0.1%, production by 1.1% and construction by 0.9%."
    >>> [item_of(s, s.index(f), s.index(f) + len(f)) for f in ("0.1%", "1.1%", "0.9%")]
    ['services', 'production', 'construction']
    >>> s = "Falls of 0.2 percent in services, 1 percent in production and 1.3 percent in construction."
    >>> [item_of(s, s.index(f), s.index(f) + len(f)) for f in ("0.2 percent", "1 percent", "1.3 percent")]
    ['services', 'production', 'construction']
    >>> s = "The ANC took 40.2%, the DA 21.8% and the MK party 14.6%."
    >>> item_of(s, s.index("21.8%"), s.index("21.8%") + 5)
    ''
    >>> s = "The party took 40.2% of the vote, its best result, up from 38% and 36%."
    >>> item_of(s, s.index("40.2%"), s.index("40.2%") + 5)
    ''
    >>> s = "The storm caused 1,210 deaths and left 2,875 people injured and 96 others missing."
    >>> item_of(s, s.index("2,875"), s.index("2,875") + 5)
    ''
    """
    if len(_FIGURE.findall(sentence)) < 3:
        return ""
    left_start = max(0, start - 40)
    left = sentence[left_start:start]
    if left_start > 0:  # "^" marks the sentence's start only
        left = "\0" + left
    found = ""
    after = _ITEM_AFTER.match(sentence[end : end + 50].lower())  # "0.2 percent in services": said after it
    if (
        after is not None
        and not any(c.isupper() for c in sentence[end : end + 50][: after.end("item")])
        and not set(after["item"].split()) & words.NOT_ITEM_AFTER
    ):
        found = after["item"]
    m = None if found else _LIST_ITEM.search(left.lower())
    if m is not None and not m["sep"] and not (m["verb"] or (m["prep"] or "").strip() in _FIRST_ITEM_PREPS):
        m = None  # the list's first item is told by the verb or word before its figure ("services fell 0.2%")
    if m is not None:
        item = left[m.start("item") : m.end("item")]
        at_start = m.start("item") == 0 or not sentence[: left_start + m.start("item") - 1].strip()
        # a name is an owner, compared as such (`claims.context.owners`); a sentence opens capitalised
        if not any(c.isupper() for c in (item[1:] if at_start else item)):
            found = m["item"]
    words_ = [w for w in found.split() if w not in words.NOT_ITEM_WORDS and w not in words.NOT_ITEM_VERBS]
    return " ".join(words_)


_HEADER_CHANGE = re.compile(
    r"""
    \b(?:change|chg|growth|increase|decrease|decline|rise|fall|variation|diff(?:erence)?)\b  # Change YOY
    | \b(?:yoy|y/y|y-o-y|qoq|q/q|q-o-q|mom|m/m)\b                                       # YoY, QoQ
    | \b(?:year|quarter|month)[-\s](?:on|over)[-\s](?:year|quarter|month)\b             # year-on-year
    | %\s*(?:ch|chg|change)\b | \bpct\.?\s*ch                                            # % chg
    """,
    re.VERBOSE,
)
_HEADER_SHARE = re.compile(r"\b(?:share|% of|per\s*cent of|proportion)\b")


def cell_facets(label: str, header: str, *, kind: str = "", surface: str = "") -> Facets:
    """Facets of a number in a table cell: the row label names the row, the column header says the
    figure's role (a 'Change YoY' column holds changes), its period part and stage. A row that names a
    change ("Change in share of the vote") holds changes too, and so does a signed cell ("+3.7%").

    >>> f = cell_facets("GAAP net income", "Change YOY", kind="percent")
    >>> f.role, f.stage, f.label
    ('change', 'gaap', 'gaap net income')
    >>> cell_facets("Change in share of the vote", "Labour", kind="percent").role
    'change'
    >>> cell_facets("Share of the vote", "Labour", kind="percent", surface="+1.6%").role
    'change'
    >>> cell_facets("Share of the vote", "Labour", kind="percent", surface="33.7%").role
    'level'
    >>> cell_facets("Revenue", "Fiscal Q4", kind="money").grain
    'quarter:4'
    >>> cell_facets("Adjusted EPS", "FY", kind="money").encode()
    'role=level;stage=adjusted;grain=year;label=adjusted eps'
    """
    head = " ".join(header.lower().split())
    row = " ".join(label.lower().split())
    text = f"{head} {row}"
    w = Window(left=f"{text} ", right="", surface="", kind=kind)
    grain, as_of = grain_of(w)
    if _HEADER_CHANGE.search(head) or _HEADER_CHANGE.match(row) or _SIGNED.match(surface):
        role = "change"
    elif kind == "percent" and _HEADER_SHARE.search(head):
        role = "share"
    else:
        role = "level"
    stage = next((s for s, cues in words.STAGE_CUES.items() if _has(text, cues)), "")
    scope = frozenset(s for s, cues in words.SCOPE_CUES.items() if _has(text, _drop_qualifiers(cues)))
    scope -= {"per_year"} if grain else frozenset()  # an 'annual' column header is the grain, not a rate
    return Facets(role=role, stage=stage, scope=scope, grain=grain, as_of=as_of, label=row)


_CELL_FIGURE = re.compile(
    r"""^\s*(?P<sign>[+\-−–])?\s*(?P<open>\()?\s*(?:[$€£¥₹]|us\$|rs\.?)?\s*(?P<number>\d[\d,]*(?:\.\d+)?)""",
    re.VERBOSE | re.IGNORECASE,
)
_CELL_CHANGE = re.compile(
    r"""^\s*(?:(?P<word>up|down|higher|lower)\s+|(?P<sign>[+\-−–])\s*|(?P<open>\())
    (?P<number>\d[\d,]*(?:\.\d+)?)\s*\)?\s*
    (?:(?P<points>ppts?|pts?|pp|percentage\s+points?|points?)  # a difference of two rates
      | (?P<bps>bps|basis\s+points?)
      | %|per\s*cent)                                           # a percentage change""",
    re.VERBOSE | re.IGNORECASE,
)


def _signed_figure(m: re.Match[str] | None) -> float | None:
    """The number of a `_CELL_FIGURE` or `_CELL_CHANGE` match, negative when signed, in parentheses
    ("(12.5)%") or led by a falling word ("down 11%")."""
    value = parse_number(m["number"]) if m is not None else None
    if m is None or value is None:
        return None
    falling = (m.groupdict().get("word") or "").lower() in {"down", "lower"}
    return -value if m["sign"] in {"-", "−", "–"} or m["open"] or falling else value


def _cell_figure(cell: str) -> float | None:
    """The number a table cell opens with (see `_signed_figure`)."""
    return _signed_figure(_CELL_FIGURE.match(cell))


def _cell_change(cell: str) -> tuple[float, str] | None:
    """A cell stating a change with its direction ("down 11%", "+3.7%", "(2.5) pts"): (signed amount,
    "percent" or "points"); None for an unsigned figure."""
    m = _CELL_CHANGE.match(cell)
    value = _signed_figure(m)
    if m is None or value is None:
        return None
    if m["bps"]:
        return value / 100, "points"
    return value, "points" if m["points"] else "percent"


def row_role(row: str, start: int) -> str:
    """The role a table row's layout gives the figure starting at `start` in the row (cells joined by " | ",
    the first the row's label): "change" for a cell whose words give a direction ("down 11%"), "base" for
    the figure a change in the next cell is measured from ("$5.4 | $6.1 | down 11%": (5.4 - 6.1) / 6.1 is
    -11%, so 6.1 is the earlier figure, the year-ago column of a results table), "" otherwise.

    >>> row = "R&D ($B) | $5.4 | $6.1 | down 11% | $4.8 | $5.5 | down 13%"
    >>> [row_role(row, row.index(f)) for f in ("$5.4", "$6.1", "11%", "$5.5")]
    ['', 'base', 'change', 'base']
    >>> row = "Gross margin | 34.2% | 50.4% | down 16.2 ppts"
    >>> row_role(row, row.index("50.4%"))
    'base'
    >>> row = "Turnout | 61.2% | 58.9% | up 2.3 percentage points"
    >>> row_role(row, row.index("58.9%"))
    'base'
    >>> row = "Seats | 120 | 98 | 22"  # an unsigned last cell: no stated change
    >>> row_role(row, row.index("98"))
    ''
    """
    cells, offset = [], 0
    for cell in row.split(" | "):
        cells.append((offset, cell))
        offset += len(cell) + 3
    k = next((i for i, (at, cell) in enumerate(cells) if at <= start < at + len(cell)), -1)
    if k <= 0:
        return ""
    at, cell = cells[k]
    before = cell[: start - at].strip().lower()
    if before in {"up", "down"} or (before and _change_cue_before(before)):
        return "change"
    if k < 2 or k + 1 >= len(cells):
        return ""
    change = _cell_change(cells[k + 1][1])
    earlier_cell, later_cell = cells[k][1], cells[k - 1][1]
    earlier, later = _cell_figure(earlier_cell), _cell_figure(later_cell)
    if change is None or earlier is None or later is None or earlier == 0:
        return ""
    amount, kind = change
    if kind == "points":
        measured = later - earlier
        return "base" if abs(measured - amount) <= 0.15 + 0.02 * abs(amount) else ""
    measured = (later - earlier) / abs(earlier) * 100
    return "base" if abs(measured - amount) <= 0.6 + 0.03 * abs(amount) else ""


def with_subject(facets: Facets, subject: str) -> Facets:
    """Stage and exclusive scope words named in the claim's subject (what is measured: "Diluted GAAP EPS",
    "additional allocation") when the words around the number name none.

    >>> with_subject(Facets(), "diluted non-GAAP EPS").stage
    'adjusted'
    >>> with_subject(Facets(stage="forecast"), "GAAP EPS").stage  # the basis the words around left out
    'forecast+gaap'
    >>> with_subject(Facets(stage="proposed"), "revised estimate").stage
    'proposed'
    """
    text = " ".join(subject.lower().split())
    if not text:
        return facets
    changes: dict[str, object] = {}
    timing, basis = stage_parts(facets.stage)
    named = stage_parts(join_stages([s for s, cues in words.STAGE_CUES.items() if _has(text, cues)]))
    stage = join_stages([x for x in (timing or named[0], basis or named[1]) if x])
    if stage != facets.stage:
        changes["stage"] = stage
    scope = frozenset(
        s for s in ("additional", "previous", "later_tranche") if _has(text, words.SCOPE_CUES[s])
    )
    if scope - facets.scope:
        changes["scope"] = facets.scope | scope
    return replace(facets, **changes) if changes else facets  # type: ignore[arg-type]


_CLOCK_AS_OF = re.compile(
    r"""\b(?:as\s+(?:of|at|on)|by|till|until|up\s+to)\s+            # "as of", "by", "till"
    (?P<time>\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?))     # 12.15 am, 3 pm
    """,
    re.VERBOSE | re.IGNORECASE,
)


def document_as_of(title: str, text: str) -> str:
    """The clock time a live document reads its running counts at: the first "as of <time>" or "by <time>"
    of its title, else of its text ("as of 12.15 am"); "" when it names none (a date alone is no live
    reading).

    >>> document_as_of("Turnout recorded by 3 pm", "At 1 PM it was 40%.")
    '3 pm'
    >>> document_as_of("Vote shares", "The BJP had 36.6% of the votes as of 12.15 am, the EC said.")
    '12.15 am'
    >>> document_as_of("Budget", "Spending as of March was up.")
    ''
    """
    m = _CLOCK_AS_OF.search(title) or _CLOCK_AS_OF.search(text)
    return _as_of_text(m["time"]) if m else ""


def _as_of_text(text: str) -> str:
    """An as-of date or hour written one way: `3 p.m.` -> `3 pm`, `Sunday` -> `sunday`.

    >>> _as_of_text("3 p.m."), _as_of_text("Sunday"), _as_of_text("6pm")
    ('3 pm', 'sunday', '6 pm')
    """
    text = re.sub(r"\b([ap])\.?m\b\.?", r"\1m", text.lower())
    text = re.sub(r"(\d)([ap]m)\b", r"\1 \2", text)
    return " ".join(text.split()).rstrip(".")


def opening_paragraph(text: str, title: str = "") -> str:
    r"""The opening of a document's text after its title line: its first two paragraphs (a standfirst
    and the lead, dateline and all), at most 600 characters; where a news report says how far the count
    it reports on had gone.

    >>> text = "Results\n\nJOHANNESBURG (AP) - With most votes counted, the ANC leads.\n\nMore.\n\nEnd."
    >>> opening_paragraph(text, "Results")
    'JOHANNESBURG (AP) - With most votes counted, the ANC leads.\n\nMore.'
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if paragraphs and title and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs[:2])[:600]


_AGAINST_POLLS = re.compile(
    r"\b(?:defying|defies|defied|despite|confounding|confounds|beating|beats|than|contrary\s+to|against)\s+"
    r"(?:the\s+|all\s+)?(?:exit|opinion)[\s-]polls?\b"
)
"""A title that sets its result against the polls ("wins, defying exit polls") does not report a poll."""


def document_stage(title: str, lead: str = "") -> str:
    """The stage a document's title gives the figures it reports on: a live or running account
    ("leads", "trends", "as counting continues") is `provisional`, a closing one ("final results", "all
    results declared") `final`; else how far the count had gone by the title or the opening paragraph
    (`lead`) says so (`count_stage`); "" when neither says.

    >>> document_stage("Election results live: NDA leads in 292 seats as counting continues")
    'provisional'
    >>> document_stage("EC declares all results: NDA wins 293"), document_stage("Budget 2024 highlights")
    ('final', '')
    >>> document_stage("ANC short of a majority", "With nearly every vote counted, the ANC has 40.21%.")
    'provisional'
    >>> document_stage("Exit poll: Green Union ahead"), document_stage("Green Union wins, defying exit polls")
    ('poll', '')
    """
    text = _AGAINST_POLLS.sub(" ", " ".join(title.lower().split()))
    for stage, cues in words.DOCUMENT_STAGE_CUES.items():
        if _has(text, cues):
            return stage
    return count_stage(title) or count_stage(lead)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def claim_facets(
    sentence: str,
    start: int,
    end: int,
    *,
    kind: str = "",
    prev_end: int = 0,
    next_start: int | None = None,
    fallback_owner: str = "",
) -> Facets:
    """Facets of the number at sentence[start:end] (offsets in `sentence`); `fallback_owner` (the document's
    main party) when the sentence names no owner (`claims.context.owners`).

    >>> claim_facets("Trust reached 66.8%, up from 58.9% a year ago.", 29, 34, kind="percent").role
    'base'
    >>> s = "The previous record turnout of 62.5% was set on June 4, 1989."
    >>> claim_facets(s, 31, 36, kind="percent").scope  # dated: the period tells it apart, not a scope
    frozenset()
    """
    w = window(sentence, start, end, kind=kind, prev_end=prev_end, next_start=next_start)
    grain, as_of = grain_of(w)
    classes = classes_of(w)
    step = step_of(w)
    if step:
        classes = classes | {step}
    owner = owner_of(sentence, start, end, fallback=fallback_owner)
    role = role_of(w)
    stage = stage_of(w)
    timing, basis = stage_parts(stage)
    if not timing:  # no version named next to it: how far its count had gone, if said
        counted = count_stage(sentence) or ("provisional" if running_count(w) else "")
        stage = join_stages([counted, basis]) if counted else stage
    elif timing == "approved" and running_count(w):  # a toll that "passed 2,000" is no bill passed
        stage = join_stages(["provisional", basis])
    scope = scope_of(w)
    if "previous" in scope and _YEAR.search(sentence):
        scope -= {"previous"}  # "the previous record, 62.5%, set in 1989": the year says which, as a period
    return Facets(
        role=role,
        stage=stage,
        scope=scope,
        grain=grain,
        as_of=as_of,
        classes=classes,
        label=label_of(sentence, start),
        owner=owner.name,
        owner_source=owner.source,
        direction=direction_of(w) if role == "change" else "",
        item=respective_item(sentence, start, end) or item_of(sentence, start, end),
    )


# ------------------------------------------------------------------------------------------- comparison
EXCLUSIVE_SCOPES = frozenset({"additional", "previous", "later_tranche", "per_capita"})
"""Scope words that make a figure another quantity than the same words without them."""
RATES = frozenset({"per_day", "per_month", "per_year"})
"""A rate per period: another quantity than a running total, or than a rate per another period."""
SOFT_ROLES = frozenset(
    {
        frozenset({"level", "target"}),
        frozenset({"level", "share"}),
        frozenset({"level", "base"}),
        frozenset({"target", "base"}),
    }
)
"""Roles the words may tell apart wrongly ("the capex target of ₹11.11 lakh crore" is the budgeted level,
"a vote share of 37%" a level), or that name one quantity at two times (the base of a change, "up from 19.5%
at the last election", is the level of an earlier period; the periods decide): a difference lowers the
match score instead of ruling the pair out."""


def grains_differ(a: str, b: str) -> bool:
    """Two stated grains that cannot be one period: another grain, or another numbered part of it.

    >>> grains_differ("quarter:3", "quarter:4"), grains_differ("quarter", "quarter:3")
    (True, False)
    >>> grains_differ("", "year")
    False
    >>> grains_differ("quarter:3", "year"), grains_differ("half:1", "quarter:1")
    (True, True)

    A basis ("on:year": against the same period a year before) is no period: a quarter's change on the year
    before is that quarter's change; two bases, or a change on the quarter before against a year's, differ.

    >>> grains_differ("on:year", "quarter:4"), grains_differ("quarter:4|on:year", "quarter:4")
    (False, False)
    >>> grains_differ("on:quarter", "on:year"), grains_differ("on:quarter", "year")
    (True, True)
    """
    if not a or not b or a == b:
        return False
    (period_a, basis_a), (period_b, basis_b) = _grain_parts(a), _grain_parts(b)
    if basis_a and basis_b and basis_a != basis_b:
        return True  # a change on the quarter before against one on the year before
    for basis, period in ((basis_a, period_b), (basis_b, period_a)):
        over = basis.partition(":")[2]
        if over and over != "year" and period and period.partition(":")[0] != over:
            return True  # a change on the quarter before against a year's (or a month's) figure
    if not period_a or not period_b:
        return False
    kind_a, _, part_a = period_a.partition(":")
    kind_b, _, part_b = period_b.partition(":")
    return kind_a != kind_b or bool(part_a and part_b and part_a != part_b)


def _grain_parts(grain: str) -> tuple[str, str]:
    """(period, basis) of a grain as `grain_of` writes it: "quarter:3|on:year", "on:year", "quarter:3"."""
    if grain.startswith("on:"):
        return "", grain
    period, _, basis = grain.partition("|")
    return period, basis


def facet_conflicts(a: Facets, b: Facets) -> tuple[str, ...]:
    """Facets on which two figures differ on positive evidence (a pair with any is not one quantity).

    >>> facet_conflicts(Facets(role="change"), Facets())
    ('role',)
    >>> facet_conflicts(Facets(stage="proposed"), Facets())
    ()
    >>> facet_conflicts(Facets(grain="quarter"), Facets(grain="year"))
    ('grain',)
    """
    out = []
    if (a.role != b.role and frozenset({a.role, b.role}) not in SOFT_ROLES) or a.role == "equivalent":
        out.append("role")
    if stages_differ(a.stage, b.stage):
        out.append("stage")
    rates_a, rates_b = a.scope & RATES, b.scope & RATES
    if (
        (a.scope ^ b.scope) & EXCLUSIVE_SCOPES
        or (rates_a and rates_b and rates_a != rates_b)
        or (rates_a and "cumulative" in b.scope)
        or (rates_b and "cumulative" in a.scope)
    ):
        out.append("scope")
    if grains_differ(a.grain, b.grain):
        out.append("grain")
    if a.as_of and b.as_of and a.as_of != b.as_of:
        out.append("as_of")
    if a.classes and b.classes and not a.classes & b.classes:
        out.append("classes")
    if labels_differ(a.item, b.item):
        out.append("item")
    return tuple(out)


def facet_gaps(a: Facets, b: Facets) -> tuple[str, ...]:
    """Facets one side gives and the other does not (agreement there is not shown, only not denied).

    >>> facet_gaps(Facets(stage="proposed"), Facets())
    ('stage',)
    """
    out = []
    if a.role != b.role:  # only soft role differences reach here (see `facet_conflicts`)
        out.append("role")
    for name in ("stage", "grain", "as_of"):  # the owner has its own match features
        if bool(getattr(a, name)) != bool(getattr(b, name)):
            out.append(name)
    if bool(a.classes) != bool(b.classes):
        out.append("classes")
    if (a.scope ^ b.scope) - EXCLUSIVE_SCOPES:
        out.append("scope")
    return tuple(out)


__all__ = [
    "ESTIMATE_STAGES",
    "EXCLUSIVE_SCOPES",
    "Facets",
    "cell_facets",
    "claim_facets",
    "document_as_of",
    "document_stage",
    "opening_paragraph",
    "facet_conflicts",
    "facet_gaps",
    "measures_differ",
    "measures_of",
    "window",
    "with_subject",
]
