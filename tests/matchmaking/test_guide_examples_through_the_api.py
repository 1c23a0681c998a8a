"""Each example of the FlexMatch guide's rule-set examples page, through the API:
CreateMatchmakingRuleSet with its body, a STANDALONE configuration, tickets started with
StartMatchmaking while matchmaking is held, then released: the tickets its rules accept complete
together on the teams the rules say, a misfit keeps searching, and expansions relax the rules as
the clock moves."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory

from gl_placement_mock import PlacementMock

from ..conftest import REGION
from .helpers import body

T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
NEAR = {REGION: 40}


class Guide:
    """One guide example's rule set and configuration, and the tickets of a test."""

    def __init__(self, gamelift: Any, mock: PlacementMock, frozen: FrozenDateTimeFactory) -> None:
        self.gamelift = gamelift
        self.mock = mock
        self.frozen = frozen
        self.started: list[str] = []

    def configure(self, example: str) -> None:
        self.gamelift.create_matchmaking_rule_set(Name="example", RuleSetBody=body(example))
        self.gamelift.create_matchmaking_configuration(
            Name="guide",
            RuleSetName="example",
            RequestTimeoutSeconds=600,
            AcceptanceRequired=False,
            FlexMatchMode="STANDALONE",
        )

    def start(
        self,
        ticket_id: str,
        size: int = 1,
        latency: dict[str, int] | None = None,
        **attributes: Any,
    ) -> None:
        """A ticket of ``size`` players (ids ``<ticket>-p<n>``, or ``<ticket>-player`` for one),
        each with the given attributes in the API's typed form."""
        typed = {name: _typed(value) for name, value in attributes.items()}
        players = []
        for number in range(1, size + 1):
            player: dict[str, Any] = {
                "PlayerId": f"{ticket_id}-player" if size == 1 else f"{ticket_id}-p{number}",
                "LatencyInMs": latency or NEAR,
            }
            if typed:
                player["PlayerAttributes"] = typed
            players.append(player)
        self.gamelift.start_matchmaking(
            TicketId=ticket_id, ConfigurationName="guide", Players=players
        )
        self.started.append(ticket_id)

    def wait(self, seconds: float) -> None:
        self.frozen.tick(timedelta(seconds=seconds))
        self.mock.advance()

    def tickets(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(self.started), 10):
            for ticket in self.gamelift.describe_matchmaking(
                TicketIds=self.started[start : start + 10]
            )["TicketList"]:
                found[ticket["TicketId"]] = ticket
        return found

    def statuses(self) -> dict[str, str]:
        return {ticket_id: ticket["Status"] for ticket_id, ticket in self.tickets().items()}

    def completed(self) -> set[str]:
        return {t for t, status in self.statuses().items() if status == "COMPLETED"}

    def searching(self) -> set[str]:
        return {t for t, status in self.statuses().items() if status == "SEARCHING"}

    def team_sizes(self) -> Counter[str]:
        """How many players of the completed tickets each team holds."""
        return Counter(
            player["Team"]
            for ticket in self.tickets().values()
            if ticket["Status"] == "COMPLETED"
            for player in ticket["Players"]
        )

    def team_of(self, ticket_id: str) -> str:
        (team,) = {player["Team"] for player in self.tickets()[ticket_id]["Players"]}
        return str(team)


def _typed(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"SL": value}
    if isinstance(value, dict):
        return {"SDM": value}
    return {"N": value}


@pytest.fixture
def guide(gamelift: Any, mock: PlacementMock) -> Iterator[Guide]:
    with freeze_time(T0) as frozen:
        yield Guide(gamelift, mock, frozen)


def test_example_1_evenly_matched_teams(guide: Guide) -> None:
    guide.configure("docs01_evenly_matched_teams")
    guide.mock.hold_matchmaking()
    guide.start("strong", skill=100)
    for n in range(1, 8):
        guide.start(f"t{n}", skill=10)
    guide.mock.release_matchmaking()
    assert guide.searching() == set(guide.started)  # the strong player breaks FairTeamSkill

    guide.wait(4)
    assert guide.completed() == set()
    guide.wait(2)  # 6 s: maxDistance 50
    assert guide.completed() == set(guide.started)
    assert guide.team_sizes() == {"cowboys": 4, "aliens": 4}

    guide.start("late", skill=10)
    assert guide.statuses()["late"] == "SEARCHING"


def test_example_2_hunters_vs_monster(guide: Guide) -> None:
    guide.configure("docs02_hunters_vs_monster")
    guide.mock.hold_matchmaking()
    for n in range(1, 7):
        guide.start(f"h{n}", desiredSkillOfMonster=20)
    guide.start("monster", wantsToBeMonster=1, skill=30)
    guide.mock.release_matchmaking()
    assert guide.completed() == {"h1", "h2", "h3", "h4", "h5", "monster"}
    assert guide.team_of("monster") == "monster"
    assert guide.team_sizes() == {"players": 5, "monster": 1}
    assert guide.searching() == {"h6"}


def test_example_2_a_monster_weaker_than_the_hunters_want_never_matches(guide: Guide) -> None:
    guide.configure("docs02_hunters_vs_monster")
    guide.mock.hold_matchmaking()
    for n in range(1, 6):
        guide.start(f"h{n}", desiredSkillOfMonster=20)
    guide.start("weak", wantsToBeMonster=1, skill=10)
    guide.mock.release_matchmaking()
    guide.wait(60)  # the players team relaxes to 3, MonsterSkill never does
    assert guide.searching() == set(guide.started)


def test_example_2_four_hunters_are_enough_after_30_seconds(guide: Guide) -> None:
    guide.configure("docs02_hunters_vs_monster")
    guide.mock.hold_matchmaking()
    for n in range(1, 5):
        guide.start(f"h{n}")
    guide.start("monster", wantsToBeMonster=1)
    guide.mock.release_matchmaking()
    guide.wait(29)
    assert guide.completed() == set()
    guide.wait(1)
    assert guide.completed() == set(guide.started)
    assert guide.team_sizes() == {"players": 4, "monster": 1}


def test_example_3_three_teams_latency_relaxes_after_10_seconds(guide: Guide) -> None:
    guide.configure("docs03_team_level_and_latency")
    guide.mock.hold_matchmaking()
    for n in range(1, 10):
        guide.start(f"t{n}", latency={REGION: 90})
    guide.start("far", latency={REGION: 200})
    guide.mock.release_matchmaking()
    guide.wait(9)
    assert guide.completed() == set()
    guide.wait(1)  # 10 s: maxLatency 100
    assert guide.completed() == {f"t{n}" for n in range(1, 10)}
    assert guide.team_sizes() == {"trio_1": 3, "trio_2": 3, "trio_3": 3}
    guide.wait(30)  # 150 ms at most, ever
    assert guide.searching() == {"far"}


def test_example_3_no_more_than_five_medics(guide: Guide) -> None:
    guide.configure("docs03_team_level_and_latency")
    guide.mock.hold_matchmaking()
    for n in range(1, 7):
        guide.start(f"m{n}", character=["medic"])
    for n in range(1, 4):
        guide.start(f"p{n}")
    guide.mock.release_matchmaking()
    assert guide.completed() == set()  # six medics among nine players

    guide.gamelift.stop_matchmaking(TicketId="m6")
    guide.start("p4")
    assert guide.completed() == {*(f"m{n}" for n in range(1, 6)), "p1", "p2", "p3", "p4"}
    assert sorted(guide.team_sizes().values()) == [3, 3, 3]


def test_example_4_explicit_sorting(guide: Guide) -> None:
    guide.configure("docs04_explicit_sorting")
    guide.mock.hold_matchmaking()
    guide.start("anchor", experience=50)
    for value in [90, 10, 52, 48, 80, 55, 45, 20, 99]:
        guide.start(f"x{value}", experience=value)
    guide.mock.release_matchmaking()
    assert guide.completed() == {"anchor", "x52", "x48", "x55", "x45", "x80"}
    assert guide.team_sizes() == {"red": 3, "blue": 3}
    assert guide.searching() == {"x90", "x10", "x20", "x99"}


def test_example_4_players_need_a_game_mode_in_common(guide: Guide) -> None:
    guide.configure("docs04_explicit_sorting")
    guide.mock.hold_matchmaking()
    for n in range(1, 4):
        guide.start(f"d{n}", gameMode=["deathmatch"])
    for n in range(1, 4):
        guide.start(f"c{n}", gameMode=["coop"])
    guide.mock.release_matchmaking()
    assert guide.completed() == set()
    guide.start("any")  # both modes by default: still no mode common to six
    assert guide.completed() == set()


def test_example_5_intersections_relax_after_15_seconds(guide: Guide) -> None:
    guide.configure("docs05_intersections")
    guide.mock.hold_matchmaking()
    guide.start("odd", myCharacter=["C"], preferredOpponents=["A", "B"])
    for n in range(1, 5):
        guide.start(f"t{n}", myCharacter=["A"], preferredOpponents=["A", "B"])
    guide.mock.release_matchmaking()
    guide.wait(14)
    assert guide.completed() == set()
    guide.wait(1)  # minCount 0
    assert guide.completed() == set(guide.started)
    assert guide.team_sizes() == {"red": 5}


def test_example_5_preferred_characters_match_at_once(guide: Guide) -> None:
    guide.configure("docs05_intersections")
    guide.mock.hold_matchmaking()
    for n in range(1, 7):
        guide.start(f"t{n}", myCharacter=["A"], preferredOpponents=["A", "B"])
    guide.mock.release_matchmaking()
    assert guide.completed() == {f"t{n}" for n in range(1, 6)}
    assert guide.searching() == {"t6"}


def test_example_6_compare_all_players(guide: Guide) -> None:
    guide.configure("docs06_compare_all_players")
    guide.mock.hold_matchmaking()
    guide.start("a", character=1)
    guide.start("b", character=1)
    guide.start("none")  # character has no default
    guide.mock.release_matchmaking()
    assert guide.completed() == set()

    guide.start("c", character=2)
    assert guide.completed() == {"a", "c"}
    assert {guide.team_of("a"), guide.team_of("c")} == {"player_1", "player_2"}
    assert guide.searching() == {"b", "none"}


def test_example_7_large_match_takes_100_players_after_15_seconds(guide: Guide) -> None:
    guide.configure("docs07_large_match")
    guide.mock.hold_matchmaking()
    for n in range(1, 11):
        guide.start(f"party{n}", size=10, latency={REGION: 100}, skill=5)
    guide.start("far", latency={REGION: 300}, skill=5)
    guide.mock.release_matchmaking()
    guide.wait(14)
    assert guide.completed() == set()
    guide.wait(1)  # minPlayers 100
    assert guide.completed() == {f"party{n}" for n in range(1, 11)}
    assert guide.team_sizes() == {"Marauders": 100}
    assert guide.searching() == {"far"}


def test_example_8_multi_team_large_match(guide: Guide) -> None:
    guide.configure("docs08_multi_team_large_match")
    guide.mock.hold_matchmaking()
    for n in range(1, 86):
        guide.start(f"t{n}", latency={REGION: 100})
    guide.start("far", latency={REGION: 300})
    guide.mock.release_matchmaking()
    guide.wait(19)
    assert guide.completed() == set()
    guide.wait(1)  # Hunters minPlayers 8
    assert guide.completed() == {f"t{n}" for n in range(1, 86)}
    assert guide.team_sizes() == {
        "Monsters": 5,
        **{f"Hunters_{n}": 8 for n in range(1, 11)},
    }
    assert guide.searching() == {"far"}


def test_example_9_large_match_with_similar_attributes(guide: Guide) -> None:
    guide.configure("docs09_large_match_similar_attributes")
    attributes = {"league": 1, "skill": 50, "map": "a", "mode": "b"}
    guide.mock.hold_matchmaking()
    for n in range(1, 21):
        guide.start(f"party{n}", size=10, **attributes)
    guide.start("other", **{**attributes, "map": "z"})
    guide.mock.release_matchmaking()
    assert guide.completed() == {f"party{n}" for n in range(1, 21)}
    assert guide.team_sizes() == {"red": 100, "blue": 100}
    assert guide.searching() == {"other"}


def test_example_10_compound_rule_same_map_or_similar_skill(guide: Guide) -> None:
    guide.configure("docs10_compound_rule")
    guide.mock.hold_matchmaking()
    for n in range(20):
        guide.start(f"s{n}", league=n, skill=n * 10, map="m", mode="x")
    guide.mock.release_matchmaking()
    assert guide.completed() == {f"s{n}" for n in range(20)}
    assert guide.team_sizes() == {"red": 10, "blue": 10}


def test_example_10_similar_skill_widens_after_20_seconds(guide: Guide) -> None:
    guide.configure("docs10_compound_rule")
    guide.mock.hold_matchmaking()
    for n in range(20):  # skills 0 to 28.5 on twenty maps: neither branch at first
        guide.start(f"k{n}", league=1, skill=n * 1.5, map=f"m{n}", mode="x")
    guide.start("rookie", league=9, skill=0, map="elsewhere", mode="x")
    guide.mock.release_matchmaking()
    guide.wait(10)  # maxDistance 20: still too narrow
    assert guide.completed() == set()
    guide.wait(10)  # maxDistance 40
    assert guide.completed() == {f"k{n}" for n in range(20)}
    assert guide.searching() == {"rookie"}


def test_example_11_block_list(guide: Guide) -> None:
    guide.configure("docs11_block_list")
    guide.mock.hold_matchmaking()
    guide.start("t1", BlockList=["t2-player"])
    for n in range(2, 11):
        guide.start(f"t{n}")
    guide.mock.release_matchmaking()
    assert guide.completed() == set()  # ten players, but t1 blocks t2

    guide.start("t11")
    assert guide.completed() == {"t1", *{f"t{n}" for n in range(3, 12)}}
    assert guide.team_sizes() == {"red": 5, "blue": 5}
    assert guide.searching() == {"t2"}
