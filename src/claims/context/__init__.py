"""Claim context: what a number measures, about whom, when, and which footnote backs it.

Pure functions over text, spaCy tokens and a `Layout`; `claims.extract` calls them for every quantity.

- `sentences`: the sentence around the number (line blocks, footnote-marker joins, wire datelines);
- `periods`: the period expression that governs the number in its sentence (`claims.parse.periods`), else a
  year in the section heading; `tables`: a table row's `Year(s)` cell or a column header (`2030 Projection`);
- `subjects` (with `topics`, `grammar`, `verbs`): a few words from the syntax around the number (the noun it
  modifies, the noun phrase it is the object of, the counted noun and its recipient); `tables`: a table's
  title/group and column header;
- `entities`: parties named near the number, canonicalised through `claims.lexicon.entities`;
- `citations`: footnote markers in the sentence and the reference entries they resolve to in the chapter;
- `tables`: units from column headers: `USD Billions` -> USD x 1e9, `% of GDP` -> percent,
  `Approx.` -> approx.
"""

from claims.context.citations import citation_markers, format_citation
from claims.context.entities import (
    canonical_entities,
    find_entities,
    list_item_parties,
    list_item_party,
    ner_entities,
    reported_by,
)
from claims.context.grammar import main_subject_text, present_tense
from claims.context.periods import PeriodChoice, heading_period, scattered_table_period, sentence_period
from claims.context.sentences import clip_sentence, dateline_end, split_at_markers
from claims.context.subjects import clean_subject, generic_subject, syntactic_subject
from claims.context.tables import (
    HeaderUnit,
    corner_unit,
    header_unit,
    surface_has_scale,
    table_period,
    table_subject,
)

__all__ = [
    "HeaderUnit",
    "PeriodChoice",
    "canonical_entities",
    "corner_unit",
    "citation_markers",
    "clean_subject",
    "clip_sentence",
    "dateline_end",
    "find_entities",
    "format_citation",
    "generic_subject",
    "header_unit",
    "heading_period",
    "list_item_parties",
    "list_item_party",
    "main_subject_text",
    "ner_entities",
    "present_tense",
    "reported_by",
    "scattered_table_period",
    "sentence_period",
    "split_at_markers",
    "surface_has_scale",
    "syntactic_subject",
    "table_period",
    "table_subject",
]
