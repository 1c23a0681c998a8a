"""GameLift errors as the backend raises them: an AWS error code, a message and an HTTP status."""

from __future__ import annotations


class GameLiftError(Exception):
    """An error the real service would answer with; the interception layer turns it into the
    client's own modelled exception."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def __repr__(self) -> str:
        return f"GameLiftError({self.code!r}, {self.message!r}, {self.status})"


def invalid_request(message: str) -> GameLiftError:
    return GameLiftError("InvalidRequestException", message)


def not_found(message: str) -> GameLiftError:
    return GameLiftError("NotFoundException", message)
