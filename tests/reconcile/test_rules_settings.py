from __future__ import annotations

from dataclasses import fields

import pytest

from claims.reconcile.rules import MatchRules
from claims.settings import Settings


@pytest.mark.parametrize("name", [f.name for f in fields(MatchRules)])
def test_rules_every_knob_lives_in_settings(name):
    assert name in Settings.model_fields


def test_rules_settings_override_reaches_the_matcher():
    assert MatchRules.from_settings(Settings(high_severity_gap=0.5)).high_severity_gap == 0.5
