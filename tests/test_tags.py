"""TagResource, UntagResource and ListTagsForResource on queues, fleets and aliases."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from gl_placement_mock import PlacementMock


def _error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.fixture(params=["queue", "fleet", "alias"])
def resource_arn(request: pytest.FixtureRequest, gamelift: Any, mock: PlacementMock) -> str:
    fleet = mock.add_fleet("us-west-2")
    if request.param == "fleet":
        return fleet.arn
    if request.param == "alias":
        return mock.add_alias(fleet)
    queue = gamelift.create_game_session_queue(Name="tagged")["GameSessionQueue"]
    arn: str = queue["GameSessionQueueArn"]
    return arn


def test_a_new_resource_has_no_tags(gamelift: Any, resource_arn: str) -> None:
    assert gamelift.list_tags_for_resource(ResourceARN=resource_arn)["Tags"] == []


def test_documented_tagging_adds_overwrites_and_tolerates_repeats(
    gamelift: Any, resource_arn: str
) -> None:
    """ "The operation succeeds even if the list includes tags that are already assigned"."""
    gamelift.tag_resource(
        ResourceARN=resource_arn,
        Tags=[{"Key": "team", "Value": "core"}, {"Key": "stage", "Value": "dev"}],
    )
    response = gamelift.tag_resource(
        ResourceARN=resource_arn,
        Tags=[{"Key": "team", "Value": "core"}, {"Key": "stage", "Value": "prod"}],
    )
    assert set(response) == {"ResponseMetadata"}
    assert gamelift.list_tags_for_resource(ResourceARN=resource_arn)["Tags"] == [
        {"Key": "team", "Value": "core"},
        {"Key": "stage", "Value": "prod"},
    ]


def test_untagging_removes_keys_and_ignores_missing_ones(gamelift: Any, resource_arn: str) -> None:
    gamelift.tag_resource(
        ResourceARN=resource_arn,
        Tags=[{"Key": "team", "Value": "core"}, {"Key": "stage", "Value": ""}],
    )
    response = gamelift.untag_resource(ResourceARN=resource_arn, TagKeys=["team", "never-set"])
    assert set(response) == {"ResponseMetadata"}
    assert gamelift.list_tags_for_resource(ResourceARN=resource_arn)["Tags"] == [
        {"Key": "stage", "Value": ""}
    ]


def test_queue_tags_given_at_creation_are_listed(gamelift: Any, mock: PlacementMock) -> None:
    queue = gamelift.create_game_session_queue(
        Name="q", Tags=[{"Key": "owner", "Value": "matchmaking"}]
    )["GameSessionQueue"]
    assert gamelift.list_tags_for_resource(ResourceARN=queue["GameSessionQueueArn"])["Tags"] == [
        {"Key": "owner", "Value": "matchmaking"}
    ]


def test_documented_limit_of_fifty_tags(gamelift: Any, resource_arn: str) -> None:
    gamelift.tag_resource(
        ResourceARN=resource_arn, Tags=[{"Key": f"k{n}", "Value": "v"} for n in range(50)]
    )
    with pytest.raises(ClientError) as info:
        gamelift.tag_resource(ResourceARN=resource_arn, Tags=[{"Key": "one-more", "Value": "v"}])
    assert _error(info) == (
        "TaggingFailedException",
        "A resource can have at most 50 tags; this request would give it 51.",
    )
    assert len(gamelift.list_tags_for_resource(ResourceARN=resource_arn)["Tags"]) == 50
    # Overwriting a tag the resource has does not count against the limit.
    gamelift.tag_resource(ResourceARN=resource_arn, Tags=[{"Key": "k0", "Value": "w"}])


def test_keys_beginning_with_aws_are_reserved(gamelift: Any, resource_arn: str) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.tag_resource(
            ResourceARN=resource_arn,
            Tags=[{"Key": "fine", "Value": "v"}, {"Key": "AWS:owner", "Value": "v"}],
        )
    assert _error(info) == (
        "TaggingFailedException",
        "Tag key 'AWS:owner' is reserved: keys beginning with 'aws:' are AWS's.",
    )
    assert gamelift.list_tags_for_resource(ResourceARN=resource_arn)["Tags"] == []


def test_tag_lengths_are_validated_from_the_model(gamelift: Any, resource_arn: str) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.tag_resource(
            ResourceARN=resource_arn, Tags=[{"Key": "k" * 129, "Value": "v" * 257}]
        )
    assert _error(info) == (
        "InvalidRequestException",
        f"2 validation errors detected: Value '{'k' * 129}' at 'tags.1.member.key' failed to "
        "satisfy constraint: Member must have length less than or equal to 128; "
        f"Value '{'v' * 257}' at 'tags.1.member.value' failed to satisfy constraint: Member "
        "must have length less than or equal to 256",
    )


@pytest.mark.parametrize("operation", ["tag", "untag", "list"])
def test_unknown_resources_are_not_found(
    gamelift: Any, mock: PlacementMock, operation: str
) -> None:
    europe_fleet = mock.add_fleet("eu-west-1").arn
    unknown = [
        "arn:aws:gamelift:us-west-2:123456789012:gamesessionqueue/missing",
        "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-missing",
        "arn:aws:gamelift:us-west-2::alias/alias-missing",
        "arn:aws:gamelift:us-west-2:123456789012:build/build-1",
        europe_fleet,
    ]
    for arn in unknown:
        with pytest.raises(ClientError) as info:
            if operation == "tag":
                gamelift.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
            elif operation == "untag":
                gamelift.untag_resource(ResourceARN=arn, TagKeys=["k"])
            else:
                gamelift.list_tags_for_resource(ResourceARN=arn)
        assert _error(info) == ("NotFoundException", f"Resource '{arn}' does not exist.")


def test_a_resource_arn_that_is_not_an_arn_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.list_tags_for_resource(ResourceARN="fleet-1")
    assert _error(info) == ("InvalidRequestException", "'fleet-1' is not an ARN.")


def test_tags_are_read_in_the_resource_s_region(mock: PlacementMock) -> None:
    arn = mock.add_fleet("eu-west-1").arn
    europe = boto3.client("gamelift", region_name="eu-west-1")
    europe.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert europe.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "k", "Value": "v"}]
