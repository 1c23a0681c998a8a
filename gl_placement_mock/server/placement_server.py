"""``PlacementServer``: the mock served over HTTP from a background thread, with its own backend
and a handle to steer it."""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterable
from typing import Any, Optional

from werkzeug.serving import BaseWSGIServer, ThreadedWSGIServer, WSGIRequestHandler

from ..activation.handle import DEFAULT_ACCOUNT_ID
from ..activation.registry import World
from ..backend.state import Backend
from ..delivery import events as delivery
from ..errors import PlacementMockError
from ..steering import Steering
from .app import MAX_BODY_BYTES, make_app
from .guard import guard, is_loopback
from .ticker import Ticker

DEFAULT_MAX_CALLS = 10_000
DEFAULT_IDLE_TIMEOUT = 30.0


class ServerMock(Steering):
    """The handle of a :class:`PlacementServer`: the steering methods of
    :class:`~gl_placement_mock.PlacementMock`, acting on the server's state. It is active while
    the server runs; start and stop the server, not the handle."""

    def __init__(self, server: PlacementServer) -> None:
        self._server = server

    def __repr__(self) -> str:
        return f"<ServerMock account={self.account_id} {self._server.endpoint_url}>"

    @property
    def account_id(self) -> str:
        """The server's account: every call to the server acts in it."""
        return self._server.account_id

    @property
    def active(self) -> bool:
        return self._server.running

    def _world(self) -> World:
        return self._server.world()


class _QuietHandler(WSGIRequestHandler):
    """Werkzeug's request handler without a log line per request; a connection idle for
    ``timeout`` seconds is closed (set per server)."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        return None


class PlacementServer:
    """GameLift placement served over HTTP (AWS JSON 1.1) from a background thread::

        with PlacementServer(port=0) as server:
            client = boto3.client("gamelift", endpoint_url=server.endpoint_url, ...)

    ``port=0`` picks a free port; ``server.endpoint_url`` says which. ``server.mock`` steers
    and inspects the server's state like :class:`PlacementMock` does the in-process mock's;
    the two never share state. Time is the wall clock, and a background scheduler applies
    each change when it falls due. Requests may be signed with any credentials; the Region
    comes from their SigV4 credential scope; every call acts in ``account_id``.

    It is for the local test only (see "Threat model" in docs/server-mode.md). On a loopback
    ``host`` (the default) it answers only requests whose Host header is a loopback name or
    one of ``allow_hosts``; on another interface it answers any. ``token``: every control
    request (and with ``token_for_wire``, every GameLift request) must carry it in the
    ``X-Gl-Placement-Mock-Token`` header. It keeps the most recent ``max_calls`` recorded
    calls (0: no limit); a connection idle for ``idle_timeout`` seconds is closed."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        account_id: str = DEFAULT_ACCOUNT_ID,
        max_body_bytes: int = MAX_BODY_BYTES,
        allow_hosts: Iterable[str] = (),
        token: Optional[str] = None,
        token_for_wire: bool = False,
        max_calls: int = DEFAULT_MAX_CALLS,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    ) -> None:
        if not isinstance(host, str) or not host.strip():
            raise ValueError(
                f"host must be the address to bind, e.g. '127.0.0.1' (this machine only) or "
                f"'0.0.0.0' (every interface); got {host!r}."
            )
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
            raise ValueError(f"port must be a whole number from 0 to 65535, got {port!r}.")
        if not isinstance(max_body_bytes, int) or max_body_bytes < 1:
            raise ValueError(
                f"max_body_bytes must be a positive whole number, got {max_body_bytes!r}."
            )
        if not (isinstance(account_id, str) and len(account_id) == 12 and account_id.isdigit()):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}.")
        allowed = [allow_hosts] if isinstance(allow_hosts, str) else list(allow_hosts)
        if not all(isinstance(name, str) and name.strip() for name in allowed):
            raise ValueError(f"allow_hosts must be host names, got {allow_hosts!r}.")
        if token is not None and (not isinstance(token, str) or not token):
            raise ValueError(f"token must be a non-empty string or None, got {token!r}.")
        if not isinstance(token_for_wire, bool) or (token_for_wire and token is None):
            raise ValueError("token_for_wire=True needs a token.")
        if isinstance(max_calls, bool) or not isinstance(max_calls, int) or max_calls < 0:
            raise ValueError(
                f"max_calls must be a whole number of at least 0 (0: no limit), got {max_calls!r}."
            )
        if (
            isinstance(idle_timeout, bool)
            or not isinstance(idle_timeout, (int, float))
            or not 0 < idle_timeout < float("inf")
        ):
            raise ValueError(
                f"idle_timeout must be a positive number of seconds, got {idle_timeout!r}."
            )
        self.host = host
        self.account_id = account_id
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = tuple(allowed)
        self.loopback_only = is_loopback(host)
        self.token = token
        self.token_for_wire = token_for_wire
        self.max_calls = max_calls
        self.idle_timeout = float(idle_timeout)
        self.stopping = False
        self._errors: list[BaseException] = []
        self.backend = self._new_backend()
        self._world: Optional[World] = None
        self.mock = ServerMock(self)
        self.ticker = Ticker(lambda: self.backend, self.deliver)
        self._port = port
        self._http: Optional[BaseWSGIServer] = None
        self._thread: Optional[threading.Thread] = None

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<PlacementServer {self.endpoint_url} {state}>"

    @property
    def port(self) -> int:
        """The port it listens on (the one picked, when created with ``port=0``)."""
        return self._http.port if self._http is not None else self._port

    @property
    def endpoint_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> PlacementServer:
        """Bind and serve from a background thread; returns at once, ready for requests."""
        if self._http is not None:
            raise PlacementMockError("This PlacementServer is already running.")
        # Bound here rather than by Werkzeug, which prints and exits when the port is taken.
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as listening:
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listening.bind((self.host, self._port))
            listening.listen(128)
            handler = type("Handler", (_QuietHandler,), {"timeout": self.idle_timeout})
            self._http = ThreadedWSGIServer(
                self.host, self._port, guard(self, make_app(self)), handler, fd=listening.fileno()
            )
        self._port = self._http.port
        self.stopping = False
        if not self.loopback_only:
            print(
                f"gl_placement_mock: serving on {self.host}, not loopback: any machine that "
                "can reach this port can drive the mock, whatever Host it names.",
                file=sys.stderr,
                flush=True,
            )
        self.ticker.start()
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"gl_placement_mock server {self.endpoint_url}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; state stays readable through ``mock``. From the
        moment it begins, requests still arriving are answered 503 and change nothing. Raises
        what event callbacks raised while it ran: one exception as itself, several as an
        exception group."""
        self._stop()
        self._raise_callback_errors()

    def _stop(self) -> None:
        http, thread = self._http, self._thread
        if http is None or thread is None:
            return
        self.stopping = True
        try:
            http.shutdown()
            thread.join()
            http.server_close()
            self.ticker.stop()
            self.deliver()
        finally:
            self._http = self._thread = None

    def _raise_callback_errors(self) -> None:
        errors = [*self._errors, *self.world().delivery.take_errors()]
        self._errors = []
        delivery.raise_errors(errors)

    def _new_backend(self) -> Backend:
        return Backend(max_calls=self.max_calls or None)  # 0: no limit

    def world(self) -> World:
        """The server's backend with the delivery of its events (subscribers, and SNS and
        EventBridge while moto is active in this process)."""
        world = self._world
        if world is None or world.backend is not self.backend:
            world = self._world = World(self.backend)
        return world

    def deliver(self) -> None:
        """Hand the events produced so far to their consumers; call without the lock held."""
        self.world().delivery.flush()

    def reset(self) -> None:
        """Forget every queue, placement, fleet, event and fault: a fresh service. Callback
        errors kept so far are still raised when the server stops."""
        self._errors.extend(self.world().delivery.take_errors())
        self.backend = self._new_backend()
        self.ticker.poke()

    def __enter__(self) -> PlacementServer:
        return self.start()

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        if exc_type is not None:  # the body's exception is the one to see
            self._stop()
            return
        self.stop()
