"""``mock_placement``: turning the mock on and off. The handle it gives is activation plus the
steering wheel (:class:`~gl_placement_mock.steering.Steering`) that server mode shares."""

from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar, overload

from ..backend.call_log import CallLog
from ..delivery import events as delivery
from ..errors import PlacementMockError
from ..steering import SimulatedFleet, Steering
from ..steering.wheel import Ended, state_at_end
from . import registry as activation
from .decorate import decorate

__all__ = ["DEFAULT_ACCOUNT_ID", "PlacementMock", "SimulatedFleet", "mock_placement"]

DEFAULT_ACCOUNT_ID = "123456789012"
_OUT_OF_ORDER = (
    "Mocks stopped out of order: a mock started inside this one was still active, and has been "
    "stopped too. Stop the most recently started mock first."
)
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

_STOPPED = (
    "This mock has stopped: its events, transitions, timeline(), calls and faults still show "
    "how it ended, but it can no longer be steered. Steer it while it is active (inside the "
    "function it decorates or its with block), or start() it again, with fresh state."
)

# Told of every mock that stops while the pytest plugin watches a test (None otherwise), so
# that a failure report can show how it ended.
_stopped_watch: Optional[Callable[[PlacementMock], None]] = None


class PlacementMock(Steering):
    """One mock of GameLift placement: activate it as a decorator, context manager or with
    ``start()``/``stop()``; while active, its methods look at and steer the simulated service."""

    def __init__(
        self, *, account_id: str = DEFAULT_ACCOUNT_ID, max_calls: Optional[int] = None
    ) -> None:
        if account_id is not DEFAULT_ACCOUNT_ID and not (
            isinstance(account_id, str) and len(account_id) == 12 and account_id.isdigit()
        ):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}.")
        if max_calls is not None and (
            not isinstance(max_calls, int) or isinstance(max_calls, bool) or max_calls < 1
        ):
            raise ValueError(
                f"max_calls must be a whole number of at least 1 (or None: keep every call), "
                f"got {max_calls!r}."
            )
        self._account_id = account_id
        self._max_calls = max_calls
        self._ended: Optional[Ended] = None

    def __repr__(self) -> str:
        state = "active" if self.active else "inactive" if self._ended is None else "stopped"
        return f"<PlacementMock account={self.account_id} {state}>"

    @property
    def account_id(self) -> str:
        """The account calls are answered as, and that this handle's methods act on: the one
        given to ``mock_placement()``, except while a mock started inside this one (nested) is
        active, whose account then answers: nested mocks share one state."""
        served = activation.serving()
        if served is None or served[0] is self or not self.active:
            return self._account_id
        innermost, world = served
        if world is not activation.latest_of(self).world:  # not nested: its own state
            return self._account_id
        return innermost._account_id

    # -- activation ----------------------------------------------------------------------------

    def start(self) -> PlacementMock:
        """Activate; the first activation creates fresh state, nested ones share it."""
        self._enter()
        return self

    def stop(self) -> None:
        """Deactivate this mock's most recent activation (this thread's or task's, if it has
        one). A mock started inside it and still running is stopped too, and then
        PlacementMockError says so. Raises what event callbacks raised meanwhile: one exception
        as itself, several as an exception group. The handle keeps showing events,
        transitions, timeline(), calls and faults as they were when it stopped."""
        self._exit(activation.latest_of(self, activation.STOPPED))

    def __enter__(self) -> PlacementMock:
        activation.start(self)
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        self._exit(activation.latest_of(self, activation.STOPPED), failed=exc_type is not None)

    def __call__(self, target: T) -> T:
        """Decorate a function, coroutine function, generator function, method or class."""
        return decorate(self, target)

    @property
    def active(self) -> bool:
        return activation.is_running(self)

    def _enter(self, *, fresh: bool = False) -> activation.Activation:
        return activation.start(self, fresh=fresh)

    def _exit(
        self, started: activation.Activation, *, failed: bool = False, leak_message: str = ""
    ) -> None:
        """End ``started`` (always), keeping the state as it ended for the handle and
        delivering what is left; then raise what went wrong: kept callback errors first, then
        mocks left running. With ``failed`` (the body raised), only clean up: the body's
        exception is the one to see; callback errors were logged."""
        if started.ended:  # stopped already, with the one it was started in
            return
        world = started.world
        if not world.built:  # nothing used it: nothing to keep, deliver or raise
            leaked = activation.end(started, later_too=bool(leak_message))
            if activation._top is None or not self.active:
                self._ended = _NOTHING
            watch = _stopped_watch
            if watch is not None:
                watch(self)
            if leaked and not failed:
                raise PlacementMockError(leak_message or _OUT_OF_ORDER)
            return
        snapshot: list[Ended] = []
        try:
            try:
                world.backend.run(lambda: snapshot.append(state_at_end(world.backend)))
            finally:
                world.delivery.flush()
        finally:
            leaked = activation.end(started, later_too=bool(leak_message))
            if snapshot and not self.active:
                self._ended = snapshot[0]
            watch = _stopped_watch
            if watch is not None:
                watch(self)
        if failed:
            return
        delivery.raise_errors(world.delivery.take_errors())
        if leaked:
            raise PlacementMockError(leak_message or _OUT_OF_ORDER)

    def _world(self) -> activation.World:
        if self._ended is not None and not self.active:
            raise PlacementMockError(_STOPPED)
        return activation.latest_of(self).world

    def _after_end(self) -> Optional[Ended]:
        """The state as it was when this mock stopped, unless it is active."""
        return None if self.active else self._ended


# What a stopped handle shows when its mock answered nothing and was never steered.
_NOTHING = Ended([], [], CallLog(), [])


@overload
def mock_placement(func: F, /) -> F: ...


@overload
def mock_placement(
    *, account_id: str = DEFAULT_ACCOUNT_ID, max_calls: Optional[int] = None
) -> PlacementMock: ...


def mock_placement(
    func: Optional[Callable[..., Any]] = None,
    /,
    *,
    account_id: str = DEFAULT_ACCOUNT_ID,
    max_calls: Optional[int] = None,
) -> Any:
    """Mock GameLift placement: ``@mock_placement``, ``@mock_placement(...)``,
    ``with mock_placement() as mock:`` or ``mock = mock_placement(); mock.start()``.

    ``max_calls``: keep only the most recent N calls in :attr:`PlacementMock.calls` (default:
    keep every call)."""
    if func is not None and not callable(func):
        raise TypeError(
            f"mock_placement() takes no positional arguments but a function to decorate; got "
            f"{func!r}. account_id is keyword-only: mock_placement(account_id={func!r})."
        )
    mock = PlacementMock(account_id=account_id, max_calls=max_calls)
    if func is None:
        return mock
    return mock(func)
