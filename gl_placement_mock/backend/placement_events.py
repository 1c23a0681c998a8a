"""Placement events in the EventBridge format GameLift publishes."""

from __future__ import annotations

from typing import Any

from .arns import random_uuid
from .clock import iso_millis
from .placements import CANCELLED, FAILED, FULFILLED, TIMED_OUT, Placement

EVENT_TYPES = {
    FULFILLED: "PlacementFulfilled",
    CANCELLED: "PlacementCancelled",
    TIMED_OUT: "PlacementTimedOut",
    FAILED: "PlacementFailed",
}


def placement_event(placement: Placement) -> dict[str, Any]:
    """The event for a placement that has just reached a terminal status."""
    assert placement.end is not None
    queue = placement.queue
    end_time = iso_millis(placement.end)
    detail: dict[str, Any] = {
        "type": EVENT_TYPES[placement.status],
        "placementId": placement.placement_id,
        "startTime": iso_millis(placement.start),
        "endTime": end_time,
    }
    if queue.custom_event_data:
        detail["customEventData"] = queue.custom_event_data
    session = placement.game_session
    if placement.status == FULFILLED and session is not None:
        detail["port"] = str(session.port)
        detail["gameSessionArn"] = session.game_session_id
        if session.ip_address is not None:
            detail["ipAddress"] = session.ip_address
        if session.dns_name is not None:
            detail["dnsName"] = session.dns_name
        detail["gameSessionRegion"] = session.location
        detail["placedPlayerSessions"] = [
            {"playerId": player, "playerSessionId": psess}
            for player, psess in placement.placed_sessions
        ]
    return {
        "version": "0",
        "id": random_uuid(),
        "detail-type": "GameLift Queue Placement Event",
        "source": "aws.gamelift",
        "account": placement.account,
        "time": end_time[:19] + "Z",  # the envelope's time is endTime to the second
        "region": queue.region,
        "resources": [queue.arn],
        "detail": detail,
    }
