"""CreateGameSession: a game session straight on a fleet or alias, in one of its locations,
taking a slot like a placement's session; idempotency tokens."""

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
    return mock.add_fleet(REGION, capacity=2, locations={"eu-west-1": 1})


def _error(excinfo: Any) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@freeze_time(T0)
def test_documented_create_on_a_fleet_returns_the_new_game_session(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    created = gamelift.create_game_session(
        FleetId=fleet.fleet_id,
        MaximumPlayerSessionCount=8,
        Name="lobby",
        GameProperties=[{"Key": "mode", "Value": "duel"}],
        GameSessionData="seed=42",
        CreatorId="player-7",
    )["GameSession"]
    game_session_id = created["GameSessionId"]
    prefix = f"arn:aws:gamelift:{REGION}::gamesession/{fleet.fleet_id}/gsess-"
    assert game_session_id.startswith(prefix)
    assert len(game_session_id) == len(prefix) + 36  # a UUID, as captured from the service
    assert created["DnsName"] == f"ec2-{created['IpAddress'].replace('.', '-')}.{REGION}" + (
        ".compute.amazonaws.com"
    )
    assert 1026 <= created["Port"] <= 60000
    assert created == {
        "GameSessionId": game_session_id,
        "FleetId": fleet.fleet_id,
        "FleetArn": fleet.arn,
        "CreationTime": T0,
        "CurrentPlayerSessionCount": 0,
        "MaximumPlayerSessionCount": 8,
        "Status": "ACTIVATING",
        "GameProperties": [{"Key": "mode", "Value": "duel"}],
        "IpAddress": created["IpAddress"],
        "DnsName": created["DnsName"],
        "Port": created["Port"],
        "PlayerSessionCreationPolicy": "ACCEPT_ALL",
        "Location": REGION,
        "Name": "lobby",
        "GameSessionData": "seed=42",
        "CreatorId": "player-7",
    }
    described = gamelift.describe_game_sessions(GameSessionId=game_session_id)["GameSessions"]
    assert described == [{**created, "Status": "ACTIVE"}]  # activated after the answer
    seat = gamelift.create_player_session(GameSessionId=game_session_id, PlayerId="p1")
    assert seat["PlayerSession"]["Status"] == "RESERVED"


def test_documented_create_through_an_alias_in_a_remote_location(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    alias_arn = mock.add_alias(fleet)
    alias_id = alias_arn.rsplit("/", 1)[-1]
    created = gamelift.create_game_session(
        AliasId=alias_arn, MaximumPlayerSessionCount=2, Location="eu-west-1"
    )["GameSession"]
    assert created["Location"] == "eu-west-1"
    assert created["FleetId"] == fleet.fleet_id
    assert created["GameSessionId"].startswith(
        f"arn:aws:gamelift:{REGION}::gamesession/{fleet.fleet_id}/eu-west-1/gsess-"
    )
    assert created["DnsName"].endswith(".eu-west-1.compute.amazonaws.com")
    listed = gamelift.describe_game_sessions(AliasId=alias_id)["GameSessions"]
    assert [s["GameSessionId"] for s in listed] == [created["GameSessionId"]]


@pytest.mark.parametrize("both", [True, False])
def test_documented_exactly_one_of_fleet_id_and_alias_id(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet, both: bool
) -> None:
    request: dict[str, Any] = {"MaximumPlayerSessionCount": 2}
    if both:
        request.update(FleetId=fleet.fleet_id, AliasId=mock.add_alias(fleet))
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session(**request)
    assert _error(excinfo)[1] == (
        "Each request must reference either a fleet ID or an alias ID, but not both."
    )
    assert gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"] == []


def test_unknown_fleet_alias_or_location(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.create_game_session(FleetId="fleet-unknown", MaximumPlayerSessionCount=2)
    assert _error(excinfo)[1] == "Fleet 'fleet-unknown' does not exist."
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.create_game_session(AliasId="alias-unknown", MaximumPlayerSessionCount=2)
    assert _error(excinfo)[1] == "Alias 'alias-unknown' does not exist."
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, Location="ap-south-1"
        )
    assert _error(excinfo)[1] == (
        f"Location 'ap-south-1' is not a location of fleet '{fleet.fleet_id}'."
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, IdempotencyToken="x" * 49
        )
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value '" + "x" * 49 + "' at 'idempotencyToken' failed "
        "to satisfy constraint: Member must have length less than or equal to 48"
    )
    assert gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"] == []


def test_documented_no_free_slot_is_fleet_capacity_exceeded(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, Location="eu-west-1"
    )
    with pytest.raises(gamelift.exceptions.FleetCapacityExceededException) as excinfo:
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, Location="eu-west-1"
        )
    assert _error(excinfo)[1] == (
        f"Fleet '{fleet.fleet_id}' has no available game server process in 'eu-west-1' to "
        "host a new game session."
    )
    # A placement's game session and a created one share the fleet's slots.
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2)
    with pytest.raises(gamelift.exceptions.FleetCapacityExceededException):
        gamelift.create_game_session(FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2)
    sessions = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert sorted(s["Location"] for s in sessions) == ["eu-west-1", REGION, REGION]


def test_documented_idempotency_token_returns_the_original_game_session(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    with freeze_time(T0) as clock:
        first = gamelift.create_game_session(
            FleetId=fleet.fleet_id,
            MaximumPlayerSessionCount=2,
            Location="eu-west-1",
            IdempotencyToken="match-42",
        )["GameSession"]
        assert first["GameSessionId"] == (
            f"arn:aws:gamelift:{REGION}::gamesession/{fleet.fleet_id}/eu-west-1/match-42"
        )
        gamelift.create_player_session(GameSessionId=first["GameSessionId"], PlayerId="p1")
        clock.tick(timedelta(seconds=5))
        # eu-west-1 has one slot, taken by the first request: a retry does not need another.
        again = gamelift.create_game_session(
            FleetId=fleet.fleet_id,
            MaximumPlayerSessionCount=2,
            Location="eu-west-1",
            IdempotencyToken="match-42",
        )["GameSession"]
    # "the original GameSession object, with an updated status"
    assert again == {**first, "CurrentPlayerSessionCount": 1, "Status": "ACTIVE"}
    sessions = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert len(sessions) == 1
    # The token is unique per fleet: another fleet gets its own game session.
    other = mock.add_fleet(REGION)
    elsewhere = gamelift.create_game_session(
        FleetId=other.fleet_id, MaximumPlayerSessionCount=2, IdempotencyToken="match-42"
    )["GameSession"]
    assert elsewhere["GameSessionId"] == (
        f"arn:aws:gamelift:{REGION}::gamesession/{other.fleet_id}/match-42"
    )


def test_documented_idempotency_token_lasts_30_days_after_the_game_session_ended(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    request = {
        "FleetId": fleet.fleet_id,
        "MaximumPlayerSessionCount": 2,
        "IdempotencyToken": "nightly",
    }
    with freeze_time(T0) as clock:
        first = gamelift.create_game_session(**request)["GameSession"]
        gamelift.terminate_game_session(
            GameSessionId=first["GameSessionId"], TerminationMode="FORCE_TERMINATE"
        )
        clock.tick(timedelta(days=30) - timedelta(milliseconds=1))
        kept = gamelift.create_game_session(**request)["GameSession"]
        assert kept["Status"] == "TERMINATED"
        assert kept["CreationTime"] == T0
        clock.tick(timedelta(milliseconds=1))
        fresh = gamelift.create_game_session(**request)["GameSession"]
    assert fresh["GameSessionId"] == first["GameSessionId"]
    assert fresh["Status"] == "ACTIVATING"
    assert fresh["CreationTime"] == T0 + timedelta(days=30)
    sessions = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert [s["Status"] for s in sessions] == ["ACTIVE"]  # the old record is deleted


def test_deprecated_game_session_id_reused_is_a_mismatch(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    gamelift.create_game_session(
        FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, GameSessionId="custom-1"
    )
    with pytest.raises(gamelift.exceptions.IdempotentParameterMismatchException) as excinfo:
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, GameSessionId="custom-1"
        )
    assert _error(excinfo)[1] == (
        f"A game session with ID string 'custom-1' already exists in fleet '{fleet.fleet_id}'."
    )


def test_documented_one_request_per_creator_id_per_second(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION)
    with freeze_time(T0) as clock:
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, CreatorId="ann"
        )
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, CreatorId="bob"
        )
        clock.tick(timedelta(milliseconds=999))
        with pytest.raises(gamelift.exceptions.LimitExceededException) as excinfo:
            gamelift.create_game_session(
                FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, CreatorId="ann"
            )
        assert _error(excinfo)[1] == (
            "CreateGameSession accepts one request per CreatorId per second; this CreatorId "
            "was used less than a second ago."
        )
        clock.tick(timedelta(milliseconds=1))
        gamelift.create_game_session(
            FleetId=fleet.fleet_id, MaximumPlayerSessionCount=2, CreatorId="ann"
        )
    sessions = gamelift.describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert [s["CreatorId"] for s in sessions] == ["ann", "bob", "ann"]
