"""The WSGI application: GameLift requests (``POST /`` with ``X-Amz-Target``) answered through
the same operations as the in-process mock, and the control API under ``/_gl_placement_mock/``."""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable, Optional

from .. import calls
from ..backend.arns import random_uuid
from ..backend.errors import GameLiftError
from ..operations import OPERATIONS, dispatch
from . import wire

if TYPE_CHECKING:
    from .placement_server import PlacementServer

CONTROL_PREFIX = "/_gl_placement_mock/"
DEFAULT_REGION = "us-east-1"
MAX_BODY_BYTES = 1024 * 1024

StartResponse = Callable[..., Any]
_log = logging.getLogger("gl_placement_mock")
# The Region in a SigV4 Authorization header: Credential=KEY/DATE/REGION/SERVICE/aws4_request
_SCOPE = re.compile(r"Credential=[^/,\s]*/\d{8}/([^/,\s]+)/")
_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
}


class BodyTooLargeError(Exception):
    """The request body is over the server's limit."""


def region_of(environ: dict[str, Any]) -> str:
    """The Region of the request's SigV4 credential scope (credentials are never checked)."""
    found = _SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    return found.group(1) if found else DEFAULT_REGION


def read_body(environ: dict[str, Any], limit: int) -> bytes:
    """The request body; BodyTooLargeError past ``limit`` bytes, whatever length it claims."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH")
    if length:
        try:
            size = int(length)
        except ValueError:
            size = 0
        if size > limit:
            raise BodyTooLargeError(size)
        body: bytes = stream.read(size) if size > 0 else b""
        return body
    if environ.get("wsgi.input_terminated"):  # chunked: read no further than the limit
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise BodyTooLargeError(len(body))
        return body
    return b""


def respond(
    start_response: StartResponse,
    status: int,
    body: bytes,
    content_type: str = "application/json",
    headers: Optional[list[tuple[str, str]]] = None,
) -> list[bytes]:
    start_response(
        f"{status} {_REASONS.get(status, 'Error')}",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            *(headers or []),
        ],
    )
    return [body]


def make_app(server: PlacementServer) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI callable serving ``server``'s backend."""
    from .control import handle_control
    from .guard import stopping_answer

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            body = read_body(environ, server.max_body_bytes)
        except BodyTooLargeError as error:
            message = (
                f"Request body of {error.args[0]} bytes is over this server's limit of "
                f"{server.max_body_bytes} bytes."
            )
            return respond(
                start_response,
                413,
                wire.encode_error("RequestEntityTooLargeException", message),
                wire.CONTENT_TYPE,
                [("x-amzn-RequestId", random_uuid()), ("Connection", "close")],
            )
        refused = stopping_answer(server, environ, start_response)
        if refused is not None:  # the body came after stop() began
            return refused
        if path.startswith(CONTROL_PREFIX):
            status, document = handle_control(server, method, path[len(CONTROL_PREFIX) :], body)
            payload = json.dumps(document, separators=(",", ":")).encode()
            return respond(start_response, status, payload)
        if path == "/" and method == "POST":
            return answer_gamelift(server, environ, body, start_response)
        if path == "/" and method in ("GET", "HEAD"):
            info = {
                "service": "gl_placement_mock",
                "endpoint_url": server.endpoint_url,
                "control": CONTROL_PREFIX,
            }
            return respond(start_response, 200, json.dumps(info).encode())
        message = f"Nothing at {method} {path}: GameLift requests go to POST /."
        if path.startswith("/service/"):
            message = (
                f"{path} is a Smithy RPC v2 CBOR request: this server speaks AWS JSON 1.1 only; "
                "configure the SDK to use the JSON protocol for GameLift."
            )
        return respond(start_response, 404, json.dumps({"error": message}).encode())

    return app


def answer_gamelift(
    server: PlacementServer,
    environ: dict[str, Any],
    body: bytes,
    start_response: StartResponse,
) -> list[bytes]:
    """One GameLift API call: decode, fault or dispatch, encode; recorded in ``mock.calls``."""
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    name = target[len(wire.TARGET_PREFIX) :] if target.startswith(wire.TARGET_PREFIX) else ""
    model = wire.operation_model(name) if name else None
    backend = server.backend
    region = region_of(environ)
    params: dict[str, Any] = {}
    try:
        if model is None:
            raise GameLiftError(
                "UnknownOperationException",
                f"X-Amz-Target {target!r} names no GameLift operation; expected "
                "'GameLift.<Operation>'.",
            )
        if name not in OPERATIONS:
            raise GameLiftError(
                "NotImplemented",
                f"gl_placement_mock does not implement GameLift operation {name!r}. "
                f"Implemented operations: {', '.join(sorted(OPERATIONS))}.",
                501,
            )
        # An injected fault answers before anything is judged or changed.
        fault = backend.faults.draw(name)
        if fault is not None:
            params = _readable(model.input_shape, body)
            raise GameLiftError(fault.error_code, fault.message, fault.status)
        params = wire.decode_request(model.input_shape, body)
        parsed = dispatch(
            backend, server.account_id, region, name, model.input_shape, params, unvalidated=True
        )
        payload = wire.encode_response(model.output_shape, parsed)
        status = 200
    except GameLiftError as error:
        parsed = {"Error": {"Message": error.message, "Code": error.code}}
        payload = wire.encode_error(error.code, error.message)
        status = error.status
    except Exception as error:  # answer like a service; never send a traceback
        # The frames, not the message: an exception's text may quote sensitive parameters.
        _log.error(
            "gl_placement_mock server failed inside %s with %s (message withheld)\n%s",
            name or target,
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)).rstrip(),
        )
        message = f"gl_placement_mock internal error ({type(error).__name__})."
        parsed = {"Error": {"Message": message, "Code": "InternalServiceException"}}
        payload = wire.encode_error("InternalServiceException", message)
        status = 500
    server.deliver()
    server.ticker.poke()
    request_id = random_uuid()
    if name in OPERATIONS:
        parsed["ResponseMetadata"] = {
            "RequestId": request_id,
            "HTTPStatusCode": status,
            "HTTPHeaders": {
                "x-amzn-requestid": request_id,
                "content-type": wire.CONTENT_TYPE,
                "content-length": str(len(payload)),
            },
            "RetryAttempts": 0,
        }
        calls.record(backend.calls, name, region, server.account_id, params, parsed)
    headers = [("x-amzn-RequestId", request_id)]
    return respond(start_response, status, payload, wire.CONTENT_TYPE, headers)


def _readable(input_shape: Any, body: bytes) -> dict[str, Any]:
    """The request's parameters for the record of a call a fault answered, if they read."""
    try:
        return wire.decode_request(input_shape, body)
    except GameLiftError:
        return {}
