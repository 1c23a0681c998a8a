"""Game session queues: where placements wait, and the rules that say where they go."""

from __future__ import annotations

import itertools
from typing import Any, Callable, Optional

from . import arns, clock
from .accounts import Accounts, RegionState
from .errors import invalid_request, not_found

DEFAULT_TIMEOUT_SECONDS = 600
MAX_LOG_DESTINATIONS = 3  # LogDeliveryDestinationList: "up to 3 destinations"


class Queue:
    """One game session queue, holding its settings as AWS echoes them."""

    __slots__ = (
        "account",
        "allowed_locations",
        "arn",
        "custom_event_data",
        "destinations",
        "latency_policies",
        "location_order",
        "log_destinations",
        "name",
        "notification_target",
        "ordinal",
        "priority_order",
        "region",
        "tags",
        "timeline_labels",
        "timeout",
    )

    def __init__(self, name: str, arn: str, region: str, account: str) -> None:
        self.name = name
        self.arn = arn
        self.region = region
        self.account = account
        self.timeout: int = DEFAULT_TIMEOUT_SECONDS
        self.latency_policies: list[dict[str, int]] = []
        self.destinations: list[str] = []
        self.allowed_locations: Optional[list[str]] = None
        self.priority_order: Optional[list[str]] = None
        self.location_order: Optional[list[str]] = None
        self.custom_event_data: Optional[str] = None
        self.notification_target: Optional[str] = None
        self.log_destinations: list[dict[str, str]] = []  # LogConfiguration.DeliveryDestinations
        self.tags: list[dict[str, Any]] = []
        self.ordinal = 0  # creation order, which listings page by
        # What the timeline shows a placement of this queue belongs to (a queue's name and
        # ARN never change).
        self.timeline_labels = (("queue", name),)

    def __repr__(self) -> str:
        return f"<Queue {self.arn} timeout={self.timeout}s destinations={len(self.destinations)}>"

    def policy_schedule(self) -> list[tuple[int, Optional[float]]]:
        """Latency policies as (cap in ms, seconds in force or None for "until the timeout"),
        lowest cap first, as GameLift applies them. A policy with a duration ends when it is
        up, also the last one (no cap applies after it); the first policy without a duration
        lasts until the timeout, so none after it is listed."""
        ordered = sorted(
            self.latency_policies,
            key=lambda p: p.get("MaximumIndividualPlayerLatencyMilliseconds", 0),
        )
        schedule: list[tuple[int, Optional[float]]] = []
        for policy in ordered:
            cap = policy.get("MaximumIndividualPlayerLatencyMilliseconds", 0)
            duration = policy.get("PolicyDurationSeconds")
            schedule.append((cap, None if duration is None else float(duration)))
            if duration is None:
                break
        return schedule


QueueWatcher = Callable[["Queue", str, float], None]


class QueueStore:
    """Creating, finding, changing and deleting queues.

    Whoever keeps work in queues (placements) watches them: ``watchers`` are called with the
    queue, what happened (``UPDATED``, ``POLICIES_UPDATED`` or ``DELETED``) and when."""

    UPDATED = "updated"
    POLICIES_UPDATED = "policies updated"
    DELETED = "deleted"

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.watchers: list[QueueWatcher] = []
        self._ordinals = itertools.count(1)

    def _tell(self, queue: Queue, what: str, at: float) -> None:
        for watcher in self.watchers:
            watcher(queue, what, at)

    def queue_by_ref(self, account_id: str, region: str, name_or_arn: str) -> Optional[Queue]:
        return self.queue_in(self.accounts.account(account_id).region(region), region, name_or_arn)

    @staticmethod
    def queue_in(state: RegionState, region: str, name_or_arn: str) -> Optional[Queue]:
        """The queue of ``state`` (an account's ``region``) named by name or ARN, or None."""
        queue = state.queues.get(name_or_arn)
        if queue is not None:
            return queue  # by name, the usual case (no name holds an ARN's colons)
        arn_region, name = arns.queue_name(name_or_arn)
        if arn_region is not None and arn_region != region:
            return None
        queue = state.queues.get(name)
        if queue is not None and arn_region is not None and queue.arn != name_or_arn:
            return None
        return queue

    def queue_by_arn(self, account_id: str, region: str, arn: str) -> Optional[Queue]:
        """The queue whose ARN is ``arn`` in ``region``, or None."""
        for queue in self.accounts.account(account_id).region(region).queues.values():
            if queue.arn == arn:
                return queue
        return None

    def create_queue(self, account_id: str, region: str, params: dict[str, Any]) -> Queue:
        name = params["Name"]
        queues = self.accounts.account(account_id).region(region).queues
        if name in queues:
            raise invalid_request(f"Game session queue '{name}' already exists.")
        arn = arns.queue_arn(region, account_id, name, self.accounts.partition(region))
        queue = Queue(name, arn, region, account_id)
        _configure_queue(queue, params)
        queue.tags = [dict(tag) for tag in params.get("Tags") or ()]
        queue.ordinal = next(self._ordinals)
        queues[name] = queue
        return queue

    def update_queue(self, account_id: str, region: str, params: dict[str, Any]) -> Queue:
        queue = self.queue_by_ref(account_id, region, params["Name"])
        if queue is None:
            raise not_found(f"Game session queue '{params['Name']}' does not exist.")
        _configure_queue(queue, params)
        policies = params.get("PlayerLatencyPolicies") is not None
        self._tell(queue, self.POLICIES_UPDATED if policies else self.UPDATED, clock.now())
        return queue

    def delete_queue(self, account_id: str, region: str, name_or_arn: str) -> None:
        queue = self.queue_by_ref(account_id, region, name_or_arn)
        if queue is None:
            raise invalid_request(f"Game session queue '{name_or_arn}' does not exist.")
        state = self.accounts.account(account_id).region(region)
        del state.queues[queue.name]
        self._tell(queue, self.DELETED, clock.now())


def _configure_queue(queue: Queue, params: dict[str, Any]) -> None:
    """Check, then apply, every queue setting present in ``params`` (all or nothing)."""
    log_destinations = _log_destinations(queue, params)
    destinations = params.get("Destinations")
    if destinations is not None:
        arns_given = [d.get("DestinationArn") for d in destinations]
        for arn in arns_given:
            if arn is None or arns.parse_destination(arn) is None:
                raise invalid_request(f"Destination '{arn}' is not a GameLift fleet or alias ARN.")
        queue.destinations = [str(arn) for arn in arns_given]
    if params.get("TimeoutInSeconds") is not None:
        queue.timeout = params["TimeoutInSeconds"]
    if params.get("PlayerLatencyPolicies") is not None:
        queue.latency_policies = [dict(p) for p in params["PlayerLatencyPolicies"]]
    if "FilterConfiguration" in params and params["FilterConfiguration"] is not None:
        allowed = params["FilterConfiguration"].get("AllowedLocations")
        queue.allowed_locations = list(allowed) if allowed else None
    if "PriorityConfiguration" in params and params["PriorityConfiguration"] is not None:
        priority = params["PriorityConfiguration"]
        order = priority.get("PriorityOrder")
        locations = priority.get("LocationOrder")
        queue.priority_order = list(order) if order else None
        queue.location_order = list(locations) if locations else None
    if params.get("CustomEventData") is not None:
        queue.custom_event_data = params["CustomEventData"] or None
    if params.get("NotificationTarget") is not None:
        queue.notification_target = params["NotificationTarget"] or None
    queue.log_destinations = log_destinations


def _log_destinations(queue: Queue, params: dict[str, Any]) -> list[dict[str, str]]:
    """The queue's log delivery destinations after ``params``: LogConfiguration (create) sets
    them; RemoveLogDeliveryDestinations, then AddLogDeliveryDestinations (update) change them.
    Each destination is a type and, except where GameLift makes one, an ARN; no two alike."""
    configuration = params.get("LogConfiguration")
    if configuration is not None:
        given = [dict(d) for d in configuration.get("DeliveryDestinations") or ()]
        _check_log_destinations(given)
        return given
    removed = params.get("RemoveLogDeliveryDestinations") or ()
    added = [dict(d) for d in params.get("AddLogDeliveryDestinations") or ()]
    _check_log_destinations(added)
    gone = {_log_key(d) for d in removed}
    kept = [d for d in queue.log_destinations if _log_key(d) not in gone]
    present = {_log_key(d) for d in kept}
    for destination in added:
        if _log_key(destination) in present:
            raise invalid_request(
                f"Log delivery destination {_log_name(destination)} is already in the "
                "queue's LogConfiguration."
            )
    result = kept + added
    if len(result) > MAX_LOG_DESTINATIONS:
        raise invalid_request(
            f"A queue's LogConfiguration can have at most {MAX_LOG_DESTINATIONS} delivery "
            f"destinations; this update would leave {len(result)}."
        )
    return result


def _check_log_destinations(destinations: list[dict[str, str]]) -> None:
    seen: set[tuple[str, Optional[str]]] = set()
    for destination in destinations:
        if destination.get("LogDestination") == "FIREHOSE" and not destination.get(
            "DestinationArn"
        ):
            raise invalid_request("DestinationArn is required for FIREHOSE log destinations.")
        key = _log_key(destination)
        if key in seen:
            raise invalid_request(
                f"Log delivery destination {_log_name(destination)} is listed more than once; "
                "each destination must have a unique ARN."
            )
        seen.add(key)


def _log_key(destination: Any) -> tuple[str, Optional[str]]:
    return (str(destination.get("LogDestination")), destination.get("DestinationArn"))


def _log_name(destination: dict[str, str]) -> str:
    arn = destination.get("DestinationArn")
    return f"'{arn}'" if arn else f"of type {destination.get('LogDestination')} without an ARN"
