"""Score reconciliation findings on a folder of real documents against a hand-written gold file.

    .venv/bin/python bench/reconcile_real.py --raw raw --gold tests/data/seed_findings.json
    .venv/bin/python bench/reconcile_real.py --set set_a    # tests/data/realdocs/set_a/{docs,gold.json}
    .venv/bin/python bench/reconcile_real.py --set set_a --json bench/out/set_a.json
    .venv/bin/python bench/reconcile_real.py --set set_a --save-claims /tmp/a.pkl   # then --load-claims

Runs extraction and reconciliation with the library functions (ingest -> extract -> find_conflicts, default
Settings) and scores the findings against the gold (format: tests/data/seed_findings.json and the realdocs
sets; a span is {doc, surface, start}, offsets index the file read as UTF-8):

- a reported finding is *true* when it matches a gold finding: one side overlaps a or one of
  a_alternatives and the other side overlaps b or one of b_alternatives (same document, overlapping
  spans); a gold arithmetic finding (b = null) is matched by an arithmetic finding with either side on a
  (or an a_alternative);
- a second finding matching an already matched gold finding is a *duplicate*: a false alarm, listed;
- a finding whose two sides are a look-alike pair (`non_findings`, either order; arithmetic findings never)
  is a *look-alike*, counted by category;
- a finding on an `uncertain` pair is left out of precision (neither expected nor forbidden), and so is an
  arithmetic finding with a side on an `uncertain` entry's span;
- any other finding is *unlisted*: printed for a human, and counted false (the gold lists every true
  disagreement of its set).

precision = true / (true + duplicates + look-alikes + unlisted); recall = gold findings matched / gold
findings. Candidates the engine keeps below its threshold ("possible" tier: `Conflict.tier` or
`details["tier"]`) are scored the same way but reported apart and never counted in the headline figures.
A miss is annotated with whether each side was extracted as a claim at all (extraction or matching?).

Candidate recall (`candidate_recall`): of the gold two-statement findings whose two sides were both
extracted, how many have a pair of statements (one of side A, one of side B) that reaches each stage of the
matcher: blocked (a candidate pair), plausible (no rule sets the two apart), scored (a disagreeing plausible
pair with a match probability), and finding (scored at or above the threshold). Side statements that agree
with each other never count as a pair.
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT / "tests" / "data" / "realdocs"

Span = Mapping[str, Any]


# ----------------------------------------------------------------------------------------------- matching
def overlaps(side: Span | None, doc: str, start: int, end: int) -> bool:
    """A gold span and a claim span overlap in the same document.

    >>> overlaps({"doc": "a.txt", "surface": "$4.1 billion", "start": 10}, "a.txt", 11, 15)
    True
    >>> overlaps({"doc": "a.txt", "surface": "$4.1 billion", "start": 10}, "b.txt", 11, 15)
    False
    """
    if side is None or side["doc"] != doc:
        return False
    s = int(side["start"])
    return start < s + len(side["surface"]) and s < end


def sides(entry: Mapping[str, Any], key: str) -> list[Span]:
    """The span under `key` and its alternatives (`a` + `a_alternatives`)."""
    first = entry.get(key)
    return [s for s in [first, *entry.get(f"{key}_alternatives", [])] if s]


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a reported finding, as evidence (document and span)."""

    doc: str
    start: int
    end: int
    surface: str

    def hits(self, spans: Iterable[Span]) -> bool:
        return any(overlaps(s, self.doc, self.start, self.end) for s in spans)


@dataclass(frozen=True, slots=True)
class Reported:
    """A reported finding reduced to what scoring needs."""

    conflict_id: str
    kind: str
    tier: str  # finding | possible
    a: Side
    b: Side | None
    score: float
    explanation: str

    def label(self) -> str:
        b = f"{self.b.doc}@{self.b.start} {self.b.surface!r}" if self.b else "-"
        return (
            f"[{self.kind} {self.score:.2f}] {self.a.doc}@{self.a.start} {self.a.surface!r} vs {b}"
            f" | {self.explanation[:160]}"
        )


def matches_finding(entry: Mapping[str, Any], r: Reported) -> bool:
    """A reported finding matches a gold finding (see the module docstring)."""
    a_spans = sides(entry, "a")
    if entry.get("b") is None:
        return r.kind == "arithmetic" and (r.a.hits(a_spans) or (r.b is not None and r.b.hits(a_spans)))
    if r.b is None:
        return False
    b_spans = sides(entry, "b")
    return (r.a.hits(a_spans) and r.b.hits(b_spans)) or (r.a.hits(b_spans) and r.b.hits(a_spans))


def matches_pair(entry: Mapping[str, Any], r: Reported) -> bool:
    """A two-statement finding sets the entry's two spans against each other (arithmetic never does)."""
    if r.kind == "arithmetic" or r.b is None or entry.get("b") is None:
        return False
    a, b = [entry["a"]], [entry["b"]]
    return (r.a.hits(a) and r.b.hits(b)) or (r.a.hits(b) and r.b.hits(a))


def covers_arithmetic(entry: Mapping[str, Any], r: Reported) -> bool:
    """An arithmetic report with a side on one of the entry's spans (an `uncertain` entry covers it).

    >>> e = {"a": {"doc": "a.txt", "surface": "30%", "start": 5}, "b": None}
    >>> r = Reported("x", "arithmetic", "finding", Side("a.txt", 5, 8, "30%"), None, 0.5, "")
    >>> pair = Reported("x", "value_mismatch", "finding", r.a, None, 0.5, "")
    >>> covers_arithmetic(e, r), covers_arithmetic(e, pair)
    (True, False)
    """
    if r.kind != "arithmetic":
        return False
    spans = [s for s in (entry.get("a"), entry.get("b")) if s]
    return r.a.hits(spans) or (r.b is not None and r.b.hits(spans))


# ------------------------------------------------------------------------------------------------ scoring
@dataclass
class TierScore:
    reported: int = 0
    true: list[str] = field(default_factory=list)  # "gold id: finding label"
    duplicates: list[str] = field(default_factory=list)
    look_alikes: list[str] = field(default_factory=list)  # "category/id: finding label"
    uncertain: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)  # true, but another kind than the gold's
    look_alike_categories: dict[str, int] = field(default_factory=dict)

    @property
    def false(self) -> int:
        return len(self.duplicates) + len(self.look_alikes) + len(self.unlisted)

    @property
    def precision(self) -> float | None:
        scored = len(self.true) + self.false
        return round(len(self.true) / scored, 4) if scored else None


@dataclass
class Stages:
    """How far the gold two-statement findings get in the matcher (see `candidate_recall`)."""

    two_statement: int = 0
    extracted: int = 0
    blocked: int = 0
    plausible: int = 0
    scored: int = 0
    finding: int = 0
    lost: dict[str, list[str]] = field(default_factory=dict)  # stage -> gold ids lost before it

    @property
    def recall(self) -> float | None:
        """Candidate recall: scored / extracted."""
        return round(self.scored / self.extracted, 4) if self.extracted else None

    def line(self) -> str:
        return (
            f"candidate recall {self.recall}  (two-statement gold {self.two_statement}, both sides extracted"
            f" {self.extracted}, blocked {self.blocked}, plausible {self.plausible}, scored {self.scored},"
            f" at the threshold {self.finding})"
        )


@dataclass
class Score:
    name: str
    gold_findings: int
    found: list[str]
    missed: list[str]  # "id (kind): quantity [a extracted? b extracted?]"
    found_only_as_possible: list[str]
    finding: TierScore
    possible: TierScore
    claims: int = 0
    stages: Stages | None = None
    possible_first: int = 0  # possible findings among the first FIRST_POSSIBLE the report lists
    possible_first_true: int = 0  # of them, true disagreements (each gold finding counted once)

    @property
    def recall(self) -> float | None:
        return round(len(self.found) / self.gold_findings, 4) if self.gold_findings else None

    def summary(self) -> dict[str, Any]:
        f = self.finding
        return {
            "set": self.name,
            "claims": self.claims,
            "reported": f.reported,
            "true": len(f.true),
            "precision": f.precision,
            "gold_findings": self.gold_findings,
            "recall": self.recall,
            "duplicates": len(f.duplicates),
            "look_alikes": len(f.look_alikes),
            "look_alike_categories": f.look_alike_categories,
            "unlisted": len(f.unlisted),
            "uncertain": len(f.uncertain),
            "wrong_kind": len(f.wrong_kind),
            "possible_reported": self.possible.reported,
            "possible_true": len(self.possible.true),
            "possible_look_alikes": len(self.possible.look_alikes),
            "possible_first": self.possible_first,
            "possible_first_true": self.possible_first_true,
            **(
                {
                    "candidate_recall": self.stages.recall,
                    "two_statement_extracted": self.stages.extracted,
                    "two_statement_scored": self.stages.scored,
                }
                if self.stages
                else {}
            ),
        }


def _score_tier(gold: Mapping[str, Any], reported: Sequence[Reported], matched: Counter[str]) -> TierScore:
    findings = gold.get("findings", [])
    non_findings = gold.get("non_findings", [])
    uncertain = gold.get("uncertain", [])
    tier = TierScore(reported=len(reported))
    categories: Counter[str] = Counter()
    # strongest first, so that a duplicate is the weaker of two findings on the same disagreement
    for r in sorted(reported, key=lambda r: (-r.score, r.conflict_id)):
        hit = [e for e in findings if matches_finding(e, r)]
        if hit:
            fresh = [e for e in hit if not matched[e["id"]]]
            entry = (fresh or hit)[0]
            matched[entry["id"]] += 1
            line = f"{entry['id']}: {r.label()}"
            if fresh:
                tier.true.append(line)
                if entry.get("kind") and entry["kind"] != r.kind:
                    tier.wrong_kind.append(f"{entry['id']} gold {entry['kind']} reported {r.kind}")
            else:
                tier.duplicates.append(line)
            continue
        alike = next((e for e in non_findings if matches_pair(e, r)), None)
        if alike is not None:
            category = alike.get("category", "other")
            categories[category] += 1
            tier.look_alikes.append(f"{category}/{alike['id']}: {r.label()}")
            continue
        if any(matches_pair(e, r) or covers_arithmetic(e, r) for e in uncertain):
            tier.uncertain.append(r.label())
            continue
        tier.unlisted.append(r.label())
    tier.look_alike_categories = dict(sorted(categories.items()))
    return tier


FIRST_POSSIBLE = 10
"""How many possible findings a reviewer is taken to read first: the report lists them most likely first."""


def _first_possible_true(gold: Mapping[str, Any], possible: Sequence[Reported]) -> tuple[int, int]:
    """(listed, true) among the first `FIRST_POSSIBLE` possible findings in the report's order (score,
    highest first); a gold finding matched twice counts once."""
    first = sorted(possible, key=lambda r: (-r.score, r.conflict_id))[:FIRST_POSSIBLE]
    seen: set[str] = set()
    for r in first:
        findings = gold.get("findings", [])
        hit = next((e["id"] for e in findings if matches_finding(e, r) and e["id"] not in seen), None)
        if hit is not None:
            seen.add(hit)
    return len(first), len(seen)


def _extracted(span: Span | None, claims: Sequence[Side]) -> bool:
    return span is not None and any(c.hits([span]) for c in claims)


def score(
    name: str, gold: Mapping[str, Any], reported: Sequence[Reported], claims: Sequence[Side] = ()
) -> Score:
    """Score reported findings (both tiers) against the gold; `claims` annotate the misses."""
    main = [r for r in reported if r.tier != "possible"]
    possible = [r for r in reported if r.tier == "possible"]
    matched_main: Counter[str] = Counter()
    finding = _score_tier(gold, main, matched_main)
    matched_possible: Counter[str] = Counter()
    possible_tier = _score_tier(gold, possible, matched_possible)
    found, missed, only_possible = [], [], []
    for entry in gold.get("findings", []):
        if matched_main[entry["id"]]:
            found.append(entry["id"])
            continue
        a_ok = any(_extracted(s, claims) for s in sides(entry, "a"))
        b_ok = entry.get("b") is None or any(_extracted(s, claims) for s in sides(entry, "b"))
        note = f"{entry['id']} ({entry.get('kind')}): {entry.get('quantity') or entry.get('why', '')[:100]}"
        state = {True: "extracted", False: "NOT extracted"}
        note += f" [a {state[a_ok]}, b {state[b_ok]}]"
        missed.append(note)
        if matched_possible[entry["id"]]:
            only_possible.append(entry["id"])
    first, first_true = _first_possible_true(gold, possible)
    return Score(
        name=name,
        gold_findings=len(gold.get("findings", [])),
        found=found,
        missed=missed,
        found_only_as_possible=only_possible,
        finding=finding,
        possible=possible_tier,
        claims=len(claims),
        possible_first=first,
        possible_first_true=first_true,
    )


def check_gold(gold: Mapping[str, Any], docs: Path) -> list[str]:
    """Spans whose offsets do not give back their surface (a broken gold file), as messages."""
    texts: dict[str, str] = {}
    problems = []
    entries = [*gold.get("findings", []), *gold.get("non_findings", []), *gold.get("uncertain", [])]
    for entry in entries:
        spans = [*sides(entry, "a"), *sides(entry, "b"), *entry.get("operands", [])]
        for span in spans:
            path = docs / span["doc"]
            if span["doc"] not in texts:
                texts[span["doc"]] = path.read_text(encoding="utf-8") if path.exists() else ""
            text = texts[span["doc"]]
            start = int(span["start"])
            if text[start : start + len(span["surface"])] != span["surface"]:
                problems.append(f"{entry.get('id')}: {span['doc']}@{start} is not {span['surface']!r}")
    return problems


def candidate_recall(gold: Mapping[str, Any], claims: Sequence[Any]) -> Stages:
    """How many gold two-statement findings (both sides extracted) reach each stage of the matcher."""
    import numpy as np

    from claims.lexicon.fx import load_fx_table
    from claims.reconcile.blocking import candidate_pairs
    from claims.reconcile.calibration import DEFAULT
    from claims.reconcile.classify import Outcome
    from claims.reconcile.engine import score_pairs
    from claims.reconcile.match import same_quantity
    from claims.reconcile.normalize import build_table
    from claims.reconcile.rules import MatchRules
    from claims.settings import Settings

    rules = MatchRules.from_settings(Settings())
    table = build_table(claims, rules, load_fx_table())
    i, j, subject = candidate_pairs(table, rules)
    matched = same_quantity(table, i, j, subject, rules)
    blocked = set(zip(i.tolist(), j.tolist(), strict=True))
    pairs_of = list(zip(i.tolist(), j.tolist(), strict=True))
    plausible = {p for p, ok in zip(pairs_of, matched.plausible.tolist(), strict=True) if ok}
    scored = score_pairs(table, rules)
    probability: dict[tuple[int, int], float] = {}
    for k in range(len(scored.i)):
        if Outcome(int(scored.outcome[k])) in (Outcome.AGREE, Outcome.SKIP):
            continue
        probability[(int(scored.i[k]), int(scored.j[k]))] = float(np.nan_to_num(scored.probability[k]))
    stages = Stages()
    for entry in gold.get("findings", []):
        if entry.get("b") is None:
            continue
        stages.two_statement += 1
        side_a = {
            r
            for r, c in enumerate(claims)
            if Side(c.doc, c.char_start, c.char_end, c.surface).hits(sides(entry, "a"))
        }
        side_b = {
            r
            for r, c in enumerate(claims)
            if Side(c.doc, c.char_start, c.char_end, c.surface).hits(sides(entry, "b"))
        }
        if not side_a or not side_b:
            stages.lost.setdefault("extracted", []).append(entry["id"])
            continue
        stages.extracted += 1
        pairs = {(min(a, b), max(a, b)) for a in side_a for b in side_b if a != b}
        reached = [
            ("blocked", bool(pairs & blocked)),
            ("plausible", bool(pairs & plausible)),
            ("scored", bool(pairs & probability.keys())),
            ("finding", any(probability.get(p, -1.0) >= DEFAULT.threshold for p in pairs)),
        ]
        for stage, ok in reached:
            if not ok:
                stages.lost.setdefault(stage, []).append(entry["id"])
                break
            setattr(stages, stage, getattr(stages, stage) + 1)
    return stages


# ------------------------------------------------------------------------------------------------ running
def _tier(conflict: Any) -> str:
    tier = getattr(conflict, "tier", None) or conflict.details.get("tier") or "finding"
    return str(getattr(tier, "value", tier))


def reported_findings(claims: Sequence[Any], conflicts: Sequence[Any]) -> list[Reported]:
    """Conflicts as `Reported` records (claims looked up by id)."""
    by_id = {c.claim_id: c for c in claims}

    def side(claim_id: str | None) -> Side | None:
        claim = by_id.get(claim_id) if claim_id else None
        return Side(claim.doc, claim.char_start, claim.char_end, claim.surface) if claim else None

    out = []
    for c in conflicts:
        a = side(c.claim_a)
        if a is None:
            continue
        out.append(
            Reported(
                conflict_id=c.conflict_id,
                kind=str(getattr(c.kind, "value", c.kind)),
                tier=_tier(c),
                a=a,
                b=side(c.claim_b),
                score=float(c.score or 0.0),
                explanation=c.explanation,
            )
        )
    return out


def extract_folder(raw: Path) -> list[Any]:
    """Every claim of the documents in `raw` (library functions, default Settings)."""
    from claims.extract import extract_documents
    from claims.nlp.pipeline import build_nlp
    from claims.settings import Settings

    try:
        from claims.io.sources import load_documents  # type: ignore[import-not-found]
    except ImportError:
        from claims.io.sources import load_documents

    settings = Settings()
    loaded = load_documents(raw, settings, text_dir=None)
    nlp = build_nlp(settings)
    return [claim for _, found in extract_documents(loaded.documents, nlp, settings) for claim in found]


def reconcile(claims: Sequence[Any]) -> list[Any]:
    from claims.reconcile import find_conflicts
    from claims.settings import Settings

    return find_conflicts(claims, Settings())


def run(
    name: str, raw: Path, gold: Mapping[str, Any], *, claims: Sequence[Any] | None = None
) -> tuple[Score, list[Any], list[Any]]:
    """Extract (unless `claims` are given), reconcile and score: (score, claims, conflicts)."""
    claims = list(claims) if claims is not None else extract_folder(raw)
    conflicts = reconcile(claims)
    sides_of_claims = [Side(c.doc, c.char_start, c.char_end, c.surface) for c in claims]
    result = score(name, gold, reported_findings(claims, conflicts), sides_of_claims)
    result.stages = candidate_recall(gold, claims)
    return result, claims, conflicts


def set_paths(name: str) -> tuple[Path, Path]:
    """(documents folder, gold file) of a realdocs set."""
    folder = REALDOCS / name
    return folder / "docs", folder / "gold.json"


def format_score(s: Score, *, verbose: bool = True) -> str:
    f = s.finding
    lines = [
        f"== {s.name}: {s.claims} claims, {f.reported} findings reported ({s.possible.reported} possible)",
        f"precision {f.precision}  ({len(f.true)} true / {len(f.true) + f.false} scored;"
        f" {len(f.duplicates)} duplicates, {len(f.look_alikes)} look-alikes, {len(f.unlisted)} unlisted,"
        f" {len(f.uncertain)} uncertain not scored)",
        f"recall    {s.recall}  ({len(s.found)} of {s.gold_findings} gold findings)",
        f"look-alikes by category: {f.look_alike_categories or '{}'}",
        f"possible tier: {s.possible.reported} reported, {len(s.possible.true)} true,"
        f" {len(s.possible.look_alikes)} look-alikes {s.possible.look_alike_categories or ''};"
        f" gold found only as possible: {s.found_only_as_possible}",
        f"first {s.possible_first} possible by score: {s.possible_first_true} true disagreements",
    ]
    if s.stages is not None:
        lines.append(s.stages.line())
    if verbose:
        lost = s.stages.lost if s.stages is not None else {}
        for title, items in (
            *((f"two-statement gold lost before: {stage}", ids) for stage, ids in lost.items()),
            ("missed", s.missed),
            ("duplicates", f.duplicates),
            ("look-alikes", f.look_alikes),
            ("unlisted (for a human)", f.unlisted),
            ("wrong kind", f.wrong_kind),
            ("true", f.true),
            ("possible: true", s.possible.true),
            ("possible: look-alikes", s.possible.look_alikes),
        ):
            if items:
                lines.append(f"-- {title} ({len(items)})")
                lines.extend(f"   {item}" for item in items)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--set", help="a realdocs set name (tests/data/realdocs/<set>)")
    where.add_argument("--raw", type=Path, help="a folder of documents (with --gold)")
    parser.add_argument("--gold", type=Path, help="gold file (default: the set's gold.json)")
    parser.add_argument("--json", type=Path, help="write the summary and lists as JSON here")
    parser.add_argument("--save-claims", type=Path, help="pickle the extracted claims here")
    parser.add_argument("--load-claims", type=Path, help="reuse pickled claims (skips extraction)")
    parser.add_argument("--brief", action="store_true", help="figures only, no lists")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.set:
        raw, gold_path = set_paths(args.set)
        name = args.set
    else:
        raw, name = args.raw, args.raw.name
        gold_path = args.gold
    if args.gold:
        gold_path = args.gold
    if gold_path is None:
        parser.error("--raw needs --gold")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    problems = check_gold(gold, raw)
    if problems:
        print(f"gold file has {len(problems)} broken spans:", *problems[:20], sep="\n  ", file=sys.stderr)
    claims = None
    if args.load_claims:
        claims = pickle.loads(args.load_claims.read_bytes())
    result, claims, _ = run(name, raw, gold, claims=claims)
    if args.save_claims:
        args.save_claims.write_bytes(pickle.dumps(list(claims)))
    print(format_score(result, verbose=not args.brief))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"summary": result.summary(), "detail": asdict(result)}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
