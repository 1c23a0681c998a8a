"""Which mocks are active and the simulated service each activation sees.

Every activation is its own record, so activations may end in any order (threads,
``asyncio.gather``) and each ends exactly itself. An activation started while another is current
in the same thread or task is nested in it and shares its service; one that outlives the
activation it was nested in is ended with it. One started where no activation is current (another
thread or task) gets a service of its own. A service is discarded when the last activation that
uses it ends.

A call is answered by the activation current in its calling context (thread or asyncio task,
through a context variable); a thread or task with none of its own (a worker thread the code
under test started) is answered by the most recently started activation still running.

A service's backend is built on first use: entering and leaving a mock that answers nothing
builds none."""

from __future__ import annotations

import threading
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Optional

from .. import regions
from ..delivery.events import Delivery
from ..errors import PlacementMockError

if TYPE_CHECKING:
    from ..backend.state import Backend
    from .handle import PlacementMock

STOPPED = "stop() called on a mock that is not active."
NOT_ACTIVE = (
    "This mock has not been started. Steer and inspect it while it is active: inside the "
    "function or class it decorates, inside its with block, or after start()."
)


_build_lock = threading.Lock()


class World:
    """One simulated service: its backend and the delivery of its events, both built when
    first used."""

    __slots__ = ("backend", "built", "delivery", "max_calls")

    backend: Backend
    delivery: Delivery
    built: bool  # whether anything has used this service yet

    def __init__(self, backend: Optional[Backend] = None, max_calls: Optional[int] = None) -> None:
        self.max_calls = max_calls
        if backend is None:
            self.built = False
        else:
            self.backend = backend
            self.delivery = Delivery(backend)
            self.built = True

    def __getattr__(self, name: str) -> Any:
        # Only reached while a slot is unset: build the backend and its delivery together.
        if name not in ("backend", "delivery"):
            raise AttributeError(name)
        with _build_lock:  # two threads' first calls build one backend
            if not self.built:
                from ..backend.state import Backend  # on first use: see answer.py

                backend = Backend(max_calls=self.max_calls)
                backend.partitions = regions.partitions()
                self.delivery = Delivery(backend)
                self.backend = backend
                self.built = True
        return object.__getattribute__(self, name)


class Activation:
    """One start of one mock, until its end."""

    __slots__ = ("ended", "mock", "parent", "served", "world")

    def __init__(self, mock: PlacementMock, world: World, parent: Optional[Activation]) -> None:
        self.mock = mock
        self.world = world
        self.parent = parent
        self.ended = False
        # What a call answered by this activation needs: the mock (its account) and the world.
        self.served = (mock, world)

    def within(self, other: Activation) -> bool:
        """Whether this activation was started inside ``other`` (at any depth)."""
        parent = self.parent
        while parent is not None:
            if parent is other:
                return True
            parent = parent.parent
        return False


_lock = threading.Lock()
# Both replaced whole under the lock and read without it. ``_top`` is the innermost activation's
# (mock, world), or None when nothing is active: the one check every botocore call makes.
_active: tuple[Activation, ...] = ()
_top: Optional[tuple[PlacementMock, World]] = None
# The activation current in this thread or task: the parent of the next one started here.
_current: ContextVar[Optional[Activation]] = ContextVar(
    "gl_placement_mock_activation", default=None
)


def _live(activation: Optional[Activation]) -> Optional[Activation]:
    while activation is not None and activation.ended:
        activation = activation.parent
    return activation


def start(mock: PlacementMock, *, fresh: bool = False, world: Optional[World] = None) -> Activation:
    """Activate ``mock``: in the given world, the one it is nested in (an activation current in
    this thread or task), or a fresh one."""
    parent = _current.get()
    if parent is not None and parent.ended:
        parent = _live(parent)
    if world is None:
        world = World(None, mock._max_calls) if fresh or parent is None else parent.world
    global _active, _top
    with _lock:
        activation = Activation(mock, world, parent)
        _active = (*_active, activation)
        _top = activation.served
    _current.set(activation)
    return activation


def end(activation: Activation, *, later_too: bool = False) -> tuple[Activation, ...]:
    """End ``activation`` and every activation nested in it (with ``later_too``: every one
    started after it); always cleans up, then returns the others it ended."""
    global _active, _top
    with _lock:
        if activation.ended:
            raise PlacementMockError(STOPPED)
        active = _active
        if active[-1] is activation:
            # The usual case: the most recent ends; nothing was started after (or inside) it.
            activation.ended = True
            rest = active[:-1]
            leaked: tuple[Activation, ...] = ()
        else:
            # ``_active`` is in the order activations started.
            position = active.index(activation)
            doomed = [
                a
                for n, a in enumerate(active)
                if a is activation or a.within(activation) or (later_too and n > position)
            ]
            for a in doomed:
                a.ended = True
            rest = tuple(a for a in active if not a.ended)
            leaked = tuple(a for a in doomed if a is not activation)
        _active = rest
        _top = rest[-1].served if rest else None
    current = _current.get()
    if current is not None and current.ended:
        _current.set(_live(current))
    return leaked


def latest_of(mock: PlacementMock, missing: str = NOT_ACTIVE) -> Activation:
    """The most recent activation of ``mock`` still running: this thread's or task's if any."""
    current = _current.get()
    if current is not None and current.mock is mock and not current.ended:
        return current
    current = _live(current)
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


def serving() -> Optional[tuple[PlacementMock, World]]:
    """The mock and world that answer a call made here and now, or None when no mock is active:
    the activation current in this thread or task, else the most recently started one."""
    top = _top
    if top is None:
        return None
    here = _current.get()
    if here is None:
        return top
    if here.ended:
        here = _live(here)
        if here is None:
            return top
    return here.served


def current() -> tuple[Optional[PlacementMock], Optional[Backend]]:
    """The mock that answers here (see :func:`serving`) and its backend, or (None, None)."""
    served = serving()
    if served is None:
        return None, None
    return served[0], served[1].backend


def is_active() -> bool:
    return _top is not None
