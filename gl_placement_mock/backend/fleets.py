"""Simulated fleets and aliases: where game sessions can run, how many at once, at what cost."""

from __future__ import annotations

from typing import Optional


class FleetLocation:
    """One location of a fleet: free game server processes (None: unlimited) and cost."""

    __slots__ = ("capacity", "cost", "location", "used")

    def __init__(self, location: str, capacity: Optional[int], cost: float) -> None:
        self.location = location
        self.capacity = capacity
        self.used = 0
        self.cost = cost

    def has_room(self) -> bool:
        return self.capacity is None or self.used < self.capacity

    def __repr__(self) -> str:
        cap = "unlimited" if self.capacity is None else str(self.capacity)
        return f"<FleetLocation {self.location} used={self.used}/{cap} cost={self.cost}>"


class Fleet:
    """A fleet: a home Region, optional extra locations, capacity and cost in each."""

    __slots__ = ("arn", "fleet_id", "home_region", "implicit", "locations")

    def __init__(self, fleet_id: str, arn: str, home_region: str, implicit: bool = False) -> None:
        self.fleet_id = fleet_id
        self.arn = arn
        self.home_region = home_region
        self.locations: dict[str, FleetLocation] = {}
        self.implicit = implicit

    def __repr__(self) -> str:
        return f"<Fleet {self.fleet_id} home={self.home_region} locations={list(self.locations)}>"


class Alias:
    """An alias that routes to a fleet."""

    __slots__ = ("alias_id", "arn", "fleet", "region")

    def __init__(self, alias_id: str, arn: str, region: str, fleet: Fleet) -> None:
        self.alias_id = alias_id
        self.arn = arn
        self.region = region
        self.fleet = fleet

    def __repr__(self) -> str:
        return f"<Alias {self.alias_id} -> {self.fleet.fleet_id}>"
