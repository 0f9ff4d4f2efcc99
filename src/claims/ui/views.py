"""What the review pages show, computed from the published frames and the decisions (pure: no I/O).

- `items`: every finding with its review state (who decided, when, assigned to whom, new since the last run,
  tier), its documents' titles and the quantity it is about;
- `Filters` / `select` / `group_by_quantity`: the findings list;
- `statements_of`: every statement of a finding's quantity, and `dot_plot` to draw them;
- `quote_context`: a quote with the text around it; `table_context` (from `claims.report.tables`): a table
  cell with its headers;
- `meaningful_flags` (from `claims.report.audit`, as the static audit pages use it): no "no citation" flag
  where nothing could be cited;
- `figures_of`: an editor's list of the figures of a document or chapter with their marks;
- `Page` / `paginate`: the findings list a page at a time.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from claims.io.decisions import Mark
from claims.report.audit import meaningful_flags
from claims.report.charts import nice_ticks
from claims.report.common import TIERS, as_text, format_number, format_quantity, records
from claims.report.findings import Finding, Side, TableContext, build_findings, claim_side
from claims.report.tables import table_context

SEVERITIES = ("high", "medium", "low")
STATUSES = ("open", "confirmed", "dismissed")
PAGE_SIZE = 50
"""Findings shown per page of the list."""

__all__ = [
    "PAGE_SIZE",
    "SEVERITIES",
    "STATUSES",
    "TIERS",
    "Context",
    "Filters",
    "Item",
    "Page",
    "TableContext",
    "group_by_quantity",
    "items",
    "meaningful_flags",
    "paginate",
    "quote_context",
    "select",
    "table_context",
    "title_of",
    "titles",
]


def title_of(documents: Mapping[str, str], doc: str) -> str:
    """A document as people know it: its title, else its file name.

    >>> title_of({"a.txt": "Japan's Security Cooperation"}, "a.txt"), title_of({}, "b.txt")
    ("Japan's Security Cooperation", 'b.txt')
    """
    return documents.get(doc) or doc


def titles(documents: pd.DataFrame | None) -> dict[str, str]:
    return {
        as_text(d.get("doc")): as_text(d.get("title")) for d in records(documents) if as_text(d.get("doc"))
    }


@dataclass(frozen=True, slots=True)
class Item:
    """A finding in the review workspace (its review state is the finding's: `claims.report.findings`)."""

    finding: Finding
    quantity: str  # the group label: topic and unit
    title_a: str
    title_b: str

    @property
    def conflict_id(self) -> str:
        return self.finding.conflict_id

    @property
    def reviewer(self) -> str:
        return self.finding.reviewer

    @property
    def assigned_to(self) -> str:
        return self.finding.assigned_to

    @property
    def new(self) -> bool | None:
        """New since the last run; None when the published set does not say."""
        return self.finding.new

    @property
    def tier(self) -> str:
        return self.finding.tier

    @property
    def carried_from(self) -> str:
        return self.finding.carried_from

    @property
    def decided(self) -> bool:
        return bool(self.finding.reviewed_at)


def quantity_label(finding: Finding) -> str:
    unit = finding.a.unit or ""
    label = {"percent": "%", "count": "count", "times": "×"}.get(unit, unit)
    topic = finding.topic or "unnamed quantity"
    return f"{topic} ({label})" if label else topic


def items(conflicts: pd.DataFrame, claims: pd.DataFrame | None, documents: pd.DataFrame | None) -> list[Item]:
    """Every finding of a conflicts frame that carries the review columns (`apply_decisions`), findings
    before possible findings."""
    names = titles(documents)
    return [
        Item(
            finding=finding,
            quantity=quantity_label(finding),
            title_a=title_of(names, finding.a.doc),
            title_b=title_of(names, finding.b.doc) if finding.b else "",
        )
        for finding in build_findings(conflicts, claims, titles={d: t for d, t in names.items() if t})
    ]


# ------------------------------------------------------------------------------------------- the list


@dataclass(frozen=True, slots=True)
class Filters:
    """The findings list's filters, from the query string (unknown values are ignored, never an error)."""

    status: str = ""
    severity: str = ""
    kind: str = ""
    doc: str = ""
    scope: str = ""
    reviewer: str = ""
    assigned: str = ""
    tier: str = ""
    new: bool = False
    q: str = ""
    group: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        def pick(name: str, allowed: Iterable[str] | None = None) -> str:
            value = str(query.get(name, "")).strip()
            return value if allowed is None or value in allowed else ""

        return cls(
            status=pick("status", STATUSES),
            severity=pick("severity", SEVERITIES),
            kind=pick("kind"),
            doc=pick("doc"),
            scope=pick("scope"),
            reviewer=pick("reviewer"),
            assigned=pick("assigned"),
            tier=pick("tier", TIERS),
            new=pick("new") in {"1", "true", "on"},
            q=pick("q")[:200],
            group=pick("group") == "quantity",
        )

    def query(self, **changes: object) -> dict[str, str]:
        """The filters as query parameters (for links that keep them), with some changed."""
        values = {
            "status": self.status,
            "severity": self.severity,
            "kind": self.kind,
            "doc": self.doc,
            "scope": self.scope,
            "reviewer": self.reviewer,
            "assigned": self.assigned,
            "tier": self.tier,
            "new": "1" if self.new else "",
            "q": self.q,
            "group": "quantity" if self.group else "",
        }
        values.update({k: str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.query(group=""))


def _haystack(item: Item) -> str:
    f = item.finding
    parts = [f.conflict_id, f.topic, f.explanation, f.period, item.title_a, item.title_b, f.review_note]
    for side in f.sides:
        parts += [side.doc, side.surface, side.sentence, side.chapter, side.section, side.citation]
    return " ".join(p for p in parts if p).lower()


def matches(item: Item, filters: Filters) -> bool:
    f = item.finding
    checks = (
        not filters.status or f.status == filters.status,
        not filters.severity or f.severity == filters.severity,
        not filters.kind or f.kind == filters.kind,
        not filters.doc or filters.doc in f.docs,
        not filters.scope or f.scope == filters.scope,
        not filters.reviewer or item.reviewer == filters.reviewer,
        not filters.assigned or item.assigned_to == filters.assigned,
        not filters.tier or item.tier == filters.tier,
        not filters.new or item.new is True,
    )
    if not all(checks):
        return False
    words = filters.q.lower().split()
    if not words:
        return True
    haystack = _haystack(item)
    return all(w in haystack for w in words)


def select(all_items: Sequence[Item], filters: Filters) -> list[Item]:
    return [i for i in all_items if matches(i, filters)]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the findings list."""

    number: int  # 1-based
    count: int  # pages in all (at least 1)
    first: int  # 1-based index of the first item shown (0 when none)
    last: int
    total: int
    members: tuple[Item, ...]

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def paginate(selected: Sequence[Item], page: object, size: int = PAGE_SIZE) -> Page:
    """The `page`-th slice of `size` items (a page number out of range gives the nearest page).

    >>> p = paginate(list(range(120)), "3")  # type: ignore[arg-type]
    >>> (p.number, p.count, p.first, p.last, len(p.members), p.previous, p.next)
    (3, 3, 101, 120, 20, 2, None)
    >>> paginate([], "x").count, paginate(list(range(5)), -4).number  # type: ignore[arg-type]
    (1, 1)
    """
    count = max(1, math.ceil(len(selected) / size))
    try:
        number = int(str(page))
    except ValueError:
        number = 1
    number = min(max(number, 1), count)
    members = tuple(selected[(number - 1) * size : number * size])
    first = (number - 1) * size + 1 if members else 0
    return Page(number, count, first, first + len(members) - 1 if members else 0, len(selected), members)


def group_by_quantity(selected: Sequence[Item]) -> list[tuple[str, list[Item]]]:
    """Findings grouped by the quantity they are about, the group of the most serious finding first."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in selected:
        groups[item.quantity].append(item)
    return list(groups.items())


def options(all_items: Sequence[Item]) -> dict[str, list[str]]:
    """The values each filter can take in this set (for the filter menus)."""
    return {
        "kind": sorted({i.finding.kind for i in all_items}),
        "scope": sorted({i.finding.scope for i in all_items}),
        "doc": sorted({d for i in all_items for d in i.finding.docs}),
        "reviewer": sorted({i.reviewer for i in all_items if i.reviewer}),
        "assigned": sorted({i.assigned_to for i in all_items if i.assigned_to}),
        "tier": sorted({i.tier for i in all_items}),
    }


# --------------------------------------------------------------------------------------- the quantity


@dataclass(frozen=True, slots=True)
class Statement:
    side: Side
    title: str
    in_finding: bool


def statements_of(finding: Finding, claims: pd.DataFrame | None, names: Mapping[str, str]) -> list[Statement]:
    """Every statement of the finding's quantity: its sides, and each claim whose subject is the finding's
    topic in the same unit; in period order."""
    topic = " ".join(finding.topic.lower().split())
    units = {s.unit for s in finding.sides}
    own = {s.claim_id for s in finding.sides}
    out = [Statement(s, title_of(names, s.doc), True) for s in finding.sides]
    if topic:
        for claim in records(claims):
            side = claim_side(claim)
            subject = " ".join(as_text(claim.get("subject")).lower().split())
            if side.claim_id not in own and subject == topic and side.unit in units:
                out.append(Statement(side, title_of(names, side.doc), False))
    return sorted(out, key=lambda s: (s.side.period_start or 0, s.side.doc, s.side.start or 0))


@dataclass(frozen=True, slots=True)
class Dot:
    y: int
    x: float
    x_low: float | None
    x_high: float | None
    label: str
    value: str
    highlight: bool


@dataclass(frozen=True, slots=True)
class DotPlot:
    width: int
    height: int
    left: int
    right: int
    dots: tuple[Dot, ...]
    ticks: tuple[tuple[float, str], ...]
    log: bool
    unit: str = ""
    extra: tuple[str, ...] = field(default=())


def _value(side: Side) -> float | None:
    if side.value is not None:
        return side.value
    if side.value_low is not None and side.value_high is not None:
        return (side.value_low + side.value_high) / 2
    return None


def dot_plot(statements: Sequence[Statement], *, width: int = 760, row: int = 22) -> DotPlot | None:
    """One row per statement, its value on a shared axis (logarithmic when the values span 100× or more).

    None when fewer than two statements have a value.
    """
    valued: list[tuple[Statement, float]] = []
    for statement in statements:
        value = _value(statement.side)
        if value is not None:
            valued.append((statement, value))
    if len(valued) < 2:
        return None
    values: list[float] = [v for _, v in valued] + [
        b for s, _ in valued for b in (s.side.value_low, s.side.value_high) if b is not None
    ]
    low, high = min(values), max(values)
    log = low > 0 and high / low >= 100
    if log:
        marks = [10.0**e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]
    else:
        marks = nice_ticks(min(0.0, low), high, count=4)
    axis_low, axis_high = marks[0], marks[-1]  # the axis runs from tick to tick
    left, right = 280, width - 90  # room for the labels on the left and the values on the right

    def scale(v: float) -> float:
        if log:
            a, b = math.log10(axis_low), math.log10(axis_high)
            t = (math.log10(v) - a) / (b - a) if b > a else 0.5
        else:
            t = (v - axis_low) / (axis_high - axis_low) if axis_high > axis_low else 0.5
        return round(left + t * (right - left), 1)

    dots = []
    for i, (s, v) in enumerate(valued):
        label = f"{s.title[:36]}{'…' if len(s.title) > 36 else ''} · {s.side.period or 'no period'}"
        dots.append(
            Dot(
                y=30 + i * row,
                x=scale(v),
                x_low=scale(s.side.value_low) if s.side.value is None and s.side.value_low else None,
                x_high=scale(s.side.value_high) if s.side.value is None and s.side.value_high else None,
                label=label,
                value=s.side.value_text,
                highlight=s.in_finding,
            )
        )
    ticks = tuple((scale(m), format_number(m)) for m in marks)
    unit = statements[0].side.unit
    return DotPlot(width, 40 + len(dots) * row, left, right, tuple(dots), ticks, log, unit)


# ---------------------------------------------------------------------------------------- the quotes


@dataclass(frozen=True, slots=True)
class Context:
    """A quote in its document: the text before, the quoted figure, the text after (all plain text)."""

    before: str
    surface: str
    after: str
    clipped_start: bool
    clipped_end: bool

    @property
    def marked(self) -> Markup:
        return escape(self.before) + Markup("<mark>{}</mark>").format(self.surface) + escape(self.after)


def quote_context(text: str, side: Side, *, sentence_start: int | None, margin: int = 260) -> Context | None:
    """The claim's sentence with about `margin` characters of neighbouring text on each side, cut at spaces.

    None when the text does not give back the claim's surface at its offsets (another version of the file).

    >>> text = "Intro. Japan gave $5 million in 2023. Then more."
    >>> side = Side("c1", "a.txt", "", "", "Japan gave $5 million in 2023.", Markup(""), "$5 million",
    ...             18, 28, 5e6, None, None, "USD", "2023", "", "", "")
    >>> ctx = quote_context(text, side, sentence_start=7, margin=8)
    >>> (ctx.before, ctx.surface, ctx.after)
    ('Intro. Japan gave ', '$5 million', ' in 2023. Then')
    """
    start, end = side.start, side.end
    if start is None or end is None or text[start:end] != side.surface:
        return None
    first = min(sentence_start if sentence_start is not None else start, start)
    last = max(end, first + len(side.sentence))
    a, b = max(0, first - margin), min(len(text), last + margin)
    if a > 0:
        space = text.find(" ", a, first)
        a = space + 1 if space >= 0 else a
    if b < len(text):
        space = text.rfind(" ", last, b)
        b = space if space >= 0 else b
    return Context(text[a:start], text[start:end], text[end:b], a > 0, b < len(text))


# -------------------------------------------------------------------------------------- editors' view


@dataclass(frozen=True, slots=True)
class Figure:
    number: int
    side: Side
    kind: str
    subject: str
    flags: tuple[str, ...]
    mark: Mark | None
    findings: tuple[str, ...]  # conflict ids this figure takes part in


FLAG_WORDS = {
    "no_citation": "no citation",
    "no_period": "no period",
    "currency_missing": "currency missing",
    "currency_from_document": "currency (dollar, rupee) read from the document's country",
    "table_cell": "table cell",
}


def chapters_of(claims: pd.DataFrame | None, doc: str) -> list[str]:
    """The chapters of a document in reading order ("" first when figures stand outside any chapter)."""
    rows = sorted(
        (r for r in records(claims) if as_text(r.get("doc")) == doc),
        key=lambda r: int(r.get("char_start") or 0),  # type: ignore[call-overload]
    )
    return list(dict.fromkeys(as_text(r.get("chapter")) for r in rows))


def figures_of(
    claims: pd.DataFrame | None,
    doc: str,
    chapter: str | None,
    marks: Mapping[str, Mark],
    in_findings: Mapping[str, Sequence[str]],
) -> list[Figure]:
    """Every figure of a document (or of one of its chapters), in reading order, with its mark."""
    rows = [
        r
        for r in records(claims)
        if as_text(r.get("doc")) == doc and (chapter is None or as_text(r.get("chapter")) == chapter)
    ]
    rows.sort(key=lambda r: int(r.get("char_start") or 0))  # type: ignore[call-overload]
    out = []
    for i, r in enumerate(rows, 1):
        side = claim_side(r)
        flags = tuple(f for f in re.split(r";", as_text(r.get("flags"))) if f)
        out.append(
            Figure(
                number=i,
                side=side,
                kind=as_text(r.get("kind")),
                subject=as_text(r.get("subject")),
                flags=flags,
                mark=marks.get(side.claim_id),
                findings=tuple(in_findings.get(side.claim_id, ())),
            )
        )
    return out


def findings_by_claim(all_items: Iterable[Item]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for item in all_items:
        for side in item.finding.sides:
            if side.claim_id:
                out[side.claim_id].append(item.conflict_id)
    return out


def mark_counts(figures: Sequence[Figure]) -> dict[str, int]:
    counts = {"figures": len(figures), "checked": 0, "needs_fix": 0, "unmarked": 0, "flagged": 0}
    for fig in figures:
        state = fig.mark.mark if fig.mark else "unmarked"
        counts[state] = counts.get(state, 0) + 1
        if fig.flags and any(f != "table_cell" for f in fig.flags) or fig.findings:
            counts["flagged"] += 1
    return counts


def value_text(side: Side) -> str:
    return format_quantity(side.value, side.unit or None, side.value_low, side.value_high)
