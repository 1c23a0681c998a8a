"""Input checks compiled from the botocore service model: the constraints botocore leaves to the
server (maximum lengths, patterns, enums, list sizes) and, for clients that skip client-side
validation, required members and types. Messages use AWS's own validation wording."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Optional

from . import EXTRA_SENSITIVE_SHAPES, compiled

Check = Callable[[Any, str, "list[str]"], None]

_ALWAYS_MATCHES = frozenset({"[\\s\\S]*", ".*", "^[\\s\\S]*$"})


def lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def format_errors(errors: list[str]) -> str:
    count = len(errors)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(errors)


def _display_pattern(pattern: str) -> str:
    shown = pattern if pattern.startswith("^") else "^" + pattern
    return shown if shown.endswith("$") else shown + "$"


# The range of each modelled number type, as the service's JSON reader holds it.
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
_FINITE = "Member must be a finite number"
# How deep a rendered list goes into nested lists and maps, and how many of its items it
# shows: the message for a value from an unvalidated client costs little whatever it holds.
_RENDER_DEPTH = 2
_RENDER_ITEMS = 100


def _render_int(value: int) -> str:
    if value.bit_length() <= 64:
        return str(value)
    # Too large to write out cheaply (and Python refuses past 4,300 digits): show its size.
    magnitude = math.log10(abs(value))
    exponent = math.floor(magnitude)
    sign = "-" if value < 0 else ""
    return f"{sign}{10 ** (magnitude - exponent):.6g}E+{exponent}"


def _render(value: Any, depth: int = 0) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return _render_int(value)
    if isinstance(value, (list, tuple)):
        if depth >= _RENDER_DEPTH:
            return "[...]"
        shown = [_render(v, depth + 1) for v in itertools.islice(value, _RENDER_ITEMS)]
        if len(value) > _RENDER_ITEMS:
            shown.append("...")
        return "[" + ", ".join(shown) + "]"
    if isinstance(value, Mapping):
        return "{...}"
    if value is None:
        return "null"
    if isinstance(value, (str, float, Decimal)):
        return str(value)
    return f"<{type(value).__name__}>"


def _violation(value: Any, path: str, constraint: str, sensitive: bool) -> str:
    if sensitive:
        return f"Value at '{path}' failed to satisfy constraint: {constraint}"
    return f"Value '{_render(value)}' at '{path}' failed to satisfy constraint: {constraint}"


def _renderable(shape: Any) -> bool:
    """Lists of structures or maps print no value (they may carry sensitive members)."""
    if shape.type_name == "list":
        return shape.member.type_name not in ("structure", "map", "list")
    return shape.type_name not in ("structure", "map")


def compile_shape(shape: Any, inherited_sensitive: bool = False) -> Check:
    """A function that appends AWS-worded violations of ``shape`` for a value at a path."""
    inherited = bool(inherited_sensitive)
    return compiled("check", shape, lambda s: _build_check(s, inherited), inherited)


def _build_check(shape: Any, inherited_sensitive: bool) -> Check:
    marked = bool(
        inherited_sensitive
        or shape.metadata.get("sensitive")
        or shape.name in EXTRA_SENSITIVE_SHAPES
    )
    sensitive = marked or not _renderable(shape)
    kind = shape.type_name
    if kind == "structure":
        return _compile_structure(shape, marked)
    if kind == "list":
        return _compile_list(shape, sensitive, marked)
    if kind == "map":
        return _compile_map(shape, sensitive, marked)
    if kind == "string":
        return _compile_string(shape, sensitive)
    if kind == "integer":
        return _compile_whole(shape, sensitive, INT32)
    if kind == "long":
        return _compile_whole(shape, sensitive, INT64)
    if kind in ("float", "double"):
        return _compile_real(shape, sensitive)
    if kind == "boolean":
        return _compile_type(bool, "boolean")
    if kind == "timestamp":
        return _compile_type((datetime, int, float, str), "timestamp")
    return _compile_type((bytes, bytearray, str), "blob")


def _type_error(value: Any, path: str, type_name: str) -> str:
    return f"Value at '{path}' failed to satisfy constraint: Member must be of type {type_name}"


def _compile_type(types: Any, type_name: str) -> Check:
    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, types) or (type_name != "boolean" and isinstance(value, bool)):
            errors.append(_type_error(value, path, type_name))

    return check


def _length_checks(
    metadata: Mapping[str, Any], sensitive: bool
) -> Callable[[Any, int, str, list[str]], None]:
    low: Optional[int] = metadata.get("min")
    high: Optional[int] = metadata.get("max")

    def check(value: Any, length: int, path: str, errors: list[str]) -> None:
        if low is not None and length < low:
            errors.append(
                _violation(
                    value,
                    path,
                    f"Member must have length greater than or equal to {low}",
                    sensitive,
                )
            )
        if high is not None and length > high:
            errors.append(
                _violation(
                    value, path, f"Member must have length less than or equal to {high}", sensitive
                )
            )

    return check


# A UTF-16 surrogate pair written as two escapes, as Java patterns spell characters past U+FFFF
# (some of the model's patterns hold the range \uD800\uDC00-\uDBFF\uDFFF).
_PAIR = re.compile(r"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", re.IGNORECASE)


def _python_pattern(pattern: str) -> str:
    """The model's (Java) pattern for Python's ``re``: surrogate pairs become the character."""

    def character(pair: re.Match[str]) -> str:
        high, low = int(pair.group(1), 16), int(pair.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"

    return _PAIR.sub(character, pattern)


def _compile_string(shape: Any, sensitive: bool) -> Check:
    lengths = _length_checks(shape.metadata, sensitive)
    high: Optional[int] = shape.metadata.get("max")
    raw_pattern: Optional[str] = shape.metadata.get("pattern")
    pattern = None
    if raw_pattern and raw_pattern not in _ALWAYS_MATCHES:
        pattern = re.compile(_python_pattern(raw_pattern))
        pattern_text = (
            f"Member must satisfy regular expression pattern: {_display_pattern(raw_pattern)}"
        )
    enum = list(shape.enum or ())
    enum_set = frozenset(enum)
    enum_text = f"Member must satisfy enum value set: [{', '.join(enum)}]"

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, str):
            errors.append(_type_error(value, path, "string"))
            return
        if not value.isascii() and not _is_utf8(value):
            errors.append(_NOT_UTF8.format(path))  # the value cannot even be written out
            return
        length = len(value)
        lengths(value, length, path, errors)
        # A value over the maximum length is not matched against the pattern: matching costs
        # grow with the length (some patterns take seconds on a few hundred kilobytes).
        if (
            pattern is not None
            and (high is None or length <= high)
            and pattern.fullmatch(value) is None
        ):
            errors.append(_violation(value, path, pattern_text, sensitive))
        if enum_set and value not in enum_set:
            errors.append(_violation(value, path, enum_text, sensitive))

    return check


_NOT_UTF8 = "Value at '{}' failed to satisfy constraint: Member must be valid UTF-8 text"


def _is_utf8(value: str) -> bool:
    """Whether ``value`` can be encoded as UTF-8 (a lone surrogate cannot)."""
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def _range_checks(
    shape: Any, sensitive: bool, bounds: tuple[Any, Any]
) -> Callable[[Any, Any, str, list[str]], None]:
    """Checks of the tighter of the model's min/max and the type's own range."""
    low = _tighter(max, shape.metadata.get("min"), bounds[0])
    high = _tighter(min, shape.metadata.get("max"), bounds[1])
    low_text = f"Member must have value greater than or equal to {low}"
    high_text = f"Member must have value less than or equal to {high}"

    def check(shown: Any, value: Any, path: str, errors: list[str]) -> None:
        if low is not None and value < low:
            errors.append(_violation(shown, path, low_text, sensitive))
        if high is not None and value > high:
            errors.append(_violation(shown, path, high_text, sensitive))

    return check


def _tighter(pick: Callable[[Any, Any], Any], model: Any, type_bound: Any) -> Any:
    if model is None or type_bound is None:
        return type_bound if model is None else model
    return pick(model, type_bound)


def _compile_whole(shape: Any, sensitive: bool, bounds: tuple[int, int]) -> Check:
    """An Integer (32-bit) or Long (64-bit) member: any Python int reaches here (botocore
    checks only the type), so the type's range is checked like a modelled min and max."""
    in_range = _range_checks(shape, sensitive, bounds)

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(_type_error(value, path, "integer"))
            return
        in_range(value, value, path, errors)

    return check


def as_double(value: Any) -> Optional[float]:
    """What botocore sends for a Float or Double member (an int, float or Decimal), or None
    when that is not a finite number."""
    try:
        number = float(value)
    except (OverflowError, ValueError):  # an int past float's range; a signalling NaN
        return None
    return number if math.isfinite(number) else None


def _compile_real(shape: Any, sensitive: bool) -> Check:
    """A Float or Double member: an int, float or Decimal (botocore sends a Decimal as a
    number) whose value is a finite double."""
    in_range = _range_checks(shape, sensitive, (None, None))

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
            errors.append(_type_error(value, path, "number"))
            return
        number = as_double(value)
        if number is None:
            errors.append(_violation(value, path, _FINITE, sensitive))
            return
        in_range(value, number, path, errors)

    return check


def _compile_list(shape: Any, sensitive: bool, marked: bool) -> Check:
    lengths = _length_checks(shape.metadata, sensitive)
    member = compile_shape(shape.member, marked)

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, (list, tuple)):
            errors.append(_type_error(value, path, "list"))
            return
        count = len(errors)
        lengths(value, len(value), path, errors)
        if len(errors) != count:  # too long or too short: its items are not judged one by one
            return
        for index, item in enumerate(value, 1):
            item_path = f"{path}.{index}.member"
            if item is None:
                errors.append(
                    f"Value null at '{item_path}' failed to satisfy constraint: "
                    "Member must not be null"
                )
            else:
                member(item, item_path, errors)

    return check


def _compile_map(shape: Any, sensitive: bool, marked: bool) -> Check:
    lengths = _length_checks(shape.metadata, sensitive)
    key_check = compile_shape(shape.key, True)
    value_check = compile_shape(shape.value, marked)

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, Mapping):
            errors.append(_type_error(value, path, "map"))
            return
        lengths(value, len(value), path, errors)
        for index, (key, item) in enumerate(value.items(), 1):
            key_check(key, f"{path}.{index}.key", errors)
            if item is None:  # what botocore's serializer sends as a JSON null
                errors.append(
                    f"Value null at '{path}.{index}.value' failed to satisfy constraint: "
                    "Member must not be null"
                )
            else:
                value_check(item, f"{path}.{index}.value", errors)

    return check


def _compile_structure(shape: Any, sensitive: bool) -> Check:
    required = set(shape.required_members)
    members = [
        (name, lower_camel(name), compile_shape(member, sensitive), name in required)
        for name, member in shape.members.items()
    ]

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, Mapping):
            errors.append(_type_error(value, path or "input", "structure"))
            return
        prefix = f"{path}." if path else ""
        for name, wire, member, is_required in members:
            item = value.get(name)
            if item is None:
                if is_required:
                    errors.append(
                        f"Value null at '{prefix}{wire}' failed to satisfy constraint: "
                        "Member must not be null"
                    )
                continue
            member(item, prefix + wire, errors)

    return check


def compile_input(shape: Any) -> Callable[[Mapping[str, Any]], list[str]]:
    """A validator for an operation's whole input: returns the list of violations."""
    if shape is None:
        return lambda params: []
    check = compile_shape(shape)

    def validate(params: Mapping[str, Any]) -> list[str]:
        errors: list[str] = []
        check(params, "", errors)
        return errors

    return validate


def compile_pruner(shape: Any) -> Callable[[Any], Any]:
    """A function that copies a value keeping only the members ``shape`` models, at any depth:
    what botocore's serializer would send. Values of the wrong type are kept for validation
    to report."""
    if shape is None:
        return lambda params: {}
    return _pruner(shape)


def _pruner(shape: Any) -> Callable[[Any], Any]:
    if shape.type_name not in ("structure", "list", "map"):
        return _unchanged
    return compiled("prune", shape, _build_pruner)


def _build_pruner(shape: Any) -> Callable[[Any], Any]:
    kind = shape.type_name
    if kind == "structure":
        members = {name: _pruner(member) for name, member in shape.members.items()}

        def prune(value: Any) -> Any:
            if not isinstance(value, Mapping):
                return value
            return {k: members[k](v) for k, v in value.items() if k in members}

    elif kind == "list":
        item = _pruner(shape.member)

        def prune(value: Any) -> Any:
            if not isinstance(value, (list, tuple)):
                return value
            return [item(v) for v in value]

    else:
        entry = _pruner(shape.value)

        def prune(value: Any) -> Any:
            if not isinstance(value, Mapping):
                return value
            return {k: entry(v) for k, v in value.items()}

    return prune


def _unchanged(value: Any) -> Any:
    return value


def compile_normaliser(shape: Any) -> Optional[Callable[[Any], Any]]:
    """A function that gives valid parameters with every value of a Float or Double member
    (an int or a Decimal too) turned into the float the service would read; None when
    ``shape`` has no such member. Only the containers on the way to a value that changes are
    copied: the rest (all of it when every such value is a float already) is returned as it
    is, so callers that keep parameters copy them themselves."""
    building: set[str] = set()

    def build(shape: Any) -> Optional[Callable[[Any], Any]]:
        kind = shape.type_name
        if kind in ("float", "double"):
            return _to_float
        if kind not in ("structure", "list", "map") or shape.name in building:
            return None  # (a recursive shape holds no number members in this service model)
        building.add(shape.name)
        try:
            if kind == "structure":
                built = {name: build(member) for name, member in shape.members.items()}
                members = tuple((name, f) for name, f in built.items() if f is not None)
                if not members:
                    return None
                return _structure_normaliser(members)
            inner = build(shape.member if kind == "list" else shape.value)
            if inner is None:
                return None
            if kind == "list":
                return _list_normaliser(inner)
            return _map_normaliser(inner)
        finally:
            building.discard(shape.name)

    return None if shape is None else build(shape)


def _structure_normaliser(
    members: tuple[tuple[str, Callable[[Any], Any]], ...],
) -> Callable[[Any], Any]:
    def normalise(value: Any) -> Any:
        changes: Optional[dict[str, Any]] = None
        for name, inner in members:
            if name in value:
                old = value[name]
                if old is not None:
                    new = inner(old)
                    if new is not old:
                        if changes is None:
                            changes = {}
                        changes[name] = new
        if changes is None:
            return value if type(value) is dict else dict(value)
        copied = dict(value)
        copied.update(changes)  # (keys keep their places)
        return copied

    return normalise


def _list_normaliser(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def normalise(value: Any) -> Any:
        copied: Optional[list[Any]] = None
        for index, old in enumerate(value):
            if old is not None:
                new = inner(old)
                if new is not old:
                    if copied is None:
                        copied = list(value)
                    copied[index] = new
        if copied is None:
            return value if type(value) is list else list(value)
        return copied

    return normalise


def _map_normaliser(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def normalise(value: Any) -> Any:
        changes: Optional[dict[str, Any]] = None
        for key, old in value.items():
            if old is not None:
                new = inner(old)
                if new is not old:
                    if changes is None:
                        changes = {}
                    changes[key] = new
        if changes is None:
            return value if type(value) is dict else dict(value)
        copied = dict(value)
        copied.update(changes)
        return copied

    return normalise


def _to_float(value: Any) -> Any:
    return value if type(value) is float else float(value)


def own_copy(value: Any) -> Any:
    """``value`` (valid parameters) with every mapping and list copied, as a dict and a list:
    what the precheck's fast path gives, for the calls it is unsure of."""
    if isinstance(value, Mapping):
        return {key: own_copy(inner) for key, inner in value.items()}
    if isinstance(value, (list, tuple)):
        return [own_copy(inner) for inner in value]
    return value
