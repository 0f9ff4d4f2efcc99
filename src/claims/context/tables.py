"""Table cells: the unit a column header states (`USD Billions` -> USD x 1e9, `% of GDP` -> percent,
`Approx.` -> approx), the period of a cell (column header, else the row's year cell), and the subject of a
cell (table title, row group and column header, or the counted noun and its recipient)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims.context.periods import PeriodChoice
from claims.lexicon.periods import MONTHS
from claims.parse.periods import Period, find_periods, header_period, parse_year_cell
from claims.segment import Table, TableCell

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
_APPROX_IN_HEADER = re.compile(
    r"\bapprox\b\.?|\bapproximately\b|\bestimated?\b|\best\.|~|\bc\.\s", re.IGNORECASE
)
_SCALE_IN_SURFACE = re.compile(
    r"\b(?:thousand|million|billion|trillion|bn|mn|tn|[mkbt])\b|\d[mkbMBKT]\b", re.IGNORECASE
)


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


_CORNER_UNIT = re.compile(r"\(?\s*(?:in\s|amounts\s+in\s|figures\s+in\s)|\(", re.IGNORECASE)
_PER_UNIT_ROW = re.compile(r"\bper[\s-](?:share|unit|capita|head|person)\b|\bEPS\b", re.IGNORECASE)


def corner_unit(corner: str, row_label: str) -> HeaderUnit:
    """The unit the table's corner cell states for every column (`In millions, except per share amounts`,
    `(US$ thousand)`), for a row with this label; none when the corner does not open as a unit statement,
    and no scale for amounts per share, per unit or per head, which a scale never applies to.

    >>> corner_unit("In millions, except percentages and per share amounts", "Net income").scale
    1000000.0
    >>> corner_unit("In millions, except percentages and per share amounts", "Diluted earnings per share")
    HeaderUnit(currency=None, scale=1.0, percent=False, approx=False)
    >>> corner_unit("Country", "Chile")
    HeaderUnit(currency=None, scale=1.0, percent=False, approx=False)
    """
    if not corner or len(corner) > 90 or not _CORNER_UNIT.match(corner.strip()):
        return HeaderUnit()
    unit = header_unit(re.split(r"(?i)\bexcept\b", corner, maxsplit=1)[0])
    if unit.percent or unit.scale == 1.0 or _PER_UNIT_ROW.search(row_label):
        return HeaderUnit()
    return unit


def surface_has_scale(surface: str) -> bool:
    """True when the quantity's own text states a scale (`5 billion`, `$3.8bn`)."""
    return bool(_SCALE_IN_SURFACE.search(surface))


_YEAR_HEADER = re.compile(r"\b(?:years?|dates?|periods?|fy|fiscal)\b|\(s\)", re.IGNORECASE)
_FISCAL_HEADER = re.compile(r"\bfiscal\b|\bFY\b", re.IGNORECASE)


def table_period(
    table: Table, row: int, cell: TableCell, *, reference: dt.date | None = None
) -> PeriodChoice:
    """The period a table cell refers to: its column header (`2030 Projection`), else the row's year cell
    (`Year(s)` column first, then any cell holding only a period; continuation rows inherit), else the one
    period the row's label names (`GDP growth, 2023`), else none.

    A header that names the base of a change (`Change on Q1 2021`, `Gap to 2019`) gives no period (the
    table's title or section does); one naming two periods (`Change, Q3 2015 - Q3 2016`) gives the span. In
    a table of reporting years that end in another month (`years ended 31 March` in its title or headers), a
    year is the fiscal year ending in it."""
    header = table.column_header(cell.col)
    year_end = _year_end_month(table)
    if header:
        p = column_period(header, reference=reference)
        if p is not None:
            if _BARE_YEAR.fullmatch(header.strip()) and p.start is not None:
                p = _part_of_left_header(table, cell.col, p.start, reference) or p
            return PeriodChoice(_ending_in(p, year_end), "column", header)
    for r in range(row, -1, -1):
        found = _row_year(table, r, skip_col=cell.col, reference=reference)
        if found is not None:
            return PeriodChoice(_ending_in(found.period, year_end), found.source, found.surface)
        if not table.rows[r].continuation:
            break
    label = table.row_label(row)
    if label and cell.col != 0:  # `GDP growth, 2023`, `Unemployment rate, end-2023`: the row's own year
        mentions = [m for m in find_periods(label, reference=reference) if m.relation not in _NOT_COLUMN]
        if len(mentions) == 1:
            return PeriodChoice(_ending_in(mentions[0].period, year_end), "row", label)
    return PeriodChoice(None, "none")


_CHANGE_HEADER = re.compile(
    r"""\b(?:change|changes|gap|difference|growth|increase|decrease|rise|fall|variation|var\.)\b  # change
    |%\s*ch\b|[±Δ]""",  # % ch / Δ
    re.VERBOSE | re.IGNORECASE,
)
_BASE_IN_HEADER = re.compile(
    r"\b(?:on|from|to|vs\.?|versus|since|over|against|compared\s+(?:with|to)|relative\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def column_period(header: str, *, reference: dt.date | None = None) -> Period | None:
    """The period a column header gives its cells (`header_period`), except the base of a change.

    >>> column_period("2030 Projection (% of GDP)").start
    2030
    >>> column_period("Change on Q1 2021") is None
    True
    >>> column_period("Change, Q3 2015 - Q3 2016")
    Period(start=2015, end=2016, fiscal=False)
    """
    if not _CHANGE_HEADER.search(header):
        return header_period(header, reference=reference)
    mentions = [m for m in find_periods(header, reference=reference) if m.relation not in _NOT_COLUMN]
    if len(mentions) >= 2 and mentions[0].period.start is not None and mentions[-1].period.end is not None:
        first, last = mentions[0].period, mentions[-1].period
        return Period(first.start, last.end, first.fiscal, "span", f"{first.detail}/{last.detail}")
    if mentions and _BASE_IN_HEADER.search(header[: mentions[0].start]):
        return None  # the base the change is measured against
    return mentions[0].period if mentions else None


_BARE_YEAR = re.compile(r"(?:19|20)\d\d")


def _part_of_left_header(table: Table, col: int, year: int, reference: dt.date | None) -> Period | None:
    """The same quarter or half of `year` as the nearest dated header to the left, for a column headed by a
    bare year that sits under it (`Three Months Ended December 31, 2023 | 2022 | % Change`: Q4 2022)."""
    for left in range(col - 1, 0, -1):
        header = table.column_header(left)
        if not header or _BARE_YEAR.fullmatch(header.strip()):
            continue
        p = column_period(header, reference=reference)
        if p is None:
            continue
        if p.grain in {"quarter", "half"} and p.detail[:4].isdigit():
            return Period(year, year, p.fiscal, p.grain, f"{year}{p.detail[4:]}")
        return None
    return None


_NOT_COLUMN = frozenset({"price_base", "citation", "comparison"})
_YEAR_END = re.compile(
    r"""\b(?:years?|5[23]\s+weeks)\s+(?:to|ended|ending)\s+  # years ended
    (?:(?:early|late|mid|the\s+end\s+of)[-\s]+)?                                  # (early)
    (?:\d{1,2}(?:st|nd|rd|th)?\s+)?                                              # 31
    (?P<month>[A-Za-z]{3,9})\b""",  # March
    re.VERBOSE | re.IGNORECASE,
)


def _year_end_month(table: Table) -> int | None:
    """The month a table's reporting years end in when it is not December (`years ended 31 March` -> 3)."""
    texts = [table.title] + ([c.text for c in table.header.cells] if table.header is not None else [])
    for text in texts:
        for m in _YEAR_END.finditer(text):
            month = MONTHS.get(m.group("month").lower())
            if month is not None and month != 12:
                return month
    return None


def _ending_in(period: Period | None, month: int | None) -> Period | None:
    """A calendar year of a table of reporting years ending in `month`: the fiscal year ending in it."""
    if period is None or month is None or period.fiscal or period.start is None or period.start != period.end:
        return period
    year = period.start
    return Period(year - 1, year, True, "fiscal_year", f"{year - 1}-{month % 12 + 1:02d}/{year}-{month:02d}")


def _row_year(table: Table, row: int, *, skip_col: int, reference: dt.date | None) -> PeriodChoice | None:
    cells = [c for c in table.rows[row].cells if c.col != skip_col and c.text]
    cells.sort(key=lambda c: (not _YEAR_HEADER.search(table.column_header(c.col)), c.col))
    for c in cells:
        p = parse_year_cell(c.text, reference=reference)
        if p is not None:
            if _FISCAL_HEADER.search(table.column_header(c.col)) and not p.fiscal:
                p = p.as_fiscal()
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
        recipient = label if label and not parse_year_cell(label) and label.lower() != counted.lower() else ""
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
