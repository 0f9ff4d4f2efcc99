#!/usr/bin/env python3
"""Score claim assembly (period, fiscal flag, subject, entities) on the held-out context passages.

Usage:
    .venv/bin/python bench/heldout_context_score.py --build [--check]   # markup -> claims.jsonl
    .venv/bin/python bench/heldout_context_score.py [--data FILE] [--errors] [--tags] [--json OUT]

`tests/data/heldout_context/claims.src.txt` holds hand-annotated passages (see README.md there);
`--build` computes offsets, checks `text[start:end] == surface` and writes `claims.jsonl` (`--check` only
compares with the file on disk). Scoring runs the real extractor (`claims.extract.extract_documents` with
the statistical pipeline) on every passage as its own document, dated by the item's `date` or, failing
that, by a dateline found the way ingestion finds it (`claims.parse.metadata.detect_metadata`).

Each annotated quantity is matched to the claim whose span overlaps it (the one starting closest). Over the
matched quantities:
- period: (period_start, period_end) equal to the gold years;
- fiscal: the fiscal flag equal;
- period+fiscal: both;
- subject: rapidfuzz `token_set_ratio` (lower-cased, punctuation removed) of the claim's subject against
  the best of the gold alternatives; a score >= 60 counts as right; the mean score is shown too;
- entities: recall of the gold parties among the claim's entities (micro), after canonicalising both sides
  through `claims.lexicon.entities.alias_table` (names outside the lexicon match when one's words are all in
  the other: `Sony` / `Sony Group`); precision over claims with annotated parties is shown for
  reference.
Quantities with no overlapping claim are counted as unmatched (a quantity-scanner miss, not scored here).

Whole chapters score the same way (each `@@` block is one document, its headings and tables read by
`claims.segment`): `--data tests/data/chapter_periods/chapters.jsonl` (built by that folder's `build.py`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "tests/data/heldout_context"
SOURCE = DATA_DIR / "claims.src.txt"
DATA = DATA_DIR / "claims.jsonl"
# markup -> JSONL: batch 1 (baseline, then used to find failures) and batch 2 (written after the first round
# of fixes, scored once)
FILES = {
    DATA_DIR / "claims.src.txt": DATA_DIR / "claims.jsonl",
    DATA_DIR / "claims2.src.txt": DATA_DIR / "claims2.jsonl",
}

MARK = re.compile(r"\{\{(?P<body>.+?)\}\}")
HEADER = re.compile(r"^@@\s+(?P<style>\S+)(?P<opts>.*)$")
PERIOD = re.compile(r"^(?P<fy>FY)?(?P<start>\d{4})?(?P<dash>-)?(?P<end>\d{4})?$")
SUBJECT_THRESHOLD = 60.0


class MarkupError(ValueError):
    """A line of the markup that cannot be read (the message names the line)."""


# ---------------------------------------------------------------------------------------------------------
# build


def parse_period(code: str, where: str) -> tuple[int | None, int | None, bool]:
    """`2024` -> (2024, 2024, False); `FY2023-2024` -> (2023, 2024, True); `2000-` -> (2000, None, False);
    `-2030` -> (None, 2030, False); `-` -> (None, None, False)."""
    code = code.strip()
    if code == "-":
        return None, None, False
    m = PERIOD.match(code)
    if not m or not (m.group("start") or m.group("end")):
        raise MarkupError(f"{where}: bad period {code!r}")
    start = int(m.group("start")) if m.group("start") else None
    end = int(m.group("end")) if m.group("end") else None
    if not m.group("dash"):
        end = start
    return start, end, bool(m.group("fy"))


def _mention(body: str, start: int, where: str) -> dict[str, Any]:
    parts = body.split("|")
    if len(parts) < 4:
        raise MarkupError(f"{where}: need surface|period|subject|entities in {body!r}")
    surface, period, subject, entities = parts[:4]
    note = None
    for opt in parts[4:]:
        key, _, value = opt.partition("=")
        if key != "n":
            raise MarkupError(f"{where}: unknown option {opt!r}")
        note = value
    ps, pe, fiscal = parse_period(period, where)
    return {
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "period_start": ps,
        "period_end": pe,
        "fiscal": fiscal,
        "subject": [s.strip() for s in subject.split("~") if s.strip()],
        "entities": [] if entities.strip() in {"", "-"} else [e.strip() for e in entities.split(";")],
        "note": note,
    }


def _item(
    number: int, header: re.Match[str], lines: list[str], where: str, prefix: str = "hc"
) -> dict[str, Any]:
    opts = dict(o.split("=", 1) for o in header.group("opts").split())
    unknown = set(opts) - {"date", "tags"}
    if unknown:
        raise MarkupError(f"{where}: unknown item options {sorted(unknown)}")
    while lines and not lines[-1].strip():
        lines.pop()
    raw = "\n".join(lines)
    text_parts: list[str] = []
    mentions = []
    pos = 0
    length = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos : m.start()]
        text_parts.append(chunk)
        length += len(chunk)
        mention = _mention(m.group("body"), length, where)
        text_parts.append(mention["surface"])
        length += len(mention["surface"])
        mentions.append(mention)
        pos = m.end()
    text_parts.append(raw[pos:])
    text = "".join(text_parts)
    if "{{" in text or "}}" in text:
        raise MarkupError(f"{where}: unbalanced markup")
    for mention in mentions:
        if text[mention["start"] : mention["end"]] != mention["surface"]:
            raise MarkupError(f"{where}: offsets do not give back {mention['surface']!r}")
    date = opts.get("date")
    if date is not None:
        dt.date.fromisoformat(date)
    return {
        "id": f"{prefix}-{number:03d}",
        "style": header.group("style"),
        "date": date,
        "tags": [t for t in opts.get("tags", "").split(",") if t],
        "text": text,
        "mentions": mentions,
    }


def build(source: Path = SOURCE, prefix: str = "hc") -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    header: re.Match[str] | None = None
    where = ""
    lines: list[str] = []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("%%"):
            continue
        m = HEADER.match(line)
        if m:
            if header is not None:
                items.append(_item(len(items) + 1, header, lines, where, prefix))
            header, where, lines = m, f"{source.name}:{n}", []
            continue
        if header is None:
            if line.strip():
                raise MarkupError(f"{source.name}:{n}: text before the first @@ item")
            continue
        lines.append(line)
    if header is not None:
        items.append(_item(len(items) + 1, header, lines, where, prefix))
    return items


def dump(items: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


# ---------------------------------------------------------------------------------------------------------
# score


@dataclass
class Outcome:
    item: dict[str, Any]
    gold: dict[str, Any]
    claim: Any | None
    period_ok: bool = False
    fiscal_ok: bool = False
    subject_score: float = 0.0
    entity_hits: int = 0
    entity_pred: int = 0

    @property
    def subject_ok(self) -> bool:
        return self.subject_score >= SUBJECT_THRESHOLD


def _canonical(name: str, table: dict[str, str]) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    canonical = table.get(name) or table.get(name.upper()) or name
    return canonical.lower()


def _same_party(gold: str, pred: str) -> bool:
    """Canonical names equal, or one name's words all in the other (`Sony` / `Sony Group`, `Ministry of
    Defense` / `Japan Ministry of Defense`): organisations outside the lexicon have no canonical form."""
    if gold == pred:
        return True
    g, p = set(re.findall(r"\w+", gold)), set(re.findall(r"\w+", pred))
    return bool(g) and bool(p) and (g <= p or p <= g)


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_claims(items: list[dict[str, Any]]) -> dict[str, list[Any]]:
    from claims.extract import extract_documents
    from claims.nlp.pipeline import build_nlp
    from claims.parse.metadata import detect_metadata
    from claims.settings import Settings
    from claims.types import Document

    settings = Settings()
    nlp = build_nlp(settings)
    documents = []
    for item in items:
        text = item["text"]
        published = (
            dt.date.fromisoformat(item["date"]) if item.get("date") else detect_metadata(text).published
        )
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        documents.append(Document(doc=f"{item['id']}.txt", text=text, sha256=digest, published=published))
    return {document.doc: claims for document, claims in extract_documents(documents, nlp, settings)}


def score(items: list[dict[str, Any]], claims_by_doc: dict[str, list[Any]]) -> list[Outcome]:
    from rapidfuzz import fuzz, utils

    from claims.lexicon.entities import alias_table

    table = alias_table()
    outcomes = []
    for item in items:
        claims = claims_by_doc.get(f"{item['id']}.txt", [])
        for gold in item["mentions"]:
            overlapping = [c for c in claims if c.char_start < gold["end"] and gold["start"] < c.char_end]
            overlapping.sort(key=lambda c: abs(c.char_start - gold["start"]))
            claim = overlapping[0] if overlapping else None
            outcome = Outcome(item, gold, claim)
            if claim is not None:
                outcome.period_ok = (claim.period_start, claim.period_end) == (
                    gold["period_start"],
                    gold["period_end"],
                )
                outcome.fiscal_ok = bool(claim.fiscal) == bool(gold["fiscal"])
                outcome.subject_score = max(
                    (
                        fuzz.token_set_ratio(alt, claim.subject or "", processor=utils.default_process)
                        for alt in gold["subject"]
                    ),
                    default=0.0,
                )
                gold_entities = {_canonical(e, table) for e in gold["entities"]}
                pred_entities = {_canonical(e, table) for e in claim.entities}
                outcome.entity_hits = sum(
                    any(_same_party(g, p) for p in pred_entities) for g in gold_entities
                )
                outcome.entity_pred = len(pred_entities)
            outcomes.append(outcome)
    return outcomes


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    matched = [o for o in outcomes if o.claim is not None]
    n = len(matched) or 1
    gold_entities = sum(len(o.gold["entities"]) for o in matched)
    with_parties = [o for o in matched if o.gold["entities"]]
    return {
        "mentions": len(outcomes),
        "matched": len(matched),
        "period": sum(o.period_ok for o in matched) / n,
        "fiscal": sum(o.fiscal_ok for o in matched) / n,
        "period_fiscal": sum(o.period_ok and o.fiscal_ok for o in matched) / n,
        "subject": sum(o.subject_ok for o in matched) / n,
        "subject_mean": sum(o.subject_score for o in matched) / n,
        "entity_recall": sum(o.entity_hits for o in matched) / (gold_entities or 1),
        "entity_precision": sum(o.entity_hits for o in with_parties)
        / (sum(o.entity_pred for o in with_parties) or 1),
    }


def _period_text(start: object, end: object, fiscal: object) -> str:
    if start is None and end is None:
        return "-"
    prefix = "FY" if fiscal else ""
    if start == end:
        return f"{prefix}{start}"
    return f"{prefix}{'' if start is None else start}-{'' if end is None else end}"


def report(outcomes: list[Outcome], *, errors: bool, tags: bool) -> str:
    s = summarise(outcomes)
    lines = [
        "| metric | value |",
        "|---|---|",
        f"| annotated quantities | {s['mentions']} |",
        f"| matched to a claim | {s['matched']} |",
        f"| period accuracy | {s['period']:.3f} |",
        f"| fiscal accuracy | {s['fiscal']:.3f} |",
        f"| period+fiscal accuracy | {s['period_fiscal']:.3f} |",
        f"| subject token_set_ratio >= {SUBJECT_THRESHOLD:.0f} | {s['subject']:.3f} |",
        f"| subject mean score | {s['subject_mean']:.1f} |",
        f"| entity recall | {s['entity_recall']:.3f} |",
        f"| entity precision (reference) | {s['entity_precision']:.3f} |",
    ]
    if tags:
        by_tag: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            for tag in o.item["tags"] or ["(none)"]:
                by_tag[tag].append(o)
        lines += ["", "| tag | matched | period+fiscal | subject | entity recall |", "|---|---|---|---|---|"]
        for tag in sorted(by_tag):
            t = summarise(by_tag[tag])
            lines.append(
                f"| {tag} | {t['matched']} | {t['period_fiscal']:.2f} | {t['subject']:.2f} | "
                f"{t['entity_recall']:.2f} |"
            )
    if errors:
        lines.append("")
        for o in outcomes:
            g, c = o.gold, o.claim
            head = f"{o.item['id']} {g['surface']!r}"
            if c is None:
                lines.append(f"UNMATCHED {head}")
                continue
            gold_p = _period_text(g["period_start"], g["period_end"], g["fiscal"])
            pred_p = _period_text(c.period_start, c.period_end, c.fiscal)
            if not (o.period_ok and o.fiscal_ok):
                lines.append(f"PERIOD   {head}: gold {gold_p} got {pred_p}")
            if not o.subject_ok:
                lines.append(
                    f"SUBJECT  {head}: gold {' ~ '.join(g['subject'])!r} got {c.subject!r} "
                    f"({o.subject_score:.0f})"
                )
            if o.entity_hits < len(g["entities"]):
                lines.append(f"ENTITIES {head}: gold {g['entities']} got {list(c.entities)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="rebuild claims.jsonl from the markup")
    ap.add_argument("--check", action="store_true", help="with --build: fail if claims.jsonl differs")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--tags", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="write the summary as JSON")
    a = ap.parse_args(argv)
    if a.build:
        status = 0
        for k, (source, target) in enumerate(FILES.items()):
            text = dump(build(source, "hc" if k == 0 else f"hc{k + 1}"))
            if a.check:
                same = target.exists() and target.read_text(encoding="utf-8") == text
                print(f"{target.name} is up to date" if same else f"{target.name} differs from the markup")
                status |= 0 if same else 1
                continue
            target.write_text(text, encoding="utf-8")
            items = load(target)
            print(f"{len(items)} items, {sum(len(i['mentions']) for i in items)} quantities -> {target}")
        return status
    logging.basicConfig(level=logging.WARNING)
    items = load(a.data)
    outcomes = score(items, run_claims(items))
    print(report(outcomes, errors=a.errors, tags=a.tags))
    if a.json:
        a.json.write_text(json.dumps(summarise(outcomes), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
