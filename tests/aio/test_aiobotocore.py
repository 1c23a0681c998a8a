"""aiobotocore: async clients are served by the same mock, with the same answers, errors,
faults and guarantee that nothing leaves the process. Skipped when aiobotocore is not
installed (``pip install "gl_placement_mock[aio]"``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, TypeVar

import pytest
import time_machine
from botocore.config import Config
from botocore.exceptions import ClientError

from gl_placement_mock import PlacementMock, UnimplementedOperationError, mock_placement

from ..conftest import REGION

aiobotocore_session = pytest.importorskip("aiobotocore.session")
aiobotocore_endpoint = pytest.importorskip("aiobotocore.endpoint")

T = TypeVar("T")
T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def run(scenario: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(scenario())


@asynccontextmanager
async def client(**config: Any) -> AsyncIterator[Any]:
    session = aiobotocore_session.get_session()
    async with session.create_client(
        "gamelift", region_name=REGION, config=Config(**config)
    ) as gamelift:
        yield gamelift


@pytest.fixture(autouse=True)
def nothing_leaves_the_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail loudly if any aiobotocore request reaches its HTTP layer."""
    hits: list[str] = []

    async def tripped(*_args: Any, **_kwargs: Any) -> Any:
        hits.append("AioEndpoint.make_request")
        raise AssertionError("network reached through AioEndpoint.make_request")

    monkeypatch.setattr(aiobotocore_endpoint.AioEndpoint, "make_request", tripped)
    return hits


def test_queues_and_placements_through_an_async_client(mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)

    async def scenario() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        async with client() as gamelift:
            queue = await gamelift.create_game_session_queue(
                Name="ranked", Destinations=[{"DestinationArn": fleet.arn}]
            )
            await gamelift.start_game_session_placement(
                PlacementId="p-1", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
            )
            await gamelift.start_game_session_placement(
                PlacementId="p-2", GameSessionQueueName="ranked", MaximumPlayerSessionCount=2
            )
            first = await gamelift.describe_game_session_placement(PlacementId="p-1")
            stopped = await gamelift.stop_game_session_placement(PlacementId="p-2")
            return queue, first, stopped

    queue, first, stopped = run(scenario)
    assert queue["GameSessionQueue"]["GameSessionQueueArn"] == (
        "arn:aws:gamelift:us-west-2:123456789012:gamesessionqueue/ranked"
    )
    assert first["GameSessionPlacement"]["Status"] == "FULFILLED"
    assert first["GameSessionPlacement"]["GameSessionArn"].endswith("/p-1")
    assert first["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert stopped["GameSessionPlacement"]["Status"] == "CANCELLED"
    assert [e["detail"]["type"] for e in mock.events] == [
        "PlacementFulfilled",
        "PlacementCancelled",
    ]


def test_errors_are_the_async_clients_modelled_exceptions(mock: PlacementMock) -> None:
    async def scenario() -> tuple[ClientError, Any]:
        async with client() as gamelift:
            try:
                await gamelift.describe_game_session_placement(PlacementId="nope")
            except gamelift.exceptions.NotFoundException as error:
                return error, gamelift.exceptions.NotFoundException
        raise AssertionError("no error")

    error, expected = run(scenario)
    assert type(error) is expected
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert str(error) == (
        "An error occurred (NotFoundException) when calling the DescribeGameSessionPlacement "
        "operation: Game session placement 'nope' does not exist."
    )


def test_an_unvalidated_async_client_gets_the_services_validation_wording(
    mock: PlacementMock,
) -> None:
    async def scenario() -> ClientError:
        async with client(parameter_validation=False) as gamelift:
            try:
                await gamelift.start_game_session_placement(
                    PlacementId="p" * 49, GameSessionQueueName=5, MaximumPlayerSessionCount="x"
                )
            except ClientError as error:
                return error
        raise AssertionError("no error")

    error = run(scenario)
    assert error.response["Error"] == {
        "Code": "InvalidRequestException",
        "Message": (
            "3 validation errors detected: Value '" + "p" * 49 + "' at 'placementId' failed to "
            "satisfy constraint: Member must have length less than or equal to 48; Value at "
            "'gameSessionQueueName' failed to satisfy constraint: Member must be of type "
            "string; Value at 'maximumPlayerSessionCount' failed to satisfy constraint: Member "
            "must be of type integer"
        ),
    }


def test_unimplemented_operations_are_refused_in_process(
    mock: PlacementMock, nothing_leaves_the_process: list[str]
) -> None:
    async def scenario() -> UnimplementedOperationError:
        async with client() as gamelift:
            try:
                await gamelift.describe_ec2_instance_limits()
            except UnimplementedOperationError as error:
                return error
        raise AssertionError("no error")

    assert run(scenario).operation == "DescribeEC2InstanceLimits"
    assert nothing_leaves_the_process == []


def test_without_a_mock_the_async_request_goes_to_its_http_layer(
    nothing_leaves_the_process: list[str],
) -> None:
    """The control for the tripwire above."""

    async def scenario() -> None:
        async with client(retries={"max_attempts": 1}) as gamelift:
            await gamelift.describe_game_session_queues()

    with pytest.raises(AssertionError) as excinfo:
        asyncio.run(scenario())
    assert str(excinfo.value) == "network reached through AioEndpoint.make_request"


def test_injected_faults_reach_async_callers_without_retries(mock: PlacementMock) -> None:
    fault = mock.inject_fault("CreateGameSessionQueue", count=1)

    async def scenario() -> tuple[ClientError, dict[str, Any]]:
        async with client(retries={"max_attempts": 5, "mode": "standard"}) as gamelift:
            try:
                await gamelift.create_game_session_queue(Name="q")
            except ClientError as error:
                return error, await gamelift.create_game_session_queue(Name="q")
        raise AssertionError("no error")

    error, created = run(scenario)
    assert error.response["Error"]["Code"] == "ThrottlingException"
    assert error.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert fault.injected == 1
    assert created["GameSessionQueue"]["Name"] == "q"


def test_an_async_function_decorated_with_mock_placement() -> None:
    @mock_placement
    async def scenario() -> list[str]:
        async with client() as gamelift:
            await gamelift.create_game_session_queue(Name="decorated")
            await asyncio.sleep(0)
            queues = await gamelift.describe_game_session_queues()
        return [q["Name"] for q in queues["GameSessionQueues"]]

    assert asyncio.run(scenario()) == ["decorated"]


def test_many_concurrent_async_starts_on_one_slot_fulfill_exactly_one(mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)

    async def scenario() -> list[str]:
        async with client() as gamelift:
            await gamelift.create_game_session_queue(
                Name="scarce", Destinations=[{"DestinationArn": fleet.arn}]
            )
            await asyncio.gather(
                *(
                    gamelift.start_game_session_placement(
                        PlacementId=f"a-{n}",
                        GameSessionQueueName="scarce",
                        MaximumPlayerSessionCount=1,
                    )
                    for n in range(50)
                )
            )
            found = await asyncio.gather(
                *(gamelift.describe_game_session_placement(PlacementId=f"a-{n}") for n in range(50))
            )
        return [p["GameSessionPlacement"]["Status"] for p in found]

    statuses = run(scenario)
    assert statuses.count("FULFILLED") == 1
    assert statuses.count("PENDING") == 49


def test_time_machine_moves_the_clock_for_async_clients(mock: PlacementMock) -> None:
    async def scenario(traveller: Any) -> dict[str, Any]:
        async with client() as gamelift:
            await gamelift.create_game_session_queue(
                Name="wait", Destinations=[], TimeoutInSeconds=30
            )
            await gamelift.start_game_session_placement(
                PlacementId="p-t", GameSessionQueueName="wait", MaximumPlayerSessionCount=1
            )
            traveller.shift(timedelta(minutes=1))
            found: dict[str, Any] = await gamelift.describe_game_session_placement(
                PlacementId="p-t"
            )
            return found["GameSessionPlacement"]

    with time_machine.travel(T0, tick=False) as traveller:
        placement = asyncio.run(scenario(traveller))
    assert placement["Status"] == "TIMED_OUT"
    assert placement["EndTime"] == T0 + timedelta(seconds=30)
