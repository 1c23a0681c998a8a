"""SearchGameSessions: the ACTIVE game sessions of one fleet, filtered, sorted and paged."""

from __future__ import annotations

from typing import Any

from ..backend import clock
from ..backend.errors import invalid_request
from ..backend.sessions import ACTIVE, GameSession
from .context import Call
from .responses import game_session_view, page
from .search_expressions import PROPERTIES, Record, compile_filter, compile_sort

# "The maximum number of results returned is 20, even if this value is not set or is set
# higher than 20." (API reference)
MAX_RESULTS = 20


def _record(session: GameSession, now: float) -> Record:
    players = session.active_players(now)
    return {
        "session": session,
        "gameSessionId": session.game_session_id,
        "gameSessionName": session.name,
        "maximumSessions": session.max_players,
        "creationTimeMillis": round(session.created * 1000),
        "playerSessionCount": players,
        "hasAvailablePlayerSessions": players < session.max_players,
        PROPERTIES: {p["Key"]: p["Value"] for p in session.properties},
    }


def _ordinal(record: dict[str, Any]) -> int:
    ordinal: int = record["session"].ordinal
    return ordinal


def search_game_sessions(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    fleet_ref, alias_ref = params.get("FleetId"), params.get("AliasId")
    if fleet_ref is not None and alias_ref is not None:
        raise invalid_request("Specify either a FleetId or an AliasId, not both.")
    filter_text, sort_text = params.get("FilterExpression"), params.get("SortExpression")
    keep = None if filter_text is None else compile_filter(filter_text)
    order = None if sort_text is None else compile_sort(sort_text)
    if fleet_ref is not None:
        fleet = backend.fleets.fleet_by_ref(account, region, fleet_ref)
    elif alias_ref is not None:
        fleet = backend.fleets.alias_by_ref(account, region, alias_ref).routed_fleet()
    elif params.get("Location") is not None:
        raise invalid_request("Specify a FleetId or an AliasId: a Location is searched in a fleet.")
    else:
        raise invalid_request("Specify a FleetId or an AliasId to search.")
    location = params.get("Location")
    if location is not None and location not in fleet.locations:
        raise invalid_request(f"Fleet '{fleet.fleet_id}' has no location '{location}'.")
    now = clock.now()
    stored = backend.account(account).region(fleet.home_region).game_sessions.values()
    records = [
        _record(s, now)
        for s in stored
        if s.fleet is fleet and s.status == ACTIVE and (location is None or s.location == location)
    ]
    if keep is not None:
        records = [r for r in records if keep(r)]
    if order is not None:
        records = order(records)
    limit = min(params.get("Limit") or MAX_RESULTS, MAX_RESULTS)
    # Unsorted, records are in creation order: a token names the last one returned.
    rank = _ordinal if order is None else None
    response = page({**params, "Limit": limit}, "GameSessions", records, rank)
    response["GameSessions"] = [
        game_session_view(r["session"], now) for r in response["GameSessions"]
    ]
    return response
