"""Every modelled queue field a caller sets is kept and described back, LogConfiguration
included where the installed service model has it (botocore 1.35.99, the oldest supported,
does not)."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.session
import pytest
from botocore.config import Config

from gl_placement_mock import PlacementMock

from .conftest import ACCOUNT, FLEET_ARN, REGION

_MODEL = botocore.session.get_session().get_service_model("gamelift")
HAS_LOG_CONFIGURATION = "LogConfiguration" in _MODEL.shape_for("GameSessionQueue").members
needs_log_configuration = pytest.mark.skipif(
    not HAS_LOG_CONFIGURATION, reason="this botocore's GameLift model has no LogConfiguration"
)
LOG_GROUP = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:placements"
BUCKET = "arn:aws:s3:::placement-logs"
STREAM = f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/placements"
# A value for every member CreateGameSessionQueue has ever modelled (Name aside).
SETTINGS: dict[str, Any] = {
    "TimeoutInSeconds": 90,
    "PlayerLatencyPolicies": [
        {"MaximumIndividualPlayerLatencyMilliseconds": 80, "PolicyDurationSeconds": 5}
    ],
    "Destinations": [{"DestinationArn": FLEET_ARN}],
    "FilterConfiguration": {"AllowedLocations": ["us-west-2"]},
    "PriorityConfiguration": {"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-west-2"]},
    "CustomEventData": "custom",
    "NotificationTarget": f"arn:aws:sns:{REGION}:{ACCOUNT}:placements",
    "Tags": [{"Key": "team", "Value": "a"}],
    "LogConfiguration": {
        "DeliveryDestinations": [
            {"LogDestination": "CLOUDWATCH", "DestinationArn": LOG_GROUP},
            {"LogDestination": "S3"},
        ]
    },
}
NOT_DESCRIBED = {"Tags"}  # CreateGameSessionQueue's reference: tags are not echoed


def test_every_modelled_field_is_described_back(gamelift: Any, mock: PlacementMock) -> None:
    members = set(_MODEL.operation_model("CreateGameSessionQueue").input_shape.members)
    members.discard("Name")
    assert members <= set(SETTINGS), f"new queue members to cover: {members - set(SETTINGS)}"
    settings = {key: value for key, value in SETTINGS.items() if key in members}
    created = gamelift.create_game_session_queue(Name="every", **settings)["GameSessionQueue"]
    described = gamelift.describe_game_session_queues(Names=["every"])["GameSessionQueues"][0]
    expected = {key: value for key, value in settings.items() if key not in NOT_DESCRIBED}
    expected["Name"] = "every"
    expected["GameSessionQueueArn"] = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/every"
    assert created == described == expected


@needs_log_configuration
def test_log_configuration_changes_by_adding_and_removing_destinations(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(
        Name="logs",
        LogConfiguration={
            "DeliveryDestinations": [{"LogDestination": "CLOUDWATCH", "DestinationArn": LOG_GROUP}]
        },
    )
    updated = gamelift.update_game_session_queue(
        Name="logs",
        AddLogDeliveryDestinations=[
            {"LogDestination": "S3", "DestinationArn": BUCKET},
            {"LogDestination": "FIREHOSE", "DestinationArn": STREAM},
        ],
        RemoveLogDeliveryDestinations=[
            {"LogDestination": "CLOUDWATCH", "DestinationArn": LOG_GROUP}
        ],
    )["GameSessionQueue"]
    assert updated["LogConfiguration"] == {
        "DeliveryDestinations": [
            {"LogDestination": "S3", "DestinationArn": BUCKET},
            {"LogDestination": "FIREHOSE", "DestinationArn": STREAM},
        ]
    }
    # An update that does not name log destinations keeps them.
    kept = gamelift.update_game_session_queue(Name="logs", TimeoutInSeconds=30)
    assert kept["GameSessionQueue"]["LogConfiguration"] == updated["LogConfiguration"]
    emptied = gamelift.update_game_session_queue(
        Name="logs",
        RemoveLogDeliveryDestinations=[
            {"LogDestination": "S3", "DestinationArn": BUCKET},
            {"LogDestination": "FIREHOSE", "DestinationArn": STREAM},
            {"LogDestination": "CLOUDWATCH"},  # not there: ignored
        ],
    )["GameSessionQueue"]
    assert "LogConfiguration" not in emptied
    described = gamelift.describe_game_session_queues(Names=["logs"])["GameSessionQueues"][0]
    assert "LogConfiguration" not in described


@needs_log_configuration
@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (
            {"LogConfiguration": {"DeliveryDestinations": [{"LogDestination": "FIREHOSE"}]}},
            "DestinationArn is required for FIREHOSE log destinations.",
        ),
        (
            {
                "LogConfiguration": {
                    "DeliveryDestinations": [
                        {"LogDestination": "S3", "DestinationArn": BUCKET},
                        {"LogDestination": "S3", "DestinationArn": BUCKET},
                    ]
                }
            },
            f"Log delivery destination '{BUCKET}' is listed more than once; each destination "
            "must have a unique ARN.",
        ),
        (
            {"AddLogDeliveryDestinations": [{"LogDestination": "CLOUDWATCH"}]},
            "Log delivery destination of type CLOUDWATCH without an ARN is already in the "
            "queue's LogConfiguration.",
        ),
        (
            {
                "AddLogDeliveryDestinations": [
                    {"LogDestination": "S3", "DestinationArn": BUCKET},
                    {"LogDestination": "FIREHOSE", "DestinationArn": STREAM},
                ]
            },
            "A queue's LogConfiguration can have at most 3 delivery destinations; this update "
            "would leave 4.",
        ),
    ],
)
def test_log_configuration_errors_change_nothing(
    gamelift: Any, mock: PlacementMock, request_: dict[str, Any], message: str
) -> None:
    original = gamelift.create_game_session_queue(
        Name="logs",
        LogConfiguration={
            "DeliveryDestinations": [
                {"LogDestination": "CLOUDWATCH"},
                {"LogDestination": "CLOUDWATCH", "DestinationArn": LOG_GROUP},
            ]
        },
    )["GameSessionQueue"]
    call = (
        gamelift.create_game_session_queue
        if "LogConfiguration" in request_
        else gamelift.update_game_session_queue
    )
    name = "other" if "LogConfiguration" in request_ else "logs"
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        call(Name=name, TimeoutInSeconds=30, **request_)
    assert excinfo.value.response["Error"]["Message"] == message
    queues = gamelift.describe_game_session_queues()["GameSessionQueues"]
    assert queues == [original]


@pytest.mark.skipif(HAS_LOG_CONFIGURATION, reason="this botocore's model has LogConfiguration")
def test_without_log_configuration_in_the_model_it_is_dropped(mock: PlacementMock) -> None:
    """An unvalidated client may send it anyway; like botocore's serializer, the mock drops a
    member its model lacks, so nothing is kept or described."""
    client = boto3.client("gamelift", region_name=REGION, config=Config(parameter_validation=False))
    created = client.create_game_session_queue(
        Name="old", LogConfiguration=SETTINGS["LogConfiguration"]
    )["GameSessionQueue"]
    assert "LogConfiguration" not in created
