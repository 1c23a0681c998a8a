"""StartGameSessionPlacement through a boto3 client."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from .conftest import ACCOUNT, REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


@freeze_time(T0)
def test_start_returns_the_new_placement_pending_with_start_time(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena")
    response = gamelift.start_game_session_placement(
        PlacementId="p-1",
        GameSessionQueueName="arena",
        MaximumPlayerSessionCount=8,
        GameSessionName="Friday night",
        GameProperties=[{"Key": "map", "Value": "harbor"}],
        GameSessionData="mode=ctf",
    )

    placement = response["GameSessionPlacement"]
    assert placement == {
        "PlacementId": "p-1",
        "GameSessionQueueName": "arena",
        "Status": "PENDING",
        "GameProperties": [{"Key": "map", "Value": "harbor"}],
        "MaximumPlayerSessionCount": 8,
        "GameSessionName": "Friday night",
        "GameSessionData": "mode=ctf",
        "PlayerLatencies": [],
        "StartTime": T0,
    }
    assert placement["StartTime"].tzinfo is not None
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


@freeze_time(T0)
def test_placeable_placement_reads_fulfilled_at_its_start_time(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena")
    gamelift.start_game_session_placement(
        PlacementId="p-2",
        GameSessionQueueName="arena",
        MaximumPlayerSessionCount=4,
        DesiredPlayerSessions=[
            {"PlayerId": "alice", "PlayerData": "tank"},
            {"PlayerId": "bob"},
        ],
    )

    placement = gamelift.describe_game_session_placement(PlacementId="p-2")["GameSessionPlacement"]

    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == placement["StartTime"] == T0
    fleet_id = "fleet-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    expected_arn = f"arn:aws:gamelift:{REGION}::gamesession/{fleet_id}/p-2"
    assert placement["GameSessionId"] == placement["GameSessionArn"] == expected_arn
    assert placement["GameSessionRegion"] == REGION
    ip = placement["IpAddress"]
    assert placement["DnsName"] == f"ec2-{ip.replace('.', '-')}.{REGION}.compute.amazonaws.com"
    assert 1026 <= placement["Port"] <= 60000
    players = placement["PlacedPlayerSessions"]
    assert [p["PlayerId"] for p in players] == ["alice", "bob"]
    assert all(p["PlayerSessionId"].startswith("psess-") for p in players)
    assert len({p["PlayerSessionId"] for p in players}) == 2


def test_queue_can_be_named_by_arn_and_placement_echoes_the_bare_name(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    queue = make_queue("by-arn")
    response = gamelift.start_game_session_placement(
        PlacementId="p-arn",
        GameSessionQueueName=queue["GameSessionQueueArn"],
        MaximumPlayerSessionCount=2,
    )
    assert response["GameSessionPlacement"]["GameSessionQueueName"] == "by-arn"


def test_us_east_1_sessions_use_the_compute_1_dns_name(mock: PlacementMock) -> None:
    import boto3

    client = boto3.client("gamelift", region_name="us-east-1")
    client.create_game_session_queue(
        Name="east",
        Destinations=[{"DestinationArn": f"arn:aws:gamelift:us-east-1:{ACCOUNT}:fleet/fleet-e1"}],
    )
    client.start_game_session_placement(
        PlacementId="east-1", GameSessionQueueName="east", MaximumPlayerSessionCount=1
    )
    placement = client.describe_game_session_placement(PlacementId="east-1")["GameSessionPlacement"]
    assert placement["DnsName"].endswith(".compute-1.amazonaws.com")
    assert placement["GameSessionRegion"] == "us-east-1"


@freeze_time(datetime(2026, 3, 1, 12, 0, 0, 123987, tzinfo=timezone.utc))
def test_start_time_is_the_clock_truncated_to_the_millisecond(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("arena")
    mock.hold_placements()
    started = gamelift.start_game_session_placement(
        PlacementId="p-ms", GameSessionQueueName="arena", MaximumPlayerSessionCount=2
    )["GameSessionPlacement"]["StartTime"]
    stopped = gamelift.stop_game_session_placement(PlacementId="p-ms")["GameSessionPlacement"]
    expected = datetime(2026, 3, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
    assert started == expected
    assert stopped["EndTime"] == expected
    assert [t.time for t in mock.transitions] == [expected.timestamp()] * 2


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str, int]:
    err = excinfo.value.response
    return err["Error"]["Code"], err["Error"]["Message"], err["ResponseMetadata"]["HTTPStatusCode"]


def test_unknown_queue_is_not_found(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-x", GameSessionQueueName="nope", MaximumPlayerSessionCount=1
        )
    assert _error(excinfo) == (
        "NotFoundException",
        "Game session queue 'nope' does not exist.",
        400,
    )


def test_documented_placement_id_cannot_be_reused_in_any_status(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena")
    gamelift.start_game_session_placement(
        PlacementId="once", GameSessionQueueName="arena", MaximumPlayerSessionCount=1
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="once", GameSessionQueueName="arena", MaximumPlayerSessionCount=1
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Placement ID 'once' has already been used; placement IDs must be unique and cannot be "
        "reused.",
        400,
    )


def test_documented_placement_id_is_unique_across_regions(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    import boto3

    make_queue("arena")
    gamelift.start_game_session_placement(
        PlacementId="global", GameSessionQueueName="arena", MaximumPlayerSessionCount=1
    )
    east = boto3.client("gamelift", region_name="eu-west-1")
    east.create_game_session_queue(Name="arena")
    with pytest.raises(east.exceptions.InvalidRequestException):
        east.start_game_session_placement(
            PlacementId="global", GameSessionQueueName="arena", MaximumPlayerSessionCount=1
        )


def test_documented_latencies_and_override_together_are_refused(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena", PriorityConfiguration={"PriorityOrder": ["LOCATION"]})
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="both",
            GameSessionQueueName="arena",
            MaximumPlayerSessionCount=1,
            PlayerLatencies=[
                {"PlayerId": "a", "RegionIdentifier": REGION, "LatencyInMilliseconds": 20}
            ],
            PriorityConfigurationOverride={"LocationOrder": [REGION]},
        )
    assert _error(excinfo)[1] == (
        "PlayerLatencies and PriorityConfigurationOverride cannot be used in the same request."
    )


def test_documented_override_needs_location_in_the_queue_priority_order(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena", PriorityConfiguration={"PriorityOrder": ["DESTINATION"]})
    make_queue("plain")
    for queue in ("arena", "plain"):
        with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
            gamelift.start_game_session_placement(
                PlacementId=f"ovr-{queue}",
                GameSessionQueueName=queue,
                MaximumPlayerSessionCount=1,
                PriorityConfigurationOverride={"LocationOrder": [REGION]},
            )
        assert _error(excinfo)[1] == (
            "PriorityConfigurationOverride can only be used with a queue whose "
            "PriorityConfiguration.PriorityOrder includes LOCATION."
        )


def test_documented_override_location_listed_twice_is_refused(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena", PriorityConfiguration={"PriorityOrder": ["LOCATION"]})
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="dup",
            GameSessionQueueName="arena",
            MaximumPlayerSessionCount=1,
            PriorityConfigurationOverride={"LocationOrder": [REGION, "eu-west-1", REGION]},
        )
    assert _error(excinfo)[1] == (
        "Location 'us-west-2' is listed more than once in "
        "PriorityConfigurationOverride.LocationOrder; each location can be listed only once."
    )


def test_more_desired_players_than_the_maximum_is_refused(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="crowd",
            GameSessionQueueName="arena",
            MaximumPlayerSessionCount=1,
            DesiredPlayerSessions=[{"PlayerId": "a"}, {"PlayerId": "b"}],
        )
    assert _error(excinfo)[1] == (
        "DesiredPlayerSessions lists 2 players, more than MaximumPlayerSessionCount (1)."
    )


def test_same_player_twice_is_refused_without_naming_the_player(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("arena")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="twins",
            GameSessionQueueName="arena",
            MaximumPlayerSessionCount=4,
            DesiredPlayerSessions=[{"PlayerId": "secret-player"}, {"PlayerId": "secret-player"}],
        )
    assert _error(excinfo)[1] == "DesiredPlayerSessions lists the same PlayerId more than once."


def test_refused_start_changes_no_state(gamelift: Any, make_queue: Callable[..., Any]) -> None:
    make_queue("arena")
    with pytest.raises(gamelift.exceptions.InvalidRequestException):
        gamelift.start_game_session_placement(
            PlacementId="retry-me",
            GameSessionQueueName="arena",
            MaximumPlayerSessionCount=0,
            DesiredPlayerSessions=[{"PlayerId": "a"}],
        )
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_session_placement(PlacementId="retry-me")
    # The id was not consumed by the refused call.
    gamelift.start_game_session_placement(
        PlacementId="retry-me", GameSessionQueueName="arena", MaximumPlayerSessionCount=0
    )
