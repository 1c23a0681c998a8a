"""Shared by the reliability tests: a fingerprint of the whole simulated service, to prove that a
rejected call changed nothing, and the invariants that must hold after every step."""

from __future__ import annotations

import collections
import itertools
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from gl_placement_mock import PlacementMock
from gl_placement_mock.backend.state import Backend

TERMINAL = frozenset({"FULFILLED", "CANCELLED", "TIMED_OUT", "FAILED"})
# Not service state: the lock, event subscribers, the fault plan (whose counters move on every
# call by design) and the record of answered calls (which grows with every call).
_SKIPPED = frozenset({"lock", "_lock", "subscribers", "faults", "calls"})


def backend_of(mock: PlacementMock) -> Backend:
    return mock._backend()


def fingerprint(mock: PlacementMock) -> Any:
    """Everything the simulated service holds, as nested tuples: equal fingerprints mean equal
    state. Reads the backend directly, under its lock, after bringing time up to date."""
    backend = backend_of(mock)
    with backend.lock:
        now = _now()
        backend.advance(now)
        # A reserved seat's timeout is worked out when the seat is read: work it out for every
        # seat, so that a read which merely looked at a seat does not count as a change.
        for account in backend.accounts.values():
            for region in account.regions.values():
                for player_session in region.player_sessions.values():
                    player_session.current_status(now)
        return _walk(backend, {})


def _now() -> float:
    from gl_placement_mock.backend import clock

    return clock.now()


def _walk(value: Any, seen: dict[int, int]) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, bytes, datetime)):
        return value
    if isinstance(value, itertools.count):
        return repr(value)
    if isinstance(value, Mapping):
        return (
            "map",
            tuple((_walk(k, seen), _walk(v, seen)) for k, v in value.items() if not _vacant(v)),
        )
    if isinstance(value, (list, tuple, collections.deque)):
        return ("seq", tuple(_walk(v, seen) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(_walk(v, seen)) for v in value)))
    key = id(value)
    if key in seen:
        return ("ref", seen[key])
    seen[key] = len(seen)
    names: Iterable[str]
    if hasattr(value, "__dict__"):
        names = sorted(vars(value))
    else:
        names = sorted({n for cls in type(value).__mro__ for n in getattr(cls, "__slots__", ())})
    fields = tuple(
        (name, _walk(getattr(value, name, None), seen)) for name in names if name not in _SKIPPED
    )
    return (type(value).__name__, fields)


def _vacant(value: Any) -> bool:
    """An account's or Region's container that a read created on the way and nothing filled:
    not state."""
    if type(value).__name__ not in ("AccountState", "RegionState"):
        return False
    slots = {n for cls in type(value).__mro__ for n in getattr(cls, "__slots__", ())}
    return all(
        not getattr(value, n) or _vacant_map(getattr(value, n)) for n in slots - {"account_id"}
    )


def _vacant_map(value: Any) -> bool:
    return isinstance(value, Mapping) and all(_vacant(v) for v in value.values())


def describe_placement(client: Any, placement_id: str) -> dict[str, Any]:
    """DescribeGameSessionPlacement, passing over faults a test injected."""
    for _ in range(10):
        try:
            found: dict[str, Any] = client.describe_game_session_placement(
                PlacementId=placement_id
            )["GameSessionPlacement"]
            return found
        except ClientError as error:
            if not error.response["Error"]["Message"].endswith("injected by gl_placement_mock."):
                raise
    raise AssertionError(f"DescribeGameSessionPlacement kept failing for {placement_id}")


def status_of(response_or_error: Any) -> int:
    if isinstance(response_or_error, ClientError):
        status: int = response_or_error.response["ResponseMetadata"]["HTTPStatusCode"]
    else:
        status = response_or_error["ResponseMetadata"]["HTTPStatusCode"]
    return status


class LifecycleWatcher:
    """Remembers every status each placement was ever seen in and checks, after every step, the
    invariants of the placement lifecycle and of capacity."""

    def __init__(self) -> None:
        self.seen: dict[str, list[str]] = {}
        self.start_times: dict[str, datetime] = {}
        self.used: dict[tuple[str, str], int] = {}

    def check(self, mock: PlacementMock, clients: Mapping[str, Any]) -> None:
        """``clients``: region -> client. Describes every placement the mock holds."""
        backend = backend_of(mock)
        with backend.lock:
            backend.advance(_now())
            placements = [
                (region, placement_id)
                for account in backend.accounts.values()
                for region, state in account.regions.items()
                for placement_id in state.placements
            ]
            ids = [pid for _region, pid in placements]
            assert len(ids) == len(set(ids)), f"PlacementIds not unique: {sorted(ids)}"
            for account in backend.accounts.values():
                for fleet in account.fleets.values():
                    for slot in fleet.locations.values():
                        assert slot.used >= 0, f"negative use of {slot!r}"
            self._check_slots(backend)
            self._check_capacity(backend)
        for region, placement_id in placements:
            self._observe(describe_placement(clients[region], placement_id))
        self._check_transitions(mock)

    def _observe(self, placement: Mapping[str, Any]) -> None:
        placement_id, status = placement["PlacementId"], placement["Status"]
        history = self.seen.setdefault(placement_id, [])
        if not history or history[-1] != status:
            history.append(status)
        # Seen first in any status (a placement may be fulfilled as it starts); after that
        # only PENDING -> one terminal status.
        moved = " -> ".join(history)
        assert len(history) <= 2, f"{placement_id} moved {moved}"
        if len(history) == 2:
            assert history[0] == "PENDING" and history[1] in TERMINAL, f"{placement_id}: {moved}"
        start = self.start_times.setdefault(placement_id, placement["StartTime"])
        assert placement["StartTime"] == start, f"{placement_id} StartTime changed"
        if status in TERMINAL:
            assert placement["EndTime"] >= placement["StartTime"], f"{placement_id} ends early"
        else:
            assert "EndTime" not in placement

    @staticmethod
    def _check_slots(backend: Backend) -> None:
        """Every location's count of used slots is the number of live (ACTIVE or ACTIVATING)
        sessions in it."""
        for account in backend.accounts.values():
            active: dict[tuple[str, str], int] = {}
            for state in account.regions.values():
                for session in state.game_sessions.values():
                    if session.status in ("ACTIVE", "ACTIVATING"):
                        key = (session.fleet.fleet_id, session.location)
                        active[key] = active.get(key, 0) + 1
            for fleet in account.fleets.values():
                for location, slot in fleet.locations.items():
                    count = active.get((fleet.fleet_id, location), 0)
                    assert slot.used == count, f"{slot!r} but {count} live sessions"

    def _check_capacity(self, backend: Backend) -> None:
        """A location only gains sessions while it has a free slot: whenever its use grew since
        the last check, it is within its capacity."""
        for account in backend.accounts.values():
            for fleet in account.fleets.values():
                for location, slot in fleet.locations.items():
                    key = (fleet.fleet_id, location)
                    grew = slot.used > self.used.get(key, 0)
                    if grew and slot.capacity is not None:
                        assert slot.used <= slot.capacity, f"over capacity: {slot!r}"
                    self.used[key] = slot.used

    @staticmethod
    def _check_transitions(mock: PlacementMock) -> None:
        """Per placement, the timeline holds one PENDING line, then at most one terminal one;
        each terminal line has exactly one event."""
        lines: dict[str, list[str]] = {}
        for transition in mock.transitions:
            if transition.placement_id is not None:  # game sessions have lines of their own
                lines.setdefault(transition.placement_id, []).append(transition.status)
        for placement_id, statuses in lines.items():
            assert statuses[0] == "PENDING" and len(statuses) <= 2, (placement_id, statuses)
            assert all(s in TERMINAL for s in statuses[1:]), (placement_id, statuses)
        ended = [e["detail"]["placementId"] for e in mock.events if "placementId" in e["detail"]]
        assert sorted(ended) == sorted(p for p, s in lines.items() if len(s) == 2)
