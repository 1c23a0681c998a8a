"""mock.transitions: a placement's transitions name its id and its queue; a matchmaking ticket's
name neither (they are a ticket's, and carry its configuration instead)."""

from __future__ import annotations

import json
from typing import Any

from gl_placement_mock import PlacementMock

from .conftest import FLEET_ARN


def test_a_placement_s_transitions_name_its_queue_and_a_ticket_s_do_not(
    gamelift: Any, mock: PlacementMock
) -> None:
    gamelift.create_game_session_queue(Name="main", Destinations=[{"DestinationArn": FLEET_ARN}])
    gamelift.create_matchmaking_rule_set(
        Name="solo",
        RuleSetBody=json.dumps(
            {
                "ruleLanguageVersion": "1.0",
                "teams": [{"name": "all", "minPlayers": 2, "maxPlayers": 2}],
            }
        ),
    )
    gamelift.create_matchmaking_configuration(
        Name="conf",
        RuleSetName="solo",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )

    gamelift.start_game_session_placement(
        PlacementId="p1", GameSessionQueueName="main", MaximumPlayerSessionCount=2
    )
    gamelift.start_matchmaking(TicketId="t1", ConfigurationName="conf", Players=[{"PlayerId": "a"}])

    shown = [(t.kind, t.status, t.placement_id, t.queue) for t in mock.transitions]
    assert shown == [
        ("placement", "PENDING", "p1", "main"),
        ("placement", "FULFILLED", "p1", "main"),
        ("ticket", "QUEUED", None, None),
        ("ticket", "SEARCHING", None, None),
    ]
