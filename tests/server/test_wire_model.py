"""The wire codec against botocore itself, for every operation in the installed service model
(implemented or not, so the next operation finds it ready): a request body botocore's own
serializer writes decodes to the parameters it was given, and a response body the codec writes
is parsed by botocore's own parser back to the response it was made from."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import botocore.serialize
import botocore.session
import pytest
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from gl_placement_mock.backend.errors import GameLiftError
from gl_placement_mock.model.codec import decoder, encoder
from gl_placement_mock.server import wire

_MODEL = botocore.session.get_session().get_service_model("gamelift")
# Milliseconds only where botocore writes them: older botocores write a request's timestamps as
# whole epoch seconds, so a fraction would not survive their own serializer.
_WRITES_FRACTIONS = not isinstance(
    botocore.serialize.Serializer()._timestamp_unixtimestamp(
        datetime(2026, 3, 1, 12, 0, 0, 250000, tzinfo=timezone.utc)
    ),
    int,
)
_MOMENT = datetime(2026, 3, 1, 12, 0, 0, 250000 if _WRITES_FRACTIONS else 0, tzinfo=timezone.utc)


def _example(shape: Any, seen: frozenset[str] = frozenset()) -> Any:
    """One value of every member of ``shape``, recursion cut short."""
    kind = shape.type_name
    if kind == "structure":
        if shape.name in seen:
            return {}
        inner = seen | {shape.name}
        return {name: _example(member, inner) for name, member in shape.members.items()}
    if kind == "list":
        return [_example(shape.member, seen)]
    if kind == "map":
        return {"key-1": _example(shape.value, seen)}
    if kind == "string":
        return (shape.enum or ["text ü"])[0]
    if kind in ("integer", "long"):
        return max(7, shape.metadata.get("min", 0))
    if kind in ("float", "double"):
        return 1.5
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return _MOMENT
    if kind == "blob":
        return b"\x00blob"
    raise AssertionError(f"no example for {kind}")


@pytest.mark.parametrize("operation", _MODEL.operation_names)
def test_a_request_botocore_writes_decodes_to_its_parameters(operation: str) -> None:
    model = _MODEL.operation_model(operation)
    if model.input_shape is None:
        assert wire.decode_request(None, b'{"Unmodelled": 1}') == {}
        return
    params = _example(model.input_shape)
    request = create_serializer("json", include_validation=False).serialize_to_request(
        params, model
    )
    assert wire.decode_request(model.input_shape, request["body"]) == params


@pytest.mark.parametrize("operation", _MODEL.operation_names)
def test_a_response_the_codec_writes_parses_in_botocore_to_what_it_was(operation: str) -> None:
    model = _MODEL.operation_model(operation)
    if model.output_shape is None:
        assert wire.encode_response(None, {}) == b"{}"
        return
    response = _example(model.output_shape)
    body = wire.encode_response(model.output_shape, response)
    parsed = create_parser("json").parse(
        {"body": body, "headers": {}, "status_code": 200}, model.output_shape
    )
    parsed.pop("ResponseMetadata", None)
    assert parsed == response


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("boolean", "yes", "Cannot read a JSON string at 'X' as a boolean."),
        ("timestamp", "2026", "Cannot read a JSON string at 'X' as a timestamp (epoch seconds)."),
        ("timestamp", True, "Cannot read a JSON boolean at 'X' as a timestamp (epoch seconds)."),
        ("blob", 7, "Cannot read a JSON number at 'X' as a base64 blob."),
        ("blob", "not base64!", "Value at 'X' is not valid base64."),
        ("float", "1.5", "Cannot read a JSON string at 'X' as a number."),
        ("integer", 1.5, "Cannot read a JSON number at 'X' as an integer."),
        ("integer", [], "Cannot read a JSON array at 'X' as an integer."),
        ("structure", "x", "Cannot read a JSON string at 'X' as a structure."),
        ("list", {}, "Cannot read a JSON object at 'X' as a list."),
        ("map", [], "Cannot read a JSON array at 'X' as a map."),
    ],
)
def test_a_value_of_the_wrong_json_type_is_a_serialization_exception(
    kind: str, value: Any, message: str
) -> None:
    shape = next(
        shape
        for shape in map(_MODEL.shape_for, _MODEL.shape_names)
        if shape.type_name == kind and not getattr(shape, "enum", None)
    )
    with pytest.raises(GameLiftError) as refused:
        decoder(shape)(value, "X")
    assert (refused.value.code, refused.value.message) == ("SerializationException", message)


@pytest.mark.parametrize(
    ("value", "written"),
    [(float("nan"), "NaN"), (float("inf"), "Infinity"), (float("-inf"), "-Infinity"), (2, 2.0)],
)
def test_a_double_is_written_as_the_service_writes_it(value: float, written: Any) -> None:
    shape = next(s for s in map(_MODEL.shape_for, _MODEL.shape_names) if s.type_name == "double")
    assert encoder(shape)(value) == written
