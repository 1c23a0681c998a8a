"""Benchmarks of gl_placement_mock against its peers: ``python benchmarks/run.py``.

Every ratio is measured with both sides in this one process, interleaved: call by call against
the Stubber (the side that goes first alternates), in short alternating rounds elsewhere. Each
round gives one ratio; a figure is the median over rounds, with the lowest and the highest
round as its spread. Timed code runs with the garbage collector paused, as ``timeit`` does;
anything set up for a call (ids, canned Stubber responses, placements to stop) is prepared
outside the timed region.

    python benchmarks/run.py                 full run (under two minutes on two busy cores)
    python benchmarks/run.py --quick         smoke run, seconds: proves the benchmark still works
    python benchmarks/run.py --update-docs   full run; rewrites docs/benchmarks.md's figures,
                                             docs/images/benchmarks.png and benchmarks/results.json
    python benchmarks/run.py --compare benchmarks/results.json
                                             full run; is each ratio within the docs' spread?

The figures, their targets and how they are measured are described in docs/benchmarks.md.
Timings are never asserted anywhere: the exit status only says whether the run completed.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional

# Keep botocore's credential chain away from the EC2 metadata service at client creation.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

import boto3
import botocore
import botocore.session
from botocore.stub import Stubber

import gl_placement_mock
from gl_placement_mock import mock_placement
from gl_placement_mock.activation import registry as activation
from gl_placement_mock.interception import hooks as interception

REGION = "us-west-2"
ACCOUNT = gl_placement_mock.DEFAULT_ACCOUNT_ID
FLEET_ARN = f"arn:aws:gamelift:{REGION}:{ACCOUNT}:fleet/fleet-0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
LONG_TIMEOUT = 86_400  # pending placements must not time out while the benchmark runs
TICK_TIMEOUT = 10
T0 = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
CLIENT_KEYS = {"aws_access_key_id": "x", "aws_secret_access_key": "y", "region_name": REGION}
OPERATIONS = (
    "StartGameSessionPlacement",
    "DescribeGameSessionPlacement",
    "StopGameSessionPlacement",
    "StartMatchmaking",
    "StartMatchmaking, matcher held",
)
# The per-call target is 1.25 times the Stubber; StartMatchmaking's is 1.5 (its call also runs
# the matcher over the configuration's waiting tickets).
PER_CALL_TARGETS = {"StartMatchmaking": 1.5, "StartMatchmaking, matcher held": 1.5}
# StartMatchmaking's tickets wait in a 5-v-5 pool with a skill rule (STANDALONE: no queue), so
# most calls leave the ticket searching and every tenth forms a match; each settle point runs
# the matcher over the waiting tickets. "matcher held": the same on a configuration under
# hold_matchmaking, so the ticket is only recorded and enters matchmaking (the call's fixed
# cost, without the matcher).
FIVE_V_FIVE = json.dumps(
    {
        "ruleLanguageVersion": "1.0",
        "playerAttributes": [{"name": "skill", "type": "number", "default": 1000}],
        "teams": [
            {"name": "red", "minPlayers": 5, "maxPlayers": 5},
            {"name": "blue", "minPlayers": 5, "maxPlayers": 5},
        ],
        "rules": [
            {
                "name": "FairTeamSkill",
                "type": "distance",
                "measurements": ["avg(teams[*].players.attributes[skill])"],
                "referenceValue": "avg(flatten(teams[*].players.attributes[skill]))",
                "maxDistance": 500,
            }
        ],
    }
)
# CPU time, not wall time, where one timed region lasts milliseconds: on a busy machine the
# operating system hands the CPU to other processes for milliseconds at a time, which would
# land on whichever side happened to be running.
IMPORT_SNIPPET = (
    "import botocore.session, time; t = time.process_time_ns(); import {module}; "
    "print(time.process_time_ns() - t)"
)


@dataclass(frozen=True)
class Settings:
    """How much work each comparison does. ``quick`` only proves the benchmark runs."""

    quick: bool
    call_rounds: int
    calls_per_round: int  # interleaved pairs per operation per round
    activation_rounds: int
    activations_per_batch: int
    moto_activations_per_batch: int
    sizes: tuple[int, ...]
    rebuild_up_to: int  # states of at most this many placements are rebuilt every round
    scale_rounds: int
    describes_per_batch: int
    stops_per_batch: int
    tick_sizes: tuple[int, ...]
    tick_rounds: int
    import_rounds: int
    memory_placements: int


FULL = Settings(
    quick=False,
    call_rounds=15,
    calls_per_round=150,
    activation_rounds=15,
    activations_per_batch=500,
    moto_activations_per_batch=5,
    sizes=(100, 1_000, 10_000),
    rebuild_up_to=100,
    scale_rounds=15,
    describes_per_batch=150,
    stops_per_batch=30,
    tick_sizes=(100, 1_000, 3_000),
    tick_rounds=9,
    import_rounds=5,
    memory_placements=1_500,
)
QUICK = Settings(
    quick=True,
    call_rounds=3,
    calls_per_round=50,
    activation_rounds=3,
    activations_per_batch=100,
    moto_activations_per_batch=2,
    sizes=(100, 2_000),
    rebuild_up_to=100,
    scale_rounds=3,
    describes_per_batch=50,
    stops_per_batch=20,
    tick_sizes=(100, 1_000),
    tick_rounds=2,
    import_rounds=3,
    memory_placements=500,
)


@dataclass
class Figure:
    """One line of the report: our median against a peer's (or a baseline's), and the target."""

    key: str
    name: str
    unit: str
    ours: Optional[float]
    peer: Optional[float] = None
    peer_name: str = ""
    ratio: Optional[float] = None
    spread: Optional[tuple[float, float]] = None  # the lowest and the highest round's ratio
    target: str = ""
    met: Optional[bool] = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.ours is None:
            return "SKIPPED" if self.peer is None else "INFO"
        if self.met is None:
            return "REPORTED"
        return "MET" if self.met else "MISSED"


@dataclass
class Results:
    settings: Settings
    machine: dict[str, str]
    figures: list[Figure] = field(default_factory=list)
    series: dict[str, Any] = field(default_factory=dict)  # raw medians the chart is drawn from
    when: str = field(
        default_factory=lambda: datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    )


# -- timing helpers ------------------------------------------------------------------------------


@contextmanager
def paused_gc() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def timed_batch(
    action: Callable[[Any], Any], items: list[Any], clock: Callable[[], int] = time.thread_time_ns
) -> float:
    """CPU nanoseconds per item for running ``action`` over ``items``, collector paused."""
    with paused_gc():
        start = clock()
        for item in items:
            action(item)
        elapsed = clock() - start
    return elapsed / len(items)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def ratio_figure(ratios: list[float]) -> dict[str, Any]:
    """The median of the rounds' ratios, and their spread: the lowest and highest round."""
    return {"ratio": median(ratios), "spread": (min(ratios), max(ratios))}


def alternate(round_index: int, sides: list[Any]) -> list[Any]:
    """The sides in turn, rotated every round so no side always runs first."""
    shift = round_index % len(sides)
    return sides[shift:] + sides[:shift]


# -- clients and states --------------------------------------------------------------------------


def mock_client() -> Any:
    return boto3.client("gamelift", **CLIENT_KEYS)


def plain_client() -> Any:
    """A client from a botocore session without this package's handlers: what a Stubber user
    has when gl_placement_mock is not installed. Its calls are made with no mock active, so
    they pay only what importing this package costs every botocore user (one check of
    whether a mock is on)."""
    session = botocore.session.get_session()
    for spec in interception._HANDLERS:
        session.unregister(spec[0], spec[1])
    return boto3.Session(botocore_session=session).client("gamelift", **CLIENT_KEYS)


@contextmanager
def using_backend(mock: Any, backend: Any) -> Iterator[None]:
    """Make ``backend`` the active state for ``mock``. The benchmark keeps one state per size
    alive to interleave them; the public API keeps only one, so this activates ``mock`` on the
    given backend through the activation module (as ``mock.start()`` does on a fresh one)."""
    started = activation.start(mock, world=activation.World(backend))
    try:
        yield
    finally:
        activation.end(started)


def start_placement(client: Any, placement_id: str, queue: str) -> Any:
    return client.start_game_session_placement(
        PlacementId=placement_id, GameSessionQueueName=queue, MaximumPlayerSessionCount=8
    )


def start_matchmaking(client: Any, ticket_id: str, configuration: str = "five-v-five") -> Any:
    return client.start_matchmaking(
        TicketId=ticket_id,
        ConfigurationName=configuration,
        Players=[{"PlayerId": ticket_id, "PlayerAttributes": {"skill": {"N": 1000}}}],
    )


def make_matchmaking(client: Any, mock: Any) -> None:
    """``five-v-five``: a STANDALONE configuration whose matches need ten tickets; ``held``:
    the same, under ``hold_matchmaking``."""
    client.create_matchmaking_rule_set(Name="five-v-five", RuleSetBody=FIVE_V_FIVE)
    for name in ("five-v-five", "held"):
        client.create_matchmaking_configuration(
            Name=name,
            RuleSetName="five-v-five",
            RequestTimeoutSeconds=43_200,
            AcceptanceRequired=False,
            FlexMatchMode="STANDALONE",
        )
    mock.hold_matchmaking(configuration="held")


def make_queues(client: Any) -> None:
    """``waiting``: no destinations, placements stay PENDING; ``placing``: one fleet with no
    capacity limit, placements are FULFILLED on the next call."""
    client.create_game_session_queue(Name="waiting", TimeoutInSeconds=LONG_TIMEOUT)
    client.create_game_session_queue(
        Name="placing",
        TimeoutInSeconds=LONG_TIMEOUT,
        Destinations=[{"DestinationArn": FLEET_ARN}],
    )


@dataclass
class SizedState:
    """A backend holding ``size`` live placements, half PENDING and half FULFILLED."""

    size: int
    backend: Any
    ids: list[str]
    fresh: Iterator[str]


def build_state(client: Any, size: int, tag: str) -> SizedState:
    mock = mock_placement()
    with mock:
        _mock, backend = activation.current()
        make_queues(client)
        ids = []
        for index in range(size):
            placement_id = f"{tag}-{index}"
            start_placement(client, placement_id, "waiting" if index % 2 else "placing")
            ids.append(placement_id)
        client.describe_game_session_placement(PlacementId=ids[0])  # places the last ones
    fresh = (f"{tag}-stop-{n}" for n in range(10**9))
    return SizedState(size, backend, ids, fresh)


# -- 1. per call against botocore's Stubber ------------------------------------------------------


def bench_per_call(settings: Settings, results: Results) -> None:
    ours, theirs = mock_client(), plain_client()
    stubber = Stubber(theirs)
    stubber.activate()
    mock = mock_placement()
    calls: dict[str, Callable[[Any, str], Any]] = {
        "StartGameSessionPlacement": lambda c, i: start_placement(c, i, "waiting"),
        "DescribeGameSessionPlacement": lambda c, i: c.describe_game_session_placement(
            PlacementId=i
        ),
        "StopGameSessionPlacement": lambda c, i: c.stop_game_session_placement(PlacementId=i),
        "StartMatchmaking": start_matchmaking,
        "StartMatchmaking, matcher held": lambda c, i: start_matchmaking(c, f"held-{i}", "held"),
    }
    methods = {
        "StartGameSessionPlacement": "start_game_session_placement",
        "DescribeGameSessionPlacement": "describe_game_session_placement",
        "StopGameSessionPlacement": "stop_game_session_placement",
        "StartMatchmaking": "start_matchmaking",
        "StartMatchmaking, matcher held": "start_matchmaking",
    }
    times: dict[str, dict[str, list[float]]] = {
        op: {"ours": [], "stubber": []} for op in OPERATIONS
    }
    ratios: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    add_response_ns: list[float] = []
    clock = time.perf_counter_ns
    with mock:
        make_queues(ours)
        make_matchmaking(ours, mock)
        world = activation.serving()[1]  # type: ignore[index]
        # The Stubber replays exactly what the mock answers, so both clients return the same.
        canned = {}
        for operation in OPERATIONS:
            response = calls[operation](ours, "canned")
            response.pop("ResponseMetadata")
            canned[operation] = response
    # From here on the mock is on only for our calls: turned on (in the same simulated
    # service) just before each and off just after, outside the timed region, so that the
    # Stubber's calls are made with no mock active.
    for round_index in range(settings.call_rounds):
        ids = [f"call-{round_index}-{n}" for n in range(settings.calls_per_round)]
        start = clock()
        for operation in OPERATIONS:
            for _ in ids:
                stubber.add_response(methods[operation], canned[operation])
        add_response_ns.append((clock() - start) / (len(OPERATIONS) * len(ids)))
        for operation in OPERATIONS:
            call = calls[operation]
            mine: list[float] = []
            stubbed: list[float] = []
            with paused_gc():
                # One call each, in turn; who goes first alternates call by call.
                for n, placement_id in enumerate(ids):
                    if (n + round_index) % 2:
                        on = activation.start(mock, world=world)
                        t0 = clock()
                        call(ours, placement_id)
                        t1 = clock()
                        activation.end(on)
                        t2 = clock()
                        call(theirs, placement_id)
                        t3 = clock()
                        mine.append(t1 - t0)
                        stubbed.append(t3 - t2)
                    else:
                        t0 = clock()
                        call(theirs, placement_id)
                        t1 = clock()
                        on = activation.start(mock, world=world)
                        t2 = clock()
                        call(ours, placement_id)
                        t3 = clock()
                        activation.end(on)
                        stubbed.append(t1 - t0)
                        mine.append(t3 - t2)
            times[operation]["ours"] += mine
            times[operation]["stubber"] += stubbed
            ratios[operation].append(median(mine) / median(stubbed))
    stubber.assert_no_pending_responses()
    series = {}
    for operation in OPERATIONS:
        ours_us = median(times[operation]["ours"]) / 1000
        stub_us = median(times[operation]["stubber"]) / 1000
        figure = ratio_figure(ratios[operation])
        series[operation] = {"ours": ours_us, "stubber": stub_us, **figure}
        results.figures.append(
            Figure(
                key=f"call.{operation}",
                name=f"per call: {operation}",
                unit="µs",
                ours=ours_us,
                peer=stub_us,
                peer_name="Stubber",
                target=f"ours/Stubber ≤ {PER_CALL_TARGETS.get(operation, 1.25)}",
                met=figure["ratio"] <= PER_CALL_TARGETS.get(operation, 1.25),
                **figure,
            )
        )
    results.series["per_call"] = series
    results.series["stubber_add_response_us"] = median(add_response_ns) / 1000
    results.figures.append(
        Figure(
            key="call.stubber_add_response",
            name="(info) Stubber add_response, not counted above",
            unit="µs",
            ours=None,
            peer=median(add_response_ns) / 1000,
            peer_name="Stubber",
            note="what a Stubber test also pays per call, to queue the canned response",
        )
    )


# -- 2. entering and leaving the mock against moto's mock_aws() ----------------------------------


def bench_activation(settings: Settings, results: Results) -> None:
    if importlib.util.find_spec("moto") is None:
        results.figures.append(
            Figure(
                key="activation",
                name="enter+exit: mock_placement() vs moto mock_aws()",
                unit="µs",
                ours=None,
                target="moto/ours ≥ 50",
                note="moto is not installed",
            )
        )
        return
    from moto import mock_aws

    def ours(_: int) -> None:
        with mock_placement():
            pass

    def moto(_: int) -> None:
        with mock_aws():
            pass

    for warm in (ours, moto):  # first activations import and build caches
        for _ in range(3):
            warm(0)
    samples: dict[str, list[float]] = {"ours": [], "moto": []}
    for round_index in range(settings.activation_rounds):
        for side in alternate(round_index, ["ours", "moto"]):
            if side == "ours":
                batch = list(range(settings.activations_per_batch))
                samples["ours"].append(timed_batch(ours, batch))
            else:
                batch = list(range(settings.moto_activations_per_batch))
                samples["moto"].append(timed_batch(moto, batch))
    ours_us = median(samples["ours"]) / 1000
    moto_us = median(samples["moto"]) / 1000
    figure = ratio_figure([m / o for m, o in zip(samples["moto"], samples["ours"])])
    results.series["activation"] = {"ours": ours_us, "moto": moto_us, **figure}
    results.figures.append(
        Figure(
            key="activation",
            name="enter+exit: mock_placement() vs moto mock_aws()",
            unit="µs",
            ours=ours_us,
            peer=moto_us,
            peer_name="moto",
            target="moto/ours ≥ 50; ≤ 3 µs",
            met=figure["ratio"] >= 50 and ours_us <= 3,
            **figure,
        )
    )


# -- 3. cost against the number of placements held ---------------------------------------------


def bench_scaling(settings: Settings, results: Results) -> None:
    client = mock_client()
    mock = mock_placement()
    rng = random.Random(20260301)
    states = {size: build_state(client, size, f"s{size}") for size in settings.sizes}
    samples: dict[str, dict[int, list[float]]] = {
        "DescribeGameSessionPlacement": {size: [] for size in settings.sizes},
        "StopGameSessionPlacement": {size: [] for size in settings.sizes},
    }
    clock = time.perf_counter_ns
    for round_index in range(settings.scale_rounds):
        to_describe: dict[int, list[str]] = {}
        to_stop: dict[int, list[str]] = {}
        for size in settings.sizes:
            if round_index and size <= settings.rebuild_up_to:
                states[size] = build_state(client, size, f"s{size}r{round_index}")
            state = states[size]
            to_describe[size] = [rng.choice(state.ids) for _ in range(settings.describes_per_batch)]
            to_stop[size] = [next(state.fresh) for _ in range(settings.stops_per_batch)]
            with using_backend(mock, state.backend):
                for placement_id in to_stop[size]:
                    start_placement(client, placement_id, "waiting")
                client.describe_game_session_placement(PlacementId=state.ids[0])
        for operation, plan in (
            ("DescribeGameSessionPlacement", to_describe),
            ("StopGameSessionPlacement", to_stop),
        ):
            method = client.describe_game_session_placement
            if operation == "StopGameSessionPlacement":
                method = client.stop_game_session_placement
            calls: dict[int, list[float]] = {size: [] for size in settings.sizes}
            with paused_gc():
                # One call per size in turn, the order rotating call by call; switching the
                # active state happens outside the timed call.
                for n in range(len(plan[settings.sizes[0]])):
                    for size in alternate(n + round_index, list(settings.sizes)):
                        with using_backend(mock, states[size].backend):
                            placement_id = plan[size][n]
                            began = clock()
                            method(PlacementId=placement_id)
                            calls[size].append(clock() - began)
            for size in settings.sizes:
                samples[operation][size].append(median(calls[size]))
    small, large = settings.sizes[0], settings.sizes[-1]
    series: dict[str, dict[int, float]] = {}
    for operation, by_size in samples.items():
        series[operation] = {size: median(values) / 1000 for size, values in by_size.items()}
        figure = ratio_figure([b / a for a, b in zip(by_size[small], by_size[large])])
        results.figures.append(
            Figure(
                key=f"scale.{operation}",
                name=f"{operation}: {large:,} vs {small:,} placements",
                unit="µs",
                ours=series[operation][large],
                peer=series[operation][small],
                peer_name=f"at {small:,}",
                target="growth ≤ 1.25",
                met=figure["ratio"] <= 1.25,
                **figure,
            )
        )
    results.series["scaling"] = series
    del states
    gc.collect()


def bench_tick(settings: Settings, results: Results) -> None:
    """Per placement processed, the first call after many deadlines passed at once."""
    import time_machine

    client = mock_client()
    mock = mock_placement()
    sizes = list(settings.tick_sizes)
    samples: dict[int, list[float]] = {size: [] for size in sizes}
    cpu = time.thread_time_ns
    for round_index in range(settings.tick_rounds):
        with time_machine.travel(T0, tick=False) as traveller:
            # One state per size, all started at the same frozen moment, so that after the
            # clock moves the sizes are measured back to back, switching the active state.
            states: dict[int, tuple[Any, list[str]]] = {}
            for size in sizes:
                with mock_placement():
                    _mock, backend = activation.current()
                    client.create_game_session_queue(Name="ticking", TimeoutInSeconds=TICK_TIMEOUT)
                    ids = [f"tick-{round_index}-{n}" for n in range(size)]
                    for placement_id in ids:
                        start_placement(client, placement_id, "ticking")
                    client.describe_game_session_placement(PlacementId=ids[0])
                states[size] = (backend, ids)
            traveller.shift(TICK_TIMEOUT + 1)
            for size in alternate(round_index, sizes):
                backend, ids = states[size]
                with using_backend(mock, backend), paused_gc():
                    first = cpu()
                    answer = client.describe_game_session_placement(PlacementId=ids[-1])
                    due = cpu() - first
                    # The same call with nothing due, at its fastest of five.
                    plain = []
                    for _ in range(5):
                        began = cpu()
                        client.describe_game_session_placement(PlacementId=ids[-1])
                        plain.append(cpu() - began)
                assert answer["GameSessionPlacement"]["Status"] == "TIMED_OUT"
                # Never below zero: with few placements due, timer noise can exceed the work.
                samples[size].append(max(due - min(plain), 0) / size)
            del states
    small, large = sizes[0], sizes[-1]
    series = {size: median(values) / 1000 for size, values in samples.items()}
    ratios = [b / a for a, b in zip(samples[small], samples[large]) if a > 0]
    figure = ratio_figure(ratios) if ratios else {}
    results.series["tick"] = series
    results.figures.append(
        Figure(
            key="scale.tick",
            name=f"tick, per deadline due: {large:,} vs {small:,} due at once",
            unit="µs",
            ours=series[large],
            peer=series[small],
            peer_name=f"at {small:,}",
            target="growth ≤ 1.25",
            met=figure["ratio"] <= 1.25 if figure else None,
            **figure,
        )
    )


# -- 4. import time ------------------------------------------------------------------------------


def bench_import(settings: Settings, results: Results) -> None:
    """``import gl_placement_mock`` in a fresh interpreter that already imported botocore, with
    warm bytecode caches (as after ``pip install``; kept in a temporary PYTHONPYCACHEPREFIX so the
    source tree is left alone)."""
    modules = ["gl_placement_mock"]
    if importlib.util.find_spec("moto") is not None:
        modules.append("moto")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples: dict[str, list[float]] = {module: [] for module in modules}
    with tempfile.TemporaryDirectory(prefix="gl-bench-pyc-") as cache:
        env["PYTHONPYCACHEPREFIX"] = cache

        def measure(module: str) -> float:
            out = subprocess.run(
                [sys.executable, "-c", IMPORT_SNIPPET.format(module=module)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            return float(out.stdout.strip().splitlines()[-1])

        for module in modules:
            measure(module)  # writes the bytecode caches
        for round_index in range(settings.import_rounds):
            for module in alternate(round_index, modules):
                samples[module].append(measure(module))
    ours_ms = median(samples["gl_placement_mock"]) / 1e6
    moto_ms = median(samples["moto"]) / 1e6 if "moto" in samples else None
    figure: dict[str, Any] = {}
    if "moto" in samples:
        figure = ratio_figure(
            [o / m for o, m in zip(samples["gl_placement_mock"], samples["moto"])]
        )
    results.series["import"] = {"ours": ours_ms, "moto": moto_ms}
    results.figures.append(
        Figure(
            key="import",
            name="import gl_placement_mock after botocore",
            unit="ms",
            ours=ours_ms,
            peer=moto_ms,
            peer_name="import moto",
            target="≤ 8 ms",
            met=ours_ms <= 8,
            **figure,
        )
    )


# -- 5. memory per placement ---------------------------------------------------------------------


def bench_memory(settings: Settings, results: Results) -> None:
    client = mock_client()
    count = settings.memory_placements
    per_kind: dict[str, float] = {}
    with mock_placement():  # first calls fill botocore's and the validators' caches
        make_queues(client)
        for n in range(4):
            start_placement(client, f"warm-{n}", "waiting" if n % 2 else "placing")
            client.describe_game_session_placement(PlacementId=f"warm-{n}")
    tracemalloc.start()
    try:
        for kind, queue in (("pending", "waiting"), ("fulfilled", "placing")):
            with mock_placement():
                make_queues(client)
                ids = [f"mem-{n}" for n in range(count)]
                start_placement(client, "first", queue)
                client.describe_game_session_placement(PlacementId="first")
                gc.collect()
                before = tracemalloc.get_traced_memory()[0]
                for placement_id in ids:
                    start_placement(client, placement_id, queue)
                client.describe_game_session_placement(PlacementId=ids[-1])
                gc.collect()
                after = tracemalloc.get_traced_memory()[0]
                per_kind[kind] = (after - before) / count
    finally:
        tracemalloc.stop()
    mixed = (per_kind["pending"] + per_kind["fulfilled"]) / 2
    results.series["memory"] = dict(per_kind, mixed=mixed)
    for kind, value in (("half pending, half fulfilled", mixed), *per_kind.items()):
        results.figures.append(
            Figure(
                key=f"memory.{kind.split(',')[0].replace(' ', '_')}",
                name=f"memory per placement held: {kind}",
                unit="KiB",
                ours=value / 1024,
                target="report; keep small",
                note="tracemalloc: all the mock keeps for it (events, transitions, sessions)",
            )
        )


# -- 6. memory per recorded call -----------------------------------------------------------------


def bench_call_memory(settings: Settings, results: Results) -> None:
    """What ``mock.calls`` keeps per answered call: DescribeGameSessionPlacement of one placement
    changes no state, so all it adds is its record. With ``max_calls`` the growth stops."""
    client = mock_client()
    count = settings.memory_placements * 2
    per_call: dict[str, float] = {}
    tracemalloc.start()
    try:
        for kind, max_calls in (("kept", None), ("bounded", 100)):
            with mock_placement(max_calls=max_calls):
                make_queues(client)
                start_placement(client, "only", "placing")
                for _ in range(200):  # caches, and fills the bounded log
                    client.describe_game_session_placement(PlacementId="only")
                gc.collect()
                before = tracemalloc.get_traced_memory()[0]
                for _ in range(count):
                    client.describe_game_session_placement(PlacementId="only")
                gc.collect()
                after = tracemalloc.get_traced_memory()[0]
                per_call[kind] = (after - before) / count
    finally:
        tracemalloc.stop()
    results.series["call_memory"] = per_call
    results.figures.append(
        Figure(
            key="memory.per_call",
            name="memory per recorded call (mock.calls)",
            unit="KiB",
            ours=per_call["kept"] / 1024,
            target="report; keep small",
            note="tracemalloc: DescribeGameSessionPlacement, every call kept (the default)",
        )
    )
    results.figures.append(
        Figure(
            key="memory.per_call_bounded",
            name="memory per call with mock_placement(max_calls=100)",
            unit="KiB",
            ours=per_call["bounded"] / 1024,
            target="≈ 0: only the most recent 100 kept",
            met=per_call["bounded"] < 64,
        )
    )


# -- report --------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    moto_version = "not installed"
    if importlib.util.find_spec("moto") is not None:
        from importlib.metadata import version

        moto_version = version("moto")
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "botocore": botocore.__version__,
        "boto3": boto3.__version__,
        "moto": moto_version,
        "gl_placement_mock": gl_placement_mock.__version__,
    }


def fmt(value: Optional[float], unit: str = "") -> str:
    if value is None:
        return "—"
    digits = 2 if value < 10 else 1 if value < 1000 else 0
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".rstrip()


def rows(results: Results) -> list[list[str]]:
    table = []
    for figure in results.figures:
        peer = fmt(figure.peer, figure.unit)
        if figure.peer is not None and figure.peer_name:
            peer = f"{peer} ({figure.peer_name})"
        ratio = "—" if figure.ratio is None else f"{figure.ratio:.2f}x"
        spread = "—"
        if figure.spread is not None:
            spread = f"{figure.spread[0]:.2f}–{figure.spread[1]:.2f}"  # noqa: RUF001
        table.append(
            [
                figure.name,
                fmt(figure.ours, figure.unit),
                peer,
                ratio,
                spread,
                figure.target or "—",
                figure.status,
            ]
        )
    return table


HEADER = [
    "figure",
    "ours (median)",
    "peer or baseline (median)",
    "ratio (median of rounds)",
    "spread (lowest–highest round)",  # noqa: RUF001
    "target",
    "result",
]


def print_report(results: Results) -> None:
    table = [HEADER, *rows(results)]
    widths = [max(len(row[col]) for row in table) for col in range(len(HEADER))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
    for figure in results.figures:
        if figure.status == "SKIPPED":
            print(f"{figure.name}: SKIPPED ({figure.note})")


def markdown(results: Results) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines)


def _listing(values: list[float], template: str = "{:.1f}") -> str:
    texts = [template.format(value) for value in values]
    return ", ".join(texts[:-1]) + " and " + texts[-1]


def docs_section(results: Results, wall_seconds: float, load: str) -> str:
    """The generated part of docs/benchmarks.md: machine, figures, intermediate sizes."""
    m = results.machine
    scaling, tick = results.series["scaling"], results.series["tick"]
    sizes, tick_sizes = sorted(scaling["DescribeGameSessionPlacement"]), sorted(tick)
    describe = [scaling["DescribeGameSessionPlacement"][n] for n in sizes]
    stop = [scaling["StopGameSessionPlacement"][n] for n in sizes]
    return "\n".join(
        [
            "## Machine",
            "",
            f"{m['cpu']}, {m['cores']} cores, {m['os']}, Python {m['python']}, "
            f"botocore {m['botocore']}, boto3 {m['boto3']}, moto {m['moto']}.",
            "",
            "## Figures",
            "",
            f"From one full run on {results.when} (`python benchmarks/run.py --update-docs`), "
            "which took "
            f"{wall_seconds:.0f} s of wall time; {load}.",
            "",
            markdown(results),
            "",
            f"The intermediate sizes, drawn in the chart: Describe {_listing(describe)} µs and "
            f"Stop {_listing(stop)} µs at {_listing(sizes, '{:,}')} placements; "
            f"the tick {_listing([tick[n] for n in tick_sizes])} µs per placement for "
            f"{_listing(tick_sizes, '{:,}')} due at once.",
            "",
            "![Benchmark chart: per-call cost against placements held and against the Stubber, "
            "tick cost, fixed costs against moto](images/benchmarks.png)",
        ]
    )


DOCS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
DOCS_CHART = DOCS_PAGE.parent / "images" / "benchmarks.png"
RESULTS_FILE = Path(__file__).resolve().parent / "results.json"  # the run behind the docs
BEGIN, END = "<!-- generated by benchmarks/run.py: begin -->", "<!-- generated: end -->"


def update_docs(section: str) -> None:
    """Replaces the generated part of docs/benchmarks.md, between its two markers."""
    text = DOCS_PAGE.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    DOCS_PAGE.write_text(f"{head}{BEGIN}\n{section}\n{END}{tail}", encoding="utf-8")


def load_average() -> str:
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run (seconds)")
    parser.add_argument("--json", metavar="PATH", help="write the figures and series as JSON")
    parser.add_argument("--chart", metavar="PATH", help="draw the chart (.png or .svg)")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument(
        "--from",
        dest="saved",
        metavar="PATH",
        help="measure nothing: report, chart and --update-docs from a run saved with --json",
    )
    parser.add_argument(
        "--compare",
        metavar="PATH",
        help="check each ratio against the spread of an earlier run saved with --json",
    )
    parser.add_argument(
        "--update-docs",
        action="store_true",
        help="rewrite the figures in docs/benchmarks.md and the chart docs/images/benchmarks.png",
    )
    args = parser.parse_args(argv)
    if args.update_docs and args.quick:
        parser.error("--update-docs needs a full run, not --quick")
    settings = QUICK if args.quick else FULL
    if args.saved:
        results, wall, load = load_results(Path(args.saved))
        print(f"gl_placement_mock benchmarks, from the run saved in {args.saved}")
        return report(args, results, wall, load)
    results = Results(settings, machine())
    began_run = time.perf_counter()
    load_before = load_average()
    print(f"gl_placement_mock benchmarks ({'quick' if settings.quick else 'full'} run)")
    print(", ".join(f"{k}: {v}" for k, v in results.machine.items()))
    print(f"load average before: {load_before}")
    steps = [
        ("per call against botocore's Stubber", bench_per_call),
        ("entering and leaving against moto", bench_activation),
        ("Describe and Stop against placements held", bench_scaling),
        ("placement tick with many deadlines due", bench_tick),
        ("import time", bench_import),
        ("memory per placement", bench_memory),
        ("memory per recorded call", bench_call_memory),
    ]
    for title, step in steps:
        began = time.perf_counter()
        step(settings, results)
        print(f"  measured {title} ({time.perf_counter() - began:.1f} s)", flush=True)
    wall = time.perf_counter() - began_run
    load = f"load average (1, 5, 15 min) {load_before} before and {load_average()} after"
    print(f"run took {wall:.1f} s of wall time; {load}")
    return report(args, results, wall, load)


def load_results(path: Path) -> tuple[Results, float, str]:
    """A run saved with --json, as the Results it was made from."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    settings = Settings(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in saved["settings"].items()}
    )
    results = Results(settings, saved["machine"], when=saved["when"])
    for fields in saved["figures"]:
        fields = {k: v for k, v in fields.items() if k != "status"}
        if fields.get("spread") is not None:
            fields["spread"] = tuple(fields["spread"])
        results.figures.append(Figure(**fields))
    series = saved["series"]
    series["scaling"] = {
        op: {int(n): v for n, v in by.items()} for op, by in series["scaling"].items()
    }
    series["tick"] = {int(n): v for n, v in series["tick"].items()}
    results.series = series
    return results, saved["wall_seconds"], saved["load"]


def report(args: argparse.Namespace, results: Results, wall: float, load: str) -> int:
    """Prints the figures and writes whatever the options ask for."""
    settings = results.settings
    print()
    print_report(results)
    if args.markdown:
        print()
        print(markdown(results))
    payload = {
        "when": results.when,
        "settings": asdict(settings),
        "machine": results.machine,
        "wall_seconds": wall,
        "load": load,
        "figures": [dict(asdict(f), status=f.status) for f in results.figures],
        "series": results.series,
    }
    if args.json:
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    chart = str(DOCS_CHART) if args.update_docs else args.chart
    if chart:
        if importlib.util.find_spec("matplotlib") is None:
            print("chart not drawn: matplotlib is not installed (pip install '.[bench]')")
        else:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from chart import draw

            draw(results.series, results.machine, chart)
            print(f"chart written to {chart}")
    if args.update_docs:
        update_docs(docs_section(results, wall, load))
        RESULTS_FILE.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"figures written to {DOCS_PAGE} and {RESULTS_FILE}")
    if args.compare:
        print()
        compare(results, json.loads(Path(args.compare).read_text(encoding="utf-8")))
    return 0


def compare(results: Results, earlier: dict[str, Any]) -> None:
    """Prints whether each ratio of this run lies within the spread an earlier run stated (at
    the two decimals both print)."""
    spreads = {f["key"]: f["spread"] for f in earlier["figures"] if f.get("spread")}
    if earlier.get("settings") != json.loads(json.dumps(asdict(results.settings))):
        print("note: the earlier run used other settings (quick or full), so this says little")
    print(f"this run's ratios against the spreads of {earlier.get('when', 'the earlier run')}:")
    for figure in results.figures:
        if figure.ratio is None or figure.key not in spreads:
            continue
        low, high = (round(value, 2) for value in spreads[figure.key])
        verdict = "within" if low <= round(figure.ratio, 2) <= high else "OUTSIDE"
        print(f"  {figure.name}: {figure.ratio:.2f}x, stated {low:.2f}–{high:.2f}: {verdict}")  # noqa: RUF001


if __name__ == "__main__":
    raise SystemExit(main())
