"""The control API: JSON endpoints under ``/_gl_placement_mock/`` that do what the handle's
steering methods do in Python, for tests written in any language.

Each endpoint is generated from a method of :class:`~gl_placement_mock.steering.Steering`: its
JSON fields are the method's parameters, type-checked from its type hints (``json_types``).
:data:`STEERING_ROUTES` says which endpoint calls which method and how its result is answered;
:data:`NOT_ROUTED` says why a public steering method has no endpoint. A test checks that every
public method is in one or the other, so no endpoint is a hand-written twin of a method."""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from ..errors import PlacementMockError
from ..steering import SimulatedFleet, Steering
from .json_types import ControlError, Fields, check_fields, fields_of, parse_body

if TYPE_CHECKING:
    from .placement_server import PlacementServer

__all__ = ["NOT_ROUTED", "ROUTES", "STEERING_ROUTES", "ControlError", "handle_control"]

Body = dict[str, Any]
Action = Callable[["PlacementServer", Steering, Body], Any]
_log = logging.getLogger("gl_placement_mock")


def _empty(_result: Any) -> Body:
    return {}


def _fleet_json(fleet: SimulatedFleet) -> Body:
    return {**fleet._asdict(), "locations": list(fleet.locations)}


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


class Route(NamedTuple):
    """A control endpoint calling the steering method (or reading the property) ``name``, its
    result answered as ``answer(result)``."""

    name: str
    answer: Callable[[Any], Body] = _empty


STEERING_ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "events"): Route("events", lambda events: {"events": events}),
    ("GET", "transitions"): Route(
        "transitions", lambda found: {"transitions": [t.record() for t in found]}
    ),
    ("GET", "timeline"): Route("timeline", lambda text: {"timeline": text}),
    ("POST", "fleets"): Route("add_fleet", _fleet_json),
    ("POST", "aliases"): Route("add_alias", lambda arn: {"arn": arn}),
    ("POST", "capacity"): Route("set_capacity"),
    ("POST", "terminate-game-session"): Route("terminate_game_session"),
    ("POST", "fulfillment-delay"): Route("set_fulfillment_delay"),
    ("POST", "activation-delay"): Route("set_activation_delay"),
    ("POST", "hold"): Route("hold_placements"),
    ("POST", "release"): Route("release_placements"),
    ("POST", "hold-matchmaking"): Route("hold_matchmaking"),
    ("POST", "release-matchmaking"): Route("release_matchmaking"),
    ("POST", "matchmaking-delay"): Route("set_matchmaking_delay"),
    ("POST", "fulfill"): Route("fulfill_placement"),
    ("POST", "fail"): Route("fail_placement"),
    ("GET", "faults"): Route("faults", lambda found: {"faults": [_fault_json(f) for f in found]}),
    ("POST", "faults"): Route("inject_fault", _fault_json),
    ("DELETE", "faults"): Route("clear_faults"),
}

# Public steering methods with no endpoint, and why.
NOT_ROUTED: dict[str, str] = {
    "account_id": "fixed when the server is made (serve --account-id)",
    "advance": "POST advance, which also answers the next due time",
    "subscribe": "a Python callable cannot cross HTTP; poll GET events",
    "event_inbox": "a Python object; poll GET events",
    "calls": "recorded calls hold Python objects; read them from server.mock",
    "calls_to": "recorded calls hold Python objects; read them from server.mock",
    "callback_errors": "exceptions of Python subscribers; read them from server.mock",
}


def _steering_action(route: Route) -> Action:
    attribute = getattr(Steering, route.name)
    if isinstance(attribute, property):

        def read(server: PlacementServer, mock: Steering, body: Body) -> Any:
            check_fields(body, Fields((), (), {}))
            return route.answer(getattr(mock, route.name))

        return read
    fields = fields_of(attribute)

    def steer(server: PlacementServer, mock: Steering, body: Body) -> Any:
        return route.answer(getattr(mock, route.name)(**check_fields(body, fields)))

    return steer


def _reset(server: PlacementServer, mock: Steering, body: Body) -> Any:
    check_fields(body, Fields((), (), {}))
    server.reset()
    return {}


def _advance(server: PlacementServer, mock: Steering, body: Body) -> Any:
    check_fields(body, Fields((), (), {}))
    mock.advance()
    return {"next_due": server.backend.next_due()}


ROUTES: dict[tuple[str, str], Action] = {
    ("POST", "reset"): _reset,
    ("POST", "advance"): _advance,
    **{key: _steering_action(route) for key, route in STEERING_ROUTES.items()},
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
        result = action(server, server.mock, parse_body(raw))
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
    server.ticker.poke()
    return 200, result
