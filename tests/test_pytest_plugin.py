"""The pytest plugin: the ``placement_mock`` fixture and marker, the mock's timeline in the
report of a failing test, and loading the plugin with ``-p`` when autoload is off."""

from __future__ import annotations

from typing import Any

import pytest

from gl_placement_mock import PlacementMock, mock_placement

from .conftest import REGION

pytest_plugins = ["pytester"]

# Built in the tests' source so that the source pytest prints never holds it whole.
SECRET = "S3CR3T-" + "VALUE"

SCENARIO = """
import boto3
import pytest
from gl_placement_mock import mock_placement

SECRET = "S3CR3T-" + "VALUE"


def start_placement(placement_id="p-1"):
    gamelift = boto3.client("gamelift", region_name="us-west-2")
    gamelift.create_game_session_queue(Name="empty")
    gamelift.start_game_session_placement(
        PlacementId=placement_id,
        GameSessionQueueName="empty",
        MaximumPlayerSessionCount=2,
        DesiredPlayerSessions=[{"PlayerId": SECRET, "PlayerData": SECRET}],
        GameSessionData=SECRET,
    )
"""

TIMELINE_LINE = "*  p-1  PENDING    queue=empty (us-west-2): *"


def _sections(pytester: pytest.Pytester, *args: str) -> dict[str, list[str]]:
    """Each test's report sections named "gl_placement_mock timeline", by test name and phase."""
    recorder = pytester.inline_run(*args)
    found: dict[str, list[str]] = {}
    for report in recorder.getreports("pytest_runtest_logreport"):
        for name, content in report.sections:
            if name == "gl_placement_mock timeline":
                found.setdefault(f"{report.head_line} {report.when}", []).append(content)
    return found


def test_a_failing_test_shows_the_placement_timeline(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SCENARIO
        + """

def test_with_the_fixture(placement_mock):
    start_placement()
    assert placement_mock.calls == []


@mock_placement
def test_decorated():
    start_placement()
    assert False, "decorated"


def test_with_a_block():
    with mock_placement():
        start_placement()
    assert False, "after the block"


class TestSteps:
    @mock_placement
    def test_decorated_method(self):
        start_placement()
        assert False
"""
    )
    result = pytester.runpytest("-vv")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        [
            "*_ test_with_the_fixture _*",
            "*- gl_placement_mock timeline -*",
            TIMELINE_LINE,
            "*_ test_decorated _*",
            "*- gl_placement_mock timeline -*",
            TIMELINE_LINE,
            "*_ test_with_a_block _*",
            "*- gl_placement_mock timeline -*",
            TIMELINE_LINE,
            "*_ TestSteps.test_decorated_method _*",
            "*- gl_placement_mock timeline -*",
            TIMELINE_LINE,
        ]
    )
    assert SECRET not in result.stdout.str()


def test_only_failing_tests_that_used_a_mock_get_the_section(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SCENARIO
        + """

def test_passes(placement_mock):
    start_placement()


def test_fails_without_a_mock():
    assert False


def test_fails_with_nothing_placed(placement_mock):
    assert False


def test_nested_mocks_show_one_timeline(placement_mock):
    with mock_placement():
        start_placement()
    assert False
"""
    )
    sections = _sections(pytester)
    assert sorted(sections) == [
        "test_fails_with_nothing_placed call",
        "test_nested_mocks_show_one_timeline call",
    ]
    assert sections["test_fails_with_nothing_placed call"] == ["(nothing happened)"]
    (nested,) = sections["test_nested_mocks_show_one_timeline call"]
    assert nested.endswith("  p-1  PENDING    queue=empty (us-west-2): started")
    assert len(nested.splitlines()) == 1


def test_separate_mocks_in_one_test_each_show_their_timeline(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SCENARIO
        + """

def test_two_blocks():
    with mock_placement():
        start_placement()
    with mock_placement():
        pass
    with mock_placement():
        start_placement("p-2")
    assert False
"""
    )
    (shown,) = _sections(pytester)["test_two_blocks call"]
    first, second = shown.split("\n\n")
    assert first.startswith("mock 1 of 2:\n")
    assert "  p-1  PENDING  " in first
    assert second.startswith("mock 2 of 2:\n")
    assert second.endswith("  p-2  PENDING    queue=empty (us-west-2): started")


def test_a_report_shows_the_latest_five_mocks(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SCENARIO
        + """

def test_many_blocks():
    for n in range(7):
        with mock_placement():
            start_placement(f"p-{n}")
    assert False
"""
    )
    (shown,) = _sections(pytester)["test_many_blocks call"]
    assert shown.startswith("mock 1 of 5:\n")
    assert "  p-2  PENDING  " in shown
    assert "  p-1  PENDING  " not in shown
    assert shown.endswith(
        "  p-6  PENDING    queue=empty (us-west-2): started\n\n(2 earlier mocks not shown)"
    )


MATCHMAKING = """
import json

import boto3

SECRET = "S3CR3T-" + "VALUE"
RULES = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "teams": [{"name": "solo", "minPlayers": 2, "maxPlayers": 2}],
    }
)


def test_only_tickets(placement_mock):
    gamelift = boto3.client("gamelift", region_name="us-west-2")
    gamelift.create_matchmaking_rule_set(Name="pair", RuleSetBody=RULES)
    gamelift.create_matchmaking_configuration(
        Name="pairs",
        RuleSetName="pair",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    gamelift.start_matchmaking(
        TicketId="t-1", ConfigurationName="pairs", Players=[{"PlayerId": SECRET}]
    )
    assert False
"""


def test_a_failing_test_with_only_matchmaking_tickets_shows_them(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(MATCHMAKING)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- gl_placement_mock timeline -*",
            "*  t-1  QUEUED     configuration=pairs (us-west-2): StartMatchmaking",
            "*  t-1  SEARCHING  configuration=pairs (us-west-2): entered matchmaking",
        ]
    )
    assert "(nothing happened)" not in result.stdout.str()
    assert SECRET not in result.stdout.str()


MARKED = """
import boto3
import pytest


@pytest.mark.placement_mock(account_id="210987654321")
def test_marked(placement_mock):
    assert placement_mock.account_id == "210987654321"
    gamelift = boto3.client("gamelift", region_name="us-west-2")
    queue = gamelift.create_game_session_queue(Name="q")["GameSessionQueue"]
    assert queue["GameSessionQueueArn"].split(":")[4] == "210987654321"


def test_unmarked(placement_mock):
    assert placement_mock.account_id == "123456789012"
"""


def test_the_marker_sets_the_fixture_account(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(MARKED)
    result = pytester.runpytest("--strict-markers")
    result.assert_outcomes(passed=2)


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.placement_mock(account_id): the account the placement_mock fixture "
            "answers as (default 123456789012)."
        ]
    )


def test_a_marker_without_the_account_keyword_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest


@pytest.mark.placement_mock("210987654321")
def test_positional(placement_mock):
    pass
"""
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*The placement_mock marker takes only a keyword: "
            '@pytest.mark.placement_mock(account_id="210987654321").'
        ]
    )


def test_with_autoload_off_the_plugin_loads_with_p(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(MARKED)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*fixture 'placement_mock' not found*"])
    result = pytester.runpytest_subprocess("-p", "gl_placement_mock", "--strict-markers")
    result.assert_outcomes(passed=2)
    # Naming it while autoload is on, as a shared configuration might, loads it once.
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    result = pytester.runpytest_subprocess("-p", "gl_placement_mock", "--strict-markers")
    result.assert_outcomes(passed=2)


def test_naming_the_package_as_a_plugin_loads_the_plugin(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How ``-p gl_placement_mock`` works on pytest before 8.4, which imports the named module
    rather than looking up the entry point."""
    pytester.makepyfile(MARKED)
    pytester.makeconftest('pytest_plugins = ["gl_placement_mock"]')
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_subprocess("--strict-markers")
    result.assert_outcomes(passed=2)


@mock_placement(account_id="210987654321")
def test_the_fixture_reports_the_account_of_a_decorator_inside_it(
    placement_mock: PlacementMock, gamelift: Any
) -> None:
    """Nested mocks share state and answer as the innermost: the fixture's handle acts as the
    decorator's account, so what it sets up is what the client sees."""
    assert placement_mock.account_id == "210987654321"
    fleet = placement_mock.add_fleet(REGION, capacity=1)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    placed = gamelift.describe_game_session_placement(PlacementId="p-1")
    assert placed["GameSessionPlacement"]["Status"] == "FULFILLED"
    assert fleet.arn.split(":")[4] == "210987654321"


def test_an_outer_handle_acts_as_the_innermost_account_only_while_it_is_active(
    gamelift: Any,
) -> None:
    with mock_placement() as outer:
        assert outer.account_id == "123456789012"
        with mock_placement(account_id="210987654321") as inner:
            assert outer.account_id == inner.account_id == "210987654321"
            assert repr(outer) == "<PlacementMock account=210987654321 active>"
        assert outer.account_id == "123456789012"
        assert inner.account_id == "210987654321"
    assert outer.account_id == "123456789012"
