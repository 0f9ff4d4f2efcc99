"""The review workspace driven in a real browser against a real server process and a real pipeline output:
a decision made on the page is in conflicts.csv and the static report at once; bulk dismissal; an editor's
mark; a hostile document stays inert in the pages, report.html, the audit pages and claimreview.jsonld; the
static report keeps possible findings out of its headline; a review succeeds while a run holds the pipeline
database."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest
from ui_support import HOSTILE_NAME, screenshot

from claims.report.common import page_name

pytestmark = pytest.mark.slow


def _conflicts(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "conflicts.csv", dtype={"conflict_id": "string", "reviewer": "string"})


def _seed_finding(out: Path) -> str:
    """A cross-document finding (tier "finding" when there is one) between two seed documents."""
    df = _conflicts(out)
    cross = df[
        (df["doc_a"] != df["doc_b"]) & ~df["doc_a"].str.contains("img") & ~df["doc_b"].str.contains("img")
    ]
    cross = cross.sort_values("tier", key=lambda t: t.fillna("finding") != "finding", kind="stable")
    return str((cross if len(cross) else df).iloc[0]["conflict_id"])


def test_ui_confirm_on_the_finding_page_shows_in_the_exports(out_dir, serve_ui, page):
    server = serve_ui(out_dir)  # no --reviewer: the name is entered in the page
    cid = _seed_finding(out_dir)
    page.goto(f"{server.url}/findings")
    screenshot(page, "findings")
    page.fill("#reviewer-name", "Ana Lima")
    page.click("form.name-form button")
    page.wait_for_selector("text=You are reviewing as Ana Lima")
    page.goto(f"{server.url}/findings/{cid[:8]}")  # an id prefix is enough
    assert page.url.endswith(f"/findings/{cid}")
    page.fill("#note", "both sources read; the deck rounds the FY2025 budget")
    page.click("button.confirm")
    page.wait_for_selector("#review .st:text('confirmed')")
    assert "Ana Lima" in page.inner_text("#review")
    screenshot(page, "finding")

    row = _conflicts(out_dir).set_index("conflict_id").loc[cid]
    assert (row["status"], row["reviewer"]) == ("confirmed", "Ana Lima")
    assert row["review_note"] == "both sources read; the deck rounds the FY2025 budget"
    graph = json.loads((out_dir / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert [(r["identifier"], r["author"]["name"]) for r in graph] == [(cid, "Ana Lima")]
    decisions = pd.read_csv(out_dir / "decisions.csv", dtype="string")
    assert decisions[["conflict_id", "status", "reviewer"]].values.tolist() == [
        [cid, "confirmed", "Ana Lima"]
    ]
    assert (
        pd.read_parquet(out_dir / "conflicts.parquet").set_index("conflict_id").loc[cid, "status"]
        == "confirmed"
    )


def test_ui_bulk_dismiss_from_the_list(out_dir, serve_ui, page):
    server = serve_ui(out_dir, "--reviewer", "Bo Chen")
    before = _conflicts(out_dir)
    page.goto(f"{server.url}/findings?severity=medium")
    boxes = page.locator('table.findings input[name="ids"]')
    chosen = [boxes.nth(i).get_attribute("value") for i in range(min(2, boxes.count()))]
    assert len(chosen) == 2
    for value in chosen:
        page.check(f'input[name="ids"][value="{value}"]')
    page.fill('.bulk-actions input[name="note"]', "same figure restated")
    page.click('.bulk-actions button[value="dismissed"]')
    page.wait_for_selector("text=2 finding(s) now dismissed.")
    after = _conflicts(out_dir).set_index("conflict_id")
    assert after.loc[chosen, "status"].tolist() == ["dismissed", "dismissed"]
    assert after.loc[chosen, "reviewer"].tolist() == ["Bo Chen", "Bo Chen"]
    others = before[~before["conflict_id"].isin(chosen)]["conflict_id"]
    assert set(after.loc[list(others), "status"]) == {"open"}
    page.goto(f"{server.url}/findings?status=dismissed")
    assert page.locator('table.findings input[name="ids"]').count() == 2


def test_ui_editor_marks_a_figure_checked(out_dir, serve_ui, page):
    server = serve_ui(out_dir, "--reviewer", "Editor Eve")
    book = "001_72274b1e3263120b.txt"
    page.goto(f"{server.url}/documents")
    screenshot(page, "documents")
    page.click(f'a[href="/document?doc={book}&chapter=Chapter%204"]')
    first = page.locator("table.figures tbody tr").first
    claim_id = first.get_attribute("id").removeprefix("fig-")
    first.locator('input[name="note"]').fill("checked against MOFA's OSA page")
    first.locator('button[value="checked"]').click()
    page.wait_for_selector(f"#fig-{claim_id}.mark-checked")
    assert "Editor Eve" in page.inner_text(f"#fig-{claim_id}")
    screenshot(page, "chapter")
    marks = pd.read_csv(out_dir / "marks.csv", dtype="string")
    assert marks[["claim_id", "mark", "reviewer", "note"]].values.tolist() == [
        [claim_id, "checked", "Editor Eve", "checked against MOFA's OSA page"]
    ]
    page.goto(f"{server.url}/documents")
    chapter_row = page.locator("tr.chapter", has_text="Chapter 4")
    assert chapter_row.locator("td").nth(3).inner_text() == "1"  # checked column


def test_ui_hostile_document_stays_inert(out_dir, serve_ui, page):
    server = serve_ui(out_dir, "--reviewer", "Sec Tester")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = _conflicts(out_dir)
    cid = str(hostile[hostile["doc_a"] == HOSTILE_NAME].iloc[0]["conflict_id"])
    page.goto(f"{server.url}/findings?q=port+authority")
    page.click(f'a[href="/findings/{cid}"]')
    page.fill("#note", HOSTILE_NOTE)  # a note that tries to close the report's JSON-LD script element
    page.click("button.confirm")
    page.wait_for_selector("#review .st:text('confirmed')")
    page.goto(f"{server.url}/documents")
    page.click(f'a[href="/document?doc={quote(HOSTILE_NAME, safe="")}"]')
    page.wait_for_selector("table.figures")
    text = page.inner_text("main")
    assert "<img src=x onerror=" in text  # the markup is shown as text
    for url in (f"{server.url}/findings", f"{server.url}/findings/{cid}", page.url):
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.locator('img[src="x"], b[onmouseover], a[href^="javascript"]').count() == 0
    hostile_pages = sorted((out_dir / "audit").glob(page_name(HOSTILE_NAME).removesuffix(".html") + "*.html"))
    assert hostile_pages  # its audit page, and its chapters' if any
    for path in [out_dir / "report.html", out_dir / "audit" / "index.html", *hostile_pages]:
        assert page.goto(path.as_uri()) is not None
        assert page.evaluate("typeof window.pwned") == "undefined", path.name
        assert page.locator('img[src="x"], b[onmouseover], a[href^="javascript"]').count() == 0, path.name
        assert page.locator("script:not([type])").count() <= 1, path.name  # at most the filter script
        assert "<img src=x onerror=" in page.inner_text("body"), path.name  # the markup is shown as text
    page.goto((out_dir / "report.html").as_uri())
    block = page.locator('script[type="application/ld+json"]')
    assert block.count() == 1
    embedded = json.loads(block.inner_text())["@graph"]
    assert [(r["identifier"], r["reviewBody"]) for r in embedded] == [(cid, HOSTILE_NOTE)]
    text = (out_dir / "claimreview.jsonld").read_text(encoding="utf-8")
    assert not set("<>") & set(text)  # nothing in the file can close a script element
    graph = json.loads(text)["@graph"]
    assert [(r["identifier"], r["author"]["name"], r["reviewBody"]) for r in graph] == [
        (cid, "Sec Tester", HOSTILE_NOTE)
    ]
    assert "<img src=x" in graph[0]["claimReviewed"]  # document text kept verbatim, as a JSON string
    assert dialogs == []


HOSTILE_NOTE = '</script><script>window.pwned = 3</script><img src=x onerror="window.pwned=4">'


def test_ui_decision_shows_in_the_static_report_and_audit(out_dir, serve_ui, page):
    """A decision made in the workspace is in report.html and audit/ at once: status, who, when, history."""
    server = serve_ui(out_dir, "--reviewer", "Ana Lima")
    cid = _seed_finding(out_dir)
    page.goto(f"{server.url}/findings/{cid}")
    page.fill("#note", "checked against the ministry's table")
    page.click("button.confirm")
    page.wait_for_selector("#review .st:text('confirmed')")
    page.goto((out_dir / "report.html").as_uri())
    screenshot(page, "report")
    article = page.locator(f"article#f-{cid}")
    assert article.get_attribute("data-status") == "confirmed"
    decided = article.locator(".decided").inner_text()
    assert "confirmed by Ana Lima" in decided
    assert "UTC" in decided
    assert "checked against the ministry's table" in decided
    assert "History: 1 decision" in article.inner_text()
    assert page.locator(f'#glance tr[data-follows="f-{cid}"]').count() == 0  # no longer open
    page.select_option('select[name="status"]', "confirmed")
    assert page.locator("article.finding:not([hidden])").count() == 1
    audit, anchor = article.locator(".side a").first.get_attribute("href").split("#")
    page.goto(f"{(out_dir / audit).as_uri()}#{anchor}")
    row = page.locator(f"tr#{anchor}")
    assert "confirmed by Ana Lima" in row.inner_text()


def test_static_report_keeps_possible_findings_out_of_the_headline(pipeline_run, page):
    conflicts = _conflicts(pipeline_run.out)
    tiers = conflicts["tier"].fillna("finding")
    findings = conflicts[tiers == "finding"]
    page.goto((pipeline_run.out / "report.html").as_uri())
    page.wait_for_selector('#filters[data-ready="1"]')
    assert page.inner_text("#count-findings .n") == str(len(findings))
    assert page.locator("#list article").count() == len(findings)
    possible = int((tiers == "possible").sum())
    if possible:
        assert page.inner_text("#count-possible .n") == str(possible)
        assert page.locator("#possible-list article").count() == possible
    else:
        assert page.locator("#count-possible").count() == 0
    severities = page.inner_text("#count-findings ~ .card .n") if len(findings) else ""
    for severity, n in findings["severity"].value_counts().items():
        assert f"{severity} {n}" in severities
    glance = page.locator("#glance tbody tr").evaluate_all("rows => rows.map(r => r.dataset.follows)")
    open_findings = findings[findings["status"] == "open"]["conflict_id"]
    assert sorted(glance) == sorted(f"f-{c}" for c in open_findings)  # every open finding, no possible one
    assert "ok" in page.inner_text("#latest-run")  # the run's status
    page.select_option('select[name="tier"]', "possible")
    assert page.locator("#list article:not([hidden])").count() == 0
    assert page.locator("#glance tbody tr:not([hidden])").count() == 0
    assert page.locator("#possible-list article:not([hidden])").count() == possible


_HOLD_LOCK = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("BEGIN TRANSACTION")
    con.execute("CREATE TABLE IF NOT EXISTS run_in_progress (x INTEGER)")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def test_ui_review_succeeds_while_a_run_holds_the_database(out_dir, serve_ui, page):
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(out_dir / "claims.duckdb"), "120"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        server = serve_ui(out_dir, "--reviewer", "Late Reviewer")
        cid = _seed_finding(out_dir)
        page.goto(f"{server.url}/findings/{cid}")
        page.click("button.dismiss")
        page.wait_for_selector("#review .st:text('dismissed')", timeout=20_000)
        assert time.monotonic() - started < 60
        assert holder.poll() is None  # the "run" still holds its lock
        assert _conflicts(out_dir).set_index("conflict_id").loc[cid, "status"] == "dismissed"
    finally:
        holder.kill()
        holder.wait()
