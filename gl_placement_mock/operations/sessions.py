"""DescribeGameSessions, DescribeGameSessionDetails, DescribePlayerSessions, CreatePlayerSession,
CreatePlayerSessions."""

from __future__ import annotations

from typing import Any, Union

from ..backend import clock
from ..backend.errors import invalid_request, not_found
from ..backend.sessions import (
    GAME_SESSION_STATUSES,
    PLAYER_SESSION_STATUSES,
    GameSession,
    PlayerSession,
)
from .context import Call
from .responses import game_session_view, player_session_view
from .responses import page as _page


def _ordinal(resource: Union[GameSession, PlayerSession]) -> int:
    return resource.ordinal


def _status_filter(value: Any, allowed: tuple[str, ...], name: str) -> Any:
    if value is not None and value not in allowed:
        raise invalid_request(f"{name} must be one of: {', '.join(allowed)}.")
    return value


def _find_game_sessions(call: Call, params: dict[str, Any]) -> list[GameSession]:
    backend, account, region = call.backend, call.account, call.region
    status = _status_filter(params.get("StatusFilter"), GAME_SESSION_STATUSES, "StatusFilter")
    if params.get("GameSessionId") is not None:
        sessions = [backend.sessions.game_session(account, region, params["GameSessionId"])]
    elif params.get("FleetId") is not None:
        fleet = backend.fleets.fleet_by_ref(account, region, params["FleetId"])
        stored = backend.account(account).region(region).game_sessions.values()
        sessions = [s for s in stored if s.fleet is fleet]
    elif params.get("AliasId") is not None:
        fleet = backend.fleets.alias_by_ref(account, region, params["AliasId"]).routed_fleet()
        stored = backend.account(account).region(region).game_sessions.values()
        sessions = [s for s in stored if s.fleet is fleet]
    else:
        raise invalid_request("Specify a GameSessionId, a FleetId or an AliasId.")
    location = params.get("Location")
    return [
        s
        for s in sessions
        if (location is None or s.location == location) and (status is None or s.status == status)
    ]


def describe_game_sessions(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    now = clock.now()
    sessions = _find_game_sessions(call, params)
    return _page(params, "GameSessions", sessions, _ordinal, lambda s: game_session_view(s, now))


def describe_game_session_details(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    now = clock.now()

    def detail(s: GameSession) -> dict[str, Any]:
        return {"GameSession": game_session_view(s, now), "ProtectionPolicy": s.protection_policy}

    return _page(params, "GameSessionDetails", _find_game_sessions(call, params), _ordinal, detail)


def describe_player_sessions(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    now = clock.now()
    status = _status_filter(
        params.get("PlayerSessionStatusFilter"),
        PLAYER_SESSION_STATUSES,
        "PlayerSessionStatusFilter",
    )
    stored = backend.account(account).region(region).player_sessions
    if params.get("PlayerSessionId") is not None:
        found = stored.get(params["PlayerSessionId"])
        if found is None:
            raise not_found(f"Player session '{params['PlayerSessionId']}' does not exist.")
        candidates = [found]
    elif params.get("GameSessionId") is not None:
        candidates = list(
            backend.sessions.game_session(account, region, params["GameSessionId"]).player_sessions
        )
        if params.get("PlayerId") is not None:
            candidates = [ps for ps in candidates if ps.player_id == params["PlayerId"]]
    elif params.get("PlayerId") is not None:
        candidates = [ps for ps in stored.values() if ps.player_id == params["PlayerId"]]
    else:
        raise invalid_request("Specify a PlayerSessionId, a GameSessionId or a PlayerId.")
    if params.get("PlayerSessionId") is not None or params.get("PlayerId") is not None:
        status = None  # "If you provide a specific PlayerSessionId or PlayerId, ... ignores
        # the filter criteria" (DescribePlayerSessions)
    listed = [ps for ps in candidates if status is None or ps.current_status(now) == status]
    return _page(
        params, "PlayerSessions", listed, _ordinal, lambda ps: player_session_view(ps, now)
    )


def create_player_session(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    created = backend.sessions.add_player_sessions(
        account, region, params["GameSessionId"], [(params["PlayerId"], params.get("PlayerData"))]
    )
    return {"PlayerSession": player_session_view(created[0], clock.now())}


def create_player_sessions(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    players = params["PlayerIds"]
    if len(set(players)) != len(players):
        raise invalid_request("PlayerIds lists the same player more than once.")
    data = params.get("PlayerDataMap") or {}
    created = backend.sessions.add_player_sessions(
        account, region, params["GameSessionId"], [(p, data.get(p)) for p in players]
    )
    now = clock.now()
    return {"PlayerSessions": [player_session_view(ps, now) for ps in created]}
