"""The control API: JSON endpoints under ``/_gl_placement_mock/`` that do what the mock's
handle does in Python, for tests written in any language."""

from __future__ import annotations

import json
import logging
import traceback
from typing import TYPE_CHECKING, Any, Callable

from ..errors import PlacementMockError
from ..mock import PlacementMock, SimulatedFleet

if TYPE_CHECKING:
    from .placement_server import PlacementServer

Body = dict[str, Any]
Action = Callable[["PlacementServer", PlacementMock, Body], Any]
_log = logging.getLogger("gl_placement_mock")


class ControlError(Exception):
    """A control request the server cannot carry out: answered with 400 and the reason."""


def _fields(body: Body, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> Body:
    unknown = sorted(set(body) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join(required + optional) or "none"
        raise ControlError(f"Unknown field(s) {', '.join(unknown)}; allowed: {allowed}.")
    missing = [name for name in required if name not in body]
    if missing:
        raise ControlError(f"Missing field(s): {', '.join(missing)}.")
    return body


def _fleet_json(fleet: SimulatedFleet) -> Body:
    return {
        "fleet_id": fleet.fleet_id,
        "arn": fleet.arn,
        "home_region": fleet.home_region,
        "locations": list(fleet.locations),
    }


def _reset(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body)
    server.reset()
    return {}


def _events(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    return {"events": mock.events}


def _transitions(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    return {"transitions": [t.record() for t in mock.transitions]}


def _timeline(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    return {"timeline": mock.timeline()}


def _add_fleet(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(
        body,
        ("region",),
        (
            "capacity",
            "locations",
            "costs",
            "fleet_id",
            "name",
            "instance_type",
            "compute_type",
            "tls",
            "hosts",
        ),
    )
    return _fleet_json(mock.add_fleet(body.pop("region"), **body))


def _add_alias(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, (), ("fleet", "alias_id", "name", "routing_strategy", "message", "region"))
    return {"arn": mock.add_alias(body.pop("fleet", None), **body)}


def _set_capacity(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, ("fleet", "capacity"), ("location",))
    mock.set_capacity(body.pop("fleet"), body.pop("capacity"), **body)
    return {}


def _terminate(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, ("game_session_id",))
    mock.terminate_game_session(body["game_session_id"])
    return {}


def _delay(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, ("seconds",), ("queue",))
    seconds = body.pop("seconds")
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        raise ControlError("seconds must be a number.")
    mock.set_fulfillment_delay(seconds, **body)
    return {}


def _hold(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    mock.hold_placements(**_fields(body, (), ("queue",)))
    return {}


def _release(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    mock.release_placements(**_fields(body, (), ("queue",)))
    return {}


def _fulfill(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, ("placement_id",))
    mock.fulfill_placement(body["placement_id"])
    return {}


def _fail(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, ("placement_id",))
    mock.fail_placement(body["placement_id"])
    return {}


def _fault_json(fault: Any) -> Body:
    return {
        "operation": fault.operation,
        "error_code": fault.error_code,
        "status": fault.status,
        "message": fault.message,
        "count": fault.count,
        "rate": fault.rate,
        "seed": fault.seed,
        "calls": fault.calls,
        "injected": fault.injected,
    }


def _faults(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    return {"faults": [_fault_json(f) for f in mock.faults]}


def _inject(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body, ("operation",), ("error_code", "count", "rate", "seed", "message"))
    return _fault_json(mock.inject_fault(body.pop("operation"), **body))


def _clear_faults(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body)
    mock.clear_faults()
    return {}


def _advance(server: PlacementServer, mock: PlacementMock, body: Body) -> Any:
    _fields(body)
    backend = server.backend
    try:
        backend.run(lambda: None)
    finally:
        server.deliver()
    return {"next_due": backend.next_due()}


ROUTES: dict[tuple[str, str], Action] = {
    ("POST", "reset"): _reset,
    ("GET", "events"): _events,
    ("GET", "transitions"): _transitions,
    ("GET", "timeline"): _timeline,
    ("POST", "fleets"): _add_fleet,
    ("POST", "aliases"): _add_alias,
    ("POST", "capacity"): _set_capacity,
    ("POST", "terminate-game-session"): _terminate,
    ("POST", "fulfillment-delay"): _delay,
    ("POST", "hold"): _hold,
    ("POST", "release"): _release,
    ("POST", "fulfill"): _fulfill,
    ("POST", "fail"): _fail,
    ("GET", "faults"): _faults,
    ("POST", "faults"): _inject,
    ("DELETE", "faults"): _clear_faults,
    ("POST", "advance"): _advance,
}


def handle_control(
    server: PlacementServer, method: str, route: str, raw: bytes
) -> tuple[int, Body]:
    """Carry out one control request; returns the HTTP status and the JSON document."""
    route = route.strip("/")
    action = ROUTES.get((method, route))
    if action is None:
        methods = sorted(m for m, r in ROUTES if r == route)
        if methods:
            return 405, {"error": f"{route} accepts {', '.join(methods)}, not {method}."}
        return 404, {"error": f"No control endpoint {route!r}; see docs/server-mode.md."}
    try:
        body = json.loads(raw) if raw.strip() else {}
    except (ValueError, UnicodeDecodeError) as error:
        return 400, {"error": f"The body is not valid JSON: {error}."}
    if not isinstance(body, dict):
        return 400, {"error": "The body must be a JSON object."}
    try:
        result = action(server, server.mock, body)
    except (ControlError, PlacementMockError, ValueError, TypeError) as error:
        return 400, {"error": str(error)}
    except Exception as error:  # our bug: answer JSON, log the frames, never the text
        _log.error(
            "gl_placement_mock control %s failed with %s (message withheld)\n%s",
            route,
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)).rstrip(),
        )
        return 500, {"error": f"gl_placement_mock internal error ({type(error).__name__})."}
    server.scheduler.poke()
    return 200, result
