"""Matchmaking events in the EventBridge format FlexMatch publishes (detail-type ``GameLift
Matchmaking Event``): the envelope, and the ``detail`` of each of the eight types.

Every event names the configuration's ARN in ``resources``; ``detail.tickets`` lists the
tickets it is about (``ticketId``, ``startTime``, ``players``) and ``detail.gameSessionInfo``
their players flattened; ``customEventData`` is added when the configuration has it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Optional

from ..arns import random_uuid, random_uuid_bytes, uuid_text
from ..clock import iso_millis

if TYPE_CHECKING:
    from .resources import MatchmakingConfiguration
    from .tickets import MatchmakingTicket, PotentialMatch

DETAIL_TYPE = "GameLift Matchmaking Event"

SEARCHING = "MatchmakingSearching"
POTENTIAL_MATCH_CREATED = "PotentialMatchCreated"
ACCEPT_MATCH = "AcceptMatch"
ACCEPT_MATCH_COMPLETED = "AcceptMatchCompleted"
SUCCEEDED = "MatchmakingSucceeded"
TIMED_OUT = "MatchmakingTimedOut"
CANCELLED = "MatchmakingCancelled"
FAILED = "MatchmakingFailed"

EVENT_TYPES = (
    SEARCHING,
    POTENTIAL_MATCH_CREATED,
    ACCEPT_MATCH,
    ACCEPT_MATCH_COMPLETED,
    SUCCEEDED,
    TIMED_OUT,
    CANCELLED,
    FAILED,
)

# Documented wording (the event pages' examples).
TIMED_OUT_REASON = "TimedOut"
TIMED_OUT_MESSAGE = "Removed from matchmaking due to timing out."
CANCELLED_REASON = "Cancelled"
CANCELLED_MESSAGE = "Cancelled by request."
FAILED_REASON = "UNEXPECTED_ERROR"
FAILED_MESSAGE = "An unexpected error was encountered during match placing."


def _player(
    ticket: MatchmakingTicket,
    player_id: str,
    match: Optional[PotentialMatch],
    sessions: Optional[dict[str, str]],
    accepted: bool,
) -> dict[str, Any]:
    entry: dict[str, Any] = {"playerId": player_id}
    if match is not None:
        entry["team"] = match.team_of_player[player_id]
        if accepted:
            answer = match.answers.get(player_id)
            if answer is not None:
                entry["accepted"] = answer
    if sessions is not None and player_id in sessions:
        entry["playerSessionId"] = sessions[player_id]
    return entry


def detail(
    kind: str,
    tickets: Iterable[MatchmakingTicket],
    *,
    match: Optional[PotentialMatch] = None,
    sessions: Optional[dict[str, str]] = None,
    accepted: bool = False,
) -> dict[str, Any]:
    """The common part of an event's detail: ``tickets``, ``type``, ``gameSessionInfo``.

    ``match``: players carry their ``team``; ``sessions`` (player id -> player session id):
    players carry ``playerSessionId``; ``accepted``: players carry their answer (if given)."""
    listed = []
    everyone: list[dict[str, Any]] = []
    for ticket in tickets:
        players = [
            _player(ticket, player_id, match, sessions, accepted) for player_id in ticket.player_ids
        ]
        everyone.extend(dict(player) for player in players)
        start = ticket.iso_start
        if start is None:
            start = ticket.iso_start = iso_millis(ticket.start)
        listed.append({"ticketId": ticket.ticket_id, "startTime": start, "players": players})
    return {"tickets": listed, "type": kind, "gameSessionInfo": {"players": everyone}}


def rule_metrics(configuration: MatchmakingConfiguration, passed: int) -> list[dict[str, Any]]:
    """``ruleEvaluationMetrics``: every rule of the rule set by name, ``passed`` passes each."""
    return [
        {"ruleName": rule.name, "passedCount": passed, "failedCount": 0}
        for rule in configuration.parsed_rule_set.rules
    ]


def envelope(
    configuration: MatchmakingConfiguration, at: float, body: dict[str, Any]
) -> dict[str, Any]:
    """The whole event for ``body`` (a detail), at ``at``, about ``configuration``."""
    if configuration.custom_event_data is not None:
        body["customEventData"] = configuration.custom_event_data
    return {
        "version": "0",
        "id": random_uuid(),
        "detail-type": DETAIL_TYPE,
        "source": "aws.gamelift",
        "account": configuration.account,
        "time": iso_millis(at),
        "region": configuration.region,
        "resources": [configuration.arn],
        "detail": body,
    }


def searching_values(ticket: MatchmakingTicket, at: float) -> tuple[Any, ...]:
    """What ``build_searching_event`` makes the MatchmakingSearching event of ``ticket`` at
    ``at`` from, at any time later: the values of this moment (the event id drawn now)."""
    configuration = ticket.configuration
    return (
        ticket.ticket_id,
        ticket.start,
        tuple(ticket.player_ids),
        at,
        configuration.custom_event_data,
        configuration.account,
        configuration.region,
        configuration.arn,
        random_uuid_bytes(),
    )


def describe_searching_event(ticket_id: str, *values: Any) -> tuple[str, str]:
    """For log messages, from ``searching_values``: the ticket, and whose event it is (never a
    sensitive value)."""
    return f"ticket {ticket_id}", f"matchmaking event of configuration {values[6]}"


def build_searching_event(
    ticket_id: str,
    start: float,
    player_ids: tuple[str, ...],
    at: float,
    custom_event_data: Optional[str],
    account: str,
    region: str,
    arn: str,
    id_bytes: bytes,
) -> dict[str, Any]:
    """The envelope ``envelope(configuration, at, detail(SEARCHING, [ticket]) + estimate)``
    would give, from ``searching_values``."""
    body: dict[str, Any] = {
        "tickets": [
            {
                "ticketId": ticket_id,
                "startTime": iso_millis(start),
                "players": [{"playerId": player_id} for player_id in player_ids],
            }
        ],
        "type": SEARCHING,
        "gameSessionInfo": {"players": [{"playerId": player_id} for player_id in player_ids]},
        "estimatedWaitMillis": "NOT_AVAILABLE",
    }
    if custom_event_data is not None:
        body["customEventData"] = custom_event_data
    return {
        "version": "0",
        "id": uuid_text(id_bytes),
        "detail-type": DETAIL_TYPE,
        "source": "aws.gamelift",
        "account": account,
        "time": iso_millis(at),
        "region": region,
        "resources": [arn],
        "detail": body,
    }
