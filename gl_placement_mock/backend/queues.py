"""Game session queues: where placements wait, and the rules that say where they go."""

from __future__ import annotations

from typing import Any, Optional

DEFAULT_TIMEOUT_SECONDS = 600


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
        "name",
        "notification_target",
        "priority_order",
        "region",
        "tags",
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
        self.tags: list[dict[str, Any]] = []

    def __repr__(self) -> str:
        return f"<Queue {self.arn} timeout={self.timeout}s destinations={len(self.destinations)}>"

    def policy_schedule(self) -> list[tuple[int, Optional[float]]]:
        """Latency policies as (cap in ms, seconds in force or None for "until the timeout"),
        lowest cap first, as GameLift applies them."""
        ordered = sorted(
            self.latency_policies,
            key=lambda p: p.get("MaximumIndividualPlayerLatencyMilliseconds", 0),
        )
        schedule: list[tuple[int, Optional[float]]] = []
        for index, policy in enumerate(ordered):
            cap = policy.get("MaximumIndividualPlayerLatencyMilliseconds", 0)
            duration = policy.get("PolicyDurationSeconds")
            last = index == len(ordered) - 1
            schedule.append((cap, None if last or duration is None else float(duration)))
            if duration is None:
                break
        return schedule
