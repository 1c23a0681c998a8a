"""Expansions at their edges, through the API: an algorithm expansion with a value it allows is
a valid rule set, and a step without its waitTimeSeconds is refused like every other invalid
body (InvalidRequestException "Invalid rule set body: ...")."""

from __future__ import annotations

import json
from typing import Any

import pytest

TEAMS = [{"name": "red", "minPlayers": 1, "maxPlayers": 2}]


def _body(expansion: dict[str, Any]) -> str:
    return json.dumps({"ruleLanguageVersion": "1.0", "teams": TEAMS, "expansions": [expansion]})


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("algorithm.expansionAgeSelection", "oldest"),
        ("algorithm.backfillPriority", "high"),
    ],
)
def test_an_algorithm_expansion_to_an_allowed_value_is_valid(
    target: str, value: str, gamelift: Any, mock: Any
) -> None:
    body = _body({"target": target, "steps": [{"waitTimeSeconds": 5, "value": value}]})

    assert gamelift.validate_matchmaking_rule_set(RuleSetBody=body)["Valid"] is True


def test_an_expansion_step_needs_its_wait_time(gamelift: Any, mock: Any) -> None:
    body = _body({"target": "teams[red].minPlayers", "steps": [{"value": 2}]})

    with pytest.raises(gamelift.exceptions.InvalidRequestException) as raised:
        gamelift.validate_matchmaking_rule_set(RuleSetBody=body)

    assert raised.value.response["Error"]["Message"] == (
        "Invalid rule set body: expansions[0] steps[0]: 'waitTimeSeconds' is required"
    )
