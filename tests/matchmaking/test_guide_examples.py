"""Every example of the FlexMatch guide's rule-set examples page validates and matches as its
rules say (fixtures docs01..docs11 under rulesets/, sources in its README)."""

from __future__ import annotations

import pytest

from gl_placement_mock.backend.matchmaking import parse_rule_set

from .helpers import START, body, match_sets, player, rule_set, run, solos, ticket

EXAMPLES = [
    "docs01_evenly_matched_teams",
    "docs02_hunters_vs_monster",
    "docs03_team_level_and_latency",
    "docs04_explicit_sorting",
    "docs05_intersections",
    "docs06_compare_all_players",
    "docs07_large_match",
    "docs08_multi_team_large_match",
    "docs09_large_match_similar_attributes",
    "docs10_compound_rule",
    "docs11_block_list",
]
LOW = {"us-east-1": 40.0}


@pytest.mark.parametrize("name", EXAMPLES)
def test_guide_example_validates_and_keeps_its_body(name: str) -> None:
    text = body(name)
    assert parse_rule_set(text).body == text


def test_example_1_equal_teams_of_similar_skill() -> None:
    result = run("docs01_evenly_matched_teams", solos("t", 9, skill=10), START + 1)
    assert len(result.matches) == 1
    assert [len(team.tickets) for team in result.matches[0].teams] == [4, 4]


def test_example_1_fair_team_skill_relaxes_after_5_seconds() -> None:
    pool = solos("t", 8, skill=10)
    pool[0] = ticket("t1", player("strong", skill=100), start=pool[0].start_time)
    assert run("docs01_evenly_matched_teams", pool, START + 4).matches == ()
    assert len(run("docs01_evenly_matched_teams", pool, START + 6).matches) == 1


def _hunter(name: str, number: int, **attributes: float) -> object:
    return ticket(name, player(f"{name}-p", **attributes), start=START + number, sequence=number)


def test_example_2_the_monster_goes_to_the_monster_team() -> None:
    hunters = [_hunter(f"h{n}", n, desiredSkillOfMonster=20) for n in range(1, 6)]
    monster = _hunter("m", 6, wantsToBeMonster=1, skill=30)
    result = run("docs02_hunters_vs_monster", [*hunters, monster], START + 7)  # type: ignore[list-item]
    assert len(result.matches) == 1
    assert result.matches[0].team_of("m") == "monster"


def test_example_2_a_weak_monster_or_no_monster_makes_no_match() -> None:
    hunters = [_hunter(f"h{n}", n, desiredSkillOfMonster=20) for n in range(1, 7)]
    weak = _hunter("m", 7, wantsToBeMonster=1, skill=10)
    assert run("docs02_hunters_vs_monster", hunters, START + 8).matches == ()  # type: ignore[arg-type]
    pool = [*hunters[:5], weak]
    assert run("docs02_hunters_vs_monster", pool, START + 8).matches == ()  # type: ignore[arg-type]


def test_example_2_four_hunters_are_enough_after_30_seconds() -> None:
    pool = [_hunter(f"h{n}", n) for n in range(1, 5)] + [_hunter("m", 5, wantsToBeMonster=1)]
    assert run("docs02_hunters_vs_monster", pool, START + 34).matches == ()  # type: ignore[arg-type]
    result = run("docs02_hunters_vs_monster", pool, START + 35)  # type: ignore[arg-type]
    assert match_sets(result) == [{"h1", "h2", "h3", "h4", "m"}]


def test_example_3_three_teams_and_the_medic_limit() -> None:
    result = run("docs03_team_level_and_latency", solos("t", 9, latency=LOW), START + 1)
    assert [len(team.tickets) for team in result.matches[0].teams] == [3, 3, 3]
    assert [team.name for team in result.matches[0].teams] == ["trio_1", "trio_2", "trio_3"]
    medics = solos("m", 6, latency=LOW, character=["medic"]) + solos(
        "p", 3, start=START + 1, latency=LOW
    )
    assert run("docs03_team_level_and_latency", medics, START + 2).matches == ()
    medics = solos("m", 5, latency=LOW, character=["medic"]) + solos(
        "p", 4, start=START + 1, latency=LOW
    )
    assert len(run("docs03_team_level_and_latency", medics, START + 2).matches) == 1


def test_example_3_latency_relaxes_to_100_ms_after_10_seconds() -> None:
    pool = solos("t", 9, latency={"us-east-1": 90.0})
    assert run("docs03_team_level_and_latency", pool, START + 9).matches == ()
    assert len(run("docs03_team_level_and_latency", pool, START + 11).matches) == 1


def test_example_4_distance_sort_picks_the_closest_experience() -> None:
    anchor = ticket("anchor", player("a", experience=50), start=START)
    others = [
        ticket(f"x{value}", player(f"p{value}", experience=value), start=START + 1 + n)
        for n, value in enumerate([90, 10, 52, 48, 80, 55, 45, 20, 99])
    ]
    result = run("docs04_explicit_sorting", [anchor, *others], START + 20)
    assert match_sets(result)[0] == {"anchor", "x52", "x48", "x55", "x45", "x80"}


def test_example_4_players_need_a_game_mode_in_common() -> None:
    pool = solos("d", 3, gameMode=["deathmatch"]) + solos(
        "c", 3, start=START + 1, gameMode=["coop"]
    )
    assert run("docs04_explicit_sorting", pool, START + 2).matches == ()


def test_example_5_characters_on_every_players_preferred_list() -> None:
    pool = solos("t", 5, myCharacter=["A"], preferredOpponents=["A", "B"])
    assert len(run("docs05_intersections", pool, START + 1).matches) == 1
    odd = ticket("odd", player("o", myCharacter=["C"], preferredOpponents=["A", "B"]))
    mixed = [odd, *pool[:4]]
    assert run("docs05_intersections", mixed, START + 14).matches == ()
    assert len(run("docs05_intersections", mixed, START + 16).matches) == 1  # minCount 0


def test_example_6_same_mode_and_map_different_characters() -> None:
    same = [ticket("a", player("pa", character=1)), ticket("b", player("pb", character=1))]
    assert run("docs06_compare_all_players", same, START).matches == ()
    different = [ticket("a", player("pa", character=1)), ticket("b", player("pb", character=2))]
    result = run("docs06_compare_all_players", different, START)
    assert [team.name for team in result.matches[0].teams] == ["player_1", "player_2"]
    missing = [ticket("a", player("pa", character=1)), ticket("b", player("pb"))]
    assert run("docs06_compare_all_players", missing, START).matches == ()


def test_example_7_large_match_accepts_100_players_after_15_seconds() -> None:
    pool = solos("t", 100, latency={"us-east-1": 100.0}, skill=5)
    newest = pool[-1].start_time
    assert run("docs07_large_match", pool, newest + 14).matches == ()
    result = run("docs07_large_match", pool, newest + 15)
    assert len(result.matches[0].tickets) == 100
    assert rule_set("docs07_large_match").is_large_match


def test_example_8_multi_team_large_match_team_names_and_expansion() -> None:
    pool = solos("t", 85, latency={"us-east-1": 100.0})
    newest = pool[-1].start_time
    assert run("docs08_multi_team_large_match", pool, newest + 19).matches == ()
    result = run("docs08_multi_team_large_match", pool, newest + 20)
    teams = result.matches[0].teams
    assert [team.name for team in teams] == ["Monsters"] + [f"Hunters_{n}" for n in range(1, 11)]
    assert [len(team.tickets) for team in teams] == [5] + [8] * 10


def test_example_9_batch_distance_leaves_out_another_map() -> None:
    attributes = {"league": 1, "skill": 50, "map": "a", "mode": "b"}
    pool = solos("t", 200, **attributes)
    other = ticket("other", player("o", **{**attributes, "map": "z"}), start=START)
    result = run("docs09_large_match_similar_attributes", [other, *pool], START + 1)
    assert len(result.matches) == 1
    assert "other" not in {t.ticket_id for t in result.matches[0].tickets}
    assert len(result.matches[0].tickets) == 200


def test_example_10_compound_or_of_same_selection_or_similar_skill() -> None:
    same_map = [
        ticket(f"s{n}", player(f"s{n}", league=n, skill=n * 10, map="m", mode="x"))
        for n in range(20)
    ]
    assert len(run("docs10_compound_rule", same_map, START).matches) == 1
    similar = [
        ticket(f"k{n}", player(f"k{n}", league=1, skill=50, map=f"m{n}", mode="x"))
        for n in range(20)
    ]
    assert len(run("docs10_compound_rule", similar, START).matches) == 1
    neither = [
        ticket(f"n{n}", player(f"n{n}", league=n, skill=n * 10, map=f"m{n}", mode="x"))
        for n in range(20)
    ]
    assert run("docs10_compound_rule", neither, START).matches == ()


def test_example_11_block_list_keeps_blocked_players_apart() -> None:
    pool = solos("t", 10)
    pool[0] = ticket("t1", player("t1-player", BlockList=["t2-player"]), start=pool[0].start_time)
    assert run("docs11_block_list", pool, START + 1).matches == ()
    extra = ticket("t11", player("t11-player"), start=START + 1)
    result = run("docs11_block_list", [*pool, extra], START + 2)
    assert match_sets(result) == [{"t1", *{f"t{n}" for n in range(3, 12)}}]
