"""Errors the mock raises itself, as opposed to the GameLift errors it answers with."""

from __future__ import annotations


class PlacementMockError(RuntimeError):
    """The mock was used in a way it cannot honour (stopped out of order, not active, ...)."""


class PlacementMockWarning(UserWarning):
    """The mock was told something that is probably a mistake, though it can be honoured."""


class UnimplementedOperationError(PlacementMockError, NotImplementedError):
    """A GameLift operation the mock does not implement was called while a mock was active.

    The request never left the process."""

    def __init__(self, operation: str, implemented: list[str]) -> None:
        self.operation = operation
        self.implemented = implemented
        super().__init__(
            f"gl_placement_mock does not implement GameLift operation {operation!r}; the request "
            f"was not sent anywhere. Implemented operations: {', '.join(implemented)}."
        )
