"""Regions and partitions: a client Region botocore does not know for GameLift cannot reach
it; fleet locations are known Regions or custom locations; ARNs carry the Region's partition."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from gl_placement_mock import PlacementMock


def _pattern(shape: str) -> str:
    """A pattern of the installed service model, anchored as validation errors show it (older
    models write some patterns differently)."""
    model = botocore.session.get_session().get_service_model("gamelift")
    raw: str = model.shape_for(shape).metadata["pattern"]
    raw = raw if raw.startswith("^") else "^" + raw
    return raw if raw.endswith("$") else raw + "$"


@pytest.mark.parametrize("region", ["mars-north-1", "narnia-1", "us-gov-west-1"])
def test_a_region_without_a_gamelift_endpoint_cannot_be_reached(
    mock: PlacementMock, region: str
) -> None:
    """What a real client gets: the host botocore makes up for the Region does not resolve."""
    client = boto3.client("gamelift", region_name=region)
    with pytest.raises(EndpointConnectionError) as info:
        client.create_game_session_queue(Name="q")
    assert str(info.value) == (
        f'Could not connect to the endpoint URL: "https://gamelift.{region}.amazonaws.com/"'
    )


def test_an_unreachable_region_is_refused_before_anything_is_sent(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Not even an injected fault is drawn: the call never reached the service."""
    mock.inject_fault("ListFleets", count=1)
    mars = boto3.client("gamelift", region_name="mars-north-1")
    with pytest.raises(EndpointConnectionError):
        mars.list_fleets()
    with pytest.raises(ClientError) as info:
        gamelift.list_fleets()
    assert info.value.response["Error"]["Code"] == "ThrottlingException"


def test_a_client_with_its_own_endpoint_is_answered_whatever_its_region(
    mock: PlacementMock,
) -> None:
    client = boto3.client(
        "gamelift", region_name="mars-north-1", endpoint_url="http://localhost:9999"
    )
    assert client.list_fleets()["FleetIds"] == []


def test_china_regions_use_the_aws_cn_partition(mock: PlacementMock) -> None:
    fleet = mock.add_fleet("cn-north-1", locations={"cn-northwest-1": None})
    alias = mock.add_alias(fleet, alias_id="alias-cn")
    assert fleet.arn == f"arn:aws-cn:gamelift:cn-north-1:123456789012:fleet/{fleet.fleet_id}"
    assert alias == "arn:aws-cn:gamelift:cn-north-1::alias/alias-cn"
    client = boto3.client("gamelift", region_name="cn-north-1")
    queue = client.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": fleet.arn}],
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["cn-northwest-1"]},
    )["GameSessionQueue"]
    assert queue["GameSessionQueueArn"] == (
        "arn:aws-cn:gamelift:cn-north-1:123456789012:gamesessionqueue/q"
    )
    client.start_game_session_placement(
        PlacementId="p-cn", GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    placement = client.describe_game_session_placement(PlacementId="p-cn")["GameSessionPlacement"]
    assert placement["GameSessionArn"] == (
        f"arn:aws-cn:gamelift:cn-north-1::gamesession/{fleet.fleet_id}/cn-northwest-1/p-cn"
    )
    assert client.list_tags_for_resource(ResourceARN=fleet.arn)["Tags"] == []
    assert client.describe_alias(AliasId=alias)["Alias"]["AliasArn"] == alias


def test_a_destination_in_a_china_region_stands_in_with_a_china_arn(
    mock: PlacementMock,
) -> None:
    client = boto3.client("gamelift", region_name="cn-north-1")
    destination = "arn:aws-cn:gamelift:cn-north-1:123456789012:fleet/fleet-cn"
    client.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": destination}])
    client.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    placement = client.describe_game_session_placement(PlacementId="p-1")["GameSessionPlacement"]
    sessions = client.describe_game_sessions(GameSessionId=placement["GameSessionId"])
    assert sessions["GameSessions"][0]["FleetArn"] == destination


@pytest.mark.parametrize(
    ("region", "locations"),
    [("narnia-1", None), ("us-west-2", {"mars-north-1": 1}), ("us-west-2", {"custom-": 1})],
)
def test_add_fleet_refuses_locations_that_are_neither_regions_nor_custom(
    gamelift: Any, mock: PlacementMock, region: str, locations: Any
) -> None:
    bad = region if locations is None else next(iter(locations))
    with pytest.raises(ValueError) as info:
        mock.add_fleet(region, locations=locations)
    message = str(info.value)
    assert message.startswith(
        f"{bad!r} is neither a Region GameLift is offered in nor a custom location (a name "
        "beginning with 'custom-'). Known Regions: af-south-1, "
    )
    assert "cn-north-1" in message and "us-west-2" in message
    assert gamelift.list_fleets()["FleetIds"] == []


def test_a_fleet_is_not_homed_in_a_custom_location(mock: PlacementMock) -> None:
    with pytest.raises(ValueError) as info:
        mock.add_fleet("custom-lab")
    assert str(info.value) == (
        "A fleet's home Region must be a Region, not a custom location: 'custom-lab'."
    )


@pytest.mark.parametrize("location", ["custom-lab_1", "custom-" + "x" * 58])
def test_custom_location_names_follow_create_location(
    gamelift: Any, mock: PlacementMock, location: str
) -> None:
    with pytest.raises(ValueError) as info:
        mock.add_fleet("us-west-2", locations={location: 1})
    assert str(info.value) == (
        f"Custom location {location!r} is not a name CreateLocation accepts: "
        f"{_pattern('CustomInputLocationStringModel')}, 8 to 64 characters."
    )
    assert gamelift.list_fleets()["FleetIds"] == []
