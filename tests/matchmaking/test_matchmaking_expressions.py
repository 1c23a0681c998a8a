"""Property expressions and rule kinds at their edges, through the API: functions applied to a
single value (an expression's result rather than a list), an empty team's missing average, a
list literal as a referenceValue, a whole property expression as a referenceValue, party
aggregation by intersection, and values of the wrong kind for a rule (which make the rule fail,
never the call). Each case: a rule set whose teams are "red" (one player) and "blue" (none or
one), tickets started while matchmaking is held, then released; the tickets that complete are
those the rule accepts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from ..conftest import REGION

ATTRIBUTES = [
    {"name": "skill", "type": "number", "default": 0},
    {"name": "rank", "type": "string", "default": "none"},
    {"name": "modes", "type": "string_list", "default": []},
    {"name": "maps", "type": "string_number_map", "default": {}},
]
RED_ONLY = [
    {"name": "red", "minPlayers": 1, "maxPlayers": 1},
    {"name": "blue", "minPlayers": 0, "maxPlayers": 1},
]
# A player of skill 10, rank "gold", modes ["coop", "duel"].
GOLD = {"skill": {"N": 10}, "rank": {"S": "gold"}, "modes": {"SL": ["coop", "duel"]}}


def _completed(
    gamelift: Any,
    mock: PlacementMock,
    rule: dict[str, Any],
    tickets: list[list[dict[str, Any]]],
    teams: list[dict[str, Any]] = RED_ONLY,
) -> set[str]:
    body = {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": ATTRIBUTES,
        "teams": teams,
        "rules": [{"name": "judge", **rule}],
    }
    gamelift.create_matchmaking_rule_set(Name="rules", RuleSetBody=json.dumps(body))
    gamelift.create_matchmaking_configuration(
        Name="conf",
        RuleSetName="rules",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    mock.hold_matchmaking()
    ids = []
    for number, players in enumerate(tickets, 1):
        ticket_id = f"t{number}"
        ids.append(ticket_id)
        gamelift.start_matchmaking(
            TicketId=ticket_id,
            ConfigurationName="conf",
            Players=[
                {
                    "PlayerId": f"{ticket_id}-p{index}",
                    "PlayerAttributes": attributes,
                    "LatencyInMs": {REGION: 40},
                }
                for index, attributes in enumerate(players)
            ],
        )
    mock.release_matchmaking()
    found = gamelift.describe_matchmaking(TicketIds=ids)["TicketList"]
    return {t["TicketId"] for t in found if t["Status"] == "COMPLETED"}


def _comparison(measurement: str, operation: str, reference: Any) -> dict[str, Any]:
    return {
        "type": "comparison",
        "measurements": [measurement],
        "operation": operation,
        "referenceValue": reference,
    }


SKILL = "teams[{}].players.attributes[skill]"
MODES = "teams[red].players.attributes[modes]"

# One ticket of one player (GOLD), who goes to red; blue stays empty.
ONE_PLAYER_RULES = [
    # A function of a function's single value: count of a value is 1, of no value 0; flatten
    # leaves a single value as it is; min/max/avg/... of a single value is that value.
    (_comparison(f"count(avg({SKILL.format('red')}))", "=", 1), True),
    (_comparison(f"count(avg({SKILL.format('red')}))", "=", 0), False),
    (_comparison(f"count(avg({SKILL.format('blue')}))", "=", 0), True),
    (_comparison(f"flatten(avg({SKILL.format('red')}))", "=", 10), True),
    (_comparison(f"flatten(avg({SKILL.format('red')}))", "=", 11), False),
    (_comparison(f"max(avg({SKILL.format('red')}))", "=", 10), True),
    (_comparison(f"max(avg({SKILL.format('red')}))", "=", 11), False),
    # The empty team has no average: nothing to compare, the rule holds.
    (_comparison(f"max(avg({SKILL.format('blue')}))", "=", 10), True),
    # An empty team has no average; the maximum of the averages skips it.
    (_comparison(f"max(avg({SKILL.format('*')}))", "=", 10), True),
    (_comparison(f"max(avg({SKILL.format('*')}))", "<", 10), False),
    # flatten of a flat list (one team) leaves it as it is.
    (_comparison(f"flatten({SKILL.format('red')})", "=", 10), True),
    (_comparison(f"flatten({SKILL.format('red')})", ">", 10), False),
    # A whole property expression as the referenceValue, without a function around it.
    (_comparison(SKILL.format("red"), "=", SKILL.format("red")), True),
    (_comparison(SKILL.format("red"), "!=", SKILL.format("red")), False),
    # A list of strings as the referenceValue: the value is compared with each of them.
    (_comparison("teams[red].players.attributes[rank]", "=", ["gold"]), True),
    (_comparison("teams[red].players.attributes[rank]", "=", ["silver"]), False),
    # String lists are equal or not, never ordered.
    (_comparison(MODES, "=", MODES), True),
    (_comparison(MODES, "<", MODES), False),
    (_comparison(MODES, "<=", MODES), False),
    # Values of the wrong kind make the rule fail (rather than pass because "!=" holds).
    (_comparison("sum(teams[red].players.attributes[rank])", "!=", 0), False),
    (_comparison(f"set_intersection(avg({SKILL.format('*')}))", "!=", "x"), False),
    (_comparison("teams[red].players.attributes[maps]", "!=", "x"), False),
    (
        {
            "type": "distance",
            "measurements": ["teams[red].players.attributes[rank]"],
            "referenceValue": 0,
            "maxDistance": 1000,
        },
        False,
    ),
    (
        {
            "type": "collection",
            "operation": "intersection",
            "measurements": [SKILL.format("red")],
            "minCount": 0,
        },
        False,
    ),
    # The teams' highest ranks, as lists of one string each; the empty team has none.
    (
        {
            "type": "collection",
            "operation": "intersection",
            "measurements": ["max(teams[*].players.attributes[rank])"],
            "minCount": 1,
        },
        True,
    ),
    # set_intersection skips the empty team's missing value.
    (
        {
            "type": "collection",
            "operation": "reference_intersection_count",
            "measurements": ["set_intersection(max(teams[*].players.attributes[rank]))"],
            "referenceValue": ["gold"],
            "minCount": 1,
        },
        True,
    ),
    # A list of strings as a collection rule's referenceValue.
    (
        {
            "type": "collection",
            "operation": "reference_intersection_count",
            "measurements": ["teams[red].players.attributes[modes]"],
            "referenceValue": ["duel", "solo"],
            "minCount": 1,
            "maxCount": 1,
        },
        True,
    ),
    (
        {
            "type": "collection",
            "operation": "reference_intersection_count",
            "measurements": ["teams[red].players.attributes[modes]"],
            "referenceValue": ["solo"],
            "minCount": 1,
        },
        False,
    ),
]


@pytest.mark.parametrize(("rule", "matched"), ONE_PLAYER_RULES)
def test_a_rule_judges_a_one_player_match(
    rule: dict[str, Any], matched: bool, gamelift: Any, mock: PlacementMock
) -> None:
    completed = _completed(gamelift, mock, rule, [[GOLD]])
    assert completed == ({"t1"} if matched else set())


PARTY_TEAMS = [{"name": "red", "minPlayers": 2, "maxPlayers": 2}]
PARTY = [
    [
        {"modes": {"SL": ["coop", "duel"]}},
        {"modes": {"SL": ["duel", "solo"]}},
    ]
]


@pytest.mark.parametrize(
    ("aggregation", "matched"),
    [
        # The party's modes intersected: only "duel", so exactly one mode in common.
        ("intersection", True),
        # ... or joined: coop, duel and solo, more than maxCount.
        ("union", False),
    ],
)
def test_a_party_s_string_lists_are_aggregated_by_intersection_or_union(
    aggregation: str, matched: bool, gamelift: Any, mock: PlacementMock
) -> None:
    rule = {
        "type": "collection",
        "operation": "intersection",
        "measurements": ["flatten(teams[*].players.attributes[modes])"],
        "partyAggregation": aggregation,
        "minCount": 1,
        "maxCount": 1,
    }
    completed = _completed(gamelift, mock, rule, PARTY, teams=PARTY_TEAMS)
    assert completed == ({"t1"} if matched else set())
