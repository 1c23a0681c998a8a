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
    dt = datetime.fromtimestamp(epoch, timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def iso_seconds(epoch: float) -> str:
    """``2026-11-21T08:21:46Z``: the format of an event envelope's ``time``."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
