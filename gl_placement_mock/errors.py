"""Errors the mock raises itself, as opposed to the GameLift errors it answers with."""

from __future__ import annotations


class PlacementMockError(RuntimeError):
    """The mock was used in a way it cannot honour (stopped out of order, not active, ...)."""


class PlacementMockWarning(UserWarning):
    """The mock was told something that is probably a mistake, though it can be honoured."""


class MockInternalError(PlacementMockError):
    """The mock itself failed while answering a GameLift call: a bug in gl_placement_mock, never
    a GameLift error, so code under test cannot mistake it for one and retry.

    The original exception's message is withheld (it may quote sensitive parameters); its type
    and the frames it passed through are in this error's message and in the log."""

    def __init__(self, operation: str, error_type: str, frames: str) -> None:
        self.operation = operation
        self.error_type = error_type
        super().__init__(
            f"gl_placement_mock failed inside {operation} with {error_type} (message withheld: "
            "it may quote sensitive parameters). This is a bug in the mock, not a GameLift "
            f"error; please report it with these frames:\n{frames}"
        )


class UnimplementedOperationError(PlacementMockError, NotImplementedError):
    """A GameLift operation the mock does not implement was called while a mock was active.

    The request never left the process."""

    def __init__(self, operation: str, implemented: list[str], why: str | None = None) -> None:
        self.operation = operation
        self.implemented = implemented
        reason = f" ({why})" if why else ""
        super().__init__(
            f"gl_placement_mock does not implement GameLift operation {operation!r}{reason}; the "
            f"request was not sent anywhere. Implemented operations: {', '.join(implemented)}."
        )
