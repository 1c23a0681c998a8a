"""Which mocks are active and the simulated service each activation sees.

Every activation is its own record, so activations may end in any order (threads,
``asyncio.gather``) and each ends exactly itself. An activation started while another is current
in the same thread or task is nested in it and shares its service; one that outlives the
activation it was nested in is ended with it. A service is discarded when the last activation
that uses it ends."""

from __future__ import annotations

import itertools
import threading
from contextvars import ContextVar
from typing import TYPE_CHECKING, NamedTuple, Optional

from . import regions
from .backend.state import Backend
from .delivery import Delivery
from .errors import PlacementMockError

if TYPE_CHECKING:
    from .mock import PlacementMock

STOPPED = "stop() called on a mock that is not active."
NOT_ACTIVE = (
    "This mock has not been started. Steer and inspect it while it is active: inside the "
    "function or class it decorates, inside its with block, or after start()."
)


class World:
    """One simulated service: its backend and the delivery of its events."""

    __slots__ = ("backend", "delivery")

    def __init__(self, backend: Optional[Backend] = None) -> None:
        if backend is None:
            backend = Backend()
            backend.partitions = regions.partitions()
        self.backend = backend
        self.delivery = Delivery(self.backend)


class Activation:
    """One start of one mock, until its end."""

    __slots__ = ("ended", "mock", "number", "parent", "world")

    def __init__(
        self, mock: PlacementMock, world: World, parent: Optional[Activation], number: int
    ) -> None:
        self.mock = mock
        self.world = world
        self.parent = parent
        self.number = number
        self.ended = False

    def within(self, other: Activation) -> bool:
        """Whether this activation was started inside ``other`` (at any depth)."""
        parent = self.parent
        while parent is not None:
            if parent is other:
                return True
            parent = parent.parent
        return False


class Ended(NamedTuple):
    """What ending an activation did: also ended ``leaked``, and ``finished`` its world."""

    world: World
    leaked: tuple[Activation, ...]
    finished: bool


_lock = threading.Lock()
_numbers = itertools.count()
# Both replaced whole under the lock and read without it. ``_top`` is the innermost activation's
# (mock, world), or None when nothing is active: the one check every botocore call makes.
_active: tuple[Activation, ...] = ()
_top: Optional[tuple[PlacementMock, World]] = None
# The activation current in this thread or task: the parent of the next one started here.
_current: ContextVar[Optional[Activation]] = ContextVar(
    "gl_placement_mock_activation", default=None
)


def _publish(active: tuple[Activation, ...]) -> None:
    global _active, _top
    _active = active
    _top = (active[-1].mock, active[-1].world) if active else None


def _live(activation: Optional[Activation]) -> Optional[Activation]:
    while activation is not None and activation.ended:
        activation = activation.parent
    return activation


def start(mock: PlacementMock, *, fresh: bool = False, world: Optional[World] = None) -> Activation:
    """Activate ``mock``: in a fresh world, the given one, or the one it is nested in."""
    with _lock:
        parent = _live(_current.get())
        if world is None:
            world = World() if fresh or not _active else (parent or _active[-1]).world
        activation = Activation(mock, world, parent, next(_numbers))
        _publish((*_active, activation))
    _current.set(activation)
    return activation


def end(activation: Activation, *, later_too: bool = False) -> Ended:
    """End ``activation`` and every activation nested in it (with ``later_too``: every one
    started after it); always cleans up, then says what else it ended."""
    with _lock:
        if activation.ended:
            raise PlacementMockError(STOPPED)
        doomed = [
            a
            for a in _active
            if a is activation
            or a.within(activation)
            or (later_too and a.number > activation.number)
        ]
        for a in doomed:
            a.ended = True
        rest = tuple(a for a in _active if not a.ended)
        _publish(rest)
        world = activation.world
        finished = all(a.world is not world for a in rest)
    current = _current.get()
    if current is not None and current.ended:
        _current.set(_live(current))
    return Ended(world, tuple(a for a in doomed if a is not activation), finished)


def latest_of(mock: PlacementMock, missing: str = NOT_ACTIVE) -> Activation:
    """The most recent activation of ``mock`` still running: this thread's or task's if any."""
    current = _live(_current.get())
    while current is not None:
        if current.mock is mock:
            return current
        current = _live(current.parent)
    for activation in reversed(_active):
        if activation.mock is mock:
            return activation
    raise PlacementMockError(missing)


def is_running(mock: PlacementMock) -> bool:
    return any(a.mock is mock for a in _active)


def current() -> tuple[Optional[PlacementMock], Optional[Backend]]:
    """The innermost active mock and its backend, or (None, None)."""
    top = _top
    if top is None:
        return None, None
    return top[0], top[1].backend


def is_active() -> bool:
    return _top is not None
