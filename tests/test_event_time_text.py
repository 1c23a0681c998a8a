"""The times inside placement events are the API's times written to the millisecond, also where
rounding carries into the next second, before 1970, and over many distinct seconds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import time_machine

from gl_placement_mock import PlacementMock

from .conftest import FLEET_ARN

UTC = timezone.utc


def _fulfilled_after(
    gamelift: Any, mock: PlacementMock, start: datetime, delay: float
) -> tuple[datetime, str]:
    with time_machine.travel(start, tick=False) as traveller:
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
        mock.set_fulfillment_delay(delay)
        gamelift.start_game_session_placement(
            PlacementId="p1", GameSessionQueueName="q", MaximumPlayerSessionCount=2
        )
        traveller.shift(delay + 1)
        placement = gamelift.describe_game_session_placement(PlacementId="p1")
        (event,) = mock.events
    return placement["GameSessionPlacement"]["EndTime"], event["detail"]["endTime"]


@pytest.mark.parametrize(
    ("start", "delay", "end_text"),
    [
        # 12:00:01.9999996 is 12:00:02.000 to the millisecond: the rounding carries.
        (datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC), 1.9999996, "2026-03-01T12:00:02.000Z"),
        (datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC), 1.25, "2026-03-01T12:00:01.250Z"),
        # Before 1970 the epoch is negative; the text is still the wall-clock time.
        (datetime(1969, 12, 31, 23, 59, 58, tzinfo=UTC), 1.5, "1969-12-31T23:59:59.500Z"),
    ],
)
def test_an_event_s_end_time_is_the_placement_s_end_time_to_the_millisecond(
    start: datetime, delay: float, end_text: str, gamelift: Any, mock: PlacementMock
) -> None:
    end_time, event_end = _fulfilled_after(gamelift, mock, start, delay)

    assert event_end == end_text
    assert end_time == datetime.strptime(end_text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def test_event_times_over_many_distinct_seconds_are_each_their_own(
    gamelift: Any, mock: PlacementMock
) -> None:
    start = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    count = 300
    with time_machine.travel(start, tick=False) as traveller:
        gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": FLEET_ARN}])
        for number in range(count):
            gamelift.start_game_session_placement(
                PlacementId=f"p{number}", GameSessionQueueName="q", MaximumPlayerSessionCount=2
            )
            traveller.shift(1)

        texts = [event["detail"]["startTime"] for event in mock.events]

    assert texts == [
        (start + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%S.000Z") for n in range(count)
    ]
