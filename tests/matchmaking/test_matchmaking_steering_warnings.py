"""Steering a matchmaking configuration that does not exist warns (a likely typo) from every
steering method that names one; the setting still applies to one created later under it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gl_placement_mock import PlacementMock, PlacementMockWarning

from ..conftest import ACCOUNT, REGION

SOLO = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "teams": [{"name": "all", "minPlayers": 1, "maxPlayers": 2}],
    }
)


def _message(method: str) -> str:
    return (
        f"{method}(configuration='nope'): no matchmaking configuration of account {ACCOUNT} has"
        " that name or ARN yet. It applies to one created later under it; if you meant an"
        " existing configuration, check the name."
    )


def test_release_matchmaking_of_an_unknown_configuration_warns(mock: PlacementMock) -> None:
    with pytest.warns(PlacementMockWarning) as warned:
        mock.release_matchmaking(configuration="nope")

    assert [str(w.message) for w in warned] == [_message("release_matchmaking")]


def test_set_matchmaking_delay_of_an_unknown_configuration_warns_and_applies_later(
    gamelift: Any, mock: PlacementMock
) -> None:
    with pytest.warns(PlacementMockWarning) as warned:
        mock.set_matchmaking_delay(30, configuration="nope")
    gamelift.create_matchmaking_rule_set(Name="solo", RuleSetBody=SOLO)
    gamelift.create_matchmaking_configuration(
        Name="nope",
        RuleSetName="solo",
        RequestTimeoutSeconds=120,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )

    gamelift.start_matchmaking(TicketId="t1", ConfigurationName="nope", Players=[{"PlayerId": "p"}])
    mock.advance()

    assert [str(w.message) for w in warned] == [_message("set_matchmaking_delay")]
    (ticket,) = gamelift.describe_matchmaking(TicketIds=["t1"])["TicketList"]
    assert ticket["Status"] == "SEARCHING"  # the 30 s delay applies to the new configuration


def test_a_searching_ticket_shows_the_team_each_player_asked_for(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_matchmaking_rule_set(Name="solo", RuleSetBody=SOLO)
    gamelift.create_matchmaking_configuration(
        Name="conf",
        RuleSetName="solo",
        RequestTimeoutSeconds=120,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    mock.hold_matchmaking()

    gamelift.start_matchmaking(
        TicketId="t1",
        ConfigurationName=f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingconfiguration/conf",
        Players=[{"PlayerId": "p1", "Team": "all"}, {"PlayerId": "p2"}],
    )

    (ticket,) = gamelift.describe_matchmaking(TicketIds=["t1"])["TicketList"]
    assert ticket["Status"] == "SEARCHING"
    assert ticket["Players"] == [{"PlayerId": "p1", "Team": "all"}, {"PlayerId": "p2"}]
