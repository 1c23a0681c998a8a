"""MatchmakerData on a WITH_QUEUE match writes every attribute type as AWS does: S as STRING,
N as DOUBLE, SL as STRING_LIST, SDM as STRING_DOUBLE_MAP, sent values and rule-set defaults
alike; and a rule set's comments (escaped quotes in strings kept) are taken as written."""

from __future__ import annotations

import json
from typing import Any

from gl_placement_mock import PlacementMock

from ..conftest import REGION

BODY = """{
    "ruleLanguageVersion": "1.0",
    // every attribute type, each with a default
    "playerAttributes": [
        {"name": "rank", "type": "string", "default": "bronze"},
        {"name": "skill", "type": "number", "default": 10},
        {"name": "modes", "type": "string_list", "default": ["coop"]},
        {"name": "maps", "type": "string_number_map", "default": {"harbor": 1}}
    ],
    "teams": [{"name": "duo", "minPlayers": 2, "maxPlayers": 2}],
    "rules": [{
        "name": "anyone",
        "description": "a \\"quoted\\" // not a comment",
        "type": "latency",
        "maxLatency": 500
    }]
}"""


def test_matchmaker_data_writes_every_attribute_type(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION)
    queue = gamelift.create_game_session_queue(
        Name="games", Destinations=[{"DestinationArn": fleet.arn}]
    )["GameSessionQueue"]["GameSessionQueueArn"]
    rule_set = gamelift.create_matchmaking_rule_set(Name="types", RuleSetBody=BODY)
    assert rule_set["RuleSet"]["RuleSetBody"] == BODY
    gamelift.create_matchmaking_configuration(
        Name="typed",
        RuleSetName="types",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        GameSessionQueueArns=[queue],
    )
    gamelift.start_matchmaking(
        TicketId="t-1",
        ConfigurationName="typed",
        Players=[
            {
                "PlayerId": "sent",
                "LatencyInMs": {REGION: 50},
                "PlayerAttributes": {
                    "rank": {"S": "gold"},
                    "skill": {"N": 42},
                    "modes": {"SL": ["duel", "duel", "ffa"]},
                    "maps": {"SDM": {"dunes": 3}},
                },
            }
        ],
    )
    gamelift.start_matchmaking(
        TicketId="t-2",
        ConfigurationName="typed",
        Players=[{"PlayerId": "defaults", "LatencyInMs": {REGION: 60}}],
    )
    (ticket,) = gamelift.describe_matchmaking(TicketIds=["t-1"])["TicketList"]
    assert ticket["Status"] == "COMPLETED"
    arn = ticket["GameSessionConnectionInfo"]["GameSessionArn"]
    (session,) = gamelift.describe_game_sessions(GameSessionId=arn)["GameSessions"]
    data = json.loads(session["MatchmakerData"])
    players = {p["playerId"]: p["attributes"] for team in data["teams"] for p in team["players"]}
    assert players == {
        "sent": {
            "rank": {"attributeType": "STRING", "valueAttribute": "gold"},
            "skill": {"attributeType": "DOUBLE", "valueAttribute": 42.0},
            "modes": {"attributeType": "STRING_LIST", "valueAttribute": ["duel", "ffa"]},
            "maps": {"attributeType": "STRING_DOUBLE_MAP", "valueAttribute": {"dunes": 3.0}},
        },
        "defaults": {
            "rank": {"attributeType": "STRING", "valueAttribute": "bronze"},
            "skill": {"attributeType": "DOUBLE", "valueAttribute": 10.0},
            "modes": {"attributeType": "STRING_LIST", "valueAttribute": ["coop"]},
            "maps": {"attributeType": "STRING_DOUBLE_MAP", "valueAttribute": {"harbor": 1.0}},
        },
    }
