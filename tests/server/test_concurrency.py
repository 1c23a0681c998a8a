"""Many clients at once over HTTP: the invariants of the in-process mock still hold."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from botocore.exceptions import ClientError

from gl_placement_mock.server import PlacementServer

from .conftest import client_for

THREADS, PER_THREAD, CAPACITY = 32, 4, 5


def test_thirty_two_clients_start_describe_and_stop_at_once(server: PlacementServer) -> None:
    fleet = server.mock.add_fleet("us-west-2", capacity=CAPACITY)
    client_for(server).create_game_session_queue(
        Name="q", Destinations=[{"DestinationArn": fleet.arn}]
    )
    clients = [client_for(server) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS, timeout=60)

    def worker(n: int) -> list[tuple[str, str]]:
        client = clients[n]
        barrier.wait()
        seen = []
        for i in range(PER_THREAD):
            placement_id = f"t{n}-{i}"
            client.start_game_session_placement(
                PlacementId=placement_id, GameSessionQueueName="q", MaximumPlayerSessionCount=1
            )
            status = client.describe_game_session_placement(PlacementId=placement_id)[
                "GameSessionPlacement"
            ]["Status"]
            if status == "PENDING":
                try:
                    client.stop_game_session_placement(PlacementId=placement_id)
                    status = "CANCELLED"
                except ClientError as error:  # placed between the describe and the stop
                    assert error.response["Error"]["Code"] == "InvalidRequestException"
                    status = "FULFILLED"
            seen.append((placement_id, status))
        return seen

    with ThreadPoolExecutor(THREADS) as pool:
        results = [pair for chunk in pool.map(worker, range(THREADS)) for pair in chunk]

    assert len(results) == THREADS * PER_THREAD
    assert Counter(status for _id, status in results) == {
        "FULFILLED": CAPACITY,
        "CANCELLED": THREADS * PER_THREAD - CAPACITY,
    }
    sessions = client_for(server).describe_game_sessions(FleetId=fleet.fleet_id)["GameSessions"]
    assert len(sessions) == CAPACITY
    by_placement = Counter(t.placement_id for t in server.mock.transitions)
    assert set(by_placement.values()) == {2}  # started, then exactly one end each
    fulfilled = {pid for pid, status in results if status == "FULFILLED"}
    events = server.mock.events
    assert {
        e["detail"]["placementId"] for e in events if e["detail"]["type"] == "PlacementFulfilled"
    } == fulfilled
    assert len(events) == THREADS * PER_THREAD
