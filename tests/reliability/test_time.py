"""Time: freezegun and time-machine both move the mock's clock, and moving it backwards neither
crashes nor corrupts state (a terminal placement never ends before it started)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest
import time_machine
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
EARLIER = T0 - timedelta(days=2)


@contextmanager
def _freezegun() -> Iterator[Callable[[datetime], None]]:
    with freeze_time(T0) as frozen:
        yield frozen.move_to


@contextmanager
def _time_machine() -> Iterator[Callable[[datetime], None]]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller.move_to


CLOCKS = pytest.mark.parametrize("clock", [_freezegun, _time_machine], ids=["freezegun", "tm"])


def _placement(gamelift: Any, placement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return found


def _start(gamelift: Any, placement_id: str, queue: str) -> None:
    gamelift.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=1
    )


@CLOCKS
def test_both_libraries_move_the_clock_forwards_to_a_timeout(
    clock: Callable[[], Any], gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("wait", Destinations=[], TimeoutInSeconds=30)
    with clock() as move_to:
        _start(gamelift, "p-fwd", "wait")
        move_to(T0 + timedelta(seconds=29))
        assert _placement(gamelift, "p-fwd")["Status"] == "PENDING"
        move_to(T0 + timedelta(minutes=10))
        placement = _placement(gamelift, "p-fwd")
    assert placement["Status"] == "TIMED_OUT"
    assert placement["StartTime"] == T0
    assert placement["EndTime"] == T0 + timedelta(seconds=30)


@CLOCKS
def test_placements_ended_after_the_clock_went_backwards_never_end_before_they_started(
    clock: Callable[[], Any],
    gamelift: Any,
    make_queue: Callable[..., Any],
    mock: PlacementMock,
) -> None:
    """StopGameSessionPlacement, fail_placement, fulfill_placement and DeleteGameSessionQueue
    while the clock reads earlier than StartTime: EndTime is clamped to StartTime."""
    fleet = mock.add_fleet("us-west-2", capacity=5)
    make_queue("doomed", Destinations=[])
    make_queue("held", Destinations=[{"DestinationArn": fleet.arn}])
    mock.hold_placements(queue="held")
    with clock() as move_to:
        for placement_id in ("p-stop", "p-fail", "p-fulfill"):
            _start(gamelift, placement_id, "held")
        _start(gamelift, "p-orphan", "doomed")
        move_to(EARLIER)
        gamelift.stop_game_session_placement(PlacementId="p-stop")
        mock.fail_placement("p-fail")
        mock.fulfill_placement("p-fulfill")
        gamelift.delete_game_session_queue(Name="doomed")
        ended = {pid: _placement(gamelift, pid) for pid in ("p-stop", "p-fail", "p-fulfill")}
        ended["p-orphan"] = _placement(gamelift, "p-orphan")
        session = gamelift.describe_game_sessions(GameSessionId=ended["p-fulfill"]["GameSessionId"])
    statuses = {pid: p["Status"] for pid, p in ended.items()}
    assert statuses == {
        "p-stop": "CANCELLED",
        "p-fail": "FAILED",
        "p-fulfill": "FULFILLED",
        "p-orphan": "FAILED",
    }
    for placement in ended.values():
        assert placement["StartTime"] == T0
        assert placement["EndTime"] == T0
    assert session["GameSessions"][0]["CreationTime"] == T0
    assert [e["detail"]["endTime"] for e in mock.events] == ["2026-03-01T12:00:00.000Z"] * 4


@CLOCKS
def test_going_back_and_forth_keeps_timeouts_where_they_were_due(
    clock: Callable[[], Any], gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("wait", Destinations=[], TimeoutInSeconds=60)
    with clock() as move_to:
        _start(gamelift, "p-a", "wait")
        move_to(EARLIER)
        _start(gamelift, "p-b", "wait")  # starts "before" p-a
        assert _placement(gamelift, "p-a")["Status"] == "PENDING"
        move_to(EARLIER + timedelta(seconds=61))
        assert _placement(gamelift, "p-a")["Status"] == "PENDING"
        assert _placement(gamelift, "p-b")["Status"] == "TIMED_OUT"
        move_to(T0 + timedelta(seconds=59))
        assert _placement(gamelift, "p-a")["Status"] == "PENDING"
        move_to(T0 + timedelta(hours=1))
        a, b = _placement(gamelift, "p-a"), _placement(gamelift, "p-b")
    assert (a["Status"], a["EndTime"]) == ("TIMED_OUT", T0 + timedelta(seconds=60))
    assert (b["Status"], b["EndTime"]) == ("TIMED_OUT", EARLIER + timedelta(seconds=60))
    assert [e["detail"]["placementId"] for e in mock.events] == ["p-b", "p-a"]
