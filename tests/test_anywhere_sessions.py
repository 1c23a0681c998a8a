"""What the API reference says about Anywhere fleets in CreateGameSession (Location required)
and TerminateGameSession (no FORCE_TERMINATE without the GameLift Agent)."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock, SimulatedFleet

from .conftest import REGION


@pytest.fixture
def anywhere(mock: PlacementMock) -> SimulatedFleet:
    return mock.add_fleet(REGION, locations={"custom-lab": 2})


def _error(excinfo: Any) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


def test_documented_create_game_session_on_an_anywhere_fleet_needs_its_location(
    gamelift: Any, anywhere: SimulatedFleet
) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session(FleetId=anywhere.fleet_id, MaximumPlayerSessionCount=2)
    assert _error(excinfo) == (
        "InvalidRequestException",
        f"Fleet '{anywhere.fleet_id}' is an Anywhere fleet: Location is required and must be "
        "one of its custom locations.",
    )
    assert gamelift.describe_game_sessions(FleetId=anywhere.fleet_id)["GameSessions"] == []
    created = gamelift.create_game_session(
        FleetId=anywhere.fleet_id, MaximumPlayerSessionCount=2, Location="custom-lab"
    )["GameSession"]
    assert created["GameSessionId"].startswith(
        f"arn:aws:gamelift:{REGION}::gamesession/{anywhere.fleet_id}/custom-lab/gsess-"
    )
    assert created["Location"] == "custom-lab"


def test_create_game_session_on_an_anywhere_fleet_through_an_alias_needs_its_location(
    gamelift: Any, mock: PlacementMock, anywhere: SimulatedFleet
) -> None:
    alias = mock.add_alias(anywhere)
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session(AliasId=alias, MaximumPlayerSessionCount=2)
    assert _error(excinfo) == (
        "InvalidRequestException",
        f"Fleet '{anywhere.fleet_id}' is an Anywhere fleet: Location is required and must be "
        "one of its custom locations.",
    )


def test_documented_force_terminate_is_refused_on_an_anywhere_fleet(
    gamelift: Any, anywhere: SimulatedFleet
) -> None:
    created = gamelift.create_game_session(
        FleetId=anywhere.fleet_id, MaximumPlayerSessionCount=2, Location="custom-lab"
    )["GameSession"]
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.terminate_game_session(
            GameSessionId=created["GameSessionId"], TerminationMode="FORCE_TERMINATE"
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "FORCE_TERMINATE is not available for game sessions on Anywhere fleet "
        f"'{anywhere.fleet_id}', which is not deployed with the Amazon GameLift Servers Agent; "
        "use TRIGGER_ON_PROCESS_TERMINATE.",
    )
    (still,) = gamelift.describe_game_sessions(FleetId=anywhere.fleet_id)["GameSessions"]
    assert still["Status"] == "ACTIVE"
    ended = gamelift.terminate_game_session(
        GameSessionId=created["GameSessionId"], TerminationMode="TRIGGER_ON_PROCESS_TERMINATE"
    )["GameSession"]
    assert ended["Status"] == "TERMINATING"


def test_force_terminate_works_on_an_ec2_fleet(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)
    created = gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2)
    ended = gamelift.terminate_game_session(
        GameSessionId=created["GameSession"]["GameSessionId"], TerminationMode="FORCE_TERMINATE"
    )["GameSession"]
    assert ended["Status"] == "TERMINATING"
    (described,) = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert described["StatusReason"] == "FORCE_TERMINATED"
