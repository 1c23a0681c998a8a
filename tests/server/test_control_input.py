"""The control API is generated from the steering methods, and malformed control input gets a
400 with a JSON reason, never a 500."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest

from gl_placement_mock import PlacementMock
from gl_placement_mock.server import PlacementServer, ServerMock
from gl_placement_mock.server.control import NOT_ROUTED, STEERING_ROUTES
from gl_placement_mock.steering import Steering

from .conftest import http

JSON = {"Content-Type": "application/json"}


def test_every_public_steering_method_has_an_endpoint_or_a_reason() -> None:
    public = {name for name in dir(Steering) if not name.startswith("_")}
    routed = {route.name for route in STEERING_ROUTES.values()}
    assert routed <= public
    assert public == routed | set(NOT_ROUTED)
    assert not routed & set(NOT_ROUTED)


def test_the_in_process_handle_and_the_servers_share_one_steering_object() -> None:
    assert issubclass(PlacementMock, Steering)
    assert issubclass(ServerMock, Steering)
    assert not issubclass(ServerMock, PlacementMock)  # no start, stop or decorating to break
    for name in ("start", "stop", "__enter__", "__call__"):
        assert name not in dir(ServerMock)
    for name in dir(Steering):
        if not name.startswith("_") and name != "account_id":
            assert inspect.getattr_static(ServerMock, name) is inspect.getattr_static(
                Steering, name
            ), name


def _post(server: PlacementServer, route: str, body: bytes) -> tuple[int, dict[str, Any]]:
    status, headers, payload = http(server, "POST", f"/_gl_placement_mock/{route}", body, JSON)
    assert headers["content-type"] == "application/json"
    return status, json.loads(payload)


@pytest.mark.parametrize(
    ("route", "document", "error"),
    [
        ("capacity", {"fleet": 5, "capacity": 1}, "fleet must be a string."),
        ("capacity", {"fleet": "fleet-1", "capacity": "1"}, "capacity must be an integer or null."),
        (
            "capacity",
            {"fleet": "fleet-1", "capacity": 1, "location": 3},
            "location must be a string or null.",
        ),
        ("fleets", {"region": 5}, "region must be a string."),
        (
            "fleets",
            {"region": "us-west-2", "costs": [1]},
            "costs must be an object whose values are a number or null.",
        ),
        (
            "fleets",
            {"region": "us-west-2", "locations": "eu-west-1"},
            "locations must be an object whose values are an integer or null or null.",
        ),
        (
            "fleets",
            {"region": "us-west-2", "hosts": {"custom-x": "10.0.0.1"}},
            "hosts must be an object whose values are an object whose values are a string or null.",
        ),
        ("fleets", {"region": "us-west-2", "tls": "yes"}, "tls must be true or false."),
        ("aliases", {"fleet": ["fleet-1"]}, "fleet must be a string or null."),
        ("terminate-game-session", {"game_session_id": {}}, "game_session_id must be a string."),
        ("fulfill", {"placement_id": 1}, "placement_id must be a string."),
        ("fail", {"placement_id": None}, "placement_id must be a string."),
        ("hold", {"queue": 1}, "queue must be a string or null."),
        ("release", {"queue": True}, "queue must be a string or null."),
        ("fulfillment-delay", {"seconds": [1]}, "seconds must be a number."),
        ("faults", {"operation": "*", "count": "2"}, "count must be an integer or null."),
        ("faults", {"operation": "*", "seed": 1.5}, "seed must be an integer."),
        ("faults", {"operation": 7}, "operation must be a string."),
    ],
)
def test_a_wrongly_typed_field_gets_400_naming_it_and_its_type(
    server: PlacementServer, route: str, document: dict[str, Any], error: str
) -> None:
    """35 wrongly typed control requests got 500 AttributeError."""
    assert _post(server, route, json.dumps(document).encode()) == (400, {"error": error})


@pytest.mark.parametrize("depth", [33, 3000, 100_000])
def test_deep_nesting_gets_400_json(server: PlacementServer, depth: int) -> None:
    """Deep nesting got an HTML 500 with a traceback."""
    body = b'{"queue": ' + b"[" * depth + b"]" * depth + b"}"
    assert _post(server, "hold", body) == (400, {"error": "The body is nested more than 32 deep."})


def test_nesting_inside_strings_does_not_count(server: PlacementServer) -> None:
    body = json.dumps({"placement_id": "[" * 100 + '"{'}).encode()
    assert _post(server, "fail", body)[1]["error"].startswith("No placement")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_only_utf8_json_is_read(server: PlacementServer, encoding: str) -> None:
    """UTF-16 JSON was accepted."""
    body = json.dumps({"queue": "q"}).encode(encoding)
    status, answer = _post(server, "hold", body)
    assert status == 400
    assert answer["error"] in (
        "The body must be JSON encoded as UTF-8.",
        "The body is not valid JSON: Expecting value: line 1 column 1 (char 0).",
    )
    assert server.backend.placements.held_queues == set()
