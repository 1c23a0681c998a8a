"""Game sessions and player sessions that fulfilled placements create."""

from __future__ import annotations

import itertools
from typing import Any, Optional, Sequence

from . import arns, clock
from .accounts import Accounts
from .errors import GameLiftError, invalid_request, not_found
from .fleets import ANYWHERE, CapacityWatcher, Fleet
from .kernel import Kernel, Transition

ACTIVE = "ACTIVE"
ACTIVATING = "ACTIVATING"
TERMINATING = "TERMINATING"
TERMINATED = "TERMINATED"
RESERVED = "RESERVED"
COMPLETED = "COMPLETED"
TIMEDOUT = "TIMEDOUT"
GAME_SESSION_STATUSES = ("ACTIVE", "ACTIVATING", "TERMINATED", "TERMINATING", "ERROR")
PLAYER_SESSION_STATUSES = (RESERVED, ACTIVE, COMPLETED, TIMEDOUT)
# A reserved seat is released when the player has not connected within 60 seconds (documented).
RESERVATION_SECONDS = 60.0
# "Idempotency tokens remain in use for 30 days after a game session has ended; game session
# objects are retained for this time period and then deleted" (CreateGameSession).
RETENTION_SECONDS = 30 * 24 * 3600.0
# Without a resource creation limit policy, "limits requests to one request per CreatorId per
# second" (CreateGameSession).
CREATOR_INTERVAL_SECONDS = 1.0
MAX_GAME_PROPERTIES = 16  # GamePropertyList
# Game sessions get addresses from the documentation ranges (RFC 5737), never routable.
_TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")


class GameSession:
    """A game session hosted in one location of a fleet."""

    __slots__ = (
        "alias_id",
        "created",
        "creator_id",
        "data",
        "dns_name",
        "fleet",
        "game_session_id",
        "ip_address",
        "location",
        "matchmaker_data",
        "max_players",
        "name",
        "ordinal",
        "player_session_creation_policy",
        "player_sessions",
        "port",
        "properties",
        "protection_policy",
        "status",
        "status_reason",
        "terminated",
    )

    def __init__(
        self,
        game_session_id: str,
        fleet: Fleet,
        location: str,
        created: float,
        endpoint: tuple[Optional[str], Optional[str], int],
    ) -> None:
        self.game_session_id = game_session_id
        self.fleet = fleet
        self.location = location
        self.created = created
        self.ip_address, self.dns_name, self.port = endpoint
        self.name: Optional[str] = None
        self.max_players = 0
        self.properties: Sequence[dict[str, str]] = ()
        self.data: Optional[str] = None
        # MatchmakerData, when the game session was placed for a FlexMatch match.
        self.matchmaker_data: Optional[str] = None
        self.terminated: Optional[float] = None
        self.status = ACTIVE
        self.status_reason: Optional[str] = None
        self.player_sessions: list[PlayerSession] = []
        self.alias_id: Optional[str] = None
        self.player_session_creation_policy = "ACCEPT_ALL"
        self.protection_policy = "NoProtection"
        self.creator_id: Optional[str] = None
        self.ordinal = 0  # creation order, which listings page by

    def __repr__(self) -> str:
        return f"<GameSession {self.game_session_id} status={self.status}>"

    def active_players(self, now: float) -> int:
        return sum(1 for ps in self.player_sessions if ps.current_status(now) in (RESERVED, ACTIVE))


class PlayerSession:
    """One player's reserved seat in a game session."""

    __slots__ = (
        "created",
        "game_session",
        "ordinal",
        "player_data",
        "player_id",
        "player_session_id",
        "status",
        "terminated",
    )

    def __init__(
        self,
        player_session_id: str,
        player_id: str,
        game_session: GameSession,
        created: float,
        player_data: Optional[str],
    ) -> None:
        self.player_session_id = player_session_id
        self.player_id = player_id
        self.game_session = game_session
        self.created = created
        self.terminated: Optional[float] = None
        self.status = RESERVED
        self.player_data = player_data
        self.ordinal = 0  # creation order, which listings page by

    def __repr__(self) -> str:
        # The player id and player data are sensitive.
        return f"<PlayerSession {self.player_session_id} status={self.status}>"

    def current_status(self, now: float) -> str:
        """The status at ``now``: a RESERVED seat whose player never connected times out after
        60 seconds, stamped with the time it was due."""
        if self.status == RESERVED and now >= self.created + RESERVATION_SECONDS:
            self.status = TIMEDOUT
            self.terminated = self.created + RESERVATION_SECONDS
        return self.status


class _Activation:
    """A timer: the game server of a game session made by CreateGameSession has activated it
    (ActivateGameSession), unless it ended meanwhile."""

    __slots__ = ("session", "store")

    def __init__(self, store: SessionStore, session: GameSession) -> None:
        self.store = store
        self.session = session

    def fire(self, due: float) -> None:
        session = self.session
        if session.status != ACTIVATING:
            return
        session.status = ACTIVE
        self.store._record(session, due, "game server activated the game session")


class SessionStore:
    """Opening, finding and ending game sessions and seating players.

    ``watchers`` are told (account id, when, why) whenever a game session ends (its slot is
    free again). A game session made by CreateGameSession is ``ACTIVATING`` until a kernel
    timer, ``activation_delay`` seconds after its creation, makes it ``ACTIVE``."""

    def __init__(self, accounts: Accounts, kernel: Kernel) -> None:
        self.accounts = accounts
        self.kernel = kernel
        # Seconds between CreateGameSession and the game server's ActivateGameSession. With 0,
        # the answer to CreateGameSession says ACTIVATING and every later read says ACTIVE.
        self.activation_delay = 0.0
        self.watchers: list[CapacityWatcher] = []
        self._endpoints = itertools.count()
        self._ordinals = itertools.count(1)  # of game and player sessions, in creation order
        # (account, fleet id, last segment of the game session ARN) -> the game session
        self._id_strings: dict[tuple[str, str, str], GameSession] = {}
        self._creators: dict[tuple[str, str], float] = {}  # (account, CreatorId) -> last create

    def open_game_session(
        self,
        account_id: str,
        fleet: Fleet,
        location: str,
        at: float,
        last_segment: str,
        players: list[tuple[str, Optional[str]]],
    ) -> GameSession:
        """Open a game session in ``location`` of ``fleet``, taking one of its slots, with a
        reserved player session for each (player id, player data). ``last_segment`` ends the
        game session ARN (a placement's id)."""
        stale = self._id_strings.get((account_id, fleet.fleet_id, last_segment))
        if stale is not None:  # its retention is over (callers check): forget it
            self._forget(account_id, stale)
        endpoint = self._endpoint(fleet, location)
        session_id = arns.game_session_arn(
            fleet.home_region,
            fleet.fleet_id,
            location,
            last_segment,
            self.accounts.partition(fleet.home_region),
        )
        session = GameSession(session_id, fleet, location, at, endpoint)
        session.ordinal = next(self._ordinals)
        fleet.locations[location].used += 1
        home = self.accounts.account(account_id).region(fleet.home_region)
        home.game_sessions[session_id] = session
        self._id_strings[(account_id, fleet.fleet_id, last_segment)] = session
        self._seat(home.player_sessions, session, at, players)
        return session

    def create_game_session(
        self, account_id: str, fleet: Fleet, alias_id: Optional[str], params: dict[str, Any]
    ) -> GameSession:
        """CreateGameSession on ``fleet`` (reached through ``alias_id``, if any): a new game
        session in one of its free slots, or the one an earlier request with the same
        IdempotencyToken created."""
        at = clock.now()
        if fleet.settings.compute_type == ANYWHERE and params.get("Location") is None:
            # "When using an Anywhere fleet, this parameter is required and must be set to the
            # Anywhere fleet's custom location." (CreateGameSession, Location)
            raise invalid_request(
                f"Fleet '{fleet.fleet_id}' is an Anywhere fleet: Location is required and must "
                "be one of its custom locations."
            )
        token = params.get("IdempotencyToken")
        id_string = token if token is not None else params.get("GameSessionId")
        existing = None
        if id_string is not None:
            existing = self._held_id_string(account_id, fleet, id_string, at)
        if existing is not None:
            if token is not None:
                return existing
            raise GameLiftError(
                "IdempotentParameterMismatchException",
                f"A game session with ID string '{id_string}' already exists in fleet "
                f"'{fleet.fleet_id}'.",
            )
        location = params.get("Location") or fleet.home_region
        slot = fleet.locations.get(location)
        if slot is None:
            raise invalid_request(
                f"Location '{location}' is not a location of fleet '{fleet.fleet_id}'."
            )
        creator = params.get("CreatorId")
        if creator is not None:
            last = self._creators.get((account_id, creator))
            if last is not None and at - last < CREATOR_INTERVAL_SECONDS:
                raise GameLiftError(
                    "LimitExceededException",
                    "CreateGameSession accepts one request per CreatorId per second; this "
                    "CreatorId was used less than a second ago.",
                )
        if not slot.has_room():
            raise GameLiftError(
                "FleetCapacityExceededException",
                f"Fleet '{fleet.fleet_id}' has no available game server process in "
                f"'{location}' to host a new game session.",
            )
        if creator is not None:
            self._creators[(account_id, creator)] = at
        last_segment = id_string if id_string is not None else f"gsess-{arns.random_uuid()}"
        session = self.open_game_session(account_id, fleet, location, at, last_segment, [])
        session.name = params.get("Name")
        session.max_players = params["MaximumPlayerSessionCount"]
        session.properties = [dict(p) for p in params.get("GameProperties") or ()]
        session.data = params.get("GameSessionData")
        session.creator_id = creator
        session.alias_id = alias_id
        # The game server activates it later (a kernel timer, so never in this call's answer).
        session.status = ACTIVATING
        self._record(session, at, "created by CreateGameSession")
        self.kernel.timers.schedule(at + self.activation_delay, _Activation(self, session))
        return session

    def _record(self, session: GameSession, at: float, reason: str) -> None:
        self.kernel.record(
            Transition(
                at,
                "game_session",
                session.game_session_id,
                session.status,
                session.fleet.home_region,
                reason,
                (("fleet", session.fleet.fleet_id),),
                session.location,
            )
        )

    def _held_id_string(
        self, account_id: str, fleet: Fleet, id_string: str, at: float
    ) -> Optional[GameSession]:
        """The game session of ``fleet`` whose ARN ends with ``id_string``, while it is live or
        retained (30 days after it ended), or None."""
        existing = self._id_strings.get((account_id, fleet.fleet_id, id_string))
        if existing is None:
            return None
        if existing.terminated is not None and at >= existing.terminated + RETENTION_SECONDS:
            return None  # the id string is free again; the record goes when it is reused
        return existing

    def id_string_held(self, account_id: str, fleet: Fleet, id_string: str, at: float) -> bool:
        """Whether a game session of ``fleet`` holds ``id_string`` (as its idempotency token or
        game session id) at ``at``: then no placement with that id may open one there."""
        return self._held_id_string(account_id, fleet, id_string, at) is not None

    def _forget(self, account_id: str, session: GameSession) -> None:
        """Delete a game session record whose retention is over, with its player sessions."""
        home = self.accounts.account(account_id).region(session.fleet.home_region)
        home.game_sessions.pop(session.game_session_id, None)
        for player_session in session.player_sessions:
            home.player_sessions.pop(player_session.player_session_id, None)
        last_segment = session.game_session_id.rsplit("/", 1)[-1]
        self._id_strings.pop((account_id, session.fleet.fleet_id, last_segment), None)

    def update_game_session(self, session: GameSession, params: dict[str, Any]) -> GameSession:
        """UpdateGameSession: change the settings ``params`` names; game properties are added
        or changed, never deleted."""
        if session.status not in (ACTIVE, ACTIVATING):
            raise GameLiftError(
                "InvalidGameSessionStatusException",
                f"Game session '{session.game_session_id}' is {session.status}; only an "
                "ACTIVE game session can be updated.",
            )
        properties = [dict(p) for p in session.properties]
        given = params.get("GameProperties")
        if given is not None:
            index = {p.get("Key"): n for n, p in enumerate(properties)}
            for prop in given:
                found = index.get(prop.get("Key"))
                if found is None:
                    index[prop.get("Key")] = len(properties)
                    properties.append(dict(prop))
                else:
                    properties[found] = dict(prop)
            if len(properties) > MAX_GAME_PROPERTIES:
                raise invalid_request(
                    f"A game session can have at most {MAX_GAME_PROPERTIES} game properties; "
                    f"this update would leave {len(properties)}."
                )
        session.properties = properties
        if params.get("Name") is not None:
            session.name = params["Name"]
        if params.get("MaximumPlayerSessionCount") is not None:
            session.max_players = params["MaximumPlayerSessionCount"]
        if params.get("PlayerSessionCreationPolicy") is not None:
            session.player_session_creation_policy = params["PlayerSessionCreationPolicy"]
        if params.get("ProtectionPolicy") is not None:
            session.protection_policy = params["ProtectionPolicy"]
        return session

    def _endpoint(self, fleet: Fleet, location: str) -> tuple[Optional[str], Optional[str], int]:
        """(IP address, DNS name, port) of a new game session. A custom location (GameLift
        Anywhere) has the host the test declared for it, or none; an EC2 location gets an
        address from the documentation ranges and its EC2 DNS name, or with TLS certificates
        a name of the form ``<unique id>.<region>.amazongamelift.com`` whose Region is the
        fleet's home Region, in every location (as AWS names them)."""
        n = next(self._endpoints)
        port = 1026 + n % 58975
        slot = fleet.locations[location]
        if slot.custom:
            return slot.ip_address, slot.dns_name, port
        ip = f"{_TEST_NETS[(n // 254) % 3]}.{n % 254 + 1}"
        if fleet.settings.tls:
            home = fleet.home_region
            dns = f"{arns.random_uuid().replace('-', '')[:20]}.{home}.amazongamelift.com"
        else:
            compute = "compute-1" if location == "us-east-1" else f"{location}.compute"
            dns = f"ec2-{ip.replace('.', '-')}.{compute}.amazonaws.com"
        return ip, dns, port

    def _seat(
        self,
        index: dict[str, PlayerSession],
        session: GameSession,
        at: float,
        players: list[tuple[str, Optional[str]]],
    ) -> list[PlayerSession]:
        created = []
        for player, data in players:
            player_session = PlayerSession(f"psess-{arns.random_uuid()}", player, session, at, data)
            player_session.ordinal = next(self._ordinals)
            session.player_sessions.append(player_session)
            index[player_session.player_session_id] = player_session
            created.append(player_session)
        return created

    def game_session(self, account_id: str, region: str, game_session_id: str) -> GameSession:
        session = (
            self.accounts.account(account_id).region(region).game_sessions.get(game_session_id)
        )
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
        if session.player_session_creation_policy != "ACCEPT_ALL":
            raise GameLiftError(
                "GameSessionFullException",
                f"Game session '{game_session_id}' does not accept new players: its "
                f"PlayerSessionCreationPolicy is {session.player_session_creation_policy}.",
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
        home = self.accounts.account(account_id).region(region)
        return self._seat(home.player_sessions, session, at, players)

    def terminate_game_session(
        self, account_id: str, session: GameSession, reason: Optional[str] = None
    ) -> None:
        """End ``session`` now (``reason``: its StatusReason), free its slot and try the
        waiting placements again."""
        if session.status == TERMINATED:
            return
        at = clock.now()
        session.status = TERMINATED
        session.status_reason = reason
        # With the clock moved back since it was created, a game session still never ends
        # before it began; nor does a player session.
        session.terminated = max(at, session.created)
        for player_session in session.player_sessions:
            if player_session.current_status(at) in (RESERVED, ACTIVE):
                player_session.status = COMPLETED
                player_session.terminated = max(at, player_session.created)
        slot = session.fleet.locations.get(session.location)
        if slot is not None and slot.used > 0:
            slot.used -= 1
        for watcher in self.watchers:
            watcher(account_id, at, "game session terminated")
