"""Provenance of claims from extracted formats: PDF pages and DOCX headings reach the section column."""

from __future__ import annotations

import pytest

from claims.extract import extract_claims
from claims.io.sources import load_document, make_source
from claims.settings import Settings

pytestmark = pytest.mark.model


def _pdf(path, pages: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    pdf.output(str(path))


def _docx(path, blocks: list[tuple[str, str]]) -> None:
    import docx

    document = docx.Document()
    for style, text in blocks:
        if style == "h1":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.save(str(path))


@pytest.mark.parametrize("page", [2])
def test_extract_pdf_claims_carry_their_page(tmp_path, nlp, page):
    raw = tmp_path / "raw"
    raw.mkdir()
    _pdf(
        raw / "report.pdf",
        ["Annual report on maritime aid.", "In 2024 Japan provided $5 million to Vietnam."],
    )
    settings = Settings(raw_dir=raw, out_dir=tmp_path / "out")
    document = load_document(
        make_source(raw / "report.pdf", raw), settings, text_dir=tmp_path / "out" / "text"
    )
    claims = extract_claims(document, nlp, settings)
    money = [c for c in claims if c.unit == "USD"]
    assert money, claims
    assert money[0].section.startswith(f"p. {page}")
    assert document.text[money[0].char_start : money[0].char_end] == money[0].surface
    assert money[0].value == pytest.approx(5e6)
    assert money[0].period_start == 2024


def test_extract_docx_headings_become_sections(tmp_path, nlp):
    raw = tmp_path / "raw"
    raw.mkdir()
    _docx(
        raw / "chapter.docx",
        [
            ("h1", "Maritime Security Cooperation"),
            ("p", "Japan delivered 12 patrol vessels to the Philippines between 2013 and 2024."),
        ],
    )
    settings = Settings(raw_dir=raw, out_dir=tmp_path / "out")
    document = load_document(
        make_source(raw / "chapter.docx", raw), settings, text_dir=tmp_path / "out" / "text"
    )
    claims = extract_claims(document, nlp, settings)
    vessels = [c for c in claims if c.value == 12]
    assert vessels
    assert "Maritime Security Cooperation" in vessels[0].section
    assert (vessels[0].period_start, vessels[0].period_end) == (2013, 2024)
