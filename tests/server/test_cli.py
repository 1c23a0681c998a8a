"""``python -m gl_placement_mock serve``: the endpoint URL on the first line, a clean stop."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from gl_placement_mock.server import PlacementServer


@pytest.fixture
def serving() -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gl_placement_mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def _client(url: str) -> Any:
    return boto3.client(
        "gamelift",
        region_name="us-west-2",
        endpoint_url=url,
        aws_access_key_id="any",
        aws_secret_access_key="any",
    )


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_its_url_first_and_stops_cleanly(
    serving: subprocess.Popen[str], stop_with: signal.Signals
) -> None:
    assert serving.stdout is not None
    url = serving.stdout.readline().rstrip("\n")
    assert url.startswith("http://127.0.0.1:")
    queue = _client(url).create_game_session_queue(Name="q")["GameSessionQueue"]
    assert queue["Name"] == "q"
    serving.send_signal(stop_with)
    out, err = serving.communicate(timeout=10)
    assert serving.returncode == 0
    assert out == ""
    assert "Traceback" not in err


def test_serve_on_a_port_in_use_says_so_and_exits_1() -> None:
    with PlacementServer(port=0) as busy:
        result = subprocess.run(
            [sys.executable, "-m", "gl_placement_mock", "serve", "--port", str(busy.port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: cannot serve on 127.0.0.1:{busy.port}: ")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--account-id", "42", "argument --account-id: must be 12 digits, got '42'"),
        ("--account-id", "12345678901a", "argument --account-id: must be 12 digits"),
        ("--port", "70000", "argument --port: must be a whole number from 0 to 65535"),
        ("--port", "http", "argument --port: must be a whole number from 0 to 65535"),
    ],
)
def test_serve_blames_the_bad_option_only(option: str, value: str, message: str) -> None:
    """A bad account id is a usage error about that option, never about the address."""
    result = subprocess.run(
        [sys.executable, "-m", "gl_placement_mock", "serve", option, value],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"python -m gl_placement_mock serve: error: {message}"), last
    assert "cannot serve" not in result.stderr
    assert "127.0.0.1" not in result.stderr


def test_serve_without_werkzeug_says_which_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['werkzeug'] = None\n"
        "from gl_placement_mock.__main__ import main\n"
        "raise SystemExit(main(['serve', '--port', '0']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        'error: Server mode needs Werkzeug: pip install "gl_placement_mock[server]"\n'
    )
