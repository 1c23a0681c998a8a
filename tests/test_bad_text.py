"""Text that cannot be UTF-8 (a lone surrogate, as ``os.fsdecode`` makes of bytes that are not
UTF-8) is refused in AWS's validation wording before anything changes; no error quotes a key of
a sensitive map."""

from __future__ import annotations

import os
from typing import Any, Callable

import boto3
import pytest
from botocore.config import Config

from gl_placement_mock import PlacementMock

from .conftest import REGION


def test_a_lone_surrogate_in_a_string_member_is_a_validation_error_and_stores_nothing(
    gamelift: Any, mock: PlacementMock, make_queue: Callable[..., dict[str, Any]]
) -> None:
    make_queue("main")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as refused:
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="main",
            MaximumPlayerSessionCount=4,
            GameSessionName=os.fsdecode(b"map-\xff"),
        )
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert refused.value.response["Error"]["Message"] == (
        "1 validation error detected: Value at 'gameSessionName' failed to satisfy constraint: "
        "Member must be valid UTF-8 text"
    )
    # Nothing was stored: a retry with a good name starts the placement.
    started = gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="main", MaximumPlayerSessionCount=4
    )
    assert started["GameSessionPlacement"]["Status"] == "PENDING"
    assert [call.error_code for call in mock.calls[-2:]] == ["InvalidRequestException", None]


def test_a_lone_surrogate_in_a_list_item_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as refused:
        gamelift.describe_game_session_queues(Names=["ok", "q-\udc80"])
    assert refused.value.response["Error"]["Message"] == (
        "1 validation error detected: Value at 'names.2.member' failed to satisfy constraint: "
        "Member must be valid UTF-8 text"
    )


def test_a_sensitive_map_key_is_never_quoted_in_process(mock: PlacementMock) -> None:
    unvalidated = boto3.client(
        "gamelift", region_name=REGION, config=Config(parameter_validation=False)
    )
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as refused:
        unvalidated.create_player_sessions(
            GameSessionId="arn:aws:gamelift:us-west-2::gamesession/fleet-1/gs-1",
            PlayerIds=["SECRET-PLAYER-7"],
            PlayerDataMap={"SECRET-PLAYER-7": 5, "x" * 2000: "y"},
        )
    message = refused.value.response["Error"]["Message"]
    assert "SECRET" not in message and "xxx" not in message
    assert message == (
        "2 validation errors detected: Value at 'playerDataMap.1.value' failed to satisfy "
        "constraint: Member must be of type string; Value at 'playerDataMap.2.key' failed to "
        "satisfy constraint: Member must have length less than or equal to 1024"
    )
