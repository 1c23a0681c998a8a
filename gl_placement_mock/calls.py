"""Recorded calls: every GameLift call the mock answered, with the parameters as the caller sent
them and the answer the client got. Printing a record hides its sensitive members."""

from __future__ import annotations

import functools
from typing import Any, NoReturn, Optional

from .model import service_model
from .model.redaction import Redactor, compile_redactor

_METADATA = "ResponseMetadata"
_set = object.__setattr__


class RecordedCall:
    """One GameLift call the mock answered, in :attr:`PlacementMock.calls`.

    ``operation`` is the AWS operation name (``"StartGameSessionPlacement"``); ``region`` and
    ``account_id`` say where it was answered. ``params`` holds the parameters as the caller
    passed them, and ``response`` the dict the client returned (with ``ResponseMetadata``), or
    None when the call raised; ``error_code`` is None, or the code of the error the call raised
    (``"NotFoundException"``, an injected ``"ThrottlingException"``, ...).

    ``params`` and ``response`` are the very objects the call used and returned, not copies.
    Their values are all there, sensitive ones included; ``repr()`` shows sensitive members
    (player ids, player data, game session data, game property values, ...) as ``<redacted>``."""

    __slots__ = ("account_id", "error_code", "operation", "params", "region", "response")

    operation: str
    region: str
    account_id: str
    params: dict[str, Any]
    response: Optional[dict[str, Any]]
    error_code: Optional[str]

    def __init__(
        self,
        operation: str,
        region: str,
        account_id: str,
        params: dict[str, Any],
        response: Optional[dict[str, Any]],
        error_code: Optional[str],
    ) -> None:
        _set(self, "operation", operation)
        _set(self, "region", region)
        _set(self, "account_id", account_id)
        _set(self, "params", params)
        _set(self, "response", response)
        _set(self, "error_code", error_code)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"RecordedCall is read-only: cannot set {name!r}.")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"RecordedCall is read-only: cannot delete {name!r}.")

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.operation,
            self.region,
            self.account_id,
            self.params,
            self.response,
            self.error_code,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordedCall):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # params and response are dicts

    def __repr__(self) -> str:
        redact_input, redact_output = _redactors(self.operation)
        response = self.response
        if response is not None:
            shown = redact_output({k: v for k, v in response.items() if k != _METADATA})
            if _METADATA in response:
                shown[_METADATA] = response[_METADATA]
            response = shown
        return (
            f"RecordedCall(operation={self.operation!r}, region={self.region!r}, "
            f"account_id={self.account_id!r}, params={redact_input(self.params)!r}, "
            f"response={response!r}, error_code={self.error_code!r})"
        )


# What the backend keeps per answered call, cheap to make on the hot path; turned into a
# RecordedCall when read: (operation, region, account_id, params, parsed answer).
Answer = tuple[str, str, str, "dict[str, Any]", "dict[str, Any]"]


def record(
    calls: list[Answer],
    operation: str,
    region: str,
    account_id: str,
    params: dict[str, Any],
    parsed: dict[str, Any],
) -> None:
    """Note an answered call; ``parsed`` is the answer, an error or not."""
    calls.append((operation, region, account_id, params, parsed))


def recorded(answer: Answer) -> RecordedCall:
    """The record of a call noted by :func:`record`."""
    operation, region, account_id, params, parsed = answer
    error = parsed.get("Error")
    if error is None:
        return RecordedCall(operation, region, account_id, params, parsed, None)
    return RecordedCall(operation, region, account_id, params, None, error["Code"])


@functools.cache
def _redactors(operation: str) -> tuple[Redactor, Redactor]:
    model = service_model().operation_model(operation)
    return compile_redactor(model.input_shape), compile_redactor(model.output_shape)
