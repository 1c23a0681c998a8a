"""PlayerGatewayStatus on a completed ticket's GameSessionConnectionInfo and in
MatchmakingSucceeded's gameSessionInfo: DISABLED, as the mock's fleets have no player gateway;
answered only to a botocore whose model has the member."""

from __future__ import annotations

import json
from typing import Any

import botocore.session

from gl_placement_mock import PlacementMock

from ..conftest import REGION

PAIR = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "teams": [{"name": "duel", "minPlayers": 2, "maxPlayers": 2}],
    }
)


def _modelled() -> bool:
    model = botocore.session.get_session().get_service_model("gamelift")
    return "PlayerGatewayStatus" in model.shape_for("GameSessionConnectionInfo").members


def _matched(gamelift: Any, mock: PlacementMock) -> dict[str, Any]:
    fleet = mock.add_fleet(REGION)
    queue = gamelift.create_game_session_queue(
        Name="games", Destinations=[{"DestinationArn": fleet.arn}]
    )["GameSessionQueue"]["GameSessionQueueArn"]
    gamelift.create_matchmaking_rule_set(Name="pair", RuleSetBody=PAIR)
    gamelift.create_matchmaking_configuration(
        Name="duels",
        RuleSetName="pair",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        GameSessionQueueArns=[queue],
    )
    for ticket_id in ("t-1", "t-2"):
        gamelift.start_matchmaking(
            TicketId=ticket_id, ConfigurationName="duels", Players=[{"PlayerId": ticket_id}]
        )
    (ticket,) = gamelift.describe_matchmaking(TicketIds=["t-1"])["TicketList"]
    assert ticket["Status"] == "COMPLETED"
    info: dict[str, Any] = ticket["GameSessionConnectionInfo"]
    return info


def test_a_completed_tickets_connection_info_has_the_gateway_disabled(
    gamelift: Any, mock: PlacementMock
) -> None:
    info = _matched(gamelift, mock)
    if _modelled():
        assert info["PlayerGatewayStatus"] == "DISABLED"
    else:  # an older botocore: never a member its model lacks
        assert "PlayerGatewayStatus" not in info
    assert set(info) - {"PlayerGatewayStatus"} == {
        "GameSessionArn",
        "IpAddress",
        "DnsName",
        "Port",
        "MatchedPlayerSessions",
    }


def test_matchmaking_succeeded_says_the_gateway_is_disabled(
    gamelift: Any, mock: PlacementMock
) -> None:
    _matched(gamelift, mock)
    succeeded = mock.events[-1]["detail"]
    assert succeeded["type"] == "MatchmakingSucceeded"
    assert succeeded["gameSessionInfo"]["playerGatewayStatus"] == "DISABLED"
