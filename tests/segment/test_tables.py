"""Segmentation: tables (rows, cells, headers, groups), on small texts and the real seed deck."""

from __future__ import annotations

from claims.segment import segment

TABLE = (
    "Provision of vessels\n\n"
    "Recipient Nation\tYear(s)\tEquipment\n"
    "Indonesia\t2006–09\tThree patrol vessels\n"
    "\t2023- present\tTwo fishery patrol vessels\n"
    "Malaysia\t2016\tTwo used vessels\n"
)


def test_segment_table_rows_cells_and_labels() -> None:
    layout = segment(TABLE)
    (table,) = layout.tables
    assert table.title == "Provision of vessels"
    assert table.header is not None
    assert [c.text for c in table.header.cells] == ["Recipient Nation", "Year(s)", "Equipment"]
    assert [r.continuation for r in table.rows] == [False, True, False]
    assert table.row_label(1) == "Indonesia"
    row, cell = table.locate(TABLE.index("Two fishery"))
    assert (row, cell.col, cell.text) == (1, 2, "Two fishery patrol vessels")
    assert TABLE[cell.start : cell.end] == cell.text
    assert layout.section_at(TABLE.index("Malaysia")).kind == "table"


def test_segment_table_group_rows() -> None:
    text = "(OSA) Fiscal Year\tTotal Budget (JPY)\n2024\t5 billion Yen\n(ODA)\t\n2024\t565 billion Yen\n"
    (table,) = segment(text).tables
    assert table.group_label(0) == "OSA"
    assert table.group_label(2) == "ODA"


def test_segment_deck_tables(deck) -> None:
    text, layout = deck
    headers = [t.column_header(0) for t in layout.tables if t.header is not None]
    assert "Recipient Nation" in headers
    assert "Country" in headers
    vessels = next(t for t in layout.tables if t.column_header(0) == "Recipient Nation")
    assert vessels.column_header(1) == "Year(s)"
    assert sum(r.continuation for r in vessels.rows) == 2
    assert vessels.title == "Provision of vessels and other equipment"
