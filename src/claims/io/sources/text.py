"""Plain text (.txt, .md): detect the encoding, decode, refuse binary data.

UTF-8 files (with or without a BOM) are decoded exactly as `open(path, encoding="utf-8").read()` does it:
universal newlines, and a UTF-8 BOM kept as U+FEFF at offset 0, so that offsets index the raw file as the
data contract says (`Extracted.plain` is True). Files with a UTF-16/UTF-32 BOM, and files that are not valid
UTF-8, are decoded with the encoding charset-normalizer detects (Windows-1252 preferred when it is among the
equally good candidates, as browsers do for Western text) and `plain` is False: the ingestion layer then
stores the decoded text under processed/text/.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata

import charset_normalizer

from claims.errors import IngestError
from claims.io.sources.extracted import REASON_BINARY, REASON_EMPTY, Extracted, normalize_newlines

logger = logging.getLogger(__name__)

MAX_CONTROL_SHARE = 0.01
"""A decoded text with more than this share of control / unassigned / replacement characters is binary."""

_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX ...)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (legacy .doc/.xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def sniff_binary(data: bytes) -> str | None:
    """What a byte string's magic number says it is, when it is a well-known binary format.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'a PDF file'
    >>> sniff_binary(b"Japan's OSA budget") is None
    True
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Cs"))
    )
    return bad / len(sample)


def _check_text(text: str, encoding: str) -> None:
    if "\x00" in text:
        raise IngestError(REASON_BINARY, f"contains NUL characters after decoding as {encoding}")
    share = _control_share(text)
    if share > MAX_CONTROL_SHARE:
        raise IngestError(REASON_BINARY, f"{share:.0%} control or unassigned characters as {encoding}")
    if not text.lstrip("\ufeff").strip():
        raise IngestError(REASON_EMPTY, "only whitespace")


def _detect(data: bytes) -> str:
    """The encoding charset-normalizer finds for non-UTF-8 bytes; raises IngestError(binary) if none."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise IngestError(REASON_BINARY, "not text in any encoding charset-normalizer knows")
    encoding = best.encoding
    for match in matches:
        # equally clean decodings: prefer Windows-1252 (a superset of Latin-1 for printable text)
        if match.chaos <= best.chaos + 0.005 and "cp1252" in match.could_be_from_charset:
            encoding = "cp1252"
            break
    return encoding


def _bomless_utf16(data: bytes) -> str | None:
    """utf-16-le/-be when the NUL bytes of `data` sit in one byte of each pair, as in mostly-ASCII UTF-16.

    >>> _bomless_utf16("Japan OSA budget 2024".encode("utf-16-le"))
    'utf-16-le'
    >>> _bomless_utf16(bytes([0x30, 0x34, 0, 0x30])) is None
    True
    """
    if len(data) < 32 or len(data) % 2:
        return None
    evens, odds = data[0::2], data[1::2]
    even_nul, odd_nul = evens.count(0) / len(evens), odds.count(0) / len(odds)
    if odd_nul >= 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul >= 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Decode a text file's bytes: (text with universal newlines, encoding, plain).

    `plain` is True when the text equals `open(path, encoding="utf-8").read()` of the file.
    Raises IngestError(binary | empty) for bytes that are not text.

    >>> decode_bytes("Café 8.1 billion yen\\r\\n".encode("utf-8"))
    ('Café 8.1 billion yen\\n', 'utf-8', True)
    >>> decode_bytes("Japan’s budget: ¥1.2 trillion — up 12%".encode("cp1252"))
    ('Japan’s budget: ¥1.2 trillion — up 12%', 'cp1252', False)
    >>> decode_bytes("OSA ¥2 billion".encode("utf-16"))
    ('OSA ¥2 billion', 'utf-16', False)
    """
    if not data:
        raise IngestError(REASON_EMPTY, "0 bytes")
    if (what := sniff_binary(data)) is not None:
        raise IngestError(REASON_BINARY, f"looks like {what}, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = normalize_newlines(data.decode(encoding))
            except UnicodeDecodeError as e:
                raise IngestError(REASON_BINARY, f"{encoding} byte-order mark but undecodable: {e}") from e
            _check_text(text, encoding)
            return text, encoding, False
    if b"\x00" not in data:
        try:
            text = normalize_newlines(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass  # not UTF-8: fall through to detection
        else:
            _check_text(text, "utf-8")
            return text, "utf-8", True
    if b"\x00" in data:
        # without a BOM, only text that is visibly UTF-16 (mostly ASCII: one byte of each pair is NUL)
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise IngestError(REASON_BINARY, "contains NUL bytes")
        encoding = utf16
    else:
        encoding = _detect(data)
    try:
        text = normalize_newlines(data.decode(encoding))
    except (UnicodeDecodeError, LookupError) as e:
        raise IngestError(REASON_BINARY, f"undecodable as detected {encoding}: {e}") from e
    _check_text(text, encoding)
    return text, codecs.lookup(encoding).name, False


def read_text(data: bytes, *, fmt: str) -> Extracted:
    """A .txt/.md file's bytes -> Extracted."""
    text, encoding, plain = decode_bytes(data)
    logger.debug("decoded %d bytes as %s (plain=%s)", len(data), encoding, plain)
    return Extracted(text=text, format=fmt, encoding=encoding, plain=plain)
