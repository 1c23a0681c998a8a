"""The queue's placement rules: candidates, filter, latency policies over time,
priority order, override. Each test would fail if its rule were dropped."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, SimulatedFleet

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _queue(gamelift: Any, fleets: list[SimulatedFleet], **settings: Any) -> None:
    gamelift.create_game_session_queue(
        Name="rules", Destinations=[{"DestinationArn": f.arn} for f in fleets], **settings
    )


def _start(gamelift: Any, placement_id: str, **request: Any) -> None:
    gamelift.start_game_session_placement(
        PlacementId=placement_id,
        GameSessionQueueName="rules",
        MaximumPlayerSessionCount=4,
        **request,
    )


def _read(gamelift: Any, placement_id: str) -> dict[str, Any]:
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return placement


def _latencies(table: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    return [
        {"PlayerId": player, "RegionIdentifier": region, "LatencyInMilliseconds": ms}
        for player, row in table.items()
        for region, ms in row.items()
    ]


@pytest.fixture
def world(mock: PlacementMock) -> SimulatedFleet:
    """One fleet homed in us-west-2 with remote locations us-east-1 and eu-west-1."""
    return mock.add_fleet("us-west-2", locations={"us-east-1": None, "eu-west-1": None})


def test_documented_lowest_average_latency_wins(gamelift: Any, world: SimulatedFleet) -> None:
    _queue(gamelift, [world])
    latencies = {
        "alice": {"us-west-2": 80, "us-east-1": 30, "eu-west-1": 200},
        "bob": {"us-west-2": 60, "us-east-1": 50, "eu-west-1": 20},
    }
    _start(gamelift, "lat-1", PlayerLatencies=_latencies(latencies))
    placement = _read(gamelift, "lat-1")
    assert placement["GameSessionRegion"] == "us-east-1"  # averages: 70, 40, 110
    assert placement["GameSessionArn"] == (
        f"arn:aws:gamelift:us-west-2::gamesession/{world.fleet_id}/us-east-1/lat-1"
    )
    assert placement["DnsName"].endswith(".us-east-1.compute.amazonaws.com") is False
    assert placement["DnsName"].endswith(".compute-1.amazonaws.com")


def test_without_latency_data_destination_then_location_order(
    gamelift: Any, world: SimulatedFleet
) -> None:
    _queue(gamelift, [world])
    _start(gamelift, "alpha-1")
    # One destination; its locations are taken alphabetically: eu-west-1 first.
    assert _read(gamelift, "alpha-1")["GameSessionRegion"] == "eu-west-1"


def test_documented_destination_order_is_the_queue_order(
    gamelift: Any, mock: PlacementMock
) -> None:
    second = mock.add_fleet("us-west-2")
    first = mock.add_fleet("eu-west-1")
    _queue(gamelift, [first, second])
    _start(gamelift, "dest-1")
    assert _read(gamelift, "dest-1")["GameSessionRegion"] == "eu-west-1"


def test_documented_cost_priority_prefers_the_cheaper_fleet(
    gamelift: Any, mock: PlacementMock
) -> None:
    pricey = mock.add_fleet("us-west-2", costs={"us-west-2": 0.9})
    cheap = mock.add_fleet("us-west-2", costs={"us-west-2": 0.2})
    _queue(gamelift, [pricey, cheap], PriorityConfiguration={"PriorityOrder": ["COST"]})
    _start(gamelift, "cost-1")
    assert cheap.fleet_id in _read(gamelift, "cost-1")["GameSessionArn"]


def test_documented_location_order_then_alphabetical(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(
        "us-west-2", locations={"us-east-1": None, "eu-west-1": None, "ap-south-1": None}
    )
    _queue(
        gamelift,
        [fleet],
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-east-1"]},
    )
    mock.set_capacity(fleet, 0, location="us-east-1")
    _start(gamelift, "loc-1")
    # us-east-1 is listed but full; the unlisted follow alphabetically: ap-south-1 first.
    assert _read(gamelift, "loc-1")["GameSessionRegion"] == "ap-south-1"


def test_documented_omitted_priorities_follow_in_default_order(
    gamelift: Any, mock: PlacementMock
) -> None:
    west = mock.add_fleet("us-west-2", costs={"us-west-2": 1.0})
    east = mock.add_fleet("us-east-1", costs={"us-east-1": 1.0})
    # COST ties, so LATENCY (next in the default order) decides, before DESTINATION.
    _queue(gamelift, [west, east], PriorityConfiguration={"PriorityOrder": ["COST"]})
    _start(
        gamelift,
        "tie-1",
        PlayerLatencies=_latencies({"p": {"us-west-2": 90, "us-east-1": 40}}),
    )
    assert _read(gamelift, "tie-1")["GameSessionRegion"] == "us-east-1"


def test_documented_filter_removes_other_locations(gamelift: Any, world: SimulatedFleet) -> None:
    _queue(gamelift, [world], FilterConfiguration={"AllowedLocations": ["us-west-2"]})
    _start(gamelift, "filt-1")
    assert _read(gamelift, "filt-1")["GameSessionRegion"] == "us-west-2"


def test_documented_filter_excluding_everything_times_out_at_the_deadline(
    gamelift: Any, world: SimulatedFleet
) -> None:
    _queue(
        gamelift,
        [world],
        TimeoutInSeconds=20,
        FilterConfiguration={"AllowedLocations": ["sa-east-1"]},
    )
    with freeze_time(T0) as clock:
        _start(gamelift, "filt-2")
        clock.tick(timedelta(minutes=5))
        placement = _read(gamelift, "filt-2")
    assert placement["Status"] == "TIMED_OUT"
    assert placement["EndTime"] == T0 + timedelta(seconds=20)


POLICIES = [
    {"MaximumIndividualPlayerLatencyMilliseconds": 200},  # listed first, applied last
    {"MaximumIndividualPlayerLatencyMilliseconds": 50, "PolicyDurationSeconds": 10},
    {"MaximumIndividualPlayerLatencyMilliseconds": 100, "PolicyDurationSeconds": 20},
]


@pytest.mark.parametrize(
    ("best_latency", "placed_after"),
    [(40, 0), (80, 10), (150, 30)],
)
def test_documented_latency_policies_relax_at_the_right_second(
    gamelift: Any, world: SimulatedFleet, best_latency: int, placed_after: int
) -> None:
    _queue(gamelift, [world], PlayerLatencyPolicies=POLICIES, TimeoutInSeconds=120)
    # Every location has latency data: a location nobody reported would stay eligible.
    latencies = {
        "p1": {"us-west-2": best_latency, "eu-west-1": 300, "us-east-1": 300},
        "p2": {"us-west-2": best_latency - 5, "eu-west-1": 300, "us-east-1": 300},
    }
    with freeze_time(T0) as clock:
        _start(gamelift, "pol-1", PlayerLatencies=_latencies(latencies))
        if placed_after:
            clock.tick(timedelta(seconds=placed_after) - timedelta(milliseconds=1))
            assert _read(gamelift, "pol-1")["Status"] == "PENDING"
        clock.tick(timedelta(hours=1))
        placement = _read(gamelift, "pol-1")
    assert placement["Status"] == "FULFILLED"
    assert placement["EndTime"] == T0 + timedelta(seconds=placed_after)
    assert placement["GameSessionRegion"] == "us-west-2"


def test_documented_every_player_must_be_within_the_cap(gamelift: Any, mock: PlacementMock) -> None:
    _queue(
        gamelift,
        [mock.add_fleet("us-west-2")],
        TimeoutInSeconds=30,
        PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 100}],
    )
    latencies = {"near": {"us-west-2": 10}, "far": {"us-west-2": 150}}
    with freeze_time(T0) as clock:
        _start(gamelift, "cap-1", PlayerLatencies=_latencies(latencies))
        clock.tick(timedelta(seconds=31))
        assert _read(gamelift, "cap-1")["Status"] == "TIMED_OUT"


def test_documented_location_nobody_reported_stays_eligible_after_those_with_data(
    gamelift: Any, mock: PlacementMock
) -> None:
    """PlayerLatencyPolicy forbids only a location "where a player reports latency higher than
    the cap"; StartGameSessionPlacement example 1 tries "fleets in Regions with no latency
    information" after the others."""
    fleet = mock.add_fleet("us-west-2", locations={"eu-west-1": None, "ap-south-1": None})
    _queue(
        gamelift,
        [fleet],
        PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 100}],
        # LOCATION first would put the unreported eu-west-1 before us-west-2.
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["eu-west-1"]},
    )
    latencies = _latencies({"p": {"us-west-2": 20, "ap-south-1": 400}})
    with freeze_time(T0):
        _start(gamelift, "unrep-1", PlayerLatencies=latencies)
        assert _read(gamelift, "unrep-1")["GameSessionRegion"] == "us-west-2"
        mock.set_capacity(fleet, 0)  # us-west-2, the only reported location within the cap
        _start(gamelift, "unrep-2", PlayerLatencies=latencies)
        placement = _read(gamelift, "unrep-2")
    # eu-west-1 has room and nobody reported a latency there: eligible. ap-south-1 is over.
    assert placement["Status"] == "FULFILLED"
    assert placement["GameSessionRegion"] == "eu-west-1"
    assert placement["EndTime"] == T0


def test_without_policies_latency_only_orders(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2", locations={"eu-west-1": None})
    _queue(gamelift, [fleet])
    mock.set_capacity(fleet, 0)
    _start(gamelift, "nopol-1", PlayerLatencies=_latencies({"p": {"us-west-2": 20}}))
    assert _read(gamelift, "nopol-1")["GameSessionRegion"] == "eu-west-1"


@pytest.fixture
def located(mock: PlacementMock, gamelift: Any) -> SimulatedFleet:
    fleet = mock.add_fleet("us-west-2", locations={"eu-west-1": None, "ap-south-1": None})
    _queue(
        gamelift,
        [fleet],
        TimeoutInSeconds=10,
        PriorityConfiguration={
            "PriorityOrder": ["LOCATION"],
            "LocationOrder": ["us-west-2", "eu-west-1", "ap-south-1"],
        },
    )
    return fleet


def test_documented_override_replaces_the_location_order(
    gamelift: Any, located: SimulatedFleet
) -> None:
    _start(gamelift, "ovr-1")
    _start(
        gamelift,
        "ovr-2",
        PriorityConfigurationOverride={"LocationOrder": ["ap-south-1", "eu-west-1"]},
    )
    assert _read(gamelift, "ovr-1")["GameSessionRegion"] == "us-west-2"
    assert _read(gamelift, "ovr-2")["GameSessionRegion"] == "ap-south-1"


def test_documented_override_none_uses_only_the_listed_locations(
    gamelift: Any, mock: PlacementMock, located: SimulatedFleet
) -> None:
    mock.set_capacity(located, 0, location="ap-south-1")
    with freeze_time(T0) as clock:
        _start(
            gamelift,
            "ovr-none",
            PriorityConfigurationOverride={
                "LocationOrder": ["ap-south-1"],
                "PlacementFallbackStrategy": "NONE",
            },
        )
        clock.tick(timedelta(seconds=11))
        placement = _read(gamelift, "ovr-none")
    assert placement["Status"] == "TIMED_OUT"
    assert placement["PriorityConfigurationOverride"] == {
        "LocationOrder": ["ap-south-1"],
        "PlacementFallbackStrategy": "NONE",
    }


def test_documented_override_default_after_single_pass_falls_back_to_the_queue(
    gamelift: Any, mock: PlacementMock, located: SimulatedFleet
) -> None:
    mock.set_capacity(located, 0, location="ap-south-1")
    _start(
        gamelift,
        "ovr-fall",
        PriorityConfigurationOverride={
            "LocationOrder": ["ap-south-1"],
            "PlacementFallbackStrategy": "DEFAULT_AFTER_SINGLE_PASS",
        },
    )
    assert _read(gamelift, "ovr-fall")["GameSessionRegion"] == "us-west-2"


def test_documented_override_does_not_bypass_the_filter(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2", locations={"eu-west-1": None})
    _queue(
        gamelift,
        [fleet],
        FilterConfiguration={"AllowedLocations": ["us-west-2"]},
        PriorityConfiguration={"PriorityOrder": ["LOCATION"]},
    )
    _start(gamelift, "ovr-filt", PriorityConfigurationOverride={"LocationOrder": ["eu-west-1"]})
    assert _read(gamelift, "ovr-filt")["GameSessionRegion"] == "us-west-2"


def test_alias_destination_places_on_its_fleet(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2")
    alias_arn = mock.add_alias(fleet)
    gamelift.create_game_session_queue(Name="rules", Destinations=[{"DestinationArn": alias_arn}])
    _start(gamelift, "alias-1")
    assert fleet.fleet_id in _read(gamelift, "alias-1")["GameSessionArn"]
