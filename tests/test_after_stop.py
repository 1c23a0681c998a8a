"""A handle outlives its activation: after the mock stops, what it saw stays readable as it was
at the end, and steering it says the mock has stopped."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, PlacementMockError, mock_placement

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
STOPPED = (
    "This mock has stopped: its events, transitions, timeline(), calls and faults still show "
    "how it ended, but it can no longer be steered. Steer it while it is active (inside the "
    "function it decorates or its with block), or start() it again, with fresh state."
)


def _place_and_cancel(gamelift: Any) -> None:
    gamelift.create_game_session_queue(Name="empty")
    for placement_id in ("p-1", "p-2"):
        gamelift.start_game_session_placement(
            PlacementId=placement_id, GameSessionQueueName="empty", MaximumPlayerSessionCount=2
        )
    gamelift.stop_game_session_placement(PlacementId="p-1")


def test_after_the_with_block_everything_seen_stays_readable(gamelift: Any) -> None:
    with mock_placement() as mock:
        _place_and_cancel(gamelift)
        fault = mock.inject_fault("DescribeGameSessions")
        at_end = (mock.events, mock.transitions, mock.timeline(), mock.calls, mock.faults)
    assert not mock.active
    assert (mock.events, mock.transitions, mock.timeline(), mock.calls, mock.faults) == at_end
    assert mock.events[0]["detail"]["type"] == "PlacementCancelled"
    assert [t.placement_id for t in mock.transitions] == ["p-1", "p-2", "p-1"]
    assert [c.operation for c in mock.calls][-1] == "StopGameSessionPlacement"
    assert mock.faults == [fault]
    assert repr(mock) == "<PlacementMock account=123456789012 stopped>"


def test_changes_due_when_the_mock_stops_are_in_what_it_shows(gamelift: Any) -> None:
    with freeze_time(T0) as clock, mock_placement() as mock:
        gamelift.create_game_session_queue(Name="empty", TimeoutInSeconds=30)
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="empty", MaximumPlayerSessionCount=2
        )
        clock.tick(timedelta(minutes=5))
    assert [e["detail"]["type"] for e in mock.events] == ["PlacementTimedOut"]
    assert mock.timeline().splitlines()[-1] == (
        "2026-03-01T12:00:30.000Z  p-1  TIMED_OUT  queue=empty (us-west-2): "
        "not placed before the queue's timeout"
    )


def test_a_later_mock_does_not_change_what_a_stopped_one_shows(gamelift: Any) -> None:
    with mock_placement() as first:
        _place_and_cancel(gamelift)
    with mock_placement() as second:
        gamelift.create_game_session_queue(Name="other")
        second.add_fleet(REGION)
    assert len(first.calls) == 4
    assert len(second.calls) == 1
    first.events.clear()  # copies: the handle keeps its own
    assert len(first.events) == 1
    assert len(first.calls) == 4


def test_an_inner_mock_shows_the_shared_state_as_it_was_when_it_stopped(gamelift: Any) -> None:
    with mock_placement() as outer:
        with mock_placement() as inner:
            gamelift.create_game_session_queue(Name="q")
        gamelift.create_game_session_queue(Name="r")
        assert [c.params["Name"] for c in outer.calls] == ["q", "r"]
    assert [c.params["Name"] for c in inner.calls] == ["q"]
    assert [c.params["Name"] for c in outer.calls] == ["q", "r"]


def test_a_decorated_function_leaves_the_handle_readable(gamelift: Any) -> None:
    placement = mock_placement()

    @placement
    def matchmake() -> None:
        _place_and_cancel(gamelift)

    matchmake()
    assert [e["detail"]["type"] for e in placement.events] == ["PlacementCancelled"]


def test_starting_again_begins_with_fresh_state(gamelift: Any) -> None:
    mock = mock_placement()
    with mock:
        _place_and_cancel(gamelift)
    with mock:
        assert mock.calls == []
        assert mock.events == []
        mock.add_fleet(REGION)  # steering works again
    assert mock.transitions == []


@pytest.mark.parametrize(
    "steer",
    [
        lambda m: m.add_fleet(REGION),
        lambda m: m.add_alias("fleet-1"),
        lambda m: m.set_capacity("fleet-1", 1),
        lambda m: m.terminate_game_session("gsess-1"),
        lambda m: m.set_fulfillment_delay(5),
        lambda m: m.hold_placements(),
        lambda m: m.release_placements(),
        lambda m: m.fulfill_placement("p-1"),
        lambda m: m.fail_placement("p-1"),
        lambda m: m.inject_fault("StartGameSessionPlacement"),
        lambda m: m.clear_faults(),
        lambda m: m.subscribe(print),
    ],
)
def test_steering_a_stopped_mock_says_it_has_stopped(
    gamelift: Any, steer: Callable[[PlacementMock], Any]
) -> None:
    with mock_placement() as mock:
        pass
    with pytest.raises(PlacementMockError) as excinfo:
        steer(mock)
    assert str(excinfo.value) == STOPPED


def test_a_mock_never_started_says_so(gamelift: Any) -> None:
    mock = mock_placement()
    for read in (lambda: mock.calls, lambda: mock.timeline(), lambda: mock.add_fleet(REGION)):
        with pytest.raises(PlacementMockError) as excinfo:
            read()
        assert str(excinfo.value) == (
            "This mock has not been started. Steer and inspect it while it is active: inside "
            "the function or class it decorates, inside its with block, or after start()."
        )
    assert repr(mock) == "<PlacementMock account=123456789012 inactive>"


def test_stopping_out_of_order_stops_both_mocks(gamelift: Any) -> None:
    outer = mock_placement().start()
    inner = mock_placement().start()
    outer.add_fleet(REGION)
    with pytest.raises(PlacementMockError):
        outer.stop()
    assert not outer.active
    assert not inner.active
    assert "stopped" in repr(outer)
    assert outer.events == []  # still readable
