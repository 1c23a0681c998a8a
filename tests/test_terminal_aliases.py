"""TERMINAL aliases: "The alias does not resolve to a fleet but instead can be used to display a
message to the user. A terminal alias throws a TerminalRoutingStrategyException with the message
embedded." (RoutingStrategy)"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
UPGRADE = "Please upgrade your client: https://example.com/download"


@pytest.fixture
def terminal(mock: PlacementMock) -> str:
    return mock.add_alias(
        alias_id="alias-retired",
        routing_strategy="TERMINAL",
        message=UPGRADE,
        region=REGION,
        name="retired",
    )


def _error(excinfo: Any) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@freeze_time(T0)
def test_describe_alias_reports_the_terminal_strategy_and_its_message(
    gamelift: Any, mock: PlacementMock
) -> None:
    arn = mock.add_alias(
        alias_id="alias-old", routing_strategy="TERMINAL", message=UPGRADE, region=REGION
    )
    assert arn == f"arn:aws:gamelift:{REGION}::alias/alias-old"
    assert gamelift.describe_alias(AliasId=arn)["Alias"] == {
        "AliasId": "alias-old",
        "Name": "alias-old",
        "AliasArn": arn,
        "RoutingStrategy": {"Type": "TERMINAL", "Message": UPGRADE},
        "CreationTime": T0,
        "LastUpdatedTime": T0,
    }


def test_list_aliases_filters_by_routing_strategy_type(
    gamelift: Any, mock: PlacementMock, terminal: str
) -> None:
    mock.add_alias(mock.add_fleet(REGION), alias_id="alias-live")

    def ids(**filters: Any) -> list[str]:
        return [a["AliasId"] for a in gamelift.list_aliases(**filters)["Aliases"]]

    assert ids() == ["alias-retired", "alias-live"]
    assert ids(RoutingStrategyType="TERMINAL") == ["alias-retired"]
    assert ids(RoutingStrategyType="SIMPLE") == ["alias-live"]
    assert ids(RoutingStrategyType="TERMINAL", Name="live") == []


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c, a: c.resolve_alias(AliasId=a), id="ResolveAlias"),
        pytest.param(
            lambda c, a: c.create_game_session(AliasId=a, MaximumPlayerSessionCount=2),
            id="CreateGameSession",
        ),
        pytest.param(lambda c, a: c.search_game_sessions(AliasId=a), id="SearchGameSessions"),
        pytest.param(lambda c, a: c.describe_game_sessions(AliasId=a), id="DescribeGameSessions"),
        pytest.param(
            lambda c, a: c.describe_game_session_details(AliasId=a),
            id="DescribeGameSessionDetails",
        ),
    ],
)
def test_documented_requests_through_a_terminal_alias_get_its_message(
    gamelift: Any, terminal: str, call: Any
) -> None:
    with pytest.raises(gamelift.exceptions.TerminalRoutingStrategyException) as excinfo:
        call(gamelift, terminal)
    assert _error(excinfo) == ("TerminalRoutingStrategyException", UPGRADE)


def test_a_terminal_alias_in_a_queue_offers_no_location(
    gamelift: Any, mock: PlacementMock, terminal: str
) -> None:
    fleet = mock.add_fleet(REGION, capacity=1)
    gamelift.create_game_session_queue(
        Name="q", Destinations=[{"DestinationArn": terminal}, {"DestinationArn": fleet.arn}]
    )
    for placement_id in ("first", "second"):
        gamelift.start_game_session_placement(
            PlacementId=placement_id, GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
    first = gamelift.describe_game_session_placement(PlacementId="first")["GameSessionPlacement"]
    assert first["Status"] == "FULFILLED"
    assert first["GameSessionArn"].startswith(
        f"arn:aws:gamelift:{REGION}::gamesession/{fleet.fleet_id}/"
    )
    second = gamelift.describe_game_session_placement(PlacementId="second")
    assert second["GameSessionPlacement"]["Status"] == "PENDING"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"routing_strategy": "TERMINAL", "region": REGION}, "A TERMINAL alias needs a message"),
        ({"routing_strategy": "TERMINAL", "message": "m"}, "A TERMINAL alias needs a Region"),
        (
            {"routing_strategy": "TERMINAL", "message": "m", "region": "custom-lab"},
            "A TERMINAL alias needs a Region",
        ),
        (
            {"routing_strategy": "TERMINAL", "message": "m", "region": "narnia-1"},
            "'narnia-1' is neither a Region",
        ),
        ({"routing_strategy": "ROUND_ROBIN"}, "routing_strategy must be 'SIMPLE' or 'TERMINAL'"),
        ({}, "A SIMPLE alias routes to a fleet"),
        ({"message": "m"}, "A SIMPLE alias routes to a fleet"),
    ],
)
def test_add_alias_refuses_inconsistent_strategies(
    mock: PlacementMock, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        mock.add_alias(**kwargs)


def test_add_alias_refuses_a_fleet_for_terminal_or_extras_for_simple(mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION)
    with pytest.raises(ValueError, match="A TERMINAL alias routes to no fleet"):
        mock.add_alias(fleet, routing_strategy="TERMINAL", message="m", region=REGION)
    with pytest.raises(ValueError, match="A SIMPLE alias takes no message"):
        mock.add_alias(fleet, message="m")
    with pytest.raises(ValueError, match="A SIMPLE alias takes no message"):
        mock.add_alias(fleet, region=REGION)
