"""StopGameSessionPlacement and DescribeGameSessionPlacement."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _start(gamelift: Any, placement_id: str, queue: str = "waiting") -> dict[str, Any]:
    placement: dict[str, Any] = gamelift.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=2
    )["GameSessionPlacement"]
    return placement


def test_documented_stop_cancels_a_pending_placement_with_end_time(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("waiting", Destinations=[])
    with freeze_time(T0) as frozen:
        _start(gamelift, "p-stop")
        frozen.tick(timedelta(seconds=7))
        stopped = gamelift.stop_game_session_placement(PlacementId="p-stop")["GameSessionPlacement"]
        assert stopped["Status"] == "CANCELLED"
        assert stopped["StartTime"] == T0
        assert stopped["EndTime"] == T0 + timedelta(seconds=7)
        assert "GameSessionId" not in stopped
        assert "PlacedPlayerSessions" not in stopped

        frozen.tick(timedelta(hours=1))
        described = gamelift.describe_game_session_placement(PlacementId="p-stop")
        assert described["GameSessionPlacement"] == stopped


def test_documented_stop_of_a_fulfilled_placement_is_refused(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("ready")
    _start(gamelift, "p-done", "ready")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.stop_game_session_placement(PlacementId="p-done")
    assert excinfo.value.response["Error"]["Message"] == (
        "Game session placement 'p-done' is already FULFILLED: its game session exists and the "
        "placement cannot be stopped."
    )
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_stop_of_an_already_cancelled_placement_is_refused(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("waiting", Destinations=[])
    _start(gamelift, "p-twice")
    gamelift.stop_game_session_placement(PlacementId="p-twice")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.stop_game_session_placement(PlacementId="p-twice")
    assert excinfo.value.response["Error"]["Message"] == (
        "Game session placement 'p-twice' is already CANCELLED and cannot be stopped."
    )


def test_stop_of_a_timed_out_placement_is_refused(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("waiting", Destinations=[], TimeoutInSeconds=10)
    with freeze_time(T0) as frozen:
        _start(gamelift, "p-late")
        frozen.tick(timedelta(seconds=11))
        with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
            gamelift.stop_game_session_placement(PlacementId="p-late")
    assert excinfo.value.response["Error"]["Message"] == (
        "Game session placement 'p-late' is already TIMED_OUT and cannot be stopped."
    )


@pytest.mark.parametrize(
    "operation", ["stop_game_session_placement", "describe_game_session_placement"]
)
def test_unknown_placement_is_not_found(gamelift: Any, mock: PlacementMock, operation: str) -> None:
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        getattr(gamelift, operation)(PlacementId="ghost")
    assert excinfo.value.response["Error"] == {
        "Code": "NotFoundException",
        "Message": "Game session placement 'ghost' does not exist.",
    }


def test_placement_is_not_visible_from_another_region(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    import boto3

    make_queue("ready")
    _start(gamelift, "p-here", "ready")
    elsewhere = boto3.client("gamelift", region_name="ap-northeast-1")
    with pytest.raises(elsewhere.exceptions.NotFoundException):
        elsewhere.describe_game_session_placement(PlacementId="p-here")


def test_describe_returns_the_request_fields(gamelift: Any, make_queue: Callable[..., Any]) -> None:
    make_queue("waiting", Destinations=[])
    latencies = [
        {"PlayerId": "a", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 40},
        {"PlayerId": "a", "RegionIdentifier": "eu-west-1", "LatencyInMilliseconds": 120.5},
    ]
    gamelift.start_game_session_placement(
        PlacementId="p-echo",
        GameSessionQueueName="waiting",
        MaximumPlayerSessionCount=3,
        PlayerLatencies=latencies,
        DesiredPlayerSessions=[{"PlayerId": "a", "PlayerData": "secret"}],
    )
    placement = gamelift.describe_game_session_placement(PlacementId="p-echo")[
        "GameSessionPlacement"
    ]
    assert placement["Status"] == "PENDING"
    assert placement["PlayerLatencies"] == [
        {"PlayerId": "a", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 40.0},
        {"PlayerId": "a", "RegionIdentifier": "eu-west-1", "LatencyInMilliseconds": 120.5},
    ]
    assert isinstance(placement["PlayerLatencies"][0]["LatencyInMilliseconds"], float)
    # DesiredPlayerSessions / PlayerData are not echoed; EndTime only once terminal.
    assert "DesiredPlayerSessions" not in placement
    assert "EndTime" not in placement
    assert "PlacedPlayerSessions" not in placement


def test_changing_the_request_dicts_afterwards_does_not_change_the_placement(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("waiting", Destinations=[])
    properties = [{"Key": "map", "Value": "harbor"}]
    gamelift.start_game_session_placement(
        PlacementId="p-copy",
        GameSessionQueueName="waiting",
        MaximumPlayerSessionCount=1,
        GameProperties=properties,
    )
    properties[0]["Value"] = "changed"
    placement = gamelift.describe_game_session_placement(PlacementId="p-copy")
    assert placement["GameSessionPlacement"]["GameProperties"] == [
        {"Key": "map", "Value": "harbor"}
    ]
