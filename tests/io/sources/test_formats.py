"""Format readers through claims.io.sources: PDF, DOCX, HTML, encodings; provenance and failure reasons.

Every fixture is generated in code (fpdf2 for PDF, python-docx for DOCX, strings for HTML).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from claims.errors import IngestError
from claims.io.sources import load_document, load_documents, make_source
from claims.settings import Settings
from claims.types import Document, Rejection

RAW = Path(__file__).resolve().parents[3] / "raw"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

PAGES = [
    "Page one. Japan granted 2 billion yen to the Philippines in FY2023.",
    "Page two. The OSA budget rose to 8.1 billion yen in fiscal 2024.",
    "Page three. Twelve patrol vessels were delivered to Vietnam.",
]


# --- fixture builders -----------------------------------------------------------------------------------


def make_pdf(
    pages: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> bytes:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        pdf.set_creation_date(created)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.set_font("Helvetica", size=12)
            pdf.multi_cell(0, 8, text)
        else:
            pdf.rect(10, 10, 50, 50)  # a page with a drawing and no text, like a scan
    if owner_password:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    return bytes(pdf.output())


def _footnote_ref(paragraph, note_id: str) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run()
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), note_id)
    run._r.append(ref)


def make_docx(*, footnotes: bool = True, empty: bool = False) -> bytes:
    document = docx.Document()
    document.core_properties.title = "Japan and ASEAN: Maritime Security"
    document.core_properties.author = "Jane Doe"
    document.core_properties.created = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    if not empty:
        document.add_heading("Chapter 4", level=1)
        document.add_heading("Maritime Security Cooperation", level=2)
        p = document.add_paragraph("Japan provided 12 patrol vessels to Vietnam.")
        if footnotes:
            _footnote_ref(p, "7")
        p.add_run(" The loan was worth 36.6 billion yen.")
        if footnotes:
            _footnote_ref(p, "3")
        table = document.add_table(rows=2, cols=2)
        for (row, col), text in {
            (0, 0): "Year",
            (0, 1): "Budget",
            (1, 0): "2024",
            (1, 1): "8.1 billion yen",
        }.items():
            table.cell(row, col).text = text
        document.add_heading("Capacity Building", level=2)
        document.add_paragraph("Training reached 1,500 coast guard officers.")
    if footnotes and not empty:
        xml = (
            f"<w:footnotes {W_NS}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> JICA, '
            "Annual Report 2023.</w:t></w:r></w:p></w:footnote>"
            '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Ministry '
            "of Defense, 2024.</w:t></w:r></w:p></w:footnote>"
            "</w:footnotes>"
        ).encode()
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml, document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Japan boosts OSA budget | The Site</title>
<meta property="og:title" content="Japan boosts OSA budget">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-10T09:00:00+09:00">
<style>body {{ color: red; }} .price::after {{ content: "777 million"; }}</style>
<script>var budget = "999 million";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/asia">Asia</a></li>
<li>Subscribe for $5 a month</li></ul></nav>
<main><article>
<h1>Japan boosts OSA budget</h1>
<p>Japan\u2019s Official Security Assistance budget rose to 8.1 billion yen in fiscal 2024, up from 2 billion
yen a year earlier, the government said on Friday in a caf\u00e9 briefing.</p>
<h2>Recipients</h2>
<p>The Philippines, Malaysia, Bangladesh and Fiji were the first recipients of the programme, which provides
<b>coastal radar</b> systems and patrol boats to their navies.</p>
<ul><li>Philippines: coastal radars worth 600 million yen</li><li>Malaysia: rescue boats</li></ul>
<h2>Next steps</h2>
<p>Officials expect the budget to grow further in 2025 as more countries join the scheme in coming years.</p>
<table><tr><th>Year</th><th>Budget</th></tr><tr><td>2024</td><td>8.1 billion yen</td></tr></table>
</article></main>
<footer><p>Copyright 2024 The Site. All rights reserved.</p></footer>
<script>console.log("tracking 42");</script>
</body></html>
"""


@pytest.fixture
def settings() -> Settings:
    return Settings()


def _load(folder: Path, name: str, data: bytes, settings: Settings) -> Document:
    (folder / "raw" / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / "raw" / name).write_bytes(data)
    return load_document(
        make_source(folder / "raw" / name, folder / "raw"), settings, text_dir=folder / "text"
    )


def _assert_stored(document: Document) -> None:
    """The extracted text is stored and reads back identically: offsets index the stored file."""
    assert document.text_path is not None
    with open(document.text_path, encoding="utf-8") as f:
        assert f.read() == document.text


def _assert_headings(document: Document) -> None:
    for offset, level, heading in document.headings:
        assert document.text[offset : offset + len(heading)] == heading
        assert 1 <= level <= 9


# --- PDF ------------------------------------------------------------------------------------------------


def test_formats_pdf_text_and_pages(tmp_path: Path, settings: Settings) -> None:
    data = make_pdf(
        PAGES, title="OSA Report", author="Jane Doe", created=dt.datetime(2024, 5, 10, tzinfo=dt.UTC)
    )
    document = _load(tmp_path, "report.pdf", data, settings)
    assert document.format == "pdf"
    assert (document.title, document.author, document.published) == (
        "OSA Report",
        "Jane Doe",
        dt.date(2024, 5, 10),
    )
    assert document.text_path == str(tmp_path / "text" / "report.pdf.txt")
    _assert_stored(document)
    assert len(document.page_starts) == 3
    assert document.page_starts[0] == 0
    for page_number, surface in [(1, "2 billion yen"), (2, "8.1 billion yen"), (3, "Twelve")]:
        start = document.text.index(surface)
        assert document.text[start : start + len(surface)] == surface
        assert bisect.bisect_right(document.page_starts, start) == page_number


def test_formats_pdf_outline_gives_headings(tmp_path: Path, settings: Settings) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)

    def write(text: str) -> None:
        pdf.multi_cell(pdf.epw, 8, text, new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    pdf.start_section("Chapter 1")
    write("Chapter 1\nJapan delivered 5 boats.")
    pdf.add_page()
    write("Continued from the last page.")
    pdf.start_section("1.1 OSA Budget", level=1)
    write("1.1 OSA Budget\nThe budget was 8.1 billion yen.")
    pdf.start_section("Bookmark without its words on the page", level=1)
    write("Closing words.")
    document = _load(tmp_path, "BOOK.PDF", bytes(pdf.output()), settings)
    assert [h[1:] for h in document.headings] == [
        (1, "Chapter 1"),
        (2, "1.1 OSA Budget"),
        (2, "Bookmark without its words on the page"),
    ]
    chapter, budget, unfound = document.headings
    assert document.text[chapter[0] :].startswith("Chapter 1")
    assert document.text[budget[0] :].startswith("1.1 OSA Budget")
    assert unfound[0] == budget[0]  # not in the page text: placed at the bookmark before it on that page


def test_formats_pdf_owner_password_only_is_read(tmp_path: Path, settings: Settings) -> None:
    document = _load(tmp_path, "restricted.pdf", make_pdf(PAGES[:1], owner_password="owner"), settings)
    assert "2 billion yen" in document.text


def test_formats_pdf_metadata_junk_title_falls_back_to_first_line(tmp_path: Path, settings: Settings) -> None:
    data = make_pdf(
        ["Maritime Security Report\nMay 10, 2024\nJapan gave 12 boats."], title="Microsoft Word - x.docx"
    )
    document = _load(tmp_path, "r.pdf", data, settings)
    assert (document.title, document.published) == ("Maritime Security Report", dt.date(2024, 5, 10))


@pytest.mark.parametrize(
    ("make", "reason", "message"),
    [
        (lambda: make_pdf(PAGES, owner_password="o", user_password="u"), "encrypted", "password"),
        (lambda: make_pdf(PAGES)[:700], "corrupt", "could not be parsed"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 4, "corrupt", ""),
        (lambda: b"<html>not a pdf</html>", "corrupt", "no %PDF- header"),
        (lambda: make_pdf(["", ""]), "no_text", "2 page(s) without a text layer"),
    ],
    ids=["encrypted", "truncated", "garbage", "not-pdf", "scanned"],
)
def test_formats_pdf_rejections(tmp_path: Path, settings: Settings, make, reason: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IngestError) as info:
        _load(tmp_path, "bad.pdf", make(), settings)
    assert info.value.reason == reason
    assert message in info.value.detail


# --- DOCX -----------------------------------------------------------------------------------------------


def test_formats_docx_headings_tables_footnotes(tmp_path: Path, settings: Settings) -> None:
    document = _load(tmp_path, "sub/chapter4.docx", make_docx(), settings)
    assert document.format == "docx"
    assert document.text_path == str(tmp_path / "text" / "sub" / "chapter4.docx.txt")
    _assert_stored(document)
    _assert_headings(document)
    assert [(level, heading) for _, level, heading in document.headings] == [
        (1, "Chapter 4"),
        (2, "Maritime Security Cooperation"),
        (2, "Capacity Building"),
        (1, "Footnotes"),
    ]
    # markers numbered in order of reference (ids 7 then 3 -> [1] then [2]) and resolved in a notes section
    assert (
        "Japan provided 12 patrol vessels to Vietnam.[1] The loan was worth 36.6 billion yen.[2]"
        in document.text
    )
    notes = document.text[document.headings[-1][0] :]
    assert notes == "Footnotes\n\n[1] Ministry of Defense, 2024.\n[2] JICA, Annual Report 2023."
    assert "Year\tBudget\n2024\t8.1 billion yen" in document.text
    assert (document.title, document.author, document.published) == (
        "Japan and ASEAN: Maritime Security",
        "Jane Doe",
        dt.date(2024, 3, 1),
    )
    # a claim inside a section: its heading is the last heading before its offset
    start = document.text.index("1,500")
    section = [h for h in document.headings if h[0] <= start][-1]
    assert section[2] == "Capacity Building"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: make_docx()[:1000], "corrupt"),
        (lambda: b"PK\x03\x04" + b"\x00" * 100, "corrupt"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "unsupported"),
        (
            lambda: (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
            ),
            "encrypted",
        ),
        (lambda: make_docx(empty=True), "no_text"),
    ],
    ids=["truncated", "bad-zip", "legacy-doc", "encrypted", "empty"],
)
def test_formats_docx_rejections(tmp_path: Path, settings: Settings, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IngestError) as info:
        _load(tmp_path, "bad.docx", make(), settings)
    assert info.value.reason == reason


# --- HTML -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("windows-1252", "cp1252")])
def test_formats_html_main_text_and_metadata(
    tmp_path: Path, settings: Settings, charset: str, encoding: str
) -> None:
    data = ARTICLE_HTML.format(charset=charset).encode(encoding)
    document = _load(tmp_path, "page.html", data, settings)
    assert document.format == "html"
    assert document.encoding == encoding
    _assert_stored(document)
    _assert_headings(document)
    assert (document.title, document.author, document.published) == (
        "Japan boosts OSA budget",
        "Jane Doe",
        dt.date(2024, 5, 10),
    )
    assert "8.1 billion yen in fiscal 2024" in document.text
    assert "caf\u00e9" in document.text
    assert "- Philippines: coastal radars worth 600 million yen" in document.text
    assert "2024\t8.1 billion yen" in document.text
    for dropped in ("999 million", "777 million", "tracking 42", "Subscribe", "color: red"):
        assert dropped not in document.text
    assert [h[1:] for h in document.headings] == [
        (1, "Japan boosts OSA budget"),
        (2, "Recipients"),
        (2, "Next steps"),
    ]


def test_formats_html_large_page_fallback(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.io.sources.html.TRAFILATURA_MAX_CHARS", 100)
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "big.html").write_bytes(ARTICLE_HTML.format(charset="utf-8").encode())
    result = load_documents(tmp_path / "raw", settings, text_dir=tmp_path / "text")
    [document] = result.documents
    _assert_stored(document)
    _assert_headings(document)
    assert (document.title, document.author, document.published) == (
        "Japan boosts OSA budget",
        "Jane Doe",
        dt.date(2024, 5, 10),
    )
    assert "8.1 billion yen in fiscal 2024" in document.text
    assert "which provides coastal radar systems" in document.text  # inline <b> kept in its paragraph
    assert "2024\t8.1 billion yen" in document.text
    for dropped in ("999 million", "777 million", "tracking 42", "Subscribe"):
        assert dropped not in document.text
    assert [(w.doc, w.reason) for w in result.warnings] == [("big.html", "extraction")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><head><script>var x = 1;</script></head><body></body></html>", "no_text"),
        (b"%PDF-1.4 saved with the wrong name", "binary"),
    ],
)
def test_formats_html_rejections(tmp_path: Path, settings: Settings, data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        _load(tmp_path, "bad.html", data, settings)
    assert info.value.reason == reason


# --- a mixed folder, end to end -------------------------------------------------------------------------


def test_formats_mixed_folder_runs_to_completion(tmp_path: Path, settings: Settings) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = sorted(p.name for p in RAW.glob("*.txt"))
    for name in seed:
        shutil.copy(RAW / name, raw / name)
    shutil.copy(RAW / seed[2], raw / "copy_of_002.txt")
    (raw / "chapter4.docx").write_bytes(make_docx())
    (raw / "report.pdf").write_bytes(make_pdf(PAGES, title="OSA Report"))
    (raw / "page.html").write_bytes(ARTICLE_HTML.format(charset="utf-8").encode())
    latin = "Le budget de l'APD a atteint 8,1 milliards de yens en 2024, selon le minist\u00e8re.\n"
    (raw / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (raw / "locked.pdf").write_bytes(make_pdf(PAGES, owner_password="o", user_password="u"))
    (raw / "scan.pdf").write_bytes(make_pdf([""]))
    (raw / "truncated.pdf").write_bytes(make_pdf(PAGES)[:600])
    (raw / "broken.docx").write_bytes(make_docx()[:900])
    (raw / "slides.pptx").write_bytes(b"PK\x03\x04")
    (raw / "README.md").write_text("folder notes")

    result = load_documents(raw, settings, text_dir=tmp_path / "text")

    loaded = {d.doc: d for d in result.documents}
    assert sorted(loaded) == sorted([*seed, "chapter4.docx", "report.pdf", "page.html", "latin1.txt"])
    assert loaded[seed[2]].aliases == ("copy_of_002.txt",)
    assert {r.doc: r.reason for r in result.rejected} == {
        "copy_of_002.txt": "duplicate",
        "empty.txt": "empty",
        "binary.txt": "binary",
        "locked.pdf": "encrypted",
        "scan.pdf": "no_text",
        "truncated.pdf": "corrupt",
        "broken.docx": "corrupt",
        "slides.pptx": "unsupported",
    }
    assert loaded["latin1.txt"].text == latin
    for document in result.documents:
        if document.text_path is None:
            with open(raw / document.doc, encoding="utf-8") as f:
                assert f.read() == document.text
        else:
            _assert_stored(document)


# --- fuzzing damaged copies of valid files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def valid_fixtures() -> dict[str, bytes]:
    return {
        ".pdf": make_pdf(PAGES),
        ".docx": make_docx(),
        ".html": ARTICLE_HTML.format(charset="utf-8").encode(),
        ".txt": "Japan granted \u00a52 billion in FY2023.\r\n".encode("cp1252"),
    }


@hypothesis_settings(
    max_examples=int(os.environ.get("CLAIMS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    suffix=st.sampled_from([".pdf", ".docx", ".html", ".txt"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(min_value=0.0, max_value=0.9999), st.integers(0, 255)), max_size=8),
)
def test_formats_fuzz_damaged_files_never_raise(
    valid_fixtures: dict[str, bytes], suffix: str, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(valid_fixtures[suffix])
    for where, value in flips:
        data[int(where * len(data))] = value
    data = data[: max(1, int(cut * len(data)))] if cut < 1.0 else data
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "raw")
        raw.mkdir()
        (raw / f"damaged{suffix}").write_bytes(bytes(data))
        result = load_documents(raw, Settings(), text_dir=Path(tmp, "text"))
        [outcome] = [*result.documents, *result.rejected]
        assert outcome.doc == f"damaged{suffix}"
        assert not isinstance(outcome, Rejection) or outcome.reason != "internal_error", outcome
        if isinstance(outcome, Document):
            assert outcome.text.strip()
            if outcome.text_path is not None:
                _assert_stored(outcome)
