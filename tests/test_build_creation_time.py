"""A build is as old as the oldest declared fleet that runs it, whatever order the fleets were
declared in (here the clock is moved back between the two declarations)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import time_machine

from gl_placement_mock import PlacementMock

from .conftest import REGION

NOON = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
ELEVEN = datetime(2026, 3, 1, 11, 0, 0, tzinfo=timezone.utc)


def test_a_build_s_creation_time_is_its_oldest_fleet_s(gamelift: Any, mock: PlacementMock) -> None:
    with time_machine.travel(NOON, tick=False) as traveller:
        mock.add_fleet(REGION, build_id="build-1111", fleet_id="fleet-aaaa")
        traveller.move_to(ELEVEN)
        mock.add_fleet(REGION, build_id="build-1111", fleet_id="fleet-bbbb")

        (listed,) = gamelift.list_builds()["Builds"]
        described = gamelift.describe_build(BuildId="build-1111")["Build"]

    assert listed["BuildId"] == described["BuildId"] == "build-1111"
    assert listed["CreationTime"] == described["CreationTime"] == ELEVEN
