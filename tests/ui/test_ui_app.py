"""The workspace's guards and actions in-process, on a small published folder made from hand-written frames:
CSRF, Host, Origin and access token; decisions and marks rewrite the exports; never silently nameless."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest
from factories import claim
from starlette.testclient import TestClient

from claims.io import export
from claims.io.decisions import DecisionStore
from claims.io.frames import claims_frame, conflicts_frame, documents_frame
from claims.types import Conflict, ConflictKind, Severity, make_conflict_id
from claims.ui.app import UiConfig, create_app
from claims.ui.security import Access

LOCAL = "http://127.0.0.1:8765"


def _claims() -> list:
    first = claim(
        6e9,
        surface="¥6 billion",
        sentence="Tokyo pledged ¥6 billion for patrol boats in FY2023.",
        doc="a.txt",
        unit="JPY",
        period=2023,
        subject="patrol boat grant",
    )
    second = claim(
        9e9,
        surface="¥9 billion",
        sentence="The FY2023 patrol boat grant came to ¥9 billion.",
        doc="b.txt",
        unit="JPY",
        period=2023,
        subject="patrol boat grant",
    )
    return [first, second]


@pytest.fixture
def tiny_out(tmp_path: Path) -> Path:
    """An output folder as `claims run` publishes it: claims, conflicts, documents (one finding)."""
    a, b = _claims()
    conflict = Conflict(
        conflict_id=make_conflict_id(a.claim_id, b.claim_id),
        kind=ConflictKind.VALUE_MISMATCH,
        severity=Severity.HIGH,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        topic="patrol boat grant",
        period="FY2023",
        relative_difference=1 / 3,
        explanation="a.txt gives ¥6 billion; b.txt gives ¥9 billion.",
    )
    claims_df = claims_frame([a, b])
    out = tmp_path / "out"
    export.write_table(out, "claims", claims_df)
    export.write_table(out, "conflicts", conflicts_frame([conflict], claims_df))
    docs = [{"doc": "a.txt", "title": "Grant <b>notice</b>", "sha256": ""}, {"doc": "b.txt", "title": ""}]
    export.write_table(out, "documents", documents_frame(docs))
    return out


def _client(out: Path, *, reviewer: str | None = "Ana", access: Access | None = None, base: str = LOCAL):
    config = UiConfig(out_dir=out, raw_dir=None, reviewer=reviewer, access=access or Access(None, True))
    return TestClient(create_app(config), base_url=base, follow_redirects=False)


def _csrf(client: TestClient, path: str = "/findings") -> str:
    page = client.get(path)
    assert page.status_code == 200
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1)


def _cid(out: Path) -> str:
    return str(pd.read_parquet(out / "conflicts.parquet").loc[0, "conflict_id"])


@pytest.mark.parametrize("status", ["confirmed", "dismissed"])
def test_ui_app_decision_rewrites_the_exports(tiny_out, status):
    client = _client(tiny_out)
    cid = _cid(tiny_out)
    form = {
        "csrf": _csrf(client),
        "ids": cid,
        "status": status,
        "note": "=cmd|' /C calc'!A0",
        "next": "/findings",
    }
    response = client.post("/decide", data=form)
    assert response.status_code == 303
    assert "msg=decided" in response.headers["location"]
    for table in (pd.read_csv(tiny_out / "conflicts.csv"), pd.read_parquet(tiny_out / "conflicts.parquet")):
        assert (table.loc[0, "status"], table.loc[0, "reviewer"]) == (status, "Ana")
    decisions = (tiny_out / "decisions.csv").read_text(encoding="utf-8")
    assert "\"'=cmd|' /C calc'!A0\"" in decisions  # a spreadsheet reads it as text
    graph = (tiny_out / "claimreview.jsonld").read_text(encoding="utf-8")
    assert (cid in graph) == (status == "confirmed")
    assert status in (tiny_out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("form", "why"),
    [
        ({"csrf": "not-the-token"}, "bad_request"),
        ({}, "bad_request"),
    ],
)
def test_ui_app_refuses_a_post_without_its_csrf_token(tiny_out, form, why):
    client = _client(tiny_out)
    _csrf(client)
    response = client.post("/decide", data={"ids": _cid(tiny_out), "status": "confirmed", **form})
    assert response.status_code == 303
    assert f"msg={why}" in response.headers["location"]
    assert DecisionStore.beside(tiny_out).latest() == {}


@pytest.mark.parametrize(
    ("origin", "code", "stored"),
    [
        ("https://evil.example", 403, False),
        ("http://127.0.0.1.evil.example:8765", 403, False),
        ("http://127.0.0.1:8765", 303, True),
        ("null", 303, True),  # what a browser sends under some referrer policies; the token decides
    ],
)
def test_ui_app_refuses_a_cross_site_post(tiny_out, origin, code, stored):
    client = _client(tiny_out)
    form = {"csrf": _csrf(client), "ids": _cid(tiny_out), "status": "confirmed"}
    response = client.post("/decide", data=form, headers={"Origin": origin})
    assert response.status_code == code
    assert bool(DecisionStore.beside(tiny_out).latest()) is stored


def test_ui_app_catches_up_exports_a_run_published_without_the_decisions(tiny_out):
    """A decision made while a run was publishing: the next page view rewrites the exports."""
    cid = _cid(tiny_out)
    row = pd.read_parquet(tiny_out / "conflicts.parquet").iloc[0].to_dict()
    DecisionStore.beside(tiny_out).record([row], status="dismissed", reviewer="Ana", note="restated")
    assert pd.read_csv(tiny_out / "conflicts.csv").loc[0, "status"] == "open"
    client = _client(tiny_out)
    assert client.get("/findings").status_code == 200
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        table = pd.read_csv(tiny_out / "conflicts.csv", dtype={"conflict_id": "string"})
        if table.loc[0, "status"] == "dismissed":
            break
        time.sleep(0.2)
    assert (table.loc[0, "conflict_id"], table.loc[0, "status"]) == (cid, "dismissed")


def test_ui_app_asks_a_name_before_any_decision(tiny_out):
    client = _client(tiny_out, reviewer=None)
    token = _csrf(client)
    response = client.post("/decide", data={"csrf": token, "ids": _cid(tiny_out), "status": "confirmed"})
    assert "msg=need_name" in response.headers["location"]
    assert DecisionStore.beside(tiny_out).latest() == {}
    named = client.post("/reviewer", data={"csrf": token, "name": "  Chen   Wei ", "next": "/findings"})
    assert named.status_code == 303
    client.post("/decide", data={"csrf": token, "ids": _cid(tiny_out), "status": "confirmed"})
    assert DecisionStore.beside(tiny_out).latest()[_cid(tiny_out)].reviewer == "Chen Wei"


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8765"])
def test_ui_app_answers_only_loopback_host_names(tiny_out, host):
    client = _client(tiny_out, base=f"http://{host}")
    assert client.get("/findings").status_code == 400


def test_ui_app_needs_the_token_beyond_localhost(tiny_out):
    access = Access.for_host("0.0.0.0", None)
    assert access.token
    assert not access.loopback_only
    client = _client(tiny_out, access=access, base="http://192.0.2.10:8765")
    assert client.get("/findings").status_code == 401
    assert client.get("/findings?token=wrong").status_code == 401
    entry = client.get(f"/findings?token={access.token}&status=open")
    assert entry.status_code == 303
    assert entry.headers["location"] == "/findings?status=open"  # the token leaves the address bar
    assert client.get("/findings").status_code == 200  # the cookie carries it from now on
    bearer = _client(tiny_out, access=access, base="http://192.0.2.10:8765")
    assert bearer.get("/findings", headers={"Authorization": f"Bearer {access.token}"}).status_code == 200


def test_ui_app_pages_escape_document_text_and_send_a_strict_csp(tiny_out):
    client = _client(tiny_out)
    page = client.get("/documents")
    assert "Grant &lt;b&gt;notice&lt;/b&gt;" in page.text
    assert "<b>notice</b>" not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'none'" in policy
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", page.text))  # no inline script
    assert page.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("mark", ["checked", "needs_fix"])
def test_ui_app_mark_is_stored_and_exported(tiny_out, mark):
    client = _client(tiny_out, reviewer="Editor")
    claim_id = str(pd.read_parquet(tiny_out / "claims.parquet").loc[0, "claim_id"])
    token = _csrf(client, "/document?doc=a.txt")
    response = client.post(
        "/mark",
        data={"csrf": token, "ids": claim_id, "mark": mark, "note": "ok", "next": "/document?doc=a.txt"},
    )
    assert response.status_code == 303
    assert DecisionStore.beside(tiny_out).marks()[claim_id].mark == mark
    marks = pd.read_csv(tiny_out / "marks.csv", dtype="string")
    assert marks[["claim_id", "mark", "reviewer"]].values.tolist() == [[claim_id, mark, "Editor"]]
    page = client.get("/document?doc=a.txt")
    assert f'class="mark-{mark}"' in page.text


def test_ui_app_assign_shows_in_list_and_filter(tiny_out):
    client = _client(tiny_out)
    token = _csrf(client)
    cid = _cid(tiny_out)
    client.post("/assign", data={"csrf": token, "ids": cid, "assignee": "Bo", "next": "/findings"})
    assert pd.read_csv(tiny_out / "conflicts.csv").loc[0, "assigned_to"] == "Bo"
    assert cid in client.get("/findings?assigned=Bo").text
    assert f'value="{cid}"' not in client.get("/findings?assigned=Nobody").text


@pytest.mark.parametrize(("prefix", "code"), [("", 303), ("x", 404)])
def test_ui_app_finding_by_id_prefix(tiny_out, prefix, code):
    client = _client(tiny_out)
    cid = _cid(tiny_out)
    response = client.get(f"/findings/{prefix}{cid[:6]}")
    assert response.status_code == code
    if code == 303:
        assert response.headers["location"] == f"/findings/{cid}"


def _with_copies(out: Path, n: int, tier: str) -> list[str]:
    """n more findings like the published one (new ids, the given tier), published as a run would."""
    df = pd.read_parquet(out / "conflicts.parquet")
    copies = pd.concat([df.iloc[[0]]] * n, ignore_index=True)
    copies["conflict_id"] = [f"{tier[:3]}{i:013d}" for i in range(n)]
    copies["tier"] = tier
    export.write_table(out, "conflicts", pd.concat([df, copies], ignore_index=True))
    return copies["conflict_id"].tolist()


def test_ui_app_possible_findings_listed_apart_and_not_counted(tiny_out):
    possible = _with_copies(tiny_out, 2, "possible")
    client = _client(tiny_out)
    page = client.get("/findings").text
    counts = re.search(r'<p class="summary" id="counts">(.*?)</p>', page, re.DOTALL).group(1)
    assert re.match(r"\s*1 findings: <a[^>]*>1 open</a>", counts)
    assert "2 possible findings</a> below the report" in counts
    rows = re.findall(r'<tr id="row-([^"]+)"|<tr class="group possible-head">', page)
    assert rows == [_cid(tiny_out), "", *possible]  # the findings, then the possible ones under their heading
    only = client.get("/findings?tier=possible").text
    assert re.findall(r'<tr id="row-([^"]+)"', only) == possible


@pytest.mark.parametrize(("page", "shown", "first"), [("1", 50, "1–50 of 121"), ("3", 21, "101–121 of 121")])
def test_ui_app_findings_list_a_page_at_a_time(tiny_out, page, shown, first):
    _with_copies(tiny_out, 120, "finding")
    client = _client(tiny_out)
    html = client.get(f"/findings?page={page}&severity=high").text
    assert len(re.findall(r'<tr id="row-', html)) == shown
    assert f"{first} shown" in html
    assert f"page {page} of 3" in html
    if page == "1":
        assert 'href="/findings?severity=high&amp;page=2" rel="next"' in html
    else:
        assert 'href="/findings?severity=high&amp;page=2" rel="prev"' in html
