"""The AWS SDK for JavaScript v3 (@aws-sdk/client-gamelift) against a served mock, run with the
machine's Node.js. Skipped when node or the SDK cannot be found (CI installs the SDK with npm
and sets NODE_PATH, and allows no skip)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from gl_placement_mock.server import PlacementServer

SCENARIO = Path(__file__).parent / "js" / "scenario.cjs"
MATCHMAKING = Path(__file__).parent / "js" / "matchmaking.cjs"


def _sdk_found() -> bool:
    node = shutil.which("node")
    if node is None:
        return False
    probe = subprocess.run(
        [node, "-e", "require.resolve('@aws-sdk/client-gamelift')"],
        capture_output=True,
        timeout=60,
    )
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _sdk_found(), reason="node or @aws-sdk/client-gamelift (on NODE_PATH) not found"
)


def test_the_javascript_sdk_sees_placements_errors_and_retries(server: PlacementServer) -> None:
    result = subprocess.run(
        ["node", str(SCENARIO), server.endpoint_url], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    started_at = server.mock.transitions[0].time
    assert seen == {
        "queueArn": "arn:aws:gamelift:us-west-2:123456789012:gamesessionqueue/q",
        "started": "PENDING",
        "startTimeIsDate": True,
        "startTime": round(started_at * 1000),
        "described": "PENDING",
        "stopped": "CANCELLED",
        "notFound": {
            "name": "NotFoundException",
            "message": "Game session placement 'nope' does not exist.",
            "status": 400,
            "notFound": True,
            "invalidRequest": False,
        },
        "invalidRequest": {
            "name": "InvalidRequestException",
            "message": "Game session queue 'q' already exists.",
            "status": 400,
            "notFound": False,
            "invalidRequest": True,
        },
        "queues": ["q"],
        "attempts": 3,
    }


def test_the_javascript_sdk_starts_and_describes_matchmaking(server: PlacementServer) -> None:
    result = subprocess.run(
        ["node", str(MATCHMAKING), server.endpoint_url], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    prefix = "arn:aws:gamelift:us-west-2:123456789012:"
    started = [
        {
            "ticketId": ticket_id,
            "status": "QUEUED",
            "startTimeIsDate": True,
            "attributes": {"skill": {"N": skill}, "modes": {"SL": ["classic", "ranked"]}},
            "latency": {"us-west-2": 40},
        }
        for ticket_id, skill in [("t-1", 12), ("t-2", 14.5)]
    ]
    assert seen["ruleSetArn"] == prefix + "matchmakingruleset/duel"
    assert seen["configurationArn"] == prefix + "matchmakingconfiguration/duel"
    assert seen["started"] == started
    described = seen["described"]
    assert [(t["ticketId"], t["status"], t["endTimeIsDate"]) for t in described] == [
        ("t-1", "COMPLETED", True),
        ("t-2", "COMPLETED", True),
    ]
    assert sorted(team for t in described for team in t["teams"]) == ["blue", "red"]
