"""Game session placements: one request to place a game session, and its status over time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .queues import Queue
    from .sessions import GameSession

PENDING = "PENDING"
FULFILLED = "FULFILLED"
CANCELLED = "CANCELLED"
TIMED_OUT = "TIMED_OUT"
FAILED = "FAILED"


class Placement:
    """A placement request. PENDING is the only status that moves; every other one is final."""

    __slots__ = (
        "account",
        "data",
        "deadline",
        "desired",
        "eligible",
        "eligible_from",
        "end",
        "game_session",
        "held",
        "latencies",
        "max_players",
        "name",
        "override",
        "placed_sessions",
        "placement_id",
        "properties",
        "queue",
        "region",
        "start",
        "status",
    )

    def __init__(
        self, placement_id: str, queue: Queue, start: float, params: dict[str, Any]
    ) -> None:
        self.placement_id = placement_id
        self.queue = queue
        self.account = queue.account
        self.region = queue.region
        self.status = PENDING
        self.start = start
        self.end: Optional[float] = None
        self.deadline = start + queue.timeout
        self.eligible_from = start
        self.eligible = False  # the clock has shown eligible_from (it may have gone back since)
        self.held = False
        self.max_players: int = params["MaximumPlayerSessionCount"]
        self.name: Optional[str] = params.get("GameSessionName")
        self.properties = [dict(p) for p in params.get("GameProperties") or ()]
        self.latencies = [dict(p) for p in params.get("PlayerLatencies") or ()]
        self.desired = [dict(p) for p in params.get("DesiredPlayerSessions") or ()]
        self.data: Optional[str] = params.get("GameSessionData")
        override = params.get("PriorityConfigurationOverride")
        self.override: Optional[dict[str, Any]] = (
            None
            if override is None
            else {k: list(v) if isinstance(v, list) else v for k, v in override.items()}
        )
        self.game_session: Optional[GameSession] = None
        self.placed_sessions: list[tuple[str, str]] = []  # (player id, player session id)

    def __repr__(self) -> str:
        # Player ids, player data, game session data and property values are sensitive.
        return (
            f"<Placement {self.placement_id} queue={self.queue.name} status={self.status} "
            f"region={self.region}>"
        )

    @property
    def queue_name(self) -> str:
        return self.queue.name

    def latency_table(self) -> dict[str, dict[str, float]]:
        """Player id -> {location: latency ms}, from the request's PlayerLatencies."""
        table: dict[str, dict[str, float]] = {}
        for entry in self.latencies:
            player = entry.get("PlayerId")
            location = entry.get("RegionIdentifier")
            latency = entry.get("LatencyInMilliseconds")
            if player is None or location is None or latency is None:
                continue
            table.setdefault(player, {})[location] = float(latency)
        return table
