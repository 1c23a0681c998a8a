"""Time-driven changes: computed lazily, stamped with the time they were due."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import time_machine
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def test_documented_queue_without_destinations_times_out_exactly_at_the_deadline(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("nowhere", Destinations=[], TimeoutInSeconds=30)
    with freeze_time(T0) as frozen:
        gamelift.start_game_session_placement(
            PlacementId="p-wait", GameSessionQueueName="nowhere", MaximumPlayerSessionCount=2
        )
        frozen.tick(timedelta(seconds=29, milliseconds=999))
        placement = gamelift.describe_game_session_placement(PlacementId="p-wait")
        assert placement["GameSessionPlacement"]["Status"] == "PENDING"

        frozen.tick(timedelta(hours=3))  # looked at long after the deadline
        placement = gamelift.describe_game_session_placement(PlacementId="p-wait")
    placement = placement["GameSessionPlacement"]
    assert placement["Status"] == "TIMED_OUT"
    assert placement["EndTime"] == T0 + timedelta(seconds=30)


def test_timeout_defaults_to_600_seconds(gamelift: Any, make_queue: Callable[..., Any]) -> None:
    queue = make_queue("nowhere", Destinations=[])
    assert queue["TimeoutInSeconds"] == 600
    with freeze_time(T0) as frozen:
        gamelift.start_game_session_placement(
            PlacementId="p-default", GameSessionQueueName="nowhere", MaximumPlayerSessionCount=1
        )
        frozen.tick(timedelta(seconds=599))
        assert (
            gamelift.describe_game_session_placement(PlacementId="p-default")[
                "GameSessionPlacement"
            ]["Status"]
            == "PENDING"
        )
        frozen.tick(timedelta(seconds=1))
        placement = gamelift.describe_game_session_placement(PlacementId="p-default")
    assert placement["GameSessionPlacement"]["Status"] == "TIMED_OUT"
    assert placement["GameSessionPlacement"]["EndTime"] == T0 + timedelta(seconds=600)


def test_time_machine_moves_the_mock_clock(gamelift: Any, make_queue: Callable[..., Any]) -> None:
    make_queue("nowhere", Destinations=[], TimeoutInSeconds=60)
    with time_machine.travel(T0, tick=False) as traveller:
        gamelift.start_game_session_placement(
            PlacementId="p-tm", GameSessionQueueName="nowhere", MaximumPlayerSessionCount=1
        )
        traveller.shift(timedelta(minutes=5))
        placement = gamelift.describe_game_session_placement(PlacementId="p-tm")
    assert placement["GameSessionPlacement"]["Status"] == "TIMED_OUT"
    assert placement["GameSessionPlacement"]["EndTime"] == T0 + timedelta(seconds=60)


def test_moving_time_backwards_changes_nothing(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("nowhere", Destinations=[], TimeoutInSeconds=60)
    with freeze_time(T0) as frozen:
        gamelift.start_game_session_placement(
            PlacementId="p-back", GameSessionQueueName="nowhere", MaximumPlayerSessionCount=1
        )
        frozen.move_to(T0 - timedelta(days=1))
        placement = gamelift.describe_game_session_placement(PlacementId="p-back")
        assert placement["GameSessionPlacement"]["Status"] == "PENDING"
        frozen.move_to(T0 + timedelta(seconds=61))
        placement = gamelift.describe_game_session_placement(PlacementId="p-back")
    assert placement["GameSessionPlacement"]["EndTime"] == T0 + timedelta(seconds=60)


def test_time_driven_changes_publish_events_stamped_when_due(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("nowhere", Destinations=[], TimeoutInSeconds=10)
    with freeze_time(T0) as frozen:
        gamelift.start_game_session_placement(
            PlacementId="p-evt", GameSessionQueueName="nowhere", MaximumPlayerSessionCount=1
        )
        frozen.tick(timedelta(minutes=2))
        events = mock.events
    assert [e["detail"]["type"] for e in events] == ["PlacementTimedOut"]
    assert events[0]["detail"]["endTime"] == "2026-03-01T12:00:10.000Z"
    assert events[0]["time"] == "2026-03-01T12:00:10Z"


def test_timestamps_answered_while_frozen_are_plain_datetimes_after_the_freeze(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("frozen-q")
    with freeze_time("2026-03-01 12:00:00.250"):
        gamelift.start_game_session_placement(
            PlacementId="frozen-p", GameSessionQueueName="frozen-q", MaximumPlayerSessionCount=2
        )

    start = gamelift.describe_game_session_placement(PlacementId="frozen-p")[
        "GameSessionPlacement"
    ]["StartTime"]

    assert type(start) is datetime
    assert start == datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
