"""Matchmaking configurations and rule sets over the wire: the same operations, answers and
errors from a served mock as in-process."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock.server import PlacementServer

from .conftest import control

BODY = """{
    // a comment, and a name that is not ASCII: kept byte for byte
    "name": "dúo ✓",
    "ruleLanguageVersion": "1.0",
    "teams": [{"name": "red", "maxPlayers": 2, "minPlayers": 1}]
}"""


def test_rule_sets_and_configurations_created_described_tagged_and_deleted(client: Any) -> None:
    queue_arn = client.create_game_session_queue(Name="games")["GameSessionQueue"][
        "GameSessionQueueArn"
    ]
    assert client.validate_matchmaking_rule_set(RuleSetBody=BODY)["Valid"] is True
    rule_set = client.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)["RuleSet"]
    assert rule_set["RuleSetArn"] == (
        "arn:aws:gamelift:us-west-2:123456789012:matchmakingruleset/duo"
    )
    assert rule_set["RuleSetBody"] == BODY
    assert rule_set["CreationTime"].tzinfo is not None
    configuration = client.create_matchmaking_configuration(
        Name="ranked",
        RuleSetName=rule_set["RuleSetArn"],
        GameSessionQueueArns=[queue_arn],
        RequestTimeoutSeconds=60,
        AcceptanceRequired=True,
        AcceptanceTimeoutSeconds=10,
        GameProperties=[{"Key": "mode", "Value": "ranked"}],
        Tags=[{"Key": "env", "Value": "test"}],
    )["Configuration"]
    assert configuration["ConfigurationArn"] == (
        "arn:aws:gamelift:us-west-2:123456789012:matchmakingconfiguration/ranked"
    )
    assert configuration["RuleSetName"] == "duo"
    updated = client.update_matchmaking_configuration(Name="ranked", RequestTimeoutSeconds=90)
    assert updated["Configuration"]["RequestTimeoutSeconds"] == 90
    pages = client.get_paginator("describe_matchmaking_configurations").paginate()
    assert [c["Name"] for page in pages for c in page["Configurations"]] == ["ranked"]
    described = client.describe_matchmaking_rule_sets(Names=["duo"])["RuleSets"]
    assert [r["RuleSetBody"] for r in described] == [BODY]
    tags = client.list_tags_for_resource(ResourceARN=configuration["ConfigurationArn"])
    assert tags["Tags"] == [{"Key": "env", "Value": "test"}]
    with pytest.raises(client.exceptions.InvalidRequestException) as in_use:
        client.delete_matchmaking_rule_set(Name="duo")
    assert in_use.value.response["Error"]["Message"] == (
        "Matchmaking rule set 'duo' is used by matchmaking configuration 'ranked' and cannot "
        "be deleted."
    )
    client.delete_matchmaking_configuration(Name="ranked")
    client.delete_matchmaking_rule_set(Name="duo")
    assert client.describe_matchmaking_rule_sets()["RuleSets"] == []


def test_errors_over_the_wire(client: Any) -> None:
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.describe_matchmaking_rule_sets(Names=["nowhere"])
    assert missing.value.response["Error"] == {
        "Code": "NotFoundException",
        "Message": "Matchmaking rule set 'nowhere' does not exist.",
    }
    with pytest.raises(client.exceptions.InvalidRequestException) as invalid:
        client.validate_matchmaking_rule_set(RuleSetBody="[]")
    assert invalid.value.response["Error"]["Message"] == (
        "Invalid rule set body: the rule set body must be a JSON object"
    )
    with pytest.raises(client.exceptions.InvalidRequestException) as limit:
        client.describe_matchmaking_configurations(Limit=11)
    assert limit.value.response["Error"]["Message"] == (
        "1 validation error detected: Value '11' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 10"
    )


def test_reset_forgets_configurations_and_rule_sets(server: PlacementServer, client: Any) -> None:
    client.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    client.create_matchmaking_configuration(
        Name="solo",
        RuleSetName="duo",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    assert control(server, "POST", "reset") == (200, {})
    assert client.describe_matchmaking_configurations()["Configurations"] == []
    assert client.describe_matchmaking_rule_sets()["RuleSets"] == []
