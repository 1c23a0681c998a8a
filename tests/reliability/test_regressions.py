"""Bugs found while writing the reliability suite, each pinned by a test that caught it."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION

UNDECLARED_FLEET = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/fleet-undeclared"


def test_declaring_a_fleet_that_already_hosts_sessions_keeps_them_and_their_slots(
    gamelift: Any, mock: PlacementMock
) -> None:
    """A destination with no declared fleet behind it hosts sessions as an unlimited fleet;
    declaring that fleet afterwards must keep those sessions: listed under the fleet, and
    their slots freed when they end."""
    gamelift.create_game_session_queue(
        Name="q", Destinations=[{"DestinationArn": UNDECLARED_FLEET}]
    )
    gamelift.start_game_session_placement(
        PlacementId="before", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    before = gamelift.describe_game_session_placement(PlacementId="before")["GameSessionPlacement"]
    assert before["Status"] == "FULFILLED"

    mock.add_fleet(REGION, capacity=1, fleet_id="fleet-undeclared")
    listed = gamelift.describe_game_sessions(FleetId="fleet-undeclared")["GameSessions"]
    assert [s["GameSessionId"] for s in listed] == [before["GameSessionId"]]

    gamelift.start_game_session_placement(
        PlacementId="after", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    after = gamelift.describe_game_session_placement(PlacementId="after")
    assert after["GameSessionPlacement"]["Status"] == "PENDING"  # the one slot is taken

    mock.terminate_game_session(before["GameSessionId"])
    after = gamelift.describe_game_session_placement(PlacementId="after")
    assert after["GameSessionPlacement"]["Status"] == "FULFILLED"


def test_members_the_model_does_not_have_are_dropped_as_botocore_would(
    gamelift: Any, mock: PlacementMock
) -> None:
    """A client without parameter validation sends members the model lacks, at any depth.
    botocore's serializer would drop them before they reached AWS; the mock must too, and not
    echo them back (found by the fuzzer checking responses against the output shape)."""
    unvalidated = boto3.client(
        "gamelift", region_name=REGION, config=Config(parameter_validation=False)
    )
    created = unvalidated.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": UNDECLARED_FLEET, "Weight": 3}],
        PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 100, "Soft": 1}],
        FilterConfiguration={"AllowedLocations": [REGION], "DeniedLocations": ["us-east-1"]},
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "Tiebreak": "random"},
        Surprise=True,
    )["GameSessionQueue"]
    started = unvalidated.start_game_session_placement(
        PlacementId="p-1",
        GameSessionQueueName="q",
        MaximumPlayerSessionCount=2,
        GameProperties=[{"Key": "mode", "Value": "ranked", "Hidden": "x"}],
        DesiredPlayerSessions=[{"PlayerId": "player-1", "Team": "red"}],
        PriorityConfigurationOverride={"LocationOrder": [REGION], "Strict": True},
    )["GameSessionPlacement"]

    assert created == {
        "Name": "q",
        "GameSessionQueueArn": f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/q",
        "TimeoutInSeconds": 600,
        "PlayerLatencyPolicies": [{"MaximumIndividualPlayerLatencyMilliseconds": 100}],
        "Destinations": [{"DestinationArn": UNDECLARED_FLEET}],
        "FilterConfiguration": {"AllowedLocations": [REGION]},
        "PriorityConfiguration": {"PriorityOrder": ["LOCATION"]},
    }
    assert started["GameProperties"] == [{"Key": "mode", "Value": "ranked"}]
    assert started["PriorityConfigurationOverride"] == {"LocationOrder": [REGION]}
    placed = gamelift.describe_game_session_placement(PlacementId="p-1")["GameSessionPlacement"]
    assert placed["Status"] == "FULFILLED"
    sessions = gamelift.describe_player_sessions(GameSessionId=placed["GameSessionId"])
    assert set(sessions["PlayerSessions"][0]) == {
        "PlayerSessionId", "PlayerId", "GameSessionId", "FleetId", "FleetArn", "CreationTime",
        "Status", "IpAddress", "DnsName", "Port",
    }  # fmt: skip
