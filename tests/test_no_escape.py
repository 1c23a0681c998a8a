"""No call escapes: every GameLift client in the process is served while a mock is active,
however and whenever it was made, and decoration covers what users decorate: generator and
async-generator functions (yield fixtures), and a TestCase's setUpClass / tearDownClass."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import unittest
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from gl_placement_mock import mock_placement

# Runs in a fresh interpreter: clients made BEFORE the package is imported, with credentials in
# the environment, and every socket connection or name lookup failing the run.
PRE_IMPORT_CLIENTS = textwrap.dedent(
    """
    import json, os, socket
    os.environ.update(
        AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        AWS_DEFAULT_REGION="us-west-2",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_MAX_ATTEMPTS="1",
    )
    import boto3, botocore.session

    from_default_session = boto3.client("gamelift")  # creates boto3's default session
    session = botocore.session.get_session()
    from_botocore_session = session.create_client("gamelift", region_name="us-west-2")
    sts_before = boto3.client("sts")

    import gl_placement_mock

    used = []
    def refuse(*args, **kwargs):
        used.append("socket")
        raise OSError("socket use is refused in this test")
    socket.socket.connect = refuse
    socket.getaddrinfo = refuse

    later_from_default_session = boto3.client("gamelift")
    later_from_botocore_session = session.create_client("gamelift", region_name="us-west-2")
    clients = {
        "default session, before import": from_default_session,
        "botocore session, before import": from_botocore_session,
        "default session, after import": later_from_default_session,
        "botocore session, after import": later_from_botocore_session,
    }
    answered = {}
    with gl_placement_mock.mock_placement() as mock:
        clients["default session, inside the mock"] = boto3.client("gamelift")
        for n, (name, client) in enumerate(clients.items()):
            client.create_game_session_queue(Name=f"q{n}")
            queues = client.describe_game_session_queues()["GameSessionQueues"]
            answered[name] = len(queues)
        # Unvalidated clients made before the import are judged by the mock too.
        unvalidated = session.create_client(
            "gamelift",
            region_name="us-west-2",
            config=botocore.config.Config(parameter_validation=False),
        )
        try:
            unvalidated.describe_game_session_queues(Limit=0)
        except unvalidated.exceptions.InvalidRequestException as error:
            answered["unvalidated"] = error.response["Error"]["Code"]
    assert used == [], used
    # The tripwire works: with no mock active the same client tries the network.
    try:
        from_botocore_session.describe_game_session_queues()
    except Exception as error:
        answered["after the mock"] = type(error).__name__
    print(json.dumps({"answered": answered, "socket": used}))
    """
)


def test_clients_made_before_the_import_are_served_and_nothing_reaches_the_network() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PRE_IMPORT_CLIENTS], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["answered"] == {
        "default session, before import": 1,
        "botocore session, before import": 2,
        "default session, after import": 3,
        "botocore session, after import": 4,
        "default session, inside the mock": 5,
        "unvalidated": "InvalidRequestException",
        "after the mock": "EndpointConnectionError",
    }
    assert result["socket"] == ["socket"]  # only the call made after the mock stopped


# -- generator and async-generator functions ---------------------------------------------------


def _queue_names(client: Any) -> list[str]:
    return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


def test_a_decorated_generator_stays_mocked_for_its_whole_iteration(gamelift: Any) -> None:
    mock = mock_placement()

    @mock
    def queues() -> Iterator[list[str]]:
        gamelift.create_game_session_queue(Name="first")
        yield _queue_names(gamelift)
        gamelift.create_game_session_queue(Name="second")
        yield _queue_names(gamelift)

    iterator = queues()
    assert not mock.active  # nothing runs before the first next()
    assert next(iterator) == ["first"]
    assert mock.active
    assert next(iterator) == ["first", "second"]
    with pytest.raises(StopIteration):
        next(iterator)
    assert not mock.active


def test_closing_a_decorated_generator_ends_its_mock(gamelift: Any) -> None:
    mock = mock_placement()

    @mock
    def endless() -> Iterator[int]:
        n = 0
        while True:
            n += 1
            yield n

    iterator = endless()
    assert [next(iterator), next(iterator)] == [1, 2]
    iterator.close()
    assert not mock.active


def test_a_decorated_async_generator_stays_mocked_for_its_whole_iteration(gamelift: Any) -> None:
    mock = mock_placement()

    @mock
    async def queues() -> AsyncIterator[list[str]]:
        gamelift.create_game_session_queue(Name="first")
        await asyncio.sleep(0)
        yield _queue_names(gamelift)
        gamelift.create_game_session_queue(Name="second")
        yield _queue_names(gamelift)

    async def scenario() -> list[Any]:
        seen: list[Any] = [names async for names in queues()]
        seen.append(mock.active)
        return seen

    assert asyncio.run(scenario()) == [["first"], ["first", "second"], False]


@pytest.fixture
@mock_placement
def queue_from_a_yield_fixture(gamelift: Any) -> Iterator[str]:
    gamelift.create_game_session_queue(Name="from-fixture")
    yield "from-fixture"
    assert _queue_names(gamelift) == ["from-fixture", "from-test"]  # teardown still mocked


def test_a_decorated_yield_fixture_keeps_its_mock_through_the_test(
    gamelift: Any, queue_from_a_yield_fixture: str
) -> None:
    gamelift.create_game_session_queue(Name="from-test")
    assert _queue_names(gamelift) == [queue_from_a_yield_fixture, "from-test"]


# -- unittest.TestCase: setUpClass and tearDownClass -------------------------------------------


def _run(case: type[unittest.TestCase]) -> unittest.TestResult:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_a_decorated_testcase_runs_its_class_fixtures_inside_the_mock(gamelift: Any) -> None:
    seen: list[Any] = []
    mock = mock_placement()

    @mock
    class Scenario(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            seen.append(("setUpClass active", mock.active))
            gamelift.create_game_session_queue(Name="class-queue")
            seen.append(("setUpClass sees", _queue_names(gamelift)))

        @classmethod
        def tearDownClass(cls) -> None:
            seen.append(("tearDownClass sees", _queue_names(gamelift)))

        def test_one(self) -> None:
            gamelift.create_game_session_queue(Name="one")
            seen.append(("test_one sees", _queue_names(gamelift)))

        def test_two(self) -> None:
            seen.append(("test_two sees", _queue_names(gamelift)))

    result = _run(Scenario)
    assert result.errors == [] and result.failures == []
    assert seen == [
        ("setUpClass active", True),
        ("setUpClass sees", ["class-queue"]),
        ("test_one sees", ["one"]),  # fresh state per test, as before
        ("test_two sees", []),
        ("tearDownClass sees", ["class-queue"]),
    ]
    assert not mock.active


def test_a_failing_setupclass_still_ends_the_class_mock(gamelift: Any) -> None:
    mock = mock_placement()

    @mock
    class Broken(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            raise RuntimeError("setUpClass failed")

        def test_never_runs(self) -> None:
            raise AssertionError("unreachable")

    result = _run(Broken)
    ((_case, error),) = result.errors
    assert error.endswith("RuntimeError: setUpClass failed\n")
    assert not mock.active


def test_a_testcase_subclass_inherits_the_class_fixture(gamelift: Any) -> None:
    seen: list[bool] = []
    mock = mock_placement()

    @mock
    class Base(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            seen.append(cls.__name__ == "Child" and mock.active)

    class Child(Base):
        def test_it(self) -> None:
            seen.append(mock.active)

    result = _run(Child)
    assert result.errors == [] and result.failures == []
    assert seen == [True, True]
    assert not mock.active
