"""Whatever the body, the parser answers a RuleSet or RuleSetError, nothing else."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl_placement_mock.backend.matchmaking import RuleSet, RuleSetError, parse_rule_set

KEYS = st.sampled_from(
    [
        "name", "ruleLanguageVersion", "playerAttributes", "type", "default", "teams",
        "minPlayers", "maxPlayers", "quantity", "algorithm", "strategy", "balancedAttribute",
        "batchingPreference", "rules", "measurements", "referenceValue", "operation",
        "maxDistance", "minCount", "maxCount", "maxLatency", "statement", "batchAttribute",
        "sortAttribute", "sortDirection", "mapKey", "expansions", "target", "steps",
        "waitTimeSeconds", "value", "partyAggregation",
    ]
)  # fmt: skip
STRINGS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "1.0", "number", "string_list", "red", "skill", "=", "contains", "latency",
            "distance", "comparison", "collection", "compound", "batchDistance",
            "distanceSort", "absoluteSort", "balanced", "and(a, b)", "rules[a].maxDistance",
            "teams[red].minPlayers", "avg(teams[*].players.attributes[skill])",
            "flatten(teams[red].players[playerId])", "count(teams[*].players)",
        ]
    ),
)  # fmt: skip
LEAVES = st.none() | st.integers(-5, 300) | STRINGS | st.lists(STRINGS, max_size=3)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 300) | st.floats(allow_nan=False) | STRINGS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(KEYS | st.text(max_size=5), children, max_size=6)
    ),
    max_leaves=30,
)


def _check(body: str) -> None:
    try:
        result = parse_rule_set(body)
    except RuleSetError as error:
        assert error.message
    else:
        assert isinstance(result, RuleSet)
        assert result.body == body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_any_json_gives_a_rule_set_or_rule_set_error(document: Any) -> None:
    _check(json.dumps(document))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {"ruleLanguageVersion": st.just("1.0")},
        optional={
            "teams": st.one_of(JSON, st.just([{"name": "red", "minPlayers": 1, "maxPlayers": 5}])),
            "playerAttributes": st.one_of(JSON, st.just([{"name": "skill", "type": "number"}])),
            "rules": st.lists(st.dictionaries(KEYS, LEAVES, max_size=8), max_size=3),
            "expansions": st.lists(st.dictionaries(KEYS, JSON, max_size=3), max_size=2),
            "algorithm": st.dictionaries(KEYS, LEAVES, max_size=4),
        },
    )
)
def test_near_valid_documents_give_a_rule_set_or_rule_set_error(document: Any) -> None:
    _check(json.dumps(document))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_a_rule_set_or_rule_set_error(body: str) -> None:
    _check(body)
