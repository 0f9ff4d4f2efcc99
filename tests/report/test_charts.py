from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from report_frames import BOOK, BRIEF, DECK, HOSTILE

from claims.report.bundle import render_reports
from claims.report.charts import build_charts, charted, nice_ticks, render_chart_svg, topic_key
from claims.report.common import as_text, records
from claims.report.findings import build_findings, claim_side, titles_of

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def charts(claims_df, conflicts_df):
    subjects = [(as_text(c["subject"]), claim_side(c)) for c in records(claims_df)]
    return build_charts(build_findings(conflicts_df, claims_df), subjects)


@pytest.mark.parametrize(("topic", "unit"), [("OSA budget", "JPY")])
def test_charts_one_chart_per_quantity_stated_by_several_sources(charts, topic, unit):
    assert [(c.topic, c.unit) for c in charts] == [(topic, unit)]
    sources = {s.source for s in charts[0].series}
    assert sources == {f"{BOOK} · Chapter 4", DECK, BRIEF, HOSTILE}


@pytest.mark.parametrize(
    ("source", "years"), [(f"{BOOK} · Chapter 4", [2023, 2025, 2026, 2026]), (DECK, [2024, 2025])]
)
def test_charts_series_follow_time(charts, source, years):
    series = next(s for s in charts[0].series if s.source == source)
    assert [p.year for p in series.points] == years


@pytest.mark.parametrize("needle", ["&lt;img src=x onerror=&#34;document.title=&#39;pwned&#39;&#34;&gt;.txt"])
def test_charts_svg_is_valid_xml_with_escaped_labels(charts, needle):
    svg = render_chart_svg(charts[0], standalone=True)
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(HOSTILE in t for t in texts)  # shown as text, parsed back from its escaped form
    assert needle in svg
    assert not list(root.iter(f"{SVG}script"))
    assert not list(root.iter(f"{SVG}image"))


@pytest.mark.parametrize("n_markers", [9])
def test_charts_one_marker_per_figure(charts, n_markers):
    root = ET.fromstring(render_chart_svg(charts[0]).encode("utf-8"))
    tips = [p for p in root.iter(f"{SVG}path") if p.find(f"{SVG}title") is not None]
    assert len(tips) == n_markers


@pytest.mark.parametrize("keep", ["high"])
def test_charts_need_two_sources(claims_df, conflicts_df, keep):
    findings = [f for f in build_findings(conflicts_df, claims_df) if f.kind == "arithmetic"]
    assert build_charts(findings) == []


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 18.1e9, [0.0, 5e9, 1e10, 1.5e10, 2e10]), (0, 1, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])],
)
def test_charts_nice_ticks(low, high, expected):
    assert nice_ticks(low, high) == expected


@pytest.mark.parametrize("suffix", [".svg"])
def test_charts_rendered_as_files(frames, suffix):
    files = render_reports(**frames).charts
    assert len(files) == 1
    name, svg = next(iter(files.items()))
    assert name.endswith(suffix)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    ET.fromstring(svg.encode("utf-8"))


@pytest.mark.parametrize("tier", ["possible"])
def test_charts_drawn_for_findings_not_for_possible_ones(frames, conflicts_df, tier):
    only_possible = conflicts_df.assign(tier=tier)
    assert render_reports(**{**frames, "conflicts": only_possible}).charts == {}
    html = render_reports(**frames).report_html
    possible = conflicts_df[conflicts_df["tier"] == tier]["conflict_id"]
    follows = " ".join(re.findall(r'<figure id="chart-[0-9a-f]+" data-follows="([^"]*)"', html))
    assert follows
    assert all(f"f-{c}" not in follows for c in possible)


@pytest.mark.parametrize("title", ["<script>alert('title')</script>"])
def test_charts_name_sources_by_title(claims_df, conflicts_df, documents_df, title):
    titles = titles_of(documents_df)
    charts = build_charts(build_findings(conflicts_df, claims_df, titles=titles))
    sources = {s.source for c in charts for s in c.series}
    assert title in sources
    assert HOSTILE not in sources


@pytest.mark.parametrize("unit_of_one", [None, "USD"])
def test_charts_charted_keys_select_every_claim_a_chart_takes(claims_df, conflicts_df, unit_of_one):
    """Only claims whose subject and unit are a charted (topic, unit) can join a chart: building the sides
    of those alone gives the charts that the sides of every claim give (also when a claim of the topic
    is in another unit)."""
    claims = claims_df.copy()
    if unit_of_one:
        claims.loc[claims.index[claims["subject"] == "OSA budget"][0], "unit"] = unit_of_one
    findings = build_findings(conflicts_df, claims)
    every = [(as_text(c["subject"]), claim_side(c)) for c in records(claims)]
    drawn = charted(findings)
    chosen = [(s, side) for s, side in every if (topic_key(s), side.unit) in drawn]
    assert len(chosen) < len(every)
    assert build_charts(findings, chosen) == build_charts(findings, every)
