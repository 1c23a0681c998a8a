"""Simulated fleets and aliases: where game sessions can run, how many at once, at what cost."""

from __future__ import annotations

from typing import Optional

from . import arns, clock
from .accounts import Accounts, AccountState
from .errors import not_found


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


class FleetStore(Accounts):
    """Declaring fleets and aliases, their capacity, and finding them; part of the Backend."""

    def add_fleet(
        self,
        account_id: str,
        home_region: str,
        locations: dict[str, tuple[Optional[int], float]],
        fleet_id: Optional[str],
    ) -> Fleet:
        account = self.account(account_id)
        fleet_id = fleet_id or arns.new_fleet_id()
        existing = account.fleets.get(fleet_id)
        if existing is not None and not existing.implicit:
            raise ValueError(f"Fleet '{fleet_id}' is already declared.")
        arn = arns.fleet_arn(home_region, account_id, fleet_id)
        if existing is None:
            fleet = account.fleets[fleet_id] = Fleet(fleet_id, arn, home_region)
        else:
            # A destination already stood in for this fleet: declare it in place, so the game
            # sessions and aliases that refer to it keep doing so, and keep its slots' use.
            fleet = existing
            fleet.arn, fleet.home_region, fleet.implicit = arn, home_region, False
        used = {location: slot.used for location, slot in fleet.locations.items()}
        fleet.locations = {}
        for location, (capacity, cost) in locations.items():
            slot = fleet.locations[location] = FleetLocation(location, capacity, cost)
            slot.used = used.get(location, 0)
        self.retry_pending(account_id, clock.now(), "fleet added")
        return fleet

    def add_alias(self, account_id: str, fleet: Fleet, alias_id: Optional[str]) -> Alias:
        account = self.account(account_id)
        alias_id = alias_id or arns.new_alias_id()
        alias = Alias(
            alias_id, arns.alias_arn(fleet.home_region, alias_id), fleet.home_region, fleet
        )
        account.aliases[alias_id] = alias
        return alias

    def set_capacity(
        self, account_id: str, fleet: Fleet, location: str, capacity: Optional[int]
    ) -> None:
        fleet.locations[location].capacity = capacity
        self.retry_pending(account_id, clock.now(), "capacity changed")

    def fleet_by_ref(self, account_id: str, region: str, fleet_ref: str) -> Fleet:
        """A fleet homed in ``region``, by id or ARN."""
        fleet = self.account(account_id).fleets.get(fleet_ref.rsplit("/", 1)[-1])
        if fleet is None or fleet.home_region != region:
            raise not_found(f"Fleet '{fleet_ref}' does not exist.")
        return fleet

    def alias_by_ref(self, account_id: str, region: str, alias_ref: str) -> Alias:
        alias = self.account(account_id).aliases.get(alias_ref.rsplit("/", 1)[-1])
        if alias is None or alias.region != region:
            raise not_found(f"Alias '{alias_ref}' does not exist.")
        return alias

    def resolve_destination(
        self, account: AccountState, arn: str
    ) -> Optional[tuple[Fleet, Optional[str]]]:
        """The fleet a queue destination (fleet or alias ARN) routes to, and the alias id if
        it was an alias. A destination with no declared fleet behind it stands in for a fleet
        with unlimited capacity in the Region its ARN names."""
        destination = arns.parse_destination(arn)
        if destination is None:
            return None
        if destination.kind == "alias":
            alias = account.aliases.get(destination.resource_id)
            if alias is not None:
                return alias.fleet, alias.alias_id
            fleet_id = arns.implicit_fleet_id(arn)
            alias_id: Optional[str] = destination.resource_id
        else:
            fleet_id = destination.resource_id
            alias_id = None
        fleet = account.fleets.get(fleet_id)
        if fleet is None:
            fleet = Fleet(
                fleet_id,
                arns.fleet_arn(destination.region, account.account_id, fleet_id),
                destination.region,
                implicit=True,
            )
            fleet.locations[destination.region] = FleetLocation(destination.region, None, 0.0)
            account.fleets[fleet_id] = fleet
        return fleet, alias_id
