"""The length of the JSON body GameLift would have sent for a response: its ``content-length``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any


def java_double(value: float) -> str:
    """How the service writes a timestamp (epoch seconds as a Java double): ``1.700000000123E9``
    for ``1700000000.123``, ``1.7E9`` for ``1700000000.0``."""
    text = repr(value)
    if not 1e7 <= value < 1e16:
        return text  # Java writes plain decimals below 10^7; epoch timestamps never are
    whole, _, fraction = text.partition(".")
    digits = (whole + fraction).rstrip("0")
    return f"{digits[0]}.{digits[1:] or '0'}E{len(whole) - 1}"


def timestamp_length(value: datetime) -> int:
    """``len(java_double(epoch))`` for a millisecond timestamp, without converting it: between
    2002 and 2285 the whole seconds have ten digits, so only the milliseconds matter."""
    millis = (value.microsecond + 500) // 1000  # datetimes made from floats may be 1 µs short
    if 0 < millis < 1000 and 2002 <= value.year <= 2285:
        return MILLIS_LENGTH[millis]
    return len(java_double(round(value.timestamp() * 1000) / 1000))


def epoch_length(epoch: float) -> int:
    """``timestamp_length`` of the timestamp made from ``epoch`` (seconds, in whole
    milliseconds), without making it: ten-digit seconds are 2001-09-09 to 2286-11-20."""
    if 1e9 <= epoch < 1e10:
        millis = int(epoch * 1000 + 0.5) % 1000  # (round() costs more; never half-way here)
        if millis:
            return MILLIS_LENGTH[millis]
    return len(java_double(round(epoch * 1000) / 1000))


# d.ddddddddd + the milliseconds without trailing zeros + E9, by milliseconds (1 to 999).
MILLIS_LENGTH = [13 + len(f"{millis:03d}".rstrip("0")) for millis in range(1000)]


# A number written with as many digits as a timestamp's text has characters, by that count: the
# encoder writes it where the timestamp goes, so the text has the body's length.
_STAND_INS = [10 ** max(size - 1, 0) for size in range(64)]


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        # timestamp_length(value), inlined: the encoder calls this for every timestamp.
        millis = (value.microsecond + 500) // 1000
        if 0 < millis < 1000 and 2002 <= value.year <= 2285:
            return _STAND_INS[MILLIS_LENGTH[millis]]
        return _STAND_INS[timestamp_length(value)]
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=_default)
_make = getattr(json.encoder, "c_make_encoder", None)
if _make is not None:
    # The C encoder, made once (json makes one per call); a call returns the text in pieces.
    _chunks: Any = _make(
        None, _default, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )
else:  # pragma: no cover - CPython always has the C encoder
    _chunks = lambda value, _level: _encoder.iterencode(value)  # noqa: E731


def plain_text(text: str) -> bool:
    """Whether JSON writes ``text`` as it is, between quotes, one byte per character."""
    if not text.isascii():
        return False
    # Ids and names (letters, digits and '-') first, by the string methods the precheck uses
    # for them: ``isprintable`` reads Unicode tables that are seldom in the CPU's caches.
    if text.replace("-", "0").isalnum():
        return True
    return text.isprintable() and '"' not in text and "\\" not in text


def body_length(parsed: dict[str, Any], status: int) -> int:
    """Bytes in the body the service would send for ``parsed`` (the response without
    ``ResponseMetadata``): compact JSON, UTF-8, timestamps as epoch seconds written as Java
    doubles. An error's body is ``{"__type":"<code>","message":"<text>"}``."""
    if status >= 300 and "Error" in parsed:
        error = parsed["Error"]
        parsed = {"__type": error["Code"], "message": error["Message"]}
    text = "".join(_chunks(parsed, 0))
    return len(text) if text.isascii() else len(text.encode())
