"""Claims grouped by their line (claims.reconcile.sentences.line_ids, row_groups): the same groups, in the
same order, whether the claims are `Claim` objects or `ClaimColumns` (where sentences are told apart by exact
ids, not by text), and the same documents for the arithmetic checks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from factories import claim

from claims.reconcile import columns as columns_module
from claims.reconcile.arithmetic.layout import documents
from claims.reconcile.columns import ClaimColumns
from claims.reconcile.restated import roles
from claims.reconcile.sentences import context_spans, line_ids, row_groups, sentences

SHARED = "Japan gave $5 million in 2020 and $6 million in 2021."


def line_claims():
    """Two documents stating one sentence; one of them states it again further on; one sentence alone."""
    first = claim(5e6, unit="USD", surface="$5 million", sentence=SHARED, doc="a.txt", period=2020)
    rows = []
    for doc, start in (("a.txt", 0), ("b.txt", 40), ("a.txt", 900)):
        for value, surface, at in ((5e6, "$5 million", 11), (6e6, "$6 million", 37)):
            rows.append(
                dataclasses.replace(
                    first,
                    claim_id=f"{doc}-{start}-{at}",
                    doc=doc,
                    value=value,
                    surface=surface,
                    sentence_start=start,
                    char_start=start + at,
                    char_end=start + at + len(surface),
                )
            )
    alone = "Fiji received 3 patrol boats."
    rows.insert(
        2,
        dataclasses.replace(
            first, claim_id="alone", sentence=alone, surface="3", value=3.0, char_start=500, char_end=501
        ),
    )
    return rows


@pytest.mark.parametrize("window", [1, 1 << 16])  # 1: each sentence stored again, told apart by exact ids
def test_sentence_groups_same_for_objects_and_columns(monkeypatch, window):
    monkeypatch.setattr(columns_module, "RECENT_VALUES", window)
    claims = line_claims()
    held = ClaimColumns.from_claims(claims)
    groups = [list(row_groups(i.doc, i.start, i.sentence)) for i in (line_ids(claims), line_ids(held))]
    assert groups[0] == groups[1] == [[0, 1], [2], [3, 4], [5, 6]]
    assert [s.text for s in sentences(held)] == [s.text for s in sentences(claims)] == [SHARED] * 3
    assert context_spans(held).tolist() == context_spans(claims).tolist()
    families = np.zeros(len(claims), dtype=np.int64)  # one family: money
    assert [r.tolist() for r in roles(held, families)] == [r.tolist() for r in roles(claims, families)]
    assert roles(claims, families)[0].tolist() == [0, 1, 0, 0, 1, 0, 1]
    by_objects, by_columns = list(documents(claims)), list(documents(held))
    assert by_columns == by_objects
    assert [(d.name, [line.start for line in d.lines]) for d in by_objects] == [
        ("a.txt", [0, 0, 900]),
        ("b.txt", [40]),
    ]
