# ruff: noqa: E501  (exact messages read best unbroken)
"""Invalid rule-set bodies through the API: ValidateMatchmakingRuleSet and
CreateMatchmakingRuleSet answer InvalidRequestException "Invalid rule set body: <what and where>"
for every check of the rule language, and create stores nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

T = [{"name": "red", "minPlayers": 1, "maxPlayers": 2}]
NUM = [{"name": "skill", "type": "number"}]
SKILL = "avg(teams[*].players.attributes[skill])"


def rs(**fields: Any) -> str:
    document: dict[str, Any] = {"ruleLanguageVersion": "1.0", "teams": T}
    document.update(fields)
    return json.dumps({k: v for k, v in document.items() if v is not None})


def dist(**extra: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "name": "fair",
        "type": "distance",
        "measurements": [SKILL],
        "referenceValue": 10,
        "maxDistance": 5,
    }
    rule.update(extra)
    return {k: v for k, v in rule.items() if v is not None}


def compound(statement: str) -> str:
    return rs(
        playerAttributes=NUM,
        rules=[
            dist(),
            {"name": "fast", "type": "latency", "maxLatency": 50},
            {"name": "both", "type": "compound", "statement": statement},
        ],
    )


BAD_BODIES = [
    (
        rs(playerAttributes=[{"name": "", "type": "number"}]),
        "playerAttributes[0]: 'name' must not be empty",
    ),
    (
        rs(playerAttributes=[{"name": "mode", "type": "string", "default": 5}]),
        "playerAttributes[0] (name 'mode'): 'default' must be a string",
    ),
    (
        rs(playerAttributes=[{"name": "maps", "type": "string_number_map", "default": {"a": "x"}}]),
        "playerAttributes[0] (name 'maps'): 'default' must be an object of numbers",
    ),
    (
        rs(teams=[{"name": "", "minPlayers": 1, "maxPlayers": 2}]),
        "teams[0]: 'name' must not be empty",
    ),
    (
        rs(teams=[{"name": "red", "minPlayers": 0, "maxPlayers": 0}]),
        "teams[0] (name 'red'): 'maxPlayers' must be at least 1",
    ),
    (
        rs(teams=[{"name": "red", "minPlayers": -1, "maxPlayers": 2}]),
        "teams[0] (name 'red'): 'minPlayers' must not be negative",
    ),
    (
        rs(
            teams=[
                {"name": "red", "minPlayers": 1, "maxPlayers": 2, "quantity": 2},
                {"name": "red_1", "minPlayers": 1, "maxPlayers": 2},
            ]
        ),
        "teams[1] (name 'red_1'): the team name 'red_1' is used twice",
    ),
    (
        rs(playerAttributes=NUM, algorithm={"sortByAttributes": "skill"}),
        "algorithm: 'sortByAttributes' must be a list of strings",
    ),
    (
        rs(playerAttributes=NUM, rules=[dist(measurements=[5])]),
        "rules[0] (name 'fair'): 'measurements' must be a property expression string",
    ),
    (
        rs(playerAttributes=NUM, rules=[dist(measurements=None)]),
        "rules[0] (name 'fair'): 'measurements' is required",
    ),
    (
        rs(playerAttributes=NUM, rules=[dist(measurements=[])]),
        "rules[0] (name 'fair'): 'measurements' must be a list of property expressions",
    ),
    (
        rs(playerAttributes=NUM, rules=[dist(referenceValue={"a": 1})]),
        "rules[0] (name 'fair'): 'referenceValue' must be a number, a string, a list of strings or a property expression",
    ),
    (rs(playerAttributes=NUM, rules=[dist(name="")]), "rules[0]: 'name' must not be empty"),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "order",
                    "type": "distanceSort",
                    "sortDirection": "ascending",
                    "sortAttribute": "skill",
                },
                {"name": "c", "type": "compound", "statement": "and(order, order)"},
            ],
        ),
        "rules[1] (name 'c'): 'statement' refers to sort rule 'order', which never passes or fails",
    ),
    (
        rs(
            playerAttributes=[{"name": "mode", "type": "string"}],
            rules=[
                {
                    "name": "order",
                    "type": "distanceSort",
                    "sortDirection": "ascending",
                    "sortAttribute": "mode",
                }
            ],
        ),
        "rules[0] (name 'order'): 'sortAttribute' must name a number attribute, 'mode' is string",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist(referenceValue=SKILL)],
            expansions=[
                {
                    "target": "rules[fair].referenceValue",
                    "steps": [{"waitTimeSeconds": 5, "value": 3}],
                }
            ],
        ),
        "expansions[0]: 'target' rules[fair].referenceValue: only a number referenceValue can be expanded",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist()],
            expansions=[
                {"target": "algorithm[speed]", "steps": [{"waitTimeSeconds": 5, "value": 3}]}
            ],
        ),
        "expansions[0]: 'target' 'algorithm[speed]' must be rules[<rule>].<property>, teams[<team>].minPlayers|maxPlayers or algorithm.<property>",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist()],
            expansions=[
                {
                    "target": "rules[fair].maxDistance",
                    "steps": [{"waitTimeSeconds": 5, "value": 3}],
                },
                {
                    "target": "rules[fair].maxDistance",
                    "steps": [{"waitTimeSeconds": 9, "value": 4}],
                },
            ],
        ),
        "expansions[1]: 'target' rules[fair].maxDistance is already expanded by another entry",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist()],
            expansions=[{"target": "rules[fair].maxDistance", "steps": [{"waitTimeSeconds": 5}]}],
        ),
        "expansions[0] steps[0]: 'value' is required",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist()],
            expansions=[
                {
                    "target": "algorithm.batchingPreference",
                    "steps": [{"waitTimeSeconds": 5, "value": "fastest"}],
                }
            ],
        ),
        "expansions[0] steps[0]: 'value' must be one of random, sorted, largestPopulation, fastestRegion",
    ),
    (
        rs(
            expansions=[
                {"target": "teams[red].minPlayers", "steps": [{"waitTimeSeconds": 5, "value": -1}]}
            ]
        ),
        "expansions[0] steps[0]: 'value' must be a whole number of players",
    ),
    (
        rs(
            expansions=[
                {"target": "teams[red].maxPlayers", "steps": [{"waitTimeSeconds": 5, "value": 0}]}
            ]
        ),
        "expansions[0] steps[0]: 'value' must be at least 1",
    ),
    (compound(""), "rules[2] (name 'both'): 'statement' must not be empty"),
    (
        compound("and(fair,"),
        "rules[2] (name 'both'): 'statement' 'and(fair,' is not valid: it ends too early",
    ),
    (
        compound("and(fair, fast))"),
        "rules[2] (name 'both'): 'statement' 'and(fair, fast))' is not valid: unexpected ')' after the end",
    ),
    (
        compound("and(fair fast)"),
        "rules[2] (name 'both'): 'statement' 'and(fair fast)' is not valid: unexpected 'fast'",
    ),
    (
        compound("and(fair)"),
        "rules[2] (name 'both'): 'statement' 'and(fair)' is not valid: and() takes at least two operands",
    ),
    (
        compound("and fair"),
        "rules[2] (name 'both'): 'statement' 'and fair' is not valid: 'and' must be followed by '('",
    ),
    (
        compound("and(fair, fast) fair"),
        "rules[2] (name 'both'): 'statement' 'and(fair, fast) fair' is not valid: unexpected 'fair' after the end",
    ),
    (
        compound("fair"),
        "rules[2] (name 'both'): 'statement' 'fair' is not valid: it must combine rules with and, or, not or xor",
    ),
    (compound(")"), "rules[2] (name 'both'): 'statement' ')' is not valid: unexpected ')'"),
    (
        compound("and(,fair)"),
        "rules[2] (name 'both'): 'statement' 'and(,fair)' is not valid: unexpected ','",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist(measurements=["avg(teams[red.players.attributes[skill])"])],
        ),
        "rules[0] (name 'fair'): 'avg(teams[red.players.attributes[skill])' is not a property expression",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist(measurements=["avg(teams[].players.attributes[skill])"])],
        ),
        "rules[0] (name 'fair'): 'avg(teams[].players.attributes[skill])' is not a property expression",
    ),
    (
        rs(playerAttributes=NUM, rules=[dist(measurements=["avg(teams[red].players.skill)"])]),
        "rules[0] (name 'fair'): 'avg(teams[red].players.skill)' is not a property expression",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist(measurements=["avg(teams[red,*].players.attributes[skill])"])],
        ),
        "rules[0] (name 'fair'): 'avg(teams[red,*].players.attributes[skill])' is not a property expression",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[dist(measurements=["avg(teams[red].players.attributes[])"])],
        ),
        "rules[0] (name 'fair'): 'avg(teams[red].players.attributes[])' is not a property expression",
    ),
    (
        rs(
            playerAttributes=NUM,
            expansions=[
                {"target": "algorithm.nonsense", "steps": [{"waitTimeSeconds": 5, "value": 1}]}
            ],
        ),
        "expansions[0]: 'target' property 'nonsense' cannot be expanded for the algorithm (expandable: strategy, batchingPreference, expansionAgeSelection, backfillPriority)",
    ),
]


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.mark.parametrize(("body", "problem"), BAD_BODIES)
def test_an_invalid_body_is_refused_by_validate_and_create(
    body: str, problem: str, gamelift: Any, mock: Any
) -> None:
    expected = ("InvalidRequestException", f"Invalid rule set body: {problem}")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as validated:
        gamelift.validate_matchmaking_rule_set(RuleSetBody=body)
    assert _error(validated) == expected
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as created:
        gamelift.create_matchmaking_rule_set(Name="broken", RuleSetBody=body)
    assert _error(created) == expected
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []
