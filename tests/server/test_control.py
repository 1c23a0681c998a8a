"""The control API: the handle's steering and inspection as JSON over HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gl_placement_mock.server import PlacementServer
from gl_placement_mock.server.control import ROUTES

from .conftest import control, http


def _start(client: Any, placement_id: str, queue: str = "q") -> str:
    placement = client.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=2
    )
    return str(placement["GameSessionPlacement"]["Status"])


def _status(client: Any, placement_id: str) -> str:
    answer = client.describe_game_session_placement(PlacementId=placement_id)
    return str(answer["GameSessionPlacement"]["Status"])


@pytest.fixture
def fleet(server: PlacementServer, client: Any) -> dict[str, Any]:
    status, fleet = control(server, "POST", "fleets", {"region": "us-west-2", "capacity": 1})
    assert status == 200
    client.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet["arn"]}])
    return fleet


def test_declare_a_fleet_with_locations(server: PlacementServer) -> None:
    status, fleet = control(
        server,
        "POST",
        "fleets",
        {
            "region": "us-west-2",
            "capacity": 2,
            "locations": {"us-east-1": 1},
            "costs": {"us-east-1": 0.5},
            "fleet_id": "fleet-11111111-2222-3333-4444-555555555555",
            "name": "main-fleet",
        },
    )
    assert status == 200
    assert fleet == {
        "fleet_id": "fleet-11111111-2222-3333-4444-555555555555",
        "arn": "arn:aws:gamelift:us-west-2:123456789012:fleet/"
        "fleet-11111111-2222-3333-4444-555555555555",
        "home_region": "us-west-2",
        "locations": ["us-west-2", "us-east-1"],
    }


def test_declare_fleets_running_a_build_or_a_script(server: PlacementServer, client: Any) -> None:
    build, script = "build-1111aaaa-22bb-33cc-44dd-5555eeee66ff", "script-1"
    _, built = control(server, "POST", "fleets", {"region": "us-west-2", "build_id": build})
    _, scripted = control(server, "POST", "fleets", {"region": "us-west-2", "script_id": script})
    assert client.list_fleets(BuildId=build)["FleetIds"] == [built["fleet_id"]]
    assert client.describe_script(ScriptId=script)["Script"]["ScriptId"] == script
    attributes = client.describe_fleet_attributes(FleetIds=[scripted["fleet_id"]])
    assert attributes["FleetAttributes"][0]["ScriptId"] == script


def test_set_capacity_and_terminate_a_game_session(
    server: PlacementServer, client: Any, fleet: dict[str, Any]
) -> None:
    assert _start(client, "p-1") == "PENDING"
    assert _status(client, "p-1") == "FULFILLED"
    _start(client, "p-2")
    assert _status(client, "p-2") == "PENDING"
    session = client.describe_game_sessions(FleetId=fleet["fleet_id"])["GameSessions"][0]
    assert control(
        server, "POST", "terminate-game-session", {"game_session_id": session["GameSessionId"]}
    ) == (200, {})
    assert _status(client, "p-2") == "FULFILLED"
    _start(client, "p-3")
    assert control(server, "POST", "capacity", {"fleet": fleet["arn"], "capacity": 2}) == (200, {})
    assert _status(client, "p-3") == "FULFILLED"


def test_add_an_alias(server: PlacementServer, fleet: dict[str, Any]) -> None:
    status, alias = control(
        server,
        "POST",
        "aliases",
        {"fleet": fleet["fleet_id"], "alias_id": "alias-11111111-2222-3333-4444-555555555555"},
    )
    assert (status, alias) == (
        200,
        {"arn": "arn:aws:gamelift:us-west-2::alias/alias-11111111-2222-3333-4444-555555555555"},
    )


def test_add_a_terminal_alias(server: PlacementServer) -> None:
    status, alias = control(
        server,
        "POST",
        "aliases",
        {
            "routing_strategy": "TERMINAL",
            "region": "us-west-2",
            "message": "Closed for maintenance.",
            "alias_id": "alias-22222222-2222-3333-4444-555555555555",
        },
    )
    assert (status, alias) == (
        200,
        {"arn": "arn:aws:gamelift:us-west-2::alias/alias-22222222-2222-3333-4444-555555555555"},
    )


def test_hold_then_release(server: PlacementServer, client: Any, fleet: dict[str, Any]) -> None:
    assert control(server, "POST", "hold", {"queue": "q"}) == (200, {})
    _start(client, "p-1")
    assert _status(client, "p-1") == "PENDING"
    assert control(server, "POST", "release", {}) == (200, {})
    assert _status(client, "p-1") == "FULFILLED"


def test_fulfill_and_fail_held_placements(
    server: PlacementServer, client: Any, fleet: dict[str, Any]
) -> None:
    control(server, "POST", "hold", {})
    _start(client, "p-1")
    _start(client, "p-2")
    assert control(server, "POST", "fulfill", {"placement_id": "p-1"}) == (200, {})
    assert control(server, "POST", "fail", {"placement_id": "p-2"}) == (200, {})
    assert (_status(client, "p-1"), _status(client, "p-2")) == ("FULFILLED", "FAILED")
    assert control(server, "POST", "fail", {"placement_id": "p-2"}) == (
        400,
        {"error": "Placement 'p-2' is FAILED; only PENDING ones can move."},
    )


def test_a_fulfillment_delay(server: PlacementServer, client: Any, fleet: dict[str, Any]) -> None:
    assert control(server, "POST", "fulfillment-delay", {"seconds": 3600}) == (200, {})
    _start(client, "p-1")
    assert _status(client, "p-1") == "PENDING"
    assert control(server, "POST", "fulfillment-delay", {"seconds": "soon"}) == (
        400,
        {"error": "seconds must be a number."},
    )


def test_an_activation_delay(server: PlacementServer, client: Any, fleet: dict[str, Any]) -> None:
    assert control(server, "POST", "activation-delay", {"seconds": 3600}) == (200, {})
    created = client.create_game_session(FleetId=fleet["fleet_id"], MaximumPlayerSessionCount=2)
    game_session_id = created["GameSession"]["GameSessionId"]
    described = client.describe_game_sessions(GameSessionId=game_session_id)
    assert described["GameSessions"][0]["Status"] == "ACTIVATING"
    assert control(server, "POST", "activation-delay", {"seconds": "soon"}) == (
        400,
        {"error": "seconds must be a number."},
    )


def test_inject_list_and_clear_faults(server: PlacementServer, client: Any) -> None:
    status, fault = control(
        server,
        "POST",
        "faults",
        {"operation": "DescribeGameSessionQueues", "error_code": "InternalFailure", "count": 5},
    )
    assert status == 200
    assert fault == {
        "operation": "DescribeGameSessionQueues",
        "error_code": "InternalFailure",
        "status": 500,
        "message": "InternalFailure injected by gl_placement_mock.",
        "count": 5,
        "rate": None,
        "seed": 0,
        "calls": 0,
        "injected": 0,
    }
    status, answer = control(server, "GET", "faults")
    assert [f["operation"] for f in answer["faults"]] == ["DescribeGameSessionQueues"]
    assert control(server, "DELETE", "faults") == (200, {})
    assert control(server, "GET", "faults") == (200, {"faults": []})
    assert client.describe_game_session_queues()["GameSessionQueues"] == []


def test_a_fault_the_operation_cannot_answer_with_is_refused(server: PlacementServer) -> None:
    status, answer = control(
        server, "POST", "faults", {"operation": "Nope", "error_code": "ThrottlingException"}
    )
    assert status == 400
    assert answer["error"].startswith("Cannot inject faults into 'Nope': name an operation")


def test_events_transitions_and_timeline(
    server: PlacementServer, client: Any, fleet: dict[str, Any]
) -> None:
    _start(client, "p-1")
    _status(client, "p-1")
    status, events = control(server, "GET", "events")
    assert status == 200
    assert [e["detail"]["type"] for e in events["events"]] == ["PlacementFulfilled"]
    status, transitions = control(server, "GET", "transitions")
    assert [(t["placement_id"], t["status"]) for t in transitions["transitions"]] == [
        ("p-1", "PENDING"),
        ("p-1", "FULFILLED"),
    ]
    assert set(transitions["transitions"][0]) == {
        "time",
        "placement_id",
        "queue",
        "region",
        "status",
        "location",
        "reason",
    }
    status, timeline = control(server, "GET", "timeline")
    assert timeline["timeline"] == server.mock.timeline()
    assert "p-1  FULFILLED  queue=q (us-west-2) in us-west-2: placed" in timeline["timeline"]


def test_advance_applies_what_is_due(server: PlacementServer, client: Any) -> None:
    client.create_game_session_queue(Name="q", TimeoutInSeconds=600)
    _start(client, "p-1")
    status, answer = control(server, "POST", "advance")
    assert status == 200
    started = server.mock.transitions[0].time
    assert answer == {"next_due": started + 600}


def test_reset_forgets_everything(
    server: PlacementServer, client: Any, fleet: dict[str, Any]
) -> None:
    _start(client, "p-1")
    control(server, "POST", "faults", {"operation": "*", "count": 1000})
    assert control(server, "POST", "reset") == (200, {})
    assert client.describe_game_session_queues()["GameSessionQueues"] == []
    assert control(server, "GET", "events") == (200, {"events": []})
    assert control(server, "GET", "faults") == (200, {"faults": []})


@pytest.mark.parametrize(
    ("method", "route", "body", "status", "error"),
    [
        ("POST", "nope", b"", 404, "No control endpoint 'nope'; see docs/server-mode.md."),
        ("GET", "fleets", b"", 405, "fleets accepts POST, not GET."),
        ("POST", "hold", b"{nope", 400, "The body is not valid JSON: "),
        ("POST", "hold", b"[]", 400, "The body must be a JSON object."),
        ("POST", "hold", b'{"queues": "q"}', 400, "Unknown field(s) queues; allowed: queue."),
        ("POST", "fail", b"{}", 400, "Missing field(s): placement_id."),
        ("POST", "fail", b'{"placement_id": "p-9"}', 400, "No placement 'p-9'."),
    ],
)
def test_a_bad_control_request_gets_400_404_or_405_and_a_reason(
    server: PlacementServer, method: str, route: str, body: bytes, status: int, error: str
) -> None:
    answered, headers, payload = http(
        server,
        method,
        f"/_gl_placement_mock/{route}",
        body or None,
        {"Content-Type": "application/json"},
    )
    assert answered == status
    assert headers["content-type"] == "application/json"
    assert json.loads(payload)["error"].startswith(error)


def test_a_failure_inside_the_control_api_answers_500_in_json(
    server: PlacementServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    sensitive = "-".join(["player", "data"])

    def broken(*_args: Any) -> Any:
        raise KeyError(sensitive)

    monkeypatch.setitem(ROUTES, ("GET", "events"), broken)
    assert control(server, "GET", "events") == (
        500,
        {"error": "gl_placement_mock internal error (KeyError)."},
    )
    assert "player-data" not in caplog.text
    assert "failed with KeyError" in caplog.text
