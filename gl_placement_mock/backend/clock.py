"""The one clock the backend reads: wall time via ``time.time()``, so freezegun and
time-machine move it, truncated to the millisecond precision of GameLift's timestamps."""

from __future__ import annotations

import time
from datetime import datetime, timezone


def now() -> float:
    """Current time in epoch seconds, to the millisecond."""
    return int(time.time() * 1000) / 1000


def iso_millis(epoch: float) -> str:
    """``2026-11-21T08:21:46.123Z``: the format of times inside placement events."""
    # isoformat() ends in "+00:00" for UTC; it is several times faster than strftime().
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"
