# ruff: noqa: E501  (exact messages read best unbroken)
"""Invalid rule-set bodies: each raises RuleSetError with a message that says what is wrong
and where (the operations layer answers it as InvalidRequestException "Invalid rule set body:
<message>")."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gl_placement_mock.backend.matchmaking import RuleSetError, parse_rule_set

T = [{"name": "red", "minPlayers": 1, "maxPlayers": 2}]
NUM = [{"name": "skill", "type": "number"}]


def rs(**fields: Any) -> str:
    document: dict[str, Any] = {"ruleLanguageVersion": "1.0", "teams": T}
    document.update(fields)
    return json.dumps({key: value for key, value in document.items() if value is not None})


BAD_BODIES = [
    ("", "the rule set body is not valid JSON at line 1 column 1: Expecting value"),
    ("[]", "the rule set body must be a JSON object"),
    (
        '{"teams": []',
        "the rule set body is not valid JSON at line 1 column 13: Expecting ',' delimiter",
    ),
    (json.dumps({"teams": T}), "'ruleLanguageVersion' is required"),
    (rs(ruleLanguageVersion="2.0"), "'ruleLanguageVersion' must be \"1.0\""),
    (rs(ruleLanguageVersion=1.0), "'ruleLanguageVersion' must be \"1.0\""),
    (rs(teams=None), "'teams' is required"),
    (rs(teams=[]), "'teams' must define at least one team"),
    (rs(teams={"name": "red"}), "'teams' must be a list"),
    (rs(teams=[{"minPlayers": 1, "maxPlayers": 2}]), "teams[0]: 'name' is required"),
    (
        rs(teams=[{"name": "red", "minPlayers": 1}]),
        "teams[0] (name 'red'): 'maxPlayers' is required",
    ),
    (
        rs(teams=[{"name": "red", "minPlayers": 3, "maxPlayers": 2}]),
        "teams[0] (name 'red'): 'minPlayers' must not be more than 'maxPlayers'",
    ),
    (
        rs(teams=[{"name": "red", "minPlayers": 1, "maxPlayers": 2.5}]),
        "teams[0] (name 'red'): 'maxPlayers' must be an integer",
    ),
    (
        rs(teams=[{"name": "red", "minPlayers": 1, "maxPlayers": 2, "quantity": 0}]),
        "teams[0] (name 'red'): 'quantity' must be at least 1",
    ),
    (rs(teams=[T[0], T[0]]), "teams[1] (name 'red'): the name is used by another team"),
    (
        rs(teams=[{"name": "red", "minPlayers": 1, "maxPlayers": 201}]),
        "'teams' allow 201 players in a match, more than 200",
    ),
    (
        rs(teams=[{"name": "red", "minPlayers": 1, "maxPlayers": 41}]),
        "'teams' allow 41 players in a match, a large match (more than 40): 'algorithm' needs 'strategy' \"balanced\"",
    ),
    (
        rs(playerAttributes=[{"name": "skill", "type": "integer"}]),
        "playerAttributes[0] (name 'skill'): 'type' must be one of string, number, string_list, string_number_map, not 'integer'",
    ),
    (
        rs(playerAttributes=[{"name": "skill", "type": "number", "default": "high"}]),
        "playerAttributes[0] (name 'skill'): 'default' must be a number",
    ),
    (
        rs(
            playerAttributes=[
                {"name": "skill", "type": "number"},
                {"name": "skill", "type": "string"},
            ]
        ),
        "playerAttributes[1] (name 'skill'): the name is used by another player attribute",
    ),
    (
        rs(playerAttributes=[{"name": "modes", "type": "string_list", "default": "coop"}]),
        "playerAttributes[0] (name 'modes'): 'default' must be a list of strings",
    ),
    (
        rs(algorithm={"strategy": "fastest"}),
        "algorithm: 'strategy' must be one of exhaustiveSearch, balanced, not 'fastest'",
    ),
    (
        rs(algorithm={"strategy": "balanced"}),
        "algorithm: 'balancedAttribute' is required with strategy balanced",
    ),
    (
        rs(
            playerAttributes=[{"name": "mode", "type": "string"}],
            algorithm={"strategy": "balanced", "balancedAttribute": "mode"},
        ),
        "algorithm: 'balancedAttribute' must name a number attribute, 'mode' is string",
    ),
    (
        rs(algorithm={"batchingPreference": "largestPopulation"}),
        "algorithm: 'batchingPreference' must be one of random, sorted, not 'largestPopulation'",
    ),
    (
        rs(algorithm={"expansionAgeSelection": "youngest"}),
        "algorithm: 'expansionAgeSelection' must be one of newest, oldest, not 'youngest'",
    ),
    (rs(rules=[{"type": "latency", "maxLatency": 50}]), "rules[0]: 'name' is required"),
    (
        rs(rules=[{"name": "fast", "type": "speed"}]),
        "rules[0] (name 'fast'): 'type' must be one of absoluteSort, batchDistance, collection, comparison, compound, distance, distanceSort, latency, not 'speed'",
    ),
    (
        rs(
            rules=[
                {"name": "fast", "type": "latency", "maxLatency": 50},
                {"name": "fast", "type": "latency", "maxLatency": 60},
            ]
        ),
        "rules[1] (name 'fast'): the name is used by rules[0]",
    ),
    (
        rs(rules=[{"name": "fast", "type": "latency", "maxLatency": "50"}]),
        "rules[0] (name 'fast'): 'maxLatency' must be a number",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "skill",
                    "type": "distance",
                    "measurements": ["avg(teams[*].players.attributes[skill])"],
                    "referenceValue": 10,
                    "maxDistance": "ten",
                }
            ],
        ),
        "rules[0] (name 'skill'): 'maxDistance' must be a number",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "skill",
                    "type": "distance",
                    "measurements": ["avg(teams[*].players.attributes[skill])"],
                    "referenceValue": 10,
                }
            ],
        ),
        "rules[0] (name 'skill'): 'maxDistance' or 'minDistance' is required",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "skill",
                    "type": "distance",
                    "measurements": ["avg(teams[*].players.attributes[level])"],
                    "referenceValue": 10,
                    "maxDistance": 5,
                }
            ],
        ),
        "rules[0] (name 'skill'): 'measurements' refers to 'level', which is not in 'playerAttributes'",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "skill",
                    "type": "distance",
                    "measurements": ["avg(teams[blue].players.attributes[skill])"],
                    "referenceValue": 10,
                    "maxDistance": 5,
                }
            ],
        ),
        "rules[0] (name 'skill'): 'measurements' refers to team 'blue', which is not defined",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "skill",
                    "type": "distance",
                    "measurements": ["mean(teams[*].players.attributes[skill])"],
                    "referenceValue": 10,
                    "maxDistance": 5,
                }
            ],
        ),
        "rules[0] (name 'skill'): unknown function 'mean' in property expression 'mean(teams[*].players.attributes[skill])' (functions: min, max, avg, median, sum, count, stddev, flatten, set_intersection)",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "skill",
                    "type": "distance",
                    "measurements": ["players.skill"],
                    "referenceValue": 10,
                    "maxDistance": 5,
                }
            ],
        ),
        "rules[0] (name 'skill'): 'players.skill' is not a property expression",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "size",
                    "type": "comparison",
                    "measurements": ["count(teams[red].players)"],
                    "operation": ">",
                }
            ],
        ),
        "rules[0] (name 'size'): 'operation' '>' needs a 'referenceValue' (without one only = and != are allowed)",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[
                {
                    "name": "size",
                    "type": "comparison",
                    "measurements": ["count(teams[red].players)"],
                    "operation": "==",
                }
            ],
        ),
        "rules[0] (name 'size'): 'operation' must be one of <, <=, =, !=, >, >=, not '=='",
    ),
    (
        rs(
            rules=[
                {
                    "name": "modes",
                    "type": "collection",
                    "operation": "contains",
                    "measurements": ["flatten(teams[*].players.attributes[skill])"],
                    "minCount": 1,
                }
            ]
        ),
        "rules[0] (name 'modes'): 'referenceValue' is required",
    ),
    (
        rs(
            playerAttributes=[{"name": "modes", "type": "string_list"}],
            rules=[
                {
                    "name": "modes",
                    "type": "collection",
                    "operation": "intersection",
                    "measurements": ["flatten(teams[*].players.attributes[modes])"],
                }
            ],
        ),
        "rules[0] (name 'modes'): 'minCount' or 'maxCount' is required",
    ),
    (
        rs(
            playerAttributes=[{"name": "modes", "type": "string_list"}],
            rules=[
                {
                    "name": "modes",
                    "type": "collection",
                    "operation": "union",
                    "measurements": ["flatten(teams[*].players.attributes[modes])"],
                    "minCount": 1,
                }
            ],
        ),
        "rules[0] (name 'modes'): 'operation' must be one of intersection, contains, reference_intersection_count, not 'union'",
    ),
    (
        rs(
            playerAttributes=[{"name": "modes", "type": "string_list"}],
            rules=[{"name": "modes", "type": "batchDistance", "batchAttribute": "modes"}],
        ),
        "rules[0] (name 'modes'): 'batchAttribute' must name a number or string attribute, 'modes' is string_list",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[{"name": "batch", "type": "batchDistance", "batchAttribute": "skill"}],
        ),
        "rules[0] (name 'batch'): 'maxDistance' is required with a number 'batchAttribute'",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50, "partyAggregation": "sum"}]
        ),
        "rules[0] (name 'fast'): 'partyAggregation' must be one of min, max, avg, not 'sum'",
    ),
    (
        rs(
            rules=[
                {"name": "fast", "type": "latency", "maxLatency": 50},
                {"name": "both", "type": "compound", "statement": "and(fast, slow)"},
            ]
        ),
        "rules[1] (name 'both'): 'statement' refers to no rule named 'slow'",
    ),
    (
        rs(
            rules=[
                {"name": "fast", "type": "latency", "maxLatency": 50},
                {"name": "both", "type": "compound", "statement": "and(fast"},
            ]
        ),
        "rules[1] (name 'both'): 'statement' 'and(fast' is not valid: a ')' is missing",
    ),
    (
        rs(
            rules=[
                {"name": "fast", "type": "latency", "maxLatency": 50},
                {"name": "both", "type": "compound", "statement": "nand(fast, fast)"},
            ]
        ),
        "rules[1] (name 'both'): 'statement' 'nand(fast, fast)' is not valid: unknown operator 'nand' (operators: and, or, not, xor)",
    ),
    (
        rs(
            rules=[
                {"name": "fast", "type": "latency", "maxLatency": 50},
                {"name": "both", "type": "compound", "statement": "not(fast, fast)"},
            ]
        ),
        "rules[1] (name 'both'): 'statement' 'not(fast, fast)' is not valid: not() takes exactly one operand",
    ),
    (
        rs(
            rules=[
                {"name": "fast", "type": "latency", "maxLatency": 50},
                {"name": "a", "type": "compound", "statement": "not(fast)"},
                {"name": "b", "type": "compound", "statement": "not(a)"},
            ]
        ),
        "rules[2] (name 'b'): 'statement' refers to compound rule 'a'; a compound rule combines non-compound rules only",
    ),
    (
        rs(
            playerAttributes=NUM,
            rules=[{"name": "sort", "type": "distanceSort", "sortAttribute": "skill"}],
        ),
        "rules[0] (name 'sort'): 'sortDirection' is required",
    ),
    (
        rs(
            playerAttributes=[{"name": "maps", "type": "string_number_map"}],
            rules=[
                {
                    "name": "sort",
                    "type": "absoluteSort",
                    "sortDirection": "ascending",
                    "sortAttribute": "maps",
                }
            ],
        ),
        "rules[0] (name 'sort'): 'mapKey' is required when 'sortAttribute' is a string_number_map",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50}],
            expansions=[
                {
                    "target": "rules[slow].maxLatency",
                    "steps": [{"waitTimeSeconds": 5, "value": 100}],
                }
            ],
        ),
        "expansions[0]: 'target' refers to no rule named 'slow'",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50}],
            expansions=[
                {
                    "target": "rules[fast].minLatency",
                    "steps": [{"waitTimeSeconds": 5, "value": 100}],
                }
            ],
        ),
        "expansions[0]: 'target' property 'minLatency' cannot be expanded for a latency rule (expandable: maxLatency, maxDistance)",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50}],
            expansions=[
                {"target": "fast.maxLatency", "steps": [{"waitTimeSeconds": 5, "value": 100}]}
            ],
        ),
        "expansions[0]: 'target' 'fast.maxLatency' must be rules[<rule>].<property>, teams[<team>].minPlayers|maxPlayers or algorithm.<property>",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50}],
            expansions=[
                {
                    "target": "rules[fast].maxLatency",
                    "steps": [
                        {"waitTimeSeconds": 10, "value": 100},
                        {"waitTimeSeconds": 5, "value": 150},
                    ],
                }
            ],
        ),
        "expansions[0] steps[1]: 'waitTimeSeconds' must be larger than the previous step's",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50}],
            expansions=[{"target": "rules[fast].maxLatency", "steps": []}],
        ),
        "expansions[0]: 'steps' must be a non-empty list",
    ),
    (
        rs(
            rules=[{"name": "fast", "type": "latency", "maxLatency": 50}],
            expansions=[
                {
                    "target": "rules[fast].maxLatency",
                    "steps": [{"waitTimeSeconds": 5, "value": "fast"}],
                }
            ],
        ),
        "expansions[0] steps[0]: 'value' must be a number",
    ),
    (
        rs(
            expansions=[
                {"target": "teams[blue].minPlayers", "steps": [{"waitTimeSeconds": 5, "value": 1}]}
            ]
        ),
        "expansions[0]: 'target' refers to no team named 'blue'",
    ),
    (
        rs(
            expansions=[
                {"target": "teams[red].minPlayers", "steps": [{"waitTimeSeconds": 5, "value": 3}]}
            ]
        ),
        "expansions[0] steps[0]: 'value' 3 is more than the team's maxPlayers",
    ),
    (
        rs(
            expansions=[
                {"target": "teams[red].quantity", "steps": [{"waitTimeSeconds": 5, "value": 3}]}
            ]
        ),
        "expansions[0]: 'target' property 'quantity' cannot be expanded for a team (expandable: minPlayers, maxPlayers)",
    ),
    (
        rs(
            expansions=[
                {"target": "algorithm.strategy", "steps": [{"waitTimeSeconds": 5, "value": "fast"}]}
            ]
        ),
        "expansions[0] steps[0]: 'value' must be one of exhaustiveSearch, balanced",
    ),
    (
        rs(
            teams=[{"name": "red", "minPlayers": 1, "maxPlayers": 45}],
            algorithm={"strategy": "balanced", "balancedAttribute": "skill"},
            playerAttributes=NUM,
            rules=[
                {
                    "name": "size",
                    "type": "comparison",
                    "measurements": ["count(teams[red].players)"],
                    "operation": "=",
                }
            ],
        ),
        "rules[0] (name 'size'): a large match (more than 40 players) allows only latency and batchDistance rules, not 'comparison'",
    ),
    ("x" * 65536, "the rule set body is 65536 characters long, more than 65535"),
]


@pytest.mark.parametrize(("body", "message"), BAD_BODIES)
def test_invalid_body_is_refused_with_what_and_where(body: str, message: str) -> None:
    with pytest.raises(RuleSetError) as caught:
        parse_rule_set(body)
    assert caught.value.message == message
    assert str(caught.value) == message


def test_comments_are_stripped_outside_strings_only() -> None:
    body = (
        '{"ruleLanguageVersion": "1.0", // the only version\n'
        '"teams": [{"name": "a//b", "minPlayers": 1, "maxPlayers": 2}]}'
    )
    rule_set = parse_rule_set(body)
    assert rule_set.body == body
    assert rule_set.teams[0].name == "a//b"


def test_unknown_properties_are_ignored() -> None:
    body = rs(acceptanceRequired=True, teams=[{**T[0], "colour": "red"}])
    assert parse_rule_set(body).teams[0].name == "red"


def test_deeply_nested_functions_are_refused() -> None:
    measurement = "count(" * 17 + "teams[*].players" + ")" * 17
    body = rs(
        rules=[
            {"name": "deep", "type": "comparison", "operation": "=", "measurements": [measurement]}
        ]
    )
    with pytest.raises(RuleSetError) as caught:
        parse_rule_set(body)
    assert caught.value.message == (
        "rules[0] (name 'deep'): property expression nests more than 16 function calls"
    )


def test_deeply_nested_statements_are_refused() -> None:
    statement = "not(" * 18 + "fast" + ")" * 18
    body = rs(
        rules=[
            {"name": "fast", "type": "latency", "maxLatency": 50},
            {"name": "deep", "type": "compound", "statement": statement},
        ]
    )
    with pytest.raises(RuleSetError) as caught:
        parse_rule_set(body)
    assert caught.value.message == (
        f"rules[1] (name 'deep'): 'statement' '{statement}' is not valid:"
        " operators nest more than 16 deep"
    )


@pytest.mark.parametrize(
    "text",
    ["teams[" + "a ," * 8000, "teams[" + " " * 20000 + "a", "avg(" + "teams[a, b c" * 2000],
)
def test_long_malformed_expressions_are_refused(text: str) -> None:
    body = rs(rules=[{"name": "c", "type": "comparison", "operation": "=", "measurements": [text]}])
    with pytest.raises(RuleSetError) as caught:
        parse_rule_set(body)
    assert caught.value.message == f"rules[0] (name 'c'): '{text}' is not a property expression"


def test_long_malformed_expansion_target_is_refused() -> None:
    target = "rules[" + " " * 60000
    body = rs(expansions=[{"target": target, "steps": [{"waitTimeSeconds": 1, "value": 1}]}])
    with pytest.raises(RuleSetError) as caught:
        parse_rule_set(body)
    assert caught.value.message.startswith(f"expansions[0]: 'target' '{target}' must be")
