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

_FUNCTION = re.compile(r"\s*([A-Za-z_]+)\s*\(")
_FORBIDDEN = frozenset("[](),")
#: function calls nested deeper than this are refused
MAX_DEPTH = 16


def looks_like_expression(text: str) -> bool:
    """Whether a referenceValue string is meant as an expression rather than a literal."""
    stripped = text.strip()
    if stripped.startswith("teams["):
        return True
    call = _FUNCTION.match(stripped)
    return bool(call and call.group(1) in FUNCTIONS and stripped.endswith(")"))


def parse_expression(text: str, where: str) -> Expression:
    """Parse ``text``; ``where`` prefixes the message of the RuleSetError raised when it is not
    a property expression. Linear in the length of ``text``."""
    functions: list[str] = []
    rest = text.strip()
    while True:
        call = _FUNCTION.match(rest)
        if call is None or not rest.endswith(")"):
            break
        function = call.group(1)
        if function not in FUNCTIONS:
            raise RuleSetError(
                f"{where}: unknown function '{function}' in property expression '{text}'"
                f" (functions: {', '.join(FUNCTIONS)})"
            )
        if len(functions) == MAX_DEPTH:
            raise RuleSetError(
                f"{where}: property expression nests more than {MAX_DEPTH} function calls"
            )
        functions.append(function)
        rest = rest[call.end() : -1].strip()
    expression: Expression = _parse_path(rest, text, where)
    for function in reversed(functions):
        expression = Call(function, expression)
    return expression


def _parse_path(rest: str, text: str, where: str) -> Path:
    def fail() -> RuleSetError:
        return RuleSetError(f"{where}: '{text}' is not a property expression")

    if not rest.startswith("teams["):
        raise fail()
    close = rest.find("]")
    if close < 0:
        raise fail()
    names = tuple(name.strip() for name in rest[len("teams[") : close].split(","))
    if any(not name or _FORBIDDEN.intersection(name) for name in names):
        raise fail()
    if "*" in names and names != ("*",):
        raise fail()
    tail = "".join(rest[close + 1 :].split())
    if tail in ("", ".players"):
        return Path(names, "players")
    if tail == ".players[playerId]":
        return Path(names, "playerId")
    prefix = ".players.attributes["
    if tail.startswith(prefix) and tail.endswith("]"):
        bracket = rest.find("[", rest.find("attributes", close))
        attribute = rest[bracket + 1 : rest.rfind("]")].strip()
        if attribute and not _FORBIDDEN.intersection(attribute):
            return Path(names, "attributes", attribute)
    raise fail()


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
        # An attribute's values share one type, and no function mixes kinds in one list.
        if len(strings) != len([v for v in values if v is not None]):  # pragma: no cover
            raise EvaluationError(f"{function}() cannot mix strings and other values")
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
