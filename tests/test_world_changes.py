"""Outcomes stay right when the world changes under a waiting placement: its queue's policies,
capacity, holds, and a clock moved back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import time_machine
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from .conftest import FLEET_ARN, REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
SLOW = [{"PlayerId": "ann", "RegionIdentifier": REGION, "LatencyInMilliseconds": 120}]


def _status(gamelift: Any, placement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return found


def test_new_latency_policies_are_applied_when_they_end(gamelift: Any, mock: PlacementMock) -> None:
    """A placement waited for the policy boundaries of the queue it started on: after an update
    that loosens the cap after 10 s, it timed out with free capacity."""
    gamelift.create_game_session_queue(
        Name="q",
        TimeoutInSeconds=60,
        Destinations=[{"DestinationArn": FLEET_ARN}],
        PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 50}],
    )
    with time_machine.travel(T0, tick=False) as traveller:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=2,
            PlayerLatencies=SLOW,
        )
        traveller.shift(timedelta(seconds=2))
        gamelift.update_game_session_queue(
            Name="q",
            PlayerLatencyPolicies=[
                {"MaximumIndividualPlayerLatencyMilliseconds": 50, "PolicyDurationSeconds": 10},
                {"MaximumIndividualPlayerLatencyMilliseconds": 200},
            ],
        )
        assert _status(gamelift, "p-1")["Status"] == "PENDING"
        traveller.shift(timedelta(seconds=120))
        placement = _status(gamelift, "p-1")
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0 + timedelta(seconds=10)


def test_capacity_added_while_the_clock_is_behind_start_time_is_used(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Capacity added after the clock was moved back before a placement's StartTime was never
    offered to it."""
    fleet = mock.add_fleet(REGION, capacity=0)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    with freeze_time(T0) as frozen:
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        assert _status(gamelift, "p-1")["Status"] == "PENDING"  # no room
        frozen.move_to(T0 - timedelta(minutes=5))
        mock.set_capacity(fleet, 1)
        placement = _status(gamelift, "p-1")
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0  # a placement never ends before it started


def test_a_release_while_the_clock_is_behind_start_time_places_the_held(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
    mock.hold_placements(queue="q")
    with time_machine.travel(T0, tick=False) as traveller:
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        traveller.shift(timedelta(seconds=1))
        assert _status(gamelift, "p-1")["Status"] == "PENDING"  # held
        traveller.move_to(T0 - timedelta(hours=1))
        mock.release_placements(queue="q")
        traveller.move_to(T0 + timedelta(seconds=30))
        placement = _status(gamelift, "p-1")
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0


def test_a_delay_not_yet_served_is_still_waited_for_when_the_clock_goes_back(
    gamelift: Any, mock: PlacementMock
) -> None:
    """The other side of the rule above: a placement only counts as eligible from a moment the
    clock has actually shown."""
    fleet = mock.add_fleet(REGION, capacity=0)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    mock.set_fulfillment_delay(20)
    with time_machine.travel(T0, tick=False) as traveller:
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        traveller.shift(timedelta(seconds=5))
        traveller.move_to(T0 - timedelta(minutes=1))
        mock.set_capacity(fleet, 1)
        assert _status(gamelift, "p-1")["Status"] == "PENDING"
        traveller.move_to(T0 + timedelta(seconds=25))
        placement = _status(gamelift, "p-1")
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0 + timedelta(seconds=20)
