"""Game sessions and player sessions that fulfilled placements create."""

from __future__ import annotations

import itertools
from typing import Optional

from . import arns, clock
from .accounts import Accounts
from .errors import GameLiftError, invalid_request, not_found
from .fleets import Fleet

ACTIVE = "ACTIVE"
TERMINATED = "TERMINATED"
RESERVED = "RESERVED"
COMPLETED = "COMPLETED"
TIMEDOUT = "TIMEDOUT"
GAME_SESSION_STATUSES = ("ACTIVE", "ACTIVATING", "TERMINATED", "TERMINATING", "ERROR")
PLAYER_SESSION_STATUSES = (RESERVED, ACTIVE, COMPLETED, TIMEDOUT)
# A reserved seat is released when the player has not connected within 60 seconds (documented).
RESERVATION_SECONDS = 60.0
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
        "max_players",
        "name",
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
        self.properties: list[dict[str, str]] = []
        self.data: Optional[str] = None
        self.terminated: Optional[float] = None
        self.status = ACTIVE
        self.status_reason: Optional[str] = None
        self.player_sessions: list[PlayerSession] = []
        self.alias_id: Optional[str] = None
        self.player_session_creation_policy = "ACCEPT_ALL"
        self.protection_policy = "NoProtection"
        self.creator_id: Optional[str] = None

    def __repr__(self) -> str:
        return f"<GameSession {self.game_session_id} status={self.status}>"

    def active_players(self, now: float) -> int:
        return sum(1 for ps in self.player_sessions if ps.current_status(now) in (RESERVED, ACTIVE))


class PlayerSession:
    """One player's reserved seat in a game session."""

    __slots__ = (
        "created",
        "game_session",
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


class SessionStore(Accounts):
    """Opening, finding and ending game sessions and seating players; part of the Backend."""

    def __init__(self) -> None:
        super().__init__()
        self._endpoints = itertools.count()

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
        endpoint = self._endpoint(fleet, location)
        session_id = arns.game_session_arn(
            fleet.home_region,
            fleet.fleet_id,
            location,
            last_segment,
            self.partition(fleet.home_region),
        )
        session = GameSession(session_id, fleet, location, at, endpoint)
        fleet.locations[location].used += 1
        home = self.account(account_id).region(fleet.home_region)
        home.game_sessions[session_id] = session
        self._seat(home.player_sessions, session, at, players)
        return session

    def _endpoint(self, fleet: Fleet, location: str) -> tuple[Optional[str], Optional[str], int]:
        """(IP address, DNS name, port) of a new game session. A custom location (GameLift
        Anywhere) has the host the test declared for it, or none; an EC2 location gets an
        address from the documentation ranges and its EC2 DNS name, or with TLS certificates
        a name of the form ``<unique id>.<region>.amazongamelift.com``."""
        n = next(self._endpoints)
        port = 1026 + n % 58975
        slot = fleet.locations[location]
        if slot.custom:
            return slot.ip_address, slot.dns_name, port
        ip = f"{_TEST_NETS[(n // 254) % 3]}.{n % 254 + 1}"
        if fleet.settings.tls:
            dns = f"{arns.random_uuid().replace('-', '')[:20]}.{location}.amazongamelift.com"
        else:
            compute = "compute-1" if location == "us-east-1" else f"{location}.compute"
            dns = f"ec2-{ip.replace('.', '-')}.{compute}.amazonaws.com"
        return ip, dns, port

    @staticmethod
    def _seat(
        index: dict[str, PlayerSession],
        session: GameSession,
        at: float,
        players: list[tuple[str, Optional[str]]],
    ) -> list[PlayerSession]:
        created = []
        for player, data in players:
            player_session = PlayerSession(f"psess-{arns.random_uuid()}", player, session, at, data)
            session.player_sessions.append(player_session)
            index[player_session.player_session_id] = player_session
            created.append(player_session)
        return created

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
        home = self.account(account_id).region(region)
        return self._seat(home.player_sessions, session, at, players)

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
        self.retry_pending(account_id, at, "game session terminated")
