"""Numbers that do not fit their modelled type, Decimals, and inputs whose checking could cost
without bound: each gets a 400 (or success), quickly, and a refusal changes nothing."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.serialize import JSONSerializer

from gl_placement_mock import MockInternalError, PlacementMock

from .conftest import FLEET_ARN, REGION
from .reliability.helpers import fingerprint


@pytest.fixture(scope="module")
def unvalidated() -> Any:
    return boto3.client("gamelift", region_name=REGION, config=Config(parameter_validation=False))


def _refusal(excinfo: pytest.ExceptionInfo[Any]) -> str:
    response = excinfo.value.response
    assert response["Error"]["Code"] == "InvalidRequestException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    message: str = response["Error"]["Message"]
    return message


def test_a_timeout_past_32_bits_is_refused_and_never_stored(
    gamelift: Any, mock: PlacementMock
) -> None:
    """botocore lets any Python int through; GameLift's Integer is 32-bit. The mock stored
    10**400, then answered Start with a 500 while creating the placement."""
    before = fingerprint(mock)
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.create_game_session_queue(Name="q", TimeoutInSeconds=10**400)
    assert _refusal(excinfo) == (
        "1 validation error detected: Value '1E+400' at 'timeoutInSeconds' failed to satisfy "
        "constraint: Member must have value less than or equal to 2147483647"
    )
    assert fingerprint(mock) == before
    assert gamelift.describe_game_session_queues()["GameSessionQueues"] == []


def test_a_queue_update_past_32_bits_changes_nothing(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
    before = fingerprint(mock)
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.update_game_session_queue(
            Name="q",
            TimeoutInSeconds=60,
            PlayerLatencyPolicies=[
                {
                    "MaximumIndividualPlayerLatencyMilliseconds": 2**31,
                    "PolicyDurationSeconds": 10**400,
                }
            ],
        )
    assert _refusal(excinfo) == (
        "2 validation errors detected: Value '2147483648' at "
        "'playerLatencyPolicies.1.member.maximumIndividualPlayerLatencyMilliseconds' failed to "
        "satisfy constraint: Member must have value less than or equal to 2147483647; Value "
        "'1E+400' at 'playerLatencyPolicies.1.member.policyDurationSeconds' failed to satisfy "
        "constraint: Member must have value less than or equal to 2147483647"
    )
    assert fingerprint(mock) == before


def test_a_player_count_of_2_to_the_31_is_refused(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_game_session_queue(Name="q")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.start_game_session_placement(
            PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2**31
        )
    assert _refusal(excinfo) == (
        "1 validation error detected: Value '2147483648' at 'maximumPlayerSessionCount' failed "
        "to satisfy constraint: Member must have value less than or equal to 2147483647"
    )
    with pytest.raises(gamelift.exceptions.NotFoundException):
        gamelift.describe_game_session_placement(PlacementId="p-1")
    placed = gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2**31 - 1
    )
    assert placed["GameSessionPlacement"]["MaximumPlayerSessionCount"] == 2**31 - 1


def test_a_latency_that_is_no_finite_double_is_refused_and_nothing_is_created(
    gamelift: Any, unvalidated: Any, mock: PlacementMock
) -> None:
    """(botocore's own serializer fails on an int past float's range, so only a client without
    validation sends one.)"""
    gamelift.create_game_session_queue(Name="q")
    before = fingerprint(mock)
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as excinfo:
        unvalidated.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=2,
            PlayerLatencies=[
                {"PlayerId": "ann", "RegionIdentifier": REGION, "LatencyInMilliseconds": 10**400},
                {
                    "PlayerId": "bob",
                    "RegionIdentifier": REGION,
                    "LatencyInMilliseconds": float("nan"),
                },
            ],
        )
    assert _refusal(excinfo) == (
        "2 validation errors detected: Value '1E+400' at "
        "'playerLatencies.1.member.latencyInMilliseconds' failed to satisfy constraint: Member "
        "must be a finite number; Value 'nan' at 'playerLatencies.2.member.latencyInMilliseconds' "
        "failed to satisfy constraint: Member must be a finite number"
    )
    assert fingerprint(mock) == before


def test_a_decimal_latency_is_taken_as_the_number_it_is(
    gamelift: Any, unvalidated: Any, mock: PlacementMock
) -> None:
    """It was refused as "must be of type number". botocore serialises a Decimal in a Float
    member as a number (older releases cannot send one at all: there only the
    client without validation, which hands the mock the value as given, is asked)."""
    clients = [unvalidated]
    if hasattr(JSONSerializer, "_serialize_type_float"):
        clients.append(gamelift)
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
    for index, client in enumerate(clients):
        started = client.start_game_session_placement(
            PlacementId=f"p-{index}",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=2,
            PlayerLatencies=[
                {
                    "PlayerId": "ann",
                    "RegionIdentifier": REGION,
                    "LatencyInMilliseconds": Decimal("42.5"),
                }
            ],
        )["GameSessionPlacement"]
        assert started["PlayerLatencies"][0]["LatencyInMilliseconds"] == 42.5
        assert type(started["PlayerLatencies"][0]["LatencyInMilliseconds"]) is float


def test_a_huge_number_from_an_unvalidated_client_is_refused(
    unvalidated: Any, mock: PlacementMock
) -> None:
    """Past 4,300 digits Python will not even write the number out: the message says how big
    it is instead."""
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as excinfo:
        unvalidated.describe_game_session_queues(Limit=-(10**5000))
    assert _refusal(excinfo) == (
        "1 validation error detected: Value '-1E+5000' at 'limit' failed to satisfy "
        "constraint: Member must have value greater than or equal to 1"
    )


def test_deep_nesting_in_a_too_long_list_gets_a_400(unvalidated: Any, mock: PlacementMock) -> None:
    """Rendering the list for the message recursed into the nesting: RecursionError, a 500."""
    nested: Any = "x"
    for _ in range(5000):
        nested = [nested]
    locations = [nested] + ["us-west-2"] * 100
    before = fingerprint(mock)
    with pytest.raises(unvalidated.exceptions.InvalidRequestException) as excinfo:
        unvalidated.create_game_session_queue(
            Name="q", FilterConfiguration={"AllowedLocations": locations}
        )
    shown = "[[[...]], " + ", ".join(["us-west-2"] * 99) + ", ...]"
    assert _refusal(excinfo) == (
        f"1 validation error detected: Value '{shown}' at 'filterConfiguration.allowedLocations' "
        "failed to satisfy constraint: Member must have length less than or equal to 100"
    )
    assert fingerprint(mock) == before


def test_an_over_long_alias_id_is_refused_by_its_length_at_once(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Matched against its pattern before its length was checked, 400 KB took 86 s. (Older
    service models give AliasId no maximum length: then only the pattern can refuse it.)"""
    shape = gamelift.meta.service_model.operation_model("DescribeGameSessions").input_shape
    high = shape.members["AliasId"].metadata.get("max")
    pattern = shape.members["AliasId"].metadata["pattern"]
    alias_id = "arn:" + ":" * 400_000
    started = time.perf_counter()
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_sessions(AliasId=alias_id)
    assert time.perf_counter() - started < 5
    if high is None:
        constraint = f"Member must satisfy regular expression pattern: ^{pattern.lstrip('^')}$"
    else:
        constraint = f"Member must have length less than or equal to {high}"
    assert _refusal(excinfo) == (
        f"1 validation error detected: Value '{alias_id}' at 'aliasId' failed to satisfy "
        f"constraint: {constraint}"
    )


def test_a_value_over_its_length_is_not_matched_against_its_pattern(
    gamelift: Any, mock: PlacementMock
) -> None:
    placement_id = "!" * 100_000
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_session_placement(PlacementId=placement_id)
    assert _refusal(excinfo) == (
        f"1 validation error detected: Value '{placement_id}' at 'placementId' failed to "
        "satisfy constraint: Member must have length less than or equal to 48"
    )


def test_next_tokens_the_mock_never_issued_are_refused(gamelift: Any, mock: PlacementMock) -> None:
    """The docs promised it, but any base64 number was taken as a page start."""
    for name in ("q-a", "q-b", "q-c"):
        gamelift.create_game_session_queue(Name=name)
    for token in ("MQ==", "Mg==", "MA=="):
        with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
            gamelift.describe_game_session_queues(Limit=1, NextToken=token)
        assert _refusal(excinfo) == f"Invalid NextToken: '{token}'."
    issued = gamelift.describe_game_session_queues(Limit=1)["NextToken"]
    page = gamelift.describe_game_session_queues(Limit=1, NextToken=issued)
    assert [q["Name"] for q in page["GameSessionQueues"]] == ["q-b"]


def test_a_next_token_of_one_listing_is_refused_by_another(
    gamelift: Any, mock: PlacementMock
) -> None:
    for name in ("q-a", "q-b"):
        gamelift.create_game_session_queue(Name=name)
    token = gamelift.describe_game_session_queues(Limit=1)["NextToken"]
    mock.add_fleet(REGION, fleet_id="fleet-1")
    with pytest.raises(gamelift.exceptions.InvalidRequestException) as excinfo:
        gamelift.describe_game_sessions(FleetId="fleet-1", NextToken=token)
    assert _refusal(excinfo) == f"Invalid NextToken: '{token}'."


def test_an_internal_error_in_start_leaves_no_trace(
    gamelift: Any, mock: PlacementMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start reserved the PlacementId and stored the placement before the step that failed:
    the caller got an error and a placement it could never start again. The error is the
    mock's own, never a GameLift 500 that code under test could retry."""
    from gl_placement_mock.backend import engine

    gamelift.create_game_session_queue(
        Name="q", PlayerLatencyPolicies=[{"MaximumIndividualPlayerLatencyMilliseconds": 50}]
    )
    before = fingerprint(mock)

    def broken(*_args: Any) -> list[float]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "policy_boundaries", broken)
    with pytest.raises(MockInternalError):
        gamelift.start_game_session_placement(
            PlacementId="p-1",
            GameSessionQueueName="q",
            MaximumPlayerSessionCount=2,
            PlayerLatencies=[
                {"PlayerId": "ann", "RegionIdentifier": REGION, "LatencyInMilliseconds": 10}
            ],
        )
    assert fingerprint(mock) == before
    monkeypatch.undo()
    started = gamelift.start_game_session_placement(
        PlacementId="p-1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
    )
    assert started["GameSessionPlacement"]["Status"] == "PENDING"
