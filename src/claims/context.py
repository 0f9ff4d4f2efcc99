"""Claim context: what a number measures, about whom, when, and which footnote backs it.

Pure functions over text, spaCy tokens and a `Layout`; `claims.extract` calls them for every quantity.

- periods: the period expression that governs the number in its sentence (`claims.parse.periods`), a table
  row's `Year(s)` cell or a column header (`2030 Projection`), else a year in the section heading;
- subject: a few words from the syntax around the number (the noun it modifies, the noun phrase it is the
  object of, the counted noun and its recipient), or a table's title/group and column header;
- entities: parties named near the number, canonicalised through `claims.lexicon.entities`;
- citation: footnote markers in the sentence and the reference entries they resolve to in the chapter;
- table units: `USD Billions` -> USD x 1e9, `% of GDP` -> percent, `Approx.` -> approx.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claims.lexicon.entities import CAPITALS, IMPLIES, alias_table
from claims.parse.periods import (
    Period,
    PeriodMention,
    choose_period,
    find_periods,
    header_period,
    parse_year_cell,
    sentence_reference,
)
from claims.segment import Layout, Table, TableCell
from claims.types import Footnote

# ---------------------------------------------------------------------------------------------------------
# sentences


def clip_sentence(text: str, start: int, end: int, q_start: int, q_end: int) -> tuple[int, int]:
    """Narrow a parser sentence to the line block holding the quantity.

    Slides and lists put one statement per line without final punctuation; the parser often joins them.
    A line break ends the sentence unless the next line continues it (starts in lower case after a line that
    does not end a sentence: a page break inside a paragraph).

    >>> t = "- OSA budget\\n - 5 billion yen in 2024\\n- Next"
    >>> s, e = clip_sentence(t, 0, len(t), 15, 29)
    >>> t[s:e]
    '- 5 billion yen in 2024'
    """
    s = start
    pos = q_start
    while True:
        nl = text.rfind("\n", s, pos)
        if nl < 0:
            break
        before = text[s:nl].rstrip()
        after = text[nl + 1:q_start].lstrip()
        if _continues(before, after):
            pos = nl
            continue
        s = nl + 1
        break
    e = end
    pos = q_end
    while True:
        nl = text.find("\n", pos, e)
        if nl < 0:
            break
        before = text[q_start:nl].rstrip()
        after = text[nl + 1:e].lstrip()
        if _continues(before, after):
            pos = nl + 1
            continue
        e = nl
        break
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_MARKER_BOUNDARY = re.compile(
    r"""(?<=[.!?])["”’)\]]?                      # a sentence end, maybe closing a quotation
    (?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^?\d{1,3}\])            # then its footnote marker (`economy.⁴`, `oil.[12]`)
    (?P<gap>\s+)(?=["“‘(]?[A-Z])                # and the next sentence""", re.VERBOSE)


def split_at_markers(text: str, start: int, end: int, q_start: int, q_end: int) -> tuple[int, int]:
    """Narrow text[start:end] to the sentence holding the quantity when the parser ran two sentences together
    across a footnote marker (`... the global economy.⁴ ASEAN nations are ...`); the marker stays with the
    sentence it closes.

    >>> t = "Growth improved.⁴ ASEAN became a $4.81 trillion economy.⁵"
    >>> s, e = split_at_markers(t, 0, len(t), 33, 47)
    >>> t[s:e]
    'ASEAN became a $4.81 trillion economy.⁵'
    """
    s, e = start, end
    for m in _MARKER_BOUNDARY.finditer(text, start, end):
        if m.end() <= q_start:
            s = m.end()
        elif m.start() >= q_end:
            e = m.start("gap")
            break
    return s, e


def _continues(before: str, after: str) -> bool:
    if not before or not after:
        return False
    if before[-1] in ".!?:;" or after[0] in "-•*▪→":
        return False
    return after[0].islower() or before[-1] in ",(–—"


# ---------------------------------------------------------------------------------------------------------
# periods


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


# ---------------------------------------------------------------------------------------------------------
# tables

_CURRENCY_IN_HEADER: tuple[tuple[str, str], ...] = (
    (r"US\s*\$|USD|US\s+dollars?|U\.S\.\s+dollars?", "USD"),
    (r"JPY|¥|\byen\b", "JPY"),
    (r"EUR|€|\beuros?\b", "EUR"),
    (r"GBP|£", "GBP"),
    (r"CNY|RMB|\byuan\b", "CNY"),
    (r"SGD|S\$", "SGD"),
    (r"AUD|A\$", "AUD"),
    (r"MYR|\bringgit\b", "MYR"),
    (r"IDR|\brupiah\b", "IDR"),
    (r"PHP|\bpesos?\b", "PHP"),
    (r"THB|\bbaht\b", "THB"),
    (r"VND|\bdong\b", "VND"),
    (r"KRW", "KRW"),
    (r"INR|\brupees?\b", "INR"),
    (r"\$|\bdollars?\b", "USD"),
)
_SCALE_IN_HEADER: tuple[tuple[str, float], ...] = (
    (r"\btrillions?\b|\btn\b", 1e12),
    (r"\bbillions?\b|\bbn\b|\bbln\b", 1e9),
    (r"\bmillions?\b|\bmn\b|\bmln\b|\bMil\.?", 1e6),
    (r"\bthousands?\b|'000s?|\bk\b", 1e3),
)
_PERCENT_IN_HEADER = re.compile(r"%|\bper\s?cent\b|\bpercentage\b|\bpct\b", re.IGNORECASE)
_APPROX_IN_HEADER = re.compile(r"\bapprox\b\.?|\bapproximately\b|\bestimated?\b|\best\.|~|\bc\.\s",
                               re.IGNORECASE)
_SCALE_IN_SURFACE = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn|tn|[mkbt])\b|\d[mkbMBKT]\b",
                               re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HeaderUnit:
    """What a column header says about its cells' unit."""

    currency: str | None = None
    scale: float = 1.0
    percent: bool = False
    approx: bool = False


def header_unit(header: str) -> HeaderUnit:
    """Read the unit of a column header.

    >>> header_unit("2024 Budget (USD Billions, Constant 2024)")
    HeaderUnit(currency='USD', scale=1000000000.0, percent=False, approx=False)
    >>> header_unit("2030 Projection (% of GDP)").percent
    True
    >>> header_unit("Total Budget (USD, Approx.)")
    HeaderUnit(currency='USD', scale=1.0, percent=False, approx=True)
    """
    currency = None
    for pattern, code in _CURRENCY_IN_HEADER:
        if re.search(pattern, header, re.IGNORECASE if code != "PHP" else 0):
            currency = code
            break
    scale = 1.0
    for pattern, factor in _SCALE_IN_HEADER:
        if re.search(pattern, header, re.IGNORECASE):
            scale = factor
            break
    percent = bool(_PERCENT_IN_HEADER.search(header))
    if percent:
        currency = None
        scale = 1.0
    return HeaderUnit(currency, scale, percent, bool(_APPROX_IN_HEADER.search(header)))


def surface_has_scale(surface: str) -> bool:
    """True when the quantity's own text states a scale (`5 billion`, `$3.8bn`)."""
    return bool(_SCALE_IN_SURFACE.search(surface))


_YEAR_HEADER = re.compile(r"\b(?:years?|dates?|periods?|fy|fiscal)\b|\(s\)", re.IGNORECASE)
_FISCAL_HEADER = re.compile(r"\bfiscal\b|\bFY\b", re.IGNORECASE)


def table_period(
    table: Table, row: int, cell: TableCell, *, reference: dt.date | None = None
) -> PeriodChoice:
    """The period a table cell refers to: its column header (`2030 Projection`), else the row's year cell
    (`Year(s)` column first, then any cell holding only a period; continuation rows inherit), else none."""
    header = table.column_header(cell.col)
    if header:
        p = header_period(header, reference=reference)
        if p is not None:
            return PeriodChoice(p, "column", header)
    for r in range(row, -1, -1):
        found = _row_year(table, r, skip_col=cell.col, reference=reference)
        if found is not None:
            return found
        if not table.rows[r].continuation:
            break
    return PeriodChoice(None, "none")


def _row_year(table: Table, row: int, *, skip_col: int, reference: dt.date | None) -> PeriodChoice | None:
    cells = [c for c in table.rows[row].cells if c.col != skip_col and c.text]
    cells.sort(key=lambda c: (not _YEAR_HEADER.search(table.column_header(c.col)), c.col))
    for c in cells:
        p = parse_year_cell(c.text, reference=reference)
        if p is not None:
            if _FISCAL_HEADER.search(table.column_header(c.col)) and not p.fiscal:
                p = Period(p.start, p.end, True)
            return PeriodChoice(p, "row", c.text)
    return None


def _clean_label(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"\b(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:1[89]|20)?\d\d)?\b", " ", text)
    text = re.sub(r"^\s*(?:table|figure)\s+\d+\s*[:.]\s*", "", text, flags=re.IGNORECASE)
    return " ".join(text.replace(":", " ").split()).strip(" -–,;")


def table_subject(table: Table, row: int, cell: TableCell, counted: str | None) -> str:
    """`Comparative Military Expenditures in the Indo-Pacific: 2024 Budget`, `OSA Total Budget`,
    `used offshore patrol vessels provided to Malaysia`."""
    label = table.row_label(row)
    first_header = table.column_header(0)
    if counted:
        recipient = label if label and not parse_year_cell(label) else ""
        if recipient and re.search(r"recipient|country|nation|beneficiar", first_header, re.IGNORECASE):
            return f"{counted} provided to {recipient}"
        return f"{counted} ({recipient})" if recipient else counted
    column = _clean_label(table.column_header(cell.col))
    group = table.group_label(row) if table.group_label(row) != _clean_label(first_header) else ""
    title = _clean_label(table.title)
    head = " ".join(x for x in (group, column) if x)
    if title:
        return f"{title}: {head}" if head else title
    return head or _clean_label(label)


# ---------------------------------------------------------------------------------------------------------
# subject from syntax

_MODIFIER_DEPS = frozenset({"compound", "nummod", "quantmod", "amod", "nmod", "npadvmod"})
_SUBJECT_STOP_DEPS = {"det", "predet", "punct", "nummod", "quantmod", "advmod", "cc", "case", "prep", "relcl",
                      "acl", "appos", "conj", "nmod"}
_MAX_SUBJECT_WORDS = 8


_NUMBER_ENTS = frozenset({"DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "TIME"})


def _is_numberish(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or token.ent_type_ in _NUMBER_ENTS


def _join(words: Sequence[Token]) -> str:
    """Tokens in text order with the text's own spacing (`intra-ASEAN`, `countries'`), one space over gaps."""
    out = []
    for k, t in enumerate(words):
        out.append(t.text)
        if k + 1 < len(words):
            out.append(t.whitespace_ if words[k + 1].i == t.i + 1 else " ")
    return " ".join("".join(out).split())


def _phrase(head: Token, exclude: set[int]) -> str:
    """The head noun with its compounds, adjectives and possessors (no determiners or numbers)."""
    if head.lower_ in {"which", "whom", "that"} and head.pos_ in {"PRON", "DET"}:
        antecedent = _antecedent(head)
        if antecedent is None or antecedent.i in exclude:
            return ""
        head = antecedent
    keep = [head]
    for child in head.lefts:
        if child.i in exclude or child.dep_ in _SUBJECT_STOP_DEPS or _is_numberish(child):
            continue
        keep.extend(t for t in child.subtree if t.i not in exclude and not _is_numberish(t)
                    and t.dep_ not in {"det", "punct", "predet"})
    # a short `of`/`between`/`for` complement makes the phrase specific (`trade between the two regions`)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "between", "for", "on", "to", "in"}:
            objects = [t for t in child.children if t.dep_ == "pobj" and not _is_numberish(t)]
            if objects and objects[0].i not in exclude:
                sub = [t for t in child.subtree if t.i not in exclude and t.dep_ not in {"punct"}]
                if len(sub) > 5 or any(t.dep_ in {"relcl", "acl"} for t in sub):
                    # keep the complement's head noun with its own modifiers (`increase in incidents`)
                    obj = objects[0]
                    sub = [child, *(t for t in obj.lefts if t.dep_ in {"compound", "amod", "poss"}
                                    and t.i not in exclude and not _is_numberish(t)), obj]
                keep.extend(sub)
            break
    words = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    text = _join(words)
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", text)
    text = re.sub(r"^(?:the|a|an|its|their|this|these|those)\s+", "", text, flags=re.IGNORECASE)
    tokens = text.split()
    return " ".join(tokens[:_MAX_SUBJECT_WORDS])


_DATELINE = re.compile(
    r"""^\s*[A-Z][A-Z.'’\- ]{2,40}              # TOKYO / KUALA LUMPUR / PHNOM PENH
    (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?  # , March 15 (, 2024)
       (?:\s*\([^()\n]{1,40}\))?                #   (Reuters)
     | \s*\([^()\n]{1,40}\))                    # or only (Reuters)
    \s*(?:-{1,2}|–|—)\s""", re.VERBOSE)
"""A wire dateline opening a story: its city is neither what a figure measures nor a party to it."""


def dateline_end(text: str) -> int:
    """Length of the dateline at the start of `text` (0 when there is none).

    >>> dateline_end("JAKARTA, April 15 (Reuters) - Indonesia's trade surplus narrowed")
    30
    >>> dateline_end("ASEAN - the bloc - grew")
    0
    """
    m = _DATELINE.match(text)
    if m is None or len(re.findall(r"[A-Z]", m.group(0))) < 3:
        return 0
    return m.end()


_CHANGE_NOUNS = frozenset({
    "increase", "decrease", "rise", "fall", "drop", "decline", "growth", "expansion", "contraction", "jump",
    "gain", "loss", "slump", "surge", "plunge", "dip", "rebound", "recovery", "change", "high", "low",
    "record", "peak", "top", "slowdown", "upturn", "downturn", "falls", "declines", "increases", "drops",
    "rises", "gains", "losses", "total", "sum", "estimate", "estimation", "figure", "level", "value",
    "average",
})
"""Nouns that name a change or a level without saying of what (`a 20.8% slump`, `a 32-month high of`)."""
_LEVEL_NOUNS = frozenset({"high", "low", "record", "peak", "top", "total", "sum", "estimate", "estimation",
                          "figure", "level", "value", "average"})
_TIME_WORDS = frozenset({"year", "years", "month", "months", "quarter", "quarters", "week", "weeks", "day",
                         "days", "last", "next", "this", "previous", "past", "same", "period", "time",
                         "earlier", "ago", "half", "decade"})
_IDIOM_ON = frozenset({"road", "ground", "average", "basis", "track", "board", "hold", "line", "record",
                       "way", "paper", "top", "site", "time", "schedule", "year", "month", "quarter", "day"})
_SHARE_BASE_PHRASES = frozenset({"gross domestic product", "gross national income", "gross national product",
                                 "domestic product"})


def syntactic_subject(
    span: Span, counted: str | None = None, *, bounds: tuple[int, int] | None = None
) -> str:
    """What the number in `span` measures, read from the dependency parse.

    `¥400 million ... in grants` -> `grants`; `40.5% of ASEAN-10 respondents` -> `ASEAN-10 respondents`;
    `the OSA budget was 8.1 billion yen` -> `OSA budget`; `trade flows of more than $280 million` ->
    `trade flows`; counts -> the counted noun with its `to`/`for` recipient, or whose they are (`leaders of
    East Asia Summit` for `the EAS with 18 leaders`). `bounds` (character offsets in the doc) limit the words
    to the sentence; a wire dateline (`JAKARTA, April 15 (Reuters) -`) never gives a word. A change or level
    noun (`a 20.8% slump`, `a record $4.2 billion`) is read as what changed (`slump in non-oil exports`),
    and a figure in parentheses after a name in a list (`Singapore (-20.2%)`) measures the list's noun.
    """
    exclude = {t.i for t in span}
    sent = span.sent
    lo, hi = bounds if bounds is not None else (sent.start_char, sent.end_char)
    cut = dateline_end(span.doc.text[sent.start_char:sent.end_char])
    lo = max(lo, sent.start_char + cut)
    exclude.update(t.i for t in sent if t.idx < lo or t.idx >= hi)
    subject = _subject(span, counted, exclude)
    listed = _list_item_subject(span, exclude)
    if listed:
        return listed
    head_word = subject.split()[-1].lower() if subject else ""
    if subject and set(subject.lower().split()) <= _TIME_WORDS:
        return ""  # `up from 28 million last year`: the sentence's other figure says what it measures
    if subject and head_word in _CHANGE_NOUNS:
        topic = _clause_topic(span, exclude)
        if topic and topic.lower() != subject.lower():
            # a level names only its topic (`a 32-month high of`, `an estimation of`); a change keeps its word
            return topic if head_word in _LEVEL_NOUNS else f"{subject} in {topic}"
    return subject


def _clause_topic(span: Span, exclude: set[int]) -> str:
    """The measured noun of the number's clause: the subject of its verb (`Exports ... with a record $4.2
    billion`), else of the sentence's main verb; not a change noun, a pronoun or a place alone."""
    node = span.root
    verbs = []
    for _ in range(10):
        if node.pos_ in {"VERB", "AUX"}:
            verbs.append(node)
        if node.head is node:
            break
        node = node.head
    verbs.append(span.sent.root)
    return _topic_of_verbs(verbs, exclude)


def _topic_of_verbs(verbs: Sequence[Token], exclude: set[int]) -> str:
    for verb in verbs:
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"} and verb.head.i not in exclude \
                and verb.head.lower_ not in _CHANGE_NOUNS:
            return _phrase(verb.head, exclude | {verb.i})  # `an economy valued at an estimation of ...`
        if _lemma(verb) in _RECORDING_VERBS:
            for child in verb.children:  # `recorded sales revenue of ..., a decrease of 11%`
                if child.dep_ == "dobj" and child.i not in exclude and not _is_numberish(child) \
                        and child.lower_ not in _CHANGE_NOUNS \
                        and not any(_is_numberish(t) for t in child.lefts):
                    return _phrase(child, exclude)
        subject = _verb_subject(verb, exclude)
        if subject and subject.split()[-1].lower() not in _CHANGE_NOUNS and subject.lower() not in {
                "it", "they", "this", "that", "which"} and not _is_place(subject):
            return subject
        for child in verb.children:  # `raise defence spending to 2%`: the object is what is measured
            if child.dep_ == "dobj" and child.i not in exclude and not _is_numberish(child) \
                    and child.lower_ not in _CHANGE_NOUNS \
                    and not any(_is_numberish(t) for t in child.lefts):
                phrase = _phrase(child, exclude)
                if phrase and phrase.split()[-1].lower() not in _CHANGE_NOUNS and not _is_place(phrase):
                    return phrase
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            # a misparsed subject (`Among ASEAN members, military spending in 2023 was highest`): the
            # nearest noun before the verb that is not inside a prepositional phrase
            nearest = [t for t in verb.doc[verb.sent.start:verb.i] if t.i not in exclude and t.pos_ == "NOUN"
                       and t.dep_ in {"appos", "ROOT", "conj", "nsubj"} and t.lower_ not in _CHANGE_NOUNS]
            if nearest:
                return _phrase(nearest[-1], exclude)
    return ""


def _change_phrase(span: Span, exclude: set[int]) -> str:
    """The change noun that is the subject of the number's clause (`the steepest falls were in ...`)."""
    node = span.root
    for _ in range(10):
        if node.pos_ in {"VERB", "AUX"}:
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in exclude \
                        and child.lower_ in _CHANGE_NOUNS:
                    return _phrase(child, exclude)
        if node.head is node:
            break
        node = node.head
    return ""


def _previous_topic(span: Span, exclude: set[int]) -> str:
    """The measured noun of the sentence before, in the same paragraph (`The regional exports dropped ...
    Notably, the biggest declines have impacted Brunei (-34.8%)`)."""
    sent = span.sent
    if sent.start == 0:
        return ""
    previous = span.doc[sent.start - 1].sent
    if "\n\n" in span.doc.text[previous.end_char:sent.start_char + 1]:
        return ""
    return _topic_of_verbs([previous.root], exclude)


_EXPECTING_VERBS = frozenset({"expect", "forecast", "project", "predict", "estimate", "see", "anticipate",
                              "say", "think", "believe"})
_RECORDING_VERBS = frozenset({"record", "report", "post", "register", "log", "book", "achieve", "deliver",
                              "generate", "earn", "see", "handle", "produce", "ship", "sell", "export"})


def _is_place(text: str) -> bool:
    table = alias_table()
    return text in table or text in CAPITALS or text.strip().upper() == text.strip() and len(text) > 3


_LIST_ITEM = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\(\s*$")


def list_item_party(text: str, start: int, end: int) -> str:
    """The name a parenthesised figure follows in a list (`Brunei Darussalam (-34.8%), Malaysia (-40%)`).

    >>> t = "The biggest declines hit Brunei Darussalam (-34.8%), Malaysia (-40%) and Thailand (-50.8%)."
    >>> list_item_party(t, t.index("-40"), t.index("-40") + 4)
    'Malaysia'
    >>> list_item_party("Exports rose (5%) in May.", 14, 16)
    ''
    """
    m = _LIST_ITEM.search(text[max(0, start - 40):start])
    if m is None or ")" not in text[end:end + 24].split("(")[0]:
        return ""
    name = m.group(0).rstrip(" (")
    return name if find_entities(name) else ""


def list_item_parties(text: str) -> list[str]:
    """Every party named right before a parenthesised figure in `text` (the items of a list).

    >>> list_item_parties("Aid went to Fiji ($84 million) and Tonga ($20 million) from Australia.")
    ['Fiji', 'Tonga']
    """
    out = []
    for m in re.finditer(r"\(\s*[-+−]?[$€£¥₹A-Z]{0,3}\$?\s?\d", text):
        party = list_item_party(text, m.start() + 1, m.start() + 1)
        if not party:
            continue
        close = text.find(")", m.start())
        if close > 0 and party not in out:
            out.append(party)
    return out


def _list_item_subject(span: Span, exclude: set[int]) -> str:
    """`... highest in Singapore ($13.2 billion), followed by Indonesia ($9.5 billion)`: the figure after a
    name in parentheses measures the clause's noun (`military spending`), not the name."""
    doc = span.doc
    before = doc.text[max(0, span.start_char - 40):span.start_char]
    after = doc.text[span.end_char:span.end_char + 2]
    if not _LIST_ITEM.search(before) or not after.lstrip().startswith(")"):
        return ""
    topic = _clause_topic(span, exclude)
    if topic:
        return topic
    change = _change_phrase(span, exclude)
    if change:
        previous = _previous_topic(span, exclude)
        return f"{change} in {previous}" if previous else change
    # `Unemployment fell across the region in 2023: Indonesia (5.3%), ...`: the clause before the colon
    sent = span.sent
    colon = doc.text.rfind(":", sent.start_char, span.start_char)
    if colon > 0:
        root = next((t for t in sent if t.idx >= colon), None)
        verbs = [t for t in sent
                 if t.idx < colon and t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj"}]
        for verb in verbs:
            subject = _verb_subject(verb, exclude)
            if subject and not _is_place(subject):
                return subject
        del root
    return _previous_topic(span, exclude)


def _subject(span: Span, counted: str | None, exclude: set[int]) -> str:
    root = span.root
    if counted:
        head = root.head if root.head.i not in exclude else root
        if head.dep_ == "poss" and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i not in exclude:
            # `six Japan's used frigates to the Philippines`: the possessed noun is what is counted
            noun = head.head
            return f"{_phrase(noun, exclude)} {_recipient(noun, exclude)}".strip()
        recipient = _recipient(head, exclude)
        if not recipient:
            owner = _count_owner(head, exclude)
            if owner and owner.split()[-1].lower() in _COLLECTIVE_NOUNS:
                return owner
            if owner:
                return f"{counted} of {owner}"
        return f"{counted} {recipient}".strip()
    # `X% of Y`, `¥400 million in grants`, `$5 billion worth of aid`
    for token in span:
        for child in token.children:
            if child.i in exclude or child.dep_ != "prep" \
                    or child.lower_ not in {"of", "in", "for", "worth", "on"}:
                continue
            objects = [t for t in child.children if t.dep_ == "pobj" and not _is_numberish(t)]
            if objects and not _is_date_word(objects[0]) and objects[0].i not in exclude:
                if span.root.ent_type_ == "PERCENT" or "%" in span.text or "cent" in span.text.lower():
                    share = _share_of(objects[0], span, exclude)
                    if share:
                        return share
                    if _share_base(objects[0]):
                        return ""  # `6.2% of GDP` after an amount: it measures what the amount does
                if objects[0].lower_ in {"its", "their"} or objects[0].lower_ in _CHANGE_NOUNS - {"total"}:
                    continue
                if child.lower_ == "on" and objects[0].lower_ in _IDIOM_ON:
                    continue  # `1 million on the road`, `5% on average`
                if objects[0].lower_ in {"value", "worth"} and child.lower_ == "of":
                    continue  # `lost 40% of its value`: the subject of the verb lost it
                return _phrase(objects[0], exclude)
    head = root
    while head.dep_ in _MODIFIER_DEPS and head.head.i in exclude:
        head = head.head
    dep = head.dep_
    governor = head.head
    if governor.lower_ in {"up", "down", "higher", "lower"} and governor.head.pos_ in {"NOUN", "PROPN"} \
            and governor.head.i not in exclude and not _is_numberish(governor.head):
        return _phrase(governor.head, exclude)  # `with consumer loans up 24.1%`
    if dep in {"nummod", "quantmod"} and governor.dep_ == "poss" and governor.head.pos_ in {"NOUN", "PROPN"} \
            and governor.head.i not in exclude:
        # `six Japan's used frigates`: the number counts the possessed noun, not the possessor
        head, dep, governor = governor, "nummod", governor.head
    if governor.lower_ == "worth" and governor.head.pos_ in {"NOUN", "PROPN"}:
        return _phrase(governor.head, exclude)  # `vessels worth ¥60 billion`
    if dep in {"nummod", "quantmod", "compound", "amod", "nmod"} and governor.lower_ in _TIME_NOUNS \
            and governor.head.pos_ == "VERB":
        head, dep, governor = governor, governor.dep_, governor.head  # `fell 12.5% year on year`
    if dep in {"nummod", "quantmod", "compound", "amod", "nmod"} and governor.i not in exclude \
            and governor.pos_ in {"NOUN", "PROPN"}:
        return _phrase(governor, exclude)
    if dep == "pobj":
        prep = governor
        host = prep.head
        if prep.lower_ == "of" and host.pos_ in {"NOUN", "PROPN"}:
            return _phrase(host, exclude)
        if host.pos_ == "VERB" and host.dep_ == "acl" and host.head.pos_ in {"NOUN", "PROPN"}:
            return _phrase(host.head, exclude)  # `relief assistance valued at USD 208,000`
        if host.pos_ in {"VERB", "AUX"}:
            verb = _lemma(host)
            if prep.lower_ in {"to", "at", "by", "from"} and verb not in _LEVEL_VERBS:
                for child in host.children:  # `raise defence spending to 2%`, `bringing the total to 11.7m`
                    if child.dep_ == "dobj" and child.i not in exclude and not _is_numberish(child) \
                            and not any(_is_numberish(t) for t in child.lefts):
                        return _phrase(child, exclude)
            if verb in _EXPECTING_VERBS:
                for clause in host.children:  # `expects the deficit to fall to 3.1%, from 4.2%`
                    if clause.dep_ in {"ccomp", "xcomp"}:
                        subject = _verb_subject(clause, exclude)
                        if subject:
                            return subject
            if verb in _LEVEL_VERBS or prep.lower_ in {"from", "to", "at", "by", "around", "about"}:
                subject = _verb_subject(host, exclude)  # `trade jumped from $40 billion to ...`
                if subject:
                    return subject
            frame = _verb_frame(host, exclude)
            if frame:
                return frame
        if host.pos_ in {"NOUN", "PROPN"}:
            return _phrase(host, exclude)
    if dep in {"attr", "acomp", "oprd"} and governor.pos_ in {"VERB", "AUX"}:
        subject = _verb_subject(governor, exclude)
        if subject:
            return subject
    if dep in {"dobj", "obj", "dative", "npadvmod"} and governor.pos_ == "VERB":
        verb = _lemma(governor)
        if verb in _LEVEL_VERBS:
            # `FDI exceeded US$22 billion`, `inflows reaching US$100.6 billion`: the value of the subject
            if governor.dep_ == "acl" and governor.head.pos_ in {"NOUN", "PROPN"}:
                return _phrase(governor.head, exclude)
            subject = _verb_subject(governor, exclude)
            if subject:
                return subject
        return _verb_frame(governor, exclude)
    if dep in {"nsubj", "nsubjpass"} and governor.pos_ in {"VERB", "AUX"}:
        return _verb_object(governor, exclude)
    if dep == "appos" and governor.pos_ in {"NOUN", "PROPN"}:
        return _phrase(governor, exclude)
    for child in governor.children:  # `sets aside ¥8.7 trillion for defense-related expenditures`
        if child.dep_ == "prep" and child.lower_ == "for" and child.i not in exclude:
            objects = [t for t in child.children if t.dep_ == "pobj" and t.i not in exclude
                       and not _is_numberish(t) and not _is_date_word(t)]
            if objects:
                return _phrase(objects[0], exclude)
    return ""


_GIVING_VERBS = frozenset({"provide", "supply", "furnish", "equip", "award", "grant", "present", "endow",
                           "fund", "give", "offer", "lend", "pay", "donate", "allocate"})


def _verb_frame(verb: Token, exclude: set[int]) -> str:
    """`grants provided by Tokyo to Kuala Lumpur`, `amount given by Japan to AHA Centre`."""
    noun = ""
    recipient = _recipient(verb, exclude)
    for i in sorted(exclude):  # `gave $40 million to the AHA Centre` with the PP on the amount
        if recipient:
            break
        recipient = _recipient(verb.doc[i], exclude, climb=False)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "as", "on"} and child.i not in exclude:
            objects = [t for t in child.children if t.dep_ == "pobj" and not _is_numberish(t)
                       and not _is_date_word(t)]
            if objects and objects[0].i not in exclude:
                noun = _phrase(objects[0], exclude)
                break
    if not recipient and _lemma(verb) in _GIVING_VERBS:
        for child in verb.children:  # `provide Kuala Lumpur with ¥400 million`
            if child.dep_ in {"dobj", "dative"} and child.i not in exclude and not _is_numberish(child) \
                    and child.pos_ in {"PROPN", "NOUN"}:
                recipient = f"to {_phrase(child, exclude)}"
                break
    agent = _verb_subject(verb, exclude)
    if not (noun or agent or recipient):
        return ""
    verb_text = _lemma(verb)
    if verb_text in _COPULAS:
        return noun or agent
    parts = [noun or "amount", _participle_of(verb, verb_text), f"by {agent}" if agent else "", recipient]
    return " ".join(p for p in parts if p)


_WEAK_SUBJECTS = frozenset({"amount", "total", "figure", "number", "level", "value", "sum", "percent",
                            "per cent", "range", "part"})


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


def clean_subject(subject: str) -> str:
    """Tidy a subject; "" when it says nothing (a date, a bare number word, punctuation).

    >>> clean_subject("people.¹⁴")
    'people'
    >>> clean_subject("FY2025")
    ''
    """
    subject = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", subject)
    subject = re.sub(r"\bgross domestic product(?:\s*\(GDP\))?", "GDP", subject, flags=re.IGNORECASE)
    subject = " ".join(subject.split()).strip(" .,;:–—-*\"'“”‘’")
    while subject and (subject[0] in "()" or (subject[-1] in "()" and not _balanced(subject))):
        subject = subject.strip("()").strip(" .,;:")
    if not re.search(r"[A-Za-z]{2}", subject):
        return ""
    if find_periods(subject) and len(subject.split()) <= 2:
        return ""
    if subject.lower() in _WEAK_SUBJECTS:
        return ""
    return subject


_TIME_NOUNS = frozenset({"year", "years", "month", "months", "quarter", "week", "day", "time"})


def generic_subject(subject: str) -> bool:
    """A one-word common noun that does not say whose figure it is (`economy`, `population`, `exports`).

    >>> generic_subject("economy"), generic_subject("GDP"), generic_subject("ASEAN economy")
    (True, True, False)
    """
    words = subject.split()
    return len(words) == 1 and words[0].lower() not in _CHANGE_NOUNS | _WEAK_SUBJECTS and (
        words[0][:1].islower() or words[0] in {"GDP", "GNI", "GNP"})
_SHARE_BASES = frozenset({"gdp", "gni", "gnp", "total", "output", "income", "budget", "population"})


def _share_base(obj: Token) -> str:
    """`GDP`, `gross domestic product`, `world GDP` -> the base's name, else ""."""
    words = " ".join(t.lower_ for t in obj.subtree if t.dep_ not in {"det", "punct"})
    if obj.lower_ in _SHARE_BASES:
        return "GDP" if obj.lower_ == "gdp" and words == "gdp" else words.replace("gdp", "GDP")
    if any(words.endswith(p) for p in _SHARE_BASE_PHRASES):
        return "GDP"
    return ""


def _share_of(obj: Token, span: Span, exclude: set[int]) -> str:
    """`spending will reach 2 percent of GDP` -> `defence spending (% of GDP)`: a share of a base names the
    thing that has the share (`raise defence spending to 2% of GDP`: the object raised; `a deficit of 2.5%
    of GDP`: the noun it belongs to)."""
    base = _share_base(obj)
    if not base:
        return ""
    node = span.root
    while node.head is not node and node.head.i in exclude:
        node = node.head
    governor = node.head if node.dep_ != "pobj" else node.head.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and governor.pos_ in {"NOUN", "PROPN"} \
            and governor.i not in exclude and governor.lower_ not in _CHANGE_NOUNS:
        return f"{_phrase(governor, exclude)} (% of {base})"
    if governor.pos_ in {"VERB", "AUX"}:
        for child in governor.children:
            if child.dep_ == "dobj" and child.i not in exclude and not _is_numberish(child):
                return f"{_phrase(child, exclude)} (% of {base})"
        subject = _verb_subject(governor, exclude)
        if subject:
            return f"{subject} (% of {base})"
    return ""


def _is_date_word(token: Token) -> bool:
    if token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _TIME_NOUNS:
        return True
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d|FY\s?\d{2,4}", token.text, re.IGNORECASE))


_OWNING_VERBS = frozenset({"comprise", "include", "have", "count", "number", "boast", "gather", "involve",
                           "consist", "bring", "host", "employ", "operate", "represent"})


_COLLECTIVE_NOUNS = frozenset({"population", "workforce", "membership", "fleet", "force", "total", "staff",
                               "army", "crowd", "audience", "electorate", "labour", "labor"})


def _count_owner(head: Token, exclude: set[int]) -> str:
    """Whose counted things these are: `the EAS with 18 leaders` -> `EAS`; `the Summit, comprising 19
    participants` -> `Summit`; `Grab now has 35 million users` -> `Grab`."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _COLLECTIVE_NOUNS \
            and head.head.head.i not in exclude:
        # `a combined population of 680 million people`
        return _phrase(head.head.head, exclude | {t.i for t in head.head.subtree})
    if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ in {"NOUN", "PROPN"}:
        host = head.head.head
        if host.i not in exclude and not _is_numberish(host):
            return _phrase(host, exclude)
    if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "VERB":
        subject = _verb_subject(head.head.head, exclude)  # `The Forum meets with 18 members`
        if subject and subject.lower() not in {"it", "they"}:
            return subject
    if head.dep_ == "dobj" and head.head.pos_ == "VERB" and _lemma(head.head) in _OWNING_VERBS:
        verb = head.head
        while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            verb = verb.head
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            return _phrase(verb.head, exclude)
        subject = _verb_subject(head.head, exclude)
        if subject and subject.lower() not in {"it", "they"}:
            return subject
    return ""


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for (`the target, of which the board collects ...`)."""
    node = token
    for _ in range(6):
        if node.dep_ == "relcl" and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head
        if node.head is node:
            return None
        node = node.head
    return None


def _verb_subject(verb: Token, exclude: set[int]) -> str:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in exclude
                and not _is_numberish(c)]
    # two subjects is a misparse (`JAKARTA ... - Indonesia's surplus narrowed`): take the one nearest the verb
    subjects.sort(key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))
    for child in subjects[:1]:
        if child.lower_ in {"which", "that", "who"}:
            antecedent = _antecedent(child)
            return _phrase(antecedent, exclude) if antecedent is not None else ""
        if child.pos_ == "PRON":
            return ""
        if child.pos_ == "PROPN" and any(c.dep_ == "case" for c in child.children) \
                and child.i + 2 < len(child.doc) and child.doc[child.i + 2].i == verb.i:
            # `while China's rose 63%`: a possessive standing for the noun of the main clause
            main = _verb_subject(child.sent.root, exclude | {child.i}) if child.sent.root is not verb else ""
            noun = main.split("'s ")[-1]
            return f"{child.text}'s {noun}" if main else _phrase(child, exclude)
        return _phrase(child, exclude)
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i in exclude:
            # the parser hung the subject on a dateline or a heading line: an apposition of it, or the
            # nearest noun before the verb, is the subject
            for t in child.subtree:
                if t.i not in exclude and t.dep_ == "appos" and t.pos_ in {"NOUN", "PROPN"}:
                    return _phrase(t, exclude)
            nearest = [t for t in verb.doc[verb.sent.start:verb.i] if t.i not in exclude
                       and t.pos_ in {"NOUN", "PROPN"}
                       and t.dep_ in {"nsubj", "nsubjpass", "appos", "ROOT", "conj"}]
            if nearest:
                return _phrase(nearest[-1], exclude)
    if verb.dep_ in {"xcomp", "ccomp", "conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "xcomp":
            for child in verb.head.children:  # `expects the deficit to fall to 3.1%`
                if child.dep_ == "dobj" and child.i not in exclude and not _is_numberish(child) \
                        and child.i < verb.i:
                    return _phrase(child, exclude)
        return _verb_subject(verb.head, exclude)
    return ""


def _verb_object(verb: Token, exclude: set[int]) -> str:
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i not in exclude:
            return f"{_lemma(verb)} {_phrase(child, exclude)}".strip()
    return ""  # `two more are due`: the number stands for a noun named elsewhere


def _recipient(head: Token, exclude: set[int], *, climb: bool = True) -> str:
    """`to the Philippines` / `for National Police Water Unit` near a noun or its verb."""
    candidates = [head]
    if climb and head.head is not head:
        candidates.append(head.head)
    for node in candidates:
        for child in node.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "for"} and child.i not in exclude:
                objects = [t for t in child.children if t.dep_ == "pobj" and t.i not in exclude]
                if objects and not _is_date_word(objects[0]) and not _is_numberish(objects[0]):
                    words = [t for t in objects[0].subtree if t.dep_ not in {"det", "punct", "relcl", "acl"}
                             and t.i not in exclude]
                    if words and len(words) <= 6:
                        return f"{child.lower_} {_join(words)}"
    return ""


_LEVEL_VERBS = frozenset({
    "exceed", "reach", "total", "top", "surpass", "hit", "amount", "stand", "rise", "grow", "fall", "drop",
    "decline", "increase", "decrease", "jump", "climb", "average", "approach", "cross", "account", "register",
    "record", "attract", "tally", "double", "triple", "near", "represent", "constitute", "make", "comprise",
    "expand", "shrink", "contract", "surge", "slump", "slip", "plunge", "soar", "tumble", "narrow", "widen",
    "ease", "slow", "gain", "edge", "dip", "accelerate", "rebound", "recover", "improve", "swell", "balloon",
    "sink", "decelerate", "moderate", "peak", "hover", "pass",
})
"""Verbs whose object is the level of their subject (`exports reached $5 billion`)."""


_IRREGULAR_LEMMAS = {
    "rose": "rise", "risen": "rise", "grew": "grow", "grown": "grow", "fell": "fall", "fallen": "fall",
    "stood": "stand", "made": "make", "gave": "give", "given": "give", "spent": "spend", "lent": "lend",
    "sent": "send", "bought": "buy", "sold": "sell", "built": "build", "was": "be", "were": "be", "is": "be",
    "are": "be", "been": "be", "being": "be", "has": "have", "had": "have", "having": "have", "took": "take",
    "taken": "take", "saw": "see", "seen": "see", "won": "win", "hit": "hit", "got": "get",
    "brought": "bring",
    "paid": "pay", "led": "lead", "held": "hold", "drew": "draw", "drawn": "draw", "met": "meet",
    "shrank": "shrink", "shrunk": "shrink", "ran": "run", "runs": "run", "running": "run", "sank": "sink",
    "sunk": "sink", "kept": "keep", "lost": "lose", "put": "put", "set": "set", "cut": "cut",
    "began": "begin",
    "begun": "begin", "swelled": "swell", "swollen": "swell", "flew": "fly", "dealt": "deal", "slid": "slide",
}
_COPULAS = frozenset({"be", "have", "become", "remain", "seem"})


def _needs_final_e(stem: str) -> bool:
    """`financ` -> `finance`, `reduc` -> `reduce` (consonant-vowel-consonant ending, not w/x/y)."""
    return not stem.endswith(("e", "y")) and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" \
        and stem[-3] not in "aeiou"


def _lemma(token: Token) -> str:
    """The verb's lemma, also when the pipeline has no lemmatizer (`averaging` -> `average`)."""
    if token.lemma_ and token.lemma_ != token.text or token.tag_ in {"VB", "VBP"}:
        return (token.lemma_ or token.text).lower()
    word = token.text.lower()
    if word in _IRREGULAR_LEMMAS:
        return _IRREGULAR_LEMMAS[word]
    for known in _LEVEL_VERBS | frozenset(_IRREGULAR_PARTICIPLES):
        if word.startswith(known) and len(word) - len(known) <= 3:
            return known
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            if suffix in {"ing", "ed"} and len(stem) > 2 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # committed -> commit
            elif suffix in {"ing", "ed", "es"} and (_needs_final_e(stem) or stem.endswith("v")):
                stem += "e"  # financed -> finance, reduced -> reduce, receiving -> receive
            return stem
    return word


_IRREGULAR_PARTICIPLES = {
    "give": "given", "provide": "provided", "grant": "granted", "spend": "spent", "pledge": "pledged",
    "invest": "invested", "commit": "committed", "allocate": "allocated", "lend": "lent", "send": "sent",
    "buy": "bought", "sell": "sold", "build": "built", "train": "trained", "finance": "financed",
    "fund": "funded", "donate": "donated", "contribute": "contributed", "earmark": "earmarked",
    "take": "taken", "run": "run", "shrink": "shrunk", "pay": "paid", "make": "made", "hold": "held",
    "win": "won", "see": "seen", "put": "put", "set": "set", "cut": "cut", "bring": "brought", "keep": "kept",
    "lead": "led", "meet": "met", "lose": "lost", "draw": "drawn", "grow": "grown", "rise": "risen",
    "fall": "fallen", "sink": "sunk", "begin": "begun", "get": "got", "lay": "laid", "say": "said",
    "raise": "raised", "receive": "received",
}


def _participle_of(token: Token, lemma: str) -> str:
    if token.tag_ == "VBN" or (token.tag_ == "VBD" and token.lower_.endswith("ed")):
        return token.lower_
    return _participle(lemma)


def _participle(verb: str) -> str:
    if verb in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[verb]
    if verb.endswith("ed"):
        return verb
    if verb.endswith("e"):
        return verb + "d"
    if len(verb) <= 4 and _needs_final_e(verb) and verb[-1] not in "aeiouwxy":
        return verb + verb[-1] + "ed"  # plan -> planned
    return verb + "ed"


def main_subject_text(span: Span, start_char: int = 0) -> str:
    """The words of the subject of the sentence's main verb (`ASEAN's deepening engagement`), "" if none;
    only words at or after `start_char` (the clipped sentence's start in the doc)."""
    root = span.sent.root
    for child in root.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words = [t for t in child.subtree if t.idx >= start_char]
            return " ".join(t.text_with_ws for t in words).strip() if words else ""
    return ""


def present_tense(span: Span) -> bool:
    """True when the clause holding the number is in the present tense (`It generates 1,285 MW`, `the bloc
    has 10 members`): such a fact is not dated by a year in the sentence before."""
    node = span.root
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"}:
            break
        if node.head is node:
            return False
        node = node.head
    else:
        return False
    if node.pos_ not in {"VERB", "AUX"}:
        return False
    tags = {node.tag_} | {c.tag_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
    if tags & {"VBD", "MD"}:
        return False
    return bool(tags & {"VBZ", "VBP"})


# ---------------------------------------------------------------------------------------------------------
# entities

_GEO_BLOCKERS = ("South China Sea", "East China Sea", "West Philippine Sea", "Philippine Sea", "Indian Ocean",
                 "Sea of Japan", "Japan Sea", "Indo-Pacific", "Asia-Pacific", "Chinese Taipei")
_NOT_AFTER = re.compile(r"^\s*\\?\$|^\$")  # `US $3.8 billion`: the currency, not the country


@cache
def _entity_pattern() -> re.Pattern[str]:
    names = set(alias_table()) | set(CAPITALS) | set(_GEO_BLOCKERS)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])|(?<=-)(?:{alternation})(?![\w])")


def find_entities(text: str, *, anchor: int | None = None) -> list[tuple[int, str]]:
    """(offset, canonical name) of every party named in `text`, closest to `anchor` first.

    >>> [name for _, name in find_entities("Tokyo will provide Kuala Lumpur with grants via the PCG")]
    ['Japan', 'Malaysia', 'Philippine Coast Guard', 'Philippines']
    >>> [name for _, name in find_entities("a summit held in Tokyo on the South China Sea")]
    []
    """
    table = alias_table()
    found: list[tuple[int, str]] = []
    for m in _entity_pattern().finditer(text):
        name = m.group(0)
        if name in _GEO_BLOCKERS:
            continue
        if name == "US" and _NOT_AFTER.match(text[m.end():m.end() + 3]):
            continue
        if name in CAPITALS and name not in table:
            if _locative(text, m.start()) or re.match(r"\s+[A-Z][a-z]", text[m.end():m.end() + 3]):
                continue  # `in Tokyo`, `Tokyo Declaration`: a place or a name, not the government
            canonical = CAPITALS[name]
        else:
            canonical = table[name]
        found.append((m.start(), canonical))
        for implied in IMPLIES.get(canonical, ()):
            found.append((m.start(), implied))
    if anchor is not None:
        found.sort(key=lambda x: abs(x[0] - anchor))
    return found


def _locative(text: str, start: int) -> bool:
    return bool(re.search(r"\b(?:in|at|near|from|around|outside|inside|across|throughout|of)\s+$",
                          text[max(0, start - 12):start]))


_SOURCE_AFTER = re.compile(
    r"""^[\w\s.'’&-]{0,40}?\b(?:said|says|showed|shows|reported|reports|estimated|estimates|announced|told
      |stated|noted|data|figures|statistics)\b""", re.VERBOSE)
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from)\s+(?:the\s+)?$", re.IGNORECASE)
_ATTRIBUTION_BEFORE = re.compile(r"[,;]\s+(?:the\s+|The\s+)?$")


def reported_by(text: str, start: int, end: int | None = None) -> bool:
    """True when the name at text[start:] only reports the figures: a trailing attribution (`..., the General
    Statistics Office said`, `..., Bank of Korea data showed`) or `according to SIPRI`; not the subject that
    reports its own figures (`Sony reported sales of ...`).

    >>> t = "Exports rose 5%, the General Statistics Office said."
    >>> reported_by(t, t.index("General"), t.index(" said"))
    True
    >>> t = "Thailand's central bank expects 35 million visitors."
    >>> reported_by(t, 0)
    False
    """
    if _SOURCE_BEFORE.search(text[max(0, start - 20):start]):
        return True
    if not _ATTRIBUTION_BEFORE.search(text[max(0, start - 8):start]):
        return False
    if end is None:
        name = re.match(r"[\w.'’&-]+(?:\s+[A-Z][\w.'’&-]*)*", text[start:])
        end = start + (name.end() if name else 0)
    verb = _SOURCE_AFTER.match(text[end:end + 50])
    return verb is not None and "," not in verb.group(0)


def canonical_entities(
    found: Iterable[tuple[int, str]], extra: Iterable[str] = (), *, limit: int = 6
) -> tuple[str, ...]:
    """Distinct canonical names in order of first appearance in `found`, then `extra`; at most `limit`."""
    out: list[str] = []
    for _, name in found:
        if name not in out:
            out.append(name)
    for name in extra:
        if name and name not in out:
            out.append(name)
    return tuple(out[:limit])


def ner_entities(ents: Iterable[Span]) -> list[tuple[int, int, str]]:
    """(start, end, name) of GPE/ORG names the statistical NER found that the lexicon does not know."""
    table = alias_table()
    out = []
    for ent in ents:
        if ent.label_ not in {"GPE", "ORG", "NORP"}:
            continue
        name = re.sub(r"^(?:the|The)\s+|['’]s$", "", ent.text).strip()
        if not name or any(ch.isdigit() for ch in name) or len(name) < 3 or "\n" in name:
            continue
        if name in table or name in CAPITALS:
            continue
        if ent.label_ == "NORP" or not name[0].isupper() or re.search(r"[()\[\]{}<>/|,;]", name):
            continue
        if re.search(r"\b(?:and|or|of|the|for|with|in)$", name):
            continue
        words = name.split()
        single_word = len(words) == 1 and not re.fullmatch(r"[A-Z]{3,}", name)
        if ent.label_ == "ORG" and (len(words) > 6 or single_word):
            continue
        if ent.label_ == "GPE" and not all(w[0].isupper() for w in words if w not in {"of", "and", "the"}):
            continue
        out.append((ent.start_char, ent.end_char, name))
    return out


# ---------------------------------------------------------------------------------------------------------
# citations


def citation_markers(layout: Layout, text: str, start: int, end: int) -> list[Footnote]:
    """Footnote markers of the sentence text[start:end], including markers glued right after its end
    (`... oil.⁸`), excluding a marker at its very start (it closes the previous sentence)."""
    markers = [f for f in layout.footnotes_between(start, end) if f.start > start or start == 0]
    pos = end
    while pos < len(text) and pos - end < 4:
        nxt = layout.footnotes_between(pos, pos + 1)
        if nxt:
            markers.extend(nxt)
            pos = nxt[0].end
        elif text[pos] in " .,;:)\"'”’":
            pos += 1
        else:
            break
    seen: dict[int, Footnote] = {}
    for f in markers:
        seen.setdefault(f.start, f)
    return sorted(seen.values(), key=lambda f: f.start)


def format_citation(layout: Layout, chapter: str, markers: Sequence[Footnote]) -> str:
    """`[5] Nor, Syakirah. "Japan deepens ..."`; `Ibid.` entries name the entry they repeat."""
    parts = []
    for f in markers:
        ref = layout.resolve(chapter, f.marker)
        if ref is None:
            parts.append(f"[{f.marker}]")
            continue
        body = ref.text
        if re.match(r"ibid\b", body, re.IGNORECASE):
            previous = _previous_real_reference(layout, chapter, ref.number)
            if previous:
                body = f"{body} ({previous})"
        parts.append(f"[{f.marker}] {body}")
    return " | ".join(parts)


def _previous_real_reference(layout: Layout, chapter: str, number: str) -> str:
    try:
        n = int(number)
    except ValueError:
        return ""
    for k in range(n - 1, 0, -1):
        ref = layout.resolve(chapter, str(k))
        if ref is not None and not re.match(r"ibid\b", ref.text, re.IGNORECASE):
            return ref.text
    return ""
