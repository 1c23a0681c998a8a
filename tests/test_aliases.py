"""Aliases declared through the handle, read through the API: DescribeAlias, ListAliases,
ResolveAlias."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _pattern(shape: str) -> str:
    """A pattern of the installed service model, anchored as validation errors show it (older
    models write some patterns differently)."""
    model = botocore.session.get_session().get_service_model("gamelift")
    raw: str = model.shape_for(shape).metadata["pattern"]
    raw = raw if raw.startswith("^") else "^" + raw
    return raw if raw.endswith("$") else raw + "$"


def _error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = info.value.response["Error"]
    return error["Code"], error["Message"]


@freeze_time(T0)
def test_describe_alias_reports_the_alias_field_by_field(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet("us-west-2")
    arn = mock.add_alias(fleet, alias_id="alias-live", name="live")
    expected = {
        "AliasId": "alias-live",
        "Name": "live",
        "AliasArn": arn,
        "RoutingStrategy": {"Type": "SIMPLE", "FleetId": fleet.fleet_id},
        "CreationTime": T0,
        "LastUpdatedTime": T0,
    }
    assert arn == "arn:aws:gamelift:us-west-2::alias/alias-live"
    assert gamelift.describe_alias(AliasId="alias-live")["Alias"] == expected
    assert gamelift.describe_alias(AliasId=arn)["Alias"] == expected


def test_an_alias_is_named_after_its_id_by_default(gamelift: Any, mock: PlacementMock) -> None:
    mock.add_alias(mock.add_fleet("us-west-2"), alias_id="alias-plain")
    assert gamelift.describe_alias(AliasId="alias-plain")["Alias"]["Name"] == "alias-plain"


def test_resolve_alias_gives_the_fleet(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2")
    arn = mock.add_alias(fleet)
    response = gamelift.resolve_alias(AliasId=arn)
    assert (response["FleetId"], response["FleetArn"]) == (fleet.fleet_id, fleet.arn)


@pytest.mark.parametrize("operation", ["describe_alias", "resolve_alias"])
def test_unknown_or_foreign_aliases_are_not_found(
    gamelift: Any, mock: PlacementMock, operation: str
) -> None:
    mock.add_alias(mock.add_fleet("eu-west-1"), alias_id="alias-europe")
    for ref in ("alias-missing", "alias-europe"):
        with pytest.raises(ClientError) as info:
            getattr(gamelift, operation)(AliasId=ref)
        assert _error(info) == ("NotFoundException", f"Alias '{ref}' does not exist.")


def test_alias_ids_are_validated_from_the_model(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.describe_alias(AliasId="fleet-1")
    assert _error(info) == (
        "InvalidRequestException",
        "1 validation error detected: Value 'fleet-1' at 'aliasId' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {_pattern('AliasIdOrArn')}",
    )


def test_list_aliases_filters_and_pages(gamelift: Any, mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2")
    for n, name in enumerate(["live", "staging", "live"]):
        mock.add_alias(fleet, alias_id=f"alias-{n}", name=name)
    mock.add_alias(mock.add_fleet("eu-west-1"), alias_id="alias-europe", name="live")

    def ids(response: dict[str, Any]) -> list[str]:
        return [a["AliasId"] for a in response["Aliases"]]

    assert ids(gamelift.list_aliases()) == ["alias-0", "alias-1", "alias-2"]
    assert ids(gamelift.list_aliases(Name="live")) == ["alias-0", "alias-2"]
    assert ids(gamelift.list_aliases(RoutingStrategyType="SIMPLE")) == [
        "alias-0",
        "alias-1",
        "alias-2",
    ]
    assert ids(gamelift.list_aliases(RoutingStrategyType="TERMINAL")) == []
    first = gamelift.list_aliases(Limit=2)
    assert ids(first) == ["alias-0", "alias-1"]
    rest = gamelift.list_aliases(Limit=2, NextToken=first["NextToken"])
    assert ids(rest) == ["alias-2"]
    assert "NextToken" not in rest


def test_list_aliases_validates_the_strategy(gamelift: Any, mock: PlacementMock) -> None:
    with pytest.raises(ClientError) as info:
        gamelift.list_aliases(RoutingStrategyType="ROUND_ROBIN")
    assert _error(info) == (
        "InvalidRequestException",
        "1 validation error detected: Value 'ROUND_ROBIN' at 'routingStrategyType' failed to "
        "satisfy constraint: Member must satisfy enum value set: [SIMPLE, TERMINAL]",
    )


def test_aliases_of_another_region_are_listed_there(mock: PlacementMock) -> None:
    mock.add_alias(mock.add_fleet("eu-west-1"), alias_id="alias-europe")
    europe = boto3.client("gamelift", region_name="eu-west-1")
    assert [a["AliasId"] for a in europe.list_aliases()["Aliases"]] == ["alias-europe"]


def test_add_alias_refuses_a_blank_name(mock: PlacementMock) -> None:
    fleet = mock.add_fleet("us-west-2")
    with pytest.raises(ValueError) as info:
        mock.add_alias(fleet, name="  ")
    assert str(info.value) == "name must be a non-blank string, got '  '."
