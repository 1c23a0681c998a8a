"""The one clock the backend reads: wall time via ``time.time()``, so freezegun and
time-machine move it, truncated to the millisecond precision of GameLift's timestamps."""

from __future__ import annotations

import math
import time
from datetime import datetime, timezone


def now() -> float:
    """Current time in epoch seconds, to the millisecond."""
    return int(time.time() * 1000) / 1000


# The text of each whole second formatted, "2026-11-21T08:21:46", by second (a placement's
# start and end usually fall in different seconds); at most 256 kept.
_seconds: dict[float, str] = {}


def iso_millis(epoch: float) -> str:
    """``2026-11-21T08:21:46.123Z``: the format of times inside placement events.

    The same text as ``datetime.fromtimestamp(epoch, timezone.utc)`` formatted to the
    millisecond (microseconds rounded half to even, as datetime does, then truncated), with the
    date and time of day formatted once per whole second."""
    fraction, whole = math.modf(epoch)
    micros = round(fraction * 1e6)
    if micros >= 1_000_000:
        micros -= 1_000_000
        whole += 1.0
    elif micros < 0:
        micros += 1_000_000
        whole -= 1.0
    text = _seconds.get(whole)
    if text is None:
        text = datetime.fromtimestamp(whole, timezone.utc).isoformat()[:-6]
        if len(_seconds) >= 256:
            _seconds.clear()
        _seconds[whole] = text
    return f"{text}.{micros // 1000:03d}Z"
