"""``mock_placement``: turning the mock on and off, and the handle a test steers it with."""

from __future__ import annotations

import functools
import re
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

from . import activation, arguments, delivery, interception, regions
from .backend.call_log import CallLog
from .backend.faults import EVERY_OPERATION, InjectedFault
from .backend.fleets import ANYWHERE, DEFAULT_INSTANCE_TYPE, EC2, FleetSettings
from .backend.placements import PENDING, Placement
from .backend.state import Backend, Transition
from .calls import RecordedCall, RecordedCalls
from .decorate import decorate
from .delivery import EventInbox, copy_event
from .errors import PlacementMockError, PlacementMockWarning
from .operations import OPERATIONS

DEFAULT_ACCOUNT_ID = "123456789012"
_OUT_OF_ORDER = (
    "Mocks stopped out of order: a mock started inside this one was still active, and has been "
    "stopped too. Stop the most recently started mock first."
)
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


class SimulatedFleet(NamedTuple):
    """A fleet declared with :meth:`PlacementMock.add_fleet`; use ``arn`` as a queue destination."""

    fleet_id: str
    arn: str
    home_region: str
    locations: tuple[str, ...]


class _Ended(NamedTuple):
    """What a stopped handle still shows: the state as it was when the mock stopped."""

    events: list[dict[str, Any]]
    transitions: list[Transition]
    calls: CallLog
    faults: list[InjectedFault]


_STOPPED = (
    "This mock has stopped: its events, transitions, timeline(), calls and faults still show "
    "how it ended, but it can no longer be steered. Steer it while it is active (inside the "
    "function it decorates or its with block), or start() it again, with fresh state."
)

# Told of every mock that stops while the pytest plugin watches a test (None otherwise), so
# that a failure report can show how it ended.
_stopped_watch: Optional[Callable[[PlacementMock], None]] = None


class PlacementMock:
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
        self._ended: Optional[_Ended] = None

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
        snapshot: list[_Ended] = []
        try:
            try:
                world.backend.run(lambda: snapshot.append(_state_at_end(world.backend)))
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

    def _backend(self) -> Backend:
        return self._world().backend

    def _after_end(self) -> Optional[_Ended]:
        """The state as it was when this mock stopped, unless it is active."""
        return None if self.active else self._ended

    def _run(self, action: Callable[[Backend], T]) -> T:
        world = self._world()
        backend = world.backend
        try:
            result: T = backend.run(lambda: action(backend))
        finally:
            world.delivery.flush()
        return result

    def advance(self) -> None:
        """Bring the simulated service up to the clock now: apply every change that has fallen
        due (fulfillments, timeouts, relaxed latency policies) and deliver its events, without
        any AWS call."""
        self._run(lambda _backend: None)

    # -- fleets and capacity -------------------------------------------------------------------

    def add_fleet(
        self,
        region: str,
        *,
        capacity: Optional[int] = None,
        locations: Optional[Mapping[str, Optional[int]]] = None,
        costs: Optional[Mapping[str, float]] = None,
        fleet_id: Optional[str] = None,
        name: Optional[str] = None,
        instance_type: str = DEFAULT_INSTANCE_TYPE,
        compute_type: Optional[str] = None,
        tls: bool = False,
        hosts: Optional[Mapping[str, Mapping[str, str]]] = None,
    ) -> SimulatedFleet:
        """Declare a fleet homed in ``region``.

        ``capacity`` is how many game sessions the home Region can host at once (None: no
        limit); ``locations`` adds remote locations with their own capacity; ``costs`` gives a
        cost per location for COST priority (default 0). Every location is a Region GameLift
        is offered in or a custom location (``custom-...``, GameLift Anywhere).

        ``name`` (default: the fleet id), ``instance_type`` and ``tls`` (generated TLS
        certificates: game sessions get ``<id>.<region>.amazongamelift.com`` DNS names) are
        what DescribeFleetAttributes reports. ``compute_type`` is ``"EC2"``, or ``"ANYWHERE"``
        (the default when a location is a custom one): an Anywhere fleet hosts game sessions
        only in its custom locations, so it takes no ``capacity``. ``hosts`` declares the
        address of a custom location's host, ``{"custom-lab": {"ip_address": "10.0.0.5",
        "dns_name": "lab.example.com"}}``; a custom location without one gives its game
        sessions no IP address or DNS name."""
        capacity = arguments.count(capacity, "capacity")
        remote = arguments.locations(locations)
        for where in (region, *remote):
            if not isinstance(where, str):
                raise ValueError(f"Locations are Region names such as 'us-west-2'; got {where!r}.")
        settings, spots = _fleet_settings(
            region, capacity, remote, name, instance_type, compute_type, tls, hosts
        )
        for location, spot in spots.items():
            arguments.count(spot, f"The capacity of {location!r}")
        fleet_id = arguments.fleet_id(fleet_id)
        prices = costs or {}
        table = {
            loc: (spot, arguments.cost(prices.get(loc, 0.0), loc)) for loc, spot in spots.items()
        }
        fleet = self._run(
            lambda b: b.fleets.add_fleet(self.account_id, region, table, fleet_id, settings)
        )
        return SimulatedFleet(fleet.fleet_id, fleet.arn, fleet.home_region, tuple(fleet.locations))

    def add_alias(
        self,
        fleet: Union[SimulatedFleet, str, None] = None,
        *,
        alias_id: Optional[str] = None,
        name: Optional[str] = None,
        routing_strategy: str = "SIMPLE",
        message: Optional[str] = None,
        region: Optional[str] = None,
    ) -> str:
        """Create an alias; returns the alias ARN to use as a destination. ``name`` is what
        DescribeAlias and ListAliases report (default: the alias id).

        ``routing_strategy="SIMPLE"`` (the default) routes to ``fleet``, in its home Region.
        ``routing_strategy="TERMINAL"`` routes to no fleet: it takes no ``fleet`` but a
        ``region`` and a ``message``, which requests through the alias get back in a
        TerminalRoutingStrategyException; as a queue destination it offers no location."""
        alias_id = arguments.alias_id(alias_id)
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise ValueError(f"name must be a non-blank string, got {name!r}.")
        if routing_strategy == "SIMPLE":
            if fleet is None:
                raise ValueError("A SIMPLE alias routes to a fleet: give the fleet.")
            if message is not None or region is not None:
                raise ValueError(
                    "A SIMPLE alias takes no message, and lives in its fleet's home Region: "
                    "give neither message nor region."
                )
        elif routing_strategy == "TERMINAL":
            if fleet is not None:
                raise ValueError("A TERMINAL alias routes to no fleet: give no fleet.")
            if not isinstance(message, str):
                raise ValueError(f"A TERMINAL alias needs a message string, got {message!r}.")
            if not isinstance(region, str) or region.startswith(regions.CUSTOM_PREFIX):
                raise ValueError(f"A TERMINAL alias needs a Region, got {region!r}.")
            regions.check_location(region)
        else:
            raise ValueError(
                f"routing_strategy must be 'SIMPLE' or 'TERMINAL', got {routing_strategy!r}."
            )

        def action(backend: Backend) -> str:
            found = None if fleet is None else self._fleet(backend, fleet)
            alias = backend.fleets.add_alias(
                self.account_id, found, alias_id, name, region, message
            )
            return alias.arn

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
            backend.fleets.set_capacity(self.account_id, found, where, capacity)

        self._run(action)

    def terminate_game_session(self, game_session_id: str) -> None:
        """End a game session, freeing its slot; waiting placements are tried again at once."""

        def action(backend: Backend) -> None:
            for state in backend.account(self.account_id).regions.values():
                session = state.game_sessions.get(game_session_id)
                if session is not None:
                    backend.sessions.terminate_game_session(self.account_id, session)
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
                backend.placements.fulfillment_delay = delay
                return True
            backend.placements.queue_delays[queue] = delay
            return self._is_queue(backend, queue)

        if not self._run(action):
            _warn_no_such_queue("set_fulfillment_delay", queue, self.account_id)

    def hold_placements(self, *, queue: Optional[str] = None) -> None:
        """Keep placements started from now on PENDING until the test fulfills, fails or
        releases them (they still time out): on every queue, or one queue by name or ARN."""
        queue = arguments.queue(queue)

        def action(backend: Backend) -> bool:
            if queue is None:
                backend.placements.hold_all = True
                return True
            backend.placements.held_queues.add(queue)
            return self._is_queue(backend, queue)

        if not self._run(action):
            _warn_no_such_queue("hold_placements", queue, self.account_id)

    def release_placements(self, *, queue: Optional[str] = None) -> None:
        """Stop holding placements and let the held ones be placed by the queue's rules now."""
        queue = arguments.queue(queue)

        def action(backend: Backend) -> bool:
            known = (
                queue is None
                or queue in backend.placements.held_queues
                or self._is_queue(backend, queue)
            )
            backend.placements.release(self.account_id, queue)
            return known

        if not self._run(action):
            _warn_no_such_queue("release_placements", queue, self.account_id)

    def _is_queue(self, backend: Backend, queue: str) -> bool:
        """Whether ``queue`` (a name or ARN) names a queue of this account in any Region."""
        regions = list(backend.account(self.account_id).regions)
        return any(
            backend.queues.queue_by_ref(self.account_id, r, queue) is not None for r in regions
        )

    def fulfill_placement(self, placement_id: str) -> None:
        """Place a PENDING placement now, by its queue's rules, even if held or delayed."""

        def action(backend: Backend) -> None:
            why = backend.placements.force_fulfill(self._pending(backend, placement_id))
            if why is not None:
                raise PlacementMockError(f"Cannot fulfill placement {placement_id!r}: {why}.")

        self._run(action)

    def fail_placement(self, placement_id: str) -> None:
        """Make a PENDING placement FAILED now, as when GameLift hits an internal error."""
        self._run(
            lambda backend: backend.placements.force_fail(self._pending(backend, placement_id))
        )

    def _pending(self, backend: Backend, placement_id: str) -> Placement:
        placement = backend.placements.find(self.account_id, placement_id)
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
        ended = self._after_end()
        if ended is not None:
            return list(ended.faults)
        return self._backend().faults.faults()

    # -- seeing what happened ------------------------------------------------------------------

    @property
    def events(self) -> list[dict[str, Any]]:
        """Every placement event so far, oldest first, in EventBridge's format."""
        ended = self._after_end()
        if ended is not None:
            return [copy_event(e) for e in ended.events]
        return self._run(lambda backend: [copy_event(e) for e in backend.events])

    def subscribe(self, callback: Callable[[dict[str, Any]], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every placement event from now on, in the order of
        :attr:`events`; returns a function that unsubscribes it.

        A callback runs after the mock has released its lock, before the boto3 call (or handle
        method) that produced the event returns; an event produced while a callback runs (by
        a call the callback makes) is delivered once that callback returns. An exception from a
        callback never reaches that call and stops no other callback: it is logged at once and
        raised when the mock stops. See docs/event-driven-backends.md."""
        return self._world().delivery.subscribe(callback)

    def event_inbox(self) -> EventInbox:
        """Keep every placement event from now on until the test takes them with
        ``inbox.take()``: for handlers the test wants to run at a moment of its choosing."""
        return EventInbox(self._world().delivery)

    @property
    def transitions(self) -> list[Transition]:
        """Every transition (a placement created or changing status) so far, oldest first."""
        ended = self._after_end()
        if ended is not None:
            return list(ended.transitions)
        return self._run(lambda backend: list(backend.transitions))

    @property
    def calls(self) -> RecordedCalls:
        """Every GameLift call the mock answered so far, oldest first, failed ones included (the
        most recent ``max_calls``, if ``mock_placement(max_calls=N)`` was given): a read-only
        sequence used like a list, each record built when read."""
        ended = self._after_end()
        return RecordedCalls(ended.calls if ended is not None else self._backend().calls)

    def calls_to(self, operation: str) -> list[RecordedCall]:
        """The answered calls of one operation, by its AWS name
        (``"StartGameSessionPlacement"``), oldest first."""
        if operation not in OPERATIONS:
            raise ValueError(
                f"The mock answers no operation {operation!r}; name one it implements: "
                f"{', '.join(sorted(OPERATIONS))}."
            )
        return [call for call in self.calls if call.operation == operation]

    def timeline(self) -> str:
        """The history as readable lines: time, resource (a placement), status, what it belongs
        to (its queue), Region, location, reason. Player ids, player data and game data are
        never shown."""
        return "\n".join(t.line() for t in self.transitions)


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


def _fleet_settings(
    region: str,
    capacity: Optional[int],
    locations: Optional[Mapping[str, Optional[int]]],
    name: Optional[str],
    instance_type: str,
    compute_type: Optional[str],
    tls: bool,
    hosts: Optional[Mapping[str, Mapping[str, str]]],
) -> tuple[FleetSettings, dict[str, Optional[int]]]:
    """Check add_fleet's description of a fleet: its settings, and the capacity of each
    location that hosts game sessions."""
    if region.startswith(regions.CUSTOM_PREFIX):
        raise ValueError(
            f"A fleet's home Region must be a Region, not a custom location: {region!r}."
        )
    regions.check_location(region)
    remote = dict(locations or {})
    for location in remote:
        regions.check_location(location)
    custom = [loc for loc in remote if loc.startswith(regions.CUSTOM_PREFIX)]
    pattern, low, high = _custom_location_rule()
    for location in custom:
        if not (low <= len(location) <= high and pattern.fullmatch(location)):
            raise ValueError(
                f"Custom location {location!r} is not a name CreateLocation accepts: "
                f"{pattern.pattern}, {low} to {high} characters."
            )
    if compute_type is None:
        compute_type = ANYWHERE if custom else EC2
    if compute_type == EC2 and custom:
        raise ValueError(
            f"Custom locations ({', '.join(custom)}) need compute_type='ANYWHERE', not 'EC2'."
        )
    if compute_type == ANYWHERE:
        if capacity is not None:
            raise ValueError(
                "An Anywhere fleet hosts game sessions only in its custom locations: give their "
                "capacity in locations, not capacity."
            )
        if len(custom) != len(remote):
            raise ValueError("An Anywhere fleet's locations must all be custom locations.")
        spots = remote
    elif compute_type == EC2:
        spots = {region: capacity, **remote}
    else:
        raise ValueError(f"compute_type must be 'EC2' or 'ANYWHERE', got {compute_type!r}.")
    if name is not None and (not isinstance(name, str) or not 1 <= len(name) <= 1024):
        raise ValueError(f"name must be a string of 1 to 1024 characters, got {name!r}.")
    if instance_type not in _instance_types():
        raise ValueError(
            f"instance_type {instance_type!r} is not an EC2 instance type GameLift offers."
        )
    if not isinstance(tls, bool):
        raise ValueError(f"tls must be True or False, got {tls!r}.")
    declared: dict[str, tuple[Optional[str], Optional[str]]] = {}
    for location, host in (hosts or {}).items():
        if location not in custom:
            raise ValueError(
                f"hosts names {location!r}, which is not one of the fleet's custom locations."
            )
        unknown = set(host) - {"ip_address", "dns_name"} if isinstance(host, Mapping) else None
        if unknown is None or unknown:
            raise ValueError(
                "A host is described by a mapping with 'ip_address' and 'dns_name'; got "
                f"{sorted(unknown) if unknown else host!r}."
            )
        ip, dns = host.get("ip_address"), host.get("dns_name")
        if not all(value is None or (isinstance(value, str) and value) for value in (ip, dns)):
            raise ValueError(
                f"A host's ip_address and dns_name are non-empty strings; got {host!r}."
            )
        declared[location] = (ip, dns)
    settings = FleetSettings(name, instance_type, compute_type, tls, declared)
    return settings, spots


@functools.cache
def _custom_location_rule() -> tuple[re.Pattern[str], int, int]:
    """The service model's rule for custom location names (CreateLocation's LocationName)."""
    shape = interception._service_model().shape_for("CustomInputLocationStringModel")
    meta = shape.metadata
    pattern = meta["pattern"]  # shown anchored, as validation errors show patterns
    pattern = pattern if pattern.startswith("^") else "^" + pattern
    pattern = pattern if pattern.endswith("$") else pattern + "$"
    return re.compile(pattern), int(meta["min"]), int(meta["max"])


@functools.cache
def _instance_types() -> frozenset[str]:
    shape = interception._service_model().shape_for("EC2InstanceType")
    return frozenset(shape.enum)


def _state_at_end(backend: Backend) -> _Ended:
    """Copies of what a stopped handle still shows; called with the backend's lock held."""
    return _Ended(
        list(backend.events),
        list(backend.transitions),
        backend.calls.snapshot(),
        backend.faults.faults(),
    )


# What a stopped handle shows when its mock answered nothing and was never steered.
_NOTHING = _Ended([], [], CallLog(), [])


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
