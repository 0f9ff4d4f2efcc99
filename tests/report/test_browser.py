"""The reports in a real headless browser (Debian's chromium): they render, the top finding's quotes are on
the page, and the hostile markup planted in the frames stays inert."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claims.report.bundle import render_reports
from claims.report.common import page_name

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    pytest.skip("chromium not installed: apt-get install chromium")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def published(frames, tmp_path_factory) -> Path:
    """The rendered reports written as a run publishes them (report.html at the top, audit/ beside it)."""
    out = tmp_path_factory.mktemp("out")
    rendered = render_reports(**frames)
    (out / "audit").mkdir()
    for name, html in rendered.audit_pages.items():
        (out / "audit" / name).write_text(html, encoding="utf-8")
    (out / "report.html").write_text(rendered.report_html, encoding="utf-8")
    (out / "claimreview.jsonld").write_text(rendered.claimreview, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def report_dom(published, tmp_path_factory) -> str:
    profile = tmp_path_factory.mktemp("chromium-dom")
    done = _run(["--virtual-time-budget=3000", "--dump-dom", (published / "report.html").as_uri()], profile)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("size", ["1280,2000"])
def test_browser_screenshot_is_not_empty(published, tmp_path, size):
    png = tmp_path / "report.png"
    done = _run(
        [f"--screenshot={png}", f"--window-size={size}", (published / "report.html").as_uri()],
        tmp_path / "profile",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank 1280x2000 page compresses to a few kB


@pytest.mark.parametrize(("quote_a", "quote_b"), [("15 billion yen", "18.1 billion yen")])
def test_browser_top_finding_quotes_appear(report_dom, quote_a, quote_b):
    first = report_dom.split('<article class="finding', 2)[1]
    assert f"<mark>{quote_a}</mark>" in first
    assert f"<mark>{quote_b}</mark>" in first
    assert "Japan's OSA budget rose to" in first


@pytest.mark.parametrize("title", ["Inconsistency report"])
def test_browser_hostile_markup_stays_inert(report_dom, title):
    page_title = re.search(r"<title>(.*?)</title>", report_dom, re.DOTALL).group(1)
    assert page_title.startswith(title)
    assert "pwned" not in page_title
    # no element was created from the data: only our own script, no images at all
    assert re.findall(r"<img\b", report_dom) == []
    # our filter script and the ClaimReview data block, nothing else
    assert re.findall(r"<script\b[^>]*>", report_dom) == ['<script type="application/ld+json">', "<script>"]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in report_dom


@pytest.mark.parametrize("shown", ["5"])
def test_browser_filter_script_ran(report_dom, shown):
    assert 'data-ready="1"' in report_dom  # the CSP hash let our script run
    assert f'<span id="shown">{shown}</span>' in report_dom


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("severity=high", 1),
        ("scope=same_document", 2),
        ("q=insiders", 1),
        ("doc=osa_brief.md&status=dismissed", 0),
    ],
)
def test_browser_filters_preset_from_address(published, tmp_path, query, shown):
    url = f"{(published / 'report.html').as_uri()}?{query}"
    done = _run(["--virtual-time-budget=3000", "--dump-dom", url], tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    assert f'<span id="shown">{shown}</span>' in done.stdout
    hidden = re.findall(r'<article class="finding[^>]*\bhidden=""', done.stdout)
    assert len(hidden) == 5 - shown


@pytest.mark.parametrize("chapter", ["Chapter 4"])
def test_browser_chapter_audit_renders(published, tmp_path, chapter):
    page = published / "audit" / page_name("001_72274b1e3263120b.txt", chapter)
    done = _run(["--virtual-time-budget=3000", "--dump-dom", page.as_uri()], tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"<title>Audit — 001_72274b1e3263120b.txt — Chapter 4</title>", done.stdout)
    assert "<mark>18.1 billion yen</mark>" in done.stdout
    assert re.findall(r"<img\b", done.stdout) == []
