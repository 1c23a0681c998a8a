"""Response timestamps are exactly the datetimes botocore's parser makes from the wire (O):
``datetime.fromtimestamp(epoch, tzlocal())``, including offset and fold around DST changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from dateutil.tz import tzlocal

from gl_placement_mock.operations.responses import LocalTimestamps

ZONES = ["UTC", "Europe/Berlin", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham"]
YEAR_START = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()


def _fields(moment: datetime) -> tuple[Any, ...]:
    return (*moment.timetuple()[:6], moment.microsecond, moment.fold, moment.utcoffset())


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    def use(zone: str) -> Any:
        if not Path("/usr/share/zoneinfo", zone).exists():
            pytest.skip(f"no time zone data for {zone}")
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        return tzlocal()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ZONES)
def test_times_match_botocore_through_a_year_and_its_dst_changes(
    local_zone: Any, zone: str
) -> None:
    tz = local_zone(zone)
    convert = LocalTimestamps(tz)
    six_hours = 6 * 3600
    moments = [YEAR_START + n * six_hours + 0.123 for n in range(365 * 4)]
    changes = [
        earlier
        for earlier, later in zip(moments, moments[1:])
        if datetime.fromtimestamp(earlier, tz).utcoffset()
        != datetime.fromtimestamp(later, tz).utcoffset()
    ]
    # Every six hours all year, and every 61.7 s through each six hours with a change of offset.
    for change in changes:
        moments += [change + step * 61.7 for step in range(351)]
    for epoch in moments:
        made = convert(epoch)
        expected = datetime.fromtimestamp(epoch, tz)
        assert _fields(made) == _fields(expected), (zone, epoch)
        assert made.tzinfo is tz
    if zone != "UTC":
        assert len(changes) == 2


def test_a_time_datetime_cannot_hold_raises_as_dateutil_does(local_zone: Any) -> None:
    convert = LocalTimestamps(local_zone("UTC"))
    with pytest.raises((OverflowError, OSError, ValueError)):
        convert(1e20)
