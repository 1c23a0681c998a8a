"""The AWS CLI against a served mock: its own commands, output and error reporting, and its
own retries. Skipped when awscli is not installed (CI installs it and allows no skip)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gl_placement_mock.server import PlacementServer

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("awscli") is None, reason="awscli is not installed"
)


def aws(server: PlacementServer, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "AWS_ACCESS_KEY_ID": "any-key",
        "AWS_SECRET_ACCESS_KEY": "any-secret",
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
        "HOME": str(tmp_path),
        "PATH": "",
    }
    options = ["--endpoint-url", server.endpoint_url, "--output", "json"]
    return subprocess.run(
        [sys.executable, "-m", "awscli", "gamelift", *args, *options],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def answer(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_aws_cli_creates_a_queue_and_starts_describes_and_stops_a_placement(
    server: PlacementServer, tmp_path: Path
) -> None:
    queue = answer(aws(server, tmp_path, "create-game-session-queue", "--name", "q"))
    assert queue["GameSessionQueue"]["GameSessionQueueArn"] == (
        "arn:aws:gamelift:us-west-2:123456789012:gamesessionqueue/q"
    )
    started = answer(
        aws(
            server,
            tmp_path,
            "start-game-session-placement",
            "--placement-id",
            "p-1",
            "--game-session-queue-name",
            "q",
            "--maximum-player-session-count",
            "4",
        )
    )
    assert started["GameSessionPlacement"]["Status"] == "PENDING"
    described = answer(
        aws(server, tmp_path, "describe-game-session-placement", "--placement-id", "p-1")
    )
    assert described["GameSessionPlacement"]["Status"] == "PENDING"
    stopped = answer(aws(server, tmp_path, "stop-game-session-placement", "--placement-id", "p-1"))
    assert stopped["GameSessionPlacement"]["Status"] == "CANCELLED"
    assert [t.status for t in server.mock.transitions] == ["PENDING", "CANCELLED"]


def test_the_aws_cli_reports_modelled_errors_as_its_own(
    server: PlacementServer, tmp_path: Path
) -> None:
    missing = aws(server, tmp_path, "describe-game-session-placement", "--placement-id", "nope")
    assert missing.returncode == 255
    assert missing.stderr.strip() == (
        "An error occurred (NotFoundException) when calling the DescribeGameSessionPlacement "
        "operation: Game session placement 'nope' does not exist."
    )
    server.mock.inject_fault("CreateGameSessionQueue", "InvalidRequestException", count=1)
    refused = aws(server, tmp_path, "create-game-session-queue", "--name", "q")
    assert refused.returncode == 255
    assert refused.stderr.strip() == (
        "An error occurred (InvalidRequestException) when calling the CreateGameSessionQueue "
        "operation: InvalidRequestException injected by gl_placement_mock."
    )


def test_the_aws_cli_retries_throttling_by_itself(server: PlacementServer, tmp_path: Path) -> None:
    fault = server.mock.inject_fault("DescribeGameSessionQueues", count=2)
    listed = answer(aws(server, tmp_path, "describe-game-session-queues"))
    assert listed["GameSessionQueues"] == []
    assert (fault.calls, fault.injected) == (2, 2)


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL_GAMELIFT", "AWS_ENDPOINT_URL"])
def test_the_aws_cli_finds_the_server_from_an_endpoint_variable(
    server: PlacementServer, tmp_path: Path, variable: str
) -> None:
    environment = {
        "AWS_ACCESS_KEY_ID": "any-key",
        "AWS_SECRET_ACCESS_KEY": "any-secret",
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
        "HOME": str(tmp_path),
        "PATH": "",
        variable: server.endpoint_url,
    }
    result = subprocess.run(  # no --endpoint-url
        [sys.executable, "-m", "awscli", "gamelift", "create-game-session-queue", "--name", "env"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert answer(result)["GameSessionQueue"]["Name"] == "env"


def test_the_aws_cli_starts_and_describes_matchmaking(
    server: PlacementServer, tmp_path: Path
) -> None:
    rules = json.dumps(
        {
            "ruleLanguageVersion": "1.0",
            "playerAttributes": [{"name": "skill", "type": "number", "default": 10}],
            "teams": [
                {"name": "red", "minPlayers": 1, "maxPlayers": 1},
                {"name": "blue", "minPlayers": 1, "maxPlayers": 1},
            ],
        }
    )
    answer(
        aws(
            server,
            tmp_path,
            "create-matchmaking-rule-set",
            "--name",
            "duel",
            "--rule-set-body",
            rules,
        )
    )
    answer(
        aws(
            server,
            tmp_path,
            "create-matchmaking-configuration",
            "--name",
            "duel",
            "--rule-set-name",
            "duel",
            "--request-timeout-seconds",
            "60",
            "--no-acceptance-required",
            "--flex-match-mode",
            "STANDALONE",
        )
    )
    tickets = []
    for ticket_id, player_id, skill in [("t-1", "alice", 12), ("t-2", "bob", 14)]:
        players = [
            {
                "PlayerId": player_id,
                "PlayerAttributes": {"skill": {"N": skill}},
                "LatencyInMs": {"us-west-2": 40},
            }
        ]
        started = answer(
            aws(
                server,
                tmp_path,
                "start-matchmaking",
                "--ticket-id",
                ticket_id,
                "--configuration-name",
                "duel",
                "--players",
                json.dumps(players),
            )
        )
        tickets.append(started["MatchmakingTicket"])
    assert [t["Status"] for t in tickets] == ["QUEUED", "QUEUED"]
    assert tickets[0]["Players"][0]["PlayerAttributes"] == {"skill": {"N": 12.0}}
    described = answer(
        aws(server, tmp_path, "describe-matchmaking", "--ticket-ids", "t-1", "t-2", "nope")
    )
    listed = described["TicketList"]
    assert [(t["TicketId"], t["Status"]) for t in listed] == [
        ("t-1", "COMPLETED"),
        ("t-2", "COMPLETED"),
    ]
    assert {p["Team"] for t in listed for p in t["Players"]} == {"red", "blue"}
    assert [c.operation for c in server.mock.calls_to("StartMatchmaking")] == [
        "StartMatchmaking",
        "StartMatchmaking",
    ]
