"""Request bodies in server mode: a chunked body (no Content-Length, as some HTTP clients
send) is read and answered; one past the size limit is refused with 413 and changes nothing;
a Content-Length that is not a number reads as no body."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

from gl_placement_mock.server import MAX_BODY_BYTES, PlacementServer

from .conftest import client_for

UNSIGNED = "us-east-1"  # the Region of a request without a signature
HEADERS = {
    "X-Amz-Target": "GameLift.CreateGameSessionQueue",
    "Content-Type": "application/x-amz-json-1.1",
}


def _chunks(body: bytes, size: int = 1000) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _post_chunked(server: PlacementServer, body: bytes) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("POST", "/", body=_chunks(body), headers=HEADERS, encode_chunked=True)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_chunked_request_is_read_and_answered() -> None:
    with PlacementServer(port=0) as server:
        status, answer = _post_chunked(server, json.dumps({"Name": "chunked"}).encode())
        assert status == 200
        queue = json.loads(answer)["GameSessionQueue"]
        assert queue["Name"] == "chunked"
        assert queue["GameSessionQueueArn"].split(":")[3] == UNSIGNED
        queues = client_for(server, UNSIGNED).describe_game_session_queues()["GameSessionQueues"]
        assert [queue["Name"] for queue in queues] == ["chunked"]


def test_a_chunked_body_past_the_limit_is_refused_and_changes_nothing() -> None:
    with PlacementServer(port=0) as server:
        body = json.dumps({"Name": "big", "CustomEventData": "x" * MAX_BODY_BYTES}).encode()
        status, _answer = _post_chunked(server, body)
        assert status == 413
        assert (
            client_for(server, UNSIGNED).describe_game_session_queues()["GameSessionQueues"] == []
        )


def test_a_content_length_that_is_not_a_number_reads_as_no_body() -> None:
    with PlacementServer(port=0) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            connection.putrequest("POST", "/")
            for name, value in HEADERS.items():
                connection.putheader(name, value)
            connection.putheader("Content-Length", "many")
            connection.endheaders()
            response = connection.getresponse()
            status, answer = response.status, response.read()
        finally:
            connection.close()
        assert status == 400
        assert json.loads(answer) == {
            "__type": "InvalidRequestException",
            "message": "1 validation error detected: Value null at 'name' failed to satisfy "
            "constraint: Member must not be null",
        }
        assert (
            client_for(server, UNSIGNED).describe_game_session_queues()["GameSessionQueues"] == []
        )
        assert client_for(server).describe_game_session_queues()["GameSessionQueues"] == []
