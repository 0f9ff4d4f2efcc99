"""Claims held as columns: a million claims in a few hundred bytes each, a `Claim` built when a row is read.

A `Claim` object with its boxed numbers and strings costs about a kilobyte; reconciliation reads every claim
but holds none of them for long. `ClaimColumns` keeps the claims as arrays instead and is a
`Sequence[Claim]`: `columns[i]` builds claim i, equal field by field (types included) to the claim that went
in, so `find_conflicts` takes it wherever it takes a list.

- numbers (offsets, values, years, precision, confidence) go into typed arrays, with a mask for the
  optional ones (None is not a number); a value of another type than the field's usual one (an int in a
  float field) is kept aside as given;
- repeated values (documents, units, sections, sentences, subjects, entity tuples, flags ...) are held once
  each, as ids into their distinct values (equal values of different types stay apart: `Kind.MONEY`
  and "money" are two values; a value recurring only after `RECENT_VALUES` others is held again), the ids
  in the narrowest integer type that holds them; the distinct sentences, subjects and entity tuples, of
  which there are about as many as claims, as UTF-8 texts in one buffer (`HeldTexts`), decoded when read;
- integer fields whose values all fit in 32 bits are held in 32 bits;
- claim ids, one per claim, are held as UTF-8 bytes in one buffer.

    >>> from claims.reconcile.normalize import _example
    >>> claims = [_example(claim_id="a", value=8.1e9, unit="JPY"), _example(claim_id="b", value=None)]
    >>> columns = ClaimColumns.from_claims(claims)
    >>> list(columns) == claims, columns[1].value, columns[0].unit
    (True, None, 'JPY')
"""

from __future__ import annotations

import ctypes
import dataclasses
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, Generic, TypeVar, cast, overload

import numpy as np

from claims.types import Claim

_V = TypeVar("_V")

_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
"""Every field of `Claim`, in the order its constructor takes them."""

INT_FIELDS = ("char_start", "char_end", "sentence_start", "period_start", "period_end")
"""Fields held as 64-bit integers (period_start and period_end may be None)."""
FLOAT_FIELDS = ("value", "value_low", "value_high", "confidence", "precision")
"""Fields held as 64-bit floats (all but confidence may be None)."""
OPTIONAL_FIELDS = frozenset({"period_start", "period_end", "value", "value_low", "value_high", "precision"})
UNIQUE_TEXT_FIELDS = ("claim_id",)
"""Text fields with a value per claim, held as UTF-8 in one buffer (no list of distinct values)."""
CODED_FIELDS = tuple(f for f in _FIELDS if f not in (*INT_FIELDS, *FLOAT_FIELDS, *UNIQUE_TEXT_FIELDS))
"""Every other field (text, enums, tuples, flags, dates): an id per claim into its distinct values."""

TEXT_HELD_FIELDS = ("subject", "sentence", "entities")
"""Coded fields with about as many distinct values as claims: their distinct values are held as UTF-8 texts
(`HeldTexts`: a string or a tuple of strings), not as Python objects."""

RECENT_VALUES = 1 << 12
"""Distinct values of a field looked up when a claim is added: a value seen again after this many others
is held again (claims of one sentence or document come together; the look-up stays small)."""

RECENT_CLAIMS = 256
"""Claims read by index that are kept, to be given again when read again soon (a sort key, a group)."""
ITER_BLOCK = 4096
"""Rows built at a time when the columns are iterated."""

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_TYPECODE = {**{f: "q" for f in INT_FIELDS}, **{f: "d" for f in FLOAT_FIELDS}}


def _fits(name: str, value: Any) -> bool:
    """The value is of its numeric column's own type (and range)."""
    if name in FLOAT_FIELDS:
        return type(value) is float
    return type(value) is int and _INT64_MIN <= value <= _INT64_MAX


_DTYPE = {"B": np.uint8, "H": np.uint16, "i": np.int32, "q": np.int64, "d": np.float64}

SEPARATOR = "\x1f"
"""Joins the members of a tuple held as text (the unit separator: no name holds it)."""


def _narrowest(name: str, column: array[Any]) -> array[Any]:
    """An integer column in 32 bits when every value fits (floats as they are)."""
    if column.typecode != "q" or not len(column):
        return column
    values = np.frombuffer(column, dtype=np.int64)
    if values.min() < -(1 << 31) or values.max() >= 1 << 31:
        return column
    return array("i", values.astype(np.int32).tobytes())


def _narrow_codes(codes: array[int], distinct: int) -> array[int]:
    """Ids into `distinct` values in the narrowest type that holds them (8, 16 or 32-bit).

    >>> _narrow_codes(array("i", [0, 2, 1]), 3).typecode, _narrow_codes(array("i", [300]), 301).typecode
    ('B', 'H')
    """
    typecode = "B" if distinct <= 1 << 8 else "H" if distinct <= 1 << 16 else "i"
    if typecode == codes.typecode:
        return codes
    return array(typecode, np.frombuffer(codes, dtype=np.int32).astype(_DTYPE[typecode]).tobytes())


def _as_text(value: object, tuples: bool) -> str | None:
    """The text a value is held as (a tuple of strings: each member after a `SEPARATOR`), or None when it
    cannot be given back exactly from a text (another type, a member holding the separator).

    >>> _as_text(("Japan", "Fiji"), True).split(SEPARATOR), _as_text((), True), _as_text("OSA", False)
    (['', 'Japan', 'Fiji'], '', 'OSA')
    >>> _as_text(None, False), _as_text(("a\x1fb",), True), _as_text(["Japan"], True)
    (None, None, None)
    """
    if not tuples:
        return value if type(value) is str else None
    if type(value) is not tuple or not all(type(m) is str and SEPARATOR not in m for m in value):
        return None
    return "".join(SEPARATOR + member for member in value)


class HeldTexts(Sequence[object]):
    """Distinct values of a coded field by id, held as UTF-8 texts in one buffer and decoded when read:
    strings, or tuples of strings (`tuples`); a value no text gives back exactly is kept as given (`odd`)."""

    __slots__ = ("data", "ends", "odd", "tuples")

    def __init__(
        self, data: bytes | bytearray, ends: array[int], odd: dict[int, object], tuples: bool
    ) -> None:
        self.data = data
        self.ends = ends
        self.odd = odd
        self.tuples = tuples

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, code: int) -> object:  # type: ignore[override]
        if self.odd and code in self.odd:
            return self.odd[code]
        text = stored_text(self.data, self.ends, code)
        if self.tuples:
            return tuple(text[1:].split(SEPARATOR)) if text else ()
        return text


class HeldTextsBuilder:
    """Collects the distinct values of one coded field (`append`) as `HeldTexts`."""

    def __init__(self, *, tuples: bool) -> None:
        self._data = bytearray()
        self._ends = array("q")
        self._odd: dict[int, object] = {}
        self._tuples = tuples

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, value: object) -> None:
        text = _as_text(value, self._tuples)
        if text is None:
            self._odd[len(self._ends)] = value
            text = ""
        self._data += text.encode("utf-8")
        self._ends.append(len(self._data))

    def build(self) -> HeldTexts:
        return HeldTexts(self._data, self._ends, self._odd, self._tuples)  # no copy of the texts


class ClaimColumnsBuilder:
    """Collects claims one at a time into columns (`append`, `extend`); `build()` gives the `ClaimColumns`.

    The claims appended need not be kept: each is read once and dropped.
    """

    def __init__(self) -> None:
        self._numbers = {name: array(_TYPECODE[name]) for name in (*INT_FIELDS, *FLOAT_FIELDS)}
        self._present = {name: bytearray() for name in OPTIONAL_FIELDS}
        self._codes = {name: array("i") for name in CODED_FIELDS}
        self._ids: dict[str, dict[object, int]] = {name: {} for name in CODED_FIELDS}
        self._distinct: dict[str, list[object] | HeldTextsBuilder] = {
            name: HeldTextsBuilder(tuples=name == "entities") if name in TEXT_HELD_FIELDS else []
            for name in CODED_FIELDS
        }
        self._text = {name: bytearray() for name in UNIQUE_TEXT_FIELDS}
        self._ends = {name: array("q") for name in UNIQUE_TEXT_FIELDS}
        self._odd: dict[tuple[int, str], object] = {}
        self._rows = 0

    def __len__(self) -> int:
        return self._rows

    def append(self, claim: Claim) -> None:
        row = self._rows
        for name in INT_FIELDS + FLOAT_FIELDS:
            value: Any = getattr(claim, name)
            optional = name in OPTIONAL_FIELDS
            if optional:
                self._present[name].append(value is not None)
            if value is None and optional:
                self._numbers[name].append(0)
            elif _fits(name, value):
                self._numbers[name].append(value)
            else:  # another type (an int in a float field, a numpy number): kept as given
                self._odd[(row, name)] = value
                self._numbers[name].append(0)
        for name in CODED_FIELDS:
            value = getattr(claim, name)
            ids = self._ids[name]
            key = value if type(value) is str else (type(value), value)  # Kind.MONEY is not "money"
            code = ids.get(key)
            if code is None:
                distinct = self._distinct[name]
                if len(ids) >= RECENT_VALUES:
                    ids.clear()
                code = ids[key] = len(distinct)
                distinct.append(value)
            self._codes[name].append(code)
        for name in UNIQUE_TEXT_FIELDS:
            value = getattr(claim, name)
            if type(value) is not str:
                self._odd[(row, name)] = value
                value = ""
            self._text[name] += value.encode("utf-8")
            self._ends[name].append(len(self._text[name]))
        self._rows += 1

    def extend(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            self.append(claim)

    def build(self) -> ClaimColumns:
        """The columns (the builder starts over empty)."""
        distinct: dict[str, Sequence[object]] = {
            name: values.build() if isinstance(values, HeldTextsBuilder) else values
            for name, values in self._distinct.items()
        }
        columns = ClaimColumns(
            self._rows,
            {name: _narrowest(name, column) for name, column in self._numbers.items()},
            {name: bytes(mask) for name, mask in self._present.items()},
            {name: _narrow_codes(codes, len(distinct[name])) for name, codes in self._codes.items()},
            distinct,
            {name: bytes(buffer) for name, buffer in self._text.items()},
            self._ends,
            self._odd,
        )
        self.__init__()  # type: ignore[misc]
        return columns


class ClaimColumns(Sequence[Claim]):
    """Claims as columns (see the module docstring); row i read as a `Claim` by `columns[i]`.

    `column(name)` gives a numeric field as a numpy array (0 where None: see `present(name)`) or a coded
    field's ids (see `values(name)`), without building any claim.
    """

    __slots__ = (
        "_n",
        "_numbers",
        "_present",
        "_codes",
        "_distinct",
        "_text",
        "_ends",
        "_odd",
        "_getters",
        "_recent",
    )

    def __init__(
        self,
        n: int,
        numbers: dict[str, array[Any]],
        present: dict[str, bytes],
        codes: dict[str, array[int]],
        distinct: dict[str, Sequence[object]],
        text: dict[str, bytes],
        ends: dict[str, array[int]],
        odd: dict[tuple[int, str], object],
    ) -> None:
        self._n = n
        self._numbers = numbers  # field -> 64-bit ints or floats (0 where None)
        self._present = present  # optional field -> one byte a row (0: None)
        self._codes = codes  # field -> ids into `distinct[field]` (8, 16 or 32-bit)
        self._distinct = distinct  # field -> its distinct values, in order of first appearance
        self._text = text  # unique text field -> UTF-8 of every row, joined
        self._ends = ends  # unique text field -> end offset of each row in `text`
        self._odd = odd  # (row, field) -> a value of another type than its column's, kept as given
        self._getters = [self._getter(name) for name in _FIELDS]
        self._recent: dict[int, Claim] = {}  # the last rows read (a sort key reads a row several times)

    @classmethod
    def from_claims(cls, claims: Iterable[Claim]) -> ClaimColumns:
        """Columns of the claims, in their order (an iterator is read once and may be a generator)."""
        builder = ClaimColumnsBuilder()
        builder.extend(claims)
        return builder.build()

    def column(self, name: str) -> np.ndarray:
        """A numeric field (float64, int64 or int32, 0 where None) or a coded field's ids (uint8, uint16 or
        int32), as a numpy view."""
        column = self._numbers[name] if name in self._numbers else self._codes[name]
        return np.frombuffer(column, dtype=_DTYPE[column.typecode])

    def present(self, name: str) -> np.ndarray:
        """Where an optional numeric field is not None."""
        return np.frombuffer(self._present[name], dtype=bool)

    def values(self, name: str) -> Sequence[object]:
        """The distinct values of a coded field, indexed by the ids of `column(name)`."""
        return self._distinct[name]

    def sentence_keys(self) -> Sequence[object]:
        """Per row, a key of its sentence: equal keys if and only if equal sentences (see `sentence_keys`)."""
        values = self._distinct["sentence"]
        if not isinstance(values, HeldTexts) or values.odd:
            return _SentenceOf(self)
        codes = self._codes["sentence"]
        exact = first_equal(values.data, values.ends)[np.frombuffer(codes, dtype=_DTYPE[codes.typecode])]
        return array("q", exact.astype(np.int64).tobytes())  # read as Python ints

    def _getter(self, name: str) -> Any:
        """A function row -> the field's value, as the claim held it."""
        odd = {row for row, field in self._odd if field == name}
        if name in UNIQUE_TEXT_FIELDS:
            return lambda row: self.text(name, row)
        if name in CODED_FIELDS:
            codes, values = self._codes[name], self._distinct[name]
            return lambda row: values[codes[row]]
        column = self._numbers[name]
        if odd:
            plain = self._plain_getter(name, column)
            return lambda row: self._odd[(row, name)] if row in odd else plain(row)
        return self._plain_getter(name, column)

    def _plain_getter(self, name: str, column: array[Any]) -> Any:
        if name in OPTIONAL_FIELDS:
            mask = self._present[name]
            return lambda row: column[row] if mask[row] else None
        return column.__getitem__

    def text(self, name: str, row: int) -> str:
        """A unique text field of one row (`claim_id`), without building the claim."""
        if (row, name) in self._odd:
            return self._odd[(row, name)]  # type: ignore[return-value]
        ends = self._ends[name]
        return self._text[name][ends[row - 1] if row else 0 : ends[row]].decode("utf-8")

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> Claim: ...

    @overload
    def __getitem__(self, index: slice) -> list[Claim]: ...

    def __getitem__(self, index: int | slice) -> Claim | list[Claim]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._n))]
        row = index.__index__()
        if row < 0:
            row += self._n
        claim = self._recent.get(row)
        if claim is not None:
            return claim
        if not 0 <= row < self._n:
            raise IndexError(index)
        if len(self._recent) >= RECENT_CLAIMS:
            self._recent.clear()
        claim = self._recent[row] = Claim(*[get(row) for get in self._getters])
        return claim

    def __iter__(self) -> Iterator[Claim]:
        for start in range(0, self._n, ITER_BLOCK):
            yield from self._block(start, min(start + ITER_BLOCK, self._n))

    def _block(self, start: int, end: int) -> Iterator[Claim]:
        """The claims of rows [start, end), built field by field (much faster than row by row)."""
        fields: list[list[Any]] = []
        for name in _FIELDS:
            values: list[Any]
            if name in UNIQUE_TEXT_FIELDS:
                values = [self.text(name, row) for row in range(start, end)]
            elif name in CODED_FIELDS:
                distinct = self._distinct[name]
                values = [distinct[code] for code in self._codes[name][start:end]]
            else:
                values = self._numbers[name][start:end].tolist()
                if name in OPTIONAL_FIELDS:
                    present = self._present[name][start:end]
                    values = [v if p else None for v, p in zip(values, present, strict=True)]
                for (row, field), value in self._odd.items():
                    if field == name and start <= row < end:
                        values[row - start] = value
            fields.append(values)
        return map(Claim, *fields)

    def nbytes(self) -> int:
        """Bytes of the arrays and buffers (the distinct values of the coded fields not counted)."""
        parts: list[Any] = [*self._numbers.values(), *self._present.values(), *self._codes.values()]
        parts += [*self._text.values(), *self._ends.values()]
        return sum(memoryview(p).nbytes for p in parts)


def stored_text(data: bytes | bytearray, ends: array[int], code: int) -> str:
    """Text `code` of texts joined as UTF-8 in `data`, each ending at its offset in `ends`.

    >>> stored_text(b"abcde", array("q", [2, 5]), 1)
    'cde'
    """
    return data[ends[code - 1] if code else 0 : ends[code]].decode("utf-8")


class TextColumn(Sequence[str]):
    """Texts, one a row, held as ids into their distinct texts, which are joined as UTF-8 in one buffer: a
    row costs 4 bytes and a distinct text its length (as objects: a pointer a row and 50 bytes a text more).
    Each read decodes its text again.

    >>> texts = TextColumnBuilder()
    >>> texts.extend(["jaif budget", "", "jaif budget", "grant"])
    >>> column = texts.build()
    >>> list(column), len(column), column.distinct
    (['jaif budget', '', 'jaif budget', 'grant'], 4, 3)
    """

    __slots__ = ("_codes", "_data", "_ends")

    def __init__(self, codes: array[int], data: bytes, ends: array[int]) -> None:
        self._codes = codes
        self._data = data
        self._ends = ends

    def __len__(self) -> int:
        return len(self._codes)

    @property
    def distinct(self) -> int:
        """Distinct texts held (a text recurring after `RECENT_VALUES` others is held again)."""
        return len(self._ends)

    def __getitem__(self, row: int) -> str:  # type: ignore[override]
        return stored_text(self._data, self._ends, self._codes[row])

    def __iter__(self) -> Iterator[str]:
        for row in range(len(self._codes)):
            yield self[row]


class TextsBuilder:
    """Collects one text a row (`append`, `extend`) as UTF-8 in one buffer, a text recurring among the last
    `RECENT_VALUES` distinct ones stored once; subclasses say what `build` gives."""

    def __init__(self) -> None:
        self._codes = array("i")
        self._data = bytearray()
        self._ends = array("q")
        self._ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._codes)

    def append(self, text: str) -> None:
        code = self._ids.get(text)
        if code is None:
            if len(self._ids) >= RECENT_VALUES:
                self._ids.clear()
            code = self._ids[text] = len(self._ends)
            self._data += text.encode("utf-8")
            self._ends.append(len(self._data))
        self._codes.append(code)

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.append(text)


class TextColumnBuilder(TextsBuilder):
    """Collects the texts of a `TextColumn` one row at a time (`append`, `extend`, then `build()`)."""

    def build(self) -> TextColumn:
        """The column (the builder starts over empty)."""
        column = TextColumn(self._codes, bytes(self._data), self._ends)
        self.__init__()  # type: ignore[misc]
        return column


class Coded(Sequence[_V]):
    """Values, one a row, of a column with few distinct values (families, units, word sets): a code a row
    in the narrowest integer type (`codes`, a numpy array) into the distinct values (`values`).

    >>> texts = CodedTextsBuilder()
    >>> texts.extend(["USD", "JPY", "USD"])
    >>> column = texts.build()
    >>> list(column), column.codes.dtype.name, column.values
    (['USD', 'JPY', 'USD'], 'uint8', ['USD', 'JPY'])
    """

    __slots__ = ("codes", "values")

    def __init__(self, codes: np.ndarray, values: list[_V]) -> None:
        self.codes = codes
        self.values = values

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, row: int) -> _V:  # type: ignore[override]
        return self.values[self.codes[row]]

    def __iter__(self) -> Iterator[_V]:
        values = self.values
        return (values[code] for code in self.codes.tolist())


def _coded(codes: array[int], values: list[_V]) -> Coded[_V]:
    narrow = _narrow_codes(codes, len(values))
    return Coded(np.frombuffer(narrow, dtype=_DTYPE[narrow.typecode]), values)


class CodedTextsBuilder:
    """Collects the texts of a `Coded` column one row at a time (`append`, `extend`, then `build()`): equal
    texts get one code, so rows are compared on their codes."""

    def __init__(self) -> None:
        self._codes = array("i")
        self._ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._codes)

    def append(self, text: str) -> None:
        self._codes.append(self._ids.setdefault(text, len(self._ids)))

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.append(text)

    def build(self) -> Coded[str]:
        """The column (the builder starts over empty)."""
        column = _coded(self._codes, list(self._ids))
        self.__init__()  # type: ignore[misc]
        return column


class SharedObjectsBuilder(Generic[_V]):
    """Collects the values of a `Coded` column one row at a time (`append`, then `build()`), rows given one
    object sharing its code: each row reads back the very object it was given (a set's order of iteration
    is the object's own).

    >>> words = SharedObjectsBuilder[frozenset[str]]()
    >>> budget = frozenset({"budget"})
    >>> for value in (budget, frozenset(), budget):
    ...     words.append(value)
    >>> column = words.build()
    >>> column.codes.tolist(), column[2] is budget
    ([0, 1, 0], True)
    """

    def __init__(self) -> None:
        self._codes = array("i")
        self._ids: dict[int, int] = {}
        self._values: list[_V] = []  # the objects, kept alive: their ids stay theirs

    def append(self, value: _V) -> None:
        code = self._ids.get(id(value))
        if code is None:
            code = self._ids[id(value)] = len(self._values)
            self._values.append(value)
        self._codes.append(code)

    def build(self) -> Coded[_V]:
        """The column (the builder starts over empty)."""
        column = _coded(self._codes, self._values)
        self.__init__()  # type: ignore[misc]
        return column


def first_equal(data: bytes | bytearray, ends: array[int]) -> np.ndarray:
    """For each text stored in `data` (ending at its offset in `ends`), the first stored text equal to it
    (texts with equal hashes compared byte for byte: a hash collision never merges two texts).

    >>> first_equal(b"abxab", array("q", [2, 3, 5])).tolist()
    [0, 1, 0]
    """
    m = len(ends)
    starts = [0, *ends[:-1]] if m else []
    view = memoryview(data)
    hashes = np.fromiter((hash(bytes(view[s:e])) for s, e in zip(starts, ends, strict=True)), np.int64, m)
    order = np.lexsort((np.arange(m), hashes))  # by hash, then by position
    canonical = np.arange(m, dtype=np.int64)
    ordered = hashes[order]
    first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if m else np.zeros(0, np.int64)
    sizes = np.diff(np.r_[first, m])
    for begin, size in zip(first[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        firsts: dict[bytes, int] = {}  # a run of equal hashes: almost always one text stored twice
        for k in order[begin : begin + size].tolist():
            canonical[k] = firsts.setdefault(bytes(view[starts[k] : ends[k]]), k)
    return canonical


class _SentenceOf(Sequence[str]):
    """Each row's sentence, read from its claim."""

    __slots__ = ("claims",)

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims

    def __len__(self) -> int:
        return len(self.claims)

    def __getitem__(self, row: int) -> str:  # type: ignore[override]
        return self.claims[row].sentence


def equal_runs(columns: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Rows sorted by their values in `columns` (stable: equal rows keep their order) and where each run of
    equal values starts in that order, with the end: (order, starts).

    >>> order, starts = equal_runs([np.array([7, 5, 7, 5])])
    >>> order.tolist(), starts.tolist()
    ([1, 3, 0, 2], [0, 2, 4])
    """
    order = np.lexsort(tuple(columns)[::-1])
    new = np.zeros(len(order), dtype=bool)
    new[:1] = True
    for column in columns:
        ordered = column[order]
        new[1:] |= ordered[1:] != ordered[:-1]
    return order, np.r_[np.flatnonzero(new), len(order)]


def sentence_keys(claims: Sequence[Claim]) -> Sequence[object]:
    """Per row, a key of its claim's sentence, equal for two rows if and only if their sentences are equal:
    exact ids (ints) read from the stored texts when the claims are `ClaimColumns` (a grouping by sentence
    then holds no copy of the texts), else the sentence itself.

    >>> from claims.reconcile.normalize import _example
    >>> claims = [_example(sentence="A b."), _example(sentence="C."), _example(sentence="A b.")]
    >>> list(sentence_keys(ClaimColumns.from_claims(claims))), list(sentence_keys(claims))
    ([0, 1, 0], ['A b.', 'C.', 'A b.'])
    """
    if isinstance(claims, ClaimColumns):
        return claims.sentence_keys()
    return _SentenceOf(claims)


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None where the C library has none."""
    try:
        return cast(Callable[[int], int], ctypes.CDLL(None).malloc_trim)
    except (AttributeError, OSError):
        return None


_TRIM = _malloc_trim()


def release_free_heap() -> None:
    """Give the pages of the C heap that hold no live allocation back to the system (glibc's `malloc_trim`;
    nothing where the C library has none).

    Building a column a row at a time grows and moves its buffers, and the caches of a build are dropped at
    its end: the heap is left with free pages that the next stage may never reuse and that stay resident
    until trimmed. Called between the stages of a reconciliation; it changes no value.
    """
    if _TRIM is not None:
        _TRIM(0)


def claim_id_of(claims: Sequence[Claim]) -> Callable[[int], str]:
    """A function row -> claim id that builds no claim when the claims are columns."""
    if isinstance(claims, ClaimColumns):
        return partial(claims.text, "claim_id")
    return lambda row: claims[row].claim_id


__all__ = [
    "ClaimColumns",
    "ClaimColumnsBuilder",
    "Coded",
    "CodedTextsBuilder",
    "SharedObjectsBuilder",
    "HeldTexts",
    "TextColumn",
    "TextColumnBuilder",
    "TextsBuilder",
    "claim_id_of",
    "first_equal",
    "release_free_heap",
    "sentence_keys",
]
