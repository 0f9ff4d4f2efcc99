"""Reading one number core and what is attached to it: sign, currency, scale, unit, hedge words."""

from __future__ import annotations

import re
from decimal import Decimal

from claims.lexicon.context import (
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
from claims.lexicon.units import (
    GLUED_TEMPERATURE_LIMIT,
    HYPHEN_UNIT_WORDS,
    PERCENT,
    PERCENTAGE_POINT,
    RATE_TIME_UNITS,
    TIMES,
    UNIT_SYMBOLS,
    UNIT_WORDS,
)
from claims.parse.candidates import ONE, Atom
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
    GLUED_AFTER,
    HYPHEN_UNIT_AFTER,
    MULTIPLIER_AFTER,
    PERCENT_AFTER,
    PERCENT_FOLLOWS,
    POINTS_AFTER,
    RATE_AFTER,
    SCALE_AFTER,
    SCALED_SYMBOL_AFTER,
    SPACED_METRE_AFTER,
    SUBUNIT_AFTER,
    UNIT_SYMBOL_AFTER,
    UNIT_WORD_AFTER,
    WORD_AFTER,
)
from claims.parse.qualifiers import qualifier_after, qualifier_before
from claims.parse.units import parse_unit
from claims.types import Kind, Qualifier


def read_atom(text: str, m: re.Match[str]) -> Atom | None:
    form = m.lastgroup or ""
    s, e = m.span()
    num_text = m.group(0)
    base: Decimal | None
    if form == "digits":
        base = parse_digits(num_text)
        nxt = text[e : e + 2]
        if len(nxt) == 2 and nxt[0] in ".," and nxt[1].isdigit():
            return None  # "1,2,3", "1.2.3": a list or a version, not a number
    elif form == "words":
        base = parse_number_words(num_text)
        if base is None and num_text.lower() in ("a", "an"):
            base = ONE
    elif form == "fraction":
        base = parse_fraction_words(num_text)
    elif form == "vaguescale":  # "a few hundred", "several thousand": at least the scale
        last = num_text.rsplit(" ", 1)[-1].lower()
        base = Decimal(100) if last == "hundred" else scale_factor(last)
    elif form == "foldword":
        lower = num_text.lower()
        base = (
            Decimal(MULTIPLIER_WORDS[lower]) if lower in MULTIPLIER_WORDS else parse_number_words(lower[:-4])
        )
    else:
        base = Decimal(VAGUE_PLURALS[num_text.lower()])
    if base is None:
        return None
    atom = Atom(
        start=s, end=e, core_start=s, core_end=e, form=form, num_text=num_text, base=base, cue_start=s
    )
    if form == "digits":
        glued = s > 0 and (text[s - 1].isalpha() or text[s - 1] == ".")
        _read_accounting(text, atom)
        if not _read_prefix(text, atom):
            return None
        if glued and (atom.currency is None or _glued_code(text, s) not in GLUED_ISO_CODES):
            return None  # "ABC123", "FY2024", "COP28": letters glued to the digits that are not a currency
        if not _read_glued(text, atom):
            return None
    if form in ("digits", "words", "vaguescale"):
        _read_suffix(text, atom)
        if form == "words" and num_text.lower() in ("a", "an"):
            if atom.factor is None:
                return None
            if text[max(0, s - 5) : s].lower() == "half ":
                atom.base = Decimal("0.5")  # "half a million people"
                atom.start = atom.cue_start = s - 5
    elif form == "fraction":
        atom.unit, atom.kind = PERCENT, Kind.PERCENT
        point = FRACTION_POINT_AFTER.match(text, atom.end)
        if point:  # "a quarter point", "half a percentage point": a fraction of a percentage point
            atom.unit = PERCENTAGE_POINT
            atom.end = point.end()
    elif form == "foldword":
        atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    suffix = _HEDGE_SUFFIX.match(text, atom.end)
    if suffix and form in ("digits", "words"):
        # "40,000-plus employees", "200-odd personnel"
        atom.qualifier = Qualifier.AT_LEAST if suffix["word"].lower() == "plus" else Qualifier.APPROX
        atom.end = suffix.end()
        atom.flags.add("plus")
    if atom.end < len(text) and text[atom.end] == "+":
        after = text[atom.end + 1 : atom.end + 2]
        if after.isalnum():
            return None  # "2+2" dialogue, "ASEAN+3"
        atom.qualifier = Qualifier.AT_LEAST
        atom.flags.add("plus")
    if atom.qualifier is Qualifier.EXACT:
        cue = qualifier_before(text[max(0, atom.cue_start - 40) : atom.cue_start])
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
    return atom


_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month"})
_DURATION_UNITS = _TIME_UNITS | {"year", "decade", "century"}
# "over 50 years of ties", "over 30 years old", "over 20 years ago": "over" is then "more than"
_DURATION_OF = re.compile(r"[ ](?:of|old|ago|in[ ](?:prison|jail))\b")
# Before a number word, these read as prepositions more often than as bounds ("under four pillars");
# "over" stays a bound ("over two million"). With a parser, `claims.nlp` re-checks both.
_PREPOSITION_CUES = frozenset({"under", "above", "below"})


def _read_prefix(text: str, atom: Atom) -> bool:
    """Sign and currency written before the digits. False when the number must be dropped."""
    s = atom.start  # the core, or the opening bracket of an accounting amount (the bracket is the sign)
    if "accounting" not in atom.flags and s > 0 and text[s - 1] in "-−+":
        before = text[s - 2] if s >= 2 else " "
        if not (before.isalnum() or before in "-–)]%"):
            atom.negative = text[s - 1] != "+"
            atom.start = atom.cue_start = s - 1
            s -= 1
    elif s >= 6 and text[s - 6 : s].lower() == "minus " and (s == 6 or not text[s - 7].isalnum()):
        atom.negative = True  # "growth of minus 2.1 percent"
        atom.start = atom.cue_start = s - 6
        return True
    before = text[max(0, s - 2) : s].rstrip(" ")[-1:]
    if not before or not (before in _CURRENCY_TAIL or before.isupper()):
        return True  # cheap test first: no currency symbol or code can end here
    window_start = max(0, s - 16)
    m = CURRENCY_BEFORE.search(text, window_start, s)
    if m is None or m.end() != s:
        return True
    if m["sym"]:
        code = PREFIX_SYMBOLS.get(m["sym"])
        start = m.start()
    elif m["letters"]:
        code = PREFIX_SYMBOLS.get(m["letters"].strip())
        start = m.start()
    elif m["iso"]:
        code = m["iso"]
        start = m.start()
    else:  # a dollar sign
        cc = m["cc"]
        dollar = m.start("dollar")
        if cc and m["ccsp"] and cc not in ("US", "U.S.", "USD"):
            cc = None  # "A $5 grant": the article, not Australia
        code = PREFIX_SYMBOLS.get((cc or "") + "$", "USD")
        start = dollar if m["esc"] or not cc else m.start()  # the Markdown escape is not in the surface
        atom.cue_start = m.start() if cc else dollar
        if m["esc"] and not cc:
            atom.cue_start = dollar - 1
    if m["sym"] or m["letters"] or m["iso"]:
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
    return {"RM": "MYR", "Rp": "IDR", "Rs": "INR"}.get(letters[-2:], "")


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


_CURRENCY_TAIL = frozenset("$¥￥€£₹₩₱฿₫₽₺.ps")  # last characters of the currency prefixes we read


def _read_glued(text: str, atom: Atom) -> bool:
    """A suffix glued to the digits ("2.5bn", "44m", "600MW", "5%", "3x"). False to drop the number."""
    e = atom.end  # the core end, or after the closing bracket of an accounting amount
    if e >= len(text):
        return True
    g = GLUED_AFTER.match(text, e)
    if g is None:
        ch = text[e]
        return not (ch.isalpha() or ch == "_" or ch.isdigit())  # "5G", "2010s", "3rd", "1990s"
    suffix = g["suffix"]
    if suffix in ("%", "％", "pc", "pct"):
        atom.unit, atom.kind = PERCENT, Kind.PERCENT
    elif suffix == "p":
        if atom.currency is not None:
            return False
        code, minor = SUBUNIT_WORDS["p"]
        atom.currency, atom.kind, atom.factor = code, Kind.MONEY, Decimal(1) / minor  # "45.2p": pence
    elif suffix in ("x", "×"):
        atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
    elif suffix.lower() in ("bn", "mn", "mln", "bln", "tn", "trn"):
        atom.factor = scale_factor(suffix)
    elif suffix in SCALE_LETTERS and (atom.currency or suffix in "MBTK"):
        atom.factor = SCALE_LETTERS[suffix]
    elif suffix == "m" and not atom.currency and _noun_is_cue(text, g.end()):
        atom.factor = SCALE_LETTERS["m"]  # "1.5m people", "5m tourists": million, not metres
    elif suffix in ("C", "F") and (atom.currency or abs(atom.base) > GLUED_TEMPERATURE_LIMIT):
        return False  # "40C" is a temperature; "2024C" is not
    elif suffix in UNIT_SYMBOLS and not atom.currency:
        atom.unit, atom.kind = UNIT_SYMBOLS[suffix], Kind.MEASURE
    else:
        return False
    atom.end = g.end()
    return True


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


def _read_suffix(text: str, atom: Atom) -> None:
    """Scale word, then percent / currency / multiplier / unit written after the number."""
    if atom.factor is None and atom.unit is None:
        m = SCALE_AFTER.match(text, atom.end)
        if m:
            atom.factor = scale_factor(m["scale"])
            atom.end = m.end()
    if atom.unit is not None:
        return
    if atom.currency is None:
        m = PERCENT_AFTER.match(text, atom.end)
        if m and (m["sp"] == "" or m["unit"] not in ("%", "％") or atom.form == "digits"):
            unit = parse_unit(m["unit"])
            if unit is not None:
                atom.unit, atom.kind = unit.name, unit.kind
                atom.end = m.end()
                return
        m = POINTS_AFTER.match(text, atom.end)
        if m and PERCENT_FOLLOWS.match(text, m.end()):
            atom.unit, atom.kind = PERCENTAGE_POINT, Kind.PERCENT  # "rose 0.1 pts to 66.9%"
            atom.end = m.end()
            return
        if atom.factor is None:
            m = SUBUNIT_AFTER.match(text, atom.end)
            if m:  # "12.5 cents", "28.0 pence"
                major, minor = SUBUNIT_WORDS[" ".join(m["sub"].lower().split())]
                atom.currency, atom.kind, atom.factor = major, Kind.MONEY, Decimal(1) / minor
                atom.end = m.end()
                return
        m = CURRENCY_AFTER.match(text, atom.end)
        if m:
            word = m["word"] or m["iso"]
            ambiguous = bool(m["word"]) and m["word"].lower() in AMBIGUOUS_CURRENCY_WORDS
            code = currency_code(word, allow_ambiguous=ambiguous and atom.factor is not None)
            if code:
                atom.currency, atom.kind = code, Kind.MONEY
                atom.end = m.end()
                return
        m = MULTIPLIER_AFTER.match(text, atom.end)
        if m:
            atom.unit, atom.kind = TIMES, Kind.MULTIPLIER
            atom.end = m.end()
            return
        # "3 million barrels", "24 million km2": unit words may follow a scale word, and symbols of more than
        # one letter that are not times ("5 million m", "2 million h" are not read)
        patterns = (
            (UNIT_WORD_AFTER, UNIT_SYMBOL_AFTER)
            if atom.factor is None
            else (UNIT_WORD_AFTER, SCALED_SYMBOL_AFTER)
        )
        for pattern in patterns:
            m = pattern.match(text, atom.end)
            if m:
                unit = parse_unit(m["unit"])
                if unit is not None and not (atom.factor is not None and unit.name in _TIME_UNITS):
                    atom.unit, atom.kind = unit.name, unit.kind
                    atom.end = m.end()
                    _read_rate(text, atom)
                    return
        spaced_m = atom.factor is None and atom.form == "digits" and text.startswith(" m ", atom.end)
        if spaced_m and _noun_is_cue(text, atom.end + 2):
            atom.factor = SCALE_LETTERS["m"]  # "5 m people": million, spaced
            atom.end += 2
            return
        if atom.factor is None and atom.form == "digits":
            m = SPACED_METRE_AFTER.match(text, atom.end)
            if m:  # "rises to 4,095 m (13,435 ft)": metres where million cannot be meant
                atom.unit, atom.kind = "meter", Kind.MEASURE
                atom.end = m.end()
                return
        if atom.factor is None or atom.form == "digits":
            m = HYPHEN_UNIT_AFTER.match(text, atom.end)
            if m:
                name = HYPHEN_UNIT_WORDS.get(m["unit"]) or HYPHEN_UNIT_WORDS.get(m["unit"].lower())
                if name:
                    unit = parse_unit(name.replace("-", " "))
                    atom.unit, atom.kind = name, unit.kind if unit is not None else Kind.MEASURE
                    atom.end = m.end()
                    return
    elif atom.currency is not None:
        # "$5 USD", "¥5 billion yen": a repeated currency after the amount belongs to the surface
        m = CURRENCY_AFTER.match(text, atom.end)
        if m and currency_code(m["word"] or m["iso"]) == atom.currency:
            atom.end = m.end()
