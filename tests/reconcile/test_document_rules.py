"""One document read as one account: an undated count of one party, and one source's figure cited twice.

The sentences are shaped like the seed book's (Chapter 2 / Chapter 4), with the values and wording the
extractor gives; each rule has the restatement it must find and the look-alikes it must leave alone.
"""

from __future__ import annotations

import pytest
from factories import claim

from claims.lexicon.fx import load_fx_table
from claims.reconcile import MatchRules, find_conflicts
from claims.reconcile.calibration import RULES_ONLY
from claims.reconcile.citations import citation_keys, claim_citation_keys, reference_key
from claims.reconcile.match import same_owned_count
from claims.reconcile.normalize import build_table
from claims.settings import Settings
from claims.types import ConflictKind

SETTINGS = Settings()

EAS_2 = (
    "The bloc works through eleven mechanisms: The East Asian Summit (EAS) with 18 leaders that focus on "
    "strategic dialogue; the ADMM-Plus with 18 defence ministers."
)
EAS_4 = (
    "The East Asia Summit (EAS), established in 2005 and comprising 19 leaders-level participants, serves as "
    "the region's premier forum for strategic dialogue."
)
AOIP = "ASEAN's outlook was endorsed by 19 dialogue partners of ASEAN, deepening its engagement."
APEC = "The Asia-Pacific Economic Cooperation (APEC) forum gathers 21 leaders of APEC every November."


def count(
    value,
    surface,
    sentence,
    *,
    counted,
    subject,
    start,
    period=None,
    chapter="Chapter 2",
    doc="book.txt",
    entities=("EAS", "ASEAN"),
):
    return claim(
        value,
        kind="count",
        counted=counted,
        subject=subject,
        surface=surface,
        sentence=sentence,
        sentence_start=start,
        period=period,
        chapter=chapter,
        doc=doc,
        entities=entities,
    )


EAS_18 = count(18, "18", EAS_2, counted="leaders", subject="leaders of East Asian Summit", start=1000)


def found(claims):
    return [
        (c.kind, c.scope)
        for c in find_conflicts(claims, SETTINGS, calibration=RULES_ONLY)
        if c.tier == "finding"
    ]


def test_document_rules_one_partys_undated_count_stated_twice_is_one_quantity():
    eas_19 = count(
        19,
        "19",
        EAS_4,
        counted="leaders-level participants",
        subject="leaders-level participants of EAS",
        start=90000,
        chapter="Chapter 4",
    )
    assert found([EAS_18, eas_19]) == [(ConflictKind.VALUE_MISMATCH, "cross_chapter")]


@pytest.mark.parametrize(
    "other",
    [
        # another counted noun of another party
        count(
            19,
            "19",
            AOIP,
            counted="dialogue partners",
            subject="dialogue partners of ASEAN",
            start=500,
            entities=("ASEAN",),
        ),
        # the same counted noun of another body
        count(21, "21", APEC, counted="leaders", subject="leaders of APEC", start=500, entities=("APEC",)),
        # a dated count may be a past size (the summit had 16 participants when it was founded)
        count(
            16,
            "16",
            EAS_4.replace("19", "16"),
            counted="leaders-level participants",
            subject="leaders-level participants of EAS",
            start=90000,
            period=2005,
            chapter="Chapter 4",
        ),
        # the same words in another document are another author's count, left to the other rules
        count(
            19,
            "19",
            EAS_4,
            counted="leaders-level participants",
            subject="leaders-level participants of EAS",
            start=400,
            doc="other.txt",
            chapter="",
        ),
    ],
    ids=["dialogue_partners_of_asean", "leaders_of_apec", "dated_founding_size", "other_document"],
)
def test_document_rules_different_counts_are_not_restatements(other):
    assert found([EAS_18, other]) == []


def test_document_rules_generic_owner_is_not_a_party():
    a = count(
        12,
        "12",
        "The board has 12 members of the board this year.",
        counted="members",
        subject="members of the board",
        start=0,
        entities=(),
    )
    b = count(
        15,
        "15",
        "Meetings gather 15 members of the board.",
        counted="members",
        subject="members of the board",
        start=800,
        entities=(),
    )
    eas_19 = count(
        19,
        "19",
        EAS_4,
        counted="leaders-level participants",
        subject="leaders-level participants of EAS",
        start=90000,
        chapter="Chapter 4",
    )
    apec = count(21, "21", APEC, counted="leaders", subject="leaders of APEC", start=500, entities=("APEC",))
    table = build_table([a, b, EAS_18, eas_19, apec], MatchRules.default(), load_fx_table())
    assert not same_owned_count(table, 0, 1)
    assert same_owned_count(table, 2, 3)
    assert not same_owned_count(table, 2, 4)


MOFA_12 = (
    '[12] Ministry of Foreign Affairs of Japan (MOFA). "Japan-ASEAN Connectivity Initiative". 2020. '
    "Accessed on February 2026. <https://www.mofa.go.jp/files/100114591.pdf>."
)
MOFA_20 = (
    '[20] Ministry of Foreign Affairs of Japan (MOFA). "Japan-ASEAN Connectivity Initiative". '
    "<https://www.mofa.go.jp/files/100114591.pdf>."
)
RECEIVING = (
    "ASEAN's role lies in receiving Japan's ¥2 trillion on land, sea, and air corridor connectivity "
    "infrastructure projects, aiming to strengthen physical connectivity.¹²"
)
DELIVERABLES = (
    "Tokyo's engagement with ASEAN is evidenced by deliverables, such as funding of ¥2.8 trillion for an "
    "infrastructure pipeline, ¥1.1 trillion in funding for the Thai high-speed rail project in the"
)
CONTINUATION = "North Economic Corridor, and USD 9.8 billion in funding for nickel smelters in Indonesia.²⁰"


def yen(value, surface, sentence, *, subject, start, citation="", entities=("Japan", "ASEAN"), period=None):
    return claim(
        value,
        kind="money",
        unit="JPY",
        surface=surface,
        sentence=sentence,
        sentence_start=start,
        subject=subject,
        citation=citation,
        entities=entities,
        period=period,
        doc="book.txt",
        chapter="Chapter 2",
    )


TWO = yen(
    2e12,
    "¥2 trillion",
    RECEIVING,
    start=1000,
    citation=MOFA_12,
    subject="air corridor connectivity infrastructure projects received",
)
TWO_EIGHT_START = 6000
SMELTERS = claim(
    9.8e9,
    kind="money",
    unit="USD",
    surface="USD 9.8 billion",
    sentence=CONTINUATION,
    sentence_start=TWO_EIGHT_START + len(DELIVERABLES) + 2,
    subject="funding for nickel smelters",
    citation=MOFA_20,
    entities=("Indonesia",),
    doc="book.txt",
    chapter="Chapter 2",
)


def test_document_rules_one_source_cited_twice_for_one_figure():
    two_eight = yen(
        2.8e12,
        "¥2.8 trillion",
        DELIVERABLES + " (MOFA).²⁰",
        start=TWO_EIGHT_START,
        citation=MOFA_20,
        subject="Japan funding",
        entities=("Japan", "ASEAN", "Thailand"),
    )
    conflicts = find_conflicts([TWO, two_eight], SETTINGS)
    assert [(c.kind, c.scope) for c in conflicts] == [(ConflictKind.VALUE_MISMATCH, "within_chapter")]


def test_document_rules_a_sentence_cut_before_its_marker_cites_its_continuation():
    two_eight = yen(
        2.8e12,
        "¥2.8 trillion",
        DELIVERABLES,
        start=TWO_EIGHT_START,
        subject="Japan funding",
        entities=("Japan", "ASEAN", "Thailand"),
    )
    assert claim_citation_keys([two_eight, SMELTERS])[0] == citation_keys(MOFA_20)
    assert found([TWO, two_eight, SMELTERS]) == [(ConflictKind.VALUE_MISMATCH, "within_chapter")]
    # without the continuation nothing ties the two amounts together
    assert found([TWO, two_eight]) == []


@pytest.mark.parametrize(
    "other",
    [
        # one of the programme's projects, in one country, from the same source (close in value)
        yen(
            1.6e12,
            "¥1.6 trillion",
            DELIVERABLES.replace("¥1.1", "¥1.6") + "²⁰",
            start=TWO_EIGHT_START,
            citation=MOFA_20,
            subject="funding for Thai speed rail project",
            entities=("Japan", "ASEAN", "Thailand"),
        ),
        # another project from the same source: only the generic noun "projects" is shared
        yen(
            2.4e12,
            "¥2.4 trillion",
            "A further ¥2.4 trillion went to port projects.²⁰",
            start=9000,
            citation=MOFA_20,
            subject="port projects",
        ),
        # the same source, but something else measured: nothing distinctive shared
        yen(
            2.5e12,
            "¥2.5 trillion",
            "Japan's official development assistance budget for the decade reached ¥2.5 trillion.²⁰",
            start=TWO_EIGHT_START,
            citation=MOFA_20,
            subject="ODA budget",
        ),
        # the same words, another source
        yen(
            2.8e12,
            "¥2.8 trillion",
            "Funding of ¥2.8 trillion for an infrastructure pipeline.²¹",
            start=TWO_EIGHT_START,
            citation='[21] JBIC. "Annual Report 2025".',
            subject="Japan funding",
        ),
        # the same source, a figure in another currency
        claim(
            2.8e12,
            kind="money",
            unit="USD",
            surface="USD 2.8 trillion",
            subject="Japan funding",
            sentence="Funding of USD 2.8 trillion for an infrastructure pipeline.²⁰",
            sentence_start=9000,
            citation=MOFA_20,
            entities=("Japan", "ASEAN"),
            doc="book.txt",
            chapter="Chapter 2",
        ),
        # the same source, far apart: a part, not a restatement
        yen(
            0.3e12,
            "¥300 billion",
            "Of it, ¥300 billion went to port infrastructure.²⁰",
            start=9000,
            citation=MOFA_20,
            subject="port infrastructure",
        ),
    ],
    ids=["thai_rail_project", "port_projects", "oda_budget", "other_source", "other_currency", "part_of_it"],
)
def test_document_rules_same_source_different_figures_are_not_findings(other):
    assert found([TWO, other]) == []


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        (
            '[5] Nor, Syakirah. "Japan deepens ties with ASEAN". The Diplomat. 2024. '
            "https://thediplomat.com/2024/japan-asean/.",
            "url:thediplomat.com/2024/japan-asean",
        ),
        (
            "[6] ASEAN Secretariat. ASEAN Statistical Yearbook 2024.",
            "text:asean secretariat asean statistical yearbook 2024",
        ),
        ("[8]", ""),
    ],
)
def test_document_rules_reference_keys(entry, key):
    assert reference_key(entry) == key
