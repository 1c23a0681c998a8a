"""Edges of decorating with ``@mock_placement``: an async generator that yields nothing, one
that is thrown into or closed early (the mock is active in its handlers and ``finally``), and
a decorated pytest class whose ``setup_method`` or ``setup_class`` raises (the error is
reported, and the mock is stopped, not left running)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import boto3
import pytest

from gl_placement_mock import mock_placement

from .conftest import REGION

pytest_plugins = ["pytester"]


def _queue_names() -> list[str]:
    client = boto3.client("gamelift", region_name=REGION)
    return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


def test_a_decorated_async_generator_that_yields_nothing_ends_with_the_mock_off() -> None:
    mock = mock_placement()

    @mock
    async def nothing() -> AsyncIterator[int]:
        assert mock.active
        return
        yield  # pragma: no cover - makes this an async generator

    async def consume() -> list[int]:
        return [item async for item in nothing()]

    assert asyncio.run(consume()) == []
    assert not mock.active


def test_a_decorated_async_generator_handles_athrow_and_aclose_inside_its_mock() -> None:
    mock = mock_placement()
    seen: list[Any] = []

    @mock
    async def values() -> AsyncIterator[str]:
        boto3.client("gamelift", region_name=REGION).create_game_session_queue(Name="q")
        try:
            while True:
                try:
                    yield "value"
                except KeyError as error:
                    seen.append(("caught", error.args[0], _queue_names()))
                    yield "after-error"
        finally:
            seen.append(("closed", mock.active))

    async def drive() -> list[str]:
        generator = values()
        got = [await generator.__anext__()]
        got.append(await generator.athrow(KeyError("boom")))
        got.append(await generator.asend(None))
        await generator.aclose()
        return got

    assert asyncio.run(drive()) == ["value", "after-error", "value"]
    assert seen == [("caught", "boom", ["q"]), ("closed", True)]
    assert not mock.active


def test_a_decorated_async_generator_that_ends_after_athrow_stops() -> None:
    mock = mock_placement()

    @mock
    async def once() -> AsyncIterator[str]:
        try:
            yield "only"
        except KeyError:
            return

    async def drive() -> str:
        generator = once()
        await generator.__anext__()
        try:
            await generator.athrow(KeyError("stop"))
        except StopAsyncIteration:
            return "stopped"
        return "went on"  # pragma: no cover - the generator returned

    assert asyncio.run(drive()) == "stopped"
    assert not mock.active


FAILING_SETUP = """
from gl_placement_mock import mock_placement

FIRST = mock_placement()
SECOND = mock_placement()


@FIRST
class TestSetupMethodFails:
    def setup_method(self):
        raise RuntimeError("setup_method failed")

    def test_never_runs(self):
        raise AssertionError("not reached")


@SECOND
class TestSetupClassFails:
    @classmethod
    def setup_class(cls):
        raise RuntimeError("setup_class failed")

    def test_never_runs(self):
        raise AssertionError("not reached")


def test_no_mock_left_running():
    assert not FIRST.active
    assert not SECOND.active
"""


def test_a_failing_setup_in_a_decorated_class_stops_its_mock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(FAILING_SETUP)
    result = pytester.runpytest("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines(["*RuntimeError: setup_method failed*"])
    result.stdout.fnmatch_lines(["*RuntimeError: setup_class failed*"])
    assert "not reached" not in result.stdout.str()
