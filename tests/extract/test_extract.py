"""Claim extraction: offsets, ids, exclusions, tables, chunking, and robustness on odd text."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.context.facets import Facets
from claims.extract import chunk_text, extract_claims, extract_documents
from claims.settings import Settings
from claims.types import Document, Kind, Qualifier

RAW = Path(__file__).resolve().parent.parent.parent / "raw"


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _doc(text: str, name: str = "t.txt", **kw) -> Document:
    return Document(doc=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), **kw)


def _by_surface(claims):
    return {c.surface: c for c in claims}


@pytest.mark.parametrize(
    ("text", "max_chars"),
    [("aaa\n\nbbb\n\nccc", 8), ("x" * 50, 7), ("one. two. three. four.", 9), ("", 5), ("short", 100)],
)
def test_extract_chunks_tile_text(text: str, max_chars: int) -> None:
    chunks = chunk_text(text, max_chars)
    assert chunks[0][0] == 0
    assert chunks[-1][1] == len(text)
    for (a, b), (c, _) in zip(chunks, chunks[1:], strict=False):
        assert b == c
        assert b - a <= max_chars


TEXT = (
    "Japan Aid Review\n\n"
    "Introduction\n\n"
    "Between 2011 and 2021, Japan gave over $40 million to the AHA Centre.¹ "
    "In FY2025 the OSA budget was 8.1 billion yen. Tokyo will provide Kuala Lumpur with ¥400 million "
    "($2.81 million) in grants.\n\n"
    "See https://example.org/report/2024/12345 and ISBN: 978-9924-9978-2-5.\n\n"
    "Budget table\n\n"
    "(OSA) Fiscal Year\tTotal Budget (JPY)\tTotal Budget (USD, Approx.)\n"
    "2024\t5 billion Yen\t$30-34.6 million\n"
    "2025\t8 billion Yen\t$56 million\n\n"
    "Military expenditure\n\n"
    "Country\t2024 Budget (USD Billions)\t2024 Budget (% of GDP)\n"
    "Japan\t55.3\t1.4\n\n"
    "References\n\n"
    "- 1 MOFA. 2024. Report on 300 projects worth $5 billion.\n"
)


@pytest.fixture(scope="module")
def claims(blank):
    return extract_claims(_doc(TEXT), blank, Settings())


def test_extract_offsets_give_back_surface(claims) -> None:
    assert claims
    for c in claims:
        assert TEXT[c.char_start : c.char_end] == c.surface


@pytest.mark.parametrize("surface", ["2024", "978", "12345", "300", "$5 billion", "1"])
def test_extract_not_claims(claims, surface: str) -> None:
    assert surface not in _by_surface(claims)


@pytest.mark.parametrize(
    ("surface", "period", "fiscal"),
    [
        ("$40 million", (2011, 2021), False),
        ("8.1 billion yen", (2025, 2025), True),
        ("5 billion Yen", (2024, 2024), True),
        ("55.3", (2024, 2024), False),
    ],
)
def test_extract_periods(claims, surface: str, period: tuple[int, int], fiscal: bool) -> None:
    c = _by_surface(claims)[surface]
    assert (c.period_start, c.period_end, c.fiscal) == (*period, fiscal)


def test_extract_table_cells_take_header_units(claims) -> None:
    found = _by_surface(claims)
    cell = found["55.3"]
    assert (cell.kind, cell.unit, cell.value) == (Kind.MONEY, "USD", pytest.approx(55.3e9))
    assert found["1.4"].unit == "percent"
    assert found["$56 million"].qualifier == Qualifier.APPROX
    assert "table_cell" in cell.flags
    assert "Japan" in cell.entities
    assert found["5 billion Yen"].subject == "Budget table: OSA Total Budget"
    assert found["5 billion Yen"].sentence == "2024 | 5 billion Yen | $30-34.6 million"


def test_extract_citation_and_section(claims) -> None:
    c = _by_surface(claims)["$40 million"]
    assert c.citation == "[1] MOFA. 2024. Report on 300 projects worth $5 billion."
    assert c.section == "Introduction"
    assert {"Japan", "AHA Centre"} <= set(c.entities)


def test_extract_conversion_shares_subject(claims) -> None:
    found = _by_surface(claims)
    assert found["$2.81 million"].subject.startswith(found["¥400 million"].subject)


def test_extract_ids_stable_when_text_moves(blank) -> None:
    first = extract_claims(_doc(TEXT), blank, Settings())
    moved = extract_claims(_doc("A new preface line.\n\n" + TEXT), blank, Settings())
    assert [c.claim_id for c in first] == [c.claim_id for c in moved]
    assert len({c.claim_id for c in first}) == len(first)


def test_extract_chunked_equals_whole(blank) -> None:
    whole = extract_claims(_doc(TEXT), blank, Settings())
    chunked = extract_claims(_doc(TEXT), blank, Settings(max_chars_per_chunk=300))
    key = lambda c: (c.char_start, c.char_end, c.value, c.unit, c.period_start, c.period_end)  # noqa: E731
    assert [key(c) for c in whole] == [key(c) for c in chunked]


def test_extract_documents_keeps_order_and_empty_documents(blank) -> None:
    docs = [_doc("", "a.txt"), _doc("Japan trained 800 officers in 2022.", "b.txt"), _doc("none", "c.txt")]
    out = list(extract_documents(docs, blank, Settings(batch_size=2)))
    assert [d.doc for d, _ in out] == ["a.txt", "b.txt", "c.txt"]
    assert [len(c) for _, c in out] == [0, 1, 0]


def test_extract_relative_period_uses_published_date(blank) -> None:
    import datetime as dt

    text = "Tokyo will raise the OSA budget to 8 billion yen next fiscal year."
    claim = extract_claims(_doc(text, published=dt.date(2023, 12, 18)), blank, Settings())[0]
    assert (claim.period_start, claim.fiscal) == (2024, True)
    undated = extract_claims(_doc(text), blank, Settings())[0]
    assert undated.period_start is None
    assert "no_period" in undated.flags
    fallback = extract_claims(_doc(text), blank, Settings(reference_date=dt.date(2020, 1, 1)))[0]
    assert fallback.period_start == 2021


@pytest.mark.parametrize(
    "line",
    [
        "Vietnam's Doi Moi reforms drew $12.8 billion in 2023.",
        "Mobile phone users rose to 61 million in 2022.",
        "Copyright infringement cases rose 20% in 2021.",
    ],
)
def test_extract_ordinary_lines_are_not_imprint(blank, line: str) -> None:
    assert extract_claims(_doc(line), blank, Settings())


@pytest.mark.parametrize(
    ("text", "absent", "surface", "period"),
    [
        ("Exports rose 5% in the first seven months of 2024.", "seven months", "5%", (2024, 2024)),
        ("Two years ago the deficit was $3 billion.", "Two years", "$3 billion", (2022, 2022)),
        ("Tariffs fell 8% over the past five years.", "five years", "8%", (2019, 2024)),
    ],
)
def test_extract_durations_that_place_in_time_are_not_claims(
    blank, text: str, absent: str, surface: str, period: tuple[int, int]
) -> None:
    import datetime as dt

    found = _by_surface(extract_claims(_doc(text, published=dt.date(2024, 5, 2)), blank, Settings()))
    assert absent not in found
    assert (found[surface].period_start, found[surface].period_end) == period


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        (
            "Key figures 2023\nForeign direct investment reached $9 billion, and exports grew strongly.",
            "$9 billion",
            (2023, 2023),
        ),
        (
            "Chile Mining Outlook\n\nTable 2: Copper exports (US$ billion)\n"
            "Country\t2022\t2023\nChile\t45.1\t49.9\n",
            "49.9",
            (2023, 2023),
        ),
    ],
)
def test_extract_heading_and_year_header_periods(
    blank, text: str, surface: str, period: tuple[int, int]
) -> None:
    c = _by_surface(extract_claims(_doc(text), blank, Settings()))[surface]
    assert (c.period_start, c.period_end) == period


def test_extract_table_title_gives_unit(blank) -> None:
    text = "Table 2: Copper exports (US$ billion)\nCountry\t2022\t2023\nChile\t45.1\t49.9\n"
    c = _by_surface(extract_claims(_doc(text), blank, Settings()))["49.9"]
    assert (c.kind, c.unit, c.value) == (Kind.MONEY, "USD", pytest.approx(49.9e9))
    assert "Chile" in c.entities


def test_extract_table_corner_gives_scale_except_per_share(blank) -> None:
    text = (
        "Results for the year\n"
        "In millions, except per share amounts\t2024\t2023\n"
        "Revenue\t$ 52,480\t$ 47,012\n"
        "Diluted earnings per share\t$ 4.12\t$ 3.75\n"
    )
    found = _by_surface(extract_claims(_doc(text), blank, Settings()))
    assert found["$ 52,480"].value == pytest.approx(52.48e9)
    assert found["$ 4.12"].value == pytest.approx(4.12)


@pytest.mark.parametrize(
    ("published", "stage"), [(dt.date(2024, 2, 14), "provisional"), (dt.date(2024, 9, 1), "")]
)
def test_extract_early_page_gives_its_stage_to_last_years_figures(blank, published, stage) -> None:
    text = "Preliminary results for the year\n\nThe group made a profit of $4.2 billion in 2023.\n"
    (c,) = extract_claims(_doc(text, published=published), blank, Settings())
    assert Facets.decode(c.facets).stage == stage


def test_extract_results_table_columns_of_quarter_and_year(blank) -> None:
    text = (
        "Financial highlights\n"
        "In millions, except per share amounts\tThree Months Ended December 31, 2024\t2023\t% Change"
        "\tTwelve Months Ended December 31, 2024\t2023\n"
        "Revenue\t$ 5,210\t$ 4,870\t7 %\t$ 20,400\t$ 19,100\n"
    )
    found = _by_surface(extract_claims(_doc(text), blank, Settings()))
    quarter, last_quarter, year = found["$ 5,210"], found["$ 4,870"], found["$ 19,100"]
    assert (quarter.period_detail, quarter.value) == ("2024-Q4", pytest.approx(5.21e9))
    assert (last_quarter.period_detail, Facets.decode(last_quarter.facets).grain) == ("2023-Q4", "quarter:4")
    assert (year.period_detail, Facets.decode(year.facets).grain) == ("2023", "year")


ODD = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list("0123456789,.$¥%-–\t\n ()[]¹²³abcMmbillion")), max_size=300),
    st.sampled_from(
        ["1,2,3", "$.5", "\x00\x01\x02", "¥¥¥", "10^9^9", "\t\t\n\t", "Chapter 1\n\nReferences\n\n- 1"]
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ODD)
def test_extract_never_raises_on_odd_text(blank, text: str) -> None:
    for c in extract_claims(_doc(text), blank, Settings(max_chars_per_chunk=120)):
        assert text[c.char_start : c.char_end] == c.surface
        assert 0.0 <= c.confidence <= 1.0


# ------------------------------------------------------------------------------------------ with the model


@pytest.mark.model
def test_extract_book_chapter1_with_model(nlp) -> None:
    text = (RAW / "001_72274b1e3263120b.txt").read_text(encoding="utf-8")
    end = text.index("\nChapter 2\n")
    document = _doc(text[:end], "001_72274b1e3263120b.txt")
    found = extract_claims(document, nlp, Settings())
    by_start = {c.char_start: c for c in found}
    trade = by_start[text.index("$280 million by 2024")]
    assert (trade.period_start, trade.period_end) == (2024, 2024)
    assert trade.citation.startswith('[5] Nor, Syakirah. "Japan deepens Asean ties')
    assert trade.chapter == "Chapter 1"
    assert trade.section == "Chapter 1 > Introduction"
    assert "trade flows" in trade.subject
    nss = by_start[text.index("2 percent of GDP by fiscal year 2027")]
    assert (nss.period_start, nss.fiscal) == (2027, True)
    assert not any(c.char_start >= text.index("\nReferences\n") for c in found)  # no reference entries
    assert not any("ISBN" in c.sentence for c in found)


@pytest.mark.model
def test_extract_bare_numbers_of_a_number_of_things_are_counts(nlp) -> None:
    text = "By noon the number of households without power fell to 1.2M, down from a peak of 1.9M.\n"
    found = _by_surface(extract_claims(_doc(text), nlp, Settings()))
    for surface in ("1.2M", "1.9M"):
        assert (found[surface].kind, found[surface].counted) == (Kind.COUNT, "households")


@pytest.mark.model
def test_extract_elliptical_count_takes_the_noun_before(nlp) -> None:
    text = "The mayor won 1.32 million votes or 51.2% of the vote, against 1.1 million or 42.6% for Lee.\n"
    found = _by_surface(extract_claims(_doc(text), nlp, Settings()))
    assert (found["1.1 million"].kind, found["1.1 million"].counted) == (Kind.COUNT, "votes")


@pytest.mark.model
def test_extract_deck_tables_with_model(nlp) -> None:
    text = (RAW / "000_e7bbe042183215ae.txt").read_text(encoding="utf-8")
    found = {c.char_start: c for c in extract_claims(_doc(text, "000_e7bbe042183215ae.txt"), nlp, Settings())}
    three = found[text.index("Three patrol vessels")]
    assert (three.period_start, three.period_end) == (2006, 2009)
    assert "Indonesia" in three.entities
    osa = found[text.index("- 8 billion Yen") + 2]
    assert (osa.value, osa.unit, osa.period_start, osa.fiscal, osa.qualifier) == (
        8e9,
        "JPY",
        2025,
        True,
        Qualifier.EXACT,
    )
    usa = found[text.index("997.0")]
    assert (usa.value, usa.unit, usa.kind, usa.period_start) == (997e9, "USD", Kind.MONEY, 2024)


@pytest.mark.model
def test_extract_wire_story_with_model(nlp) -> None:
    import datetime as dt

    text = (
        "LIMA, Jan 30 (Reuters) - Peru's copper exports rose 12% in December from a year earlier, the "
        "central bank said on Tuesday. The biggest buyers were China ($1.9 billion) and Japan "
        "($0.4 billion)."
    )
    found = _by_surface(extract_claims(_doc(text, published=dt.date(2024, 1, 30)), nlp, Settings()))
    rise = found["12%"]
    assert (rise.period_start, rise.period_end) == (2023, 2023)  # last December, not the release day
    assert "copper exports" in rise.subject
    assert "Peru" in rise.entities
    assert not any("LIMA" in e or "Lima" in e for e in rise.entities)
    japan = found["$0.4 billion"]
    assert japan.entities[0] == "Japan"
    assert "China" not in japan.entities


@pytest.mark.model
def test_extract_founding_year_does_not_date_a_current_count(nlp) -> None:
    text = "The Andean Community, founded in 1969 with five members, now counts four member states."
    found = _by_surface(extract_claims(_doc(text), nlp, Settings()))
    assert found["five"].period_start == 1969
    assert found["four"].period_start is None


@pytest.mark.model
def test_extract_generic_subject_names_its_owner(nlp) -> None:
    text = "Chile's mining drive is backed by concrete projects, such as funding of $2 billion."
    claim = _by_surface(extract_claims(_doc(text), nlp, Settings()))["$2 billion"]
    assert claim.subject.startswith("Chile")
