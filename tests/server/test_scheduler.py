"""Time in server mode is the wall clock: due changes happen on their own, with no call."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from gl_placement_mock.server import PlacementServer


def _watch(server: PlacementServer, event_type: str) -> threading.Event:
    seen = threading.Event()

    def callback(event: dict[str, Any]) -> None:
        if event["detail"]["type"] == event_type:
            seen.set()

    server.mock.subscribe(callback)
    return seen


def test_a_delayed_placement_is_fulfilled_with_no_further_call(
    server: PlacementServer, client: Any
) -> None:
    fleet = server.mock.add_fleet("us-west-2")
    client.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    server.mock.set_fulfillment_delay(0.2)
    fulfilled = _watch(server, "PlacementFulfilled")
    client.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    assert fulfilled.wait(10)
    started, placed = server.mock.transitions
    assert placed.status == "FULFILLED"
    assert abs(placed.time - started.time - 0.2) < 1e-6  # stamped when it fell due


def test_a_polling_client_sees_a_timeout_that_happened_on_its_own(
    server: PlacementServer, client: Any
) -> None:
    client.create_game_session_queue(Name="q", TimeoutInSeconds=1)
    timed_out = _watch(server, "PlacementTimedOut")
    client.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    assert timed_out.wait(10)
    placement = client.describe_game_session_placement(PlacementId="p-1")["GameSessionPlacement"]
    assert placement["Status"] == "TIMED_OUT"
    assert (placement["EndTime"] - placement["StartTime"]).total_seconds() == 1


def test_the_ticker_looks_again_after_every_answer_an_error_too(
    server: PlacementServer, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A call may set a timer due before the ticker's planned wake-up (up to a second away): the
    # server has it look again after each answer, whatever the answer.
    looks: list[None] = []
    monkeypatch.setattr(server.ticker, "poke", lambda: looks.append(None))
    client.create_game_session_queue(Name="q", TimeoutInSeconds=60)
    assert len(looks) == 1
    with pytest.raises(client.exceptions.NotFoundException):
        client.describe_game_session_placement(PlacementId="p-unknown")
    assert len(looks) == 2
