"""Placement events where event-driven backends read them: the queue's SNS NotificationTarget and
the default EventBridge bus, through moto's ``mock_aws``. No GameLift call is needed after Start
for an event to arrive; a call of any other service settles what the clock has made due.
Skipped when moto is not installed (CI runs them with it: none may skip)."""

from __future__ import annotations

import json
import logging
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


class World:
    """moto's SNS, SQS and EventBridge, with this mock's GameLift, and one queue whose
    NotificationTarget feeds an SQS queue, and an EventBridge rule that feeds another."""

    def __init__(self, mock: PlacementMock, frozen: Any) -> None:
        self.mock = mock
        self.frozen = frozen
        self.sns = boto3.client("sns", region_name=REGION)
        self.sqs = boto3.client("sqs", region_name=REGION)
        self.events = boto3.client("events", region_name=REGION)
        self.gamelift = boto3.client("gamelift", region_name=REGION)
        self.topic = self.sns.create_topic(Name="placement-events")["TopicArn"]
        self.from_sns = self._queue("from-sns")
        self.sns.subscribe(TopicArn=self.topic, Protocol="sqs", Endpoint=self._arn(self.from_sns))
        self.from_bus = self._queue("from-bus")
        self.events.put_rule(
            Name="gamelift-placements", EventPattern=json.dumps({"source": ["aws.gamelift"]})
        )
        self.events.put_targets(
            Rule="gamelift-placements", Targets=[{"Id": "sqs", "Arn": self._arn(self.from_bus)}]
        )
        self.fleet = mock.add_fleet(REGION, capacity=1)

    def _queue(self, name: str) -> str:
        url: str = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        return url

    def _arn(self, url: str) -> str:
        attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        arn: str = attributes["Attributes"]["QueueArn"]
        return arn

    def make_queue(self, name: str = "ranked", **settings: Any) -> str:
        settings.setdefault("NotificationTarget", self.topic)
        queue = self.gamelift.create_game_session_queue(
            Name=name,
            TimeoutInSeconds=30,
            Destinations=[{"DestinationArn": self.fleet.arn}],
            **settings,
        )
        arn: str = queue["GameSessionQueue"]["GameSessionQueueArn"]
        return arn

    def start(self, placement_id: str, queue: str = "ranked") -> str:
        status: str = self.gamelift.start_game_session_placement(
            PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=2
        )["GameSessionPlacement"]["Status"]
        return status

    def receive(self, url: str) -> list[dict[str, Any]]:
        """Every message body waiting in an SQS queue, parsed, and delete them."""
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
        """The placement events delivered through SNS, as a Lambda handler reads them."""
        return [json.loads(body["Message"]) for body in self.receive(self.from_sns)]


@pytest.fixture
def world() -> Iterator[World]:
    with freeze_time(T0) as frozen, moto.mock_aws(), mock_placement() as mock:
        yield World(mock, frozen)


def test_fulfillment_reaches_the_sns_topic_with_no_call_after_start(world: World) -> None:
    world.make_queue()
    assert world.start("p-1") == "PENDING"
    # No GameLift call since Start: the SQS queue subscribed to the topic already has it.
    (body,) = world.receive(world.from_sns)
    assert body["Type"] == "Notification"
    assert body["TopicArn"] == world.topic
    event = json.loads(body["Message"])
    assert event["detail"]["type"] == "PlacementFulfilled"
    assert event == world.mock.events[0]


def test_sns_message_parses_to_the_same_dict_as_mock_events(world: World) -> None:
    world.make_queue(CustomEventData="shard-7")
    world.start("p-1")
    world.start("p-2")  # waits: the fleet has one slot
    world.gamelift.stop_game_session_placement(PlacementId="p-2")
    assert world.sns_events() == world.mock.events
    assert [e["detail"]["type"] for e in world.mock.events] == [
        "PlacementFulfilled",
        "PlacementCancelled",
    ]


def test_timeout_arrives_after_a_tick_and_only_an_sqs_poll(world: World) -> None:
    world.make_queue()
    world.start("p-1")
    world.start("p-2")
    assert [e["detail"]["type"] for e in world.sns_events()] == ["PlacementFulfilled"]
    world.frozen.tick(31)
    # The SQS ReceiveMessage (served by moto) is the only call after the tick.
    (event,) = world.sns_events()
    assert event["detail"]["type"] == "PlacementTimedOut"
    assert event["detail"]["placementId"] == "p-2"
    assert event["detail"]["endTime"] == "2026-03-01T12:00:30.000Z"


def test_eventbridge_rule_on_the_default_bus_gets_the_same_events(world: World) -> None:
    queue_arn = world.make_queue(NotificationTarget="")
    world.start("p-1")
    world.start("p-2")
    world.frozen.tick(31)
    bodies = world.receive(world.from_bus)
    assert [b["detail"] for b in bodies] == [e["detail"] for e in world.mock.events]
    assert [b["detail"]["type"] for b in bodies] == ["PlacementFulfilled", "PlacementTimedOut"]
    for body in bodies:
        assert body["source"] == "aws.gamelift"
        assert body["detail-type"] == "GameLift Queue Placement Event"
        assert body["resources"] == [queue_arn]
        assert body["region"] == REGION
    assert world.receive(world.from_sns) == []  # this queue has no NotificationTarget


def test_a_missing_topic_is_a_warning_never_a_failed_call(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    missing = f"arn:aws:sns:{REGION}:123456789012:no-such-topic"
    world.make_queue(NotificationTarget=missing)
    with caplog.at_level(logging.WARNING, logger="gl_placement_mock"):
        assert world.start("p-1") == "PENDING"
    assert [r.getMessage() for r in caplog.records] == [
        "gl_placement_mock could not publish a placement event of queue "
        f"arn:aws:gamelift:{REGION}:123456789012:gamesessionqueue/ranked to its "
        f"NotificationTarget {missing}: NotFound"
    ]
    # The event still happened, and still reached EventBridge.
    assert [e["detail"]["type"] for e in world.mock.events] == ["PlacementFulfilled"]
    assert [b["detail"]["placementId"] for b in world.receive(world.from_bus)] == ["p-1"]


def test_without_moto_active_nothing_is_published(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from gl_placement_mock.delivery import events as delivery

    made: list[tuple[str, str]] = []
    monkeypatch.setattr(delivery, "_client", lambda *key: made.append(key))
    with moto.mock_aws():  # moto imported and used, but not active below
        pass
    with mock_placement() as mock:
        gamelift = boto3.client("gamelift", region_name=REGION)
        fleet = mock.add_fleet(REGION)
        gamelift.create_game_session_queue(
            Name="q",
            NotificationTarget=f"arn:aws:sns:{REGION}:123456789012:t",
            Destinations=[{"DestinationArn": fleet.arn}],
        )
        gamelift.start_game_session_placement(
            PlacementId="p", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        assert [e["detail"]["type"] for e in mock.events] == ["PlacementFulfilled"]
    assert made == []
    assert caplog.records == []


def test_publishing_calls_do_not_settle_again(world: World) -> None:
    """Publishing into SNS is itself a botocore call: it must not re-enter delivery."""
    world.make_queue()
    seen: list[str] = []
    world.mock.subscribe(lambda event: seen.append(event["detail"]["placementId"]))
    world.start("p-1")
    world.start("p-2")
    world.frozen.tick(31)
    world.receive(world.from_sns)
    assert seen == ["p-1", "p-2"]
    assert [e["detail"]["placementId"] for e in world.mock.events] == ["p-1", "p-2"]
