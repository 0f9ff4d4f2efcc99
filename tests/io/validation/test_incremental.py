"""Validation that follows the changed rows: a second validation into the same folder runs the row checks
only over rows it has no verdict for (and rows that failed before), and reports exactly what a validation
of the whole tables from scratch reports. Tables checked ahead (`check_ahead`, while the findings are
reconciled) are not checked again, and give the same report and files; checked-ahead tables that are not
the ones validated are never taken for them."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from validation_runs import gx_tables, results

from claims.io import frames as flow_frames
from claims.io.validation import ValidationReport, check_ahead, validate_tables
from claims.settings import Settings
from claims.types import make_claim_id

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "raw"
FIRST, SECOND = "000_e7bbe042183215ae.txt", "001_72274b1e3263120b.txt"
MONEY = re.compile(r"(?:¥|\$)\d+(?:\.\d+)? (?:million|billion)")
SCALE = {"million": 1e6, "billion": 1e9}


def _claims(doc: str) -> pd.DataFrame:
    """Every yen or dollar amount of a seed document as a claim row (real spans, sentences and hashes)."""
    text = (RAW / doc).read_text(encoding="utf-8")
    sha = hashlib.sha256((RAW / doc).read_bytes()).hexdigest()
    rows = []
    for n, match in enumerate(MONEY.finditer(text)):
        surface = match.group()
        left = max(text.rfind("\n", 0, match.start()), text.rfind(". ", 0, match.start()) + 1) + 1
        ends = [i for i in (text.find("\n", match.end()), text.find(". ", match.end())) if i >= 0]
        sentence = text[left : min(ends, default=len(text))].strip()
        number, scale = surface[1:].split(" ")
        rows.append(
            {
                "claim_id": make_claim_id(doc, sentence, surface, n),
                "doc": doc,
                "char_start": match.start(),
                "char_end": match.end(),
                "surface": surface,
                "value": float(number) * SCALE[scale],
                "unit": "JPY" if surface.startswith("¥") else "USD",
                "kind": "money",
                "qualifier": "exact",
                "period_start": 2023,
                "period_end": 2023,
                "fiscal": False,
                "subject": "grants",
                "entities": "Japan",
                "sentence": sentence,
                "confidence": 0.9,
                "sentence_start": left,
                "doc_sha256": sha,
            }
        )
    df = pd.DataFrame(rows).reindex(columns=flow_frames.CLAIMS.names)
    return flow_frames.normalise_claims_frame(df)


def _documents(claims: pd.DataFrame, docs: list[str]) -> pd.DataFrame:
    rows = []
    for doc in docs:
        data = (RAW / doc).read_bytes()
        rows.append(
            {
                "doc": doc,
                "sha256": hashlib.sha256(data).hexdigest(),
                "format": "txt",
                "n_chars": len(data.decode("utf-8")),
                "encoding": "utf-8",
                "aliases": "",
                "n_claims": int((claims["doc"] == doc).sum()),
            }
        )
    return flow_frames.documents_frame(rows)


def _tables(docs: list[str], bad: dict[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """The claims of `docs`, with the unit of the first claim of each document in `bad` replaced."""
    claims = pd.concat([_claims(doc) for doc in docs], ignore_index=True)
    for doc, unit in (bad or {}).items():
        claims.loc[claims.index[claims["doc"] == doc][0], "unit"] = unit
    return {"claims": claims, "documents": _documents(claims, docs)}


def _validate(tables: dict[str, pd.DataFrame], settings: Settings, out: Path) -> ValidationReport:
    return validate_tables(**tables, settings=settings, out_dir=out)


def _row_checked(out: Path) -> int:
    """How many claims rows GX ran the row checks over in the validation written to `out`."""
    data = json.loads((out / "validation" / "gx_claims.json").read_text(encoding="utf-8"))
    return int(data["rows_validated"]["row_checks"])


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(expectations_dir=ROOT / "expectations", out_dir=Path("no-published-set"))


@pytest.mark.parametrize(("old_unit", "new_unit"), [("furlong", "cubit")])
def test_incremental_new_document_invalid_row_quarantined_old_rows_keep_their_verdict(
    settings, tmp_path, old_unit, new_unit
) -> None:
    before = _tables([FIRST], bad={FIRST: old_unit})
    first = _validate(before, settings, tmp_path / "out")
    assert first.success, first.format()
    assert {q.doc for q in first.quarantined} == {FIRST}

    after = _tables([FIRST, SECOND], bad={FIRST: old_unit, SECOND: new_unit})
    report = _validate(after, settings, tmp_path / "out")
    held = {(q.doc, q.expectation) for q in report.quarantined}
    assert held == {(FIRST, "unit_known"), (SECOND, "unit_known")}, report.format()
    # GX saw the new document's rows and the row that failed before, not the old rows that passed
    n_new = int((after["claims"]["doc"] == SECOND).sum())
    assert _row_checked(tmp_path / "out") == n_new + 1 < len(after["claims"])
    # and reports what a validation of the whole tables from scratch reports
    fresh = _validate(after, settings, tmp_path / "fresh")
    assert _row_checked(tmp_path / "fresh") == len(after["claims"])
    assert results(tmp_path / "out") == results(tmp_path / "fresh")
    assert (tmp_path / "out" / "validation" / "quarantine.csv").read_text(encoding="utf-8") == (
        tmp_path / "fresh" / "validation" / "quarantine.csv"
    ).read_text(encoding="utf-8")
    assert fresh.quarantined == report.quarantined


@pytest.mark.parametrize("unit", ["furlong"])
def test_incremental_fixed_row_leaves_the_quarantine(settings, tmp_path, unit) -> None:
    _validate(_tables([FIRST], bad={FIRST: unit}), settings, tmp_path)
    report = _validate(_tables([FIRST]), settings, tmp_path)
    assert report.success, report.format()
    assert report.quarantined == (), report.format()
    assert _row_checked(tmp_path) == 1  # the corrected row only


@pytest.mark.parametrize("n_chars", [100])
def test_incremental_row_whose_document_changed_is_checked_again(settings, tmp_path, n_chars) -> None:
    """A claim's verdict depends on its document (its span must lie within it): a shorter document makes
    its unchanged claims rows new rows to check."""
    tables = _tables([FIRST])
    _validate(tables, settings, tmp_path)
    documents = tables["documents"].copy()
    documents["n_chars"] = n_chars
    report = _validate({**tables, "documents": documents}, settings, tmp_path)
    assert not report.success
    assert "span_within_document" in {f.expectation for f in report.critical}, report.format()
    assert _row_checked(tmp_path) == len(tables["claims"])


def _edit_note(folder: Path) -> None:
    path = folder / "claims.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    suite["expectations"][-1]["meta"]["notes"] += " (reworded)"
    path.write_text(json.dumps(suite), encoding="utf-8")


def _add_unit(folder: Path) -> None:
    path = folder / "units.json"
    units = json.loads(path.read_text(encoding="utf-8"))
    units["measures"] = [*units.get("measures", []), "cubit"]
    path.write_text(json.dumps(units), encoding="utf-8")


@pytest.mark.parametrize("edit", [_edit_note, _add_unit], ids=["reworded-note", "new-known-unit"])
def test_incremental_changed_suite_validates_every_row_again(tmp_path, edit) -> None:
    expectations = tmp_path / "expectations"
    shutil.copytree(ROOT / "expectations", expectations)
    settings = Settings(expectations_dir=expectations, out_dir=tmp_path / "no-published-set")
    tables = _tables([FIRST, SECOND], bad={SECOND: "cubit"})
    first = _validate(tables, settings, tmp_path / "out")
    assert {q.doc for q in first.quarantined} == {SECOND}
    _validate(tables, settings, tmp_path / "out")
    assert _row_checked(tmp_path / "out") == 1  # unchanged suite: the failing row only
    edit(expectations)
    report = _validate(tables, settings, tmp_path / "out")
    assert _row_checked(tmp_path / "out") == len(tables["claims"])
    if edit is _add_unit:
        assert report.quarantined == (), report.format()


@pytest.mark.parametrize("damage", [b"not a parquet file"])
def test_incremental_unreadable_verdicts_validate_everything(settings, tmp_path, damage) -> None:
    tables = _tables([FIRST])
    _validate(tables, settings, tmp_path)
    (tmp_path / "validation" / "verdicts.parquet").write_bytes(damage)
    report = _validate(tables, settings, tmp_path)
    assert report.success, report.format()
    assert _row_checked(tmp_path) == len(tables["claims"])


def test_incremental_claims_fixture_is_real() -> None:
    claims = _claims(FIRST)
    text = (RAW / FIRST).read_text(encoding="utf-8")
    assert len(claims) >= 3
    for row in claims.to_dict("records"):
        assert text[row["char_start"] : row["char_end"]] == row["surface"]
        assert not np.isnan(row["value"])


def _same_files(a: Path, b: Path) -> None:
    """Two validation folders say the same: results, quarantine and the verdicts kept."""
    assert results(a) == results(b)
    for name in ("quarantine.csv",):
        assert (a / "validation" / name).read_bytes() == (b / "validation" / name).read_bytes()
    pd.testing.assert_frame_equal(
        pd.read_parquet(a / "validation" / "verdicts.parquet"),
        pd.read_parquet(b / "validation" / "verdicts.parquet"),
    )


@pytest.mark.parametrize("unit", ["furlong"])
def test_tables_checked_ahead_are_not_checked_again_and_report_the_same(
    settings, tmp_path, monkeypatch, unit
) -> None:
    tables = _tables([FIRST, SECOND], bad={SECOND: unit})
    whole = _validate(tables, settings, tmp_path / "whole")
    ahead = check_ahead(claims=tables["claims"], documents=tables["documents"], settings=settings)
    assert ahead is not None
    seen = gx_tables(monkeypatch)
    report = validate_tables(**tables, settings=settings, out_dir=tmp_path / "out", ahead=ahead)
    assert seen == []  # both tables were checked ahead: GX ran nothing more
    assert {q.doc for q in report.quarantined} == {SECOND}
    assert report.quarantined == whole.quarantined
    assert report.failures == whole.failures
    _same_files(tmp_path / "out", tmp_path / "whole")


@pytest.mark.parametrize("unit", ["furlong"])
def test_tables_checked_ahead_are_not_taken_for_other_tables(settings, tmp_path, monkeypatch, unit) -> None:
    clean = _tables([FIRST, SECOND])
    ahead = check_ahead(claims=clean["claims"], documents=clean["documents"], settings=settings)
    assert ahead is not None
    changed = _tables([FIRST, SECOND], bad={SECOND: unit})  # one cell differs from what was checked
    seen = gx_tables(monkeypatch)
    report = validate_tables(**changed, settings=settings, out_dir=tmp_path / "out", ahead=ahead)
    assert {"claims", "documents"} <= set().union(*seen)  # checked here again
    assert {(q.doc, q.expectation) for q in report.quarantined} == {(SECOND, "unit_known")}
    _validate(changed, settings, tmp_path / "whole")
    _same_files(tmp_path / "out", tmp_path / "whole")
