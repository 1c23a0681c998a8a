"""A decorated class is covered whole: a pytest-style class's setup_class, teardown_class and
class-scoped fixtures, and everything in a TestCase's setUpClass / tearDownClass (before or after
``super()``, also in a subclass that overrides them) run inside the class's own mock, with
credentials in the environment and the network refused; each test still gets fresh state."""

from __future__ import annotations

import socket
import unittest
from typing import Any

import boto3
import pytest

from gl_placement_mock import mock_placement

pytest_plugins = ["pytester"]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    tried: list[Any] = []

    def refuse(*args: Any, **_kwargs: Any) -> Any:
        tried.append(repr(args))
        raise OSError("network use is refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return tried


PYTEST_CLASS = """
import boto3
import pytest

from gl_placement_mock import mock_placement

mock = mock_placement()
seen = []


def names(client):
    return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


@mock
class TestWholeClass:
    @classmethod
    def setup_class(cls):
        cls.client = boto3.client("gamelift", region_name="us-west-2")
        cls.client.create_game_session_queue(Name="from-setup-class")
        seen.append(("setup_class", names(cls.client)))

    @classmethod
    def teardown_class(cls):
        seen.append(("teardown_class", names(cls.client)))

    @pytest.fixture(scope="class")
    def class_queue(self):
        client = type(self).client
        client.create_game_session_queue(Name="from-class-fixture")
        seen.append(("class fixture", names(client)))
        yield
        seen.append(("class fixture teardown", names(client)))

    def setup_method(self):
        type(self).client.create_game_session_queue(Name="from-setup-method")

    def test_one(self, class_queue):
        seen.append(("test_one", names(type(self).client)))

    def test_two(self, class_queue):
        seen.append(("test_two", names(type(self).client)))


def test_after_the_class():
    assert not mock.active
    assert seen == [
        ("setup_class", ["from-setup-class"]),
        ("class fixture", ["from-setup-class", "from-class-fixture"]),
        ("test_one", ["from-setup-method"]),
        ("test_two", ["from-setup-method"]),
        ("class fixture teardown", ["from-setup-class", "from-class-fixture"]),
        ("teardown_class", ["from-setup-class", "from-class-fixture"]),
    ]
"""


def test_a_decorated_pytest_class_runs_class_setup_and_class_fixtures_inside_its_mock(
    pytester: pytest.Pytester, no_network: list[Any]
) -> None:
    pytester.makepyfile(PYTEST_CLASS)
    result = pytester.runpytest("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
    assert no_network == []


def _names(client: Any) -> list[str]:
    return [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]


def _run(case: type[unittest.TestCase]) -> unittest.TestResult:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_a_testcase_subclass_overriding_class_hooks_runs_them_inside_the_mock(
    no_network: list[Any],
) -> None:
    gamelift = boto3.client("gamelift", region_name="us-west-2")
    seen: list[Any] = []
    mock = mock_placement()

    @mock
    class Base(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            gamelift.create_game_session_queue(Name="base-setup-class")
            super().setUpClass()

    class Child(Base):
        @classmethod
        def setUpClass(cls) -> None:
            gamelift.create_game_session_queue(Name="before-super")
            super().setUpClass()
            gamelift.create_game_session_queue(Name="after-super")

        @classmethod
        def tearDownClass(cls) -> None:
            seen.append(("tearDownClass before super", _names(gamelift)))
            super().tearDownClass()
            gamelift.delete_game_session_queue(Name="after-super")
            seen.append(("tearDownClass after super", _names(gamelift)))

        def setUp(self) -> None:
            gamelift.create_game_session_queue(Name="child-setup")
            super().setUp()

        def test_one(self) -> None:
            seen.append(("test_one", _names(gamelift)))

        def test_two(self) -> None:
            seen.append(("test_two", _names(gamelift)))

    result = _run(Child)
    assert result.errors == [] and result.failures == []
    class_queues = ["before-super", "base-setup-class", "after-super"]
    assert seen == [
        ("test_one", ["child-setup"]),
        ("test_two", ["child-setup"]),
        ("tearDownClass before super", class_queues),
        ("tearDownClass after super", class_queues[:2]),
    ]
    assert not mock.active
    assert no_network == []
