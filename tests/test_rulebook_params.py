"""Every shipped rulebook entry names a registered check with valid parameters."""
from __future__ import annotations

import pytest

from ideo_cli.rules.registry import load_checks, param_problems
from ideo_cli.rules.rulebook import Rulebook

RULES = Rulebook().all_rules()


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_names_a_registered_check_with_valid_params(code: str) -> None:
    rule = RULES[code]
    assert rule.check in load_checks(), f"{code}: no check function {rule.check!r}"
    assert param_problems(rule.check, dict(rule.params)) == []


def test_param_problems_reports_unknown_missing_and_wrong_type() -> None:
    load_checks()
    problems = dict(param_problems("obligation_frequency", {"min_per_year": "two", "minimum": 3}))
    assert problems == {"min_per_year": "type:int", "minimum": "unknown", "kind": "missing"}
    assert param_problems("obligation_frequency", {"kind": "O1", "due_within_period": 1}) == [("due_within_period", "type:bool")]
