"""GameLift Anywhere fleets and custom locations, and the game session endpoints of EC2 and TLS
fleets: "This API works with the following fleet types: EC2, Anywhere, Container"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gl_placement_mock import PlacementMock, SimulatedFleet

LAB_HOST = {"ip_address": "10.0.0.5", "dns_name": "lab.example.com"}


@pytest.fixture
def anywhere(gamelift: Any, mock: PlacementMock) -> SimulatedFleet:
    fleet = mock.add_fleet(
        "us-west-2",
        locations={"custom-lab": 1, "custom-closet": None},
        hosts={"custom-lab": LAB_HOST},
        name="home-lab",
    )
    gamelift.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": fleet.arn}],
        PriorityConfiguration={
            "PriorityOrder": ["LOCATION"],
            "LocationOrder": ["custom-lab", "custom-closet"],
        },
    )
    return fleet


def _place(gamelift: Any, placement_id: str) -> dict[str, Any]:
    gamelift.start_game_session_placement(
        PlacementId=placement_id,
        GameSessionQueueName="q",
        MaximumPlayerSessionCount=2,
        DesiredPlayerSessions=[{"PlayerId": f"{placement_id}-player"}],
    )
    placement: dict[str, Any] = gamelift.describe_game_session_placement(PlacementId=placement_id)[
        "GameSessionPlacement"
    ]
    return placement


def test_an_anywhere_fleet_places_in_its_custom_location_with_the_declared_host(
    gamelift: Any, mock: PlacementMock, anywhere: SimulatedFleet
) -> None:
    assert anywhere.locations == ("custom-lab", "custom-closet")
    placement = _place(gamelift, "p-lab")
    assert placement["Status"] == "FULFILLED"
    # The ARN form captured from the service: home Region, fleet, custom location, id.
    assert placement["GameSessionArn"] == (
        f"arn:aws:gamelift:us-west-2::gamesession/{anywhere.fleet_id}/custom-lab/p-lab"
    )
    assert placement["GameSessionRegion"] == "custom-lab"
    assert (placement["IpAddress"], placement["DnsName"]) == ("10.0.0.5", "lab.example.com")
    (session,) = gamelift.describe_game_sessions(FleetId=anywhere.fleet_id, Location="custom-lab")[
        "GameSessions"
    ]
    assert session["GameSessionId"] == placement["GameSessionId"]
    assert session["Location"] == "custom-lab"
    assert (session["IpAddress"], session["DnsName"]) == ("10.0.0.5", "lab.example.com")
    detail = mock.events[-1]["detail"]
    assert (detail["ipAddress"], detail["dnsName"]) == ("10.0.0.5", "lab.example.com")


def test_a_custom_location_without_a_declared_host_gives_no_address(
    gamelift: Any, mock: PlacementMock, anywhere: SimulatedFleet
) -> None:
    _place(gamelift, "p-lab")  # fills custom-lab
    placement = _place(gamelift, "p-closet")
    assert placement["GameSessionRegion"] == "custom-closet"
    assert "IpAddress" not in placement and "DnsName" not in placement
    assert isinstance(placement["Port"], int)
    (session,) = gamelift.describe_game_sessions(GameSessionId=placement["GameSessionId"])[
        "GameSessions"
    ]
    assert "IpAddress" not in session and "DnsName" not in session
    (player,) = gamelift.describe_player_sessions(GameSessionId=placement["GameSessionId"])[
        "PlayerSessions"
    ]
    assert "IpAddress" not in player and "DnsName" not in player
    detail = mock.events[-1]["detail"]
    assert "ipAddress" not in detail and "dnsName" not in detail


def test_an_anywhere_fleet_describes_itself_and_its_custom_locations(
    gamelift: Any, anywhere: SimulatedFleet
) -> None:
    (attributes,) = gamelift.describe_fleet_attributes(FleetIds=[anywhere.fleet_id])[
        "FleetAttributes"
    ]
    assert attributes["ComputeType"] == "ANYWHERE"
    assert attributes["Name"] == "home-lab"
    assert "InstanceType" not in attributes and "FleetType" not in attributes
    locations = gamelift.describe_fleet_location_attributes(FleetId=anywhere.fleet_id)
    assert [a["LocationState"] for a in locations["LocationAttributes"]] == [
        {"Location": "custom-lab", "Status": "ACTIVE"},
        {"Location": "custom-closet", "Status": "ACTIVE"},
    ]
    _place(gamelift, "p-lab")
    capacity = gamelift.describe_fleet_location_capacity(
        FleetId=anywhere.fleet_id, Location="custom-lab"
    )["FleetCapacity"]
    assert "InstanceType" not in capacity
    assert capacity["InstanceCounts"]["ACTIVE"] == 1
    assert capacity["InstanceCounts"]["IDLE"] == 0
    # The home Region hosts nothing for an Anywhere fleet.
    (home,) = gamelift.describe_fleet_capacity(FleetIds=[anywhere.fleet_id])["FleetCapacity"]
    assert home["Location"] == "us-west-2"
    assert set(home["InstanceCounts"].values()) == {0}
    same = gamelift.describe_fleet_location_capacity(
        FleetId=anywhere.fleet_id, Location="us-west-2"
    )["FleetCapacity"]
    assert same == home


def test_ec2_dns_names_keep_their_form(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2", locations={"us-east-1": None})
    gamelift.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": fleet.arn}],
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-west-2"]},
    )
    placement = _place(gamelift, "p-1")
    ip = placement["IpAddress"]
    assert placement["DnsName"] == f"ec2-{ip.replace('.', '-')}.us-west-2.compute.amazonaws.com"
    mock.set_capacity(fleet, 0)
    placement = _place(gamelift, "p-2")
    ip = placement["IpAddress"]
    assert placement["DnsName"] == f"ec2-{ip.replace('.', '-')}.compute-1.amazonaws.com"


def test_documented_tls_fleets_get_amazongamelift_dns_names(
    gamelift: Any, mock: PlacementMock
) -> None:
    """ "TLS-enabled fleets: <unique identifier>.<region identifier>.amazongamelift.com"; the
    Region is the fleet's home Region in every location: a game session in eu-west-1 of a
    us-west-2 fleet had eu-west-1 in its DnsName, where AWS names us-west-2 (the GameLift guide's
    ListCompute example; the live test of AWS's Unity plugin, scenario 2)."""
    fleet = mock.add_fleet("us-west-2", capacity=1, locations={"eu-west-1": None}, tls=True)
    gamelift.create_game_session_queue(
        Name="q",
        Destinations=[{"DestinationArn": fleet.arn}],
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-west-2"]},
    )
    home = _place(gamelift, "p-1")
    remote = _place(gamelift, "p-2")
    assert re.fullmatch(r"[0-9a-f]{20}\.us-west-2\.amazongamelift\.com", home["DnsName"])
    assert remote["GameSessionArn"].endswith(f"{fleet.fleet_id}/eu-west-1/p-2")
    assert re.fullmatch(r"[0-9a-f]{20}\.us-west-2\.amazongamelift\.com", remote["DnsName"])
    assert home["DnsName"] != remote["DnsName"]
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", home["IpAddress"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"locations": {"custom-lab": 1}, "compute_type": "EC2"},
            "Custom locations (custom-lab) need compute_type='ANYWHERE', not 'EC2'.",
        ),
        (
            {"locations": {"custom-lab": 1}, "capacity": 3},
            "An Anywhere fleet hosts game sessions only in its custom locations: give their "
            "capacity in locations, not capacity.",
        ),
        (
            {"locations": {"custom-lab": 1, "eu-west-1": 1}},
            "An Anywhere fleet's locations must all be custom locations.",
        ),
        (
            {"locations": {"eu-west-1": 1}, "hosts": {"eu-west-1": LAB_HOST}},
            "hosts names 'eu-west-1', which is not one of the fleet's custom locations (none).",
        ),
        (
            {"locations": {"custom-lab": 1}, "hosts": {"custom-lab": {"ip": "10.0.0.1"}}},
            "A host is described by a mapping with 'ip_address' and 'dns_name'; got ['ip'].",
        ),
        (
            {"locations": {"custom-lab": 1}, "hosts": {"custom-lab": "10.0.0.1"}},
            "A host is described by a mapping with 'ip_address' and 'dns_name'; got '10.0.0.1'.",
        ),
        (
            {"locations": {"custom-lab": 1}, "hosts": {"custom-lab": {"ip_address": 10}}},
            "A host's ip_address and dns_name are non-empty strings; got {'ip_address': 10}.",
        ),
    ],
)
def test_add_fleet_refuses_inconsistent_anywhere_fleets(
    gamelift: Any, mock: PlacementMock, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError) as info:
        mock.add_fleet("us-west-2", **kwargs)
    assert str(info.value) == message
    assert gamelift.list_fleets()["FleetIds"] == []


def test_an_anywhere_fleet_may_be_declared_explicitly_with_hosts_of_either_kind(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(
        "us-west-2",
        compute_type="ANYWHERE",
        locations={"custom-a": 1},
        hosts={"custom-a": {"dns_name": "only-dns.example.com"}},
    )
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    placement = _place(gamelift, "p-a")
    assert placement["DnsName"] == "only-dns.example.com"
    assert "IpAddress" not in placement
