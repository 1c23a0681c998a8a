"""How rules judge a match, through the API: latency rules with party aggregation and
maxDistance, and property-expression functions (sum, median, stddev, min and max of strings,
set_intersection of strings, a number against a string) in comparison, distance and
collection rules. Each case: a rule set of one team, tickets started while matchmaking is
held, then released; the tickets that complete are those the rule accepts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from ..conftest import REGION

ALL = "flatten(teams[*].players.attributes[{}])"
ATTRIBUTES = [  # an attribute without a default is required of every player
    {"name": "skill", "type": "number", "default": 0},
    {"name": "rank", "type": "string", "default": "none"},
    {"name": "modes", "type": "string_list", "default": []},
]


def _completed(
    gamelift: Any,
    mock: PlacementMock,
    rule: dict[str, Any],
    tickets: list[list[dict[str, Any]]],
) -> set[str]:
    """Start each ticket (a list of players: attributes and "latency") on a team sized for
    all of them; the ids of the tickets that complete."""
    size = sum(len(players) for players in tickets)
    body = {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": ATTRIBUTES,
        "teams": [{"name": "all", "minPlayers": size, "maxPlayers": size}],
        "rules": [rule],
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
                    "PlayerAttributes": {k: v for k, v in player.items() if k != "latency"},
                    "LatencyInMs": {REGION: player.get("latency", 40)},
                }
                for index, player in enumerate(players)
            ],
        )
    mock.release_matchmaking()
    found = gamelift.describe_matchmaking(TicketIds=ids)["TicketList"]
    return {t["TicketId"] for t in found if t["Status"] == "COMPLETED"}


def _skills(*values: float) -> list[list[dict[str, Any]]]:
    return [[{"skill": {"N": value}}] for value in values]


def _ranks(*values: str) -> list[list[dict[str, Any]]]:
    return [[{"rank": {"S": value}}] for value in values]


def _latencies(*values: int) -> list[list[dict[str, Any]]]:
    return [[{"latency": value}] for value in values]


PARTY = [[{"latency": 30}, {"latency": 120}], [{"latency": 40}]]


@pytest.mark.parametrize(
    ("rule", "tickets", "matched"),
    [
        # A party's latency is its players' average by default: (30 + 120) / 2 = 75.
        ({"type": "latency", "maxLatency": 100}, PARTY, True),
        ({"type": "latency", "maxLatency": 100, "partyAggregation": "max"}, PARTY, False),
        ({"type": "latency", "maxLatency": 100, "partyAggregation": "min"}, PARTY, True),
        # maxDistance from the lowest latency, or from the average with distanceReference avg.
        ({"type": "latency", "maxLatency": 100, "maxDistance": 50}, _latencies(20, 90), False),
        (
            {
                "type": "latency",
                "maxLatency": 100,
                "maxDistance": 50,
                "distanceReference": "avg",
            },
            _latencies(20, 90),
            True,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"sum({ALL.format('skill')})"],
                "referenceValue": 30,
                "operation": "<=",
            },
            _skills(10, 15),
            True,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"sum({ALL.format('skill')})"],
                "referenceValue": 30,
                "operation": "<=",
            },
            _skills(10, 25),
            False,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"median({ALL.format('skill')})"],
                "referenceValue": 20,
                "operation": "=",
            },
            _skills(10, 20, 90),
            True,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"median({ALL.format('skill')})"],
                "referenceValue": 15,
                "operation": "=",
            },
            _skills(10, 20),
            True,
        ),
        (
            {
                "type": "distance",
                "measurements": [f"stddev({ALL.format('skill')})"],
                "referenceValue": 0,
                "maxDistance": 5,
            },
            _skills(10, 14),
            True,
        ),
        (
            {
                "type": "distance",
                "measurements": [f"stddev({ALL.format('skill')})"],
                "referenceValue": 0,
                "maxDistance": 5,
            },
            _skills(10, 30),
            False,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"max({ALL.format('rank')})"],
                "referenceValue": "gold",
                "operation": "=",
            },
            _ranks("bronze", "gold"),
            True,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"min({ALL.format('rank')})"],
                "referenceValue": "gold",
                "operation": "=",
            },
            _ranks("bronze", "gold"),
            False,
        ),
        # A number never equals a string; it always differs from one.
        (
            {
                "type": "comparison",
                "measurements": [f"max({ALL.format('skill')})"],
                "referenceValue": "ten",
                "operation": "=",
            },
            _skills(10, 10),
            False,
        ),
        (
            {
                "type": "comparison",
                "measurements": [f"max({ALL.format('skill')})"],
                "referenceValue": "ten",
                "operation": "!=",
            },
            _skills(10, 10),
            True,
        ),
        # ... and is not ordered against one: the rule fails.
        (
            {
                "type": "comparison",
                "measurements": [f"max({ALL.format('skill')})"],
                "referenceValue": "ten",
                "operation": "<",
            },
            _skills(10, 10),
            False,
        ),
        (
            {
                "type": "collection",
                "operation": "reference_intersection_count",
                "measurements": [ALL.format("modes")],
                "referenceValue": f"set_intersection({ALL.format('rank')})",
                "minCount": 1,
            },
            [
                [{"rank": {"S": "coop"}, "modes": {"SL": ["coop"]}}],
                [{"rank": {"S": "coop"}, "modes": {"SL": ["duel", "coop"]}}],
            ],
            True,
        ),
        (
            {
                "type": "collection",
                "operation": "reference_intersection_count",
                "measurements": [ALL.format("modes")],
                "referenceValue": f"set_intersection({ALL.format('rank')})",
                "minCount": 1,
            },
            [
                [{"rank": {"S": "coop"}, "modes": {"SL": ["coop"]}}],
                [{"rank": {"S": "duel"}, "modes": {"SL": ["duel"]}}],
            ],
            False,
        ),
    ],
)
def test_a_rule_judges_the_match(
    rule: dict[str, Any],
    tickets: list[list[dict[str, Any]]],
    matched: bool,
    gamelift: Any,
    mock: PlacementMock,
) -> None:
    completed = _completed(gamelift, mock, {"name": "judge", **rule}, tickets)
    assert completed == ({f"t{n}" for n in range(1, len(tickets) + 1)} if matched else set())
