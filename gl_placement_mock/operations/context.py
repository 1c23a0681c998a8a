"""What every operation function receives: the backend and who is calling, from where."""

from __future__ import annotations

from typing import NamedTuple

from ..backend.state import Backend


class Call(NamedTuple):
    backend: Backend
    account: str
    region: str
