"""A match placed on a GameLift Anywhere fleet's custom location that has no declared host: the
game session has no IP address or DNS name, so neither the tickets' GameSessionConnectionInfo nor
the MatchmakingSucceeded event carries one (only the ARN, the port and the player sessions)."""

from __future__ import annotations

import json
from typing import Any

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION

PAIR = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "teams": [{"name": "all", "minPlayers": 2, "maxPlayers": 2}],
    }
)


def test_a_match_on_a_host_without_address_reports_none(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION, locations={"custom-closet": None})
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.create_matchmaking_rule_set(Name="pair", RuleSetBody=PAIR)
    gamelift.create_matchmaking_configuration(
        Name="conf",
        RuleSetName="pair",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        GameSessionQueueArns=[f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/q"],
    )

    for name in ("alice", "bob"):
        gamelift.start_matchmaking(
            TicketId=f"t-{name}", ConfigurationName="conf", Players=[{"PlayerId": name}]
        )

    tickets = gamelift.describe_matchmaking(TicketIds=["t-alice", "t-bob"])["TicketList"]
    assert [t["Status"] for t in tickets] == ["COMPLETED", "COMPLETED"]
    info = tickets[0]["GameSessionConnectionInfo"]
    assert "IpAddress" not in info and "DnsName" not in info
    assert [s["PlayerId"] for s in info["MatchedPlayerSessions"]] == ["alice"]
    assert "/custom-closet/" in info["GameSessionArn"]
    succeeded = mock.events[-1]["detail"]
    assert succeeded["type"] == "MatchmakingSucceeded"
    game = succeeded["gameSessionInfo"]
    assert "ipAddress" not in game and "dnsName" not in game
    assert (game["gameSessionArn"], game["port"]) == (info["GameSessionArn"], info["Port"])
