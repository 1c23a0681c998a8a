"""Server mode: the mock over HTTP (AWS JSON 1.1) for the AWS CLI and every SDK, with a JSON
control API. Needs the ``server`` extra (Werkzeug): ``pip install "gl_placement_mock[server]"``."""

from __future__ import annotations

try:
    import werkzeug  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the install
    raise ImportError(
        'Server mode needs Werkzeug: pip install "gl_placement_mock[server]"'
    ) from error

from .app import CONTROL_PREFIX, MAX_BODY_BYTES
from .placement_server import PlacementServer, ServerMock

__all__ = ["CONTROL_PREFIX", "MAX_BODY_BYTES", "PlacementServer", "ServerMock"]
