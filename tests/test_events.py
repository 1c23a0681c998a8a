"""Placement events in EventBridge's format, the subscription callback, and the timeline."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

T0 = datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
QUEUE_ARN = "arn:aws:gamelift:us-west-2:123456789012:gamesessionqueue/events"


@pytest.fixture
def queue(gamelift: Any, mock: PlacementMock) -> Any:
    fleet = mock.add_fleet("us-west-2", capacity=1)
    gamelift.create_game_session_queue(
        Name="events",
        TimeoutInSeconds=30,
        CustomEventData="shard-7",
        Destinations=[{"DestinationArn": fleet.arn}],
    )
    return fleet


def _start(gamelift: Any, placement_id: str, **request: Any) -> None:
    gamelift.start_game_session_placement(
        PlacementId=placement_id,
        GameSessionQueueName="events",
        MaximumPlayerSessionCount=2,
        **request,
    )


def test_documented_fulfilled_event_fields(gamelift: Any, mock: PlacementMock, queue: Any) -> None:
    with freeze_time(T0):
        _start(gamelift, "ok", DesiredPlayerSessions=[{"PlayerId": "alice"}])
        placement = gamelift.describe_game_session_placement(PlacementId="ok")[
            "GameSessionPlacement"
        ]
    (event,) = mock.events
    assert set(event) == {
        "version",
        "id",
        "detail-type",
        "source",
        "account",
        "time",
        "region",
        "resources",
        "detail",
    }
    assert event["version"] == "0"
    assert event["detail-type"] == "GameLift Queue Placement Event"
    assert event["source"] == "aws.gamelift"
    assert event["account"] == "123456789012"
    assert event["time"] == "2026-03-01T12:00:00Z"
    assert event["region"] == "us-west-2"
    assert event["resources"] == [QUEUE_ARN]
    assert event["detail"] == {
        "type": "PlacementFulfilled",
        "placementId": "ok",
        "startTime": "2026-03-01T12:00:00.250Z",
        "endTime": "2026-03-01T12:00:00.250Z",
        "customEventData": "shard-7",
        "port": str(placement["Port"]),
        "gameSessionArn": placement["GameSessionArn"],
        "ipAddress": placement["IpAddress"],
        "dnsName": placement["DnsName"],
        "gameSessionRegion": "us-west-2",
        "placedPlayerSessions": [
            {
                "playerId": "alice",
                "playerSessionId": placement["PlacedPlayerSessions"][0]["PlayerSessionId"],
            }
        ],
    }
    assert isinstance(event["detail"]["port"], str)
    assert json.loads(json.dumps(event)) == event


@pytest.mark.parametrize(
    ("outcome", "event_type"),
    [
        ("stop", "PlacementCancelled"),
        ("timeout", "PlacementTimedOut"),
        ("fail", "PlacementFailed"),
        ("delete", "PlacementFailed"),
    ],
)
def test_documented_each_outcome_has_its_event(
    gamelift: Any, mock: PlacementMock, queue: Any, outcome: str, event_type: str
) -> None:
    mock.set_capacity(queue, 0)
    with freeze_time(T0) as clock:
        _start(gamelift, "out")
        clock.tick(timedelta(seconds=5))
        if outcome == "stop":
            gamelift.stop_game_session_placement(PlacementId="out")
            end = "2026-03-01T12:00:05.250Z"
        elif outcome == "fail":
            mock.fail_placement("out")
            end = "2026-03-01T12:00:05.250Z"
        elif outcome == "delete":
            gamelift.delete_game_session_queue(Name="events")
            end = "2026-03-01T12:00:05.250Z"
        else:
            clock.tick(timedelta(minutes=1))
            end = "2026-03-01T12:00:30.250Z"
        events = mock.events
    assert len(events) == 1
    assert events[0]["detail"] == {
        "type": event_type,
        "placementId": "out",
        "startTime": "2026-03-01T12:00:00.250Z",
        "endTime": end,
        "customEventData": "shard-7",
    }


def test_subscriber_receives_each_event_as_it_happens(
    gamelift: Any, mock: PlacementMock, queue: Any
) -> None:
    received: list[dict[str, Any]] = []
    unsubscribe = mock.subscribe(received.append)
    started = gamelift.start_game_session_placement(
        PlacementId="s-1", GameSessionQueueName="events", MaximumPlayerSessionCount=2
    )
    # Start answers PENDING; the fulfillment due at StartTime is delivered before it returns.
    assert started["GameSessionPlacement"]["Status"] == "PENDING"
    assert [e["detail"]["type"] for e in received] == ["PlacementFulfilled"]
    unsubscribe()
    _start(gamelift, "s-2")
    gamelift.stop_game_session_placement(PlacementId="s-2")
    assert len(received) == 1
    assert [e["detail"]["placementId"] for e in mock.events] == ["s-1", "s-2"]


def test_subscriber_may_call_the_client(gamelift: Any, mock: PlacementMock, queue: Any) -> None:
    statuses: list[str] = []

    def on_event(event: dict[str, Any]) -> None:
        placement = gamelift.describe_game_session_placement(
            PlacementId=event["detail"]["placementId"]
        )
        statuses.append(placement["GameSessionPlacement"]["Status"])

    mock.subscribe(on_event)
    _start(gamelift, "cb")
    gamelift.describe_game_session_placement(PlacementId="cb")
    assert statuses == ["FULFILLED"]


def test_events_are_copies(gamelift: Any, mock: PlacementMock, queue: Any) -> None:
    _start(gamelift, "c")
    mock.events[0]["detail"]["placementId"] = "changed"
    assert mock.events[0]["detail"]["placementId"] == "c"


def test_timeline_reads_like_a_story_and_hides_sensitive_values(
    gamelift: Any, mock: PlacementMock, queue: Any
) -> None:
    with freeze_time(T0) as clock:
        _start(
            gamelift,
            "t-1",
            DesiredPlayerSessions=[{"PlayerId": "secret-player", "PlayerData": "secret-data"}],
            GameSessionData="secret-game",
            GameProperties=[{"Key": "k", "Value": "secret-value"}],
        )
        _start(gamelift, "t-2")
        clock.tick(timedelta(seconds=31))
        timeline = mock.timeline()
    assert timeline.splitlines() == [
        "2026-03-01T12:00:00.250Z  t-1  PENDING    queue=events (us-west-2): started",
        "2026-03-01T12:00:00.250Z  t-1  FULFILLED  queue=events (us-west-2) in us-west-2: placed",
        "2026-03-01T12:00:00.250Z  t-2  PENDING    queue=events (us-west-2): started",
        "2026-03-01T12:00:30.250Z  t-2  TIMED_OUT  queue=events (us-west-2): not placed before "
        "the queue's timeout",
    ]
    transitions = mock.transitions
    assert [t.status for t in transitions] == ["PENDING", "FULFILLED", "PENDING", "TIMED_OUT"]
    backend_reprs = repr(transitions) + repr(mock)
    assert "secret" not in timeline and "secret" not in backend_reprs


def test_event_read_later_shows_the_values_of_its_moment(
    gamelift: Any, mock: PlacementMock, queue: Any
) -> None:
    with freeze_time(T0) as frozen:
        _start(gamelift, "then", DesiredPlayerSessions=[{"PlayerId": "alice"}])
        placed = gamelift.describe_game_session_placement(PlacementId="then")[
            "GameSessionPlacement"
        ]
        frozen.tick(timedelta(minutes=5))
        gamelift.update_game_session_queue(Name="events", CustomEventData="shard-8")
        gamelift.terminate_game_session(
            GameSessionId=placed["GameSessionArn"], TerminationMode="FORCE_TERMINATE"
        )
        (event,) = mock.events
    assert event["time"] == "2026-03-01T12:00:00Z"
    assert event["detail"]["endTime"] == "2026-03-01T12:00:00.250Z"
    assert event["detail"]["customEventData"] == "shard-7"
    assert event["detail"]["type"] == "PlacementFulfilled"
    assert [s["playerId"] for s in event["detail"]["placedPlayerSessions"]] == ["alice"]
