"""Declaring simulated fleets: what ``add_fleet`` returns, and the checks of its description."""

from __future__ import annotations

import functools
import re
from typing import Any, Mapping, NamedTuple, Optional

from .. import regions
from ..backend.fleets import ANYWHERE, DEFAULT_BUILD_ID, EC2, FleetSettings
from ..interception import hooks as interception
from . import arguments


class SimulatedFleet(NamedTuple):
    """A fleet declared with :meth:`PlacementMock.add_fleet`; use ``arn`` as a queue destination."""

    fleet_id: str
    arn: str
    home_region: str
    locations: tuple[str, ...]


def fleet_settings(
    region: str,
    capacity: Optional[int],
    locations: Optional[Mapping[str, Optional[int]]],
    name: Optional[str],
    instance_type: str,
    compute_type: Optional[str],
    tls: bool,
    hosts: Optional[Mapping[str, Mapping[str, str]]],
) -> tuple[FleetSettings, dict[str, Optional[int]]]:
    """Check add_fleet's description of a fleet: its settings, and the capacity of each
    location that hosts game sessions."""
    if region.startswith(regions.CUSTOM_PREFIX):
        raise ValueError(
            f"A fleet's home Region must be a Region, not a custom location: {region!r}."
        )
    regions.check_location(region)
    remote = dict(locations or {})
    for location in remote:
        regions.check_location(location)
    custom = [loc for loc in remote if loc.startswith(regions.CUSTOM_PREFIX)]
    pattern, low, high = _custom_location_rule()
    for location in custom:
        if not (low <= len(location) <= high and pattern.fullmatch(location)):
            raise ValueError(
                f"Custom location {location!r} is not a name CreateLocation accepts: "
                f"{pattern.pattern}, {low} to {high} characters."
            )
    if compute_type is None:
        compute_type = ANYWHERE if custom else EC2
    if compute_type == EC2 and custom:
        raise ValueError(
            f"Custom locations ({', '.join(custom)}) need compute_type='ANYWHERE', not 'EC2'."
        )
    if compute_type == ANYWHERE:
        if capacity is not None:
            raise ValueError(
                "An Anywhere fleet hosts game sessions only in its custom locations: give their "
                "capacity in locations, not capacity."
            )
        if len(custom) != len(remote):
            raise ValueError("An Anywhere fleet's locations must all be custom locations.")
        spots = remote
    elif compute_type == EC2:
        spots = {region: capacity, **remote}
    else:
        raise ValueError(f"compute_type must be 'EC2' or 'ANYWHERE', got {compute_type!r}.")
    if name is not None and (not isinstance(name, str) or not 1 <= len(name) <= 1024):
        raise ValueError(f"name must be a string of 1 to 1024 characters, got {name!r}.")
    if not isinstance(instance_type, str) or instance_type not in _instance_types():
        raise ValueError(
            f"instance_type {instance_type!r} is not an EC2 instance type GameLift offers."
        )
    if not isinstance(tls, bool):
        raise ValueError(f"tls must be True or False, got {tls!r}.")
    declared: dict[str, tuple[Optional[str], Optional[str]]] = {}
    given = arguments.mapping(hosts, "hosts", "{'custom-lab': {'ip_address': '10.0.0.5'}}")
    only_fleet_locations("hosts", given, dict.fromkeys(custom), "custom ")
    for location, host in given.items():
        unknown = set(host) - {"ip_address", "dns_name"} if isinstance(host, Mapping) else None
        if unknown is None or unknown:
            raise ValueError(
                "A host is described by a mapping with 'ip_address' and 'dns_name'; got "
                f"{sorted(unknown) if unknown else host!r}."
            )
        ip, dns = host.get("ip_address"), host.get("dns_name")
        if not all(value is None or (isinstance(value, str) and value) for value in (ip, dns)):
            raise ValueError(
                f"A host's ip_address and dns_name are non-empty strings; got {host!r}."
            )
        declared[location] = (ip, dns)
    settings = FleetSettings(name, instance_type, compute_type, tls, declared)
    return settings, spots


def fleet_source(
    settings: FleetSettings, build_id: Optional[str], script_id: Optional[str]
) -> FleetSettings:
    """The build or script a fleet runs: the one given, or the default build for an EC2
    fleet; none for an Anywhere fleet (its game servers are your own)."""
    build_id, script_id = arguments.build_id(build_id), arguments.script_id(script_id)
    if build_id is not None and script_id is not None:
        raise ValueError("A fleet runs a build or a Realtime script: give build_id or script_id.")
    if settings.compute_type == ANYWHERE:
        if build_id is not None or script_id is not None:
            raise ValueError(
                "An Anywhere fleet runs game servers on your own hosts, not a GameLift build "
                "or script: give neither build_id nor script_id."
            )
        return settings
    if build_id is None and script_id is None:
        build_id = DEFAULT_BUILD_ID
    return settings._replace(build_id=build_id, script_id=script_id)


def only_fleet_locations(
    argument: str, given: Mapping[str, Any], locations: Mapping[str, Any], kind: str = ""
) -> None:
    """A per-location argument (``costs``, ``hosts``) names only locations the fleet has: a
    typo would otherwise be ignored. Raises ValueError naming it and the fleet's locations."""
    for location in given:
        if location not in locations:
            have = ", ".join(repr(loc) for loc in locations) or "none"
            raise ValueError(
                f"{argument} names {location!r}, which is not one of the fleet's {kind}"
                f"locations ({have})."
            )


@functools.cache
def _custom_location_rule() -> tuple[re.Pattern[str], int, int]:
    """The service model's rule for custom location names (CreateLocation's LocationName)."""
    shape = interception._service_model().shape_for("CustomInputLocationStringModel")
    meta = shape.metadata
    pattern = meta["pattern"]  # shown anchored, as validation errors show patterns
    pattern = pattern if pattern.startswith("^") else "^" + pattern
    pattern = pattern if pattern.endswith("$") else pattern + "$"
    return re.compile(pattern), int(meta["min"]), int(meta["max"])


@functools.cache
def _instance_types() -> frozenset[str]:
    shape = interception._service_model().shape_for("EC2InstanceType")
    return frozenset(shape.enum)
