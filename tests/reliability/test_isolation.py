"""Isolation: while a mock is active no GameLift request reaches the network (implemented
operations or not); activating and deactivating thousands of times leaves no handlers, memory
or state behind; the environment is never modified and credentials are never read."""

from __future__ import annotations

import gc
import os
import socket
import threading
import tracemalloc
from collections.abc import Iterator
from typing import Any, Callable

import boto3
import botocore.endpoint
import botocore.httpsession
import botocore.session
import pytest
import urllib3
from botocore import handlers, xform_name
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.credentials import CredentialProvider, Credentials
from botocore.exceptions import ClientError

from gl_placement_mock import UnimplementedOperationError, mock_placement
from gl_placement_mock.activation import registry as activation
from gl_placement_mock.operations import OPERATIONS

from ..conftest import REGION


class Tripwires:
    """Every way a request could leave the process, made to record and fail loudly."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.hits: list[str] = []
        self.sent: list[Any] = []

        def trip(name: str) -> Callable[..., Any]:
            def tripped(*_args: Any, **_kwargs: Any) -> Any:
                self.hits.append(name)
                raise AssertionError(f"network reached through {name}")

            return tripped

        for owner, name in (
            (botocore.endpoint.Endpoint, "make_request"),
            (botocore.httpsession.URLLib3Session, "send"),
            (urllib3.connectionpool.HTTPConnectionPool, "urlopen"),
            (socket.socket, "connect"),
            (socket.socket, "connect_ex"),
        ):
            monkeypatch.setattr(owner, name, trip(f"{owner.__name__}.{name}"))
        monkeypatch.setattr(socket, "create_connection", trip("socket.create_connection"))
        monkeypatch.setattr(socket, "getaddrinfo", trip("socket.getaddrinfo"))

    def before_send(self, request: Any, **_kwargs: Any) -> None:
        self.sent.append(request)


@pytest.fixture
def tripwires(monkeypatch: pytest.MonkeyPatch) -> Tripwires:
    return Tripwires(monkeypatch)


def _client(tripwires: Tripwires, **config: Any) -> Any:
    client = boto3.client(
        "gamelift",
        region_name=REGION,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(**config),
    )
    client.meta.events.register("before-send", tripwires.before_send)
    return client


def test_no_request_reaches_the_network_for_any_operation(tripwires: Tripwires) -> None:
    """Every operation in the GameLift model, implemented or not, with a validating and a
    non-validating client: each is answered in process or refused by name."""
    validating, unvalidated = _client(tripwires), _client(tripwires, parameter_validation=False)
    operations = validating.meta.service_model.operation_names
    assert len(operations) > 100
    answered, refused = set(), set()
    with mock_placement():
        validating.create_game_session_queue(Name="q", Destinations=[])
        validating.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        validating.stop_game_session_placement(PlacementId="p-1")
        for operation in operations:
            method = getattr(unvalidated, xform_name(operation))
            try:
                method()
                answered.add(operation)
            except ClientError as error:
                assert 400 <= error.response["ResponseMetadata"]["HTTPStatusCode"] < 500
                answered.add(operation)
            except UnimplementedOperationError as error:
                assert error.operation == operation
                refused.add(operation)
    assert answered == set(OPERATIONS)
    assert refused == set(operations) - set(OPERATIONS)
    assert tripwires.hits == []
    assert tripwires.sent == []


def test_the_network_tripwires_catch_a_request_when_no_mock_is_active(tripwires: Tripwires) -> None:
    """The control: without a mock the same client does reach the network stage."""
    client = _client(tripwires, retries={"max_attempts": 1})
    with pytest.raises(AssertionError) as excinfo:
        client.describe_game_session_queues()
    assert str(excinfo.value) == "network reached through Endpoint.make_request"
    assert tripwires.hits == ["Endpoint.make_request"]


def _handler_counts(client: Any) -> list[int]:
    # botocore has no public way to count a client's handlers; its emitter's table is read here.
    table = client.meta.events._emitter._handlers
    return [
        len(list(table.prefix_search(f"{event}.gamelift.StartGameSessionPlacement")))
        for event in ("before-parameter-build", "before-call", "before-send", "needs-retry")
    ]


def _cycle(client: Any, n: int) -> None:
    with mock_placement() as mock:
        client.create_game_session_queue(Name="q")
        mock.add_fleet(REGION, capacity=1)
        mock.inject_fault("DescribeGameSessionQueues", count=1)
        client.start_game_session_placement(
            PlacementId=f"p-{n}", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        mock.subscribe(lambda event: None)


@pytest.fixture
def untraced() -> Iterator[None]:
    was_tracing = tracemalloc.is_tracing()
    yield
    if tracemalloc.is_tracing() and not was_tracing:
        tracemalloc.stop()


def test_thousands_of_activations_leave_no_handlers_memory_or_state(untraced: None) -> None:
    client = boto3.client("gamelift", region_name=REGION)
    builtin, handlers_before = len(handlers.BUILTIN_HANDLERS), _handler_counts(client)
    threads = threading.active_count()
    for n in range(200):  # warm caches: validators, the service model, botocore's own
        _cycle(client, n)
    gc.collect()
    tracemalloc.start()
    baseline, _peak = tracemalloc.get_traced_memory()
    for n in range(2000):
        _cycle(client, n)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - baseline
    tracemalloc.stop()

    # One activation's state is several KiB: keeping it would add megabytes here. Allocator
    # and library caches (dateutil, botocore) account for the tens of KiB actually measured.
    assert grown < 256 * 1024, f"{grown} bytes kept after 2000 activations"
    assert activation._active == ()
    assert not activation.is_active()
    assert len(handlers.BUILTIN_HANDLERS) == builtin
    assert _handler_counts(client) == handlers_before
    assert threading.active_count() == threads
    with mock_placement():
        assert client.describe_game_session_queues()["GameSessionQueues"] == []


def test_every_activation_form_cleans_up(gamelift: Any) -> None:
    @mock_placement
    def decorated() -> None:
        gamelift.create_game_session_queue(Name="q")

    for _ in range(500):
        decorated()
        started = mock_placement().start()
        inner = mock_placement().start()
        inner.stop()
        started.stop()
        with mock_placement(), mock_placement():
            gamelift.create_game_session_queue(Name="q")
    assert activation._active == ()
    assert not activation.is_active()


class _EnvironTripwire:
    def __init__(self) -> None:
        self.writes: list[str] = []

    def __call__(self, name: str) -> Callable[..., Any]:
        def tripped(*args: Any, **_kwargs: Any) -> Any:
            self.writes.append(f"{name}{args[1:2]}")
            raise AssertionError(f"environment modified through {name}")

        return tripped


def test_the_environment_is_never_modified(monkeypatch: pytest.MonkeyPatch) -> None:
    client = boto3.client("gamelift", region_name=REGION)
    before = dict(os.environ)
    tripwire = _EnvironTripwire()
    for name in ("__setitem__", "__delitem__"):
        monkeypatch.setattr(type(os.environ), name, tripwire(f"os.environ.{name}"))
    monkeypatch.setattr(os, "putenv", tripwire("os.putenv"))
    monkeypatch.setattr(os, "unsetenv", tripwire("os.unsetenv"))
    with mock_placement() as mock:
        inside = boto3.client("gamelift", region_name="eu-west-1")
        client.create_game_session_queue(Name="q", Destinations=[])
        inside.create_game_session_queue(Name="q")
        client.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        mock.inject_fault("StopGameSessionPlacement", count=1)
        with pytest.raises(ClientError):
            client.stop_game_session_placement(PlacementId="p-1")
        with pytest.raises(UnimplementedOperationError):
            client.describe_ec2_instance_limits()
        mock.timeline()
    monkeypatch.undo()
    assert tripwire.writes == []
    assert dict(os.environ) == before


class _TouchedCredentials(Credentials):
    """Credentials that note every attribute anybody reads from them."""

    def __init__(self, touched: list[str]) -> None:
        object.__setattr__(self, "_touched", [])
        super().__init__("AKIDEXAMPLE", "secret")
        object.__setattr__(self, "_touched", touched)

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):
            object.__getattribute__(self, "_touched").append(name)
        return object.__getattribute__(self, name)


class _Provider(CredentialProvider):
    METHOD = "touch-recorder"

    def __init__(self, touched: list[str]) -> None:
        super().__init__()
        self.touched = touched

    def load(self) -> Credentials:
        self.touched.append("load")
        return _TouchedCredentials(self.touched)


def test_credentials_are_never_read_while_calls_are_answered() -> None:
    touched: list[str] = []
    session = botocore.session.get_session()
    session.get_component("credential_provider").insert_before("env", _Provider(touched))
    client = session.create_client("gamelift", region_name=REGION)
    assert "load" in touched  # botocore itself resolves credentials when it builds a client
    touched.clear()
    with mock_placement() as mock:
        client.create_game_session_queue(Name="q", Destinations=[])
        client.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        mock.inject_fault("DescribeGameSessionPlacement", "InternalServiceException", count=1)
        with pytest.raises(ClientError):
            client.describe_game_session_placement(PlacementId="p-1")
        with pytest.raises(ClientError):
            client.describe_game_session_placement(PlacementId="missing")
        with pytest.raises(UnimplementedOperationError):
            client.describe_ec2_instance_limits()
    assert touched == []


def test_the_credentials_recorder_sees_a_request_being_signed() -> None:
    """The control: without a mock, signing the request reads the credentials."""
    touched: list[str] = []
    session = botocore.session.get_session()
    session.get_component("credential_provider").insert_before("env", _Provider(touched))
    client = session.create_client("gamelift", region_name=REGION)
    client.meta.events.register("before-send", _canned_queues)
    touched.clear()
    assert client.describe_game_session_queues()["GameSessionQueues"] == []
    assert "get_frozen_credentials" in touched


class _Body:
    @staticmethod
    def stream(**_kwargs: Any) -> Iterator[bytes]:
        yield b'{"GameSessionQueues": []}'


def _canned_queues(request: Any, **_kwargs: Any) -> AWSResponse:
    return AWSResponse(request.url, 200, {}, _Body())
