"""Segmentation: tables (rows, cells, headers, groups), on small texts and the real seed deck."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from profiling import calls_in

from claims import segment as segment_package
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


# ---------------------------------------------------------------------------------------------- cost
# Work is counted, never timed: calls of Python functions in the segmentation modules and the C calls they
# make, for every cell of tables of n and 2n rows.

SEGMENT_FILES = tuple(str(p) for p in Path(segment_package.__file__).parent.glob("*.py"))


def long_table(rows: int, continuation_every: int) -> str:
    lines = ["(Grants) Recipient\tYear\tAmount (USD millions)"]
    for k in range(rows):
        label = "" if continuation_every and k % continuation_every else f"Country {k}"
        lines.append(f"{label}\t{2000 + k % 25}\t{k + 1}.5")
    return "Table 2: Grants by recipient\n\n" + "\n".join(lines) + "\n"


def every_cell(text: str) -> list[tuple[str, str]]:
    layout = segment(text)
    out = []
    for table in layout.tables:
        for row in table.rows:
            for cell in row.cells:
                located = table.locate(cell.start)
                if located is not None:
                    out.append((table.row_label(located[0]), table.group_label(located[0])))
    return out


@settings(max_examples=10, deadline=None)
@given(st.integers(40, 80), st.sampled_from([0, 1, 3, 50]))
def test_segment_table_work_grows_linearly(rows: int, continuation_every: int) -> None:
    small, large = long_table(rows, continuation_every), long_table(2 * rows, continuation_every)
    assert calls_in(SEGMENT_FILES, lambda: every_cell(large)) <= 2.4 * calls_in(
        SEGMENT_FILES, lambda: every_cell(small)
    )


def test_segment_table_labels_carry_over_continuation_rows() -> None:
    cells = every_cell(long_table(6, 3))
    assert [label for label, _ in cells[::3]] == ["Country 0"] * 3 + ["Country 3"] * 3
    assert {group for _, group in cells} == {"Grants"}


def test_segment_a_number_cell_with_a_footnote_marker_is_data() -> None:
    # an encyclopedia's infobox: `17,140,354[1]` is a figure and its note, not a header's word
    text = "Election\n\nRegistered\t17,140,354[1]\nTurnout\t79.46%[2]\nCandidates\t38\n"
    (table,) = segment(text).tables
    assert table.header is None
    assert [table.row_label(r) for r in range(len(table.rows))] == ["Registered", "Turnout", "Candidates"]
