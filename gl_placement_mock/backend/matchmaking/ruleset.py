"""RuleSetBody → a typed, immutable RuleSet, checked against the documented schema.

``parse_rule_set(body)`` returns a :class:`RuleSet` or raises :class:`RuleSetError` (and nothing
else, whatever the body) whose message says what is wrong and where, e.g.
``rules[2] (name 'skill'): 'maxDistance' must be a number``. The operations layer answers
CreateMatchmakingRuleSet and ValidateMatchmakingRuleSet with
``InvalidRequestException("Invalid rule set body: <message>")`` (AWS documents no wording).

Tolerated: ``//`` line comments outside strings (AWS's own examples carry them), unknown
properties (ignored), duplicate keys (the last wins, as in most JSON parsers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Union

from .errors import RuleSetError
from .expressions import (
    AttributeValue,
    Expression,
    looks_like_expression,
    parse_expression,
    referenced,
)
from .statements import Statement, parse_statement, statement_names

MAX_BODY_LENGTH = 65535
LARGE_MATCH_PLAYERS = 40
MAX_MATCH_PLAYERS = 200

ATTRIBUTE_TYPES = ("string", "number", "string_list", "string_number_map")
RULE_TYPES = (
    "absoluteSort",
    "batchDistance",
    "collection",
    "comparison",
    "compound",
    "distance",
    "distanceSort",
    "latency",
)
SORT_RULE_TYPES = ("absoluteSort", "distanceSort")
COMPARISON_OPERATIONS = ("<", "<=", "=", "!=", ">", ">=")
COLLECTION_OPERATIONS = ("intersection", "contains", "reference_intersection_count")
LARGE_MATCH_RULE_TYPES = ("latency", "batchDistance")
#: numeric rule properties an expansion may target, per rule type
EXPANDABLE = {
    "comparison": ("referenceValue",),
    "distance": ("referenceValue", "minDistance", "maxDistance"),
    "collection": ("minCount", "maxCount"),
    "latency": ("maxLatency", "maxDistance"),
    "batchDistance": ("maxDistance",),
}
ALGORITHM_FIELDS = {
    "strategy": ("exhaustiveSearch", "balanced"),
    "batchingPreference": ("random", "sorted", "largestPopulation", "fastestRegion"),
    "expansionAgeSelection": ("newest", "oldest"),
    "backfillPriority": ("normal", "low", "high"),
}

Literal = Union[float, str, tuple[str, ...]]
Reference = Union[Expression, Literal, None]


@dataclass(frozen=True)
class PlayerAttribute:
    name: str
    type: str
    default: AttributeValue | None  # None: no default, the attribute is required


@dataclass(frozen=True)
class Team:
    name: str
    min_players: int
    max_players: int
    quantity: int = 1

    @property
    def instance_names(self) -> tuple[str, ...]:
        """``name`` or, with quantity > 1, ``name_1`` ... ``name_<quantity>``."""
        if self.quantity == 1:
            return (self.name,)
        return tuple(f"{self.name}_{index}" for index in range(1, self.quantity + 1))


@dataclass(frozen=True)
class Algorithm:
    strategy: str = "exhaustiveSearch"
    batching_preference: str | None = None
    sort_by_attributes: tuple[str, ...] = ()
    balanced_attribute: str | None = None
    expansion_age_selection: str = "newest"
    backfill_priority: str = "normal"


@dataclass(frozen=True)
class Rule:
    """One rule; which fields are set depends on ``type``."""

    name: str
    type: str
    description: str | None = None
    measurements: tuple[Expression, ...] = ()
    reference: Reference = None
    operation: str | None = None
    min_distance: float | None = None
    max_distance: float | None = None
    min_count: float | None = None
    max_count: float | None = None
    max_latency: float | None = None
    distance_reference: str | None = None
    party_aggregation: str | None = None
    batch_attribute: str | None = None
    sort_direction: str | None = None
    sort_attribute: str | None = None
    map_key: str | None = None
    statement: Statement | None = None


@dataclass(frozen=True)
class ExpansionStep:
    wait_time_seconds: float
    value: Any  # a number for rule and team targets, a string for algorithm targets


@dataclass(frozen=True)
class Expansion:
    """``target`` parsed: kind "rules", "teams" or "algorithm", the rule or team name (None
    for the algorithm) and the property."""

    target: str
    kind: str
    name: str | None
    property: str
    steps: tuple[ExpansionStep, ...]


@dataclass(frozen=True)
class RuleSet:
    body: str
    name: str | None
    player_attributes: tuple[PlayerAttribute, ...]
    algorithm: Algorithm
    teams: tuple[Team, ...]
    rules: tuple[Rule, ...]
    expansions: tuple[Expansion, ...]
    #: rules evaluated only through a compound rule's statement
    compound_members: frozenset[str] = field(default_factory=frozenset)

    @property
    def max_players(self) -> int:
        return sum(team.max_players * team.quantity for team in self.teams)

    @property
    def is_large_match(self) -> bool:
        return self.max_players > LARGE_MATCH_PLAYERS

    def expanded(self, wait_seconds: float) -> RuleSet:
        """The rule set as it stands once a potential match has waited ``wait_seconds``: every
        expansion step whose waitTimeSeconds is reached replaces its target's value."""
        rules = {rule.name: rule for rule in self.rules}
        teams = {team.name: team for team in self.teams}
        for expansion in self.expansions:
            value = None
            for step in expansion.steps:
                if step.wait_time_seconds <= wait_seconds:
                    value = step.value
            if value is None or expansion.name is None:
                continue
            if expansion.kind == "teams":
                team = teams[expansion.name]
                key = "min_players" if expansion.property == "minPlayers" else "max_players"
                changes: dict[str, Any] = {key: int(value)}
                teams[team.name] = replace(team, **changes)
            elif expansion.kind == "rules":
                rule = rules[expansion.name]
                key = _SNAKE[expansion.property]
                updates: dict[str, Any] = {key: float(value)}
                rules[rule.name] = replace(rule, **updates)
        return replace(
            self,
            teams=tuple(teams[team.name] for team in self.teams),
            rules=tuple(rules[rule.name] for rule in self.rules),
        )

    def expansion_times(self) -> tuple[float, ...]:
        """Every distinct waitTimeSeconds of a rule or team expansion, ascending."""
        return tuple(
            sorted(
                {
                    step.wait_time_seconds
                    for expansion in self.expansions
                    if expansion.kind != "algorithm"
                    for step in expansion.steps
                }
            )
        )


_SNAKE = {
    "referenceValue": "reference",
    "minDistance": "min_distance",
    "maxDistance": "max_distance",
    "minCount": "min_count",
    "maxCount": "max_count",
    "maxLatency": "max_latency",
}


def strip_comments(body: str) -> str:
    """Remove ``//`` comments that are outside JSON strings (to the end of their line)."""
    if "//" not in body:
        return body
    out: list[str] = []
    index = 0
    length = len(body)
    in_string = False
    while index < length:
        char = body[index]
        if in_string:
            out.append(char)
            if char == "\\" and index + 1 < length:
                out.append(body[index + 1])
                index += 2
                continue
            if char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif char == "/" and body.startswith("//", index):
            end = body.find("\n", index)
            index = length if end == -1 else end
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_rule_set(body: str) -> RuleSet:
    """Parse and check a RuleSetBody; raise RuleSetError when it is not a valid rule set."""
    if not isinstance(body, str):
        raise RuleSetError("the rule set body must be a string")
    if len(body) > MAX_BODY_LENGTH:
        raise RuleSetError(
            f"the rule set body is {len(body)} characters long, more than {MAX_BODY_LENGTH}"
        )
    try:
        document = json.loads(strip_comments(body), parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        detail = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        where = (
            f" at line {error.lineno} column {error.colno}"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise RuleSetError(f"the rule set body is not valid JSON{where}: {detail}") from None
    if not isinstance(document, dict):
        raise RuleSetError("the rule set body must be a JSON object")
    return _Parser(body, document).parse()


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_integer(value: object) -> bool:
    return _is_number(value) and float(value).is_integer()  # type: ignore[arg-type]


class _Parser:
    def __init__(self, body: str, document: dict[str, Any]) -> None:
        self.body = body
        self.document = document
        self.attributes: dict[str, PlayerAttribute] = {}
        self.team_names: dict[str, tuple[str, ...]] = {}

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _list(document: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = document.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise RuleSetError(f"{where}'{key}' must be a list")
        return value

    @staticmethod
    def _object(value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise RuleSetError(f"{where} must be a JSON object")
        return value

    @staticmethod
    def _string(
        document: Mapping[str, Any], key: str, where: str, *, required: bool = False
    ) -> str | None:
        value = document.get(key)
        if value is None:
            if required:
                raise RuleSetError(f"{where}'{key}' is required")
            return None
        if not isinstance(value, str):
            raise RuleSetError(f"{where}'{key}' must be a string")
        return value

    @staticmethod
    def _choice(
        document: Mapping[str, Any],
        key: str,
        choices: tuple[str, ...],
        where: str,
        *,
        required: bool = False,
    ) -> str | None:
        value = _Parser._string(document, key, where, required=required)
        if value is not None and value not in choices:
            raise RuleSetError(f"{where}'{key}' must be one of {', '.join(choices)}, not '{value}'")
        return value

    @staticmethod
    def _number(
        document: Mapping[str, Any], key: str, where: str, *, required: bool = False
    ) -> float | None:
        value = document.get(key)
        if value is None:
            if required:
                raise RuleSetError(f"{where}'{key}' is required")
            return None
        if not _is_number(value):
            raise RuleSetError(f"{where}'{key}' must be a number")
        return float(value)

    # -- top level -------------------------------------------------------------------------
    def parse(self) -> RuleSet:
        document = self.document
        version = document.get("ruleLanguageVersion")
        if version is None:
            raise RuleSetError("'ruleLanguageVersion' is required")
        if version != "1.0":
            raise RuleSetError("'ruleLanguageVersion' must be \"1.0\"")
        name = self._string(document, "name", "")
        attributes = self._attributes()
        teams = self._teams()
        algorithm = self._algorithm()
        rules = self._rules()
        expansions = self._expansions(rules, teams)
        members: set[str] = set()
        for rule in rules:
            if rule.statement is not None:
                members |= statement_names(rule.statement)
        rule_set = RuleSet(
            body=self.body,
            name=name,
            player_attributes=attributes,
            algorithm=algorithm,
            teams=teams,
            rules=rules,
            expansions=expansions,
            compound_members=frozenset(members),
        )
        self._check_size(rule_set)
        return rule_set

    def _check_size(self, rule_set: RuleSet) -> None:
        total = rule_set.max_players
        if total > MAX_MATCH_PLAYERS:
            raise RuleSetError(
                f"'teams' allow {total} players in a match, more than {MAX_MATCH_PLAYERS}"
            )
        if not rule_set.is_large_match:
            return
        if rule_set.algorithm.strategy != "balanced":
            raise RuleSetError(
                f"'teams' allow {total} players in a match, a large match (more than"
                f" {LARGE_MATCH_PLAYERS}): 'algorithm' needs 'strategy' \"balanced\""
            )
        for index, rule in enumerate(rule_set.rules):
            if rule.type not in LARGE_MATCH_RULE_TYPES:
                raise RuleSetError(
                    f"rules[{index}] (name '{rule.name}'): a large match (more than"
                    f" {LARGE_MATCH_PLAYERS} players) allows only latency and batchDistance"
                    f" rules, not '{rule.type}'"
                )

    def _attributes(self) -> tuple[PlayerAttribute, ...]:
        result: list[PlayerAttribute] = []
        for index, item in enumerate(self._list(self.document, "playerAttributes", "")):
            where = f"playerAttributes[{index}]"
            item = self._object(item, where)
            name = self._string(item, "name", f"{where}: ", required=True)
            assert name is not None
            where = f"playerAttributes[{index}] (name '{name}'): "
            if not name:
                raise RuleSetError(f"playerAttributes[{index}]: 'name' must not be empty")
            if name in self.attributes:
                raise RuleSetError(f"{where}the name is used by another player attribute")
            kind = self._choice(item, "type", ATTRIBUTE_TYPES, where, required=True)
            assert kind is not None
            default = self._attribute_value(item.get("default"), kind, where)
            attribute = PlayerAttribute(name, kind, default)
            self.attributes[name] = attribute
            result.append(attribute)
        return tuple(result)

    @staticmethod
    def _attribute_value(value: Any, kind: str, where: str) -> AttributeValue | None:
        if value is None:
            return None
        message = f"{where}'default' must be "
        if kind == "number":
            if not _is_number(value):
                raise RuleSetError(message + "a number")
            return float(value)
        if kind == "string":
            if not isinstance(value, str):
                raise RuleSetError(message + "a string")
            return value
        if kind == "string_list":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise RuleSetError(message + "a list of strings")
            return tuple(dict.fromkeys(value))
        if not isinstance(value, dict) or not all(_is_number(item) for item in value.values()):
            raise RuleSetError(message + "an object of numbers")
        return {str(key): float(number) for key, number in value.items()}

    def _teams(self) -> tuple[Team, ...]:
        if "teams" not in self.document or self.document["teams"] is None:
            raise RuleSetError("'teams' is required")
        items = self._list(self.document, "teams", "")
        if not items:
            raise RuleSetError("'teams' must define at least one team")
        teams: list[Team] = []
        instances: set[str] = set()
        for index, item in enumerate(items):
            item = self._object(item, f"teams[{index}]")
            name = self._string(item, "name", f"teams[{index}]: ", required=True)
            assert name is not None
            if not name:
                raise RuleSetError(f"teams[{index}]: 'name' must not be empty")
            where = f"teams[{index}] (name '{name}'): "
            if name in self.team_names:
                raise RuleSetError(f"{where}the name is used by another team")
            numbers: dict[str, int] = {}
            for key in ("maxPlayers", "minPlayers", "quantity"):
                value = item.get(key)
                if value is None:
                    if key == "quantity":
                        numbers[key] = 1
                        continue
                    raise RuleSetError(f"{where}'{key}' is required")
                if not _is_integer(value):
                    raise RuleSetError(f"{where}'{key}' must be an integer")
                numbers[key] = int(value)
            if numbers["maxPlayers"] < 1:
                raise RuleSetError(f"{where}'maxPlayers' must be at least 1")
            if numbers["minPlayers"] < 0:
                raise RuleSetError(f"{where}'minPlayers' must not be negative")
            if numbers["minPlayers"] > numbers["maxPlayers"]:
                raise RuleSetError(f"{where}'minPlayers' must not be more than 'maxPlayers'")
            if numbers["quantity"] < 1:
                raise RuleSetError(f"{where}'quantity' must be at least 1")
            team = Team(name, numbers["minPlayers"], numbers["maxPlayers"], numbers["quantity"])
            clash = instances.intersection(team.instance_names)
            if clash:
                raise RuleSetError(f"{where}the team name '{sorted(clash)[0]}' is used twice")
            instances.update(team.instance_names)
            self.team_names[name] = team.instance_names
            teams.append(team)
        for team in teams:
            if team.quantity > 1:
                for instance in team.instance_names:
                    self.team_names.setdefault(instance, (instance,))
        return tuple(teams)

    def _algorithm(self) -> Algorithm:
        value = self.document.get("algorithm")
        if value is None:
            return Algorithm()
        item = self._object(value, "'algorithm'")
        where = "algorithm: "
        strategy = self._choice(item, "strategy", ALGORITHM_FIELDS["strategy"], where)
        strategy = strategy or "exhaustiveSearch"
        allowed = (
            ("largestPopulation", "fastestRegion")
            if strategy == "balanced"
            else ("random", "sorted")
        )
        batching = self._choice(item, "batchingPreference", allowed, where)
        sort_by = item.get("sortByAttributes")
        sort_by_attributes: tuple[str, ...] = ()
        if sort_by is not None:
            if not isinstance(sort_by, list) or not all(isinstance(s, str) for s in sort_by):
                raise RuleSetError(f"{where}'sortByAttributes' must be a list of strings")
            for attribute in sort_by:
                self._declared(attribute, where, "'sortByAttributes'")
            sort_by_attributes = tuple(sort_by)
        balanced = self._string(item, "balancedAttribute", where)
        if strategy == "balanced":
            if balanced is None:
                raise RuleSetError(f"{where}'balancedAttribute' is required with strategy balanced")
            kind = self._declared(balanced, where, "'balancedAttribute'")
            if kind != "number":
                raise RuleSetError(
                    f"{where}'balancedAttribute' must name a number attribute, '{balanced}' is"
                    f" {kind}"
                )
        age = self._choice(item, "expansionAgeSelection", ("newest", "oldest"), where)
        priority = self._choice(
            item, "backfillPriority", ALGORITHM_FIELDS["backfillPriority"], where
        )
        return Algorithm(
            strategy=strategy,
            batching_preference=batching,
            sort_by_attributes=sort_by_attributes,
            balanced_attribute=balanced,
            expansion_age_selection=age or "newest",
            backfill_priority=priority or "normal",
        )

    def _declared(self, name: str, where: str, what: str) -> str:
        attribute = self.attributes.get(name)
        if attribute is None:
            raise RuleSetError(
                f"{where}{what} refers to '{name}', which is not in 'playerAttributes'"
            )
        return attribute.type

    # -- rules -----------------------------------------------------------------------------
    def _expression(self, text: Any, where: str, key: str) -> Expression:
        if not isinstance(text, str):
            raise RuleSetError(f"{where}'{key}' must be a property expression string")
        expression = parse_expression(text, where.rstrip(": "))
        teams, attributes = referenced(expression)
        for team in sorted(teams):
            if team not in self.team_names:
                raise RuleSetError(f"{where}'{key}' refers to team '{team}', which is not defined")
        for attribute in sorted(attributes):
            self._declared(attribute, where, f"'{key}'")
        return expression

    def _measurements(self, item: Mapping[str, Any], where: str) -> tuple[Expression, ...]:
        value = item.get("measurements")
        if value is None:
            raise RuleSetError(f"{where}'measurements' is required")
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list) or not texts:
            raise RuleSetError(f"{where}'measurements' must be a list of property expressions")
        return tuple(self._expression(text, where, "measurements") for text in texts)

    def _reference(self, item: Mapping[str, Any], where: str, *, required: bool) -> Reference:
        value = item.get("referenceValue")
        if value is None:
            if required:
                raise RuleSetError(f"{where}'referenceValue' is required")
            return None
        if isinstance(value, str):
            if looks_like_expression(value):
                return self._expression(value, where, "referenceValue")
            return value
        if _is_number(value):
            return float(value)
        if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
            return tuple(value)
        raise RuleSetError(
            f"{where}'referenceValue' must be a number, a string, a list of strings or a"
            " property expression"
        )

    def _rules(self) -> tuple[Rule, ...]:
        items = self._list(self.document, "rules", "")
        rules: list[Rule] = []
        names: dict[str, int] = {}
        for index, item in enumerate(items):
            item = self._object(item, f"rules[{index}]")
            name = self._string(item, "name", f"rules[{index}]: ", required=True)
            assert name is not None
            if not name:
                raise RuleSetError(f"rules[{index}]: 'name' must not be empty")
            where = f"rules[{index}] (name '{name}'): "
            if name in names:
                raise RuleSetError(f"{where}the name is used by rules[{names[name]}]")
            names[name] = index
            kind = self._choice(item, "type", RULE_TYPES, where, required=True)
            assert kind is not None
            description = self._string(item, "description", where)
            rules.append(self._rule(item, name, kind, description, where))
        by_name = {rule.name: rule for rule in rules}
        for index, rule in enumerate(rules):
            if rule.statement is None:
                continue
            where = f"rules[{index}] (name '{rule.name}'): "
            for member in sorted(statement_names(rule.statement)):
                other = by_name.get(member)
                if other is None:
                    raise RuleSetError(f"{where}'statement' refers to no rule named '{member}'")
                if other.type == "compound":
                    raise RuleSetError(
                        f"{where}'statement' refers to compound rule '{member}'; a compound"
                        " rule combines non-compound rules only"
                    )
                if other.type in SORT_RULE_TYPES:
                    raise RuleSetError(
                        f"{where}'statement' refers to sort rule '{member}', which never"
                        " passes or fails"
                    )
        return tuple(rules)

    def _rule(
        self, item: Mapping[str, Any], name: str, kind: str, description: str | None, where: str
    ) -> Rule:
        base = Rule(name=name, type=kind, description=description)
        aggregation = ("union", "intersection") if kind == "collection" else ("min", "max", "avg")
        party = self._choice(item, "partyAggregation", aggregation, where)
        if kind == "comparison":
            operation = self._choice(item, "operation", COMPARISON_OPERATIONS, where, required=True)
            reference = self._reference(item, where, required=False)
            if reference is None and operation not in ("=", "!="):
                raise RuleSetError(
                    f"{where}'operation' '{operation}' needs a 'referenceValue'"
                    " (without one only = and != are allowed)"
                )
            return replace(
                base,
                measurements=self._measurements(item, where),
                reference=reference,
                operation=operation,
                party_aggregation=party or "avg",
            )
        if kind == "distance":
            minimum = self._number(item, "minDistance", where)
            maximum = self._number(item, "maxDistance", where)
            if minimum is None and maximum is None:
                raise RuleSetError(f"{where}'maxDistance' or 'minDistance' is required")
            return replace(
                base,
                measurements=self._measurements(item, where),
                reference=self._reference(item, where, required=True),
                min_distance=minimum,
                max_distance=maximum,
                party_aggregation=party or "avg",
            )
        if kind == "collection":
            operation = self._choice(item, "operation", COLLECTION_OPERATIONS, where, required=True)
            minimum = self._number(item, "minCount", where)
            maximum = self._number(item, "maxCount", where)
            if minimum is None and maximum is None:
                raise RuleSetError(f"{where}'minCount' or 'maxCount' is required")
            reference = self._reference(item, where, required=operation != "intersection")
            return replace(
                base,
                measurements=self._measurements(item, where),
                reference=reference,
                operation=operation,
                min_count=minimum,
                max_count=maximum,
                party_aggregation=party or "union",
            )
        if kind == "latency":
            reference_kind = self._choice(item, "distanceReference", ("min", "avg"), where)
            return replace(
                base,
                max_latency=self._number(item, "maxLatency", where, required=True),
                max_distance=self._number(item, "maxDistance", where),
                distance_reference=reference_kind or "min",
                party_aggregation=party or "avg",
            )
        if kind == "batchDistance":
            attribute = self._string(item, "batchAttribute", where, required=True)
            assert attribute is not None
            attribute_type = self._declared(attribute, where, "'batchAttribute'")
            if attribute_type not in ("number", "string"):
                raise RuleSetError(
                    f"{where}'batchAttribute' must name a number or string attribute,"
                    f" '{attribute}' is {attribute_type}"
                )
            maximum = self._number(item, "maxDistance", where)
            if attribute_type == "number" and maximum is None:
                raise RuleSetError(
                    f"{where}'maxDistance' is required with a number 'batchAttribute'"
                )
            return replace(
                base,
                batch_attribute=attribute,
                max_distance=maximum,
                party_aggregation=party or "avg",
            )
        if kind == "compound":
            text = self._string(item, "statement", where, required=True)
            assert text is not None
            return replace(base, statement=parse_statement(text, where.rstrip(": ")))
        # distanceSort / absoluteSort
        direction = self._choice(
            item, "sortDirection", ("ascending", "descending"), where, required=True
        )
        attribute = self._string(item, "sortAttribute", where, required=True)
        assert attribute is not None
        attribute_type = self._declared(attribute, where, "'sortAttribute'")
        map_key = None
        if kind == "absoluteSort":
            map_key = self._choice(item, "mapKey", ("minValue", "maxValue"), where)
            if attribute_type == "string_number_map" and map_key is None:
                raise RuleSetError(
                    f"{where}'mapKey' is required when 'sortAttribute' is a string_number_map"
                )
        allowed = ("number", "string_number_map") if kind == "absoluteSort" else ("number",)
        if attribute_type not in allowed:
            raise RuleSetError(
                f"{where}'sortAttribute' must name a {' or '.join(allowed)} attribute,"
                f" '{attribute}' is {attribute_type}"
            )
        return replace(
            base,
            sort_direction=direction,
            sort_attribute=attribute,
            map_key=map_key,
            party_aggregation=party or "avg",
        )

    # -- expansions ------------------------------------------------------------------------
    def _expansions(
        self, rules: tuple[Rule, ...], teams: tuple[Team, ...]
    ) -> tuple[Expansion, ...]:
        by_rule = {rule.name: rule for rule in rules}
        by_team = {team.name: team for team in teams}
        result: list[Expansion] = []
        targets: set[str] = set()
        for index, item in enumerate(self._list(self.document, "expansions", "")):
            where = f"expansions[{index}]: "
            item = self._object(item, f"expansions[{index}]")
            target = self._string(item, "target", where, required=True)
            assert target is not None
            parsed = _parse_target(target.strip())
            if parsed is None:
                raise RuleSetError(
                    f"{where}'target' '{target}' must be rules[<rule>].<property>,"
                    " teams[<team>].minPlayers|maxPlayers or algorithm.<property>"
                )
            kind, name, prop = parsed
            if kind == "rules":
                rule = by_rule.get(name or "")
                if rule is None:
                    raise RuleSetError(f"{where}'target' refers to no rule named '{name}'")
                allowed = EXPANDABLE.get(rule.type, ())
                if prop not in allowed:
                    raise RuleSetError(
                        f"{where}'target' property '{prop}' cannot be expanded for a"
                        f" {rule.type} rule"
                        + (f" (expandable: {', '.join(allowed)})" if allowed else "")
                    )
                if prop == "referenceValue" and not isinstance(rule.reference, float):
                    raise RuleSetError(
                        f"{where}'target' {target}: only a number referenceValue can be expanded"
                    )
            elif kind == "teams":
                if name not in by_team:
                    raise RuleSetError(f"{where}'target' refers to no team named '{name}'")
                if prop not in ("minPlayers", "maxPlayers"):
                    raise RuleSetError(
                        f"{where}'target' property '{prop}' cannot be expanded for a team"
                        " (expandable: minPlayers, maxPlayers)"
                    )
            elif prop not in ALGORITHM_FIELDS:
                raise RuleSetError(
                    f"{where}'target' property '{prop}' cannot be expanded for the algorithm"
                    f" (expandable: {', '.join(ALGORITHM_FIELDS)})"
                )
            key = target.strip()
            if key in targets:
                raise RuleSetError(f"{where}'target' {key} is already expanded by another entry")
            targets.add(key)
            steps = self._steps(item, where, kind, prop, name, by_team)
            result.append(Expansion(key, kind, name if kind != "algorithm" else None, prop, steps))
        return tuple(result)

    def _steps(
        self,
        item: Mapping[str, Any],
        where: str,
        kind: str,
        prop: str,
        name: str | None,
        teams: Mapping[str, Team],
    ) -> tuple[ExpansionStep, ...]:
        raw = item.get("steps")
        if not isinstance(raw, list) or not raw:
            raise RuleSetError(f"{where}'steps' must be a non-empty list")
        steps: list[ExpansionStep] = []
        previous = 0.0
        for position, step in enumerate(raw):
            step_where = f"{where.rstrip(': ')} steps[{position}]: "
            step = self._object(step, step_where.rstrip(": "))
            wait = self._number(step, "waitTimeSeconds", step_where, required=True)
            assert wait is not None
            if wait <= previous:
                raise RuleSetError(
                    f"{step_where}'waitTimeSeconds' must be larger than"
                    + (" 0" if position == 0 else " the previous step's")
                )
            previous = wait
            value = step.get("value")
            if value is None:
                raise RuleSetError(f"{step_where}'value' is required")
            if kind == "algorithm":
                allowed = ALGORITHM_FIELDS[prop]
                if value not in allowed:
                    raise RuleSetError(f"{step_where}'value' must be one of {', '.join(allowed)}")
            elif kind == "teams":
                if not _is_integer(value) or value < 0:
                    raise RuleSetError(f"{step_where}'value' must be a whole number of players")
                value = int(value)
                team = teams[name or ""]
                if prop == "minPlayers" and value > team.max_players:
                    raise RuleSetError(
                        f"{step_where}'value' {value} is more than the team's maxPlayers"
                    )
                if prop == "maxPlayers" and value < 1:
                    raise RuleSetError(f"{step_where}'value' must be at least 1")
            else:
                if not _is_number(value):
                    raise RuleSetError(f"{step_where}'value' must be a number")
                value = float(value)
            steps.append(ExpansionStep(wait, value))
        return tuple(steps)


_PROPERTY = re.compile(r"[A-Za-z]+")


def _parse_target(target: str) -> tuple[str, str | None, str] | None:
    """(kind, name, property) of an expansion target, or None when it is not one."""
    if target.startswith("algorithm."):
        prop = target[len("algorithm.") :]
        return ("algorithm", None, prop) if _PROPERTY.fullmatch(prop) else None
    for kind in ("rules", "teams"):
        if target.startswith(kind + "["):
            close = target.find("]")
            name = target[len(kind) + 1 : close].strip() if close > 0 else ""
            rest = target[close + 1 :] if close > 0 else ""
            if name and rest.startswith(".") and _PROPERTY.fullmatch(rest[1:]):
                return kind, name, rest[1:]
            return None
    return None
