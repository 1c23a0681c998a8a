"""StartGameSessionPlacement, StopGameSessionPlacement, DescribeGameSessionPlacement."""

from __future__ import annotations

from typing import Any

from ..backend.errors import invalid_request
from ..backend.placements import FULFILLED, Placement, PlacementRequest
from ..model.bodies import body_length, epoch_length, plain_text
from .context import Call
from .responses import placement_view

_END_TIME = len(',"EndTime":')
# A view with no optional member set, less the values of PlacementId, GameSessionQueueName,
# Status, MaximumPlayerSessionCount and StartTime.
_PLAIN_VIEW = len(
    '{"GameSessionPlacement":{"PlacementId":,"GameSessionQueueName":,"Status":,'
    '"GameProperties":[],"MaximumPlayerSessionCount":,"PlayerLatencies":[],"StartTime":}}'
)
_PLAIN_MEMBERS = 7  # PlacementId to StartTime


def _check_request(params: dict[str, Any]) -> None:
    """Rules about the request itself, checked before any state is read."""
    override = params.get("PriorityConfigurationOverride")
    if params.get("PlayerLatencies") and override is not None:
        raise invalid_request(
            "PlayerLatencies and PriorityConfigurationOverride cannot be used in the same request."
        )
    if override is not None:
        seen: set[str] = set()
        for location in override.get("LocationOrder") or ():
            if location in seen:
                raise invalid_request(
                    f"Location '{location}' is listed more than once in "
                    "PriorityConfigurationOverride.LocationOrder; each location can be listed "
                    "only once."
                )
            seen.add(location)
    desired = params.get("DesiredPlayerSessions") or ()
    maximum = params["MaximumPlayerSessionCount"]
    if len(desired) > maximum:
        raise invalid_request(
            f"DesiredPlayerSessions lists {len(desired)} players, more than "
            f"MaximumPlayerSessionCount ({maximum})."
        )
    players: set[str] = set()
    for entry in desired:
        player = entry.get("PlayerId")
        if player is None:
            raise invalid_request("Every entry in DesiredPlayerSessions needs a PlayerId.")
        if player in players:
            raise invalid_request("DesiredPlayerSessions lists the same PlayerId more than once.")
        players.add(player)


def _answer(call: Call, placement: Placement) -> dict[str, Any]:
    """The answer showing ``placement``, and its body's length. Until a placement is FULFILLED
    its view changes only in Status and EndTime: the length of the rest is counted once."""
    view = placement_view(placement)
    answer = {"GameSessionPlacement": view}
    status = placement.status
    if status == FULFILLED:
        return answer  # its game session shows too: the door counts it all
    end = placement.end
    varying = len(status) + (0 if end is None else _END_TIME + epoch_length(end))
    rest = placement.view_length
    if rest is None:
        rest = placement.view_length = _rest_length(placement, view, answer, varying)
    call.length = rest + varying
    return answer


def _rest_length(
    placement: Placement, view: dict[str, Any], answer: dict[str, Any], varying: int
) -> int:
    """The length of ``answer``'s body less ``varying``: counted member by member for a view
    with no optional member set (the usual one), else written out."""
    if (
        len(view) - ("EndTime" in view) != _PLAIN_MEMBERS
        or view["GameProperties"]
        or view["PlayerLatencies"]
    ):
        return body_length(answer, 200) - varying
    texts = placement.placement_id + placement.queue.name
    if not plain_text(texts):
        return body_length(answer, 200) - varying
    start = placement.start
    millis_length = _start_lengths.get(start)
    if millis_length is None:
        millis_length = _start_length(start)
    players = placement.max_players
    return (
        _PLAIN_VIEW
        + len(texts)
        + 6  # the quotes of both and of Status's value
        + (1 if players < 10 else 2 if players < 100 else len(str(players)))
        + millis_length
    )


# The length of each recent StartTime's text, by epoch (many placements start in one millisecond).
_start_lengths: dict[float, int] = {}


def _start_length(start: float) -> int:
    if len(_start_lengths) >= 256:
        _start_lengths.clear()
    length = _start_lengths[start] = epoch_length(start)
    return length


# PlacementRequest's fields in order, made in C (a named tuple's own ``__new__`` is Python).
_new_request = tuple.__new__


def start_game_session_placement(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    # The request in the parameters (the call's own: the backend keeps them), once the
    # request's own rules hold.
    override = params.get("PriorityConfigurationOverride")
    desired = params.get("DesiredPlayerSessions")
    if override is not None or desired:  # (the rules are about these)
        _check_request(params)
    request: PlacementRequest = _new_request(
        PlacementRequest,
        (
            params["PlacementId"],
            params["GameSessionQueueName"],
            params["MaximumPlayerSessionCount"],
            params.get("GameSessionName"),
            params.get("GameProperties"),
            params.get("PlayerLatencies"),
            desired,
            params.get("GameSessionData"),
            None,
            override,
        ),
    )
    placement = call.backend.placements.start(call.account, call.region, request)
    return _answer(call, placement)


def stop_game_session_placement(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    placement = call.backend.placements.stop(call.account, call.region, params["PlacementId"])
    return _answer(call, placement)


def describe_game_session_placement(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    placement = call.backend.placements.get(call.account, call.region, params["PlacementId"])
    return _answer(call, placement)
