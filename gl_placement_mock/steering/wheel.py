"""The steering wheel: one object that looks at and steers a simulated service (fleets,
aliases, capacity, holds, delays, fulfillments, faults, events, calls, ...), whatever activates
it. The in-process handle (:class:`~gl_placement_mock.PlacementMock`) and a server's
``server.mock`` are both a :class:`Steering`; only where their service comes from differs.
Server mode's control API is generated from this class's methods (see ``server/control.py``)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Callable, Mapping, NamedTuple, Optional, TypeVar, Union

from .. import regions
from ..activation import registry as activation
from ..backend.call_log import CallLog
from ..backend.faults import EVERY_OPERATION, InjectedFault
from ..backend.fleets import DEFAULT_INSTANCE_TYPE
from ..backend.placements import PENDING, Placement
from ..delivery.events import EventInbox, copy_event
from ..errors import PlacementMockError, PlacementMockWarning
from ..operations.calls import RecordedCall, RecordedCalls
from . import arguments
from .fleets import SimulatedFleet, fleet_settings, fleet_source, only_fleet_locations

if TYPE_CHECKING:
    from ..backend.state import Backend, Transition

T = TypeVar("T")


class Ended(NamedTuple):
    """What a stopped handle still shows: the state as it was when the mock stopped."""

    events: list[dict[str, Any]]
    transitions: list[Transition]
    calls: CallLog
    faults: list[InjectedFault]


def state_at_end(backend: Backend) -> Ended:
    """Copies of what a stopped handle still shows; called with the backend's lock held."""
    return Ended(
        list(backend.events),
        list(backend.transitions),
        backend.calls.snapshot(),
        backend.faults.faults(),
    )


class Steering:
    """Looks at and steers one simulated service. Subclasses say where the service is
    (:meth:`_world`), which account the methods act in (:attr:`account_id`) and, once it has
    stopped, what it looked like then (:meth:`_after_end`)."""

    @property
    def account_id(self) -> str:
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def _world(self) -> activation.World:
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def _after_end(self) -> Optional[Ended]:
        """The state as it was when the service stopped, or None while it runs."""
        return None

    def _backend(self) -> Backend:
        return self._world().backend

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
        build_id: Optional[str] = None,
        script_id: Optional[str] = None,
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
        sessions no IP address or DNS name.

        ``build_id`` or ``script_id`` (not both) is the build or Realtime script the fleet runs,
        reported in DescribeFleetAttributes and answered by DescribeBuild / ListBuilds
        (DescribeScript / ListScripts); an EC2 fleet given neither runs the default build,
        ``build-00000000-0000-0000-0000-000000000000``. Anywhere fleets run neither."""
        capacity = arguments.count(capacity, "capacity")
        remote = arguments.locations(locations)
        for where in (region, *remote):
            if not isinstance(where, str):
                raise ValueError(f"Locations are Region names such as 'us-west-2'; got {where!r}.")
        settings, spots = fleet_settings(
            region, capacity, remote, name, instance_type, compute_type, tls, hosts
        )
        for location, spot in spots.items():
            arguments.count(spot, f"The capacity of {location!r}")
        settings = fleet_source(settings, build_id, script_id)
        fleet_id = arguments.fleet_id(fleet_id)
        prices = arguments.mapping(costs, "costs", "{'us-west-2': 0.5}")
        only_fleet_locations("costs", prices, spots)
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
        key = None if fleet is None else arguments.fleet(fleet)
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
            found = None if key is None else self._fleet(backend, key)
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
        key = arguments.fleet(fleet)
        capacity = arguments.count(capacity, "capacity")
        if location is not None:
            arguments.text(location, "location", "eu-west-1")

        def action(backend: Backend) -> None:
            found = self._fleet(backend, key)
            where = location or found.home_region
            if where not in found.locations:
                raise PlacementMockError(f"Fleet {found.fleet_id} has no location {where!r}.")
            backend.fleets.set_capacity(self.account_id, found, where, capacity)

        self._run(action)

    def terminate_game_session(self, game_session_id: str) -> None:
        """End a game session, freeing its slot; waiting placements are tried again at once."""
        arguments.text(game_session_id, "game_session_id", "arn:aws:gamelift:...:gamesession/...")

        def action(backend: Backend) -> None:
            for state in backend.account(self.account_id).regions.values():
                session = state.game_sessions.get(game_session_id)
                if session is not None:
                    backend.sessions.terminate_game_session(self.account_id, session)
                    return
            raise PlacementMockError(f"No game session {game_session_id!r}.")

        self._run(action)

    def _fleet(self, backend: Backend, key: str) -> Any:
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

    def set_activation_delay(self, seconds: float) -> None:
        """Game sessions made by CreateGameSession from now on stay ``ACTIVATING`` for
        ``seconds`` (mock clock) before their game server activates them (``ACTIVE``: found by
        SearchGameSessions, open to player sessions). With the default, 0, the answer to
        CreateGameSession says ``ACTIVATING`` and every later read says ``ACTIVE``. Game
        sessions that placements open are ``ACTIVE`` when the placement is FULFILLED."""
        delay = arguments.seconds(seconds, "seconds")

        def action(backend: Backend) -> None:
            backend.sessions.activation_delay = delay

        self._run(action)

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

    # -- matchmaking -----------------------------------------------------------------------------

    def hold_matchmaking(self, *, configuration: Optional[str] = None) -> None:
        """Form no potential match from now on for one matchmaking configuration (name or ARN),
        or for every configuration (also ones created later) when ``configuration`` is None,
        until released. Held tickets still enter matchmaking (MatchmakingSearching), can still
        be stopped, are still cancelled by a duplicate player, and still time out."""
        configuration = arguments.configuration(configuration)

        def action(backend: Backend) -> bool:
            if configuration is None:
                backend.tickets.hold_all = True
                return True
            backend.tickets.held.add(configuration)
            return self._is_configuration(backend, configuration)

        if not self._run(action):
            _warn_no_such_configuration("hold_matchmaking", configuration, self.account_id)

    def release_matchmaking(self, *, configuration: Optional[str] = None) -> None:
        """End a hold (None: every hold) and run the matcher over the waiting tickets before
        returning: the matches it forms, their placement when the queue places it at once, the
        tickets' completion and all their events are applied and delivered by then."""
        configuration = arguments.configuration(configuration)

        def action(backend: Backend) -> bool:
            known = (
                configuration is None
                or configuration in backend.tickets.held
                or self._is_configuration(backend, configuration)
            )
            backend.tickets.release(configuration, backend.kernel.now())
            return known

        if not self._run(action):
            _warn_no_such_configuration("release_matchmaking", configuration, self.account_id)

    def set_matchmaking_delay(self, seconds: float, *, configuration: Optional[str] = None) -> None:
        """The least time (mock clock) between a ticket's StartTime and a potential match that
        includes it: for every configuration, or one by name or ARN (default 0: a match forms
        at the first settle point)."""
        delay = arguments.seconds(seconds, "seconds")
        configuration = arguments.configuration(configuration)

        def action(backend: Backend) -> bool:
            if configuration is None:
                backend.tickets.delay = delay
                return True
            backend.tickets.delays[configuration] = delay
            return self._is_configuration(backend, configuration)

        if not self._run(action):
            _warn_no_such_configuration("set_matchmaking_delay", configuration, self.account_id)

    def _is_configuration(self, backend: Backend, configuration: str) -> bool:
        """Whether ``configuration`` (a name or ARN) names a matchmaking configuration of this
        account in any Region."""
        return backend.matchmaking.configuration_anywhere(self.account_id, configuration)

    def _is_queue(self, backend: Backend, queue: str) -> bool:
        """Whether ``queue`` (a name or ARN) names a queue of this account in any Region."""
        regions = list(backend.account(self.account_id).regions)
        return any(
            backend.queues.queue_by_ref(self.account_id, r, queue) is not None for r in regions
        )

    def fulfill_placement(self, placement_id: str) -> None:
        """Place a PENDING placement now, by its queue's rules, even if held or delayed."""
        arguments.text(placement_id, "placement_id", "p-1")

        def action(backend: Backend) -> None:
            why = backend.placements.force_fulfill(self._pending(backend, placement_id))
            if why is not None:
                raise PlacementMockError(f"Cannot fulfill placement {placement_id!r}: {why}.")

        self._run(action)

    def fail_placement(self, placement_id: str) -> None:
        """Make a PENDING placement FAILED now, as when GameLift hits an internal error."""
        arguments.text(placement_id, "placement_id", "p-1")
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
        arguments.text(operation, "operation", "StartGameSessionPlacement")
        arguments.text(error_code, "error_code", "ThrottlingException")
        if message is not None:
            arguments.text(message, "message", "Rate exceeded")
        from ..operations import OPERATIONS  # imported on first use: see answer.py

        if operation == EVERY_OPERATION:
            operations = sorted(OPERATIONS)
        elif operation in OPERATIONS:
            operations = [operation]
        else:
            raise ValueError(
                f"Cannot inject faults into {operation!r}: name an operation the mock implements "
                f"({', '.join(sorted(OPERATIONS))}) or '*' for all of them."
            )
        from ..interception import hooks as interception

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
        if not callable(callback):
            raise TypeError(
                "subscribe() takes a callable that is given each event, e.g. "
                f"mock.subscribe(events.append); got {callback!r}."
            )
        return self._world().delivery.subscribe(callback)

    @property
    def callback_errors(self) -> list[BaseException]:
        """What event callbacks have raised so far, oldest first: raised when the mock (or the
        server) stops, one as itself, several as an exception group."""
        return self._world().delivery.errors()

    def event_inbox(self) -> EventInbox:
        """Keep every placement event from now on until the test takes them with
        ``inbox.take()``: for handlers the test wants to run at a moment of its choosing."""
        return EventInbox(self._world().delivery)

    @property
    def transitions(self) -> list[Transition]:
        """Every transition (a placement created or changing status, a game session made by
        CreateGameSession activating) so far, oldest first."""
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
        arguments.text(operation, "operation", "StartGameSessionPlacement")
        from ..operations import OPERATIONS  # imported on first use: see answer.py

        if operation not in OPERATIONS:
            raise ValueError(
                f"The mock answers no operation {operation!r}; name one it implements: "
                f"{', '.join(sorted(OPERATIONS))}."
            )
        return [call for call in self.calls if call.operation == operation]

    def timeline(self) -> str:
        """The history as readable lines: time, resource (a placement or a game session),
        status, what it belongs to (its queue or fleet), Region, location, reason. Player ids,
        player data and game data are never shown."""
        return "\n".join(t.line() for t in self.transitions)


def _warn_no_such_configuration(method: str, configuration: Optional[str], account_id: str) -> None:
    """A configuration the test steers but none has that name or ARN: likely a typo."""
    warnings.warn(
        f"{method}(configuration={configuration!r}): no matchmaking configuration of account "
        f"{account_id} has that name or ARN yet. It applies to one created later under it; if "
        "you meant an existing configuration, check the name.",
        PlacementMockWarning,
        stacklevel=3,
    )


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
