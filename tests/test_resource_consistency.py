"""What holds for one resource whatever the test does to the clock, the zone or the listing
between two calls: an end never before its start, a page never skipping a survivor, and
timestamps in the zone botocore would use at the moment of the call."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import time_machine
from dateutil.tz import tzlocal

from gl_placement_mock import PlacementMock

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def test_a_clock_rewind_never_ends_a_game_or_player_session_before_it_began(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION)
    with time_machine.travel(T0, tick=False) as traveller:
        session = gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2)
        session_id = session["GameSession"]["GameSessionId"]
        gamelift.create_player_session(GameSessionId=session_id, PlayerId="player-1")
        traveller.move_to(T0 - timedelta(hours=1))
        gamelift.terminate_game_session(GameSessionId=session_id, TerminationMode="FORCE_TERMINATE")
        ended = gamelift.describe_game_sessions(GameSessionId=session_id)["GameSessions"][0]
        seat = gamelift.describe_player_sessions(GameSessionId=session_id)["PlayerSessions"][0]
    assert ended["CreationTime"] == T0
    assert ended["TerminationTime"] == T0
    assert seat["Status"] == "COMPLETED"
    assert seat["CreationTime"] == seat["TerminationTime"] == T0


def _names(response: dict[str, Any]) -> list[str]:
    return [q["Name"] for q in response["GameSessionQueues"]]


def test_deleting_a_queue_between_pages_never_skips_a_survivor(
    gamelift: Any, mock: PlacementMock
) -> None:
    for name in ("q1", "q2", "q3", "q4", "q5"):
        gamelift.create_game_session_queue(Name=name)
    first = gamelift.describe_game_session_queues(Limit=2)
    assert _names(first) == ["q1", "q2"]
    gamelift.delete_game_session_queue(Name="q1")
    second = gamelift.describe_game_session_queues(Limit=2, NextToken=first["NextToken"])
    assert _names(second) == ["q3", "q4"]
    gamelift.delete_game_session_queue(Name="q4")  # the last one the page returned
    gamelift.create_game_session_queue(Name="q6")
    third = gamelift.describe_game_session_queues(Limit=2, NextToken=second["NextToken"])
    assert _names(third) == ["q5", "q6"]
    assert "NextToken" not in third


def test_a_game_session_ending_between_pages_never_skips_a_survivor(
    gamelift: Any, mock: PlacementMock
) -> None:
    """With StatusFilter ACTIVE, a game session that ends leaves the listing: the next page
    still starts right after the last one returned (DescribeGameSessions, SearchGameSessions,
    DescribePlayerSessions page the same way)."""
    fleet = mock.add_fleet(REGION)
    ids = [
        gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=1)[
            "GameSession"
        ]["GameSessionId"]
        for _ in range(4)
    ]
    listing = {"FleetId": fleet.fleet_id, "StatusFilter": "ACTIVE", "Limit": 2}
    first = gamelift.describe_game_sessions(**listing)
    searched = gamelift.search_game_sessions(FleetId=fleet.fleet_id, Limit=2)
    gamelift.terminate_game_session(GameSessionId=ids[0], TerminationMode="FORCE_TERMINATE")
    second = gamelift.describe_game_sessions(**listing, NextToken=first["NextToken"])
    assert [s["GameSessionId"] for s in second["GameSessions"]] == ids[2:]
    more = gamelift.search_game_sessions(
        FleetId=fleet.fleet_id, Limit=2, NextToken=searched["NextToken"]
    )
    assert [s["GameSessionId"] for s in more["GameSessions"]] == ids[2:]


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    def use(name: str) -> None:
        if not Path("/usr/share/zoneinfo", name).exists():
            pytest.skip(f"no time zone data for {name}")
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def test_response_timestamps_follow_the_zone_botocore_uses_at_the_moment_of_the_call(
    gamelift: Any, mock: PlacementMock, zone: Any
) -> None:
    fleet = mock.add_fleet(REGION)
    zone("UTC")
    created = gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=1)
    session_id = created["GameSession"]["GameSessionId"]
    assert created["GameSession"]["CreationTime"].utcoffset() == timedelta(0)
    zone("Asia/Tokyo")
    described = gamelift.describe_game_sessions(GameSessionId=session_id)["GameSessions"][0]
    moment = described["CreationTime"]
    assert moment.utcoffset() == timedelta(hours=9)
    assert moment == created["GameSession"]["CreationTime"]
    assert moment.tzinfo == tzlocal()
