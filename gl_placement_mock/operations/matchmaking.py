"""StartMatchmaking, StopMatchmaking, DescribeMatchmaking and AcceptMatch: matchmaking tickets.

The service checks what the model cannot (botocore lets them through), each answered as an
InvalidRequestException: at most 10 Players and 10 TicketIds, every Player with a PlayerId, at
most 10 PlayerAttributes, an AttributeValue with exactly one member."""

from __future__ import annotations

import functools
from typing import Any

from ..backend.errors import invalid_request
from ..backend.matchmaking.tickets import COMPLETED, MatchmakingTicket
from ..model import service_model
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
    return {"MatchmakingTicket": ticket_view(ticket)}


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
