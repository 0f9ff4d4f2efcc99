"""The claim of a number in a table cell: subject and period from the table, unit from the column header."""

from __future__ import annotations

import dataclasses
import re

from claims import context
from claims.context.periods import section_period
from claims.extract.build import DocState, build_claim
from claims.lexicon.context import (
    CHANGE_NOUNS,
    MONEY_CUES,
    NAME_ROW_LABELS,
    NOT_COUNTED_LABEL_WORDS,
    NOT_COUNTED_LABELS,
)
from claims.parse.candidates import COUNT
from claims.parse.periods import Period
from claims.segment import Table, TableCell
from claims.types import UNKNOWN_CURRENCY, Claim, Kind, Qualifier, Quantity


def table_claim(state: DocState, table: Table, row: int, cell: TableCell, q: Quantity) -> Claim:
    text = state.document.text
    table_row = table.rows[row]
    # the cell's own words may date it (`Three patrol vessels (2016)`)
    mention = (
        context.sentence_period(
            cell.text, q.start - cell.start, q.end - cell.start, reference=state.reference
        )
        if cell.start <= q.start
        else None
    )
    period: Period | None
    if mention is not None:
        period, source = mention.period, "cell"
    else:
        choice = context.table_period(table, row, cell, reference=state.reference)
        period, source = choice.period, choice.source
    if period is None and all(r.continuation for r in table.rows[: row + 1]):
        # the table opens with a continuation row: its first cells were scattered on the lines above it
        last = table.start  # the last character before the table that is not a space
        while last > 0 and text[last - 1].isspace():
            last -= 1
        if last > 0:
            period = context.scattered_table_period(text, last - 1, reference=state.reference)
            source = "layout" if period else "none"
    if period is None and table.title:
        period = context.heading_period(table.title, reference=state.reference)
        source = "title" if period else "none"
    section = state.layout.section_at(table.start - 1) if table.start > 0 else None
    if period is None and section is not None and section.path:
        period = section_period(section.path, reference=state.reference)  # the section the table is in
        source = "heading" if period else "none"
    header = table.column_header(cell.col)
    unit = context.header_unit(header) if header else context.HeaderUnit()
    if table.title and unit.currency is None and not unit.percent and unit.scale == 1.0:
        unit = context.header_unit(table.title)  # `Table 3: ASEAN merchandise exports (US$ billion)`
    if cell.col != 0 and unit.currency is None and not unit.percent and unit.scale == 1.0:
        unit = context.corner_unit(table.column_header(0), table.row_label(row))  # `In millions, except ...`
    q = _apply_header_unit(q, unit)
    label = table.row_label(row)
    if cell.col != 0:
        q = _count_of_label(q, label)
    subject = context.table_subject(table, row, cell, q.counted)
    group = table.group_label(row)
    pieces = [label, cell.text, group] + [c.text for c in table_row.cells if c.col not in {0, cell.col}]
    found: list[tuple[int, str]] = []
    for i, piece in enumerate(pieces):
        found.extend((i, name) for _, name in context.find_entities(piece))
    extra = [label] if label and not found and not re.search(r"\d", label) else []
    if table.title:  # `OSA Projects by Recipient`: the programme the whole table is about
        found.extend((len(pieces), name) for _, name in context.find_entities(table.title))
    entities = context.canonical_entities(found, extra)
    row_text = " | ".join(c.text for c in table_row.cells)
    return build_claim(
        state,
        q,
        sentence=row_text,
        sentence_start=table_row.start + (len(table_row.text) - len(table_row.text.lstrip())),
        sentence_end=table_row.end,
        period=period,
        period_source=source,
        subject=subject,
        entities=entities,
        table_cell=True,
        column_owner=column_name(table, row, cell.col),
    )


def column_name(table: Table, row: int, col: int) -> str:
    r"""The party a column of a table of parties (an election infobox) names: the cell, in the same column,
    of a row above labelled as naming parties (`NAME_ROW_LABELS`: the most direct label first; the first row
    of each label), when it holds words and no figure ("" else). The labels are looked up in the table's
    index, not read again for every cell.

    >>> from claims.segment import segment
    >>> text = "x\n\n\tFirst\tSecond\nLed by\tAnn Berg\tJo Lund\nAbbreviation\tND\tGP\nSeats\t146\t71\n"
    >>> table = segment(text).tables[0]
    >>> column_name(table, 2, 2), column_name(table, 2, 0)
    ('GP', '')
    """
    if col == 0:
        return ""
    for names in NAME_ROW_LABELS:
        for r in sorted(table.first_row_labelled(label) for label in names):
            cell = table.rows[r].cell(col) if 0 <= r < row else None
            text = cell.text.strip() if cell is not None else ""
            if text and not re.search(r"\d", text):
                return text
    return ""


_PLURAL_LABEL = re.compile(r"(?:[A-Za-z][A-Za-z'-]*[ ]){0,2}[A-Za-z][a-z-]{2,}s")


def _count_of_label(q: Quantity, label: str) -> Quantity:
    """A bare whole number in a row labelled by a plural noun counts it: "Votes | 2,407,750 | 1,184,621" are
    votes, "Seats | 146 | 71" seats (the label is what the row's figures count, as the noun after a figure
    in prose). Labels naming no thing counted (`NOT_COUNTED_LABELS`: "Results", a period), money
    ("Sales", `MONEY_CUES`) or a share or change of one ("Vote share") are left alone.

    >>> bare = Quantity(0, 9, "2,407,750", 2407750.0)
    >>> _count_of_label(bare, "Votes").counted, _count_of_label(bare, "Registered voters").kind.value
    ('votes', 'count')
    >>> [_count_of_label(bare, label).kind.value for label in ("Vote share", "Sales", "Results", "Turnout")]
    ['other', 'other', 'other', 'other']
    >>> _count_of_label(Quantity(0, 4, "40.8", 40.8), "Votes").kind.value  # no whole number
    'other'
    """
    if q.kind != Kind.OTHER or q.unit is not None or q.value is None or not float(q.value).is_integer():
        return q
    label = label.strip()
    if not _PLURAL_LABEL.fullmatch(label):
        return q
    words = label.lower().split()
    noun = words[-1]
    if noun.endswith(("ss", "us", "is")) or noun in NOT_COUNTED_LABELS or noun in MONEY_CUES:
        return q
    if any(w in CHANGE_NOUNS or w in NOT_COUNTED_LABEL_WORDS for w in words):
        return q
    return dataclasses.replace(q, kind=Kind.COUNT, unit=COUNT, counted=label.lower())


def _apply_header_unit(q: Quantity, unit: context.HeaderUnit) -> Quantity:
    """Give a bare cell (`997.0` under `USD Billions`) the header's unit and scale; add its `Approx.`."""
    changes: dict[str, object] = {}
    if q.kind == Kind.OTHER and q.unit is None and q.value is not None:
        if unit.percent:
            changes.update(kind=Kind.PERCENT, unit="percent")
        elif unit.currency:
            factor = unit.scale
            changes.update(
                kind=Kind.MONEY,
                unit=unit.currency,
                value=q.value * factor,
                precision=None if q.precision is None else q.precision * factor,
            )
    elif (
        q.kind == Kind.MONEY and unit.currency and (q.currency_missing or q.unit in {None, UNKNOWN_CURRENCY})
    ):
        changes.update(unit=unit.currency, currency_missing=False)
    if (
        q.kind == Kind.MONEY
        and unit.scale != 1.0
        and not context.surface_has_scale(q.surface)
        and q.kind != Kind.OTHER
        and "value" not in changes
    ):
        factor = unit.scale
        changes.update(
            value=None if q.value is None else q.value * factor,
            value_low=None if q.value_low is None else q.value_low * factor,
            value_high=None if q.value_high is None else q.value_high * factor,
            precision=None if q.precision is None else q.precision * factor,
        )
    if unit.approx and q.qualifier == Qualifier.EXACT and (q.kind == Kind.MONEY or changes.get("kind")):
        changes["qualifier"] = Qualifier.APPROX
    return dataclasses.replace(q, **changes) if changes else q  # type: ignore[arg-type]
