"""Placement events in the EventBridge format GameLift publishes."""

from __future__ import annotations

from typing import Any, Callable

from .arns import random_uuid_bits, uuid_text
from .clock import iso_millis
from .placements import CANCELLED, FAILED, FULFILLED, TIMED_OUT, Placement

EVENT_TYPES = {
    FULFILLED: "PlacementFulfilled",
    CANCELLED: "PlacementCancelled",
    TIMED_OUT: "PlacementTimedOut",
    FAILED: "PlacementFailed",
}


def placement_event_later(placement: Placement) -> Callable[[], dict[str, Any]]:
    """What builds the event for a placement that has just reached a terminal status, when
    called at any time later: it keeps the values of this moment (the event id drawn now)."""
    assert placement.end is not None
    queue = placement.queue
    status = placement.status
    placement_id = placement.placement_id
    start = placement.start
    end = placement.end
    account = placement.account
    custom_event_data = queue.custom_event_data
    region = queue.region
    arn = queue.arn
    session = placement.game_session if status == FULFILLED else None
    placed = tuple(placement.placed_sessions) if session is not None else ()
    id_bits = random_uuid_bits()

    def build() -> dict[str, Any]:
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
            "id": uuid_text(id_bits),
            "detail-type": "GameLift Queue Placement Event",
            "source": "aws.gamelift",
            "account": account,
            "time": end_time[:19] + "Z",  # the envelope's time is endTime to the second
            "region": region,
            "resources": [arn],
            "detail": detail,
        }

    return build
