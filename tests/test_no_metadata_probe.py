"""A GameLift client made inside a mock with no credentials configured gets dummy ones, as moto
gives its services: making and using it never probes the instance metadata service."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import json, socket

    tried = []
    def refuse(*args, **kwargs):
        tried.append(repr(args))
        raise OSError("network use is refused in this test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.getaddrinfo = refuse
    socket.create_connection = refuse

    import boto3
    from gl_placement_mock import mock_placement

    with mock_placement():
        client = boto3.client("gamelift", region_name="us-west-2")
        client.create_game_session_queue(Name="q")
        names = [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]
        credentials = client._request_signer._credentials
        key = None if credentials is None else credentials.access_key
    inside = list(tried)
    outside = boto3.client("gamelift", region_name="us-west-2")
    print(json.dumps({"names": names, "key": key, "inside": inside, "tried": tried,
                      "outside": outside._request_signer._credentials is None}))
    """
)


def _run(extra: dict[str, str]) -> dict[str, object]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "BOTO_")) and k != "AWS_EC2_METADATA_DISABLED"
    }
    env.update(
        AWS_CONFIG_FILE=os.devnull + ".missing",
        AWS_SHARED_CREDENTIALS_FILE=os.devnull + ".missing",
        HOME="/nonexistent",
        **extra,
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_client_made_inside_a_mock_without_credentials_probes_nothing() -> None:
    result = _run({})
    assert result["names"] == ["q"]
    assert result["inside"] == []
    assert result["key"] == "testing"
    # Only the client made inside the mock gets dummy credentials; the one outside probed.
    assert result["outside"] is True
    assert [t for t in result["tried"] if "169.254" in str(t)] != []  # type: ignore[attr-defined]


def test_configured_credentials_are_kept() -> None:
    result = _run({"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"})
    assert result == {
        "names": ["q"],
        "key": "AKIAIOSFODNN7EXAMPLE",
        "inside": [],
        "tried": [],
        "outside": False,
    }
