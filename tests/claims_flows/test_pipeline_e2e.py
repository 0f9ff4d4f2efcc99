"""End to end: the Prefect flow on a small real corpus, incremental re-runs, reviews, and a crash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from claims.io.frames import CLAIM_CONTRACT, CONFLICT_CONTRACT

pytestmark = [pytest.mark.model, pytest.mark.slow]

RAW = Path(__file__).resolve().parents[2] / "raw"


def _run(raw: Path, out: Path, **kw):
    from claims_flows.pipeline import claims_pipeline

    return claims_pipeline(raw_dir=str(raw), out_dir=str(out), workers=1, **kw)


def _runs(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]


def test_pipeline_writes_contract_outputs_with_exact_offsets(prefect_harness, small_corpus, tmp_path):
    out = tmp_path / "processed"
    summary = _run(small_corpus, out)
    assert summary["status"] == "ok"
    claims = pd.read_csv(out / "claims.csv", keep_default_na=False)
    conflicts = pd.read_csv(out / "conflicts.csv", keep_default_na=False)
    assert list(claims.columns[: len(CLAIM_CONTRACT)]) == CLAIM_CONTRACT
    assert list(conflicts.columns[: len(CONFLICT_CONTRACT)]) == CONFLICT_CONTRACT
    assert len(claims) > 5
    for row in claims.itertuples():
        text = (small_corpus / row.doc).read_text(encoding="utf-8")
        assert text[int(row.char_start) : int(row.char_end)] == row.surface
    assert set(pd.read_parquet(out / "claims.parquet")["claim_id"]) == set(claims["claim_id"])
    assert (out / "claims.duckdb").exists()
    assert _runs(out)[-1]["status"] == "ok"


def test_pipeline_incremental_runs_process_only_what_changed(prefect_harness, small_corpus, tmp_path):
    out = tmp_path / "processed"
    first = _run(small_corpus, out)
    ids_before = set(pd.read_csv(out / "claims.csv")["claim_id"])

    second = _run(small_corpus, out)
    assert (second["new"], second["changed"], second["unchanged"], second["removed"]) == (0, 0, 2, 0)
    assert set(pd.read_csv(out / "claims.csv")["claim_id"]) == ids_before  # stable ids

    shutil.copyfile(RAW / "002_82efc141eec706b1.txt", small_corpus / "002_82efc141eec706b1.txt")
    edited = small_corpus / "004_9c485ca171c3d093.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nThe fund grew to $5 million in 2025.\n", encoding="utf-8"
    )
    (small_corpus / "003_66334d0d25dd3bf9.txt").unlink()
    third = _run(small_corpus, out)
    assert (third["new"], third["changed"], third["unchanged"], third["removed"]) == (1, 1, 0, 1)
    assert third["reextracted"] == 0
    claims = pd.read_csv(out / "claims.csv")
    assert "003_66334d0d25dd3bf9.txt" not in set(claims["doc"])
    assert "$5 million" in set(claims["surface"])
    assert [r["new"] for r in _runs(out)] == [first["new"], 0, 1]


def test_pipeline_review_survives_reruns_and_a_crash(prefect_harness, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Japan's OSA budget was ¥8.1 billion in FY2024.\n", encoding="utf-8")
    (raw / "b.txt").write_text("In FY2024, Japan's OSA budget reached ¥18.1 billion.\n", encoding="utf-8")
    out = tmp_path / "processed"
    _run(raw, out)
    conflicts = pd.read_csv(out / "conflicts.csv")
    assert len(conflicts) >= 1
    cid = conflicts.loc[0, "conflict_id"]

    from claims.io.decisions import DecisionStore

    row = conflicts.set_index("conflict_id").loc[cid].to_dict() | {"conflict_id": cid}
    DecisionStore.beside(out).record([row], status="confirmed", reviewer="Ana", note="MOFA says 8.1")
    _run(raw, out, full=True)  # re-extract everything: ids are stable, the decision stays
    assert pd.read_csv(out / "conflicts.csv").set_index("conflict_id").loc[cid, "status"] == "confirmed"

    before = (out / "conflicts.csv").read_bytes()
    (raw / "c.txt").write_text("Japan's OSA budget was ¥9 billion in FY2024.\n", encoding="utf-8")
    from claims.pipeline import stages

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed mid-run")

    monkeypatch.setattr(stages, "reconcile", killed)
    with pytest.raises(BaseException, match="killed"):
        _run(raw, out)
    monkeypatch.undo()
    assert (out / "conflicts.csv").read_bytes() == before
    assert _runs(out)[-1]["status"] == "interrupted"

    after = _run(raw, out)
    assert after["status"] == "ok"
    df = pd.read_csv(out / "conflicts.csv").set_index("conflict_id")
    assert df.loc[cid, "status"] == "confirmed"
    assert "c.txt" in set(pd.read_csv(out / "claims.csv")["doc"])
