"""claims.io.export: one atomic writer for every output file; reports land under the output folder, stale
pages go away; a whole folder is swapped in at once."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from claims import locks
from claims.errors import StoreError
from claims.io import export
from claims.io.export import write_reports

SENTENCE_A = "By fiscal year 2026, OSA funding reached a record 18.1 billion yen."
SENTENCE_B = "The OSA budget was <b>15 billion yen</b> in FY2026."


def _frames(docs: tuple[str, str] = ("book.txt", "brief.md")) -> dict[str, object]:
    book, brief = docs
    claims = pd.DataFrame(
        [
            {
                "claim_id": "a1",
                "doc": book,
                "char_start": 1049,
                "char_end": 1065,
                "surface": "18.1 billion yen",
                "value": 18.1e9,
                "unit": "JPY",
                "kind": "money",
                "period_start": 2026,
                "period_end": 2026,
                "fiscal": True,
                "subject": "OSA budget",
                "sentence": SENTENCE_A,
                "sentence_start": 1000,
                "chapter": "Chapter 4",
                "section": "Chapter 4 > OSA",
                "citation": None,
                "flags": "no_citation",
            },
            {
                "claim_id": "b1",
                "doc": brief,
                "char_start": 23,
                "char_end": 37,
                "surface": "15 billion yen",
                "value": 15e9,
                "unit": "JPY",
                "kind": "money",
                "period_start": 2026,
                "period_end": 2026,
                "fiscal": True,
                "subject": "OSA budget",
                "sentence": SENTENCE_B,
                "sentence_start": 0,
                "chapter": None,
                "section": None,
                "citation": "[3] MOFA",
                "flags": None,
            },
        ]
    )
    conflicts = pd.DataFrame(
        [
            {
                "conflict_id": "c1",
                "kind": "value_mismatch",
                "severity": "high",
                "claim_a": "a1",
                "claim_b": "b1",
                "doc_a": book,
                "start_a": 1049,
                "end_a": 1065,
                "surface_a": "18.1 billion yen",
                "value_a": 18.1e9,
                "unit_a": "JPY",
                "doc_b": brief,
                "start_b": 23,
                "end_b": 37,
                "surface_b": "15 billion yen",
                "value_b": 15e9,
                "unit_b": "JPY",
                "topic": "OSA budget",
                "period": "FY2026",
                "relative_difference": 3.1 / 18.1,
                "explanation": "18.1 vs 15 billion yen.",
                "status": "confirmed",
                "reviewer": "Ana",
                "reviewed_at": "2026-03-05T09:00:00+00:00",
                "scope": "cross_document",
            },
        ]
    )
    documents = pd.DataFrame([{"doc": d, "sha256": "0" * 64, "format": "txt", "n_chars": 2000} for d in docs])
    return {
        "documents": documents,
        "claims": claims,
        "conflicts": conflicts,
        "summary": {"run_id": "r1", "finished_at": "2026-03-05T10:00:00"},
        "validation": None,
    }


@pytest.mark.parametrize("docs", [("book.txt", "brief.md")])
def test_reports_written_under_out_dir(tmp_path, docs):
    paths = write_reports(tmp_path, **_frames(docs))
    assert paths.report_html == tmp_path / "report.html"
    assert paths.audit_index == tmp_path / "audit" / "index.html"
    assert paths.claimreview == tmp_path / "claimreview.jsonld"
    names = {p.name for p in paths.audit_pages}
    assert names == {"index.html", "book.txt.html", "book.txt--Chapter-4.html", "brief.md.html"}
    assert len(paths.charts) == 1
    assert paths.charts[0].parent == tmp_path / "charts"
    for path in (paths.report_html, paths.claimreview, *paths.audit_pages, *paths.charts):
        assert path.is_file()
        assert path.stat().st_size > 0
    graph = json.loads(paths.claimreview.read_text(encoding="utf-8"))["@graph"]
    assert graph[0]["@type"] == "ClaimReview"
    html = paths.report_html.read_text(encoding="utf-8")
    assert "&lt;b&gt;<mark>15 billion yen</mark>&lt;/b&gt;" in html


@pytest.mark.parametrize("docs", [("book.txt", "brief.md")])
def test_reports_leave_no_temporary_files_and_are_readable(tmp_path, docs):
    write_reports(tmp_path, **_frames(docs))
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    mode = stat.S_IMODE((tmp_path / "report.html").stat().st_mode)
    assert mode & stat.S_IROTH  # a web server can serve the folder


@pytest.mark.parametrize(("first", "second"), [(("book.txt", "brief.md"), ("book.txt", "memo.md"))])
def test_reports_remove_pages_of_vanished_documents(tmp_path, first, second):
    write_reports(tmp_path, **_frames(first))
    (tmp_path / "audit" / "notes.txt").write_text("not ours", encoding="utf-8")
    paths = write_reports(tmp_path, **_frames(second))
    on_disk = {p.name for p in (tmp_path / "audit").iterdir()}
    assert "brief.md.html" not in on_disk
    assert "memo.md.html" in on_disk
    assert "notes.txt" in on_disk  # only our own kind of file is cleaned
    assert {p.name for p in paths.audit_pages} <= on_disk


@pytest.mark.parametrize("docs", [("book.txt", "brief.md")])
def test_reports_rebuild_is_byte_identical(tmp_path, docs):
    write_reports(tmp_path / "one", **_frames(docs))
    write_reports(tmp_path / "two", **_frames(docs))
    assert _contents(tmp_path / "one") == _contents(tmp_path / "two")


def _contents(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("text", ["<p>first</p>", "second ✓"])
def test_export_write_text_replaces(tmp_path, text):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    export.write_text(target, text)
    assert target.read_text(encoding="utf-8") == text


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
@pytest.mark.parametrize("name", ["report.html"])
def test_export_unwritable_folder_raises_coded_error(tmp_path, name):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=r"\[E030\]"):
            export.write_text(locked / name, "x")
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("folder", ["a-file-not-a-folder"])
def test_export_out_dir_that_is_a_file_raises_coded_error(tmp_path, folder):
    blocker = tmp_path / folder
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match=r"\[E030\]"):
        export.write_text(Path(blocker) / "report.html", "x")


@pytest.mark.parametrize("inside", ["validation/data_docs/index.html"])
def test_reports_link_validation_docs_relative_to_out_dir(tmp_path, inside):
    frames = _frames()
    frames["validation"] = {"success": True, "failures": [], "docs_index": str(tmp_path / inside)}
    write_reports(tmp_path, **frames)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f'<a href="{inside}">full validation report</a>' in html


def _writers(tmp_path: Path) -> dict[str, Path]:
    frame = pd.DataFrame({"a": [1, 2]})
    return {
        "text": export.write_text(tmp_path / "a.html", "<p>x</p>"),
        "bytes": export.write_bytes(tmp_path / "b.bin", b"\x00\x01"),
        "json": export.write_json(tmp_path / "c.json", {"a": 1}),
        "csv": export.write_csv(tmp_path / "d.csv", frame),
        "parquet": export.write_parquet(tmp_path / "e.parquet", frame),
    }


@pytest.mark.parametrize("kind", ["text", "bytes", "json", "csv", "parquet"])
def test_export_every_writer_uses_one_file_mode(tmp_path, kind):
    path = _writers(tmp_path)[kind]
    assert stat.S_IMODE(path.stat().st_mode) == export.file_mode()
    assert export.file_mode() == 0o666 & ~export.umask()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("text", ["line one\r\nline two\n", "no newline at the end"])
def test_export_write_text_keeps_newlines_as_given(tmp_path, text):
    path = export.write_text(tmp_path / "doc.txt", text)
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize("names", [("results.json", "data_docs/index.html")])
def test_export_staged_folder_replaces_the_whole_folder(tmp_path, names):
    target = tmp_path / "validation"
    (target / "data_docs").mkdir(parents=True)
    (target / "stale.json").write_text("old", encoding="utf-8")
    with export.staged_folder(target) as staging:
        for name in names:
            export.write_text(staging / name, name)
        assert not (target / names[0]).exists()  # nothing shows before the swap
        export.replace_folder(staging, target)
    on_disk = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert on_disk == sorted(names)
    assert [p.name for p in tmp_path.iterdir()] == ["validation"]  # no staging or old folder left
    assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~export.umask()


@pytest.mark.parametrize("previous", ["results.json"])
def test_export_staged_folder_keeps_the_previous_folder_on_error(tmp_path, previous):
    target = tmp_path / "validation"
    target.mkdir()
    (target / previous).write_text("old", encoding="utf-8")

    def killed_mid_write() -> None:
        with export.staged_folder(target) as staging:
            export.write_text(staging / previous, "half")
            raise RuntimeError("killed mid-write")

    with pytest.raises(RuntimeError, match="killed"):
        killed_mid_write()
    assert (target / previous).read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["validation"]


def _publish(out: Path, text: str, run: str) -> Path:
    building = export.begin_version(out, export.version_name(run))
    (building / "audit").mkdir()
    export.write_text(building / "claims.csv", text)
    export.write_text(building / "audit" / "index.html", f"<p>{text}</p>")
    return export.commit_version(out, building, export.version_name(run), entries=("claims.csv", "audit"))


@pytest.mark.parametrize("runs", [("r1", "r2", "r3", "r4")])
def test_export_versions_switch_current_and_keep_the_newest(tmp_path, runs):
    out = tmp_path / "out"
    for i, run in enumerate(runs):
        _publish(out, f"set {i}", run)
        time.sleep(1.01)  # version names are to the second
        assert (out / "claims.csv").read_text(encoding="utf-8") == f"set {i}"  # through current/
        assert (out / "audit" / "index.html").read_text(encoding="utf-8") == f"<p>set {i}</p>"
    assert os.readlink(out / "claims.csv") == "current/claims.csv"
    assert export.current_version(out).name.endswith(runs[-1])
    export.prune_versions(out, keep=2)
    kept = sorted(p.name.split("-")[-1] for p in (out / "versions").iterdir())
    assert kept == sorted(runs[-2:])


def test_export_entry_links_replace_an_older_flat_layout(tmp_path):
    out = tmp_path / "out"
    export.write_text(out / "claims.csv", "flat")
    export.write_text(out / "audit" / "index.html", "flat page")
    _publish(out, "versioned", "r1")
    assert (out / "claims.csv").is_symlink()
    assert (out / "audit").is_symlink()
    assert (out / "audit" / "index.html").read_text(encoding="utf-8") == "<p>versioned</p>"
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and "flat" in p.name] == []


def test_export_builds_of_processes_that_are_gone_are_removed(tmp_path):
    out = tmp_path / "out"
    gone = out / "versions" / f"{export.BUILDING}999999999-r1"  # no such process
    other = out / "versions" / f"{export.BUILDING}1-r2"  # a live process that is not this one
    for folder in (gone, other):
        folder.mkdir(parents=True)
    assert export.remove_abandoned(out) == [gone]
    assert other.exists()


def test_export_folder_lock_says_who_holds_it(tmp_path):
    lock = tmp_path / ".run.lock"
    told: list[object] = []
    with locks.folder_lock(lock, "run first"):
        holder = locks.lock_holder(lock)
        assert holder is not None
        assert (holder.what, holder.pid) == ("run first", os.getpid())

        def second() -> None:
            with locks.folder_lock(lock, "run second", on_wait=told.append):
                pass

        waiter = threading.Thread(target=second, daemon=True)
        waiter.start()
        deadline = time.monotonic() + 10
        while not told and time.monotonic() < deadline:
            time.sleep(0.05)
    waiter.join(timeout=10)
    assert told
    assert told[0] is not None
    assert "run first" in told[0].describe()


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=cmd|' /C calc'!A0 The fund paid", "'=cmd|' /C calc'!A0 The fund paid"), ("-3.2 million yen", None)],
)
def test_export_write_table_neutralises_csv_and_keeps_parquet_raw(tmp_path, cell, written):
    frame = pd.DataFrame({"sentence": [cell], "value": [-3.2e6]})
    csv_path, parquet_path = export.write_table(tmp_path, "claims", frame)
    back = pd.read_csv(csv_path, dtype={"sentence": str})
    assert back["sentence"].tolist() == [written or cell]
    assert back["value"].tolist() == [-3.2e6]  # a number stays a number
    assert pd.read_parquet(parquet_path)["sentence"].tolist() == [cell]


@pytest.mark.parametrize("names", [("claims.csv", "audit/index.html", "validation/results.json")])
def test_export_set_files_are_flushed_once_when_the_set_is_committed(tmp_path, monkeypatch, names):
    flushed: list[str] = []
    real = export._fsync
    monkeypatch.setattr(export, "_fsync", lambda path: flushed.append(Path(path).name) or real(path))
    out = tmp_path / "out"
    building = export.begin_version(out, "r1")
    for name in names:
        export.write_text(building / name, name)
    assert flushed == []  # nothing flushed while the set is built
    export.commit_version(out, building, "r1", entries=())
    assert sorted(flushed) == sorted(Path(n).name for n in names)
    flushed.clear()
    export.write_text(out / "runs.txt", "outside a set")
    assert len(flushed) == 1  # a file outside a set is flushed before it replaces the old one


@pytest.mark.parametrize("name", ["failed-validation"])
def test_export_folder_moved_out_of_a_set_is_flushed(tmp_path, monkeypatch, name):
    out = tmp_path / "out"
    building = export.begin_version(out, "r1")
    export.write_text(building / "validation" / "results.json", "{}")
    flushed: list[str] = []
    real = export._fsync
    monkeypatch.setattr(export, "_fsync", lambda path: flushed.append(Path(path).name) or real(path))
    export.replace_folder(building / "validation", out / name)
    assert "results.json" in flushed
    assert (out / name / "results.json").read_text(encoding="utf-8") == "{}"


def _inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("edited", [None, "brief.md"])
def test_reports_unchanged_pages_are_linked_from_the_previous_set(tmp_path, edited):
    """A set built after another: the pages and charts whose content did not change are the previous set's
    files (not rendered or written again), the rest new files; the previous set is left as it was; the new
    set reads exactly as a set written from scratch."""
    first, second, scratch = tmp_path / "v1", tmp_path / "v2", tmp_path / "scratch"
    write_reports(first, **_frames(), previous=None)
    before = _contents(first)
    frames = _frames()
    frames["summary"] = {"run_id": "r2", "finished_at": "2026-03-06T10:00:00"}
    if edited:
        claims = frames["claims"].copy()
        claims.loc[claims["doc"] == edited, "subject"] = "OSA budget for coast guards"
        frames["claims"] = claims
    write_reports(second, **frames, previous=first)
    write_reports(scratch, **frames)
    assert _contents(first) == before
    assert _contents(second) == _contents(scratch)
    old, new = _inodes(first / "audit"), _inodes(second / "audit")
    shared = {name for name in new if name.endswith(".html") and new[name] == old.get(name)}
    doc_pages = {"book.txt.html", "book.txt--Chapter-4.html", "brief.md.html"}
    assert shared == doc_pages - ({f"{edited}.html"} if edited else set())
    assert _inodes(second / "charts") == _inodes(first / "charts")  # the chart did not change either


@pytest.mark.parametrize("damage", ["record-removed", "page-removed", "record-unreadable"])
def test_reports_previous_set_without_a_usable_record_renders_every_page(tmp_path, damage):
    first, second = tmp_path / "v1", tmp_path / "v2"
    write_reports(first, **_frames())
    record = first / "audit" / ".pages.json"
    if damage == "record-removed":
        record.unlink()
    elif damage == "page-removed":
        (first / "audit" / "brief.md.html").unlink()
    else:
        record.write_text("{not json", encoding="utf-8")
    write_reports(second, **_frames(), previous=first)
    write_reports(tmp_path / "scratch", **_frames())
    assert _contents(second) == _contents(tmp_path / "scratch")
    linked = {
        name for name, ino in _inodes(second / "audit").items() if ino == _inodes(first / "audit").get(name)
    }
    if damage == "page-removed":  # the book's record still holds: its pages are kept
        assert linked == {"book.txt.html", "book.txt--Chapter-4.html", "index.html"}


@pytest.mark.parametrize("existing", [None, "an older page"])
def test_export_keep_makes_the_target_that_file(tmp_path, existing):
    source = tmp_path / "v1" / "page.html"
    source.parent.mkdir()
    source.write_text("<p>kept</p>", encoding="utf-8")
    target = tmp_path / "v2" / "page.html"
    target.parent.mkdir()
    if existing:
        target.write_text(existing, encoding="utf-8")
    export.keep(source, target)
    assert target.stat().st_ino == source.stat().st_ino
    assert target.read_text(encoding="utf-8") == "<p>kept</p>"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]  # no temporary file left
