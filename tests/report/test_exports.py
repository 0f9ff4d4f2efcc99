"""Spreadsheet-safe CSV (decisions.csv, marks.csv) and JSON that can sit in a script element."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.report.claimreview import script_safe_json
from claims.report.exports import FORMULA_STARTS, safe_cell, safe_csv, safe_frame


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+44 (20) 7946", "'+44 (20) 7946"),
        (" =1+2", "' =1+2"),
        ("\n@x", "'\n@x"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("- item", "'- item"),
        ("-", "'-"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana", "Ana"),
        ("", ""),
    ],
)
def test_exports_csv_cells_that_a_spreadsheet_would_run_are_quoted(cell, safe):
    assert safe_cell(cell) == safe
    rows = list(csv.reader(io.StringIO(safe_csv(pd.DataFrame({"note": [cell]})), newline="")))
    assert rows == [["note"], [safe]]


@pytest.mark.parametrize("hostile", ["</script><script>alert(1)</script>", "a & b <!--", "\u2028"])
def test_exports_json_for_a_script_element_has_no_markup(hostile):
    text = script_safe_json({"name": hostile})
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text)["name"] == hostile


@pytest.mark.parametrize(
    "cell",
    ["-5", "+0.25", "-1.5e3", "-0.5%", "-3.2 million yen", "+5 million dollars", "-4 km/h", "1-2", "Ana"],
)
def test_exports_numbers_and_signed_quantities_stay_as_written(cell):
    # a plain number, or a sign, a digit and unit words: no function, link or operator a spreadsheet could run
    assert safe_cell(cell) == cell


@pytest.mark.parametrize("value", [-3.5, -1e9])
def test_exports_numeric_columns_stay_numeric(value):
    df = pd.DataFrame({"surface": ["=bad"], "value": [value], "n": pd.array([-2], dtype="Int64")})
    back = pd.read_csv(io.StringIO(safe_csv(df, quote_all=False)))
    assert back["value"].tolist() == [value]
    assert back["n"].tolist() == [-2]
    assert back["surface"].tolist() == ["'=bad"]


@pytest.mark.parametrize("name", ["=HYPERLINK(1)", "doc"])
def test_exports_column_names_are_cells_too(name):
    assert list(safe_frame(pd.DataFrame({name: ["x"]})).columns) == [safe_cell(name)]


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_exports_an_empty_text_column_is_written(dtype):
    assert safe_csv(pd.DataFrame({"doc": pd.Series([], dtype=dtype)})) == '"doc"\n'


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_exports_every_text_dtype_is_neutralised(dtype):
    df = pd.DataFrame({"doc": pd.Series(["@SUM(A1)", "a.txt", None], dtype=dtype)})
    assert safe_frame(df)["doc"].tolist()[:2] == ["'@SUM(A1)", "a.txt"]


@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.from_regex(r"\s*[-+=@]\S{0,6}", fullmatch=True)
)
def test_exports_a_safe_cell_never_starts_a_formula_and_keeps_the_text(text):
    safe = safe_cell(text)
    assert isinstance(safe, str)
    assert safe in (text, "'" + text)  # nothing else changes: the text reads back by dropping the quote
    if safe == text and text.lstrip().startswith(FORMULA_STARTS):
        # what is left unquoted is a number or a signed quantity: no bracket, quote or operator
        assert not set(text[1:]) & set("()|!:=+@&\"'<>;[]{}#~^*\t\r\n")
        assert text[1:2].isdigit()
