"""The handle's arguments: what cannot work is refused with a message saying what to pass, and
what is probably a typo is warned about."""

from __future__ import annotations

import math
import warnings
from typing import Any

import pytest

from gl_placement_mock import PlacementMock, PlacementMockWarning, mock_placement

from .conftest import FLEET_ARN, REGION


@pytest.mark.parametrize("capacity", [True, False, 1.5, float("nan"), float("inf"), -1, "3"])
def test_capacities_are_whole_numbers_or_none(mock: PlacementMock, capacity: Any) -> None:
    """``capacity=True`` was taken as 1."""
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, capacity=capacity)
    assert str(excinfo.value) == (
        f"capacity must be a whole number of at least 0, or None for no limit; got {capacity!r}."
    )
    fleet = mock.add_fleet(REGION, capacity=1)
    with pytest.raises(ValueError) as excinfo:
        mock.set_capacity(fleet, capacity)
    assert str(excinfo.value).startswith("capacity must be a whole number of at least 0")


@pytest.mark.parametrize("seconds", [float("nan"), float("inf"), -1, True, "5"])
def test_fulfillment_delays_are_finite_seconds(mock: PlacementMock, seconds: Any) -> None:
    """A NaN delay made every later placement wait forever: no timeout ever fired."""
    with pytest.raises(ValueError) as excinfo:
        mock.set_fulfillment_delay(seconds)
    assert str(excinfo.value) == (
        f"seconds must be a finite number of seconds, at least 0; got {seconds!r}."
    )


def test_a_nan_delay_no_longer_stops_timeouts(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q", TimeoutInSeconds=0)
    with pytest.raises(ValueError):
        mock.set_fulfillment_delay(math.nan)
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    placement = gamelift.describe_game_session_placement(PlacementId="p-1")
    assert placement["GameSessionPlacement"]["Status"] == "TIMED_OUT"


@pytest.mark.parametrize("cost", [float("nan"), float("inf"), True, "cheap"])
def test_costs_are_finite_numbers(mock: PlacementMock, cost: Any) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, costs={REGION: cost})
    assert str(excinfo.value) == f"The cost of 'us-west-2' must be a finite number; got {cost!r}."


def test_fleet_ids_that_would_not_form_a_destination_arn_are_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    """``fleet_id="myfleet"`` gave an ARN that CreateGameSessionQueue then refused."""
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, fleet_id="myfleet")
    assert str(excinfo.value) == (
        "fleet_id must be a GameLift fleet id, 'fleet-' followed by letters, digits and hyphens "
        "(GameLift's own are fleet-<uuid>), or None for a new one; got 'myfleet'."
    )
    fleet = mock.add_fleet(REGION, fleet_id="fleet-main")
    queue = gamelift.create_game_session_queue(
        Name="q", Destinations=[{"DestinationArn": fleet.arn}]
    )
    assert queue["GameSessionQueue"]["Destinations"] == [{"DestinationArn": fleet.arn}]


def test_alias_ids_that_would_not_form_a_destination_arn_are_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION)
    with pytest.raises(ValueError) as excinfo:
        mock.add_alias(fleet, alias_id="prod")
    assert str(excinfo.value) == (
        "alias_id must be a GameLift alias id, 'alias-' followed by letters, digits and hyphens "
        "(GameLift's own are alias-<uuid>), or None for a new one; got 'prod'."
    )
    alias = mock.add_alias(fleet, alias_id="alias-prod")
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": alias}])


def test_locations_given_as_a_list_say_they_map_location_to_capacity(mock: PlacementMock) -> None:
    """A list gave "dictionary update sequence element #0 has length 9"."""
    with pytest.raises(TypeError) as excinfo:
        mock.add_fleet(REGION, locations=["eu-west-1"])  # type: ignore[arg-type]
    assert str(excinfo.value) == (
        "locations must map each remote location to its capacity (None for no limit), e.g. "
        "locations={'eu-west-1': 5, 'ap-south-1': None}; got ['eu-west-1']."
    )


def test_a_location_that_cannot_be_in_an_arn_is_refused(mock: PlacementMock) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet("us west 2")
    assert str(excinfo.value).startswith(
        "'us west 2' is neither a Region GameLift is offered in nor a custom location"
    )
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, locations={7: 1})  # type: ignore[dict-item]
    assert str(excinfo.value) == "Locations are Region names such as 'us-west-2'; got 7."


def test_a_positional_account_id_says_account_id_is_keyword_only() -> None:
    with pytest.raises(TypeError) as excinfo:
        mock_placement("210987654321")  # type: ignore[call-overload]
    assert str(excinfo.value) == (
        "mock_placement() takes no positional arguments but a function to decorate; got "
        "'210987654321'. account_id is keyword-only: mock_placement(account_id='210987654321')."
    )


@pytest.mark.parametrize(
    "steer",
    [
        lambda mock: mock.hold_placements(queue="nope"),
        lambda mock: mock.set_fulfillment_delay(5, queue="nope"),
        lambda mock: mock.release_placements(queue="nope"),
    ],
    ids=["hold_placements", "set_fulfillment_delay", "release_placements"],
)
def test_steering_a_queue_that_does_not_exist_warns(
    gamelift: Any, mock: PlacementMock, steer: Any
) -> None:
    """``hold_placements(queue="nope")`` silently did nothing."""
    gamelift.create_game_session_queue(Name="main")
    with pytest.warns(PlacementMockWarning) as record:
        steer(mock)
    (warning,) = record
    method = str(warning.message).split("(")[0]
    assert str(warning.message) == (
        f"{method}(queue='nope'): no queue of account 123456789012 has that name or ARN yet. "
        "It applies to a queue created later under it; if you meant an existing queue, check "
        "the name."
    )
    assert warning.filename == __file__


def test_steering_an_existing_queue_by_name_or_arn_does_not_warn(
    gamelift: Any, mock: PlacementMock
) -> None:
    arn = gamelift.create_game_session_queue(Name="main")["GameSessionQueue"]["GameSessionQueueArn"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mock.hold_placements(queue="main")
        mock.set_fulfillment_delay(1, queue=arn)
        mock.release_placements(queue=arn)


def test_a_hold_on_a_queue_created_later_still_holds(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.warns(PlacementMockWarning):
        mock.hold_placements(queue="later")
    gamelift.create_game_session_queue(Name="later", Destinations=[{"DestinationArn": FLEET_ARN}])
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="later", MaximumPlayerSessionCount=1
    )
    placement = gamelift.describe_game_session_placement(PlacementId="p-1")
    assert placement["GameSessionPlacement"]["Status"] == "PENDING"
    mock.release_placements(queue="later")  # held: no warning
    placement = gamelift.describe_game_session_placement(PlacementId="p-1")
    assert placement["GameSessionPlacement"]["Status"] == "FULFILLED"


def test_a_queue_that_is_no_name_or_arn_is_refused(mock: PlacementMock) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.hold_placements(queue="my queue")
    assert str(excinfo.value) == (
        "queue must be a game session queue's name or ARN, or None for every queue; got 'my queue'."
    )


def test_a_fleet_given_as_a_number_says_what_to_pass(mock: PlacementMock) -> None:
    """set_capacity(5, 1) raised "'int' object has no attribute 'rsplit'"."""
    with pytest.raises(TypeError) as excinfo:
        mock.set_capacity(5, 1)  # type: ignore[arg-type]
    assert str(excinfo.value) == (
        "fleet must be what add_fleet() returned, or a fleet id or ARN string; got 5."
    )
    with pytest.raises(TypeError):
        mock.add_alias(["fleet-1"])  # type: ignore[arg-type]


@pytest.mark.parametrize("capacity", [2**31, 10**30])
def test_a_capacity_past_the_modelled_32_bit_range_is_refused(
    mock: PlacementMock, capacity: int
) -> None:
    """capacity=10**30 was accepted and later sent as a 32-bit field."""
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, capacity=capacity)
    assert str(excinfo.value) == (
        "capacity must be at most 2147483647 (GameLift's counts are 32-bit), or None for no "
        f"limit; got {capacity!r}."
    )
    fleet = mock.add_fleet(REGION, capacity=2**31 - 1)
    with pytest.raises(ValueError):
        mock.set_capacity(fleet, capacity)
    with pytest.raises(ValueError):
        mock.add_fleet(REGION, locations={"eu-west-1": capacity})


def test_subscribe_takes_a_callable(mock: PlacementMock) -> None:
    """subscribe("not callable") was accepted and failed only at stop."""
    with pytest.raises(TypeError) as excinfo:
        mock.subscribe("not callable")  # type: ignore[arg-type]
    assert str(excinfo.value) == (
        "subscribe() takes a callable that is given each event, e.g. "
        "mock.subscribe(events.append); got 'not callable'."
    )


@pytest.mark.parametrize(
    ("steer", "message"),
    [
        (lambda m: m.fulfill_placement(1), "placement_id must be a string, e.g. 'p-1'; got 1."),
        (lambda m: m.fail_placement(None), "placement_id must be a string, e.g. 'p-1'; got None."),
        (lambda m: m.terminate_game_session(7), "game_session_id must be a string"),
        (lambda m: m.inject_fault(["StartGameSessionPlacement"]), "operation must be a string"),
        (lambda m: m.inject_fault("*", 429), "error_code must be a string"),
        (lambda m: m.inject_fault("*", message=b"x"), "message must be a string"),
        (lambda m: m.calls_to(None), "operation must be a string"),
        (lambda m: m.add_fleet(REGION, costs=[1.0]), "costs must be a mapping"),
        (lambda m: m.add_fleet(REGION, instance_type=["c5.large"]), None),
        (
            lambda m: m.add_fleet(REGION, locations={"custom-lab": 1}, hosts=["10.0.0.1"]),
            "hosts must be a mapping",
        ),
        (
            lambda m: m.set_capacity("fleet-1", 1, location=3),
            "location must be a string, e.g. 'eu-west-1'; got 3.",
        ),
    ],
)
def test_every_wrongly_typed_argument_says_what_to_pass(
    mock: PlacementMock, steer: Any, message: Any
) -> None:
    with pytest.raises((TypeError, ValueError)) as excinfo:
        steer(mock)
    if message is not None:
        assert str(excinfo.value).startswith(message)
    assert "attribute" not in str(excinfo.value)
    assert "unhashable" not in str(excinfo.value)


def test_costs_for_a_location_the_fleet_lacks_are_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    """``costs={"eu-west-1": 1}`` on a fleet without eu-west-1 was accepted and ignored."""
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, locations={"us-east-1": 2}, costs={"eu-west-1": 1})
    assert str(excinfo.value) == (
        "costs names 'eu-west-1', which is not one of the fleet's locations "
        "('us-west-2', 'us-east-1')."
    )
    assert gamelift.list_fleets()["FleetIds"] == []  # nothing was declared


def test_hosts_for_a_location_the_fleet_lacks_are_refused(mock: PlacementMock) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(
            REGION,
            locations={"custom-lab": 1, "custom-home": 1},
            hosts={"custom-labb": {"ip_address": "10.0.0.5"}},
        )
    assert str(excinfo.value) == (
        "hosts names 'custom-labb', which is not one of the fleet's custom locations "
        "('custom-lab', 'custom-home')."
    )
