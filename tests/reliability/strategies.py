"""Hypothesis strategies for GameLift requests, built from the installed service model: near-valid
parameters (values from pools that name real resources, boundary lengths and values, pattern and
enum violations, missing required members) with arbitrary junk mixed in.

Every value of a sensitive member (PlayerId, PlayerData, GameSessionData, game property
values; and whatever the model marks sensitive) carries ``MARK``, so a test can prove that no
such value leaks into error messages, reprs, logs or the timeline."""

from __future__ import annotations

import copy
import functools
from decimal import Decimal
from typing import Any, Callable

import botocore.session
from botocore.serialize import JSONSerializer
from hypothesis import strategies as st

from ..conftest import ACCOUNT, REGION

MARK = "zSeCrEtz"
OTHER_REGION = "eu-west-1"
FLEET_A = "fleet-aaaaaaaa-0000-4000-8000-000000000001"
FLEET_B = "fleet-bbbbbbbb-0000-4000-8000-000000000002"
UNDECLARED_FLEET = "fleet-cccccccc-0000-4000-8000-000000000003"
ALIAS = "alias-dddddddd-0000-4000-8000-000000000004"
QUEUES = ("q-main", "q-empty", "q-loc", "q-open", "q-new", "missing")
PLACEMENTS = ("p-fulfilled", "p-pending", "p-cancelled", "p-0", "p-1", "p-2")
LOCATIONS = (REGION, OTHER_REGION, "us-east-1", "ap-south-1")
PLAYERS = (f"{MARK}-ann", f"{MARK}-bob", f"{MARK}-cid")
FULFILLED_SESSION = f"arn:aws:gamelift:{REGION}::gamesession/{FLEET_A}/p-fulfilled"

# The members whose values must never be shown.
SENSITIVE_SHAPES = frozenset(
    {
        "PlayerId",
        "PlayerIdList",
        "PlayerData",
        "PlayerDataMap",
        "GameSessionData",
        "LargeGameSessionData",
        "GamePropertyValue",
    }
)
_OMIT = object()


def fleet_arn(fleet_id: str, region: str = REGION) -> str:
    return f"arn:aws:gamelift:{region}:{ACCOUNT}:fleet/{fleet_id}"


def queue_arn(name: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:aws:gamelift:{region}:{account}:gamesessionqueue/{name}"


_QUEUE_REFS = (
    *QUEUES,
    queue_arn("q-main"),
    queue_arn("q-empty"),
    queue_arn("q-main", region=OTHER_REGION),
    queue_arn("q-main", account="210987654321"),
)
# Matchmaking: rule sets "rs-main" (used by both configurations) and "rs-spare", configurations
# "mm-main" (on q-main) and "mm-solo" (STANDALONE).
RULE_SET_BODY = (
    '{"ruleLanguageVersion": "1.0", // two of a kind\n'
    ' "teams": [{"name": "red", "minPlayers": 1, "maxPlayers": 2}]}'
)
_MATCHMAKING_REFS = (
    "mm-main",
    "mm-solo",
    "rs-main",
    "rs-spare",
    f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingconfiguration/mm-main",
    f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingruleset/rs-spare",
    f"arn:aws:gamelift:{OTHER_REGION}:{ACCOUNT}:matchmakingruleset/rs-main",
)
_POOLS: dict[str, tuple[Any, ...]] = {
    "PlacementId": PLACEMENTS,
    "GameSessionQueueName": _QUEUE_REFS,
    "Name": _QUEUE_REFS + _MATCHMAKING_REFS,
    "Names": _QUEUE_REFS + _MATCHMAKING_REFS,
    "RuleSetName": _MATCHMAKING_REFS,
    "ConfigurationName": _MATCHMAKING_REFS,
    "RuleSetBody": (RULE_SET_BODY, "{}", '{"ruleLanguageVersion": "1.0", "teams": []}'),
    "GameSessionQueueArns": (queue_arn("q-main"), queue_arn("q-loc"), queue_arn("missing")),
    "ResourceARN": (
        queue_arn("q-main"),
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingconfiguration/mm-main",
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingruleset/rs-main",
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:matchmakingruleset/missing",
    ),
    "DestinationArn": (
        fleet_arn(FLEET_A),
        fleet_arn(FLEET_B),
        fleet_arn(UNDECLARED_FLEET),
        fleet_arn(UNDECLARED_FLEET, region=OTHER_REGION),
        f"arn:aws:gamelift:{REGION}::alias/{ALIAS}",
        f"arn:aws:gamelift:{REGION}::alias/alias-unknown",
        f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/not-a-fleet",
        "arn:aws:s3:::bucket",
    ),
    "FleetId": (FLEET_A, FLEET_B, fleet_arn(FLEET_A), UNDECLARED_FLEET, "fleet-unknown"),
    "AliasId": (ALIAS, f"arn:aws:gamelift:{REGION}::alias/{ALIAS}", "alias-unknown"),
    "GameSessionId": (FULFILLED_SESSION, f"{FULFILLED_SESSION}x", "gsess-unknown"),
    "PlayerSessionId": ("psess-unknown",),
    "Location": LOCATIONS,
    "RegionIdentifier": LOCATIONS,
    "LocationOrder": LOCATIONS,
    "AllowedLocations": LOCATIONS,
    "StatusFilter": ("ACTIVE", "TERMINATED", "ACTIVATING", "ERROR", "BOGUS"),
    "PlayerSessionStatusFilter": ("RESERVED", "ACTIVE", "COMPLETED", "TIMEDOUT", "BOGUS"),
    "NextToken": ("MQ==", "Mg==", "LTE=", "!!!", "not-base64", "ÿ"),
    "PlayerId": PLAYERS,
    "PlayerIds": PLAYERS,
    "PlayerDataMap": PLAYERS,
    "PlayerData": (f"{MARK}-data",),
    "GameSessionData": (f"{MARK}-game-data",),
    "CustomEventData": ("custom-event-data",),
}


def junk() -> st.SearchStrategy[Any]:
    """Anything at all a client without parameter validation would pass along."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=12)
        | st.binary(max_size=8)
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
        max_leaves=6,
    )


def _mix(
    valid: st.SearchStrategy[Any], near_miss: st.SearchStrategy[Any], wild: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """Mostly valid values; now and then one that just misses a constraint, or junk. (Valid
    at the low end: Hypothesis favours small numbers.)"""
    return st.integers(0, 99).flatmap(lambda n: valid if n < 93 else near_miss if n < 98 else wild)


def _sensitive_text(length: int) -> str:
    return (MARK * (length // len(MARK) + 1))[:length] if length >= len(MARK) else "s" * length


def _string(shape: Any, name: str, sensitive: bool) -> tuple[Any, Any]:
    """(valid, near-miss) strategies for a string member."""
    low = max(shape.metadata.get("min", 0), 0)
    high = shape.metadata.get("max")
    pattern = shape.metadata.get("pattern")
    enum = list(getattr(shape, "enum", None) or ())
    pool = _POOLS.get(name)
    if enum:
        valid: st.SearchStrategy[Any] = st.sampled_from(enum)
    elif sensitive:
        top = min(high if high is not None else 64, 64)
        valid = st.integers(max(low, len(MARK)), max(top, len(MARK))).map(_sensitive_text)
        if pool:
            valid = st.sampled_from(pool) | valid
    else:
        top = min(high if high is not None else 24, 24)
        if pattern:
            text = st.from_regex(pattern, fullmatch=True)
        else:
            text = st.text(st.characters(codec="utf-8"), max_size=top)
        valid = text.filter(lambda t: low <= len(t) <= top and MARK not in t)
        if pool:
            valid = st.sampled_from(pool) | st.sampled_from(pool) | valid
    make: Callable[[int], str] = _sensitive_text if sensitive else (lambda n: "a" * n)
    misses: list[st.SearchStrategy[Any]] = []
    if low > 0:
        misses.append(st.just(make(low - 1)))
    if high is not None:
        misses.append(st.just(make(high + 1)))
    if pattern or enum:
        spoil = st.sampled_from([" ", ".", "ü", "\n", "/"])
        misses.append(st.tuples(valid, spoil).map(lambda pair: pair[0] + pair[1]))
    if not misses:
        misses.append(st.just(make(0)))
    return valid, st.one_of(misses)


def _number(shape: Any, whole: bool) -> tuple[Any, Any]:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    base = 0 if low is None else low
    top = base + 700 if high is None else high
    misses = [st.integers(-(2**40), 2**40)]
    if low is not None:
        misses.append(st.just(low - 1))
    if high is not None:
        misses.append(st.just(high + 1))
    if whole:
        return st.integers(base, min(top, base + 700)), st.one_of(misses)
    valid = st.integers(base, min(top, base + 700)) | st.floats(float(base), float(top))
    misses.append(st.floats(allow_nan=True, allow_infinity=True))
    return valid, st.one_of(misses)


def shape_strategy(shape: Any, name: str = "", sensitive: bool = False) -> st.SearchStrategy[Any]:
    """Values for ``shape`` (reached as member ``name``): mostly valid, some near misses of its
    constraints, some junk."""
    sensitive = bool(sensitive or shape.metadata.get("sensitive") or shape.name in SENSITIVE_SHAPES)
    kind = shape.type_name
    low = shape.metadata.get("min", 0)
    high = shape.metadata.get("max")
    if kind == "structure":
        valid = near_miss = _structure(shape, sensitive)
    elif kind == "list":
        member = shape_strategy(shape.member, name, sensitive)
        top = min(high if high is not None else 4, 4)
        valid = st.lists(member, min_size=low, max_size=max(top, low))
        misses: list[st.SearchStrategy[Any]] = []
        if low > 0:
            misses.append(st.just([]))
        if high is not None and high <= 30:
            misses.append(st.lists(member, min_size=high + 1, max_size=high + 1))
        misses.append(st.lists(st.none(), min_size=1, max_size=2))
        near_miss = st.one_of(misses)
    elif kind == "map":
        key = shape_strategy(shape.key, name, True)
        value = shape_strategy(shape.value, name, sensitive)
        valid = near_miss = st.dictionaries(key, value, max_size=3)
    elif kind == "string":
        valid, near_miss = _string(shape, name, sensitive)
    elif kind in ("integer", "long"):
        valid, near_miss = _number(shape, whole=True)
    elif kind in ("float", "double"):
        valid, near_miss = _number(shape, whole=False)
    elif kind == "boolean":
        valid, near_miss = st.booleans(), st.sampled_from([0, 1, "true"])
    else:
        valid = near_miss = junk()
    # Junk carries no mark: a sensitive member gets marked near misses instead.
    return _mix(valid, near_miss, near_miss if sensitive else junk())


def _structure(shape: Any, sensitive: bool) -> st.SearchStrategy[dict[str, Any]]:
    required = set(shape.required_members)
    members: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for member_name, member in shape.members.items():
        values = shape_strategy(member, member_name, sensitive)
        if member_name in required:
            members[member_name] = st.integers(0, 29).flatmap(
                lambda n, values=values: values if n < 29 else st.just(_OMIT)
            )
        else:
            optional[member_name] = values
    known = st.fixed_dictionaries(members, optional=optional)
    return st.tuples(known, _unknown_members(shape)).map(
        lambda pair: {**pair[1], **{k: v for k, v in pair[0].items() if v is not _OMIT}}
    )


def _unknown_members(shape: Any) -> st.SearchStrategy[dict[str, Any]]:
    """Now and then, members the shape does not have (a client without validation sends them;
    botocore's serializer would drop them)."""
    names = st.from_regex(r"[A-Z][A-Za-z]{0,11}", fullmatch=True).filter(
        lambda key: key not in shape.members
    )
    extra = st.dictionaries(names, junk(), min_size=1, max_size=2)
    return st.integers(0, 9).flatmap(lambda n: st.just({}) if n < 9 else extra)


@functools.cache
def _model() -> Any:
    return botocore.session.get_session().get_service_model("gamelift")


@functools.cache
def request(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``operation``: near-valid members, now and then unknown ones."""
    return _structure(_model().operation_model(operation).input_shape, False)


def unmodelled_members(operation: str, response: dict[str, Any]) -> list[str]:
    """Paths in ``response`` that the operation's output shape does not have."""
    found: list[str] = []
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    _unmodelled(_model().operation_model(operation).output_shape, body, "", found)
    return found


def _unmodelled(shape: Any, value: Any, path: str, found: list[str]) -> None:
    if shape is None:
        if value:
            found.append(path or "<body>")
        return
    if shape.type_name == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if key in shape.members:
                _unmodelled(shape.members[key], item, f"{path}.{key}", found)
            else:
                found.append(f"{path}.{key}")
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            _unmodelled(shape.member, item, f"{path}[{index}]", found)
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            _unmodelled(shape.value, item, f"{path}[{key!r}]", found)


def modelled_errors(operation: str) -> frozenset[str]:
    return frozenset(shape.name for shape in _model().operation_model(operation).error_shapes)


# -- extreme values: numbers past their type's range, Decimals, deep nesting, long strings ------

_HUGE_INTS = (2**31 - 1, 2**31, -(2**31) - 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**400, -(10**400))
_DECIMALS = (
    Decimal("12.5"),
    Decimal("1e400"),
    Decimal("-1e400"),
    Decimal("NaN"),
    Decimal("Infinity"),
    Decimal("1e-400"),
)


def _nested(depth: int) -> Any:
    value: Any = ["x"]
    for _ in range(depth):
        value = [value]
    return value


def extreme_value(shape: Any, validated: bool) -> st.SearchStrategy[Any]:
    """A value for ``shape`` at or past the edge of what its type can hold. A client that
    validates gets only values botocore lets through (or refuses itself, cheaply)."""
    kind = shape.type_name
    high = shape.metadata.get("max") or 0
    nesting = st.integers(1, 60 if validated else 5000).map(_nested)
    huge = st.sampled_from(_HUGE_INTS) | st.integers(min_value=2**31)
    if not validated:  # past what json.dumps writes: botocore itself fails on these
        huge = huge | st.just(2**20000)
    long_text = st.sampled_from(
        [
            "a" * (high + 1),
            "a" * 100_000,
            "arn:" + ":" * 50_000,
            "alias-" + " " * 50_000,
            "fleet-" + "-" * 100_000 + "!",
        ]
    )
    if kind in ("integer", "long"):
        values = huge | huge.map(lambda n: -n)
    elif kind in ("float", "double"):
        values = st.floats(allow_nan=True, allow_infinity=True)
        # recent botocore sends a Decimal as a number; older releases cannot send one.
        if not validated or hasattr(JSONSerializer, "_serialize_type_float"):
            values = (
                values
                | st.sampled_from(_DECIMALS)
                | st.decimals(allow_nan=not validated, allow_infinity=True)
            )
        if not validated:  # botocore's serializer fails on an int past float's range
            values = values | huge
    elif kind == "string":
        values = long_text
    elif kind == "list":
        values = st.lists(st.just("a"), min_size=high + 1, max_size=high + 1) if high else nesting
    else:
        values = nesting
    if not validated:  # botocore's serializer cannot send a signalling NaN; the mock sees it
        values = values | st.just(Decimal("sNaN")) | nesting
    return values


def _leaves(shape: Any, path: tuple[Any, ...], found: list[Any], depth: int = 0) -> None:
    """Every member reachable in ``shape`` (list items at index 0), with its shape."""
    if depth > 6:
        return
    found.append((path, shape))
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            _leaves(member, (*path, name), found, depth + 1)
    elif shape.type_name == "list":
        _leaves(shape.member, (*path, 0), found, depth + 1)


def _set_at(params: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """``params`` with ``value`` at ``path``, making (or replacing with) the containers the
    path needs on the way."""
    root: Any = params
    for step, following in zip(path, (*path[1:], None)):
        needed = dict if isinstance(following, str) else list
        fresh: Any = value if following is None else needed()
        if isinstance(step, str):
            if following is None or not isinstance(root.get(step), needed):
                root[step] = fresh
            root = root[step]
        else:
            if not root:
                root.append(fresh)
            elif following is None or not isinstance(root[0], needed):
                root[0] = fresh
            root = root[0]
    return params


@functools.cache
def extreme_request(operation: str, validated: bool) -> st.SearchStrategy[dict[str, Any]]:
    """Near-valid keyword arguments for ``operation`` with one member, at any depth, set to an
    extreme value."""
    found: list[Any] = []
    _leaves(_model().operation_model(operation).input_shape, (), found)
    members = [(path, shape) for path, shape in found if path]
    numbers = [m for m in members if m[1].type_name in ("integer", "long", "float", "double")]
    paths = st.sampled_from(members)
    if numbers:  # the rarer members, and the ones whose values are used in arithmetic
        paths = paths | st.sampled_from(numbers)
    chosen = paths.flatmap(
        lambda pair: st.tuples(st.just(pair[0]), extreme_value(pair[1], validated))
    )
    base = request(operation).map(lambda params: _drop_unknown(operation, params))
    return st.tuples(base, chosen).map(lambda t: _set_at(copy.deepcopy(t[0]), *t[1]))


def _drop_unknown(operation: str, params: dict[str, Any]) -> dict[str, Any]:
    shape = _model().operation_model(operation).input_shape
    return {k: v for k, v in params.items() if k in shape.members}
