"""Property expressions of the rule language: parsing, checking and evaluation.

Grammar (whitespace is ignored)::

    expression := function "(" expression ")" | path
    function   := min | max | avg | median | sum | count | stddev | flatten | set_intersection
    path       := "teams" "[" selector "]" [ ".players" [ "[playerId]" | ".attributes[" name "]" ] ]
    selector   := "*" | name { "," name }

Values are plain Python: numbers are ``float``, strings ``str``, a string-list attribute a
``tuple`` of strings, a string-number map a ``dict``, and every list built by an expression a
``list``. ``teams[<one team>]`` gives a flat list (one entry per player); ``teams[*]`` and
``teams[a,b]`` (or a team with ``quantity`` > 1) give one list per team. A function applied to a
list of lists applies to each inner list ("applied per sub-list on nested lists"); on a flat
list it reduces it. ``flatten`` removes one level of nesting.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Callable, Union

from .errors import RuleSetError

FUNCTIONS = (
    "min",
    "max",
    "avg",
    "median",
    "sum",
    "count",
    "stddev",
    "flatten",
    "set_intersection",
)

AttributeValue = Union[float, str, tuple[str, ...], Mapping[str, float]]
Value = Union[AttributeValue, None, list["Value"]]


@dataclass(frozen=True)
class Path:
    """``teams[...]`` with an optional ``.players`` tail."""

    teams: tuple[str, ...]  # ("*",) for every team
    field: str  # "players", "attributes" or "playerId"
    attribute: str | None = None


@dataclass(frozen=True)
class Call:
    function: str
    argument: Expression


Expression = Union[Path, Call]

_NAME = r"[^\[\],()]+"
_PATH = re.compile(
    r"teams\[\s*(?P<teams>\*|" + _NAME + r"(?:\s*,\s*" + _NAME + r")*)\s*\]"
    r"(?P<tail>\.players(?:\[\s*playerId\s*\]|\.attributes\[\s*(?P<attr>" + _NAME + r")\s*\])?)?$"
)
_CALL = re.compile(r"(?P<function>[A-Za-z_]+)\s*\((?P<argument>.*)\)$", re.DOTALL)


def looks_like_expression(text: str) -> bool:
    """Whether a referenceValue string is meant as an expression rather than a literal."""
    stripped = text.strip()
    if stripped.startswith("teams["):
        return True
    match = _CALL.match(stripped)
    return bool(match and match.group("function") in FUNCTIONS)


def parse_expression(text: str, where: str) -> Expression:
    """Parse ``text``; ``where`` prefixes the message of the RuleSetError raised when it is not
    a property expression."""
    stripped = text.strip()
    call = _CALL.match(stripped)
    if call:
        function = call.group("function")
        if function not in FUNCTIONS:
            raise RuleSetError(
                f"{where}: unknown function '{function}' in property expression '{text}'"
                f" (functions: {', '.join(FUNCTIONS)})"
            )
        return Call(function, parse_expression(call.group("argument"), where))
    path = _PATH.match(stripped)
    if path is None:
        raise RuleSetError(f"{where}: '{text}' is not a property expression")
    teams = tuple(name.strip() for name in path.group("teams").split(","))
    tail = path.group("tail") or ""
    if path.group("attr") is not None:
        return Path(teams, "attributes", path.group("attr").strip())
    if "playerId" in tail:
        return Path(teams, "playerId")
    return Path(teams, "players")


def referenced(expression: Expression) -> tuple[set[str], set[str]]:
    """(team names, attribute names) an expression refers to; "*" is not a team name."""
    while isinstance(expression, Call):
        expression = expression.argument
    teams = {name for name in expression.teams if name != "*"}
    attributes = {expression.attribute} if expression.attribute is not None else set()
    return teams, attributes


class EvaluationError(Exception):
    """A value of the wrong kind for a function or rule: the rule fails (never a service
    error)."""


class PlayerView:
    """One player of a potential match as rules see it."""

    __slots__ = ("attributes", "player_id", "ticket_index")

    def __init__(
        self, player_id: str, attributes: Mapping[str, AttributeValue], ticket_index: int
    ) -> None:
        self.player_id = player_id
        self.attributes = attributes
        self.ticket_index = ticket_index


@dataclass(frozen=True)
class TeamView:
    """One team instance of a potential match: its players in ticket order."""

    name: str
    base_name: str
    players: Sequence[PlayerView]


#: one party's values of an attribute → the values the rule sees for that party
PartyAggregate = Callable[[list[AttributeValue]], list[Value]]


def _numeric(values: Sequence[Value], function: str) -> list[float]:
    numbers: list[float] = []
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise EvaluationError(f"{function}() needs numbers, got {value!r}")
        numbers.append(float(value))
    return numbers


def _reduce(function: str, values: list[Value]) -> Value:
    if function == "count":
        return float(len(values))
    if function == "flatten":
        flat: list[Value] = []
        for value in values:
            if isinstance(value, list):
                flat.extend(value)
            else:
                flat.append(value)
        return flat
    if function == "set_intersection":
        common: list[str] | None = None
        for value in values:
            if value is None:
                continue
            members = [value] if isinstance(value, str) else value
            if not isinstance(members, tuple) and not isinstance(members, list):
                raise EvaluationError(f"set_intersection() needs string lists, got {value!r}")
            if common is None:
                common = list(dict.fromkeys(str(member) for member in members))
            else:
                keep = {str(member) for member in members}
                common = [member for member in common if member in keep]
        return tuple(common or ())
    if function in ("min", "max") and any(isinstance(value, str) for value in values):
        strings = [value for value in values if isinstance(value, str)]
        if len(strings) != len([value for value in values if value is not None]):
            raise EvaluationError(f"{function}() cannot mix strings and other values")
        if not strings:
            return None
        return min(strings) if function == "min" else max(strings)
    numbers = _numeric(values, function)
    if not numbers:
        return None
    if function == "min":
        return min(numbers)
    if function == "max":
        return max(numbers)
    if function == "sum":
        return math.fsum(numbers)
    if function == "avg":
        return math.fsum(numbers) / len(numbers)
    ordered = sorted(numbers)
    if function == "median":
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2
    mean = math.fsum(numbers) / len(numbers)  # stddev (population)
    return math.sqrt(math.fsum((number - mean) ** 2 for number in numbers) / len(numbers))


def apply_function(function: str, value: Value) -> Value:
    """Apply a property-expression function, per inner list on nested lists."""
    if not isinstance(value, list):
        if function == "count":
            return 0.0 if value is None else 1.0
        if function in ("flatten", "set_intersection"):
            return value
        return value if value is None else _reduce(function, [value])
    if value and all(isinstance(item, list) for item in value):
        if function == "flatten":
            return _reduce(function, value)
        return [apply_function(function, item) for item in value]
    return _reduce(function, value)


Evaluator = Callable[[Sequence[TeamView], "PartyAggregate | None"], Value]


def compile_expression(
    expression: Expression, team_names: Mapping[str, tuple[str, ...]]
) -> Evaluator:
    """A function of (teams of a potential match, party aggregation) giving the expression's
    value. ``team_names`` maps each declared team name to its instance names."""
    if isinstance(expression, Call):
        inner = compile_expression(expression.argument, team_names)
        function = expression.function

        def call(teams: Sequence[TeamView], party: PartyAggregate | None) -> Value:
            return apply_function(function, inner(teams, party))

        return call

    path = expression
    if path.teams == ("*",):
        selected: tuple[str, ...] | None = None
        nested = True
    else:
        instances: list[str] = []
        for name in path.teams:
            instances.extend(team_names.get(name, (name,)))
        selected = tuple(instances)
        nested = len(instances) != 1

    def players_of(team: TeamView, party: PartyAggregate | None) -> list[Value]:
        if path.field == "players":
            return [player.player_id for player in team.players]
        if path.field == "playerId":
            return [player.player_id for player in team.players]
        attribute = path.attribute or ""
        if party is None:
            return [player.attributes.get(attribute) for player in team.players]
        values: list[Value] = []
        group: list[AttributeValue] = []
        current = -1
        for player in team.players:
            if player.ticket_index != current and group:
                values.extend(party(group))
                group = []
            current = player.ticket_index
            value = player.attributes.get(attribute)
            if value is not None:
                group.append(value)
        if group:
            values.extend(party(group))
        return values

    def evaluate(teams: Sequence[TeamView], party: PartyAggregate | None) -> Value:
        chosen = (
            list(teams) if selected is None else [team for team in teams if team.name in selected]
        )
        if selected is not None:
            order = {name: index for index, name in enumerate(selected)}
            chosen.sort(key=lambda team: order[team.name])
        lists: list[Value] = [players_of(team, party) for team in chosen]
        if nested:
            return lists
        return lists[0] if lists else []

    return evaluate
