"""Fault injection: the handle makes chosen operations fail (the next N calls, or a seeded
fraction of them) with ThrottlingException, InternalServiceException or any modelled error; a
failed call changes nothing, and botocore does not retry it."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from gl_placement_mock import InjectedFault, PlacementMock, UnimplementedOperationError
from gl_placement_mock.operations import OPERATIONS

from ..conftest import REGION
from .helpers import fingerprint


def _start(client: Any, placement_id: str, queue: str = "q") -> dict[str, Any]:
    response: dict[str, Any] = client.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=1
    )
    return response


def _error(call: Callable[[], Any]) -> ClientError:
    with pytest.raises(ClientError) as excinfo:
        call()
    return excinfo.value


def test_the_next_n_calls_fail_then_the_fault_is_spent(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("q")
    fault = mock.inject_fault("StartGameSessionPlacement", count=2)

    for attempt in (1, 2):
        error = _error(lambda: _start(gamelift, "p-1"))
        assert type(error) is ClientError  # ThrottlingException is not a modelled GameLift error
        assert error.response["Error"] == {
            "Code": "ThrottlingException",
            "Message": "ThrottlingException injected by gl_placement_mock.",
        }
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert error.response["ResponseMetadata"]["RetryAttempts"] == 0
        assert fault.injected == attempt

    # The failed calls did not use the PlacementId up: the same id now starts.
    placement = _start(gamelift, "p-1")["GameSessionPlacement"]
    assert placement["PlacementId"] == "p-1"
    assert (fault.calls, fault.injected, fault.exhausted, fault.active) == (2, 2, True, False)
    assert mock.faults == []


@pytest.mark.parametrize(
    ("code", "status", "modelled"),
    [
        ("ThrottlingException", 400, False),
        ("InternalFailure", 500, False),
        ("ServiceUnavailable", 503, False),
        ("InternalServiceException", 500, True),
        ("InvalidRequestException", 400, True),
        ("NotFoundException", 400, True),
        ("UnauthorizedException", 400, True),
        ("UnsupportedRegionException", 400, True),
    ],
)
def test_each_code_comes_back_with_its_status_and_exception_class(
    gamelift: Any,
    make_queue: Callable[..., Any],
    mock: PlacementMock,
    code: str,
    status: int,
    modelled: bool,
) -> None:
    make_queue("q")
    mock.inject_fault("StartGameSessionPlacement", code, count=1, message=f"{code} for the test")
    error = _error(lambda: _start(gamelift, "p-1"))
    assert error.response["Error"] == {"Code": code, "Message": f"{code} for the test"}
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert str(error) == (
        f"An error occurred ({code}) when calling the StartGameSessionPlacement operation: "
        f"{code} for the test"
    )
    if modelled:
        assert type(error) is getattr(gamelift.exceptions, code)
    else:
        assert type(error) is ClientError


def test_a_seeded_rate_fails_a_repeatable_fraction_of_calls(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("q")

    def run(seed: int) -> list[bool]:
        fault = mock.inject_fault("DescribeGameSessionQueues", rate=0.25, seed=seed)
        failed = []
        for _ in range(200):
            try:
                gamelift.describe_game_session_queues()
                failed.append(False)
            except ClientError as error:
                assert error.response["Error"]["Code"] == "ThrottlingException"
                failed.append(True)
        fault.remove()
        assert (fault.calls, fault.injected) == (200, sum(failed))
        return failed

    first, again, other = run(7), run(7), run(8)
    draws = random.Random(7)
    assert first == [draws.random() < 0.25 for _ in range(200)]
    assert first == again
    assert first != other
    assert 30 <= sum(first) <= 70


def test_count_and_rate_together_cap_the_failures(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("q")
    fault = mock.inject_fault("DescribeGameSessionQueues", "InternalFailure", count=3, rate=0.5)
    outcomes = []
    for _ in range(40):
        try:
            gamelift.describe_game_session_queues()
            outcomes.append("ok")
        except ClientError as error:
            outcomes.append(error.response["Error"]["Code"])
    assert outcomes.count("InternalFailure") == 3
    assert fault.exhausted


def test_only_the_chosen_operation_fails_until_removed(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("q", Destinations=[])
    fault = mock.inject_fault("StopGameSessionPlacement", "InternalServiceException")
    _start(gamelift, "p-1")
    gamelift.describe_game_session_placement(PlacementId="p-1")
    for _ in range(3):
        with pytest.raises(gamelift.exceptions.InternalServiceException):
            gamelift.stop_game_session_placement(PlacementId="p-1")
    assert mock.faults == [fault]
    fault.remove()
    fault.remove()  # removing twice is harmless
    stopped = gamelift.stop_game_session_placement(PlacementId="p-1")
    assert stopped["GameSessionPlacement"]["Status"] == "CANCELLED"


def test_faults_are_consulted_in_the_order_they_were_added(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("q")
    first = mock.inject_fault("DescribeGameSessionQueues", "ServiceUnavailable", count=1)
    second = mock.inject_fault("DescribeGameSessionQueues", "InternalFailure", count=1)
    codes = [
        _error(gamelift.describe_game_session_queues).response["Error"]["Code"] for _ in (1, 2)
    ]
    assert codes == ["ServiceUnavailable", "InternalFailure"]
    assert (first.calls, second.calls) == (1, 1)
    assert gamelift.describe_game_session_queues()["GameSessionQueues"][0]["Name"] == "q"


def test_star_fails_every_implemented_operation_but_not_unimplemented_ones(
    gamelift: Any, mock: PlacementMock
) -> None:
    mock.inject_fault("*", "InternalServiceException")
    with pytest.raises(gamelift.exceptions.InternalServiceException):
        gamelift.create_game_session_queue(Name="q")
    with pytest.raises(gamelift.exceptions.InternalServiceException):
        gamelift.describe_player_sessions(PlayerId="player-1")
    with pytest.raises(gamelift.exceptions.InternalServiceException):
        gamelift.list_fleets()
    with pytest.raises(UnimplementedOperationError):
        gamelift.describe_ec2_instance_limits()
    mock.clear_faults()
    assert mock.faults == []
    assert gamelift.create_game_session_queue(Name="q")["GameSessionQueue"]["Name"] == "q"


def test_a_failed_call_changes_nothing(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)
    make_queue("q", Destinations=[{"DestinationArn": fleet.arn}])
    _start(gamelift, "p-1")
    _start(gamelift, "p-2")
    before = fingerprint(mock)
    mock.inject_fault("*", "InternalServiceException")
    calls: list[Callable[[], Any]] = [
        lambda: _start(gamelift, "p-3"),
        lambda: gamelift.stop_game_session_placement(PlacementId="p-2"),
        lambda: gamelift.delete_game_session_queue(Name="q"),
        lambda: gamelift.update_game_session_queue(Name="q", Destinations=[]),
        lambda: gamelift.create_game_session_queue(Name="other"),
    ]
    for call in calls:
        with pytest.raises(gamelift.exceptions.InternalServiceException):
            call()
    assert fingerprint(mock) == before


@pytest.mark.parametrize("mode", ["legacy", "standard", "adaptive"])
def test_botocore_does_not_retry_injected_errors(mock: PlacementMock, mode: str) -> None:
    """The mock answers at botocore's before-call event, before the retry loop: whatever the
    client's retry configuration, an injected error reaches the caller on the first attempt."""
    client = boto3.client(
        "gamelift",
        region_name=REGION,
        config=Config(retries={"max_attempts": 10, "mode": mode}),
    )
    retry_checks: list[str] = []
    client.meta.events.register("needs-retry.gamelift", lambda **kw: retry_checks.append("x"))
    fault = mock.inject_fault("CreateGameSessionQueue", "ThrottlingException", count=3)
    error = _error(lambda: client.create_game_session_queue(Name="q"))
    assert error.response["Error"]["Code"] == "ThrottlingException"
    assert error.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert fault.injected == 1
    assert retry_checks == []


def test_a_retry_loop_in_user_code_sees_each_injected_error(mock: PlacementMock) -> None:
    """What users test with this: their own retry and back-off code."""
    client = boto3.client("gamelift", region_name=REGION)

    def create_with_retries(name: str, attempts: int) -> tuple[int, dict[str, Any]]:
        for attempt in range(1, attempts + 1):
            try:
                return attempt, client.create_game_session_queue(Name=name)
            except ClientError as error:
                if error.response["Error"]["Code"] != "ThrottlingException":
                    raise
        raise AssertionError("gave up")

    mock.inject_fault("CreateGameSessionQueue", count=2)
    attempt, response = create_with_retries("q", attempts=5)
    assert attempt == 3
    assert response["GameSessionQueue"]["Name"] == "q"


def test_a_counted_fault_fails_exactly_that_many_calls_across_threads(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    make_queue("q")
    fault = mock.inject_fault("DescribeGameSessionQueues", count=50)

    def worker(_: int) -> int:
        failed = 0
        for _ in range(50):
            try:
                gamelift.describe_game_session_queues()
            except ClientError:
                failed += 1
        return failed

    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(worker, range(8))) == 50
    assert fault.injected == 50


def test_faults_end_with_the_mock(gamelift: Any) -> None:
    from gl_placement_mock import mock_placement

    with mock_placement() as mock:
        mock.inject_fault("CreateGameSessionQueue")
    with mock_placement() as mock:
        assert mock.faults == []
        gamelift.create_game_session_queue(Name="q")


def test_injected_fault_repr(mock: PlacementMock) -> None:
    fault = mock.inject_fault("StartGameSessionPlacement", count=2, rate=0.5, seed=3)
    assert isinstance(fault, InjectedFault)
    assert repr(fault) == (
        "<InjectedFault StartGameSessionPlacement -> ThrottlingException (400) count=2 "
        "rate=0.5 seed=3 injected=0>"
    )
    assert repr(mock.inject_fault("*", "InternalFailure")) == (
        "<InjectedFault * -> InternalFailure (500) injected=0>"
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (
            ("DescribeEC2InstanceLimits",),
            {},
            "Cannot inject faults into 'DescribeEC2InstanceLimits': name an operation the mock "
            "implements "
            f"({', '.join(sorted(OPERATIONS))}) or '*' for all of them.",
        ),
        (
            ("StartGameSessionPlacement", "GameSessionFullException"),
            {},
            "StartGameSessionPlacement cannot answer with 'GameSessionFullException'; choose "
            "one of: InternalFailure, InternalServiceException, InvalidRequestException, "
            "NotFoundException, ServiceUnavailable, ThrottlingException, "
            "UnauthorizedException, UnsupportedRegionException.",
        ),
        (
            ("*", "GameSessionFullException"),
            {},
            "* cannot answer with 'GameSessionFullException'; choose one of: InternalFailure, "
            "InternalServiceException, InvalidRequestException, ServiceUnavailable, "
            "ThrottlingException.",
        ),
        (
            ("StartGameSessionPlacement", "ValidationException"),
            {},
            "StartGameSessionPlacement cannot answer with 'ValidationException'; choose one "
            "of: InternalFailure, InternalServiceException, InvalidRequestException, "
            "NotFoundException, ServiceUnavailable, ThrottlingException, "
            "UnauthorizedException, UnsupportedRegionException.",
        ),
        (
            ("StartGameSessionPlacement",),
            {"count": 0},
            "count must be a whole number of at least 1, got 0.",
        ),
        (
            ("StartGameSessionPlacement",),
            {"count": True},
            "count must be a whole number of at least 1, got True.",
        ),
        (
            ("StartGameSessionPlacement",),
            {"rate": 0},
            "rate must be a number above 0 and at most 1, got 0.",
        ),
        (
            ("StartGameSessionPlacement",),
            {"rate": 1.5},
            "rate must be a number above 0 and at most 1, got 1.5.",
        ),
        (
            ("StartGameSessionPlacement",),
            {"seed": "7"},
            "seed must be an integer, got '7'.",
        ),
    ],
)
def test_impossible_faults_are_refused_when_injected(
    mock: PlacementMock, args: tuple[str, ...], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.inject_fault(*args, **kwargs)
    assert str(excinfo.value) == message
    assert mock.faults == []
