"""Game sessions made by CreateGameSession are ACTIVATING until their game server activates
them: at once after the call (the answer still says ACTIVATING), or after
``mock.set_activation_delay(seconds)`` on the mock clock. Placements give ACTIVE sessions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, SimulatedFleet

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def fleet(mock: PlacementMock) -> SimulatedFleet:
    return mock.add_fleet(REGION, capacity=2)


def _create(gamelift: Any, fleet: SimulatedFleet) -> dict[str, Any]:
    session: dict[str, Any] = gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=4
    )["GameSession"]
    return session


def _status(gamelift: Any, game_session_id: str) -> str:
    sessions = gamelift.describe_game_sessions(GameSessionId=game_session_id)["GameSessions"]
    return str(sessions[0]["Status"])


def _searched(gamelift: Any, fleet: SimulatedFleet) -> list[str]:
    found = gamelift.search_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    return [s["GameSessionId"] for s in found]


def test_create_answers_activating_and_the_next_call_sees_active(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    """CreateGameSession answered ACTIVE; AWS answers ACTIVATING until the game server calls
    ActivateGameSession."""
    created = _create(gamelift, fleet)
    assert created["Status"] == "ACTIVATING"
    game_session_id = created["GameSessionId"]
    assert _status(gamelift, game_session_id) == "ACTIVE"
    assert _searched(gamelift, fleet) == [game_session_id]
    seat = gamelift.create_player_session(GameSessionId=game_session_id, PlayerId="p1")
    assert seat["PlayerSession"]["Status"] == "RESERVED"


@freeze_time(T0)
def test_with_an_activation_delay_the_session_stays_activating_until_it_is_over(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    """As on AWS, a client polling SearchGameSessions right after the create finds nothing."""
    mock.set_activation_delay(5)
    game_session_id = _create(gamelift, fleet)["GameSessionId"]
    assert _status(gamelift, game_session_id) == "ACTIVATING"
    assert _searched(gamelift, fleet) == []
    activating = gamelift.describe_game_sessions(FleetId=fleet.fleet_id, StatusFilter="ACTIVATING")[
        "GameSessions"
    ]
    assert [s["GameSessionId"] for s in activating] == [game_session_id]
    message = (
        f"Game session '{game_session_id}' is ACTIVATING; player sessions can only be created "
        "in an ACTIVE game session."
    )
    with pytest.raises(gamelift.exceptions.InvalidGameSessionStatusException) as excinfo:
        gamelift.create_player_session(GameSessionId=game_session_id, PlayerId="p1")
    assert excinfo.value.response["Error"]["Message"] == message
    with pytest.raises(gamelift.exceptions.InvalidGameSessionStatusException) as excinfo:
        gamelift.create_player_sessions(GameSessionId=game_session_id, PlayerIds=["p1", "p2"])
    assert excinfo.value.response["Error"]["Message"] == message

    with freeze_time(T0 + timedelta(seconds=5) - timedelta(milliseconds=1)):
        assert _status(gamelift, game_session_id) == "ACTIVATING"
    with freeze_time(T0 + timedelta(seconds=5)):
        assert _status(gamelift, game_session_id) == "ACTIVE"
        assert _searched(gamelift, fleet) == [game_session_id]
        gamelift.create_player_session(GameSessionId=game_session_id, PlayerId="p1")


@freeze_time(T0)
def test_the_timeline_shows_the_activation(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    mock.set_activation_delay(2.5)
    game_session_id = _create(gamelift, fleet)["GameSessionId"]
    with freeze_time(T0 + timedelta(seconds=10)):
        mock.advance()
        records = [t.record() for t in mock.transitions]
        timeline = mock.timeline()
    assert records == [
        {
            "time": T0.timestamp(),
            "game_session_id": game_session_id,
            "fleet": fleet.fleet_id,
            "region": REGION,
            "status": "ACTIVATING",
            "location": REGION,
            "reason": "created by CreateGameSession",
        },
        {
            "time": T0.timestamp() + 2.5,
            "game_session_id": game_session_id,
            "fleet": fleet.fleet_id,
            "region": REGION,
            "status": "ACTIVE",
            "location": REGION,
            "reason": "game server activated the game session",
        },
    ]
    assert timeline.splitlines() == [
        f"2026-03-01T12:00:00.000Z  {game_session_id}  ACTIVATING  fleet={fleet.fleet_id} "
        f"({REGION}) in {REGION}: created by CreateGameSession",
        f"2026-03-01T12:00:02.500Z  {game_session_id}  ACTIVE     fleet={fleet.fleet_id} "
        f"({REGION}) in {REGION}: game server activated the game session",
    ]


@freeze_time(T0)
def test_placements_give_active_game_sessions_whatever_the_activation_delay(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    mock.set_activation_delay(60)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    placement = gamelift.describe_game_session_placement(PlacementId="p-1")
    game_session_arn = placement["GameSessionPlacement"]["GameSessionArn"]
    assert _status(gamelift, game_session_arn) == "ACTIVE"
    assert _searched(gamelift, fleet) == [game_session_arn]


@freeze_time(T0)
def test_a_game_session_ended_while_activating_stays_ended(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    mock.set_activation_delay(5)
    game_session_id = _create(gamelift, fleet)["GameSessionId"]
    ended = gamelift.terminate_game_session(
        GameSessionId=game_session_id, TerminationMode="FORCE_TERMINATE"
    )
    assert ended["GameSession"]["Status"] == "TERMINATING"
    with freeze_time(T0 + timedelta(seconds=10)):
        assert _status(gamelift, game_session_id) == "TERMINATED"


@pytest.mark.parametrize("seconds", [float("nan"), float("inf"), -1, True, "5"])
def test_activation_delays_are_finite_seconds(mock: PlacementMock, seconds: Any) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.set_activation_delay(seconds)
    assert str(excinfo.value) == (
        f"seconds must be a finite number of seconds, at least 0; got {seconds!r}."
    )
