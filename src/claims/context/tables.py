"""Table cells: the unit a column header states (`USD Billions` -> USD x 1e9, `% of GDP` -> percent,
`Approx.` -> approx), the period of a cell (column header, else the row's year cell), and the subject of a
cell (table title, row group and column header, or the counted noun and its recipient)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims.context.periods import PeriodChoice
from claims.parse.periods import header_period, parse_year_cell
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
