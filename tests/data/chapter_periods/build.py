#!/usr/bin/env python3
"""Build the chapter-style period set from its markup (`chapters.src.txt`).

Usage (from the repository root):
    .venv/bin/python tests/data/chapter_periods/build.py            # markup -> chapters.jsonl, prints counts
    .venv/bin/python tests/data/chapter_periods/build.py --check    # only compare with the file on disk

The markup is that of `tests/data/heldout_context` (`{{surface|period|subject|entities|n=note}}`, one
`@@ chapter date=... tags=...` block per document); it is read with the same parser
(`bench/heldout_context_score.py`, `build`), ids `cp-001`... Scoring runs the extractor:
    .venv/bin/python bench/heldout_context_score.py --data tests/data/chapter_periods/chapters.jsonl
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
MARKUP = ROOT / "bench/heldout_context_score.py"
SOURCE = HERE / "chapters.src.txt"
DATA = HERE / "chapters.jsonl"


def _markup_module():
    spec = importlib.util.spec_from_file_location("heldout_context_score", MARKUP)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while it loads
    spec.loader.exec_module(module)
    return module


def period_kind(m: dict) -> str:
    """`2022` -> year, `2019-2021` -> range, `2000-`/`-1969` -> open, FY... -> fiscal, `-` -> none."""
    start, end = m["period_start"], m["period_end"]
    if m["fiscal"]:
        return "fiscal"
    if start is None and end is None:
        return "none"
    if start is None or end is None:
        return "open"
    return "year" if start == end else "range"


def main(argv: list[str]) -> int:
    markup = _markup_module()
    items = markup.build(SOURCE, prefix="cp")
    text = markup.dump(items)
    if "--check" in argv:
        same = DATA.exists() and DATA.read_text(encoding="utf-8") == text
        print("up to date" if same else "out of date: run build.py")
        return 0 if same else 1
    DATA.write_text(text, encoding="utf-8")
    mentions = [m for it in items for m in it["mentions"]]
    kinds = Counter(period_kind(m) for m in mentions)
    words = sum(len(it["text"].split()) for it in items)
    print(f"{len(items)} chapters, {words} words, {len(mentions)} figures; periods: {dict(kinds)}")
    for it in items:
        print(f"  {it['id']} {it['date']} {len(it['text'].split())} words {len(it['mentions'])} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
