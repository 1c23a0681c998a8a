"""The GameLift service model, as botocore ships it: loaded once, and each shape compiled once
per use (validation, pruning, normalising, redaction, the wire codec) by one recursion-safe
compile step. No other module loads the model or walks its shapes."""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable, Optional, TypeVar

import botocore.session

T = TypeVar("T")

# Members hidden on top of the ones the service model marks sensitive (player ids, player data,
# game session data, game property values), and members newer models mark sensitive
# (QueueCustomEventData), so every supported botocore hides the same.
EXTRA_SENSITIVE_SHAPES = frozenset(
    {
        "QueueCustomEventData",
        "CustomEventData",
        "PlayerId",
        "PlayerIdList",
        "PlayerData",
        "PlayerDataMap",
        "LargeGameSessionData",
        "GameSessionData",
        "GamePropertyValue",
    }
)


@functools.cache
def service_model() -> Any:
    """The installed botocore's GameLift service model."""
    return botocore.session.get_session().get_service_model("gamelift")


@functools.cache
def operation_model(name: str) -> Optional[Any]:
    """The operation's model, or None when the service has no such operation."""
    model = service_model()
    if name not in model.operation_names:
        return None
    return model.operation_model(name)


def is_sensitive(shape: Any) -> bool:
    """Whether values of ``shape`` are never shown: the model marks it, or it is one of
    :data:`EXTRA_SENSITIVE_SHAPES`."""
    return bool(shape.metadata.get("sensitive") or shape.name in EXTRA_SENSITIVE_SHAPES)


_COMPILED: dict[tuple[Any, ...], Any] = {}
# Compiling happens under one lock; what a compile makes (with the stand-ins recursive shapes
# use meanwhile) is published in _COMPILED, which calls read without the lock, only once the
# outermost compile has finished: no thread ever calls a stand-in before its function exists.
_LOCK = threading.RLock()
_PENDING: dict[tuple[Any, ...], Any] = {}
_depth = 0


def compiled(use: str, shape: Any, build: Callable[[Any], T], *variant: Any) -> T:
    """``build(shape)`` for ``use`` (and ``variant``), made once per shape and kept. While it is
    being built, a recursive shape finds a stand-in that calls the finished function."""
    global _depth
    key = (use, shape.name, shape.type_name, *variant)
    found = _COMPILED.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    with _LOCK:
        found = _COMPILED.get(key) or _PENDING.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        _PENDING[key] = lambda *args: _COMPILED[key](*args)
        _depth += 1
        finished = False
        try:
            result = _PENDING[key] = build(shape)
            finished = True
        finally:
            _depth -= 1
            if _depth == 0:
                if finished:
                    _COMPILED.update(_PENDING)
                _PENDING.clear()
        return result
