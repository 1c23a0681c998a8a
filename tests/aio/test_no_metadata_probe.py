"""An aiobotocore GameLift client made inside a mock with no credentials configured gets dummy
ones, as a botocore one does: making and using it never probes the instance metadata service.
Skipped when aiobotocore is not installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("aiobotocore.session")

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, socket, sys

    tried = []
    def refuse(*args, **kwargs):
        tried.append(repr(args))
        raise OSError("network use is refused in this test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.getaddrinfo = refuse
    socket.create_connection = refuse

    if sys.argv[1] == "mock-first":
        from gl_placement_mock import mock_placement
        from aiobotocore.session import get_session
    else:
        from aiobotocore.session import get_session
        from gl_placement_mock import mock_placement

    def key(client):
        credentials = client._request_signer._credentials
        return None if credentials is None else credentials.access_key

    async def main():
        with mock_placement():
            async with get_session().create_client("gamelift", region_name="us-west-2") as gl:
                await gl.create_game_session_queue(Name="q")
                queues = (await gl.describe_game_session_queues())["GameSessionQueues"]
                inside_key = key(gl)
        inside = list(tried)
        async with get_session().create_client("gamelift", region_name="us-west-2") as gl:
            outside_key = key(gl)
        return {"names": [q["Name"] for q in queues], "key": inside_key, "inside": inside,
                "tried": tried, "outside": outside_key}

    print(json.dumps(asyncio.run(main())))
    """
)


def _run(order: str, extra: dict[str, str]) -> dict[str, object]:
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
        [sys.executable, "-c", SCRIPT, order],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("order", ["mock-first", "aiobotocore-first"])
def test_an_async_client_made_inside_a_mock_without_credentials_probes_nothing(
    order: str,
) -> None:
    result = _run(order, {})
    assert result["names"] == ["q"]
    assert result["inside"] == []
    assert result["key"] == "testing"
    # Only the client made inside the mock gets dummy credentials; the one outside probed.
    assert result["outside"] is None
    assert [t for t in result["tried"] if "169.254" in str(t)] != []  # type: ignore[attr-defined]


def test_configured_credentials_are_kept_for_an_async_client() -> None:
    result = _run(
        "mock-first",
        {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"},
    )
    assert result == {
        "names": ["q"],
        "key": "AKIAIOSFODNN7EXAMPLE",
        "inside": [],
        "tried": [],
        "outside": "AKIAIOSFODNN7EXAMPLE",
    }
