"""Matchmaking tickets: the ticket store, the ticket state machine and the matching that moves
tickets on, at the kernel's settle points.

States (``Status``)::

    StartMatchmaking -> QUEUED -> SEARCHING -> (potential match)
        acceptance off: PLACING (WITH_QUEUE) -> COMPLETED | FAILED; COMPLETED (STANDALONE)
        acceptance on:  REQUIRES_ACCEPTANCE -> all accept -> as above
                        a rejection or the acceptance timeout -> tickets with a rejecting (or,
                        at the timeout, silent) player CANCELLED, the others SEARCHING
    StopMatchmaking (not in PLACING) -> CANCELLED; RequestTimeoutSeconds elapsed -> TIMED_OUT
    a new ticket with one of its players -> CANCELLED ("Cancelled due to duplicate player")

When things happen: a call that changes the pool (a new ticket, tickets back from a failed
acceptance or a timed-out placement, a released hold) schedules a *settle* on the kernel's
timers at that moment, which fires at the end of the call (or of ``advance``), after its
answer is fixed. A settle announces new tickets (SEARCHING, MatchmakingSearching) and runs the
matcher over each changed configuration's pool until no match can form; the matcher's
``next_change`` (an expansion step) and the matchmaking delay schedule later settles. Request
and acceptance timeouts are timers of their own, stamped with the time they fell due.

A match on a WITH_QUEUE configuration becomes an ordinary placement (``bridge.py``); this store
hears its outcome through the placement listener seam."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Optional

from .. import clock
from ..arns import queue_name, random_uuid
from ..errors import GameLiftError, invalid_request, not_found
from ..kernel import Event, Kernel
from ..placements import FULFILLED, Placement
from . import events
from .bridge import placement_request
from .pool import Player, Ticket, attribute_from_aws
from .resources import STANDALONE, MatchmakingConfiguration, MatchmakingResources

if TYPE_CHECKING:
    from ..placement_store import PlacementStore
    from .matcher import Match, Matcher

QUEUED = "QUEUED"
SEARCHING = "SEARCHING"
REQUIRES_ACCEPTANCE = "REQUIRES_ACCEPTANCE"
PLACING = "PLACING"
COMPLETED = "COMPLETED"
FAILED = "FAILED"
CANCELLED = "CANCELLED"
TIMED_OUT = "TIMED_OUT"
FINAL = frozenset({COMPLETED, FAILED, CANCELLED, TIMED_OUT})
WAITING = frozenset({QUEUED, SEARCHING})

DUPLICATE_REASON = "Cancelled due to duplicate player"
PLACING_STOP_MESSAGE = "Matchmaking ticket is in PLACING status and cannot be canceled."
NOT_ACCEPTED_MESSAGE = "Cancelled because the potential match was not accepted."

# Acceptance timeout when a configuration requires acceptance but sets no timeout: the longest
# AcceptanceTimeoutSeconds allows.
DEFAULT_ACCEPTANCE_TIMEOUT = 600.0


class MatchmakingTicket:
    """One matchmaking request. ``players`` are the request's Player structures (copied);
    ``match`` is the potential match the ticket is part of while REQUIRES_ACCEPTANCE or PLACING
    (and once COMPLETED)."""

    __slots__ = (
        "_entry",
        "account",
        "configuration",
        "connection",
        "deadline",
        "end",
        "iso_start",
        "match",
        "player_ids",
        "players",
        "region",
        "sequence",
        "start",
        "status",
        "status_message",
        "status_reason",
        "ticket_id",
    )

    def __init__(
        self,
        ticket_id: str,
        configuration: MatchmakingConfiguration,
        players: list[dict[str, Any]],
        start: float,
        sequence: int,
        player_ids: list[str],
    ) -> None:
        self.ticket_id = ticket_id
        self.configuration = configuration
        self.account = configuration.account
        self.region = configuration.region
        self.players = players
        self.player_ids = player_ids  # (the players' ids, in order)
        self.start = start
        # The configuration's RequestTimeoutSeconds when the ticket was made applies to it.
        self.deadline = start + configuration.request_timeout_seconds
        self.end: Optional[float] = None
        self.status = QUEUED
        self.status_reason: Optional[str] = None
        self.status_message: Optional[str] = None
        self.match: Optional[PotentialMatch] = None
        self.connection: Optional[dict[str, Any]] = None  # GameSessionConnectionInfo
        self.sequence = sequence
        self._entry: Optional[Ticket] = None
        self.iso_start: Optional[str] = None  # StartTime as events write it, once needed

    @property
    def entry(self) -> Ticket:
        """The ticket as the matcher sees it (built when it is first matched)."""
        entry = self._entry
        if entry is None:
            entry = self._entry = Ticket(
                self.ticket_id,
                self.start,
                tuple(
                    Player(
                        player["PlayerId"],
                        {
                            name: attribute_from_aws(value)
                            for name, value in (player.get("PlayerAttributes") or {}).items()
                        },
                        {
                            region: float(latency)
                            for region, latency in (player.get("LatencyInMs") or {}).items()
                        },
                    )
                    for player in self.players
                ),
                self.sequence,
            )
        return entry

    def __repr__(self) -> str:
        # Player ids are sensitive.
        return f"<MatchmakingTicket {self.ticket_id} {self.status} of {self.configuration.name}>"


class PotentialMatch:
    """A potential match: its tickets, the team of each player and, while acceptance is
    required, each player's answer (True, False, or absent while unanswered)."""

    __slots__ = (
        "answers",
        "configuration",
        "created",
        "match_id",
        "over",
        "team_names",
        "team_of_player",
        "tickets",
    )

    def __init__(
        self,
        configuration: MatchmakingConfiguration,
        match: Match,
        tickets: list[MatchmakingTicket],
        created: float,
    ) -> None:
        self.match_id = random_uuid()
        self.configuration = configuration
        self.tickets = tickets
        self.created = created
        self.team_names = [team.name for team in match.teams]
        self.team_of_player: dict[str, str] = {}
        for team in match.teams:
            for ticket in team.tickets:
                for player in ticket.players:
                    self.team_of_player[player.player_id] = team.name
        self.answers: dict[str, bool] = {}
        self.over = False  # acceptance ended (accepted, rejected or timed out)

    def __repr__(self) -> str:
        return f"<PotentialMatch {self.match_id} of {self.configuration.name}>"


class _Settle:
    __slots__ = ("store",)

    def __init__(self, store: TicketStore) -> None:
        self.store = store

    def fire(self, due: float) -> None:
        self.store.settle(due)


class _Wake:
    """Marks one configuration's pool for matching at ``due`` (an expansion step, a delay)."""

    __slots__ = ("arn", "store")

    def __init__(self, store: TicketStore, arn: str) -> None:
        self.store = store
        self.arn = arn

    def fire(self, due: float) -> None:
        self.store._wakes.discard((self.arn, due))
        self.store._dirty[self.arn] = None
        self.store.settle(due)


class _RequestTimeout:
    __slots__ = ("store", "ticket")

    def __init__(self, store: TicketStore, ticket: MatchmakingTicket) -> None:
        self.store = store
        self.ticket = ticket

    def fire(self, due: float) -> None:
        ticket = self.ticket
        if ticket.status in WAITING:
            self.store._time_out(ticket, due)
        # REQUIRES_ACCEPTANCE or PLACING: the ticket times out if it comes back to searching.


class _AcceptanceTimeout:
    __slots__ = ("match", "store")

    def __init__(self, store: TicketStore, match: PotentialMatch) -> None:
        self.store = store
        self.match = match

    def fire(self, due: float) -> None:
        if not self.match.over:
            self.store._end_acceptance(self.match, due, "TimedOut")


class TicketStore:
    """Matchmaking tickets of every account and Region, the pools they wait in (one per
    configuration) and the test's steering of matching (holds and delays)."""

    def __init__(
        self, kernel: Kernel, resources: MatchmakingResources, placements: PlacementStore
    ) -> None:
        self.kernel = kernel
        self.resources = resources
        self.placements = placements
        resources.has_active_tickets = self.has_active_tickets
        self._tickets: dict[tuple[str, str], dict[str, MatchmakingTicket]] = {}
        # (account, Region) -> player id -> the player's ticket that is not final
        self._players: dict[tuple[str, str], dict[str, MatchmakingTicket]] = {}
        # configuration ARN -> its waiting (QUEUED or SEARCHING) tickets, oldest first
        self._pools: dict[str, dict[str, MatchmakingTicket]] = {}
        self._active: dict[str, set[str]] = {}  # configuration ARN -> ids of tickets not final
        self._queued: list[MatchmakingTicket] = []  # not yet announced
        self._dirty: dict[str, None] = {}  # configurations whose pool changed, in order
        self._wakes: set[tuple[str, float]] = set()
        self._matchers: dict[str, tuple[object, int, Matcher]] = {}
        self._sequence = itertools.count()
        self._settle = _Settle(self)  # the timer of the next settle point (one will do)
        # Steering: hold every configuration / these (names or ARNs); delays in seconds.
        self.hold_all = False
        self.held: set[str] = set()
        self.delay = 0.0
        self.delays: dict[str, float] = {}

    # -- finding -------------------------------------------------------------------------------

    def has_active_tickets(self, configuration_arn: str) -> bool:
        return bool(self._active.get(configuration_arn))

    def get(self, account_id: str, region: str, ticket_id: str) -> Optional[MatchmakingTicket]:
        return self._tickets.get((account_id, region), {}).get(ticket_id)

    def require(self, account_id: str, region: str, ticket_id: str) -> MatchmakingTicket:
        ticket = self.get(account_id, region, ticket_id)
        if ticket is None:
            raise not_found(f"Matchmaking ticket '{ticket_id}' does not exist.")
        return ticket

    # -- the API's operations ------------------------------------------------------------------

    def start(
        self,
        account_id: str,
        region: str,
        configuration_ref: str,
        players: list[dict[str, Any]],
        ticket_id: Optional[str],
    ) -> MatchmakingTicket:
        """StartMatchmaking: a new QUEUED ticket; earlier tickets of its players are cancelled
        (no event). It enters matchmaking at the settle point at the end of the call."""
        configuration = self.resources.require_configuration(account_id, region, configuration_ref)
        known = self._tickets.get((account_id, region))
        if ticket_id is None:
            ticket_id = random_uuid()
        elif known is not None and ticket_id in known:
            raise invalid_request(f"Matchmaking ticket '{ticket_id}' already exists.")
        seen: dict[str, None] = {}  # (in the request's order: cancellations are recorded so)
        for player in players:
            if player["PlayerId"] in seen:
                raise invalid_request("A matchmaking request cannot list a player twice.")
            seen[player["PlayerId"]] = None
        # From here on nothing can fail.
        if known is None:
            known = self._tickets[(account_id, region)] = {}
        now = clock.now()
        active = self._players.get((account_id, region))
        if active is None:
            active = self._players[(account_id, region)] = {}
        for player_id in seen:
            old = active.get(player_id)
            if old is not None and old.status != PLACING:
                self._cancel(old, now, DUPLICATE_REASON, None, announce=False)
        ticket = MatchmakingTicket(
            ticket_id, configuration, players, now, next(self._sequence), list(seen)
        )
        known[ticket_id] = ticket
        for player_id in seen:
            active[player_id] = ticket
        arn = configuration.arn
        ids = self._active.get(arn)
        if ids is None:
            ids = self._active[arn] = set()
        ids.add(ticket_id)
        pool = self._pools.get(arn)
        if pool is None:
            pool = self._pools[arn] = {}
        pool[ticket_id] = ticket
        self._queued.append(ticket)
        self._record(ticket, now, "StartMatchmaking")
        timers = self.kernel.timers
        timers.schedule(ticket.deadline, _RequestTimeout(self, ticket))
        self._dirty[arn] = None
        timers.schedule(now, self._settle)
        return ticket

    def stop(self, account_id: str, region: str, ticket_id: str) -> None:
        """StopMatchmaking: CANCELLED with MatchmakingCancelled; a ticket in PLACING cannot be
        stopped; a final ticket is left as it is."""
        ticket = self.require(account_id, region, ticket_id)
        if ticket.status == PLACING:
            raise invalid_request(PLACING_STOP_MESSAGE)
        if ticket.status in FINAL:
            return
        self._cancel(
            ticket, clock.now(), events.CANCELLED_REASON, events.CANCELLED_MESSAGE, announce=True
        )

    def accept(
        self, account_id: str, region: str, ticket_id: str, player_ids: list[str], accept: bool
    ) -> None:
        """AcceptMatch for players of one ticket in REQUIRES_ACCEPTANCE: an AcceptMatch event;
        when every player has accepted, the match goes on (AcceptMatchCompleted ``Accepted``);
        a rejection ends it at once (``Rejected``)."""
        ticket = self.require(account_id, region, ticket_id)
        match = ticket.match
        if ticket.status != REQUIRES_ACCEPTANCE or match is None:
            raise invalid_request(
                f"Matchmaking ticket '{ticket_id}' is in {ticket.status} status; only a ticket "
                "in REQUIRES_ACCEPTANCE status takes AcceptMatch."
            )
        mine = set(ticket.player_ids)
        if any(player_id not in mine for player_id in player_ids):
            raise invalid_request(
                f"PlayerIds must name players of matchmaking ticket '{ticket_id}'."
            )
        now = clock.now()
        for player_id in player_ids:
            match.answers[player_id] = accept
        self._emit(
            match.configuration,
            now,
            {
                **events.detail(events.ACCEPT_MATCH, match.tickets, match=match, accepted=True),
                "matchId": match.match_id,
            },
            f"match {match.match_id}",
        )
        if not accept:
            self._end_acceptance(match, now, "Rejected")
        elif len(match.answers) == len(match.team_of_player) and all(match.answers.values()):
            self._end_acceptance(match, now, "Accepted")

    # -- settling -------------------------------------------------------------------------------

    def settle(self, at: float) -> None:
        """Announce new tickets, then match every changed pool until no match can form."""
        queued, self._queued = self._queued, []
        for ticket in queued:
            if ticket.status == QUEUED:
                ticket.status = SEARCHING
                self._record(ticket, at, "entered matchmaking")
                self._searching(ticket, at)
        while self._dirty:
            arn = next(iter(self._dirty))
            del self._dirty[arn]
            pool = self._pools.get(arn)
            if pool:
                self._match_pool(arn, pool, at)

    def _match_pool(self, arn: str, pool: dict[str, MatchmakingTicket], at: float) -> None:
        configuration = next(iter(pool.values())).configuration
        if self._is_held(configuration):
            return
        delays = self.delays
        delay = (
            delays.get(configuration.arn, delays.get(configuration.name, self.delay))
            if delays
            else self.delay
        )
        if delay:
            ready: list[Ticket] = []
            later: Optional[float] = None
            for ticket in pool.values():
                if ticket.start + delay <= at:
                    ready.append(ticket.entry)
                elif later is None or ticket.start + delay < later:
                    later = ticket.start + delay
            if later is not None:
                self._wake(arn, later)
            if not ready:
                return
            matcher = self._matcher(configuration)
        else:
            matcher = self._matcher(configuration)
            fewest = matcher.fewest_players
            if fewest is not None:
                players = 0
                for ticket in pool.values():  # (counted up to the smallest match only)
                    players += len(ticket.player_ids)
                    if players >= fewest:
                        break
                if matcher.too_few(players, at):
                    return  # (the tickets' matcher entries are built when a match can form)
            ready = [ticket.entry for ticket in pool.values()]
        result = matcher.find_matches(ready, at)
        for found in result.matches:
            self._form(configuration, pool, found, at)
        if result.next_change is not None:
            self._wake(arn, result.next_change)

    def _matcher(self, configuration: MatchmakingConfiguration) -> Matcher:
        rule_set = configuration.rule_set
        extra = configuration.additional_player_count
        cached = self._matchers.get(configuration.arn)
        if cached is None or cached[0] is not rule_set or cached[1] != extra:
            from .matcher import Matcher  # loaded with the first pool to match

            matcher = Matcher(rule_set.parsed, additional_player_count=extra)
            self._matchers[configuration.arn] = (rule_set, extra, matcher)
            return matcher
        return cached[2]

    def _wake(self, arn: str, at: float) -> None:
        if (arn, at) not in self._wakes:
            self._wakes.add((arn, at))
            self.kernel.timers.schedule(at, _Wake(self, arn))

    def _is_held(self, configuration: MatchmakingConfiguration) -> bool:
        held = self.held
        return self.hold_all or bool(
            held and (configuration.name in held or configuration.arn in held)
        )

    def release(self, configuration: Optional[str], at: float) -> None:
        """End a hold (None: every hold) and match the released pools at ``at``."""
        if configuration is None:
            self.hold_all = False
            self.held.clear()
        else:
            self.held.discard(configuration)
        for arn in self._pools:
            self._dirty[arn] = None
        self.settle(at)

    # -- a match and what follows from it --------------------------------------------------------

    def _form(
        self,
        configuration: MatchmakingConfiguration,
        pool: dict[str, MatchmakingTicket],
        found: Match,
        at: float,
    ) -> None:
        tickets = [pool.pop(entry.ticket_id) for entry in found.tickets]
        match = PotentialMatch(configuration, found, tickets, at)
        acceptance = configuration.acceptance_required
        for ticket in tickets:
            ticket.match = match
            if acceptance:
                ticket.status = REQUIRES_ACCEPTANCE
                self._record(ticket, at, f"potential match {match.match_id}")
        seconds = configuration.acceptance_timeout_seconds
        timeout = DEFAULT_ACCEPTANCE_TIMEOUT if seconds is None else float(seconds)
        body = events.detail(events.POTENTIAL_MATCH_CREATED, tickets, match=match)
        body["acceptanceTimeout"] = int(timeout)
        body["ruleEvaluationMetrics"] = events.rule_metrics(configuration, 1)
        body["acceptanceRequired"] = acceptance
        body["matchId"] = match.match_id
        self._emit(configuration, at, body, f"match {match.match_id}")
        if acceptance:
            self.kernel.timers.schedule(at + timeout, _AcceptanceTimeout(self, match))
        else:
            self._proceed(match, at)

    def _proceed(self, match: PotentialMatch, at: float) -> None:
        """The match is final: complete it (STANDALONE) or place it on the queue."""
        configuration = match.configuration
        if configuration.flex_match_mode == STANDALONE:
            self._complete(match, at, None)
            return
        for ticket in match.tickets:
            ticket.status = PLACING
            self._record(ticket, at, f"placing match {match.match_id}")
        request = placement_request(match)
        assert configuration.queue_arn is not None
        queue_region, _name = queue_name(configuration.queue_arn)
        try:
            self.placements.start(
                configuration.account,
                queue_region or configuration.region,
                request,
                listener=lambda placement: self._placed(match, placement),
                at=at,
            )
        except GameLiftError as error:  # the queue is gone: the match cannot be placed
            self._fail(match, at, f"placement refused: {error.message}")

    def _placed(self, match: PotentialMatch, placement: Placement) -> None:
        at = placement.end if placement.end is not None else clock.now()
        if placement.status == FULFILLED:
            self._complete(match, at, placement)
        elif placement.status == "FAILED":
            self._fail(match, at, "placement failed")
        else:  # TIMED_OUT or CANCELLED: back to searching, no event
            for ticket in match.tickets:
                self._back_to_search(ticket, at, f"placement {placement.status}", announce=False)

    def _complete(self, match: PotentialMatch, at: float, placement: Optional[Placement]) -> None:
        sessions: dict[str, str] = {}
        session = placement.game_session if placement is not None else None
        if placement is not None:
            sessions = dict(placement.placed_sessions)
        for ticket in match.tickets:
            if session is not None:
                info: dict[str, Any] = {"GameSessionArn": session.game_session_id}
                if session.ip_address is not None:
                    info["IpAddress"] = session.ip_address
                if session.dns_name is not None:
                    info["DnsName"] = session.dns_name
                info["Port"] = session.port
                info["MatchedPlayerSessions"] = [
                    {"PlayerId": player_id, "PlayerSessionId": sessions[player_id]}
                    for player_id in ticket.player_ids
                    if player_id in sessions
                ]
                ticket.connection = info
            self._finish(ticket, COMPLETED, at, None, None, f"match {match.match_id} completed")
        body = events.detail(
            events.SUCCEEDED, match.tickets, match=match, sessions=sessions if session else None
        )
        if session is not None:
            info = body["gameSessionInfo"]
            info["gameSessionArn"] = session.game_session_id
            if session.ip_address is not None:
                info["ipAddress"] = session.ip_address
            if session.dns_name is not None:
                info["dnsName"] = session.dns_name
            info["port"] = session.port
            info["playerGatewayStatus"] = "DISABLED"  # the mock's fleets have no gateway
        body["matchId"] = match.match_id
        self._emit(match.configuration, at, body, f"match {match.match_id}")

    def _fail(self, match: PotentialMatch, at: float, why: str) -> None:
        for ticket in match.tickets:
            self._finish(ticket, FAILED, at, events.FAILED_REASON, events.FAILED_MESSAGE, why)
        body = events.detail(events.FAILED, match.tickets, match=match)
        body["reason"] = events.FAILED_REASON
        body["message"] = events.FAILED_MESSAGE
        body["matchId"] = match.match_id
        self._emit(match.configuration, at, body, f"match {match.match_id}")

    def _end_acceptance(self, match: PotentialMatch, at: float, acceptance: str) -> None:
        """AcceptMatchCompleted, then: ``Accepted`` goes on to placement; otherwise tickets with
        a player who rejected (or, at ``TimedOut``, did not accept) are CANCELLED and the
        others go back to SEARCHING."""
        match.over = True
        body = events.detail(
            events.ACCEPT_MATCH_COMPLETED, match.tickets, match=match, accepted=True
        )
        body["acceptance"] = acceptance
        body["matchId"] = match.match_id
        self._emit(match.configuration, at, body, f"match {match.match_id}")
        if acceptance == "Accepted":
            self._proceed(match, at)
            return
        answers = match.answers
        for ticket in match.tickets:
            if ticket.status != REQUIRES_ACCEPTANCE:
                continue  # stopped or cancelled as a duplicate meanwhile
            if acceptance == "TimedOut":
                guilty = not all(answers.get(player_id) for player_id in ticket.player_ids)
            else:
                guilty = any(answers.get(player_id) is False for player_id in ticket.player_ids)
            if guilty:
                self._cancel(
                    ticket, at, events.CANCELLED_REASON, NOT_ACCEPTED_MESSAGE, announce=True
                )
            else:
                self._back_to_search(ticket, at, "potential match not accepted", announce=True)

    # -- one ticket ------------------------------------------------------------------------------

    def _cancel(
        self,
        ticket: MatchmakingTicket,
        at: float,
        reason: str,
        message: Optional[str],
        *,
        announce: bool,
    ) -> None:
        match = ticket.match
        self._pools.get(ticket.configuration.arn, {}).pop(ticket.ticket_id, None)
        self._finish(ticket, CANCELLED, at, reason, message, message or reason)
        if announce:
            body = events.detail(events.CANCELLED, [ticket])
            body["reason"] = reason
            body["message"] = message
            body["ruleEvaluationMetrics"] = events.rule_metrics(ticket.configuration, 0)
            self._emit(ticket.configuration, at, body, f"ticket {ticket.ticket_id}")
        if match is not None and not match.over:
            # A ticket leaving a match awaiting acceptance ends it: the others search again.
            self._end_acceptance(match, at, "Rejected")

    def _time_out(self, ticket: MatchmakingTicket, at: float) -> None:
        self._pools.get(ticket.configuration.arn, {}).pop(ticket.ticket_id, None)
        self._finish(
            ticket,
            TIMED_OUT,
            at,
            events.TIMED_OUT_REASON,
            events.TIMED_OUT_MESSAGE,
            "request timeout",
        )
        body = events.detail(events.TIMED_OUT, [ticket])
        body["reason"] = events.TIMED_OUT_REASON
        body["message"] = events.TIMED_OUT_MESSAGE
        body["ruleEvaluationMetrics"] = events.rule_metrics(ticket.configuration, 0)
        self._emit(ticket.configuration, at, body, f"ticket {ticket.ticket_id}")

    def _back_to_search(
        self, ticket: MatchmakingTicket, at: float, why: str, *, announce: bool
    ) -> None:
        ticket.match = None
        if ticket.deadline <= at:
            self._time_out(ticket, at)
            return
        ticket.status = SEARCHING
        self._record(ticket, at, why)
        if announce:
            self._searching(ticket, at)
        arn = ticket.configuration.arn
        self._pools.setdefault(arn, {})[ticket.ticket_id] = ticket
        self._dirty[arn] = None
        self.kernel.timers.schedule(at, self._settle)

    def _finish(
        self,
        ticket: MatchmakingTicket,
        status: str,
        at: float,
        reason: Optional[str],
        message: Optional[str],
        why: str,
    ) -> None:
        ticket.status = status
        ticket.end = max(at, ticket.start)
        ticket.status_reason = reason
        ticket.status_message = message
        active = self._players.get((ticket.account, ticket.region), {})
        for player_id in ticket.player_ids:
            if active.get(player_id) is ticket:
                del active[player_id]
        self._active.get(ticket.configuration.arn, set()).discard(ticket.ticket_id)
        self._record(ticket, at, why)

    def _searching(self, ticket: MatchmakingTicket, at: float) -> None:
        # Built when first read (most never are), from the values of this moment.
        configuration = ticket.configuration
        self.kernel.emit(
            Event(
                events.SEARCHING,
                None,
                configuration.notification_target,
                configuration.region,
                "",
                "",
                events.build_searching_event,
                events.searching_values(ticket, at),
                events.describe_searching_event,
            )
        )

    def _emit(
        self, configuration: MatchmakingConfiguration, at: float, body: dict[str, Any], subject: str
    ) -> None:
        envelope = events.envelope(configuration, at, body)
        self.kernel.emit(
            Event(
                body["type"],
                envelope,
                configuration.notification_target,
                configuration.region,
                subject,
                f"matchmaking event of configuration {configuration.arn}",
            )
        )

    def _record(self, ticket: MatchmakingTicket, at: float, reason: str) -> None:
        # A ``Transition``'s fields, in order; the transition is made when the timeline is read.
        self.kernel.record_fields(
            (
                max(at, ticket.start),
                "ticket",
                ticket.ticket_id,
                ticket.status,
                ticket.region,
                reason,
                ticket.configuration.timeline_labels,
                None,
            )
        )
