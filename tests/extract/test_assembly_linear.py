"""Filling missing subjects from the figures of the same sentence: the same subjects as the pairwise rule
it replaces (checked against that rule, kept here as the reference), in work linear in the claims (counted
in comparisons of sentence positions, never timed)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import context
from claims.extract.assembly import SHARE_AFTER, fill_subjects
from claims.types import Claim, Kind, Qualifier


@dataclass(frozen=True)
class _Section:
    path: tuple[str, ...]


class _Layout:
    """A layout whose only section is `Grants by year` (what `fill_subjects` falls back on)."""

    def section_at(self, offset: int) -> _Section | None:
        return _Section(("Grants by year",)) if offset >= 10 else None


class CountedInt(int):
    """A sentence position that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        CountedInt.compared += 1
        return int(self) == other

    __hash__ = int.__hash__


def _claim(i: int, sentence: int, kind: Kind, unit: str | None, subject: str, counted: str | None) -> Claim:
    start = 10 * i
    return Claim(
        claim_id=f"c{i}",
        doc="long.txt",
        char_start=start,
        char_end=start + 4,
        surface="$5 m",
        value=5.0,
        value_low=None,
        value_high=None,
        unit=unit,
        kind=kind,
        counted=counted,
        qualifier=Qualifier.EXACT,
        period_start=None,
        period_end=None,
        fiscal=False,
        subject=subject,
        entities=(),
        section="",
        sentence="",
        citation="",
        confidence=1.0,
        sentence_start=CountedInt(sentence),
    )


def _reference(layout: _Layout, claims: list[Claim], text: str = "") -> list[Claim]:
    """The pairwise rule as it was (every claim looks at every other): the oracle of the linear one."""
    out = list(claims)
    for i, c in enumerate(out):
        if c.subject:
            continue
        subject = ""
        for prev in [*reversed(out[:i]), *out[i + 1 :]]:
            if (
                prev.sentence_start == c.sentence_start
                and prev.kind == c.kind
                and prev.subject
                and (prev.unit == c.unit or c.kind == Kind.MONEY)
            ):
                subject = prev.subject
                break
        if c.kind == Kind.PERCENT:
            for prev in reversed(out[:i]):
                if (
                    prev.sentence_start == c.sentence_start
                    and (prev.subject or prev.counted)
                    and prev.kind != Kind.PERCENT
                ):
                    subject = re.sub(
                        r"\s*\((?:% of \w+|\w+ equivalent)\)$", "", prev.subject or prev.counted or ""
                    )
                    break
            share = SHARE_AFTER.match(text[c.char_end : c.char_end + 40]) if text else None
            if subject and share:
                base = share.group("base")
                subject = f"{subject} (% of {'GDP' if base.lower().startswith('gross') else base})"
        if not subject:
            section = layout.section_at(c.char_start)
            subject = c.counted or (section.path[-1] if section is not None and section.path else "")
        out[i] = dataclasses.replace(c, subject=context.clean_subject(subject) or subject)
    return out


KINDS = st.sampled_from([Kind.MONEY, Kind.PERCENT, Kind.COUNT, Kind.MEASURE])
UNITS = st.sampled_from(["USD", "JPY", "percent", "count", None])
SUBJECTS = st.sampled_from(["", "", "", "OSA grants", "trade flows (% of GDP)", "exports (USD equivalent)"])
COUNTED = st.sampled_from([None, None, "vessels"])
ROWS = st.lists(st.tuples(st.integers(0, 3), KINDS, UNITS, SUBJECTS, COUNTED), max_size=40)


@settings(max_examples=100, deadline=None)
@given(ROWS, st.booleans())
def test_assembly_fill_subjects_as_the_pairwise_rule(rows, with_text) -> None:
    claims = [_claim(i, *row) for i, row in enumerate(rows)]
    text = "".join(f"{k:<6}" + (" of GDP" if k % 3 == 0 else " rose ") for k in range(len(rows) + 1)) * 2
    text = text if with_text else ""
    assert fill_subjects(_Layout(), claims, text) == _reference(_Layout(), claims, text)


def _long_sentence(n: int) -> list[Claim]:
    """A table flattened into one sentence: n figures, one in ten with a subject of its own."""
    kinds = [Kind.MONEY, Kind.PERCENT, Kind.COUNT]
    return [
        _claim(i, 7, kinds[i % 3], "USD" if i % 3 == 0 else None, "grants" if i % 10 == 0 else "", None)
        for i in range(n)
    ]


@settings(max_examples=5, deadline=None)
@given(st.integers(200, 400))
def test_assembly_fill_subjects_linear_in_the_claims(n) -> None:
    counts = []
    for size in (n, 2 * n):
        claims = _long_sentence(size)
        CountedInt.compared = 0
        fill_subjects(_Layout(), claims)
        counts.append(CountedInt.compared)
    assert counts[1] <= 2.3 * max(counts[0], 1)
    assert counts[1] <= 12 * 2 * n  # a few comparisons per claim, not one per pair
