"""The backend's seams for a resource family that builds on placements (as matchmaking will):
start a placement with a typed request and hear its outcome; register a timer; emit an event
of any kind, which every consumer gets as its own deep copy."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import pytest
import time_machine

from gl_placement_mock import mock_placement
from gl_placement_mock.backend.kernel import Event, Transition
from gl_placement_mock.backend.placements import Placement, PlacementRequest
from gl_placement_mock.backend.state import Backend

ACCOUNT = "123456789012"
REGION = "us-west-2"


def _backend_with_queue(capacity: int) -> Backend:
    backend = Backend()
    with backend.lock:
        fleet = backend.fleets.add_fleet(ACCOUNT, REGION, {REGION: (capacity, 0.0)}, None)
        backend.queues.create_queue(
            ACCOUNT,
            REGION,
            {"Name": "q", "TimeoutInSeconds": 10, "Destinations": [{"DestinationArn": fleet.arn}]},
        )
    return backend


def test_a_listener_hears_fulfilled_and_timed_out_without_placements_knowing_it() -> None:
    with time_machine.travel(1_800_000_000, tick=False) as traveller:
        backend = _backend_with_queue(capacity=1)
        heard: list[tuple[str, str, float]] = []
        every: list[str] = []
        backend.placements.add_listener(lambda p: every.append(p.status))

        def listener(placement: Placement) -> None:
            assert placement.end is not None
            heard.append((placement.placement_id, placement.status, placement.end))

        for placement_id in ("match-1", "match-2"):
            request = PlacementRequest(placement_id, "q", max_players=2)
            backend.run(partial(backend.placements.start, ACCOUNT, REGION, request, listener))
        assert heard == [("match-1", "FULFILLED", 1_800_000_000.0)]
        traveller.shift(11)
        backend.run(lambda: None)
        assert heard == [
            ("match-1", "FULFILLED", 1_800_000_000.0),
            ("match-2", "TIMED_OUT", 1_800_000_010.0),
        ]
        assert every == ["FULFILLED", "TIMED_OUT"]
        assert [e.kind for e in backend.take_outbox()] == [
            "PlacementFulfilled",
            "PlacementTimedOut",
        ]


def test_stop_and_deleting_the_queue_reach_the_listener_as_cancelled_and_failed() -> None:
    backend = _backend_with_queue(capacity=0)
    heard: list[str] = []
    remove = backend.placements.add_listener(lambda p: heard.append(p.status))
    for placement_id in ("a", "b"):
        request = PlacementRequest(placement_id, "q", max_players=2)
        backend.run(partial(backend.placements.start, ACCOUNT, REGION, request))
    backend.run(lambda: backend.placements.stop(ACCOUNT, REGION, "a"))
    backend.run(lambda: backend.queues.delete_queue(ACCOUNT, REGION, "q"))
    remove()
    assert heard == ["CANCELLED", "FAILED"]


class _Expiry:
    """A timer target of another resource family."""

    def __init__(self, backend: Backend, fired: list[float]) -> None:
        self.backend = backend
        self.fired = fired

    def fire(self, due: float) -> None:
        self.fired.append(due)
        envelope = {
            "id": "e-1",
            "time": "2027-01-15T08:00:00.250Z",
            "source": "aws.gamelift",
            "detail-type": "GameLift Matchmaking Event",
            "resources": ["arn:aws:gamelift:us-west-2:123456789012:matchmakingconfiguration/c"],
            "detail": {"type": "MatchmakingTimedOut", "tickets": [{"players": [{"team": "a"}]}]},
        }
        kernel = self.backend.kernel
        kernel.emit(Event("MatchmakingTimedOut", envelope, None, REGION, "ticket t-1"))
        kernel.record(Transition(due, "ticket", "t-1", "TIMED_OUT", REGION, "rule expired"))


def test_any_family_registers_a_timer_and_its_events_reach_every_consumer_as_a_deep_copy(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Its envelope's time has milliseconds, its resource is no queue, it goes to no SNS topic:
    moto's EventBridge still gets it, and a subscriber's error names the ticket."""
    moto = pytest.importorskip("moto")
    travel = time_machine.travel(1_800_000_000, tick=False)
    raised = pytest.raises(RuntimeError, match="a subscriber's own bug")
    with travel as traveller, moto.mock_aws(), raised, mock_placement() as mock:
        backend: Backend = mock._backend()
        fired: list[float] = []
        seen: list[dict[str, Any]] = []
        with backend.lock:
            backend.kernel.timers.schedule(1_800_000_005.0, _Expiry(backend, fired))
        assert backend.kernel.next_due() == 1_800_000_005.0
        assert not backend.kernel.due(1_800_000_004.999)

        def changes_what_it_gets(event: dict[str, Any]) -> None:
            seen.append(event)
            event["detail"]["tickets"][0]["players"][0]["team"] = "changed"
            raise RuntimeError("a subscriber's own bug")

        mock.subscribe(changes_what_it_gets)
        traveller.shift(30)
        with caplog.at_level(logging.WARNING, logger="gl_placement_mock"):
            mock.advance()
        assert [r.levelname for r in caplog.records] == ["ERROR"]  # no failed publish
        assert fired == [1_800_000_005.0]
        assert mock.events[0]["detail"]["tickets"][0]["players"][0]["team"] == "a"
        assert seen[0]["detail"]["tickets"][0]["players"][0]["team"] == "changed"
        assert "raised RuntimeError on MatchmakingTimedOut of ticket t-1" in caplog.text
        assert mock.timeline().endswith("t-1  TIMED_OUT  (us-west-2): rule expired")
        assert mock.transitions[0].record() == {
            "time": 1_800_000_005.0,
            "ticket_id": "t-1",
            "region": REGION,
            "status": "TIMED_OUT",
            "location": None,
            "reason": "rule expired",
        }
