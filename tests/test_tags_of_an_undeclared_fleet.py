"""A fleet ARN used as a queue destination without declaring the fleet stands in for a fleet,
but is not a tagging resource: ListTagsForResource and TagResource answer NotFoundException,
as for any ARN that names no resource."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock

from .conftest import FLEET_ARN


def test_an_undeclared_destination_fleet_has_no_tags_to_read_or_set(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
    gamelift.start_game_session_placement(
        PlacementId="p1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    message = f"Resource '{FLEET_ARN}' does not exist."

    with pytest.raises(gamelift.exceptions.NotFoundException) as listed:
        gamelift.list_tags_for_resource(ResourceARN=FLEET_ARN)
    with pytest.raises(gamelift.exceptions.NotFoundException) as tagged:
        gamelift.tag_resource(ResourceARN=FLEET_ARN, Tags=[{"Key": "team", "Value": "core"}])

    assert listed.value.response["Error"]["Message"] == message
    assert tagged.value.response["Error"]["Message"] == message
