"""The precheck's fast path, which lets a valid call skip the validator: it may only give the
parameters when the validator finds nothing, for any input (near-valid, extreme or junk), in
every operation the service model has; what it gives is what the normaliser makes of them, as a
copy sharing no list or mapping with the caller's; and it does give them for ordinary valid
calls (else it would save nothing)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock.model import service_model
from gl_placement_mock.model.prechecks import compile_precheck, simple_class_check
from gl_placement_mock.model.validation import (
    _python_pattern,
    compile_input,
    compile_normaliser,
    own_copy,
)
from gl_placement_mock.operations import OPERATIONS

from .strategies import extreme_request, junk, request

CHECKS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def _both(operation: str) -> tuple[Any, Any]:
    shape = service_model().operation_model(operation).input_shape
    return compile_precheck(shape), compile_input(shape)


def _normalised(operation: str, params: Any) -> Any:
    normalise = compile_normaliser(service_model().operation_model(operation).input_shape)
    return params if normalise is None else normalise(params)


def _typed(value: Any) -> Any:
    """``value`` with each scalar paired with its type (1 and 1.0 differ) and tuples as lists."""
    if isinstance(value, dict):
        return {key: _typed(inner) for key, inner in value.items()}
    if isinstance(value, (list, tuple)):
        return [_typed(inner) for inner in value]
    return (type(value), value)


def _containers(shape: Any, value: Any) -> list[Any]:
    """Every list and mapping in ``value`` that the model's ``shape`` describes (a member the
    model does not know is never read, and is not copied)."""
    kind = shape.type_name
    found: list[Any] = []
    if kind == "structure" and isinstance(value, dict):
        found.append(value)
        for name, member in shape.members.items():
            if value.get(name) is not None:
                found += _containers(member, value[name])
    elif kind == "list" and isinstance(value, (list, tuple)):
        found.append(value)
        for inner in value:
            found += _containers(shape.member, inner)
    elif kind == "map" and isinstance(value, dict):
        found.append(value)
        for inner in value.values():
            found += _containers(shape.value, inner)
    return found


def _assert_own_normalised_copy(operation: str, params: Any, given_back: Any) -> None:
    assert _typed(given_back) == _typed(_normalised(operation, params))
    shape = service_model().operation_model(operation).input_shape
    theirs = {id(container) for container in _containers(shape, params)}
    mine = _containers(shape, given_back)
    assert mine
    assert not any(id(container) in theirs for container in mine)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_the_precheck_passes_only_what_the_validator_passes(operation: str) -> None:
    precheck, validate = _both(operation)

    @CHECKS
    @given(
        params=request(operation)
        | extreme_request(operation, False)
        | st.dictionaries(st.text(max_size=3), junk(), max_size=3)
    )
    def one(params: Any) -> None:
        given_back = precheck(params)
        if given_back is not None:
            assert validate(params) == []
            _assert_own_normalised_copy(operation, params, given_back)

    one()


def test_every_operation_of_the_model_compiles() -> None:
    model = service_model()
    for name in model.operation_names:
        compile_precheck(model.operation_model(name).input_shape)
    params = {"anything": 1}
    given_back = compile_precheck(None)(params)
    assert given_back == params
    assert given_back is not params


VALID = {
    "StartGameSessionPlacement": {
        "PlacementId": "p-1",
        "GameSessionQueueName": "q",
        "MaximumPlayerSessionCount": 8,
        "GameProperties": [{"Key": "mode", "Value": "ctf"}],
        "PlayerLatencies": [
            {"PlayerId": "ann", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 20}
        ],
        "DesiredPlayerSessions": [{"PlayerId": "ann", "PlayerData": "x"}],
    },
    "StopGameSessionPlacement": {"PlacementId": "p-1"},
    "DescribeGameSessionPlacement": {"PlacementId": "p-1"},
    "StartMatchmaking": {
        "ConfigurationName": "c",
        "Players": [
            {
                "PlayerId": "ann",
                "PlayerAttributes": {"skill": {"N": 10}, "mode": {"S": "a"}, "l": {"SL": ["x"]}},
                "LatencyInMs": {"us-west-2": 20},
            }
        ],
    },
}


@pytest.mark.parametrize("operation", sorted(VALID))
def test_ordinary_valid_calls_pass_the_precheck(operation: str) -> None:
    precheck, validate = _both(operation)
    params = VALID[operation]
    assert validate(params) == []
    given_back = precheck(params)
    assert given_back is not None
    _assert_own_normalised_copy(operation, params, given_back)


def test_the_fast_path_turns_an_int_double_into_a_float_and_copies_every_container() -> None:
    precheck, _validate = _both("StartMatchmaking")
    params = VALID["StartMatchmaking"]
    given_back = precheck(params)
    player = given_back["Players"][0]
    assert player["PlayerAttributes"]["skill"] == {"N": 10.0}
    assert type(player["PlayerAttributes"]["skill"]["N"]) is float
    assert player["LatencyInMs"] == {"us-west-2": 20}  # an Integer map: unchanged
    assert (
        player["PlayerAttributes"]["l"]["SL"]
        is not params["Players"][0]["PlayerAttributes"]["l"]["SL"]
    )
    assert type(params["Players"][0]["PlayerAttributes"]["skill"]["N"]) is int  # not changed


def test_what_the_validator_passes_and_the_fast_path_does_not_is_copied_too() -> None:
    """The slow path's copy (``own_copy`` of the normalised parameters) shares nothing either."""
    params = {**VALID["StartGameSessionPlacement"], "GameSessionName": "caf\u00e9"}
    precheck, validate = _both("StartGameSessionPlacement")
    assert precheck(params) is None
    assert validate(params) == []
    copied = own_copy(_normalised("StartGameSessionPlacement", params))
    _assert_own_normalised_copy("StartGameSessionPlacement", params, copied)


BASE = {"PlacementId": "p", "GameSessionQueueName": "q", "MaximumPlayerSessionCount": 1}
MISSING = object()


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("PlacementId", "p-\u00e9"),  # not ASCII: the validator judges it
        ("MaximumPlayerSessionCount", True),
        ("MaximumPlayerSessionCount", 2**31),
        ("PlacementId", "p p"),
        ("PlacementId", "p" * 49),
        ("PlacementId", MISSING),
        ("PlayerLatencies", [{"LatencyInMilliseconds": Decimal("1.5")}]),
        ("PlayerLatencies", [{"LatencyInMilliseconds": float("nan")}]),
        ("GameProperties", [None]),
        ("GameProperties", ({"Key": "k", "Value": "v"},) * 17),
    ],
)
def test_what_the_precheck_does_not_pass(member: str, value: Any) -> None:
    precheck, _validate = _both("StartGameSessionPlacement")
    params = {**BASE, member: value}
    if value is MISSING:
        del params[member]
    assert precheck(BASE) == BASE
    assert precheck(params) is None


def _model_patterns() -> list[str]:
    """Every pattern a string in any operation's input must match."""
    model = service_model()
    patterns: set[str] = set()
    seen: set[str] = set()
    for operation in model.operation_names:
        shape = model.operation_model(operation).input_shape
        stack = [shape] if shape is not None else []
        while stack:
            shape = stack.pop()
            if shape.name in seen:
                continue
            seen.add(shape.name)
            if shape.type_name == "structure":
                stack.extend(shape.members.values())
            elif shape.type_name == "list":
                stack.append(shape.member)
            elif shape.type_name == "map":
                stack.extend([shape.key, shape.value])
            elif shape.type_name == "string" and shape.metadata.get("pattern"):
                patterns.add(shape.metadata["pattern"])
    return sorted(patterns)


_SIMPLE_PATTERNS = [p for p in _model_patterns() if simple_class_check(p, "x") is not None]


def test_ids_and_names_are_checked_with_string_methods() -> None:
    # (PlacementId, queue and fleet names, and the name-or-ARN patterns.)
    assert "^[a-zA-Z0-9-]+$" in _SIMPLE_PATTERNS or "[a-zA-Z0-9-]+" in _SIMPLE_PATTERNS
    assert any("|" in pattern for pattern in _SIMPLE_PATTERNS)


@pytest.mark.parametrize("pattern", _SIMPLE_PATTERNS)
@settings(max_examples=300, deadline=None, database=None)
@given(
    text=st.one_of(
        st.text(alphabet='aZ09-._/:|$^\n \t"\\é', max_size=6),
        st.from_regex(r"arn:[a-z:]{0,6}/[a-zA-Z0-9.-]{0,4}", fullmatch=True),
    )
)
def test_a_string_method_check_never_passes_what_the_pattern_refuses(
    pattern: str, text: str
) -> None:
    plain = simple_class_check(pattern, "text")
    assert plain is not None
    expression, alternatives = plain
    matches = re.fullmatch(_python_pattern(pattern), text) is not None
    if text.isascii() and eval(expression):  # (our own generated expression)
        assert matches
    elif not alternatives and text.isascii():
        assert not matches or not text  # (an empty text: the validator decides)
