"""A folder of hostile and huge input, built in code, with the fate each file must meet.

Used by the hostile-corpus test (a `claims run` over it) and by bench/bench_hostile.py. `build(raw, outside)`
writes the files under `raw` (and a confidential file under `outside`, a sibling folder) and returns, per
name relative to `raw`, either "processed" or the rejection reason expected with `LIMITS` in force.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

SECRET = "CONFIDENTIAL-7f3a9c: the merger is priced at $9.9 billion"
"""The text of the file outside the input folder: it must appear in no output."""

PASSWD_MARK = "root:x:0:0"
"""What /etc/passwd starts with: it must appear in no output either."""

LIMITS = {
    "CLAIMS_MAX_FILE_BYTES": str(4 << 20),
    "CLAIMS_MAX_DOCUMENT_CHARS": "1500000",
    "CLAIMS_MAX_UNPACKED_BYTES": str(64 << 20),
}
"""The settings the expected fates assume (environment variables for `claims run`)."""

FORMULA_NAMES = ("=cmd|' -C calc'!A0.txt", "+SUM(1+2).txt", "-2+3.txt", "@SUM(A1).txt")
MARKUP_NAME = "<img src=x onerror=alert(1)>.txt"
FORMULA_TEXT = "=cmd|' /C calc'!A0"
MARKUP_TEXT = "<script>alert(1)</script><img src=x onerror=alert(2)>"

GOOD_TEXTS = {
    "good_grants.txt": (
        "Grants to Laos\n\nThe agency granted $5 million to Laos in 2024 for port repairs. "
        "In 2023 it had granted $4.2 million.\n"
    ),
    "good_trade.md": (
        "# Trade with Vietnam\n\nExports to Vietnam rose 12% to $3.4 billion in 2023, "
        "the ministry said.\n\nImports reached $2.1 billion in 2023.\n"
    ),
}
GOOD_HTML = (
    "<html><head><title>Coast guard vessels</title></head><body><article>"
    "<h1>Coast guard vessels</h1><p>The coast guard received 12 patrol vessels in 2022, "
    "worth $120 million in all.</p></article></body></html>"
)
LATIN1_TEXT = "Crédit Agricole lent ¥1.5 billion to the harbour authority in 2024.\n"
DEEP_PARAGRAPH = "Japan pledged $6 million to Cambodia in 2024 for mine clearance."


def zip_bomb_docx(inflated: int = 211 << 20) -> bytes:
    """A valid .docx (python-docx's template) plus one XML part of `inflated` bytes of whitespace: a file of
    a few hundred KB that inflates to `inflated` bytes."""
    import docx

    document = docx.Document()
    document.add_paragraph("A short report: the fund gave $1 million in 2024.")
    plain = io.BytesIO()
    document.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with target.open("customXml/item9.xml", "w", force_zip64=True) as part:
            part.write(b"<x>")
            step = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                part.write(step)
            part.write(b"</x>")
    return out.getvalue()


def one_line_text(size: int = 2 << 20) -> bytes:
    """`size` bytes of prose with figures on a single line (a scraped dump without line breaks)."""
    sentence = "In {y}, the ministry spent ${k}.5 million on {k} schools, up {p}% on the year before. "
    parts: list[str] = []
    total = k = 0
    while total < size:
        part = sentence.format(y=1990 + k % 30, k=k + 1, p=k % 9 + 1)
        parts.append(part)
        total += len(part)
        k += 1
    return "".join(parts).encode()[:size]


def deep_html(depth: int = 10_000) -> bytes:
    return (
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + f"<p>{DEEP_PARAGRAPH}</p>"
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def build(raw: Path, outside: Path, *, bomb: bytes | None = None) -> dict[str, str]:
    """Write the hostile corpus; returns name -> "processed" or the expected rejection reason."""
    raw.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder" / "secret2.txt").write_text(SECRET + "\n", encoding="utf-8")
    fates: dict[str, str] = {}

    for name, text in GOOD_TEXTS.items():
        (raw / name).write_text(text, encoding="utf-8")
        fates[name] = "processed"
    (raw / "good_page.html").write_text(GOOD_HTML, encoding="utf-8")
    fates["good_page.html"] = "processed"
    (raw / "latin1_credit.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    fates["latin1_credit.txt"] = "processed"
    (raw / "deep_page.html").write_bytes(deep_html())
    fates["deep_page.html"] = "processed"
    for i, name in enumerate(FORMULA_NAMES):
        text = f"{name[0]}{FORMULA_TEXT[1:]} The fund paid ${7 + i} million to the clinic in 2023.\n"
        (raw / name).write_text(text, encoding="utf-8")
        fates[name] = "processed"
    (raw / MARKUP_NAME).write_text(  # the same figure as the formula files: findings join them
        f"{MARKUP_TEXT} The fund paid $12 million to the clinic in 2023 </script><b>x</b>.\n",
        encoding="utf-8",
    )
    fates[MARKUP_NAME] = "processed"

    (raw / "passwd.txt").symlink_to("/etc/passwd")
    fates["passwd.txt"] = "outside_input"
    (raw / "leak.txt").symlink_to(os.path.relpath(outside / "secret.txt", raw))
    fates["leak.txt"] = "outside_input"
    (raw / "sub" / "inner").mkdir(parents=True, exist_ok=True)
    (raw / "sub" / "inner" / "leak.md").symlink_to(outside / "secret.txt")
    fates["sub/inner/leak.md"] = "outside_input"
    (raw / "sub" / "linked").symlink_to(outside / "folder", target_is_directory=True)
    fates["sub/linked/"] = "outside_input"
    (raw / "alias.txt").symlink_to("good_grants.txt")
    fates["alias.txt"] = "link"
    if hasattr(os, "mkfifo"):
        os.mkfifo(raw / "pipe.txt")
        fates["pipe.txt"] = "not_a_file"

    (raw / "bomb.docx").write_bytes(bomb if bomb is not None else zip_bomb_docx())
    fates["bomb.docx"] = "too_large"
    with (raw / "oversized.txt").open("wb") as f:  # over CLAIMS_MAX_FILE_BYTES, mostly a hole
        f.write(b"The file says $1 million.\n")
        f.truncate(5 << 20)
    fates["oversized.txt"] = "too_large"
    (raw / "one_line.txt").write_bytes(one_line_text())
    fates["one_line.txt"] = "too_large"  # 2 MB of text over CLAIMS_MAX_DOCUMENT_CHARS
    return fates
