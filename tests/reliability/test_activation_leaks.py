"""Activations never leak: whatever order they end in (threads, ``asyncio.gather``, a nested
mock a test forgot to stop), once each has ended nothing stays active and the next activation
starts fresh. Misuse still gets a clear error, after the cleanup."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from gl_placement_mock import PlacementMockError, mock_placement
from gl_placement_mock.activation import registry as activation


def _queue_names(client: Any) -> list[str]:
    return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


def _starts_fresh(gamelift: Any) -> None:
    assert not activation.is_active()
    with mock_placement():
        assert _queue_names(gamelift) == []


def test_threads_ending_in_the_opposite_order_leave_nothing_active(gamelift: Any) -> None:
    first_started, second_started, first_done = (threading.Event() for _ in range(3))
    errors: list[BaseException] = []

    @mock_placement
    def first() -> None:
        gamelift.create_game_session_queue(Name="first")
        first_started.set()
        second_started.wait()

    @mock_placement
    def second() -> None:
        first_started.wait()
        second_started.set()
        first_done.wait()  # ends after first, though it started later
        gamelift.create_game_session_queue(Name="second")

    def run(target: Any, done: threading.Event) -> None:
        try:
            target()
        except BaseException as error:
            errors.append(error)
        done.set()

    threads = [
        threading.Thread(target=run, args=(first, first_done)),
        threading.Thread(target=run, args=(second, threading.Event())),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _starts_fresh(gamelift)


def test_decorated_coroutines_under_gather_leave_nothing_active(gamelift: Any) -> None:
    async def scenario() -> list[list[str]]:
        second_started = asyncio.Event()
        first_done = asyncio.Event()

        @mock_placement
        async def first() -> list[str]:
            gamelift.create_game_session_queue(Name="first")
            await second_started.wait()
            return _queue_names(gamelift)

        @mock_placement
        async def second() -> list[str]:
            second_started.set()
            await first_done.wait()
            return _queue_names(gamelift)

        async def first_then_signal() -> list[str]:
            names = await first()
            first_done.set()
            return names

        return list(await asyncio.gather(first_then_signal(), second()))

    # Overlapping activations in two tasks each have their own state: neither is nested.
    assert asyncio.run(scenario()) == [["first"], []]
    _starts_fresh(gamelift)


def test_a_forgotten_nested_mock_is_stopped_with_its_parent(gamelift: Any) -> None:
    forgotten = mock_placement()

    @mock_placement
    def leaves_a_mock_running() -> None:
        forgotten.start()
        gamelift.create_game_session_queue(Name="leaked")

    with pytest.raises(PlacementMockError) as excinfo:
        leaves_a_mock_running()
    assert str(excinfo.value) == (
        "Mocks stopped out of order: a mock started inside this one was still active, and has "
        "been stopped too. Stop the most recently started mock first."
    )
    assert not forgotten.active
    _starts_fresh(gamelift)


def test_a_failing_body_keeps_its_own_exception_and_still_cleans_up(gamelift: Any) -> None:
    with pytest.raises(KeyError), mock_placement():
        mock_placement().start()
        raise KeyError("the test's own failure")
    _starts_fresh(gamelift)


def test_stop_from_another_thread_ends_that_mock_only(gamelift: Any) -> None:
    outer = mock_placement().start()
    try:
        other = mock_placement()
        thread = threading.Thread(target=other.start)
        thread.start()
        thread.join()
        gamelift.create_game_session_queue(Name="shared")
        outer_stopped = threading.Thread(target=outer.stop)
        outer_stopped.start()
        outer_stopped.join()
        assert not outer.active
        # The other thread's mock still serves this thread, which has none left of its own;
        # started where none was on, it has its own state.
        assert _queue_names(gamelift) == []
        other.stop()
    finally:
        if outer.active:
            outer.stop()
        if other.active:
            other.stop()
    _starts_fresh(gamelift)


FIXTURE_TESTS = textwrap.dedent(
    """
    import boto3

    from gl_placement_mock import mock_placement


    def _names(client):
        return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


    def test_leaves_a_mock_running(placement_mock):
        client = boto3.client("gamelift", region_name="us-west-2")
        mock_placement().start()
        client.create_game_session_queue(Name="left-behind")


    def test_next_test_starts_clean(placement_mock):
        client = boto3.client("gamelift", region_name="us-west-2")
        assert _names(client) == []


    def test_callback_assertion_fails_the_test(placement_mock):
        client = boto3.client("gamelift", region_name="us-west-2")
        fleet = placement_mock.add_fleet("us-west-2")
        client.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])

        def on_event(event):
            assert event["detail"]["type"] == "PlacementTimedOut"

        placement_mock.subscribe(on_event)
        placement = client.start_game_session_placement(
            PlacementId="p", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
        assert placement["GameSessionPlacement"]["Status"] == "PENDING"


    def test_after_that_still_clean(placement_mock):
        client = boto3.client("gamelift", region_name="us-west-2")
        assert _names(client) == []
    """
)


def test_the_fixture_fails_a_test_that_leaves_a_mock_running(tmp_path: Path) -> None:
    (tmp_path / "test_fixture_use.py").write_text(FIXTURE_TESTS)
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rE"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={
            "AWS_EC2_METADATA_DISABLED": "true",
            "COLUMNS": "1000",
            "PATH": "",
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
    )
    summary = [line for line in out.stdout.splitlines() if line.startswith("ERROR test_")]
    assert summary == [
        "ERROR test_fixture_use.py::test_leaves_a_mock_running - "
        "gl_placement_mock.errors.PlacementMockError: A mock started during this test was "
        "still active when the test ended; it has been stopped so the next test starts clean. "
        "Stop every mock you start, or use it as a context manager or decorator.",
        "ERROR test_fixture_use.py::test_callback_assertion_fails_the_test - "
        "AssertionError: assert 'PlacementFulfilled' == 'PlacementTimedOut'",
    ], out.stdout
    last = out.stdout.rstrip().splitlines()[-1]
    assert "4 passed" in last and "2 errors" in last and "failed" not in last, out.stdout
