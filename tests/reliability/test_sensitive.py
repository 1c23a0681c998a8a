"""Nothing sensitive (PlayerId, PlayerData, GameSessionData, game property values)
appears in reprs, logs, the timeline or error messages, whatever happens to a placement."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from botocore.exceptions import ClientError

from gl_placement_mock import MockInternalError, PlacementMock
from gl_placement_mock.operations import OPERATIONS

from ..conftest import REGION
from .helpers import backend_of

SECRET = "s3cr3t-v4lu3"
PLAYER, OTHER_PLAYER = f"{SECRET}-player-1", f"{SECRET}-player-2"


def _everything(value: Any, seen: set[int]) -> list[Any]:
    """Every object of this package reachable from ``value``."""
    if id(value) in seen or isinstance(value, (str, bytes, int, float, type(None))):
        return []
    seen.add(id(value))
    if isinstance(value, dict):
        return [o for item in value.values() for o in _everything(item, seen)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [o for item in value for o in _everything(item, seen)]
    if not type(value).__module__.startswith("gl_placement_mock"):
        return []
    names = set(getattr(value, "__dict__", {}))
    names |= {n for cls in type(value).__mro__ for n in getattr(cls, "__slots__", ())}
    found = [value]
    for name in sorted(names - {"lock", "_lock", "subscribers"}):
        found += _everything(getattr(value, name, None), seen)
    return found


def _a_busy_service(gamelift: Any, mock: PlacementMock) -> None:
    """Placements in every status, sessions and player sessions, all carrying secrets."""
    fleet = mock.add_fleet(REGION, capacity=1)
    gamelift.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": fleet.arn}],
        PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 500}],
        CustomEventData=f"{SECRET}-custom",
    )
    gamelift.create_game_session_queue(Name="nowhere", Destinations=[])
    secrets = {
        "GameProperties": [{"Key": "mode", "Value": f"{SECRET}-property"}],
        "GameSessionData": f"{SECRET}-game-data",
        "DesiredPlayerSessions": [{"PlayerId": PLAYER, "PlayerData": f"{SECRET}-player-data"}],
        "PlayerLatencies": [
            {"PlayerId": PLAYER, "RegionIdentifier": REGION, "LatencyInMilliseconds": 20}
        ],
    }
    for placement_id, queue in [
        ("fulfilled", "q"),
        ("pending", "q"),
        ("stopped", "nowhere"),
        ("failed", "nowhere"),
    ]:
        gamelift.start_game_session_placement(
            PlacementId=placement_id,
            GameSessionQueueName=queue,
            MaximumPlayerSessionCount=4,
            **secrets,
        )
    gamelift.stop_game_session_placement(PlacementId="stopped")
    mock.fail_placement("failed")
    session = gamelift.describe_game_session_placement(PlacementId="fulfilled")
    gamelift.create_player_session(
        GameSessionId=session["GameSessionPlacement"]["GameSessionId"],
        PlayerId=OTHER_PLAYER,
        PlayerData=f"{SECRET}-more-data",
    )


def test_reprs_and_the_timeline_show_no_secret(gamelift: Any, mock: PlacementMock) -> None:
    _a_busy_service(gamelift, mock)
    objects = _everything(backend_of(mock), set())
    kinds = {type(o).__name__ for o in objects}
    assert {"Placement", "Queue", "GameSession", "PlayerSession", "Fleet"} <= kinds
    assert len(mock.calls) == 9
    for obj in [mock, *objects, *mock.transitions, *mock.calls]:
        assert SECRET not in repr(obj), f"{type(obj).__name__}: {obj!r}"
    timeline = mock.timeline()
    assert "fulfilled" in timeline
    assert SECRET not in timeline


def test_business_rule_errors_name_no_secret(gamelift: Any, mock: PlacementMock) -> None:
    """Errors about the request's players speak of them without quoting them."""
    _a_busy_service(gamelift, mock)
    game_session = gamelift.describe_game_session_placement(PlacementId="fulfilled")[
        "GameSessionPlacement"
    ]["GameSessionId"]
    duplicate = [{"PlayerId": PLAYER}, {"PlayerId": PLAYER}]
    attempts = [
        lambda: gamelift.start_game_session_placement(
            PlacementId="dup",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=4,
            DesiredPlayerSessions=duplicate,
        ),
        lambda: gamelift.start_game_session_placement(
            PlacementId="over",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=1,
            DesiredPlayerSessions=[{"PlayerId": PLAYER}, {"PlayerId": OTHER_PLAYER}],
        ),
        lambda: gamelift.create_player_session(GameSessionId=game_session, PlayerId=PLAYER),
        lambda: gamelift.create_player_sessions(
            GameSessionId=game_session, PlayerIds=[OTHER_PLAYER, OTHER_PLAYER]
        ),
        lambda: gamelift.start_game_session_placement(
            PlacementId="long",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=4,
            GameSessionData=SECRET * 30000,
            GameProperties=[{"Key": "k", "Value": SECRET * 9}],
        ),
    ]
    messages = []
    for attempt in attempts:
        with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
            attempt()
        messages.append(str(excinfo.value))
    assert messages[-1].endswith(
        "2 validation errors detected: Value at 'gameProperties.1.member.value' failed to "
        "satisfy constraint: Member must have length less than or equal to 96; Value at "
        "'gameSessionData' failed to satisfy constraint: Member must have length less than or "
        "equal to 262144"
    )
    assert [m for m in messages if SECRET in m] == []


def test_an_internal_failure_raises_loudly_and_is_logged_without_its_message(
    gamelift: Any,
    mock: PlacementMock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """If the mock itself breaks, the call raises MockInternalError -- never a GameLift error
    that code under test could catch and retry -- and nothing changes. The error and the log
    carry the traceback's frames, but not the exception's text, which may quote a parameter."""

    def broken(_call: Any, params: dict[str, Any]) -> dict[str, Any]:
        raise ValueError(f"cannot seat {params['DesiredPlayerSessions'][0]['PlayerId']}")

    monkeypatch.setitem(OPERATIONS, "StartGameSessionPlacement", broken)
    gamelift.create_game_session_queue(Name="q")
    caplog.set_level(logging.DEBUG, logger="gl_placement_mock")
    with pytest.raises(MockInternalError) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=2,
            DesiredPlayerSessions=[{"PlayerId": PLAYER}],
        )
    assert not isinstance(excinfo.value, ClientError)
    assert str(excinfo.value).startswith(
        "gl_placement_mock failed inside StartGameSessionPlacement with ValueError (message "
        "withheld: it may quote sensitive parameters). This is a bug in the mock, not a GameLift "
        "error; please report it with these frames:\n"
    )
    assert "in broken" in str(excinfo.value)
    assert SECRET not in str(excinfo.value)
    assert excinfo.value.__cause__ is None and excinfo.value.__context__ is None
    monkeypatch.undo()
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_session_placement(PlacementId="p-1")
    (record,) = [r for r in caplog.records if r.name == "gl_placement_mock"]
    assert record.levelno == logging.ERROR
    logged = caplog.text
    assert "StartGameSessionPlacement with ValueError (message withheld)" in logged
    assert "in broken" in logged  # the frames are there to debug with
    assert SECRET not in logged
