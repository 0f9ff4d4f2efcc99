"""Word (.docx): body text in reading order, headings, tables, and footnotes/endnotes kept.

The body is rendered as plain text: one block per paragraph separated by blank lines; table rows as
tab-separated cells, one row per line. Paragraphs styled as headings (Heading 1..9, styles based on them, or
an outline level) are recorded in `Extracted.headings` as (offset, level, text). A footnote reference in the
body becomes a marker `[n]` (n = order of first reference, as Word numbers them) and the notes are appended
as a "Footnotes" (and "Endnotes") section with one `[n] text` line each, recorded as a level-1 heading, so the
citation of a sentence resolves within the text. Tracked deletions, field codes and text-box fallbacks are
left out.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from claims.errors import IngestError
from claims.io.sources.extracted import (
    REASON_CORRUPT,
    REASON_ENCRYPTED,
    REASON_NO_TEXT,
    REASON_TOO_LARGE,
    REASON_UNSUPPORTED,
    Extracted,
    clean_extracted,
    squash_spaces,
    usable_author,
    usable_title,
)

logger = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SKIPPED = frozenset(
    {
        W + "del",
        W + "delText",
        W + "instrText",
        W + "txbxContent",
        W + "pPr",
        W + "rPr",
        W + "footnoteRef",
        W + "endnoteRef",
        W + "fldData",
        _MC_FALLBACK,
    }
)
_SPACES = re.compile(r"[ \u00a0]+")
_HEADING_NAME = re.compile(r"^heading\s*(?P<level>[1-9])$", re.IGNORECASE)
# the creation date of python-docx's default template says nothing about a document made from it
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)


@dataclass
class _Notes:
    """Footnote/endnote numbers in order of first reference."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def marker(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.numbers:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.numbers[key] = self.counts[kind]
        return f"[{self.numbers[key]}]"


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None


def _inline(element: etree._Element, notes: _Notes, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "footnoteReference":
            out.append(notes.marker("footnote", child.get(W + "id", "")))
        elif tag == W + "endnoteReference":
            out.append(notes.marker("endnote", child.get(W + "id", "")))
        else:
            _inline(child, notes, out)


def _paragraph_text(p: etree._Element, notes: _Notes) -> str:
    out: list[str] = []
    _inline(p, notes, out)
    lines = (
        " ".join(line.replace("\t", " \t ").split()).replace(" \t ", "\t")
        for line in "".join(out).split("\n")
    )
    return "\n".join(line for line in lines if line.strip())


def _table_text(tbl: etree._Element, notes: _Notes) -> str:
    rows = []
    for tr in tbl.iter(W + "tr"):
        cells = []
        for tc in tr.iterchildren(W + "tc"):
            paragraphs = (_paragraph_text(p, notes) for p in tc.iter(W + "p"))
            cells.append(" ".join(" ".join(t.split()) for t in paragraphs if t))
        if any(cells):
            rows.append("\t".join(cells))
    return "\n".join(rows)


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    for child in container:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"):
            yield from _blocks(child)


def _styles(styles_element: etree._Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if styles_element is None:
        return styles
    for style in styles_element.iterchildren(W + "style"):
        style_id = style.get(W + "styleId")
        if not style_id:
            continue
        name = style.find(W + "name")
        based = style.find(W + "basedOn")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        styles[style_id] = _Style(
            name=(name.get(W + "val", "") if name is not None else style_id),
            based_on=based.get(W + "val") if based is not None else None,
            outline_level=_int(outline.get(W + "val")) if outline is not None else None,
        )
    return styles


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _heading_level(p: etree._Element, styles: dict[str, _Style]) -> int | str | None:
    """1..9 for a heading paragraph, "title" for the Title style, None for body text."""
    outline = p.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None and (level := _int(outline.get(W + "val"))) is not None and 0 <= level < 9:
        return level + 1
    style_ref = p.find(f"{W}pPr/{W}pStyle")
    style_id = style_ref.get(W + "val") if style_ref is not None else None
    for _ in range(10):  # follow basedOn, bounded (style loops exist in the wild)
        if style_id is None or style_id not in styles:
            return None
        style = styles[style_id]
        if m := _HEADING_NAME.match(style.name):
            return int(m.group("level"))
        if style.name.lower() == "title":
            return "title"
        if style.outline_level is not None and 0 <= style.outline_level < 9:
            return style.outline_level + 1
        style_id = style.based_on
    return None


def _note_texts(part_xml: bytes | None, kind: str, notes: _Notes) -> dict[str, str]:
    """note id -> text, from word/footnotes.xml or word/endnotes.xml."""
    if not part_xml:
        return {}
    root = etree.fromstring(part_xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    texts = {}
    for note in root.iterchildren(W + kind):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = (_paragraph_text(p, notes) for p in note.iter(W + "p"))
        texts[note.get(W + "id", "")] = " ".join(" ".join(t.split()) for t in paragraphs if t)
    return texts


def _related_blob(document: object, reltype: str) -> bytes | None:
    for rel in document.part.rels.values():  # type: ignore[attr-defined]
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part.blob
    return None


MAX_PARTS = 10_000
"""A .docx with more parts than this is refused before its directory is read (a Word file has dozens)."""

_CONTENT_TYPES = "[Content_Types].xml"
_EOCD = b"PK\x05\x06"  # the ZIP end-of-central-directory record
_INFLATE_STEP = 1 << 20
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError)


def _part_count(data: bytes) -> int | None:
    """The number of parts the ZIP's end record declares (None when there is no end record).

    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("word/document.xml", "<w:document/>")
    >>> _part_count(buffer.getvalue())
    1
    """
    at = data.rfind(_EOCD, max(0, len(data) - (1 << 16) - 22))
    if at < 0 or at + 22 > len(data):
        return None
    return int.from_bytes(data[at + 10 : at + 12], "little")


def _xml_parts(archive: zipfile.ZipFile, limit: int) -> set[str]:
    """Names of the parts python-docx parses as XML: .xml and .rels parts, and any part whose content type
    ([Content_Types].xml) is an XML type."""
    names = {i.filename for i in archive.infolist() if i.filename.lower().endswith((".xml", ".rels"))}
    try:
        with archive.open(_CONTENT_TYPES) as f:
            types_xml = f.read(min(limit, 4 << 20))
    except KeyError:
        return names  # python-docx says what is missing
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(types_xml, parser=parser)
    except etree.XMLSyntaxError as e:
        raise IngestError(REASON_CORRUPT, f"{_CONTENT_TYPES} could not be parsed: {e}") from e
    by_extension = {
        (d.get("Extension") or "").lower(): d.get("ContentType") or ""
        for d in root
        if "Default" in str(d.tag)
    }
    named = (o for o in root if str(o.tag).endswith("Override"))
    overrides = {(o.get("PartName") or "").lstrip("/"): o.get("ContentType") or "" for o in named}
    for info in archive.infolist():
        extension = info.filename.rsplit(".", 1)[-1].lower() if "." in info.filename else ""
        content_type = overrides.get(info.filename) or by_extension.get(extension, "")
        if content_type.endswith("xml"):
            names.add(info.filename)
    return names


def unpack_docx(data: bytes, max_unpacked: int) -> bytes:
    """The .docx with its XML parts inflated and every other part (images, fonts, embedded files) left empty,
    as an uncompressed ZIP for python-docx, which never reads those others.

    Limits, each checked before memory is spent: at most MAX_PARTS parts (from the ZIP's end record), at
    most `max_unpacked` bytes of XML declared, and at most `max_unpacked` bytes actually inflated, counted
    while inflating (a part that inflates beyond what it declares stops there). Raises IngestError
    (too_large, corrupt, unsupported, encrypted).
    """
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise IngestError(REASON_ENCRYPTED, "password-protected Word file; save an unprotected copy")
        raise IngestError(REASON_UNSUPPORTED, "a legacy Word .doc renamed .docx; save it as .docx")
    parts = _part_count(data)
    if parts is not None and parts > MAX_PARTS:
        raise IngestError(REASON_TOO_LARGE, f"{parts:,} parts in the package, over the {MAX_PARTS:,} limit")
    limit = f"(settings.max_unpacked_bytes / CLAIMS_MAX_UNPACKED_BYTES: {max_unpacked:,} bytes)"
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w") as copy:
            xml = _xml_parts(archive, max_unpacked)
            infos = [i for i in archive.infolist() if not i.is_dir()]
            declared = sum(i.file_size for i in infos if i.filename in xml)
            if declared > max_unpacked:
                raise IngestError(
                    REASON_TOO_LARGE, f"its text parts inflate to {declared:,} bytes, over the limit {limit}"
                )
            inflated = 0
            for info in infos:
                if info.filename not in xml:
                    copy.writestr(info.filename, b"")
                    continue
                with archive.open(info) as member, copy.open(info.filename, "w", force_zip64=True) as target:
                    while chunk := member.read(_INFLATE_STEP):
                        inflated += len(chunk)
                        if inflated > max_unpacked:
                            raise IngestError(
                                REASON_TOO_LARGE, f"its text parts inflate past the limit {limit}"
                            )
                        target.write(chunk)
    except IngestError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ) as e:
        raise IngestError(REASON_CORRUPT, f"not a valid DOCX (ZIP) file: {e}") from e
    except RuntimeError as e:  # zipfile: an encrypted member
        raise IngestError(REASON_ENCRYPTED, f"an encrypted part: {e}") from e
    return out.getvalue()


def read_docx(data: bytes, *, max_unpacked: int = 64 << 20) -> Extracted:
    """A .docx file's bytes -> Extracted (text, headings, footnotes section, title/author/created).

    Only the XML parts are inflated, at most `max_unpacked` bytes of them (`unpack_docx`).
    """
    import docx  # python-docx

    package = unpack_docx(data, max_unpacked)
    try:
        document = docx.Document(io.BytesIO(package))
        body = document.element.body
        styles = _styles(document.styles.element)
        footnotes_xml = _related_blob(document, _RT_FOOTNOTES)
        endnotes_xml = _related_blob(document, _RT_ENDNOTES)
        core = document.core_properties
        meta_title, meta_author, created = core.title, core.author, core.created
    except IngestError:
        raise
    except Exception as e:  # python-docx/lxml raise KeyError, ValueError, XMLSyntaxError... on damaged files
        raise IngestError(REASON_CORRUPT, f"DOCX could not be parsed: {type(e).__name__}: {e}") from e

    notes = _Notes()
    parts: list[str] = []
    headings: list[tuple[int, int, str]] = []
    length = 0
    title_from_style: str | None = None

    def add(block: str) -> int:
        nonlocal length
        if parts:
            parts.append("\n\n")
            length += 2
        parts.append(block)
        start = length
        length += len(block)
        return start

    for block in _blocks(body):
        if block.tag == W + "tbl":
            if text := _table_text(block, notes):
                add(text)
            continue
        text = _paragraph_text(block, notes)
        if not text:
            continue
        level = _heading_level(block, styles)
        start = add(text)
        if level == "title":
            title_from_style = title_from_style or squash_spaces(text)
        elif isinstance(level, int):
            headings.append((start, level, squash_spaces(text)))

    try:
        for kind, xml, label in (
            ("footnote", footnotes_xml, "Footnotes"),
            ("endnote", endnotes_xml, "Endnotes"),
        ):
            referenced = sorted(
                ((number, note_id) for (k, note_id), number in notes.numbers.items() if k == kind)
            )
            if not referenced:
                continue
            texts = _note_texts(xml, kind, _Notes())
            lines = [f"[{number}] {texts.get(note_id, '')}".rstrip() for number, note_id in referenced]
            headings.append((add(label), 1, label))
            add("\n".join(lines))
    except etree.XMLSyntaxError as e:
        raise IngestError(REASON_CORRUPT, f"footnotes could not be parsed: {e}") from e

    text = clean_extracted("".join(parts))
    if not text.strip():
        raise IngestError(REASON_NO_TEXT, "the document has no text")
    template_created = created == _TEMPLATE_CREATED
    return Extracted(
        text=text,
        format="docx",
        title=usable_title(meta_title) or title_from_style,
        author=usable_author(meta_author),
        created=None if template_created or not isinstance(created, dt.datetime) else created.date(),
        headings=tuple(headings),
    )
