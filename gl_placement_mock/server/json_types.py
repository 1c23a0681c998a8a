"""The JSON fields of a control request, read from a steering method's signature: which are
required, and the JSON type each must have (from the method's type hints), so that a wrongly
typed field gets a 400 naming the field and the type expected."""

from __future__ import annotations

import collections.abc
import inspect
import json
import re
import typing
from typing import Any, Callable, NamedTuple, Union

from ..steering import SimulatedFleet

# A JSON body nested deeper than this is refused before it is parsed.
MAX_DEPTH = 32


class ControlError(Exception):
    """A control request the server cannot carry out: answered with 400 and the reason."""


Check = Callable[[Any], bool]


class JsonType(NamedTuple):
    """What a field may hold: a check of a parsed JSON value, and its name in messages."""

    check: Check
    name: str


def json_type(hint: Any) -> JsonType:
    """The JSON type a parameter with type hint ``hint`` takes over HTTP. A
    :class:`SimulatedFleet` is given by its id or ARN, a string."""
    origin = typing.get_origin(hint)
    if origin is Union:
        options = [json_type(arg) for arg in typing.get_args(hint) if arg is not SimulatedFleet]
        names = list(dict.fromkeys(option.name for option in options))
        null = [name for name in names if name == "null"]
        names = [name for name in names if name != "null"] + null
        checks = [option.check for option in options]
        return JsonType(lambda value: any(check(value) for check in checks), " or ".join(names))
    if origin in (dict, collections.abc.Mapping):
        _key, value_hint = typing.get_args(hint)
        inner = json_type(value_hint)

        def mapping(value: Any) -> bool:
            return isinstance(value, dict) and all(inner.check(item) for item in value.values())

        return JsonType(mapping, f"an object whose values are {inner.name}")
    simple = _SIMPLE.get(hint)
    if simple is None:
        raise TypeError(f"No JSON type for the type hint {hint!r}.")
    return simple


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SIMPLE: dict[Any, JsonType] = {
    str: JsonType(lambda value: isinstance(value, str), "a string"),
    int: JsonType(_is_int, "an integer"),
    float: JsonType(lambda value: _is_int(value) or isinstance(value, float), "a number"),
    bool: JsonType(lambda value: isinstance(value, bool), "true or false"),
    type(None): JsonType(lambda value: value is None, "null"),
}


class Fields(NamedTuple):
    """The JSON fields of one steering method: its parameters, by name."""

    required: tuple[str, ...]
    optional: tuple[str, ...]
    types: dict[str, JsonType]


def fields_of(method: Callable[..., Any]) -> Fields:
    """The fields of a control request that calls ``method`` (``self`` left out)."""
    hints = typing.get_type_hints(method)
    required: list[str] = []
    optional: list[str] = []
    types: dict[str, JsonType] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if name == "self":
            continue
        (required if parameter.default is inspect.Parameter.empty else optional).append(name)
        types[name] = json_type(hints[name])
    return Fields(tuple(required), tuple(optional), types)


def check_fields(body: dict[str, Any], fields: Fields) -> dict[str, Any]:
    """``body`` if it holds the method's fields, each of its type; ControlError otherwise."""
    unknown = sorted(set(body) - set(fields.types))
    if unknown:
        allowed = ", ".join(fields.required + fields.optional) or "none"
        raise ControlError(f"Unknown field(s) {', '.join(unknown)}; allowed: {allowed}.")
    missing = [name for name in fields.required if name not in body]
    if missing:
        raise ControlError(f"Missing field(s): {', '.join(missing)}.")
    for name, value in body.items():
        expected = fields.types[name]
        if not expected.check(value):
            raise ControlError(f"{name} must be {expected.name}.")
    return body


def parse_body(raw: bytes) -> dict[str, Any]:
    """A control request's body: a UTF-8 JSON object nested at most MAX_DEPTH deep (an empty
    body is an empty object); ControlError otherwise."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ControlError("The body must be JSON encoded as UTF-8.") from None
    if not text.strip():
        return {}
    if _too_deep(text):
        raise ControlError(f"The body is nested more than {MAX_DEPTH} deep.")
    try:
        body = json.loads(text)
    except ValueError as error:
        raise ControlError(f"The body is not valid JSON: {error}.") from None
    if not isinstance(body, dict):
        raise ControlError("The body must be a JSON object.")
    return body


def _too_deep(text: str) -> bool:
    """Whether the arrays and objects of JSON ``text`` nest deeper than MAX_DEPTH (brackets
    inside strings do not count)."""
    depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # linear: no nested repeats
_BRACKETS = re.compile(r"[\[\]{}]")
