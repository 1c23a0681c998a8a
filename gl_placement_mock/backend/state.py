"""The backend: every account's queues, placements, fleets and sessions, the scheduler that moves
placements over time, and the events they publish. Plain Python; knows nothing of botocore."""

from __future__ import annotations

import heapq
import itertools
import threading
from typing import Any, Callable, NamedTuple, Optional

from . import arns, clock, engine
from .errors import GameLiftError, invalid_request, not_found
from .events import placement_event
from .faults import FaultPlan
from .fleets import Alias, Fleet, FleetLocation
from .placements import CANCELLED, FAILED, FULFILLED, PENDING, TIMED_OUT, Placement
from .queues import Queue
from .sessions import (
    ACTIVE,
    COMPLETED,
    RESERVED,
    TERMINATED,
    GameSession,
    PlayerSession,
)

_ATTEMPT = 0
_TIMEOUT = 1
_TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")

EventCallback = Callable[[dict[str, Any]], None]


class Transition(NamedTuple):
    """One line of the timeline: a placement changing status (or being created)."""

    time: float
    placement_id: str
    queue: str
    region: str
    status: str
    location: Optional[str]
    reason: str


class RegionState:
    """What one account holds in one Region."""

    __slots__ = ("game_sessions", "pending", "placements", "player_sessions", "queues")

    def __init__(self) -> None:
        self.queues: dict[str, Queue] = {}
        self.placements: dict[str, Placement] = {}
        self.pending: dict[str, Placement] = {}
        self.game_sessions: dict[str, GameSession] = {}
        self.player_sessions: dict[str, PlayerSession] = {}


class AccountState:
    """What one account holds: Regions, the placement ids it ever used, fleets and aliases."""

    __slots__ = ("account_id", "aliases", "fleets", "regions", "used_placement_ids")

    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        self.regions: dict[str, RegionState] = {}
        self.used_placement_ids: set[str] = set()
        self.fleets: dict[str, Fleet] = {}
        self.aliases: dict[str, Alias] = {}

    def region(self, name: str) -> RegionState:
        state = self.regions.get(name)
        if state is None:
            state = self.regions[name] = RegionState()
        return state


class Backend:
    """All simulated GameLift state for one activation of the mock. Every public method must be
    called with ``lock`` held (``run`` does that and delivers events afterwards)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.accounts: dict[str, AccountState] = {}
        self.events: list[dict[str, Any]] = []
        self.subscribers: list[EventCallback] = []
        self.transitions: list[Transition] = []
        self.fulfilment_delay = 0.0
        self.queue_delays: dict[str, float] = {}  # by queue name or ARN
        self.hold_all = False
        self.held_queues: set[str] = set()  # queue names or ARNs
        self._heap: list[tuple[float, int, int, Placement]] = []
        self._seq = itertools.count()
        self._outbox: list[dict[str, Any]] = []
        self._endpoints = itertools.count()
        self.faults = FaultPlan()

    # -- running calls -------------------------------------------------------------------------

    def run(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` under the lock after bringing time up to date; then hand the events it
        produced to subscribers, outside the lock."""
        with self.lock:
            self.advance(clock.now())
            result = action()
            outbox, self._outbox = self._outbox, []
            subscribers = list(self.subscribers)
        for event in outbox:
            for callback in subscribers:
                callback(event)
        return result

    def account(self, account_id: str) -> AccountState:
        state = self.accounts.get(account_id)
        if state is None:
            state = self.accounts[account_id] = AccountState(account_id)
        return state

    def advance(self, now: float) -> None:
        """Apply every time-driven change due by ``now``, each stamped with the time it was due."""
        heap = self._heap
        while heap and heap[0][0] <= now:
            due, _seq, kind, placement = heapq.heappop(heap)
            if placement.status != PENDING:
                continue
            if kind == _TIMEOUT:
                self._finish(placement, TIMED_OUT, due, "not placed before the queue's timeout")
            else:
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

    # -- queues --------------------------------------------------------------------------------

    def queue_by_ref(self, account_id: str, region: str, name_or_arn: str) -> Optional[Queue]:
        arn_region, name = arns.queue_name(name_or_arn)
        if arn_region is not None and arn_region != region:
            return None
        queue = self.account(account_id).region(region).queues.get(name)
        if queue is not None and arn_region is not None and queue.arn != name_or_arn:
            return None
        return queue

    def create_queue(self, account_id: str, region: str, params: dict[str, Any]) -> Queue:
        name = params["Name"]
        queues = self.account(account_id).region(region).queues
        if name in queues:
            raise invalid_request(f"Game session queue '{name}' already exists.")
        queue = Queue(name, arns.queue_arn(region, account_id, name), region, account_id)
        self._configure_queue(queue, params)
        queue.tags = [dict(tag) for tag in params.get("Tags") or ()]
        queues[name] = queue
        return queue

    def update_queue(self, account_id: str, region: str, params: dict[str, Any]) -> Queue:
        queue = self.queue_by_ref(account_id, region, params["Name"])
        if queue is None:
            raise not_found(f"Game session queue '{params['Name']}' does not exist.")
        self._configure_queue(queue, params)
        self._retry_pending(account_id, clock.now(), "queue updated")
        return queue

    @staticmethod
    def _configure_queue(queue: Queue, params: dict[str, Any]) -> None:
        """Check, then apply, every queue setting present in ``params`` (all or nothing)."""
        destinations = params.get("Destinations")
        if destinations is not None:
            arns_given = [d.get("DestinationArn") for d in destinations]
            for arn in arns_given:
                if arn is None or arns.parse_destination(arn) is None:
                    raise invalid_request(
                        f"Destination '{arn}' is not a GameLift fleet or alias ARN."
                    )
            queue.destinations = [str(arn) for arn in arns_given]
        if params.get("TimeoutInSeconds") is not None:
            queue.timeout = params["TimeoutInSeconds"]
        if params.get("PlayerLatencyPolicies") is not None:
            queue.latency_policies = [dict(p) for p in params["PlayerLatencyPolicies"]]
        if "FilterConfiguration" in params and params["FilterConfiguration"] is not None:
            allowed = params["FilterConfiguration"].get("AllowedLocations")
            queue.allowed_locations = list(allowed) if allowed else None
        if "PriorityConfiguration" in params and params["PriorityConfiguration"] is not None:
            priority = params["PriorityConfiguration"]
            order = priority.get("PriorityOrder")
            locations = priority.get("LocationOrder")
            queue.priority_order = list(order) if order else None
            queue.location_order = list(locations) if locations else None
        if params.get("CustomEventData") is not None:
            queue.custom_event_data = params["CustomEventData"] or None
        if params.get("NotificationTarget") is not None:
            queue.notification_target = params["NotificationTarget"] or None

    def delete_queue(self, account_id: str, region: str, name_or_arn: str) -> None:
        queue = self.queue_by_ref(account_id, region, name_or_arn)
        if queue is None:
            raise invalid_request(f"Game session queue '{name_or_arn}' does not exist.")
        state = self.account(account_id).region(region)
        del state.queues[queue.name]
        at = clock.now()
        for placement in [p for p in state.pending.values() if p.queue is queue]:
            self._finish(placement, FAILED, at, "queue deleted")

    # -- placements ----------------------------------------------------------------------------

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
        account.used_placement_ids.add(placement_id)
        state = account.region(region)
        state.placements[placement_id] = placement
        state.pending[placement_id] = placement
        self._record(placement, start, None, "started")
        self._schedule(placement.eligible_from, _ATTEMPT, placement)
        for moment in engine.policy_boundaries(queue, placement):
            if placement.eligible_from < moment < placement.deadline:
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
        self._finish(placement, CANCELLED, clock.now(), "stopped by StopGameSessionPlacement")
        return placement

    # -- moving placements ---------------------------------------------------------------------

    def _attempt(self, placement: Placement, at: float, reason: str = "placed") -> bool:
        """Try to place ``placement`` at ``at``; True when it was fulfilled."""
        if placement.held or at < placement.eligible_from or at >= placement.deadline:
            return False
        choice = self._choose(placement, at)
        if choice is None:
            return False
        self._fulfil(placement, choice, at, reason)
        return True

    def _choose(self, placement: Placement, at: float) -> Optional[engine.Candidate]:
        account = self.account(placement.account)

        def resolve(arn: str) -> Optional[tuple[Fleet, Optional[str]]]:
            return self._resolve_destination(account, arn)

        for candidate in engine.ranked(placement.queue, placement, at, resolve):
            if candidate.fleet.locations[candidate.location].has_room():
                return candidate
        return None

    def _resolve_destination(
        self, account: AccountState, arn: str
    ) -> Optional[tuple[Fleet, Optional[str]]]:
        destination = arns.parse_destination(arn)
        if destination is None:
            return None
        if destination.kind == "alias":
            alias = account.aliases.get(destination.resource_id)
            if alias is not None:
                return alias.fleet, alias.alias_id
            fleet_id = arns.implicit_fleet_id(arn)
            alias_id: Optional[str] = destination.resource_id
        else:
            fleet_id = destination.resource_id
            alias_id = None
        fleet = account.fleets.get(fleet_id)
        if fleet is None:
            fleet = Fleet(
                fleet_id,
                arns.fleet_arn(destination.region, account.account_id, fleet_id),
                destination.region,
                implicit=True,
            )
            fleet.locations[destination.region] = FleetLocation(destination.region, None, 0.0)
            account.fleets[fleet_id] = fleet
        return fleet, alias_id

    def _fulfil(
        self, placement: Placement, choice: engine.Candidate, at: float, reason: str
    ) -> None:
        at = max(at, placement.start)  # the clock may have been moved back since StartTime
        fleet, location = choice.fleet, choice.location
        n = next(self._endpoints)
        ip = f"{_TEST_NETS[(n // 254) % 3]}.{n % 254 + 1}"
        compute = "compute-1" if location == "us-east-1" else f"{location}.compute"
        dns = f"ec2-{ip.replace('.', '-')}.{compute}.amazonaws.com"
        port = 1026 + n % 58975
        session_id = arns.game_session_arn(
            fleet.home_region, fleet.fleet_id, location, placement.placement_id
        )
        session = GameSession(session_id, fleet, location, at, (ip, dns, port))
        session.name = placement.name
        session.max_players = placement.max_players
        session.properties = placement.properties
        session.data = placement.data
        session.alias_id = choice.alias_id
        fleet.locations[location].used += 1
        home = self.account(placement.account).region(fleet.home_region)
        home.game_sessions[session_id] = session
        for desired in placement.desired:
            player_session = PlayerSession(
                f"psess-{arns.random_uuid()}",
                desired["PlayerId"],
                session,
                at,
                desired.get("PlayerData"),
            )
            session.player_sessions.append(player_session)
            home.player_sessions[player_session.player_session_id] = player_session
            placement.placed_sessions.append(
                (player_session.player_id, player_session.player_session_id)
            )
        placement.game_session = session
        self._finish(placement, FULFILLED, at, reason, location)

    def _finish(
        self,
        placement: Placement,
        status: str,
        at: float,
        reason: str,
        location: Optional[str] = None,
    ) -> None:
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
        self._outbox.append(event)

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

    def _retry_pending(self, account_id: str, at: float, reason: str) -> None:
        """Something changed that may let waiting placements through: try them, oldest first."""
        account = self.account(account_id)
        waiting = [p for state in account.regions.values() for p in state.pending.values()]
        waiting.sort(key=lambda p: p.start)
        for placement in waiting:
            if placement.status == PENDING:
                self._attempt(placement, at, reason)

    # -- fleets and sessions (steered by the test through the handle) ---------------------------

    def add_fleet(
        self,
        account_id: str,
        home_region: str,
        locations: dict[str, tuple[Optional[int], float]],
        fleet_id: Optional[str],
    ) -> Fleet:
        account = self.account(account_id)
        fleet_id = fleet_id or arns.new_fleet_id()
        existing = account.fleets.get(fleet_id)
        if existing is not None and not existing.implicit:
            raise ValueError(f"Fleet '{fleet_id}' is already declared.")
        arn = arns.fleet_arn(home_region, account_id, fleet_id)
        if existing is None:
            fleet = account.fleets[fleet_id] = Fleet(fleet_id, arn, home_region)
        else:
            # A destination already stood in for this fleet: declare it in place, so the game
            # sessions and aliases that refer to it keep doing so, and keep its slots' use.
            fleet = existing
            fleet.arn, fleet.home_region, fleet.implicit = arn, home_region, False
        used = {location: slot.used for location, slot in fleet.locations.items()}
        fleet.locations = {}
        for location, (capacity, cost) in locations.items():
            slot = fleet.locations[location] = FleetLocation(location, capacity, cost)
            slot.used = used.get(location, 0)
        self._retry_pending(account_id, clock.now(), "fleet added")
        return fleet

    def add_alias(self, account_id: str, fleet: Fleet, alias_id: Optional[str]) -> Alias:
        account = self.account(account_id)
        alias_id = alias_id or arns.new_alias_id()
        alias = Alias(
            alias_id, arns.alias_arn(fleet.home_region, alias_id), fleet.home_region, fleet
        )
        account.aliases[alias_id] = alias
        return alias

    def set_capacity(
        self, account_id: str, fleet: Fleet, location: str, capacity: Optional[int]
    ) -> None:
        fleet.locations[location].capacity = capacity
        self._retry_pending(account_id, clock.now(), "capacity changed")

    def terminate_game_session(self, account_id: str, session: GameSession) -> None:
        if session.status == TERMINATED:
            return
        at = clock.now()
        session.status = TERMINATED
        session.terminated = at
        for player_session in session.player_sessions:
            if player_session.current_status(at) in (RESERVED, ACTIVE):
                player_session.status = COMPLETED
                player_session.terminated = at
        slot = session.fleet.locations.get(session.location)
        if slot is not None and slot.used > 0:
            slot.used -= 1
        self._retry_pending(account_id, at, "game session terminated")

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
        self._retry_pending(account_id, clock.now(), "released by the test")

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
        self._finish(placement, FAILED, clock.now(), "failed by the test")

    # -- game and player sessions --------------------------------------------------------------

    def fleet_by_ref(self, account_id: str, region: str, fleet_ref: str) -> Fleet:
        """A fleet homed in ``region``, by id or ARN."""
        fleet = self.account(account_id).fleets.get(fleet_ref.rsplit("/", 1)[-1])
        if fleet is None or fleet.home_region != region:
            raise not_found(f"Fleet '{fleet_ref}' does not exist.")
        return fleet

    def alias_by_ref(self, account_id: str, region: str, alias_ref: str) -> Alias:
        alias = self.account(account_id).aliases.get(alias_ref.rsplit("/", 1)[-1])
        if alias is None or alias.region != region:
            raise not_found(f"Alias '{alias_ref}' does not exist.")
        return alias

    def game_session(self, account_id: str, region: str, game_session_id: str) -> GameSession:
        session = self.account(account_id).region(region).game_sessions.get(game_session_id)
        if session is None:
            raise not_found(f"Game session '{game_session_id}' does not exist.")
        return session

    def add_player_sessions(
        self,
        account_id: str,
        region: str,
        game_session_id: str,
        players: list[tuple[str, Optional[str]]],
    ) -> list[PlayerSession]:
        """Reserve a seat for each (player id, player data), all or none."""
        session = self.game_session(account_id, region, game_session_id)
        if session.status != ACTIVE:
            raise GameLiftError(
                "InvalidGameSessionStatusException",
                f"Game session '{game_session_id}' is {session.status}; player sessions can "
                "only be created in an ACTIVE game session.",
            )
        at = clock.now()
        taken = session.active_players(at)
        if taken + len(players) > session.max_players:
            raise GameLiftError(
                "GameSessionFullException",
                f"Game session '{game_session_id}' is full: {taken} of "
                f"{session.max_players} player slots are taken and {len(players)} more were "
                "requested.",
            )
        seated = {
            ps.player_id
            for ps in session.player_sessions
            if ps.current_status(at) in (RESERVED, ACTIVE)
        }
        if any(player in seated for player, _data in players):
            raise invalid_request(
                "A player in the request already has a player session in this game session."
            )
        created = []
        home = self.account(account_id).region(region)
        for player, data in players:
            player_session = PlayerSession(f"psess-{arns.random_uuid()}", player, session, at, data)
            session.player_sessions.append(player_session)
            home.player_sessions[player_session.player_session_id] = player_session
            created.append(player_session)
        return created
