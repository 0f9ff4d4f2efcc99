"""A .docx is inflated within limits checked before memory is spent: parts counted from the ZIP's end record,
XML sizes from its directory, and the bytes actually inflated; images and other binary parts are never
inflated."""

from __future__ import annotations

import io
import resource
import zipfile
from pathlib import Path

import docx
import pytest

from claims.errors import IngestError
from claims.io.sources import load_documents
from claims.io.sources.docx import MAX_PARTS, read_docx, unpack_docx
from claims.settings import Settings

TEXT = "The ministry granted $12 million to the port authority in 2024."


def plain_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph(TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_part(package: bytes, name: str, size: int, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """`package` with one more part of `size` bytes of XML whitespace, written in 1 MiB steps."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with target.open(name, "w", force_zip64=True) as part:
            part.write(b"<x>")
            left = size - 7
            while left > 0:
                step = min(left, 1 << 20)
                part.write(b" " * step)
                left -= step
            part.write(b"</x>")
    return out.getvalue()


def test_docx_limits_bomb_rejected_before_inflating() -> None:
    bomb = with_part(plain_docx(), "customXml/item9.xml", 211 << 20)
    assert len(bomb) < 1 << 20  # a file under 1 MB ...
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(IngestError, match=r"too_large: its text parts inflate to 22\d,\d{3},\d{3} bytes"):
        read_docx(bomb, max_unpacked=64 << 20)
    # ... is refused from its directory: the peak memory did not grow by anything near what it inflates to
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < 32 << 10


def test_docx_limits_size_counted_while_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    package = with_part(plain_docx(), "customXml/item9.xml", 3 << 20)
    # a directory that understates the part's size: the bytes inflated are what count
    real_infolist = zipfile.ZipFile.infolist

    def understated(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = real_infolist(self)
        for info in infos:
            if info.filename == "customXml/item9.xml" and self.mode == "r":
                info.file_size = 100
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", understated)
    with pytest.raises(IngestError) as caught:
        unpack_docx(package, 1 << 20)
    # zipfile stops at the declared size and its CRC check fails: no more than declared is ever inflated
    assert caught.value.reason in {"too_large", "corrupt"}


def test_docx_limits_images_are_not_inflated() -> None:
    package = with_part(plain_docx(), "word/media/image1.png", 8 << 20, compress=zipfile.ZIP_STORED)
    extracted = read_docx(package, max_unpacked=1 << 20)  # 8 MB of image, 1 MB of XML allowed
    assert extracted.text == TEXT
    with zipfile.ZipFile(io.BytesIO(unpack_docx(package, 1 << 20))) as unpacked:
        assert unpacked.getinfo("word/media/image1.png").file_size == 0
        assert b"port authority" in unpacked.read("word/document.xml")


def test_docx_limits_too_many_parts() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(MAX_PARTS + 1):
            archive.writestr(f"p/{i}.xml", b"")
    with pytest.raises(IngestError, match=r"too_large: 10,001 parts"):
        unpack_docx(out.getvalue(), 1 << 20)


def test_docx_limits_setting_reaches_the_reader(tmp_path: Path) -> None:
    (tmp_path / "bomb.docx").write_bytes(with_part(plain_docx(), "customXml/item9.xml", 4 << 20))
    (tmp_path / "good.docx").write_bytes(plain_docx())
    result = load_documents(tmp_path, Settings(max_unpacked_bytes=2 << 20), text_dir=tmp_path / "text")
    assert [d.doc for d in result.documents] == ["good.docx"]
    assert [(r.doc, r.reason) for r in result.rejected] == [("bomb.docx", "too_large")]
    assert "settings.max_unpacked_bytes" in result.rejected[0].detail
