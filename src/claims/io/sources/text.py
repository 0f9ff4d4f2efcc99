"""Plain text (.txt, .md): detect the encoding, decode, refuse binary data.

UTF-8 files (with or without a BOM) are decoded exactly as `open(path, encoding="utf-8").read()` does it:
universal newlines, and a UTF-8 BOM kept as U+FEFF at offset 0, so that offsets index the raw file as the
data contract says (`Extracted.plain` is True). Files with a UTF-16/UTF-32 BOM, and files that are not valid
UTF-8, are decoded with the encoding `detect_encoding` decides and `plain` is False: the ingestion layer then
stores the decoded text under processed/text/.

The charset decision prefers UTF-8, then Windows-1252 (the Western code page browsers assume for unlabelled
pages; a superset of Latin-1's printable characters), and takes another code page only on strong evidence.
charset-normalizer ranks candidates by how clean each decoding looks, and on a short text many code pages
look equally clean: `Crédit ... ¥1.5 billion` in Latin-1 reads as cp932 `Cr馘it ... ･1.5 billion` without a
single odd character. So its pick is read with care (`ENCODING_RULES`): Windows-1252 when it decodes the
bytes and the other reading gives fewer than `STRONG_EVIDENCE_CHARS` non-ASCII characters, or when most of
them sit alone inside Latin words (`Cr馘it`: Japanese, Chinese, Korean, Cyrillic or Greek words are not
spelled inside Latin letters). A short text in another script may then read as Western; a long one does not.
A UTF-8 file cut in the middle of its last character is read as UTF-8 without that character.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Callable

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


WESTERN = "cp1252"
STRONG_EVIDENCE_CHARS = 16
"""Non-ASCII characters another code page's reading must give before it is preferred to Windows-1252."""

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def weak_evidence(text: str) -> bool:
    """True when a decoding says little for its code page: few non-ASCII characters, or most of its non-ASCII
    runs sitting alone inside Latin words (what a Western text read in an East Asian code page looks like).

    >>> weak_evidence("Cr馘it ... ･1.5 billion")
    True
    >>> weak_evidence("日本政府は2024年度にフィリピンへ約15億円の支援を決定した。")
    False
    >>> weak_evidence("Правительство выделило 5 млрд рублей в 2024 году.")
    False
    """
    runs = list(_NON_ASCII_RUN.finditer(text))
    if sum(len(m.group()) for m in runs) < STRONG_EVIDENCE_CHARS:
        return True
    inside = sum(
        1
        for m in runs
        if m.start() > 0
        and m.end() < len(text)
        and _LATIN_LETTER.match(text[m.start() - 1])
        and _LATIN_LETTER.match(text[m.end()])
    )
    return 2 * inside >= len(runs)


EncodingRule = Callable[[bytes, "charset_normalizer.CharsetMatches"], str | None]


def western_equally_clean(data: bytes, matches: charset_normalizer.CharsetMatches) -> str | None:
    """Windows-1252 when it is among the candidates as clean as the best one."""
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + 0.005 and WESTERN in match.could_be_from_charset:
            return WESTERN
    return None


def western_unless_strong_evidence(data: bytes, matches: charset_normalizer.CharsetMatches) -> str | None:
    """Windows-1252 when it decodes the bytes and the best other reading is weak evidence (or there is none).

    >>> data = "Crédit ... ¥1.5 billion".encode("latin-1")
    >>> western_unless_strong_evidence(data, charset_normalizer.from_bytes(data))
    'cp1252'
    """
    if not _decodes(data, WESTERN):
        return None
    best = matches.best()
    if best is None or weak_evidence(str(best)):
        return WESTERN
    return None


def detected(data: bytes, matches: charset_normalizer.CharsetMatches) -> str | None:
    """charset-normalizer's best candidate."""
    best = matches.best()
    return best.encoding if best is not None else None


ENCODING_RULES: tuple[EncodingRule, ...] = (western_equally_clean, western_unless_strong_evidence, detected)
"""How the code page of bytes that are not UTF-8 is chosen, asked in this order."""


def detect_encoding(data: bytes) -> str:
    """The code page of bytes that are not UTF-8 (see the module docstring); IngestError(binary) if none.

    >>> detect_encoding("Crédit Lyonnais lent ¥1.5 billion".encode("latin-1"))
    'cp1252'
    >>> detect_encoding("日本政府は2024年度にフィリピンへ約15億円の支援を決定した。".encode("cp932"))
    'cp932'
    """
    matches = charset_normalizer.from_bytes(data)
    for rule in ENCODING_RULES:
        encoding = rule(data, matches)
        if encoding is not None:
            return encoding
    raise IngestError(REASON_BINARY, "not text in any encoding charset-normalizer knows")


def _utf8(data: bytes) -> tuple[str, bool] | None:
    """(`data` decoded as UTF-8, whether all of it was), forgiving only an incomplete character at the very
    end of a text that shows other UTF-8 characters (a file cut short); None when `data` is not UTF-8.

    >>> _utf8("¥1.5 billion".encode()[:-1]), _utf8("¥1.5".encode()[1:])
    (('¥1.5 billio', True), None)
    >>> _utf8("Café cut at ¥".encode()[:-1])
    ('Café cut at ', False)
    """
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as e:
        if (
            e.reason == "unexpected end of data"
            and e.start >= len(data) - 3
            and not data[: e.start].isascii()
        ):
            try:
                return data[: e.start].decode("utf-8"), False
            except UnicodeDecodeError:
                return None
        return None


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
    if b"\x00" not in data and (utf8 := _utf8(data)) is not None:
        text = normalize_newlines(utf8[0])
        _check_text(text, "utf-8")
        return text, "utf-8", utf8[1]
    if b"\x00" in data:
        # without a BOM, only text that is visibly UTF-16 (mostly ASCII: one byte of each pair is NUL)
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise IngestError(REASON_BINARY, "contains NUL bytes")
        encoding = utf16
    else:
        encoding = detect_encoding(data)
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
