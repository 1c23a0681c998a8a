"""Input the wire cannot read as GameLift's JSON 1.1 gets a modelled 400 before anything
changes: text that is not UTF-8, nesting past a bound, a signing Region GameLift is not offered
in; and no error quotes a sensitive map key or comes as an HTML page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from gl_placement_mock.server import PlacementServer, app

from .conftest import call, client_for, http

GAME_SESSION_ID = "arn:aws:gamelift:us-west-2::gamesession/fleet-1/gs-1"


def _start_body(**extra: Any) -> bytes:
    document = {
        "PlacementId": "p-1",
        "GameSessionQueueName": "main",
        "MaximumPlayerSessionCount": 4,
        **extra,
    }
    return json.dumps(document).encode()


def test_a_lone_surrogate_in_a_string_member_is_refused_before_anything_changes(
    server: PlacementServer,
) -> None:
    client = client_for(server)
    client.create_game_session_queue(Name="main")
    with pytest.raises(ClientError) as refused:
        client.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="main",
            MaximumPlayerSessionCount=4,
            GameSessionName="map-\udcff",
        )
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert refused.value.response["Error"] == {
        "Code": "SerializationException",
        "Message": "Cannot read a JSON string at 'GameSessionName' as text: it holds a lone "
        "surrogate, which UTF-8 cannot encode.",
    }
    # Nothing was stored: the same id starts once the name is fixed.
    started = client.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="main", MaximumPlayerSessionCount=4
    )
    assert started["GameSessionPlacement"]["Status"] == "PENDING"


def test_a_lone_surrogate_in_a_map_key_is_refused_without_quoting_it(
    server: PlacementServer,
) -> None:
    body = b'{"GameSessionId": "%s", "PlayerIds": ["a"], "PlayerDataMap": {"\\udcff": "x"}}'
    status, answer = call(server, "CreatePlayerSessions", body % GAME_SESSION_ID.encode())
    assert (status, answer) == (
        400,
        {
            "__type": "SerializationException",
            "message": "Cannot read a map key at 'PlayerDataMap' as text: it holds a lone "
            "surrogate, which UTF-8 cannot encode.",
        },
    )


def test_a_sensitive_map_key_is_never_quoted_in_a_wire_error(server: PlacementServer) -> None:
    body = json.dumps(
        {
            "GameSessionId": GAME_SESSION_ID,
            "PlayerIds": ["SECRET-PLAYER-7"],
            "PlayerDataMap": {"SECRET-PLAYER-7": 5},
        }
    ).encode()
    status, answer = call(server, "CreatePlayerSessions", body)
    assert (status, answer) == (
        400,
        {
            "__type": "SerializationException",
            "message": "Cannot read a JSON number at 'PlayerDataMap.<redacted>' as a string.",
        },
    )


@pytest.mark.parametrize("depth", [65, 3000])
def test_nesting_past_the_bound_gets_a_serialization_exception(
    server: PlacementServer, depth: int
) -> None:
    body = b'{"Name": "q", "Tags": ' + b"[" * depth + b"]" * depth + b"}"
    status, answer = call(server, "CreateGameSessionQueue", body)
    assert (status, answer) == (
        400,
        {
            "__type": "SerializationException",
            "message": "Request body nests arrays and objects more than 64 levels deep.",
        },
    )
    assert server.backend.accounts == {}


def test_nesting_within_the_bound_is_read(server: PlacementServer) -> None:
    body = b'{"Name": "q", "Unmodelled": ' + b"[" * 63 + b"]" * 63 + b"}"
    status, answer = call(server, "CreateGameSessionQueue", body)
    assert status == 200
    assert answer["GameSessionQueue"]["Name"] == "q"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_only_utf8_json_is_read(server: PlacementServer, encoding: str) -> None:
    status, answer = call(server, "CreateGameSessionQueue", '{"Name": "q"}'.encode(encoding))
    assert status == 400
    assert answer["__type"] == "SerializationException"
    assert answer["message"].startswith("Request body is not valid JSON: ")
    assert server.backend.accounts == {}


def test_arns_over_the_wire_use_the_regions_partition(server: PlacementServer) -> None:
    china = client_for(server, "cn-north-1")
    queue = china.create_game_session_queue(Name="q")["GameSessionQueue"]
    assert queue["GameSessionQueueArn"] == (
        "arn:aws-cn:gamelift:cn-north-1:123456789012:gamesessionqueue/q"
    )


@pytest.mark.parametrize("region", ["mars-north-1", "US-WEST-2", "us-west-2:999999999999"])
def test_a_signing_region_gamelift_is_not_offered_in_is_refused(
    server: PlacementServer, region: str
) -> None:
    status, answer = call(server, "CreateGameSessionQueue", b'{"Name": "q"}', region=region)
    assert (status, answer) == (
        400,
        {
            "__type": "InvalidSignatureException",
            "message": f"Credential should be scoped to a valid region, not '{region}': "
            "GameLift is offered in no Region of that name.",
        },
    )
    assert server.backend.accounts == {}
    assert server.mock.calls == []


def test_a_failure_outside_the_answer_path_is_json_not_html(
    server: PlacementServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_environ: Any) -> str:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(app, "region_of", broken)
    status, headers, payload = http(
        server, "POST", "/", b"{}", {"X-Amz-Target": "GameLift.ListFleets"}
    )
    assert status == 500
    assert headers["content-type"] == "application/x-amz-json-1.1"
    assert json.loads(payload) == {
        "__type": "InternalServiceException",
        "message": "gl_placement_mock internal error (RuntimeError).",
    }


def test_an_injected_fault_answers_before_the_body_is_read(server: PlacementServer) -> None:
    server.mock.inject_fault("CreateGameSessionQueue", count=2)
    status, answer = call(server, "CreateGameSessionQueue", b"{not json")
    assert (status, answer["__type"]) == (400, "ThrottlingException")
    status, answer = call(server, "CreateGameSessionQueue", b'{"Name": "q"}')
    assert (status, answer["__type"]) == (400, "ThrottlingException")
    # The records keep what could be read: nothing from the first body, all of the second.
    assert [call.params for call in server.mock.calls] == [{}, {"Name": "q"}]
    assert server.backend.accounts == {}
