"""The server is for the local test only: Host, Content-Type and token checks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from gl_placement_mock import PlacementMockError
from gl_placement_mock.server import PlacementServer

from .conftest import gamelift_headers, http

QUEUE = json.dumps({"Name": "q"}).encode()
TOKEN_HEADER = "X-Gl-Placement-Mock-Token"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:5050", "127.0.0.1.nip.io", ""])
def test_a_request_naming_another_host_is_refused_on_loopback(
    server: PlacementServer, host: str
) -> None:
    """A page rebinding its DNS name to 127.0.0.1 could read events and reset the server."""
    status, _headers, body = http(
        server, "GET", "/_gl_placement_mock/events", headers={"Host": host}
    )
    assert status == 403
    assert json.loads(body)["error"].startswith(f"Host {host.split(':')[0]!r} is not a loopback")
    headers = {**gamelift_headers("CreateGameSessionQueue"), "Host": host}
    status, _headers, body = http(server, "POST", "/", QUEUE, headers)
    assert status == 403
    assert json.loads(body)["__type"] == "AccessDeniedException"
    assert server.mock.calls == []
    for name in ("localhost", "127.0.0.1", "[::1]"):  # loopback names, with or without port
        for loopback in (name, f"{name}:{server.port}"):
            headers = {"Host": loopback}
            status, _headers, body = http(
                server, "GET", "/_gl_placement_mock/events", headers=headers
            )
            assert (status, json.loads(body)) == (200, {"events": []})


def test_allow_hosts_adds_names() -> None:
    with PlacementServer(port=0, allow_hosts=["gamelift.test"]) as server:
        headers = {"Host": f"gamelift.test:{server.port}"}
        status, _headers, _body = http(server, "GET", "/_gl_placement_mock/events", headers=headers)
        assert status == 200
        headers = {"Host": "other.test"}
        status, _headers, _body = http(server, "GET", "/_gl_placement_mock/events", headers=headers)
        assert status == 403


def test_on_another_interface_any_host_is_answered_and_stderr_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with PlacementServer(host="0.0.0.0", port=0) as server:
        url = f"http://127.0.0.1:{server.port}"
        assert "serving on 0.0.0.0, not loopback" in capsys.readouterr().err
        import urllib.request

        request = urllib.request.Request(
            url + "/_gl_placement_mock/events", headers={"Host": "anything.example"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_state_changing_control_request_needs_json_content_type(
    server: PlacementServer, content_type: str
) -> None:
    """A cross-site text/plain POST injected a fault on every operation and reset the server."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    body = json.dumps({"operation": "*"}).encode()
    status, _headers, answer = http(server, "POST", "/_gl_placement_mock/faults", body, headers)
    assert status == 415
    assert json.loads(answer)["error"].startswith(
        "A control request that changes state needs Content-Type: application/json"
    )
    assert server.mock.faults == []
    status, _headers, _answer = http(server, "POST", "/_gl_placement_mock/reset", b"", headers)
    assert status == 415
    preflight = {
        "Origin": "http://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    status, answer_headers, _body = http(
        server, "OPTIONS", "/_gl_placement_mock/faults", None, preflight
    )
    assert status >= 400  # no preflight answered, so a page cannot send the JSON type
    assert not [name for name in answer_headers if name.startswith("access-control-")]
    headers = {"Content-Type": "application/json; charset=utf-8"}
    status, _headers, _answer = http(server, "POST", "/_gl_placement_mock/faults", body, headers)
    assert status == 200


@pytest.fixture
def guarded() -> Iterator[PlacementServer]:
    with PlacementServer(port=0, token="s3cret") as server:
        yield server


def test_a_token_guards_the_control_api(guarded: PlacementServer) -> None:
    status, _headers, body = http(guarded, "GET", "/_gl_placement_mock/events")
    assert status == 403
    assert json.loads(body) == {
        "error": f"This server needs its token in the {TOKEN_HEADER} header."
    }
    headers = {TOKEN_HEADER: "wrong"}
    assert http(guarded, "GET", "/_gl_placement_mock/events", headers=headers)[0] == 403
    headers = {TOKEN_HEADER: "s3cret"}
    assert http(guarded, "GET", "/_gl_placement_mock/events", headers=headers)[0] == 200
    # the wire is open unless asked
    assert http(guarded, "POST", "/", QUEUE, gamelift_headers("CreateGameSessionQueue"))[0] == 200


def test_a_token_guards_the_wire_if_asked() -> None:
    with PlacementServer(port=0, token="s3cret", token_for_wire=True) as server:
        status, _headers, body = http(
            server, "POST", "/", QUEUE, gamelift_headers("CreateGameSessionQueue")
        )
        assert status == 403
        assert json.loads(body)["__type"] == "AccessDeniedException"
        assert server.mock.calls == []
        headers = {**gamelift_headers("CreateGameSessionQueue"), TOKEN_HEADER: "s3cret"}
        assert http(server, "POST", "/", QUEUE, headers)[0] == 200


@pytest.mark.parametrize("host", ["", "   "])
def test_an_empty_host_is_refused(host: str) -> None:
    """--host "" bound every interface and printed http://:35387."""
    with pytest.raises(ValueError, match="host must be the address to bind"):
        PlacementServer(host=host)
    result = subprocess.run(
        [sys.executable, "-m", "gl_placement_mock", "serve", "--host", host, "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "argument --host: must be the address to bind" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("--max-calls", "-1", "argument --max-calls: must be a whole number, 0 for no limit"),
        ("--max-calls", "many", "argument --max-calls: must be a whole number, 0 for no limit"),
        ("--idle-timeout", "0", "argument --idle-timeout: must be a positive number of seconds"),
        ("--idle-timeout", "nan", "argument --idle-timeout: must be a positive number of seconds"),
        ("--idle-timeout", "soon", "argument --idle-timeout: must be a positive number of seconds"),
    ],
)
def test_serve_refuses_bad_limits_naming_the_option(option: str, value: str, error: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gl_placement_mock", "serve", option, value],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert error in result.stderr


def test_serve_takes_a_token_allowed_hosts_and_limits() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gl_placement_mock",
            "serve",
            "--port",
            "0",
            "--token",
            "t0k",
            "--allow-host",
            "gamelift.test",
            "--max-calls",
            "5",
            "--idle-timeout",
            "5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().rstrip("\n")
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            url + "/_gl_placement_mock/events", headers={"Host": "gamelift.test"}
        )
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            urllib.request.urlopen(request, timeout=10)
        excinfo.value.close()
        assert excinfo.value.code == 403
        request.add_header(TOKEN_HEADER, "t0k")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert process.returncode == 0


def test_serve_refuses_token_for_wire_without_a_token() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gl_placement_mock", "serve", "--port", "0", "--token-for-wire"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "error: token_for_wire=True needs a token.\n"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"allow_hosts": [""]}, "allow_hosts must be host names"),
        ({"allow_hosts": [7]}, "allow_hosts must be host names"),
        ({"token": ""}, "token must be a non-empty string or None"),
        ({"token_for_wire": True}, "token_for_wire=True needs a token."),
        ({"idle_timeout": 0}, "idle_timeout must be a positive number of seconds"),
        ({"idle_timeout": True}, "idle_timeout must be a positive number of seconds"),
        ({"idle_timeout": float("inf")}, "idle_timeout must be a positive number of seconds"),
        ({"port": True}, "port must be a whole number from 0 to 65535, got True."),
        ({"port": 70000}, "port must be a whole number from 0 to 65535, got 70000."),
        ({"max_body_bytes": 0}, "max_body_bytes must be a positive whole number, got 0."),
        ({"account_id": "1234"}, "account_id must be 12 digits, got '1234'."),
    ],
)
def test_server_settings_are_checked(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PlacementServer(**settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("localhost", True), ("127.0.0.2", True), ("::1", True), ("0.0.0.0", False), ("box", False)],
)
def test_which_hosts_serve_this_machine_only(host: str, loopback: bool) -> None:
    assert PlacementServer(host=host, allow_hosts="box.test").loopback_only is loopback


def test_a_request_arriving_once_stop_has_begun_is_answered_503(server: PlacementServer) -> None:
    server.stopping = True  # as stop() sets it first, while in-flight requests finish
    try:
        status, _headers, body = http(server, "GET", "/_gl_placement_mock/events")
        assert (status, json.loads(body)) == (503, {"error": "This server is stopping."})
        headers = gamelift_headers("CreateGameSessionQueue")
        status, _headers, body = http(server, "POST", "/", QUEUE, headers)
        assert (status, json.loads(body)["__type"]) == (503, "ServiceUnavailable")
    finally:
        server.stopping = False
    assert server.mock.calls == []


def test_a_server_and_its_handle_say_where_they_serve() -> None:
    server = PlacementServer(port=0, account_id="210987654321")
    assert repr(server) == "<PlacementServer http://127.0.0.1:0 stopped>"
    with server:
        url = server.endpoint_url
        assert repr(server) == f"<PlacementServer {url} running>"
        assert repr(server.mock) == f"<ServerMock account=210987654321 {url}>"
        assert server.mock.account_id == "210987654321"
        with pytest.raises(PlacementMockError) as excinfo:
            server.start()
        assert str(excinfo.value) == "This PlacementServer is already running."
    assert PlacementServer(host="::1", port=8080).endpoint_url == "http://[::1]:8080"
