"""The demo: a queue, a fulfilled placement, a cancelled one and a timed-out one, printed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock as _patch

import botocore.session

from . import mock_placement

REGION = "us-west-2"
FLEET = "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-11111111-2222-3333-4444-555555555555"


@contextmanager
def _clock_at(start: float) -> Iterator[list[float]]:
    """A hand-moved clock for the demo (in tests, use freezegun or time-machine)."""
    now = [start]
    with _patch.patch("time.time", lambda: now[0]):
        yield now


def _show(title: str, placement: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key in (
        "PlacementId",
        "Status",
        "StartTime",
        "EndTime",
        "GameSessionArn",
        "IpAddress",
        "Port",
        "PlacedPlayerSessions",
    ):
        if key in placement:
            print(f"  {key:<21} {placement[key]}")


def run() -> None:
    client = botocore.session.get_session().create_client("gamelift", region_name=REGION)
    with mock_placement() as mock, _clock_at(time.time()) as clock:
        print(
            "gl_placement_mock demo: every call below is answered in-process; nothing goes to AWS."
        )
        queue = client.create_game_session_queue(
            Name="demo-queue", TimeoutInSeconds=60, Destinations=[{"DestinationArn": FLEET}]
        )["GameSessionQueue"]
        client.create_game_session_queue(Name="empty-queue", TimeoutInSeconds=30)
        arn, timeout = queue["GameSessionQueueArn"], queue["TimeoutInSeconds"]
        print(f"\nQueue created: {arn} (timeout {timeout}s)")

        started = client.start_game_session_placement(
            PlacementId="demo-fulfilled",
            GameSessionQueueName="demo-queue",
            MaximumPlayerSessionCount=4,
            DesiredPlayerSessions=[{"PlayerId": "player-1"}, {"PlayerId": "player-2"}],
        )["GameSessionPlacement"]
        _show("1. StartGameSessionPlacement answers PENDING, as GameLift always does:", started)
        described = client.describe_game_session_placement(PlacementId="demo-fulfilled")
        _show(
            "   ...and the next DescribeGameSessionPlacement reads FULFILLED:",
            described["GameSessionPlacement"],
        )

        client.start_game_session_placement(
            PlacementId="demo-cancelled",
            GameSessionQueueName="empty-queue",
            MaximumPlayerSessionCount=4,
        )
        clock[0] += 5
        stopped = client.stop_game_session_placement(PlacementId="demo-cancelled")
        _show(
            "2. A placement on a queue with no destinations, stopped 5 s later:",
            stopped["GameSessionPlacement"],
        )

        client.start_game_session_placement(
            PlacementId="demo-timed-out",
            GameSessionQueueName="empty-queue",
            MaximumPlayerSessionCount=4,
        )
        clock[0] += 45
        late = client.describe_game_session_placement(PlacementId="demo-timed-out")
        _show(
            "3. Another one, read 45 s later: TIMED_OUT, ended exactly at its 30 s deadline:",
            late["GameSessionPlacement"],
        )

        try:
            client.stop_game_session_placement(PlacementId="demo-fulfilled")
        except client.exceptions.InvalidRequestException as error:
            print(f"\n4. Errors are the client's own exceptions:\n  {error}")

        print("\nPlacement events (as EventBridge would deliver them):")
        for event in mock.events:
            print(f"  {event['detail']['type']:<19} {event['detail']['placementId']}")
        print("\nTimeline:")
        print("  " + mock.timeline().replace("\n", "\n  "))
    print("\nDone: the mock is off again.")
