"""What the review pages compute (pure): flags that mean something, quotes in context, filters, the dot plot.
(The exports are the reports' own: tests/report/test_exports.py and test_claimreview.py.)"""

from __future__ import annotations

import pandas as pd
import pytest
from factories import claim

from claims.io.frames import claims_frame
from claims.report.findings import claim_side
from claims.segment import segment
from claims.ui import views


def _claims(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(doc, chapter, citation) per claim; every claim flagged no_citation when it has none."""
    made = [
        claim(float(i + 1), doc=doc, chapter=chapter, citation=citation, sentence=f"It was {i + 1}.")
        for i, (doc, chapter, citation) in enumerate(rows)
    ]
    df = claims_frame(made)
    df["flags"] = ["no_citation;no_period" if not c else "no_period" for _, _, c in rows]
    return df


@pytest.mark.parametrize(
    ("rows", "kept"),
    [
        # slides: nothing cites anything, so no figure is "uncited"
        ([("deck.txt", "", ""), ("deck.txt", "", "")], [False, False]),
        # a chapter with footnotes keeps the flag on its uncited figure; a chapter without any loses it
        (
            [
                ("book.txt", "Chapter 1", "[3] MOFA. Report. 2024."),
                ("book.txt", "Chapter 1", ""),
                ("book.txt", "Chapter 4", ""),
            ],
            [False, True, False],
        ),
    ],
)
def test_views_no_citation_flag_only_where_citing_is_done(rows, kept):
    out = views.meaningful_flags(_claims(rows))
    assert ["no_citation" in f.split(";") for f in out["flags"]] == kept
    assert all("no_period" in f for f in out["flags"])  # other flags untouched


def test_views_quote_context_gives_neighbouring_text_and_the_figure():
    text = "First paragraph about boats.\n\nJapan gave ¥6 billion in FY2023 for patrol boats. Later text."
    start = text.index("¥6 billion")
    row = claim(
        6e9,
        surface="¥6 billion",
        sentence="Japan gave ¥6 billion in FY2023 for patrol boats.",
        offset=start - text.index("Japan"),
        sentence_start=text.index("Japan"),
        unit="JPY",
    )
    side = claim_side(claims_frame([row]).iloc[0].to_dict())
    context = views.quote_context(text, side, sentence_start=text.index("Japan"), margin=20)
    assert context is not None
    assert context.surface == "¥6 billion"
    assert context.before.endswith("Japan gave ")
    assert "boats." in context.before
    assert context.after.startswith(" in FY2023 for patrol boats. Later")
    assert str(context.marked).count("<mark>") == 1
    assert views.quote_context(text.replace("¥6", "¥7"), side, sentence_start=0) is None  # another version


def test_views_table_context_names_the_column_headers():
    text = (
        "Budget\n\nFiscal Year\tTotal (JPY)\tTotal (USD)\n"
        "2024\t5 billion Yen\t$34 million\n2025\t8 billion Yen\t$56 million\n"
    )
    context = views.table_context(segment(text), text.index("8 billion"))
    assert context is not None
    assert context.headers == ("Fiscal Year", "Total (JPY)", "Total (USD)")
    assert context.cells == ("2025", "8 billion Yen", "$56 million")
    assert context.column == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "confirmed", "severity": "high"}, views.Filters(status="confirmed", severity="high")),
        ({"status": "<script>", "tier": "all"}, views.Filters()),  # unknown values are ignored
        ({"new": "1", "group": "quantity", "q": " osa "}, views.Filters(new=True, group=True, q="osa")),
    ],
)
def test_views_filters_from_the_query_string(query, expected):
    assert views.Filters.from_query(query) == expected


def _statement(value: float, in_finding: bool, doc: str = "a.txt") -> views.Statement:
    row = claim(value, surface=f"{value:g}", sentence=f"It was {value:g} in 2024.", doc=doc, period=2024)
    return views.Statement(claim_side(claims_frame([row]).iloc[0].to_dict()), doc, in_finding)


@pytest.mark.parametrize(
    ("values", "log"),
    [([280e6, 300e9], True), ([8e9, 8.1e9, 5e9], False)],
)
def test_views_dot_plot_puts_every_statement_on_one_axis(values, log):
    plot = views.dot_plot([_statement(v, i < 2) for i, v in enumerate(values)])
    assert plot is not None
    assert plot.log is log
    assert len(plot.dots) == len(values)
    xs = [d.x for d in plot.dots]
    assert all(plot.left <= x <= plot.right for x in xs)
    assert sorted(xs) == [x for _, x in sorted(zip(values, xs, strict=True))]  # larger value, further right
    assert [d.highlight for d in plot.dots] == [i < 2 for i in range(len(values))]


def test_views_dot_plot_needs_two_values():
    assert views.dot_plot([_statement(5.0, True)]) is None
