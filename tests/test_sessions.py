"""Game and player sessions created by placements: DescribeGameSessions,
DescribeGameSessionDetails, DescribePlayerSessions, CreatePlayerSession(s)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, SimulatedFleet

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def fleet(gamelift: Any, mock: PlacementMock) -> SimulatedFleet:
    fleet = mock.add_fleet("us-west-2", locations={"eu-west-1": None})
    gamelift.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": fleet.arn}],
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-west-2"]},
    )
    return fleet


def _place(gamelift: Any, placement_id: str, players: int = 2, **request: Any) -> dict[str, Any]:
    gamelift.start_game_session_placement(
        PlacementId=placement_id,
        GameSessionQueueName="q",
        MaximumPlayerSessionCount=4,
        GameSessionName=f"name-{placement_id}",
        GameProperties=[{"Key": "mode", "Value": "duel"}],
        GameSessionData="data",
        DesiredPlayerSessions=[
            {"PlayerId": f"{placement_id}-player-{n}", "PlayerData": f"d{n}"}
            for n in range(players)
        ],
        **request,
    )
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return placement


@freeze_time(T0)
def test_documented_fulfillment_creates_the_game_session(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    placement = _place(gamelift, "gs-1")
    sessions = gamelift.describe_game_sessions(GameSessionId=placement["GameSessionId"])
    assert sessions["GameSessions"] == [
        {
            "GameSessionId": placement["GameSessionArn"],
            "Name": "name-gs-1",
            "FleetId": fleet.fleet_id,
            "FleetArn": fleet.arn,
            "CreationTime": T0,
            "CurrentPlayerSessionCount": 2,
            "MaximumPlayerSessionCount": 4,
            "Status": "ACTIVE",
            "GameProperties": [{"Key": "mode", "Value": "duel"}],
            "IpAddress": placement["IpAddress"],
            "DnsName": placement["DnsName"],
            "Port": placement["Port"],
            "PlayerSessionCreationPolicy": "ACCEPT_ALL",
            "GameSessionData": "data",
            "Location": "us-west-2",
        }
    ]


@freeze_time(T0)
def test_documented_one_reserved_player_session_per_desired_player(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    placement = _place(gamelift, "ps-1")
    found = gamelift.describe_player_sessions(GameSessionId=placement["GameSessionId"])
    sessions = found["PlayerSessions"]
    assert [s["PlayerId"] for s in sessions] == ["ps-1-player-0", "ps-1-player-1"]
    assert [s["PlayerSessionId"] for s in sessions] == [
        p["PlayerSessionId"] for p in placement["PlacedPlayerSessions"]
    ]
    first = sessions[0]
    assert first == {
        "PlayerSessionId": first["PlayerSessionId"],
        "PlayerId": "ps-1-player-0",
        "GameSessionId": placement["GameSessionId"],
        "FleetId": fleet.fleet_id,
        "FleetArn": fleet.arn,
        "CreationTime": T0,
        "Status": "RESERVED",
        "IpAddress": placement["IpAddress"],
        "DnsName": placement["DnsName"],
        "Port": placement["Port"],
        "PlayerData": "d0",
    }


def test_describe_game_sessions_by_fleet_alias_location_and_status(
    gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet
) -> None:
    west = _place(gamelift, "w")
    eu = _place(gamelift, "e", PriorityConfigurationOverride={"LocationOrder": ["eu-west-1"]})
    alias = mock.add_alias(fleet)

    def ids(**filters: Any) -> list[str]:
        return [
            s["GameSessionId"] for s in gamelift.describe_game_sessions(**filters)["GameSessions"]
        ]

    both = [west["GameSessionId"], eu["GameSessionId"]]
    assert ids(FleetId=fleet.fleet_id) == both
    assert ids(FleetId=fleet.arn) == both
    assert ids(AliasId=alias) == both
    assert ids(AliasId=alias.rsplit("/", 1)[1]) == both
    assert ids(FleetId=fleet.fleet_id, Location="eu-west-1") == [eu["GameSessionId"]]
    mock.terminate_game_session(west["GameSessionId"])
    assert ids(FleetId=fleet.fleet_id, StatusFilter="ACTIVE") == [eu["GameSessionId"]]
    assert ids(FleetId=fleet.fleet_id, StatusFilter="TERMINATED") == [west["GameSessionId"]]
    terminated = gamelift.describe_game_sessions(GameSessionId=west["GameSessionId"])
    assert "TerminationTime" in terminated["GameSessions"][0]
    assert terminated["GameSessions"][0]["CurrentPlayerSessionCount"] == 0


def test_describe_game_sessions_paginates(gamelift: Any, fleet: SimulatedFleet) -> None:
    placed = [_place(gamelift, f"pg-{n}", players=0)["GameSessionId"] for n in range(5)]
    seen: list[str] = []
    token = None
    while True:
        kwargs: dict[str, Any] = {"FleetId": fleet.fleet_id, "Limit": 2}
        if token:
            kwargs["NextToken"] = token
        page = gamelift.describe_game_sessions(**kwargs)
        seen += [s["GameSessionId"] for s in page["GameSessions"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == placed


def test_describe_game_session_details(gamelift: Any, fleet: SimulatedFleet) -> None:
    placement = _place(gamelift, "det")
    details = gamelift.describe_game_session_details(FleetId=fleet.fleet_id, Limit=1)
    assert details["GameSessionDetails"][0]["ProtectionPolicy"] == "NoProtection"
    assert (
        details["GameSessionDetails"][0]["GameSession"]["GameSessionId"]
        == (placement["GameSessionId"])
    )
    assert "NextToken" not in details


def test_game_session_errors(gamelift: Any, fleet: SimulatedFleet) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_sessions()
    assert excinfo.value.response["Error"]["Message"] == (
        "Specify a GameSessionId, a FleetId or an AliasId."
    )
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.describe_game_sessions(FleetId="fleet-unknown")
    assert excinfo.value.response["Error"]["Message"] == "Fleet 'fleet-unknown' does not exist."
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_sessions(AliasId="alias-unknown")
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_sessions(GameSessionId="arn:aws:gamelift:us-west-2::gamesession/x/y")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_sessions(FleetId=fleet.fleet_id, StatusFilter="LIVE")
    assert excinfo.value.response["Error"]["Message"] == (
        "StatusFilter must be one of: ACTIVE, ACTIVATING, TERMINATED, TERMINATING, ERROR."
    )


def test_describe_player_sessions_by_each_filter(gamelift: Any, fleet: SimulatedFleet) -> None:
    one = _place(gamelift, "one")
    _place(gamelift, "two")
    game_session = one["GameSessionId"]
    psess = one["PlacedPlayerSessions"][1]["PlayerSessionId"]

    def players(**filters: Any) -> list[str]:
        found = gamelift.describe_player_sessions(**filters)["PlayerSessions"]
        return [s["PlayerSessionId"] for s in found]

    assert players(PlayerSessionId=psess) == [psess]
    assert players(PlayerId="one-player-1") == [psess]
    assert players(GameSessionId=game_session, PlayerId="one-player-1") == [psess]
    assert len(players(GameSessionId=game_session)) == 2
    assert players(GameSessionId=game_session, PlayerSessionStatusFilter="ACTIVE") == []
    assert len(players(GameSessionId=game_session, PlayerSessionStatusFilter="RESERVED")) == 2
    assert players(PlayerId="nobody") == []
    page = gamelift.describe_player_sessions(GameSessionId=game_session, Limit=1)
    rest = gamelift.describe_player_sessions(
        GameSessionId=game_session, Limit=1, NextToken=page["NextToken"]
    )
    assert len(page["PlayerSessions"]) == len(rest["PlayerSessions"]) == 1
    assert "NextToken" not in rest

    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.describe_player_sessions(PlayerSessionId="psess-missing")
    assert excinfo.value.response["Error"]["Message"] == (
        "Player session 'psess-missing' does not exist."
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_player_sessions()
    assert excinfo.value.response["Error"]["Message"] == (
        "Specify a PlayerSessionId, a GameSessionId or a PlayerId."
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException):
        gamelift.describe_player_sessions(GameSessionId=game_session, PlayerSessionStatusFilter="X")


def test_documented_reserved_seats_time_out_after_sixty_seconds(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    with freeze_time(T0) as clock:
        placement = _place(gamelift, "late")
        clock.tick(timedelta(seconds=61))
        sessions = gamelift.describe_player_sessions(GameSessionId=placement["GameSessionId"])
        game = gamelift.describe_game_sessions(GameSessionId=placement["GameSessionId"])
    assert {s["Status"] for s in sessions["PlayerSessions"]} == {"TIMEDOUT"}
    assert sessions["PlayerSessions"][0]["TerminationTime"] == T0 + timedelta(seconds=60)
    assert game["GameSessions"][0]["CurrentPlayerSessionCount"] == 0


def test_create_player_session_and_sessions(gamelift: Any, fleet: SimulatedFleet) -> None:
    game_session = _place(gamelift, "join", players=1)["GameSessionId"]
    single = gamelift.create_player_session(
        GameSessionId=game_session, PlayerId="late-joiner", PlayerData="x"
    )["PlayerSession"]
    assert single["Status"] == "RESERVED"
    assert single["PlayerData"] == "x"
    many = gamelift.create_player_sessions(
        GameSessionId=game_session,
        PlayerIds=["p-a", "p-b"],
        PlayerDataMap={"p-a": "alpha"},
    )["PlayerSessions"]
    assert [(s["PlayerId"], s.get("PlayerData")) for s in many] == [("p-a", "alpha"), ("p-b", None)]
    count = gamelift.describe_game_sessions(GameSessionId=game_session)["GameSessions"][0]
    assert count["CurrentPlayerSessionCount"] == 4


def test_documented_full_game_session_refuses_players(gamelift: Any, fleet: SimulatedFleet) -> None:
    game_session = _place(gamelift, "full", players=3)["GameSessionId"]
    with pytest.raises(gamelift.exceptions.GameSessionFullException) as excinfo:
        gamelift.create_player_sessions(GameSessionId=game_session, PlayerIds=["x", "y"])
    assert excinfo.value.response["Error"]["Message"] == (
        f"Game session '{game_session}' is full: 3 of 4 player slots are taken and 2 more were "
        "requested."
    )
    seated = gamelift.describe_player_sessions(GameSessionId=game_session)["PlayerSessions"]
    assert len(seated) == 3  # all or nothing
    gamelift.create_player_session(GameSessionId=game_session, PlayerId="x")
    with pytest.raises(gamelift.exceptions.GameSessionFullException):
        gamelift.create_player_session(GameSessionId=game_session, PlayerId="y")


def test_player_session_errors(gamelift: Any, mock: PlacementMock, fleet: SimulatedFleet) -> None:
    game_session = _place(gamelift, "err", players=1)["GameSessionId"]
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_player_session(GameSessionId=game_session, PlayerId="err-player-0")
    assert excinfo.value.response["Error"]["Message"] == (
        "A player in the request already has a player session in this game session."
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException):
        gamelift.create_player_sessions(GameSessionId=game_session, PlayerIds=["z", "z"])
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.create_player_session(
            GameSessionId="arn:aws:gamelift:us-west-2::gamesession/fleet-x/none", PlayerId="a"
        )
    mock.terminate_game_session(game_session)
    with pytest.raises(gamelift.exceptions.InvalidGameSessionStatusException) as excinfo:
        gamelift.create_player_session(GameSessionId=game_session, PlayerId="a")
    assert excinfo.value.response["Error"]["Message"] == (
        f"Game session '{game_session}' is TERMINATED; player sessions can only be created in "
        "an ACTIVE game session."
    )
    statuses = gamelift.describe_player_sessions(GameSessionId=game_session)["PlayerSessions"]
    assert [s["Status"] for s in statuses] == ["COMPLETED"]


def test_documented_status_filter_is_ignored_with_a_player_session_id_or_player_id(
    gamelift: Any, fleet: SimulatedFleet
) -> None:
    """DescribePlayerSessions: "If you provide a specific PlayerSessionId or PlayerId, Amazon
    GameLift Servers ignores the filter criteria"."""
    placement = _place(gamelift, "flt")
    game_session = placement["GameSessionId"]
    psess = placement["PlacedPlayerSessions"][0]["PlayerSessionId"]

    def players(**request: Any) -> list[str]:
        found = gamelift.describe_player_sessions(PlayerSessionStatusFilter="ACTIVE", **request)
        return [s["PlayerSessionId"] for s in found["PlayerSessions"]]

    # Both seats are RESERVED, none ACTIVE.
    assert players(PlayerSessionId=psess) == [psess]
    assert players(PlayerId="flt-player-0") == [psess]
    assert players(GameSessionId=game_session, PlayerId="flt-player-0") == [psess]
    assert players(GameSessionId=game_session) == []  # no PlayerSessionId or PlayerId: applied
