"""Reconciliation: find where claims contradict each other, and nothing else.

Public API: `find_conflicts(claims, settings, *, focus=None, cache=None) -> list[Conflict]` (see `engine`;
`ReconcileCache` keeps normalised rows and each document's own checks from one call to the next).
Modules: `normalize` (units, intervals, subjects), `blocking` (candidate pairs), `match` (same quantity?),
`classify` (kind and severity), `conversion` and `arithmetic` (sentence-level checks), `consensus`,
`explain` (one readable sentence per finding), `rules` (the knobs, from Settings).
"""

from __future__ import annotations

from .engine import ReconcileCache, find_conflicts
from .normalize import RowCache
from .rules import MatchRules

__all__ = ["MatchRules", "ReconcileCache", "RowCache", "find_conflicts"]
