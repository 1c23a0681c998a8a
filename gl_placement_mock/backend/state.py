"""The backend: all simulated GameLift state for one activation of the mock, the lock that
guards it and the clock that moves it. Plain Python; knows nothing of botocore.

``Backend`` is a thin facade over one store per resource: queues (``queues``), fleets and
aliases (``fleets``), game and player sessions (``sessions``), and placements with the
scheduler that moves them over time (``scheduler``)."""

from __future__ import annotations

import threading
from typing import Any, Callable

from . import clock
from .accounts import AccountState, RegionState
from .faults import FaultPlan
from .fleets import FleetStore
from .queues import QueueStore
from .scheduler import PlacementScheduler, Transition
from .sessions import SessionStore

EventCallback = Callable[[dict[str, Any]], None]

__all__ = ["AccountState", "Backend", "EventCallback", "RegionState", "Transition"]


class Backend(QueueStore, FleetStore, SessionStore, PlacementScheduler):
    """All simulated GameLift state for one activation of the mock. Every public method must be
    called with ``lock`` held (``run`` does that and delivers events afterwards)."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.RLock()
        self.subscribers: list[EventCallback] = []
        self.faults = FaultPlan()
        # Every call answered, oldest first, as noted by ``gl_placement_mock.calls.record``:
        # kept here so nested activations share them; the backend itself never reads them.
        self.calls: list[Any] = []

    def run(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` under the lock after bringing time up to date; then hand the events it
        produced to subscribers, outside the lock."""
        with self.lock:
            self.advance(clock.now())
            result = action()
            outbox, self._outbox = self._outbox, []
            subscribers = list(self.subscribers)
        for event in outbox:
            for callback in subscribers:
                callback(event)
        return result
