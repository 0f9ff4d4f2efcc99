#!/usr/bin/env python3
"""Build the final blind real-page quantity set from its markup (`quantities.src.txt`).

Usage (from the repository root):
    python3 tests/data/realquant2/build.py            # markup -> quantities.json + pages.json
    python3 tests/data/realquant2/build.py --check    # only compare with the files on disk
    python3 tests/data/realquant2/build.py --echo     # filter: read {"text"} lines, write the gold back
                                                     # in the `claims quantities` contract (format check)

Markup (see README.md): a page starts with
    @@ domain | url | publisher | published | title
followed by one paraphrased sentence per line, each quantity written in place as
    [[surface|value|unit|normalized_unit|change]]      (change optional, default "=")
Lines starting with `%%` are comments.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "quantities.src.txt"
QUANTITIES = HERE / "quantities.json"
PAGES = HERE / "pages.json"
EARLIER_PAGES = HERE.parent / "realquant" / "pages.json"  # the earlier set: no page may be reused

MARK = re.compile(r"\[\[(?P<body>[^\[\]]+?)\]\]")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
RANGE = re.compile(r"^\d+(?:\.\d+)?-\d+(?:\.\d+)?$")
CHANGES = {"=", "~", ">", "<", "up", "down"}
DOMAINS = {
    "agriculture",
    "transport",
    "housing",
    "education",
    "crime",
    "environment",
    "retail",
    "labour",
    "mining",
    "space",
    "medicine",
    "government",
    "business",
    "product",
    "cooking",
    "sport",
}
NUMBER_WORDS = re.compile(
    r"\d|\b(?:a|an|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion|half|third|quarter|pair|twice|double|triple|single)",
    re.IGNORECASE,
)


class MarkupError(ValueError):
    """A line of the markup that cannot be read (the message names the line)."""


def parse_quantity(body: str, where: str) -> tuple[str, dict[str, str]]:
    parts = [p.strip() for p in body.split("|")]
    if len(parts) not in (4, 5):
        raise MarkupError(f"{where}: need surface|value|unit|normalized_unit[|change] in {body!r}")
    surface, value, unit, normalized = parts[:4]
    change = parts[4] if len(parts) == 5 else "="
    if not (NUMBER.match(value) or RANGE.match(value)):
        raise MarkupError(f"{where}: bad value {value!r}")
    if change not in CHANGES:
        raise MarkupError(f"{where}: bad change {change!r}")
    if not NUMBER_WORDS.search(surface):
        raise MarkupError(f"{where}: surface {surface!r} has no number")
    if not unit or not normalized:
        raise MarkupError(f"{where}: empty unit in {body!r}")
    q = {
        "value": value,
        "unit": unit,
        "normalized_unit": normalized,
        "change": change,
        "referred_concepts": "-",
    }
    return surface, q


def build(source: Path = SOURCE) -> tuple[list[dict], list[dict]]:
    items: list[dict] = []
    pages: list[dict] = []
    page: dict | None = None
    earlier = (
        {p["url"] for p in json.loads(EARLIER_PAGES.read_text(encoding="utf-8"))}
        if EARLIER_PAGES.exists()
        else set()
    )
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{source.name}:{n}"
        if not line.strip() or line.startswith("%%"):
            continue
        if line.startswith("@@"):
            fields = [f.strip() for f in line[2:].split("|")]
            if len(fields) != 5 or fields[0] not in DOMAINS:
                raise MarkupError(f"{where}: bad page header")
            domain, url, publisher, published, title = fields
            page = {
                "url": url,
                "publisher": publisher,
                "title": title,
                "published": published or None,
                "domain": domain,
            }
            if any(p["url"] == url for p in pages):
                raise MarkupError(f"{where}: page listed twice")
            if url in earlier:
                raise MarkupError(f"{where}: page already in the earlier set")
            pages.append(page)
            continue
        if page is None:
            raise MarkupError(f"{where}: sentence before the first page")
        quantities = []

        def keep(m: re.Match[str], quantities: list[dict] = quantities, where: str = where) -> str:
            surface, q = parse_quantity(m.group("body"), where)
            quantities.append(q)
            return surface

        text = MARK.sub(keep, line.strip())
        if "[[" in text or "]]" in text or "|" in text:
            raise MarkupError(f"{where}: unbalanced markup")
        if any(it["text"] == text for it in items):
            raise MarkupError(f"{where}: sentence repeated")
        items.append({"text": text, "quantities": quantities, "domain": page["domain"], "url": page["url"]})
    return items, pages


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def echo(items: list[dict]) -> None:
    """Answer each {"text"} line on stdin with the gold quantities in the `claims quantities` contract."""
    gold = {it["text"]: it["quantities"] for it in items}
    for line in sys.stdin:
        if not line.strip():
            continue
        out = []
        for q in gold[json.loads(line)["text"]]:
            v = q["value"]
            lo = hi = None
            if RANGE.match(v):
                lo, hi = (float(x) for x in v.split("-"))
                value = None
            else:
                value = float(v)
            unit = q["normalized_unit"]
            out.append(
                {
                    "value": value,
                    "value_low": lo,
                    "value_high": hi,
                    "unit": "" if unit == "-" else unit,
                    "counted": unit,
                }
            )
        sys.stdout.write(json.dumps({"quantities": out}) + "\n")


def main(argv: list[str]) -> int:
    items, pages = build()
    if "--echo" in argv:
        echo(items)
        return 0
    q_text, p_text = dumps(items), dumps(pages)
    if "--check" in argv:
        same = (
            QUANTITIES.read_text(encoding="utf-8") == q_text and PAGES.read_text(encoding="utf-8") == p_text
        )
        print("up to date" if same else "out of date: run build.py")
        return 0 if same else 1
    QUANTITIES.write_text(q_text, encoding="utf-8")
    PAGES.write_text(p_text, encoding="utf-8")
    nq = sum(len(it["quantities"]) for it in items)
    print(f"{len(pages)} pages, {len(items)} sentences, {nq} quantities")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
