"""The mock keeps what a call asked for, not the caller's objects, and answers with objects of the
caller's own: changing a request's or an answer's lists and mappings after the call changes
nothing the mock shows, as with a request sent over the wire."""

from __future__ import annotations

import json
from typing import Any, Callable

from gl_placement_mock import PlacementMock

RULE_SET = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
        "teams": [{"name": "red", "minPlayers": 2, "maxPlayers": 2}],
    }
)


def _pairs_configuration(gamelift: Any) -> None:
    """A STANDALONE configuration ``pairs`` whose matches take two players."""
    gamelift.create_matchmaking_rule_set(Name="pairs", RuleSetBody=RULE_SET)
    gamelift.create_matchmaking_configuration(
        Name="pairs",
        RuleSetName="pairs",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )


def test_changing_a_placement_request_afterwards_changes_nothing(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("held-queue")
    mock.hold_placements()
    properties = [{"Key": "mode", "Value": "ctf"}]
    latencies = [{"PlayerId": "ann", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 20}]
    desired = [{"PlayerId": "ann", "PlayerData": "red"}]
    gamelift.start_game_session_placement(
        PlacementId="p-1",
        GameSessionQueueName="held-queue",
        MaximumPlayerSessionCount=4,
        GameProperties=properties,
        PlayerLatencies=latencies,
        DesiredPlayerSessions=desired,
    )

    properties[0]["Value"] = "changed"
    properties.append({"Key": "extra", "Value": "x"})
    latencies[0]["LatencyInMilliseconds"] = 999
    desired[0]["PlayerData"] = "changed"
    desired.append({"PlayerId": "bob"})
    mock.release_placements()

    placement = gamelift.describe_game_session_placement(PlacementId="p-1")["GameSessionPlacement"]
    assert placement["GameProperties"] == [{"Key": "mode", "Value": "ctf"}]
    assert placement["PlayerLatencies"] == [
        {"PlayerId": "ann", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 20.0}
    ]
    sessions = gamelift.describe_player_sessions(GameSessionId=placement["GameSessionId"])
    assert [(s["PlayerId"], s["PlayerData"]) for s in sessions["PlayerSessions"]] == [
        ("ann", "red")
    ]


def test_changing_a_matchmaking_request_afterwards_changes_nothing(
    gamelift: Any, mock: PlacementMock
) -> None:
    _pairs_configuration(gamelift)
    players = [
        {
            "PlayerId": "ann",
            "PlayerAttributes": {"skill": {"N": 12}, "modes": {"SL": ["ctf"]}},
            "LatencyInMs": {"us-west-2": 30},
        }
    ]
    gamelift.start_matchmaking(TicketId="t-1", ConfigurationName="pairs", Players=players)

    players[0]["PlayerId"] = "changed"
    players[0]["PlayerAttributes"]["skill"]["N"] = 99
    players[0]["PlayerAttributes"]["modes"]["SL"].append("dm")
    players[0]["LatencyInMs"]["us-west-2"] = 999
    players.append({"PlayerId": "bob"})

    ticket = gamelift.describe_matchmaking(TicketIds=["t-1"])["TicketList"][0]
    assert ticket["Players"] == [
        {
            "PlayerId": "ann",
            "PlayerAttributes": {"skill": {"N": 12.0}, "modes": {"SL": ["ctf"]}},
            "LatencyInMs": {"us-west-2": 30},
        }
    ]


def test_changing_a_matchmaking_answer_changes_nothing(gamelift: Any, mock: PlacementMock) -> None:
    _pairs_configuration(gamelift)
    attributes = {"modes": {"SL": ["ctf"]}, "maps": {"SDM": {"dust": 1.0}}}
    answer = gamelift.start_matchmaking(
        TicketId="t-1",
        ConfigurationName="pairs",
        Players=[{"PlayerId": "ann", "PlayerAttributes": attributes}],
    )["MatchmakingTicket"]
    answer["Players"][0]["PlayerAttributes"]["modes"]["SL"].append("dm")
    answer["Players"][0]["PlayerAttributes"]["maps"]["SDM"]["dust"] = 9.0

    ticket = gamelift.describe_matchmaking(TicketIds=["t-1"])["TicketList"][0]
    assert ticket["Players"][0]["PlayerAttributes"] == {
        "modes": {"SL": ["ctf"]},
        "maps": {"SDM": {"dust": 1.0}},
    }
