"""StartGameSessionPlacement, example 1 of the API reference: "a policy that caps latency at
130 milliseconds for 60 seconds, followed by no cap", with the example's sample request."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, SimulatedFleet

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
# The sample request's latencies: averages us-east-1 = 110, us-west-2 = 100; player2 reports
# 150 ms in us-west-2, above the 130 ms cap.
SAMPLE_LATENCIES = [
    {"LatencyInMilliseconds": 100, "PlayerId": "player1", "RegionIdentifier": "us-east-1"},
    {"LatencyInMilliseconds": 50, "PlayerId": "player1", "RegionIdentifier": "us-west-2"},
    {"LatencyInMilliseconds": 120, "PlayerId": "player2", "RegionIdentifier": "us-east-1"},
    {"LatencyInMilliseconds": 150, "PlayerId": "player2", "RegionIdentifier": "us-west-2"},
]


@pytest.fixture
def fleets(mock: PlacementMock, gamelift: Any) -> dict[str, SimulatedFleet]:
    west = mock.add_fleet("us-west-2")
    east = mock.add_fleet("us-east-1")
    gamelift.create_game_session_queue(
        Name="matchmaker-queue",
        Destinations=[{"DestinationArn": west.arn}, {"DestinationArn": east.arn}],
        TimeoutInSeconds=600,
        PlayerLatencyPolicies=[
            {"MaximumIndividualPlayerLatencyMilliseconds": 130, "PolicyDurationSeconds": 60}
        ],
    )
    return {"us-west-2": west, "us-east-1": east}


def _start(gamelift: Any) -> None:
    gamelift.start_game_session_placement(
        PlacementId="Place-12345",
        GameSessionQueueName="matchmaker-queue",
        GameSessionName="matchmaker-1234567890",
        MaximumPlayerSessionCount=4,
        GameProperties=[{"Key": "map", "Value": "winter"}],
        DesiredPlayerSessions=[
            {"PlayerData": "level:10", "PlayerId": "player1"},
            {"PlayerData": "level:11", "PlayerId": "player2"},
        ],
        PlayerLatencies=SAMPLE_LATENCIES,
    )


def _read(gamelift: Any) -> dict[str, Any]:
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId="Place-12345")[
        "GameSessionPlacement"
    ]
    return placement


def test_documented_example_places_in_us_east_1_while_the_cap_drops_us_west_2(
    gamelift: Any, fleets: dict[str, SimulatedFleet]
) -> None:
    with freeze_time(T0):
        _start(gamelift)
        placement = _read(gamelift)
    assert placement["Status"] == "FULFILLED"
    assert placement["GameSessionRegion"] == "us-east-1"
    assert fleets["us-east-1"].fleet_id in placement["GameSessionArn"]
    assert placement["EndTime"] == T0


def test_documented_example_us_west_2_is_valid_again_when_the_cap_ends(
    gamelift: Any, mock: PlacementMock, fleets: dict[str, SimulatedFleet]
) -> None:
    mock.set_capacity(fleets["us-east-1"], 0)
    with freeze_time(T0) as clock:
        _start(gamelift)
        clock.tick(timedelta(seconds=60) - timedelta(milliseconds=1))
        assert _read(gamelift)["Status"] == "PENDING"  # the cap is still in force
        clock.tick(timedelta(minutes=5))
        placement = _read(gamelift)
    assert placement["Status"] == "FULFILLED"
    assert placement["GameSessionRegion"] == "us-west-2"
    assert fleets["us-west-2"].fleet_id in placement["GameSessionArn"]
    assert placement["StartTime"] == T0
    assert placement["EndTime"] == T0 + timedelta(seconds=60)


def test_documented_after_the_last_timed_policy_no_cap_applies(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Two timed policies: when the second one's time is up, every location is valid."""
    fleet = mock.add_fleet("us-west-2")
    gamelift.create_game_session_queue(
        Name="two-steps",
        Destinations=[{"DestinationArn": fleet.arn}],
        TimeoutInSeconds=300,
        PlayerLatencyPolicies=[
            {"MaximumIndividualPlayerLatencyMilliseconds": 200, "PolicyDurationSeconds": 20},
            {"MaximumIndividualPlayerLatencyMilliseconds": 100, "PolicyDurationSeconds": 10},
        ],
    )
    with freeze_time(T0) as clock:
        gamelift.start_game_session_placement(
            PlacementId="far-1",
            GameSessionQueueName="two-steps",
            MaximumPlayerSessionCount=2,
            PlayerLatencies=[
                {"PlayerId": "p", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 250}
            ],
        )
        clock.tick(timedelta(seconds=29))
        assert (
            gamelift.describe_game_session_placement(PlacementId="far-1")["GameSessionPlacement"][
                "Status"
            ]
            == "PENDING"
        )
        clock.tick(timedelta(minutes=1))
        placement = gamelift.describe_game_session_placement(PlacementId="far-1")[
            "GameSessionPlacement"
        ]
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0 + timedelta(seconds=30)
