"""Fuzzing: arbitrary and near-valid parameters thrown at every implemented operation through a
client with ``parameter_validation=False``.

Every call either succeeds or raises the client's modelled ClientError with a 4xx status (5xx
only when a fault was injected). After every step: a placement's status only moves from PENDING
to one terminal status, EndTime >= StartTime, PlacementIds are unique, no location is ever used
beyond its capacity or below zero, a rejected call changed nothing, and no sensitive value
(PlayerId, PlayerData, GameSessionData, game property values) shows in an error message, a
repr, a log record or the timeline."""

from __future__ import annotations

import functools
import logging
import math
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import boto3
import pytest
import time_machine
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from gl_placement_mock import (
    PlacementMock,
    PlacementMockError,
    PlacementMockWarning,
    mock_placement,
)
from gl_placement_mock.operations import OPERATIONS

from ..conftest import REGION
from .helpers import LifecycleWatcher, backend_of, fingerprint, status_of
from .strategies import (
    ALIAS,
    FLEET_A,
    FLEET_B,
    FULFILLED_SESSION,
    MARK,
    OTHER_REGION,
    PLACEMENTS,
    PLAYERS,
    QUEUES,
    RULE_SET_BODY,
    UNDECLARED_FLEET,
    extreme_request,
    fleet_arn,
    modelled_errors,
    queue_arn,
    request,
    unmodelled_members,
)

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def clients() -> dict[str, Any]:
    """Clients that skip client-side validation and send anything at all."""
    unvalidated = Config(parameter_validation=False)
    return {
        region: boto3.client("gamelift", region_name=region, config=unvalidated)
        for region in (REGION, OTHER_REGION)
    }


def arrange(mock: PlacementMock, client: Any) -> None:
    """The world the pools in ``strategies`` name: two fleets, an alias, four queues (one whose
    destination no declared fleet stands behind), a fulfilled, a pending and a cancelled
    placement, two matchmaking rule sets and two configurations using one of them."""
    mock.add_fleet(REGION, capacity=1, fleet_id=FLEET_A)
    mock.add_fleet(REGION, capacity=2, locations={OTHER_REGION: 1}, fleet_id=FLEET_B)
    mock.add_alias(FLEET_A, alias_id=ALIAS)
    client.create_game_session_queue(
        Name="q-main",
        Destinations=[
            {"DestinationArn": fleet_arn(FLEET_A)},
            {"DestinationArn": fleet_arn(FLEET_B)},
        ],
        PlayerLatencyPolicies=[
            {"MaximumIndividualPlayerLatencyMilliseconds": 100, "PolicyDurationSeconds": 30},
            {"MaximumIndividualPlayerLatencyMilliseconds": 300},
        ],
    )
    client.create_game_session_queue(Name="q-empty", Destinations=[], TimeoutInSeconds=60)
    client.create_game_session_queue(
        Name="q-loc",
        Destinations=[{"DestinationArn": fleet_arn(FLEET_B)}],
        PriorityConfiguration={
            "PriorityOrder": ["LOCATION", "DESTINATION"],
            "LocationOrder": [OTHER_REGION, REGION],
        },
        CustomEventData="custom",
    )
    client.start_game_session_placement(
        PlacementId="p-fulfilled",
        GameSessionQueueName="q-main",
        MaximumPlayerSessionCount=4,
        DesiredPlayerSessions=[
            {"PlayerId": PLAYERS[0], "PlayerData": f"{MARK}-data"},
            {"PlayerId": PLAYERS[1]},
        ],
        GameProperties=[{"Key": "mode", "Value": f"{MARK}-value"}],
        GameSessionData=f"{MARK}-game-data",
    )
    client.create_game_session_queue(
        Name="q-open", Destinations=[{"DestinationArn": fleet_arn(UNDECLARED_FLEET)}]
    )
    for placement_id in ("p-pending", "p-cancelled"):
        client.start_game_session_placement(
            PlacementId=placement_id, GameSessionQueueName="q-empty", MaximumPlayerSessionCount=2
        )
    client.stop_game_session_placement(PlacementId="p-cancelled")
    for rule_set in ("rs-main", "rs-spare"):
        client.create_matchmaking_rule_set(Name=rule_set, RuleSetBody=RULE_SET_BODY)
    client.create_matchmaking_configuration(
        Name="mm-main",
        RuleSetName="rs-main",
        GameSessionQueueArns=[queue_arn("q-main")],
        RequestTimeoutSeconds=60,
        AcceptanceRequired=False,
        CustomEventData="custom-event-data",
        GameSessionData=f"{MARK}-game-data",
    )
    client.create_matchmaking_configuration(
        Name="mm-solo",
        RuleSetName="rs-main",
        RequestTimeoutSeconds=60,
        AcceptanceRequired=True,
        AcceptanceTimeoutSeconds=10,
        FlexMatchMode="STANDALONE",
    )


def call(client: Any, operation: str, params: dict[str, Any]) -> Any:
    """The response, or the ClientError the call raised."""
    try:
        return getattr(client, xform_name(operation))(**params)
    except ClientError as error:
        return error


def outcome_label(outcome: Any) -> str:
    """For ``--hypothesis-show-statistics``: how often calls succeed, and with which error."""
    if isinstance(outcome, ClientError):
        message = outcome.response["Error"]["Message"]
        return f"{outcome.response['Error']['Code']}: {message[:40]}"
    return "success"


def check_answer(client: Any, operation: str, outcome: Any) -> None:
    """Success with nothing the output shape does not model, or the operation's own modelled
    error with a 4xx status and no sensitive value in its message."""
    if not isinstance(outcome, ClientError):
        assert status_of(outcome) == 200
        assert unmodelled_members(operation, outcome) == [], f"{operation} answered {outcome}"
        return
    code = outcome.response["Error"]["Code"]
    assert code in modelled_errors(operation), f"{operation} answered unmodelled {code}: {outcome}"
    assert type(outcome) is getattr(client.exceptions, code)
    assert 400 <= status_of(outcome) < 500, f"{operation}: {outcome}"
    assert MARK not in str(outcome), f"sensitive value in: {outcome}"


class Records(logging.Handler):
    """Every record the mock logs, at any level."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))


@pytest.fixture
def mock_logs() -> Iterator[Records]:
    logger = logging.getLogger("gl_placement_mock")
    records, level = Records(), logger.level
    logger.addHandler(records)
    logger.setLevel(logging.DEBUG)
    yield records
    logger.removeHandler(records)
    logger.setLevel(level)


def _objects(value: Any, seen: set[int], depth: int = 0) -> Iterator[Any]:
    """Every object of this package reachable from ``value``. (Plain data nested deeper than
    the backend ever nests its objects, such as a recorded call's parameters, is not walked.)"""
    if depth > 40 or id(value) in seen or isinstance(value, (str, bytes, int, float, type(None))):
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for item in value.values():
            yield from _objects(item, seen, depth + 1)
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _objects(item, seen, depth + 1)
        return
    if not type(value).__module__.startswith("gl_placement_mock"):
        return
    yield value
    names = set(getattr(value, "__dict__", {}))
    names |= {n for cls in type(value).__mro__ for n in getattr(cls, "__slots__", ())}
    for name in names - {"lock", "_lock", "subscribers"}:
        yield from _objects(getattr(value, name, None), seen, depth + 1)


def check_nothing_sensitive_shown(mock: PlacementMock, logs: Records) -> None:
    assert MARK not in mock.timeline()
    assert MARK not in repr(mock)
    for obj in _objects(backend_of(mock), set()):
        assert MARK not in repr(obj), f"sensitive value in repr of {type(obj).__name__}"
    assert not [text for text in logs.texts if MARK in text]


def test_the_fuzzing_world_is_what_the_pools_name() -> None:
    client = clients()[REGION]
    with mock_placement() as mock:
        arrange(mock, client)
        statuses = {
            pid: client.describe_game_session_placement(PlacementId=pid)["GameSessionPlacement"]
            for pid in ("p-fulfilled", "p-pending", "p-cancelled")
        }
        assert [p["Status"] for p in statuses.values()] == ["FULFILLED", "PENDING", "CANCELLED"]
        assert statuses["p-fulfilled"]["GameSessionId"] == FULFILLED_SESSION
        names = [q["Name"] for q in client.describe_game_session_queues()["GameSessionQueues"]]
        assert names == ["q-main", "q-empty", "q-loc", "q-open"]
        assert set(names) < set(QUEUES)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_operation_answers_anything_with_success_or_a_modelled_4xx(
    operation: str, mock_logs: Records
) -> None:
    client = clients()[REGION]

    @FUZZ
    @given(params=request(operation))
    def one_call(params: dict[str, Any]) -> None:
        with mock_placement() as mock, time_machine.travel(T0, tick=False):
            arrange(mock, client)
            watcher = LifecycleWatcher()
            watcher.check(mock, clients())
            before = fingerprint(mock)
            outcome = call(client, operation, params)
            check_answer(client, operation, outcome)
            event(outcome_label(outcome))
            if isinstance(outcome, ClientError):
                assert fingerprint(mock) == before, f"rejected {operation} changed state"
            watcher.check(mock, clients())
            check_nothing_sensitive_shown(mock, mock_logs)

    one_call()


@functools.cache
def validated_client() -> Any:
    return boto3.client("gamelift", region_name=REGION)


@pytest.mark.parametrize("validated", [False, True], ids=["unvalidated", "validated"])
def test_extreme_values_get_success_or_a_4xx_and_a_refusal_changes_nothing(
    validated: bool, mock_logs: Records
) -> None:
    """Numbers past their type's range (32-bit Integer, 64-bit Long, finite Double), Decimals,
    deep nesting and long strings, in any member: botocore refuses some itself; the mock
    answers the rest with success or a modelled 4xx, quickly, and a refusal changes nothing."""
    client = validated_client() if validated else clients()[REGION]

    @settings(FUZZ, max_examples=100)
    @given(data=st.data(), operation=st.sampled_from(sorted(OPERATIONS)))
    def one_call(data: st.DataObject, operation: str) -> None:
        params = data.draw(extreme_request(operation, validated), label="params")
        with mock_placement() as mock, time_machine.travel(T0, tick=False) as traveller:
            arrange(mock, client)
            before = fingerprint(mock)
            try:
                outcome = call(client, operation, params)
            except ParamValidationError:
                assert validated, "only a validating client refuses before the mock"
                event("refused by botocore")
                return
            check_answer(client, operation, outcome)
            event(outcome_label(outcome))
            if isinstance(outcome, ClientError):
                assert fingerprint(mock) == before, f"rejected {operation} changed state"
            else:
                assert_every_number_fits(fingerprint(mock))
                LifecycleWatcher().check(mock, clients())
                place_on_every_queue(clients()[REGION], traveller)
            check_nothing_sensitive_shown(mock, mock_logs)

    one_call()


def assert_every_number_fits(value: Any) -> None:
    """Nothing stored is past a 64-bit integer or a finite double."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        assert -(2**63) <= value < 2**63, f"stored {value.bit_length()}-bit number"
    elif isinstance(value, float):
        assert math.isfinite(value), f"stored {value}"
    elif isinstance(value, tuple):
        for item in value:
            assert_every_number_fits(item)


def place_on_every_queue(client: Any, traveller: Any) -> None:
    """What was stored still works: a placement on every queue starts and reads back, with
    success or a modelled 4xx, and the placements move on when time passes."""
    queues = client.describe_game_session_queues()["GameSessionQueues"]
    for index, queue in enumerate(queues):
        placement_id = f"after-{index}"
        outcome = call(
            client,
            "StartGameSessionPlacement",
            {
                "PlacementId": placement_id,
                "GameSessionQueueName": queue["Name"],
                "MaximumPlayerSessionCount": 2,
                "PlayerLatencies": [
                    {
                        "PlayerId": PLAYERS[0],
                        "RegionIdentifier": REGION,
                        "LatencyInMilliseconds": 50,
                    }
                ],
            },
        )
        check_answer(client, "StartGameSessionPlacement", outcome)
    traveller.shift(timedelta(days=1))
    for index in range(len(queues)):
        outcome = call(client, "DescribeGameSessionPlacement", {"PlacementId": f"after-{index}"})
        check_answer(client, "DescribeGameSessionPlacement", outcome)


class PlacementService(RuleBasedStateMachine):
    """Random sequences of API calls, steering through the handle, faults and clock moves
    (forwards and backwards), with every invariant checked after each step."""

    def __init__(self) -> None:
        super().__init__()
        self.traveller = time_machine.travel(T0, tick=False)
        self.clock = self.traveller.start()
        self.mock = mock_placement().start()
        self.clients = clients()
        arrange(self.mock, self.clients[REGION])
        self.watcher = LifecycleWatcher()
        self.started = 0
        self.logs = Records()
        self.logger = logging.getLogger("gl_placement_mock")
        self.level = self.logger.level
        self.logger.addHandler(self.logs)
        self.logger.setLevel(logging.DEBUG)

    def teardown(self) -> None:
        self.logger.removeHandler(self.logs)
        self.logger.setLevel(self.level)
        self.mock.stop()
        self.traveller.stop()

    @rule(
        data=st.data(),
        operation=st.sampled_from(sorted(OPERATIONS)),
        region=st.sampled_from([REGION, REGION, REGION, OTHER_REGION]),
    )
    def api_call(self, data: st.DataObject, operation: str, region: str) -> None:
        params = data.draw(request(operation), label="params")
        self.api_call_with(self.clients[region], operation, params)

    def api_call_with(self, client: Any, operation: str, params: dict[str, Any]) -> None:
        faults = self.mock.faults
        injected_before = [f.injected for f in faults]
        before = fingerprint(self.mock)
        outcome = call(client, operation, params)
        fired = [f for f, n in zip(faults, injected_before) if f.injected > n]
        if fired:
            (fault,) = fired
            assert isinstance(outcome, ClientError)
            assert outcome.response["Error"] == {"Code": fault.error_code, "Message": fault.message}
            assert status_of(outcome) == fault.status
        else:
            check_answer(client, operation, outcome)
        if isinstance(outcome, ClientError):
            assert fingerprint(self.mock) == before, f"rejected {operation} changed state"

    @rule(
        queue=st.sampled_from(QUEUES),
        players=st.lists(st.sampled_from(PLAYERS), unique=True, max_size=3),
        latency=st.none() | st.integers(10, 400),
    )
    def start_a_placement(self, queue: str, players: list[str], latency: Optional[int]) -> None:
        """A well-formed StartGameSessionPlacement with a fresh PlacementId."""
        self.started += 1
        params: dict[str, Any] = {
            "PlacementId": f"s-{self.started}",
            "GameSessionQueueName": queue,
            "MaximumPlayerSessionCount": 4,
            "DesiredPlayerSessions": [{"PlayerId": p, "PlayerData": f"{MARK}-d"} for p in players],
        }
        if latency is not None:
            params["PlayerLatencies"] = [
                {"PlayerId": p, "RegionIdentifier": REGION, "LatencyInMilliseconds": latency}
                for p in players
            ]
        self.api_call_with(self.clients[REGION], "StartGameSessionPlacement", params)

    @rule(data=st.data())
    def stop_a_placement(self, data: st.DataObject) -> None:
        known = sorted(self.watcher.seen)
        if known:
            placement_id = data.draw(st.sampled_from(known), label="placement_id")
            self.api_call_with(
                self.clients[REGION], "StopGameSessionPlacement", {"PlacementId": placement_id}
            )

    @rule(
        operation=st.sampled_from(sorted(OPERATIONS)),
        code=st.sampled_from(
            ["ThrottlingException", "InternalServiceException", "ServiceUnavailable"]
        ),
    )
    def inject_one_fault(self, operation: str, code: str) -> None:
        self.mock.inject_fault(operation, code, count=1)

    @rule(
        fleet=st.sampled_from([FLEET_A, FLEET_B, UNDECLARED_FLEET]),
        location=st.sampled_from([None, OTHER_REGION]),
        capacity=st.none() | st.integers(0, 3),
    )
    def set_capacity(self, fleet: str, location: Optional[str], capacity: Optional[int]) -> None:
        try:
            self.mock.set_capacity(fleet, capacity, location=location)
        except PlacementMockError as error:
            assert str(error).startswith(("No fleet", f"Fleet {fleet} has no location"))

    @rule(capacity=st.none() | st.integers(0, 2))
    def declare_the_undeclared_fleet(self, capacity: Optional[int]) -> None:
        try:
            self.mock.add_fleet(REGION, capacity=capacity, fleet_id=UNDECLARED_FLEET)
        except ValueError as error:
            assert str(error) == f"Fleet '{UNDECLARED_FLEET}' is already declared."

    @rule(data=st.data())
    def terminate_a_game_session(self, data: st.DataObject) -> None:
        backend = backend_of(self.mock)
        with backend.lock:
            ids = sorted(
                session_id
                for account in backend.accounts.values()
                for state in account.regions.values()
                for session_id, session in state.game_sessions.items()
                if session.status in ("ACTIVE", "ACTIVATING")
            )
        if ids:
            self.mock.terminate_game_session(data.draw(st.sampled_from(ids)))

    @rule(queue=st.sampled_from([None, "q-main", "q-loc", "q-open"]), hold=st.booleans())
    def hold_or_release(self, queue: Optional[str], hold: bool) -> None:
        # A queue may have been deleted by now: steering it warns (and still applies).
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PlacementMockWarning)
            if hold:
                self.mock.hold_placements(queue=queue)
            else:
                self.mock.release_placements(queue=queue)
        for warning in caught:
            assert str(warning.message).startswith(
                ("hold_placements(queue=", "release_placements(queue=")
            ), warning.message

    @rule(placement_id=st.sampled_from(PLACEMENTS), fulfill=st.booleans())
    def force_an_outcome(self, placement_id: str, fulfill: bool) -> None:
        try:
            if fulfill:
                self.mock.fulfill_placement(placement_id)
            else:
                self.mock.fail_placement(placement_id)
        except PlacementMockError as error:
            assert str(error).startswith(
                (
                    f"No placement '{placement_id}'",
                    f"Placement '{placement_id}' is ",
                    f"Cannot fulfill placement '{placement_id}'",
                )
            )

    @rule(seconds=st.integers(-2 * 86400, 900))
    def move_the_clock(self, seconds: int) -> None:
        self.clock.shift(timedelta(seconds=seconds))

    @invariant()
    def lifecycle_capacity_and_identity(self) -> None:
        self.watcher.check(self.mock, self.clients)

    @invariant()
    def nothing_sensitive_shown(self) -> None:
        check_nothing_sensitive_shown(self.mock, self.logs)


PlacementService.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_random_sequences_keep_every_invariant = PlacementService.TestCase
