"""UpdateGameSessionQueue with new PlayerLatencyPolicies while placements wait: only that queue's
placements are rescheduled; one without PlayerLatencies is not held back by any policy, and one
whose new policy ends after its deadline times out at the deadline."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import time_machine

from gl_placement_mock import PlacementMock

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _status(gamelift: Any, placement_id: str) -> str:
    placement = gamelift.describe_game_session_placement(PlacementId=placement_id)
    status: str = placement["GameSessionPlacement"]["Status"]
    return status


def test_new_latency_policies_apply_to_the_waiting_placements_of_that_queue_only(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet("us-west-2", capacity=0)
    for name in ("q1", "q2"):
        gamelift.create_game_session_queue(
            Name=name, Destinations=[{"DestinationArn": fleet.arn}], TimeoutInSeconds=20
        )
    with time_machine.travel(T0, tick=False) as traveller:
        for placement_id, queue, latencies in [
            ("plain", "q1", []),
            (
                "far",
                "q1",
                [{"PlayerId": "p", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 100}],
            ),
            ("other", "q2", []),
        ]:
            gamelift.start_game_session_placement(
                PlacementId=placement_id,
                GameSessionQueueName=queue,
                MaximumPlayerSessionCount=2,
                PlayerLatencies=latencies,
            )

        gamelift.update_game_session_queue(
            Name="q1",
            PlayerLatencyPolicies=[
                {"MaximumIndividualPlayerLatencyMilliseconds": 200},
                {"MaximumIndividualPlayerLatencyMilliseconds": 50, "PolicyDurationSeconds": 60},
            ],
        )
        traveller.shift(5)
        mock.set_capacity(fleet, 5)
        statuses = {p: _status(gamelift, p) for p in ("plain", "far", "other")}
        traveller.shift(timedelta(seconds=16))
        far = _status(gamelift, "far")

    # The 50 ms policy holds for 60 s, past the 20 s deadline: "far" never fits.
    assert statuses == {"plain": "FULFILLED", "far": "PENDING", "other": "FULFILLED"}
    assert far == "TIMED_OUT"
