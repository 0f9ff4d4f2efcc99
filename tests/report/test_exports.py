"""Spreadsheet-safe CSV (decisions.csv, marks.csv) and JSON that can sit in a script element."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from claims.report.claimreview import script_safe_json
from claims.report.exports import safe_cell, safe_csv


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20", "'+44 20"),
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
