"""Matchmaking events where event-driven backends read them, through moto's ``mock_aws``: the
configuration's SNS NotificationTarget (Message = the event JSON) and the default EventBridge
bus of the configuration's Region. And the whole path as a backend sees it: two players'
tickets, acceptance, the match placed in the lowest-latency Region of the queue,
MatchmakingSucceeded from an SQS queue subscribed to the topic, MatchmakerData read back from
DescribeGameSessions. Skipped when moto is not installed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, mock_placement

from ..conftest import REGION

moto = pytest.importorskip("moto")

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
RULES = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
        "teams": [
            {"name": "red", "maxPlayers": 1, "minPlayers": 1},
            {"name": "blue", "maxPlayers": 1, "minPlayers": 1},
        ],
        "rules": [{"name": "fast", "type": "latency", "maxLatency": 150}],
    }
)


class World:
    """moto's SNS, SQS and EventBridge; a queue over a fleet in us-west-2 with a location in
    eu-west-1; a configuration whose NotificationTarget feeds one SQS queue, and an EventBridge
    rule on the default bus that feeds another."""

    def __init__(self, mock: PlacementMock) -> None:
        self.mock = mock
        self.sns = boto3.client("sns", region_name=REGION)
        self.sqs = boto3.client("sqs", region_name=REGION)
        self.events = boto3.client("events", region_name=REGION)
        self.gamelift = boto3.client("gamelift", region_name=REGION)
        self.topic = self.sns.create_topic(Name="matchmaking")["TopicArn"]
        self.from_sns = self._queue("from-sns")
        self.sns.subscribe(TopicArn=self.topic, Protocol="sqs", Endpoint=self._arn(self.from_sns))
        self.from_bus = self._queue("from-bus")
        self.events.put_rule(
            Name="matchmaking",
            EventPattern=json.dumps({"detail-type": ["GameLift Matchmaking Event"]}),
        )
        self.events.put_targets(
            Rule="matchmaking", Targets=[{"Id": "sqs", "Arn": self._arn(self.from_bus)}]
        )
        fleet = mock.add_fleet(REGION, capacity=2, locations={"eu-west-1": 2})
        queue = self.gamelift.create_game_session_queue(
            Name="games", Destinations=[{"DestinationArn": fleet.arn}]
        )["GameSessionQueue"]["GameSessionQueueArn"]
        self.gamelift.create_matchmaking_rule_set(Name="duel", RuleSetBody=RULES)
        self.gamelift.create_matchmaking_configuration(
            Name="duel",
            RuleSetName="duel",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=True,
            AcceptanceTimeoutSeconds=20,
            GameSessionQueueArns=[queue],
            NotificationTarget=self.topic,
        )

    def _queue(self, name: str) -> str:
        url: str = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        return url

    def _arn(self, url: str) -> str:
        attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        arn: str = attributes["Attributes"]["QueueArn"]
        return arn

    def receive(self, url: str) -> list[dict[str, Any]]:
        bodies = []
        while True:
            messages = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get(
                "Messages", []
            )
            if not messages:
                return bodies
            for message in messages:
                bodies.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])

    def sns_events(self) -> list[dict[str, Any]]:
        """The events delivered through SNS, as a Lambda handler reads them."""
        return [json.loads(body["Message"]) for body in self.receive(self.from_sns)]


@pytest.fixture
def world() -> Iterator[World]:
    with freeze_time(T0), moto.mock_aws(), mock_placement() as mock:
        yield World(mock)


def _start(world: World, ticket_id: str, player_id: str, latency: dict[str, int]) -> None:
    world.gamelift.start_matchmaking(
        TicketId=ticket_id,
        ConfigurationName="duel",
        Players=[{"PlayerId": player_id, "LatencyInMs": latency}],
    )


def test_two_players_accept_and_their_match_is_placed_where_latency_is_lowest(
    world: World,
) -> None:
    gamelift = world.gamelift
    _start(world, "t-1", "alice", {REGION: 120, "eu-west-1": 25})
    _start(world, "t-2", "bob", {REGION: 110, "eu-west-1": 35})
    statuses = gamelift.describe_matchmaking(TicketIds=["t-1", "t-2"])["TicketList"]
    assert {t["Status"] for t in statuses} == {"REQUIRES_ACCEPTANCE"}
    gamelift.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    gamelift.accept_match(TicketId="t-2", PlayerIds=["bob"], AcceptanceType="ACCEPT")

    delivered = world.sns_events()
    assert [e["detail"]["type"] for e in delivered] == [
        "MatchmakingSearching",
        "MatchmakingSearching",
        "PotentialMatchCreated",
        "AcceptMatch",
        "AcceptMatch",
        "AcceptMatchCompleted",
        "MatchmakingSucceeded",
    ]
    succeeded = delivered[-1]
    assert succeeded["detail-type"] == "GameLift Matchmaking Event"
    assert succeeded["resources"] == [
        gamelift.describe_matchmaking_configurations(Names=["duel"])["Configurations"][0][
            "ConfigurationArn"
        ]
    ]
    info = succeeded["detail"]["gameSessionInfo"]
    assert "/eu-west-1/" in info["gameSessionArn"]
    assert {p["playerId"] for p in info["players"]} == {"alice", "bob"}
    assert all(p["playerSessionId"].startswith("psess-") for p in info["players"])

    (session,) = gamelift.describe_game_sessions(GameSessionId=info["gameSessionArn"])[
        "GameSessions"
    ]
    assert session["Location"] == "eu-west-1"
    data = json.loads(session["MatchmakerData"])
    assert data["matchId"] == succeeded["detail"]["matchId"]
    assert sorted(team["name"] for team in data["teams"]) == ["blue", "red"]
    players = [p for team in data["teams"] for p in team["players"]]
    assert sorted(p["playerId"] for p in players) == ["alice", "bob"]
    # The rule set's default is filled in for an attribute the player did not send.
    assert all(
        p["attributes"] == {"skill": {"attributeType": "DOUBLE", "valueAttribute": 10.0}}
        for p in players
    )
    tickets = gamelift.describe_matchmaking(TicketIds=["t-1", "t-2"])["TicketList"]
    assert {t["Status"] for t in tickets} == {"COMPLETED"}
    assert {t["GameSessionConnectionInfo"]["GameSessionArn"] for t in tickets} == {
        info["gameSessionArn"]
    }


def test_the_default_eventbridge_bus_gets_the_same_events(world: World) -> None:
    _start(world, "t-1", "alice", {REGION: 50})
    world.gamelift.stop_matchmaking(TicketId="t-1")
    bodies = world.receive(world.from_bus)
    assert [b["detail"]["type"] for b in bodies] == [
        "MatchmakingSearching",
        "MatchmakingCancelled",
    ]
    assert [b["detail"] for b in bodies] == [e["detail"] for e in world.mock.events]
    assert all(b["detail-type"] == "GameLift Matchmaking Event" for b in bodies)
    assert all(b["source"] == "aws.gamelift" and b["region"] == REGION for b in bodies)
    assert world.sns_events() == world.mock.events
