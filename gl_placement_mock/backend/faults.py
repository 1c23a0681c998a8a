"""Injected faults: which calls fail on purpose, decided before a call reaches the operations, so
a failed call changes nothing. Plain Python; the codes and statuses are checked by the caller."""

from __future__ import annotations

import random
import threading
from typing import Optional

EVERY_OPERATION = "*"


class InjectedFault:
    """One fault added with :meth:`PlacementMock.inject_fault`: calls of ``operation`` (or of
    every operation, ``"*"``) fail with ``error_code`` while it lasts.

    ``count`` caps how many calls it fails (None: no cap); ``rate`` is the chance that a call
    fails (None: every call), drawn from a random source seeded with ``seed``. ``calls`` and
    ``injected`` count the calls it was asked about and the ones it failed."""

    __slots__ = (
        "_plan",
        "_random",
        "calls",
        "count",
        "error_code",
        "injected",
        "message",
        "operation",
        "rate",
        "seed",
        "status",
    )

    def __init__(
        self,
        plan: FaultPlan,
        operation: str,
        error_code: str,
        status: int,
        message: str,
        count: Optional[int],
        rate: Optional[float],
        seed: int,
    ) -> None:
        self._plan = plan
        self.operation = operation
        self.error_code = error_code
        self.status = status
        self.message = message
        self.count = count
        self.rate = rate
        self.seed = seed
        self._random = random.Random(seed)
        self.calls = 0
        self.injected = 0

    def __repr__(self) -> str:
        limits = []
        if self.count is not None:
            limits.append(f"count={self.count}")
        if self.rate is not None:
            limits.append(f"rate={self.rate} seed={self.seed}")
        shown = " ".join([*limits, f"injected={self.injected}"])
        return f"<InjectedFault {self.operation} -> {self.error_code} ({self.status}) {shown}>"

    @property
    def exhausted(self) -> bool:
        """True once it has failed ``count`` calls; it then fails no more."""
        return self.count is not None and self.injected >= self.count

    @property
    def active(self) -> bool:
        """True while it can still fail calls: neither exhausted nor removed."""
        return not self.exhausted and self in self._plan.faults()

    def remove(self) -> None:
        """Stop failing calls (does nothing when already removed)."""
        self._plan.remove(self)

    def _fires(self) -> bool:
        self.calls += 1
        if self.rate is not None and self._random.random() >= self.rate:
            return False
        self.injected += 1
        return True


class FaultPlan:
    """The faults in force, consulted once per call in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[InjectedFault] = []
        # Whether any fault is in force: read without the lock before every call, which then
        # draws (nothing to draw is the common case).
        self.armed = False

    def add(
        self,
        operation: str,
        error_code: str,
        status: int,
        message: str,
        count: Optional[int],
        rate: Optional[float],
        seed: int,
    ) -> InjectedFault:
        fault = InjectedFault(self, operation, error_code, status, message, count, rate, seed)
        with self._lock:
            self._faults.append(fault)
            self.armed = True
        return fault

    def remove(self, fault: InjectedFault) -> None:
        with self._lock:
            if fault in self._faults:
                self._faults.remove(fault)
            self.armed = bool(self._faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self.armed = False

    def faults(self) -> list[InjectedFault]:
        with self._lock:
            return list(self._faults)

    def draw(self, operation: str) -> Optional[InjectedFault]:
        """The fault that fails this call of ``operation``, or None. The first matching fault
        that fires wins; the ones after it are not consulted. Exhausted faults drop out."""
        if not self._faults:  # the common case: no lock, no work
            return None
        with self._lock:
            for fault in self._faults:
                if fault.operation not in (operation, EVERY_OPERATION):
                    continue
                if fault._fires():
                    if fault.exhausted:
                        self._faults.remove(fault)
                        self.armed = bool(self._faults)
                    return fault
            return None
