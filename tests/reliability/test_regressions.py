"""Bugs found while writing the reliability suite, each pinned by a test that caught it."""

from __future__ import annotations

from typing import Any

from gl_placement_mock import PlacementMock

from ..conftest import ACCOUNT, REGION

UNDECLARED_FLEET = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/fleet-undeclared"


def test_declaring_a_fleet_that_already_hosts_sessions_keeps_them_and_their_slots(
    gamelift: Any, mock: PlacementMock
) -> None:
    """A destination with no declared fleet behind it hosts sessions as an unlimited fleet;
    declaring that fleet afterwards must keep those sessions: listed under the fleet, and
    their slots freed when they end."""
    gamelift.create_game_session_queue(
        Name="q", Destinations=[{"DestinationArn": UNDECLARED_FLEET}]
    )
    gamelift.start_game_session_placement(
        PlacementId="before", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    before = gamelift.describe_game_session_placement(PlacementId="before")["GameSessionPlacement"]
    assert before["Status"] == "FULFILLED"

    mock.add_fleet(REGION, capacity=1, fleet_id="fleet-undeclared")
    listed = gamelift.describe_game_sessions(FleetId="fleet-undeclared")["GameSessions"]
    assert [s["GameSessionId"] for s in listed] == [before["GameSessionId"]]

    gamelift.start_game_session_placement(
        PlacementId="after", GameSessionQueueName="q", MaximumPlayerSessionCount=1
    )
    after = gamelift.describe_game_session_placement(PlacementId="after")
    assert after["GameSessionPlacement"]["Status"] == "PENDING"  # the one slot is taken

    mock.terminate_game_session(before["GameSessionId"])
    after = gamelift.describe_game_session_placement(PlacementId="after")
    assert after["GameSessionPlacement"]["Status"] == "FULFILLED"
