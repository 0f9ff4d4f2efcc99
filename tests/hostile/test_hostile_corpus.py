"""`claims run` over a hostile corpus (built in the test, see corpus.py), in a fresh process.

Asserted: each file's fate (processed, or rejected with its reason), every good document stored, nothing from
outside the input folder in any output, the run within its limits (reasons and counts, never wall time), and
no output cell or page that executes: CSV cells a spreadsheet would read as a formula are neutralised,
claimreview.jsonld carries no literal `</script>`, every HTML page and SVG chart escapes the markup of the
documents.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from .corpus import (
    FORMULA_NAMES,
    LATIN1_TEXT,
    LIMITS,
    MARKUP_NAME,
    PASSWD_MARK,
    SECRET,
    build,
)

pytestmark = [pytest.mark.slow, pytest.mark.model]

CLAIMS = Path(sys.executable).with_name("claims")
FORMULA_START = tuple("=+-@\t\r")
MARKUP = ("<script>alert(1)", "<img src=x onerror", "</script><b>x</b>")


def claims_cli(*args: str, env: dict[str, str] | None = None, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING", **(env or {})}
    return subprocess.run(
        [str(CLAIMS), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The corpus and one `claims run` over it (then a reviewer confirms a finding on the markup document,
    and the reports are published again, so that its text reaches claimreview.jsonld)."""
    home = tmp_path_factory.mktemp("hostile")
    fates = build(home / "raw", home / "outside")
    done = claims_cli("run", "--raw", "raw", "--out", "out", "--workers", "1", env=LIMITS, cwd=home)
    assert done.returncode == 3, done.stdout + done.stderr  # 3: the run is ok, and some files were rejected
    conflicts = pd.read_parquet(home / "out" / "conflicts.parquet")
    markup = conflicts[(conflicts["doc_a"] == MARKUP_NAME) | (conflicts["doc_b"] == MARKUP_NAME)]
    assert len(markup), "the markup document takes part in a finding"
    note = "</script><script>alert('note')</script>"
    reviewed = claims_cli(
        "review",
        str(markup["conflict_id"].iloc[0]),
        "--status",
        "confirmed",
        "--note",
        note,
        "--reviewer",
        "<b>=rev</b>",
        "--out",
        "out",
        cwd=home,
    )
    assert reviewed.returncode == 0, reviewed.stdout + reviewed.stderr
    published = claims_cli("report", "--out", "out", cwd=home)
    assert published.returncode == 0, published.stdout + published.stderr
    return home, fates


def _outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and not p.is_symlink())


def test_hostile_each_file_meets_its_fate(run: tuple[Path, dict[str, str]]) -> None:
    home, fates = run
    documents = pd.read_csv(home / "out" / "documents.csv", dtype=str, keep_default_na=False)
    rejected = pd.read_csv(home / "out" / "rejected.csv", dtype=str, keep_default_na=False)
    seen = {doc: "processed" for doc in documents["doc"]}
    seen.update(dict(zip(rejected["doc"], rejected["reason"], strict=True)))
    # formula-looking names may come back neutralised in the CSV (a leading quote): compare the names as read
    seen = {
        doc.removeprefix("'") if doc.startswith("'") and doc[1:] in fates else doc: f
        for doc, f in seen.items()
    }
    assert seen == fates


def test_hostile_every_good_document_is_stored(run: tuple[Path, dict[str, str]]) -> None:
    home, fates = run
    good = {doc for doc, fate in fates.items() if fate == "processed"}
    with duckdb.connect(str(home / "out" / "claims.duckdb"), read_only=True) as con:
        stored = {row[0] for row in con.execute("SELECT doc FROM documents").fetchall()}
        claimed = {row[0] for row in con.execute("SELECT DISTINCT doc FROM claims").fetchall()}
    assert stored == good
    assert claimed == good  # each good document gave at least one claim


def test_hostile_text_read_right(run: tuple[Path, dict[str, str]]) -> None:
    home, _ = run
    claims = pd.read_parquet(home / "out" / "claims.parquet")
    latin = claims[claims["doc"] == "latin1_credit.txt"]
    assert list(zip(latin["value"], latin["unit"], strict=True)) == [(1.5e9, "JPY")]
    assert "Crédit" in LATIN1_TEXT
    assert "Crédit" in latin["sentence"].iloc[0]
    deep = claims[claims["doc"] == "deep_page.html"]
    assert list(zip(deep["value"], deep["unit"], strict=True)) == [(6e6, "USD")]


def test_hostile_nothing_from_outside_the_input_folder(run: tuple[Path, dict[str, str]]) -> None:
    home, _ = run
    out = home / "out"
    marks = (SECRET.split(":")[0].encode(), PASSWD_MARK.encode())
    for path in _outputs(out):
        data = path.read_bytes()
        assert not any(mark in data for mark in marks), path
    for path in out.rglob("*.parquet"):
        text = pd.read_parquet(path).astype(str).to_csv()
        assert not any(mark.decode() in text for mark in marks), path
    with duckdb.connect(str(out / "claims.duckdb"), read_only=True) as con:
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            text = con.execute(f'SELECT * FROM "{table}"').df().astype(str).to_csv()
            assert not any(mark.decode() in text for mark in marks), table


def test_hostile_run_within_its_limits(run: tuple[Path, dict[str, str]]) -> None:
    home, fates = run
    rejected = pd.read_csv(home / "out" / "rejected.csv", dtype=str, keep_default_na=False)
    reasons = dict(zip(rejected["doc"], rejected["reason"], strict=True))
    assert reasons["bomb.docx"] == "too_large"
    assert "inflate to" in rejected.set_index("doc").loc["bomb.docx", "detail"]  # refused from its directory
    assert {reasons["oversized.txt"], reasons["one_line.txt"]} == {"too_large"}
    assert not any(r.startswith("over_") for r in reasons.values())  # no good document went over budget
    summary = json.loads((home / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == sum(1 for fate in fates.values() if fate == "processed")


def _formula_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    unsafe = []
    for cell in cells:
        if cell.startswith(FORMULA_START):
            try:
                float(cell)  # a negative number is a number, not a formula
            except ValueError:
                unsafe.append(cell)
    return unsafe


def test_hostile_csv_cells_are_not_formulas(run: tuple[Path, dict[str, str]]) -> None:
    home, _ = run
    csvs = [p for p in _outputs(home / "out") if p.suffix == ".csv"]
    assert csvs
    unsafe = {str(p.relative_to(home)): cells for p in csvs if (cells := _formula_cells(p))}
    assert unsafe == {}
    # the raw text is kept where no spreadsheet reads it
    documents = pd.read_parquet(home / "out" / "documents.parquet")
    assert set(FORMULA_NAMES) <= set(documents["doc"])


def test_hostile_claimreview_has_no_script_end(run: tuple[Path, dict[str, str]]) -> None:
    home, _ = run
    text = (home / "out" / "claimreview.jsonld").read_text(encoding="utf-8")
    graph = json.loads(text)["@graph"]
    assert graph, "the confirmed finding is published"
    assert "</" not in text.lower()
    assert "<script" not in text.lower()
    assert "alert(1)" in text  # the text is there, escaped (\u003c), not dropped


def test_hostile_html_pages_escape_the_markup(run: tuple[Path, dict[str, str]]) -> None:
    home, _ = run
    pages = [p for p in _outputs(home / "out") if p.suffix in {".html", ".svg"}]  # an SVG can run script too
    assert len(pages) > 5
    raw = {str(p.relative_to(home)): [m for m in MARKUP if m in p.read_text(encoding="utf-8")] for p in pages}
    assert {page: found for page, found in raw.items() if found} == {}
    assert any("onerror=alert(1)" in p.read_text(encoding="utf-8") for p in pages)  # shown, escaped


def test_hostile_validation_page_is_ours_with_a_csp(run: tuple[Path, dict[str, str]]) -> None:
    home, _ = run
    page = (home / "out" / "validation" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;' in page
    assert "<script" not in page
    assert not list((home / "out").rglob("data_docs"))  # GX's Data Docs (values as markup) are not published


@pytest.fixture(scope="module")
def budget_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run whose per-document time budget nothing can meet: every document is over it."""
    home = tmp_path_factory.mktemp("budget")
    raw = home / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("The agency granted $5 million to Laos in 2024.\n", encoding="utf-8")
    (raw / "b.txt").write_text("Exports rose 12% to $3.4 billion in 2023.\n", encoding="utf-8")
    env = {"CLAIMS_DOCUMENT_SECONDS": "0.000001"}
    done = claims_cli("run", "--raw", "raw", "--out", "out", "--workers", "1", env=env, cwd=home)
    assert done.returncode in {0, 3}, done.stdout + done.stderr
    return home


def test_hostile_over_budget_documents_are_rejected(budget_run: Path) -> None:
    rejected = pd.read_csv(budget_run / "out" / "rejected.csv", dtype=str, keep_default_na=False)
    assert sorted(zip(rejected["doc"], rejected["reason"], strict=True)) == [
        ("a.txt", "over_time_budget"),
        ("b.txt", "over_time_budget"),
    ]
    with duckdb.connect(str(budget_run / "out" / "claims.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)


def test_hostile_over_budget_documents_cost_no_claims(budget_run: Path) -> None:
    # the run finishes, and nothing extracted past the budget is stored
    with duckdb.connect(str(budget_run / "out" / "claims.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (0,)
