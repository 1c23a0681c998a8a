"""The WSGI application: GameLift requests (``POST /`` with ``X-Amz-Target``) answered through
the same operations as the in-process mock, and the control API under ``/_gl_placement_mock/``."""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable, Optional, cast

from .. import regions
from ..backend.arns import request_id as new_request_id
from ..operations import OPERATIONS
from ..operations.answer import answer
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
        try:
            return route(environ, start_response)
        except Exception as error:  # never Werkzeug's HTML page, never a traceback
            _log.error(
                "gl_placement_mock server failed with %s (message withheld)\n%s",
                type(error).__name__,
                "".join(traceback.format_tb(error.__traceback__)).rstrip(),
            )
            message = f"gl_placement_mock internal error ({type(error).__name__})."
            return respond(
                start_response,
                500,
                wire.encode_error("InternalServiceException", message),
                wire.CONTENT_TYPE,
                [("x-amzn-RequestId", new_request_id())],
            )

    def route(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
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
                [("x-amzn-RequestId", new_request_id()), ("Connection", "close")],
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
    """One GameLift API call: decoded, answered on the one answer path, encoded."""
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    name = target[len(wire.TARGET_PREFIX) :] if target.startswith(wire.TARGET_PREFIX) else ""
    model = wire.operation_model(name) if name else None
    if model is None:
        return _refuse(
            start_response,
            "UnknownOperationException",
            f"X-Amz-Target {target!r} names no GameLift operation; expected "
            "'GameLift.<Operation>'.",
            400,
        )
    if name not in OPERATIONS:
        return _refuse(
            start_response,
            "NotImplemented",
            f"gl_placement_mock does not implement GameLift operation {name!r}. "
            f"Implemented operations: {', '.join(sorted(OPERATIONS))}.",
            501,
        )
    region = region_of(environ)
    if not regions.is_known(region):
        # Also keeps a scope such as "us-west-2:999999999999" out of every ARN.
        return _refuse(
            start_response,
            "InvalidSignatureException",
            f"Credential should be scoped to a valid region, not '{region}': "
            "GameLift is offered in no Region of that name.",
            400,
        )
    backend = server.backend
    if not backend.partitions:  # a fresh backend (after a reset too): ARNs by partition
        backend.partitions = regions.partitions()
    input_shape, output_shape = model.input_shape, model.output_shape

    def encode(parsed: dict[str, Any], status: int) -> bytes:
        if status == 200:
            return wire.encode_response(output_shape, parsed)
        error = parsed["Error"]
        return wire.encode_error(error["Code"], error["Message"])

    try:
        parsed, status, payload, _params = answer(
            backend,
            server.deliver,
            name,
            server.account_id,
            region,
            input_shape,
            lambda: wire.decode_request(input_shape, body),
            encode,
            unvalidated=True,
            server=True,
        )
    finally:
        server.ticker.poke()  # (the call may have set a timer due before the planned wake-up)
    request_id = parsed["ResponseMetadata"]["RequestId"]
    headers = [("x-amzn-RequestId", request_id)]
    return respond(start_response, status, cast(bytes, payload), wire.CONTENT_TYPE, headers)


def _refuse(start_response: StartResponse, code: str, message: str, status: int) -> list[bytes]:
    """An error for a request that names no operation this server answers (not recorded)."""
    headers = [("x-amzn-RequestId", new_request_id())]
    return respond(
        start_response, status, wire.encode_error(code, message), wire.CONTENT_TYPE, headers
    )
