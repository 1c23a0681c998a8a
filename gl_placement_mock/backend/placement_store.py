"""Placements over time: starting and stopping them, the timers that move them, placing them
by the queue's rules, and the record (transitions, events) of each change.

Another resource family can start a placement and hear how it ends without this module knowing
about it: ``start(..., listener=...)`` tells one listener about one placement, and
``add_listener`` one listener about every placement. A listener is called with the placement
once it reaches its final status (FULFILLED, FAILED, TIMED_OUT or CANCELLED; ``placement.status``
says which), after its transition and event are recorded (the request's own listener first, then
the store's in the order added), with the backend's lock held: it may change state (start
another placement, schedule a timer) but must not block."""

from __future__ import annotations

from typing import Callable, Optional, Sequence

from . import clock, engine
from .accounts import Accounts, RegionState
from .errors import invalid_request, not_found
from .fleets import Fleet, FleetStore
from .kernel import Event, Kernel
from .placement_events import (
    EVENT_TYPES,
    build_placement_event,
    describe_placement_event,
    placement_event_values,
)
from .placements import (
    CANCELLED,
    FAILED,
    FULFILLED,
    PENDING,
    TIMED_OUT,
    Placement,
    PlacementRequest,
)
from .queues import Queue, QueueStore
from .sessions import SessionStore

PlacementListener = Callable[[Placement], None]


class _Timer(tuple):  # type: ignore[type-arg]  # (store, placement)
    """A placement's timer, ``(store, placement)``, for each moment something may happen to it:
    at its deadline the queue's timeout is up; before it, an attempt to place it (its delay is
    over, or a latency policy ended). Nothing is ever scheduled for a PENDING placement after
    its deadline. (A tuple: made in C, without an ``__init__`` call.)

    ``fire`` is also the one place a placement is tried when something changes that may let it
    through (``PlacementStore.retry_pending``): one call, where an attempt would otherwise cost
    the timer a call more."""

    __slots__ = ()

    def fire(self, due: float, reason: Optional[str] = None) -> None:
        """What ``due`` does to the placement: the timer's moment; with a ``reason``, an attempt
        only, at ``due``, because something changed.

        With the clock moved back, ``due`` may lie before the placement became eligible (even
        before its StartTime): it is eligible once the clock has shown that moment, and is then
        placed as of that moment."""
        store: PlacementStore
        placement: Placement
        store, placement = self
        if placement.status != PENDING:
            return
        if reason is None:  # the timer's own moment
            if due >= placement.deadline:
                store.finish(placement, TIMED_OUT, due, "not placed before the queue's timeout")
                return
            placement.eligible = placement.eligible or due >= placement.eligible_from
            reason = "placed"
        if placement.held or due >= placement.deadline:
            return
        if due < placement.eligible_from:
            if not placement.eligible:
                return
            due = placement.eligible_from
        choice = store._choose(placement, due)
        if choice is not None:
            store._fulfill(placement, choice, due, reason)


_new_timer = tuple.__new__


class PlacementStore:
    """Every placement's life, from StartGameSessionPlacement to its final status."""

    def __init__(
        self,
        kernel: Kernel,
        accounts: Accounts,
        queues: QueueStore,
        fleets: FleetStore,
        sessions: SessionStore,
    ) -> None:
        self.kernel = kernel
        self.accounts = accounts
        self.queues = queues
        self.fleets = fleets
        self.sessions = sessions
        self.fulfillment_delay = 0.0
        self.queue_delays: dict[str, float] = {}  # by queue name or ARN
        self.hold_all = False
        self.held_queues: set[str] = set()  # queue names or ARNs
        self.listeners: list[PlacementListener] = []
        queues.watchers.append(self._queue_changed)
        fleets.watchers.append(self.retry_pending)
        sessions.watchers.append(self.retry_pending)

    def add_listener(self, listener: PlacementListener) -> Callable[[], None]:
        """Tell ``listener`` about every placement that finishes from now on; returns a
        function that stops telling it."""
        self.listeners.append(listener)

        def remove() -> None:
            if listener in self.listeners:
                self.listeners.remove(listener)

        return remove

    # -- what other stores tell placements -------------------------------------------------------

    def _queue_changed(self, queue: Queue, what: str, at: float) -> None:
        if what == QueueStore.DELETED:
            state = self.accounts.account(queue.account).region(queue.region)
            for placement in [p for p in self._waiting(state) if p.queue is queue]:
                self.finish(placement, FAILED, at, "queue deleted")
            return
        if what == QueueStore.POLICIES_UPDATED:
            self._reschedule_attempts(queue)
        self.retry_pending(queue.account, at, "queue updated")

    def _reschedule_attempts(self, queue: Queue) -> None:
        """The queue's latency policies changed: try each of its waiting placements again
        whenever a policy of the new schedule ends (before its deadline, which stays)."""
        now = clock.now()
        state = self.accounts.account(queue.account).region(queue.region)
        for placement in self._waiting(state):
            if placement.queue is not queue:
                continue
            for moment in engine.policy_boundaries(queue, placement):
                if max(placement.eligible_from, now) < moment < placement.deadline:
                    self.kernel.timers.schedule(moment, _new_timer(_Timer, (self, placement)))

    # -- the API's placement operations ----------------------------------------------------------

    def start(
        self,
        account_id: str,
        region: str,
        request: PlacementRequest,
        listener: Optional[PlacementListener] = None,
        at: Optional[float] = None,
    ) -> Placement:
        """Start placing ``request`` (GameLift's checks first: nothing changes when one fails);
        ``listener``, if given, is told when this placement finishes. ``at`` is its StartTime
        when it is not now (a time-driven change stamped with the time it fell due)."""
        # (Looked up directly first: both exist but for an account's or Region's first call.)
        account = self.accounts.accounts.get(account_id) or self.accounts.account(account_id)
        state = account.regions.get(region) or account.region(region)
        placement_id = request.placement_id
        # (By name, the usual case, without a call: ``queue_in`` does the rest.)
        queue = state.queues.get(request.queue) or self.queues.queue_in(
            state, region, request.queue
        )
        if queue is None:
            raise not_found(f"Game session queue '{request.queue}' does not exist.")
        # Placement ids are unique within an account, and placements are never forgotten.
        for other in account.regions.values():
            if placement_id in other.placements:
                raise invalid_request(
                    f"Placement ID '{placement_id}' has already been used; "
                    "placement IDs must be unique and cannot be reused."
                )
        if request.override is not None and (engine.LOCATION not in (queue.priority_order or ())):
            raise invalid_request(
                "PriorityConfigurationOverride can only be used with a queue whose "
                "PriorityConfiguration.PriorityOrder includes LOCATION."
            )
        start = self.kernel.moment() if at is None else at
        placement = Placement(request, queue, start)
        if listener is not None:
            placement.listener = listener
        delays = self.queue_delays
        delay = self.fulfillment_delay
        if delays:
            delay = delays.get(queue.arn, delays.get(queue.name, delay))
        eligible_from = placement.eligible_from = start + delay
        held_queues = self.held_queues
        if self.hold_all or (
            held_queues and (queue.arn in held_queues or queue.name in held_queues)
        ):
            placement.held = True
        later: Sequence[float] = ()
        if placement.latencies and queue.latency_policies:
            later = [
                moment
                for moment in engine.policy_boundaries(queue, placement)
                if eligible_from < moment < placement.deadline
            ]
        # Everything above only reads; from here on nothing can fail.
        state.placements[placement_id] = placement
        state.pending.append(placement)
        self.kernel.record_fields(
            (
                start,
                "placement",
                placement_id,
                PENDING,
                queue.region,
                "started",
                queue.timeline_labels,
                None,
            )
        )
        schedule = self.kernel.timers.schedule
        timer = _new_timer(_Timer, (self, placement))
        schedule(eligible_from, timer)
        for moment in later:
            schedule(moment, timer)
        schedule(placement.deadline, timer)
        return placement

    def get(self, account_id: str, region: str, placement_id: str) -> Placement:
        account = self.accounts.accounts.get(account_id)
        state = None if account is None else account.regions.get(region)
        placement = None if state is None else state.placements.get(placement_id)
        if placement is None:
            raise not_found(f"Game session placement '{placement_id}' does not exist.")
        return placement

    def stop(self, account_id: str, region: str, placement_id: str) -> Placement:
        placement = self.get(account_id, region, placement_id)
        if placement.status == FULFILLED:
            raise invalid_request(
                f"Game session placement '{placement_id}' is already FULFILLED: its game "
                "session exists and the placement cannot be stopped."
            )
        if placement.status != PENDING:
            raise invalid_request(
                f"Game session placement '{placement_id}' is already {placement.status} "
                "and cannot be stopped."
            )
        self.finish(
            placement, CANCELLED, self.kernel.moment(), "stopped by StopGameSessionPlacement"
        )
        return placement

    # -- moving placements ---------------------------------------------------------------------

    def _choose(self, placement: Placement, at: float) -> Optional[engine.Candidate]:
        if not placement.queue.destinations:
            return None  # nowhere to place it (a queue may have no destinations yet)
        account = self.accounts.account(placement.account)

        def resolve(arn: str) -> Optional[tuple[Fleet, Optional[str]]]:
            return self.fleets.resolve_destination(account, arn)

        for candidate in engine.ranked(placement.queue, placement, at, resolve):
            if not candidate.fleet.locations[candidate.location].has_room():
                continue
            # Game session ids are unique: while a game session of this fleet holds the
            # placement id as its id string (CreateGameSession's IdempotencyToken), the fleet
            # cannot host the placement's game session, which would take the same ARN.
            if self.sessions.id_string_held(
                placement.account, candidate.fleet, placement.placement_id, at
            ):
                continue
            return candidate
        return None

    def _fulfill(
        self, placement: Placement, choice: engine.Candidate, at: float, reason: str
    ) -> None:
        at = max(at, placement.start)  # the clock may have been moved back since StartTime
        players = [(d["PlayerId"], d.get("PlayerData")) for d in placement.desired]
        session = self.sessions.open_game_session(
            placement.account, choice.fleet, choice.location, at, placement.placement_id, players
        )
        session.name = placement.name
        session.max_players = placement.max_players
        session.properties = placement.properties
        session.data = placement.data
        session.matchmaker_data = placement.matchmaker_data
        session.alias_id = choice.alias_id
        placement.placed_sessions = [
            (ps.player_id, ps.player_session_id) for ps in session.player_sessions
        ]
        placement.game_session = session
        self.finish(placement, FULFILLED, at, reason, choice.location)

    def finish(
        self,
        placement: Placement,
        status: str,
        at: float,
        reason: str,
        location: Optional[str] = None,
    ) -> None:
        """Move a PENDING placement to its final ``status`` at ``at``, publish its event and
        tell its listeners."""
        # A test may move the clock back to before StartTime (freezegun, time-machine): a
        # placement still never ends before it started.
        if at < placement.start:
            at = placement.start
        placement.status = status
        placement.end = at
        region = placement.region  # (its Region's ``pending`` drops it when next read)
        queue = placement.queue
        kernel = self.kernel
        kernel.record_fields(
            (
                at,
                "placement",
                placement.placement_id,
                status,
                region,
                reason,
                queue.timeline_labels,
                location,
            )
        )
        kernel.emit(
            Event(
                EVENT_TYPES[status],
                None,
                queue.notification_target,
                region,
                "",
                "",
                build_placement_event,
                placement_event_values(placement),
                describe_placement_event,
            )
        )
        if placement.listener is not None:
            placement.listener(placement)
        if self.listeners:
            for listener in tuple(self.listeners):
                listener(placement)

    def retry_pending(self, account_id: str, at: float, reason: str) -> None:
        """Something changed that may let waiting placements through: try them, oldest first."""
        account = self.accounts.account(account_id)
        waiting = [p for state in account.regions.values() for p in self._waiting(state)]
        waiting.sort(key=lambda p: p.start)
        for placement in waiting:
            _new_timer(_Timer, (self, placement)).fire(at, reason)

    @staticmethod
    def _waiting(state: RegionState) -> list[Placement]:
        """The PENDING placements of ``state``, oldest first (the others leave its list). The
        list is the Region's own: a loop that may start placements loops over a copy."""
        waiting = [placement for placement in state.pending if placement.status == PENDING]
        state.pending = waiting  # (a new list: a loop over the old one is not disturbed)
        return waiting

    # -- steering placements from a test -------------------------------------------------------

    def find(self, account_id: str, placement_id: str) -> Optional[Placement]:
        """A placement of ``account_id`` in any Region, or None."""
        for state in self.accounts.account(account_id).regions.values():
            placement = state.placements.get(placement_id)
            if placement is not None:
                return placement
        return None

    def release(self, account_id: str, queue: Optional[str]) -> None:
        """Stop holding placements (all, or those of one queue name or ARN) and try them now."""
        if queue is None:
            self.hold_all = False
            self.held_queues.clear()
        else:
            self.held_queues.discard(queue)
        for state in self.accounts.account(account_id).regions.values():
            for placement in self._waiting(state):
                if queue is None or queue in (placement.queue.name, placement.queue.arn):
                    placement.held = False
        self.retry_pending(account_id, clock.now(), "released by the test")

    def force_fulfill(self, placement: Placement) -> Optional[str]:
        """Place a PENDING placement now by the queue's rules, ignoring holds and delays.
        Returns None, or why it could not be placed."""
        at = clock.now()
        choice = self._choose(placement, at)
        if choice is None:
            return "no eligible location of its queue has a free game server process"
        self._fulfill(placement, choice, at, "fulfilled by the test")
        return None

    def force_fail(self, placement: Placement) -> None:
        self.finish(placement, FAILED, clock.now(), "failed by the test")
