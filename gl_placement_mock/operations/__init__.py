"""The API surface: one function per GameLift operation, validated from the service model.

The table (``OPERATIONS``) and ``dispatch`` live in ``table.py`` and are loaded on first use:
they import every operation and the backend, which most of the package's import time is, and
importing the package (every botocore user's process pays for it) need not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .table import NOT_SIMULATED_YET, OPERATIONS, Operation, dispatch

__all__ = ["NOT_SIMULATED_YET", "OPERATIONS", "Operation", "dispatch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import table

        return getattr(table, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
