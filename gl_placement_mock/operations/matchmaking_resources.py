"""Create, Describe, Update and Delete MatchmakingConfiguration(s); Create, Describe, Validate
and Delete MatchmakingRuleSet(s)."""

from __future__ import annotations

from typing import Any

from ..backend.errors import invalid_request
from ..backend.matchmaking.resources import MatchmakingConfiguration, MatchmakingRuleSet
from ..model.validation import format_errors
from .context import Call
from .responses import configuration_view, paginate, rule_set_view

# DescribeMatchmakingConfigurations' Limit: "This parameter is limited to 10" (the model has no
# maximum, so the client lets a larger one through).
MAX_CONFIGURATIONS_LIMIT = 10


def _created(resource: MatchmakingConfiguration | MatchmakingRuleSet) -> int:
    return resource.order


def create_matchmaking_configuration(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    configuration = call.backend.matchmaking.create_configuration(call.account, call.region, params)
    return {"Configuration": configuration_view(configuration)}


def describe_matchmaking_configurations(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    limit = params.get("Limit")
    if limit is not None and limit > MAX_CONFIGURATIONS_LIMIT:
        raise invalid_request(
            format_errors(
                [
                    f"Value '{limit}' at 'limit' failed to satisfy constraint: Member must have "
                    f"value less than or equal to {MAX_CONFIGURATIONS_LIMIT}"
                ]
            )
        )
    store = call.backend.matchmaking
    names = params.get("Names")
    if names is None:
        found = store.configurations(call.account, call.region)
    else:
        given = (store.configuration(call.account, call.region, name) for name in names)
        found = list({id(c): c for c in given if c is not None}.values())
    rule_set_name = params.get("RuleSetName")
    if rule_set_name is not None:
        rule_set = store.rule_set(call.account, call.region, rule_set_name)
        found = [c for c in found if c.rule_set is rule_set]
    # Listed by name, the order is the request's: a token is then a position.
    rank = _created if names is None else None
    page, token = paginate(found, limit, params.get("NextToken"), "Configurations", rank)
    response: dict[str, Any] = {"Configurations": [configuration_view(c) for c in page]}
    if token is not None:
        response["NextToken"] = token
    return response


def update_matchmaking_configuration(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    configuration = call.backend.matchmaking.update_configuration(call.account, call.region, params)
    return {"Configuration": configuration_view(configuration)}


def delete_matchmaking_configuration(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.backend.matchmaking.delete_configuration(call.account, call.region, params["Name"])
    return {}


def create_matchmaking_rule_set(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    rule_set = call.backend.matchmaking.create_rule_set(call.account, call.region, params)
    return {"RuleSet": rule_set_view(rule_set)}


def describe_matchmaking_rule_sets(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    store = call.backend.matchmaking
    names = params.get("Names")
    if names is None:
        found = store.rule_sets(call.account, call.region)
    else:
        given = [store.require_rule_set(call.account, call.region, name) for name in names]
        found = list({id(r): r for r in given}.values())
    rank = _created if names is None else None
    page, token = paginate(found, params.get("Limit"), params.get("NextToken"), "RuleSets", rank)
    response: dict[str, Any] = {"RuleSets": [rule_set_view(r) for r in page]}
    if token is not None:
        response["NextToken"] = token
    return response


def validate_matchmaking_rule_set(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.backend.matchmaking.validate_rule_set(params["RuleSetBody"])
    return {"Valid": True}


def delete_matchmaking_rule_set(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.backend.matchmaking.delete_rule_set(call.account, call.region, params["Name"])
    return {}
