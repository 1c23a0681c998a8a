"""Who may talk to a server: the WSGI middleware in front of the application.

- Serving on loopback (the default), a request whose Host header is not a loopback name
  (``localhost``, ``127.0.0.1``, ``[::1]``, with or without the port) nor one added with
  ``allow_hosts`` gets 403: a web page using DNS rebinding cannot reach the server.
- A control request that changes state must say ``Content-Type: application/json``, which a
  browser cannot send cross-site without a preflight; the server answers no preflight.
- With a token, every control request (and, with ``token_for_wire``, every GameLift request)
  must carry it in the ``X-Gl-Placement-Mock-Token`` header.
- Once ``stop()`` has begun, no request changes state: each is answered 503."""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import wire
from .app import CONTROL_PREFIX, respond

if TYPE_CHECKING:
    from .placement_server import PlacementServer

TOKEN_HEADER = "X-Gl-Placement-Mock-Token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_SAFE_METHODS = frozenset({"GET", "HEAD"})

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` serves this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name in a Host header, without the port: ``[::1]:5050`` -> ``[::1]``."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[: end + 1] if end != -1 else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def guard(server: PlacementServer, app: App) -> App:
    """``app`` behind the checks above, as configured on ``server``."""
    allowed = LOOPBACK_NAMES | {host_name(name) for name in server.allowed_hosts}

    def guarded(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        control = path.startswith(CONTROL_PREFIX)
        method = environ.get("REQUEST_METHOD", "GET")
        refuse = _refuser(start_response, control)
        if server.loopback_only:
            host = host_name(environ.get("HTTP_HOST", ""))
            if host not in allowed:
                return refuse(
                    403,
                    f"Host {host!r} is not a loopback name: this server serves this machine "
                    "only (serve --allow-host NAME adds a name).",
                )
        token = server.token
        if token is not None and (control or server.token_for_wire):
            given = environ.get("HTTP_X_GL_PLACEMENT_MOCK_TOKEN", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return refuse(403, f"This server needs its token in the {TOKEN_HEADER} header.")
        if control and method not in _SAFE_METHODS:
            media = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
            if media != "application/json":
                return refuse(
                    415,
                    f"A control request that changes state needs Content-Type: "
                    f"application/json; got {media or 'none'!r}.",
                )
        if server.stopping:
            return refuse(503, "This server is stopping.")
        return app(environ, start_response)

    return guarded


def stopping_answer(
    server: PlacementServer, environ: dict[str, Any], start_response: StartResponse
) -> Optional[list[bytes]]:
    """The 503 for a request whose body was read after ``stop()`` began, or None."""
    if not server.stopping:
        return None
    control = (environ.get("PATH_INFO") or "/").startswith(CONTROL_PREFIX)
    return _refuser(start_response, control)(503, "This server is stopping.")


def _refuser(start_response: StartResponse, control: bool) -> Callable[[int, str], list[bytes]]:
    def refuse(status: int, message: str) -> list[bytes]:
        if control:
            body = json.dumps({"error": message}).encode()
            return respond(start_response, status, body, headers=[("Connection", "close")])
        error_code = {403: "AccessDeniedException", 415: "SerializationException"}.get(
            status, "ServiceUnavailable"
        )
        body = wire.encode_error(error_code, message)
        return respond(start_response, status, body, wire.CONTENT_TYPE, [("Connection", "close")])

    return refuse
