"""Every way to turn the mock on and off: decorator (function, async, method, class,
TestCase), context manager, start/stop, nesting, and the pytest fixture."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
import unittest
from typing import Any

import pytest

from gl_placement_mock import PlacementMock, PlacementMockError, mock_placement


def _queue_names(client: Any) -> list[str]:
    return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


def test_bare_decorator_on_a_function(gamelift: Any) -> None:
    @mock_placement
    def make_queue(name: str) -> list[str]:
        gamelift.create_game_session_queue(Name=name)
        return _queue_names(gamelift)

    assert make_queue("one") == ["one"]
    assert make_queue("two") == ["two"]  # fresh state each call
    assert make_queue.__name__ == "make_queue"
    assert list(inspect.signature(make_queue).parameters) == ["name"]


def test_decorator_with_options(gamelift: Any) -> None:
    @mock_placement(account_id="210987654321")
    def arn() -> str:
        queue = gamelift.create_game_session_queue(Name="q")["GameSessionQueue"]
        value: str = queue["GameSessionQueueArn"]
        return value

    assert arn() == "arn:aws:gamelift:us-west-2:210987654321:gamesessionqueue/q"


def test_decorator_on_an_async_function_keeps_the_mock_on_while_it_runs(gamelift: Any) -> None:
    @mock_placement
    async def scenario() -> list[str]:
        gamelift.create_game_session_queue(Name="before-await")
        await asyncio.sleep(0)
        gamelift.create_game_session_queue(Name="after-await")
        return _queue_names(gamelift)

    assert inspect.iscoroutinefunction(scenario)
    assert asyncio.run(scenario()) == ["before-await", "after-await"]


def test_decorator_on_a_method(gamelift: Any) -> None:
    class Service:
        @mock_placement
        def run(self, name: str) -> list[str]:
            gamelift.create_game_session_queue(Name=name)
            return _queue_names(gamelift)

    assert Service().run("m") == ["m"]


def test_context_manager_and_handle(gamelift: Any) -> None:
    with mock_placement() as mock:
        assert isinstance(mock, PlacementMock)
        assert mock.active
        gamelift.create_game_session_queue(Name="cm")
        assert _queue_names(gamelift) == ["cm"]
    assert not mock.active


def test_start_and_stop(gamelift: Any) -> None:
    mock = mock_placement()
    assert mock.start() is mock
    try:
        gamelift.create_game_session_queue(Name="manual")
        assert _queue_names(gamelift) == ["manual"]
    finally:
        mock.stop()
    with pytest.raises(PlacementMockError) as excinfo:
        mock.stop()
    assert str(excinfo.value) == "stop() called on a mock that is not active."


def test_nested_activation_shares_state_until_the_outermost_ends(gamelift: Any) -> None:
    with mock_placement():
        gamelift.create_game_session_queue(Name="outer")
        with mock_placement() as inner:
            gamelift.create_game_session_queue(Name="inner")
            assert _queue_names(gamelift) == ["outer", "inner"]
        assert not inner.active
        assert _queue_names(gamelift) == ["outer", "inner"]
    with mock_placement():
        assert _queue_names(gamelift) == []


def test_one_object_can_be_nested_in_itself(gamelift: Any) -> None:
    mock = mock_placement()
    with mock:
        gamelift.create_game_session_queue(Name="again")
        with mock:
            assert _queue_names(gamelift) == ["again"]
        assert mock.active
    assert not mock.active


def test_stopping_out_of_order_is_refused(gamelift: Any) -> None:
    outer = mock_placement().start()
    inner = mock_placement().start()
    with pytest.raises(PlacementMockError) as excinfo:
        outer.stop()
    assert str(excinfo.value) == (
        "Mocks stopped out of order: stop the most recently started mock first."
    )
    inner.stop()
    outer.stop()


def test_inactive_handle_says_so(gamelift: Any) -> None:
    mock = mock_placement()
    with pytest.raises(PlacementMockError) as excinfo:
        _ = mock.events
    assert str(excinfo.value) == (
        "This mock has not been started. Steer and inspect it while it is active: inside the "
        "function or class it decorates, inside its with block, or after start()."
    )


def test_account_id_is_checked() -> None:
    with pytest.raises(ValueError, match="account_id must be 12 digits"):
        mock_placement(account_id="123")


def test_decorating_something_else_is_refused() -> None:
    with pytest.raises(TypeError) as excinfo:
        mock_placement()(42)
    assert str(excinfo.value) == (
        "mock_placement can only decorate functions, coroutine functions and classes."
    )


shared = mock_placement()


@shared
class TestPlainClass:
    """pytest-style class: every test, with its setup_method, inside a fresh mock."""

    def setup_method(self, method: Any) -> None:
        import boto3

        self.client = boto3.client("gamelift", region_name="us-west-2")
        self.client.create_game_session_queue(Name=f"setup-{method.__name__[-1]}")
        self.method = method

    def teardown_method(self) -> None:
        assert shared.active

    def test_a(self) -> None:
        assert _queue_names(self.client) == ["setup-a"]

    def test_b(self) -> None:
        assert _queue_names(self.client) == ["setup-b"]
        assert shared.active


def test_class_decorator_returns_the_class() -> None:
    assert inspect.isclass(TestPlainClass)
    assert not shared.active


@mock_placement
class TestUnittestCase(unittest.TestCase):
    def setUp(self) -> None:
        import boto3

        self.client = boto3.client("gamelift", region_name="us-west-2")
        self.client.create_game_session_queue(Name="from-setup")

    def test_one(self) -> None:
        self.client.create_game_session_queue(Name="one")
        self.assertEqual(_queue_names(self.client), ["from-setup", "one"])

    def test_two(self) -> None:
        self.assertEqual(_queue_names(self.client), ["from-setup"])


def test_fixture_yields_the_active_handle(placement_mock: PlacementMock, gamelift: Any) -> None:
    assert isinstance(placement_mock, PlacementMock)
    assert placement_mock.active
    gamelift.create_game_session_queue(Name="fixture")
    assert _queue_names(gamelift) == ["fixture"]


def test_importing_the_package_does_not_import_pytest() -> None:
    code = "import sys, gl_placement_mock; print('pytest' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
