"""Input containment: no link is followed out of (or inside) the input folder, pipes and devices are not read,
and the refusal is said in the rejection."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from claims.errors import IngestError
from claims.io.sources import load_documents, scan
from claims.io.sources.contained import open_inside, read_inside
from claims.settings import Settings

SECRET = "CONFIDENTIAL-7f3a budget of $9 billion"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A sibling folder of the input folder, holding a file and a sub-folder nobody may read."""
    folder = tmp_path / "elsewhere"
    (folder / "deep").mkdir(parents=True)
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "deep" / "secret2.txt").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    (folder / "sub" / "inner").mkdir(parents=True)
    (folder / "good.txt").write_text("Japan granted $5 million in 2024.", encoding="utf-8")
    (folder / "sub" / "inner" / "real.txt").write_text("Laos received 3 vessels in 2023.", encoding="utf-8")
    return folder


def _fates(folder: Path, settings: Settings) -> dict[str, str]:
    result = load_documents(folder, settings, text_dir=None)
    fates = {d.doc: "processed" for d in result.documents}
    fates.update({r.doc: r.reason for r in result.rejected})
    assert all(SECRET not in d.text for d in result.documents)
    assert all(SECRET not in r.detail for r in result.rejected)
    return fates


@pytest.mark.parametrize(
    ("name", "target", "reason"),
    [
        ("passwd.txt", "/etc/passwd", "outside_input"),
        ("leak.txt", "../elsewhere/secret.txt", "outside_input"),
        ("sub/inner/leak.md", "../../../elsewhere/secret.txt", "outside_input"),
        ("alias.txt", "good.txt", "link"),
        ("sub/alias.txt", "inner/real.txt", "link"),
        ("dangling.txt", "nowhere.txt", "link"),
    ],
)
def test_contained_file_links_are_not_followed(
    raw: Path, outside: Path, settings: Settings, name: str, target: str, reason: str
) -> None:
    (raw / name).symlink_to(target)
    fates = _fates(raw, settings)
    assert fates == {"good.txt": "processed", "sub/inner/real.txt": "processed", name: reason}
    source = next(s for s in scan(raw, settings) if s.doc == name)
    assert source.sha256 == ""  # not even hashed
    assert str(outside) not in source.error
    assert "/etc" not in source.error


@pytest.mark.parametrize(
    ("name", "target", "reason"),
    [
        ("linked", "../elsewhere", "outside_input"),
        ("sub/inner/up", "../../../elsewhere/deep", "outside_input"),
        ("mirror", "sub", "link"),
    ],
)
def test_contained_folder_links_are_not_entered(
    raw: Path, outside: Path, settings: Settings, name: str, target: str, reason: str
) -> None:
    (raw / name).symlink_to(target, target_is_directory=True)
    fates = _fates(raw, settings)
    assert fates == {"good.txt": "processed", "sub/inner/real.txt": "processed", f"{name}/": reason}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_contained_named_pipe_is_not_opened(raw: Path, settings: Settings) -> None:
    os.mkfifo(raw / "pipe.txt")  # opening it for reading would wait for a writer forever
    assert _fates(raw, settings)["pipe.txt"] == "not_a_file"


def test_contained_folder_swapped_for_a_link_after_the_scan(
    raw: Path, outside: Path, settings: Settings
) -> None:
    sources = scan(raw, settings)
    shutil.rmtree(raw / "sub")
    (outside / "inner").mkdir()
    (outside / "inner" / "real.txt").write_text(SECRET, encoding="utf-8")
    (raw / "sub").symlink_to(outside, target_is_directory=True)
    result = load_documents(raw, settings, text_dir=None, sources=sources)
    assert [(r.doc, r.reason) for r in result.rejected] == [("sub/inner/real.txt", "outside_input")]
    assert [d.doc for d in result.documents] == ["good.txt"]


def test_contained_file_swapped_for_a_link_after_the_scan(
    raw: Path, outside: Path, settings: Settings
) -> None:
    sources = scan(raw, settings)
    (raw / "good.txt").unlink()
    (raw / "good.txt").symlink_to(outside / "secret.txt")
    result = load_documents(raw, settings, text_dir=None, sources=sources)
    assert ("good.txt", "outside_input") in [(r.doc, r.reason) for r in result.rejected]


def test_contained_linked_sidecar_is_not_read(raw: Path, outside: Path, settings: Settings) -> None:
    (outside / "meta.json").write_text(json.dumps({"title": SECRET}), encoding="utf-8")
    (raw / "good.txt.meta.json").symlink_to(outside / "meta.json")
    result = load_documents(raw, settings, text_dir=None)
    good = next(d for d in result.documents if d.doc == "good.txt")
    assert good.title is None or SECRET not in good.title
    assert [(w.doc, w.reason) for w in result.warnings] == [("good.txt", "bad_sidecar")]
    assert "outside the input folder" in result.warnings[0].detail


@pytest.mark.parametrize("doc", ["../elsewhere/secret.txt", "sub/../../elsewhere/secret.txt", ""])
def test_contained_open_inside_refuses_names_that_leave(raw: Path, outside: Path, doc: str) -> None:
    with pytest.raises(IngestError, match="outside_input"):
        open_inside(raw, doc)


def test_contained_read_inside_stops_after_the_limit(raw: Path) -> None:
    (raw / "big.txt").write_bytes(b"x" * 5000)
    assert len(read_inside(raw, "big.txt", 100)) == 101
