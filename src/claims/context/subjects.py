"""What a number measures, read from the dependency parse around it (the noun it modifies, the noun
phrase it is the object of, the counted noun and its recipient), and the tidying of that text."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claims.context.grammar import (
    TIME_NOUNS,
    is_date_word,
    is_numberish,
    object_of_verb,
    phrase_of,
    recipient_of,
    verb_subject,
)
from claims.context.sentences import dateline_end
from claims.context.topics import CHANGE_NOUNS, clause_topic, doc_text, list_item_subject
from claims.context.verbs import (
    COPULAS,
    EXPECTING_VERBS,
    GIVING_VERBS,
    LEVEL_VERBS,
    OWNING_VERBS,
    lemma_of,
    participle_of,
)
from claims.lexicon.context import GRAIN_SUFFIXES
from claims.parse.periods import find_periods
from claims.parse.units import parse_unit
from claims.types import Kind

_MODIFIER_DEPS = frozenset({"compound", "nummod", "quantmod", "amod", "nmod", "npadvmod"})


_LEVEL_NOUNS = frozenset(
    {
        "high",
        "low",
        "record",
        "peak",
        "top",
        "total",
        "sum",
        "estimate",
        "estimation",
        "figure",
        "level",
        "value",
        "average",
    }
)
_TIME_WORDS = frozenset(
    {
        "year",
        "years",
        "month",
        "months",
        "quarter",
        "quarters",
        "week",
        "weeks",
        "day",
        "days",
        "last",
        "next",
        "this",
        "previous",
        "past",
        "same",
        "period",
        "time",
        "earlier",
        "ago",
        "half",
        "decade",
    }
)
_IDIOM_ON = frozenset(
    {
        "road",
        "ground",
        "average",
        "basis",
        "track",
        "board",
        "hold",
        "line",
        "record",
        "way",
        "paper",
        "top",
        "site",
        "time",
        "schedule",
        "year",
        "month",
        "quarter",
        "day",
    }
)
_SHARE_BASE_PHRASES = frozenset(
    {"gross domestic product", "gross national income", "gross national product", "domestic product"}
)


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
    lo = max(lo, sent.start_char + _dateline_length(sent))
    exclude.update(outside(sent, lo, hi))
    subject = _subject(span, counted, exclude)
    if _FIGURE_ONLY.fullmatch(subject) or _unit_headed(subject):
        subject = ""  # `came to $98.7bn (£76.83bn)`, `265 kmh (165 mph)`: another figure's token
        # is no subject
    listed = list_item_subject(span, exclude)
    if listed:
        return listed
    if not subject and not counted:
        subject = _clause_subject(span, exclude)
    head_word = subject.split()[-1].lower() if subject else ""
    if subject and set(subject.lower().split()) <= _TIME_WORDS:
        return ""  # `up from 28 million last year`: the sentence's other figure says what it measures
    if subject and head_word in CHANGE_NOUNS:
        topic = clause_topic(span, exclude)
        if topic and topic.lower() != subject.lower():
            # a level names only its topic (`a 32-month high of`, `an estimation of`); a change keeps its word
            return topic if head_word in _LEVEL_NOUNS else f"{subject} in {topic}"
    return subject


_FIGURE_ONLY = re.compile(
    r"[$€£¥₹]?\s*[\d.,]+\s*(?:%|bn|mn|m|b|k|tn|trn|tr|million|billion|trillion|thousand|crore|lakh)?",
    re.IGNORECASE,
)
"""A subject that is only a figure ("98.7bn"): the parse took another number of the sentence for a noun."""


def _unit_headed(subject: str) -> bool:
    """A subject whose last word is a unit of measure (`Mexico kmh`, `devastating mph`): the parse took the
    unit of a figure beside it for the noun measured.

    >>> _unit_headed("Acapulco mph"), _unit_headed("maximum sustained winds")
    (True, False)
    """
    words = subject.split()
    if not words:
        return False
    unit = parse_unit(words[-1].strip(".,;:()"))
    return unit is not None and unit.kind is Kind.MEASURE


def _dateline_length(sent: Span) -> int:
    """`dateline_end` of the sentence's text, read once per sentence (not once per figure in it)."""
    cache = sent.doc.user_data.setdefault("claims_dateline_end", {})
    cut = cache.get(sent.start)
    if cut is None:
        cut = cache[sent.start] = dateline_end(doc_text(sent.doc)[sent.start_char : sent.end_char])
    return cut  # type: ignore[no-any-return]


def outside(sent: Span, lo: int, hi: int) -> list[int]:
    """The tokens of `sent` starting before character `lo` or at or after `hi`: a run at each end of the
    sentence (tokens are in text order), so the work is the number of tokens left out, not the sentence's
    length.

    >>> import spacy
    >>> doc = spacy.blank("en")("Aid rose to $5 million in 2024")
    >>> outside(doc[:], 4, 22)
    [0, 6, 7]
    """
    doc, start, end = sent.doc, sent.start, sent.end
    before = start
    while before < end and doc[before].idx < lo:
        before += 1
    after = end
    while after > before and doc[after - 1].idx >= hi:
        after -= 1
    return [*range(start, before), *range(after, end)]


def _clause_subject(span: Span, exclude: set[int]) -> str:
    """The subject of the verb the number hangs from, when nothing nearer says what it measures
    (`The party's vote share slipped, from 37.3% in 2019 to 36.6% in 2024` -> `The party's vote share`)."""
    node = span.root
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"}:
            found = verb_subject(node, exclude)
            words = found.lower().split()
            return "" if not words or set(words) <= _TIME_WORDS else found
        if node.head.i == node.i:
            return ""
        node = node.head
    return ""


@dataclass(frozen=True)
class _Reading:
    """A figure's span with what the subject rules read around it: the counted noun, the tokens to leave out,
    and the word the number hangs from, seen in three steps (`climbed`, `possessed`, `timed`)."""

    span: Span
    counted: str | None
    exclude: set[int]

    @functools.cached_property
    def climbed(self) -> tuple[Token, str, Token]:
        """(head, dependency, governor) after climbing the modifiers that are part of the figure itself."""
        head = self.span.root
        while head.dep_ in _MODIFIER_DEPS and head.head.i in self.exclude:
            head = head.head
        return head, head.dep_, head.head

    @functools.cached_property
    def possessed(self) -> tuple[Token, str, Token]:
        """`climbed`, where the number counts a possessed noun (`six Japan's used frigates`): that noun."""
        head, dep, governor = self.climbed
        if (
            dep in {"nummod", "quantmod"}
            and governor.dep_ == "poss"
            and governor.head.pos_ in {"NOUN", "PROPN"}
            and governor.head.i not in self.exclude
        ):
            # the number counts the possessed noun, not the possessor
            return governor, "nummod", governor.head
        return head, dep, governor

    @functools.cached_property
    def timed(self) -> tuple[Token, str, Token]:
        """`possessed`, where the number modifies a time noun of a verb (`fell 12.5% year on year`): the
        time noun's own place."""
        head, dep, governor = self.possessed
        if (
            dep in {"nummod", "quantmod", "compound", "amod", "nmod"}
            and governor.lower_ in TIME_NOUNS
            and governor.head.pos_ == "VERB"
        ):
            return governor, governor.dep_, governor.head
        return head, dep, governor


SubjectRule = Callable[[_Reading], str | None]


def counted_noun(r: _Reading) -> str | None:
    """A count: the counted noun with its recipient (`two patrol vessels to the Philippines`), the possessed
    noun (`six Japan's used frigates`), or whose they are (`the EAS with 18 leaders` -> `leaders of EAS`)."""
    counted, exclude = r.counted, r.exclude
    if not counted:
        return None
    root = r.span.root
    head = root.head if root.head.i not in exclude else root
    if head.dep_ == "poss" and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i not in exclude:
        noun = head.head
        return f"{phrase_of(noun, exclude)} {recipient_of(noun, exclude)}".strip()
    recipient = recipient_of(head, exclude)
    if not recipient:
        owner = _count_owner(head, exclude)
        if owner and owner.split()[-1].lower() in _COLLECTIVE_NOUNS:
            return owner
        if owner:
            return f"{counted} of {owner}"
    return f"{counted} {recipient}".strip()


def prepositional_object(r: _Reading) -> str | None:
    """What a preposition on the figure names: `X% of Y`, `¥400 million in grants`, `$5 billion worth of
    aid`; a share of a base names what has the share (`2% of GDP`), or nothing when only the base is there."""
    span, exclude = r.span, r.exclude
    for token in span:
        for child in token.children:
            if (
                child.i in exclude
                or child.dep_ != "prep"
                or child.lower_ not in {"of", "in", "for", "worth", "on"}
            ):
                continue
            objects = [t for t in child.children if t.dep_ == "pobj" and not is_numberish(t)]
            if objects and not is_date_word(objects[0]) and objects[0].i not in exclude:
                if span.root.ent_type_ == "PERCENT" or "%" in span.text or "cent" in span.text.lower():
                    share = _share_of(objects[0], span, exclude)
                    if share:
                        return share
                    if _share_base(objects[0]):
                        return ""  # `6.2% of GDP` after an amount: it measures what the amount does
                if objects[0].lower_ in {"its", "their"} or objects[0].lower_ in CHANGE_NOUNS - {"total"}:
                    continue
                if child.lower_ == "on" and objects[0].lower_ in _IDIOM_ON:
                    continue  # `1 million on the road`, `5% on average`
                if objects[0].lower_ in {"value", "worth"} and child.lower_ == "of":
                    continue  # `lost 40% of its value`: the subject of the verb lost it
                return phrase_of(objects[0], exclude)
    return None


def comparative_governor(r: _Reading) -> str | None:
    """`with consumer loans up 24.1%`: the noun that is up or down."""
    _head, _dep, governor = r.climbed
    if (
        governor.lower_ in {"up", "down", "higher", "lower"}
        and governor.head.pos_ in {"NOUN", "PROPN"}
        and governor.head.i not in r.exclude
        and not is_numberish(governor.head)
    ):
        return phrase_of(governor.head, r.exclude)
    return None


def worth_governor(r: _Reading) -> str | None:
    """`vessels worth ¥60 billion`: the noun that is worth it."""
    _head, _dep, governor = r.possessed
    if governor.lower_ == "worth" and governor.head.pos_ in {"NOUN", "PROPN"}:
        return phrase_of(governor.head, r.exclude)
    return None


_GRAIN_ABBREVIATIONS = frozenset(a for group in GRAIN_SUFFIXES.values() for a in group)


def modified_noun(r: _Reading) -> str | None:
    """`8.1 billion yen budget`, `the 10-member bloc`: the noun the number modifies (not a period
    abbreviation the parser takes for one: "grew 38 per cent YoY")."""
    _head, dep, governor = r.timed
    if (
        dep in {"nummod", "quantmod", "compound", "amod", "nmod"}
        and governor.i not in r.exclude
        and governor.pos_ in {"NOUN", "PROPN"}
        and governor.lower_ not in _GRAIN_ABBREVIATIONS
    ):
        return phrase_of(governor, r.exclude)
    return None


def preposition_host(r: _Reading) -> str | None:
    """The figure is the object of a preposition: `the value of 8.1 billion yen` (the noun before `of`),
    `relief assistance valued at USD 208,000`, `raise defence spending to 2%` (the object raised),
    `expects the deficit to fall to 3.1%`, `trade jumped from $40 billion` (the verb's subject), `grants
    provided by Tokyo`, or the noun the preposition hangs from."""
    _head, dep, governor = r.timed
    if dep != "pobj":
        return None
    exclude = r.exclude
    prep = governor
    host = prep.head
    if prep.lower_ == "of" and host.pos_ in {"NOUN", "PROPN"}:
        return phrase_of(host, exclude)
    if host.pos_ == "VERB" and host.dep_ == "acl" and host.head.pos_ in {"NOUN", "PROPN"}:
        return phrase_of(host.head, exclude)  # `relief assistance valued at USD 208,000`
    if host.pos_ in {"VERB", "AUX"}:
        verb = lemma_of(host)
        if prep.lower_ in {"to", "at", "by", "from"} and verb not in LEVEL_VERBS:
            for child in host.children:  # `raise defence spending to 2%`, `bringing the total to 11.7m`
                if (
                    child.dep_ == "dobj"
                    and child.i not in exclude
                    and not is_numberish(child)
                    and not any(is_numberish(t) for t in child.lefts)
                ):
                    return phrase_of(child, exclude)
        if verb in EXPECTING_VERBS:
            for clause in host.children:  # `expects the deficit to fall to 3.1%, from 4.2%`
                if clause.dep_ in {"ccomp", "xcomp"}:
                    subject = verb_subject(clause, exclude)
                    if subject:
                        return subject
        if verb in LEVEL_VERBS or prep.lower_ in {"from", "to", "at", "by", "around", "about"}:
            subject = verb_subject(host, exclude)  # `trade jumped from $40 billion to ...`
            if subject:
                return subject
        frame = _verb_frame(host, exclude)
        if frame:
            return frame
    if host.pos_ in {"NOUN", "PROPN"}:
        return phrase_of(host, exclude)
    return None


def copula_subject(r: _Reading) -> str | None:
    """`the OSA budget was 8.1 billion yen`: the subject of the copula."""
    _head, dep, governor = r.timed
    if dep in {"attr", "acomp", "oprd"} and governor.pos_ in {"VERB", "AUX"}:
        return verb_subject(governor, r.exclude) or None
    return None


def verb_object(r: _Reading) -> str | None:
    """The figure is a verb's object: `FDI exceeded US$22 billion` (the value of the subject), `inflows
    reaching US$100.6 billion` (the noun the verb describes); else the verb's frame (`gave $40 million to
    the AHA Centre` -> `amount given by ... to AHA Centre`), which may say nothing."""
    _head, dep, governor = r.timed
    if dep not in {"dobj", "obj", "dative", "npadvmod"} or governor.pos_ != "VERB":
        return None
    verb = lemma_of(governor)
    if verb in LEVEL_VERBS:
        if governor.dep_ == "acl" and governor.head.pos_ in {"NOUN", "PROPN"}:
            return phrase_of(governor.head, r.exclude)
        subject = verb_subject(governor, r.exclude)
        if subject:
            return subject
    return _verb_frame(governor, r.exclude)


def verb_subject_object(r: _Reading) -> str | None:
    """The figure is a verb's subject (`40% said yes`): what the verb's object names, which may be nothing."""
    _head, dep, governor = r.timed
    if dep in {"nsubj", "nsubjpass"} and governor.pos_ in {"VERB", "AUX"}:
        return object_of_verb(governor, r.exclude)
    return None


def apposed_noun(r: _Reading) -> str | None:
    """`the grant, ¥400 million`: the noun the figure stands beside."""
    _head, dep, governor = r.timed
    if dep == "appos" and governor.pos_ in {"NOUN", "PROPN"}:
        return phrase_of(governor, r.exclude)
    return None


def purpose(r: _Reading) -> str | None:
    """`sets aside ¥8.7 trillion for defense-related expenditures`: what the figure is for."""
    _head, _dep, governor = r.timed
    exclude = r.exclude
    for child in governor.children:
        if child.dep_ == "prep" and child.lower_ == "for" and child.i not in exclude:
            objects = [
                t
                for t in child.children
                if t.dep_ == "pobj" and t.i not in exclude and not is_numberish(t) and not is_date_word(t)
            ]
            if objects:
                return phrase_of(objects[0], exclude)
    return None


SUBJECT_RULES: tuple[SubjectRule, ...] = (
    counted_noun,
    prepositional_object,
    comparative_governor,
    worth_governor,
    modified_noun,
    preposition_host,
    copula_subject,
    verb_object,
    verb_subject_object,
    apposed_noun,
    purpose,
)
"""The rules of `_subject`, in the order they are asked: the first that answers (a string, possibly empty:
the figure measures nothing nameable there) decides; None lets the next rule read."""


def _subject(span: Span, counted: str | None, exclude: set[int]) -> str:
    reading = _Reading(span, counted, exclude)
    for rule in SUBJECT_RULES:
        found = rule(reading)
        if found is not None:
            return found
    return ""


def _verb_frame(verb: Token, exclude: set[int]) -> str:
    """`grants provided by Tokyo to Kuala Lumpur`, `amount given by Japan to AHA Centre`."""
    noun = ""
    recipient = recipient_of(verb, exclude)
    for i in sorted(exclude):  # `gave $40 million to the AHA Centre` with the PP on the amount
        if recipient:
            break
        recipient = recipient_of(verb.doc[i], exclude, climb=False)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "as", "on"} and child.i not in exclude:
            objects = [
                t for t in child.children if t.dep_ == "pobj" and not is_numberish(t) and not is_date_word(t)
            ]
            if objects and objects[0].i not in exclude:
                noun = phrase_of(objects[0], exclude)
                break
    if not recipient and lemma_of(verb) in GIVING_VERBS:
        for child in verb.children:  # `provide Kuala Lumpur with ¥400 million`
            if (
                child.dep_ in {"dobj", "dative"}
                and child.i not in exclude
                and not is_numberish(child)
                and child.pos_ in {"PROPN", "NOUN"}
            ):
                recipient = f"to {phrase_of(child, exclude)}"
                break
    agent = verb_subject(verb, exclude)
    if not (noun or agent or recipient):
        return ""
    verb_text = lemma_of(verb)
    if verb_text in COPULAS:
        return noun or agent
    parts = [noun or "amount", participle_of(verb, verb_text), f"by {agent}" if agent else "", recipient]
    return " ".join(p for p in parts if p)


_WEAK_SUBJECTS = frozenset(
    {"amount", "total", "figure", "number", "level", "value", "sum", "percent", "per cent", "range", "part"}
)


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
    periods = find_periods(subject)
    if periods and (len(subject.split()) <= 2 or (periods[0].start == 0 and periods[0].end == len(subject))):
        return ""  # a date alone (`November 02, 2023`) measures nothing
    if subject.lower() in _WEAK_SUBJECTS:
        return ""
    return subject


def generic_subject(subject: str) -> bool:
    """A one-word common noun that does not say whose figure it is (`economy`, `population`, `exports`).

    >>> generic_subject("economy"), generic_subject("GDP"), generic_subject("ASEAN economy")
    (True, True, False)
    """
    words = subject.split()
    return (
        len(words) == 1
        and words[0].lower() not in CHANGE_NOUNS | _WEAK_SUBJECTS
        and (words[0][:1].islower() or words[0] in {"GDP", "GNI", "GNP"})
    )


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
    for _ in range(len(span.sent)):  # bounded: a parse may hold a head cycle
        if node.head.i == node.i or node.head.i not in exclude:
            break
        node = node.head
    governor = node.head if node.dep_ != "pobj" else node.head.head
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "of"
        and governor.pos_ in {"NOUN", "PROPN"}
        and governor.i not in exclude
        and governor.lower_ not in CHANGE_NOUNS
    ):
        return f"{phrase_of(governor, exclude)} (% of {base})"
    if governor.pos_ in {"VERB", "AUX"}:
        for child in governor.children:
            if child.dep_ == "dobj" and child.i not in exclude and not is_numberish(child):
                return f"{phrase_of(child, exclude)} (% of {base})"
        subject = verb_subject(governor, exclude)
        if subject:
            return f"{subject} (% of {base})"
    return ""


_COLLECTIVE_NOUNS = frozenset(
    {
        "population",
        "workforce",
        "membership",
        "fleet",
        "force",
        "total",
        "staff",
        "army",
        "crowd",
        "audience",
        "electorate",
        "labour",
        "labor",
    }
)


def _count_owner(head: Token, exclude: set[int]) -> str:
    """Whose counted things these are: `the EAS with 18 leaders` -> `EAS`; `the Summit, comprising 19
    participants` -> `Summit`; `Grab now has 35 million users` -> `Grab`."""
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.lower_ in _COLLECTIVE_NOUNS
        and head.head.head.i not in exclude
    ):
        # `a combined population of 680 million people`
        return phrase_of(head.head.head, exclude | {t.i for t in head.head.subtree})
    if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ in {"NOUN", "PROPN"}:
        host = head.head.head
        if host.i not in exclude and not is_numberish(host):
            return phrase_of(host, exclude)
    if head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.pos_ == "VERB":
        subject = verb_subject(head.head.head, exclude)  # `The Forum meets with 18 members`
        if subject and subject.lower() not in {"it", "they"}:
            return subject
    if head.dep_ == "dobj" and head.head.pos_ == "VERB" and lemma_of(head.head) in OWNING_VERBS:
        verb = head.head
        while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            verb = verb.head
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            return phrase_of(verb.head, exclude)
        subject = verb_subject(head.head, exclude)
        if subject and subject.lower() not in {"it", "they"}:
            return subject
    return ""
