"""Constraints botocore leaves to the server, answered in AWS's validation wording; and clients
that skip client-side validation altogether."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ParamValidationError

from gl_placement_mock import PlacementMock

from .conftest import REGION


@pytest.fixture(scope="module")
def unvalidated() -> Any:
    return boto3.client("gamelift", region_name=REGION, config=Config(parameter_validation=False))


def _message(excinfo: pytest.ExceptionInfo[Any]) -> str:
    response = excinfo.value.response
    assert response["Error"]["Code"] == "InvalidRequestException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    message: str = response["Error"]["Message"]
    return message


def test_pattern_violation_uses_aws_wording(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_session_placement(PlacementId="bad_id")
    assert _message(excinfo) == (
        "1 validation error detected: Value 'bad_id' at 'placementId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$"
    )


def test_maximum_length_violation(gamelift: Any, mock: PlacementMock) -> None:
    long_id = "p" * 49
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.stop_game_session_placement(PlacementId=long_id)
    assert _message(excinfo) == (
        f"1 validation error detected: Value '{long_id}' at 'placementId' failed to satisfy "
        "constraint: Member must have length less than or equal to 48"
    )


def test_enum_violation_inside_a_nested_structure(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(
        Name="q", PriorityConfiguration={"PriorityOrder": ["LOCATION"]}
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=1,
            PriorityConfigurationOverride={
                "LocationOrder": ["us-west-2"],
                "PlacementFallbackStrategy": "SOMETIMES",
            },
        )
    assert _message(excinfo) == (
        "1 validation error detected: Value 'SOMETIMES' at "
        "'priorityConfigurationOverride.placementFallbackStrategy' failed to satisfy constraint: "
        "Member must satisfy enum value set: [DEFAULT_AFTER_SINGLE_PASS, NONE]"
    )


def test_several_violations_are_counted_and_joined(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session_queue(
            Name="bad.name",
            PriorityConfiguration={"PriorityOrder": ["LATENCY", "SPEED"]},
        )
    assert _message(excinfo) == (
        "2 validation errors detected: "
        "Value 'bad.name' at 'name' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: ^[a-zA-Z0-9-]+$; "
        "Value 'SPEED' at 'priorityConfiguration.priorityOrder.2.member' failed to satisfy "
        "constraint: Member must satisfy enum value set: [LATENCY, COST, DESTINATION, LOCATION]"
    )
    assert gamelift.describe_game_session_queues()["GameSessionQueues"] == []


def test_list_members_are_addressed_by_one_based_index(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=1,
            GameProperties=[{"Key": "ok", "Value": "1"}, {"Key": "k" * 33, "Value": "2"}],
        )
    assert _message(excinfo) == (
        f"1 validation error detected: Value '{'k' * 33}' at 'gameProperties.2.member.key' "
        "failed to satisfy constraint: Member must have length less than or equal to 32"
    )


def test_list_size_violation(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    properties = [{"Key": f"k{n}", "Value": "v"} for n in range(17)]
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=1,
            GameProperties=properties,
        )
    assert _message(excinfo) == (
        "1 validation error detected: Value at 'gameProperties' failed to satisfy constraint: "
        "Member must have length less than or equal to 16"
    )


def test_sensitive_values_are_never_echoed(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    player = "player-" + "x" * 1100
    data = "secret-" + "d" * 2100
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=1,
            DesiredPlayerSessions=[{"PlayerId": player, "PlayerData": data}],
            GameProperties=[{"Key": "k", "Value": "hidden-" + "v" * 100}],
        )
    message = _message(excinfo)
    assert message == (
        "3 validation errors detected: "
        "Value at 'gameProperties.1.member.value' failed to satisfy constraint: Member must "
        "have length less than or equal to 96; "
        "Value at 'desiredPlayerSessions.1.member.playerId' failed to satisfy constraint: "
        "Member must have length less than or equal to 1024; "
        "Value at 'desiredPlayerSessions.1.member.playerData' failed to satisfy constraint: "
        "Member must have length less than or equal to 2048"
    )
    assert "secret" not in message and "player-" not in message and "hidden" not in message


def test_patterns_come_from_the_installed_service_model(gamelift: Any, mock: PlacementMock) -> None:
    model = gamelift.meta.service_model.operation_model("DeleteGameSessionQueue")
    pattern = model.input_shape.members["Name"].metadata["pattern"]
    shown = (
        ("" if pattern.startswith("^") else "^") + pattern + ("" if pattern.endswith("$") else "$")
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.delete_game_session_queue(Name="arn:aws:gamelift:us-west-2:1:fleet/fleet-1")
    assert _message(excinfo) == (
        "1 validation error detected: Value 'arn:aws:gamelift:us-west-2:1:fleet/fleet-1' at "
        f"'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
        f"{shown}"
    )


def test_validated_client_still_raises_botocore_param_validation_error(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(ParamValidationError):
        gamelift.start_game_session_placement(PlacementId="p-1")


def test_unvalidated_client_missing_members(unvalidated: Any, mock: PlacementMock) -> None:
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as excinfo:
        unvalidated.start_game_session_placement()
    assert _message(excinfo) == (
        "3 validation errors detected: "
        "Value null at 'placementId' failed to satisfy constraint: Member must not be null; "
        "Value null at 'gameSessionQueueName' failed to satisfy constraint: Member must not be "
        "null; "
        "Value null at 'maximumPlayerSessionCount' failed to satisfy constraint: Member must "
        "not be null"
    )


def test_unvalidated_client_below_minimums(unvalidated: Any, mock: PlacementMock) -> None:
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as excinfo:
        unvalidated.start_game_session_placement(
            PlacementId="", GameSessionQueueName="q", MaximumPlayerSessionCount=-1
        )
    assert _message(excinfo) == (
        "3 validation errors detected: "
        "Value '' at 'placementId' failed to satisfy constraint: Member must have length "
        "greater than or equal to 1; "
        "Value '' at 'placementId' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: ^[a-zA-Z0-9-]+$; "
        "Value '-1' at 'maximumPlayerSessionCount' failed to satisfy constraint: Member must "
        "have value greater than or equal to 0"
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"PlacementId": 5},
            "Value at 'placementId' failed to satisfy constraint: Member must be of type string",
        ),
        (
            {"PlacementId": "p", "GameSessionQueueName": "q", "MaximumPlayerSessionCount": "8"},
            "Value at 'maximumPlayerSessionCount' failed to satisfy constraint: Member must be "
            "of type integer",
        ),
        (
            {
                "PlacementId": "p",
                "GameSessionQueueName": "q",
                "MaximumPlayerSessionCount": True,
            },
            "Value at 'maximumPlayerSessionCount' failed to satisfy constraint: Member must be "
            "of type integer",
        ),
        (
            {
                "PlacementId": "p",
                "GameSessionQueueName": "q",
                "MaximumPlayerSessionCount": 1,
                "GameProperties": "map=harbor",
            },
            "Value at 'gameProperties' failed to satisfy constraint: Member must be of type list",
        ),
        (
            {
                "PlacementId": "p",
                "GameSessionQueueName": "q",
                "MaximumPlayerSessionCount": 1,
                "PriorityConfigurationOverride": ["us-west-2"],
            },
            "Value at 'priorityConfigurationOverride' failed to satisfy constraint: Member must "
            "be of type structure",
        ),
        (
            {
                "PlacementId": "p",
                "GameSessionQueueName": "q",
                "MaximumPlayerSessionCount": 1,
                "PlayerLatencies": [None],
            },
            "Value null at 'playerLatencies.1.member' failed to satisfy constraint: Member must "
            "not be null",
        ),
    ],
)
def test_unvalidated_client_wrong_types_get_a_modelled_error(
    unvalidated: Any, mock: PlacementMock, params: dict[str, Any], expected: str
) -> None:
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as excinfo:
        unvalidated.start_game_session_placement(**params)
    assert expected in _message(excinfo)


def test_unvalidated_client_unknown_members_are_ignored_as_aws_does(
    unvalidated: Any, mock: PlacementMock
) -> None:
    unvalidated.create_game_session_queue(Name="q", Colour="blue")
    response = unvalidated.start_game_session_placement(
        PlacementId="p", GameSessionQueueName="q", MaximumPlayerSessionCount=1, Extra={"a": 1}
    )
    assert response["GameSessionPlacement"]["Status"] == "PENDING"


def test_unvalidated_client_rejections_change_nothing(
    unvalidated: Any, mock: PlacementMock
) -> None:
    with pytest.raises(unvalidated.exceptions.InvalidRequestException):
        unvalidated.create_game_session_queue(Name="q", TimeoutInSeconds="soon")
    assert unvalidated.describe_game_session_queues()["GameSessionQueues"] == []
    unvalidated.create_game_session_queue(Name="q")
    with pytest.raises(unvalidated.exceptions.InvalidRequestException):
        unvalidated.update_game_session_queue(Name="q", Destinations=[{"DestinationArn": 7}])
    queue = unvalidated.describe_game_session_queues()["GameSessionQueues"][0]
    assert queue["Destinations"] == []
