"""Placements over time: starting and stopping them, the heap of moments when something falls
due, placing them by the queue's rules, and the record (transitions, events) of each change;
part of the Backend."""

from __future__ import annotations

import heapq
import itertools
from typing import Any, NamedTuple, Optional

from . import clock, engine
from .accounts import Accounts
from .errors import invalid_request, not_found
from .events import placement_event
from .fleets import Fleet
from .placements import CANCELLED, FAILED, FULFILLED, PENDING, TIMED_OUT, Placement
from .queues import Queue

_ATTEMPT = 0
_TIMEOUT = 1


class Transition(NamedTuple):
    """One line of the timeline: a placement changing status (or being created)."""

    time: float
    placement_id: str
    queue: str
    region: str
    status: str
    location: Optional[str]
    reason: str


class PlacementScheduler(Accounts):
    """Every placement's life, from StartGameSessionPlacement to its final status."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[dict[str, Any]] = []
        self.transitions: list[Transition] = []
        self.fulfilment_delay = 0.0
        self.queue_delays: dict[str, float] = {}  # by queue name or ARN
        self.hold_all = False
        self.held_queues: set[str] = set()  # queue names or ARNs
        self._heap: list[tuple[float, int, int, Placement]] = []
        self._seq = itertools.count()
        # Events not yet delivered, each with its queue's NotificationTarget at the time.
        self._outbox: list[tuple[dict[str, Any], Optional[str]]] = []

    # -- time ----------------------------------------------------------------------------------

    def advance(self, now: float) -> None:
        """Apply every time-driven change due by ``now``, each stamped with the time it was due."""
        heap = self._heap
        while heap and heap[0][0] <= now:
            due, _seq, kind, placement = heapq.heappop(heap)
            if placement.status != PENDING:
                continue
            if kind == _TIMEOUT:
                self.finish(placement, TIMED_OUT, due, "not placed before the queue's timeout")
            else:
                placement.eligible = placement.eligible or due >= placement.eligible_from
                self._attempt(placement, due)

    def next_due(self) -> Optional[float]:
        """When the earliest scheduled change falls due (it may have become moot since), or
        None; safe to call without the lock."""
        try:
            return self._heap[0][0]
        except IndexError:
            return None

    def _schedule(self, due: float, kind: int, placement: Placement) -> None:
        heapq.heappush(self._heap, (due, next(self._seq), kind, placement))

    def reschedule_attempts(self, queue: Queue) -> None:
        """The queue's latency policies changed: try each of its waiting placements again
        whenever a policy of the new schedule ends (before its deadline, which stays)."""
        now = clock.now()
        state = self.account(queue.account).region(queue.region)
        for placement in state.pending.values():
            if placement.queue is not queue:
                continue
            for moment in engine.policy_boundaries(queue, placement):
                if max(placement.eligible_from, now) < moment < placement.deadline:
                    self._schedule(moment, _ATTEMPT, placement)

    # -- the API's placement operations ----------------------------------------------------------

    def start_placement(self, account_id: str, region: str, params: dict[str, Any]) -> Placement:
        account = self.account(account_id)
        placement_id = params["PlacementId"]
        queue = self.queue_by_ref(account_id, region, params["GameSessionQueueName"])
        if queue is None:
            raise not_found(
                f"Game session queue '{params['GameSessionQueueName']}' does not exist."
            )
        if placement_id in account.used_placement_ids:
            raise invalid_request(
                f"Placement ID '{placement_id}' has already been used; "
                "placement IDs must be unique and cannot be reused."
            )
        if params.get("PriorityConfigurationOverride") is not None and (
            engine.LOCATION not in (queue.priority_order or ())
        ):
            raise invalid_request(
                "PriorityConfigurationOverride can only be used with a queue whose "
                "PriorityConfiguration.PriorityOrder includes LOCATION."
            )
        start = clock.now()
        placement = Placement(placement_id, queue, start, params)
        delays = self.queue_delays
        delay = delays.get(queue.arn, delays.get(queue.name, self.fulfilment_delay))
        placement.eligible_from = start + delay
        placement.held = self.hold_all or bool(
            self.held_queues and (queue.arn in self.held_queues or queue.name in self.held_queues)
        )
        attempts = [placement.eligible_from] + [
            moment
            for moment in engine.policy_boundaries(queue, placement)
            if placement.eligible_from < moment < placement.deadline
        ]
        # Everything above only reads; from here on nothing can fail.
        account.used_placement_ids.add(placement_id)
        state = account.region(region)
        state.placements[placement_id] = placement
        state.pending[placement_id] = placement
        self._record(placement, start, None, "started")
        for moment in attempts:
            self._schedule(moment, _ATTEMPT, placement)
        self._schedule(placement.deadline, _TIMEOUT, placement)
        return placement

    def placement(self, account_id: str, region: str, placement_id: str) -> Placement:
        placement = self.account(account_id).region(region).placements.get(placement_id)
        if placement is None:
            raise not_found(f"Game session placement '{placement_id}' does not exist.")
        return placement

    def stop_placement(self, account_id: str, region: str, placement_id: str) -> Placement:
        placement = self.placement(account_id, region, placement_id)
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
        self.finish(placement, CANCELLED, clock.now(), "stopped by StopGameSessionPlacement")
        return placement

    # -- moving placements ---------------------------------------------------------------------

    def _attempt(self, placement: Placement, at: float, reason: str = "placed") -> bool:
        """Try to place ``placement`` at ``at``; True when it was fulfilled.

        With the clock moved back, ``at`` may lie before the placement became eligible (even
        before its StartTime): it is eligible once the clock has shown that moment, and is then
        placed as of that moment."""
        if placement.held or at >= placement.deadline:
            return False
        if at < placement.eligible_from:
            if not placement.eligible:
                return False
            at = placement.eligible_from
        choice = self._choose(placement, at)
        if choice is None:
            return False
        self._fulfil(placement, choice, at, reason)
        return True

    def _choose(self, placement: Placement, at: float) -> Optional[engine.Candidate]:
        account = self.account(placement.account)

        def resolve(arn: str) -> Optional[tuple[Fleet, Optional[str]]]:
            return self.resolve_destination(account, arn)

        for candidate in engine.ranked(placement.queue, placement, at, resolve):
            if not candidate.fleet.locations[candidate.location].has_room():
                continue
            # Game session ids are unique: while a game session of this fleet holds the
            # placement id as its id string (CreateGameSession's IdempotencyToken), the fleet
            # cannot host the placement's game session, which would take the same ARN.
            if self.id_string_held(placement.account, candidate.fleet, placement.placement_id, at):
                continue
            return candidate
        return None

    def _fulfil(
        self, placement: Placement, choice: engine.Candidate, at: float, reason: str
    ) -> None:
        at = max(at, placement.start)  # the clock may have been moved back since StartTime
        players = [(d["PlayerId"], d.get("PlayerData")) for d in placement.desired]
        session = self.open_game_session(
            placement.account, choice.fleet, choice.location, at, placement.placement_id, players
        )
        session.name = placement.name
        session.max_players = placement.max_players
        session.properties = placement.properties
        session.data = placement.data
        session.alias_id = choice.alias_id
        placement.placed_sessions.extend(
            (ps.player_id, ps.player_session_id) for ps in session.player_sessions
        )
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
        """Move a PENDING placement to its final ``status`` at ``at``, and publish its event."""
        # A test may move the clock back to before StartTime (freezegun, time-machine): a
        # placement still never ends before it started.
        at = max(at, placement.start)
        placement.status = status
        placement.end = at
        self.account(placement.account).region(placement.region).pending.pop(
            placement.placement_id, None
        )
        self._record(placement, at, location, reason)
        event = placement_event(placement)
        self.events.append(event)
        self._outbox.append((event, placement.queue.notification_target))

    def _record(
        self, placement: Placement, at: float, location: Optional[str], reason: str
    ) -> None:
        self.transitions.append(
            Transition(
                at,
                placement.placement_id,
                placement.queue.name,
                placement.region,
                placement.status,
                location,
                reason,
            )
        )

    def retry_pending(self, account_id: str, at: float, reason: str) -> None:
        """Something changed that may let waiting placements through: try them, oldest first."""
        account = self.account(account_id)
        waiting = [p for state in account.regions.values() for p in state.pending.values()]
        waiting.sort(key=lambda p: p.start)
        for placement in waiting:
            if placement.status == PENDING:
                self._attempt(placement, at, reason)

    # -- steering placements from a test -------------------------------------------------------

    def find_placement(self, account_id: str, placement_id: str) -> Optional[Placement]:
        for state in self.account(account_id).regions.values():
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
        for state in self.account(account_id).regions.values():
            for placement in state.pending.values():
                if queue is None or queue in (placement.queue.name, placement.queue.arn):
                    placement.held = False
        self.retry_pending(account_id, clock.now(), "released by the test")

    def force_fulfil(self, placement: Placement) -> Optional[str]:
        """Place a PENDING placement now by the queue's rules, ignoring holds and delays.
        Returns None, or why it could not be placed."""
        at = clock.now()
        choice = self._choose(placement, at)
        if choice is None:
            return "no eligible location of its queue has a free game server process"
        self._fulfil(placement, choice, at, "fulfilled by the test")
        return None

    def force_fail(self, placement: Placement) -> None:
        self.finish(placement, FAILED, clock.now(), "failed by the test")
