"""StartMatchmaking, StopMatchmaking, DescribeMatchmaking and AcceptMatch: matchmaking tickets.

The service checks what the model cannot (botocore lets them through), each answered as an
InvalidRequestException: at most 10 Players and 10 TicketIds, every Player with a PlayerId, at
most 10 PlayerAttributes, an AttributeValue with exactly one member."""

from __future__ import annotations

import functools
import math
from typing import Any, Optional

from ..backend.errors import invalid_request
from ..backend.matchmaking.tickets import COMPLETED, MatchmakingTicket
from ..model import service_model
from ..model.bodies import plain_text, timestamp_length
from ..model.validation import format_errors
from .context import Call
from .responses import timestamp

MAX_PLAYERS = 10
MAX_TICKET_IDS = 10
MAX_PLAYER_ATTRIBUTES = 10
_ATTRIBUTE_MEMBERS = ("S", "N", "SL", "SDM")


def _too_many(path: str, limit: int) -> Exception:
    # The values are lists of structures (or player ids): never printed.
    return invalid_request(
        format_errors(
            [
                f"Value at '{path}' failed to satisfy constraint: Member must have length "
                f"less than or equal to {limit}"
            ]
        )
    )


def _check_players(players: list[dict[str, Any]]) -> None:
    if not players:
        raise invalid_request(
            format_errors(
                [
                    "Value at 'players' failed to satisfy constraint: Member must have length "
                    "greater than or equal to 1"
                ]
            )
        )
    if len(players) > MAX_PLAYERS:
        raise _too_many("players", MAX_PLAYERS)
    for index, player in enumerate(players, 1):
        if not player.get("PlayerId"):
            raise invalid_request(
                format_errors(
                    [
                        f"Value null at 'players.{index}.member.playerId' failed to satisfy "
                        "constraint: Member must not be null"
                    ]
                )
            )
        attributes = player.get("PlayerAttributes") or {}
        if len(attributes) > MAX_PLAYER_ATTRIBUTES:
            raise _too_many(f"players.{index}.member.playerAttributes", MAX_PLAYER_ATTRIBUTES)
        for value in attributes.values():
            if len(value) == 1 and None not in value.values():
                continue  # (the model knows no other member: it is one of the four)
            members = [member for member in _ATTRIBUTE_MEMBERS if value.get(member) is not None]
            if len(members) != 1:
                # Attribute names are sensitive (they are keys of a player's attributes).
                raise invalid_request(
                    f"Each attribute in players.{index}.member.playerAttributes must have "
                    f"exactly one of S, N, SL or SDM; one has {len(members)}."
                )


def _attribute_view(value: dict[str, Any]) -> dict[str, Any]:
    """An AttributeValue for an answer: its members (the model's, all the request could hold),
    a string list (SL) or string-to-double map (SDM) copied, so that changing the answer
    changes nothing the mock keeps."""
    view = dict(value)
    strings = view.get("SL")
    if strings is not None:
        view["SL"] = list(strings)
    doubles = view.get("SDM")
    if doubles is not None:
        view["SDM"] = dict(doubles)
    return view


def _player_view(player: dict[str, Any], team: str | None) -> dict[str, Any]:
    view: dict[str, Any] = {"PlayerId": player["PlayerId"]}
    if player.get("PlayerAttributes"):
        view["PlayerAttributes"] = {
            name: _attribute_view(value) for name, value in player["PlayerAttributes"].items()
        }
    if team is not None:
        view["Team"] = team
    elif player.get("Team") is not None:
        view["Team"] = player["Team"]
    if player.get("LatencyInMs"):
        view["LatencyInMs"] = dict(player["LatencyInMs"])
    return view


def ticket_view(ticket: MatchmakingTicket) -> dict[str, Any]:
    """The MatchmakingTicket structure; Players carry their match team once COMPLETED."""
    match = ticket.match if ticket.status == COMPLETED else None
    view: dict[str, Any] = {
        "TicketId": ticket.ticket_id,
        "ConfigurationName": ticket.configuration.name,
        "ConfigurationArn": ticket.configuration.arn,
        "Status": ticket.status,
    }
    if ticket.status_reason is not None:
        view["StatusReason"] = ticket.status_reason
    if ticket.status_message is not None:
        view["StatusMessage"] = ticket.status_message
    view["StartTime"] = timestamp(ticket.start)
    if ticket.end is not None:
        view["EndTime"] = timestamp(ticket.end)
    view["Players"] = [
        _player_view(
            player, match.team_of_player[player["PlayerId"]] if match is not None else None
        )
        for player in ticket.players
    ]
    if ticket.connection is not None:
        connection = dict(ticket.connection)
        connection["MatchedPlayerSessions"] = [
            dict(entry) for entry in connection["MatchedPlayerSessions"]
        ]
        if _gateway_status_modelled():
            # The mock's fleets have no player gateway.
            connection["PlayerGatewayStatus"] = "DISABLED"
        view["GameSessionConnectionInfo"] = connection
    return view


@functools.cache
def _gateway_status_modelled() -> bool:
    """Whether the installed botocore's model has GameSessionConnectionInfo's
    PlayerGatewayStatus (added in 2025): an older client is never answered a member it does
    not know."""
    shape = service_model().shape_for("GameSessionConnectionInfo")
    return "PlayerGatewayStatus" in shape.members


def start_matchmaking(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    players = params["Players"]  # (the call's own: the ticket keeps them)
    _check_players(players)
    ticket = call.backend.tickets.start(
        call.account, call.region, params["ConfigurationName"], players, params.get("TicketId")
    )
    view = ticket_view(ticket)
    call.length = _new_ticket_length(view)
    return {"MatchmakingTicket": view}


# A new ticket's answer, counted member by member rather than written out (the door's way, which
# costs several times as much for this nesting): its members, in the order ``ticket_view``
# gives them; each player's; and the JSON around their values.
_NEW_TICKET = (
    "TicketId",
    "ConfigurationName",
    "ConfigurationArn",
    "Status",
    "StartTime",
    "Players",
)
_NEW_TICKET_FRAME = len(
    '{"MatchmakingTicket":{"TicketId":,"ConfigurationName":,"ConfigurationArn":,"Status":,'
    '"StartTime":,"Players":[]}}'
)
_PLAYER_FRAME = len('{"PlayerId":}')
_ATTRIBUTES_FRAME = len(',"PlayerAttributes":{}')
_LATENCIES_FRAME = len(',"LatencyInMs":{}')
_VALUE_FRAME = len('{"S":}')  # or {"N":}


def _new_ticket_length(view: dict[str, Any]) -> Optional[int]:
    """The length of ``{"MatchmakingTicket": view}``'s JSON body for a ticket as StartMatchmaking
    answers it, when every text in it is written as it is and every attribute is one S or N;
    else None (the door writes the body to count it)."""
    if tuple(view) != _NEW_TICKET:
        return None
    texts = [view["TicketId"], view["ConfigurationName"], view["ConfigurationArn"], view["Status"]]
    players = view["Players"]
    if not players:
        return None
    length = _NEW_TICKET_FRAME + timestamp_length(view["StartTime"]) + len(players) - 1
    for player in players:
        texts.append(player["PlayerId"])
        length += _PLAYER_FRAME
        if len(player) == 1:
            continue
        attributes = player.get("PlayerAttributes")
        latencies = player.get("LatencyInMs")
        if len(player) != 1 + (attributes is not None) + (latencies is not None):
            return None
        if attributes is not None:
            # Each: the name's ":", the value's braces and member name, and a "," between two.
            length += _ATTRIBUTES_FRAME + len(attributes) * (_VALUE_FRAME + 2) - 1
            for name, value in attributes.items():
                texts.append(name)
                if len(value) != 1:
                    return None
                text = value.get("S")
                if text is not None:
                    texts.append(text)
                    continue
                number = value.get("N")
                if type(number) is not float or not math.isfinite(number):
                    return None
                length += len(repr(number))
        if latencies is not None:
            length += _LATENCIES_FRAME + 2 * len(latencies) - 1  # ":" and ","
            for region, latency in latencies.items():
                if type(latency) is not int:
                    return None
                texts.append(region)
                length += len(str(latency))
    joined = "".join(texts)
    if not plain_text(joined):
        return None
    return length + len(joined) + 2 * len(texts)


def stop_matchmaking(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.backend.tickets.stop(call.account, call.region, params["TicketId"])
    return {}


def describe_matchmaking(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    ticket_ids = params["TicketIds"]
    if len(ticket_ids) > MAX_TICKET_IDS:
        raise invalid_request(
            format_errors(
                [
                    f"Value '{ticket_ids}' at 'ticketIds' failed to satisfy constraint: Member "
                    f"must have length less than or equal to {MAX_TICKET_IDS}"
                ]
            )
        )
    store = call.backend.tickets
    found = []
    for ticket_id in dict.fromkeys(ticket_ids):
        ticket = store.get(call.account, call.region, ticket_id)
        if ticket is not None:
            found.append(ticket_view(ticket))
    return {"TicketList": found}


def accept_match(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.backend.tickets.accept(
        call.account,
        call.region,
        params["TicketId"],
        params["PlayerIds"],
        params["AcceptanceType"] == "ACCEPT",
    )
    return {}
