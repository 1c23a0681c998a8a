"""The matcher at scale: ``python benchmarks/matcher.py [--quick]``.

A pool of 1,000 and one of 10,000 waiting single-player tickets under a two-team 5-v-5 rule
set with a skill distance rule and a latency rule; one ``find_matches`` call over the whole
pool at the same mock instant. The figure is the time per matched ticket; the target is that
the figure at 10,000 stays within 1.25x of the figure at 1,000 (no quadratic pass over the
pool). Rounds alternate between the two sizes; each figure is the median over rounds, the
garbage collector paused while timing. Nothing is asserted: the exit status only says whether
the run completed.

Then the same through the ticket path a test takes: a mock with the rule set, a WITH_QUEUE
configuration and a queue over a fleet in the players' three Regions; the matcher held
(``hold_matchmaking``) while the pool's tickets are started with boto3's StartMatchmaking (not
timed); then ``release_matchmaking()`` timed, which forms every match, places each on the queue,
completes the tickets and sends all their events. The figure is again the time per matched
ticket, and the same target applies.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import boto3

from gl_placement_mock import mock_placement
from gl_placement_mock.backend.matchmaking import (
    Matcher,
    Player,
    Ticket,
    parse_rule_set,
)

RULE_SET = """{
    "name": "five_v_five",
    "ruleLanguageVersion": "1.0",
    "playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
    "teams": [{"name": "red", "minPlayers": 5, "maxPlayers": 5},
              {"name": "blue", "minPlayers": 5, "maxPlayers": 5}],
    "rules": [{
        "name": "FairTeamSkill",
        "type": "distance",
        "measurements": ["avg(teams[*].players.attributes[skill])"],
        "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))",
        "maxDistance": 60
    }, {
        "name": "FastConnection",
        "type": "latency",
        "maxLatency": 150
    }]
}"""

REGIONS = ("us-east-1", "us-west-2", "eu-west-1")


def make_pool(size: int, seed: int) -> list[Ticket]:
    generator = random.Random(seed)
    pool = []
    for number in range(size):
        latency = {region: float(generator.randint(50, 300)) for region in REGIONS}
        latency["us-east-1"] = float(generator.randint(20, 120))
        player = Player(
            f"player-{number}",
            {"skill": float(generator.gauss(1500, 100))},
            latency,
        )
        pool.append(Ticket(f"ticket-{number}", 1000.0 + number * 0.001, (player,), number))
    return pool


def per_matched_ticket(matcher: Matcher, pool: list[Ticket]) -> tuple[float, int]:
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        result = matcher.find_matches(pool, now=2000.0)
        elapsed = time.perf_counter() - started
    finally:
        gc.enable()
    matched = sum(len(match.tickets) for match in result.matches)
    return elapsed / max(1, matched), matched


def release_per_matched_ticket(pool: list[Ticket]) -> tuple[float, int]:
    """Starts the pool's tickets under a hold, then times ``release_matchmaking()``."""
    with mock_placement() as mock:
        gamelift: Any = boto3.client(
            "gamelift",
            region_name="us-west-2",
            aws_access_key_id="x",
            aws_secret_access_key="y",
        )
        fleet = mock.add_fleet("us-west-2", locations={"us-east-1": None, "eu-west-1": None})
        queue_arn = gamelift.create_game_session_queue(
            Name="five-v-five", Destinations=[{"DestinationArn": fleet.arn}]
        )["GameSessionQueue"]["GameSessionQueueArn"]
        gamelift.create_matchmaking_rule_set(Name="five-v-five", RuleSetBody=RULE_SET)
        gamelift.create_matchmaking_configuration(
            Name="five-v-five",
            RuleSetName="five-v-five",
            GameSessionQueueArns=[queue_arn],
            RequestTimeoutSeconds=43_200,
            AcceptanceRequired=False,
        )
        mock.hold_matchmaking()
        for ticket in pool:
            (player,) = ticket.players
            gamelift.start_matchmaking(
                TicketId=ticket.ticket_id,
                ConfigurationName="five-v-five",
                Players=[
                    {
                        "PlayerId": player.player_id,
                        "PlayerAttributes": {"skill": {"N": player.attributes["skill"]}},
                        "LatencyInMs": {r: int(ms) for r, ms in player.latency_ms.items()},
                    }
                ],
            )
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            mock.release_matchmaking()
            elapsed = time.perf_counter() - started
        finally:
            gc.enable()
        matched = sum(
            len(event["detail"]["tickets"])
            for event in mock.events
            if event["detail"].get("type") == "MatchmakingSucceeded"
        )
    return elapsed / max(1, matched), matched


def report(title: str, sizes: tuple[int, ...], figures: Any, matched: Any) -> None:
    print(title)
    small, large = (statistics.median(figures[size]) for size in sizes)
    for size in sizes:
        median = statistics.median(figures[size])
        print(
            f"  pool {size:>6,}: {median * 1e6:8.1f} us per matched ticket"
            f" ({matched[size]:,} of {size:,} matched; spread"
            f" {min(figures[size]) * 1e6:.1f}-{max(figures[size]) * 1e6:.1f} us)"
        )
    print(f"  ratio {sizes[1]:,} / {sizes[0]:,}: {large / small:.2f}x (target <= 1.25x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one small round, seconds")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ticket-rounds", type=int, default=3)
    arguments = parser.parse_args()
    matcher = Matcher(parse_rule_set(RULE_SET))
    sizes = (100, 1000) if arguments.quick else (1000, 10000)
    rounds = 1 if arguments.quick else arguments.rounds
    figures: dict[int, list[float]] = {size: [] for size in sizes}
    matched: dict[int, int] = {}
    for round_number in range(rounds):
        order = sizes if round_number % 2 == 0 else tuple(reversed(sizes))
        for size in order:
            pool = make_pool(size, seed=round_number)
            figure, matched[size] = per_matched_ticket(matcher, pool)
            figures[size].append(figure)
    report("find_matches over the pool:", sizes, figures, matched)
    rounds = 1 if arguments.quick else arguments.ticket_rounds
    figures = {size: [] for size in sizes}
    for round_number in range(rounds):
        order = sizes if round_number % 2 == 0 else tuple(reversed(sizes))
        for size in order:
            pool = make_pool(size, seed=round_number)
            figure, matched[size] = release_per_matched_ticket(pool)
            figures[size].append(figure)
    report(
        "StartMatchmaking under hold_matchmaking, then release_matchmaking():",
        sizes,
        figures,
        matched,
    )


if __name__ == "__main__":
    main()
