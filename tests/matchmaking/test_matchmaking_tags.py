"""Tags on matchmaking configurations and rule sets: Tags on create, TagResource,
UntagResource and ListTagsForResource on their ARNs."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION

CONFIG_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingconfiguration/"
RULE_SET_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingruleset/"
BODY = '{"ruleLanguageVersion":"1.0","teams":[{"name":"red","maxPlayers":2,"minPlayers":1}]}'


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


def _tags(client: Any, arn: str) -> list[dict[str, str]]:
    tags: list[dict[str, str]] = client.list_tags_for_resource(ResourceARN=arn)["Tags"]
    return tags


def _standalone(client: Any, name: str = "ranked", **settings: Any) -> str:
    arn: str = client.create_matchmaking_configuration(
        Name=name,
        RuleSetName="duo",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
        **settings,
    )["Configuration"]["ConfigurationArn"]
    return arn


def test_tags_given_on_create_are_listed(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(
        Name="duo", RuleSetBody=BODY, Tags=[{"Key": "owner", "Value": "rules"}]
    )
    arn = _standalone(gamelift, Tags=[{"Key": "owner", "Value": "matchmaking"}])
    assert _tags(gamelift, RULE_SET_ARN + "duo") == [{"Key": "owner", "Value": "rules"}]
    assert _tags(gamelift, arn) == [{"Key": "owner", "Value": "matchmaking"}]


@pytest.mark.parametrize("kind", ["configuration", "rule set"])
def test_tag_and_untag_a_configuration_or_a_rule_set(
    gamelift: Any, mock: PlacementMock, kind: str
) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    arn = _standalone(gamelift) if kind == "configuration" else RULE_SET_ARN + "duo"
    assert _tags(gamelift, arn) == []
    gamelift.tag_resource(
        ResourceARN=arn, Tags=[{"Key": "env", "Value": "test"}, {"Key": "tier", "Value": "1"}]
    )
    gamelift.tag_resource(ResourceARN=arn, Tags=[{"Key": "tier", "Value": "2"}])
    assert _tags(gamelift, arn) == [{"Key": "env", "Value": "test"}, {"Key": "tier", "Value": "2"}]
    gamelift.untag_resource(ResourceARN=arn, TagKeys=["env", "absent"])
    assert _tags(gamelift, arn) == [{"Key": "tier", "Value": "2"}]


def test_a_reserved_tag_key_on_create_fails_tagging_and_creates_nothing(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(gamelift.exceptions.TaggingFailedException) as excinfo:
        gamelift.create_matchmaking_rule_set(
            Name="duo", RuleSetBody=BODY, Tags=[{"Key": "aws:owner", "Value": "x"}]
        )
    assert _error(excinfo) == (
        "TaggingFailedException",
        "Tag key 'aws:owner' is reserved: keys beginning with 'aws:' are AWS's.",
    )
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    with pytest.raises(gamelift.exceptions.TaggingFailedException):
        _standalone(gamelift, Tags=[{"Key": "AWS:owner", "Value": "x"}])
    assert gamelift.describe_matchmaking_configurations()["Configurations"] == []


@pytest.mark.parametrize(
    "arn",
    [
        CONFIG_ARN + "nowhere",
        RULE_SET_ARN + "nowhere",
        f"arn:aws:gamelift:eu-west-1:{ACCOUNT}:matchmakingruleset/duo",
        f"arn:aws:gamelift:{REGION}:999999999999:matchmakingruleset/duo",
    ],
)
def test_an_arn_with_nothing_behind_it_is_not_found(
    gamelift: Any, mock: PlacementMock, arn: str
) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.tag_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "b"}])
    assert _error(excinfo) == ("NotFoundException", f"Resource '{arn}' does not exist.")


def test_tags_go_with_the_resource(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(
        Name="duo", RuleSetBody=BODY, Tags=[{"Key": "owner", "Value": "rules"}]
    )
    gamelift.delete_matchmaking_rule_set(Name="duo")
    with pytest.raises(gamelift.exceptions.NotFoundException):
        _tags(gamelift, RULE_SET_ARN + "duo")
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    assert _tags(gamelift, RULE_SET_ARN + "duo") == []


def test_tags_on_the_arn_of_another_region_are_that_regions(mock: PlacementMock) -> None:
    west = boto3.client("gamelift", region_name=REGION)
    east = boto3.client("gamelift", region_name="us-east-1")
    east.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    east_arn = f"arn:aws:gamelift:us-east-1:{ACCOUNT}:matchmakingruleset/duo"
    east.tag_resource(ResourceARN=east_arn, Tags=[{"Key": "r", "Value": "east"}])
    with pytest.raises(west.exceptions.NotFoundException):
        west.list_tags_for_resource(ResourceARN=east_arn)
    assert _tags(east, east_arn) == [{"Key": "r", "Value": "east"}]


def test_more_than_fifty_tags_on_create_fail_tagging(gamelift: Any, mock: PlacementMock) -> None:
    tags = [{"Key": f"k{i}", "Value": "v"} for i in range(51)]
    with pytest.raises(gamelift.exceptions.TaggingFailedException) as excinfo:
        gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY, Tags=tags)
    assert _error(excinfo) == (
        "TaggingFailedException",
        "A resource can have at most 50 tags; this request would give it 51.",
    )
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []
