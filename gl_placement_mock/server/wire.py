"""GameLift's wire protocol, AWS JSON 1.1: request bodies decoded against the service model's
input shapes, responses and errors encoded as the service sends them."""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
from datetime import datetime, timezone
from typing import Any, Callable, Optional

import botocore.session

from ..backend.errors import GameLiftError
from ..bodies import java_double

CONTENT_TYPE = "application/x-amz-json-1.1"
TARGET_PREFIX = "GameLift."

Decoder = Callable[[Any, str], Any]
Encoder = Callable[[Any], Any]


def serialization_error(message: str) -> GameLiftError:
    """What the service answers a body it cannot read: SerializationException, HTTP 400."""
    return GameLiftError("SerializationException", message)


@functools.cache
def service_model() -> Any:
    return botocore.session.get_session().get_service_model("gamelift")


def operation_model(name: str) -> Optional[Any]:
    """The operation's botocore model, or None when the service has no such operation."""
    model = service_model()
    if name not in model.operation_names:
        return None
    return model.operation_model(name)


# -- requests ----------------------------------------------------------------------------------


def decode_request(input_shape: Any, body: bytes) -> dict[str, Any]:
    """The parameters of a JSON 1.1 request body, typed as a botocore client's caller passes
    them; SerializationException when the body is not a JSON object or a value cannot be read
    as its member's type. Nulls are dropped; members the model lacks are left for the
    operations layer to drop."""
    if not body.strip():
        document: Any = {}
    else:
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise serialization_error(f"Request body is not valid JSON: {error}.") from None
    if not isinstance(document, dict):
        raise serialization_error("Request body must be a JSON object.")
    if input_shape is None:
        return {}
    decoded: dict[str, Any] = _decoder(input_shape)(document, "")
    return decoded


_DECODERS: dict[str, Decoder] = {}


def _compiled(cache: dict[str, Any], shape: Any, build: Callable[[Any], Any]) -> Any:
    """``build(shape)``, cached by shape name and type. While it is being built, a recursive
    shape finds a stand-in in the cache that looks the finished function up when it runs."""
    key = f"{shape.name}/{shape.type_name}"
    found = cache.get(key)
    if found is not None:
        return found
    cache[key] = lambda *args: cache[key](*args)
    compiled = cache[key] = build(shape)
    return compiled


def _decoder(shape: Any) -> Decoder:
    """A function that types a JSON value as ``shape``."""
    decoder: Decoder = _compiled(_DECODERS, shape, _build_decoder)
    return decoder


def _mismatch(value: Any, path: str, wanted: str) -> GameLiftError:
    kind = {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value))
    if kind is None:
        kind = "null" if value is None else "number"
    where = f" at '{path}'" if path else ""
    return serialization_error(f"Cannot read a JSON {kind}{where} as {wanted}.")


def _build_decoder(shape: Any) -> Decoder:
    kind = shape.type_name
    if kind == "structure":
        members = {name: _decoder(member) for name, member in shape.members.items()}

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
        member = _decoder(shape.member)

        def listing(value: Any, path: str) -> Any:
            if not isinstance(value, list):
                raise _mismatch(value, path, "a list")
            return [None if v is None else member(v, f"{path}[{i}]") for i, v in enumerate(value)]

        return listing
    if kind == "map":
        entry = _decoder(shape.value)

        def mapping(value: Any, path: str) -> Any:
            if not isinstance(value, dict):
                raise _mismatch(value, path, "a map")
            return {k: None if v is None else entry(v, f"{path}.{k}") for k, v in value.items()}

        return mapping
    if kind == "string":
        return _scalar(str, "a string")
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


def _scalar(kind: type, wanted: str) -> Decoder:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, kind):
            raise _mismatch(value, path, wanted)
        return value

    return check


# -- responses ---------------------------------------------------------------------------------


def encode_response(output_shape: Any, parsed: dict[str, Any]) -> bytes:
    """The JSON 1.1 body for an operation's response dict (as botocore's parser would have
    produced it), as the service writes it: compact UTF-8 JSON, timestamps as epoch seconds
    written as Java doubles (``1.700000000123E9``), blobs as base64, ``ResponseMetadata`` left
    out."""
    if output_shape is None:
        return b"{}"
    out: list[str] = []
    _write(_encoder(output_shape)(parsed), out)
    return "".join(out).encode()


def encode_error(code: str, message: str) -> bytes:
    """A modelled error's body, as the service sends it."""
    document = {"__type": code, "message": message}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


class _Timestamp(float):
    """Epoch seconds to be written as the service writes them."""


_string = json.encoder.encode_basestring


def _write(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            out.append(_string(key))
            out.append(":")
            _write(item, out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif isinstance(value, _Timestamp):
        out.append(java_double(float(value)))
    else:
        out.append(json.dumps(value, allow_nan=False))


_ENCODERS: dict[str, Encoder] = {}


def _encoder(shape: Any) -> Encoder:
    encoder: Encoder = _compiled(_ENCODERS, shape, _build_encoder)
    return encoder


def _build_encoder(shape: Any) -> Encoder:
    kind = shape.type_name
    if kind == "structure":
        members = {name: _encoder(member) for name, member in shape.members.items()}

        def structure(value: Any) -> Any:
            return {
                name: members[name](item)
                for name, item in value.items()
                if item is not None and name in members
            }

        return structure
    if kind == "list":
        member = _encoder(shape.member)
        return lambda value: [member(item) for item in value]
    if kind == "map":
        entry = _encoder(shape.value)
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
    return _Timestamp(round(seconds, 3))


def _number(value: Any) -> Any:
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return number
