"""Checks of the arguments a test passes to the mock's handle: each refusal says what to pass."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Optional


class _Pattern:
    """A regular expression compiled on its first use (by ``re``'s own cache), not when the
    package is imported: these check steering arguments, which most tests never pass."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def fullmatch(self, value: str) -> Optional[re.Match[str]]:
        return re.fullmatch(self.pattern, value)


# What a queue destination ARN may hold (the model's DestinationArn pattern is
# [a-zA-Z0-9:/-]+) and what GameLift's ids look like: fleet-<uuid>, alias-<uuid>.
_FLEET_ID = _Pattern(r"fleet-[a-zA-Z0-9-]+")
_ALIAS_ID = _Pattern(r"alias-[a-zA-Z0-9-]+")
_BUILD_ID = _Pattern(r"build-[a-zA-Z0-9-]+")
_SCRIPT_ID = _Pattern(r"script-[a-zA-Z0-9-]+")
_QUEUE_NAME = _Pattern(r"[a-zA-Z0-9-]+")
_CONFIGURATION = _Pattern(
    r"[a-zA-Z0-9-\.]+|arn:[a-z-]+:gamelift:[a-z0-9-]+:\d{12}:matchmakingconfiguration/[a-zA-Z0-9-\.]+"
)
_QUEUE_ARN = _Pattern(
    r"arn:aws[a-z-]*:gamelift:[a-z0-9-]+:[0-9]{12}:gamesessionqueue/[a-zA-Z0-9-]+"
)


# The largest count GameLift's model holds: its integers are 32-bit.
MAX_COUNT = 2**31 - 1


def count(value: Any, name: str) -> Optional[int]:
    """A capacity: a whole number from 0 to MAX_COUNT, or None for no limit."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"{name} must be a whole number of at least 0, or None for no limit; got {value!r}."
        )
    if value > MAX_COUNT:
        raise ValueError(
            f"{name} must be at most {MAX_COUNT} (GameLift's counts are 32-bit), or None for no "
            f"limit; got {value!r}."
        )
    return value


def text(value: Any, name: str, example: str) -> str:
    """An id or name the test passes as a string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, e.g. {example!r}; got {value!r}.")
    return value


def fleet(value: Any) -> str:
    """A fleet given as what add_fleet() returned, or its id or ARN: the fleet id."""
    if isinstance(value, tuple) and hasattr(value, "fleet_id"):  # a SimulatedFleet
        return str(value.fleet_id)
    if not isinstance(value, str):
        raise TypeError(
            f"fleet must be what add_fleet() returned, or a fleet id or ARN string; got {value!r}."
        )
    return value.rsplit("/", 1)[-1]


def mapping(value: Any, name: str, example: str) -> Mapping[str, Any]:
    """An optional mapping argument (None: empty)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping, e.g. {name}={example}; got {value!r}.")
    return value


def seconds(value: Any, name: str) -> float:
    """A duration: a finite number of seconds, at least 0."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"{name} must be a finite number of seconds, at least 0; got {value!r}.")
    return float(value)


def cost(value: Any, location: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"The cost of {location!r} must be a finite number; got {value!r}.")
    return float(value)


def locations(value: Any) -> Mapping[str, Any]:
    """The ``locations`` of add_fleet: a mapping of location to capacity."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            "locations must map each remote location to its capacity (None for no limit), "
            f"e.g. locations={{'eu-west-1': 5, 'ap-south-1': None}}; got {value!r}."
        )
    return value


def fleet_id(value: Any) -> Optional[str]:
    return _resource_id(value, "fleet", _FLEET_ID)


def alias_id(value: Any) -> Optional[str]:
    return _resource_id(value, "alias", _ALIAS_ID)


def build_id(value: Any) -> Optional[str]:
    return _resource_id(value, "build", _BUILD_ID, "for none")


def script_id(value: Any) -> Optional[str]:
    return _resource_id(value, "script", _SCRIPT_ID, "for none")


def _resource_id(
    value: Any, kind: str, form: _Pattern, none: str = "for a new one"
) -> Optional[str]:
    """A fleet, alias, build or script id that forms an ARN GameLift accepts, or None."""
    if value is not None and (
        not isinstance(value, str) or len(value) > 128 or form.fullmatch(value) is None
    ):
        raise ValueError(
            f"{kind}_id must be a GameLift {kind} id, '{kind}-' followed by letters, digits and "
            f"hyphens (GameLift's own are {kind}-<uuid>), or None {none}; got {value!r}."
        )
    return value


def configuration(value: Any) -> Optional[str]:
    """A matchmaking configuration given by name or ARN, or None for every configuration."""
    if value is not None and (
        not isinstance(value, str)
        or not 1 <= len(value) <= 256
        or _CONFIGURATION.fullmatch(value) is None
    ):
        raise ValueError(
            "configuration must be a matchmaking configuration's name or ARN, or None for every "
            f"configuration; got {value!r}."
        )
    return value


def queue(value: Any) -> Optional[str]:
    """A queue given by name or ARN, or None for every queue."""
    if value is not None and (
        not isinstance(value, str)
        or len(value) > 256
        or (_QUEUE_NAME.fullmatch(value) is None and _QUEUE_ARN.fullmatch(value) is None)
    ):
        raise ValueError(
            "queue must be a game session queue's name or ARN, or None for every queue; "
            f"got {value!r}."
        )
    return value
