"""Reconciliation: find where claims contradict each other, and nothing else.

Public API: `find_conflicts(claims, settings, *, focus=None) -> list[Conflict]` (see `engine`).
Modules: `normalize` (units, intervals, subjects), `blocking` (candidate pairs), `match` (same quantity?),
`classify` (kind and severity), `conversion` and `arithmetic` (sentence-level checks), `consensus`,
`explain` (one readable sentence per finding), `rules` (the knobs, from Settings).
"""

from __future__ import annotations

from .engine import find_conflicts
from .rules import MatchRules

__all__ = ["MatchRules", "find_conflicts"]
