"""Simulated fleets and aliases: where game sessions can run, how many at once, at what cost."""

from __future__ import annotations

from typing import Any, Callable, Mapping, NamedTuple, Optional

from . import arns, clock
from .accounts import Accounts, AccountState
from .errors import GameLiftError, not_found

ACTIVE = "ACTIVE"
SIMPLE = "SIMPLE"
TERMINAL = "TERMINAL"
EC2 = "EC2"
ANYWHERE = "ANYWHERE"
CUSTOM_PREFIX = "custom-"
DEFAULT_INSTANCE_TYPE = "c5.large"
BUILD = "build"
SCRIPT = "script"
# The build an EC2 fleet declared with neither a build nor a script runs (in its home Region).
DEFAULT_BUILD_ID = "build-00000000-0000-0000-0000-000000000000"


class FleetSettings(NamedTuple):
    """What a declared fleet says about itself in DescribeFleetAttributes."""

    name: Optional[str] = None
    instance_type: str = DEFAULT_INSTANCE_TYPE
    compute_type: str = EC2
    tls: bool = False
    # A custom location's declared host: (IP address or None, DNS name or None).
    hosts: Mapping[str, tuple[Optional[str], Optional[str]]] = {}
    # What the fleet runs: a build or a Realtime script (at most one; Anywhere fleets: none).
    build_id: Optional[str] = None
    script_id: Optional[str] = None

    def runs(self, kind: str) -> Optional[str]:
        """The id of the build (``kind`` BUILD) or script (SCRIPT) the fleet runs, or None."""
        return self.build_id if kind == BUILD else self.script_id


class Artifact(NamedTuple):
    """A build or a Realtime script that declared fleets run, in one Region."""

    kind: str  # BUILD or SCRIPT
    artifact_id: str
    arn: str
    created: float  # when the first fleet running it was declared


class FleetLocation:
    """One location of a fleet: free game server processes (None: unlimited) and cost; a
    custom location also has the host address the test declared for it (or none)."""

    __slots__ = ("capacity", "cost", "dns_name", "ip_address", "location", "used")

    def __init__(self, location: str, capacity: Optional[int], cost: float) -> None:
        self.location = location
        self.capacity = capacity
        self.used = 0
        self.cost = cost
        self.ip_address: Optional[str] = None
        self.dns_name: Optional[str] = None

    @property
    def custom(self) -> bool:
        return self.location.startswith(CUSTOM_PREFIX)

    def has_room(self) -> bool:
        return self.capacity is None or self.used < self.capacity

    def __repr__(self) -> str:
        cap = "unlimited" if self.capacity is None else str(self.capacity)
        return f"<FleetLocation {self.location} used={self.used}/{cap} cost={self.cost}>"


class Fleet:
    """A fleet: a home Region, optional extra locations, capacity and cost in each."""

    __slots__ = (
        "arn",
        "created",
        "fleet_id",
        "home_region",
        "implicit",
        "locations",
        "settings",
        "tags",
    )

    def __init__(self, fleet_id: str, arn: str, home_region: str, implicit: bool = False) -> None:
        self.fleet_id = fleet_id
        self.arn = arn
        self.home_region = home_region
        self.locations: dict[str, FleetLocation] = {}
        self.implicit = implicit
        self.settings = FleetSettings()
        self.created = clock.now()
        self.tags: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"<Fleet {self.fleet_id} home={self.home_region} locations={list(self.locations)}>"


class Alias:
    """An alias: SIMPLE, routing to a fleet, or TERMINAL, answering with its message."""

    __slots__ = ("alias_id", "arn", "created", "fleet", "message", "name", "region", "tags")

    def __init__(
        self,
        alias_id: str,
        arn: str,
        region: str,
        fleet: Optional[Fleet],
        message: Optional[str] = None,
    ) -> None:
        self.alias_id = alias_id
        self.arn = arn
        self.region = region
        self.fleet = fleet  # None for a TERMINAL alias
        self.message = message
        self.name = alias_id
        self.created = clock.now()
        self.tags: list[dict[str, Any]] = []

    @property
    def routing_type(self) -> str:
        return SIMPLE if self.fleet is not None else TERMINAL

    def routed_fleet(self) -> Fleet:
        """The fleet a request through this alias goes to; a TERMINAL alias refuses with its
        message (TerminalRoutingStrategyException)."""
        if self.fleet is None:
            raise GameLiftError("TerminalRoutingStrategyException", self.message or "")
        return self.fleet

    def __repr__(self) -> str:
        target = self.fleet.fleet_id if self.fleet is not None else TERMINAL
        return f"<Alias {self.alias_id} -> {target}>"


CapacityWatcher = Callable[[str, float, str], None]


class FleetStore:
    """Declaring fleets and aliases, their capacity, and finding them.

    ``watchers`` are told (account id, when, why) whenever a slot may have become free."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.watchers: list[CapacityWatcher] = []

    def _freed(self, account_id: str, at: float, reason: str) -> None:
        for watcher in self.watchers:
            watcher(account_id, at, reason)

    def add_fleet(
        self,
        account_id: str,
        home_region: str,
        locations: dict[str, tuple[Optional[int], float]],
        fleet_id: Optional[str],
        settings: Optional[FleetSettings] = None,
    ) -> Fleet:
        account = self.accounts.account(account_id)
        fleet_id = fleet_id or arns.new_fleet_id()
        existing = account.fleets.get(fleet_id)
        if existing is not None and not existing.implicit:
            raise ValueError(f"Fleet '{fleet_id}' is already declared.")
        arn = arns.fleet_arn(
            home_region, account_id, fleet_id, self.accounts.partition(home_region)
        )
        if existing is None:
            fleet = account.fleets[fleet_id] = Fleet(fleet_id, arn, home_region)
        else:
            # A destination already stood in for this fleet: declare it in place, so the game
            # sessions and aliases that refer to it keep doing so, and keep its slots' use.
            fleet = existing
            fleet.arn, fleet.home_region, fleet.implicit = arn, home_region, False
            fleet.created = clock.now()
        fleet.settings = settings or FleetSettings()
        used = {location: slot.used for location, slot in fleet.locations.items()}
        fleet.locations = {}
        for location, (capacity, cost) in locations.items():
            slot = fleet.locations[location] = FleetLocation(location, capacity, cost)
            slot.used = used.get(location, 0)
            slot.ip_address, slot.dns_name = fleet.settings.hosts.get(location, (None, None))
        self._freed(account_id, clock.now(), "fleet added")
        return fleet

    def add_alias(
        self,
        account_id: str,
        fleet: Optional[Fleet],
        alias_id: Optional[str],
        name: Optional[str] = None,
        region: Optional[str] = None,
        message: Optional[str] = None,
    ) -> Alias:
        """An alias routing to ``fleet`` (SIMPLE, in its home Region), or with no fleet a
        TERMINAL alias in ``region`` answering with ``message``."""
        account = self.accounts.account(account_id)
        alias_id = alias_id or arns.new_alias_id()
        if fleet is not None:
            region = fleet.home_region
        if region is None:
            raise ValueError("A TERMINAL alias needs a Region.")
        arn = arns.alias_arn(region, alias_id, self.accounts.partition(region))
        alias = Alias(alias_id, arn, region, fleet, message)
        if name is not None:
            alias.name = name
        account.aliases[alias_id] = alias
        return alias

    def set_capacity(
        self, account_id: str, fleet: Fleet, location: str, capacity: Optional[int]
    ) -> None:
        fleet.locations[location].capacity = capacity
        self._freed(account_id, clock.now(), "capacity changed")

    def fleet_by_ref(self, account_id: str, region: str, fleet_ref: str) -> Fleet:
        """A fleet homed in ``region``, by id or ARN."""
        fleet = self.find_fleet(account_id, region, fleet_ref)
        if fleet is None:
            raise not_found(f"Fleet '{fleet_ref}' does not exist.")
        return fleet

    def find_fleet(self, account_id: str, region: str, fleet_ref: str) -> Optional[Fleet]:
        """A fleet homed in ``region`` by id or ARN (an ARN must be the fleet's own), or None."""
        fleet = self.accounts.account(account_id).fleets.get(fleet_ref.rsplit("/", 1)[-1])
        if fleet is None or fleet.home_region != region:
            return None
        if fleet_ref.startswith("arn:") and fleet_ref != fleet.arn:
            return None
        return fleet

    def declared_fleets(self, account_id: str, region: str) -> list[Fleet]:
        """The fleets a test declared that are homed in ``region``, in declaration order."""
        return [
            fleet
            for fleet in self.accounts.account(account_id).fleets.values()
            if fleet.home_region == region and not fleet.implicit
        ]

    def artifacts(self, account_id: str, region: str, kind: str) -> list[Artifact]:
        """The builds (``kind`` BUILD) or scripts (SCRIPT) that the declared fleets homed in
        ``region`` run, in the order the first fleet running each was declared."""
        found: dict[str, Artifact] = {}
        make = arns.build_arn if kind == BUILD else arns.script_arn
        partition = self.accounts.partition(region)
        for fleet in self.declared_fleets(account_id, region):
            artifact_id = fleet.settings.runs(kind)
            if artifact_id is None:
                continue
            known = found.get(artifact_id)
            if known is None:
                arn = make(region, artifact_id, partition)
                found[artifact_id] = Artifact(kind, artifact_id, arn, fleet.created)
            elif fleet.created < known.created:
                found[artifact_id] = known._replace(created=fleet.created)
        return list(found.values())

    def artifact(self, account_id: str, region: str, kind: str, ref: str) -> Artifact:
        """A build or script a declared fleet homed in ``region`` runs, by id or ARN."""
        for artifact in self.artifacts(account_id, region, kind):
            if ref in (artifact.artifact_id, artifact.arn):
                return artifact
        raise not_found(f"{kind.capitalize()} '{ref}' does not exist.")

    def tagged_resource(self, account_id: str, region: str, arn: str) -> Optional[Any]:
        """The declared fleet or alias whose ARN is ``arn`` in ``region``, or None."""
        account = self.accounts.account(account_id)
        kind, _, resource_id = arn.rpartition(":")[2].partition("/")
        found: Optional[Any] = None
        if kind == "fleet":
            found = account.fleets.get(resource_id)
            if found is not None and found.implicit:
                found = None
        elif kind == "alias":
            found = account.aliases.get(resource_id)
        if found is None or found.arn != arn or arn.split(":")[3] != region:
            return None
        return found

    def alias_by_ref(self, account_id: str, region: str, alias_ref: str) -> Alias:
        alias = self.accounts.account(account_id).aliases.get(alias_ref.rsplit("/", 1)[-1])
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
                # A TERMINAL alias routes to no fleet: it offers placements no location.
                return None if alias.fleet is None else (alias.fleet, alias.alias_id)
            fleet_id = arns.implicit_fleet_id(arn)
            alias_id: Optional[str] = destination.resource_id
        else:
            fleet_id = destination.resource_id
            alias_id = None
        fleet = account.fleets.get(fleet_id)
        if fleet is None:
            fleet = Fleet(
                fleet_id,
                arns.fleet_arn(
                    destination.region,
                    account.account_id,
                    fleet_id,
                    self.accounts.partition(destination.region),
                ),
                destination.region,
                implicit=True,
            )
            fleet.locations[destination.region] = FleetLocation(destination.region, None, 0.0)
            account.fleets[fleet_id] = fleet
        return fleet, alias_id
