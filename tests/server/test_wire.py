"""The wire path: botocore clients pointed at a served mock get the same answers, errors and
retries as from GameLift itself (AWS JSON 1.1)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from typing import Any, Callable

import boto3
import botocore.endpoint
import pytest
import time_machine
from botocore import xform_name
from botocore.exceptions import ClientError

from gl_placement_mock import PlacementMock, mock_placement
from gl_placement_mock.operations import OPERATIONS
from gl_placement_mock.server import PlacementServer

from .conftest import REGION, call, client_for, gamelift_headers, http

FLEET_ID = "fleet-11111111-2222-3333-4444-555555555555"


def test_a_queue_and_a_placement_started_described_and_stopped(client: Any) -> None:
    queue = client.create_game_session_queue(Name="main", TimeoutInSeconds=60)
    assert queue["GameSessionQueue"]["GameSessionQueueArn"] == (
        "arn:aws:gamelift:us-west-2:123456789012:gamesessionqueue/main"
    )
    started = client.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="main", MaximumPlayerSessionCount=4
    )["GameSessionPlacement"]
    assert started["Status"] == "PENDING"
    assert started["StartTime"].tzinfo is not None
    described = client.describe_game_session_placement(PlacementId="p-1")
    assert described["GameSessionPlacement"]["Status"] == "PENDING"
    assert described["ResponseMetadata"]["HTTPStatusCode"] == 200
    stopped = client.stop_game_session_placement(PlacementId="p-1")["GameSessionPlacement"]
    assert stopped["Status"] == "CANCELLED"
    assert stopped["EndTime"] >= stopped["StartTime"]


def test_modelled_errors_become_the_clients_own_exceptions(client: Any) -> None:
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.describe_game_session_placement(PlacementId="nope")
    assert missing.value.response["Error"] == {
        "Code": "NotFoundException",
        "Message": "Game session placement 'nope' does not exist.",
    }
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    client.create_game_session_queue(Name="main")
    with pytest.raises(client.exceptions.InvalidRequestException) as taken:
        client.create_game_session_queue(Name="main")
    assert taken.value.response["Error"]["Message"] == "Game session queue 'main' already exists."


def test_values_botocore_leaves_to_the_server_are_checked_by_it(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidRequestException) as refused:
        client.create_game_session_queue(Name="a" * 129)
    assert refused.value.response["Error"]["Message"] == (
        f"1 validation error detected: Value '{'a' * 129}' at 'name' failed to satisfy "
        "constraint: Member must have length less than or equal to 128"
    )


def test_throttling_injected_twice_is_retried_by_botocore(
    server: PlacementServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Faults are answered over the wire, so the SDK's own retry loop runs."""
    backoffs: list[float] = []
    monkeypatch.setattr(botocore.endpoint.time, "sleep", backoffs.append)
    client = client_for(server)
    client.create_game_session_queue(Name="main")
    fault = server.mock.inject_fault("DescribeGameSessionQueues", count=2)
    answer = client.describe_game_session_queues()
    assert [q["Name"] for q in answer["GameSessionQueues"]] == ["main"]
    assert answer["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(backoffs) == 2
    assert fault.injected == 2
    assert server.mock.faults == []


def test_a_fault_past_the_retries_reaches_the_caller(
    server: PlacementServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _seconds: None)
    client = client_for(server, retries={"mode": "standard", "total_max_attempts": 3})
    server.mock.inject_fault("StartGameSessionPlacement", "InternalServiceException")
    with pytest.raises(client.exceptions.InternalServiceException) as failed:
        client.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="main", MaximumPlayerSessionCount=1
        )
    response = failed.value.response
    assert response["Error"]["Message"] == "InternalServiceException injected by gl_placement_mock."
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert response["ResponseMetadata"]["MaxAttemptsReached"] is True
    assert server.mock.faults[0].injected == 3


def _scenario(gamelift: Any, mock: PlacementMock) -> list[Any]:
    """Every implemented operation, answers and errors (with the length of the body the
    service would send), with what varies run to run masked."""
    fleet = mock.add_fleet(REGION, capacity=1, fleet_id=FLEET_ID)
    out: list[Any] = []

    def record(method: Callable[..., Any], **params: Any) -> None:
        try:
            answer = method(**params)
        except ClientError as error:
            answer = error.response
        answer = dict(answer)
        metadata = answer.pop("ResponseMetadata")
        answer["(content-length)"] = metadata["HTTPHeaders"]["content-length"]
        out.append(_masked(answer))

    record(
        gamelift.create_game_session_queue,
        Name="q",
        TimeoutInSeconds=60,
        Destinations=[{"DestinationArn": fleet.arn}],
        PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 80}],
    )
    record(gamelift.update_game_session_queue, Name="q", TimeoutInSeconds=90)
    record(gamelift.describe_game_session_queues)
    record(
        gamelift.start_game_session_placement,
        PlacementId="p-1",
        GameSessionQueueName="q",
        MaximumPlayerSessionCount=3,
        DesiredPlayerSessions=[{"PlayerId": "alice", "PlayerData": "secret"}],
        PlayerLatencies=[
            {"PlayerId": "alice", "RegionIdentifier": REGION, "LatencyInMilliseconds": 30}
        ],
        GameProperties=[{"Key": "mode", "Value": "duel"}],
    )
    record(gamelift.describe_game_session_placement, PlacementId="p-1")
    record(
        gamelift.start_game_session_placement,
        PlacementId="p-2",
        GameSessionQueueName="q",
        MaximumPlayerSessionCount=3,
    )
    record(gamelift.stop_game_session_placement, PlacementId="p-2")
    record(gamelift.stop_game_session_placement, PlacementId="p-2")
    record(gamelift.describe_game_sessions, FleetId=FLEET_ID)
    session_id = out[-1]["GameSessions"][0]["GameSessionId"]
    record(gamelift.describe_game_session_details, GameSessionId=session_id)
    record(gamelift.create_player_session, GameSessionId=session_id, PlayerId="bob")
    record(gamelift.create_player_sessions, GameSessionId=session_id, PlayerIds=["carol", "dan"])
    record(gamelift.describe_player_sessions, GameSessionId=session_id, Limit=2)
    record(
        gamelift.create_game_session,
        FleetId=FLEET_ID,
        MaximumPlayerSessionCount=2,
        Name="direct",
        IdempotencyToken="direct-1",
    )
    record(gamelift.update_game_session, GameSessionId=session_id, Name="renamed")
    record(gamelift.search_game_sessions, FleetId=FLEET_ID, SortExpression="creationTimeMillis ASC")
    record(
        gamelift.terminate_game_session, GameSessionId=session_id, TerminationMode="FORCE_TERMINATE"
    )
    record(gamelift.describe_game_session_placement, PlacementId="missing")
    record(gamelift.delete_game_session_queue, Name="q")
    record(gamelift.delete_game_session_queue, Name="q")
    return out


def _masked(value: Any) -> Any:
    """Player session ids are random; everything else must match exactly."""
    if isinstance(value, dict):
        return {k: "psess-*" if k == "PlayerSessionId" else _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def test_the_same_scenario_parses_the_same_over_http_as_in_process() -> None:
    at = datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
    with time_machine.travel(at, tick=False):
        with mock_placement() as mock:
            local = _scenario(boto3.client("gamelift", region_name=REGION), mock)
        with PlacementServer(port=0) as server:
            served = _scenario(client_for(server), server.mock)
    assert served == local
    assert len(served) == 20
    assert served[4]["GameSessionPlacement"]["Status"] == "FULFILLED"
    assert served[7]["Error"]["Code"] == "InvalidRequestException"


def test_the_region_is_the_request_signatures(server: PlacementServer) -> None:
    europe = client_for(server, "eu-west-1")
    arn = europe.create_game_session_queue(Name="q")["GameSessionQueue"]["GameSessionQueueArn"]
    assert arn == "arn:aws:gamelift:eu-west-1:123456789012:gamesessionqueue/q"
    assert client_for(server, "us-west-2").describe_game_session_queues()["GameSessionQueues"] == []


def test_an_unsigned_request_acts_in_us_east_1(server: PlacementServer) -> None:
    call(server, "CreateGameSessionQueue", b'{"Name": "q"}', region=None)
    assert [
        q.arn for q in server.backend.account("123456789012").region("us-east-1").queues.values()
    ] == ["arn:aws:gamelift:us-east-1:123456789012:gamesessionqueue/q"]


def test_every_call_acts_in_the_servers_account() -> None:
    with PlacementServer(port=0, account_id="210987654321") as server:
        queue = client_for(server).create_game_session_queue(Name="q")["GameSessionQueue"]
        assert queue["GameSessionQueueArn"].split(":")[4] == "210987654321"
        assert server.mock.account_id == "210987654321"


def _unimplemented_without_required_members(client: Any) -> str:
    model = client.meta.service_model
    for name in model.operation_names:
        shape = model.operation_model(name).input_shape
        if name not in OPERATIONS and (shape is None or not shape.required_members):
            return str(name)
    raise AssertionError("every operation without required members is implemented")


def test_an_unimplemented_operation_gets_a_501_naming_it(client: Any) -> None:
    name = _unimplemented_without_required_members(client)
    with pytest.raises(ClientError) as refused:
        getattr(client, xform_name(name))()
    error = refused.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert error["Error"]["Code"] == "NotImplemented"
    assert error["Error"]["Message"] == (
        f"gl_placement_mock does not implement GameLift operation '{name}'. "
        f"Implemented operations: {', '.join(sorted(OPERATIONS))}."
    )


def test_an_unknown_target_is_refused(server: PlacementServer) -> None:
    status, answer = call(server, "NoSuchThing", b"{}")
    assert status == 400
    assert answer == {
        "__type": "UnknownOperationException",
        "message": "X-Amz-Target 'GameLift.NoSuchThing' names no GameLift operation; expected "
        "'GameLift.<Operation>'.",
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "Request body is not valid JSON: "),
        (b"[1, 2]", "Request body must be a JSON object."),
        (b'{"Name": 7}', "Cannot read a JSON number at 'Name' as a string."),
        (b'{"Name": "q", "TimeoutInSeconds": "60"}', "Cannot read a JSON string at "),
        (b"\xff\xfe", "Request body is not valid JSON: "),
    ],
)
def test_a_malformed_body_gets_a_serialization_exception(
    server: PlacementServer, body: bytes, message: str
) -> None:
    status, answer = call(server, "CreateGameSessionQueue", body)
    assert status == 400
    assert answer["__type"] == "SerializationException"
    assert answer["message"].startswith(message)
    assert "Traceback" not in answer["message"]
    assert server.mock.events == [] and server.backend.accounts == {}


def test_a_request_with_no_body_reads_as_no_parameters(server: PlacementServer) -> None:
    status, answer = call(server, "DescribeGameSessionQueues", b"")
    assert (status, answer) == (200, {"GameSessionQueues": []})


def test_a_body_over_the_limit_gets_413() -> None:
    with PlacementServer(port=0, max_body_bytes=1000) as server:
        status, answer = call(server, "CreateGameSessionQueue", b'{"Name": "' + b"a" * 1000 + b'"}')
        assert status == 413
        assert answer == {
            "__type": "RequestEntityTooLargeException",
            "message": "Request body of 1012 bytes is over this server's limit of 1000 bytes.",
        }
        assert call(server, "DescribeGameSessionQueues", b"{}")[0] == 200


def test_timestamps_go_over_the_wire_as_epoch_seconds(server: PlacementServer) -> None:
    call(server, "CreateGameSessionQueue", b'{"Name": "q"}')
    with time_machine.travel(datetime(2026, 3, 1, 12, 0, 0, 125000, tzinfo=timezone.utc)):
        status, answer = call(
            server,
            "StartGameSessionPlacement",
            b'{"PlacementId": "p", "GameSessionQueueName": "q", "MaximumPlayerSessionCount": 1}',
        )
    assert status == 200
    assert answer["GameSessionPlacement"]["StartTime"] == 1772366400.125
    _status, _headers, raw = http(
        server,
        "POST",
        "/",
        b'{"PlacementId": "p"}',
        gamelift_headers("DescribeGameSessionPlacement"),
    )
    assert b'"StartTime":1.772366400125E9' in raw  # a Java double, as the service writes it


def test_answers_carry_a_request_id_and_the_json_content_type(server: PlacementServer) -> None:
    status, headers, _body = http(
        server, "POST", "/", b"{}", {"X-Amz-Target": "GameLift.DescribeGameSessionQueues"}
    )
    assert status == 200
    assert headers["content-type"] == "application/x-amz-json-1.1"
    assert len(headers["x-amzn-requestid"]) == 36


def test_an_internal_failure_answers_500_without_details(
    server: PlacementServer, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_call: Any, _params: Any) -> Any:
        raise KeyError("secret player data")

    monkeypatch.setitem(OPERATIONS, "DescribeGameSessionQueues", broken)
    status, answer = call(server, "DescribeGameSessionQueues", b"{}")
    assert (status, answer) == (
        500,
        {
            "__type": "InternalServiceException",
            "message": "gl_placement_mock internal error (KeyError).",
        },
    )


def test_binds_to_the_loopback_address_by_default() -> None:
    server = PlacementServer(port=0)
    assert server.host == "127.0.0.1"
    with server:
        assert server.endpoint_url.startswith("http://127.0.0.1:")
        assert server.port > 0


def test_an_in_process_mock_and_a_server_keep_their_own_state(server: PlacementServer) -> None:
    client_for(server).create_game_session_queue(Name="served")
    with mock_placement():
        local = boto3.client("gamelift", region_name=REGION)
        local.create_game_session_queue(Name="local")
        names = [q["Name"] for q in local.describe_game_session_queues()["GameSessionQueues"]]
        assert names == ["local"]
        _status, answer = call(server, "DescribeGameSessionQueues", b"{}")
        assert [q["Name"] for q in answer["GameSessionQueues"]] == ["served"]


def test_importing_the_package_does_not_import_werkzeug() -> None:
    code = "import sys, gl_placement_mock; print('werkzeug' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "False\n", result.stderr


def test_get_on_the_root_answers_a_readiness_probe(server: PlacementServer) -> None:
    status, _headers, body = http(server, "GET", "/")
    assert status == 200
    assert json.loads(body) == {
        "service": "gl_placement_mock",
        "endpoint_url": server.endpoint_url,
        "control": "/_gl_placement_mock/",
    }


def test_other_paths_are_not_found(server: PlacementServer) -> None:
    status, _headers, body = http(server, "POST", "/elsewhere", b"{}")
    assert status == 404
    assert json.loads(body) == {
        "error": "Nothing at POST /elsewhere: GameLift requests go to POST /."
    }


def test_a_stopped_server_keeps_its_state_and_can_start_again() -> None:
    server = PlacementServer(port=0)
    with server:
        client_for(server).create_game_session_queue(Name="kept")
        port = server.port
    assert not server.running
    assert [
        q.name for q in server.backend.account("123456789012").region(REGION).queues.values()
    ] == ["kept"]
    with server:
        assert server.port == port
        queues = client_for(server).describe_game_session_queues()["GameSessionQueues"]
        assert [q["Name"] for q in queues] == ["kept"]


def test_a_cbor_request_is_told_the_server_speaks_json(server: PlacementServer) -> None:
    path = "/service/GameLift/operation/DescribeGameSessionQueues"
    status, _headers, body = http(server, "POST", path, b"\xa0")
    assert status == 404
    assert json.loads(body) == {
        "error": f"{path} is a Smithy RPC v2 CBOR request: this server speaks AWS JSON 1.1 "
        "only; configure the SDK to use the JSON protocol for GameLift."
    }


def test_calls_to_the_server_are_recorded_on_its_handle(
    server: PlacementServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _seconds: None)
    client = client_for(server)
    client.create_game_session_queue(Name="q", TimeoutInSeconds=30)
    with pytest.raises(client.exceptions.NotFoundException):
        client.describe_game_session_placement(PlacementId="nope")
    server.mock.inject_fault("DescribeGameSessionQueues", count=2)
    client.describe_game_session_queues(Names=["q"])
    calls = server.mock.calls
    assert [(c.operation, c.error_code) for c in calls] == [
        ("CreateGameSessionQueue", None),
        ("DescribeGameSessionPlacement", "NotFoundException"),
        ("DescribeGameSessionQueues", "ThrottlingException"),
        ("DescribeGameSessionQueues", "ThrottlingException"),
        ("DescribeGameSessionQueues", None),
    ]
    assert calls[0].params == {"Name": "q", "TimeoutInSeconds": 30}
    assert calls[0].region == "us-west-2"
    assert calls[0].account_id == "123456789012"
    assert calls[0].response is not None
    assert calls[0].response["GameSessionQueue"]["Name"] == "q"
    assert calls[2].params == {"Names": ["q"]}


def test_the_handle_acts_in_the_servers_account_beside_an_in_process_mock() -> None:
    with PlacementServer(port=0, account_id="210987654321") as server, mock_placement() as local:
        assert local.account_id == "123456789012"
        assert server.mock.account_id == "210987654321"
        assert server.mock.add_fleet("us-west-2").arn.split(":")[4] == "210987654321"
