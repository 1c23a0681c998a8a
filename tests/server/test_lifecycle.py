"""A server's life: subscriber errors raised when it stops, bounded recorded calls, idle
connections closed, nothing changed once stop() has begun."""

from __future__ import annotations

import json
import socket
import sys
import threading
from typing import Any

import pytest

from gl_placement_mock.server import PlacementServer

from .conftest import client_for

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import ExceptionGroup


def _placement(server: PlacementServer, placement_id: str = "p-1") -> Any:
    client = client_for(server)
    fleet = server.mock.add_fleet("us-west-2", capacity=5)
    client.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    client.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    return client


def test_a_subscriber_error_is_raised_when_the_server_stops() -> None:
    """It was logged and lost: server.stop() returned quietly and the test passed."""
    server = PlacementServer(port=0).start()

    def check(event: dict[str, Any]) -> None:
        assert event["detail"]["type"] == "PlacementTimedOut"

    server.mock.subscribe(check)
    _placement(server)
    assert [type(e) for e in server.mock.callback_errors] == [AssertionError]
    with pytest.raises(AssertionError):
        server.stop()
    server.stop()  # raised once


def test_a_subscriber_error_on_an_event_the_ticker_fires_is_raised_too() -> None:
    """The case reported: an assert in a callback fired by the background thread."""
    fired = threading.Event()

    def check(event: dict[str, Any]) -> None:
        fired.set()
        assert event["detail"]["type"] == "PlacementTimedOut"

    server = PlacementServer(port=0).start()
    server.mock.subscribe(check)
    server.mock.set_fulfillment_delay(0.05)  # fulfilled by the ticker, with no call
    _placement(server)
    assert fired.wait(10)
    with pytest.raises(AssertionError):
        server.stop()


def test_several_subscriber_errors_end_the_with_block_as_a_group() -> None:
    def first(event: dict[str, Any]) -> None:
        raise LookupError("first")

    def second(event: dict[str, Any]) -> None:
        raise ValueError("second")

    with pytest.raises(ExceptionGroup) as excinfo, PlacementServer(port=0) as server:
        server.mock.subscribe(first)
        server.mock.subscribe(second)
        _placement(server)
        assert len(server.mock.callback_errors) == 2
    assert [type(e) for e in excinfo.value.exceptions] == [LookupError, ValueError]
    # as in-process, an exception from the body of the with block is the one to see
    with pytest.raises(KeyError), PlacementServer(port=0) as server:
        server.mock.subscribe(first)
        _placement(server)
        raise KeyError("body")


def test_errors_kept_before_a_reset_are_still_raised() -> None:
    def broken(event: dict[str, Any]) -> None:
        raise LookupError("kept")

    with pytest.raises(LookupError, match="kept"), PlacementServer(port=0) as server:
        server.mock.subscribe(broken)
        _placement(server)
        server.reset()


def test_the_server_keeps_the_most_recent_10000_calls_by_default() -> None:
    """About 2 KiB per request was kept for the server's life."""
    assert PlacementServer().max_calls == 10_000
    with PlacementServer(port=0, max_calls=3) as server:
        client = client_for(server)
        for number in range(5):
            client.create_game_session_queue(Name=f"q{number}")
        assert [call.params["Name"] for call in server.mock.calls] == ["q2", "q3", "q4"]
    with PlacementServer(port=0, max_calls=0) as server:
        client = client_for(server)
        for number in range(5):
            client.create_game_session_queue(Name=f"q{number}")
        assert len(server.mock.calls) == 5


@pytest.mark.parametrize("max_calls", [-1, 1.5, True, "10"])
def test_max_calls_is_a_whole_number(max_calls: Any) -> None:
    with pytest.raises(ValueError, match="max_calls must be a whole number of at least 0"):
        PlacementServer(max_calls=max_calls)


def test_an_idle_connection_is_closed() -> None:
    """Each idle or half-open connection held a thread with no timeout."""
    assert PlacementServer().idle_timeout == 30.0
    with PlacementServer(port=0, idle_timeout=0.2) as server:
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        with connection:
            connection.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # half a request
            assert connection.recv(1024) == b""  # closed by the server, not the 10 s timeout


def test_a_request_whose_body_arrives_after_stop_changes_nothing() -> None:
    """It was answered 200 and changed state."""
    server = PlacementServer(port=0).start()
    body = json.dumps({"Name": "late"}).encode()
    head = (
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: GameLift.CreateGameSessionQueue\r\n"
        f"Content-Type: application/x-amz-json-1.1\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(head)
        client_for(server).describe_game_session_queues()  # the request above is being read
        server.stop()
        connection.sendall(body)
        answer = b""
        while True:  # answered with Connection: close
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 503 ")
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["__type"] == "ServiceUnavailable"
    assert [call.operation for call in server.mock.calls] == ["DescribeGameSessionQueues"]
    with server:  # served again: no queue was made
        assert client_for(server).describe_game_session_queues()["GameSessionQueues"] == []
