"""Tags on queues, fleets and aliases: the rules of TagResource and UntagResource."""

from __future__ import annotations

from typing import Any

from .errors import GameLiftError

# AWS's limit on tags per resource, and the prefix it keeps for itself.
MAX_TAGS = 50
RESERVED_PREFIX = "aws:"


def _refused(message: str) -> GameLiftError:
    return GameLiftError("TaggingFailedException", message)


def add_tags(current: list[dict[str, Any]], tags: list[dict[str, Any]]) -> None:
    """Add or overwrite ``tags`` on a resource's ``current`` tags, all or none."""
    merged = {tag["Key"]: tag["Value"] for tag in current}
    for tag in tags:
        key = tag["Key"]
        if key.lower().startswith(RESERVED_PREFIX):
            raise _refused(f"Tag key '{key}' is reserved: keys beginning with 'aws:' are AWS's.")
        merged[key] = tag["Value"]
    if len(merged) > MAX_TAGS:
        raise _refused(
            f"A resource can have at most {MAX_TAGS} tags; this request would give it "
            f"{len(merged)}."
        )
    current[:] = [{"Key": key, "Value": value} for key, value in merged.items()]


def remove_tags(current: list[dict[str, Any]], keys: list[str]) -> None:
    """Remove the tags with these keys; a key the resource does not have is ignored."""
    gone = set(keys)
    current[:] = [tag for tag in current if tag["Key"] not in gone]
