"""Matchmaking loads on first use: importing the package, or mocking placement alone, does not
import the matchmaking modules (the rule language and the matcher are the bulk of them)."""

from __future__ import annotations

import subprocess
import sys

PLACEMENT_ONLY = """
import sys
import boto3
from gl_placement_mock import mock_placement

loaded = lambda: sorted(name for name in sys.modules if "matchmaking" in name)
assert loaded() == [], loaded()
with mock_placement():
    client = boto3.client("gamelift", region_name="us-west-2")
    client.create_game_session_queue(Name="q")
    client.describe_game_session_queues()
assert loaded() == [], loaded()
with mock_placement():
    client = boto3.client("gamelift", region_name="us-west-2")
    client.create_matchmaking_rule_set(
        Name="r",
        RuleSetBody='{"ruleLanguageVersion": "1.0", "teams": [{"name": "a", "maxPlayers": 2, '
        '"minPlayers": 2}]}',
    )
    assert "gl_placement_mock.backend.matchmaking.ruleset" in sys.modules
    client.create_matchmaking_configuration(
        Name="c", RuleSetName="r", RequestTimeoutSeconds=60, AcceptanceRequired=False,
        FlexMatchMode="STANDALONE",
    )
    for name in ("a", "b"):
        client.start_matchmaking(ConfigurationName="c", Players=[{"PlayerId": name}])
print("ok")
"""


def test_placement_alone_never_loads_matchmaking() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PLACEMENT_ONLY], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
