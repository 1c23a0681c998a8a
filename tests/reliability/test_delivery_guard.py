"""Delivery to SNS and EventBridge is answered by moto inside the process or not made at all:
whatever moto does in other threads, no request from this package leaves the process. A skipped
delivery is a warning naming the queue, the topic and why. FIFO topics get every event."""

from __future__ import annotations

import json
import logging
import socket
from typing import Any

import boto3
import pytest

from gl_placement_mock import mock_placement
from gl_placement_mock.delivery import events as delivery

from ..conftest import REGION

moto = pytest.importorskip("moto")

TOPIC = f"arn:aws:sns:{REGION}:123456789012:placement-events"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Real-looking credentials in the environment, and every socket connection or name lookup
    refused and noted."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    tried: list[Any] = []

    def refuse(*args: Any, **_kwargs: Any) -> Any:
        tried.append(args[1:] or args)
        raise OSError("network use is refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return tried


def test_a_delivery_after_moto_stopped_is_not_sent_but_skipped_with_a_warning(
    no_network: list[Any], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # moto was active when the delivery looked, and stopped before it sent: the worst timing.
    monkeypatch.setattr(delivery, "_moto_active", lambda: True)
    gamelift = boto3.client("gamelift", region_name=REGION)
    with mock_placement() as mock, caplog.at_level(logging.WARNING, "gl_placement_mock"):
        fleet = mock.add_fleet(REGION)
        gamelift.create_game_session_queue(
            Name="ranked", NotificationTarget=TOPIC, Destinations=[{"DestinationArn": fleet.arn}]
        )
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
        )
        assert [e["detail"]["type"] for e in mock.events] == ["PlacementFulfilled"]
    assert no_network == []
    queue = f"arn:aws:gamelift:{REGION}:123456789012:gamesessionqueue/ranked"
    assert [r.getMessage() for r in caplog.records] == [
        f"gl_placement_mock could not publish a placement event of queue {queue} to its "
        f"NotificationTarget {TOPIC}: not sent: moto's mock_aws was no longer active to "
        "answer it",
        f"gl_placement_mock could not put a placement event of queue {queue} on the default "
        f"EventBridge bus of {REGION}: not sent: moto's mock_aws was no longer active to "
        "answer it",
    ]


def test_a_delivery_client_sends_nothing_without_moto(no_network: list[Any]) -> None:
    client = delivery._client("sns", REGION)
    with pytest.raises(delivery.DeliveryRefusedError):
        client.publish(TopicArn=TOPIC, Message="{}")
    assert no_network == []


def test_a_missing_moto_extra_is_named_in_the_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from moto.core.models import botocore_stubber

    original = botocore_stubber.process_request

    def without_events_extra(request: Any) -> Any:
        if "events." in request.url:
            raise ModuleNotFoundError("No module named 'jsonpath_ng'", name="jsonpath_ng")
        return original(request)

    gamelift = boto3.client("gamelift", region_name=REGION)
    with moto.mock_aws(), mock_placement() as mock:
        monkeypatch.setattr(botocore_stubber, "process_request", without_events_extra)
        fleet = mock.add_fleet(REGION)
        gamelift.create_game_session_queue(
            Name="ranked", Destinations=[{"DestinationArn": fleet.arn}]
        )
        with caplog.at_level(logging.WARNING, "gl_placement_mock"):
            gamelift.start_game_session_placement(
                PlacementId="p-1", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
            )
    queue = f"arn:aws:gamelift:{REGION}:123456789012:gamesessionqueue/ranked"
    assert [r.getMessage() for r in caplog.records] == [
        f"gl_placement_mock could not put a placement event of queue {queue} on the default "
        f"EventBridge bus of {REGION}: moto cannot serve events without its extra: install "
        "moto[events] (ModuleNotFoundError: jsonpath_ng)"
    ]


def test_a_fifo_topic_gets_every_event_in_order_once(caplog: pytest.LogCaptureFixture) -> None:
    gamelift = boto3.client("gamelift", region_name=REGION)
    with moto.mock_aws(), mock_placement() as mock:
        sns = boto3.client("sns", region_name=REGION)
        sqs = boto3.client("sqs", region_name=REGION)
        topic = sns.create_topic(
            Name="placements.fifo",
            Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "false"},
        )["TopicArn"]
        url = sqs.create_queue(QueueName="placements.fifo", Attributes={"FifoQueue": "true"})[
            "QueueUrl"
        ]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        sns.subscribe(
            TopicArn=topic,
            Protocol="sqs",
            Endpoint=arn,
            Attributes={"RawMessageDelivery": "true"},
        )
        fleet = mock.add_fleet(REGION, capacity=1)
        gamelift.create_game_session_queue(
            Name="ranked", NotificationTarget=topic, Destinations=[{"DestinationArn": fleet.arn}]
        )
        with caplog.at_level(logging.WARNING, "gl_placement_mock"):
            gamelift.start_game_session_placement(
                PlacementId="p-1", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
            )
            gamelift.start_game_session_placement(
                PlacementId="p-2", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
            )
            gamelift.stop_game_session_placement(PlacementId="p-2")
        messages = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"]
        )["Messages"]
        assert [json.loads(m["Body"]) for m in messages] == mock.events
        assert [m["Attributes"]["MessageGroupId"] for m in messages] == ["ranked", "ranked"]
        assert [m["Attributes"]["MessageDeduplicationId"] for m in messages] == [
            e["id"] for e in mock.events
        ]
    assert [r for r in caplog.records if "NotificationTarget" in r.getMessage()] == []
