"""ListFleets, DescribeFleetAttributes, DescribeFleetCapacity, DescribeFleetLocationAttributes,
DescribeFleetLocationCapacity, DescribeAlias, ListAliases, ResolveAlias."""

from __future__ import annotations

from typing import Any, Optional

from ..backend import arns
from ..backend.errors import not_found
from ..backend.fleets import (
    ACTIVE,
    ANYWHERE,
    BUILD,
    SCRIPT,
    SIMPLE,
    TERMINAL,
    Alias,
    Fleet,
    FleetLocation,
)
from .context import Call
from .responses import page, timestamp

_NO_INSTANCES = {
    "DESIRED": 0,
    "MINIMUM": 0,
    "MAXIMUM": 0,
    "PENDING": 0,
    "ACTIVE": 0,
    "IDLE": 0,
    "TERMINATING": 0,
}


def fleet_attributes_view(fleet: Fleet) -> dict[str, Any]:
    settings = fleet.settings
    view: dict[str, Any] = {
        "FleetId": fleet.fleet_id,
        "FleetArn": fleet.arn,
        "Name": settings.name or fleet.fleet_id,
        "CreationTime": timestamp(fleet.created),
        "Status": ACTIVE,
        "NewGameSessionProtectionPolicy": "NoProtection",
        "MetricGroups": ["default"],
        "CertificateConfiguration": {
            "CertificateType": "GENERATED" if settings.tls else "DISABLED"
        },
        "ComputeType": settings.compute_type,
    }
    if settings.compute_type != ANYWHERE:
        view["FleetType"] = "ON_DEMAND"
        view["InstanceType"] = settings.instance_type
    partition = fleet.arn.split(":", 2)[1]
    if settings.build_id is not None:
        view["BuildId"] = settings.build_id
        view["BuildArn"] = arns.build_arn(fleet.home_region, settings.build_id, partition)
    if settings.script_id is not None:
        view["ScriptId"] = settings.script_id
        view["ScriptArn"] = arns.script_arn(fleet.home_region, settings.script_id, partition)
    return view


def instance_counts(slot: Optional[FleetLocation]) -> dict[str, int]:
    """A location's capacity as EC2 instance counts: one instance per game session it can host
    at once, IDLE the ones not hosting one. An unlimited location shows one idle instance more
    than it uses."""
    if slot is None:
        return dict(_NO_INSTANCES)
    used = slot.used
    if slot.capacity is None:
        desired = active = used + 1
    else:
        desired = slot.capacity
        active = max(slot.capacity, used)
    return {
        "DESIRED": desired,
        "MINIMUM": 0,
        "MAXIMUM": active,
        "PENDING": 0,
        "ACTIVE": active,
        "IDLE": active - used,
        "TERMINATING": 0,
    }


def fleet_capacity_view(fleet: Fleet, location: str) -> dict[str, Any]:
    view: dict[str, Any] = {"FleetId": fleet.fleet_id, "FleetArn": fleet.arn}
    if fleet.settings.compute_type != ANYWHERE:
        view["InstanceType"] = fleet.settings.instance_type
    view["InstanceCounts"] = instance_counts(fleet.locations.get(location))
    view["Location"] = location
    return view


def routing_strategy_view(alias: Alias) -> dict[str, Any]:
    if alias.fleet is None:
        return {"Type": TERMINAL, "Message": alias.message}
    return {"Type": SIMPLE, "FleetId": alias.fleet.fleet_id}


def alias_view(alias: Alias) -> dict[str, Any]:
    created = timestamp(alias.created)
    return {
        "AliasId": alias.alias_id,
        "Name": alias.name,
        "AliasArn": alias.arn,
        "RoutingStrategy": routing_strategy_view(alias),
        "CreationTime": created,
        "LastUpdatedTime": created,
    }


def _fleets(call: Call, params: dict[str, Any]) -> tuple[list[Fleet], bool]:
    """The fleets a request names (unknown ones left out), or all of them; and whether the
    request named them (then Limit and NextToken are ignored, as documented)."""
    backend, account, region = call.backend, call.account, call.region
    refs = params.get("FleetIds")
    if refs is None:
        return backend.fleets.declared_fleets(account, region), False
    found = (backend.fleets.find_fleet(account, region, ref) for ref in refs)
    named = {id(f): f for f in found if f is not None and not f.implicit}
    return list(named.values()), True


def list_fleets(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    fleets = backend.fleets.declared_fleets(account, region)
    for kind, member in ((BUILD, "BuildId"), (SCRIPT, "ScriptId")):
        ref = params.get(member)
        if ref is not None:  # by id or ARN
            artifacts = backend.fleets.artifacts(account, region, kind)
            named = {a.artifact_id for a in artifacts if ref in (a.artifact_id, a.arn)}
            fleets = [f for f in fleets if f.settings.runs(kind) in named]
    return page(params, "FleetIds", [f.fleet_id for f in fleets])


def describe_fleet_attributes(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    fleets, named = _fleets(call, params)
    views = [fleet_attributes_view(f) for f in fleets]
    if named:
        return {"FleetAttributes": views}
    return page(params, "FleetAttributes", views)


def describe_fleet_capacity(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    fleets, named = _fleets(call, params)
    views = [fleet_capacity_view(f, f.home_region) for f in fleets]
    if named:
        return {"FleetCapacity": views}
    return page(params, "FleetCapacity", views)


def _declared_fleet(call: Call, ref: str) -> Fleet:
    backend, account, region = call.backend, call.account, call.region
    fleet = backend.fleets.find_fleet(account, region, ref)
    if fleet is None or fleet.implicit:
        raise not_found(f"Fleet '{ref}' does not exist.")
    return fleet


def describe_fleet_location_attributes(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """The fleet's remote (or custom) locations, never the home Region; the ones requested in
    the order requested, those the fleet lacks left out (all documented)."""
    fleet = _declared_fleet(call, params["FleetId"])
    remote = [loc for loc in fleet.locations if loc != fleet.home_region]
    wanted = params.get("Locations")
    if wanted is not None:
        remote = [loc for loc in dict.fromkeys(wanted) if loc in remote]
    views = [{"LocationState": {"Location": loc, "Status": ACTIVE}} for loc in remote]
    response = page(params, "LocationAttributes", views)
    return {"FleetId": fleet.fleet_id, "FleetArn": fleet.arn, **response}


def describe_fleet_location_capacity(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """The home Region or a remote location; "capacity objects are returned only for fleets and
    locations that currently exist", so a location the fleet lacks gets none."""
    fleet = _declared_fleet(call, params["FleetId"])
    location = params["Location"]
    if location != fleet.home_region and location not in fleet.locations:
        return {}
    return {"FleetCapacity": fleet_capacity_view(fleet, location)}


def describe_alias(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    return {"Alias": alias_view(backend.fleets.alias_by_ref(account, region, params["AliasId"]))}


def list_aliases(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    aliases = [a for a in backend.account(account).aliases.values() if a.region == region]
    routing = params.get("RoutingStrategyType")
    if routing is not None:
        aliases = [a for a in aliases if a.routing_type == routing]
    name = params.get("Name")
    if name is not None:
        aliases = [a for a in aliases if a.name == name]
    return page(params, "Aliases", [alias_view(a) for a in aliases])


def resolve_alias(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend, account, region = call.backend, call.account, call.region
    fleet = backend.fleets.alias_by_ref(account, region, params["AliasId"]).routed_fleet()
    return {"FleetId": fleet.fleet_id, "FleetArn": fleet.arn}
