"""What the client sees: responses and errors indistinguishable from the real service's, and no
request ever leaving the process while a mock is active."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import datetime
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, UnimplementedOperationError, mock_placement


class _Canned:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_kwargs: Any) -> Any:
        yield self.body


class SendRecorder:
    """A before-send handler: records what would have gone over the network, sends nothing."""

    def __init__(self, body: bytes = b"{}") -> None:
        self.requests: list[Any] = []
        self.body = body

    def __call__(self, request: Any, **_kwargs: Any) -> AWSResponse:
        self.requests.append(request)
        return AWSResponse(request.url, 200, {}, _Canned(self.body))


def test_response_metadata_looks_like_a_real_response(gamelift: Any, mock: PlacementMock) -> None:
    first = gamelift.create_game_session_queue(Name="meta")
    second = gamelift.describe_game_session_queues()
    for response in (first, second):
        meta = response["ResponseMetadata"]
        assert set(meta) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}
        assert meta["HTTPStatusCode"] == 200
        assert meta["RetryAttempts"] == 0
        assert meta["HTTPHeaders"]["x-amzn-requestid"] == meta["RequestId"]
        assert meta["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"
        assert meta["HTTPHeaders"]["date"].endswith(" GMT")
    assert first["ResponseMetadata"]["RequestId"] != second["ResponseMetadata"]["RequestId"]


def test_request_ids_are_version_4_uuids_and_the_date_header_follows_the_clock(
    gamelift: Any, mock: PlacementMock
) -> None:
    metas = []
    for moment in ("2026-03-01 12:00:00.700", "2026-03-01 12:00:00.900", "2026-03-01 12:00:01.200"):
        with freeze_time(moment):
            metas.append(gamelift.describe_game_session_queues()["ResponseMetadata"])
    for meta in metas:
        request_id = uuid.UUID(meta["RequestId"])
        assert (request_id.version, request_id.variant) == (4, uuid.RFC_4122)
        assert str(request_id) == meta["RequestId"]
    assert len({meta["RequestId"] for meta in metas}) == 3
    assert [meta["HTTPHeaders"]["date"] for meta in metas] == [
        "Sun, 01 Mar 2026 12:00:00 GMT",
        "Sun, 01 Mar 2026 12:00:00 GMT",
        "Sun, 01 Mar 2026 12:00:01 GMT",
    ]


def test_timestamps_are_timezone_aware_datetimes(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="tz")
    placement = gamelift.start_game_session_placement(
        PlacementId="tz-1", GameSessionQueueName="tz", MaximumPlayerSessionCount=1
    )["GameSessionPlacement"]
    assert isinstance(placement["StartTime"], datetime)
    assert placement["StartTime"].utcoffset() is not None


def test_errors_are_the_clients_own_modelled_exceptions(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(ClientError) as excinfo:
        gamelift.describe_game_session_placement(PlacementId="nope")
    error = excinfo.value
    assert type(error) is gamelift.exceptions.NotFoundException
    assert error.response["Error"]["Code"] == "NotFoundException"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.operation_name == "DescribeGameSessionPlacement"
    assert str(error) == (
        "An error occurred (NotFoundException) when calling the DescribeGameSessionPlacement "
        "operation: Game session placement 'nope' does not exist."
    )


def test_unimplemented_operation_is_named_and_never_sent(mock: PlacementMock) -> None:
    client = boto3.client("gamelift", region_name="us-west-2")
    recorder = SendRecorder()
    client.meta.events.register("before-send.gamelift", recorder)
    with pytest.raises(UnimplementedOperationError) as excinfo:
        client.describe_ec2_instance_limits()
    assert excinfo.value.operation == "DescribeEC2InstanceLimits"
    message = str(excinfo.value)
    assert message.startswith(
        "gl_placement_mock does not implement GameLift operation 'DescribeEC2InstanceLimits'; the "
        "request was not sent anywhere. Implemented operations: "
    )
    assert "StartGameSessionPlacement" in message
    assert isinstance(excinfo.value, NotImplementedError)
    assert recorder.requests == []


def test_implemented_operations_never_reach_the_send_stage(mock: PlacementMock) -> None:
    client = boto3.client("gamelift", region_name="us-west-2")
    recorder = SendRecorder()
    client.meta.events.register("before-send", recorder)
    client.create_game_session_queue(Name="quiet")
    client.start_game_session_placement(
        PlacementId="q-1", GameSessionQueueName="quiet", MaximumPlayerSessionCount=1
    )
    with pytest.raises(client.exceptions.NotFoundException):
        client.stop_game_session_placement(PlacementId="q-2")
    assert recorder.requests == []


def test_without_an_active_mock_clients_behave_as_without_the_package() -> None:
    client = boto3.client(
        "gamelift",
        region_name="us-west-2",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )
    recorder = SendRecorder(b'{"GameSessionQueues": []}')
    client.meta.events.register("before-send.gamelift", recorder)
    assert client.describe_game_session_queues()["GameSessionQueues"] == []
    assert len(recorder.requests) == 1
    assert recorder.requests[0].headers["X-Amz-Target"] == b"GameLift.DescribeGameSessionQueues"


def test_other_services_are_untouched(mock: PlacementMock) -> None:
    sqs = boto3.client(
        "sqs", region_name="us-west-2", aws_access_key_id="a", aws_secret_access_key="b"
    )
    recorder = SendRecorder(b'{"QueueUrls": []}')
    sqs.meta.events.register("before-send.sqs", recorder)
    sqs.list_queues()
    assert len(recorder.requests) == 1


def test_plain_botocore_clients_and_clients_made_inside_the_mock(gamelift: Any) -> None:
    with mock_placement():
        client = botocore.session.get_session().create_client("gamelift", region_name="eu-west-1")
        client.create_game_session_queue(Name="bc")
        names = [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]
    assert names == ["bc"]


def test_region_comes_from_the_client(mock: PlacementMock) -> None:
    tokyo = boto3.client("gamelift", region_name="ap-northeast-1")
    arn = tokyo.create_game_session_queue(Name="r")["GameSessionQueue"]["GameSessionQueueArn"]
    assert arn == "arn:aws:gamelift:ap-northeast-1:123456789012:gamesessionqueue/r"


def test_no_credentials_needed_and_environment_untouched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    before = dict(os.environ)
    with mock_placement():
        client = boto3.session.Session().client("gamelift", region_name="us-west-2")
        assert client._request_signer._credentials.access_key == "testing"  # dummy ones
        client.create_game_session_queue(Name="no-creds")
    assert dict(os.environ) == before


def test_threads_share_the_active_mock(gamelift: Any, mock: PlacementMock) -> None:
    def work() -> None:
        gamelift.create_game_session_queue(Name="from-thread")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert [q["Name"] for q in gamelift.describe_game_session_queues()["GameSessionQueues"]] == [
        "from-thread"
    ]
