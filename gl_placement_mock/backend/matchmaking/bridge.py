"""From a potential match to a game session placement (FlexMatchMode WITH_QUEUE): the placement
request on the configuration's queue, and the MatchmakerData its game session carries.

The placement is an ordinary one (placement code knows nothing of tickets): its PlacementId is
the matchId, its PlayerLatencies come from the tickets' LatencyInMs, it asks for one player
session per matched player, carries the configuration's GameProperties and GameSessionData,
and MaximumPlayerSessionCount is the sum of maxPlayers over every team (quantity included)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..placements import PlacementRequest
from .resources import AUTOMATIC

if TYPE_CHECKING:
    from .tickets import PotentialMatch

_ATTRIBUTE_TYPES = {
    "S": "STRING",
    "N": "DOUBLE",
    "SL": "STRING_LIST",
    "SDM": "STRING_DOUBLE_MAP",
}
_RULE_SET_TYPES = {
    "string": "STRING",
    "number": "DOUBLE",
    "string_list": "STRING_LIST",
    "string_number_map": "STRING_DOUBLE_MAP",
}


def _attribute(value: dict[str, Any]) -> dict[str, Any]:
    """An AttributeValue of the API as MatchmakerData writes it."""
    for member, kind in _ATTRIBUTE_TYPES.items():
        if member in value:
            raw = value[member]
            if member == "N":
                raw = float(raw)
            elif member == "SL":
                raw = list(dict.fromkeys(raw))
            elif member == "SDM":
                raw = {key: float(number) for key, number in raw.items()}
            return {"attributeType": kind, "valueAttribute": raw}
    # The model requires one member of every AttributeValue.
    return {"attributeType": "STRING", "valueAttribute": ""}  # pragma: no cover


def _default(kind: str, value: Any) -> dict[str, Any]:
    """A rule-set attribute default as MatchmakerData writes it."""
    if isinstance(value, tuple):
        value = list(value)
    elif isinstance(value, dict):
        value = dict(value)
    elif kind == "number":
        value = float(value)
    return {"attributeType": _RULE_SET_TYPES[kind], "valueAttribute": value}


def matchmaker_data(match: PotentialMatch) -> str:
    """The MatchmakerData JSON of ``match``: matchId, the configuration's ARN, every team with
    its players and their attributes (rule-set defaults filled in for attributes a player did
    not send), and the automatic backfill mode (null unless the configuration's BackfillMode
    is AUTOMATIC)."""
    configuration = match.configuration
    rule_set = configuration.parsed_rule_set
    players_of: dict[str, list[dict[str, Any]]] = {name: [] for name in match.team_names}
    for ticket in match.tickets:
        for player in ticket.players:
            player_id = player["PlayerId"]
            sent = player.get("PlayerAttributes") or {}
            attributes = {name: _attribute(value) for name, value in sent.items()}
            for declared in rule_set.player_attributes:
                if declared.name not in attributes and declared.default is not None:
                    attributes[declared.name] = _default(declared.type, declared.default)
            players_of[match.team_of_player[player_id]].append(
                {"playerId": player_id, "attributes": attributes}
            )
    data = {
        "matchId": match.match_id,
        "matchmakingConfigurationArn": configuration.arn,
        "teams": [{"name": name, "players": players_of[name]} for name in match.team_names],
        "autoBackfillMode": AUTOMATIC if configuration.backfill_mode == AUTOMATIC else None,
        "autoBackfillTicketId": None,
    }
    return json.dumps(data, separators=(",", ":"))


def placement_request(match: PotentialMatch) -> PlacementRequest:
    """The placement that puts ``match`` into a game session on its configuration's queue."""
    configuration = match.configuration
    assert configuration.queue_arn is not None
    latencies: list[dict[str, Any]] = []
    desired: list[dict[str, Any]] = []
    for ticket in match.tickets:
        for player in ticket.players:
            player_id = player["PlayerId"]
            desired.append({"PlayerId": player_id})
            for region, latency in (player.get("LatencyInMs") or {}).items():
                latencies.append(
                    {
                        "PlayerId": player_id,
                        "RegionIdentifier": region,
                        "LatencyInMilliseconds": latency,
                    }
                )
    return PlacementRequest(
        placement_id=match.match_id,
        queue=configuration.queue_arn,
        max_players=configuration.parsed_rule_set.max_players,
        properties=[dict(p) for p in configuration.game_properties],
        latencies=latencies,
        desired=desired,
        data=configuration.game_session_data,
        matchmaker_data=matchmaker_data(match),
    )
