"""The Regions botocore's own endpoint data knows for GameLift, and the partition of each."""

from __future__ import annotations

import functools
import socket
from typing import Any, Mapping, Optional

from botocore.exceptions import EndpointConnectionError
from botocore.loaders import create_loader
from botocore.regions import EndpointResolver

CUSTOM_PREFIX = "custom-"


@functools.cache
def partitions() -> Mapping[str, str]:
    """Every Region botocore knows GameLift in, and its partition (``aws``, ``aws-cn``, ...)."""
    resolver = EndpointResolver(create_loader().load_data("endpoints"))
    table: dict[str, str] = {}
    for partition in resolver.get_available_partitions():
        for region in resolver.get_available_endpoints("gamelift", partition):
            table[region] = partition
    return table


def is_known(region: str) -> bool:
    return region in partitions()


def check_location(location: str) -> None:
    """A fleet location: a Region botocore knows for GameLift, or a custom location
    (``custom-...``, as CreateLocation requires). Raises ValueError naming the known Regions."""
    if location.startswith(CUSTOM_PREFIX) and len(location) > len(CUSTOM_PREFIX):
        return
    if not is_known(location):
        raise ValueError(
            f"{location!r} is neither a Region GameLift is offered in nor a custom location "
            f"(a name beginning with {CUSTOM_PREFIX!r}). Known Regions: "
            f"{', '.join(sorted(partitions()))}."
        )


def unreachable(region: str, url: str) -> Optional[EndpointConnectionError]:
    """What botocore raises for a call to a Region it has no GameLift endpoint for (the host
    it made up for that Region does not resolve), or None. A client given its own
    ``endpoint_url`` reaches that host whatever its Region, so it is never refused."""
    if region in partitions() or f"gamelift.{region}." not in url:
        return None
    error: Any = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return EndpointConnectionError(endpoint_url=url, error=error)
