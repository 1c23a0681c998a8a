"""What a child process sees of a mock active in its parent (documented in docs/usage.md)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter with no credentials: its only threads are its own, and a call
# that is not mocked fails with NoCredentialsError before anything is sent.
SCRIPT = textwrap.dedent(
    """
    import multiprocessing, sys
    import boto3
    from gl_placement_mock import mock_placement

    def child(answers):
        gamelift = boto3.client("gamelift", region_name="us-west-2")
        try:
            queues = gamelift.describe_game_session_queues()["GameSessionQueues"]
            gamelift.create_game_session_queue(Name="made-in-the-child")
            answers.put(("mocked", [queue["Name"] for queue in queues]))
        except Exception as error:
            answers.put(("not mocked", type(error).__name__))

    if __name__ == "__main__":
        with mock_placement() as mock:
            gamelift = boto3.client("gamelift", region_name="us-west-2")
            gamelift.create_game_session_queue(Name="made-in-the-parent")
            context = multiprocessing.get_context(sys.argv[1])
            answers = context.Queue()
            process = context.Process(target=child, args=(answers,))
            process.start()
            print(answers.get(timeout=60))
            process.join()
            queues = gamelift.describe_game_session_queues()["GameSessionQueues"]
            print([queue["Name"] for queue in queues])
    """
)


def _run(tmp_path: Path, start_method: str, source: str = SCRIPT) -> list[str]:
    script = tmp_path / "children.py"
    script.write_text(source, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_CONFIG_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, str(script), start_method],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.skipif(sys.platform == "win32", reason="fork is a POSIX start method")
def test_a_forked_child_inherits_a_copy_of_the_mock(tmp_path: Path) -> None:
    child, parent = _run(tmp_path, "fork")
    assert child == "('mocked', ['made-in-the-parent'])"
    assert parent == "['made-in-the-parent']"  # the child's queue stayed in the child


def test_a_spawned_child_is_not_mocked(tmp_path: Path) -> None:
    child, parent = _run(tmp_path, "spawn")
    assert child == "('not mocked', 'NoCredentialsError')"
    assert parent == "['made-in-the-parent']"


FORKED_IDS = textwrap.dedent(
    """
    import multiprocessing
    import boto3
    from gl_placement_mock import mock_placement

    def request_ids(gamelift, count):
        return [
            gamelift.describe_game_session_queues()["ResponseMetadata"]["RequestId"]
            for _ in range(count)
        ]

    def child(answers):
        answers.put(request_ids(boto3.client("gamelift", region_name="us-west-2"), 3))

    if __name__ == "__main__":
        with mock_placement():
            gamelift = boto3.client("gamelift", region_name="us-west-2")
            before = request_ids(gamelift, 2)
            context = multiprocessing.get_context("fork")
            answers = context.Queue()
            process = context.Process(target=child, args=(answers,))
            process.start()
            in_child = answers.get(timeout=60)
            process.join()
            after = request_ids(gamelift, 3)
            print(len(set(before + in_child + after)))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="fork is a POSIX start method")
def test_a_forked_child_never_repeats_its_parent_s_request_ids(tmp_path: Path) -> None:
    (count,) = _run(tmp_path, "fork", FORKED_IDS)
    assert count == "8"
