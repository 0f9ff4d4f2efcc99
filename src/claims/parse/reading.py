"""Reading one number core and what is attached to it: sign, currency, scale, unit, hedge words."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from claims.lexicon.context import (
    FUNCTION_WORDS,
    MONEY_CUES,
    POPULATION_CUES,
)
from claims.lexicon.currencies import (
    AMBIGUOUS_CURRENCY_WORDS,
    GLUED_ISO_CODES,
    PREFIX_SYMBOLS,
    SUBUNIT_WORDS,
)
from claims.lexicon.numbers import (
    MULTIPLIER_WORDS,
    SCALE_LETTERS,
    VAGUE_PLURALS,
)
from claims.lexicon.qualifiers import NOT_BEFORE_MONEY
from claims.lexicon.units import (
    DOMAIN_SYMBOLS,
    GLUED_ONLY_SYMBOLS,
    GLUED_TEMPERATURE_LIMIT,
    HYPHEN_UNIT_WORDS,
    PERCENT,
    PERCENTAGE_POINT,
    POINT,
    RATE_TIME_UNITS,
    TIMES,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)
from claims.parse.around import change_before
from claims.parse.candidates import COUNT, ONE, Atom
from claims.parse.money import currency_code
from claims.parse.numbers import (
    parse_digits,
    parse_fraction_words,
    parse_number_words,
    scale_factor,
)
from claims.parse.patterns import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    FRACTION_POINT_AFTER,
    FRACTION_UNIT_AFTER,
    GLUED_AFTER,
    GLUED_UNIT_AFTER,
    HYPHEN_UNIT_AFTER,
    MULTIPLIER_AFTER,
    PERCENT_AFTER,
    PERCENT_FOLLOWS,
    POINTS_AFTER,
    RATE_AFTER,
    SCALE_AFTER,
    SCALED_SYMBOL_AFTER,
    SPACED_METRE_AFTER,
    SPACED_UNIT_AFTER,
    SUBUNIT_AFTER,
    SYMBOL_AFTER,
    UNIT_SYMBOL_AFTER,
    UNIT_WORD_AFTER,
    WORD_AFTER,
)
from claims.parse.qualifiers import qualifier_after, qualifier_before
from claims.parse.senses import has_senses, sense
from claims.parse.units import parse_unit, unit_name
from claims.types import Kind, Qualifier

_VULGAR_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75"), "⅓": Decimal(1) / 3,
                     "⅔": Decimal(2) / 3, "⅛": Decimal("0.125")}  # fmt: skip


def _slashed_value(num_text: str) -> Decimal | None:
    """ "1⁄32" -> 0.03125, "2½" -> 2.5, "¾" -> 0.75.

    >>> _slashed_value("1⁄32"), _slashed_value("2½")
    (Decimal('0.03125'), Decimal('2.5'))
    """
    if "⁄" in num_text:
        top, bottom = num_text.split("⁄")
        return Decimal(top) / Decimal(bottom) if int(bottom) else None
    whole = Decimal(num_text[:-1]) if num_text[:-1] else Decimal(0)
    return whole + _VULGAR_FRACTIONS[num_text[-1]]


# digits the scanner matched as a decimal comma (`patterns.DECIMAL_COMMA`: the only digits with one or two
# after a comma)
_DECIMAL_COMMA = re.compile(r"[0-9]{1,3},[0-9]{1,2}")
_SPACE_GROUPS = re.compile(r"[ \u00a0\u202f\u2009](?=[0-9]{3})")


def _words_base(num_text: str) -> Decimal | None:
    """ "twelve" -> 12; "a"/"an" -> 1 (kept only before a scale word: "a million")."""
    base = parse_number_words(num_text)
    if base is None and num_text.lower() in ("a", "an"):
        return ONE
    return base


def _vaguescale_base(num_text: str) -> Decimal | None:
    """ "a few hundred", "several thousand": at least the scale."""
    last = num_text.rsplit(" ", 1)[-1].lower()
    return Decimal(100) if last == "hundred" else scale_factor(last)


def _foldword_base(num_text: str) -> Decimal | None:
    """ "threefold" -> 3, "double" and the other multiplier words from the lexicon."""
    lower = num_text.lower()
    return Decimal(MULTIPLIER_WORDS[lower]) if lower in MULTIPLIER_WORDS else parse_number_words(lower[:-4])


# How the value of each form of number is read ("digits" is read apart: its digit groups come first); forms
# that stand for another are renamed ("a pair of" is read as the number word it stands for, "1⁄32" and "2½"
# are written as digits).
BASE_READERS: dict[str, tuple[str, Callable[[str], Decimal | None]]] = {
    "words": ("words", _words_base),
    "fraction": ("fraction", parse_fraction_words),
    "pair": ("words", lambda _: Decimal(2)),
    "slashed": ("digits", _slashed_value),
    "vaguescale": ("vaguescale", _vaguescale_base),
    "foldword": ("foldword", _foldword_base),
}


def _read_base(text: str, m: re.Match[str]) -> tuple[str, Decimal | None]:
    """The form of the number matched and its value, before any scale, unit or currency."""
    form = m.lastgroup or ""
    num_text = m.group(0)
    if form == "digits":
        nxt = text[m.end() : m.end() + 2]
        if len(nxt) == 2 and nxt[0] in ".," and nxt[1].isdigit():
            return form, None  # "1,2,3", "1.2.3": a list or a version, not a number
        if _DECIMAL_COMMA.fullmatch(num_text):
            return form, parse_digits(num_text.replace(",", "."))  # "6,2" before "billion": 6.2
        return form, parse_digits(_SPACE_GROUPS.sub("", num_text))  # "438 000": SI digit groups
    if form in BASE_READERS:
        renamed, reader = BASE_READERS[form]
        return renamed, reader(num_text)
    return form, Decimal(VAGUE_PLURALS[num_text.lower()])


def _read_digits(text: str, atom: Atom) -> bool:
    """What is written before and glued to digits; False when the digits are part of a code or a name."""
    s = atom.start
    glued = s > 0 and (text[s - 1].isalpha() or text[s - 1] == ".")
    glued = glued and not (text[s - 1] in "x×" and s >= 2 and text[s - 2].isdigit())  # "1080x2400"
    _read_accounting(text, atom)
    if not _read_prefix(text, atom):
        return False
    if glued and atom.currency is None and _naira(text, atom):
        atom.currency, atom.kind = "NGN", Kind.MONEY  # "N27.5 trillion", "N28,777,404,073,861"
        atom.start = atom.cue_start = s - 1
        atom.flags.add("glued_currency")
    if glued and (
        atom.currency is None
        or ("glued_currency" not in atom.flags and _glued_code(text, s) not in GLUED_ISO_CODES)
    ):
        return False  # "ABC123", "FY2024", "COP28": letters glued to the digits that are not a currency
    return _read_glued(text, atom)


_NAIRA_SCALE = re.compile(r"[ ]?(?:trillion|billion|million|tn|trn|bn|mn|m|b)(?![\w-])", re.IGNORECASE)


def _naira(text: str, atom: Atom) -> bool:
    """ "N27.5 trillion", "N28,777,404,073,861": the Nigerian press writes the naira as a capital N glued to
    the amount. Only a scaled amount or one with digit groups reads so; "N95", "N2" are names."""
    s = atom.start
    if s < 1 or text[s - 1] != "N" or (s >= 2 and (text[s - 2].isalnum() or text[s - 2] in "-_")):
        return False
    return "," in atom.num_text or bool(_NAIRA_SCALE.match(text, atom.end))


def _read_after_number(text: str, atom: Atom) -> bool:
    """Scale, unit or currency after a number in digits or words; False for a lone "a"/"an"."""
    _read_suffix(text, atom)
    if atom.form == "words" and atom.num_text.lower() in ("a", "an"):
        if atom.factor is None:
            return False
        s = atom.start
        if text[max(0, s - 5) : s].lower() == "half ":
            atom.base = Decimal("0.5")  # "half a million people"
            atom.start = atom.cue_start = s - 5
    return True


def _read_fraction(text: str, atom: Atom) -> bool:
    """A fraction word is a share; "a quarter point", "half an inch"; False for "half a loaf"."""
    atom.unit, atom.kind = PERCENT, Kind.PERCENT
    point = FRACTION_POINT_AFTER.match(text, atom.end)
    of_unit = FRACTION_UNIT_AFTER.match(text, atom.end) if point is None else None
    unit = parse_unit(of_unit["unit"]) if of_unit else None
    if point:  # "a quarter point", "half a percentage point": a fraction of a percentage point
        atom.unit = PERCENTAGE_POINT
        atom.end = point.end()
    elif unit is not None and unit.kind is Kind.MEASURE and of_unit is not None:
        atom.unit, atom.kind = unit.name, Kind.MEASURE  # "half an inch", "two tenths of a second"
        atom.end = of_unit.end()
    elif atom.num_text.lower() == "half" and text.startswith((" a ", " an "), atom.end):
        return False  # "half a loaf": no unit to take half of
    return True


def _read_fold(text: str, atom: Atom) -> bool:
    """ "threefold", "double": a multiplier."""
    atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    return True


# What follows each form of number; False rejects the number.
TAIL_READERS: dict[str, Callable[[str, Atom], bool]] = {
    "digits": _read_after_number,
    "words": _read_after_number,
    "vaguescale": _read_after_number,
    "fraction": _read_fraction,
    "foldword": _read_fold,
}


def _read_plus(text: str, atom: Atom) -> bool:
    """ "40,000-plus employees", "200-odd personnel", "5,000+"; False for "2+2" and "ASEAN+3"."""
    suffix = _HEDGE_SUFFIX.match(text, atom.end)
    if suffix and atom.form in ("digits", "words"):
        atom.qualifier = Qualifier.AT_LEAST if suffix["word"].lower() == "plus" else Qualifier.APPROX
        atom.end = suffix.end()
        atom.flags.add("plus")
    if atom.end < len(text) and text[atom.end] == "+":
        after = text[atom.end + 1 : atom.end + 2]
        if after.isalnum():
            return False
        atom.qualifier = Qualifier.AT_LEAST
        atom.flags.add("plus")
    return True


def _read_qualifier(text: str, atom: Atom) -> None:
    """ "more than", "about", "up to" before or after the number; "over five years" is across, not more."""
    form = atom.form
    if atom.qualifier is Qualifier.EXACT:
        cue = qualifier_before(text[max(0, atom.cue_start - 40) : atom.cue_start])
        if cue is not None and cue[0].lower() in NOT_BEFORE_MONEY and atom.currency is not None:
            cue = None  # "the Senate passed $95 billion": a bill, not a bound ("cases passed 2 million")
        if cue is not None and not (
            form == "words"
            and cue[0].lower() in _PREPOSITION_CUES
            and atom.unit is None
            and atom.currency is None
        ):
            atom.qualifier = cue[1]  # but "cooperation under four pillars" is a preposition
        else:
            after_cue = qualifier_after(text[atom.end : atom.end + 24])
            if after_cue is not None:
                atom.qualifier = after_cue[1]
    if form in ("vague", "vaguescale"):
        atom.qualifier = Qualifier.OVER
    elif (
        atom.qualifier is Qualifier.OVER
        and atom.unit in _DURATION_UNITS
        and text[max(0, atom.cue_start - 5) : atom.cue_start].lower() == "over "
        and not _DURATION_OF.match(text, atom.end)
    ):
        atom.qualifier = Qualifier.EXACT  # "spend ¥43 trillion over five years": across, not more than


def read_atom(text: str, m: re.Match[str]) -> Atom | None:
    """One number matched by the scanner's pattern, read with what is written around it: its value, scale,
    unit or currency and qualifier; None when it is no quantity (a list, a code, "a" without a scale)."""
    form, base = _read_base(text, m)
    if base is None:
        return None
    s, e = m.span()
    num_text = m.group(0)
    if form == "digits" and _DECIMAL_COMMA.fullmatch(num_text):
        num_text = num_text.replace(",", ".")  # its stated precision is that of "6.2"
    atom = Atom(
        start=s, end=e, core_start=s, core_end=e, form=form, num_text=num_text, base=base, cue_start=s
    )
    if form == "digits" and not _read_digits(text, atom):
        return None
    tail = TAIL_READERS.get(form)
    if tail is not None and not tail(text, atom):
        return None
    if not _read_plus(text, atom):
        return None
    _read_qualifier(text, atom)
    return atom


_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month"})
_DURATION_UNITS = _TIME_UNITS | {"year", "decade", "century"}
# "over 50 years of ties", "over 30 years old", "over 20 years ago": "over" is then "more than"
_DURATION_OF = re.compile(r"[ ](?:of|old|ago|in[ ](?:prison|jail))\b")
# Before a number word, these read as prepositions more often than as bounds ("under four pillars");
# "over" stays a bound ("over two million"). With a parser, `claims.nlp` re-checks both.
_PREPOSITION_CUES = frozenset({"under", "above", "below"})


def _read_sign(text: str, atom: Atom) -> int:
    """A sign written before the digits ("minus 2.1 percent", "-5%", "+3"); the start of what may precede."""
    s = atom.start  # the core, or the opening bracket of an accounting amount (the bracket is the sign)
    minus = (
        s >= 6 and text[s - 6 : s].lower() in ("minus ", "minus-") and (s == 6 or not text[s - 7].isalnum())
    )
    if minus:
        atom.negative = True  # "growth of minus 2.1 percent", "minus-260 degrees"
        atom.start = atom.cue_start = s - 6
        return -1
    if "accounting" not in atom.flags and s > 0 and text[s - 1] in "-−+":
        before = text[s - 2] if s >= 2 else " "
        if not (before.isalnum() or before in "-–)]%"):
            atom.negative = text[s - 1] != "+"
            atom.start = atom.cue_start = s - 1
            s -= 1
    return s


def _currency_of(m: re.Match[str], atom: Atom) -> tuple[str | None, int]:
    """The currency code and the start of the currency written before an amount (CURRENCY_BEFORE's match)."""
    if m["sym"]:
        return PREFIX_SYMBOLS.get(m["sym"]), m.start()
    if m["letters"]:
        return PREFIX_SYMBOLS.get(m["letters"].strip()), m.start()
    if m["iso"]:
        return m["iso"], m.start()
    if m["glued"]:
        atom.flags.add("glued_currency")
        return PREFIX_SYMBOLS[m["glued"]], m.start()
    if m["dollar2"]:
        atom.flags.add("glued_currency")
        start = m.start("dollar2")
        atom.cue_start = start if not m["esc2"] else start - 1
        return PREFIX_SYMBOLS.get("$" + m["cc2"], "USD"), start
    # a dollar sign
    cc = m["cc"]
    dollar = m.start("dollar")
    if cc and m["ccsp"] and cc in ("A", "S", "C", "R"):
        cc = None  # "A $5 grant": the article, not Australia ("HK $5.4m" keeps its country)
    atom.cue_start = m.start() if cc else dollar
    if m["esc"] and not cc:
        atom.cue_start = dollar - 1
    start = dollar if m["esc"] or not cc else m.start()  # the Markdown escape is not in the surface
    return PREFIX_SYMBOLS.get((cc or "") + "$", "USD"), start


def _read_prefix(text: str, atom: Atom) -> bool:
    """Sign and currency written before the digits. False when the number must be dropped."""
    s = _read_sign(text, atom)
    if s < 0:
        return True
    before = text[max(0, s - 2) : s].rstrip(" ")[-1:]
    if not before or not (before in _CURRENCY_TAIL or before.isupper()):
        return True  # cheap test first: no currency symbol or code can end here
    window_start = max(0, s - 16)
    m = CURRENCY_BEFORE.search(text, window_start, s)
    if m is None or m.end() != s:
        return True
    code, start = _currency_of(m, atom)
    if m["sym"] or m["letters"] or m["iso"] or m["glued"]:
        atom.cue_start = start
    if not atom.negative and start > 0 and text[start - 1] in "-−":
        before = text[start - 2] if start >= 2 else " "
        if not (before.isalnum() or before in "-–)]%"):
            atom.negative = True  # "−$1.5 billion": the sign is written before the currency
            start -= 1
            atom.cue_start = min(atom.cue_start, start)
    atom.currency = code
    atom.kind = Kind.MONEY
    atom.start = min(atom.start, start)
    return True


_HEDGE_SUFFIX = re.compile(r"-(?P<word>(?i:plus|odd))(?![\w-])")


def _glued_code(text: str, start: int) -> str:
    """The letters glued before the digits at `start` ("USD" in "USD1.2bn", "RM" in "RM2.3"), as a code."""
    letters = text[max(0, start - 4) : start].rstrip(".")
    code = letters[-3:] if len(letters) >= 3 and letters[-3:].isupper() and letters[-3:].isalpha() else ""
    if code:
        return code
    return {"RM": "MYR", "Rp": "IDR", "Rs": "INR", "PS": "GBP"}.get(letters[-2:], "")


def _read_accounting(text: str, atom: Atom) -> None:
    """ "£(3.2)m", "$(12.4) million": accounting brackets around the digits alone make the amount negative.

    Only when a currency is written right before the bracket; "(3.2)" alone is a list marker or a
    reference, and "€1.2 billion ($1.3 billion)" brackets a whole amount (a conversion), not the digits.
    """
    s, e = atom.core_start, atom.core_end
    if not (s >= 2 and text[s - 1] == "(" and e < len(text) and text[e] == ")"):
        return
    m = CURRENCY_BEFORE.search(text, max(0, s - 17), s - 1)
    if m is None or m.end() != s - 1:
        return
    atom.negative = True
    atom.start = atom.cue_start = s - 1
    atom.end = e + 1
    atom.flags.add("accounting")


_CURRENCY_TAIL = frozenset("$¥￥€£₹₩₱฿₫₽₺₪₦₴₭₵₸₾₼.ps=")  # last characters of the currency prefixes we read


def _read_glued(text: str, atom: Atom) -> bool:
    """A suffix glued to the digits ("2.5bn", "44m", "600MW", "5%", "3x"). False to drop the number."""
    e = atom.end  # the core end, or after the closing bracket of an accounting amount
    if e >= len(text):
        return True
    if text[e] in "x×" and text[e + 1 : e + 2].isdigit() and not atom.currency:
        atom.flags.add("dimension")  # "1080x2400 pixels": the first of two dimensions
        return True
    g = GLUED_AFTER.match(text, e)
    if g is None:
        ch = text[e]
        if ch.isalpha() or ch in "µμΩ":
            return _read_glued_unit(text, atom)
        return not (ch == "_" or ch.isdigit())  # "2010s", "3rd", "1990s"
    suffix = g["suffix"]
    if suffix in ("%", "％", "pc", "pct"):
        atom.unit, atom.kind = PERCENT, Kind.PERCENT
    elif suffix == "p":
        if atom.currency is not None:
            return False
        code, minor = SUBUNIT_WORDS["p"]
        atom.currency, atom.kind, atom.factor = code, Kind.MONEY, Decimal(1) / minor  # "45.2p": pence
        atom.flags.add("subunit")
    elif suffix in ("x", "×"):
        atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    elif suffix.lower() in ("bn", "mn", "mln", "bln", "tn", "trn", "million", "billion", "trillion"):
        atom.factor = scale_factor(suffix)
    elif suffix.lower() == "tr":
        if not atom.currency:
            return False  # "18tr" alone is no figure this reads; "Rs18tr" is 18 trillion rupees
        atom.factor = scale_factor("trn")
    elif suffix in ("K", "k", "C", "F") and not atom.currency and _read_sense(text, atom, suffix, g.end()):
        return True  # "each 5K split": kilometres; "2.5F capacitor": farads (`claims.parse.senses`)
    elif suffix in SCALE_LETTERS and (atom.currency or suffix in "MBTKk"):
        atom.factor = SCALE_LETTERS[suffix]
    elif suffix == "m" and not atom.currency and _million_before(text, g.end()):
        atom.factor = SCALE_LETTERS["m"]  # "1.5m people", "5m tourists": million, not metres
    elif suffix in ("C", "F") and (atom.currency or abs(atom.base) > GLUED_TEMPERATURE_LIMIT):
        return False  # "40C" is a temperature; "2024C" is not
    elif (suffix in UNIT_SYMBOLS or suffix in DOMAIN_SYMBOLS) and not atom.currency:
        atom.unit, atom.kind = UNIT_SYMBOLS.get(suffix) or DOMAIN_SYMBOLS[suffix], Kind.MEASURE
    else:
        return False
    atom.end = g.end()
    return True


def _read_sense(text: str, atom: Atom, symbol: str, end: int) -> bool:
    """Read `symbol` (ending at `end`) in the sense its sentence gives it, if any; False when none does."""
    name = sense(symbol, text, atom.core_start)
    if name is None:
        return False
    if len(name) == 3 and name.isupper():
        atom.currency, atom.kind = name, Kind.MONEY
    else:
        atom.unit, atom.kind = name, Kind.MEASURE
    atom.end = end
    return True


def _read_glued_unit(text: str, atom: Atom) -> bool:
    """A unit symbol glued to the digits that the scale and symbol patterns did not read ("640bhp", "45g",
    "2.4Ghz", "4500mAh"); a single capital letter makes a name ("5G", "4K" is read as a scale before).
    False to drop the number ("2010s", "3rd", "A4x")."""
    e = atom.end
    m = GLUED_UNIT_AFTER.match(text, e)
    if m is None:
        return False
    name = unit_name(m["unit"])
    if name is not None and not atom.currency:
        atom.unit, atom.kind = name, Kind.MEASURE
        atom.end = m.end()
        return True
    if len(m["unit"]) == 1 and m["unit"].isupper() and not atom.currency:
        atom.flags.add("glued_name")  # "5G", "3D": a name made of a number and a letter
        atom.end = m.end()
        return True
    return False


def _read_rate(text: str, atom: Atom) -> None:
    """ "2 million barrels per day", "20 miles per gallon": a measure per another unit is a rate."""
    if atom.unit is None or atom.unit in _TIME_UNITS or atom.unit in ("year", "decade", "century"):
        return
    m = RATE_AFTER.match(text, atom.end)
    if m:
        per = m["per"].lower()
        denominator = RATE_TIME_UNITS.get(per) or UNIT_WORDS.get(per)
        if denominator and denominator != atom.unit:
            atom.unit = f"{atom.unit} per {denominator}"
            atom.end = m.end()


def _noun_is_cue(text: str, pos: int) -> bool:
    m = WORD_AFTER.match(text, pos)
    if m is None:
        return False
    word = m["word"].lower().rstrip(".,;:")
    return word in POPULATION_CUES or word in MONEY_CUES or word in _MILLION_NOUNS


_DIMENSION_WORDS = frozenset(
    {"long", "high", "tall", "deep", "wide", "above", "below", "away", "thick", "across", "class", "length"}
)
_NOUN_STOP = re.compile(r"[,;:.()\[\]!?]")


def _million_before(text: str, pos: int) -> bool:
    """After a glued lower-case "m": million rather than metres? ("2.7m sales", "1.5m people" vs "a 44m
    vessel", "37m (121ft)-long", "ran the 100m in 9.8 seconds").

    Million when a cue noun follows, or when the noun phrase after it (up to four words, before any
    punctuation or function word) ends in a plural noun and holds no dimension word.
    """
    if _noun_is_cue(text, pos):
        return True
    window = text[pos : pos + 60]
    stop = _NOUN_STOP.search(window)
    words = (window[: stop.start()] if stop else window).split()[:6]
    phrase: list[str] = []
    for word in words:
        lower = word.lower()
        if lower in ("and", "or"):
            continue  # "2.7m digital and physical sales"
        if lower in FUNCTION_WORDS:
            break
        phrase.append(lower)
    if not phrase or any(w.strip("-") in _DIMENSION_WORDS for w in phrase):
        return False
    last = phrase[-1]
    return last.isalpha() and last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3


_MILLION_NOUNS = frozenset(
    {
        "barrels",
        "tonnes",
        "tons",
        "jobs",
        "vehicles",
        "cars",
        "passengers",
        "subscribers",
        "households",
        "children",
        "students",
        "farmers",
        "doses",
        "copies",
        "units",
    }
)


# After "N times": a comparison follows, so N is a multiplier ("five times the size", "3 times as big",
# "four times Earth's mass"), else N counts occurrences ("has fallen 6 times since 2002").
_COMPARISON_AFTER = re.compile(
    r"""[ ,]*(?:the|as|that|those|more|less|fewer|larger|bigger|higher|greater|faster|smaller|lower|slower
    |heavier|longer|wider|its|their|his|her|our|my|your|what|over|earlier|later|[A-Z][\w-]*[’']s)\b""",
    re.VERBOSE,
)


def _occurrences(text: str, atom: Atom) -> bool:
    """ "N times" that counts how often something happened, not how many times larger something is."""
    if atom.form not in ("digits", "words") or atom.base != atom.base.to_integral_value():
        return False
    if _COMPARISON_AFTER.match(text, atom.end):
        return False
    return not change_before(text, atom.cue_start, words=4)  # "rose 2 times" compares two levels


# Words that make "N pounds" a weight: a verb or noun of weight before it in the clause, or "of" and a
# material after it ("five pounds of flour").
_WEIGHT_BEFORE = re.compile(
    r"""\b(?:weigh(?:s|ed|ing|t|ts)?|heav(?:y|ier|iest)|light(?:er|est)|lost|shed|gained|dropp(?:ed|ing)
    |put[ ]on|scale|overweight|obese|pounds?[ ]heavier)\b[^.;:!?]{0,40}\Z""",
    re.VERBOSE | re.IGNORECASE,
)
_OF_MATERIAL_AFTER = re.compile(r"[ ]of[ ](?!the[ ]|a[ ]|his[ ]|her[ ]|their[ ]|its[ ])[a-z]+")


def _weight_context(text: str, atom: Atom, end: int) -> bool:
    """ "weighed 208 pounds", "dropping from 208 pounds", "five pounds of flour": pounds of mass, not money.

    >>> from claims.parse.patterns import CORE
    >>> [_weight_context(t, a, t.index("pounds") + 6) for t in ("He weighed 208 pounds.",
    ...  "She paid 20 pounds.") for a in [read_atom(t, next(CORE.finditer(t)))]]
    [True, False]
    """
    if _OF_MATERIAL_AFTER.match(text, end):
        return True
    return _WEIGHT_BEFORE.search(text, max(0, atom.cue_start - 60), atom.cue_start) is not None


_HYPHEN_TOKEN = re.compile(r"-(?P<unit>[A-Za-zµμ]+)(?:-old)?(?![\w-])")


def _read_scale(text: str, atom: Atom) -> None:
    """A scale word after the number: "4 million", and a larger one after it ("4 hundred million")."""
    if atom.factor is not None or atom.unit is not None:
        return
    m = SCALE_AFTER.match(text, atom.end)
    if m:
        atom.factor = scale_factor(m["scale"])
        atom.end = m.end()
        m = SCALE_AFTER.match(text, atom.end)
        larger = scale_factor(m["scale"]) if m else None
        if m and larger is not None and atom.factor is not None and larger > atom.factor:
            atom.factor *= larger  # "4 hundred million", "two thousand million"
            atom.end = m.end()


# Each suffix rule reads one kind of word or symbol written after the number (and its scale word) and returns
# True when it took it; the first rule that takes one ends the reading.


def _percent_after(text: str, atom: Atom) -> bool:
    """ "12%", "12 per cent", "12 percent" (a spaced "%" only after digits); joined by a hyphen as an
    adjective ("a 30-per-cent drop", "a 4-percentage-point lead").

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['inflation eased to 3.2 per cent'] for c in scan(t)]
    [('3.2 per cent', 'percent')]
    """
    m = PERCENT_AFTER.match(text, atom.end)
    if m and (m["sp"] == "" or m["unit"] not in ("%", "％") or atom.form == "digits"):
        unit = parse_unit(m["unit"]) or parse_unit(m["unit"].replace("-", " "))  # "percentage-point"
        if unit is not None:
            atom.unit, atom.kind = unit.name, unit.kind
            atom.end = m.end()
            return True
    return False


def _points_after(text: str, atom: Atom) -> bool:
    """ "rose 0.1 pts to 66.9%": percentage points; "rose 58.06 points": index or score points.

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['the rate rose 0.25 points to 5.5%'] for c in scan(t)]
    [('0.25 points', 'percentage point'), ('5.5%', 'percent')]
    """
    m = POINTS_AFTER.match(text, atom.end)
    if m and PERCENT_FOLLOWS.match(text, m.end()):
        atom.unit, atom.kind = PERCENTAGE_POINT, Kind.PERCENT
        atom.end = m.end()
        return True
    if m and atom.form == "digits" and atom.factor is None:
        atom.unit, atom.kind = POINT, Kind.MEASURE
        atom.end = m.end()
        return True
    return False


def _subunit_after(text: str, atom: Atom) -> bool:
    """ "12.5 cents", "28.0 pence": money in the minor unit of its currency.

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['a coffee now costs 45 pence'] for c in scan(t)]
    [('45 pence', 'GBP')]
    """
    if atom.factor is not None:
        return False
    m = SUBUNIT_AFTER.match(text, atom.end)
    if not m:
        return False
    major, minor = SUBUNIT_WORDS[" ".join(m["sub"].lower().split())]
    atom.currency, atom.kind, atom.factor = major, Kind.MONEY, Decimal(1) / minor
    atom.end = m.end()
    atom.flags.add("subunit")
    return True


def _symbol_after(text: str, atom: Atom) -> bool:
    """ "1,200€": a currency symbol written after the amount.

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['tickets cost 1,200€ each'] for c in scan(t)]
    [('1,200€', 'EUR')]
    """
    m = SYMBOL_AFTER.match(text, atom.end)
    if not m:
        return False
    atom.currency, atom.kind = PREFIX_SYMBOLS[m["sym"]], Kind.MONEY
    atom.end = m.end()
    return True


def _currency_after(text: str, atom: Atom) -> bool:
    """ "5 billion yen", "40 EUR"; "pounds" is sterling where the sentence speaks of a price, else mass.

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['a grant of 400 million yen'] for c in scan(t)]
    [('400 million yen', 'JPY')]
    """
    m = CURRENCY_AFTER.match(text, atom.end)
    if not m:
        return False
    word = m["word"] or m["iso"]
    ambiguous = bool(m["word"]) and m["word"].lower() in AMBIGUOUS_CURRENCY_WORDS
    code = currency_code(word, allow_ambiguous=ambiguous and atom.factor is not None)
    if code:
        atom.currency, atom.kind = code, Kind.MONEY
        atom.end = m.end()
        return True
    if word.lower() in ("pound", "pounds") and text[m.end() : m.end() + 1] not in ("-", "‐"):
        money = sense("pounds", text, atom.core_start) == "GBP"
        if money and not _weight_context(text, atom, m.end()):
            atom.currency, atom.kind = "GBP", Kind.MONEY  # "paid 40 pounds for the tickets"
        else:  # "weighed 208 pounds", "carries 300 pounds": mass, also when nothing says money
            atom.unit, atom.kind = "pound", Kind.MEASURE
        atom.end = m.end()
        return True
    return False


def _multiplier_after(text: str, atom: Atom) -> bool:
    """ "3 times", "2x"; "orbited Earth 3,200 times" is how often, a count.

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['sales grew 3 times over'] for c in scan(t)]
    [('3 times', 'times')]
    """
    m = MULTIPLIER_AFTER.match(text, atom.end)
    if not m:
        return False
    atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    atom.end = m.end()
    if m["times"] and _occurrences(text, atom):
        atom.unit, atom.kind = COUNT, Kind.COUNT
        atom.flags.add("occurrences")
    return True


def _unit_after(text: str, atom: Atom) -> bool:
    """ "3 million barrels", "24 million km2": unit words may follow a scale word, and symbols of more
    than one letter that are not times ("5 million m", "2 million h" are not read).

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['the field holds 3 million barrels'] for c in scan(t)]
    [('3 million barrels', 'barrel')]
    """
    symbols = UNIT_SYMBOL_AFTER if atom.factor is None else SCALED_SYMBOL_AFTER
    patterns = (UNIT_WORD_AFTER, symbols)
    for pattern in patterns:
        m = pattern.match(text, atom.end)
        if m:
            unit = parse_unit(m["unit"])
            if unit is not None and not (atom.factor is not None and unit.name in _TIME_UNITS):
                atom.unit, atom.kind = unit.name, unit.kind
                atom.end = m.end()
                _read_rate(text, atom)
                return True
    return False


def _spaced_symbol_after(text: str, atom: Atom) -> bool:
    """ "150 kn" (kuna on a price, knots on a wind), "0.01 s" (after a decimal a lone "s" is seconds).

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['a 75 kWh battery pack'] for c in scan(t)]
    [('75 kWh', 'kilowatt hour')]
    """
    m = SPACED_UNIT_AFTER.match(text, atom.end)
    if m and has_senses(m["unit"]) and _read_sense(text, atom, m["unit"], m.end()):
        return True
    if m and m["unit"] not in GLUED_ONLY_SYMBOLS and (len(m["unit"]) > 1 or atom.factor is None):
        name = "second" if m["unit"] == "s" and "." in atom.num_text else unit_name(m["unit"])
        if name is not None and not (atom.factor is not None and name in _TIME_UNITS):
            atom.unit, atom.kind = name, Kind.MEASURE
            atom.end = m.end()
            _read_rate(text, atom)
            return True
    return False


def _spaced_m_after(text: str, atom: Atom) -> bool:
    """ "5 m people": million, spaced; "rises to 4,095 m (13,435 ft)": metres where million cannot be
    meant.

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['a tower of 4,095 m (13,435 ft)'] for c in scan(t)]
    [('4,095 m', 'meter'), ('13,435 ft', 'foot')]
    """
    if atom.factor is not None or atom.form != "digits":
        return False
    if text.startswith(" m ", atom.end) and _noun_is_cue(text, atom.end + 2):
        atom.factor = SCALE_LETTERS["m"]
        atom.end += 2
        return True
    m = SPACED_METRE_AFTER.match(text, atom.end)
    if m:
        atom.unit, atom.kind = "meter", Kind.MEASURE
        atom.end = m.end()
        return True
    return False


def _hyphen_unit_after(text: str, atom: Atom) -> bool:
    """ "a 200-mph top speed", "a 100-megapixel sensor", "a 5-mpg boost".

    >>> from claims.parse.scan import scan
    >>> [(c.surface(t), c.unit) for t in ['a 200-mph top speed'] for c in scan(t)]
    [('200-mph', 'mile per hour')]
    """
    if atom.factor is not None and atom.form != "digits":
        return False
    m = HYPHEN_UNIT_AFTER.match(text, atom.end)
    if m:
        name = HYPHEN_UNIT_WORDS.get(m["unit"]) or HYPHEN_UNIT_WORDS.get(m["unit"].lower())
        if name:
            unit = parse_unit(name.replace("-", " "))
            atom.unit, atom.kind = name, unit.kind if unit is not None else Kind.MEASURE
            atom.end = m.end()
            return True
    token = _HYPHEN_TOKEN.match(text, atom.end)
    name = unit_name(token["unit"]) if token and token["unit"] not in GLUED_ONLY_SYMBOLS else None
    if token and name:
        atom.unit, atom.kind = name, Kind.MEASURE
        atom.end = token.end()
        return True
    return False


SUFFIX_RULES: tuple[Callable[[str, Atom], bool], ...] = (
    _percent_after,
    _points_after,
    _subunit_after,
    _symbol_after,
    _currency_after,
    _multiplier_after,
    _unit_after,
    _spaced_symbol_after,
    _spaced_m_after,
    _hyphen_unit_after,
)


def _read_suffix(text: str, atom: Atom) -> None:
    """Scale word, then percent / currency / multiplier / unit written after the number (SUFFIX_RULES)."""
    _read_scale(text, atom)
    if atom.unit is not None:
        return
    if atom.currency is None:
        for rule in SUFFIX_RULES:
            if rule(text, atom):
                return
    else:
        # "$5 USD", "¥5 billion yen": a repeated currency after the amount belongs to the surface
        m = CURRENCY_AFTER.match(text, atom.end)
        if m and currency_code(m["word"] or m["iso"]) == atom.currency:
            atom.end = m.end()
