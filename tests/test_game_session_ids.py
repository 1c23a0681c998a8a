"""Game session ids stay unique when CreateGameSession's IdempotencyToken and a placement's
PlacementId are the same id string on the same fleet, whichever comes first."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, PlacementMockError, SimulatedFleet

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _queue(gamelift: Any, *fleets: SimulatedFleet, timeout: int = 600) -> None:
    gamelift.create_game_session_queue(
        Name="ids",
        TimeoutInSeconds=timeout,
        Destinations=[{"DestinationArn": f.arn} for f in fleets],
    )


def _place(gamelift: Any, placement_id: str) -> dict[str, Any]:
    gamelift.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName="ids", MaximumPlayerSessionCount=4
    )
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return placement


def _idle(gamelift: Any, fleet: SimulatedFleet) -> int:
    (capacity,) = gamelift.describe_fleet_capacity(FleetIds=[fleet.fleet_id])["FleetCapacity"]
    idle: int = capacity["InstanceCounts"]["IDLE"]
    return idle


def test_a_placement_skips_a_fleet_whose_game_session_holds_its_id(
    gamelift: Any, mock: PlacementMock
) -> None:
    first_choice = mock.add_fleet(REGION, capacity=2)
    second_choice = mock.add_fleet(REGION, capacity=2)
    _queue(gamelift, first_choice, second_choice)
    created = gamelift.create_game_session(
        FleetId=first_choice.fleet_id, MaximumPlayerSessionCount=4, IdempotencyToken="match-7"
    )["GameSession"]
    placement = _place(gamelift, "match-7")
    # The first fleet has a free slot, but its game session "match-7" already holds the ARN
    # the placement's game session would take there.
    assert placement["Status"] == "FULFILLED"
    assert placement["GameSessionArn"] == (
        f"arn:aws:gamelift:{REGION}::gamesession/{second_choice.fleet_id}/match-7"
    )
    described = gamelift.describe_game_sessions(FleetId=first_choice.fleet_id)["GameSessions"]
    assert described == [{**created, "Status": "ACTIVE"}]
    gamelift.terminate_game_session(
        GameSessionId=created["GameSessionId"], TerminationMode="TRIGGER_ON_PROCESS_TERMINATE"
    )
    assert (_idle(gamelift, first_choice), _idle(gamelift, second_choice)) == (2, 1)


def test_a_placement_waits_while_its_only_fleet_holds_its_id(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=2)
    _queue(gamelift, fleet)
    created = gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=4, IdempotencyToken="match-8"
    )["GameSession"]
    assert _place(gamelift, "match-8")["Status"] == "PENDING"
    with pytest.raises(PlacementMockError) as excinfo:
        mock.fulfill_placement("match-8")
    assert str(excinfo.value) == (
        "Cannot fulfill placement 'match-8': no eligible location of its queue has a free "
        "game server process."
    )
    # Ended, the game session still holds its id for 30 days (CreateGameSession).
    gamelift.terminate_game_session(
        GameSessionId=created["GameSessionId"], TerminationMode="FORCE_TERMINATE"
    )
    placement = gamelift.describe_game_session_placement(PlacementId="match-8")
    assert placement["GameSessionPlacement"]["Status"] == "PENDING"
    (kept,) = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert (kept["GameSessionId"], kept["Status"]) == (created["GameSessionId"], "TERMINATED")
    assert _idle(gamelift, fleet) == 2


def test_create_game_session_with_a_placement_id_returns_the_placement_game_session(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=2)
    _queue(gamelift, fleet)
    placement = _place(gamelift, "match-9")
    assert placement["Status"] == "FULFILLED"
    again = gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, IdempotencyToken="match-9"
    )["GameSession"]
    assert again["GameSessionId"] == placement["GameSessionArn"]
    assert again["MaximumPlayerSessionCount"] == 4  # the placement's, not this request's
    assert _idle(gamelift, fleet) == 1
    gamelift.terminate_game_session(
        GameSessionId=again["GameSessionId"], TerminationMode="FORCE_TERMINATE"
    )
    assert _idle(gamelift, fleet) == 2


def test_thirty_days_after_it_ended_the_id_is_free_for_a_placement(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)
    _queue(gamelift, fleet)
    with freeze_time(T0) as clock:
        created = gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=4, IdempotencyToken="rematch"
        )["GameSession"]
        seat = gamelift.create_player_session(
            GameSessionId=created["GameSessionId"], PlayerId="p1"
        )["PlayerSession"]
        gamelift.terminate_game_session(
            GameSessionId=created["GameSessionId"], TerminationMode="FORCE_TERMINATE"
        )
        clock.tick(timedelta(days=30))
        placement = _place(gamelift, "rematch")
    assert placement["Status"] == "FULFILLED"
    assert placement["GameSessionArn"] == created["GameSessionId"]
    # The old record is deleted with its player sessions, as when a token is reused.
    (session,) = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert (session["Status"], session["CreationTime"]) == ("ACTIVE", T0 + timedelta(days=30))
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_player_sessions(PlayerSessionId=seat["PlayerSessionId"])
