"""The precheck that lets a valid call skip the validator: it may only say "valid" when the
validator finds nothing, for any input (near-valid, extreme or junk), in every operation the
service model has; and it does say so for ordinary valid calls (else it would save nothing)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock.model import service_model
from gl_placement_mock.model.prechecks import compile_precheck
from gl_placement_mock.model.validation import compile_input
from gl_placement_mock.operations import OPERATIONS

from .strategies import extreme_request, junk, request

CHECKS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def _both(operation: str) -> tuple[Any, Any]:
    shape = service_model().operation_model(operation).input_shape
    return compile_precheck(shape), compile_input(shape)


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
        if precheck(params):
            assert validate(params) == []

    one()


def test_every_operation_of_the_model_compiles() -> None:
    model = service_model()
    for name in model.operation_names:
        compile_precheck(model.operation_model(name).input_shape)
    assert compile_precheck(None)({"anything": 1}) is True


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
    assert precheck(params) is True


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
    assert precheck(BASE) is True
    assert precheck(params) is False
