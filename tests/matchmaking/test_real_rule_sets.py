"""The public rule sets of real projects (fixtures under rulesets/, sources in its README):
each validates, keeps its body byte for byte, and matches as its rules say."""

from __future__ import annotations

import pytest

from gl_placement_mock.backend.matchmaking import parse_rule_set

from .helpers import START, body, match_sets, player, run, solos, ticket

REAL = [
    "real01_unity_plugin_flexmatch",
    "real02_lumberyard_ly_test_tools",
    "real03_o3de_flex_match",
    "real04_terraform_provider",
    "real05_serverless_backend",
    "real06_gomoku",
    "real07_latency_based",
    "real08_strict_score",
    "real09_radiant_dire_classic_1",
    "real09b_radiant_dire_practice",
    "real09c_radiant_dire_survival",
    "real10_radiant_dire_all",
    "real11_odin_skill_based",
    "real12_ultrafrog_royale",
]


@pytest.mark.parametrize("name", REAL)
def test_real_rule_set_validates_and_keeps_its_body(name: str) -> None:
    text = body(name)
    assert parse_rule_set(text).body == text


def test_unity_plugin_one_team_of_two_matches_pairs_in_age_order() -> None:
    pool = solos("t", 3)
    result = run("real01_unity_plugin_flexmatch", pool, START + 1)
    assert match_sets(result) == [{"t1", "t2"}]
    assert [t.ticket_id for t in result.remaining] == ["t3"]
    assert run("real01_unity_plugin_flexmatch", pool[:1], START + 1).matches == ()


def test_o3de_fills_to_max_players_before_settling_for_min() -> None:
    result = run("real03_o3de_flex_match", solos("t", 5), START + 1)
    assert match_sets(result) == [{"t1", "t2", "t3", "t4"}]
    assert match_sets(run("real03_o3de_flex_match", solos("t", 3), START + 1)) == [
        {"t1", "t2", "t3"}
    ]


def test_lumberyard_one_team_of_two_to_four_fills_to_four() -> None:
    result = run("real02_lumberyard_ly_test_tools", solos("t", 6), START + 1)
    assert match_sets(result) == [{"t1", "t2", "t3", "t4"}, {"t5", "t6"}]
    assert run("real02_lumberyard_ly_test_tools", solos("t", 1), START + 1).matches == ()


def test_terraform_one_player_match_and_leftover_match() -> None:
    result = run("real04_terraform_provider", solos("t", 7), START)
    assert match_sets(result) == [{"t1", "t2", "t3", "t4", "t5"}, {"t6", "t7"}]


def test_serverless_backend_skill_distance_and_latency_expansion() -> None:
    near = {"us-east-1": 50.0}
    far = {"us-east-1": 200.0}
    close = [
        ticket("a", player("pa", near, skill=10), start=START),
        ticket("b", player("pb", far, skill=12), start=START + 1),
    ]
    early = run("real05_serverless_backend", close, START + 2)
    assert match_sets(early) == [{"a"}]  # minPlayers 1: the slow ticket is left out
    assert early.next_change == START + 1 + 5
    assert match_sets(run("real05_serverless_backend", close, START + 6)) == [{"a", "b"}]
    apart = [
        ticket("a", player("pa", near, skill=10)),
        ticket("b", player("pb", near, skill=40), start=START + 1),
    ]
    assert match_sets(run("real05_serverless_backend", apart, START + 100)) == [{"a"}, {"b"}]


def test_gomoku_fair_team_skill_expands_with_the_newest_tickets_age() -> None:
    pool = [
        ticket("a", player("pa", score=1000), start=START),
        ticket("b", player("pb", score=1700), start=START + 5),
    ]
    assert run("real06_gomoku", pool, START + 14).matches == ()  # newest waited 9 s
    result = run("real06_gomoku", pool, START + 15)  # 10 s: maxDistance 500
    assert match_sets(result) == [{"a", "b"}]
    assert {team.name for team in result.matches[0].teams} == {"blue", "red"}


def test_gomoku_score_defaults_to_1000() -> None:
    pool = [ticket("a", player("pa")), ticket("b", player("pb", score=1250), start=START + 1)]
    assert match_sets(run("real06_gomoku", pool, START + 1)) == [{"a", "b"}]


def test_latency_based_rule_set_relaxes_max_latency() -> None:
    pool = [
        ticket("a", player("pa", {"eu-west-1": 40.0})),
        ticket("b", player("pb", {"eu-west-1": 90.0}), start=START + 1),
    ]
    assert run("real07_latency_based", pool, START + 5).matches == ()
    assert match_sets(run("real07_latency_based", pool, START + 11)) == [{"a", "b"}]


def test_latency_based_rule_set_never_matches_a_ticket_without_latency() -> None:
    pool = [ticket("a", player("pa", {"eu-west-1": 40.0})), ticket("b", player("pb"))]
    assert run("real07_latency_based", pool, START + 100).matches == ()


def test_strict_score_matches_equal_scores_only_on_quantity_teams() -> None:
    pool = [
        ticket("a", player("pa", score=1200)),
        ticket("b", player("pb", score=1300), start=START + 1),
        ticket("c", player("pc", score=1200), start=START + 2),
    ]
    result = run("real08_strict_score", pool, START + 3)
    assert match_sets(result) == [{"a", "c"}]
    assert [team.name for team in result.matches[0].teams] == ["player_1", "player_2"]


LOW = {"us-east-1": 50.0}


def test_radiant_dire_classic_twelve_players_make_six_against_six() -> None:
    result = run("real09_radiant_dire_classic_1", solos("t", 12, latency=LOW), START + 1)
    assert len(result.matches) == 1
    assert [len(team.tickets) for team in result.matches[0].teams] == [6, 6]


def test_radiant_dire_classic_nine_players_settle_for_four_against_four() -> None:
    result = run("real09_radiant_dire_classic_1", solos("t", 9, latency=LOW), START + 1)
    assert match_sets(result) == [{f"t{n}" for n in range(1, 9)}]
    assert [t.ticket_id for t in result.remaining] == ["t9"]


def test_radiant_dire_classic_needs_eight_classic_players() -> None:
    pool = solos("c", 7, latency=LOW) + solos(
        "p", 5, start=START + 1, latency=LOW, GameMode=["Practice"]
    )
    assert run("real09_radiant_dire_classic_1", pool, START + 2).matches == ()


def test_radiant_dire_practice_and_survival_validate_with_their_own_modes() -> None:
    practice = solos("p", 8, latency=LOW, GameMode=["Practice"])
    result = run("real09b_radiant_dire_practice", practice, START + 1)
    assert match_sets(result) == [{f"p{n}" for n in range(1, 9)}]


def test_radiant_dire_all_compound_matches_two_survival_players() -> None:
    pool = solos("s", 2, latency=LOW, GameMode=["Survival"])
    assert match_sets(run("real10_radiant_dire_all", pool, START + 1)) == [{"s1", "s2"}]


def test_radiant_dire_all_two_classic_players_are_too_few() -> None:
    pool = solos("c", 2, latency=LOW)
    assert run("real10_radiant_dire_all", pool, START + 1).matches == ()
    eight = solos("c", 8, latency=LOW)
    assert match_sets(run("real10_radiant_dire_all", eight, START + 1)) == [
        {f"c{n}" for n in range(1, 9)}
    ]


def test_odin_same_gamemode_and_skill_batch() -> None:
    pool = [
        ticket("a", player("pa", gamemode="ffa", skill=1000), sequence=1),
        ticket("b", player("pb", gamemode="ffa", skill=1300), sequence=2),
        ticket("c", player("pc", gamemode="duel", skill=1000), sequence=3),
        ticket("d", player("pd", gamemode="ffa", skill=1150), sequence=4),
        ticket("e", player("pe", skill=1000), sequence=5),  # gamemode has no default
    ]
    result = run("real11_odin_skill_based", pool, START)
    assert match_sets(result) == [{"a", "d"}]
    assert {t.ticket_id for t in result.remaining} == {"b", "c", "e"}


def test_ultrafrog_large_match_lowers_min_players_over_time() -> None:
    pool = solos("t", 3, latency={"us-west-2": 100.0}, skill=5.0)
    early = run("real12_ultrafrog_royale", pool, START + 1)
    assert early.matches == ()
    assert early.next_change == pool[0].start_time + 10
    assert run("real12_ultrafrog_royale", pool, START + 24).matches == ()
    assert match_sets(run("real12_ultrafrog_royale", pool, START + 26)) == [{"t1", "t2", "t3"}]


def test_ultrafrog_skill_is_required() -> None:
    pool = solos("t", 3, latency={"us-west-2": 100.0})
    assert run("real12_ultrafrog_royale", pool, START + 100).matches == ()
