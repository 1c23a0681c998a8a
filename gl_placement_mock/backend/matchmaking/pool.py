"""What the matcher matches: waiting tickets and their players, as plain typed values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .expressions import AttributeValue


@dataclass(frozen=True)
class Player:
    """A player of a ticket: attributes as plain values (``float``, ``str``, a tuple of
    strings, a mapping of string to float; see :func:`attribute_from_aws`) and latencies in
    milliseconds by Region."""

    # A player's id, attributes and latencies are sensitive (the API marks Player so): none is
    # shown in repr.
    player_id: str = field(repr=False)
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict, repr=False)
    latency_ms: Mapping[str, float] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Ticket:
    """A waiting matchmaking ticket; its players are a party that goes whole onto one team.
    ``start_time`` is in seconds on the mock clock; ``sequence`` orders tickets with the same
    start time (request order)."""

    ticket_id: str
    start_time: float
    players: tuple[Player, ...]
    sequence: int = 0


def attribute_from_aws(value: Mapping[str, object]) -> AttributeValue:
    """An ``AttributeValue`` of the API (exactly one of S, N, SL, SDM) as a plain value."""
    if "S" in value:
        return str(value["S"])
    if "N" in value:
        return float(value["N"])  # type: ignore[arg-type]
    if "SL" in value:
        return tuple(dict.fromkeys(str(item) for item in value["SL"]))  # type: ignore[attr-defined]
    mapping = value.get("SDM") or {}
    return {str(key): float(number) for key, number in mapping.items()}  # type: ignore[attr-defined]
