"""Living beside moto: ``mock_aws()`` and ``mock_placement()`` active together, in either order
and either way of stopping. moto serves its services; this mock serves GameLift (moto has no
GameLift). Skipped when moto is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack
from typing import Any, Callable

import boto3
import pytest
from botocore.exceptions import ClientError

from gl_placement_mock import mock_placement

from ..conftest import REGION

moto = pytest.importorskip("moto")


class _SentRecorder:
    def __init__(self) -> None:
        self.requests: list[Any] = []

    def __call__(self, request: Any, **_kwargs: Any) -> None:
        self.requests.append(request)


def _gamelift() -> tuple[Any, _SentRecorder]:
    client = boto3.client("gamelift", region_name=REGION)
    recorder = _SentRecorder()
    client.meta.events.register("before-send", recorder)
    return client, recorder


def _use_both() -> tuple[list[str], list[str], list[str], int]:
    """S3 and SQS (moto's) and GameLift (ours), each through a fresh client."""
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="game-assets")
    sqs = boto3.client("sqs", region_name=REGION)
    sqs.create_queue(QueueName="matches")
    gamelift, recorder = _gamelift()
    gamelift.create_game_session_queue(Name="ranked", Destinations=[])
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
    )
    return (
        [b["Name"] for b in s3.list_buckets()["Buckets"]],
        [url.rsplit("/", 1)[-1] for url in sqs.list_queues()["QueueUrls"]],
        [q["Name"] for q in gamelift.describe_game_session_queues()["GameSessionQueues"]],
        len(recorder.requests),
    )


ORDERS: dict[str, Callable[[], list[AbstractContextManager[Any]]]] = {
    "moto-outside": lambda: [moto.mock_aws(), mock_placement()],
    "moto-inside": lambda: [mock_placement(), moto.mock_aws()],
}


@pytest.fixture(params=sorted(ORDERS))
def both(request: pytest.FixtureRequest) -> Iterator[None]:
    with ExitStack() as stack:
        for manager in ORDERS[request.param]():
            stack.enter_context(manager)
        yield


def test_each_serves_its_own_services(both: None) -> None:
    buckets, queues, gamelift_queues, gamelift_sent = _use_both()
    assert buckets == ["game-assets"]
    assert queues == ["matches"]
    assert gamelift_queues == ["ranked"]
    assert gamelift_sent == 0  # answered before botocore's send stage, where moto listens


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_stopping_either_first_leaves_the_other_working(order: str) -> None:
    first, second = ORDERS[order]()
    first.__enter__()
    try:
        second.__enter__()
        _use_both()
        second.__exit__(None, None, None)
        s3 = boto3.client("s3", region_name="us-east-1")
        gamelift, _recorder = _gamelift()
        if order == "moto-outside":  # only moto is left: it serves S3, GameLift is unknown to it
            assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["game-assets"]
            with pytest.raises(ClientError) as excinfo:
                gamelift.describe_game_session_queues()
            assert excinfo.value.response["Error"]["Message"] == "Not yet implemented"
        else:  # only this mock is left: GameLift still answered, with its state
            queues = gamelift.describe_game_session_queues()["GameSessionQueues"]
            assert [q["Name"] for q in queues] == ["ranked"]
    finally:
        first.__exit__(None, None, None)


def test_stacked_decorators_in_either_order() -> None:
    @moto.mock_aws
    @mock_placement
    def ours_inside() -> tuple[list[str], list[str], list[str], int]:
        return _use_both()

    @mock_placement
    @moto.mock_aws
    def ours_outside() -> tuple[list[str], list[str], list[str], int]:
        return _use_both()

    expected = (["game-assets"], ["matches"], ["ranked"], 0)
    assert ours_inside() == expected
    assert ours_outside() == expected
