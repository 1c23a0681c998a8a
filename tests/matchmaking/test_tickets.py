"""StartMatchmaking, StopMatchmaking, DescribeMatchmaking and AcceptMatch: the ticket state
machine, its events, and matches placed on the configuration's queue."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, UnimplementedOperationError

from ..conftest import ACCOUNT, REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
QUEUE_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/games"
CONFIG_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingconfiguration/"
DUO = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": [
            {"name": "skill", "type": "number", "default": 10},
            {"name": "mode", "type": "string", "default": "classic"},
        ],
        "teams": [
            {"name": "red", "maxPlayers": 1, "minPlayers": 1},
            {"name": "blue", "maxPlayers": 1, "minPlayers": 1},
        ],
        "rules": [
            {
                "name": "fair",
                "type": "distance",
                "measurements": ["avg(teams[*].players.attributes[skill])"],
                "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))",
                "maxDistance": 20,
            }
        ],
    }
)


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.fixture
def world(gamelift: Any, mock: PlacementMock) -> Any:
    """A fleet in us-west-2 and eu-west-1 with room, a queue "games" on it, rule set "duo"."""
    fleet = mock.add_fleet(REGION, capacity=5, locations={"eu-west-1": 5})
    gamelift.create_game_session_queue(Name="games", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=DUO)
    return gamelift


@pytest.fixture
def configure(world: Any) -> Callable[..., dict[str, Any]]:
    def make(name: str = "ranked", **settings: Any) -> dict[str, Any]:
        settings.setdefault("RuleSetName", "duo")
        settings.setdefault("RequestTimeoutSeconds", 60)
        settings.setdefault("AcceptanceRequired", False)
        if settings.get("FlexMatchMode") != "STANDALONE":
            settings.setdefault("GameSessionQueueArns", [QUEUE_ARN])
        configuration: dict[str, Any] = world.create_matchmaking_configuration(
            Name=name, **settings
        )["Configuration"]
        return configuration

    return make


def _player(player_id: str, skill: float = 10, **extra: Any) -> dict[str, Any]:
    return {"PlayerId": player_id, "PlayerAttributes": {"skill": {"N": skill}}, **extra}


def _start(client: Any, *players: dict[str, Any], ticket: str, config: str = "ranked") -> Any:
    return client.start_matchmaking(
        TicketId=ticket, ConfigurationName=config, Players=list(players)
    )["MatchmakingTicket"]


def _describe(client: Any, *ticket_ids: str) -> dict[str, dict[str, Any]]:
    found = client.describe_matchmaking(TicketIds=list(ticket_ids))["TicketList"]
    return {ticket["TicketId"]: ticket for ticket in found}


def _first(mock: PlacementMock, kind: str) -> dict[str, Any]:
    """The first matchmaking event of type ``kind``."""
    return next(event for event in mock.events if event["detail"].get("type") == kind)


def _types(mock: PlacementMock) -> list[str]:
    return [
        event["detail"]["type"]
        for event in mock.events
        if event["detail-type"] == "GameLift Matchmaking Event"
    ]


# -- StartMatchmaking and the first settle point ----------------------------------------------


@freeze_time(T0)
def test_start_answers_queued_and_the_ticket_is_searching_after_the_call(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure()
    ticket = _start(world, _player("alice"), ticket="t-1")
    assert ticket["Status"] == "QUEUED"
    assert ticket["ConfigurationName"] == "ranked"
    assert ticket["ConfigurationArn"] == CONFIG_ARN + "ranked"
    assert ticket["StartTime"] == T0
    assert "EndTime" not in ticket
    assert _describe(world, "t-1")["t-1"]["Status"] == "SEARCHING"
    (event,) = mock.events
    assert event["detail-type"] == "GameLift Matchmaking Event"
    assert event["resources"] == [CONFIG_ARN + "ranked"]
    assert event["time"] == "2026-03-01T12:00:00.250Z"
    assert event["detail"] == {
        "tickets": [
            {
                "ticketId": "t-1",
                "startTime": "2026-03-01T12:00:00.250Z",
                "players": [{"playerId": "alice"}],
            }
        ],
        "type": "MatchmakingSearching",
        "gameSessionInfo": {"players": [{"playerId": "alice"}]},
        "estimatedWaitMillis": "NOT_AVAILABLE",
    }


def test_start_without_ticket_id_generates_one(world: Any, configure: Any) -> None:
    configure()
    ticket = world.start_matchmaking(ConfigurationName="ranked", Players=[_player("a")])
    assert len(ticket["MatchmakingTicket"]["TicketId"]) == 36


@freeze_time(T0)
def test_a_match_without_acceptance_is_placed_and_completed_in_the_call_that_forms_it(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(GameProperties=[{"Key": "mode", "Value": "duel"}], GameSessionData="data")
    _start(world, _player("alice", 12, LatencyInMs={REGION: 80, "eu-west-1": 20}), ticket="t-1")
    _start(world, _player("bob", 14, LatencyInMs={REGION: 90, "eu-west-1": 30}), ticket="t-2")
    tickets = _describe(world, "t-1", "t-2")
    assert {t["Status"] for t in tickets.values()} == {"COMPLETED"}
    first = tickets["t-1"]
    assert first["EndTime"] == T0
    (team_a,) = {p["Team"] for p in first["Players"]}
    (team_b,) = {p["Team"] for p in tickets["t-2"]["Players"]}
    assert {team_a, team_b} == {"red", "blue"}
    info = first["GameSessionConnectionInfo"]
    # The lowest-latency Region of the queue's fleet hosts it.
    assert "/eu-west-1/" in info["GameSessionArn"]
    assert [s["PlayerId"] for s in info["MatchedPlayerSessions"]] == ["alice"]
    assert info["MatchedPlayerSessions"][0]["PlayerSessionId"].startswith("psess-")
    assert info["Port"] > 0 and info["IpAddress"] and info["DnsName"]
    assert _types(mock) == [
        "MatchmakingSearching",
        "MatchmakingSearching",
        "PotentialMatchCreated",
        "MatchmakingSucceeded",
    ]
    created = _first(mock, "PotentialMatchCreated")
    match_id = created["detail"]["matchId"]
    assert created["detail"]["acceptanceRequired"] is False
    assert created["detail"]["ruleEvaluationMetrics"] == [
        {"ruleName": "fair", "passedCount": 1, "failedCount": 0}
    ]
    # PlacementId = matchId; the game session ARN ends in it.
    assert info["GameSessionArn"].endswith("/" + match_id)
    placement = world.describe_game_session_placement(PlacementId=match_id)["GameSessionPlacement"]
    assert placement["Status"] == "FULFILLED"
    assert placement["MaximumPlayerSessionCount"] == 2
    assert placement["GameProperties"] == [{"Key": "mode", "Value": "duel"}]
    assert placement["GameSessionData"] == "data"
    assert sorted(
        (p["PlayerId"], p["RegionIdentifier"], p["LatencyInMilliseconds"])
        for p in placement["PlayerLatencies"]
    ) == [
        ("alice", "eu-west-1", 20.0),
        ("alice", REGION, 80.0),
        ("bob", "eu-west-1", 30.0),
        ("bob", REGION, 90.0),
    ]
    data = json.loads(placement["MatchmakerData"])
    (session,) = world.describe_game_sessions(GameSessionId=info["GameSessionArn"])["GameSessions"]
    assert session["MatchmakerData"] == placement["MatchmakerData"]
    assert session["MaximumPlayerSessionCount"] == 2
    assert data["matchId"] == match_id
    assert data["matchmakingConfigurationArn"] == CONFIG_ARN + "ranked"
    assert data["autoBackfillMode"] is None and data["autoBackfillTicketId"] is None
    players = {p["playerId"]: p for team in data["teams"] for p in team["players"]}
    assert players["alice"]["attributes"] == {
        "skill": {"attributeType": "DOUBLE", "valueAttribute": 12.0},
        "mode": {"attributeType": "STRING", "valueAttribute": "classic"},
    }
    succeeded = mock.events[-1]["detail"]
    assert succeeded["matchId"] == match_id
    game = succeeded["gameSessionInfo"]
    assert game["gameSessionArn"] == info["GameSessionArn"]
    assert game["port"] == info["Port"]
    assert game["ipAddress"] == info["IpAddress"] and game["dnsName"] == info["DnsName"]
    assert {p["playerId"]: p["playerSessionId"] for p in game["players"]} == {
        "alice": info["MatchedPlayerSessions"][0]["PlayerSessionId"],
        "bob": tickets["t-2"]["GameSessionConnectionInfo"]["MatchedPlayerSessions"][0][
            "PlayerSessionId"
        ],
    }


def test_tickets_that_break_a_rule_do_not_match(world: Any, configure: Any) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    _start(world, _player("bob", 100), ticket="t-2")
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"SEARCHING"}


def test_standalone_completes_without_a_placement(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(FlexMatchMode="STANDALONE")
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    tickets = _describe(world, "t-1", "t-2")
    assert {t["Status"] for t in tickets.values()} == {"COMPLETED"}
    assert "GameSessionConnectionInfo" not in tickets["t-1"]
    assert (
        world.describe_game_sessions(FleetId=mock.add_fleet(REGION).fleet_id)["GameSessions"] == []
    )
    succeeded = mock.events[-1]["detail"]
    assert succeeded["type"] == "MatchmakingSucceeded"
    assert set(succeeded["gameSessionInfo"]) == {"players"}
    assert all(
        "team" in p and "playerSessionId" not in p for p in succeeded["gameSessionInfo"]["players"]
    )


def test_custom_event_data_is_in_every_event(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(CustomEventData="league-7")
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    assert len(mock.events) >= 4
    assert all(
        e["detail"]["customEventData"] == "league-7"
        for e in mock.events
        if e["detail-type"] == "GameLift Matchmaking Event"
    )


def test_a_searching_event_read_later_shows_the_values_of_its_moment(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    with freeze_time(T0) as frozen:
        configure(CustomEventData="league-7")
        _start(world, _player("alice"), _player("bob"), ticket="t-1")
        frozen.tick(timedelta(seconds=30))
        world.stop_matchmaking(TicketId="t-1")
        searching, cancelled = mock.events
    assert searching["time"] == "2026-03-01T12:00:00.250Z"
    assert searching["resources"] == [CONFIG_ARN + "ranked"]
    assert searching["detail"] == {
        "tickets": [
            {
                "ticketId": "t-1",
                "startTime": "2026-03-01T12:00:00.250Z",
                "players": [{"playerId": "alice"}, {"playerId": "bob"}],
            }
        ],
        "type": "MatchmakingSearching",
        "gameSessionInfo": {"players": [{"playerId": "alice"}, {"playerId": "bob"}]},
        "estimatedWaitMillis": "NOT_AVAILABLE",
        "customEventData": "league-7",
    }
    assert cancelled["time"] == "2026-03-01T12:00:30.250Z"
    assert cancelled["detail"]["type"] == "MatchmakingCancelled"
    assert searching["id"] != cancelled["id"]


# -- acceptance ---------------------------------------------------------------------------------


def test_both_accept_then_the_match_is_placed(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"REQUIRES_ACCEPTANCE"}
    world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    assert _describe(world, "t-1")["t-1"]["Status"] == "REQUIRES_ACCEPTANCE"
    accepted = mock.events[-1]["detail"]
    assert accepted["type"] == "AcceptMatch"
    assert {p["playerId"]: p.get("accepted") for p in accepted["tickets"][0]["players"]} == {
        "alice": True
    }
    world.accept_match(TicketId="t-2", PlayerIds=["bob"], AcceptanceType="ACCEPT")
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"COMPLETED"}
    assert _types(mock)[-4:] == [
        "AcceptMatch",
        "AcceptMatch",
        "AcceptMatchCompleted",
        "MatchmakingSucceeded",
    ]
    completed = _first(mock, "AcceptMatchCompleted")
    assert completed["detail"]["acceptance"] == "Accepted"
    created = _first(mock, "PotentialMatchCreated")
    assert created["detail"]["acceptanceRequired"] is True
    assert created["detail"]["acceptanceTimeout"] == 30


def test_a_rejection_cancels_the_rejecter_and_returns_the_other_to_searching(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    world.accept_match(TicketId="t-2", PlayerIds=["bob"], AcceptanceType="REJECT")
    tickets = _describe(world, "t-1", "t-2")
    assert tickets["t-1"]["Status"] == "SEARCHING"
    assert tickets["t-2"]["Status"] == "CANCELLED"
    assert "EndTime" in tickets["t-2"]
    assert _types(mock)[-4:] == [
        "AcceptMatch",
        "AcceptMatchCompleted",
        "MatchmakingSearching",
        "MatchmakingCancelled",
    ]
    assert _first(mock, "AcceptMatchCompleted")["detail"]["acceptance"] == "Rejected"


def test_acceptance_timeout_cancels_silent_tickets(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    with freeze_time(T0) as frozen:
        configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
        _start(world, _player("alice"), ticket="t-1")
        _start(world, _player("bob"), ticket="t-2")
        world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
        frozen.tick(timedelta(seconds=31))
        mock.advance()
        tickets = _describe(world, "t-1", "t-2")
    assert tickets["t-1"]["Status"] == "SEARCHING"
    assert tickets["t-2"]["Status"] == "CANCELLED"
    assert tickets["t-2"]["EndTime"] == T0 + timedelta(seconds=30)
    completed = [e for e in mock.events if e["detail"]["type"] == "AcceptMatchCompleted"]
    assert completed[0]["detail"]["acceptance"] == "TimedOut"


def test_accept_match_guards(world: Any, configure: Any) -> None:
    configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
    _start(world, _player("alice"), ticket="t-1")
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Matchmaking ticket 't-1' is in SEARCHING status; only a ticket in "
        "REQUIRES_ACCEPTANCE status takes AcceptMatch.",
    )
    with pytest.raises(world.exceptions.NotFoundException) as excinfo:
        world.accept_match(TicketId="nope", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    assert _error(excinfo) == (
        "NotFoundException",
        "Matchmaking ticket 'nope' does not exist.",
    )
    _start(world, _player("bob"), ticket="t-2")
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.accept_match(TicketId="t-1", PlayerIds=["bob"], AcceptanceType="ACCEPT")
    assert _error(excinfo) == (
        "InvalidRequestException",
        "PlayerIds must name players of matchmaking ticket 't-1'.",
    )


# -- stopping, duplicates, timeouts -----------------------------------------------------------


@freeze_time(T0)
def test_stop_cancels_with_an_event(world: Any, configure: Any, mock: PlacementMock) -> None:
    configure()
    _start(world, _player("alice"), ticket="t-1")
    assert world.stop_matchmaking(TicketId="t-1")["ResponseMetadata"]["HTTPStatusCode"] == 200
    ticket = _describe(world, "t-1")["t-1"]
    assert ticket["Status"] == "CANCELLED"
    assert ticket["StatusReason"] == "Cancelled"
    assert ticket["StatusMessage"] == "Cancelled by request."
    assert ticket["EndTime"] == T0
    event = mock.events[-1]["detail"]
    assert event["type"] == "MatchmakingCancelled"
    assert event["reason"] == "Cancelled" and event["message"] == "Cancelled by request."
    assert event["ruleEvaluationMetrics"] == [
        {"ruleName": "fair", "passedCount": 0, "failedCount": 0}
    ]
    # A final ticket is left as it is.
    world.stop_matchmaking(TicketId="t-1")
    assert _describe(world, "t-1")["t-1"]["Status"] == "CANCELLED"
    with pytest.raises(world.exceptions.NotFoundException) as excinfo:
        world.stop_matchmaking(TicketId="nope")
    assert _error(excinfo) == ("NotFoundException", "Matchmaking ticket 'nope' does not exist.")


def test_a_ticket_in_placing_cannot_be_stopped(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure()
    mock.hold_placements()
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    assert _describe(world, "t-1")["t-1"]["Status"] == "PLACING"
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.stop_matchmaking(TicketId="t-1")
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Matchmaking ticket is in PLACING status and cannot be canceled.",
    )


def test_a_duplicate_player_cancels_the_old_ticket_without_an_event(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    before = len(mock.events)
    _start(world, _player("alice", 0), ticket="t-2")
    tickets = _describe(world, "t-1", "t-2")
    assert tickets["t-1"]["Status"] == "CANCELLED"
    assert tickets["t-1"]["StatusReason"] == "Cancelled due to duplicate player"
    assert tickets["t-2"]["Status"] == "SEARCHING"
    assert _types(mock)[before - len(mock.events) :] == ["MatchmakingSearching"]


def test_request_timeout_ends_the_ticket_at_start_plus_timeout(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    with freeze_time(T0) as frozen:
        configure(RequestTimeoutSeconds=20)
        _start(world, _player("alice", 0), ticket="t-1")
        frozen.tick(timedelta(seconds=45))
        ticket = _describe(world, "t-1")["t-1"]
    assert ticket["Status"] == "TIMED_OUT"
    assert ticket["EndTime"] == T0 + timedelta(seconds=20)
    assert ticket["StatusReason"] == "TimedOut"
    event = mock.events[-1]
    assert event["detail"]["type"] == "MatchmakingTimedOut"
    assert event["detail"]["message"] == "Removed from matchmaking due to timing out."
    assert event["time"] == "2026-03-01T12:00:20.250Z"


def test_a_failed_placement_fails_the_tickets(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure()
    mock.hold_placements()
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    match_id = _first(mock, "PotentialMatchCreated")["detail"]["matchId"]
    mock.fail_placement(match_id)
    tickets = _describe(world, "t-1", "t-2")
    assert {t["Status"] for t in tickets.values()} == {"FAILED"}
    assert tickets["t-1"]["StatusReason"] == "UNEXPECTED_ERROR"
    failed = mock.events[-1]["detail"]
    assert failed["type"] == "MatchmakingFailed"
    assert failed["reason"] == "UNEXPECTED_ERROR"
    assert failed["message"] == "An unexpected error was encountered during match placing."
    assert failed["matchId"] == match_id


def test_a_timed_out_placement_sends_the_tickets_back_to_searching_without_an_event(
    world: Any, mock: PlacementMock
) -> None:
    with freeze_time(T0) as frozen:
        world.update_game_session_queue(Name="games", TimeoutInSeconds=10)
        world.create_matchmaking_configuration(
            Name="ranked",
            RuleSetName="duo",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            GameSessionQueueArns=[QUEUE_ARN],
        )
        mock.hold_placements()
        _start(world, _player("alice"), ticket="t-1")
        _start(world, _player("bob"), ticket="t-2")
        frozen.tick(timedelta(seconds=11))
        mock.advance()
        kinds = _types(mock)
        # The match dissolves; held placements keep the tickets from re-matching into a
        # new placement that is placed: they form a new potential match, PLACING again.
        assert kinds.count("PotentialMatchCreated") == 2
        assert "MatchmakingFailed" not in kinds and "MatchmakingTimedOut" not in kinds
        frozen.tick(timedelta(seconds=50))
        mock.advance()
        frozen.tick(timedelta(seconds=10))
        mock.advance()
        tickets = _describe(world, "t-1", "t-2")
    # Past its own deadline when its placement timed out: the ticket times out then.
    assert {t["Status"] for t in tickets.values()} == {"TIMED_OUT"}
    assert _types(mock)[-2:] == ["MatchmakingTimedOut", "MatchmakingTimedOut"]


def test_describe_lists_only_tickets_that_exist(world: Any, configure: Any) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    found = world.describe_matchmaking(TicketIds=["nope", "t-1"])["TicketList"]
    assert [t["TicketId"] for t in found] == ["t-1"]


# -- guards -------------------------------------------------------------------------------------


def test_limits_the_client_does_not_check(world: Any, configure: Any, mock: PlacementMock) -> None:
    configure()
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.start_matchmaking(
            ConfigurationName="ranked", Players=[_player(f"p{i}") for i in range(11)]
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "1 validation error detected: Value at 'players' failed to satisfy constraint: "
        "Member must have length less than or equal to 10",
    )
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.describe_matchmaking(TicketIds=[f"t{i}" for i in range(11)])
    assert _error(excinfo)[1].startswith("1 validation error detected: Value '")
    assert _error(excinfo)[1].endswith(
        "at 'ticketIds' failed to satisfy constraint: Member must have length less than or "
        "equal to 10"
    )
    attributes = {f"a{i}": {"N": i} for i in range(11)}
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.start_matchmaking(
            ConfigurationName="ranked", Players=[{"PlayerId": "a", "PlayerAttributes": attributes}]
        )
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value at 'players.1.member.playerAttributes' failed to "
        "satisfy constraint: Member must have length less than or equal to 10"
    )
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.start_matchmaking(
            ConfigurationName="ranked",
            Players=[{"PlayerId": "a", "PlayerAttributes": {"skill": {"N": 1, "S": "x"}}}],
        )
    assert _error(excinfo)[1] == (
        "Each attribute in players.1.member.playerAttributes must have exactly one of S, N, "
        "SL or SDM; one has 2."
    )
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.start_matchmaking(ConfigurationName="ranked", Players=[{"Team": "red"}])
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value null at 'players.1.member.playerId' failed to "
        "satisfy constraint: Member must not be null"
    )
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        world.start_matchmaking(ConfigurationName="ranked", Players=[])
    assert _error(excinfo)[1] == (
        "1 validation error detected: Value at 'players' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )
    with pytest.raises(world.exceptions.NotFoundException):
        world.start_matchmaking(ConfigurationName="nope", Players=[_player("a")])
    assert world.describe_matchmaking(TicketIds=["x"])["TicketList"] == []
    assert not [e for e in mock.events if e["detail-type"] == "GameLift Matchmaking Event"]


def test_a_ticket_id_cannot_be_reused(world: Any, configure: Any) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        _start(world, _player("bob", 0), ticket="t-1")
    assert _error(excinfo)[1] == "Matchmaking ticket 't-1' already exists."


def test_a_configuration_with_active_tickets_cannot_be_deleted(world: Any, configure: Any) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    with pytest.raises(world.exceptions.InvalidRequestException):
        world.delete_matchmaking_configuration(Name="ranked")
    world.stop_matchmaking(TicketId="t-1")
    world.delete_matchmaking_configuration(Name="ranked")


def test_start_match_backfill_is_reported_as_not_simulated(world: Any) -> None:
    with pytest.raises(UnimplementedOperationError) as excinfo:
        world.start_match_backfill(ConfigurationName="ranked", Players=[{"PlayerId": "a"}])
    assert "'StartMatchBackfill' (manual matchmaking backfill is not simulated yet)" in str(
        excinfo.value
    )


def test_calls_are_recorded(world: Any, configure: Any, mock: PlacementMock) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    world.describe_matchmaking(TicketIds=["t-1"])
    world.stop_matchmaking(TicketId="t-1")
    assert [c.operation for c in mock.calls_to("StartMatchmaking")] == ["StartMatchmaking"]
    assert len(mock.calls_to("DescribeMatchmaking")) == 1
    assert len(mock.calls_to("StopMatchmaking")) == 1


def test_each_ticket_transition_is_on_the_timeline(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure()
    _start(world, _player("alice", 0), ticket="t-1")
    world.stop_matchmaking(TicketId="t-1")
    lines = [line for line in mock.timeline().splitlines() if "t-1" in line]
    assert [line.split()[2] for line in lines] == ["QUEUED", "SEARCHING", "CANCELLED"]
    assert all("configuration=ranked" in line for line in lines)


# -- steering -------------------------------------------------------------------------------------


def test_hold_and_release_matchmaking(world: Any, configure: Any, mock: PlacementMock) -> None:
    configure()
    mock.hold_matchmaking(configuration="ranked")
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"SEARCHING"}
    mock.release_matchmaking(configuration="ranked")
    assert _types(mock)[-1] == "MatchmakingSucceeded"
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"COMPLETED"}


def test_hold_every_configuration_and_release_all(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    mock.hold_matchmaking()
    configure()
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    assert "PotentialMatchCreated" not in _types(mock)
    mock.release_matchmaking()
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"COMPLETED"}


def test_matchmaking_delay(world: Any, configure: Any, mock: PlacementMock) -> None:
    with freeze_time(T0) as frozen:
        configure()
        mock.set_matchmaking_delay(5, configuration=CONFIG_ARN + "ranked")
        _start(world, _player("alice"), ticket="t-1")
        _start(world, _player("bob"), ticket="t-2")
        assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"SEARCHING"}
        frozen.tick(timedelta(seconds=5))
        mock.advance()
        tickets = _describe(world, "t-1", "t-2")
    assert {t["Status"] for t in tickets.values()} == {"COMPLETED"}
    assert tickets["t-1"]["EndTime"] == T0 + timedelta(seconds=5)


def test_steering_a_configuration_that_does_not_exist_warns(
    gamelift: Any, mock: PlacementMock
) -> None:
    from gl_placement_mock import PlacementMockWarning

    with pytest.warns(PlacementMockWarning, match="no matchmaking configuration"):
        mock.hold_matchmaking(configuration="nope")
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=DUO)
    gamelift.create_matchmaking_configuration(
        Name="solo",
        RuleSetName="duo",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    mock.hold_matchmaking(configuration="solo")  # no warning: it exists
    mock.set_matchmaking_delay(2, configuration=CONFIG_ARN + "solo")
    with pytest.raises(ValueError, match="configuration must be"):
        mock.set_matchmaking_delay(1, configuration="no spaces allowed")


# -- more of the state machine --------------------------------------------------------------------


def test_stop_during_acceptance_ends_the_match_and_the_others_search_again(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    world.accept_match(TicketId="t-2", PlayerIds=["bob"], AcceptanceType="ACCEPT")
    world.stop_matchmaking(TicketId="t-1")
    tickets = _describe(world, "t-1", "t-2")
    assert tickets["t-1"]["Status"] == "CANCELLED"
    assert tickets["t-2"]["Status"] == "SEARCHING"
    assert _types(mock)[-3:] == [
        "MatchmakingCancelled",
        "AcceptMatchCompleted",
        "MatchmakingSearching",
    ]
    assert mock.events[-2]["detail"]["acceptance"] == "Rejected"


def test_a_later_answer_replaces_an_earlier_one(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    answers = mock.events[-1]["detail"]["gameSessionInfo"]["players"]
    assert {p["playerId"]: p.get("accepted") for p in answers} == {"alice": True, "bob": None}
    world.accept_match(TicketId="t-2", PlayerIds=["bob"], AcceptanceType="ACCEPT")
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"COMPLETED"}


def test_a_duplicate_player_in_a_match_awaiting_acceptance_ends_that_match(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure(AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    mock.hold_matchmaking()
    _start(world, _player("alice"), ticket="t-3")
    tickets = _describe(world, "t-1", "t-2", "t-3")
    assert tickets["t-1"]["Status"] == "CANCELLED"
    assert tickets["t-1"]["StatusReason"] == "Cancelled due to duplicate player"
    assert tickets["t-2"]["Status"] == "SEARCHING"
    assert tickets["t-3"]["Status"] == "SEARCHING"
    assert "MatchmakingCancelled" not in _types(mock)


def test_a_player_listed_twice_is_refused(world: Any, configure: Any) -> None:
    configure()
    with pytest.raises(world.exceptions.InvalidRequestException) as excinfo:
        _start(world, _player("alice"), _player("alice"), ticket="t-1")
    assert _error(excinfo)[1] == "A matchmaking request cannot list a player twice."
    assert world.describe_matchmaking(TicketIds=["t-1"])["TicketList"] == []


def test_a_deleted_queue_fails_the_match(world: Any, configure: Any, mock: PlacementMock) -> None:
    configure()
    world.delete_game_session_queue(Name="games")
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"FAILED"}
    assert _types(mock)[-1] == "MatchmakingFailed"


def test_a_stopped_placement_sends_the_tickets_back_without_an_event(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    configure()
    mock.hold_placements()
    _start(world, _player("alice"), ticket="t-1")
    _start(world, _player("bob"), ticket="t-2")
    match_id = _first(mock, "PotentialMatchCreated")["detail"]["matchId"]
    mock.hold_matchmaking()  # so that they do not match again at once
    world.stop_game_session_placement(PlacementId=match_id)
    assert {t["Status"] for t in _describe(world, "t-1", "t-2").values()} == {"SEARCHING"}
    assert _types(mock)[-1] == "PotentialMatchCreated"
    assert mock.events[-1]["detail"]["type"] == "PlacementCancelled"


def test_request_timeout_during_acceptance_applies_when_the_ticket_comes_back(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    with freeze_time(T0) as frozen:
        configure(RequestTimeoutSeconds=10, AcceptanceRequired=True, AcceptanceTimeoutSeconds=30)
        _start(world, _player("alice"), ticket="t-1")
        _start(world, _player("bob"), ticket="t-2")
        world.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
        frozen.tick(timedelta(seconds=20))
        assert _describe(world, "t-1")["t-1"]["Status"] == "REQUIRES_ACCEPTANCE"
        frozen.tick(timedelta(seconds=20))
        tickets = _describe(world, "t-1", "t-2")
    assert tickets["t-1"]["Status"] == "TIMED_OUT"
    assert tickets["t-1"]["EndTime"] == T0 + timedelta(seconds=30)
    assert tickets["t-2"]["Status"] == "CANCELLED"


def test_quantity_teams_count_in_maximum_player_session_count(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION)
    gamelift.create_game_session_queue(Name="games", Destinations=[{"DestinationArn": fleet.arn}])
    rules = {
        "ruleLanguageVersion": "1.0",
        "teams": [{"name": "squad", "minPlayers": 1, "maxPlayers": 3, "quantity": 2}],
    }
    gamelift.create_matchmaking_rule_set(Name="squads", RuleSetBody=json.dumps(rules))
    gamelift.create_matchmaking_configuration(
        Name="squads",
        RuleSetName="squads",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        GameSessionQueueArns=[QUEUE_ARN],
    )
    mock.hold_matchmaking()
    _start(gamelift, {"PlayerId": "a"}, ticket="t-1", config="squads")
    _start(gamelift, {"PlayerId": "b"}, ticket="t-2", config="squads")
    mock.release_matchmaking()
    tickets = _describe(gamelift, "t-1", "t-2")
    assert {p["Team"] for t in tickets.values() for p in t["Players"]} == {"squad_1", "squad_2"}
    arn = tickets["t-1"]["GameSessionConnectionInfo"]["GameSessionArn"]
    (session,) = gamelift.describe_game_sessions(GameSessionId=arn)["GameSessions"]
    assert session["MaximumPlayerSessionCount"] == 6
    data = json.loads(session["MatchmakerData"])
    assert [team["name"] for team in data["teams"]] == ["squad_1", "squad_2"]


def test_an_expansion_step_forms_the_match_when_it_falls_due(
    gamelift: Any, mock: PlacementMock
) -> None:
    rules = {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": [{"name": "skill", "type": "number"}],
        "teams": [
            {"name": "red", "minPlayers": 1, "maxPlayers": 1},
            {"name": "blue", "minPlayers": 1, "maxPlayers": 1},
        ],
        "rules": [
            {
                "name": "close",
                "type": "distance",
                "measurements": ["avg(teams[red].players.attributes[skill])"],
                "referenceValue": "avg(teams[blue].players.attributes[skill])",
                "maxDistance": 5,
            }
        ],
        "expansions": [
            {"target": "rules[close].maxDistance", "steps": [{"waitTimeSeconds": 15, "value": 50}]}
        ],
    }
    with freeze_time(T0) as frozen:
        gamelift.create_matchmaking_rule_set(Name="exp", RuleSetBody=json.dumps(rules))
        gamelift.create_matchmaking_configuration(
            Name="exp",
            RuleSetName="exp",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            FlexMatchMode="STANDALONE",
        )
        _start(gamelift, _player("alice", 10), ticket="t-1", config="exp")
        _start(gamelift, _player("bob", 40), ticket="t-2", config="exp")
        frozen.tick(timedelta(seconds=14))
        mock.advance()
        assert {t["Status"] for t in _describe(gamelift, "t-1", "t-2").values()} == {"SEARCHING"}
        frozen.tick(timedelta(seconds=30))
        mock.advance()
        tickets = _describe(gamelift, "t-1", "t-2")
    assert {t["Status"] for t in tickets.values()} == {"COMPLETED"}
    # Stamped with the time the step fell due: 15 s after the newest ticket started.
    assert tickets["t-1"]["EndTime"] == T0 + timedelta(seconds=15)


def test_a_ticket_keeps_the_request_timeout_it_started_with(
    world: Any, configure: Any, mock: PlacementMock
) -> None:
    with freeze_time(T0) as frozen:
        configure(RequestTimeoutSeconds=20)
        _start(world, _player("alice", 0), ticket="t-1")
        world.update_matchmaking_configuration(Name="ranked", RequestTimeoutSeconds=100)
        frozen.tick(timedelta(seconds=21))
        ticket = _describe(world, "t-1")["t-1"]
    assert ticket["Status"] == "TIMED_OUT"
    assert ticket["EndTime"] == T0 + timedelta(seconds=20)
