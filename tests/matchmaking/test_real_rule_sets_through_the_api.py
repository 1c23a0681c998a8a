"""Each public rule set of a real project, through the API: CreateMatchmakingRuleSet with its
body, a WITH_QUEUE configuration, tickets started with StartMatchmaking while matchmaking is
held, then released: the tickets its rules accept complete together, the misfit keeps
searching."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from gl_placement_mock import PlacementMock

from ..conftest import REGION
from .helpers import body

NEAR = {REGION: 40}
FAR = {REGION: 200}


class Case(NamedTuple):
    name: str
    # ticket id -> (PlayerAttributes, LatencyInMs); one player per ticket
    tickets: dict[str, tuple[dict[str, Any], dict[str, int]]]
    matches: list[set[str]]  # the ticket ids of each match formed, in order


def _solos(prefix: str, count: int, **attributes: Any) -> dict[str, Any]:
    return {f"{prefix}{n}": (attributes, NEAR) for n in range(1, count + 1)}


def _n(value: float) -> dict[str, Any]:
    return {"N": value}


CASES = [
    Case("real01_unity_plugin_flexmatch", _solos("t", 3), [{"t1", "t2"}]),
    Case(
        "real02_lumberyard_ly_test_tools",
        _solos("t", 6),
        [{"t1", "t2", "t3", "t4"}, {"t5", "t6"}],
    ),
    Case("real03_o3de_flex_match", _solos("t", 5), [{"t1", "t2", "t3", "t4"}]),
    Case(
        "real04_terraform_provider",
        _solos("t", 7),
        [{"t1", "t2", "t3", "t4", "t5"}, {"t6", "t7"}],
    ),
    Case(
        "real05_serverless_backend",
        {
            "a": ({"skill": _n(10)}, NEAR),
            "b": ({"skill": _n(15)}, NEAR),
            "slow": ({"skill": _n(12)}, FAR),  # over maxLatency 80
        },
        [{"a", "b"}],
    ),
    Case(
        "real06_gomoku",
        {
            "a": ({"score": _n(1000)}, NEAR),
            "far": ({"score": _n(2000)}, NEAR),  # team averages 500 apart: over 300
            "b": ({"score": _n(1100)}, NEAR),
        },
        [{"a", "b"}],
    ),
    Case(
        "real07_latency_based",
        {"a": ({}, {REGION: 20}), "slow": ({}, {REGION: 90}), "b": ({}, {REGION: 30})},
        [{"a", "b"}],
    ),
    Case(
        "real08_strict_score",
        {
            "a": ({"score": _n(1000)}, NEAR),
            "b": ({"score": _n(1200)}, NEAR),
            "c": ({}, NEAR),  # the default score, 1000
        },
        [{"a", "c"}],
    ),
    Case(
        "real09_radiant_dire_classic_1",
        {**_solos("c", 8), "slow": ({}, FAR)},
        [{f"c{n}" for n in range(1, 9)}],
    ),
    Case(
        "real09b_radiant_dire_practice",
        {**_solos("p", 4), "slow": ({}, FAR)},
        [{"p1", "p2", "p3", "p4"}],
    ),
    Case(
        "real09c_radiant_dire_survival",
        {**_solos("s", 2), "slow": ({}, FAR)},
        [{"s1", "s2"}],
    ),
    Case(
        "real10_radiant_dire_all",
        {**_solos("c", 8), "slow": ({}, FAR)},
        [{f"c{n}" for n in range(1, 9)}],
    ),
    Case(
        "real11_odin_skill_based",
        {
            "a": ({"gamemode": {"S": "ffa"}, "skill": _n(1000)}, NEAR),
            "b": ({"gamemode": {"S": "ffa"}, "skill": _n(1300)}, NEAR),
            "c": ({"gamemode": {"S": "duel"}, "skill": _n(1000)}, NEAR),
            "d": ({"gamemode": {"S": "ffa"}, "skill": _n(1150)}, NEAR),
            "e": ({"skill": _n(1000)}, NEAR),  # gamemode has no default: never matches
        },
        [{"a", "d"}],
    ),
    Case(
        "real12_ultrafrog_royale",
        {**_solos("t", 50, skill=_n(5)), "noskill": ({}, NEAR)},
        [{f"t{n}" for n in range(1, 51)}],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_real_rule_set_matches_through_start_matchmaking(
    case: Case, gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION)
    queue = gamelift.create_game_session_queue(
        Name="games", Destinations=[{"DestinationArn": fleet.arn}]
    )["GameSessionQueue"]["GameSessionQueueArn"]
    gamelift.create_matchmaking_rule_set(Name="rules", RuleSetBody=body(case.name))
    gamelift.create_matchmaking_configuration(
        Name="real",
        RuleSetName="rules",
        RequestTimeoutSeconds=120,
        AcceptanceRequired=False,
        GameSessionQueueArns=[queue],
    )
    mock.hold_matchmaking()
    for ticket_id, (attributes, latency) in case.tickets.items():
        player: dict[str, Any] = {"PlayerId": f"{ticket_id}-player", "LatencyInMs": latency}
        if attributes:
            player["PlayerAttributes"] = attributes
        gamelift.start_matchmaking(TicketId=ticket_id, ConfigurationName="real", Players=[player])
    mock.release_matchmaking()

    formed = [
        {ticket["ticketId"] for ticket in event["detail"]["tickets"]}
        for event in mock.events
        if event["detail"]["type"] == "PotentialMatchCreated"
    ]
    assert formed == case.matches
    matched = set().union(*case.matches)
    ids = list(case.tickets)
    for start in range(0, len(ids), 10):
        for ticket in gamelift.describe_matchmaking(TicketIds=ids[start : start + 10])[
            "TicketList"
        ]:
            expected = "COMPLETED" if ticket["TicketId"] in matched else "SEARCHING"
            assert ticket["Status"] == expected, ticket["TicketId"]
