"""CreateGameSession, UpdateGameSession, TerminateGameSession."""

from __future__ import annotations

from typing import Any, Optional

from ..backend import clock
from ..backend.errors import GameLiftError, invalid_request
from ..backend.fleets import ANYWHERE
from ..backend.sessions import ACTIVATING, ACTIVE, TERMINATING
from .context import Call
from .responses import game_session_view

# GameSessionStatusReason for each TerminationMode.
_STATUS_REASONS = {
    "TRIGGER_ON_PROCESS_TERMINATE": "TRIGGERED_ON_PROCESS_TERMINATE",
    "FORCE_TERMINATE": "FORCE_TERMINATED",
}


def create_game_session(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    fleet_ref, alias_ref = params.get("FleetId"), params.get("AliasId")
    if (fleet_ref is None) == (alias_ref is None):
        raise invalid_request(
            "Each request must reference either a fleet ID or an alias ID, but not both."
        )
    alias_id: Optional[str] = None
    if fleet_ref is not None:
        fleet = backend.fleets.fleet_by_ref(account, region, fleet_ref)
    else:
        alias = backend.fleets.alias_by_ref(account, region, str(alias_ref))
        fleet, alias_id = alias.routed_fleet(), alias.alias_id
    session = backend.sessions.create_game_session(account, fleet, alias_id, params)
    return {"GameSession": game_session_view(session, clock.now())}


def update_game_session(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    session = backend.sessions.game_session(account, region, params["GameSessionId"])
    backend.sessions.update_game_session(session, params)
    return {"GameSession": game_session_view(session, clock.now())}


def terminate_game_session(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    session = backend.sessions.game_session(account, region, params["GameSessionId"])
    if params["TerminationMode"] == "FORCE_TERMINATE" and (
        session.fleet.settings.compute_type == ANYWHERE
    ):
        # "This method is not available for game sessions that are running on Anywhere fleets
        # unless the fleet is deployed with the Amazon GameLift Servers Agent. In this scenario,
        # a force terminate request results in an invalid or bad request exception." The mock's
        # Anywhere fleets run no Agent.
        raise invalid_request(
            "FORCE_TERMINATE is not available for game sessions on Anywhere fleet "
            f"'{session.fleet.fleet_id}', which is not deployed with the Amazon GameLift "
            "Servers Agent; use TRIGGER_ON_PROCESS_TERMINATE."
        )
    if session.status not in (ACTIVE, ACTIVATING):
        raise GameLiftError(
            "InvalidGameSessionStatusException",
            f"Game session '{session.game_session_id}' is {session.status} and cannot be "
            "terminated.",
        )
    reason = _STATUS_REASONS.get(params["TerminationMode"])
    if reason is None:  # pragma: no cover - the model's enum check refuses any other mode
        raise invalid_request(f"Unknown TerminationMode '{params['TerminationMode']}'.")
    backend.sessions.terminate_game_session(account, session, reason)
    # The reference: "During this activity, the game session status is changed to
    # TERMINATING"; the mock completes it at once, so every later read says TERMINATED.
    view = game_session_view(session, clock.now())
    view["Status"] = TERMINATING
    view.pop("TerminationTime", None)
    return {"GameSession": view}
