"""Which mocks are active, and the one backend they share. Nesting shares state; the state is
discarded when the outermost activation ends."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Optional

from . import regions
from .backend.state import Backend
from .errors import PlacementMockError

if TYPE_CHECKING:
    from .mock import PlacementMock

_lock = threading.Lock()
# Replaced whole under the lock, read without it: a reader always sees a consistent pair.
_active: tuple[tuple[PlacementMock, ...], Optional[Backend]] = ((), None)


def current() -> tuple[Optional[PlacementMock], Optional[Backend]]:
    """The innermost active mock and the shared backend, or (None, None)."""
    stack, backend = _active
    return (stack[-1] if stack else None), backend


def backend_of(mock: PlacementMock) -> Backend:
    stack, backend = _active
    if backend is None or mock not in stack:
        raise PlacementMockError(
            "This mock has not been started. Steer and inspect it while it is active: inside the "
            "function or class it decorates, inside its with block, or after start()."
        )
    return backend


def push(mock: PlacementMock) -> None:
    global _active
    with _lock:
        stack, backend = _active
        if not stack:
            backend = Backend()
            backend.partitions = regions.partitions()
        _active = ((*stack, mock), backend)


def pop(mock: PlacementMock) -> None:
    global _active
    with _lock:
        stack, backend = _active
        if not stack or stack[-1] is not mock:
            if mock in stack:
                raise PlacementMockError(
                    "Mocks stopped out of order: stop the most recently started mock first."
                )
            raise PlacementMockError("stop() called on a mock that is not active.")
        rest = stack[:-1]
        _active = (rest, backend if rest else None)


def is_active() -> bool:
    return bool(_active[0])
