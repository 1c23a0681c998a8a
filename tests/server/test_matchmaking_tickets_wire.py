"""Matchmaking tickets over the wire: StartMatchmaking, DescribeMatchmaking, AcceptMatch and
StopMatchmaking through a served mock, with the same answers as in-process."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gl_placement_mock.server import PlacementServer

from .conftest import call, control

RULES = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "teams": [
            {"name": "red", "maxPlayers": 1, "minPlayers": 1},
            {"name": "blue", "maxPlayers": 1, "minPlayers": 1},
        ],
    }
)


def _standalone_duel(client: Any) -> None:
    """A STANDALONE configuration ``duel``, one player a team, no acceptance."""
    client.create_matchmaking_rule_set(Name="duel", RuleSetBody=RULES)
    client.create_matchmaking_configuration(
        Name="duel",
        RuleSetName="duel",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )


def test_tickets_match_accept_and_complete_over_the_wire(client: Any) -> None:
    client.create_matchmaking_rule_set(Name="duel", RuleSetBody=RULES)
    client.create_matchmaking_configuration(
        Name="duel",
        RuleSetName="duel",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=True,
        AcceptanceTimeoutSeconds=30,
        FlexMatchMode="STANDALONE",
    )
    started = client.start_matchmaking(
        TicketId="t-1", ConfigurationName="duel", Players=[{"PlayerId": "alice"}]
    )["MatchmakingTicket"]
    assert started["Status"] == "QUEUED"
    assert started["StartTime"].tzinfo is not None
    client.start_matchmaking(
        TicketId="t-2", ConfigurationName="duel", Players=[{"PlayerId": "bob"}]
    )
    listed = client.describe_matchmaking(TicketIds=["t-1", "t-2", "nope"])["TicketList"]
    assert [t["Status"] for t in listed] == ["REQUIRES_ACCEPTANCE", "REQUIRES_ACCEPTANCE"]
    client.accept_match(TicketId="t-1", PlayerIds=["alice"], AcceptanceType="ACCEPT")
    client.accept_match(TicketId="t-2", PlayerIds=["bob"], AcceptanceType="ACCEPT")
    done = client.describe_matchmaking(TicketIds=["t-1", "t-2"])["TicketList"]
    assert [t["Status"] for t in done] == ["COMPLETED", "COMPLETED"]
    assert {p["Team"] for t in done for p in t["Players"]} == {"red", "blue"}
    assert done[0]["EndTime"] >= done[0]["StartTime"]
    client.start_matchmaking(TicketId="t-3", ConfigurationName="duel", Players=[{"PlayerId": "c"}])
    client.stop_matchmaking(TicketId="t-3")
    (stopped,) = client.describe_matchmaking(TicketIds=["t-3"])["TicketList"]
    assert stopped["Status"] == "CANCELLED"
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.stop_matchmaking(TicketId="nope")
    assert missing.value.response["Error"]["Message"] == "Matchmaking ticket 'nope' does not exist."


def test_matchmaking_is_steered_through_the_control_api(
    server: PlacementServer, client: Any
) -> None:
    _standalone_duel(client)
    assert control(server, "POST", "matchmaking-delay", {"seconds": 0}) == (200, {})
    assert control(server, "POST", "hold-matchmaking", {"configuration": "duel"}) == (200, {})
    for ticket_id, player_id in (("t-1", "alice"), ("t-2", "bob")):
        client.start_matchmaking(
            TicketId=ticket_id, ConfigurationName="duel", Players=[{"PlayerId": player_id}]
        )
    listed = client.describe_matchmaking(TicketIds=["t-1", "t-2"])["TicketList"]
    assert [t["Status"] for t in listed] == ["SEARCHING", "SEARCHING"]
    assert control(server, "POST", "release-matchmaking", {}) == (200, {})
    listed = client.describe_matchmaking(TicketIds=["t-1", "t-2"])["TicketList"]
    assert [t["Status"] for t in listed] == ["COMPLETED", "COMPLETED"]
    assert control(server, "POST", "hold-matchmaking", {"configuration": 5})[0] == 400


def test_members_the_model_lacks_are_dropped_at_every_depth_as_aws_does(
    server: PlacementServer, client: Any
) -> None:
    # A raw request can carry members no SDK would send: in the request, in a player and in a
    # player's attribute value. None is kept, so none comes back.
    _standalone_duel(client)
    player = {"PlayerId": "alice", "PlayerAttributes": {"skill": {"N": 10, "X": "y"}}, "Z": 1}
    body = json.dumps({"TicketId": "t-1", "ConfigurationName": "duel", "Players": [player], "Q": 2})
    status, answer = call(server, "StartMatchmaking", body.encode())
    assert status == 200
    expected = [{"PlayerId": "alice", "PlayerAttributes": {"skill": {"N": 10.0}}}]
    assert answer["MatchmakingTicket"]["Players"] == expected
    assert "Q" not in answer["MatchmakingTicket"]
    described = client.describe_matchmaking(TicketIds=["t-1"])["TicketList"]
    assert described[0]["Players"] == expected
