"""The wire codec's half that walks shapes: JSON 1.1 values typed as a member's shape
(requests), and response values made ready to write as the service writes them."""

from __future__ import annotations

import base64
import binascii
import math
from datetime import datetime, timezone
from typing import Any, Callable

from ..backend.errors import GameLiftError
from . import compiled, is_sensitive

Decoder = Callable[[Any, str], Any]
Encoder = Callable[[Any], Any]


def serialization_error(message: str) -> GameLiftError:
    """What the service answers a body it cannot read: SerializationException, HTTP 400."""
    return GameLiftError("SerializationException", message)


class Timestamp(float):
    """Epoch seconds to be written as the service writes them."""


def decoder(shape: Any) -> Decoder:
    """A function that types a JSON value as ``shape``."""
    return compiled("decode", shape, _build_decoder)


def _mismatch(value: Any, path: str, wanted: str) -> GameLiftError:
    kind = {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value))
    if kind is None:
        kind = "null" if value is None else "number"
    where = f" at '{path}'" if path else ""
    return serialization_error(f"Cannot read a JSON {kind}{where} as {wanted}.")


def _build_decoder(shape: Any) -> Decoder:
    kind = shape.type_name
    if kind == "structure":
        members = {name: decoder(member) for name, member in shape.members.items()}

        def structure(value: Any, path: str) -> Any:
            if not isinstance(value, dict):
                raise _mismatch(value, path, "a structure")
            prefix = f"{path}." if path else ""
            out = {}
            for name, item in value.items():
                if item is None:
                    continue
                decode = members.get(name)
                out[name] = item if decode is None else decode(item, prefix + name)
            return out

        return structure
    if kind == "list":
        member = decoder(shape.member)

        def listing(value: Any, path: str) -> Any:
            if not isinstance(value, list):
                raise _mismatch(value, path, "a list")
            return [None if v is None else member(v, f"{path}[{i}]") for i, v in enumerate(value)]

        return listing
    if kind == "map":
        entry = decoder(shape.value)
        # A sensitive map's keys (player ids) are never quoted: the path names none.
        hidden = is_sensitive(shape) or is_sensitive(shape.key)

        def mapping(value: Any, path: str) -> Any:
            if not isinstance(value, dict):
                raise _mismatch(value, path, "a map")
            out = {}
            for key, item in value.items():
                if not key.isascii() and not _is_utf8(key):
                    raise serialization_error(f"Cannot read a map key at '{path}' {_NOT_UTF8}")
                where = f"{path}.<redacted>" if hidden else f"{path}.{key}"
                out[key] = None if item is None else entry(item, where)
            return out

        return mapping
    if kind == "string":

        def string(value: Any, path: str) -> Any:
            if not isinstance(value, str):
                raise _mismatch(value, path, "a string")
            if not value.isascii() and not _is_utf8(value):
                raise serialization_error(f"Cannot read a JSON string at '{path}' {_NOT_UTF8}")
            return value

        return string
    if kind == "boolean":
        return _scalar(bool, "a boolean")
    if kind in ("integer", "long"):

        def integer(value: Any, path: str) -> Any:
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if not isinstance(value, int) or isinstance(value, bool):
                raise _mismatch(value, path, "an integer")
            return value

        return integer
    if kind in ("float", "double"):

        def number(value: Any, path: str) -> Any:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise _mismatch(value, path, "a number")
            return float(value)

        return number
    if kind == "timestamp":

        def moment(value: Any, path: str) -> Any:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise _mismatch(value, path, "a timestamp (epoch seconds)")
            return datetime.fromtimestamp(value, timezone.utc)

        return moment
    if kind == "blob":

        def blob(value: Any, path: str) -> Any:
            if not isinstance(value, str):
                raise _mismatch(value, path, "a base64 blob")
            try:
                return base64.b64decode(value, validate=True)
            except binascii.Error:
                raise serialization_error(f"Value at '{path}' is not valid base64.") from None

        return blob
    return lambda value, path: value


# Text with a lone surrogate (from a \\uD800-style escape) is no Unicode text at all.
_NOT_UTF8 = "as text: it holds a lone surrogate, which UTF-8 cannot encode."


def _is_utf8(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def _scalar(kind: type, wanted: str) -> Decoder:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, kind):
            raise _mismatch(value, path, wanted)
        return value

    return check


def encoder(shape: Any) -> Encoder:
    """A function that makes a response value of ``shape`` ready to write."""
    return compiled("encode", shape, _build_encoder)


def _build_encoder(shape: Any) -> Encoder:
    kind = shape.type_name
    if kind == "structure":
        members = {name: encoder(member) for name, member in shape.members.items()}

        def structure(value: Any) -> Any:
            return {
                name: members[name](item)
                for name, item in value.items()
                if item is not None and name in members
            }

        return structure
    if kind == "list":
        member = encoder(shape.member)
        return lambda value: [member(item) for item in value]
    if kind == "map":
        entry = encoder(shape.value)
        return lambda value: {key: entry(item) for key, item in value.items()}
    if kind == "timestamp":
        return _epoch_seconds
    if kind == "blob":
        return lambda value: base64.b64encode(
            value.encode() if isinstance(value, str) else value
        ).decode("ascii")
    if kind in ("float", "double"):
        return _number
    return lambda value: value


def _epoch_seconds(value: Any) -> Any:
    seconds = value.timestamp() if isinstance(value, datetime) else float(value)
    return Timestamp(round(seconds, 3))


def _number(value: Any) -> Any:
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return number
