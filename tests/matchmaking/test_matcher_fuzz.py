"""Whatever the pool, the matcher never raises, never uses a ticket twice, never loses one,
and never overfills a team."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock.backend.matchmaking import Matcher, Player, Ticket

from .helpers import START, rule_set

NAMES = [
    "real06_gomoku",
    "real09_radiant_dire_classic_1",
    "real10_radiant_dire_all",
    "real11_odin_skill_based",
    "docs02_hunters_vs_monster",
    "docs03_team_level_and_latency",
    "docs04_explicit_sorting",
    "docs05_intersections",
    "docs11_block_list",
]
VALUES = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.integers(-5, 50),
    st.sampled_from(["Classic", "Practice", "Survival", "medic", "ffa", "p1-0"]),
    st.lists(st.sampled_from(["Classic", "Survival", "medic", "A", "B", "p0-0"]), max_size=3),
    st.dictionaries(st.sampled_from(["defaultMap", "dune"]), st.floats(0, 100), max_size=2),
)
ATTRIBUTES = st.dictionaries(
    st.sampled_from(
        ["skill", "score", "GameMode", "gamemode", "character", "wantsToBeMonster",
         "desiredSkillOfMonster", "myCharacter", "preferredOpponents", "BlockList",
         "experience", "gameMode", "mapPreference"]
    ),
    VALUES,
    max_size=4,
)  # fmt: skip
LATENCY = st.dictionaries(
    st.sampled_from(["us-east-1", "eu-west-1"]), st.integers(1, 300), max_size=2
)


@st.composite
def pools(draw: st.DrawFn) -> list[Ticket]:
    count = draw(st.integers(0, 24))
    tickets = []
    for number in range(count):
        size = draw(st.integers(1, 3))
        players = tuple(
            Player(
                f"p{number}-{seat}",
                draw(ATTRIBUTES),
                {k: float(v) for k, v in draw(LATENCY).items()},
            )
            for seat in range(size)
        )
        tickets.append(Ticket(f"t{number}", START + draw(st.integers(0, 60)), players, number))
    return tickets


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), pools(), st.integers(0, 120))
def test_matcher_keeps_its_invariants(name: str, pool: list[Ticket], wait: int) -> None:
    rules = rule_set(name)
    result = Matcher(rules).find_matches(pool, START + wait)
    used = [ticket.ticket_id for match in result.matches for ticket in match.tickets]
    assert len(used) == len(set(used))
    assert sorted(used + [t.ticket_id for t in result.remaining]) == sorted(
        t.ticket_id for t in pool
    )
    largest = {team.name: team.max_players for team in rules.expanded(1e9).teams}
    largest.update({team.name: team.max_players for team in rules.teams})
    for match in result.matches:
        for team in match.teams:
            base = next(t for t in rules.teams if team.name in t.instance_names)
            assert len(team.players) <= max(base.max_players, largest[base.name])
    if result.next_change is not None:
        assert result.next_change > START + wait
