"""Fixtures for the report tests: the frames of report_frames.py, built once per session."""

from __future__ import annotations

import pandas as pd
import pytest
from report_frames import (
    DECK,
    SUMMARY,
    VALIDATION,
    build_claims,
    build_conflicts,
    build_decisions,
    build_documents,
    build_marks,
    texts,
)


@pytest.fixture(scope="session")
def claims_df() -> pd.DataFrame:
    return build_claims()


@pytest.fixture(scope="session")
def conflicts_df(claims_df: pd.DataFrame) -> pd.DataFrame:
    return build_conflicts(claims_df)


@pytest.fixture(scope="session")
def documents_df(claims_df: pd.DataFrame) -> pd.DataFrame:
    return build_documents(claims_df)


@pytest.fixture(scope="session")
def frames(
    documents_df: pd.DataFrame, claims_df: pd.DataFrame, conflicts_df: pd.DataFrame
) -> dict[str, object]:
    """Everything `render_reports` reads, as a run publishes it (the deck's text for its table)."""
    return {
        "documents": documents_df,
        "claims": claims_df,
        "conflicts": conflicts_df,
        "summary": SUMMARY,
        "validation": VALIDATION,
        "decisions": build_decisions(conflicts_df),
        "marks": build_marks(claims_df),
        "texts": {DECK: texts()[DECK]},
    }
