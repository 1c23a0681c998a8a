"""Concurrency: many threads starting, describing and stopping placements and changing capacity
at once. Nothing is lost, no slot is given to two placements, and every placement ends in
exactly one terminal status."""

from __future__ import annotations

import random
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest
import time_machine
from botocore.exceptions import ClientError

from gl_placement_mock import PlacementMock

from ..conftest import REGION
from .helpers import TERMINAL, LifecycleWatcher

REMOTE = "eu-west-1"
CAPACITY = {REGION: 3, REMOTE: 2}
STARTERS, PER_STARTER = 4, 150


@pytest.fixture(autouse=True)
def switch_threads_often() -> Iterator[None]:
    """Make the interpreter switch threads every few bytecodes, so races show."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def _statuses(gamelift: Any, ids: list[str]) -> dict[str, str]:
    return {
        pid: gamelift.describe_game_session_placement(PlacementId=pid)["GameSessionPlacement"][
            "Status"
        ]
        for pid in ids
    }


def _active_sessions(gamelift: Any, fleet_id: str) -> list[dict[str, Any]]:
    sessions: list[dict[str, Any]] = gamelift.describe_game_sessions(
        FleetId=fleet_id, StatusFilter="ACTIVE"
    )["GameSessions"]
    return sessions


def test_starts_stops_describes_and_capacity_changes_at_once(
    gamelift: Any, mock: PlacementMock
) -> None:
    fleet = mock.add_fleet(REGION, capacity=CAPACITY[REGION], locations={REMOTE: CAPACITY[REMOTE]})
    gamelift.create_game_session_queue(Name="q", Destinations=[{"DestinationArn": fleet.arn}])
    barrier = threading.Barrier(STARTERS + 4, timeout=30)
    done = threading.Event()
    lock = threading.Lock()
    started: list[str] = []
    stopped: Counter[str] = Counter()
    over_capacity: list[Counter[str]] = []

    def starter(n: int) -> Counter[str]:
        outcomes: Counter[str] = Counter()
        barrier.wait()
        for i in range(PER_STARTER):
            # Every fifth id is shared by all starters: exactly one of them may use it.
            placement_id = f"shared-{i}" if i % 5 == 0 else f"t{n}-{i}"
            try:
                gamelift.start_game_session_placement(
                    PlacementId=placement_id,
                    GameSessionQueueName="q",
                    MaximumPlayerSessionCount=2,
                    DesiredPlayerSessions=[{"PlayerId": f"player-{n}-{i}"}],
                )
            except ClientError as error:  # (botocore builds client.exceptions racily)
                assert error.response["Error"]["Code"] == "InvalidRequestException"
                assert placement_id.startswith("shared-")
                assert "has already been used" in str(error)
                outcomes["duplicate"] += 1
                continue
            with lock:
                started.append(placement_id)
            found = gamelift.describe_game_session_placement(PlacementId=placement_id)
            outcomes[found["GameSessionPlacement"]["Status"]] += 1
        return outcomes

    def stopper(seed: int) -> None:
        chooser = random.Random(seed)
        barrier.wait()
        while not done.is_set():
            with lock:
                candidates = list(started)
            if not candidates:
                continue
            placement_id = chooser.choice(candidates)
            try:
                response = gamelift.stop_game_session_placement(PlacementId=placement_id)
            except ClientError as error:
                assert error.response["Error"]["Code"] == "InvalidRequestException"
                assert "is already" in str(error)
                continue
            assert response["GameSessionPlacement"]["Status"] == "CANCELLED"
            with lock:
                stopped[placement_id] += 1

    def capacity_changer() -> None:
        chooser = random.Random(7)
        barrier.wait()
        while not done.is_set():
            location = chooser.choice([None, REMOTE])
            full = CAPACITY[location or REGION]
            mock.set_capacity(fleet, chooser.choice([0, full]), location=location)
            active = _active_sessions(gamelift, fleet.fleet_id)
            if active and chooser.random() < 0.5:
                mock.terminate_game_session(chooser.choice(active)["GameSessionId"])

    def monitor() -> None:
        barrier.wait()
        while not done.is_set():
            per_location = Counter(
                s["Location"] for s in _active_sessions(gamelift, fleet.fleet_id)
            )
            if any(per_location[loc] > CAPACITY[loc] for loc in per_location):
                over_capacity.append(per_location)

    with ThreadPoolExecutor(STARTERS + 4) as pool:
        helpers = [pool.submit(stopper, 1), pool.submit(stopper, 2)]
        helpers += [pool.submit(capacity_changer), pool.submit(monitor)]
        starts = [pool.submit(starter, n) for n in range(STARTERS)]
        try:
            outcomes = sum((f.result() for f in starts), Counter())
        finally:
            done.set()  # whatever happened, let the helpers finish
        for future in helpers:
            future.result()

    # Nothing lost: every accepted start is there, once; shared ids were taken exactly once.
    shared = PER_STARTER // 5
    assert outcomes["duplicate"] == shared * (STARTERS - 1)
    assert len(started) == len(set(started)) == STARTERS * PER_STARTER - outcomes["duplicate"]
    assert not over_capacity, f"more ACTIVE sessions than slots: {over_capacity[:3]}"

    mock.set_capacity(fleet, CAPACITY[REGION])
    mock.set_capacity(fleet, CAPACITY[REMOTE], location=REMOTE)
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        final = _statuses(gamelift, started)
        watcher = LifecycleWatcher()
        watcher.check(mock, {REGION: gamelift})
        events = mock.events

    # Every placement ended, in exactly one terminal status, announced exactly once.
    assert set(final.values()) <= TERMINAL
    assert Counter(e["detail"]["placementId"] for e in events) == Counter(started)
    # A placement was cancelled exactly when one stop call succeeded for it.
    assert {pid for pid, s in final.items() if s == "CANCELLED"} == set(stopped)
    assert set(stopped.values()) <= {1}
    # No slot was given twice: each fulfillment has its own game session, and what is still
    # running fits the fleet.
    fulfilled = [pid for pid, s in final.items() if s == "FULFILLED"]
    sessions = {
        gamelift.describe_game_session_placement(PlacementId=pid)["GameSessionPlacement"][
            "GameSessionId"
        ]
        for pid in fulfilled
    }
    assert len(sessions) == len(fulfilled)
    running = Counter(s["Location"] for s in _active_sessions(gamelift, fleet.fleet_id))
    assert all(running[loc] <= CAPACITY[loc] for loc in running)


def test_one_slot_shared_by_many_threads_is_never_given_twice_nor_lost(
    gamelift: Any, mock: PlacementMock
) -> None:
    """Capacity 1. While eight threads start placements, another ends the running game session
    again and again. Each ending frees the slot for exactly one waiting placement, so the
    number fulfilled is exactly one more than the number of sessions ended."""
    fleet = mock.add_fleet(REGION, capacity=1)
    gamelift.create_game_session_queue(Name="one", Destinations=[{"DestinationArn": fleet.arn}])
    barrier = threading.Barrier(9, timeout=30)
    ended: list[str] = []
    starting = threading.Semaphore(0)

    def starter(n: int) -> None:
        barrier.wait()
        try:
            for i in range(30):
                gamelift.start_game_session_placement(
                    PlacementId=f"s{n}-{i}",
                    GameSessionQueueName="one",
                    MaximumPlayerSessionCount=1,
                )
        finally:
            starting.release()

    def terminator() -> None:
        barrier.wait()
        finished = 0
        while len(ended) < 60:
            active = _active_sessions(gamelift, fleet.fleet_id)
            assert len(active) <= 1
            if active:
                mock.terminate_game_session(active[0]["GameSessionId"])
                ended.append(active[0]["GameSessionId"])
            elif finished == 8:
                raise AssertionError(f"the slot was lost after {len(ended)} sessions ended")
            while starting.acquire(blocking=False):
                finished += 1

    with ThreadPoolExecutor(9) as pool:
        futures = [pool.submit(starter, n) for n in range(8)] + [pool.submit(terminator)]
        for future in futures:
            future.result()

    ids = [f"s{n}-{i}" for n in range(8) for i in range(30)]
    statuses = Counter(_statuses(gamelift, ids).values())
    assert len(set(ended)) == 60
    assert statuses == {"FULFILLED": 61, "PENDING": 240 - 61}


def test_describing_while_others_write_always_sees_a_consistent_placement(
    gamelift: Any, make_queue: Callable[..., Any], mock: PlacementMock
) -> None:
    """A reader never sees a half-made change: a FULFILLED placement always carries its game
    session, a CANCELLED one its EndTime."""
    make_queue("q", Destinations=[])
    fleet = mock.add_fleet(REGION, capacity=None)
    mock.hold_placements()
    for i in range(200):
        gamelift.start_game_session_placement(
            PlacementId=f"c-{i}", GameSessionQueueName="q", MaximumPlayerSessionCount=1
        )
    seen: list[dict[str, Any]] = []
    done = threading.Event()

    def writer() -> None:
        try:
            gamelift.update_game_session_queue(
                Name="q", Destinations=[{"DestinationArn": fleet.arn}]
            )
            for i in range(0, 200, 2):
                gamelift.stop_game_session_placement(PlacementId=f"c-{i}")
            mock.release_placements()
        finally:
            done.set()

    def reader(offset: int) -> None:
        i = offset
        while not done.is_set() or i < offset + 200:
            seen.append(
                gamelift.describe_game_session_placement(PlacementId=f"c-{i % 200}")[
                    "GameSessionPlacement"
                ]
            )
            i += 1

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(writer)] + [pool.submit(reader, k * 50) for k in range(3)]
        for future in futures:
            future.result()

    assert {p["Status"] for p in seen} <= {"PENDING", "FULFILLED", "CANCELLED"}
    for placement in seen:
        ended = placement["Status"] != "PENDING"
        assert ("EndTime" in placement) == ended
        assert ("GameSessionId" in placement) == (placement["Status"] == "FULFILLED")
    with pytest.raises(ClientError):
        gamelift.stop_game_session_placement(PlacementId="c-1")  # FULFILLED by the release
