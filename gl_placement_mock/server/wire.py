"""GameLift's wire protocol, AWS JSON 1.1: request bodies decoded against the service model's
input shapes, responses and errors encoded as the service sends them."""

from __future__ import annotations

import json
from typing import Any

from ..model import operation_model
from ..model.bodies import java_double
from ..model.codec import Timestamp, decoder, encoder, serialization_error

CONTENT_TYPE = "application/x-amz-json-1.1"
TARGET_PREFIX = "GameLift."
# How deep arrays and objects may nest in a request body (GameLift's inputs need 4 levels).
MAX_DEPTH = 64
_TOO_DEEP = object()

__all__ = ["CONTENT_TYPE", "TARGET_PREFIX", "decode_request", "encode_error", "encode_response"]
__all__ += ["operation_model", "serialization_error"]

# -- requests ----------------------------------------------------------------------------------


def decode_request(input_shape: Any, body: bytes) -> dict[str, Any]:
    """The parameters of a JSON 1.1 request body, typed as a botocore client's caller passes
    them; SerializationException when the body is not a JSON object or a value cannot be read
    as its member's type. Nulls are dropped; members the model lacks are left for the
    operations layer to drop."""
    try:
        text = body.decode()
    except UnicodeDecodeError as error:
        raise serialization_error(f"Request body is not valid JSON: not UTF-8 ({error}).") from None
    if not text.strip():
        document: Any = {}
    else:
        try:
            document = json.loads(text)
        except ValueError as error:
            raise serialization_error(f"Request body is not valid JSON: {error}.") from None
        except RecursionError:
            document = _TOO_DEEP
        if document is _TOO_DEEP or _too_deep(text, document):
            raise serialization_error(
                f"Request body nests arrays and objects more than {MAX_DEPTH} levels deep."
            )
    if not isinstance(document, dict):
        raise serialization_error("Request body must be a JSON object.")
    if input_shape is None:
        return {}
    decoded: dict[str, Any] = decoder(input_shape)(document, "")
    return decoded


def _too_deep(text: str, document: Any) -> bool:
    """Whether ``document`` nests containers more than MAX_DEPTH deep (a cheap count of the
    body's brackets first: only a body with that many is walked)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    level: list[tuple[Any, int]] = [(document, 1)]
    while level:
        value, depth = level.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return True
            items = value.values() if isinstance(value, dict) else value
            level.extend((item, depth + 1) for item in items)
    return False


# -- responses ---------------------------------------------------------------------------------


def encode_response(output_shape: Any, parsed: dict[str, Any]) -> bytes:
    """The JSON 1.1 body for an operation's response dict (as botocore's parser would have
    produced it), as the service writes it: compact UTF-8 JSON, timestamps as epoch seconds
    written as Java doubles (``1.700000000123E9``), blobs as base64, ``ResponseMetadata`` left
    out."""
    if output_shape is None:
        return b"{}"
    out: list[str] = []
    _write(encoder(output_shape)(parsed), out)
    return "".join(out).encode()


def encode_error(code: str, message: str) -> bytes:
    """A modelled error's body, as the service sends it."""
    document = {"__type": code, "message": message}
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate a message quotes is written as JSON's own escape for it.
    return text.encode("utf-8", "backslashreplace")


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
    elif isinstance(value, Timestamp):
        out.append(java_double(float(value)))
    else:
        out.append(json.dumps(value, allow_nan=False))
