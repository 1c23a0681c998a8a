"""The table of operations: each GameLift operation's name mapped to its function, and the
dispatch that validates a call's parameters from the service model before running it.

``OPERATIONS`` is the one table that drives everything: adding an operation is adding one
function in a module of this package, one line here, and one test file."""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping, Optional

from ..backend.errors import invalid_request
from ..backend.state import Backend
from ..errors import UnimplementedOperationError
from ..model.prechecks import compile_precheck
from ..model.validation import (
    compile_input,
    compile_normaliser,
    compile_pruner,
    format_errors,
    own_copy,
)
from . import (
    builds,
    fleets,
    game_sessions,
    placements,
    queues,
    search,
    sessions,
    tags,
)
from .context import Call

Operation = Callable[[Call, "dict[str, Any]"], "dict[str, Any]"]


def _on_first_call(module: str, name: str) -> Operation:
    """An operation whose module (and the matchmaking modules it needs) loads on its first
    call, then takes this stand-in's place in ``OPERATIONS``: mocking placement alone never
    loads matchmaking."""

    def operation(call: Call, params: dict[str, Any]) -> dict[str, Any]:
        function: Operation = getattr(
            importlib.import_module(f"gl_placement_mock.operations.{module}"), name
        )
        for key, value in OPERATIONS.items():
            if value is operation:
                OPERATIONS[key] = function
        return function(call, params)

    return operation


OPERATIONS: dict[str, Operation] = {
    "StartGameSessionPlacement": placements.start_game_session_placement,
    "StopGameSessionPlacement": placements.stop_game_session_placement,
    "DescribeGameSessionPlacement": placements.describe_game_session_placement,
    "CreateGameSessionQueue": queues.create_game_session_queue,
    "DescribeGameSessionQueues": queues.describe_game_session_queues,
    "UpdateGameSessionQueue": queues.update_game_session_queue,
    "DeleteGameSessionQueue": queues.delete_game_session_queue,
    "DescribeGameSessions": sessions.describe_game_sessions,
    "DescribeGameSessionDetails": sessions.describe_game_session_details,
    "DescribePlayerSessions": sessions.describe_player_sessions,
    "CreatePlayerSession": sessions.create_player_session,
    "CreatePlayerSessions": sessions.create_player_sessions,
    "CreateGameSession": game_sessions.create_game_session,
    "UpdateGameSession": game_sessions.update_game_session,
    "TerminateGameSession": game_sessions.terminate_game_session,
    "SearchGameSessions": search.search_game_sessions,
    "ListFleets": fleets.list_fleets,
    "DescribeFleetAttributes": fleets.describe_fleet_attributes,
    "DescribeFleetCapacity": fleets.describe_fleet_capacity,
    "DescribeFleetLocationAttributes": fleets.describe_fleet_location_attributes,
    "DescribeFleetLocationCapacity": fleets.describe_fleet_location_capacity,
    "DescribeAlias": fleets.describe_alias,
    "ListAliases": fleets.list_aliases,
    "ResolveAlias": fleets.resolve_alias,
    "ListBuilds": builds.list_builds,
    "DescribeBuild": builds.describe_build,
    "ListScripts": builds.list_scripts,
    "DescribeScript": builds.describe_script,
    "CreateMatchmakingConfiguration": _on_first_call(
        "matchmaking_resources", "create_matchmaking_configuration"
    ),
    "DescribeMatchmakingConfigurations": _on_first_call(
        "matchmaking_resources", "describe_matchmaking_configurations"
    ),
    "UpdateMatchmakingConfiguration": _on_first_call(
        "matchmaking_resources", "update_matchmaking_configuration"
    ),
    "DeleteMatchmakingConfiguration": _on_first_call(
        "matchmaking_resources", "delete_matchmaking_configuration"
    ),
    "CreateMatchmakingRuleSet": _on_first_call(
        "matchmaking_resources", "create_matchmaking_rule_set"
    ),
    "DescribeMatchmakingRuleSets": _on_first_call(
        "matchmaking_resources", "describe_matchmaking_rule_sets"
    ),
    "ValidateMatchmakingRuleSet": _on_first_call(
        "matchmaking_resources", "validate_matchmaking_rule_set"
    ),
    "DeleteMatchmakingRuleSet": _on_first_call(
        "matchmaking_resources", "delete_matchmaking_rule_set"
    ),
    "StartMatchmaking": _on_first_call("matchmaking", "start_matchmaking"),
    "StopMatchmaking": _on_first_call("matchmaking", "stop_matchmaking"),
    "DescribeMatchmaking": _on_first_call("matchmaking", "describe_matchmaking"),
    "AcceptMatch": _on_first_call("matchmaking", "accept_match"),
    "TagResource": tags.tag_resource,
    "UntagResource": tags.untag_resource,
    "ListTagsForResource": tags.list_tags_for_resource,
}

# Operations of a family the mock simulates that are not simulated yet, and why: calling one
# raises UnimplementedOperationError (never a GameLift error code under test might retry).
NOT_SIMULATED_YET = {
    "StartMatchBackfill": "manual matchmaking backfill is not simulated yet",
}

# Per operation, compiled from its input shape on its first call: its pruner, its fast path
# (the parameters normalised and copied, when the validator would surely find nothing; else
# None), its validator and its normaliser (None when it has no number to normalise).
_Compiled = tuple[
    Callable[[Any], Any],
    Callable[[Any], Optional[dict[str, Any]]],
    Callable[[Mapping[str, Any]], "list[str]"],
    Optional[Callable[[Any], Any]],
]
_compiled: dict[str, _Compiled] = {}


def _compile(operation_name: str, input_shape: Any) -> _Compiled:
    compiled = (
        compile_pruner(input_shape),
        compile_precheck(input_shape),
        compile_input(input_shape),
        compile_normaliser(input_shape),
    )
    _compiled[operation_name] = compiled
    return compiled


def dispatch(
    backend: Backend,
    account: str,
    region: str,
    operation_name: str,
    input_shape: Any,
    params: dict[str, Any],
    *,
    unvalidated: bool = False,
) -> tuple[dict[str, Any], Optional[int]]:
    """Validate ``params`` against ``input_shape`` and run the operation: its answer, and the
    length of the answer's JSON body if the operation knows it (else None). Raises GameLiftError
    for anything the real service would refuse, before any state changes.

    The operation receives the parameters normalised (a Float or Double given as an int is a
    float) and as its own: no list or mapping in them is the caller's, so it may keep them.

    ``unvalidated``: the client skipped botocore's validation, so ``params`` may hold members
    the model lacks; they are dropped first, as botocore's serializer would drop them."""
    operation = OPERATIONS.get(operation_name)
    if operation is None:
        raise UnimplementedOperationError(
            operation_name, sorted(OPERATIONS), NOT_SIMULATED_YET.get(operation_name)
        )
    compiled = _compiled.get(operation_name)
    if compiled is None:
        compiled = _compile(operation_name, input_shape)
    prune, precheck, validate, normalise = compiled
    if unvalidated:
        params = prune(params)
    own = precheck(params)
    if own is None:  # unsure: the validator says what is wrong, if anything
        violations = validate(params)
        if violations:
            raise invalid_request(format_errors(violations))
        own = own_copy(params if normalise is None else normalise(params))
    call = Call()  # (its members set here: see Call)
    call.backend = backend
    call.account = account
    call.region = region
    call.length = None
    result: dict[str, Any] = backend.run(operation, call, own)
    return result, call.length
