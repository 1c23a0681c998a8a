"""UpdateGameSession: name, maximum players, player session creation policy, protection
policy, and game properties added or changed, never deleted."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from .conftest import REGION


@pytest.fixture
def game_session(gamelift: Any, mock: PlacementMock) -> str:
    fleet = mock.add_fleet(REGION)
    created = gamelift.create_game_session(
        FleetId=fleet.fleet_id,
        MaximumPlayerSessionCount=4,
        Name="before",
        GameProperties=[{"Key": "mode", "Value": "duel"}, {"Key": "map", "Value": "winter"}],
    )
    game_session_id: str = created["GameSession"]["GameSessionId"]
    return game_session_id


def _error(excinfo: Any) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


def test_documented_update_changes_what_it_names_and_returns_the_game_session(
    gamelift: Any, game_session: str
) -> None:
    before = gamelift.describe_game_sessions(GameSessionId=game_session)["GameSessions"][0]
    updated = gamelift.update_game_session(
        GameSessionId=game_session,
        Name="after",
        MaximumPlayerSessionCount=6,
        PlayerSessionCreationPolicy="DENY_ALL",
        ProtectionPolicy="FullProtection",
    )["GameSession"]
    assert updated == {
        **before,
        "Name": "after",
        "MaximumPlayerSessionCount": 6,
        "PlayerSessionCreationPolicy": "DENY_ALL",
    }
    details = gamelift.describe_game_session_details(GameSessionId=game_session)
    assert details["GameSessionDetails"] == [
        {"GameSession": updated, "ProtectionPolicy": "FullProtection"}
    ]
    # Nothing named: nothing changes.
    same = gamelift.update_game_session(GameSessionId=game_session)["GameSession"]
    assert same == updated


def test_documented_game_properties_are_added_or_changed_never_deleted(
    gamelift: Any, game_session: str
) -> None:
    updated = gamelift.update_game_session(
        GameSessionId=game_session,
        GameProperties=[{"Key": "map", "Value": "summer"}, {"Key": "level", "Value": "3"}],
    )["GameSession"]
    assert updated["GameProperties"] == [
        {"Key": "mode", "Value": "duel"},
        {"Key": "map", "Value": "summer"},
        {"Key": "level", "Value": "3"},
    ]
    emptied = gamelift.update_game_session(GameSessionId=game_session, GameProperties=[])
    assert emptied["GameSession"]["GameProperties"] == updated["GameProperties"]


def test_more_than_16_game_properties_in_all_is_refused(gamelift: Any, game_session: str) -> None:
    many = [{"Key": f"k{n}", "Value": "v"} for n in range(15)]
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.update_game_session(GameSessionId=game_session, GameProperties=many, Name="x")
    assert _error(excinfo)[1] == (
        "A game session can have at most 16 game properties; this update would leave 17."
    )
    described = gamelift.describe_game_sessions(GameSessionId=game_session)["GameSessions"][0]
    assert len(described["GameProperties"]) == 2
    assert described["Name"] == "before"


def test_documented_deny_all_refuses_new_player_sessions(gamelift: Any, game_session: str) -> None:
    """CreatePlayerSession(s): "New player sessions can be created in any game session with an
    open slot that is in ACTIVE status and has a player creation policy of ACCEPT_ALL"."""
    gamelift.update_game_session(GameSessionId=game_session, PlayerSessionCreationPolicy="DENY_ALL")
    message = (
        f"Game session '{game_session}' does not accept new players: its "
        "PlayerSessionCreationPolicy is DENY_ALL."
    )
    with pytest.raises(gamelift.exceptions.GameSessionFullException) as excinfo:
        gamelift.create_player_session(GameSessionId=game_session, PlayerId="p1")
    assert _error(excinfo)[1] == message
    with pytest.raises(gamelift.exceptions.GameSessionFullException) as excinfo:
        gamelift.create_player_sessions(GameSessionId=game_session, PlayerIds=["p1", "p2"])
    assert _error(excinfo)[1] == message
    assert gamelift.describe_player_sessions(GameSessionId=game_session)["PlayerSessions"] == []
    gamelift.update_game_session(
        GameSessionId=game_session, PlayerSessionCreationPolicy="ACCEPT_ALL"
    )
    seat = gamelift.create_player_session(GameSessionId=game_session, PlayerId="p1")
    assert seat["PlayerSession"]["Status"] == "RESERVED"


def test_update_errors(gamelift: Any, game_session: str) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.update_game_session(GameSessionId=game_session, PlayerSessionCreationPolicy="OPEN")
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value 'OPEN' at 'playerSessionCreationPolicy' failed to "
        "satisfy constraint: Member must satisfy enum value set: [ACCEPT_ALL, DENY_ALL]"
    )
    missing = f"{game_session}-missing"
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.update_game_session(GameSessionId=missing, Name="x")
    assert _error(excinfo)[1] == f"Game session '{missing}' does not exist."
    gamelift.terminate_game_session(
        GameSessionId=game_session, TerminationMode="TRIGGER_ON_PROCESS_TERMINATE"
    )
    with pytest.raises(gamelift.exceptions.InvalidGameSessionStatusException) as excinfo:
        gamelift.update_game_session(GameSessionId=game_session, Name="x")
    assert _error(excinfo)[1] == (
        f"Game session '{game_session}' is TERMINATED; only an ACTIVE game session can be updated."
    )
