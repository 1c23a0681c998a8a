"""Create, Describe, Update and Delete GameSessionQueue."""

from __future__ import annotations

from typing import Any

from .. import regions
from ..backend import arns
from ..backend.errors import invalid_request
from ..backend.queues import Queue
from .context import Call
from .responses import paginate, queue_view


def _ordinal(queue: Queue) -> int:
    return queue.ordinal


def _check_destination_regions(params: dict[str, Any]) -> None:
    """A destination ARN must name a Region GameLift is offered in (the same Regions
    ``add_fleet`` accepts): a typo such as ``us-west-22`` would otherwise stand in for a fleet
    there and take placements."""
    for destination in params.get("Destinations") or ():
        parsed = arns.parse_destination(str(destination.get("DestinationArn")))
        if parsed is not None and not regions.is_known(parsed.region):
            raise invalid_request(
                f"Destination '{destination['DestinationArn']}' names Region "
                f"'{parsed.region}', which is not a Region GameLift is offered in."
            )


def create_game_session_queue(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    _check_destination_regions(params)
    queue = call.backend.queues.create_queue(call.account, call.region, params)
    return {"GameSessionQueue": queue_view(queue)}


def describe_game_session_queues(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    backend = call.backend
    names = params.get("Names")
    if names is None:
        queues = list(backend.account(call.account).region(call.region).queues.values())
    else:
        found = (backend.queues.queue_by_ref(call.account, call.region, name) for name in names)
        queues = list({id(q): q for q in found if q is not None}.values())
    # Listed by name, the order is the request's: a token is then a position.
    rank = _ordinal if names is None else None
    page, token = paginate(
        queues, params.get("Limit"), params.get("NextToken"), "GameSessionQueues", rank
    )
    response: dict[str, Any] = {"GameSessionQueues": [queue_view(q) for q in page]}
    if token is not None:
        response["NextToken"] = token
    return response


def update_game_session_queue(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    _check_destination_regions(params)
    queue = call.backend.queues.update_queue(call.account, call.region, params)
    return {"GameSessionQueue": queue_view(queue)}


def delete_game_session_queue(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.backend.queues.delete_queue(call.account, call.region, params["Name"])
    return {}
