"""Fleets declared through the handle, read through the API: ListFleets, DescribeFleetAttributes,
DescribeFleetCapacity, DescribeFleetLocationAttributes, DescribeFleetLocationCapacity."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from gl_placement_mock import PlacementMock, SimulatedFleet

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


def _counts(desired: int, active: int, idle: int, maximum: int) -> dict[str, int]:
    return {
        "DESIRED": desired,
        "MINIMUM": 0,
        "MAXIMUM": maximum,
        "PENDING": 0,
        "ACTIVE": active,
        "IDLE": idle,
        "TERMINATING": 0,
    }


@freeze_time(T0)
def test_describe_fleet_attributes_reports_a_declared_fleet_field_by_field(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(
        "us-west-2", capacity=2, name="arena", instance_type="c6g.large", tls=True
    )
    response = gamelift.describe_fleet_attributes(FleetIds=[fleet.fleet_id])
    assert response["FleetAttributes"] == [
        {
            "FleetId": fleet.fleet_id,
            "FleetArn": fleet.arn,
            "FleetType": "ON_DEMAND",
            "InstanceType": "c6g.large",
            "Name": "arena",
            "CreationTime": T0,
            "Status": "ACTIVE",
            "NewGameSessionProtectionPolicy": "NoProtection",
            "MetricGroups": ["default"],
            "CertificateConfiguration": {"CertificateType": "GENERATED"},
            "ComputeType": "EC2",
            "BuildId": "build-00000000-0000-0000-0000-000000000000",
            "BuildArn": "arn:aws:gamelift:us-west-2::build/"
            "build-00000000-0000-0000-0000-000000000000",
        }
    ]
    assert "NextToken" not in response


@freeze_time(T0)
def test_fleet_defaults_name_instance_type_and_certificates(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet("us-west-2")
    (attributes,) = gamelift.describe_fleet_attributes(FleetIds=[fleet.arn])["FleetAttributes"]
    assert attributes["Name"] == fleet.fleet_id
    assert attributes["InstanceType"] == "c5.large"
    assert attributes["CertificateConfiguration"] == {"CertificateType": "DISABLED"}


def test_documented_unknown_fleet_ids_are_left_out_and_limit_is_ignored(
    gamelift: Any, mock: PlacementMock
) -> None:
    """ "A FleetAttributes object is returned for each fleet requested, unless the fleet
    identifier is not found"; Limit "is ignored when the request specifies ... fleet IDs"."""
    one = mock.add_fleet("us-west-2")
    two = mock.add_fleet("us-west-2")
    other_region = mock.add_fleet("eu-west-1")
    response = gamelift.describe_fleet_attributes(
        FleetIds=[one.fleet_id, "fleet-unknown", two.arn, other_region.fleet_id], Limit=1
    )
    assert [a["FleetId"] for a in response["FleetAttributes"]] == [one.fleet_id, two.fleet_id]
    assert "NextToken" not in response
    capacity = gamelift.describe_fleet_capacity(FleetIds=["fleet-unknown", two.fleet_id], Limit=1)
    assert [c["FleetId"] for c in capacity["FleetCapacity"]] == [two.fleet_id]


def test_list_fleets_pages_through_the_region_s_declared_fleets(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleets = [mock.add_fleet("us-west-2") for _ in range(3)]
    mock.add_fleet("eu-west-1")
    first = gamelift.list_fleets(Limit=2)
    assert first["FleetIds"] == [fleets[0].fleet_id, fleets[1].fleet_id]
    second = gamelift.list_fleets(Limit=2, NextToken=first["NextToken"])
    assert second["FleetIds"] == [fleets[2].fleet_id]
    assert "NextToken" not in second
    everything = gamelift.list_fleets()
    assert everything["FleetIds"] == [f.fleet_id for f in fleets]


def test_list_fleets_by_a_build_or_script_no_fleet_runs_finds_none(
    gamelift: Any, mock: PlacementMock
) -> None:
    mock.add_fleet("us-west-2")
    assert gamelift.list_fleets(BuildId="build-1")["FleetIds"] == []
    assert gamelift.list_fleets(ScriptId="script-1")["FleetIds"] == []


def test_list_fleets_leaves_out_destinations_no_declared_fleet_stands_behind(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(
        Name="q",
        Destinations=[
            {"DestinationArn": "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-implicit"}
        ],
    )
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    assert gamelift.list_fleets()["FleetIds"] == []
    assert gamelift.describe_fleet_attributes(FleetIds=["fleet-implicit"])["FleetAttributes"] == []


def test_paging_with_a_token_the_mock_did_not_issue_is_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    mock.add_fleet("us-west-2")
    with pytest.raises(ClientError) as info:
        gamelift.describe_fleet_attributes(NextToken="not-a-token")
    assert _error(info) == ("InvalidRequestException", "Invalid NextToken: 'not-a-token'.")


def test_describe_fleet_attributes_without_ids_pages_through_all(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleets = [mock.add_fleet("us-west-2") for _ in range(3)]
    first = gamelift.describe_fleet_attributes(Limit=2)
    second = gamelift.describe_fleet_attributes(Limit=2, NextToken=first["NextToken"])
    seen = [a["FleetId"] for a in first["FleetAttributes"] + second["FleetAttributes"]]
    assert seen == [f.fleet_id for f in fleets]
    assert "NextToken" not in second


def test_describe_fleet_capacity_maps_capacity_and_use_to_instance_counts(
    gamelift: Any, mock: PlacementMock
) -> None:
    """One instance per game session a location can host at once; IDLE ones host none."""
    fleet = mock.add_fleet("us-west-2", capacity=3, instance_type="m5.large")
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    response = gamelift.describe_fleet_capacity(FleetIds=[fleet.fleet_id])
    assert response["FleetCapacity"] == [
        {
            "FleetId": fleet.fleet_id,
            "FleetArn": fleet.arn,
            "InstanceType": "m5.large",
            "InstanceCounts": _counts(desired=3, active=3, idle=2, maximum=3),
            "Location": "us-west-2",
        }
    ]


def test_unlimited_capacity_shows_one_idle_instance_more_than_used(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet("us-west-2")
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    for n in range(2):
        gamelift.start_game_session_placement(
            PlacementId=f"p-{n}", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
    (capacity,) = gamelift.describe_fleet_capacity()["FleetCapacity"]
    assert capacity["InstanceCounts"] == _counts(desired=3, active=3, idle=1, maximum=3)


def test_capacity_lowered_below_use_keeps_the_busy_instances_active(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet("us-west-2", capacity=2)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    for n in range(2):
        gamelift.start_game_session_placement(
            PlacementId=f"p-{n}", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
    mock.set_capacity(fleet, 1)
    (capacity,) = gamelift.describe_fleet_capacity()["FleetCapacity"]
    assert capacity["InstanceCounts"] == _counts(desired=1, active=2, idle=0, maximum=2)


@pytest.fixture
def multi(mock: PlacementMock) -> SimulatedFleet:
    return mock.add_fleet(
        "us-west-2", capacity=2, locations={"eu-west-1": 1, "ap-south-1": None, "us-east-1": 0}
    )


def test_documented_location_attributes_list_remote_locations_but_not_the_home_region(
    gamelift: Any, multi: SimulatedFleet
) -> None:
    """ "This operation does not return the home Region"."""
    response = gamelift.describe_fleet_location_attributes(FleetId=multi.fleet_id, Limit=2)
    assert response["FleetId"] == multi.fleet_id
    assert response["FleetArn"] == multi.arn
    assert response["LocationAttributes"] == [
        {"LocationState": {"Location": location, "Status": "ACTIVE"}}
        for location in ("eu-west-1", "ap-south-1")
    ]
    rest = gamelift.describe_fleet_location_attributes(
        FleetId=multi.arn, Limit=2, NextToken=response["NextToken"]
    )
    assert rest["LocationAttributes"] == [
        {"LocationState": {"Location": "us-east-1", "Status": "ACTIVE"}}
    ]
    assert "NextToken" not in rest


def test_documented_requested_locations_come_in_the_order_requested(
    gamelift: Any, multi: SimulatedFleet
) -> None:
    """ "Location data is returned in the order that it is requested"; "If the fleet does not
    have a requested location, no information is returned"."""
    response = gamelift.describe_fleet_location_attributes(
        FleetId=multi.fleet_id, Locations=["us-east-1", "sa-east-1", "us-west-2", "eu-west-1"]
    )
    assert [a["LocationState"]["Location"] for a in response["LocationAttributes"]] == [
        "us-east-1",
        "eu-west-1",
    ]


def test_describe_fleet_location_capacity_reads_one_location(
    gamelift: Any, multi: SimulatedFleet
) -> None:
    response = gamelift.describe_fleet_location_capacity(
        FleetId=multi.fleet_id, Location="eu-west-1"
    )
    assert response["FleetCapacity"] == {
        "FleetId": multi.fleet_id,
        "FleetArn": multi.arn,
        "InstanceType": "c5.large",
        "InstanceCounts": _counts(desired=1, active=1, idle=1, maximum=1),
        "Location": "eu-west-1",
    }
    home = gamelift.describe_fleet_location_capacity(FleetId=multi.arn, Location="us-west-2")
    assert home["FleetCapacity"]["InstanceCounts"] == _counts(
        desired=2, active=2, idle=2, maximum=2
    )


def test_documented_a_location_the_fleet_lacks_has_no_capacity_object(
    gamelift: Any, multi: SimulatedFleet
) -> None:
    """ "Capacity objects are returned only for fleets and locations that currently exist"."""
    response = gamelift.describe_fleet_location_capacity(
        FleetId=multi.fleet_id, Location="sa-east-1"
    )
    assert set(response) == {"ResponseMetadata"}


@pytest.mark.parametrize(
    "operation", ["describe_fleet_location_attributes", "describe_fleet_location_capacity"]
)
def test_location_reads_of_an_unknown_fleet_are_not_found(
    gamelift: Any, mock: PlacementMock, operation: str
) -> None:
    other = mock.add_fleet("eu-west-1")
    params: dict[str, Any] = {"Location": "us-west-2"} if "capacity" in operation else {}
    for ref in ("fleet-unknown", other.fleet_id, other.arn):
        with pytest.raises(ClientError) as info:
            getattr(gamelift, operation)(FleetId=ref, **params)
        assert _error(info) == ("NotFoundException", f"Fleet '{ref}' does not exist.")


def test_a_fleet_arn_of_another_account_is_not_the_fleet(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet("us-west-2")
    foreign = fleet.arn.replace("123456789012", "210987654321")
    assert gamelift.describe_fleet_attributes(FleetIds=[foreign])["FleetAttributes"] == []


def test_fleet_reads_validate_their_input_from_the_model(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.describe_fleet_location_capacity(FleetId="fleet-1", Location="bad_location")
    assert _error(info) == (
        "InvalidRequestException",
        "1 validation error detected: Value 'bad_location' at 'location' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^[A-Za-z0-9\\-]+$",
    )
    with pytest.raises(ClientError) as info:
        gamelift.list_fleets(BuildId="not-a-build")
    assert _error(info)[0] == "InvalidRequestException"


def test_fleets_live_in_their_home_region(mock: PlacementMock) -> None:
    fleet = mock.add_fleet("eu-west-1")
    europe = boto3.client("gamelift", region_name="eu-west-1")
    assert europe.list_fleets()["FleetIds"] == [fleet.fleet_id]
    oregon = boto3.client("gamelift", region_name="us-west-2")
    assert oregon.list_fleets()["FleetIds"] == []


# -- add_fleet's new arguments --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"instance_type": "z9.huge"},
            "instance_type 'z9.huge' is not an EC2 instance type GameLift offers.",
        ),
        ({"tls": "yes"}, "tls must be True or False, got 'yes'."),
        ({"name": ""}, "name must be a string of 1 to 1024 characters, got ''."),
        (
            {"compute_type": "CONTAINER"},
            "compute_type must be 'EC2' or 'ANYWHERE', got 'CONTAINER'.",
        ),
    ],
)
def test_add_fleet_refuses_bad_descriptions(
    mock: PlacementMock, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError) as info:
        mock.add_fleet("us-west-2", **kwargs)
    assert str(info.value) == message
