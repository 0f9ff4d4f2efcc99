"""Who a figure belongs to: the owner of the quantity, read from the figure's own clause.

"The BJP-led NDA won 294 seats and the opposition INDIA alliance had 231 seats" gives 294 to the NDA and
231 to the INDIA alliance, although both sides name both parties: the owner is read from the clause the
figure sits in, never from the whole sentence. Rules, tried in order (`OWNER_RULES`), each a small named
function over the clause:

- `list_item`: the name a parenthesised figure follows in a list ("Fiji ($84 million), Tonga (...)");
- `possessor`: a possessive name in the figure's noun phrase ("India's defence budget of ...", "the BJP's
  2019 tally of 303 seats");
- `clause_subject`: the name that opens the clause, outside any prepositional phrase, when its verb is not a
  verb of reporting ("The opposition INDIA bloc has won 232 seats"); the subject of "recorded",
  "reported", "estimated" ... only reports the figure and is kept as a weak `reporter` owner;
- `attachment`: a name attached to the measured noun by "of", "for", "to" or "in" before the figure ("the
  allocation for defence", "the death toll in Derna rose to ..."), or by "for"/"to"/"by" right after it
  ("$71 million to Libya", "294 seats for the NDA");
- `place`: a place named after the figure in its clause ("37 seats in Uttar Pradesh"), weak;
- `sentence_subject`: the name that opens the sentence, when the figure's own clause names none, weak;
- the document's main party (read from its title and lead by the extractor), weakest.

A name that only reports the figure ("according to WHO", "..., the statistics office said"), a person
("Finance Minister Nirmala Sitharaman"), a time ("FY24") and a measure's acronym ("EPS", "GDP") is never an
owner. `owner_key` folds an owner's name for comparison across documents (articles, possessives, class words
like "alliance" or "bloc", "X-led"); `claims.reconcile` folds the acronyms a corpus defines on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims.context.entities import find_entities, reported_by
from claims.context.respectively import figure_list, member_of_names, member_spans
from claims.lexicon import context as words
from claims.lexicon.currencies import GLUED_ISO_CODES, GLUED_LETTER_PREFIXES
from claims.lexicon.entities import CAPITALS, alias_table

STRONG_SOURCES = frozenset(
    {"list_item", "respectively", "possessor", "clause_subject", "attachment", "row_label", "column_label"}
)
"""Owner sources read from the figure's own clause and grammar; the others are weak."""


@dataclass(frozen=True, slots=True)
class Owner:
    """The party a figure belongs to, as written, and the rule that found it ("" when none did)."""

    name: str = ""
    source: str = ""

    @property
    def strong(self) -> bool:
        return self.source in STRONG_SOURCES


@dataclass(frozen=True, slots=True)
class Name:
    """A party named in a sentence: its span and text."""

    start: int
    end: int
    text: str


# ------------------------------------------------------------------------------------------------ clauses
_CLAUSE_BREAK = re.compile(
    r"""
    [;:] | [.!?]\s+(?=[A-Z“"])                               # clause or sentence punctuation
    | \s[-–—]\s                                             # dashes
    | ,?\s+(?:while|whereas|but|although|though|as|with|even\s+as|compared\s+with|against)\s+
      (?=(?:the\s+|its\s+|their\s+)?[A-Za-z])                # a new clause: "..., while the Congress ..."
    | ,\s+(?=(?:which|who|where|when)\b)                     # a relative clause
    """,
    re.VERBOSE,
)
_REPORTING = re.compile(
    r"""\b(?:said|says|say|told|tells|reported|reports|announced|announces|stated|states|noted|notes
    |added|adds|estimated|estimates|recorded|records|registered|registers|counted|confirmed|confirms
    |showed|shows|put\s+the\s+\w+\s+at|puts\s+the\s+\w+\s+at|according\s+to)\b
    (?:(?:\s+[\w,]+){0,4}?\s+that\b)?                     # "announced on Thursday that"
    """,
    re.VERBOSE,
)


_FIGURE = re.compile(
    r"""(?<![\w.])(?!(?:19|20)\d\d\b(?![.,]\d|\s*(?:%|per|crore|lakh|million|billion)))  # not a year
    [$€£¥₹]?\d[\d,.]*                                         # a number
    """,
    re.VERBOSE,
)
_LIST_CUT = re.compile(r",|;|\band\b|\bor\b")


def figure_clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding the figure at sentence[start:end]: from the last clause break before it (a comma
    and a conjunction, a semicolon, a dash, the previous sentence end, a reporting verb's "that"; a comma or
    "and" after the previous figure) to the first one after it (a comma or "and" before the next figure); a
    figure in brackets has its bracket as its clause.

    >>> s = "The NDA won 294 seats and the opposition INDIA alliance had 231 seats."
    >>> a, b = figure_clause(s, s.index("231"), s.index("231") + 3)
    >>> s[a:b]
    ' the opposition INDIA alliance had 231 seats.'
    >>> a, b = figure_clause(s, s.index("294"), s.index("294") + 3)
    >>> s[a:b]
    'The NDA won 294 seats '
    >>> s = "Deliverables such as $3 billion in trade in 2025, $2 billion for the Thai rail line."
    >>> a, b = figure_clause(s, 21, 31)
    >>> s[a:b]
    'Deliverables such as $3 billion in trade in 2025'
    """
    opened = sentence.rfind("(", 0, start)
    if opened >= 0 and sentence.find(")", opened, start) < 0 and sentence.find(")", end) >= 0:
        return opened + 1, sentence.find(")", end)  # a figure in brackets: the bracket is its clause
    left = 0
    aside = _relative_asides(sentence, start)
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        inside = any(a <= m.start() < b for a, b in aside)
        if m.end() <= start and not _bracketed(sentence, m.start()) and not inside:
            left = m.end()
    for m in _REPORTING.finditer(sentence, left, start):
        if m.group(0).endswith("that"):
            left = m.end()
    right = len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence, end):
        if not _bracketed(sentence, m.start()):
            right = m.start()
            break
    # list items: a comma or "and" between this figure and its neighbours ends the clause there
    before = [m for m in _FIGURE.finditer(sentence, left, start) if not _bracketed(sentence, m.start())]
    if before:
        cuts = [
            m
            for m in _LIST_CUT.finditer(sentence, before[-1].end(), start)
            if not _bracketed(sentence, m.start())
        ]
        chained = cuts[-1].end() if cuts else _chained_clause_start(sentence, left, before)
        left = max(left, chained)
    after = next(
        (m for m in _FIGURE.finditer(sentence, end, right) if not _bracketed(sentence, m.start())), None
    )
    if after is not None:
        cut = next(
            (
                m
                for m in _LIST_CUT.finditer(sentence, end, after.start())
                if not _bracketed(sentence, m.start())
            ),
            None,
        )
        if cut is not None:
            right = cut.start()
    return left, right


def _chained_clause_start(sentence: str, left: int, before: list[re.Match[str]]) -> int:
    """Where the clause of a figure chained to the one before it starts: with no list cut between them
    ("Watch rose 8% to $6.95 billion"), the figure shares that one's item of the list, when the item is a
    clause of its own (a verb between the cut that opens it and its figure); else `left`.

    >>> s = "Phones grew 6% to $46.2 billion, Tablet rose 2% to $7.7 billion, and Watch fell 3% to $9 bn."
    >>> [s[slice(*figure_clause(s, s.index(f), s.index(f) + len(f)))] for f in ("$7.7 billion", "$9 bn")]
    [' Tablet rose 2% to $7.7 billion', ' Watch fell 3% to $9 bn.']
    """
    previous = before[-1]
    lo = before[-2].end() if len(before) > 1 else left
    cuts = [
        m for m in _LIST_CUT.finditer(sentence, lo, previous.start()) if not _bracketed(sentence, m.start())
    ]
    if cuts and re.search(words.VERB_PATTERN, sentence[cuts[-1].end() : previous.start()]):
        return cuts[-1].end()
    return left


_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b")
_MAIN_VERB_AFTER = re.compile(r",\s+(?:(?:\w+ly|also|now|so\s+far)\s+)?" + words.VERB_PATTERN)


def _relative_asides(sentence: str, start: int) -> list[tuple[int, int]]:
    """Relative clauses closed before the figure, after which the main clause goes on ("The Greens, who
    refused a pact with the Left, won 12 seats"): spans from the opening comma to the closing one. The
    clause breaks inside them do not start the figure's clause, so its subject is the name before them.

    >>> s = "The Greens, who refused a pact with the Left, won 12 seats."
    >>> a, b = figure_clause(s, s.index("12"), s.index("12") + 2)
    >>> s[a:b]
    'The Greens, who refused a pact with the Left, won 12 seats.'
    """
    out = []
    for m in _RELATIVE.finditer(sentence, 0, start):
        close = sentence.find(",", m.end(), start)
        if close > 0 and _MAIN_VERB_AFTER.match(sentence, close):
            out.append((m.start(), close + 1))
    return out


def _bracketed(sentence: str, at: int) -> bool:
    """Is position `at` inside a bracket ("the Samajwadi Party (SP; 37 seats)")?"""
    opened = sentence.rfind("(", 0, at)
    return opened >= 0 and sentence.find(")", opened, at) < 0


# -------------------------------------------------------------------------------------------------- names
_NAME_WORD = re.compile(r"[\w&’'.()-]+")
_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "on",
        "of",
        "for",
        "to",
        "from",
        "by",
        "with",
        "against",
        "than",
        "over",
        "under",
        "into",
        "across",
        "among",
        "between",
        "about",
        "after",
        "before",
        "since",
        "during",
        "through",
        "via",
        "per",
        "like",
        "including",
        "outside",
        "inside",
        "near",
        "beyond",
        "behind",
        "within",
        "without",
        "toward",
        "towards",
        "unlike",
        "versus",
        "vs",
    }
)
_TITLES = re.compile(
    r"""(?:minister|president|secretary|chief|ceo|cfo|spokesperson|spokesman|spokeswoman|director|governor
    |representative|chairman|chairwoman|chair|official|mr|mrs|ms|dr|prof|professor|general|leader|premier
    |mayor|head|envoy|ambassador|commissioner|analyst|economist|king|queen|prince|pm|mp)\.?\s+$""",
    re.IGNORECASE | re.VERBOSE,
)
_TITLE_INSIDE = re.compile(
    r"\b(?:Minister|President|Secretary|Chief|CEO|Spokesperson|Director|Governor|Chairman|Chairwoman"
    r"|Mr|Mrs|Ms|Dr|Prof|Mayor|Envoy|Ambassador|Commissioner)\b\.?\s+[A-Z]"
)
_PERIOD_NAME = re.compile(
    r"(?:FY|CY|Q[1-4]|H[12])['’]?\d{2,4}(?:[-–/]\d{2,4})?|(?:Q[1-4]|H[12])(?:FY\d{2,4})?|(?:19|20)\d\d", re.I
)


_TOKEN = re.compile(r"[\w&’'.-]+|[()]")
_CONNECTORS = frozenset({"of", "and", "&", "for", "de", "la"})


def names_in(text: str, lo: int = 0, hi: int | None = None) -> list[Name]:
    """Party names in text[lo:hi]: runs of capitalised words and acronyms ("Samajwadi Party", "BJP-led
    National Democratic Alliance (NDA)"), with the lexicon's parties; no times, measures or function words,
    and no run made only of generic words ("the Union Budget", "the Centre").

    >>> [n.text for n in names_in("The BJP-led National Democratic Alliance (NDA) won 294 seats in 2024.")]
    ['BJP-led National Democratic Alliance (NDA)']
    >>> [n.text for n in names_in("Diluted GAAP EPS was $1.10 in FY24, the Centre said of Nvidia's results.")]
    ['Nvidia']
    >>> [n.text for n in names_in("The liberal, pro-EU Freedom Party won 23.5%.")]  # a modifier, not a party
    ['Freedom Party']
    >>> [n.text for n in names_in("The results give New Democracy 146 seats.")]
    ['New Democracy']
    """
    hi = len(text) if hi is None else hi
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, lo, hi)]
    out: list[Name] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        kept = list(run)
        run.clear()
        while kept and (kept[-1][2].lower() in _CONNECTORS or kept[-1][2] == "("):
            kept.pop()
        core = [t for t in kept if t[2] not in "()" and t[2].lower() not in _CONNECTORS]
        substantive = [
            t
            for t in core
            if (len(t[2]) > 1 and t[2].isupper()) or t[2].lower().strip(".") not in words.NOT_OWNER_WORDS
        ]
        if not substantive:
            return
        first = next(k for k, t in enumerate(kept) if t is substantive[0])
        if first and kept[first - 1][2] == "New":
            first -= 1  # "New Democracy", "New Zealand": "New" opens the name
        kept = kept[first:]
        a, b = kept[0][0], kept[-1][1]
        before = text[:a].rstrip(" \"'“‘([-*•")
        opening = not before or before[-1] in ".!?:\n"
        lone_word = len(kept) == 1 and not kept[0][2].isupper() and kept[0][2] not in alias_table()
        if opening and lone_word and not re.match(r"[’']s\b", text[b : b + 3]):
            return  # a capitalised first word ("Aid went to ..."), not a name; a possessive is one
        out.append(Name(a, b, text[a:b].rstrip(".,")))

    k = 0
    while k < len(tokens):
        a, b, token = tokens[k]
        if (
            token == "("
            and run
            and k + 2 < len(tokens)
            and tokens[k + 2][2] == ")"
            and re.fullmatch(r"[A-Z][A-Za-z]{1,9}", tokens[k + 1][2])
        ):
            run.extend(tokens[k : k + 3])  # "National Democratic Alliance (NDA)"
            k += 3
            continue
        bare = re.sub(r"[’']s$", "", token.strip(".,"))
        possessive = bare != token.strip(".,")
        capitalised = bool(bare) and bare[0].isupper()
        if capitalised and not _is_not_name(bare):
            if run and text[run[-1][1] : a].strip() not in {""}:
                close()
            run.append((a, a + len(bare), bare))
            if possessive:
                close()  # a possessive ends the name ("the BJP's tally")
        elif run and bare.lower() in _CONNECTORS and a - run[-1][1] <= 1:
            run.append((a, b, bare))
        else:
            close()
        k += 1
    close()
    # names the lexicon knows that are not capitalised runs; one joined to a word before it ("pro-EU",
    # "anti-NATO") or to a participle after it ("EU-funded") is part of a modifier, not a party
    for offset, _ in find_entities(text[lo:hi]):
        joined = lo + offset > 0 and (text[lo + offset - 1] == "-" or text[lo + offset - 1].isalnum())
        if not joined and not any(n.start <= lo + offset < n.end for n in out):
            m = _NAME_WORD.match(text, lo + offset)
            if m and not _is_not_name(m.group(0)):
                out.append(Name(m.start(), m.end(), m.group(0)))
    out.sort(key=lambda n: n.start)
    return [n for n in out if not _person(text, n) and not reported_by(text, n.start, n.end)]


_CODE_AND_FIGURE = re.compile(r"(?P<code>[A-Z][A-Za-z]{1,2})\d[\d.,]*")  # "USD46.2"; "COP28" is a name
_GLUED_CODES = GLUED_ISO_CODES | GLUED_LETTER_PREFIXES
_MODIFIER = re.compile(r"[A-Z][\w.&]*-(?!led$)[a-z]+(?:ed|ing)")


def _is_not_name(word: str) -> bool:
    """Capitalised words that never start or continue a party's name: function words opening a sentence,
    times, measures, a figure written after its currency code, a modifier made of a name and a participle
    ("EU-funded"; "BJP-led" stays: it names the leader of an alliance).

    >>> _is_not_name("The"), _is_not_name("FY24"), _is_not_name("EPS"), _is_not_name("WHO")
    (True, True, True, False)
    >>> _is_not_name("USD46.2"), _is_not_name("EU-funded"), _is_not_name("BJP-led"), _is_not_name("COP28")
    (True, True, False, False)
    """
    low = word.lower()
    glued = _CODE_AND_FIGURE.fullmatch(word)
    if (glued and glued["code"] in _GLUED_CODES) or _MODIFIER.fullmatch(word):
        return True  # "USD46.2", "EU-funded", "Paris-based"
    if len(word) > 1 and word.isupper() and not word.isdigit():
        return low in words.MEASURE_ACRONYMS or bool(_PERIOD_NAME.fullmatch(word))  # "WHO", "US", "EPS"
    return (
        low in words.FUNCTION_WORDS
        or low in words.MONTHS
        or low in words.WEEKDAYS
        or low in words.MEASURE_ACRONYMS
        or word.isdigit()
        or bool(_PERIOD_NAME.fullmatch(word))
    )


def _person(text: str, name: Name) -> bool:
    """A person: named after a title ("Finance Minister Nirmala Sitharaman", "Dr Tedros").

    >>> _person("Union Finance Minister Ann Lee spoke", Name(6, 29, "Finance Minister Ann Lee"))
    True
    """
    if _TITLES.search(text[max(0, name.start - 30) : name.start]):
        return True
    return bool(_TITLE_INSIDE.search(name.text))


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})


def _after_preposition(text: str, name: Name, floor: int) -> str:
    """The preposition right before a name ("in", "for"), skipping articles and adjectives; "" if none."""
    before = text[floor : name.start].lower().split()
    for word in reversed(before[-4:]):
        word = word.strip(",")
        if word in _PREPOSITIONS:
            return word
        if word in _DETERMINERS or (word.isalpha() and word not in words.VERBISH):
            continue  # an article or an adjective ("in the eastern city of")
        return ""
    return ""


def _possessive(text: str, name: Name) -> bool:
    return bool(re.match(r"[’']s\b", text[name.end : name.end + 3]))


# -------------------------------------------------------------------------------------------------- rules
@dataclass(frozen=True, slots=True)
class _Context:
    sentence: str
    start: int
    end: int
    clause: tuple[int, int]
    names: tuple[Name, ...]  # every name of the sentence, in order


def _in_clause(ctx: _Context) -> list[Name]:
    lo, hi = ctx.clause
    return [n for n in ctx.names if lo <= n.start and n.end <= hi]


def rule_list_item(ctx: _Context) -> str:
    """`Fiji ($84 million)`: the name right before a parenthesised figure.

    >>> owner_of("Aid went to Fiji ($84 million) and Tonga ($20 million).", 42, 53).name
    'Tonga'
    """
    before = ctx.sentence[max(0, ctx.start - 40) : ctx.start]
    m = re.search(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*\(\s*[-+−]?\s*$", before)
    after = ctx.sentence[ctx.end : ctx.end + 24]
    if m is None or ")" not in after.split("(")[0]:
        return ""
    name = m.group(1)
    return "" if _is_not_name(name.split()[-1]) else name


_DATA_ROW = re.compile(r"^\s*(?:[-*•▪]\s*)?(?P<label>[A-Z][^:\n]{1,60}?)\s*:\s+(?=[$€£¥₹(~]?\s*\d)")


def rule_respectively(ctx: _Context) -> str:
    """The k-th name of a list of n names for the k-th figure of n closed by "respectively"
    (`claims.context.respectively`): the list before the figures, else the one after them.

    >>> s = "His rivals Mara Keto and Jon Ulvi received about 31% and 12% respectively."
    >>> owner_of(s, s.index("12%"), s.index("12%") + 3)
    Owner(name='Jon Ulvi', source='respectively')
    """
    found = figure_list(ctx.sentence, ctx.start, ctx.end)
    if found is None:
        return ""
    for lo, hi in member_spans(ctx.sentence, found):
        names = [n for n in ctx.names if lo <= n.start and n.end <= hi]
        member = member_of_names(ctx.sentence, names, found)
        if member:
            return member
    return ""


def rule_row_label(ctx: _Context) -> str:
    """The label of a data row ("Odisha: 49.8 per cent (up from 37.6 per cent at 1 PM)"): it owns every
    figure of the row; a dateline ("New Delhi: The Centre ...") is no data row.

    >>> owner_of("Odisha: 49.8 per cent (up from 37.6 per cent at 1 PM)", 31, 44)
    Owner(name='Odisha', source='row_label')
    """
    m = _DATA_ROW.match(ctx.sentence)
    if m is None or m.end() > ctx.start:
        return ""
    label = m["label"].strip()
    if label.split()[0].lower() in words.NOT_OWNER_WORDS or _is_not_name(label.split()[0]):
        return ""
    return label


def rule_possessor(ctx: _Context) -> str:
    """A possessive name in the figure's noun phrase, with no verb between.

    >>> owner_of("India's defence budget of Rs 6.2 lakh crore rose.", 26, 44).name
    'India'
    """
    lo, _ = ctx.clause
    for name in reversed([n for n in _in_clause(ctx) if n.end <= ctx.start]):
        if not _possessive(ctx.sentence, name):
            continue
        between = ctx.sentence[name.end : ctx.start].lower()
        if re.search(r"\bwith\s+(?:\w+\s+)?$", between):
            break  # "won Iran's election with 53.3%": the possessive names the object, not the figure's owner
        if len(between.split()) <= 8 and not re.search(words.VERB_PATTERN, between):
            return name.text
        break
    del lo
    return ""


def rule_clause_subject(ctx: _Context) -> str:
    """The name opening the clause (not after a preposition), when its verb does not only report.

    >>> owner_of("The opposition INDIA bloc has won 232 seats, helped by allies.", 34, 37).name
    'INDIA'
    >>> owner_of("Officials recorded 3,100 deaths.", 19, 24).source
    ''
    """
    lo, _ = ctx.clause
    for name in _in_clause(ctx):
        if name.start >= ctx.start:
            break
        if _after_preposition(ctx.sentence, name, lo) or _bracketed(ctx.sentence, name.start):
            continue
        if _possessive(ctx.sentence, name) and re.search(words.VERB_PATTERN, ctx.sentence[lo : name.start]):
            continue  # "X won Iran's election with 53.3%": a possessive after the verb is in its object
        between = ctx.sentence[name.end : ctx.start]
        if _REPORTING.search(between):
            return ""  # the subject of "recorded", "reported": see `rule_reporter`
        return name.text
    return ""


def rule_reporter(ctx: _Context) -> str:
    """The subject of a verb of reporting ("WHO recorded 3,958 deaths"): a weak owner, often a source.

    >>> owner_of("The WHO recorded 3,958 deaths.", 17, 22).source
    'reporter'
    """
    lo, _ = ctx.clause
    for name in _in_clause(ctx):
        if name.start >= ctx.start:
            break
        between = ctx.sentence[name.end : ctx.start]
        if not _after_preposition(ctx.sentence, name, lo) and _REPORTING.search(between):
            return name.text
    return ""


def rule_attachment(ctx: _Context) -> str:
    """A name attached by of/for/to/in to the measured noun before the figure, or by for/to/by after it.

    >>> owner_of("The death toll in Derna rose to 11,300.", 32, 38).name
    'Derna'
    >>> owner_of("A grant of $71 million went to Libya.", 11, 22).name
    'Libya'
    """
    lo, hi = ctx.clause
    names = _in_clause(ctx)
    for name in reversed([n for n in names if n.end <= ctx.start]):
        if _after_preposition(ctx.sentence, name, lo) in {"of", "for", "to", "in"}:
            return name.text
    for name in [n for n in names if n.start >= ctx.end]:
        gap = ctx.sentence[ctx.end : name.start].lower()
        if len(gap.split()) <= 5 and re.search(r"\b(?:for|to|by)\s+(?:the\s+)?$", gap):
            return name.text
    del hi
    return ""


def rule_place(ctx: _Context) -> str:
    """A place named after the figure in its clause ("37 seats in Uttar Pradesh"): weak."""
    for name in _in_clause(ctx):
        after = _after_preposition(ctx.sentence, name, ctx.end) if name.start >= ctx.end else ""
        if after in {"in", "at", "across"}:
            return name.text
    return ""


def rule_sentence_subject(ctx: _Context) -> str:
    """The name opening the sentence, before its first verb, when the figure's clause names none: weak.

    >>> owner_of("Tokyo's engagement is seen in deals, such as over $3 billion in trade.", 50, 60)
    Owner(name='Tokyo', source='sentence_subject')
    """
    if _in_clause(ctx):
        return ""
    verb = re.search(words.VERB_PATTERN, ctx.sentence)
    first_verb = verb.start() if verb else len(ctx.sentence)
    for name in ctx.names:
        if name.start >= min(ctx.start, first_verb) or _bracketed(ctx.sentence, name.start):
            break
        if not _after_preposition(ctx.sentence, name, 0) and not _REPORTING.search(
            ctx.sentence[name.end : name.end + 40]
        ):
            return name.text
        break
    return ""


OWNER_RULES: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("row_label", rule_row_label),
    ("list_item", rule_list_item),
    ("respectively", rule_respectively),
    ("possessor", rule_possessor),
    ("clause_subject", rule_clause_subject),
    ("attachment", rule_attachment),
    ("reporter", rule_reporter),
    ("place", rule_place),
    ("sentence_subject", rule_sentence_subject),
)
"""Tried in order; the first that names someone gives the owner and its source."""


def owner_of(sentence: str, start: int, end: int, *, fallback: str = "") -> Owner:
    """The owner of the figure at sentence[start:end] (see the module docstring); `fallback` (the
    document's main party) when no rule names one.

    >>> s = "The BJP-led NDA won 294 seats and the opposition INDIA alliance had 231 seats."
    >>> owner_of(s, s.index("231"), s.index("231") + 3)
    Owner(name='INDIA', source='clause_subject')
    >>> owner_of(s, s.index("294"), s.index("294") + 3).name
    'BJP-led NDA'
    >>> owner_of("Revenue receipts stood at Rs 30 lakh crore.", 26, 42, fallback="India")
    Owner(name='India', source='document')
    """
    ctx = _Context(sentence, start, end, figure_clause(sentence, start, end), tuple(names_in(sentence)))
    for source, rule in OWNER_RULES:
        name = rule(ctx)
        if name:
            return Owner(_tidy(name), source)
    return Owner(fallback, "document") if fallback else Owner()


def clause_parties(sentence: str, start: int, end: int) -> list[str]:
    """Canonical parties (lexicon names) and other names of the figure's own clause, nearest first.

    >>> s = "The INDIA bloc won 232 seats, with the Samajwadi Party taking 37 in Uttar Pradesh."
    >>> clause_parties(s, s.index("232"), s.index("232") + 3)
    ['INDIA']
    """
    lo, hi = figure_clause(sentence, start, end)
    out: list[str] = []
    lexicon = find_entities(sentence[lo:hi])
    for name in sorted(names_in(sentence, lo, hi), key=lambda n: abs(n.start - start)):
        known = [canonical for offset, canonical in lexicon if name.start <= lo + offset < name.end]
        for party in known or [_tidy(name.text)]:
            if party and party not in out:
                out.append(party)
    return out


def _tidy(name: str) -> str:
    """A name without an opening article, a possessive or a trailing bracket's spaces.

    >>> _tidy("the Trinamool Congress's"), _tidy("Otis'")
    ('Trinamool Congress', 'Otis')
    """
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"(?<=\w)[’'](?:s)?$", "", name)  # "Congress's", "Otis'"
    return " ".join(name.split())


_LED = re.compile(r"^(?P<leader>[\w.&’'()-]+?)-led\s+(?P<rest>.+)$", re.IGNORECASE)
_ACRONYM_IN_BRACKETS = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z()]{1,9})\)$")


def owner_key(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """An owner's name folded for comparison: acronyms keep their capitals (the INDIA bloc is not India),
    other words are lower-cased; articles, possessives, "X-led" and class words (alliance, bloc, party,
    government ...) are dropped when a name remains; a name followed by its acronym becomes the acronym, and
    so does a long name `aliases` (lower-case long name -> acronym, as a corpus defines them) knows; names
    of the entity lexicon become its canonical name.

    >>> owner_key("BJP-led National Democratic Alliance (NDA)"), owner_key("opposition INDIA alliance")
    ('NDA', 'INDIA')
    >>> owner_key("the Samajwadi Party"), owner_key("India"), owner_key("BJP-led alliance")
    ('samajwadi', 'india', 'BJP-led alliance')
    >>> owner_key("National Democratic Alliance", {"national democratic alliance": "nda"}), owner_key("UN")
    ('NDA', 'united nations')
    >>> owner_key("Law and Justice (PiS)"), owner_key("PiS"), owner_key("McCain")
    ('PIS', 'PIS', 'mccain')
    """
    name = _tidy(name)
    m = _ACRONYM_IN_BRACKETS.match(name)
    if m:
        return m["acronym"].upper()
    known = alias_table().get(name) or CAPITALS.get(name)
    if known:
        return known.lower()
    led = _LED.match(name)
    if led:
        rest = [w for w in led["rest"].split() if w.lower() not in words.OWNER_CLASS_WORDS]
        if not rest:
            leader = led["leader"] if led["leader"].isupper() else led["leader"].lower()
            return f"{leader}-led alliance"
        name = led["rest"]
    folded = " ".join(re.findall(r"[\w&]+", name.lower()))
    if aliases and folded in aliases:
        return aliases[folded].upper()
    kept = [w for w in name.split() if w.lower() not in words.OWNER_CLASS_WORDS] or name.split()
    return " ".join(w.upper() if _ACRONYM.fullmatch(w) else w.lower() for w in kept)


_ACRONYM = re.compile(r"[A-Z][A-Z&]+|[A-Z][a-z]?[A-Z][A-Za-z]?")
"""An acronym: capitals, or a short mixed-case one ("PiS", "SaS"), which keys like its bracketed form."""


_DIRECTIONS = frozenset(
    ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper")
    + ("lower", "new", "greater")
)


def owners_agree(a: str, b: str) -> bool:
    """Two owner keys (`owner_key`) that name one party: equal; or equal but for the case of a long name a
    headline shouts ("NVIDIA"; an acronym of five letters or fewer keeps its case: the INDIA bloc is not
    India) or a plural ("conservatives"); or one a single name that opens or ends the other ("jalili" and
    "saeed jalili", "toyota" and "toyota motor corp"). A country of the entity lexicon names itself only
    ("kenya airways", "bank of china"), a name with "of" does not end in its owner ("university of texas"),
    a place with a direction ("south africa") is not its last word, nor is a list ("myanmar and thailand")
    one of its members.

    >>> owners_agree("saeed jalili", "jalili"), owners_agree("aramco", "saudi aramco")
    (True, True)
    >>> owners_agree("toyota", "toyota motor corp"), owners_agree("NVIDIA", "nvidia")
    (True, True)
    >>> owners_agree("conservatives", "conservative"), owners_agree("liberal democrats'", "liberal democrats")
    (True, True)
    >>> owners_agree("south africa", "africa"), owners_agree("myanmar and thailand", "thailand")
    (False, False)
    >>> owners_agree("china", "bank of china"), owners_agree("kenya", "kenya airways")
    (False, False)
    >>> owners_agree("texas", "university of texas"), owners_agree("guinea", "papua new guinea")
    (False, False)
    >>> owners_agree("INDIA", "india"), owners_agree("", ""), owners_agree("new", "new zealand")
    (False, False, False)
    >>> owners_agree("qalibaf", "ghalibaf"), owners_agree("austria", "australia")
    (True, False)

    An acronym is the name whose initials it spells, a class word's initial at its end allowed (`owner_key`
    drops "party", "alliance" ...): an election table's "ND" column and "New Democracy" in prose.

    >>> owners_agree("ND", "new democracy"), owners_agree("BJP", "bharatiya janata")
    (True, True)
    >>> owners_agree("ND", "national"), owners_agree("NDC", "new democracy")
    (False, False)
    """
    if not a or not b:
        return False
    a, b = _folded_owner(a), _folded_owner(b)
    if a == b or _spellings(a, b) or _initials(a, b) or _initials(b, a):
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) != 1 or len(long) < 2 or len(short[0]) < 4 or short[0].isupper():
        return False
    if short[0] in _DIRECTIONS or any(w in ("and", "&") for w in long) or find_entities(short[0].title()):
        return False  # a place or country names itself only ("bank of china", "equatorial guinea")
    if long[0] == short[0]:
        return True
    if "of" in long:  # "university of texas" is not Texas
        return False
    return long[-1] == short[0] and not any(d in _DIRECTIONS for d in long[0].split("-"))


_CLASS_INITIALS = frozenset({"p", "a"})
"""The initials a name's acronym may end with when `owner_key` dropped the word: party, alliance."""


def _initials(acronym: str, name: str) -> bool:
    """`acronym` (capitals, 2-5 letters) spells the initials of `name`'s two or more words, or those and a
    dropped "party" or "alliance" ("BJP": bharatiya janata party)."""
    if not (2 <= len(acronym) <= 5 and acronym.isalpha() and acronym.isupper()):
        return False
    parts = name.split()
    if len(parts) < 2 or not all(p.isalpha() and p.islower() for p in parts):
        return False
    initials = "".join(p[0] for p in parts).upper()
    return acronym == initials or (acronym[:-1] == initials and acronym[-1].lower() in _CLASS_INITIALS)


def _spellings(a: str, b: str) -> bool:
    """Two spellings of one transliterated name ("qalibaf" and "ghalibaf", "mohammad bagher ghalibaf" and
    "mohammad baqer ghalibaf"): names of six letters or more, no acronym or country, that differ by about a
    letter in five (rapidfuzz's normalised Indel similarity, 80 for one word, 90 for several)."""
    words_a, words_b = a.split(), b.split()
    if min(len(a), len(b)) < 6 or len(words_a) != len(words_b):
        return False
    if fuzz.ratio(a, b) < (80 if len(words_a) == 1 else 90):  # the cheap test first: most owners differ
        return False
    if len(words_a) > 1 and words_a[-1] != words_b[-1] and fuzz.ratio(words_a[-1], words_b[-1]) < 80:
        return False
    return not (
        any(w.isupper() for w in words_a + words_b) or find_entities(a.title()) or find_entities(b.title())
    )


def _folded_owner(key: str) -> str:
    """An owner key without a trailing possessive mark or plural s, a long shouted name lower-cased."""
    words_ = [w.lower() if len(w) > 5 and w.isupper() else w for w in key.rstrip("'’").split()]
    last = words_[-1] if words_ else ""
    if len(last) > 4 and last.endswith("s") and not last.endswith("ss") and not last.isupper():
        words_[-1] = last[:-1]
    return " ".join(words_)


_LED_IN_TEXT = re.compile(
    r"""(?P<leader>[A-Z][\w.&’']*(?:\s+[A-Z][\w.&’']*)?)-led\s+     # "BJP-led", "Congress-led"
    (?P<name>(?:[A-Z][\w&’'.-]*\s*){1,5}(?:\([A-Z]{2,9}\))?)           # "National Democratic Alliance (NDA)"
    """,
    re.VERBOSE,
)


def led_aliases(sentences: Iterable[str], aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """ "X-led alliance" -> the owner key of the alliance the texts say X leads ("the BJP-led National
    Democratic Alliance (NDA)" makes "the BJP-led alliance" the NDA); a leader said to lead two different
    alliances gives none.

    >>> led_aliases(["The BJP-led National Democratic Alliance (NDA) won."])
    {'BJP-led alliance': 'NDA'}
    """
    found: dict[str, set[str]] = {}
    for sentence in sentences:
        if "-led" not in sentence:
            continue
        for m in _LED_IN_TEXT.finditer(sentence):
            target = owner_key(m["name"].strip(), aliases)
            if not target or target.endswith("-led alliance"):
                continue
            leader = " ".join(w for w in m["leader"].split() if w.lower() not in words.FUNCTION_WORDS)
            leader = leader if leader.isupper() else leader.lower()
            found.setdefault(f"{leader}-led alliance", set()).add(target)
    return {key: next(iter(targets)) for key, targets in found.items() if len(targets) == 1}


__all__ = [
    "OWNER_RULES",
    "STRONG_SOURCES",
    "Name",
    "Owner",
    "clause_parties",
    "figure_clause",
    "led_aliases",
    "names_in",
    "owner_key",
    "owner_of",
]
