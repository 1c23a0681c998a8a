"""Placement events in the EventBridge format GameLift publishes."""

from __future__ import annotations

from typing import Any, Optional

from .arns import random_uuid_bytes, uuid_text
from .clock import iso_millis
from .placements import CANCELLED, FAILED, FULFILLED, TIMED_OUT, Placement
from .sessions import GameSession

EVENT_TYPES = {
    FULFILLED: "PlacementFulfilled",
    CANCELLED: "PlacementCancelled",
    TIMED_OUT: "PlacementTimedOut",
    FAILED: "PlacementFailed",
}


def placement_event_values(placement: Placement) -> tuple[Any, ...]:
    """What ``build_placement_event`` makes the event of a placement that has just reached a
    terminal status from, at any time later: the values of this moment (the event id drawn
    now)."""
    assert placement.end is not None
    queue = placement.queue
    status = placement.status
    session = placement.game_session if status == FULFILLED else None
    return (
        status,
        placement.placement_id,
        placement.start,
        placement.end,
        placement.account,
        queue.custom_event_data,
        queue.region,
        queue.arn,
        session,
        tuple(placement.placed_sessions) if session is not None else (),
        random_uuid_bytes(),
    )


def describe_placement_event(_status: str, placement_id: str, *values: Any) -> tuple[str, str]:
    """For log messages, from ``placement_event_values``: the placement, and whose event it is
    (never a sensitive value)."""
    arn = values[5]
    return f"placement {placement_id}", f"placement event of queue {arn}"


def build_placement_event(
    status: str,
    placement_id: str,
    start: float,
    end: float,
    account: str,
    custom_event_data: Optional[str],
    region: str,
    arn: str,
    session: Optional[GameSession],
    placed: tuple[tuple[str, str], ...],
    id_bytes: bytes,
) -> dict[str, Any]:
    """The event's envelope, from ``placement_event_values``."""
    end_time = iso_millis(end)
    detail: dict[str, Any] = {
        "type": EVENT_TYPES[status],
        "placementId": placement_id,
        "startTime": iso_millis(start),
        "endTime": end_time,
    }
    if custom_event_data:
        detail["customEventData"] = custom_event_data
    if session is not None:
        detail["port"] = str(session.port)
        detail["gameSessionArn"] = session.game_session_id
        if session.ip_address is not None:
            detail["ipAddress"] = session.ip_address
        if session.dns_name is not None:
            detail["dnsName"] = session.dns_name
        detail["gameSessionRegion"] = session.location
        detail["placedPlayerSessions"] = [
            {"playerId": player, "playerSessionId": psess} for player, psess in placed
        ]
    return {
        "version": "0",
        "id": uuid_text(id_bytes),
        "detail-type": "GameLift Queue Placement Event",
        "source": "aws.gamelift",
        "account": account,
        "time": end_time[:19] + "Z",  # the envelope's time is endTime to the second
        "region": region,
        "resources": [arn],
        "detail": detail,
    }
