"""CreateMatchmakingRuleSet, DescribeMatchmakingRuleSets, ValidateMatchmakingRuleSet,
DeleteMatchmakingRuleSet."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import boto3
import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
RULE_SET_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingruleset/"

# Spacing, key order and a // comment, as AWS's own examples write them: all kept as sent.
BODY = """{
    // one team of two
    "name": "duo",
    "ruleLanguageVersion": "1.0",
    "teams": [{ "name": "players", "maxPlayers": 2, "minPlayers": 2 }]
}"""
OTHER_BODY = '{"ruleLanguageVersion":"1.0","teams":[{"name":"red","maxPlayers":4,"minPlayers":1}]}'


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@freeze_time(T0)
def test_create_returns_the_rule_set_with_its_arn_and_the_body_byte_for_byte(
    gamelift: Any, mock: PlacementMock
) -> None:
    response = gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    assert response["RuleSet"] == {
        "RuleSetName": "duo",
        "RuleSetArn": RULE_SET_ARN + "duo",
        "RuleSetBody": BODY,
        "CreationTime": T0,
    }


def test_describe_lists_every_rule_set_oldest_first(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    gamelift.create_matchmaking_rule_set(Name="squad", RuleSetBody=OTHER_BODY)
    rule_sets = gamelift.describe_matchmaking_rule_sets()["RuleSets"]
    assert [(r["RuleSetName"], r["RuleSetBody"]) for r in rule_sets] == [
        ("duo", BODY),
        ("squad", OTHER_BODY),
    ]


def test_describe_by_name_or_arn(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    gamelift.create_matchmaking_rule_set(Name="squad", RuleSetBody=OTHER_BODY)
    rule_sets = gamelift.describe_matchmaking_rule_sets(Names=[RULE_SET_ARN + "squad", "duo"])[
        "RuleSets"
    ]
    assert [r["RuleSetName"] for r in rule_sets] == ["squad", "duo"]


def test_describe_a_name_twice_lists_the_rule_set_once(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    rule_sets = gamelift.describe_matchmaking_rule_sets(Names=["duo", RULE_SET_ARN + "duo"])
    assert [r["RuleSetName"] for r in rule_sets["RuleSets"]] == ["duo"]


def test_describe_an_unknown_name_is_not_found(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.describe_matchmaking_rule_sets(Names=["duo", "trio"])
    assert _error(excinfo) == ("NotFoundException", "Matchmaking rule set 'trio' does not exist.")


def test_an_arn_of_another_region_is_not_found(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    arn = f"arn:aws:gamelift:eu-west-1:{ACCOUNT}:matchmakingruleset/duo"
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.describe_matchmaking_rule_sets(Names=[arn])
    assert _error(excinfo) == ("NotFoundException", f"Matchmaking rule set '{arn}' does not exist.")


def test_describe_pages_through_limit_and_next_token(gamelift: Any, mock: PlacementMock) -> None:
    for index in range(5):
        gamelift.create_matchmaking_rule_set(Name=f"rules-{index}", RuleSetBody=BODY)
    first = gamelift.describe_matchmaking_rule_sets(Limit=2)
    assert [r["RuleSetName"] for r in first["RuleSets"]] == ["rules-0", "rules-1"]
    second = gamelift.describe_matchmaking_rule_sets(Limit=2, NextToken=first["NextToken"])
    assert [r["RuleSetName"] for r in second["RuleSets"]] == ["rules-2", "rules-3"]
    last = gamelift.describe_matchmaking_rule_sets(Limit=2, NextToken=second["NextToken"])
    assert [r["RuleSetName"] for r in last["RuleSets"]] == ["rules-4"]
    assert "NextToken" not in last


def test_the_paginator_gathers_every_rule_set(gamelift: Any, mock: PlacementMock) -> None:
    for index in range(12):
        gamelift.create_matchmaking_rule_set(Name=f"rules-{index}", RuleSetBody=BODY)
    paginator = gamelift.get_paginator("describe_matchmaking_rule_sets")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 5}))
    assert [len(page["RuleSets"]) for page in pages] == [5, 5, 2]
    names = [r["RuleSetName"] for page in pages for r in page["RuleSets"]]
    assert names == [f"rules-{index}" for index in range(12)]


def test_a_next_token_from_another_listing_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    for name in ("q1", "q2"):
        gamelift.create_game_session_queue(Name=name)
    token = gamelift.describe_game_session_queues(Limit=1)["NextToken"]
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_matchmaking_rule_sets(NextToken=token)
    assert _error(excinfo) == ("InvalidRequestException", f"Invalid NextToken: '{token}'.")


def test_more_than_ten_names_or_a_limit_over_ten_is_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    """The model caps Names and Limit at 10; botocore does not check list lengths."""
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_matchmaking_rule_sets(Names=[f"r{i}" for i in range(11)])
    assert _error(excinfo) == (
        "InvalidRequestException",
        "1 validation error detected: Value '[r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10]' at "
        "'names' failed to satisfy constraint: Member must have length less than or equal to 10",
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_matchmaking_rule_sets(Limit=11)
    assert _error(excinfo) == (
        "InvalidRequestException",
        "1 validation error detected: Value '11' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 10",
    )


def test_a_second_rule_set_of_the_same_name_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    """Rule sets are immutable: there is no update, and a name cannot be reused while it exists."""
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=OTHER_BODY)
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Matchmaking rule set 'duo' already exists.",
    )
    rule_sets = gamelift.describe_matchmaking_rule_sets()["RuleSets"]
    assert [r["RuleSetBody"] for r in rule_sets] == [BODY]
    assert not hasattr(gamelift, "update_matchmaking_rule_set")


def test_an_invalid_body_is_refused_and_nothing_is_stored(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_matchmaking_rule_set(Name="broken", RuleSetBody='{"teams": []}')
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Invalid rule set body: 'ruleLanguageVersion' is required",
    )
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []


def test_validate_answers_valid_for_a_valid_body(gamelift: Any, mock: PlacementMock) -> None:
    response = gamelift.validate_matchmaking_rule_set(RuleSetBody=BODY)
    assert response["Valid"] is True
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("not json", "the rule set body is not valid JSON at line 1 column 1: Expecting value"),
        ("[1, 2]", "the rule set body must be a JSON object"),
        ('{"ruleLanguageVersion": "1.0"}', "'teams' is required"),
    ],
)
def test_validate_refuses_an_invalid_body_rather_than_answering_not_valid(
    gamelift: Any, mock: PlacementMock, body: str, problem: str
) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.validate_matchmaking_rule_set(RuleSetBody=body)
    assert _error(excinfo) == ("InvalidRequestException", f"Invalid rule set body: {problem}")


def test_validate_and_create_refuse_with_the_same_message(
    gamelift: Any, mock: PlacementMock
) -> None:
    body = (
        '{"ruleLanguageVersion": "2.0", "teams": [{"name": "a", "minPlayers": 1, "maxPlayers": 1}]}'
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as validated:
        gamelift.validate_matchmaking_rule_set(RuleSetBody=body)
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as created:
        gamelift.create_matchmaking_rule_set(Name="v2", RuleSetBody=body)
    assert _error(validated) == _error(created)
    assert _error(created) == (
        "InvalidRequestException",
        "Invalid rule set body: 'ruleLanguageVersion' must be \"1.0\"",
    )
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []


def test_delete_by_name_or_arn(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    gamelift.create_matchmaking_rule_set(Name="squad", RuleSetBody=OTHER_BODY)
    assert (
        gamelift.delete_matchmaking_rule_set(Name="duo")["ResponseMetadata"]["HTTPStatusCode"]
        == 200
    )
    gamelift.delete_matchmaking_rule_set(Name=RULE_SET_ARN + "squad")
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []


def test_a_deleted_name_can_be_used_again(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    gamelift.delete_matchmaking_rule_set(Name="duo")
    created = gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=OTHER_BODY)
    assert created["RuleSet"]["RuleSetBody"] == OTHER_BODY


def test_delete_an_unknown_rule_set_is_not_found(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.delete_matchmaking_rule_set(Name="duo")
    assert _error(excinfo) == ("NotFoundException", "Matchmaking rule set 'duo' does not exist.")


def test_a_rule_set_in_use_by_a_configuration_cannot_be_deleted(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Documented: "Rule sets cannot be deleted if they are currently being used by a
    matchmaking configuration"."""
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    gamelift.create_matchmaking_configuration(
        Name="ranked",
        RuleSetName="duo",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.delete_matchmaking_rule_set(Name="duo")
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Matchmaking rule set 'duo' is used by matchmaking configuration 'ranked' and cannot be "
        "deleted.",
    )
    gamelift.delete_matchmaking_configuration(Name="ranked")
    gamelift.delete_matchmaking_rule_set(Name="duo")
    assert gamelift.describe_matchmaking_rule_sets()["RuleSets"] == []


def test_rule_sets_are_kept_per_region(mock: PlacementMock) -> None:
    west = boto3.client("gamelift", region_name=REGION)
    east = boto3.client("gamelift", region_name="us-east-1")
    west.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    assert east.describe_matchmaking_rule_sets()["RuleSets"] == []
    created = east.create_matchmaking_rule_set(Name="duo", RuleSetBody=OTHER_BODY)["RuleSet"]
    assert created["RuleSetArn"] == f"arn:aws:gamelift:us-east-1:{ACCOUNT}:matchmakingruleset/duo"


def test_arns_carry_the_partition_of_the_region(mock: PlacementMock) -> None:
    china = boto3.client("gamelift", region_name="cn-north-1")
    created = china.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)["RuleSet"]
    assert (
        created["RuleSetArn"] == f"arn:aws-cn:gamelift:cn-north-1:{ACCOUNT}:matchmakingruleset/duo"
    )


PUBLISHED = sorted((Path(__file__).parent / "rulesets").glob("*.json"))


@pytest.mark.parametrize("path", PUBLISHED, ids=[p.stem for p in PUBLISHED])
def test_published_rule_sets_are_accepted_and_returned_byte_for_byte(
    gamelift: Any, mock: PlacementMock, path: Path
) -> None:
    """The rule sets of AWS's guide and of public backends, each exactly as published."""
    body = path.read_text(encoding="utf-8")
    assert gamelift.validate_matchmaking_rule_set(RuleSetBody=body)["Valid"] is True
    gamelift.create_matchmaking_rule_set(Name="published", RuleSetBody=body)
    described = gamelift.describe_matchmaking_rule_sets(Names=["published"])["RuleSets"]
    assert described[0]["RuleSetBody"] == body


def test_a_rule_set_deleted_between_pages_makes_the_next_page_skip_no_survivor(
    gamelift: Any, mock: PlacementMock
) -> None:
    for index in range(4):
        gamelift.create_matchmaking_rule_set(Name=f"rules-{index}", RuleSetBody=BODY)
    first = gamelift.describe_matchmaking_rule_sets(Limit=2)
    assert [r["RuleSetName"] for r in first["RuleSets"]] == ["rules-0", "rules-1"]
    gamelift.delete_matchmaking_rule_set(Name="rules-0")
    rest = gamelift.describe_matchmaking_rule_sets(Limit=2, NextToken=first["NextToken"])
    assert [r["RuleSetName"] for r in rest["RuleSets"]] == ["rules-2", "rules-3"]
