"""The matcher's own semantics: anchor and age order, parties, fill and settle, expansions by
age, AdditionalPlayerCount, party aggregation, compound operators and the next change time."""

from __future__ import annotations

import json
from typing import Any

from gl_placement_mock.backend.matchmaking import (
    Matcher,
    Player,
    Ticket,
    attribute_from_aws,
    parse_rule_set,
)

from .helpers import START, match_sets, player, run, solos, ticket


def rules(teams: list[dict[str, Any]], **fields: Any) -> Any:
    return parse_rule_set(json.dumps({"ruleLanguageVersion": "1.0", "teams": teams, **fields}))


ONE_V_ONE = rules(
    [
        {"name": "a", "minPlayers": 1, "maxPlayers": 1},
        {"name": "b", "minPlayers": 1, "maxPlayers": 1},
    ]
)


def test_the_oldest_ticket_anchors_and_request_order_breaks_ties() -> None:
    pool = [
        ticket("late", start=START + 5),
        ticket("second", start=START, sequence=2),
        ticket("first", start=START, sequence=1),
    ]
    result = run(ONE_V_ONE, pool, START + 5)
    assert match_sets(result) == [{"first", "second"}]
    assert result.matches[0].team_of("first") == "a"
    assert [t.ticket_id for t in result.remaining] == ["late"]


def test_a_party_goes_whole_onto_one_team() -> None:
    two_v_two = rules(
        [
            {"name": "red", "minPlayers": 2, "maxPlayers": 2},
            {"name": "blue", "minPlayers": 2, "maxPlayers": 2},
        ]
    )
    party = ticket("party", player("p1"), player("p2"))
    pool = [party, *solos("s", 2, start=START + 1)]
    result = run(two_v_two, pool, START + 2)
    assert len(result.matches) == 1
    red, blue = result.matches[0].teams
    assert [t.ticket_id for t in red.tickets] == ["party"]
    assert [p.player_id for p in blue.players] == ["s1-player", "s2-player"]


def test_a_party_bigger_than_every_team_never_matches() -> None:
    party = ticket("party", player("p1"), player("p2"), player("p3"))
    matcher = Matcher(ONE_V_ONE)
    assert (
        matcher.unmatchable_reason(party) == "the ticket has 3 players, more than any team can hold"
    )
    assert (
        matcher.find_matches([party, *solos("s", 2)], START).matches[0].tickets[0].ticket_id == "s1"
    )


def test_additional_player_count_lowers_the_players_selected() -> None:
    twelve = rules([{"name": "all", "minPlayers": 8, "maxPlayers": 12}])
    result = run(twelve, solos("t", 14), START, additional_player_count=2)
    assert [len(m.tickets) for m in result.matches] == [10]


def test_expansions_count_from_the_newest_ticket_by_default() -> None:
    body = {
        "playerAttributes": [{"name": "skill", "type": "number"}],
        "rules": [
            {
                "name": "close",
                "type": "distance",
                "measurements": ["flatten(teams[*].players.attributes[skill])"],
                "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))",
                "maxDistance": 5,
            }
        ],
        "expansions": [
            {"target": "rules[close].maxDistance", "steps": [{"waitTimeSeconds": 10, "value": 50}]}
        ],
    }
    teams = [{"name": "pair", "minPlayers": 2, "maxPlayers": 2}]
    pool = [
        ticket("old", player("o", skill=0), start=START),
        ticket("new", player("n", skill=40), start=START + 8),
    ]
    newest = rules(teams, **body)
    assert run(newest, pool, START + 17).matches == ()
    assert len(run(newest, pool, START + 18).matches) == 1
    oldest = rules(teams, algorithm={"expansionAgeSelection": "oldest"}, **body)
    assert len(run(oldest, pool, START + 10).matches) == 1


def test_next_change_is_the_next_expansion_step_of_a_waiting_ticket() -> None:
    body = {
        "rules": [{"name": "fast", "type": "latency", "maxLatency": 10}],
        "expansions": [
            {
                "target": "rules[fast].maxLatency",
                "steps": [
                    {"waitTimeSeconds": 5, "value": 50},
                    {"waitTimeSeconds": 20, "value": 500},
                ],
            }
        ],
    }
    pair = rules([{"name": "pair", "minPlayers": 2, "maxPlayers": 2}], **body)
    pool = solos("t", 2, latency={"us-east-1": 100.0})
    assert run(pair, pool, START).next_change == pool[0].start_time + 5
    assert run(pair, pool, START + 6).next_change == pool[0].start_time + 20
    assert run(pair, pool[:1], START + 30).next_change is None
    assert run(ONE_V_ONE, solos("t", 1), START).next_change is None


def test_compound_not_and_xor() -> None:
    attributes = [
        {"name": "mode", "type": "string"},
        {"name": "rank", "type": "number", "default": 1},
    ]
    same_mode = {
        "name": "same_mode",
        "type": "comparison",
        "operation": "=",
        "measurements": ["flatten(teams[*].players.attributes[mode])"],
    }
    top = {
        "name": "top",
        "type": "comparison",
        "operation": ">=",
        "referenceValue": 5,
        "measurements": ["flatten(teams[*].players.attributes[rank])"],
    }
    base = [same_mode, top]
    pair = [{"name": "pair", "minPlayers": 2, "maxPlayers": 2}]
    xor = rules(
        pair,
        playerAttributes=attributes,
        rules=[*base, {"name": "x", "type": "compound", "statement": "xor(same_mode, top)"}],
    )
    neither = {"name": "n", "type": "compound", "statement": "and(not(same_mode), not(top))"}
    negated = rules(pair, playerAttributes=attributes, rules=[*base, neither])
    same_low = [ticket("a", player("a", mode="x")), ticket("b", player("b", mode="x"))]
    same_top = [
        ticket("a", player("a", mode="x", rank=9)),
        ticket("b", player("b", mode="x", rank=9)),
    ]
    different_low = [ticket("a", player("a", mode="x")), ticket("b", player("b", mode="y"))]
    assert len(run(xor, same_low, START).matches) == 1
    assert run(xor, same_top, START).matches == ()
    assert run(negated, same_low, START).matches == ()
    assert len(run(negated, different_low, START).matches) == 1


def test_party_aggregation_judges_a_party_by_its_average_or_its_minimum() -> None:
    def rule_set(aggregation: str) -> Any:
        return rules(
            [{"name": "all", "minPlayers": 2, "maxPlayers": 2}],
            playerAttributes=[{"name": "skill", "type": "number"}],
            rules=[
                {
                    "name": "good",
                    "type": "comparison",
                    "operation": ">=",
                    "referenceValue": 10,
                    "measurements": ["teams[all].players.attributes[skill]"],
                    "partyAggregation": aggregation,
                }
            ],
        )

    party = [ticket("party", player("a", skill=4), player("b", skill=20))]
    assert len(run(rule_set("avg"), party, START).matches) == 1
    assert len(run(rule_set("max"), party, START).matches) == 1
    assert run(rule_set("min"), party, START).matches == ()


def test_latency_needs_one_region_good_for_every_ticket() -> None:
    latency = rules(
        [{"name": "pair", "minPlayers": 2, "maxPlayers": 2}],
        rules=[{"name": "fast", "type": "latency", "maxLatency": 60}],
    )
    apart = [
        ticket("a", player("a", {"us-east-1": 20.0, "eu-west-1": 150.0})),
        ticket("b", player("b", {"us-east-1": 150.0, "eu-west-1": 20.0})),
    ]
    assert run(latency, apart, START).matches == ()
    together = [
        ticket("a", player("a", {"us-east-1": 20.0, "eu-west-1": 50.0})),
        ticket("b", player("b", {"us-east-1": 150.0, "eu-west-1": 20.0})),
    ]
    assert len(run(latency, together, START).matches) == 1


def test_a_wrongly_typed_or_missing_required_attribute_makes_a_ticket_unmatchable() -> None:
    typed = rules(
        [{"name": "pair", "minPlayers": 2, "maxPlayers": 2}],
        playerAttributes=[{"name": "skill", "type": "number"}],
    )
    matcher = Matcher(typed)
    assert matcher.unmatchable_reason(ticket("a", player("pa", skill="high"))) == (
        "player pa: attribute 'skill' is not of type number"
    )
    assert matcher.unmatchable_reason(ticket("a", player("pa"))) == (
        "player pa has no attribute 'skill'"
    )
    assert matcher.unmatchable_reason(ticket("a", player("pa", skill=3))) is None


def test_absolute_sort_orders_by_the_anchors_favourite_map() -> None:
    sort = rules(
        [{"name": "trio", "minPlayers": 3, "maxPlayers": 3}],
        playerAttributes=[{"name": "maps", "type": "string_number_map", "default": {}}],
        rules=[
            {
                "name": "favourite",
                "type": "absoluteSort",
                "sortDirection": "descending",
                "sortAttribute": "maps",
                "mapKey": "maxValue",
            }
        ],
    )
    pool = [
        ticket("anchor", player("a", maps={"dune": 90, "ice": 10})),
        ticket("low", player("l", maps={"dune": 5}), start=START + 1),
        ticket("none", player("n"), start=START + 2),
        ticket("high", player("h", maps={"dune": 80}), start=START + 3),
        ticket("mid", player("m", maps={"dune": 40}), start=START + 4),
    ]
    assert match_sets(run(sort, pool, START + 5)) == [{"anchor", "high", "mid"}]


def test_attribute_from_aws_converts_each_member() -> None:
    assert attribute_from_aws({"S": "coop"}) == "coop"
    assert attribute_from_aws({"N": 3}) == 3.0
    assert attribute_from_aws({"SL": ["a", "b", "a"]}) == ("a", "b")
    assert attribute_from_aws({"SDM": {"dune": 2}}) == {"dune": 2.0}


def test_matching_is_deterministic() -> None:
    pool = [Ticket(f"t{n}", START + n % 3, (Player(f"p{n}"),), n) for n in range(30)]
    first = run(ONE_V_ONE, pool, START + 3)
    again = run(ONE_V_ONE, list(reversed(pool)), START + 3)
    assert match_sets(first) == match_sets(again)


def test_a_pool_smaller_than_any_match_keeps_every_ticket_in_age_order() -> None:
    """Too few players for the smallest match: nothing matches, nothing will change by waiting
    (no expansions), and the tickets come back oldest first, ties in request order; once the
    pool is big enough the same matcher forms the match."""
    two_v_two = rules(
        [
            {"name": "a", "minPlayers": 2, "maxPlayers": 2},
            {"name": "b", "minPlayers": 2, "maxPlayers": 2},
        ]
    )
    matcher = Matcher(two_v_two)
    pool = [
        ticket("young", start=START + 3),
        ticket("second", start=START, sequence=2),
        ticket("first", start=START, sequence=1),
    ]
    result = matcher.find_matches(pool, START + 3)
    assert result.matches == ()
    assert [t.ticket_id for t in result.remaining] == ["first", "second", "young"]
    assert result.next_change is None
    full = matcher.find_matches([*pool, ticket("fourth", start=START + 4)], START + 4)
    assert match_sets(full) == [{"first", "second", "young", "fourth"}]


def test_a_prepared_ticket_never_shows_its_players_in_repr() -> None:
    """The matcher keeps each ticket prepared for the rules; like a Player, its repr hides the
    players' attributes and latencies (sensitive)."""
    matcher = Matcher(ONE_V_ONE)
    secret = player("p1", {"us-west-2": 12.0}, mode="zSeCrEtz")
    matcher.find_matches([ticket("t1", secret), ticket("t2", sequence=1)], START)
    shown = repr(matcher._entries)
    assert "t1" in shown
    assert "zSeCrEtz" not in shown and "us-west-2" not in shown
