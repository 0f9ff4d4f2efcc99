"""claims.io.sources.ingest: scanning raw/, plain text, rejections, duplicates, sidecars, incremental runs."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from claims.errors import IngestError
from claims.io.sources import (
    IngestWarning,
    Source,
    ingest,
    iter_documents,
    load_document,
    load_documents,
    make_source,
    scan,
)
from claims.settings import Settings
from claims.types import Document, Rejection

RAW = Path(__file__).resolve().parents[3] / "raw"
SEED = sorted(p.name for p in RAW.glob("*.txt"))


@pytest.fixture
def settings() -> Settings:
    return Settings()


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _load(folder: Path, name: str, settings: Settings, text_dir: Path | None = None) -> Document:
    return load_document(make_source(folder / name, folder), settings, text_dir=text_dir)


# --- scan -----------------------------------------------------------------------------------------------


def test_scan_skips_hidden_sidecars_readme(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "a.txt", "A text.")
    _write(tmp_path, "sub/b.md", "B text.")
    _write(tmp_path, "README.md", "notes")
    _write(tmp_path, "sub/ReadMe.TXT", "notes")
    _write(tmp_path, ".hidden.txt", "x")
    _write(tmp_path, ".git/config.txt", "x")
    _write(tmp_path, "~$lock.docx", "x")
    _write(tmp_path, "a.txt.meta.json", "{}")
    _write(tmp_path, "notes.xyz", "x")
    sources = scan(tmp_path, settings)
    assert [s.doc for s in sources] == ["a.txt", "notes.xyz", "sub/b.md"]
    a = sources[0]
    assert a.sha256 == hashlib.sha256(b"A text.").hexdigest()
    assert a.size == 7
    assert a.suffix == ".txt"
    assert a.sidecar == tmp_path / "a.txt.meta.json"
    assert a.sidecar_sha256 == hashlib.sha256(b"{}").hexdigest()


def test_scan_known_hashes_skip_rereading(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "a.txt", "Old text.")
    _write(tmp_path, "b.txt", "Other text.")
    first = {s.doc: s for s in scan(tmp_path, settings)}
    known = {doc: (s.size, s.mtime_ns, s.sha256) for doc, s in first.items()}
    _write(tmp_path, "b.txt", "Changed text!")
    hashed: list[str] = []
    real_sha256 = ingest.file_sha256

    def spy(path: Path, *, root: Path | None = None) -> str:
        hashed.append(path.name)
        return real_sha256(path, root=root)

    monkeypatch.setattr(ingest, "file_sha256", spy)
    second = {s.doc: s for s in scan(tmp_path, settings, known=known)}
    assert hashed == ["b.txt"]
    assert second["a.txt"].sha256 == first["a.txt"].sha256
    assert second["b.txt"].sha256 == hashlib.sha256(b"Changed text!").hexdigest()


def test_scan_skips_browser_asset_folders(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "article.html", "<p>Text</p>")
    _write(tmp_path, "article_files/style.css", "p {}")
    _write(tmp_path, "other_files/notes.txt", "kept: no other.html beside it")
    assert [s.doc for s in scan(tmp_path, settings)] == ["article.html", "other_files/notes.txt"]


def test_scan_unlistable_folder_is_rejected(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "a.txt", "Fine.")
    _write(tmp_path, "locked/b.txt", "Hidden.")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_documents(tmp_path, settings, text_dir=None)
    assert [d.doc for d in result.documents] == ["a.txt"]
    assert [(r.doc, r.reason) for r in result.rejected] == [("locked/", "unreadable")]
    assert "Permission denied" in result.rejected[0].detail


def test_scan_missing_folder_raises(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(IngestError, match="missing_folder"):
        scan(tmp_path / "nope", settings)


# --- plain text contract --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED)
def test_ingest_seed_text_equals_open_read(name: str, settings: Settings) -> None:
    document = load_document(make_source(RAW / name, RAW), settings, text_dir=None)
    with open(RAW / name, encoding="utf-8") as f:
        assert document.text == f.read()
    assert document.text_path is None
    assert document.encoding == "utf-8"
    assert document.format == "txt"
    assert document.sha256 == hashlib.sha256((RAW / name).read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "data",
    [
        b"Line one\r\nLine two\rLine three\n",  # CRLF and lone CR: universal newlines
        codecs.BOM_UTF8 + "Caf\u00e9 \u00a51.2 trillion\r\n".encode(),  # BOM stays as U+FEFF
        "Japan\u2019s OSA \u20ac5 million\n".encode(),
    ],
)
def test_ingest_utf8_matches_open_read(tmp_path: Path, settings: Settings, data: bytes) -> None:
    path = _write(tmp_path, "doc.txt", data)
    document = _load(tmp_path, "doc.txt", settings, text_dir=tmp_path / "text")
    with open(path, encoding="utf-8") as f:
        assert document.text == f.read()
    assert document.text_path is None
    assert not (tmp_path / "text").exists()


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("cp1252", "cp1252"),
        ("latin-1", "cp1252"),  # printable Latin-1 decodes identically as Windows-1252
        ("utf-16", "utf-16"),
        ("utf-32", "utf-32"),
    ],
)
def test_ingest_other_encodings_written_to_text_dir(
    tmp_path: Path, settings: Settings, encoding: str, expected: str
) -> None:
    text = (
        "Japan's budget rose to \u00a51.2 trillion in FY2024, a caf\u00e9 na\u00efve r\u00e9sum\u00e9.\r\n"
        * 3
    )
    _write(tmp_path / "raw", "sub/latin.txt", text.encode(encoding))
    document = _load(tmp_path / "raw", "sub/latin.txt", settings, text_dir=tmp_path / "text")
    assert document.text == text.replace("\r\n", "\n")
    assert document.encoding == expected
    assert document.text_path == str(tmp_path / "text" / "sub" / "latin.txt.txt")
    with open(document.text_path, encoding="utf-8") as f:
        assert f.read() == document.text


def test_ingest_markdown_headings(tmp_path: Path, settings: Settings) -> None:
    _write(
        tmp_path, "notes.md", "# Budget notes\n\nIntro.\n\n## FY2024\n\nThe OSA budget was 8.1 billion yen.\n"
    )
    document = _load(tmp_path, "notes.md", settings)
    assert document.format == "md"
    assert document.title == "Budget notes"
    for offset, _level, heading in document.headings:
        assert document.text[offset:].lstrip("# ").startswith(heading)
    assert [h[1:] for h in document.headings] == [(1, "Budget notes"), (2, "FY2024")]


# --- bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\r\n\t\n", "empty"),
        ("nul.txt", b"Japan \x00\x00\x01\x02 ASEAN" * 20, "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported"),
        ("noext", b"text", "unsupported"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "unsupported"),
    ],
)
def test_ingest_rejects_bad_input(
    tmp_path: Path, settings: Settings, name: str, data: bytes, reason: str
) -> None:
    _write(tmp_path, name, data)
    with pytest.raises(IngestError) as info:
        _load(tmp_path, name, settings)
    assert info.value.reason == reason


def test_ingest_unsupported_lists_supported(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "deck.pptx", b"PK\x03\x04")
    with pytest.raises(IngestError, match=r"\.pptx.*supported: .*\.docx.*\.pdf.*\.txt"):
        _load(tmp_path, "deck.pptx", settings)


def test_ingest_too_large_rejected_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(max_file_bytes=1000)
    _write(tmp_path, "big.txt", "a" * 1001)
    _write(tmp_path, "ok.txt", "a" * 1000)
    source = make_source(tmp_path / "big.txt", tmp_path)

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(Path, "open", no_read)
    with pytest.raises(IngestError, match=r"too_large: 1001 bytes is over the 1000 bytes limit"):
        load_document(source, settings, text_dir=None)
    monkeypatch.undo()
    assert len(_load(tmp_path, "ok.txt", settings).text) == 1000


def test_ingest_unreadable_simulated(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "locked.txt", "secret")
    source = make_source(tmp_path / "locked.txt", tmp_path)
    real_open = os.open

    def denied(path: str | Path, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(IngestError, match="unreadable: PermissionError: Permission denied"):
        load_document(source, settings, text_dir=None)
    # scanning a file that cannot be opened does not raise either: the error travels in the Source
    assert make_source(tmp_path / "locked.txt", tmp_path).error.startswith("PermissionError")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files despite chmod 000")
def test_ingest_unreadable_permissions(tmp_path: Path, settings: Settings) -> None:
    path = _write(tmp_path, "locked.txt", "secret")
    path.chmod(0)
    try:
        result = load_documents(tmp_path, settings, text_dir=None)
    finally:
        path.chmod(0o644)
    assert [(r.doc, r.reason) for r in result.rejected] == [("locked.txt", "unreadable")]


def test_ingest_dangling_link_is_not_followed(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = load_documents(tmp_path, settings, text_dir=None)
    assert [(r.doc, r.reason) for r in result.rejected] == [("gone.txt", "link")]


# --- folders: duplicates, mixed bad files, skip, sidecars -----------------------------------------------


def test_load_documents_duplicates_listed_once(tmp_path: Path, settings: Settings) -> None:
    shutil.copy(RAW / SEED[4], tmp_path / "b_copy.txt")
    shutil.copy(RAW / SEED[4], tmp_path / "a_first.txt")
    _write(tmp_path, "c.txt", "Another text.")
    _write(tmp_path, "e1.txt", b"")
    _write(tmp_path, "e2.txt", b"")
    result = load_documents(tmp_path, settings, text_dir=None, sources=scan(tmp_path, settings))
    assert [(d.doc, d.aliases) for d in result.documents] == [("a_first.txt", ("b_copy.txt",)), ("c.txt", ())]
    assert sorted((r.doc, r.reason, r.detail) for r in result.rejected) == [
        ("b_copy.txt", "duplicate", "same content as a_first.txt"),
        ("e1.txt", "empty", "0 bytes"),
        ("e2.txt", "empty", "0 bytes"),
    ]


def test_load_documents_duplicate_of_rejected_file_gets_its_reason(
    tmp_path: Path, settings: Settings
) -> None:
    _write(tmp_path, "a.txt", b"\x00\x01binary" * 10)
    _write(tmp_path, "b.txt", b"\x00\x01binary" * 10)
    result = load_documents(tmp_path, settings, text_dir=None)
    assert result.documents == []
    assert [(r.doc, r.reason) for r in result.rejected] == [("a.txt", "binary"), ("b.txt", "binary")]
    assert "same content as a.txt" in result.rejected[1].detail


def test_load_documents_skip_unchanged(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "old.txt", "Old text.")
    _write(tmp_path, "new.txt", "New text.")
    _write(tmp_path, "new_copy_of_old.txt", "Old text.")
    known = {hashlib.sha256(b"Old text.").hexdigest(): "old.txt"}

    def unchanged(source: Source) -> bool:
        return known.get(source.sha256) == source.doc

    result = load_documents(tmp_path, settings, text_dir=None, skip=unchanged)
    # the group {new_copy_of_old, old} has a new member: reloaded under the known name, aliases updated
    assert [(d.doc, d.aliases) for d in result.documents] == [
        ("new.txt", ()),
        ("old.txt", ("new_copy_of_old.txt",)),
    ]
    assert [(r.doc, r.reason, r.detail) for r in result.rejected] == [
        ("new_copy_of_old.txt", "duplicate", "same content as old.txt")
    ]
    assert len(result.sources) == 3
    everything_known = load_documents(tmp_path, settings, text_dir=None, skip=lambda s: True)
    assert everything_known.documents == []
    assert everything_known.rejected == []


@pytest.mark.parametrize("sidecar_name", ["story.txt.meta.json", "story.meta.json"])
def test_ingest_sidecar_overrides_metadata(tmp_path: Path, settings: Settings, sidecar_name: str) -> None:
    _write(
        tmp_path, "story.txt", "A Title Line\n\nBy John Smith\nMay 10, 2024\n\nThe budget was $5 million.\n"
    )
    assert _load(tmp_path, "story.txt", settings).published.isoformat() == "2024-05-10"  # type: ignore[union-attr]
    _write(
        tmp_path,
        sidecar_name,
        json.dumps({"title": "Real title", "author": ["A. One", "B. Two"], "published": "2023-12-17"}),
    )
    document = _load(tmp_path, "story.txt", settings)
    assert (document.title, document.author, str(document.published)) == (
        "Real title",
        "A. One; B. Two",
        "2023-12-17",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"published": "yesterday-ish"}', "published"),
        ('{"titel": "typo"}', "titel: Extra inputs are not permitted"),
        ("[1, 2]", "root"),
    ],
)
def test_ingest_bad_sidecar_loads_with_warning(
    tmp_path: Path, settings: Settings, content: str, message: str
) -> None:
    _write(tmp_path, "story.txt", "Headline Here\n\nMay 10, 2024\n\nText.\n")
    _write(tmp_path, "story.txt.meta.json", content)
    result = load_documents(tmp_path, settings, text_dir=None)
    assert [d.title for d in result.documents] == ["Headline Here"]
    assert result.rejected == []
    [warning] = result.warnings
    assert isinstance(warning, IngestWarning)
    assert (warning.doc, warning.reason) == ("story.txt", "bad_sidecar")
    assert message in warning.detail


def test_iter_documents_streams_each_file_once(tmp_path: Path, settings: Settings) -> None:
    for name in SEED:
        shutil.copy(RAW / name, tmp_path / name)
    _write(tmp_path, "junk.bin", b"\x00")
    items = list(iter_documents(tmp_path, settings, text_dir=None))
    assert [i.doc for i in items if isinstance(i, Document)] == SEED
    assert [(i.doc, i.reason) for i in items if isinstance(i, Rejection)] == [("junk.bin", "unsupported")]


def test_load_documents_internal_error_becomes_rejection(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "a.txt", "fine")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("library bug")

    monkeypatch.setattr("claims.io.sources.ingest.read_text", boom)
    result = load_documents(tmp_path, settings, text_dir=None)
    assert [(r.doc, r.reason, r.detail) for r in result.rejected] == [
        ("a.txt", "internal_error", "RuntimeError: library bug")
    ]
