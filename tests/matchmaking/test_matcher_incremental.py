"""A matcher that has matched a pool before answers exactly as a new one would: whatever it
remembers between calls (prepared tickets, searches that failed) never changes a result."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock.backend.matchmaking import Matcher, MatchResult, Player, Ticket
from gl_placement_mock.backend.matchmaking.rules import CompiledRules, MatchView

from .helpers import START, rule_set
from .test_matcher_fuzz import ATTRIBUTES, LATENCY, NAMES

NAMES = [
    *NAMES,
    "docs01_evenly_matched_teams",
    "docs03_team_level_and_latency",
    "real07_latency_based",
]


def _shape(result: MatchResult) -> tuple[object, ...]:
    return (
        [
            [(team.name, [t.ticket_id for t in team.tickets]) for team in match.teams]
            for match in result.matches
        ],
        [t.ticket_id for t in result.remaining],
        result.next_change,
    )


@st.composite
def arrivals(draw: st.DrawFn) -> list[tuple[float, Ticket]]:
    """Tickets arriving one by one (some at the same instant), with the time of each call."""
    now = START
    found = []
    for number in range(draw(st.integers(1, 40))):
        now += draw(st.sampled_from([0, 0, 0.5, 1, 7, 31]))
        size = draw(st.integers(1, 2))
        players = tuple(
            Player(
                f"p{number}-{seat}",
                draw(ATTRIBUTES),
                {k: float(v) for k, v in draw(LATENCY).items()},
            )
            for seat in range(size)
        )
        found.append((now, Ticket(f"t{number}", now, players, number)))
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), arrivals(), st.integers(0, 3))
def test_a_matcher_reused_over_a_growing_pool_answers_as_a_new_one(
    name: str, arriving: list[tuple[float, Ticket]], repeats: int
) -> None:
    rules = rule_set(name)
    kept = Matcher(rules)
    pool: list[Ticket] = []
    for now, ticket in arriving:
        pool.append(ticket)
        for _ in range(1 + repeats % 2):
            expected = Matcher(rules).find_matches(pool, now)
            assert _shape(kept.find_matches(pool, now)) == _shape(expected)
        pool = list(expected.remaining)


def test_a_pool_of_tickets_that_never_match_is_searched_again_only_where_it_changed() -> None:
    rules = rule_set("docs01_evenly_matched_teams")
    kept = Matcher(rules)
    pool = [
        Ticket(f"t{n}", START + n, (Player(f"p{n}", {"skill": 10.0 + 100 * n}),), n)
        for n in range(60)
    ]
    for count in range(1, len(pool) + 1):
        now = START + count
        fresh = Matcher(rules).find_matches(pool[:count], now)
        assert _shape(kept.find_matches(pool[:count], now)) == _shape(fresh)


def test_no_rule_is_judged_while_the_pool_has_fewer_players_than_a_match_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = rule_set("docs01_evenly_matched_teams")  # two teams of at least 4
    pool = [Ticket(f"t{n}", START + n, (Player(f"p{n}", {"skill": 10.0}),), n) for n in range(7)]

    def judged(*_args: object) -> list[str]:
        raise AssertionError("a rule was judged")

    monkeypatch.setattr(CompiledRules, "failing", judged)
    result = Matcher(rules).find_matches(pool, START + 7)
    assert result.matches == ()
    assert [t.ticket_id for t in result.remaining] == [f"t{n}" for n in range(7)]


def test_a_failed_search_is_not_redone_when_nothing_it_saw_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = rule_set("docs01_evenly_matched_teams")
    pool = [
        Ticket(f"t{n}", START, (Player(f"p{n}", {"skill": 10.0 + 100 * n}),), n) for n in range(120)
    ]
    matcher = Matcher(rules)
    assert matcher.find_matches(pool, START).matches == ()
    calls = []
    original = CompiledRules.failing

    def counted(self: CompiledRules, view: MatchView) -> list[str]:
        calls.append(view)
        return original(self, view)

    monkeypatch.setattr(CompiledRules, "failing", counted)
    assert matcher.find_matches(pool, START + 1).matches == ()
    assert calls == []
