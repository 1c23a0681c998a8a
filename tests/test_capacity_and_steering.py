"""Fleets and capacity over time, and steering outcomes from a test: delays, holds, forced
fulfillment and failure."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, PlacementMockError

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _start(gamelift: Any, placement_id: str, queue: str = "q") -> None:
    gamelift.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=2
    )


def _read(gamelift: Any, placement_id: str) -> dict[str, Any]:
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return placement


@pytest.fixture
def one_slot(gamelift: Any, mock: PlacementMock) -> Any:
    fleet = mock.add_fleet("us-west-2", capacity=1)
    gamelift.create_game_session_queue(
        Name="q", TimeoutInSeconds=300, Destinations=[{"DestinationArn": fleet.arn}]
    )
    return fleet


def test_capacity_exhausted_keeps_placements_pending_and_freeing_fulfills_at_that_time(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    with freeze_time(T0) as clock:
        _start(gamelift, "first")
        _start(gamelift, "second")
        clock.tick(timedelta(seconds=40))
        assert _read(gamelift, "first")["Status"] == "FULFILLED"
        assert _read(gamelift, "second")["Status"] == "PENDING"

        mock.terminate_game_session(_read(gamelift, "first")["GameSessionId"])
        clock.tick(timedelta(seconds=5))
        second = _read(gamelift, "second")
    assert second["Status"] == "FULFILLED"
    assert second["EndTime"] == T0 + timedelta(seconds=40)


def test_added_capacity_places_waiting_placements_oldest_first(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    with freeze_time(T0) as clock:
        for n in range(4):
            _start(gamelift, f"w-{n}")
            clock.tick(timedelta(seconds=1))
        mock.set_capacity(one_slot, 3)
        statuses = [_read(gamelift, f"w-{n}")["Status"] for n in range(4)]
        assert statuses == ["FULFILLED", "FULFILLED", "FULFILLED", "PENDING"]
        assert _read(gamelift, "w-1")["EndTime"] == T0 + timedelta(seconds=4)


def test_capacity_never_places_after_the_deadline(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    with freeze_time(T0) as clock:
        _start(gamelift, "a")
        _start(gamelift, "late")
        clock.tick(timedelta(seconds=301))
        mock.set_capacity(one_slot, 10)
        late = _read(gamelift, "late")
    assert late["Status"] == "TIMED_OUT"
    assert late["EndTime"] == T0 + timedelta(seconds=300)


def test_queue_update_retries_waiting_placements(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    with freeze_time(T0) as clock:
        _start(gamelift, "u-1")
        clock.tick(timedelta(seconds=12))
        fleet = mock.add_fleet("eu-west-1", capacity=5)
        assert _read(gamelift, "u-1")["Status"] == "PENDING"  # not a destination yet
        gamelift.update_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
        clock.tick(timedelta(seconds=3))
        placement = _read(gamelift, "u-1")
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0 + timedelta(seconds=12)
    assert placement["GameSessionRegion"] == "eu-west-1"


def test_fulfillment_delay_holds_placements_for_realistic_seconds(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    mock.set_fulfillment_delay(3.5)
    with freeze_time(T0) as clock:
        _start(gamelift, "slow")
        clock.tick(timedelta(seconds=3))
        assert _read(gamelift, "slow")["Status"] == "PENDING"
        clock.tick(timedelta(seconds=10))
        placement = _read(gamelift, "slow")
    assert placement["EndTime"] == T0 + timedelta(seconds=3.5)


def test_fulfillment_delay_per_queue_lets_a_test_stop_a_pending_placement(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    gamelift.create_game_session_queue(Name="fast", Destinations=[{"DestinationArn": one_slot.arn}])
    mock.set_fulfillment_delay(10, queue="q")
    with freeze_time(T0) as clock:
        _start(gamelift, "slow", "q")
        _start(gamelift, "quick", "fast")
        clock.tick(timedelta(seconds=2))
        stopped = gamelift.stop_game_session_placement(PlacementId="slow")
        assert stopped["GameSessionPlacement"]["Status"] == "CANCELLED"
        assert _read(gamelift, "quick")["Status"] == "FULFILLED"


def test_held_placement_stays_pending_until_stopped(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    mock.hold_placements()
    with freeze_time(T0) as clock:
        _start(gamelift, "held")
        clock.tick(timedelta(seconds=100))
        assert _read(gamelift, "held")["Status"] == "PENDING"
        stopped = gamelift.stop_game_session_placement(PlacementId="held")["GameSessionPlacement"]
    assert stopped["Status"] == "CANCELLED"
    assert stopped["EndTime"] == T0 + timedelta(seconds=100)


def test_held_placements_still_time_out(gamelift: Any, mock: PlacementMock, one_slot: Any) -> None:
    mock.hold_placements(queue="q")
    with freeze_time(T0) as clock:
        _start(gamelift, "held")
        clock.tick(timedelta(seconds=301))
        assert _read(gamelift, "held")["Status"] == "TIMED_OUT"


def test_test_decides_fulfill_or_fail(gamelift: Any, mock: PlacementMock, one_slot: Any) -> None:
    mock.hold_placements()
    with freeze_time(T0) as clock:
        _start(gamelift, "win")
        _start(gamelift, "lose")
        clock.tick(timedelta(seconds=8))
        mock.fulfill_placement("win")
        mock.fail_placement("lose")
        win, lose = _read(gamelift, "win"), _read(gamelift, "lose")
    assert (win["Status"], win["EndTime"]) == ("FULFILLED", T0 + timedelta(seconds=8))
    assert (lose["Status"], lose["EndTime"]) == ("FAILED", T0 + timedelta(seconds=8))
    assert "GameSessionId" not in lose


def test_release_lets_held_placements_through(
    gamelift: Any, mock: PlacementMock, one_slot: Any
) -> None:
    mock.hold_placements()
    _start(gamelift, "r-1")
    assert _read(gamelift, "r-1")["Status"] == "PENDING"
    mock.release_placements()
    assert _read(gamelift, "r-1")["Status"] == "FULFILLED"
    _start(gamelift, "r-2")  # no longer held; no capacity left either
    assert _read(gamelift, "r-2")["Status"] == "PENDING"


def test_steering_errors_are_clear(gamelift: Any, mock: PlacementMock, one_slot: Any) -> None:
    mock.set_capacity(one_slot, 0)
    _start(gamelift, "stuck")
    with pytest.raises(PlacementMockError) as excinfo:
        mock.fulfill_placement("stuck")
    assert str(excinfo.value) == (
        "Cannot fulfill placement 'stuck': no eligible location of its queue has a free game "
        "server process."
    )
    gamelift.stop_game_session_placement(PlacementId="stuck")
    with pytest.raises(PlacementMockError) as excinfo:
        mock.fail_placement("stuck")
    assert str(excinfo.value) == ("Placement 'stuck' is CANCELLED; only PENDING ones can move.")
    with pytest.raises(PlacementMockError) as excinfo:
        mock.fail_placement("nobody")
    assert str(excinfo.value) == "No placement 'nobody'."
    with pytest.raises(PlacementMockError) as excinfo:
        mock.set_capacity(one_slot, 1, location="mars-1")
    assert str(excinfo.value) == f"Fleet {one_slot.fleet_id} has no location 'mars-1'."
    with pytest.raises(PlacementMockError) as excinfo:
        mock.terminate_game_session("arn:aws:gamelift:us-west-2::gamesession/fleet-x/nope")
    assert str(excinfo.value) == (
        "No game session 'arn:aws:gamelift:us-west-2::gamesession/fleet-x/nope'."
    )
    with pytest.raises(ValueError):
        mock.set_capacity(one_slot, -1)
    with pytest.raises(ValueError):
        mock.set_fulfillment_delay(-1)


def test_declaring_a_fleet_twice_is_refused(mock: PlacementMock) -> None:
    mock.add_fleet("us-west-2", fleet_id="fleet-twice")
    with pytest.raises(ValueError, match="already declared"):
        mock.add_fleet("us-west-2", fleet_id="fleet-twice")


def test_declared_fleet_takes_over_an_implicit_destination(
    gamelift: Any, mock: PlacementMock
) -> None:
    arn = "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-later"
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": arn}])
    _start(gamelift, "before")  # implicit fleet: unlimited capacity
    fleet = mock.add_fleet("us-west-2", fleet_id="fleet-later", capacity=1)
    assert fleet.arn == arn
    _start(gamelift, "after")
    assert _read(gamelift, "after")["Status"] == "PENDING"  # the first session holds the slot
