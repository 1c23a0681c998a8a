"""Dummy credentials for GameLift clients made while a mock is active and none are configured,
as moto does for its services: so that making the client never probes the instance metadata
service (169.254.169.254) or a container credentials endpoint, which botocore asks last.

Credentials configured without the network (environment, shared files, a profile, a process)
are left to botocore, which finds the same ones.

aiobotocore's ``AioSession.create_client`` is wrapped the same way, once aiobotocore is imported:
at install if it already is, else when the first session is made after it is (aiobotocore is
never imported here)."""

from __future__ import annotations

import functools
import sys
from typing import Any

from ..activation import registry as activation

DUMMY_ACCESS_KEY_ID = "testing"
DUMMY_SECRET_ACCESS_KEY = "testing"
# botocore's credential providers that fetch over the network when asked.
_NETWORK_PROVIDERS = frozenset({"iam-role", "container-role"})
# Where create_client takes aws_access_key_id when passed by position (after service_name).
_KEY_POSITION = 6


def _configured_without_network(session: Any, aio: bool = False) -> bool:
    """Whether ``session`` finds credentials without asking any network endpoint. An
    aiobotocore session's own providers load asynchronously: it is asked through botocore's
    synchronous resolver built on the same session, whose providers read the same sources."""
    if getattr(session, "_credentials", None) is not None:
        return True
    if aio:
        from botocore.credentials import create_credential_resolver

        resolver = create_credential_resolver(session)
    else:
        resolver = session.get_component("credential_provider")
    for provider in getattr(resolver, "providers", ()):
        if getattr(provider, "METHOD", None) in _NETWORK_PROVIDERS:
            continue
        if provider.load() is not None:
            return True
    return False


def _wrap(original: Any, aio: bool = False) -> Any:
    @functools.wraps(original)
    def create_client(self: Any, service_name: str, *args: Any, **kwargs: Any) -> Any:
        if (
            activation._top is not None
            and service_name == "gamelift"
            and len(args) < _KEY_POSITION
            and kwargs.get("aws_access_key_id") is None
            and kwargs.get("aws_secret_access_key") is None
            and not _configured_without_network(self, aio)
        ):
            kwargs["aws_access_key_id"] = DUMMY_ACCESS_KEY_ID
            kwargs["aws_secret_access_key"] = DUMMY_SECRET_ACCESS_KEY
            kwargs.pop("aws_session_token", None)
        return original(self, service_name, *args, **kwargs)

    create_client._gl_placement_mock = True  # type: ignore[attr-defined]
    return create_client


def _patch_aiobotocore() -> bool:
    """Wrap ``AioSession.create_client`` if aiobotocore is imported; whether it is."""
    cls = getattr(sys.modules.get("aiobotocore.session"), "AioSession", None)
    if cls is None:
        return False
    current = cls.__dict__.get("create_client")
    if current is not None and not getattr(current, "_gl_placement_mock", False):
        cls.create_client = _wrap(current, aio=True)
    return True


def _wrap_init(original: Any) -> Any:
    """``Session.__init__`` until aiobotocore is imported: the first session made after that
    (an ``AioSession`` among them) wraps it and restores the original."""

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        if _patch_aiobotocore():
            import botocore.session

            if botocore.session.Session.__dict__.get("__init__") is init:
                botocore.session.Session.__init__ = original
        original(self, *args, **kwargs)

    init._gl_placement_mock = True  # type: ignore[attr-defined]
    return init


def install() -> None:
    """Wrap botocore's ``Session.create_client``, and aiobotocore's now or once it is imported
    (idempotent)."""
    import botocore.session

    current = botocore.session.Session.__dict__["create_client"]
    if not getattr(current, "_gl_placement_mock", False):
        botocore.session.Session.create_client = _wrap(current)
    if not _patch_aiobotocore():
        init = botocore.session.Session.__dict__["__init__"]
        if not getattr(init, "_gl_placement_mock", False):
            botocore.session.Session.__init__ = _wrap_init(init)
