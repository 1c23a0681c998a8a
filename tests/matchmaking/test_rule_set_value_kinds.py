"""Names in a rule set body must be strings: a number as a team's or a rule's name is refused by
ValidateMatchmakingRuleSet with InvalidRequestException "Invalid rule set body: ..."."""

from __future__ import annotations

import json
from typing import Any

import pytest

TEAM = {"name": "red", "minPlayers": 1, "maxPlayers": 1}


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"teams": [{**TEAM, "name": 5}]}, "teams[0]: 'name' must be a string"),
        (
            {"teams": [TEAM], "rules": [{"name": 7, "type": "latency", "maxLatency": 50}]},
            "rules[0]: 'name' must be a string",
        ),
    ],
)
def test_a_name_that_is_not_a_string_is_refused(
    document: dict[str, Any], problem: str, gamelift: Any, mock: Any
) -> None:
    body = json.dumps({"ruleLanguageVersion": "1.0", **document})

    with pytest.raises(gamelift.exceptions.InvalidRequestException) as raised:
        gamelift.validate_matchmaking_rule_set(RuleSetBody=body)

    assert raised.value.response["Error"]["Message"] == f"Invalid rule set body: {problem}"
