"""The backend is safe to call from many threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

THREADS = 8
PER_THREAD = 100


def test_eight_threads_each_start_and_stop_a_hundred_placements_on_one_client(
    gamelift: Any, make_queue: Callable[..., Any]
) -> None:
    make_queue("busy", Destinations=[])

    def worker(n: int) -> list[str]:
        seen = []
        for i in range(PER_THREAD):
            placement_id = f"t{n}-{i}"
            gamelift.start_game_session_placement(
                PlacementId=placement_id, GameSessionQueueName="busy", MaximumPlayerSessionCount=1
            )
            stopped = gamelift.stop_game_session_placement(PlacementId=placement_id)
            seen.append(stopped["GameSessionPlacement"]["Status"])
        return seen

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))

    assert [len(r) for r in results] == [PER_THREAD] * THREADS
    assert all(status == "CANCELLED" for r in results for status in r)
    for n in range(THREADS):
        for i in (0, PER_THREAD - 1):
            placement = gamelift.describe_game_session_placement(PlacementId=f"t{n}-{i}")
            assert placement["GameSessionPlacement"]["Status"] == "CANCELLED"


def test_concurrent_starts_with_one_slot_fulfill_exactly_one(gamelift: Any, mock: Any) -> None:
    fleet = mock.add_fleet("us-west-2", capacity=1)
    gamelift.create_game_session_queue(Name="scarce", Destinations=[{"DestinationArn": fleet.arn}])

    def start(n: int) -> None:
        gamelift.start_game_session_placement(
            PlacementId=f"s-{n}", GameSessionQueueName="scarce", MaximumPlayerSessionCount=1
        )

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(start, range(40)))
    statuses = [
        gamelift.describe_game_session_placement(PlacementId=f"s-{n}")["GameSessionPlacement"][
            "Status"
        ]
        for n in range(40)
    ]
    assert statuses.count("FULFILLED") == 1
    assert statuses.count("PENDING") == 39
