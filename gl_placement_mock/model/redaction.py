"""Copies of request and response values for printing, with sensitive members hidden: the ones
the service model marks sensitive and :data:`EXTRA_SENSITIVE_SHAPES` (player ids, player data,
game session data, game property values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable

from . import compiled, is_sensitive

Redactor = Callable[[Any], Any]


class _Redacted:
    """Stands in for a hidden value in a printed copy."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<redacted>"


REDACTED = _Redacted()


def compile_redactor(shape: Any) -> Redactor:
    """A function that copies a value of ``shape``, replacing every sensitive member with
    :data:`REDACTED`. Members the shape does not model, and values of a container type the
    shape does not expect, are hidden too: nothing says what they hold."""
    if shape is None:
        return lambda value: {k: REDACTED for k in value} if isinstance(value, Mapping) else value
    return _redactor(shape)


def _redactor(shape: Any) -> Redactor:
    if is_sensitive(shape):
        return _hide
    if shape.type_name not in ("structure", "list", "map"):
        return _scalar
    return compiled("redact", shape, _build_redactor)


def _build_redactor(shape: Any) -> Redactor:
    kind = shape.type_name
    if kind == "structure":
        members = {name: _redactor(member) for name, member in shape.members.items()}

        def redact(value: Any) -> Any:
            if not isinstance(value, Mapping):
                return _scalar(value)
            return {k: members.get(k, _hide)(v) for k, v in value.items()}

    elif kind == "list":
        item = _redactor(shape.member)

        def redact(value: Any) -> Any:
            if not isinstance(value, (list, tuple)):
                return _scalar(value)
            return [item(v) for v in value]

    else:
        entry = _redactor(shape.value)

        def redact(value: Any) -> Any:
            if not isinstance(value, Mapping):
                return _scalar(value)
            return {k: entry(v) for k, v in value.items()}

    return redact


def _hide(value: Any) -> Any:
    return None if value is None else REDACTED


def _scalar(value: Any) -> Any:
    """A value where a scalar is expected: shown, unless it is a container."""
    if isinstance(value, (Mapping, list, tuple, set, frozenset)):
        return REDACTED
    return value
