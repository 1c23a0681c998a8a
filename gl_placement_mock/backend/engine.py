"""Choosing where to place: the queue's candidate locations, filters, latency policies and
priority order. Pure functions over queue and placement."""

from __future__ import annotations

from typing import Callable, NamedTuple, Optional

from .fleets import Fleet
from .placements import Placement
from .queues import Queue

LATENCY = "LATENCY"
COST = "COST"
DESTINATION = "DESTINATION"
LOCATION = "LOCATION"
ALL_PRIORITIES = (LATENCY, COST, DESTINATION, LOCATION)
WITHOUT_LATENCY = (DESTINATION, LOCATION)
_INF = float("inf")


class Candidate(NamedTuple):
    fleet: Fleet
    location: str
    destination_index: int
    enumeration: int
    alias_id: Optional[str]


Resolver = Callable[[str], "Optional[tuple[Fleet, Optional[str]]]"]


def candidates(queue: Queue, resolve: Resolver) -> list[Candidate]:
    """Every (fleet, location) the queue's destinations offer, in queue order, deduplicated,
    with the filter applied."""
    allowed = set(queue.allowed_locations) if queue.allowed_locations is not None else None
    seen: set[tuple[str, str]] = set()
    found: list[Candidate] = []
    for index, arn in enumerate(queue.destinations):
        resolved = resolve(arn)
        if resolved is None:
            continue
        fleet, alias_id = resolved
        for location in fleet.locations:
            key = (fleet.fleet_id, location)
            if key in seen or (allowed is not None and location not in allowed):
                continue
            seen.add(key)
            found.append(Candidate(fleet, location, index, len(found), alias_id))
    return found


def active_cap(queue: Queue, placement: Placement, at: float) -> Optional[int]:
    """The latency cap (ms) in force at ``at``, or None when no policy applies: none was set,
    the request has no latencies, or every policy's duration is up."""
    if not placement.latencies or not queue.latency_policies:
        return None
    elapsed = at - placement.start
    passed = 0.0
    schedule = queue.policy_schedule()
    for cap, duration in schedule:
        if duration is None or elapsed < passed + duration:
            return cap
        passed += duration
    return None


def policy_boundaries(queue: Queue, placement: Placement) -> list[float]:
    """The moments after StartTime at which a policy ends: a looser one takes over, or (after
    the last timed one) no cap applies any more."""
    if not placement.latencies or not queue.latency_policies:
        return []
    moments: list[float] = []
    passed = 0.0
    for _cap, duration in queue.policy_schedule():
        if duration is None:
            break
        passed += duration
        moments.append(placement.start + passed)
    return moments


def priority_order(queue: Queue, has_latency: bool) -> tuple[str, ...]:
    if queue.priority_order:
        given = tuple(dict.fromkeys(queue.priority_order))
        return given + tuple(p for p in ALL_PRIORITIES if p not in given)
    return ALL_PRIORITIES if has_latency else WITHOUT_LATENCY


def ranked(queue: Queue, placement: Placement, at: float, resolve: Resolver) -> list[Candidate]:
    """The candidates that may host the placement at ``at``, best first."""
    table = placement.latency_table()
    found = candidates(queue, resolve)
    cap = active_cap(queue, placement, at) if table else None
    if cap is not None:
        # PlayerLatencyPolicy: no location where a player reports a latency above the cap. A
        # location nobody reported stays eligible, after those with latency data.
        found = [
            c for c in found if not any(seen.get(c.location, 0.0) > cap for seen in table.values())
        ]
    order = priority_order(queue, bool(table))

    def sorter(location_order: list[str]) -> Callable[[Candidate], tuple[object, ...]]:
        rank = {loc: i for i, loc in enumerate(location_order)}
        unlisted = len(rank)

        def key(c: Candidate) -> tuple[object, ...]:
            parts: list[object] = []
            for kind in order:
                if kind == LATENCY:
                    values = [seen[c.location] for seen in table.values() if c.location in seen]
                    parts.append(sum(values) / len(values) if values else _INF)
                elif kind == COST:
                    parts.append(c.fleet.locations[c.location].cost)
                elif kind == DESTINATION:
                    parts.append(c.destination_index)
                else:
                    parts.append((rank.get(c.location, unlisted), c.location))
            parts.append(c.enumeration)
            return tuple(parts)

        return key

    override = placement.override
    if override is None:
        ordered = sorted(found, key=sorter(queue.location_order or []))
    else:
        listed = override.get("LocationOrder") or []
        ordered = sorted((c for c in found if c.location in listed), key=sorter(listed))
        if override.get("PlacementFallbackStrategy", "DEFAULT_AFTER_SINGLE_PASS") != "NONE":
            ordered += sorted(
                (c for c in found if c.location not in listed),
                key=sorter(queue.location_order or []),
            )
    if cap is None:
        return ordered
    reported = {location for seen in table.values() for location in seen}
    return [c for c in ordered if c.location in reported] + [
        c for c in ordered if c.location not in reported
    ]
