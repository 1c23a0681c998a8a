"""The backend: all simulated GameLift state for one activation of the mock, the lock that
guards it and the clock that moves it. Plain Python; knows nothing of botocore.

``Backend`` is a thin facade over one store per resource: queues (``queues``), fleets and
aliases (``fleets``), game and player sessions (``sessions``), and placements with the
scheduler that moves them over time (``scheduler``)."""

from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from . import clock
from .accounts import AccountState, RegionState
from .call_log import CallLog
from .faults import FaultPlan
from .fleets import FleetStore
from .queues import QueueStore
from .scheduler import PlacementScheduler, Transition
from .sessions import SessionStore

__all__ = ["AccountState", "Backend", "RegionState", "Transition"]


class Backend(QueueStore, FleetStore, SessionStore, PlacementScheduler):
    """All simulated GameLift state for one activation of the mock. Every public method must be
    called with ``lock`` held (``run`` does that); events wait in an outbox for delivery."""

    def __init__(self, *, max_calls: Optional[int] = None) -> None:
        super().__init__()
        self.lock = threading.RLock()
        self.faults = FaultPlan()
        # Every call answered (the most recent ``max_calls``, when given), oldest first, as
        # noted by ``gl_placement_mock.calls.record``: kept here so nested activations share
        # them; the backend itself never reads them.
        self.calls = CallLog(max_calls)

    def run(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` under the lock after bringing time up to date, then apply what fell
        due while it ran (its answer is already fixed). The events produced wait in the outbox,
        also when ``action`` raises: the caller hands them on after the lock is released."""
        with self.lock:
            self.advance(clock.now())
            result = action()
            self.advance(clock.now())
        return result

    def due(self, now: float) -> bool:
        """Whether a time-driven change is due by ``now`` (a peek, without the lock)."""
        heap = self._heap
        if not heap:
            return False
        try:
            return heap[0][0] <= now
        except IndexError:  # another thread emptied it meanwhile
            return False

    def take_outbox(self) -> list[tuple[dict[str, Any], Optional[str]]]:
        """The events produced since the last take, oldest first, each with the SNS topic its
        queue notified when it happened. Call with ``lock`` held."""
        outbox, self._outbox = self._outbox, []
        return outbox
