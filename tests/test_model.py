"""Redaction compiled from the service model, for every operation in it: a printed copy of any
input or output hides every value the model (or this mock) holds sensitive and keeps the rest."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest

from gl_placement_mock.model import is_sensitive
from gl_placement_mock.model.redaction import REDACTED, compile_redactor
from gl_placement_mock.model.validation import compile_input, compile_pruner, lower_camel

_MODEL = botocore.session.get_session().get_service_model("gamelift")


def _example(shape: Any, hidden: bool = False, seen: frozenset[str] = frozenset()) -> Any:
    """A value of every member of ``shape``; strings say whether they must be hidden."""
    hidden = hidden or is_sensitive(shape)
    kind = shape.type_name
    if kind == "structure":
        if shape.name in seen:
            return {}
        inner = seen | {shape.name}
        return {name: _example(m, hidden, inner) for name, m in shape.members.items()}
    if kind == "list":
        return [_example(shape.member, hidden, seen)]
    if kind == "map":
        key = "SECRET-key" if hidden or is_sensitive(shape.key) else "key"
        return {key: _example(shape.value, hidden, seen)}
    if kind == "string" and not getattr(shape, "enum", None):
        return "SECRET" if hidden else "shown"
    return 7 if kind in ("integer", "long") else "other"


def _has_sensitive(shape: Any, seen: frozenset[str] = frozenset()) -> bool:
    if is_sensitive(shape):
        return True
    if shape.type_name == "structure" and shape.name not in seen:
        return any(_has_sensitive(m, seen | {shape.name}) for m in shape.members.values())
    if shape.type_name == "list":
        return _has_sensitive(shape.member, seen)
    if shape.type_name == "map":
        return _has_sensitive(shape.key, seen) or _has_sensitive(shape.value, seen)
    return False


_SHAPES = [
    (f"{name}.{side}", shape)
    for name in _MODEL.operation_names
    for side, shape in (
        ("input", _MODEL.operation_model(name).input_shape),
        ("output", _MODEL.operation_model(name).output_shape),
    )
    if shape is not None
]


@pytest.mark.parametrize(("where", "shape"), _SHAPES, ids=[where for where, _ in _SHAPES])
def test_a_printed_copy_hides_every_sensitive_value_and_keeps_the_rest(
    where: str, shape: Any
) -> None:
    value = _example(shape)
    shown = compile_redactor(shape)(value)
    assert "SECRET" not in repr(shown)
    if not _has_sensitive(shape):
        assert shown == value


def test_values_of_a_container_type_the_shape_does_not_expect_are_hidden() -> None:
    kinds = {"structure": {}, "list": [], "map": {}}
    for kind, empty in kinds.items():
        shape = next(
            s
            for s in map(_MODEL.shape_for, _MODEL.shape_names)
            if s.type_name == kind and not _has_sensitive(s)
        )
        redact = compile_redactor(shape)
        assert redact(empty) == empty
        assert redact("plain text") == "plain text"
        assert redact({1, 2}) is REDACTED


def test_with_no_shape_every_member_is_hidden() -> None:
    redact = compile_redactor(None)
    assert redact({"Anything": "secret"}) == {"Anything": REDACTED}
    assert redact("text") == "text"


_INPUTS = [
    (name, _MODEL.operation_model(name).input_shape)
    for name in _MODEL.operation_names
    if _MODEL.operation_model(name).input_shape is not None
]


@pytest.mark.parametrize(("name", "shape"), _INPUTS, ids=[name for name, _ in _INPUTS])
def test_every_member_of_the_wrong_type_is_named_in_aws_wording(name: str, shape: Any) -> None:
    wrong = {member: object() for member in shape.members}
    errors = compile_input(shape)(wrong)
    assert len(errors) == len(shape.members)
    for member, error in zip(shape.members, errors):
        assert error.startswith(f"Value at '{lower_camel(member)}' failed to satisfy constraint: ")
        assert "Member must be of type " in error
    # Pruning keeps what the model has (of the wrong type, for validation to report).
    assert compile_pruner(shape)({**wrong, "NotInTheModel": 1}) == wrong


def test_no_shape_means_no_parameters() -> None:
    assert compile_input(None)({"Anything": 1}) == []
    assert compile_pruner(None)({"Anything": 1}) == {}
