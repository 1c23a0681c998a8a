"""The one answer path of a GameLift call, whichever door it came in by (a botocore client in
this process, or an HTTP request to the server): an injected fault, else the operation; a
GameLift error as its modelled answer; the events it produced handed on; the response metadata;
the call recorded. The doors keep only what is theirs: how parameters are read and how the
answer is written (a botocore response, or an HTTP body)."""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ..backend.arns import request_id as new_request_id
from ..backend.arns import take_made_request_id
from ..backend.errors import GameLiftError
from ..errors import MockInternalError, PlacementMockError

if TYPE_CHECKING:
    from ..backend.state import Backend

CONTENT_TYPE = "application/x-amz-json-1.1"
_log = logging.getLogger("gl_placement_mock")

# What a door writes for an answer: the body itself, or only its length in bytes.
Body = Union[bytes, int]
Encode = Callable[["dict[str, Any]", int], Body]


def answer(
    backend: Backend,
    deliver: Callable[[], None],
    operation: str,
    account: str,
    region: str,
    input_shape: Any,
    read: Union[dict[str, Any], Callable[[], dict[str, Any]]],
    encode: Encode,
    *,
    unvalidated: bool,
    server: bool = False,
) -> tuple[dict[str, Any], int, Body, dict[str, Any]]:
    """Answer one call of ``operation``: ``(parsed, status, body, params)``, where ``parsed`` is
    the answer as a botocore client returns it (``ResponseMetadata`` included), ``body`` what
    ``encode`` made of it and ``params`` what ``read`` gave (empty if it could not read them).

    ``read`` is the call's parameters, or gives them (a GameLiftError if they cannot be read:
    a server reads them from the request's body only if no injected fault answers); an injected
    fault answers before they are judged, and before anything changes. A failure of the mock
    itself (a bug) raises MockInternalError in this process; a ``server`` answers it as
    InternalServiceException (500) instead, and logs its frames (never its message: it may
    quote sensitive parameters). ``deliver`` hands on the events the call produced, whatever
    its answer; it is called only if there are some (the kernel's outbox is not empty).
    The door adds any header of its own (the Date) to the answer's ``HTTPHeaders``."""
    operations = _operations or _load_operations()
    faults = backend.faults
    fault = faults.draw(operation) if faults.armed and operation in operations.OPERATIONS else None
    params: dict[str, Any] = {}
    failure: Optional[MockInternalError] = None
    try:
        if fault is not None:
            params = _readable(read)
            raise GameLiftError(fault.error_code, fault.message, fault.status)
        params = read if type(read) is dict else read()  # type: ignore[operator]
        parsed, length = operations.dispatch(
            backend, account, region, operation, input_shape, params, unvalidated=unvalidated
        )
        status = 200
        # A door in this process writes only the length: the operation's own count will do.
        body = length if length is not None and not server else encode(parsed, status)
    except GameLiftError as error:
        parsed = {"Error": {"Message": error.message, "Code": error.code}}
        status = error.status
        body = encode(parsed, status)
    except PlacementMockError:
        raise
    except Exception as error:
        frames = "".join(traceback.format_tb(error.__traceback__)).rstrip()
        kind = type(error).__name__
        if not server:
            # Our own bug: never an answer code under test could take for GameLift's and retry.
            _log.error(
                "gl_placement_mock failed inside %s with %s (message withheld)\n%s",
                operation,
                kind,
                frames,
            )
            failure = MockInternalError(operation, kind, frames)
        else:  # a server answers like a service; it never sends a traceback
            _log.error(
                "gl_placement_mock server failed inside %s with %s (message withheld)\n%s",
                operation,
                kind,
                frames,
            )
            message = f"gl_placement_mock internal error ({kind})."
            parsed = {"Error": {"Message": message, "Code": "InternalServiceException"}}
            status = 500
            body = encode(parsed, status)
    finally:
        # Whatever the answer, the events this call produced (settling included) go out now.
        # (An unlocked peek first, as ``deliver`` itself does: most calls produce none.)
        if backend.kernel.outbox:
            deliver()
    if failure is not None:
        raise failure
    try:
        request_id = take_made_request_id()
    except IndexError:
        request_id = new_request_id()
    headers = {
        "x-amzn-requestid": request_id,
        "content-type": CONTENT_TYPE,
        "content-length": str(body if type(body) is int else len(body)),  # type: ignore[arg-type]
    }
    parsed["ResponseMetadata"] = {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    backend.calls.append((operation, region, account, params, parsed))  # a calls.Answer
    return parsed, status, body, params


# The operations, imported on the first answer: they are most of the package's import time, and
# importing the package (every botocore user's process) need not pay for them.
_operations: Any = None


def _load_operations() -> Any:
    global _operations
    from . import table as operations

    _operations = operations
    return operations


def _readable(read: Union[dict[str, Any], Callable[[], dict[str, Any]]]) -> dict[str, Any]:
    """The parameters for the record of a call a fault answered, if they read."""
    if isinstance(read, dict):
        return read
    try:
        return read()
    except GameLiftError:
        return {}
