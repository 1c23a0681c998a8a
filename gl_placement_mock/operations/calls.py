"""Recorded calls: every GameLift call the mock answered, with the parameters as the caller sent
them and the answer the client got. Printing a record hides its sensitive members."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn, Optional, Union, overload

from ..backend.call_log import CallLog
from ..errors import PlacementMockError
from ..model import service_model
from ..model.redaction import Redactor, compile_redactor

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


def recorded(answer: Answer) -> RecordedCall:
    """The record of a call the answer path noted (an ``Answer``)."""
    operation, region, account_id, params, parsed = answer
    error = parsed.get("Error")
    if error is None:
        return RecordedCall(operation, region, account_id, params, parsed, None)
    return RecordedCall(operation, region, account_id, params, None, error["Code"])


_DROPPED = (
    "Recorded call {} is no longer kept: the mock keeps only the most recent {} calls "
    "(max_calls). Read mock.calls again for the ones it keeps."
)


class RecordedCalls(Sequence[RecordedCall]):
    """The calls recorded when it was read, oldest first: a read-only sequence used like a list
    (``len``, indexing, slices, iteration, ``==`` with a list). Each record is built when it is
    read, so ``mock.calls[-1]`` costs the same however many calls were made. Calls made later
    are not in it: read ``mock.calls`` again to see them."""

    __slots__ = ("_first", "_log", "_stop")

    def __init__(self, log: CallLog, first: int = -1, stop: int = -1) -> None:
        self._log = log
        self._first = log.dropped if first < 0 else first
        self._stop = log.total if stop < 0 else stop

    def __len__(self) -> int:
        return self._stop - self._first

    @overload
    def __getitem__(self, index: int) -> RecordedCall: ...

    @overload
    def __getitem__(self, index: slice) -> list[RecordedCall]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[RecordedCall, list[RecordedCall]]:
        if isinstance(index, slice):
            return [self._read(n) for n in range(self._first, self._stop)[index]]
        size = self._stop - self._first
        if not isinstance(index, int):
            raise TypeError(f"indices must be integers or slices, not {type(index).__name__}")
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("recorded call index out of range")
        return self._read(self._first + index)

    def _read(self, number: int) -> RecordedCall:
        try:
            return recorded(self._log.at(number))
        except IndexError:
            raise PlacementMockError(_DROPPED.format(number, self._log.max_calls)) from None

    def __iter__(self) -> Iterator[RecordedCall]:
        for number in range(self._first, self._stop):
            yield self._read(number)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (RecordedCalls, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


@functools.cache
def _redactors(operation: str) -> tuple[Redactor, Redactor]:
    model = service_model().operation_model(operation)
    return compile_redactor(model.input_shape), compile_redactor(model.output_shape)
