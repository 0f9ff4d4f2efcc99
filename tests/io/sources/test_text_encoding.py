"""The charset decision: UTF-8, then Windows-1252, another code page only on strong evidence."""

from __future__ import annotations

import pytest

from claims.io.sources.html import decode_html
from claims.io.sources.text import decode_bytes, detect_encoding, weak_evidence

WESTERN = [  # for most of these, charset-normalizer's best pick is big5, cp932, shift_jis, cp1006 or utf-16
    "Crédit ... ¥1.5 billion",
    "Générale ¥1.5 billion",
    "São Paulo ¥1.5 billion",
    "años £3",
    "Ångström",
    "Crédit Agricole lent ¥1.5 billion to the utility in 2024.",
    "é¥",
    "Société ¥2bn",
    "Über ¥5 Mrd. für die Brücke",
    "naïve façade: ¥2 billion «quoted», 3° warmer",
    "The café's revenue rose 12% to £3.4 million, ¥1.2 million of it from façade work.",
]


@pytest.mark.parametrize("text", WESTERN)
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_text_encoding_short_western_text_stays_western(text: str, encoding: str) -> None:
    decoded, detected, plain = decode_bytes(text.encode(encoding))
    assert (decoded, detected, plain) == (text, "cp1252", False)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("日本政府は2024年度にフィリピンへ約15億円の支援を決定し、巡視船の供与も発表した。", "cp932"),
        ("中国政府宣布向老挝提供五亿元人民币援助，用于修建铁路和学校。", "gb18030"),
        ("한국 정부는 2024년에 필리핀에 5억 달러를 지원하기로 결정했다고 밝혔다.", "cp949"),
        ("Правительство выделило 5 млрд рублей на строительство моста в 2024 году.", "cp1251"),
    ],
)
def test_text_encoding_strong_evidence_keeps_its_code_page(text: str, encoding: str) -> None:
    decoded, _, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize(
    ("text", "weak"),
    [
        ("Cr馘it ... ･1.5 billion", True),  # a Western text read as cp932
        ("S馗i騁 G駭駻ale reported results for the quarter and the year as well", True),
        ("日本政府は2024年度にフィリピンへ約15億円の支援を決定した。", False),
        ("Η κυβέρνηση διέθεσε 5 δισ. ευρώ το 2024 για τα νησιά.", False),
    ],
)
def test_text_encoding_weak_evidence(text: str, weak: bool) -> None:
    assert weak_evidence(text) is weak


def test_text_encoding_utf8_cut_in_its_last_character() -> None:
    data = "Japan pledged ¥1.5 billion".encode()[:-1] + "¥".encode()[:1]
    assert decode_bytes(data) == ("Japan pledged ¥1.5 billio", "utf-8", False)


@pytest.mark.parametrize("text", WESTERN[:5])
def test_text_encoding_unlabelled_html_stays_western(text: str) -> None:
    html = f"<html><body><p>{text}</p></body></html>"
    assert decode_html(html.encode("latin-1")) == (html, "cp1252")


@pytest.mark.parametrize("text", ["Prêt à Crédit ¥1.5 billion", "Le café coûte 3 € – “cher”"])
def test_text_encoding_detect_encoding_prefers_western(text: str) -> None:
    assert detect_encoding(text.encode("cp1252")) == "cp1252"
