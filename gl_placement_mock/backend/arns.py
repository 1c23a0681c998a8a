"""Building and reading the identifiers GameLift uses: queue, fleet, alias, game session and
matchmaking ARNs."""

from __future__ import annotations

import itertools
import os
import random
import uuid
from collections.abc import Iterator
from typing import NamedTuple, Optional

_QUEUE_MARK = ":gamesessionqueue/"
# uuid.uuid4() spends most of its time in UUID.__init__'s checks and a system call; ids that
# only need to be unique (request, event and player session ids) come from a private generator.
_random = random.Random()
_V4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_V4_SET = (0x8000 << 48) | (4 << 76)


def random_uuid() -> str:
    """A random version-4 UUID string, like ``str(uuid.uuid4())`` (not for secrets)."""
    digits = (_random.getrandbits(128) & _V4_CLEAR | _V4_SET).to_bytes(16, "big").hex()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


# Request ids (one per answered call): version-4 UUID strings that no two calls of a process
# share, at a fraction of random_uuid's cost. The first 80 bits (74 of them random, the others
# marking version 4 and the variant) are drawn once per process, again in a forked child; the
# last 48 number the calls, scrambled (times an odd constant, then a random mask: a one-to-one
# map of 48-bit numbers) so that they look random.
_LAST_48 = (1 << 48) - 1
_SCRAMBLE = 0x9E3779B97F4B  # odd


def _request_id_parts() -> tuple[str, int, Iterator[int]]:
    prefix = random_uuid()[:24]
    return prefix, _random.getrandbits(48), itertools.count()


_request_ids = _request_id_parts()


# Made a batch at a time (one short loop is cheaper than as many calls), handed out from the end.
_BATCH = 64
_ready: list[str] = []


def request_id() -> str:
    """A request id: a version-4 UUID string no other call of this process gets."""
    try:
        return _ready.pop()
    except IndexError:
        return _make_request_ids()


# A made request id, if any (IndexError if none is left: ``request_id()`` makes more). For the
# hot path, which saves a call of ``request_id`` this way; the list is cleared in place after a
# fork, so this stays its own.
take_made_request_id = _ready.pop


def _make_request_ids() -> str:
    prefix, mask, numbers = _request_ids
    # (Two threads may both make a batch: each number is taken once, so the ids still differ.)
    batch = [
        prefix + ((number * _SCRAMBLE & _LAST_48) ^ mask).to_bytes(6, "big").hex()
        for number in itertools.islice(numbers, _BATCH)
    ]
    _ready.extend(batch[1:])
    return batch[0]


def _after_fork() -> None:
    global _request_ids
    _random.seed()
    _request_ids = _request_id_parts()
    _ready.clear()  # (the parent hands those out)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def random_uuid_bytes() -> bytes:
    """The random part of ``random_uuid()``, drawn now and written later by ``uuid_text``."""
    return _random.getrandbits(128).to_bytes(16, "big")


def uuid_text(random_bytes: bytes) -> str:
    """The version-4 UUID string of ``random_bytes`` from ``random_uuid_bytes()``."""
    bits = int.from_bytes(random_bytes, "big")
    digits = (bits & _V4_CLEAR | _V4_SET).to_bytes(16, "big").hex()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


# ARNs start with the partition of their Region (``aws``, ``aws-cn``, ...); the caller says which.


def queue_arn(region: str, account: str, name: str, partition: str = "aws") -> str:
    return f"arn:{partition}:gamelift:{region}:{account}:gamesessionqueue/{name}"


def fleet_arn(region: str, account: str, fleet_id: str, partition: str = "aws") -> str:
    return f"arn:{partition}:gamelift:{region}:{account}:fleet/{fleet_id}"


def alias_arn(region: str, alias_id: str, partition: str = "aws") -> str:
    return f"arn:{partition}:gamelift:{region}::alias/{alias_id}"


def build_arn(region: str, build_id: str, partition: str = "aws") -> str:
    """ "arn:aws:gamelift:<region>::build/build-<uuid>" (BuildArn)."""
    return f"arn:{partition}:gamelift:{region}::build/{build_id}"


def script_arn(region: str, script_id: str, partition: str = "aws") -> str:
    """ "arn:aws:gamelift:<region>::script/script-<uuid>" (ScriptArn)."""
    return f"arn:{partition}:gamelift:{region}::script/{script_id}"


def game_session_arn(
    home_region: str, fleet_id: str, location: str, placement_id: str, partition: str = "aws"
) -> str:
    """The ARN that is also the GameSessionId; its last segment is the PlacementId.

    A session in one of the fleet's remote locations (or custom locations) carries that
    location before it."""
    middle = "" if location == home_region else f"/{location}"
    return f"arn:{partition}:gamelift:{home_region}::gamesession/{fleet_id}{middle}/{placement_id}"


def new_fleet_id() -> str:
    return f"fleet-{uuid.uuid4()}"


def new_alias_id() -> str:
    return f"alias-{uuid.uuid4()}"


def implicit_fleet_id(destination_arn: str) -> str:
    """A stable fleet id for an alias destination that no declared fleet stands behind."""
    return f"fleet-{uuid.uuid5(uuid.NAMESPACE_URL, destination_arn)}"


def queue_name(name_or_arn: str) -> tuple[Optional[str], str]:
    """(region or None, bare name) of a queue given by name or ARN."""
    mark = name_or_arn.find(_QUEUE_MARK)
    if mark < 0:
        return None, name_or_arn
    parts = name_or_arn[:mark].split(":")
    region = parts[3] if len(parts) > 3 else ""
    return region, name_or_arn[mark + len(_QUEUE_MARK) :]


class Destination(NamedTuple):
    kind: str  # "fleet" or "alias"
    region: str
    resource_id: str


def parse_destination(arn: str) -> Optional[Destination]:
    """Read a queue destination ARN (``arn:aws:gamelift:<region>:<account>:fleet/<id>`` or
    ``...:alias/<id>``); None when it is neither."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "gamelift" or not parts[3]:
        return None
    kind, _, resource_id = parts[5].partition("/")
    if not resource_id or "/" in resource_id:
        return None
    if kind == "fleet" and resource_id.startswith("fleet-"):
        return Destination("fleet", parts[3], resource_id)
    if kind == "alias" and resource_id.startswith("alias-"):
        return Destination("alias", parts[3], resource_id)
    return None


def matchmaking_configuration_arn(
    region: str, account: str, name: str, partition: str = "aws"
) -> str:
    return f"arn:{partition}:gamelift:{region}:{account}:matchmakingconfiguration/{name}"


def matchmaking_rule_set_arn(region: str, account: str, name: str, partition: str = "aws") -> str:
    return f"arn:{partition}:gamelift:{region}:{account}:matchmakingruleset/{name}"


def resource_name(name_or_arn: str, kind: str) -> tuple[Optional[str], str]:
    """(Region or None, bare name) of a resource of ``kind`` (``matchmakingconfiguration``,
    ``matchmakingruleset``) given by name or ARN; the Region is "" for an ARN without one."""
    if not name_or_arn.startswith("arn:"):
        return None, name_or_arn
    head, _, name = name_or_arn.rpartition(f":{kind}/")
    parts = head.split(":")
    return (parts[3] if len(parts) > 3 else ""), name
