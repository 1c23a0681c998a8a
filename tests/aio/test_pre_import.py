"""An aiobotocore client made before ``import gl_placement_mock`` is served by the mock, and
nothing reaches the network. Skipped when aiobotocore is not installed."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("aiobotocore.session")

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, os, socket
    os.environ.update(
        AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        AWS_EC2_METADATA_DISABLED="true",
    )
    from aiobotocore.session import get_session

    async def main():
        session = get_session()
        async with session.create_client("gamelift", region_name="us-west-2") as early:
            import gl_placement_mock

            used = []
            def refuse(*args, **kwargs):
                used.append("socket")
                raise OSError("socket use is refused in this test")
            socket.socket.connect = refuse
            socket.getaddrinfo = refuse
            with gl_placement_mock.mock_placement():
                await early.create_game_session_queue(Name="early")
                async with session.create_client("gamelift", region_name="us-west-2") as late:
                    queues = (await late.describe_game_session_queues())["GameSessionQueues"]
            return {"queues": [q["Name"] for q in queues], "socket": used}

    print(json.dumps(asyncio.run(main())))
    """
)


def test_an_async_client_made_before_the_import_is_served() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"queues": ["early"], "socket": []}
