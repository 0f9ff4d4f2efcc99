"""Great Expectations suites over the claims, conflicts and documents tables: a clean table passes, planted
structural faults block and are named, planted value faults quarantine their rows."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from claims.errors import ValidationFailedError
from claims.io import frames as flow_frames
from claims.io.validation import ValidationReport, raise_for_critical, validate_files, validate_tables
from claims.io.validation import html as validation_html
from claims.settings import Settings
from claims.types import make_claim_id, make_conflict_id

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "raw"
DECK, ARTICLE = "000_e7bbe042183215ae.txt", "003_66334d0d25dd3bf9.txt"

# (doc, text around the claim, surface, fields): offsets are found in the seed texts, so spans are real
_CLAIMS = [
    (
        ARTICLE,
        "commemorating 50 years of bilateral",
        "50 years",
        {
            "value": 50.0,
            "unit": "year",
            "kind": "measure",
            "subject": "Japan-ASEAN relations",
            "entities": "Japan;ASEAN",
            "period_start": 2023,
            "period_end": 2023,
        },
    ),
    (
        ARTICLE,
        "the 10-member bloc",
        "10",
        {
            "value": 10.0,
            "unit": "count",
            "kind": "count",
            "counted": "members",
            "subject": "ASEAN members",
            "entities": "ASEAN",
        },
    ),
    (
        ARTICLE,
        "Kuala Lumpur with ¥400 million",
        "¥400 million",
        {
            "value": 4e8,
            "unit": "JPY",
            "kind": "money",
            "subject": "OSA grants to Malaysia",
            "entities": "Japan;Malaysia;OSA",
            "period_start": 2023,
            "period_end": 2023,
        },
    ),
    (
        ARTICLE,
        "($2.81 million)",
        "$2.81 million",
        {
            "value": 2.81e6,
            "unit": "USD",
            "kind": "money",
            "subject": "OSA grants to Malaysia",
            "entities": "Japan;Malaysia;OSA",
            "period_start": 2023,
            "period_end": 2023,
        },
    ),
    (
        ARTICLE,
        "nation with ¥400 million",
        "¥400 million",
        {
            "value": 4e8,
            "unit": "JPY",
            "kind": "money",
            "subject": "OSA grants to Fiji",
            "entities": "Japan;Fiji;OSA",
            "period_start": 2023,
            "period_end": 2023,
        },
    ),
    (
        DECK,
        "Japan, 40.5% of ASEAN-10",
        "40.5%",
        {
            "value": 40.5,
            "unit": "percent",
            "kind": "percent",
            "subject": "ASEAN respondents trusting Japan",
            "entities": "Japan;ASEAN",
            "period_start": 2025,
            "period_end": 2025,
        },
    ),
    (
        DECK,
        "2024\t5 billion Yen",
        "5 billion Yen",
        {
            "value": 5e9,
            "unit": "JPY",
            "kind": "money",
            "subject": "OSA budget",
            "entities": "Japan;OSA",
            "period_start": 2024,
            "period_end": 2024,
            "fiscal": True,
        },
    ),
    (
        DECK,
        "\\$30-34.6 million",
        "$30-34.6 million",
        {
            "value": np.nan,
            "value_low": 3e7,
            "value_high": 3.46e7,
            "unit": "USD",
            "kind": "money",
            "qualifier": "approx",
            "subject": "OSA budget",
            "entities": "Japan;OSA",
            "period_start": 2024,
            "period_end": 2024,
            "fiscal": True,
        },
    ),
]


def _text(doc: str) -> str:
    return (RAW / doc).read_text(encoding="utf-8")


def _sentence(text: str, start: int, end: int) -> tuple[int, str]:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1)
    right = min(i for i in (text.find("\n", end), text.find(". ", end), len(text)) if i >= 0)
    return left + 1, text[left + 1 : right].strip()


def _claims() -> pd.DataFrame:
    rows = []
    for doc, context, surface, fields in _CLAIMS:
        text = _text(doc)
        start = text.index(context) + context.index(surface)
        end = start + len(surface)
        sentence_start, sentence = _sentence(text, start, end)
        row = {
            "claim_id": make_claim_id(doc, sentence, surface, 0),
            "doc": doc,
            "char_start": start,
            "char_end": end,
            "surface": surface,
            "value": np.nan,
            "value_low": np.nan,
            "value_high": np.nan,
            "unit": None,
            "kind": "other",
            "counted": None,
            "qualifier": "exact",
            "period_start": np.nan,
            "period_end": np.nan,
            "fiscal": False,
            "subject": "",
            "entities": "",
            "section": "",
            "sentence": sentence,
            "citation": None,
            "confidence": 0.9,
            "chapter": "",
            "sentence_start": sentence_start,
            "flags": "",
            "doc_sha256": hashlib.sha256((RAW / doc).read_bytes()).hexdigest(),
        }
        row.update(fields)
        rows.append(row)
    return pd.DataFrame(rows)


def _conflict(claims: pd.DataFrame, a: int, b: int | None, kind: str, rd: float, **extra: object) -> dict:
    ca = claims.iloc[a]
    cb = claims.iloc[b] if b is not None else None
    row = {
        "conflict_id": make_conflict_id(ca.claim_id, cb.claim_id if cb is not None else None, kind),
        "kind": kind,
        "severity": "low",
        "claim_a": ca.claim_id,
        "claim_b": cb.claim_id if cb is not None else None,
        "doc_a": ca.doc,
        "start_a": ca.char_start,
        "end_a": ca.char_end,
        "surface_a": ca.surface,
        "value_a": ca.value,
        "unit_a": ca.unit,
        "doc_b": cb.doc if cb is not None else None,
        "start_b": cb.char_start if cb is not None else np.nan,
        "end_b": cb.char_end if cb is not None else np.nan,
        "surface_b": cb.surface if cb is not None else None,
        "value_b": cb.value if cb is not None else np.nan,
        "unit_b": cb.unit if cb is not None else None,
        "topic": ca.subject,
        "period": "2023",
        "relative_difference": rd,
        "explanation": "The figures differ.",
        "status": "open",
        "scope": "cross_document",
        "score": 0.5,
        "consensus_value": np.nan,
        "support": "",
        "expected_value": np.nan,
    }
    row.update(extra)
    return row


def _conflicts(claims: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        [
            _conflict(claims, 2, 6, "value_mismatch", 1 - 4e8 / 5e9, severity="high"),
            _conflict(claims, 3, None, "arithmetic", 0.04, severity="medium", expected_value=2.7e6),
            _conflict(claims, 2, 4, "rounding", 0.0),
        ]
    )


def _documents(claims: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for doc in (DECK, ARTICLE):
        data = (RAW / doc).read_bytes()
        rows.append(
            {
                "doc": doc,
                "sha256": hashlib.sha256(data).hexdigest(),
                "format": "txt",
                "n_chars": len(data.decode("utf-8")),
                "title": None,
                "author": None,
                "published": None,
                "encoding": "utf-8",
                "text_path": None,
                "aliases": "",
                "n_claims": int((claims.doc == doc).sum()),
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(expectations_dir=ROOT / "expectations")


def _with_every_column(df: pd.DataFrame, table: flow_frames.Table) -> pd.DataFrame:
    """Every column of the table, in its order; the ones the example rows leave out are empty (NaN)."""
    return df.reindex(columns=[*table.names, *(c for c in df.columns if c not in table.names)])


def _plain_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The tables as read back from the CSV files a run writes: NaN for empty cells, numpy dtypes."""
    claims = _claims()
    return (
        _with_every_column(claims, flow_frames.CLAIMS),
        _with_every_column(_conflicts(claims), flow_frames.CONFLICTS),
        _with_every_column(_documents(claims), flow_frames.DOCUMENTS),
    )


def _flow_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The tables as the flow hands them over (claims.io.frames: string, Int64 and boolean dtypes)."""
    claims, conflicts, documents = _plain_tables()
    return (
        flow_frames.normalise_claims_frame(claims),
        flow_frames.normalise_conflicts_frame(conflicts),
        flow_frames.documents_frame(documents.to_dict("records")),
    )


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return _flow_tables()


@pytest.fixture(scope="module")
def clean_report(tables, settings, tmp_path_factory) -> ValidationReport:
    claims, conflicts, documents = tables
    out = tmp_path_factory.mktemp("out")
    return validate_tables(
        claims=claims, conflicts=conflicts, documents=documents, settings=settings, out_dir=out
    )


def test_validation_clean_tables_pass(clean_report: ValidationReport) -> None:
    assert clean_report.success, clean_report.format()
    assert clean_report.failures == (), clean_report.format()
    assert dict(clean_report.rows) == {"documents": 2, "claims": 8, "conflicts": 3}
    raise_for_critical(clean_report)


@pytest.mark.parametrize("make_tables", [_plain_tables])
def test_validation_clean_plain_tables_pass(settings, make_tables) -> None:
    claims, conflicts, documents = make_tables()
    report = validate_tables(claims=claims, conflicts=conflicts, documents=documents, settings=settings)
    assert report.success, report.format()
    assert not report.failures, report.format()


def test_validation_writes_results_and_its_own_page(clean_report: ValidationReport) -> None:
    index = clean_report.docs_index
    assert index is not None
    assert index.name == "index.html"
    page = index.read_text(encoding="utf-8")
    assert "PASSED" in page
    assert "://" not in page  # opens offline
    for suite in ("claims", "conflicts", "documents"):
        assert f"Suite {suite}" in page
        assert (index.parent / f"gx_{suite}.json").exists()
    assert not (index.parent / "data_docs").exists()  # GX's Data Docs are not published
    assert clean_report.results_path is not None
    results = json.loads(clean_report.results_path.read_text(encoding="utf-8"))
    assert results["success"] is True
    assert set(results["expectations"]) == {"claims", "conflicts", "documents"}


def _set(table: str, where: tuple[str, str], **values: object) -> Callable[[dict[str, pd.DataFrame]], None]:
    """Plant values in the first row of `table` whose column `where[0]` equals `where[1]`."""

    def plant(tables: dict[str, pd.DataFrame]) -> None:
        df = tables[table]
        row = df.index[df[where[0]] == where[1]][0]
        for column, value in values.items():
            df.loc[row, column] = value

    return plant


def _duplicate_claim(tables: dict[str, pd.DataFrame]) -> None:
    tables["claims"].loc[1, "claim_id"] = tables["claims"].loc[0, "claim_id"]


YEARS, TEN, YEN, DOLLARS, SHARE = (
    ("surface", s) for s in ("50 years", "10", "¥400 million", "$2.81 million", "40.5%")
)
MISMATCH, ARITHMETIC, ROUNDING = (("kind", k) for k in ("value_mismatch", "arithmetic", "rounding"))

BLOCKS = [
    pytest.param(
        _set("claims", YEN, char_start=3035, char_end=3023), "claims", "span_not_inverted", id="inverted-span"
    ),
    pytest.param(_duplicate_claim, "claims", "claim_id_unique", id="duplicated-id"),
    pytest.param(
        _set("conflicts", MISMATCH, claim_b="0123456789abcdef"),
        "conflicts",
        "claim_b_exists",
        id="dangling-conflict-reference",
    ),
    pytest.param(
        _set("claims", YEN, char_end=10_000), "claims", "span_within_document", id="span-beyond-document"
    ),
    pytest.param(
        _set("conflicts", ARITHMETIC, kind="value_mismatch"),
        "conflicts",
        "claim_b_exists",
        id="missing-claim-b",
    ),
    pytest.param(
        _set("conflicts", ROUNDING, claim_b=None, kind="value_mismatch"),
        "conflicts",
        "claim_b_exists",
        id="missing-claim-b-emptied",
    ),
]
"""Structural faults: schema, duplicate ids, offsets, dangling references. Nothing is published."""

QUARANTINES = [
    pytest.param(_set("claims", TEN, value=np.nan), "claims", "value_or_range", id="missing-value"),
    pytest.param(_set("claims", YEARS, unit="furlong"), "claims", "unit_known", id="unknown-unit"),
    pytest.param(
        _set("claims", DOLLARS, period_start=2230, period_end=2230),
        "claims",
        "period_start_year_range",
        id="impossible-year",
    ),
    pytest.param(
        _set("conflicts", MISMATCH, relative_difference=0.5),
        "conflicts",
        "relative_difference_consistent",
        id="relative-difference-inconsistent",
    ),
    pytest.param(
        _set("conflicts", ARITHMETIC, relative_difference=1.7),
        "conflicts",
        "relative_difference_0_1",
        id="relative-difference-above-1",
    ),
    pytest.param(_set("claims", SHARE, value=250.0), "claims", "percent_share_0_100", id="percent-share-250"),
    pytest.param(
        _set("claims", SHARE, value=-3.0), "claims", "percent_share_0_100", id="percent-share-negative"
    ),
    pytest.param(_set("claims", YEARS, kind="quantity"), "claims", "kind_enum", id="unknown-kind"),
    pytest.param(_set("claims", YEARS, confidence=1.5), "claims", "confidence_0_1", id="confidence-above-1"),
]
"""Value faults on one row: the row is quarantined with its reason; the rest is published."""


def _planted(tables, plant, suite) -> dict[str, pd.DataFrame]:
    claims, conflicts, documents = tables
    planted = {"claims": claims.copy(), "conflicts": conflicts.copy(), "documents": documents.copy()}
    plant(planted)
    # only the tables the fault's suite needs: GX costs about a second per table and run
    other = "conflicts" if suite == "conflicts" else "documents"
    return {"claims": planted["claims"], other: planted[other]}


@pytest.mark.parametrize(("plant", "suite", "expectation"), BLOCKS)
def test_validation_structural_fault_blocks_and_is_named(tables, settings, plant, suite, expectation) -> None:
    report = validate_tables(**_planted(tables, plant, suite), settings=settings)
    assert not report.success
    named = {(f.suite, f.expectation) for f in report.critical}
    assert (suite, expectation) in named, report.format()
    text = report.format()
    assert f"{suite}.{expectation}" in text
    failure = next(f for f in report.critical if (f.suite, f.expectation) == (suite, expectation))
    assert failure.examples, text
    with pytest.raises(ValidationFailedError, match=expectation) as caught:
        raise_for_critical(report)
    assert caught.value.result is report


@pytest.mark.parametrize(("plant", "suite", "expectation"), QUARANTINES)
def test_validation_value_fault_quarantines_its_row(tables, settings, plant, suite, expectation) -> None:
    needed = _planted(tables, plant, suite)
    report = validate_tables(**needed, settings=settings)
    assert report.success, report.format()
    failure = next(f for f in report.quarantining if (f.suite, f.expectation) == (suite, expectation))
    assert len(failure.rows) == 1, report.format()
    id_column = "claim_id" if suite == "claims" else "conflict_id"
    planted_id = str(needed[suite].iloc[failure.rows[0]][id_column])
    held = [q for q in report.quarantined if q.expectation == expectation]
    assert [(q.table, q.row_id) for q in held] == [(suite, planted_id)]
    assert held[0].reason.startswith(f"{expectation}: ")
    assert planted_id in report.quarantined_ids(suite)
    assert f"QUARANTINED {suite}.{expectation}" in report.format()


@pytest.mark.parametrize("share", [0.2])
def test_validation_value_fault_on_too_many_rows_blocks(tables, settings, share) -> None:
    claims = tables[0].copy()
    n = int(len(claims) * share) + 1
    claims.loc[: n - 1, "confidence"] = 1.5
    report = validate_tables(claims=claims, documents=tables[2], settings=settings)
    assert not report.success
    assert "confidence_0_1" in {f.expectation for f in report.critical}
    assert report.quarantined == ()


def test_validation_quarantined_rows_are_written_with_their_reason(tables, settings, tmp_path) -> None:
    claims, conflicts, documents = tables
    claims = claims.copy()
    _set("claims", YEARS, unit="furlong")({"claims": claims})
    report = validate_tables(
        claims=claims, conflicts=conflicts, documents=documents, settings=settings, out_dir=tmp_path
    )
    assert report.success
    listed = pd.read_csv(tmp_path / "validation" / "quarantine.csv")
    assert listed[["tbl", "expectation"]].values.tolist() == [["claims", "unit_known"]]
    assert "furlong" in listed.loc[0, "reason"]
    results = json.loads((tmp_path / "validation" / "results.json").read_text(encoding="utf-8"))
    assert results["quarantined"] == 1
    assert results["quarantined_rows"][0]["row_id"] == listed.loc[0, "row_id"]
    assert "Quarantined rows" in (tmp_path / "validation" / "index.html").read_text(encoding="utf-8")


LEGITIMATE = [
    pytest.param(_set("claims", SHARE, value=250.0, flags="percent_change"), id="percent-change-flag"),
    pytest.param(
        _set("claims", SHARE, value=250.0, sentence="Exports rose 40.5% from a year earlier."),
        id="percent-change-cue",
    ),
    pytest.param(_set("claims", DOLLARS, unit="XXX"), id="unstated-currency"),
    pytest.param(_set("claims", SHARE, unit="percentage point", value=-3.0), id="percentage-points-change"),
    pytest.param(
        _set(
            "claims",
            SHARE,
            value=125.0,
            sentence="Car sales showed 40.5% in May against May 2023.",
            change_basis="year_on_year",
        ),
        id="year-on-year-change-basis",
    ),
    pytest.param(
        _set("claims", SHARE, value=125.0, sentence="Its 40.5% was the talk of May.", facets="role=change"),
        id="change-role-facet",
    ),
]


@pytest.mark.parametrize("plant", LEGITIMATE)
def test_validation_legitimate_edge_case_passes(tables, settings, plant) -> None:
    claims, _, documents = tables
    planted = {"claims": claims.copy(), "documents": documents.copy()}
    plant(planted)
    report = validate_tables(**planted, settings=settings)
    assert report.success, report.format()
    assert not report.failures, report.format()


@pytest.mark.parametrize("missing", ["unit"])
def test_validation_missing_column_is_critical(tables, settings, missing) -> None:
    claims, _, _ = tables
    report = validate_tables(claims=claims.drop(columns=[missing]), settings=settings)
    assert not report.success
    failure = next(f for f in report.critical if f.expectation == "required_columns")
    assert missing in failure.message


@pytest.mark.parametrize("share_without_period", [0.9])
def test_validation_distribution_regression_is_a_warning(tables, settings, share_without_period) -> None:
    claims = tables[0].copy()
    n = round(len(claims) * share_without_period)
    claims.loc[: n - 1, ["period_start", "period_end"]] = np.nan
    report = validate_tables(claims=claims, settings=settings)
    assert report.success, report.format()
    assert "share_with_period" in {f.expectation for f in report.warnings}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_validation_files_round_trip(tables, settings, tmp_path, suffix) -> None:
    claims, conflicts, documents = tables  # written by the flow's dtypes, read back by validate_files
    paths = {}
    for name, df in (("claims", claims), ("conflicts", conflicts), ("documents", documents)):
        paths[name] = tmp_path / f"{name}{suffix}"
        df.to_csv(paths[name], index=False) if suffix == ".csv" else df.to_parquet(paths[name])
    report = validate_files(
        claims_path=paths["claims"],
        conflicts_path=paths["conflicts"],
        documents_path=paths["documents"],
        settings=settings,
    )
    assert report.success, report.format()


@pytest.mark.parametrize("name", ["missing.csv", "claims.xlsx"])
def test_validation_files_unreadable_gives_failed_report(settings, tmp_path, name) -> None:
    path = tmp_path / name
    if name.endswith(".xlsx"):
        path.write_bytes(b"PK\x03\x04")
    report = validate_files(claims_path=path, conflicts_path=None, settings=settings)
    assert not report.success
    assert str(path) in report.format()


def test_validation_rerun_replaces_the_output_folder_whole(tables, settings, tmp_path) -> None:
    claims, conflicts, documents = tables
    stale = tmp_path / "validation" / "data_docs" / "validations" / "claims" / "old-run.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<html>an earlier run</html>", encoding="utf-8")
    report = validate_tables(
        claims=claims, conflicts=conflicts, documents=documents, settings=settings, out_dir=tmp_path
    )
    assert report.docs_index == tmp_path / "validation" / "index.html"
    assert report.results_path == tmp_path / "validation" / "results.json"
    assert not stale.exists()
    results = json.loads(report.results_path.read_text(encoding="utf-8"))
    assert results["gx_results"]["claims"] == str(tmp_path / "validation" / "gx_claims.json")
    assert [p.name for p in tmp_path.iterdir()] == ["validation"]  # the staging folder is gone


class _Tags(HTMLParser):
    """The elements, attributes and CSP of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        if tag == "meta" and ("http-equiv", "Content-Security-Policy") in attrs:
            self.csp.append(dict(attrs)["content"] or "")


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span", "a", "table"}
PAGE_TAGS |= {"tr", "th", "td", "code"}


@pytest.mark.parametrize(
    ("column", "hostile"),
    [
        ("unit", "<img src=x onerror=alert(1)>"),
        ("kind", "</td></tr></table><script>alert(1)</script>"),
        ("qualifier", '"><svg onload=alert(1)>'),
    ],
)
def test_validation_page_escapes_crafted_values(tables, settings, tmp_path, column, hostile) -> None:
    claims, conflicts, documents = tables
    claims = claims.copy()
    claims[column] = claims[column].astype(object)
    claims.loc[claims.index[0], column] = hostile
    path = tmp_path / "claims.csv"
    claims.to_csv(path, index=False)  # through `claims validate`'s entry point, from a crafted file
    report = validate_files(claims_path=path, conflicts_path=None, settings=settings, out_dir=tmp_path)
    assert report.failures  # the crafted value fails its expectation (blocks or is quarantined) and is shown
    assert report.docs_index == tmp_path / "validation" / "index.html"
    page = report.docs_index.read_text(encoding="utf-8")
    assert hostile not in page
    assert hostile in html.unescape(page)  # shown, as text
    parsed = _Tags()
    parsed.feed(page)
    assert parsed.tags <= PAGE_TAGS  # no img, script, svg or iframe: the value is text
    assert not {a for a in parsed.attributes if a.startswith("on")}
    assert len(parsed.csp) == 1
    assert parsed.csp[0].startswith("default-src 'none';")
    assert "script-src 'none'" in parsed.csp[0]
    assert "://" not in page  # no external asset
    assert '"//' not in page
    assert "FAILED" in page
    assert "PASSED" in page
    pages = list((tmp_path / "validation").rglob("*.htm*"))
    assert pages == [report.docs_index]  # no GX Data Docs beside it


@pytest.mark.parametrize("style", [validation_html.STYLE])
def test_validation_page_csp_allows_exactly_its_style(style) -> None:
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in validation_html.content_security_policy(style)
    page = validation_html.render_index(
        {"success": True, "critical": 0, "warnings": 0, "evaluated": 0, "seconds": 0, "rows": {}}
        | {"failures": []},
        {},
        gx_results={},
    )
    assert f"<style>{style}</style>" in page
