"""Ending a game session through the steering wheel twice: the second time changes nothing (its
TerminationTime stays that of the first)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import time_machine

from gl_placement_mock import PlacementMock

from .conftest import FLEET_ARN

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def test_terminating_a_terminated_game_session_again_changes_nothing(
    gamelift: Any, mock: PlacementMock
) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
        gamelift.start_game_session_placement(
            PlacementId="p1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        arn = gamelift.describe_game_session_placement(PlacementId="p1")["GameSessionPlacement"][
            "GameSessionArn"
        ]
        traveller.shift(10)
        mock.terminate_game_session(arn)
        traveller.shift(10)

        mock.terminate_game_session(arn)

        (session,) = gamelift.describe_game_sessions(GameSessionId=arn)["GameSessions"]
    assert session["Status"] == "TERMINATED"
    assert session["TerminationTime"] == datetime(2026, 3, 1, 12, 0, 10, tzinfo=timezone.utc)
