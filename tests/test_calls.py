"""Recorded calls: ``mock.calls`` lists every GameLift call the mock answered, as the code under
test sent it and as the client saw the answer; printing a record hides sensitive members."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config

from gl_placement_mock import (
    PlacementMock,
    RecordedCall,
    UnimplementedOperationError,
    mock_placement,
)
from gl_placement_mock.operations import OPERATIONS

from .conftest import ACCOUNT, REGION

SECRET = "s3cr3t"


def test_every_answered_call_is_recorded_oldest_first(gamelift: Any, mock: PlacementMock) -> None:
    created = gamelift.create_game_session_queue(Name="empty")
    started = gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="empty", MaximumPlayerSessionCount=2
    )
    described = gamelift.describe_game_session_placement(PlacementId="p-1")

    assert [call.operation for call in mock.calls] == [
        "CreateGameSessionQueue",
        "StartGameSessionPlacement",
        "DescribeGameSessionPlacement",
    ]
    start = mock.calls[1]
    assert isinstance(start, RecordedCall)
    assert start.region == REGION
    assert start.account_id == ACCOUNT
    assert start.params == {
        "PlacementId": "p-1",
        "GameSessionQueueName": "empty",
        "MaximumPlayerSessionCount": 2,
    }
    assert start.error_code is None
    assert start.response is started  # the very dict the client returned
    assert mock.calls[0].response is created
    assert mock.calls[2].response is described


def test_a_call_answered_with_an_error_has_its_code_and_no_response(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_session_placement(PlacementId="nowhere")
    with pytest.raises(gamelift.exceptions.InvalidRequestException):
        gamelift.describe_game_session_placement(PlacementId="bad_id")
    assert [(c.params, c.response, c.error_code) for c in mock.calls] == [
        ({"PlacementId": "nowhere"}, None, "NotFoundException"),
        ({"PlacementId": "bad_id"}, None, "InvalidRequestException"),
    ]


def test_an_injected_fault_is_recorded_with_its_code(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    mock.inject_fault("StartGameSessionPlacement", count=1)
    with pytest.raises(gamelift.exceptions.ClientError):
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
    (call,) = mock.calls_to("StartGameSessionPlacement")
    assert call.error_code == "ThrottlingException"
    assert call.response is None
    assert call.params["PlacementId"] == "p-1"


def test_calls_to_filters_by_operation(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    for placement_id in ("p-1", "p-2"):
        gamelift.start_game_session_placement(
            PlacementId=placement_id, GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        gamelift.describe_game_session_placement(PlacementId=placement_id)
    started = mock.calls_to("StartGameSessionPlacement")
    assert [call.params["PlacementId"] for call in started] == ["p-1", "p-2"]
    assert mock.calls_to("StopGameSessionPlacement") == []


def test_calls_to_refuses_an_operation_the_mock_does_not_answer(mock: PlacementMock) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.calls_to("start_game_session_placement")
    assert str(excinfo.value) == (
        "The mock answers no operation 'start_game_session_placement'; name one it implements: "
        f"{', '.join(sorted(OPERATIONS))}."
    )


def test_an_unimplemented_operation_is_not_recorded(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(UnimplementedOperationError):
        gamelift.describe_ec2_instance_limits()
    assert mock.calls == []


def test_region_and_account_are_where_the_call_was_answered(gamelift: Any) -> None:
    with mock_placement() as outer:
        gamelift.create_game_session_queue(Name="q")
        with mock_placement(account_id="210987654321"):
            boto3.client("gamelift", region_name="eu-west-1").create_game_session_queue(Name="q")
    assert [(c.region, c.account_id) for c in outer.calls] == [
        (REGION, ACCOUNT),
        ("eu-west-1", "210987654321"),
    ]


def test_a_record_is_read_only(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    (call,) = mock.calls
    with pytest.raises(AttributeError) as excinfo:
        call.error_code = "Nope"  # type: ignore[misc]
    assert str(excinfo.value) == "RecordedCall is read-only: cannot set 'error_code'."
    with pytest.raises(AttributeError):
        del call.params  # type: ignore[misc]
    with pytest.raises(AttributeError):
        mock.calls.clear()  # type: ignore[attr-defined]  # a read-only sequence
    assert len(mock.calls) == 1


def test_records_compare_by_value(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException):
        gamelift.delete_game_session_queue(Name="q")
    assert mock.calls == [
        RecordedCall(
            "DeleteGameSessionQueue",
            REGION,
            ACCOUNT,
            {"Name": "q"},
            None,
            "InvalidRequestException",
        )
    ]


def test_a_record_keeps_sensitive_values_but_its_repr_hides_them(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="empty")
    gamelift.start_game_session_placement(
        PlacementId="p-1",
        GameSessionQueueName="empty",
        MaximumPlayerSessionCount=2,
        GameProperties=[{"Key": "mode", "Value": f"{SECRET}-property"}],
        GameSessionData=f"{SECRET}-data",
        DesiredPlayerSessions=[{"PlayerId": f"{SECRET}-player", "PlayerData": f"{SECRET}-pd"}],
    )
    call = mock.calls_to("StartGameSessionPlacement")[0]
    assert call.params["DesiredPlayerSessions"][0]["PlayerId"] == f"{SECRET}-player"
    assert call.response is not None
    assert call.response["GameSessionPlacement"]["GameSessionData"] == f"{SECRET}-data"
    shown = repr(call)
    assert SECRET not in shown
    assert shown.startswith(
        "RecordedCall(operation='StartGameSessionPlacement', region='us-west-2', "
        "account_id='123456789012', params={'PlacementId': 'p-1', "
        "'GameSessionQueueName': 'empty', 'MaximumPlayerSessionCount': 2, "
        "'GameProperties': [{'Key': 'mode', 'Value': <redacted>}], "
        "'GameSessionData': <redacted>, "
        "'DesiredPlayerSessions': [{'PlayerId': <redacted>, 'PlayerData': <redacted>}]}, "
        "response={'GameSessionPlacement': {"
    )
    assert (
        "'Status': 'PENDING', 'GameProperties': [{'Key': 'mode', 'Value': <redacted>}], "
        "'MaximumPlayerSessionCount': 2, 'PlayerLatencies': [], 'StartTime': "
    ) in shown
    assert "'GameSessionData': <redacted>}, 'ResponseMetadata': {'RequestId': " in shown
    assert shown.endswith("'RetryAttempts': 0}}, error_code=None)")
    assert SECRET not in str(mock.calls)


def test_a_player_data_map_and_unknown_members_are_hidden_when_printed(mock: PlacementMock) -> None:
    """A client that skips validation may send members the model lacks: nothing says what they
    hold, so they are hidden too."""
    unvalidated = boto3.client(
        "gamelift", region_name=REGION, config=Config(parameter_validation=False)
    )
    with pytest.raises(unvalidated.exceptions.NotFoundException):
        unvalidated.create_player_sessions(
            GameSessionId="gsess-1",
            PlayerIds=[f"{SECRET}-1"],
            PlayerDataMap={f"{SECRET}-1": f"{SECRET}-data"},
            Extra=SECRET,
        )
    (call,) = mock.calls
    assert call.params["Extra"] == SECRET
    assert repr(call) == (
        "RecordedCall(operation='CreatePlayerSessions', region='us-west-2', "
        "account_id='123456789012', params={'GameSessionId': 'gsess-1', "
        "'PlayerIds': <redacted>, 'PlayerDataMap': <redacted>, 'Extra': <redacted>}, "
        "response=None, error_code='NotFoundException')"
    )


def test_a_container_sent_where_a_string_belongs_is_hidden_when_printed(
    mock: PlacementMock,
) -> None:
    unvalidated = boto3.client(
        "gamelift", region_name=REGION, config=Config(parameter_validation=False)
    )
    with pytest.raises(unvalidated.exceptions.InvalidRequestException):
        unvalidated.describe_game_session_placement(PlacementId={"PlayerId": SECRET})
    (call,) = mock.calls
    assert repr(call) == (
        "RecordedCall(operation='DescribeGameSessionPlacement', region='us-west-2', "
        "account_id='123456789012', params={'PlacementId': <redacted>}, response=None, "
        "error_code='InvalidRequestException')"
    )
