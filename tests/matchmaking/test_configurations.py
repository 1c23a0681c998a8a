"""CreateMatchmakingConfiguration, DescribeMatchmakingConfigurations,
UpdateMatchmakingConfiguration, DeleteMatchmakingConfiguration."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

import boto3
import pytest
from freezegun import freeze_time

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION
from ..reliability.helpers import backend_of

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
CONFIG_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingconfiguration/"
RULE_SET_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingruleset/"
QUEUE_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:gamesessionqueue/"
TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:matchmaking"
BODY = '{"ruleLanguageVersion":"1.0","teams":[{"name":"red","maxPlayers":2,"minPlayers":1}]}'


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


@pytest.fixture
def arranged(gamelift: Any, mock: PlacementMock) -> Any:
    """A queue named "games" and rule sets "duo" and "squad"."""
    gamelift.create_game_session_queue(Name="games")
    gamelift.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)
    gamelift.create_matchmaking_rule_set(Name="squad", RuleSetBody=BODY)
    return gamelift


@pytest.fixture
def make_configuration(arranged: Any) -> Callable[..., dict[str, Any]]:
    def make(name: str = "ranked", **settings: Any) -> dict[str, Any]:
        settings.setdefault("RuleSetName", "duo")
        settings.setdefault("RequestTimeoutSeconds", 60)
        settings.setdefault("AcceptanceRequired", False)
        if settings.get("FlexMatchMode") != "STANDALONE":
            settings.setdefault("GameSessionQueueArns", [QUEUE_ARN + "games"])
        configuration: dict[str, Any] = arranged.create_matchmaking_configuration(
            Name=name, **settings
        )["Configuration"]
        return configuration

    return make


@freeze_time(T0)
def test_create_returns_the_configuration_with_every_setting(arranged: Any) -> None:
    response = arranged.create_matchmaking_configuration(
        Name="ranked",
        Description="Ranked duos",
        GameSessionQueueArns=[QUEUE_ARN + "games"],
        RequestTimeoutSeconds=120,
        AcceptanceTimeoutSeconds=30,
        AcceptanceRequired=True,
        RuleSetName=RULE_SET_ARN + "duo",
        NotificationTarget=TOPIC,
        AdditionalPlayerCount=2,
        CustomEventData="season-4",
        GameProperties=[{"Key": "mode", "Value": "ranked"}],
        GameSessionData="map=harbour",
        BackfillMode="AUTOMATIC",
        FlexMatchMode="WITH_QUEUE",
        Tags=[{"Key": "team", "Value": "backend"}],
    )
    assert response["Configuration"] == {
        "Name": "ranked",
        "ConfigurationArn": CONFIG_ARN + "ranked",
        "Description": "Ranked duos",
        "GameSessionQueueArns": [QUEUE_ARN + "games"],
        "RequestTimeoutSeconds": 120,
        "AcceptanceTimeoutSeconds": 30,
        "AcceptanceRequired": True,
        "RuleSetName": "duo",
        "RuleSetArn": RULE_SET_ARN + "duo",
        "NotificationTarget": TOPIC,
        "AdditionalPlayerCount": 2,
        "CustomEventData": "season-4",
        "CreationTime": T0,
        "GameProperties": [{"Key": "mode", "Value": "ranked"}],
        "GameSessionData": "map=harbour",
        "BackfillMode": "AUTOMATIC",
        "FlexMatchMode": "WITH_QUEUE",
    }


@freeze_time(T0)
def test_a_minimal_configuration_defaults_to_with_queue_and_manual_backfill(
    arranged: Any,
) -> None:
    response = arranged.create_matchmaking_configuration(
        Name="ranked",
        GameSessionQueueArns=[QUEUE_ARN + "games"],
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        RuleSetName="duo",
    )
    assert response["Configuration"] == {
        "Name": "ranked",
        "ConfigurationArn": CONFIG_ARN + "ranked",
        "GameSessionQueueArns": [QUEUE_ARN + "games"],
        "RequestTimeoutSeconds": 60,
        "AcceptanceRequired": False,
        "RuleSetName": "duo",
        "RuleSetArn": RULE_SET_ARN + "duo",
        "AdditionalPlayerCount": 0,
        "CreationTime": T0,
        "GameProperties": [],
        "BackfillMode": "MANUAL",
        "FlexMatchMode": "WITH_QUEUE",
    }


def test_a_standalone_configuration_has_no_queue(make_configuration: Any) -> None:
    configuration = make_configuration(FlexMatchMode="STANDALONE")
    assert configuration["FlexMatchMode"] == "STANDALONE"
    assert "GameSessionQueueArns" not in configuration


def test_an_empty_notification_target_or_custom_event_data_is_not_echoed(
    make_configuration: Any,
) -> None:
    configuration = make_configuration(NotificationTarget="", CustomEventData="")
    assert "NotificationTarget" not in configuration
    assert "CustomEventData" not in configuration


def test_a_queue_in_another_region_can_serve(arranged: Any) -> None:
    """Documented: "Queues can be located in any Region"."""
    east = boto3.client("gamelift", region_name="us-east-1")
    queue_arn = east.create_game_session_queue(Name="east-games")["GameSessionQueue"][
        "GameSessionQueueArn"
    ]
    configuration = arranged.create_matchmaking_configuration(
        Name="ranked",
        GameSessionQueueArns=[queue_arn],
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        RuleSetName="duo",
    )["Configuration"]
    assert configuration["GameSessionQueueArns"] == [queue_arn]


def test_more_than_one_queue_is_refused(arranged: Any) -> None:
    """Documented: "if you specify more than one ARN, the request fails with an
    InvalidRequestException"."""
    arranged.create_game_session_queue(Name="spare")
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            GameSessionQueueArns=[QUEUE_ARN + "games", QUEUE_ARN + "spare"],
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="duo",
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "A matchmaking configuration supports only one queue; GameSessionQueueArns lists 2.",
    )
    assert arranged.describe_matchmaking_configurations()["Configurations"] == []


@pytest.mark.parametrize("queues", [None, []])
def test_with_queue_needs_a_queue(arranged: Any, queues: Any) -> None:
    extra = {} if queues is None else {"GameSessionQueueArns": queues}
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="duo",
            **extra,
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "GameSessionQueueArns must name a game session queue when FlexMatchMode is WITH_QUEUE.",
    )
    assert arranged.describe_matchmaking_configurations()["Configurations"] == []


def test_standalone_refuses_a_queue(arranged: Any) -> None:
    """Documented: "If FlexMatchMode is set to STANDALONE, do not set this parameter"."""
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="solo",
            GameSessionQueueArns=[QUEUE_ARN + "games"],
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="duo",
            FlexMatchMode="STANDALONE",
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "GameSessionQueueArns cannot be set when FlexMatchMode is STANDALONE.",
    )


def test_standalone_refuses_automatic_backfill(arranged: Any) -> None:
    """Documented: "Automatic backfill is not available when FlexMatchMode is set to
    STANDALONE"."""
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="solo",
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="duo",
            FlexMatchMode="STANDALONE",
            BackfillMode="AUTOMATIC",
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "BackfillMode AUTOMATIC is not available when FlexMatchMode is STANDALONE.",
    )


def test_a_queue_that_does_not_exist_is_not_found(arranged: Any) -> None:
    missing = QUEUE_ARN + "nowhere"
    with pytest.raises(arranged.exceptions.NotFoundException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            GameSessionQueueArns=[missing],
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="duo",
        )
    assert _error(excinfo) == (
        "NotFoundException",
        f"Game session queue '{missing}' does not exist.",
    )


def test_a_queue_name_instead_of_an_arn_is_refused(arranged: Any) -> None:
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            GameSessionQueueArns=["games"],
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="duo",
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "'games' is not a game session queue ARN.",
    )


def test_a_rule_set_that_does_not_exist_is_not_found(arranged: Any) -> None:
    with pytest.raises(arranged.exceptions.NotFoundException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            GameSessionQueueArns=[QUEUE_ARN + "games"],
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName="trio",
        )
    assert _error(excinfo) == ("NotFoundException", "Matchmaking rule set 'trio' does not exist.")


def test_a_rule_set_of_another_region_is_not_found(arranged: Any) -> None:
    """Documented: "A matchmaking configuration can only use rule sets that are defined in the
    same Region"."""
    east = boto3.client("gamelift", region_name="us-east-1")
    arn = east.create_matchmaking_rule_set(Name="duo", RuleSetBody=BODY)["RuleSet"]["RuleSetArn"]
    with pytest.raises(arranged.exceptions.NotFoundException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            GameSessionQueueArns=[QUEUE_ARN + "games"],
            RequestTimeoutSeconds=60,
            AcceptanceRequired=False,
            RuleSetName=arn,
        )
    assert _error(excinfo) == ("NotFoundException", f"Matchmaking rule set '{arn}' does not exist.")


def test_a_second_configuration_of_the_same_name_is_refused(make_configuration: Any) -> None:
    make_configuration("ranked")
    with pytest.raises(Exception) as excinfo:
        make_configuration("ranked", RequestTimeoutSeconds=90)
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Matchmaking configuration 'ranked' already exists.",
    )


def test_validation_comes_from_the_model(arranged: Any, mock: PlacementMock) -> None:
    """RequestTimeoutSeconds is 1 to 43200; botocore checks only the minimum."""
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.create_matchmaking_configuration(
            Name="ranked",
            GameSessionQueueArns=[QUEUE_ARN + "games"],
            RequestTimeoutSeconds=43201,
            AcceptanceRequired=False,
            RuleSetName="duo",
        )
    assert _error(excinfo) == (
        "InvalidRequestException",
        "1 validation error detected: Value '43201' at 'requestTimeoutSeconds' failed to "
        "satisfy constraint: Member must have value less than or equal to 43200",
    )


# -- Describe ---------------------------------------------------------------------------------


def test_describe_lists_every_configuration_oldest_first(
    arranged: Any, make_configuration: Any
) -> None:
    make_configuration("ranked")
    make_configuration("casual", FlexMatchMode="STANDALONE")
    configurations = arranged.describe_matchmaking_configurations()
    assert [c["Name"] for c in configurations["Configurations"]] == ["ranked", "casual"]


def test_describe_by_name_or_arn_leaves_out_names_that_do_not_exist(
    arranged: Any, make_configuration: Any
) -> None:
    """Documented: "only configurations that currently exist are returned"."""
    make_configuration("ranked")
    make_configuration("casual")
    configurations = arranged.describe_matchmaking_configurations(
        Names=[CONFIG_ARN + "casual", "nowhere", "ranked", "casual"]
    )["Configurations"]
    assert [c["Name"] for c in configurations] == ["casual", "ranked"]


def test_describe_by_rule_set_name_or_arn(arranged: Any, make_configuration: Any) -> None:
    make_configuration("ranked", RuleSetName="duo")
    make_configuration("casual", RuleSetName="squad")
    make_configuration("arena", RuleSetName="duo")
    by_name = arranged.describe_matchmaking_configurations(RuleSetName="duo")
    assert [c["Name"] for c in by_name["Configurations"]] == ["ranked", "arena"]
    by_arn = arranged.describe_matchmaking_configurations(RuleSetName=RULE_SET_ARN + "squad")
    assert [c["Name"] for c in by_arn["Configurations"]] == ["casual"]
    both = arranged.describe_matchmaking_configurations(
        RuleSetName="duo", Names=["casual", "arena"]
    )
    assert [c["Name"] for c in both["Configurations"]] == ["arena"]
    unknown = arranged.describe_matchmaking_configurations(RuleSetName="trio")
    assert unknown["Configurations"] == []


def test_describe_pages_through_limit_and_the_paginator(
    arranged: Any, make_configuration: Any
) -> None:
    for index in range(7):
        make_configuration(f"config-{index}")
    first = arranged.describe_matchmaking_configurations(Limit=3)
    assert [c["Name"] for c in first["Configurations"]] == ["config-0", "config-1", "config-2"]
    second = arranged.describe_matchmaking_configurations(Limit=3, NextToken=first["NextToken"])
    assert [c["Name"] for c in second["Configurations"]] == ["config-3", "config-4", "config-5"]
    paginator = arranged.get_paginator("describe_matchmaking_configurations")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 3}))
    assert [len(page["Configurations"]) for page in pages] == [3, 3, 1]


def test_describe_refuses_a_limit_over_ten(arranged: Any) -> None:
    """Documented: Limit "is limited to 10"; the model sets no maximum, so the client sends 11."""
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.describe_matchmaking_configurations(Limit=11)
    assert _error(excinfo) == (
        "InvalidRequestException",
        "1 validation error detected: Value '11' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 10",
    )


# -- Update -----------------------------------------------------------------------------------


def test_update_changes_only_what_it_names(arranged: Any, make_configuration: Any) -> None:
    created = make_configuration(
        "ranked", Description="Ranked duos", NotificationTarget=TOPIC, CustomEventData="s4"
    )
    updated = arranged.update_matchmaking_configuration(
        Name=CONFIG_ARN + "ranked",
        RequestTimeoutSeconds=300,
        AcceptanceRequired=True,
        AcceptanceTimeoutSeconds=20,
        RuleSetName="squad",
        GameProperties=[{"Key": "mode", "Value": "casual"}],
        GameSessionData="map=docks",
        AdditionalPlayerCount=1,
        CustomEventData="",
    )["Configuration"]
    expected = dict(created)
    del expected["CustomEventData"]
    expected.update(
        RequestTimeoutSeconds=300,
        AcceptanceRequired=True,
        AcceptanceTimeoutSeconds=20,
        RuleSetName="squad",
        RuleSetArn=RULE_SET_ARN + "squad",
        GameProperties=[{"Key": "mode", "Value": "casual"}],
        GameSessionData="map=docks",
        AdditionalPlayerCount=1,
    )
    assert updated == expected
    described = arranged.describe_matchmaking_configurations(Names=["ranked"])
    assert described["Configurations"] == [expected]


def test_update_to_standalone_drops_the_queue(arranged: Any, make_configuration: Any) -> None:
    make_configuration("ranked")
    updated = arranged.update_matchmaking_configuration(Name="ranked", FlexMatchMode="STANDALONE")[
        "Configuration"
    ]
    assert updated["FlexMatchMode"] == "STANDALONE"
    assert "GameSessionQueueArns" not in updated


def test_update_back_to_with_queue_needs_a_queue(arranged: Any, make_configuration: Any) -> None:
    make_configuration("solo", FlexMatchMode="STANDALONE")
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.update_matchmaking_configuration(Name="solo", FlexMatchMode="WITH_QUEUE")
    assert _error(excinfo) == (
        "InvalidRequestException",
        "GameSessionQueueArns must name a game session queue when FlexMatchMode is WITH_QUEUE.",
    )
    updated = arranged.update_matchmaking_configuration(
        Name="solo", FlexMatchMode="WITH_QUEUE", GameSessionQueueArns=[QUEUE_ARN + "games"]
    )["Configuration"]
    assert updated["GameSessionQueueArns"] == [QUEUE_ARN + "games"]


def test_a_refused_update_changes_nothing(arranged: Any, make_configuration: Any) -> None:
    created = make_configuration("ranked")
    with pytest.raises(arranged.exceptions.NotFoundException) as excinfo:
        arranged.update_matchmaking_configuration(
            Name="ranked",
            Description="changed",
            RequestTimeoutSeconds=5,
            GameSessionQueueArns=[QUEUE_ARN + "nowhere"],
        )
    assert _error(excinfo) == (
        "NotFoundException",
        f"Game session queue '{QUEUE_ARN}nowhere' does not exist.",
    )
    with pytest.raises(arranged.exceptions.InvalidRequestException):
        arranged.update_matchmaking_configuration(
            Name="ranked",
            Description="changed",
            BackfillMode="AUTOMATIC",
            FlexMatchMode="STANDALONE",
        )
    with pytest.raises(arranged.exceptions.NotFoundException):
        arranged.update_matchmaking_configuration(
            Name="ranked", Description="changed", RuleSetName="trio"
        )
    described = arranged.describe_matchmaking_configurations()["Configurations"]
    assert described == [created]


def test_update_an_unknown_configuration_is_not_found(arranged: Any) -> None:
    with pytest.raises(arranged.exceptions.NotFoundException) as excinfo:
        arranged.update_matchmaking_configuration(Name="ranked", RequestTimeoutSeconds=5)
    assert _error(excinfo) == (
        "NotFoundException",
        "Matchmaking configuration 'ranked' does not exist.",
    )


# -- Delete -----------------------------------------------------------------------------------


def test_delete_by_name_or_arn(arranged: Any, make_configuration: Any) -> None:
    make_configuration("ranked")
    make_configuration("casual")
    arranged.delete_matchmaking_configuration(Name="ranked")
    arranged.delete_matchmaking_configuration(Name=CONFIG_ARN + "casual")
    assert arranged.describe_matchmaking_configurations()["Configurations"] == []


def test_delete_an_unknown_configuration_is_not_found(arranged: Any) -> None:
    with pytest.raises(arranged.exceptions.NotFoundException) as excinfo:
        arranged.delete_matchmaking_configuration(Name=CONFIG_ARN + "ranked")
    assert _error(excinfo) == (
        "NotFoundException",
        f"Matchmaking configuration '{CONFIG_ARN}ranked' does not exist.",
    )


def test_a_configuration_with_active_tickets_cannot_be_deleted(
    arranged: Any, make_configuration: Any, mock: PlacementMock
) -> None:
    """Documented: "A matchmaking configuration cannot be deleted if it is being used in any
    active matchmaking tickets"; the ticket store answers whether it is."""
    make_configuration("ranked")
    asked: list[str] = []

    def active(configuration_arn: str) -> bool:
        asked.append(configuration_arn)
        return True

    backend_of(mock).matchmaking.has_active_tickets = active
    with pytest.raises(arranged.exceptions.InvalidRequestException) as excinfo:
        arranged.delete_matchmaking_configuration(Name="ranked")
    assert _error(excinfo) == (
        "InvalidRequestException",
        "Matchmaking configuration 'ranked' is used by active matchmaking tickets and cannot be "
        "deleted.",
    )
    assert asked == [CONFIG_ARN + "ranked"]
    assert len(arranged.describe_matchmaking_configurations()["Configurations"]) == 1


def test_an_arn_of_another_account_or_region_names_nothing(
    arranged: Any, make_configuration: Any
) -> None:
    make_configuration("ranked")
    foreign = [
        f"arn:aws:gamelift:{REGION}:999999999999:matchmakingconfiguration/ranked",
        f"arn:aws:gamelift:eu-west-1:{ACCOUNT}:matchmakingconfiguration/ranked",
    ]
    described = arranged.describe_matchmaking_configurations(Names=foreign)
    assert described["Configurations"] == []
    with pytest.raises(arranged.exceptions.NotFoundException):
        arranged.delete_matchmaking_configuration(Name=foreign[0])


def test_a_queue_in_use_by_a_configuration_can_still_be_deleted(
    arranged: Any, make_configuration: Any
) -> None:
    """AWS documents no guard for this; the configuration keeps the queue's ARN."""
    make_configuration("ranked")
    arranged.delete_game_session_queue(Name="games")
    described = arranged.describe_matchmaking_configurations()["Configurations"]
    assert described[0]["GameSessionQueueArns"] == [QUEUE_ARN + "games"]


def test_the_calls_are_recorded_with_sensitive_values_hidden(
    arranged: Any, make_configuration: Any, mock: PlacementMock
) -> None:
    make_configuration("ranked", CustomEventData="season-4", GameSessionData="map=harbour")
    with pytest.raises(arranged.exceptions.NotFoundException):
        arranged.delete_matchmaking_configuration(Name="casual")
    recorded = [(c.operation, c.error_code) for c in mock.calls]
    assert recorded[-2:] == [
        ("CreateMatchmakingConfiguration", None),
        ("DeleteMatchmakingConfiguration", "NotFoundException"),
    ]
    assert "season-4" not in repr(mock.calls[-2])
    assert "map=harbour" not in repr(mock.calls[-2])


def test_a_configuration_deleted_between_pages_makes_the_next_page_skip_no_survivor(
    arranged: Any, make_configuration: Any
) -> None:
    for index in range(4):
        make_configuration(f"config-{index}")
    first = arranged.describe_matchmaking_configurations(Limit=2)
    arranged.delete_matchmaking_configuration(Name="config-1")
    rest = arranged.describe_matchmaking_configurations(Limit=2, NextToken=first["NextToken"])
    assert [c["Name"] for c in rest["Configurations"]] == ["config-2", "config-3"]
