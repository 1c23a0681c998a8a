"""StartMatchmaking with malformed nested values when botocore does not validate, and the
times a match formed by a timer is stamped with."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.config import Config
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
PAIR = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
        "teams": [{"name": "all", "maxPlayers": 2, "minPlayers": 2}],
    }
)


@pytest.fixture
def unchecked(mock: PlacementMock) -> Any:
    """A client that sends whatever it is given, a rule set "r" (one team of 2) and a
    STANDALONE configuration "c"."""
    client = boto3.client("gamelift", region_name=REGION, config=Config(parameter_validation=False))
    client.create_matchmaking_rule_set(Name="r", RuleSetBody=PAIR)
    client.create_matchmaking_configuration(
        Name="c",
        RuleSetName="r",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    return client


@pytest.mark.parametrize(
    ("player", "path"),
    [
        ({"PlayerId": "p", "LatencyInMs": {"us-west-2": None}}, "players.1.member.latencyInMs"),
        (
            {"PlayerId": "p", "PlayerAttributes": {"skill": None}},
            "players.1.member.playerAttributes",
        ),
        (
            {"PlayerId": "p", "PlayerAttributes": {"skill": {"SDM": {"a": None}}}},
            "players.1.member.playerAttributes.1.value.sDM",
        ),
    ],
    ids=["latency", "attribute", "sdm-entry"],
)
def test_a_null_map_value_is_an_invalid_request(
    unchecked: Any, mock: PlacementMock, player: dict[str, Any], path: str
) -> None:
    with pytest.raises(unchecked.exceptions.InvalidRequestException) as excinfo:
        unchecked.start_matchmaking(ConfigurationName="c", Players=[player])
    assert excinfo.value.response["Error"]["Message"] == (
        f"1 validation error detected: Value null at '{path}.1.value' failed to satisfy "
        "constraint: Member must not be null"
    )
    assert mock.events == []


@pytest.mark.parametrize(
    "player",
    [
        {"PlayerId": "p", "LatencyInMs": {"us-west-2": "fast"}},
        {"PlayerId": "p", "LatencyInMs": ["us-west-2"]},
        {"PlayerId": "p", "PlayerAttributes": {"skill": {"N": "high"}}},
        {"PlayerId": "p", "PlayerAttributes": {"skill": {"SL": ["a", None]}}},
        {"PlayerId": "p", "PlayerAttributes": {"skill": {"SDM": {"a": "b"}}}},
        {"PlayerId": "p", "PlayerAttributes": {"skill": "high"}},
        {"PlayerId": "p", "PlayerAttributes": ["skill"]},
    ],
    ids=[
        "latency-text",
        "latency-list",
        "number-text",
        "string-list-null",
        "sdm-text",
        "attribute-text",
        "attributes-list",
    ],
)
def test_a_wrong_typed_nested_value_is_an_invalid_request(
    unchecked: Any, mock: PlacementMock, player: dict[str, Any]
) -> None:
    with pytest.raises(unchecked.exceptions.InvalidRequestException) as excinfo:
        unchecked.start_matchmaking(ConfigurationName="c", Players=[player])
    assert excinfo.value.response["Error"]["Message"].startswith("1 validation error detected: ")
    assert mock.events == []


def test_a_match_formed_by_a_timer_is_placed_at_the_time_it_fell_due(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=5)
    gamelift.create_game_session_queue(Name="games", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.create_matchmaking_rule_set(Name="r", RuleSetBody=PAIR)
    with freeze_time(T0) as frozen:
        gamelift.create_matchmaking_configuration(
            Name="c",
            RuleSetName="r",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            GameSessionQueueArns=[f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/games"],
        )
        mock.set_matchmaking_delay(5, configuration="c")
        for name in ("a", "b"):
            gamelift.start_matchmaking(
                TicketId=name, ConfigurationName="c", Players=[{"PlayerId": name}]
            )
        frozen.tick(timedelta(seconds=7))
        mock.advance()
    ticket = gamelift.describe_matchmaking(TicketIds=["a"])["TicketList"][0]
    match_id = ticket["GameSessionConnectionInfo"]["GameSessionArn"].rsplit("/", 1)[-1]
    placement = gamelift.describe_game_session_placement(PlacementId=match_id)[
        "GameSessionPlacement"
    ]
    assert ticket["EndTime"] == T0 + timedelta(seconds=5)
    assert placement["StartTime"] == T0 + timedelta(seconds=5)
    assert placement["EndTime"] == T0 + timedelta(seconds=5)
