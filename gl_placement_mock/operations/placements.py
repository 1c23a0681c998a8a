"""StartGameSessionPlacement, StopGameSessionPlacement, DescribeGameSessionPlacement."""

from __future__ import annotations

from typing import Any

from ..backend.errors import invalid_request
from ..backend.placements import PlacementRequest
from .context import Call
from .responses import placement_view


def _check_request(params: dict[str, Any]) -> None:
    """Rules about the request itself, checked before any state is read."""
    override = params.get("PriorityConfigurationOverride")
    if params.get("PlayerLatencies") and override is not None:
        raise invalid_request(
            "PlayerLatencies and PriorityConfigurationOverride cannot be used in the same request."
        )
    if override is not None:
        seen: set[str] = set()
        for location in override.get("LocationOrder") or ():
            if location in seen:
                raise invalid_request(
                    f"Location '{location}' is listed more than once in "
                    "PriorityConfigurationOverride.LocationOrder; each location can be listed "
                    "only once."
                )
            seen.add(location)
    desired = params.get("DesiredPlayerSessions") or ()
    maximum = params["MaximumPlayerSessionCount"]
    if len(desired) > maximum:
        raise invalid_request(
            f"DesiredPlayerSessions lists {len(desired)} players, more than "
            f"MaximumPlayerSessionCount ({maximum})."
        )
    players: set[str] = set()
    for entry in desired:
        player = entry.get("PlayerId")
        if player is None:
            raise invalid_request("Every entry in DesiredPlayerSessions needs a PlayerId.")
        if player in players:
            raise invalid_request("DesiredPlayerSessions lists the same PlayerId more than once.")
        players.add(player)


def _request(params: dict[str, Any]) -> PlacementRequest:
    """The placement request in StartGameSessionPlacement's parameters (copied: the backend
    keeps it)."""
    override = params.get("PriorityConfigurationOverride")
    properties = params.get("GameProperties")
    latencies = params.get("PlayerLatencies")
    desired = params.get("DesiredPlayerSessions")
    return PlacementRequest(
        placement_id=params["PlacementId"],
        queue=params["GameSessionQueueName"],
        max_players=params["MaximumPlayerSessionCount"],
        name=params.get("GameSessionName"),
        properties=list(map(dict, properties)) if properties else [],
        latencies=list(map(dict, latencies)) if latencies else [],
        desired=list(map(dict, desired)) if desired else [],
        data=params.get("GameSessionData"),
        override=None
        if override is None
        else {k: list(v) if isinstance(v, list) else v for k, v in override.items()},
    )


def start_game_session_placement(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    _check_request(params)
    placement = call.backend.placements.start(call.account, call.region, _request(params))
    return {"GameSessionPlacement": placement_view(placement)}


def stop_game_session_placement(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    placement = call.backend.placements.stop(call.account, call.region, params["PlacementId"])
    return {"GameSessionPlacement": placement_view(placement)}


def describe_game_session_placement(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    placement = call.backend.placements.get(call.account, call.region, params["PlacementId"])
    return {"GameSessionPlacement": placement_view(placement)}
