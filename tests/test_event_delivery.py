"""When placement events reach consumers: settled without a poke, delivered in order outside the
lock (also across threads, also when the settling call fails), callbacks whose exceptions never
become GameLift errors, ``mock.advance()`` and the event inbox."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import traceback
from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, mock_placement

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _types(events: list[dict[str, Any]]) -> list[str]:
    return [f"{e['detail']['placementId']}:{e['detail']['type']}" for e in events]


@pytest.fixture
def fleet(gamelift: Any, mock: PlacementMock) -> Any:
    fleet = mock.add_fleet(REGION, capacity=1)
    gamelift.create_game_session_queue(
        Name="q", TimeoutInSeconds=30, Destinations=[{"DestinationArn": fleet.arn}]
    )
    return fleet


def _start(gamelift: Any, placement_id: str) -> str:
    status: str = gamelift.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )["GameSessionPlacement"]["Status"]
    return status


# -- settled without a poke --------------------------------------------------------------------


def test_fulfillment_at_start_time_is_delivered_before_start_returns(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    received: list[dict[str, Any]] = []
    mock.subscribe(received.append)
    assert _start(gamelift, "p-1") == "PENDING"  # the answer is fixed before settling
    assert _types(received) == ["p-1:PlacementFulfilled"]


def test_advance_delivers_a_due_timeout_with_no_aws_call(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    sent: list[str] = []
    with freeze_time(T0) as frozen:
        _start(gamelift, "p-1")
        _start(gamelift, "p-2")  # waits: the fleet has one slot
        received: list[dict[str, Any]] = []
        mock.subscribe(received.append)
        gamelift.meta.events.register("before-call", lambda **kw: sent.append("call"))
        frozen.tick(30)
        assert received == []
        mock.advance()
    assert _types(received) == ["p-2:PlacementTimedOut"]
    assert received[0]["detail"]["endTime"] == "2026-03-01T12:00:30.000Z"
    assert sent == []


def test_a_call_of_any_other_service_settles_first(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    sqs = boto3.client("sqs", region_name=REGION)
    stubber = Stubber(sqs)
    stubber.add_response("list_queues", {"QueueUrls": []})
    received: list[dict[str, Any]] = []
    with freeze_time(T0) as frozen, stubber:
        _start(gamelift, "p-1")
        _start(gamelift, "p-2")
        mock.subscribe(received.append)
        frozen.tick(31)
        sqs.list_queues()
        assert _types(received) == ["p-2:PlacementTimedOut"]


def test_no_other_service_call_is_touched_while_no_mock_is_active() -> None:
    sqs = boto3.client("sqs", region_name=REGION)
    with Stubber(sqs) as stubber:
        stubber.add_response("list_queues", {"QueueUrls": ["u"]})
        assert sqs.list_queues()["QueueUrls"] == ["u"]


# -- failing calls still deliver ---------------------------------------------------------------


def test_events_produced_while_settling_are_delivered_when_the_call_then_fails(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    mock.set_fulfillment_delay(5)
    with freeze_time(T0) as frozen:
        _start(gamelift, "p-1")
        received: list[dict[str, Any]] = []
        mock.subscribe(received.append)
        frozen.tick(5)
        with pytest.raises(ClientError) as excinfo:
            gamelift.stop_game_session_placement(PlacementId="p-1")
    assert excinfo.value.response["Error"]["Code"] == "InvalidRequestException"
    assert _types(received) == ["p-1:PlacementFulfilled"]


# -- callbacks never fake a service error ------------------------------------------------------


def test_a_failing_callback_fails_at_stop_and_the_call_returns_normally(
    gamelift: Any, caplog: pytest.LogCaptureFixture
) -> None:
    later: list[str] = []

    def strict(event: dict[str, Any]) -> None:
        assert event["detail"]["placementId"] == "p-2", "unexpected outcome"

    with pytest.raises(AssertionError) as excinfo, mock_placement() as mock:
        fleet = mock.add_fleet(REGION)
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
        mock.subscribe(strict)
        mock.subscribe(lambda event: later.append(event["detail"]["placementId"]))
        with caplog.at_level(logging.ERROR, logger="gl_placement_mock"):
            assert _start(gamelift, "p-1") == "PENDING"  # answered, not a 500
            assert _start(gamelift, "p-2") == "PENDING"
        assert later == ["p-1", "p-2"]  # the other subscriber and later events still ran
    assert str(excinfo.value).startswith("unexpected outcome")
    assert excinfo.value.__traceback__ is not None
    frames = [frame.f_code.co_name for frame, _line in traceback.walk_tb(excinfo.tb)]
    assert "strict" in frames
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 1
    assert logged[0].startswith(
        "gl_placement_mock: event callback "
        "test_a_failing_callback_fails_at_stop_and_the_call_returns_normally.<locals>.strict "
        "raised AssertionError on PlacementFulfilled of placement p-1; it is kept and raised "
        "when the mock stops (message withheld)"
    )
    assert "'p-1' == 'p-2'" not in logged[0]  # the message, which may quote the event


def test_several_failing_callbacks_raise_an_exception_group(gamelift: Any) -> None:
    if sys.version_info >= (3, 11):
        group_type = BaseExceptionGroup  # noqa: F821
    else:  # pragma: no cover
        from exceptiongroup import BaseExceptionGroup as group_type  # noqa: N813

    def broken(event: dict[str, Any]) -> None:
        raise ValueError(event["detail"]["placementId"])

    mock = mock_placement().start()
    fleet = mock.add_fleet(REGION)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    mock.subscribe(broken)
    _start(gamelift, "p-1")
    _start(gamelift, "p-2")
    with pytest.raises(group_type) as excinfo:
        mock.stop()
    assert not mock.active
    assert str(excinfo.value) == "2 placement event callbacks raised (2 sub-exceptions)"
    assert [str(e) for e in excinfo.value.exceptions] == ["p-1", "p-2"]


def test_a_decorated_test_fails_with_its_callbacks_own_exception(gamelift: Any) -> None:
    class CallbackError(Exception):
        pass

    def raising(_event: dict[str, Any]) -> None:
        raise CallbackError("from the callback")

    mock = mock_placement()
    calls: list[str] = []

    @mock
    def decorated() -> None:
        fleet = mock.add_fleet(REGION)
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
        mock.subscribe(raising)
        calls.append(_start(gamelift, "p-1"))

    with pytest.raises(CallbackError, match="from the callback"):
        decorated()
    assert calls == ["PENDING"]
    assert not mock.active


def test_callbacks_get_copies_they_may_change(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    mock.subscribe(lambda event: event["detail"].update(type="Mangled"))
    _start(gamelift, "p-1")
    gamelift.describe_game_session_placement(PlacementId="p-1")
    assert _types(mock.events) == ["p-1:PlacementFulfilled"]


# -- order, threads, and taking events when the test chooses ------------------------------------


def test_callbacks_see_events_in_the_order_of_mock_events_across_threads(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="q")  # no destinations: placements wait
    _start(gamelift, "first")
    _start(gamelift, "second")
    backend = mock._backend()
    first_in_callback = threading.Event()
    second_delivered = threading.Event()
    order: list[str] = []

    def slow_first(event: dict[str, Any]) -> None:
        if event["detail"]["placementId"] == "first":
            first_in_callback.set()
            # Hold the first delivery until the other thread has produced its event.
            while len(backend.events) < 2 and not second_delivered.is_set():
                second_delivered.wait(0.001)
        order.append(event["detail"]["placementId"])
        if event["detail"]["placementId"] == "second":
            second_delivered.set()

    mock.subscribe(slow_first)

    def stop_second() -> None:
        assert first_in_callback.wait(10)
        gamelift.stop_game_session_placement(PlacementId="second")

    other = threading.Thread(target=stop_second)
    other.start()
    gamelift.stop_game_session_placement(PlacementId="first")
    other.join()
    assert [e["detail"]["placementId"] for e in mock.events] == ["first", "second"]
    assert order == ["first", "second"]


def test_an_inbox_keeps_events_until_the_test_takes_them(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    inbox = mock.event_inbox()
    handled: list[str] = []
    lock = threading.Lock()
    with freeze_time(T0) as frozen, lock:  # code holding its own lock around calls
        _start(gamelift, "p-1")
        _start(gamelift, "p-2")
        frozen.tick(30)
        assert len(inbox) == 1  # p-2's timeout has fallen due but nothing has settled it
    for event in inbox.take():  # settles, then hands over everything kept, in order
        with lock:
            handled.append(f"{event['detail']['placementId']}:{event['detail']['type']}")
    assert handled == ["p-1:PlacementFulfilled", "p-2:PlacementTimedOut"]
    assert inbox.take() == []
    inbox.close()
    _start(gamelift, "p-3")
    assert len(inbox) == 0


def test_a_callback_may_call_gamelift_and_its_events_follow(
    gamelift: Any, mock: PlacementMock, fleet: Any
) -> None:
    seen: list[str] = []

    def on_event(event: dict[str, Any]) -> None:
        seen.append(event["detail"]["placementId"])
        if event["detail"]["placementId"] == "p-1":
            _start(gamelift, "p-2")  # waits for p-1's slot
            gamelift.stop_game_session_placement(PlacementId="p-2")
            seen.append("callback done")

    mock.subscribe(on_event)
    _start(gamelift, "p-1")
    assert seen == ["p-1", "callback done", "p-2"]


def test_moto_is_never_imported_by_the_mock() -> None:
    code = (
        "import sys, boto3, gl_placement_mock\n"
        "with gl_placement_mock.mock_placement() as mock:\n"
        "    fleet = mock.add_fleet('us-west-2')\n"
        "    c = boto3.client('gamelift', region_name='us-west-2')\n"
        "    c.create_game_session_queue(Name='q', NotificationTarget="
        "'arn:aws:sns:us-west-2:123456789012:t', Destinations=[{'DestinationArn': fleet.arn}])\n"
        "    c.start_game_session_placement(PlacementId='p', GameSessionQueueName='q', "
        "MaximumPlayerSessionCount=1)\n"
        "    assert len(mock.events) == 1\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'moto'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
