"""Charts of quantities stated by several sources: x = period, y = normalised value, one marker per source.

Hand-made SVG rendered by an autoescaping template: no plotting dependency, deterministic output, and every
label from a document is escaped like the rest of the report. One chart per (topic, unit) among the findings'
claims, drawn when at least two sources state the quantity for a known period.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from claims.report.common import environment, format_number, format_quantity, stable_id
from claims.report.findings import Finding, Side
from claims.types import Severity

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933")
"""Okabe-Ito colour-blind-safe colours; the marker shape changes too, so print in grey still separates."""
MARKERS = ("circle", "square", "triangle", "diamond", "plus", "cross", "triangle-down", "star")

WIDTH = 560
PLOT_TOP = 44
PLOT_HEIGHT = 220
MARGIN_LEFT = 78
MARGIN_RIGHT = 22
LEGEND_ROW = 18


@dataclass(frozen=True, slots=True)
class Point:
    claim_id: str
    year: float  # middle of the period
    start: int  # first and last year of the period (a range is drawn as a horizontal bar)
    end: int
    fiscal: bool
    period: str
    y: float
    y_low: float | None
    y_high: float | None
    surface: str
    value_text: str
    finding_anchors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Series:
    source: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # stable file-name part
    topic: str
    unit: str
    series: tuple[Series, ...]
    undated: int  # figures of this quantity without a period (not drawn)
    worst_severity: str

    @property
    def finding_anchors(self) -> tuple[str, ...]:
        """The findings whose figures the chart draws (their HTML ids in report.html)."""
        return tuple(dict.fromkeys(a for s in self.series for p in s.points for a in p.finding_anchors))


def topic_key(topic: str) -> str:
    """A topic as charts group it: lower case, spaces folded.

    >>> topic_key("  OSA   Budget ")
    'osa budget'
    """
    return " ".join(topic.lower().split())


def charted(findings: Iterable[Finding]) -> set[tuple[str, str]]:
    """The (topic key, unit) pairs `build_charts` draws for these findings: only a claim whose subject and
    unit make one of them can join a chart (the caller builds the sides of those claims only)."""
    return {
        (topic_key(finding.topic or "unnamed quantity"), side.unit)
        for finding in findings
        for side in finding.sides
        if _y(side) is not None
    }


def build_charts(findings: Iterable[Finding], claims: Iterable[tuple[str, Side]] = ()) -> list[Chart]:
    """One chart per (topic, unit) where two or more sources give dated values, most severe first.

    The points are the findings' claims, plus any other claim (`claims`: (subject, side) pairs) whose subject
    is exactly a finding's topic in the same unit, so the chart shows the whole series each source gives.
    """
    groups: dict[tuple[str, str], list[tuple[Finding | None, Side]]] = defaultdict(list)
    titles: dict[tuple[str, str], str] = {}
    for finding in findings:
        topic = finding.topic or "unnamed quantity"
        for side in finding.sides:
            if _y(side) is None:
                continue
            key = (topic_key(topic), side.unit)
            groups[key].append((finding, side))
            titles.setdefault(key, topic)
    for subject, side in claims:
        key = (topic_key(subject), side.unit)
        if key in groups and _y(side) is not None:
            groups[key].append((None, side))
    charts = []
    for key, members in groups.items():
        chart = _chart(titles[key], key[1], members)
        if chart is not None:
            charts.append(chart)
    return sorted(charts, key=lambda c: (Severity.rank_of(c.worst_severity), -len(c.series), c.topic.lower()))


def _y(side: Side) -> float | None:
    if side.value is not None:
        return side.value
    if side.value_low is not None and side.value_high is not None:
        return (side.value_low + side.value_high) / 2
    return None


def _chart(topic: str, unit: str, members: list[tuple[Finding | None, Side]]) -> Chart | None:
    anchors: dict[str, list[str]] = defaultdict(list)
    sides: dict[str, Side] = {}
    for finding, side in members:
        key = side.claim_id or f"{side.doc}:{side.start}"
        sides.setdefault(key, side)
        if finding is not None and finding.anchor not in anchors[key]:
            anchors[key].append(finding.anchor)
    by_source: dict[str, list[Point]] = defaultdict(list)
    undated = 0
    for key, side in sides.items():
        y = _y(side)
        if y is None:
            continue
        if side.period_start is None and side.period_end is None:
            undated += 1
            continue
        years = [y for y in (side.period_start, side.period_end) if y is not None]
        start, end = years[0], years[-1]
        by_source[side.source_label].append(
            Point(
                claim_id=side.claim_id,
                year=(start + end) / 2,
                start=start,
                end=end,
                fiscal=side.fiscal,
                period=side.period,
                y=y,
                y_low=side.value_low if side.value is None else None,
                y_high=side.value_high if side.value is None else None,
                surface=side.surface,
                value_text=side.value_text,
                finding_anchors=tuple(anchors[key]),
            )
        )
    if len(by_source) < 2:
        return None
    series = tuple(
        Series(source, tuple(sorted(points, key=lambda p: (p.year, p.y))))
        for source, points in sorted(by_source.items())
    )
    worst = min((f.severity for f, _ in members if f is not None), key=Severity.rank_of)
    return Chart(
        key=stable_id(topic.lower(), unit, length=10),
        topic=topic,
        unit=unit,
        series=series,
        undated=undated,
        worst_severity=worst,
    )


def charts_by_finding(findings: Iterable[Finding], charts: Iterable[Chart]) -> dict[str, str]:
    """conflict_id -> key of the chart that draws its quantity (for a "see the chart" link)."""
    by_topic = {(topic_key(c.topic), c.unit): c.key for c in charts}
    out = {}
    for finding in findings:
        topic = topic_key(finding.topic or "unnamed quantity")
        for side in finding.sides:
            key = by_topic.get((topic, side.unit))
            if key:
                out[finding.conflict_id] = key
                break
    return out


# ------------------------------------------------------------------------------------------- geometry


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high].

    >>> nice_ticks(0, 18.1e9)
    [0.0, 5000000000.0, 10000000000.0, 15000000000.0, 20000000000.0]
    >>> nice_ticks(0, 1)
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    """
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))
    first = math.floor(low / step) * step
    ticks: list[float] = []
    tick = first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 12))
        tick = first + step * len(ticks)
    return ticks


def _marker_path(shape: str, x: float, y: float, r: float = 5.5) -> str:
    if shape == "circle":
        return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z"
    if shape == "square":
        s = r * 0.85
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y + r * 0.8:.1f}L{x - r:.1f},{y + r * 0.8:.1f}Z"
    if shape == "triangle-down":
        return f"M{x:.1f},{y + r:.1f}L{x + r:.1f},{y - r * 0.8:.1f}L{x - r:.1f},{y - r * 0.8:.1f}Z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}Z"
    if shape in {"plus", "cross"}:
        t = r * 0.35
        outline = [
            (-t, -r),
            (t, -r),
            (t, -t),
            (r, -t),
            (r, t),
            (t, t),
            (t, r),
            (-t, r),
            (-t, t),
            (-r, t),
            (-r, -t),
            (-t, -t),
        ]
        if shape == "cross":
            c = math.cos(math.pi / 4)
            outline = [((dx - dy) * c, (dx + dy) * c) for dx, dy in outline]
        return "M" + "L".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in outline) + "Z"
    # star
    pts = []
    for i in range(10):
        radius = r * 1.15 if i % 2 == 0 else r * 0.5
        angle = math.pi / 2 + i * math.pi / 5
        pts.append(f"{x + radius * math.cos(angle):.1f},{y - radius * math.sin(angle):.1f}")
    return "M" + "L".join(pts) + "Z"


def render_chart_svg(chart: Chart, *, standalone: bool = False) -> str:
    """The chart as an SVG string (inline in report.html, or a standalone .svg file)."""
    points = [p for s in chart.series for p in s.points]
    ys = [v for p in points for v in (p.y, p.y_low, p.y_high) if v is not None]
    positive = [v for v in ys if v > 0]
    log = bool(positive) and len(positive) == len(ys) and max(positive) / min(positive) > 50
    if log:
        lo_exp = math.floor(math.log10(min(positive)))
        hi_exp = math.ceil(math.log10(max(positive)))
        if hi_exp == lo_exp:
            hi_exp += 1
        y_ticks = [10.0**e for e in range(lo_exp, hi_exp + 1)]
        y_min, y_max = math.log10(y_ticks[0]), math.log10(y_ticks[-1])

        def y_of(v: float) -> float:
            return PLOT_TOP + PLOT_HEIGHT * (1 - (math.log10(v) - y_min) / (y_max - y_min))
    else:
        low = min(0.0, min(ys))
        y_ticks = nice_ticks(low, max(ys) * 1.05 if max(ys) > 0 else 1.0)
        y_min, y_max = y_ticks[0], y_ticks[-1]

        def y_of(v: float) -> float:
            return PLOT_TOP + PLOT_HEIGHT * (1 - (v - y_min) / (y_max - y_min))

    years = sorted({y for p in points for y in (p.start, p.end)})
    x_min, x_max = years[0] - 0.6, years[-1] + 0.6
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT

    def x_of(year: float) -> float:
        return MARGIN_LEFT + plot_width * (year - x_min) / (x_max - x_min)

    span = years[-1] - years[0]
    step = max(1, math.ceil((span + 1) / 10))
    fiscal = {p.start for p in points if p.start == p.end and p.fiscal}
    calendar = {p.start for p in points if p.start == p.end and not p.fiscal}
    x_ticks = [
        (x_of(float(y)), f"FY{y}" if y in fiscal and y not in calendar else str(y))
        for y in range(years[0], years[-1] + 1, step)
    ]

    n = len(chart.series)
    legend_top = PLOT_TOP + PLOT_HEIGHT + 44
    dodge = min(0.12, 0.5 / max(n, 1))
    drawn = []
    for i, series in enumerate(chart.series):
        colour, shape = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        offset = (i - (n - 1) / 2) * dodge
        marks = []
        for p in series.points:
            x, y = x_of(p.year + offset), y_of(p.y)
            marks.append(
                {
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "span": (
                        (round(x_of(p.start + offset), 1), round(x_of(p.end + offset), 1))
                        if p.end > p.start
                        else None
                    ),
                    "path": _marker_path(shape, x, y),
                    "low": round(y_of(p.y_low), 1)
                    if p.y_low is not None and (p.y_low > 0 or not log)
                    else None,
                    "high": round(y_of(p.y_high), 1) if p.y_high is not None else None,
                    "tip": f"{series.source}: {p.value_text} ({p.period}) — “{p.surface}”",
                    "label": format_number(p.y),
                }
            )
        single = [m for m in marks if m["span"] is None]  # ranges are bars, not points on a trend line
        line = " ".join(f"{m['x']},{m['y']}" for m in single) if len(single) > 1 else ""
        drawn.append(
            {
                "source": series.source,
                "colour": colour,
                "marks": marks,
                "line": line,
                "legend_path": _marker_path(shape, 22, legend_top + i * LEGEND_ROW - 4, r=5),
                "legend_y": legend_top + i * LEGEND_ROW,
            }
        )
    height = legend_top + LEGEND_ROW * n + (LEGEND_ROW if chart.undated else 0) + 6
    unit_label = _unit_label(chart.unit)
    return (
        environment()
        .get_template("chart.svg.html")
        .render(
            chart=chart,
            standalone=standalone,
            width=WIDTH,
            height=height,
            series=drawn,
            plot_top=PLOT_TOP,
            plot_bottom=PLOT_TOP + PLOT_HEIGHT,
            plot_left=MARGIN_LEFT,
            plot_right=WIDTH - MARGIN_RIGHT,
            legend_top=legend_top,
            legend_row=LEGEND_ROW,
            y_ticks=[(round(y_of(t), 1), _tick_label(t, chart.unit)) for t in y_ticks],
            x_ticks=[(round(x, 1), text) for x, text in x_ticks],
            log=log,
            unit_label=unit_label,
            title=f"{chart.topic}",
            subtitle=f"{unit_label}{' (log scale)' if log else ''}",
        )
    )


def _tick_label(value: float, unit: str) -> str:
    return format_quantity(value, unit) if unit not in {"", "count"} else format_number(value)


def _unit_label(unit: str) -> str:
    names = {"percent": "percent", "count": "count", "times": "multiple", "XXX": "currency not stated"}
    return names.get(unit, unit or "value")
