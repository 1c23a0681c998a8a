"""TerminateGameSession: the two termination modes, the statuses it documents, and the slot
it frees for waiting placements."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _error(excinfo: Any) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("TRIGGER_ON_PROCESS_TERMINATE", "TRIGGERED_ON_PROCESS_TERMINATE"),
        ("FORCE_TERMINATE", "FORCE_TERMINATED"),
    ],
)
def test_documented_terminating_then_terminated_with_the_mode_as_status_reason(
    gamelift: Any, mock: PlacementMock, mode: str, reason: str
) -> None:
    fleet = mock.add_fleet(REGION)
    with freeze_time(T0) as clock:
        created = gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2)[
            "GameSession"
        ]
        game_session = created["GameSessionId"]
        gamelift.create_player_session(GameSessionId=game_session, PlayerId="p1")
        clock.tick(timedelta(seconds=3))
        answer = gamelift.terminate_game_session(GameSessionId=game_session, TerminationMode=mode)
        clock.tick(timedelta(seconds=1))
        described = gamelift.describe_game_sessions(GameSessionId=game_session)["GameSessions"]
        players = gamelift.describe_player_sessions(GameSessionId=game_session)
    assert answer["GameSession"] == {
        **created,
        "Status": "TERMINATING",
        "StatusReason": reason,
    }
    assert described == [
        {
            **created,
            "Status": "TERMINATED",
            "StatusReason": reason,
            "TerminationTime": T0 + timedelta(seconds=3),
        }
    ]
    assert [(p["Status"], p["TerminationTime"]) for p in players["PlayerSessions"]] == [
        ("COMPLETED", T0 + timedelta(seconds=3))
    ]


def test_documented_terminating_frees_the_slot_for_a_waiting_placement(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    with freeze_time(T0) as clock:
        occupant = gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2
        )["GameSession"]
        gamelift.start_game_session_placement(
            PlacementId="waiting", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        clock.tick(timedelta(seconds=5))
        waiting = gamelift.describe_game_session_placement(PlacementId="waiting")
        assert waiting["GameSessionPlacement"]["Status"] == "PENDING"
        gamelift.terminate_game_session(
            GameSessionId=occupant["GameSessionId"], TerminationMode="FORCE_TERMINATE"
        )
        placed = gamelift.describe_game_session_placement(PlacementId="waiting")
    assert placed["GameSessionPlacement"]["Status"] == "FULFILLED"
    assert placed["GameSessionPlacement"]["EndTime"] == T0 + timedelta(seconds=5)


def test_terminate_errors(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION)
    game_session = gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2
    )["GameSession"]["GameSessionId"]
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.terminate_game_session(GameSessionId=game_session, TerminationMode="NOW")
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value 'NOW' at 'terminationMode' failed to satisfy "
        "constraint: Member must satisfy enum value set: "
        "[TRIGGER_ON_PROCESS_TERMINATE, FORCE_TERMINATE]"
    )
    missing = f"{game_session}-missing"
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.terminate_game_session(GameSessionId=missing, TerminationMode="FORCE_TERMINATE")
    assert _error(excinfo)[1] == f"Game session '{missing}' does not exist."
    gamelift.terminate_game_session(GameSessionId=game_session, TerminationMode="FORCE_TERMINATE")
    with pytest.raises(gamelift.exceptions.InvalidGameSessionStatusException) as excinfo:
        gamelift.terminate_game_session(
            GameSessionId=game_session, TerminationMode="TRIGGER_ON_PROCESS_TERMINATE"
        )
    assert _error(excinfo)[1] == (
        f"Game session '{game_session}' is TERMINATED and cannot be terminated."
    )
    described = gamelift.describe_game_sessions(GameSessionId=game_session)["GameSessions"][0]
    assert described["StatusReason"] == "FORCE_TERMINATED"  # the second call changed nothing


def test_a_session_the_handle_ended_cannot_be_terminated_again(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION)
    game_session = gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2
    )["GameSession"]["GameSessionId"]
    mock.terminate_game_session(game_session)
    with pytest.raises(gamelift.exceptions.InvalidGameSessionStatusException):
        gamelift.terminate_game_session(
            GameSessionId=game_session, TerminationMode="FORCE_TERMINATE"
        )
    described = gamelift.describe_game_sessions(GameSessionId=game_session)["GameSessions"][0]
    assert described["Status"] == "TERMINATED"
    assert "StatusReason" not in described
