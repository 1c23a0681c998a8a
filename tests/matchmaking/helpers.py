"""Small builders for matcher tests: rule-set fixtures, tickets and players."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gl_placement_mock.backend.matchmaking import (
    Matcher,
    MatchResult,
    Player,
    RuleSet,
    Ticket,
    parse_rule_set,
)

RULESETS = Path(__file__).parent / "rulesets"
START = 1_000.0


def body(name: str) -> str:
    return (RULESETS / f"{name}.json").read_text()


def rule_set(name: str) -> RuleSet:
    return parse_rule_set(body(name))


def player(player_id: str, latency: dict[str, float] | None = None, **attributes: Any) -> Player:
    return Player(player_id, attributes, latency or {})


def ticket(ticket_id: str, *players: Player, start: float = START, sequence: int = 0) -> Ticket:
    return Ticket(ticket_id, start, players or (Player(ticket_id),), sequence)


def solos(prefix: str, count: int, *, start: float = START, **attributes: Any) -> list[Ticket]:
    """``count`` single-player tickets started one millisecond apart, oldest first."""
    latency = attributes.pop("latency", None)
    return [
        ticket(
            f"{prefix}{number}",
            player(f"{prefix}{number}-player", latency, **attributes),
            start=start + number / 1000,
            sequence=number,
        )
        for number in range(1, count + 1)
    ]


def match_sets(result: MatchResult) -> list[set[str]]:
    return [{t.ticket_id for t in match.tickets} for match in result.matches]


def run(
    name_or_rules: str | RuleSet, pool: list[Ticket], now: float, **options: Any
) -> MatchResult:
    rules = rule_set(name_or_rules) if isinstance(name_or_rules, str) else name_or_rules
    return Matcher(rules, **options).find_matches(pool, now)
