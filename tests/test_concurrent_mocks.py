"""Concurrent mocks: each activation started where none is current (another thread or task) has
its own state and account; a call is answered by the activation current where it is made, and a
worker thread with none of its own by the most recently started one."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import boto3

from gl_placement_mock import mock_placement

REGION = "us-west-2"


def _client() -> Any:
    return boto3.client(
        "gamelift",
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def test_two_mocks_in_two_threads_see_only_their_own_state_and_account() -> None:
    both_started = threading.Barrier(2)
    both_created = threading.Barrier(2)
    seen: dict[str, Any] = {}

    def run(account: str) -> None:
        client = _client()
        with mock_placement(account_id=account) as mock:
            both_started.wait()
            arn = client.create_game_session_queue(Name=f"q-{account}")["GameSessionQueue"][
                "GameSessionQueueArn"
            ]
            both_created.wait()
            names = [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]
            seen[account] = (arn, names, mock.account_id, [c.account_id for c in mock.calls])

    threads = [threading.Thread(target=run, args=(a,)) for a in ("111111111111", "222222222222")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for account in ("111111111111", "222222222222"):
        arn, names, handle_account, call_accounts = seen[account]
        assert arn == f"arn:aws:gamelift:{REGION}:{account}:gamesessionqueue/q-{account}"
        assert names == [f"q-{account}"]
        assert handle_account == account
        assert call_accounts == [account, account]


def test_two_mocks_under_asyncio_gather_see_only_their_own_state_and_account() -> None:
    async def run(account: str, started: asyncio.Event, other: asyncio.Event) -> Any:
        client = _client()
        with mock_placement(account_id=account):
            started.set()
            await other.wait()  # both mocks are active from here on
            arn = client.create_game_session_queue(Name=f"q-{account}")["GameSessionQueue"][
                "GameSessionQueueArn"
            ]
            await asyncio.sleep(0)
            queues = client.describe_game_session_queues()["GameSessionQueues"]
            return arn, [q["Name"] for q in queues]

    async def main() -> list[Any]:
        a, b = asyncio.Event(), asyncio.Event()
        return list(await asyncio.gather(run("111111111111", a, b), run("222222222222", b, a)))

    results = asyncio.run(main())
    assert results == [
        (
            f"arn:aws:gamelift:{REGION}:111111111111:gamesessionqueue/q-111111111111",
            ["q-111111111111"],
        ),
        (
            f"arn:aws:gamelift:{REGION}:222222222222:gamesessionqueue/q-222222222222",
            ["q-222222222222"],
        ),
    ]


def test_a_worker_thread_without_a_mock_of_its_own_is_answered_by_the_latest_one() -> None:
    client = _client()
    with (
        mock_placement(account_id="111111111111"),
        mock_placement(account_id="333333333333") as inner,
    ):
        answers: list[str] = []

        def worker() -> None:
            queue = client.create_game_session_queue(Name="from-worker")["GameSessionQueue"]
            answers.append(queue["GameSessionQueueArn"])

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert answers == [f"arn:aws:gamelift:{REGION}:333333333333:gamesessionqueue/from-worker"]
        assert [c.operation for c in inner.calls] == ["CreateGameSessionQueue"]


def test_a_mock_started_in_a_thread_while_another_runs_does_not_end_with_it() -> None:
    client = _client()
    outer = mock_placement(account_id="111111111111").start()
    try:
        client.create_game_session_queue(Name="outer-q")
        done = threading.Event()
        names: list[list[str]] = []

        def run() -> None:
            with mock_placement(account_id="222222222222"):
                queues = client.describe_game_session_queues()["GameSessionQueues"]
                names.append([q["Name"] for q in queues])
            done.set()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
        assert done.is_set()
        assert names == [[]]
        queues = client.describe_game_session_queues()["GameSessionQueues"]
        assert [q["Name"] for q in queues] == ["outer-q"]
    finally:
        outer.stop()


def test_first_calls_from_many_threads_at_once_share_one_state() -> None:
    client = _client()
    threads_count = 8
    ready = threading.Barrier(threads_count)
    with mock_placement() as mock:

        def first_call(n: int) -> None:
            ready.wait()
            client.create_game_session_queue(Name=f"q{n}")

        threads = [threading.Thread(target=first_call, args=(n,)) for n in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        queues = client.describe_game_session_queues()["GameSessionQueues"]
        assert sorted(q["Name"] for q in queues) == [f"q{n}" for n in range(threads_count)]
        assert len(mock.calls) == threads_count + 1
