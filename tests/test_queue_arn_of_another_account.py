"""A queue given by ARN must be this account's queue: the ARN of a same-named queue in another
account names no queue here (NotFoundException), and the placement is not stored."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from .conftest import ACCOUNT, FLEET_ARN, REGION

OTHER = f"arn:aws:gamelift:{REGION}:999999999999:gamesessionqueue/q"


def test_a_queue_arn_of_another_account_names_no_queue(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])

    with pytest.raises(gamelift.exceptions.NotFoundException) as raised:
        gamelift.start_game_session_placement(
            PlacementId="p1", GameSessionQueueName=OTHER, MaximumPlayerSessionCount=2
        )

    assert raised.value.response["Error"]["Message"] == (
        f"Game session queue '{OTHER}' does not exist."
    )
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_session_placement(PlacementId="p1")
    own = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/q"
    started = gamelift.start_game_session_placement(
        PlacementId="p1", GameSessionQueueName=own, MaximumPlayerSessionCount=2
    )
    assert started["GameSessionPlacement"]["GameSessionQueueName"] == "q"
