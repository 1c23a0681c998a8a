"""TagResource, UntagResource, ListTagsForResource: tags on queues, fleets, aliases, matchmaking
configurations and rule sets."""

from __future__ import annotations

from typing import Any

from ..backend import tags
from ..backend.errors import invalid_request, not_found
from .context import Call


def _tags_of(call: Call, arn: str) -> list[dict[str, Any]]:
    backend, account, region = call.backend, call.account, call.region
    if not arn.startswith("arn:"):
        raise invalid_request(f"'{arn}' is not an ARN.")
    resource = backend.queues.queue_by_arn(account, region, arn)
    if resource is None:
        resource = backend.fleets.tagged_resource(account, region, arn)
    if resource is None:
        resource = backend.matchmaking.tagged_resource(account, region, arn)
    if resource is None:
        raise not_found(f"Resource '{arn}' does not exist.")
    found: list[dict[str, Any]] = resource.tags
    return found


def tag_resource(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    tags.add_tags(_tags_of(call, params["ResourceARN"]), params["Tags"])
    return {}


def untag_resource(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    tags.remove_tags(_tags_of(call, params["ResourceARN"]), params["TagKeys"])
    return {}


def list_tags_for_resource(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    return {"Tags": [dict(tag) for tag in _tags_of(call, params["ResourceARN"])]}
