"""CreateGameSessionQueue, DescribeGameSessionQueues, UpdateGameSessionQueue,
DeleteGameSessionQueue."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from .conftest import ACCOUNT, FLEET_ARN, REGION

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def test_create_returns_the_queue_with_its_arn_and_settings(
    gamelift: Any, mock: PlacementMock
) -> None:
    response = gamelift.create_game_session_queue(
        Name="ranked-eu",
        TimeoutInSeconds=120,
        PlayerLatencyPolicies=[
            {"MaximumIndividualPlayerLatencyMilliseconds": 50, "PolicyDurationSeconds": 10},
            {"MaximumIndividualPlayerLatencyMilliseconds": 150},
        ],
        Destinations=[{"DestinationArn": FLEET_ARN}],
        FilterConfiguration={"AllowedLocations": ["us-west-2", "eu-west-1"]},
        PriorityConfiguration={
            "PriorityOrder": ["LOCATION", "LATENCY"],
            "LocationOrder": ["eu-west-1", "us-west-2"],
        },
        CustomEventData="team-a",
        NotificationTarget=f"arn:aws:sns:{REGION}:{ACCOUNT}:placements",
        Tags=[{"Key": "team", "Value": "matchmaking"}],
    )
    assert response["GameSessionQueue"] == {
        "Name": "ranked-eu",
        "GameSessionQueueArn": f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/ranked-eu",
        "TimeoutInSeconds": 120,
        "PlayerLatencyPolicies": [
            {"MaximumIndividualPlayerLatencyMilliseconds": 50, "PolicyDurationSeconds": 10},
            {"MaximumIndividualPlayerLatencyMilliseconds": 150},
        ],
        "Destinations": [{"DestinationArn": FLEET_ARN}],
        "FilterConfiguration": {"AllowedLocations": ["us-west-2", "eu-west-1"]},
        "PriorityConfiguration": {
            "PriorityOrder": ["LOCATION", "LATENCY"],
            "LocationOrder": ["eu-west-1", "us-west-2"],
        },
        "CustomEventData": "team-a",
        "NotificationTarget": f"arn:aws:sns:{REGION}:{ACCOUNT}:placements",
    }


def test_minimal_queue_has_default_timeout_and_empty_lists(
    gamelift: Any, mock: PlacementMock
) -> None:
    queue = gamelift.create_game_session_queue(Name="bare")["GameSessionQueue"]
    assert queue == {
        "Name": "bare",
        "GameSessionQueueArn": f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/bare",
        "TimeoutInSeconds": 600,
        "PlayerLatencyPolicies": [],
        "Destinations": [],
    }


def test_queue_arn_carries_the_mock_account(gamelift: Any) -> None:
    from gl_placement_mock import mock_placement

    with mock_placement(account_id="999988887777"):
        queue = gamelift.create_game_session_queue(Name="other")["GameSessionQueue"]
    assert queue["GameSessionQueueArn"] == (
        f"arn:aws:gamelift:{REGION}:999988887777:gamesessionqueue/other"
    )


def test_duplicate_name_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="dupe")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session_queue(Name="dupe", TimeoutInSeconds=5)
    assert excinfo.value.response["Error"]["Message"] == "Game session queue 'dupe' already exists."
    queue = gamelift.describe_game_session_queues(Names=["dupe"])["GameSessionQueues"][0]
    assert queue["TimeoutInSeconds"] == 600


def test_destination_that_is_not_a_fleet_or_alias_arn_is_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session_queue(
            Name="bad-dest", Destinations=[{"DestinationArn": "arn:aws:s3:::bucket"}]
        )
    assert excinfo.value.response["Error"]["Message"] == (
        "Destination 'arn:aws:s3:::bucket' is not a GameLift fleet or alias ARN."
    )
    assert gamelift.describe_game_session_queues()["GameSessionQueues"] == []


def test_destination_in_a_region_gamelift_is_not_offered_in_is_refused(
    gamelift: Any, mock: PlacementMock
) -> None:
    """A typo in the Region (``us-west-22``) was accepted, and placements FULFILLED there."""
    typo = f"arn:aws:gamelift:us-west-22:{ACCOUNT}:fleet/fleet-1"
    message = (
        f"Destination '{typo}' names Region 'us-west-22', which is not a Region GameLift is "
        "offered in."
    )
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session_queue(
            Name="q", Destinations=[{"DestinationArn": FLEET_ARN}, {"DestinationArn": typo}]
        )
    assert excinfo.value.response["Error"]["Message"] == message
    assert gamelift.describe_game_session_queues()["GameSessionQueues"] == []

    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.update_game_session_queue(Name="q", Destinations=[{"DestinationArn": typo}])
    assert excinfo.value.response["Error"]["Message"] == message
    queue = gamelift.describe_game_session_queues(Names=["q"])["GameSessionQueues"][0]
    assert queue["Destinations"] == [{"DestinationArn": FLEET_ARN}]


def test_same_name_in_another_region_is_a_different_queue(
    gamelift: Any, mock: PlacementMock
) -> None:
    import boto3

    gamelift.create_game_session_queue(Name="shared")
    other = boto3.client("gamelift", region_name="eu-central-1")
    queue = other.create_game_session_queue(Name="shared")["GameSessionQueue"]
    assert queue["GameSessionQueueArn"].startswith("arn:aws:gamelift:eu-central-1:")
    assert len(gamelift.describe_game_session_queues()["GameSessionQueues"]) == 1


def test_describe_all_by_name_and_by_arn_leaving_unknown_names_out(
    gamelift: Any, mock: PlacementMock
) -> None:
    arns = [
        gamelift.create_game_session_queue(Name=n)["GameSessionQueue"]["GameSessionQueueArn"]
        for n in ("q-a", "q-b", "q-c")
    ]
    every = gamelift.describe_game_session_queues()["GameSessionQueues"]
    assert [q["Name"] for q in every] == ["q-a", "q-b", "q-c"]

    chosen = gamelift.describe_game_session_queues(Names=["q-c", arns[0], "missing"])
    assert [q["Name"] for q in chosen["GameSessionQueues"]] == ["q-c", "q-a"]
    assert "NextToken" not in chosen


def test_describe_paginates_with_limit_and_next_token(gamelift: Any, mock: PlacementMock) -> None:
    for n in range(5):
        gamelift.create_game_session_queue(Name=f"page-{n}")
    first = gamelift.describe_game_session_queues(Limit=2)
    second = gamelift.describe_game_session_queues(Limit=2, NextToken=first["NextToken"])
    third = gamelift.describe_game_session_queues(Limit=2, NextToken=second["NextToken"])
    names = [q["Name"] for page in (first, second, third) for q in page["GameSessionQueues"]]
    assert names == [f"page-{n}" for n in range(5)]
    assert "NextToken" not in third

    paginator = gamelift.get_paginator("describe_game_session_queues")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["GameSessionQueues"]) for p in pages] == [2, 2, 1]


def test_garbage_next_token_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_session_queues(NextToken="not-a-token")
    assert excinfo.value.response["Error"]["Message"] == "Invalid NextToken: 'not-a-token'."


def test_update_replaces_given_fields_and_keeps_the_rest(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(
        Name="tuned",
        TimeoutInSeconds=100,
        Destinations=[{"DestinationArn": FLEET_ARN}],
        FilterConfiguration={"AllowedLocations": ["us-west-2"]},
        PriorityConfiguration={"PriorityOrder": ["LOCATION"], "LocationOrder": ["us-west-2"]},
        CustomEventData="v1",
    )
    other = f"arn:aws:gamelift:eu-west-1:{ACCOUNT}:fleet/fleet-2"
    updated = gamelift.update_game_session_queue(
        Name="tuned",
        Destinations=[{"DestinationArn": other}],
        FilterConfiguration={},
        CustomEventData="v2",
    )["GameSessionQueue"]
    assert updated["TimeoutInSeconds"] == 100
    assert updated["Destinations"] == [{"DestinationArn": other}]
    assert "FilterConfiguration" not in updated
    assert updated["PriorityConfiguration"] == {
        "PriorityOrder": ["LOCATION"],
        "LocationOrder": ["us-west-2"],
    }
    assert updated["CustomEventData"] == "v2"

    by_arn = gamelift.update_game_session_queue(
        Name=updated["GameSessionQueueArn"], PriorityConfiguration={}, TimeoutInSeconds=30
    )["GameSessionQueue"]
    assert "PriorityConfiguration" not in by_arn
    assert by_arn["TimeoutInSeconds"] == 30
    assert gamelift.describe_game_session_queues(Names=["tuned"])["GameSessionQueues"] == [by_arn]


def test_update_unknown_queue_is_not_found(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(gamelift.exceptions.NotFoundException) as excinfo:
        gamelift.update_game_session_queue(Name="ghost", TimeoutInSeconds=10)
    assert (
        excinfo.value.response["Error"]["Message"] == "Game session queue 'ghost' does not exist."
    )


def test_delete_by_name_and_by_arn(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="gone-1")
    arn = gamelift.create_game_session_queue(Name="gone-2")["GameSessionQueue"][
        "GameSessionQueueArn"
    ]
    assert (
        gamelift.delete_game_session_queue(Name="gone-1")["ResponseMetadata"]["HTTPStatusCode"]
        == 200
    )
    gamelift.delete_game_session_queue(Name=arn)
    assert gamelift.describe_game_session_queues()["GameSessionQueues"] == []


def test_observed_delete_of_unknown_queue_says_it_does_not_exist(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.delete_game_session_queue(Name="ghost")
    assert "does not exist" in excinfo.value.response["Error"]["Message"]
    assert (
        excinfo.value.response["Error"]["Message"] == "Game session queue 'ghost' does not exist."
    )


def test_documented_delete_fails_pending_placements_and_keeps_finished_ones(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="doomed")
    gamelift.create_game_session_queue(Name="ok", Destinations=[{"DestinationArn": FLEET_ARN}])
    with freeze_time(T0) as frozen:
        gamelift.start_game_session_placement(
            PlacementId="p-doomed", GameSessionQueueName="doomed", MaximumPlayerSessionCount=1
        )
        gamelift.start_game_session_placement(
            PlacementId="p-ok", GameSessionQueueName="ok", MaximumPlayerSessionCount=1
        )
        frozen.tick(timedelta(seconds=3))
        gamelift.delete_game_session_queue(Name="doomed")
        gamelift.delete_game_session_queue(Name="ok")
        frozen.tick(timedelta(seconds=3))
        doomed = gamelift.describe_game_session_placement(PlacementId="p-doomed")
        ok = gamelift.describe_game_session_placement(PlacementId="p-ok")
    assert doomed["GameSessionPlacement"]["Status"] == "FAILED"
    assert doomed["GameSessionPlacement"]["EndTime"] == T0 + timedelta(seconds=3)
    assert doomed["GameSessionPlacement"]["GameSessionQueueName"] == "doomed"
    assert ok["GameSessionPlacement"]["Status"] == "FULFILLED"
    assert [e["detail"]["type"] for e in mock.events] == ["PlacementFulfilled", "PlacementFailed"]


def test_queue_arn_of_another_region_is_not_found(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="here")
    foreign = f"arn:aws:gamelift:eu-west-1:{ACCOUNT}:gamesessionqueue/here"
    assert gamelift.describe_game_session_queues(Names=[foreign])["GameSessionQueues"] == []
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.start_game_session_placement(
            PlacementId="p-foreign", GameSessionQueueName=foreign, MaximumPlayerSessionCount=1
        )
