"""``mock_placement``: turning the mock on and off, and the handle a test steers it with."""

from __future__ import annotations

import warnings
from typing import (
    Any,
    Callable,
    Mapping,
    NamedTuple,
    Optional,
    TypeVar,
    Union,
    overload,
)

from . import activation, arguments, interception
from .backend.faults import EVERY_OPERATION, InjectedFault
from .backend.placements import PENDING, Placement
from .backend.state import Backend, Transition
from .decorate import decorate
from .errors import PlacementMockError, PlacementMockWarning
from .operations import OPERATIONS

DEFAULT_ACCOUNT_ID = "123456789012"
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


class SimulatedFleet(NamedTuple):
    """A fleet declared with :meth:`PlacementMock.add_fleet`; use ``arn`` as a queue destination."""

    fleet_id: str
    arn: str
    home_region: str
    locations: tuple[str, ...]


class PlacementMock:
    """One mock of GameLift placement: activate it as a decorator, context manager or with
    ``start()``/``stop()``; while active, its methods look at and steer the simulated service."""

    def __init__(self, *, account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        if not (isinstance(account_id, str) and len(account_id) == 12 and account_id.isdigit()):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}.")
        self.account_id = account_id

    def __repr__(self) -> str:
        state = "active" if self.active else "inactive"
        return f"<PlacementMock account={self.account_id} {state}>"

    # -- activation ----------------------------------------------------------------------------

    def start(self) -> PlacementMock:
        """Activate; the first activation creates fresh state, nested ones share it."""
        activation.push(self)
        return self

    def stop(self) -> None:
        """Deactivate; raises PlacementMockError when not the most recently started mock."""
        activation.pop(self)

    def __enter__(self) -> PlacementMock:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def __call__(self, target: T) -> T:
        """Decorate a function, coroutine function, method or test class."""
        return decorate(self, target)

    @property
    def active(self) -> bool:
        stack, _backend = activation._active
        return self in stack

    def _backend(self) -> Backend:
        return activation.backend_of(self)

    def _run(self, action: Callable[[Backend], T]) -> T:
        backend = self._backend()
        result: T = backend.run(lambda: action(backend))
        return result

    # -- fleets and capacity -------------------------------------------------------------------

    def add_fleet(
        self,
        region: str,
        *,
        capacity: Optional[int] = None,
        locations: Optional[Mapping[str, Optional[int]]] = None,
        costs: Optional[Mapping[str, float]] = None,
        fleet_id: Optional[str] = None,
    ) -> SimulatedFleet:
        """Declare a fleet homed in ``region``.

        ``capacity`` is how many game sessions the home Region can host at once (None: no
        limit); ``locations`` adds remote locations with their own capacity; ``costs`` gives a
        cost per location for COST priority (default 0)."""
        spots: dict[str, Optional[int]] = {
            arguments.location(region, "region"): arguments.count(capacity, "capacity")
        }
        for where, spot in arguments.locations(locations).items():
            spots[arguments.location(where, "Each key of locations")] = arguments.count(
                spot, f"The capacity of {where!r}"
            )
        fleet_id = arguments.fleet_id(fleet_id)
        prices = costs or {}
        table = {
            loc: (spot, arguments.cost(prices.get(loc, 0.0), loc)) for loc, spot in spots.items()
        }
        fleet = self._run(lambda b: b.add_fleet(self.account_id, region, table, fleet_id))
        return SimulatedFleet(fleet.fleet_id, fleet.arn, fleet.home_region, tuple(fleet.locations))

    def add_alias(
        self, fleet: Union[SimulatedFleet, str], *, alias_id: Optional[str] = None
    ) -> str:
        """Create an alias routing to ``fleet``; returns the alias ARN to use as a destination."""
        alias_id = arguments.alias_id(alias_id)

        def action(backend: Backend) -> str:
            return backend.add_alias(self.account_id, self._fleet(backend, fleet), alias_id).arn

        return self._run(action)

    def set_capacity(
        self,
        fleet: Union[SimulatedFleet, str],
        capacity: Optional[int],
        *,
        location: Optional[str] = None,
    ) -> None:
        """Change how many game sessions a fleet location can host at once (None: no limit).
        Waiting placements are tried again at once."""
        capacity = arguments.count(capacity, "capacity")

        def action(backend: Backend) -> None:
            found = self._fleet(backend, fleet)
            where = location or found.home_region
            if where not in found.locations:
                raise PlacementMockError(f"Fleet {found.fleet_id} has no location {where!r}.")
            backend.set_capacity(self.account_id, found, where, capacity)

        self._run(action)

    def terminate_game_session(self, game_session_id: str) -> None:
        """End a game session, freeing its slot; waiting placements are tried again at once."""

        def action(backend: Backend) -> None:
            for state in backend.account(self.account_id).regions.values():
                session = state.game_sessions.get(game_session_id)
                if session is not None:
                    backend.terminate_game_session(self.account_id, session)
                    return
            raise PlacementMockError(f"No game session {game_session_id!r}.")

        self._run(action)

    def _fleet(self, backend: Backend, fleet: Union[SimulatedFleet, str]) -> Any:
        key = fleet.fleet_id if isinstance(fleet, SimulatedFleet) else fleet.rsplit("/", 1)[-1]
        found = backend.account(self.account_id).fleets.get(key)
        if found is None:
            raise PlacementMockError(f"No fleet {key!r}: declare it with add_fleet() first.")
        return found

    # -- steering placements -------------------------------------------------------------------

    def set_fulfillment_delay(self, seconds: float, *, queue: Optional[str] = None) -> None:
        """Placements started from now on wait ``seconds`` (mock clock) before they can be
        placed: on every queue, or on one queue given by name or ARN."""
        delay = arguments.seconds(seconds, "seconds")
        queue = arguments.queue(queue)

        def action(backend: Backend) -> bool:
            if queue is None:
                backend.fulfilment_delay = delay
                return True
            backend.queue_delays[queue] = delay
            return self._is_queue(backend, queue)

        if not self._run(action):
            _warn_no_such_queue("set_fulfillment_delay", queue, self.account_id)

    def hold_placements(self, *, queue: Optional[str] = None) -> None:
        """Keep placements started from now on PENDING until the test fulfils, fails or
        releases them (they still time out): on every queue, or one queue by name or ARN."""
        queue = arguments.queue(queue)

        def action(backend: Backend) -> bool:
            if queue is None:
                backend.hold_all = True
                return True
            backend.held_queues.add(queue)
            return self._is_queue(backend, queue)

        if not self._run(action):
            _warn_no_such_queue("hold_placements", queue, self.account_id)

    def release_placements(self, *, queue: Optional[str] = None) -> None:
        """Stop holding placements and let the held ones be placed by the queue's rules now."""
        queue = arguments.queue(queue)

        def action(backend: Backend) -> bool:
            known = queue is None or queue in backend.held_queues or self._is_queue(backend, queue)
            backend.release(self.account_id, queue)
            return known

        if not self._run(action):
            _warn_no_such_queue("release_placements", queue, self.account_id)

    def _is_queue(self, backend: Backend, queue: str) -> bool:
        """Whether ``queue`` (a name or ARN) names a queue of this account in any Region."""
        regions = list(backend.account(self.account_id).regions)
        return any(backend.queue_by_ref(self.account_id, r, queue) is not None for r in regions)

    def fulfill_placement(self, placement_id: str) -> None:
        """Place a PENDING placement now, by its queue's rules, even if held or delayed."""

        def action(backend: Backend) -> None:
            why = backend.force_fulfil(self._pending(backend, placement_id))
            if why is not None:
                raise PlacementMockError(f"Cannot fulfill placement {placement_id!r}: {why}.")

        self._run(action)

    def fail_placement(self, placement_id: str) -> None:
        """Make a PENDING placement FAILED now, as when GameLift hits an internal error."""
        self._run(lambda backend: backend.force_fail(self._pending(backend, placement_id)))

    def _pending(self, backend: Backend, placement_id: str) -> Placement:
        placement = backend.find_placement(self.account_id, placement_id)
        if placement is None:
            raise PlacementMockError(f"No placement {placement_id!r}.")
        if placement.status != PENDING:
            raise PlacementMockError(
                f"Placement {placement_id!r} is {placement.status}; only PENDING ones can move."
            )
        return placement

    # -- injecting faults ----------------------------------------------------------------------

    def inject_fault(
        self,
        operation: str,
        error_code: str = "ThrottlingException",
        *,
        count: Optional[int] = None,
        rate: Optional[float] = None,
        seed: int = 0,
        message: Optional[str] = None,
    ) -> InjectedFault:
        """Make calls of ``operation`` fail with ``error_code``, to test retry and error
        handling. The failed call is answered before the operation runs, so it changes nothing.

        ``operation`` is the AWS operation name (``"StartGameSessionPlacement"``), or ``"*"``
        for every operation the mock implements. ``error_code`` is one the operation's service
        model lists (``InvalidRequestException``, ``InternalServiceException``, ...) or an error
        every AWS API can return: ``ThrottlingException`` (400), ``InternalFailure`` (500),
        ``ServiceUnavailable`` (503). ``count``: fail only the next ``count`` matching calls.
        ``rate``: fail each matching call with this probability (0 < rate <= 1), drawn from a
        random source seeded with ``seed``, so a run is repeatable. Neither: fail every call
        until the fault is removed. Faults are consulted in the order they were added; the
        first that fires answers the call.

        botocore does not retry these errors: the mock answers before botocore's retry loop,
        so the call raises on its first attempt (``RetryAttempts`` is 0). Returns the fault;
        ``remove()`` it or call :meth:`clear_faults` to end it."""
        if operation == EVERY_OPERATION:
            operations = sorted(OPERATIONS)
        elif operation in OPERATIONS:
            operations = [operation]
        else:
            raise ValueError(
                f"Cannot inject faults into {operation!r}: name an operation the mock implements "
                f"({', '.join(sorted(OPERATIONS))}) or '*' for all of them."
            )
        tables = [interception.answerable_errors(name) for name in operations]
        allowed = sorted(set.intersection(*(set(table) for table in tables)))
        if error_code not in allowed:
            raise ValueError(
                f"{operation} cannot answer with {error_code!r}; choose one of: "
                f"{', '.join(allowed)}."
            )
        if count is not None and (
            not isinstance(count, int) or isinstance(count, bool) or count < 1
        ):
            raise ValueError(f"count must be a whole number of at least 1, got {count!r}.")
        if rate is not None and (
            not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 0 < rate <= 1
        ):
            raise ValueError(f"rate must be a number above 0 and at most 1, got {rate!r}.")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError(f"seed must be an integer, got {seed!r}.")
        if message is None:
            message = f"{error_code} injected by gl_placement_mock."
        return self._backend().faults.add(
            operation,
            error_code,
            tables[0][error_code],
            message,
            count,
            None if rate is None else float(rate),
            seed,
        )

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self._backend().faults.clear()

    @property
    def faults(self) -> list[InjectedFault]:
        """The injected faults still in force, in the order they were added."""
        return self._backend().faults.faults()

    # -- seeing what happened ------------------------------------------------------------------

    @property
    def events(self) -> list[dict[str, Any]]:
        """Every placement event so far, oldest first, in EventBridge's format."""
        return self._run(lambda backend: [_copy_event(e) for e in backend.events])

    def subscribe(self, callback: Callable[[dict[str, Any]], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every placement event from now on; returns a function
        that unsubscribes it. Callbacks run after the mock has released its lock."""
        backend = self._backend()
        with backend.lock:
            backend.subscribers.append(callback)

        def unsubscribe() -> None:
            with backend.lock:
                if callback in backend.subscribers:
                    backend.subscribers.remove(callback)

        return unsubscribe

    @property
    def transitions(self) -> list[Transition]:
        """Every placement transition so far, oldest first."""
        return self._run(lambda backend: list(backend.transitions))

    def timeline(self) -> str:
        """The placements' history as readable lines: time, placement, status, queue, location,
        reason. Player ids, player data and game data are never shown."""
        from .backend.clock import iso_millis

        lines = []
        for t in self.transitions:
            where = f" in {t.location}" if t.location else ""
            lines.append(
                f"{iso_millis(t.time)}  {t.placement_id}  {t.status:<9}  queue={t.queue} "
                f"({t.region}){where}: {t.reason}"
            )
        return "\n".join(lines)


def _warn_no_such_queue(method: str, queue: Optional[str], account_id: str) -> None:
    """A queue the test steers but no queue has that name or ARN: likely a typo. (Not an error:
    a test may steer a queue that the code under test creates later.)"""
    warnings.warn(
        f"{method}(queue={queue!r}): no queue of account {account_id} has that name or ARN "
        "yet. It applies to a queue created later under it; if you meant an existing queue, "
        "check the name.",
        PlacementMockWarning,
        stacklevel=3,
    )


def _copy_event(event: dict[str, Any]) -> dict[str, Any]:
    copied = dict(event)
    copied["resources"] = list(event["resources"])
    detail = dict(event["detail"])
    if "placedPlayerSessions" in detail:
        detail["placedPlayerSessions"] = [dict(p) for p in detail["placedPlayerSessions"]]
    copied["detail"] = detail
    return copied


@overload
def mock_placement(func: F, /) -> F: ...


@overload
def mock_placement(*, account_id: str = DEFAULT_ACCOUNT_ID) -> PlacementMock: ...


def mock_placement(
    func: Optional[Callable[..., Any]] = None, /, *, account_id: str = DEFAULT_ACCOUNT_ID
) -> Any:
    """Mock GameLift placement: ``@mock_placement``, ``@mock_placement(...)``,
    ``with mock_placement() as mock:`` or ``mock = mock_placement(); mock.start()``."""
    if func is not None and not callable(func):
        raise TypeError(
            f"mock_placement() takes no positional arguments but a function to decorate; got "
            f"{func!r}. account_id is keyword-only: mock_placement(account_id={func!r})."
        )
    mock = PlacementMock(account_id=account_id)
    if func is None:
        return mock
    return mock(func)
