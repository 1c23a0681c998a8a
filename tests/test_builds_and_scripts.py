"""Builds and Realtime scripts: every EC2 fleet runs one (the default build unless the test
declares one), reported in DescribeFleetAttributes and answered by ListBuilds, DescribeBuild,
ListScripts, DescribeScript and ListFleets(BuildId / ScriptId)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from .conftest import REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
DEFAULT_BUILD = "build-00000000-0000-0000-0000-000000000000"
BUILD = "build-1111aaaa-22bb-33cc-44dd-5555eeee66ff"
OTHER_BUILD = "build-3333cccc-44dd-55ee-66ff-00001111aa22"
SCRIPT = "script-1111aaaa-22bb-33cc-44dd-5555eeee66ff"


def _build(build_id: str, created: datetime, region: str = REGION) -> dict[str, Any]:
    return {
        "BuildId": build_id,
        "BuildArn": f"arn:aws:gamelift:{region}::build/{build_id}",
        "Name": build_id,
        "Version": "1.0",
        "Status": "READY",
        "SizeOnDisk": 0,
        "OperatingSystem": "AMAZON_LINUX_2023",
        "CreationTime": created,
        "ServerSdkVersion": "5.1.1",
    }


def _attributes(gamelift: Any, fleet_id: str) -> dict[str, Any]:
    found = gamelift.describe_fleet_attributes(FleetIds=[fleet_id])["FleetAttributes"]
    attributes: dict[str, Any] = found[0]
    return attributes


@freeze_time(T0)
def test_a_fleet_declared_without_a_build_runs_the_default_build(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Test tools that read a fleet's build (Lumberyard's get_build_id_from_fleet_id, and its
    clean-up, which lists builds) could not run: fleets had no BuildId."""
    fleet = mock.add_fleet(REGION)
    attributes = _attributes(gamelift, fleet.fleet_id)
    assert attributes["BuildId"] == DEFAULT_BUILD
    assert attributes["BuildArn"] == f"arn:aws:gamelift:{REGION}::build/{DEFAULT_BUILD}"
    assert "ScriptId" not in attributes
    described = gamelift.describe_build(BuildId=attributes["BuildId"])
    assert described["Build"] == _build(DEFAULT_BUILD, T0)
    assert gamelift.list_builds()["Builds"] == [_build(DEFAULT_BUILD, T0)]
    assert gamelift.list_fleets(BuildId=DEFAULT_BUILD)["FleetIds"] == [fleet.fleet_id]


def test_fleets_running_declared_builds(gamelift: Any, mock: PlacementMock) -> None:
    with freeze_time(T0):
        first = mock.add_fleet(REGION, build_id=BUILD)
    with freeze_time(T0 + timedelta(minutes=1)):
        other = mock.add_fleet(REGION, build_id=OTHER_BUILD)
        second = mock.add_fleet(REGION, build_id=BUILD)
    assert _attributes(gamelift, second.fleet_id)["BuildId"] == BUILD
    builds = gamelift.list_builds()["Builds"]
    assert builds == [_build(BUILD, T0), _build(OTHER_BUILD, T0 + timedelta(minutes=1))]
    build_arn = builds[0]["BuildArn"]
    assert gamelift.describe_build(BuildId=build_arn)["Build"] == builds[0]
    assert gamelift.list_fleets(BuildId=BUILD)["FleetIds"] == [first.fleet_id, second.fleet_id]
    assert gamelift.list_fleets(BuildId=build_arn)["FleetIds"] == [
        first.fleet_id,
        second.fleet_id,
    ]
    assert gamelift.list_fleets(BuildId=OTHER_BUILD)["FleetIds"] == [other.fleet_id]
    assert gamelift.list_fleets(ScriptId=SCRIPT)["FleetIds"] == []


def test_list_builds_filters_on_status_and_pages(gamelift: Any, mock: PlacementMock) -> None:
    mock.add_fleet(REGION, build_id=BUILD)
    mock.add_fleet(REGION, build_id=OTHER_BUILD)
    mock.add_fleet(REGION)
    ready = [b["BuildId"] for b in gamelift.list_builds(Status="READY")["Builds"]]
    assert ready == [BUILD, OTHER_BUILD, DEFAULT_BUILD]
    assert gamelift.list_builds(Status="INITIALIZED")["Builds"] == []
    assert gamelift.list_builds(Status="FAILED")["Builds"] == []
    first = gamelift.list_builds(Limit=2)
    assert [b["BuildId"] for b in first["Builds"]] == [BUILD, OTHER_BUILD]
    second = gamelift.list_builds(Limit=2, NextToken=first["NextToken"])
    assert [b["BuildId"] for b in second["Builds"]] == [DEFAULT_BUILD]
    assert "NextToken" not in second


@freeze_time(T0)
def test_a_fleet_running_a_realtime_script(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION, script_id=SCRIPT)
    attributes = _attributes(gamelift, fleet.fleet_id)
    assert attributes["ScriptId"] == SCRIPT
    assert attributes["ScriptArn"] == f"arn:aws:gamelift:{REGION}::script/{SCRIPT}"
    assert "BuildId" not in attributes and "BuildArn" not in attributes
    script = {
        "ScriptId": SCRIPT,
        "ScriptArn": f"arn:aws:gamelift:{REGION}::script/{SCRIPT}",
        "Name": SCRIPT,
        "Version": "1.0",
        "SizeOnDisk": 0,
        "CreationTime": T0,
    }
    assert gamelift.describe_script(ScriptId=SCRIPT)["Script"] == script
    assert gamelift.describe_script(ScriptId=script["ScriptArn"])["Script"] == script
    assert gamelift.list_scripts()["Scripts"] == [script]
    assert gamelift.list_fleets(ScriptId=SCRIPT)["FleetIds"] == [fleet.fleet_id]
    assert gamelift.list_builds()["Builds"] == []


def test_unknown_builds_and_scripts_are_not_found(gamelift: Any, mock: PlacementMock) -> None:
    mock.add_fleet("us-east-1", build_id=BUILD, script_id=None)
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.describe_build(BuildId=BUILD)  # a build of us-east-1, asked in us-west-2
    assert excinfo.value.response["Error"]["Message"] == f"Build '{BUILD}' does not exist."
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.describe_script(ScriptId="script-unknown")
    assert excinfo.value.response["Error"]["Message"] == ("Script 'script-unknown' does not exist.")
    east = boto3.client("gamelift", region_name="us-east-1")
    assert east.describe_build(BuildId=BUILD)["Build"]["BuildArn"] == (
        f"arn:aws:gamelift:us-east-1::build/{BUILD}"
    )
    wrong_region_arn = f"arn:aws:gamelift:eu-west-1::build/{BUILD}"
    with pytest.raises(east.exceptions.NotFoundException):
        east.describe_build(BuildId=wrong_region_arn)


def test_china_regions_build_and_script_arns_use_the_aws_cn_partition(
    mock: PlacementMock,
) -> None:
    built = mock.add_fleet("cn-north-1")
    scripted = mock.add_fleet("cn-north-1", script_id=SCRIPT)
    client = boto3.client("gamelift", region_name="cn-north-1")
    attributes = client.describe_fleet_attributes(FleetIds=[built.fleet_id, scripted.fleet_id])
    built_view, scripted_view = attributes["FleetAttributes"]
    assert built_view["BuildArn"] == f"arn:aws-cn:gamelift:cn-north-1::build/{DEFAULT_BUILD}"
    assert scripted_view["ScriptArn"] == f"arn:aws-cn:gamelift:cn-north-1::script/{SCRIPT}"
    assert client.list_builds()["Builds"][0]["BuildArn"] == built_view["BuildArn"]
    assert client.list_scripts()["Scripts"][0]["ScriptArn"] == scripted_view["ScriptArn"]


def test_anywhere_fleets_run_no_build_or_script(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet(REGION, locations={"custom-lab": 1})
    attributes = _attributes(gamelift, fleet.fleet_id)
    assert not {"BuildId", "BuildArn", "ScriptId", "ScriptArn"} & set(attributes)
    assert gamelift.list_builds()["Builds"] == []
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, locations={"custom-lab": 1}, build_id=BUILD)
    assert str(excinfo.value) == (
        "An Anywhere fleet runs game servers on your own hosts, not a GameLift build or "
        "script: give neither build_id nor script_id."
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"build_id": BUILD, "script_id": SCRIPT},
            "A fleet runs a build or a Realtime script: give build_id or script_id.",
        ),
        (
            {"build_id": "my-build"},
            "build_id must be a GameLift build id, 'build-' followed by letters, digits and "
            "hyphens (GameLift's own are build-<uuid>), or None for none; got 'my-build'.",
        ),
        (
            {"script_id": SCRIPT.replace("script-", "build-")},
            "script_id must be a GameLift script id, 'script-' followed by letters, digits and "
            "hyphens (GameLift's own are script-<uuid>), or None for none; got "
            f"'{SCRIPT.replace('script-', 'build-')}'.",
        ),
    ],
)
def test_build_and_script_arguments_are_checked(
    gamelift: Any, mock: PlacementMock, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError) as excinfo:
        mock.add_fleet(REGION, **kwargs)
    assert str(excinfo.value) == message
    assert gamelift.list_fleets()["FleetIds"] == []
