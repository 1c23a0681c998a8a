"""A large batch of tickets released at once is matched, and the tickets that come after it are
matched with each other as usual (nothing of the batch lingers in the pool)."""

from __future__ import annotations

import json
from typing import Any

from gl_placement_mock import PlacementMock

PAIRS = json.dumps(
    {"ruleLanguageVersion": "1.0", "teams": [{"name": "all", "minPlayers": 2, "maxPlayers": 2}]}
)


def _start(gamelift: Any, ticket_id: str) -> None:
    gamelift.start_matchmaking(
        TicketId=ticket_id, ConfigurationName="pairs", Players=[{"PlayerId": f"{ticket_id}-p"}]
    )


def _statuses(gamelift: Any, ticket_ids: list[str]) -> list[str]:
    statuses = []
    for first in range(0, len(ticket_ids), 10):
        found = gamelift.describe_matchmaking(TicketIds=ticket_ids[first : first + 10])
        statuses += [ticket["Status"] for ticket in found["TicketList"]]
    return statuses


def test_tickets_after_a_large_batch_match_each_other(gamelift: Any, mock: PlacementMock) -> None:
    gamelift.create_matchmaking_rule_set(Name="pairs", RuleSetBody=PAIRS)
    gamelift.create_matchmaking_configuration(
        Name="pairs",
        RuleSetName="pairs",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    batch = [f"batch-{number}" for number in range(80)]
    mock.hold_matchmaking()
    for ticket_id in batch:
        _start(gamelift, ticket_id)
    mock.release_matchmaking()

    _start(gamelift, "late-1")
    after_one = _statuses(gamelift, ["late-1"])
    _start(gamelift, "late-2")

    assert set(_statuses(gamelift, batch)) == {"COMPLETED"}
    assert after_one == ["SEARCHING"]
    assert _statuses(gamelift, ["late-1", "late-2"]) == ["COMPLETED", "COMPLETED"]
