"""What every operation function receives: the backend and who is calling, from where."""

from __future__ import annotations

from typing import Optional

from ..backend.state import Backend


class Call:
    """One call of an operation: the backend, and the account and Region calling. ``length``:
    the length in bytes of the answer's JSON body, when the operation knows it without writing
    the body (None: the door writes it to learn it).

    The dispatcher makes every Call and sets each member itself (an ``__init__`` would cost
    every call a call more)."""

    __slots__ = ("account", "backend", "length", "region")

    backend: Backend
    account: str
    region: str
    length: Optional[int]
