"""Game session placements: one request to place a game session, and its status over time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional, Sequence

if TYPE_CHECKING:
    from .queues import Queue
    from .sessions import GameSession

PENDING = "PENDING"
FULFILLED = "FULFILLED"
CANCELLED = "CANCELLED"
TIMED_OUT = "TIMED_OUT"
FAILED = "FAILED"


class PlacementRequest(NamedTuple):
    """What StartGameSessionPlacement (or another resource family) asks to place. ``queue`` is
    the queue's name or ARN; every list and mapping is the request's own (not shared): the
    placement keeps it; an absent list (None) is none (the placement holds an empty tuple).
    ``matchmaker_data``: MatchmakerData, when another family (matchmaking) places a match,
    shown on the placement and given to its game session.

    (A named tuple: made in C, where the one call that makes one per call says
    ``tuple.__new__(PlacementRequest, values)``; a dataclass would cost a millisecond of the
    package's import time.)"""

    placement_id: str
    queue: str
    max_players: int
    name: Optional[str] = None
    properties: Optional[list[dict[str, str]]] = None
    latencies: Optional[list[dict[str, Any]]] = None
    desired: Optional[list[dict[str, Any]]] = None
    data: Optional[str] = None
    matchmaker_data: Optional[str] = None
    override: Optional[dict[str, Any]] = None

    def __repr__(self) -> str:
        # Player ids, player data, game session data and property values are sensitive.
        return f"<PlacementRequest {self.placement_id} queue={self.queue}>"


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
        "listener",
        "matchmaker_data",
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
        "view_length",
    )

    def __init__(self, request: PlacementRequest, queue: Queue, start: float) -> None:
        self.placement_id = request.placement_id
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
        self.max_players = request.max_players
        self.name = request.name
        # The request's own lists; an absent one is an empty tuple (most requests give none).
        self.properties: Sequence[dict[str, str]] = request.properties or ()
        self.latencies: Sequence[dict[str, Any]] = request.latencies or ()
        self.desired: Sequence[dict[str, Any]] = request.desired or ()
        self.data = request.data
        self.matchmaker_data = request.matchmaker_data
        self.override = request.override
        # Told when the placement finishes, on top of the store's listeners (see PlacementStore).
        self.listener: Optional[Callable[[Placement], None]] = None
        self.game_session: Optional[GameSession] = None
        # (player id, player session id) of each player placed; none (an empty tuple, not a
        # list of its own: most placements never hold one) until FULFILLED.
        self.placed_sessions: Sequence[tuple[str, str]] = ()
        # The length of its view's JSON less Status and EndTime, once counted (by operations).
        self.view_length: Optional[int] = None

    def __repr__(self) -> str:
        # Player ids, player data, game session data and property values are sensitive.
        return (
            f"<Placement {self.placement_id} queue={self.queue.name} status={self.status} "
            f"region={self.region}>"
        )

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
