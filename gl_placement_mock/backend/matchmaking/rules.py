"""Rules judged on a potential match as a whole: comparison, distance, collection, latency,
batchDistance and compound (sort rules never pass or fail; the matcher uses them for order).

A value of the wrong kind (a string where a number is needed, ...) makes the rule fail; it is
never an error. Empty measurements (an empty team's average) are skipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Callable, Union

from .expressions import (
    AttributeValue,
    EvaluationError,
    Evaluator,
    PartyAggregate,
    TeamView,
    Value,
    compile_expression,
)
from .ruleset import SORT_RULE_TYPES, Rule, RuleSet
from .statements import evaluate_statement

Scalar = Union[float, str, tuple[str, ...]]


class TicketLatency:
    """A ticket's latencies: per Region its players all report, aggregated over the party
    (min, max or avg), computed once per aggregation."""

    __slots__ = ("_by_kind", "players")

    def __init__(self, players: Sequence[Mapping[str, float]]) -> None:
        self.players = players
        self._by_kind: dict[str, dict[str, float]] = {}

    def regions(self, kind: str) -> dict[str, float]:
        found = self._by_kind.get(kind)
        if found is not None:
            return found
        players = self.players
        regions = set(players[0]).intersection(*players[1:]) if players else set()
        values: dict[str, float] = {}
        for region in regions:
            numbers = [float(player[region]) for player in players]
            if kind == "min":
                values[region] = min(numbers)
            elif kind == "max":
                values[region] = max(numbers)
            else:
                values[region] = math.fsum(numbers) / len(numbers)
        self._by_kind[kind] = values
        return values


@dataclass(frozen=True)
class MatchView:
    """A potential match as rules see it: teams of players in ticket order, and for each
    ticket (by index) the latencies of its players."""

    teams: Sequence[TeamView]
    latencies: Sequence[TicketLatency]
    parties: bool  # whether any ticket has more than one player


def _scalars(value: Value, out: list[Scalar]) -> list[Scalar]:
    if isinstance(value, list):
        for item in value:
            _scalars(item, out)
    elif value is None:
        pass
    elif isinstance(value, (float, int, str, tuple)):
        out.append(value)
    else:
        raise EvaluationError(f"cannot compare {value!r}")
    return out


def _numbers(values: Sequence[Scalar]) -> list[float]:
    if not all(isinstance(value, float) for value in values):
        raise EvaluationError("a number is needed")
    return [float(value) for value in values]  # type: ignore[arg-type]


_OPERATIONS: dict[str, Callable[[Scalar, Scalar], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
}


def _compare(left: Scalar, operation: str, right: Scalar) -> bool:
    if type(left) is not type(right):
        if operation in ("=", "!="):
            return operation == "!="
        raise EvaluationError("values of different kinds")
    if isinstance(left, tuple) and operation not in ("=", "!="):
        raise EvaluationError("string lists are only compared with = and !=")
    return _OPERATIONS[operation](left, right)


def _party(kind: str) -> PartyAggregate:
    def aggregate(values: list[AttributeValue]) -> list[Value]:
        if all(isinstance(value, float) for value in values):
            numbers = [float(value) for value in values]  # type: ignore[arg-type]
            if kind == "min":
                return [min(numbers)]
            if kind == "max":
                return [max(numbers)]
            if kind in ("avg", "union", "intersection"):
                return [math.fsum(numbers) / len(numbers)]
        if kind in ("union", "intersection") and all(isinstance(v, tuple) for v in values):
            merged = list(dict.fromkeys(item for value in values for item in value))  # type: ignore[union-attr]
            if kind == "intersection":
                merged = [item for item in merged if all(item in value for value in values)]  # type: ignore[operator]
            return [tuple(merged)]
        return list(values)

    return aggregate


def _string_lists(value: Value, out: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    if isinstance(value, list):
        for item in value:
            _string_lists(item, out)
    elif isinstance(value, tuple):
        out.append(value)
    elif isinstance(value, str):
        out.append((value,))
    elif value is not None:
        raise EvaluationError("a string list is needed")
    return out


def _strings(value: Value) -> list[str]:
    return [item for group in _string_lists(value, []) for item in group]


def _within(count: float, minimum: float | None, maximum: float | None) -> bool:
    return (minimum is None or count >= minimum) and (maximum is None or count <= maximum)


RuleCheck = Callable[[MatchView], bool]


class CompiledRules:
    """The rules of one (expanded) rule set, compiled once; ``failing(view)`` names the rules
    a potential match fails."""

    def __init__(self, rule_set: RuleSet) -> None:
        team_names = {team.name: team.instance_names for team in rule_set.teams}
        self.checks: dict[str, RuleCheck] = {}
        self.top_level: list[str] = []
        self.compounds: list[tuple[str, Rule]] = []
        for rule in rule_set.rules:
            if rule.type in SORT_RULE_TYPES:
                continue
            if rule.type == "compound":
                self.compounds.append((rule.name, rule))
                continue
            self.checks[rule.name] = _compile_rule(rule, team_names)
            if rule.name not in rule_set.compound_members:
                self.top_level.append(rule.name)

    def failing(self, view: MatchView) -> list[str]:
        failed = [name for name in self.top_level if not self._passes(name, view)]
        if self.compounds:
            results = {name: self._passes(name, view) for name in self.checks}
            for name, rule in self.compounds:
                assert rule.statement is not None
                if not evaluate_statement(rule.statement, results):
                    failed.append(name)
        return failed

    def _passes(self, name: str, view: MatchView) -> bool:
        try:
            return self.checks[name](view)
        except EvaluationError:
            return False


def _measure(
    evaluators: Sequence[Evaluator], view: MatchView, party: PartyAggregate | None
) -> list[Value]:
    aggregate = party if view.parties else None
    return [evaluate(view.teams, aggregate) for evaluate in evaluators]


def _reference_values(
    rule: Rule, team_names: Mapping[str, tuple[str, ...]]
) -> Callable[[MatchView], list[Scalar]]:
    reference = rule.reference
    if reference is None:
        return lambda view: []
    if isinstance(reference, (float, str)):
        literal: list[Scalar] = [reference]
        return lambda view: literal
    if isinstance(reference, tuple):
        members: list[Scalar] = list(reference)
        return lambda view: members
    evaluator = compile_expression(reference, team_names)
    return lambda view: _scalars(evaluator(view.teams, None), [])


def _compile_rule(rule: Rule, team_names: Mapping[str, tuple[str, ...]]) -> RuleCheck:
    evaluators = [compile_expression(m, team_names) for m in rule.measurements]
    party = _party(rule.party_aggregation or "avg")
    reference = _reference_values(rule, team_names)

    if rule.type == "comparison":
        operation = rule.operation or "="

        def comparison(view: MatchView) -> bool:
            values: list[Scalar] = []
            for value in _measure(evaluators, view, party):
                _scalars(value, values)
            if rule.reference is None:
                distinct = set(values)
                return len(distinct) <= 1 if operation == "=" else len(distinct) == len(values)
            references = reference(view)
            return all(_compare(v, operation, r) for v in values for r in references)

        return comparison

    if rule.type == "distance":

        def distance(view: MatchView) -> bool:
            values: list[Scalar] = []
            for value in _measure(evaluators, view, party):
                _scalars(value, values)
            numbers = _numbers(values)
            references = _numbers(reference(view))
            for number in numbers:
                for target in references:
                    gap = abs(number - target)
                    if not _within(gap, rule.min_distance, rule.max_distance):
                        return False
            return True

        return distance

    if rule.type == "collection":
        operation = rule.operation or "intersection"

        def collection(view: MatchView) -> bool:
            measured = _measure(evaluators, view, party)
            if operation == "intersection":
                lists = [group for value in measured for group in _string_lists(value, [])]
                if not lists:
                    return _within(0, rule.min_count, rule.max_count)
                common = set(lists[0]).intersection(*lists[1:])
                return _within(len(common), rule.min_count, rule.max_count)
            references = {str(item) for item in reference(view) for item in _strings([item])}
            if operation == "contains":
                count = sum(
                    1 for value in measured for item in _strings(value) if item in references
                )
                return _within(count, rule.min_count, rule.max_count)
            lists = [group for value in measured for group in _string_lists(value, [])]
            return all(
                _within(len(set(group) & references), rule.min_count, rule.max_count)
                for group in lists
            )

        return collection

    if rule.type == "latency":
        kind = rule.party_aggregation or "avg"

        def latency(view: MatchView) -> bool:
            per_ticket = [ticket.regions(kind) for ticket in view.latencies if ticket.players]
            if not per_ticket:
                return True
            limit = rule.max_latency if rule.max_latency is not None else math.inf
            if len(per_ticket) > 1:
                common = set(per_ticket[0]).intersection(*per_ticket[1:])
            else:
                common = set(per_ticket[0])
            for region in sorted(common):
                latencies = [ticket[region] for ticket in per_ticket]
                if max(latencies) > limit:
                    continue
                if rule.max_distance is not None:
                    base = (
                        min(latencies)
                        if rule.distance_reference != "avg"
                        else math.fsum(latencies) / len(latencies)
                    )
                    if any(value - base > rule.max_distance for value in latencies):
                        continue
                return True
            return False

        return latency

    if rule.type == "batchDistance":
        attribute = rule.batch_attribute or ""

        def batch(view: MatchView) -> bool:
            aggregate = party if view.parties else None
            values: list[Scalar] = []
            for team in view.teams:
                grouped: dict[int, list[AttributeValue]] = {}
                for player in team.players:
                    value = player.attributes.get(attribute)
                    if value is not None:
                        grouped.setdefault(player.ticket_index, []).append(value)
                for group in grouped.values():
                    for item in aggregate(group) if aggregate else group:
                        _scalars(item, values)
            if not values:
                return True
            if all(isinstance(value, float) for value in values):
                numbers = _numbers(values)
                return rule.max_distance is None or max(numbers) - min(numbers) <= rule.max_distance
            return len(set(values)) == 1

        return batch

    raise AssertionError(f"no evaluation for rule type {rule.type}")  # pragma: no cover
