"""Game sessions and player sessions that fulfilled placements create."""

from __future__ import annotations

from typing import Optional

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


class GameSession:
    """A game session hosted in one location of a fleet."""

    __slots__ = (
        "alias_id",
        "created",
        "data",
        "dns_name",
        "fleet",
        "game_session_id",
        "ip_address",
        "location",
        "max_players",
        "name",
        "player_sessions",
        "port",
        "properties",
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
        endpoint: tuple[str, str, int],
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
