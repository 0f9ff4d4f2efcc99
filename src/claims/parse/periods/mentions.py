"""Period records: a `Period` (start/end years, fiscal flag) and a `PeriodMention` found in a text."""

from __future__ import annotations

from dataclasses import dataclass

MIN_YEAR = 1800
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class Period:
    """The years a value refers to; `end` None for open-ended periods, `start` None for `until` periods."""

    start: int | None
    end: int | None
    fiscal: bool = False

    @property
    def label(self) -> str:
        """`FY2025`, `2013-2024`, `2023-` ... for reports.

        >>> Period(2013, 2024).label
        '2013-2024'
        >>> Period(2025, 2025, fiscal=True).label
        'FY2025'
        """
        prefix = "FY" if self.fiscal else ""
        if self.start is not None and self.start == self.end:
            return f"{prefix}{self.start}"
        start = "" if self.start is None else str(self.start)
        end = "" if self.end is None else str(self.end)
        return f"{prefix}{start}-{end}"


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period expression found in a text, with its offsets (relative to that text)."""

    start: int
    end: int
    surface: str
    period: Period
    relation: str  # point, range, open, by, until, decade, relative, day, release, now, citation, price_base,
    # comparison (`the highest since 2015`: never the period of a value)
    preposition: str = ""  # the governing word before it (`in`, `by`, `since`), lower case
    event: int = -1  # offset of a founding verb whose clause holds it (`established in 2005`), else -1
    shift: int = -1  # `prior`: years from the text's own year (`a year earlier` -1, `two years ago` -2)
