"""Distinct per-row values held as UTF-8 with exact ids: masked sentences, party and name sets.

The claim table gives many rows a value that few other rows share (the sentence with its numbers masked, the
places, the names and the other parties a claim names). As Python objects interned in a dictionary, a million
claims hold about half a kilobyte each of them, and the dictionary's keys as much again while the table is
built. Here each row's value is appended as text; equal texts of nearby rows are stored once (a bounded
look-up), and `build` numbers them exactly, so that two rows get the same id if and only if their values are
equal, whatever the distance between them. A value is decoded again each time it is read.

    >>> texts = DistinctTextsBuilder()
    >>> texts.extend(["in 0, gdp rose 0%.", "", "in 0, gdp rose 0%."])
    >>> ids, column = texts.build()
    >>> ids.tolist(), column[int(ids[0])], column[int(ids[1])]
    ([0, 1, 0], 'in 0, gdp rose 0%.', '')
    >>> sets = DistinctTextsBuilder()
    >>> sets.extend([joined_set(frozenset({"japan", "fiji"})), joined_set(frozenset())])
    >>> ids, column = sets.build()
    >>> values = DistinctSets(column)
    >>> values[int(ids[0])] == frozenset({"fiji", "japan"}), values[int(ids[1])]
    (True, frozenset())
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

from .columns import TextsBuilder, first_equal, stored_text

SEPARATOR = "\x1f"
"""Joins the members of a set of words (the unit separator: no word or name holds it)."""


def joined_set(words: frozenset[str]) -> str:
    """A set of strings as one text: "" for the empty set, else each member after a `SEPARATOR`, sorted
    (equal sets give equal texts; `DistinctSets` reads them back).

    >>> joined_set(frozenset({"osa", "jaif"})).split(SEPARATOR), joined_set(frozenset())
    (['', 'jaif', 'osa'], '')
    """
    return "".join(SEPARATOR + word for word in sorted(words))


class DistinctTexts(Sequence[str]):
    """Texts by id, joined as UTF-8 in one buffer; each read decodes its text."""

    __slots__ = ("_data", "_ends")

    def __init__(self, data: bytes, ends: array[int]) -> None:
        self._data = data
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, key: int) -> str:  # type: ignore[override]
        return stored_text(self._data, self._ends, key)


class DistinctSets(Sequence[frozenset[str]]):
    """Sets of strings by id, held as their `joined_set` texts and built again when read."""

    __slots__ = ("texts",)

    def __init__(self, texts: DistinctTexts) -> None:
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, key: int) -> frozenset[str]:  # type: ignore[override]
        text = self.texts[key]
        return frozenset(text[1:].split(SEPARATOR)) if text else frozenset()


class DistinctTextsBuilder(TextsBuilder):
    """Collects one text a row (`append`, `extend`); `build()` gives (ids a row, the texts by id) with exact
    ids."""

    def build(self) -> tuple[np.ndarray, DistinctTexts]:
        """(int32 id of each row's text, the texts by id): equal texts, however far apart, get one id (the
        first stored); the builder starts over empty."""
        data, ends = bytes(self._data), self._ends
        texts = DistinctTexts(data, ends)
        canonical = first_equal(data, ends)
        ids = canonical[np.frombuffer(self._codes, dtype=np.int32)] if len(self._codes) else canonical[:0]
        self.__init__()  # type: ignore[misc]
        return ids.astype(np.int32), texts


__all__ = ["DistinctSets", "DistinctTexts", "DistinctTextsBuilder", "joined_set"]
