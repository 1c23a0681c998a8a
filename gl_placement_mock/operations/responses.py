"""Turning backend objects into the response structures the GameLift API returns."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import time
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence, TypeVar

from dateutil.tz import tzlocal

from ..backend.errors import invalid_request
from ..backend.placements import FULFILLED, Placement
from ..backend.queues import Queue
from ..backend.sessions import GameSession, PlayerSession

if TYPE_CHECKING:
    from ..backend.matchmaking.resources import MatchmakingConfiguration, MatchmakingRuleSet

T = TypeVar("T")
_UTC = timezone.utc
_SPAN = 900  # seconds; zones change offset only on quarter-hour boundaries
_Shift = Optional["tuple[timedelta, int]"]
_UNKNOWN: _Shift = (timedelta(0), -1)  # a quarter hour not worked out yet
# The real class, in a tuple: freezegun puts its own class in place of every module attribute
# that is the real one (this module's ``datetime`` too) while time is frozen.
_REAL_DATETIME = (datetime,)


class LocalTimestamps:
    """``datetime.fromtimestamp(epoch, tz)`` for a dateutil ``tzlocal`` (what botocore's default
    parser makes of an epoch timestamp on the wire), exactly, at a fraction of the cost.

    dateutil works out the offset and fold in Python on every conversion. Both are constant
    within each quarter hour of UTC, so they are worked out once per quarter hour (from dateutil
    itself, at both ends; a quarter hour whose ends disagree is converted by dateutil every time)
    together with the local datetime of the quarter hour's start; a time within it is that
    datetime plus the seconds since (exact: the difference of two such epochs is exact in
    floating point, and is rounded to the microsecond as ``fromtimestamp`` rounds). The datetimes
    made are kept by epoch (a placement's StartTime is answered on every call that shows it),
    the most recent few hundred.

    Without ``tz``, the zone is the process's local zone at the moment of each call, as for
    botocore's parser (which makes a new ``tzlocal()`` each time): after ``TZ`` changes and
    ``time.tzset()`` (which replaces ``time.tzname``), the zone and what was learnt are renewed.
    """

    def __init__(self, tz: Optional[tzinfo] = None) -> None:
        self._follow = tz is None
        self._zone = time.tzname
        self._tz = tzlocal() if tz is None else tz
        self._shifts: dict[int, _Shift] = {}
        self._starts: dict[int, datetime] = {}  # by quarter hour: its start, local
        self._made: dict[float, datetime] = {}

    def __call__(self, epoch: float) -> datetime:
        if self._follow and time.tzname is not self._zone:
            self._zone = time.tzname
            self._tz = tzlocal()
            self._shifts = {}
            self._starts = {}
            self._made = {}
        made = self._made.get(epoch)
        if made is not None:
            return made
        made = self._convert(epoch)
        # Not one made while freezegun has time frozen (its FakeDatetime, which it also puts
        # in place of this module's ``datetime`` meanwhile): kept, it would outlive the freeze.
        if type(made).__module__ == "datetime":
            if len(self._made) >= 256:
                self._made.clear()
            self._made[epoch] = made
        return made

    def _convert(self, epoch: float) -> datetime:
        span = int(epoch // _SPAN)
        shift = self._shifts.get(span, _UNKNOWN)
        if shift is _UNKNOWN:
            shift = self._learn(span)
        if shift is None:
            return datetime.fromtimestamp(epoch, self._tz)
        offset, fold = shift
        if fold == 0 and datetime is _REAL_DATETIME[0]:
            # The quarter hour's start, made once; adding a timedelta keeps zone and fold 0
            # (``replace`` costs several times as much).
            start = self._starts.get(span)
            if start is None:
                start = self._starts[span] = (
                    datetime.fromtimestamp(span * _SPAN, _UTC) + offset
                ).replace(tzinfo=self._tz)
            return start + timedelta(0, epoch - span * _SPAN)
        return (datetime.fromtimestamp(epoch, _UTC) + offset).replace(tzinfo=self._tz, fold=fold)

    def _learn(self, span: int) -> _Shift:
        if len(self._shifts) >= 4096:
            self._shifts.clear()
            self._starts.clear()
        ends: list[_Shift] = []
        for edge in (span * _SPAN, span * _SPAN + _SPAN - 1):
            try:
                local = datetime.fromtimestamp(edge, self._tz)
                utc = datetime.fromtimestamp(edge, _UTC)
            except (OverflowError, OSError, ValueError):
                ends.append(None)
                continue
            ends.append((local.replace(tzinfo=None) - utc.replace(tzinfo=None), local.fold))
        shift = ends[0] if ends[0] is not None and ends[0] == ends[1] else None
        self._shifts[span] = shift
        return shift


timestamp: Callable[[float], datetime] = LocalTimestamps().__call__
"""The datetime botocore's default parser makes from an epoch timestamp on the wire (the
converter's bound method: calling an instance looks ``__call__`` up every time)."""


def placement_view(placement: Placement) -> dict[str, Any]:
    view: dict[str, Any] = {
        "PlacementId": placement.placement_id,
        "GameSessionQueueName": placement.queue.name,
        "Status": placement.status,
        "GameProperties": [dict(p) for p in placement.properties] if placement.properties else [],
        "MaximumPlayerSessionCount": placement.max_players,
        "PlayerLatencies": [
            {**entry, "LatencyInMilliseconds": float(entry["LatencyInMilliseconds"])}
            if "LatencyInMilliseconds" in entry
            else dict(entry)
            for entry in placement.latencies
        ]
        if placement.latencies
        else [],
        "StartTime": timestamp(placement.start),
    }
    if placement.name is not None:
        view["GameSessionName"] = placement.name
    if placement.data is not None:
        view["GameSessionData"] = placement.data
    if placement.matchmaker_data is not None:
        view["MatchmakerData"] = placement.matchmaker_data
    if placement.override is not None:
        view["PriorityConfigurationOverride"] = {
            key: list(value) if isinstance(value, list) else value
            for key, value in placement.override.items()
        }
    if placement.end is not None:
        view["EndTime"] = timestamp(placement.end)
    session = placement.game_session
    if placement.status == FULFILLED and session is not None:
        view["GameSessionId"] = session.game_session_id
        view["GameSessionArn"] = session.game_session_id
        view["GameSessionRegion"] = session.location
        _add_address(view, session)
        view["Port"] = session.port
        view["PlacedPlayerSessions"] = [
            {"PlayerId": player, "PlayerSessionId": psess}
            for player, psess in placement.placed_sessions
        ]
    return view


def _add_address(view: dict[str, Any], session: GameSession) -> None:
    """IpAddress and DnsName, each when the session has one (a host in a custom location may
    have declared neither)."""
    if session.ip_address is not None:
        view["IpAddress"] = session.ip_address
    if session.dns_name is not None:
        view["DnsName"] = session.dns_name


def queue_view(queue: Queue) -> dict[str, Any]:
    view: dict[str, Any] = {
        "Name": queue.name,
        "GameSessionQueueArn": queue.arn,
        "TimeoutInSeconds": queue.timeout,
        "PlayerLatencyPolicies": [dict(p) for p in queue.latency_policies],
        "Destinations": [{"DestinationArn": arn} for arn in queue.destinations],
    }
    if queue.allowed_locations is not None:
        view["FilterConfiguration"] = {"AllowedLocations": list(queue.allowed_locations)}
    if queue.priority_order is not None or queue.location_order is not None:
        priority: dict[str, Any] = {}
        if queue.priority_order is not None:
            priority["PriorityOrder"] = list(queue.priority_order)
        if queue.location_order is not None:
            priority["LocationOrder"] = list(queue.location_order)
        view["PriorityConfiguration"] = priority
    if queue.custom_event_data is not None:
        view["CustomEventData"] = queue.custom_event_data
    if queue.notification_target is not None:
        view["NotificationTarget"] = queue.notification_target
    if queue.log_destinations:
        view["LogConfiguration"] = {
            "DeliveryDestinations": [dict(d) for d in queue.log_destinations]
        }
    return view


def configuration_view(configuration: MatchmakingConfiguration) -> dict[str, Any]:
    view: dict[str, Any] = {
        "Name": configuration.name,
        "ConfigurationArn": configuration.arn,
    }
    if configuration.description is not None:
        view["Description"] = configuration.description
    if configuration.queue_arn is not None:
        view["GameSessionQueueArns"] = [configuration.queue_arn]
    view["RequestTimeoutSeconds"] = configuration.request_timeout_seconds
    if configuration.acceptance_timeout_seconds is not None:
        view["AcceptanceTimeoutSeconds"] = configuration.acceptance_timeout_seconds
    view["AcceptanceRequired"] = configuration.acceptance_required
    view["RuleSetName"] = configuration.rule_set.name
    view["RuleSetArn"] = configuration.rule_set.arn
    if configuration.notification_target is not None:
        view["NotificationTarget"] = configuration.notification_target
    view["AdditionalPlayerCount"] = configuration.additional_player_count
    if configuration.custom_event_data is not None:
        view["CustomEventData"] = configuration.custom_event_data
    view["CreationTime"] = timestamp(configuration.created)
    view["GameProperties"] = [dict(p) for p in configuration.game_properties]
    if configuration.game_session_data is not None:
        view["GameSessionData"] = configuration.game_session_data
    view["BackfillMode"] = configuration.backfill_mode
    view["FlexMatchMode"] = configuration.flex_match_mode
    return view


def rule_set_view(rule_set: MatchmakingRuleSet) -> dict[str, Any]:
    return {
        "RuleSetName": rule_set.name,
        "RuleSetArn": rule_set.arn,
        "RuleSetBody": rule_set.body,
        "CreationTime": timestamp(rule_set.created),
    }


def game_session_view(session: GameSession, now: float) -> dict[str, Any]:
    view: dict[str, Any] = {
        "GameSessionId": session.game_session_id,
        "FleetId": session.fleet.fleet_id,
        "FleetArn": session.fleet.arn,
        "CreationTime": timestamp(session.created),
        "CurrentPlayerSessionCount": session.active_players(now),
        "MaximumPlayerSessionCount": session.max_players,
        "Status": session.status,
        "GameProperties": [dict(p) for p in session.properties],
        "Port": session.port,
        "PlayerSessionCreationPolicy": session.player_session_creation_policy,
        "Location": session.location,
    }
    _add_address(view, session)
    if session.name is not None:
        view["Name"] = session.name
    if session.terminated is not None:
        view["TerminationTime"] = timestamp(session.terminated)
    if session.status_reason is not None:
        view["StatusReason"] = session.status_reason
    if session.data is not None:
        view["GameSessionData"] = session.data
    if session.matchmaker_data is not None:
        view["MatchmakerData"] = session.matchmaker_data
    if session.creator_id is not None:
        view["CreatorId"] = session.creator_id
    return view


def player_session_view(player_session: PlayerSession, now: float) -> dict[str, Any]:
    session = player_session.game_session
    view: dict[str, Any] = {
        "PlayerSessionId": player_session.player_session_id,
        "PlayerId": player_session.player_id,
        "GameSessionId": session.game_session_id,
        "FleetId": session.fleet.fleet_id,
        "FleetArn": session.fleet.arn,
        "CreationTime": timestamp(player_session.created),
        "Status": player_session.current_status(now),
        "Port": session.port,
    }
    _add_address(view, session)
    if player_session.terminated is not None:
        view["TerminationTime"] = timestamp(player_session.terminated)
    if player_session.player_data is not None:
        view["PlayerData"] = player_session.player_data
    return view


def paginate(
    items: Sequence[T],
    limit: Optional[int],
    token: Optional[str],
    listing: str,
    rank: Optional[Callable[[T], int]] = None,
) -> tuple[Sequence[T], Optional[str]]:
    """One page of ``items`` and the NextToken for the rest (None on the last page).

    A token says where the next page starts and is signed for its ``listing`` (the response
    member it pages through), so a token the mock did not issue for that listing is refused.
    With ``rank`` (a number that grows along ``items``, fixed for each item: its creation
    order), a token names the last item returned, so an item deleted between two pages never
    makes the next page skip a survivor; without it, a token is a position."""
    start = 0 if token is None else _token_start(token, listing, items, rank)
    end = len(items) if limit is None else start + limit
    page = items[start:end]
    if end >= len(items):
        return page, None
    mark = f"r{rank(page[-1])}" if rank is not None and page else str(end)
    return page, _issue_token(mark, listing)


# Signs NextTokens: new for every process, so a token is only good where it was issued.
_TOKEN_KEY = os.urandom(16)


def _token_signature(mark: str, listing: str) -> str:
    message = f"{listing}:{mark}".encode("ascii")
    return hmac.new(_TOKEN_KEY, message, hashlib.sha256).hexdigest()[:16]


def _issue_token(mark: str, listing: str) -> str:
    text = f"{mark}.{_token_signature(mark, listing)}"
    return base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii")


def _token_start(
    token: str, listing: str, items: Sequence[T], rank: Optional[Callable[[T], int]]
) -> int:
    """Where the page a NextToken points at starts; InvalidRequestException for a token the
    mock did not issue for ``listing``."""
    if len(token) <= 64:  # an issued token is far shorter: a long one is refused unread
        try:
            mark, signature = (
                base64.urlsafe_b64decode(token.encode("ascii")).decode("ascii").split(".")
            )
            ranked = mark.startswith("r")
            number = int(mark[1:] if ranked else mark)
        except (ValueError, UnicodeError, binascii.Error):
            pass
        else:
            expected = _token_signature(mark, listing)
            if number >= 0 and hmac.compare_digest(signature, expected):
                if not ranked:
                    return number
                if rank is not None:
                    # The first item after the last one returned (which may be gone since).
                    for index, item in enumerate(items):
                        if rank(item) > number:
                            return index
                    return len(items)
    raise invalid_request(f"Invalid NextToken: '{token}'.")


def page(
    params: dict[str, Any],
    key: str,
    items: Sequence[Any],
    rank: Optional[Callable[[Any], int]] = None,
    view: Optional[Callable[[Any], Any]] = None,
) -> dict[str, Any]:
    """The response holding one page of ``items`` under ``key`` (each made a ``view``, if
    given), by the request's ``Limit`` and ``NextToken``, with the ``NextToken`` for the rest
    when there is more; ``rank`` as for ``paginate``."""
    found, token = paginate(items, params.get("Limit"), params.get("NextToken"), key, rank)
    response: dict[str, Any] = {key: list(found) if view is None else [view(i) for i in found]}
    if token is not None:
        response["NextToken"] = token
    return response
